//! Tokens, sentences and paragraphs in one pass over the text.

mod abbrev;
mod chars;
mod sentences;
mod tokens;
mod words;

use crate::document::{Paragraph, Sentence, Token, TokenKind};
pub(crate) use words::{contractions, le_bytes};

/// Options of the tokenizer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenizerOptions {
    /// Split clitics and possessives into Universal Dependencies words ("do" + "n't").
    /// Default: `true`. With `false`, surface tokens stay whole ("don't").
    pub split_clitics: bool,
}

impl Default for TokenizerOptions {
    fn default() -> Self {
        TokenizerOptions { split_clitics: true }
    }
}

/// Tokens, sentences and paragraphs of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Paragraphs, each with the range of its sentences.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, each with the range of its tokens.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
}

/// Splits `text` into paragraphs, sentences and tokens.
///
/// ```
/// use whosaid::{segment, TokenizerOptions};
/// let text = "Mr. Lavrov arrived.\n\nHe said it.";
/// let seg = segment(text, &TokenizerOptions::default());
/// assert_eq!(seg.paragraphs.len(), 2);
/// assert_eq!(seg.sentences.len(), 2);
/// assert_eq!(seg.tokens[0].span.as_str(text), "Mr.");
/// ```
#[must_use]
pub fn segment(text: &str, options: &TokenizerOptions) -> Segmentation {
    segment_with(text, options, &mut ())
}

/// Is told of every token as the scan pushes it, in order: a later stage (the word
/// classes) reads each word while the scan has it at hand, rather than in a second pass
/// over the tokens.
pub(crate) trait TokenSink {
    /// A word of ASCII letters and digits only, `bytes[start..end]`, of at least one
    /// byte (the fast path of the scan, and words the slower paths end as such).
    /// Returns `false`, having taken nothing, when the word is one that `leave` names,
    /// for the scan's general path: a sink that looks the word up anyway tells those
    /// from the same look-up.
    fn plain_word(&mut self, bytes: &[u8], start: usize, end: usize, leave: Leave) -> bool;
    /// Any other token, `text[start..end]`, of kind `kind`.
    fn token(&mut self, text: &str, start: usize, end: usize, kind: TokenKind);
}

/// The plain words a [`TokenSink`] leaves to the scan.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Leave {
    /// The [`contractions`], which the scan then splits ("cannot" as "can" "not").
    pub contractions: bool,
    /// The [`stop_takers`], before a full stop that may belong to them ("Mr.").
    pub stop_takers: bool,
}

/// No sink: the tokens alone.
impl TokenSink for () {
    #[inline(always)]
    fn plain_word(&mut self, bytes: &[u8], start: usize, end: usize, leave: Leave) -> bool {
        // Before a full stop, the general path decides.
        let contraction = || words::multiword(bytes, start, end).is_some();
        !(leave.stop_takers || leave.contractions && contraction())
    }
    #[inline(always)]
    fn token(&mut self, _: &str, _: usize, _: usize, _: TokenKind) {}
}

/// The plain words (letters and digits) that a full stop after them may belong to, in
/// lower case: abbreviations ("Mr."), single letters (initials, "J."), and "www" (of
/// a URL, "www.example.com").
pub(crate) fn stop_takers() -> impl Iterator<Item = &'static str> {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";
    let letters = (0..LETTERS.len()).map(|i| &LETTERS[i..i + 1]);
    abbrev::words().filter(|w| !w.contains('.')).chain(letters).chain(["www"])
}

/// [`segment`], telling `sink` of each token as it is pushed.
pub(crate) fn segment_with(
    text: &str,
    options: &TokenizerOptions,
    sink: &mut impl TokenSink,
) -> Segmentation {
    // News runs to a token in four to six bytes, a sentence in a hundred, a paragraph in
    // two hundred; a few texts in twenty run to a token in four bytes, a sentence in 76,
    // a paragraph in 134 (PolNeAR): one allocation each, nearly always (a token costs a
    // copy when the tokens outgrow their room).
    let mut seg = Segmentation {
        tokens: Vec::with_capacity(text.len() / 3),
        sentences: Vec::with_capacity(text.len() / 64),
        paragraphs: Vec::with_capacity(text.len() / 128),
    };
    tokens::scan(text, options.split_clitics, &mut seg, sink);
    seg
}
