//! Sentence and paragraph boundaries, decided over the token sequence.

use super::abbrev::{self, Abbrev};
use super::Segmentation;
use crate::document::{Paragraph, Sentence, Token, TokenKind};
use crate::normalize::line_breaks_at;
use crate::span::Span;

/// A token that may end a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Terminal {
    /// ".", "!", "?" and runs of them ("?!", "!!").
    Stop,
    /// "..." or "…": ends a sentence only before a capitalized word.
    Ellipsis,
    /// A word with its abbreviation period ("Inc.", "U.S.", "Mr.").
    Abbrev(Abbrev),
}

/// How many tokens past a candidate a decision may look at: up to four closing quotes
/// or brackets, four footnote marks of three tokens each, and two more tokens.
pub(crate) const LOOKAHEAD: usize = 24;

/// Sentence and paragraph splitting in progress. The scanner feeds it, in ascending
/// order, the only tokens that can end a sentence: those that may be terminal
/// punctuation or abbreviations, those followed by a line break, and the last token.
/// It decides while their tokens are still in the cache.
#[derive(Debug, Default)]
pub(crate) struct Splitter {
    /// First token of the current sentence.
    first: usize,
    /// First sentence of the current paragraph.
    para_first: usize,
    /// First token not yet decided.
    next: usize,
}

impl Splitter {
    /// Decides whether a sentence (and a paragraph) ends at token `candidate` of `text`,
    /// or just after its closing quotes and footnote marks. `seg.tokens` holds
    /// [`LOOKAHEAD`] tokens past the candidate, or every token of the text.
    pub(crate) fn decide(&mut self, text: &str, seg: &mut Segmentation, candidate: usize) {
        let tokens = &seg.tokens;
        if candidate < self.next || candidate >= tokens.len() {
            return;
        }
        let cx = Context { text, tokens };
        let (last, mut ends) =
            cx.plain_stop(candidate).unwrap_or_else(|| cx.ends_at(candidate, self.first));
        let breaks = cx.line_breaks_after(last);
        let para = breaks >= 2 || last + 1 == tokens.len();
        if para || (breaks == 1 && cx.line_ends_sentence(last)) {
            ends = true;
        }
        if ends {
            let span = Span::new(tokens[self.first].span.start, tokens[last].span.end);
            seg.sentences.push(Sentence { span, tokens: self.first..last + 1 });
            self.first = last + 1;
        }
        if para {
            let start = seg.sentences[self.para_first].span.start;
            let span = Span::new(start, tokens[last].span.end);
            seg.paragraphs
                .push(Paragraph { span, sentences: self.para_first..seg.sentences.len() });
            self.para_first = seg.sentences.len();
        }
        self.next = last + 1;
    }
}

/// True when a token of `bytes` (non-empty) may end a sentence by its own text:
/// punctuation, an ellipsis, an abbreviation, a closing bracket.
#[inline]
pub(crate) fn maybe_terminal(bytes: &[u8]) -> bool {
    matches!(bytes[0], b'.' | b'!' | b'?' | b')' | b'>')
        || bytes[bytes.len() - 1] == b'.'
        || bytes.starts_with("…".as_bytes())
}

