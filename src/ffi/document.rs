//! The document handle: the analysis of one text as arrays of C structs.

use std::ffi::c_char;
use std::sync::OnceLock;

use super::{
    catch, free_box, guard, handle, out_ok, string_out, utf8, whosaid_status, whosaid_str,
};
use crate::document::{
    Document, Entity, EntitySource, Quote, QuoteKind, Sentence, Token, TokenKind, Via,
};
use crate::span::{CharIndex, Span};

/// A half-open range of the analysed text, in UTF-8 bytes and in Unicode code points
/// (what Python's `str` indexes). Ends are exclusive.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_span {
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
}

impl whosaid_span {
    /// The C form of `span`, a byte span of `text`, which `index` was built from.
    pub(super) fn new(index: &CharIndex, text: &str, span: Span) -> whosaid_span {
        whosaid_span {
            byte_start: span.start,
            byte_end: span.end,
            char_start: index.char_offset(text, span.start),
            char_end: index.char_offset(text, span.end),
        }
    }
}

/// What kind of token a `whosaid_token` is.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub enum whosaid_token_kind {
    /// Letters, clitics such as "n't", abbreviations ("U.S.").
    Word = 0,
    /// Numbers, with separators, decimals, percentages, dates and times.
    Number = 1,
    /// Punctuation.
    Punct = 2,
    /// Symbols: currency, math, emoji.
    Symbol = 3,
    /// A URL.
    Url = 4,
    /// An e-mail address.
    Email = 5,
    /// A social-media `@handle`.
    Handle = 6,
    /// A `#hashtag`.
    Hashtag = 7,
}

/// One token.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_token {
    /// Where it is.
    pub span: whosaid_span,
    /// What it is.
    pub kind: whosaid_token_kind,
    /// True when it continues the previous token inside one surface word ("n't" in "don't").
    pub joined: bool,
}

/// One sentence and the range `[token_start, token_end)` of its tokens.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_sentence {
    /// Where it is.
    pub span: whosaid_span,
    /// Index of its first token.
    pub token_start: usize,
    /// One past the index of its last token.
    pub token_end: usize,
}

/// One paragraph and the range `[sentence_start, sentence_end)` of its sentences.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_paragraph {
    /// Where it is.
    pub span: whosaid_span,
    /// Index of its first sentence.
    pub sentence_start: usize,
    /// One past the index of its last sentence.
    pub sentence_end: usize,
}

/// Where an entity mention came from.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub enum whosaid_entity_source {
    /// A gazetteer entry matched.
    Gazetteer = 0,
    /// A proper name found from its shape.
    Name = 1,
    /// A partial mention joined to an earlier full name.
    Coref = 2,
}

/// A named entity mention. Strings are borrowed from the document.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_entity {
    /// Where the mention is.
    pub span: whosaid_span,
    /// `PERSON`, `ORG`, `GPE`, `LOC`, `NORP`, or a gazetteer's own label.
    pub label: whosaid_str,
    /// The gazetteer id; `ptr` is NULL when the entity has none.
    pub id: whosaid_str,
    /// The canonical name ("Sergei Lavrov" for a mention "Lavrov").
    pub canonical: whosaid_str,
    /// Where the mention came from.
    pub source: whosaid_entity_source,
    /// Every id the matched alias belongs to, best first; NULL when there are none.
    pub candidates: *const whosaid_str,
    /// Number of `candidates`.
    pub candidates_len: usize,
}

/// Kind of a quote.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub enum whosaid_quote_kind {
    /// Wholly inside quotation marks.
    Direct = 0,
    /// Partly quoted.
    Mixed = 1,
    /// Reported speech without quotation marks.
    Indirect = 2,
}

/// How a speaker was resolved.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub enum whosaid_via {
    /// Named next to the cue.
    Explicit = 0,
    /// A pronoun resolved to an earlier person.
    Pronoun = 1,
    /// A partial name resolved to an earlier full name.
    Coref = 2,
    /// From the surrounding text.
    Context = 3,
}

