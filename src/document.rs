//! The result of analysing one text, and its JSON form (SCHEMA.md section 2).

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::names::lexicon::FxMap;
use crate::span::{CharIndex, Span};

/// The `Arc<str>` of a string of the library's own (a cue's lemma, a label), made once
/// per thread: the documents analysed on a thread share it, so it is not allocated and
/// freed again for each of them. A `'static` string keeps its address and length for
/// good, so they are the key. Outside the thread's life (while its locals are dropped)
/// a string of its own is made.
pub(crate) fn static_arc(s: &'static str) -> Arc<str> {
    thread_local! {
        static MADE: RefCell<FxMap<(usize, usize), Arc<str>>> = RefCell::default();
    }
    let key = (s.as_ptr() as usize, s.len());
    MADE.try_with(|made| match made.try_borrow_mut() {
        Ok(mut made) => made.entry(key).or_insert_with(|| Arc::from(s)).clone(),
        Err(_) => Arc::from(s),
    })
    .unwrap_or_else(|_| Arc::from(s))
}

/// What kind of token a [`Token`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, digits inside words, clitics such as `n't` and `'s`, abbreviations ("U.S.").
    #[default]
    Word,
    /// Numbers, with separators, decimals, percentages, dates and times.
    Number,
    /// Punctuation, including runs such as `...` and `?!`.
    Punct,
    /// Symbols: currency, math, emoji, emoticons.
    Symbol,
    /// A URL, whole.
    Url,
    /// An e-mail address, whole.
    Email,
    /// A social-media `@handle`.
    Handle,
    /// A `#hashtag`.
    Hashtag,
}

impl TokenKind {
    /// The name used in JSON (`"word"`, `"number"`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Handle => "handle",
            TokenKind::Hashtag => "hashtag",
        }
    }
}

/// One token: a syntactic word in the Universal Dependencies sense by default
/// ("don't" is `do` + `n't`), or a whole surface token when clitics are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// Byte offsets into the input.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
    /// True when this word continues the previous one inside a single surface token
    /// ("n't" in "don't", "'s" in "Turkey's"): no space or punctuation separates them.
    pub joined: bool,
}

/// One sentence: byte offsets into the input and the range of its tokens in
/// [`Document::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offsets into the input.
    pub span: Span,
    /// Indices of its tokens.
    pub tokens: Range<usize>,
}

/// One paragraph: byte offsets into the input and the range of its sentences in
/// [`Document::sentences`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte offsets into the input.
    pub span: Span,
    /// Indices of its sentences.
    pub sentences: Range<usize>,
}

/// Where an [`Entity`] mention came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntitySource {
    /// A gazetteer entry matched.
    Gazetteer,
    /// A proper name found from its shape (capitalization, first names, titles).
    Name,
    /// A partial mention ("Lavrov") joined to an earlier full name ("Sergei Lavrov").
    Coref,
}

impl EntitySource {
    /// The name used in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            EntitySource::Gazetteer => "gazetteer",
            EntitySource::Name => "name",
            EntitySource::Coref => "coref",
        }
    }
}

/// A named entity mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Byte offsets of the mention in the input.
    pub span: Span,
    /// `PERSON`, `ORG`, `GPE`, `LOC`, `NORP`, or a gazetteer's own label.
    pub label: Arc<str>,
    /// The entity id (from a gazetteer), if known. When several entries share the
    /// matched alias this is the best ranked; all of them are in `candidates`.
    pub id: Option<Arc<str>>,
    /// The canonical name: the entry's name, or the longest name of the mention's cluster.
    pub canonical: Arc<str>,
    /// Where the mention came from.
    pub source: EntitySource,
    /// Every entry id the matched alias belongs to, best first (empty or one id when unambiguous).
    pub candidates: Vec<Arc<str>>,
}