/// The text and tokens a decision reads.
struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Context<'_> {
    fn str(&self, k: usize) -> &str {
        self.tokens[k].span.as_str(self.text)
    }

    /// Where the sentence from token `first` ends if not before `k`, a candidate: the
    /// last token of the end and whether the sentence ends there (before line breaks).
    fn ends_at(&self, k: usize, first: usize) -> (usize, bool) {
        match self.terminal(k) {
            Some(term) => {
                let closed = self.closers_after(k);
                let last = self.citations_after(closed, term == Terminal::Stop);
                (last, self.ends_after(term, last + 1, closed > k))
            }
            None => (k, self.ends_line_like(first, k)),
        }
    }

    /// The common ends that [`Context::ends_at`] would find at token `k`, read without
    /// strings: a lone ".", "!" or "?" before a word, or before punctuation after a space
    /// other than a bracket, comma, semicolon or stop (an opening quotation mark, a
    /// dash), which no closing mark, footnote or emoticon can follow and which a
    /// sentence always ends at; or such a stop and a closing quotation mark, then a
    /// space and a word, where the sentence ends unless the word is in lower case.
    fn plain_stop(&self, k: usize) -> Option<(usize, bool)> {
        let (stop, next) = (self.tokens.get(k)?, self.tokens.get(k + 1)?);
        let bytes = self.text.as_bytes();
        if stop.kind != TokenKind::Punct
            || stop.span.len() != 1
            || !matches!(bytes[stop.span.start], b'.' | b'!' | b'?')
        {
            return None;
        }
        let spaced = next.span.start > stop.span.end;
        match next.kind {
            TokenKind::Word => Some((k, true)),
            TokenKind::Punct if spaced => {
                (!matches!(bytes[next.span.start], b'[' | b',' | b';' | b'.')).then_some((k, true))
            }
            TokenKind::Punct
                if matches!(&bytes[next.span.start..next.span.end], b"\"" | b"\xE2\x80\x9D") =>
            {
                let after = self.tokens.get(k + 2)?;
                let first = bytes[after.span.start];
                (after.kind == TokenKind::Word && after.span.start > next.span.end && first < 0x80)
                    .then_some((k + 1, !first.is_ascii_lowercase()))
            }
            _ => None,
        }
    }

    /// Whether token `k` can end a sentence, and how.
    fn terminal(&self, k: usize) -> Option<Terminal> {
        let token = self.tokens[k];
        let s = self.str(k);
        if !maybe_terminal(s.as_bytes()) {
            return None;
        }
        match token.kind {
            TokenKind::Punct if s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…')) => {
                let ellipsis = s.chars().all(|c| matches!(c, '.' | '…')) && s != ".";
                if ellipsis && self.leads_next(k) {
                    None
                } else if ellipsis {
                    Some(Terminal::Ellipsis)
                } else {
                    Some(Terminal::Stop)
                }
            }
            TokenKind::Word if s.len() > 1 && s.ends_with('.') => {
                let next_is_digit =
                    || self.tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number);
                abbrev::lookup(&s[..s.len() - 1], next_is_digit).map(Terminal::Abbrev)
            }
            _ => None,
        }
    }

    /// Whether the sentence from token `first` ends at token `k`, a closing bracket or
    /// a comma, before a capitalized word: a parenthesized sentence or source ("(BBC)
    /// The"), a greeting or sign-off ("Hi, Yes", "Best regards, Jane"), an e-mail header
    /// address ("<jo@example.com> The").
    fn ends_line_like(&self, first: usize, k: usize) -> bool {
        let next_upper = || self.first_char_after(k + 1).is_none_or(char::is_uppercase);
        let spaced = self.tokens.get(k + 1).is_none_or(|t| t.span.start > self.tokens[k].span.end);
        match self.str(k) {
            ")" => first < k && self.str(first) == "(" && spaced && next_upper(),
            "," => k - first <= 3 && abbrev::is_salutation(self.str(first)) && next_upper(),
            ">" => {
                k >= first + 2
                    && self.tokens[k - 1].kind == TokenKind::Email
                    && self.str(k - 2) == "<"
                    && next_upper()
            }
            _ => false,
        }
    }

    /// True when token `k` is written against the next token but apart from the
    /// previous one, as a leading ellipsis ("...Now comes the fun part").
    fn leads_next(&self, k: usize) -> bool {
        let start = self.tokens[k].span.start;
        let spaced_before = k == 0 || self.tokens[k - 1].span.end < start;
        let next_adjacent =
            self.tokens.get(k + 1).is_some_and(|t| t.span.start == self.tokens[k].span.end);
        spaced_before && next_adjacent
    }

    /// The last of the closing quotes and brackets written right after token `k`
    /// (`k` itself when there are none).
    fn closers_after(&self, start: usize) -> usize {
        let mut k = start;
        while k < start + 4
            && k + 1 < self.tokens.len()
            && self.tokens[k + 1].span.start == self.tokens[k].span.end
            && matches!(
                self.str(k + 1),
                "\"" | "'" | "”" | "’" | "»" | "›" | ")" | "]" | "}" | "''"
            )
        {
            k += 1;
        }
        k
    }

    /// The last token of the footnote marks and emoticons following token `k` ("\[17\]",
    /// "[...]", ":)", or, after a full stop when `bare`, a number before a capitalized
    /// word), `k` itself when there are none.
    fn citations_after(&self, mut k: usize, bare: bool) -> usize {
        let is = |i: usize, want: &str| i < self.tokens.len() && self.str(i) == want;
        for _ in 0..4 {
            if is(k + 1, "[") && is(k + 3, "]") {
                let inner = self.tokens[k + 2];
                let s = self.str(k + 2);
                if inner.kind == TokenKind::Number || matches!(s, "..." | "…") {
                    k += 3;
                    continue;
                }
            }
            let emoticon = k + 1 < self.tokens.len()
                && self.tokens[k + 1].kind == TokenKind::Symbol
                && matches!(
                    self.text.as_bytes()[self.tokens[k + 1].span.start],
                    b':' | b';' | b'='
                );
            if emoticon {
                k += 1;
                continue;
            }
            let footnote = bare
                && k + 2 < self.tokens.len()
                && self.tokens[k + 1].kind == TokenKind::Number
                && self.tokens[k + 1].span.len() <= 2
                && self.line_breaks_after(k) == 0
                && self.str(k + 2).chars().next().is_some_and(char::is_uppercase);
            return if footnote { k + 1 } else { k };
        }
        k
    }

    /// Whether a sentence ends before token `next`, after a terminal `term` that
    /// was followed by closing quotes or brackets when `closed`.
    fn ends_after(&self, term: Terminal, next: usize, closed: bool) -> bool {
        let Some(first) = self.first_char_after(next) else {
            return true;
        };
        let upper = first.is_uppercase();
        match term {
            Terminal::Stop => {
                let s = self.str(next);
                !(matches!(s, "," | ";" | "." | "...") || closed && first.is_lowercase())
            }
            Terminal::Ellipsis => upper,
            Terminal::Abbrev(Abbrev::Inner) => false,
            // "Inc. (CPS)": a bracket after an abbreviation does not start a sentence.
            Terminal::Abbrev(Abbrev::MayEnd) => self.str(next).starts_with(char::is_uppercase),
            Terminal::Abbrev(Abbrev::Dotted) => upper && abbrev::is_starter(self.str(next)),
        }
    }

    /// The first char of token `next`, or of the token after it when `next` is an
    /// opening quote or bracket.
    fn first_char_after(&self, next: usize) -> Option<char> {
        let s = self.tokens.get(next).map(|_| self.str(next))?;
        let opener = matches!(s, "\"" | "'" | "“" | "‘" | "(" | "[" | "«");
        if opener && next + 1 < self.tokens.len() {
            return self.str(next + 1).chars().next();
        }
        s.chars().next()
    }

    /// Number of line breaks between token `k` and the next token (or the end of text).
    /// Inline for the common gap of one byte or none.
    #[inline]
    fn line_breaks_after(&self, k: usize) -> usize {
        let start = self.tokens[k].span.end;
        let end = self.tokens.get(k + 1).map_or(self.text.len(), |t| t.span.start);
        let bytes = self.text.as_bytes();
        if end <= start + 1 {
            return usize::from(end > start && matches!(bytes[start], b'\n' | b'\r'));
        }
        line_breaks(&bytes[start..end])
    }

    /// Whether a single line break after token `k` ends a sentence: a headline, dateline
    /// or byline on its own line. Not when the next line starts in lower case or
    /// the line ends in a comma, conjunction-like punctuation or an open bracket.
    fn line_ends_sentence(&self, k: usize) -> bool {
        let Some(first) = self.tokens.get(k + 1).and_then(|_| self.str(k + 1).chars().next())
        else {
            return true;
        };
        !first.is_lowercase() && !matches!(self.str(k), "," | ";" | "(" | "-" | "&" | "/")
    }
}