/// The reporting expression of a quote ("said", "told reporters").
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_cue {
    /// Where it is.
    pub span: whosaid_span,
    /// Its lemma: "say" for "said".
    pub lemma: whosaid_str,
}

/// Who said a quote. Strings are borrowed from the document.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_speaker {
    /// The speaker's words in the text: "she", "Lavrov", "a spokesman".
    pub mention: whosaid_span,
    /// The resolved name.
    pub canonical: whosaid_str,
    /// The gazetteer id; `ptr` is NULL when there is none.
    pub id: whosaid_str,
    /// `PERSON`, `ORG`, ...
    pub label: whosaid_str,
    /// The speaker's role or title ("Russian Foreign Minister"); NULL when there is none.
    pub role: *const whosaid_span,
    /// How the speaker was found.
    pub via: whosaid_via,
}

/// A quotation and its attribution. Pointers are owned by the document.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_quote {
    /// Direct, mixed or indirect.
    pub kind: whosaid_quote_kind,
    /// The whole quotation, marks included.
    pub span: whosaid_span,
    /// The reported words, marks excluded: several spans for a split quote.
    pub content: *const whosaid_span,
    /// Number of `content` spans.
    pub content_len: usize,
    /// The reporting cue; NULL when there is none.
    pub cue: *const whosaid_cue,
    /// The speaker; NULL when none was found.
    pub speaker: *const whosaid_speaker,
    /// How sure the attribution is, from 0 to 1.
    pub confidence: f32,
    /// Short name of the rule that attributed it.
    pub rule: whosaid_str,
}

/// The analysis of one text, from `whosaid_pipeline_analyze`. Its arrays and strings stay
/// valid, unchanged, until `whosaid_document_free`. Read-only: several threads may read it.
pub struct whosaid_document {
    text: String,
    doc: Document,
    /// The C structs, made on the first request for any of them: callers that only want
    /// JSON, or Python callers who never look at the tokens, do not pay for them.
    arrays: OnceLock<Arrays>,
}

/// The document's arrays of C structs.
struct Arrays {
    paragraphs: Vec<whosaid_paragraph>,
    sentences: Vec<whosaid_sentence>,
    tokens: Vec<whosaid_token>,
    entities: Vec<whosaid_entity>,
    quotes: Vec<whosaid_quote>,
    /// Heap blocks the pointers in `entities` and `quotes` point into. A `Box` never moves its
    /// contents, so pushing more boxes leaves earlier pointers valid.
    _owned: Owned,
}

// Each box's address is handed to C, so it must not move when its `Vec` grows.
#[allow(clippy::vec_box)]
#[derive(Default)]
struct Owned {
    spans: Vec<Box<[whosaid_span]>>,
    strs: Vec<Box<[whosaid_str]>>,
    cues: Vec<Box<whosaid_cue>>,
    speakers: Vec<Box<whosaid_speaker>>,
}

impl Owned {
    fn spans(&mut self, spans: Box<[whosaid_span]>) -> *const whosaid_span {
        let ptr = spans.as_ptr();
        self.spans.push(spans);
        ptr
    }
}

impl whosaid_document {
    /// Keeps `doc`, the analysis of `text`, and `text` itself, so that the borrowed
    /// `whosaid_str`s (into `doc`'s `Arc<str>`s) stay valid as long as the handle.
    pub(super) fn new(text: String, doc: Document) -> whosaid_document {
        whosaid_document { text, doc, arrays: OnceLock::new() }
    }

    fn arrays(&self) -> &Arrays {
        self.arrays.get_or_init(|| Arrays::new(&self.text, &self.doc))
    }
}