/// Kind of a [`Quote`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuoteKind {
    /// The content is wholly inside quotation marks.
    Direct,
    /// Partly quoted: `X said the plan was "dead on arrival"`.
    Mixed,
    /// Reported speech without quotation marks: `X said (that) ...`.
    Indirect,
}

impl QuoteKind {
    /// The name used in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// How a speaker was resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Via {
    /// Named next to the cue.
    Explicit,
    /// A pronoun resolved to an earlier person.
    Pronoun,
    /// A partial name resolved to an earlier full name.
    Coref,
    /// From the surrounding text: a continuing paragraph, turn-taking, a nearby sentence.
    Context,
}

impl Via {
    /// The name used in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Explicit => "explicit",
            Via::Pronoun => "pronoun",
            Via::Coref => "coref",
            Via::Context => "context",
        }
    }
}

/// The reporting expression of a quote: "said", "told reporters", "according to".
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    /// Byte offsets into the input.
    pub span: Span,
    /// The lemma: `"say"` for "said".
    pub lemma: Arc<str>,
}

/// Who said a quote.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// The speaker's words in the text: "she", "Lavrov", "a spokesman" (byte offsets).
    pub mention: Span,
    /// The resolved name, after pronoun and name resolution.
    pub canonical: Arc<str>,
    /// The entity id, when the speaker matched a gazetteer entry.
    pub id: Option<Arc<str>>,
    /// `PERSON`, `ORG`, ...
    pub label: Arc<str>,
    /// The speaker's role or title: "Russian Foreign Minister" (byte offsets).
    pub role: Option<Span>,
    /// How the speaker was found.
    pub via: Via,
}

/// A quotation and its attribution.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The whole quotation, marks included (byte offsets).
    pub span: Span,
    /// The reported words, marks excluded; several spans for a split quote.
    pub content: Vec<Span>,
    /// The reporting cue, if any.
    pub cue: Option<Cue>,
    /// The speaker, if one was found.
    pub speaker: Option<Speaker>,
    /// How sure the attribution is, from 0 to 1.
    pub confidence: f32,
    /// Short name of the rule that attributed it.
    pub rule: &'static str,
}

/// Everything found in one text. All spans are byte offsets into that text; the
/// [`CharIndex`] converts them to char offsets. Arrays are sorted by start offset.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Paragraphs, separated by blank lines.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Tokens (syntactic words by default).
    pub tokens: Vec<Token>,
    /// Entity mentions.
    pub entities: Vec<Entity>,
    /// Quotes with their speakers.
    pub quotes: Vec<Quote>,
    /// Byte-to-char offset conversion for the analysed text.
    pub char_index: CharIndex,
}

impl Document {
    /// The JSON object of SCHEMA.md section 2 for this document.
    /// `text` must be the text that was analysed; `name` goes in the `"doc"` field.
    ///
    /// ```
    /// let pipeline = whosaid::Pipeline::new();
    /// let text = "Paris is big.";
    /// let doc = pipeline.analyze(text);
    /// let json = doc.to_json(text, "-", false);
    /// assert!(json.starts_with(r#"{"doc":"-","paragraphs":[{"char_start":0,"#));
    /// ```
    #[must_use]
    pub fn to_json(&self, text: &str, name: &str, with_tokens: bool) -> String {
        serde_json::to_string(&self.json(text, name, with_tokens))
            .expect("serializing a document to a string cannot fail")
    }

    /// A [`Serialize`] view of the JSON object, for `serde_json::to_writer` and pretty printing.
    #[must_use]
    pub fn json<'a>(&'a self, text: &'a str, name: &'a str, with_tokens: bool) -> DocumentJson<'a> {
        DocumentJson { doc: self, text, name, with_tokens }
    }
}

/// The JSON form of a [`Document`] (SCHEMA.md section 2), made by [`Document::json`].
pub struct DocumentJson<'a> {
    doc: &'a Document,
    text: &'a str,
    name: &'a str,
    with_tokens: bool,
}

