//! Tokens, sentences and paragraphs in one pass over the text.

use crate::document::{Paragraph, Sentence, Token, TokenKind};
use crate::span::Span;

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
    let _ = options;
    let mut seg = Segmentation::default();
    let mut para_start: Option<usize> = None;
    let mut sent_start: Option<(usize, usize)> = None;
    let mut last_end = 0;
    let mut newlines = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            continue;
        }
        if newlines >= 2 {
            close_sentence(&mut seg, &mut sent_start, last_end);
            close_paragraph(&mut seg, &mut para_start, last_end);
        }
        newlines = 0;
        let mut end = i + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() || (d == '.' && text[i..j].len() == 1) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else {
            TokenKind::Punct
        };
        para_start.get_or_insert(i);
        sent_start.get_or_insert((i, seg.tokens.len()));
        seg.tokens.push(Token { span: Span::new(i, end), kind, joined: false });
        last_end = end;
        if matches!(c, '.' | '!' | '?') {
            close_sentence(&mut seg, &mut sent_start, last_end);
        }
    }
    close_sentence(&mut seg, &mut sent_start, last_end);
    close_paragraph(&mut seg, &mut para_start, last_end);
    seg
}

fn close_sentence(seg: &mut Segmentation, start: &mut Option<(usize, usize)>, end: usize) {
    if let Some((byte, token)) = start.take() {
        seg.sentences
            .push(Sentence { span: Span::new(byte, end), tokens: token..seg.tokens.len() });
    }
}

fn close_paragraph(seg: &mut Segmentation, start: &mut Option<usize>, end: usize) {
    if let Some(byte) = start.take() {
        let first = seg.paragraphs.last().map_or(0, |p| p.sentences.end);
        seg.paragraphs
            .push(Paragraph { span: Span::new(byte, end), sentences: first..seg.sentences.len() });
    }
}