impl Arrays {
    /// Converts `doc`, the analysis of `text`, to C structs.
    fn new(text: &str, doc: &Document) -> Arrays {
        let span = |s: Span| whosaid_span::new(&doc.char_index, text, s);
        let mut owned = Owned::default();
        let paragraphs = doc
            .paragraphs
            .iter()
            .map(|p| whosaid_paragraph {
                span: span(p.span),
                sentence_start: p.sentences.start,
                sentence_end: p.sentences.end,
            })
            .collect();
        let sentences =
            doc.sentences.iter().map(|s: &Sentence| sentence(s, span(s.span))).collect();
        let tokens = doc.tokens.iter().map(|t: &Token| token(t, span(t.span))).collect();
        let entities = doc.entities.iter().map(|e| entity(e, span(e.span), &mut owned)).collect();
        let quotes = doc.quotes.iter().map(|q| quote(q, &span, &mut owned)).collect();
        Arrays { paragraphs, sentences, tokens, entities, quotes, _owned: owned }
    }
}

fn sentence(s: &Sentence, span: whosaid_span) -> whosaid_sentence {
    whosaid_sentence { span, token_start: s.tokens.start, token_end: s.tokens.end }
}

fn token(t: &Token, span: whosaid_span) -> whosaid_token {
    let kind = match t.kind {
        TokenKind::Word => whosaid_token_kind::Word,
        TokenKind::Number => whosaid_token_kind::Number,
        TokenKind::Punct => whosaid_token_kind::Punct,
        TokenKind::Symbol => whosaid_token_kind::Symbol,
        TokenKind::Url => whosaid_token_kind::Url,
        TokenKind::Email => whosaid_token_kind::Email,
        TokenKind::Handle => whosaid_token_kind::Handle,
        TokenKind::Hashtag => whosaid_token_kind::Hashtag,
    };
    whosaid_token { span, kind, joined: t.joined }
}

fn entity(e: &Entity, span: whosaid_span, owned: &mut Owned) -> whosaid_entity {
    let candidates: Box<[whosaid_str]> = e.candidates.iter().map(|c| whosaid_str::new(c)).collect();
    let (candidates, candidates_len) = if candidates.is_empty() {
        (std::ptr::null(), 0)
    } else {
        let ptr = (candidates.as_ptr(), candidates.len());
        owned.strs.push(candidates);
        ptr
    };
    whosaid_entity {
        span,
        label: whosaid_str::new(&e.label),
        id: whosaid_str::opt(e.id.as_deref()),
        canonical: whosaid_str::new(&e.canonical),
        source: match e.source {
            EntitySource::Gazetteer => whosaid_entity_source::Gazetteer,
            EntitySource::Name => whosaid_entity_source::Name,
            EntitySource::Coref => whosaid_entity_source::Coref,
        },
        candidates,
        candidates_len,
    }
}

fn quote(q: &Quote, span: &impl Fn(Span) -> whosaid_span, owned: &mut Owned) -> whosaid_quote {
    let content: Box<[whosaid_span]> = q.content.iter().map(|&c| span(c)).collect();
    let content_len = content.len();
    let content = owned.spans(content);
    let cue = q.cue.as_ref().map_or(std::ptr::null(), |c| {
        let cue = Box::new(whosaid_cue { span: span(c.span), lemma: whosaid_str::new(&c.lemma) });
        let ptr: *const whosaid_cue = &*cue;
        owned.cues.push(cue);
        ptr
    });
    let speaker = q.speaker.as_ref().map_or(std::ptr::null(), |s| {
        let role = s.role.map_or(std::ptr::null(), |r| owned.spans(Box::new([span(r)])));
        let speaker = Box::new(whosaid_speaker {
            mention: span(s.mention),
            canonical: whosaid_str::new(&s.canonical),
            id: whosaid_str::opt(s.id.as_deref()),
            label: whosaid_str::new(&s.label),
            role,
            via: match s.via {
                Via::Explicit => whosaid_via::Explicit,
                Via::Pronoun => whosaid_via::Pronoun,
                Via::Coref => whosaid_via::Coref,
                Via::Context => whosaid_via::Context,
            },
        });
        let ptr: *const whosaid_speaker = &*speaker;
        owned.speakers.push(speaker);
        ptr
    });
    whosaid_quote {
        kind: match q.kind {
            QuoteKind::Direct => whosaid_quote_kind::Direct,
            QuoteKind::Mixed => whosaid_quote_kind::Mixed,
            QuoteKind::Indirect => whosaid_quote_kind::Indirect,
        },
        span: span(q.span),
        content,
        content_len,
        cue,
        speaker,
        confidence: q.confidence,
        rule: whosaid_str::new(q.rule),
    }
}