/// A span as JSON: char and byte offsets and the covered text.
#[derive(Serialize)]
struct SpanOut<'a> {
    char_start: usize,
    char_end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    #[serde(flatten)]
    span: SpanOut<'a>,
    kind: &'static str,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    #[serde(flatten)]
    span: SpanOut<'a>,
    label: &'a str,
    id: Option<&'a str>,
    canonical: &'a str,
    source: &'static str,
    #[serde(skip_serializing_if = "candidates_are_trivial")]
    candidates: Vec<&'a str>,
}

fn candidates_are_trivial(ids: &[&str]) -> bool {
    ids.len() < 2
}

#[derive(Serialize)]
struct CueOut<'a> {
    #[serde(flatten)]
    span: SpanOut<'a>,
    lemma: &'a str,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    mention: SpanOut<'a>,
    canonical: &'a str,
    id: Option<&'a str>,
    label: &'a str,
    role: Option<SpanOut<'a>>,
    via: &'static str,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    kind: &'static str,
    span: SpanOut<'a>,
    content: Vec<SpanOut<'a>>,
    cue: Option<CueOut<'a>>,
    speaker: Option<SpeakerOut<'a>>,
    confidence: f32,
    rule: &'static str,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    doc: &'a str,
    paragraphs: Vec<SpanOut<'a>>,
    sentences: Vec<SpanOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenOut<'a>>>,
    entities: Vec<EntityOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
}

impl<'a> DocumentJson<'a> {
    fn span(&self, span: Span) -> SpanOut<'a> {
        let index = &self.doc.char_index;
        SpanOut {
            char_start: index.char_offset(self.text, span.start),
            char_end: index.char_offset(self.text, span.end),
            byte_start: span.start,
            byte_end: span.end,
            text: self.text.get(span.start..span.end).unwrap_or(""),
        }
    }

    fn quote(&self, q: &'a Quote) -> QuoteOut<'a> {
        QuoteOut {
            kind: q.kind.as_str(),
            span: self.span(q.span),
            content: q.content.iter().map(|&c| self.span(c)).collect(),
            cue: q.cue.as_ref().map(|c| CueOut { span: self.span(c.span), lemma: &c.lemma }),
            speaker: q.speaker.as_ref().map(|s| SpeakerOut {
                mention: self.span(s.mention),
                canonical: &s.canonical,
                id: s.id.as_deref(),
                label: &s.label,
                role: s.role.map(|r| self.span(r)),
                via: s.via.as_str(),
            }),
            confidence: q.confidence,
            rule: q.rule,
        }
    }
}

impl Serialize for DocumentJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        DocumentOut {
            doc: self.name,
            paragraphs: doc.paragraphs.iter().map(|p| self.span(p.span)).collect(),
            sentences: doc.sentences.iter().map(|p| self.span(p.span)).collect(),
            tokens: self.with_tokens.then(|| {
                doc.tokens
                    .iter()
                    .map(|t| TokenOut { span: self.span(t.span), kind: t.kind.as_str() })
                    .collect()
            }),
            entities: doc
                .entities
                .iter()
                .map(|e| EntityOut {
                    span: self.span(e.span),
                    label: &e.label,
                    id: e.id.as_deref(),
                    canonical: &e.canonical,
                    source: e.source.as_str(),
                    candidates: e.candidates.iter().map(|c| &**c).collect(),
                })
                .collect(),
            quotes: doc.quotes.iter().map(|q| self.quote(q)).collect(),
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_static_string_is_made_once_per_thread() {
        static SAY: &str = "say";
        let (a, b) = (static_arc(SAY), static_arc(SAY));
        assert!(Arc::ptr_eq(&a, &b));
        let elsewhere = std::thread::spawn(|| static_arc(SAY)).join().expect("thread runs");
        assert_eq!(&*elsewhere, "say");
        assert!(!Arc::ptr_eq(&a, &elsewhere));
    }
}
