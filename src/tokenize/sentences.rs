//! Sentence and paragraph boundaries, decided over the token sequence.

use super::abbrev::{self, Abbrev};
use crate::document::{Paragraph, Sentence, Token, TokenKind};
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

/// Splits the tokens of `text` into sentences and paragraphs.
pub(crate) fn split(
    text: &str,
    tokens: &[Token],
    sentences: &mut Vec<Sentence>,
    paragraphs: &mut Vec<Paragraph>,
) {
    let splitter = Splitter { text, tokens };
    let mut first = 0;
    let mut para_first = 0;
    let mut k = 0;
    while k < tokens.len() {
        let mut last = k;
        let mut ends = false;
        if let Some(term) = splitter.terminal(k) {
            let closed = splitter.closers_after(k);
            last = splitter.citations_after(closed, term == Terminal::Stop);
            ends = splitter.ends_after(term, last + 1, closed > k);
        }
        let breaks = splitter.line_breaks_after(last);
        let para = breaks >= 2 || last + 1 == tokens.len();
        if para || (breaks == 1 && splitter.line_ends_sentence(last)) {
            ends = true;
        }
        if ends {
            let span = Span::new(tokens[first].span.start, tokens[last].span.end);
            sentences.push(Sentence { span, tokens: first..last + 1 });
            first = last + 1;
        }
        if para {
            let span = Span::new(sentences[para_first].span.start, tokens[last].span.end);
            paragraphs.push(Paragraph { span, sentences: para_first..sentences.len() });
            para_first = sentences.len();
        }
        k = last + 1;
    }
}

struct Splitter<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Splitter<'_> {
    fn str(&self, k: usize) -> &str {
        self.tokens[k].span.as_str(self.text)
    }

    /// Whether token `k` can end a sentence, and how.
    fn terminal(&self, k: usize) -> Option<Terminal> {
        let token = self.tokens[k];
        let s = self.str(k);
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
                    self.tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number);
                abbrev::lookup(&s[..s.len() - 1], next_is_digit).map(Terminal::Abbrev)
            }
            _ => None,
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
    fn closers_after(&self, mut k: usize) -> usize {
        while k + 1 < self.tokens.len()
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

    /// The last token of the footnote marks following token `k` ("[17]", "[...]", or,
    /// after a full stop when `bare`, a number before a capitalized word), `k` itself
    /// when there are none.
    fn citations_after(&self, mut k: usize, bare: bool) -> usize {
        let is = |i: usize, want: &str| i < self.tokens.len() && self.str(i) == want;
        loop {
            if is(k + 1, "[") && is(k + 3, "]") {
                let inner = self.tokens[k + 2];
                let s = self.str(k + 2);
                if inner.kind == TokenKind::Number || matches!(s, "..." | "…") {
                    k += 3;
                    continue;
                }
            }
            let footnote = bare
                && k + 2 < self.tokens.len()
                && self.line_breaks_after(k) == 0
                && self.tokens[k + 1].kind == TokenKind::Number
                && self.tokens[k + 1].span.len() <= 2
                && self.str(k + 2).chars().next().is_some_and(char::is_uppercase);
            return if footnote { k + 1 } else { k };
        }
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
                !(matches!(s, "," | ";") || closed && first.is_lowercase())
            }
            Terminal::Ellipsis => upper,
            Terminal::Abbrev(Abbrev::Inner) => false,
            Terminal::Abbrev(Abbrev::MayEnd) => upper,
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
    fn line_breaks_after(&self, k: usize) -> usize {
        let start = self.tokens[k].span.end;
        let end = self.tokens.get(k + 1).map_or(self.text.len(), |t| t.span.start);
        let gap = &self.text.as_bytes()[start..end];
        let mut breaks = 0;
        for (i, &b) in gap.iter().enumerate() {
            breaks += match b {
                b'\n' => 1,
                b'\r' if gap.get(i + 1) != Some(&b'\n') => 1,
                0xE2 if gap.get(i + 1) == Some(&0x80) => match gap.get(i + 2) {
                    Some(0xA8) => 1,
                    Some(0xA9) => 2,
                    _ => 0,
                },
                _ => 0,
            };
        }
        breaks
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