/// Frees a document and everything borrowed from it. NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn whosaid_document_free(doc: *mut whosaid_document) {
    // SAFETY: a handle from whosaid_pipeline_analyze, by contract.
    unsafe { free_box(doc) }
}

/// Writes `items`' length to `*len` (when `len` is not NULL) and returns a pointer to its
/// first element, valid until the document is freed (any non-NULL value when the length is 0).
/// A NULL document gives NULL and 0.
fn array<T>(
    doc: *const whosaid_document,
    len: *mut usize,
    items: fn(&whosaid_document) -> &[T],
) -> *const T {
    catch(std::ptr::null(), || {
        // SAFETY: a live document or NULL, by contract.
        let items = unsafe { doc.as_ref() }.map(items);
        if !len.is_null() {
            // SAFETY: non-NULL and valid for writes, by contract.
            unsafe { len.write(items.map_or(0, <[T]>::len)) };
        }
        items.map_or(std::ptr::null(), <[T]>::as_ptr)
    })
}

/// The analysed text (the document's own copy): returns its first byte and writes its length
/// to `*len`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_document_text(
    doc: *const whosaid_document,
    len: *mut usize,
) -> *const u8 {
    array(doc, len, |d| d.text.as_bytes())
}

/// The paragraphs, in text order: returns the first and writes their number to `*len`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_document_paragraphs(
    doc: *const whosaid_document,
    len: *mut usize,
) -> *const whosaid_paragraph {
    array(doc, len, |d| &d.arrays().paragraphs)
}

/// The sentences, in text order: returns the first and writes their number to `*len`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_document_sentences(
    doc: *const whosaid_document,
    len: *mut usize,
) -> *const whosaid_sentence {
    array(doc, len, |d| &d.arrays().sentences)
}

/// The tokens, in text order: returns the first and writes their number to `*len`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_document_tokens(
    doc: *const whosaid_document,
    len: *mut usize,
) -> *const whosaid_token {
    array(doc, len, |d| &d.arrays().tokens)
}

/// The entity mentions, in text order: returns the first and writes their number to `*len`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_document_entities(
    doc: *const whosaid_document,
    len: *mut usize,
) -> *const whosaid_entity {
    array(doc, len, |d| &d.arrays().entities)
}

/// The quotes, in text order: returns the first and writes their number to `*len`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_document_quotes(
    doc: *const whosaid_document,
    len: *mut usize,
) -> *const whosaid_quote {
    array(doc, len, |d| &d.arrays().quotes)
}