/// Number of line breaks in `gap`, the bytes between two tokens.
#[inline(never)]
fn line_breaks(gap: &[u8]) -> usize {
    (0..gap.len()).map(|i| line_breaks_at(gap, i)).sum()
}

#[cfg(test)]
mod tests {
    use crate::tokenize::{segment, TokenizerOptions};

    fn sentences(text: &str) -> Vec<&str> {
        let seg = segment(text, &TokenizerOptions::default());
        seg.sentences.iter().map(|s| s.span.as_str(text)).collect()
    }

    #[test]
    fn sentence_ends() {
        let rows: &[(&str, &[&str])] = &[
            ("Mr. Lavrov arrived. He spoke.", &["Mr. Lavrov arrived.", "He spoke."]),
            ("The U.S. economy grew. It did.", &["The U.S. economy grew.", "It did."]),
            (
                "He lives in the U.S. The house is big.",
                &["He lives in the U.S.", "The house is big."],
            ),
            ("J. K. Rowling wrote it.", &["J. K. Rowling wrote it."]),
            ("It grew 3.5 percent. Good.", &["It grew 3.5 percent.", "Good."]),
            (
                "\"We will win,\" she said. Then she left.",
                &["\"We will win,\" she said.", "Then she left."],
            ),
            ("He said \"Go.\" Then he left.", &["He said \"Go.\"", "Then he left."]),
            ("\"Go!\" she said.", &["\"Go!\" she said."]),
            ("Wait... what? Yes.", &["Wait... what?", "Yes."]),
            ("It ended... Then more.", &["It ended...", "Then more."]),
            (
                "Apple Inc. makes phones. Apple Inc. The end.",
                &["Apple Inc. makes phones.", "Apple Inc.", "The end."],
            ),
            ("On Feb. 12 it rained.", &["On Feb. 12 it rained."]),
            ("(It rained.) Then it stopped.", &["(It rained.)", "Then it stopped."]),
            ("(BBC) The militants agreed.", &["(BBC)", "The militants agreed."]),
            (
                "See (file: a.pdf)(See file: b.pdf) now.",
                &["See (file: a.pdf)(See file: b.pdf) now."],
            ),
            ("At 10 a.m. (CDT) we met. Fine.", &["At 10 a.m. (CDT) we met.", "Fine."]),
            ("in the region . . . This failed.", &["in the region . . .", "This failed."]),
            ("Thanks. P.S. I moved. PS. Call me.", &["Thanks.", "P.S. I moved.", "PS. Call me."]),
            (
                "Hi, Yes it is. Best regards, Jane Doe",
                &["Hi,", "Yes it is.", "Best regards,", "Jane Doe"],
            ),
            ("Hi, he said, Bob went.", &["Hi, he said, Bob went."]),
            ("From: Jo <jo@example.com> The plan", &["From: Jo <jo@example.com>", "The plan"]),
            (
                "Headline here\nBy Jane Doe\nLONDON -- It rained.",
                &["Headline here", "By Jane Doe", "LONDON -- It rained."],
            ),
            ("one line\ncontinues here.", &["one line\ncontinues here."]),
            ("Para one\n\npara two", &["Para one", "para two"]),
        ];
        for (text, want) in rows {
            assert_eq!(sentences(text), *want, "{text}");
        }
    }

    #[test]
    fn paragraphs() {
        let text = "One. Two.\n\n  Three.\r\n\r\nFour";
        let seg = segment(text, &TokenizerOptions::default());
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| p.span.as_str(text)).collect();
        assert_eq!(paras, ["One. Two.", "Three.", "Four"]);
        assert_eq!(seg.paragraphs[0].sentences, 0..2);
        assert_eq!(seg.paragraphs[2].sentences, 3..4);
    }
}