/// Writes the document's JSON object as a NUL-terminated string to `*out` (its length to
/// `*out_len` when not NULL), as `whosaid_pipeline_analyze_json` does. Free it with
/// `whosaid_string_free`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_document_to_json(
    doc: *const whosaid_document,
    name: *const u8,
    name_len: usize,
    with_tokens: bool,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        // SAFETY: a live document and a readable name, by contract.
        let (d, name) = unsafe { (handle(doc, "document")?, utf8(name, name_len, "name")?) };
        string_out(d.doc.to_json(&d.text, name, with_tokens), out, out_len);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::document::{Cue, Speaker};

    fn as_str(s: whosaid_str) -> Option<&'static str> {
        // SAFETY: the test keeps the document alive while it reads.
        (!s.ptr.is_null()).then(|| {
            std::str::from_utf8(unsafe { std::slice::from_raw_parts(s.ptr, s.len) }).unwrap()
        })
    }

    /// A document with every optional part, over non-ASCII text.
    fn hand_built(text: &str) -> Document {
        let at = |s: &str| {
            let start = text.find(s).unwrap();
            Span::new(start, start + s.len())
        };
        Document {
            entities: vec![Entity {
                span: at("Zakharová"),
                label: "PERSON".into(),
                id: Some("Q1".into()),
                canonical: "Maria Zakharová".into(),
                source: EntitySource::Gazetteer,
                candidates: vec!["Q1".into(), "Q2".into()],
            }],
            quotes: vec![Quote {
                kind: QuoteKind::Direct,
                span: at("«Да, — мы готовы»"),
                content: vec![at("Да"), at("мы готовы")],
                cue: Some(Cue { span: at("said"), lemma: Arc::from("say") }),
                speaker: Some(Speaker {
                    mention: at("Zakharová"),
                    canonical: "Maria Zakharová".into(),
                    id: None,
                    label: "PERSON".into(),
                    role: Some(at("spokeswoman")),
                    via: Via::Explicit,
                }),
                confidence: 0.75,
                rule: "quote-said-name",
            }],
            char_index: CharIndex::new(text),
            ..Document::default()
        }
    }

    #[test]
    fn entities_and_quotes_keep_every_field_with_char_offsets() {
        let text = "«Да, — мы готовы» said spokeswoman Zakharová.";
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: &whosaid_span| {
            let by_bytes = &text[s.byte_start..s.byte_end];
            assert_eq!(chars[s.char_start..s.char_end].iter().collect::<String>(), by_bytes);
            by_bytes
        };
        let doc = Arrays::new(text, &hand_built(text));
        let e = &doc.entities[0];
        assert_eq!(slice(&e.span), "Zakharová");
        assert_eq!((e.span.char_start, e.span.char_end), (35, 44));
        assert_eq!(as_str(e.label), Some("PERSON"));
        assert_eq!(as_str(e.id), Some("Q1"));
        assert_eq!(as_str(e.canonical), Some("Maria Zakharová"));
        // SAFETY: `candidates_len` strs owned by `doc`.
        let candidates = unsafe { std::slice::from_raw_parts(e.candidates, e.candidates_len) };
        let candidates: Vec<_> = candidates.iter().map(|&c| as_str(c).unwrap()).collect();
        assert_eq!(candidates, ["Q1", "Q2"]);

        let q = &doc.quotes[0];
        assert_eq!(slice(&q.span), "«Да, — мы готовы»");
        // SAFETY: `content_len` spans, a cue and a speaker, all owned by `doc`.
        let (content, cue, speaker) =
            unsafe { (std::slice::from_raw_parts(q.content, q.content_len), &*q.cue, &*q.speaker) };
        assert_eq!(content.iter().map(slice).collect::<Vec<_>>(), ["Да", "мы готовы"]);
        assert_eq!((slice(&cue.span), as_str(cue.lemma)), ("said", Some("say")));
        assert_eq!(slice(&speaker.mention), "Zakharová");
        assert_eq!(as_str(speaker.id), None);
        assert_eq!(as_str(speaker.label), Some("PERSON"));
        // SAFETY: the role span is owned by `doc`.
        assert_eq!(slice(unsafe { &*speaker.role }), "spokeswoman");
        assert!(matches!(speaker.via, whosaid_via::Explicit));
        assert_eq!((q.confidence, as_str(q.rule)), (0.75, Some("quote-said-name")));
    }

    #[test]
    fn absent_parts_are_null() {
        let text = "He said it.";
        let mut doc = hand_built("«Да, — мы готовы» said spokeswoman Zakharová.");
        doc.char_index = CharIndex::new(text);
        for q in &mut doc.quotes {
            (q.cue, q.speaker, q.span, q.content) = (None, None, Span::new(0, 2), vec![]);
        }
        for e in &mut doc.entities {
            (e.candidates, e.span) = (vec![], Span::new(3, 7));
        }
        let doc = Arrays::new(text, &doc);
        let (q, e) = (&doc.quotes[0], &doc.entities[0]);
        assert!(q.cue.is_null() && q.speaker.is_null() && q.content_len == 0);
        assert!(e.candidates.is_null() && e.candidates_len == 0);
    }
}
