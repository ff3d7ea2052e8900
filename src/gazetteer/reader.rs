//! How the matcher reads a text: the normalized copy, or the original itself.
//!
//! Most news text is ASCII apart from typographic quotation marks, dashes,
//! no-break spaces and ellipses. Its normalized form differs from the original
//! only character by character (capitals, those marks, white-space runs, and "…",
//! whose "..." has as many bytes), so the matcher can read the original through a
//! fold and skip building the copy and mapping offsets back: that copy was a
//! quarter of the matching time. Any other character (a letter with a diacritic,
//! a ligature, a combining mark, an invisible format character) sends the whole
//! text through [`normalize`](crate::normalize()).
//!
//! Both readers give the same byte sequence to the matcher and the same token
//! boundaries, so they find the same matches; positions are in the reader's text.

use std::cell::Cell;

use crate::blocks::{self, BLOCK};
use crate::normalize::{is_ascii_space, line_breaks_at, typographic, Normalized};
use crate::span::Span;

use super::{is_word_char, WORD};

/// A text as the matcher reads it.
pub(crate) trait Reader {
    /// Every character beyond ASCII is punctuation or space (never a letter or
    /// digit), whose first byte (or each byte, for an ellipsis) [`Reader::step`] reads.
    const OTHERS_PUNCT: bool = false;

    /// The bytes that positions index.
    fn bytes(&self) -> &[u8];

    /// The normalized byte of the character at `j` and the position after it (after
    /// the whole run, for white space; the next byte, inside an ellipsis).
    fn step(&self, j: usize) -> (u8, usize);

    /// Whether the character at `i` is a word character, and its length. The scan
    /// asks only when not [`Reader::OTHERS_PUNCT`]; this default is a byte at a time,
    /// no word character beyond ASCII, as such a reader would read it.
    fn char_at(&self, i: usize) -> (bool, usize) {
        let b = self.bytes()[i];
        (b < 0x80 && WORD[b as usize], 1)
    }

    /// True when a character starts at byte `k`, or (in a plain text) `k` is a
    /// byte of an ellipsis, each read as a '.'.
    fn starts_char(&self, _k: usize) -> bool {
        true
    }

    /// True when `j` is a token boundary: not between two word characters.
    fn is_boundary(&self, j: usize) -> bool;

    /// True when the original character at `i` is known to be a lower-case ASCII
    /// letter (the normalized text has lost its case: false there).
    fn lower_at(&self, _i: usize) -> bool {
        false
    }

    /// True when `key` is the text from `start` to `end`, as [`Reader::step`] reads it.
    fn equals(&self, key: &[u8], start: usize, end: usize) -> bool {
        step_equals(self, key, start, end)
    }

    /// The original span of `start..end`; `hint` is for
    /// [`Normalized::original_offset_from`].
    fn original(&self, start: usize, end: usize, hint: &mut usize) -> Span;
}

/// [`Reader::equals`] a step at a time.
fn step_equals(reader: &(impl Reader + ?Sized), key: &[u8], start: usize, end: usize) -> bool {
    let mut j = start;
    for &b in key {
        if j >= end {
            return false;
        }
        let (c, next) = reader.step(j);
        if c != b {
            return false;
        }
        j = next;
    }
    j == end
}

/// The normalized copy of a text.
pub(crate) struct NormalizedReader<'a>(pub &'a Normalized);

impl Reader for NormalizedReader<'_> {
    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        self.0.as_str().as_bytes()
    }

    #[inline(always)]
    fn step(&self, j: usize) -> (u8, usize) {
        (self.bytes()[j], j + 1)
    }

    /// Each byte reads as itself: a slice comparison.
    #[inline]
    fn equals(&self, key: &[u8], start: usize, end: usize) -> bool {
        self.bytes().get(start..end) == Some(key)
    }

    fn char_at(&self, i: usize) -> (bool, usize) {
        let b = self.bytes()[i];
        if b < 0x80 {
            return (WORD[b as usize], 1);
        }
        let c = self.0.as_str()[i..].chars().next().unwrap_or(' ');
        (is_word_char(c), c.len_utf8())
    }

    #[inline]
    fn is_boundary(&self, i: usize) -> bool {
        let s = self.0.as_str();
        let b = s.as_bytes();
        if i == 0 || i >= b.len() {
            return true;
        }
        if b[i] < 0x80 && b[i - 1] < 0x80 {
            return !WORD[b[i] as usize] || !WORD[b[i - 1] as usize];
        }
        if !s.is_char_boundary(i) {
            // Inside a character: the walk reads other characters a byte at a
            // time, and a hash collision can bring a match test there.
            return false;
        }
        let after = if b[i] < 0x80 {
            WORD[b[i] as usize]
        } else {
            s[i..].chars().next().is_some_and(is_word_char)
        };
        let before = match b[i - 1] {
            p if p < 0x80 => WORD[p as usize],
            _ => s[..i].chars().next_back().is_some_and(is_word_char),
        };
        !after || !before
    }

    fn original(&self, start: usize, end: usize, hint: &mut usize) -> Span {
        Span::new(self.0.original_offset_from(start, hint), self.0.original_offset_from(end, hint))
    }
}

/// An original text whose only non-ASCII characters are typographic punctuation,
/// ellipses and white space (see [`PlainReader::new`]).
pub(crate) struct PlainReader<'a> {
    text: &'a str,
    /// The last white-space run measured (start, and what it reads as and its end):
    /// walks from several starts may reach the same run, and a long one is read
    /// once, not once per walk.
    last_run: Cell<(usize, (u8, usize))>,
}

impl<'a> PlainReader<'a> {
    /// The reader of `text`, or `None` when some character normalizes to other than
    /// one ASCII byte, a white-space run or (an ellipsis) as many dots as it has bytes.
    pub(crate) fn new(text: &'a str) -> Option<PlainReader<'a>> {
        let b = text.as_bytes();
        let mut i = 0;
        loop {
            // Skip ASCII 64 bytes at a time, then to the next byte that is not.
            let mut block = [0; BLOCK];
            let high = match b.get(i..i + BLOCK) {
                Some(bytes) => blocks::high(bytes.try_into().unwrap_or(&block)),
                None => {
                    block[..b.len() - i].copy_from_slice(&b[i..]);
                    blocks::high(&block)
                }
            };
            if high == 0 && i + BLOCK < b.len() {
                i += BLOCK;
                continue;
            }
            i += (high.trailing_zeros() as usize).min(b.len() - i);
            // The marks news uses most, from U+2010 to U+201F (dashes and quotation
            // marks) and the ellipsis, told by their three bytes: decoding each took
            // a hundred instructions.
            if let [0xe2, 0x80, 0x90..=0x95 | 0x98..=0x9f | 0xa6, ..] = b[i..] {
                i += 3;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                return Some(PlainReader { text, last_run: Cell::new((usize::MAX, (b' ', 0))) });
            };
            if !c.is_whitespace() && typographic(c).is_none() && c != ELLIPSIS {
                return None;
            }
            i += c.len_utf8();
        }
    }

    /// [`Reader::step`] for a character other than a printable ASCII one or a single space.
    #[inline(never)]
    fn step_other(&self, j: usize) -> (u8, usize) {
        let b = self.text.as_bytes()[j];
        if b < 0x80 && !is_ascii_space(b) {
            return (b, j + 1);
        }
        let c = match self.text.get(j..) {
            _ if b < 0x80 => ' ',
            // Inside a character: only ever an ellipsis (see `Reader::starts_char`).
            None => return (b'.', j + 1),
            Some(rest) => rest.chars().next().unwrap_or(' '),
        };
        if c == ELLIPSIS {
            return (b'.', j + 1);
        }
        match typographic(c) {
            Some(ascii) => (ascii as u8, j + c.len_utf8()),
            None => self.space_run(j),
        }
    }

    /// The run of white space at `j`, as `normalize` reads it (a space, or "\n"
    /// for a paragraph break), and its end.
    fn space_run(&self, start: usize) -> (u8, usize) {
        let (last, run) = self.last_run.get();
        if last == start {
            return run;
        }
        let b = self.text.as_bytes();
        let (mut j, mut breaks) = (start, 0);
        while j < b.len() {
            let len = if is_ascii_space(b[j]) {
                1
            } else if b[j] >= 0x80 && self.text[j..].chars().next().is_some_and(char::is_whitespace)
            {
                self.text[j..].chars().next().map_or(1, char::len_utf8)
            } else {
                break;
            };
            breaks += line_breaks_at(b, j);
            j += len;
        }
        let run = (if breaks >= 2 { b'\n' } else { b' ' }, j);
        self.last_run.set((start, run));
        run
    }
}

impl Reader for PlainReader<'_> {
    const OTHERS_PUNCT: bool = true;

    #[inline]
    fn starts_char(&self, k: usize) -> bool {
        let t = self.bytes();
        if t[k] < 0x80 || self.text.is_char_boundary(k) {
            return true;
        }
        let start = (k.saturating_sub(3)..k).rev().find(|&j| self.text.is_char_boundary(j));
        start.and_then(|j| self.text[j..].chars().next()) == Some(ELLIPSIS)
    }

    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn step(&self, j: usize) -> (u8, usize) {
        let t = self.bytes();
        let b = t[j];
        let plain = |b: u8| b > b' ' && b < 0x80;
        if plain(b) {
            return (b.to_ascii_lowercase(), j + 1);
        }
        if b == b' ' && t.get(j + 1).is_some_and(|&n| plain(n)) {
            return (b, j + 1);
        }
        self.step_other(j)
    }

    /// Most matches are printable ASCII, with single spaces between words, which
    /// read as themselves lower-cased: compared byte for byte without [`Reader::step`]
    /// (which cost twice as many instructions). Anything else takes `step`.
    #[inline]
    fn equals(&self, key: &[u8], start: usize, end: usize) -> bool {
        let t = self.bytes();
        let plain = |b: u8| b > b' ' && b < 0x80;
        if let Some(text) = t.get(start..end).filter(|text| text.len() == key.len()) {
            let last = text.len().wrapping_sub(1);
            let same = text.iter().zip(key).enumerate().all(|(i, (&b, &k))| {
                if plain(b) {
                    b.to_ascii_lowercase() == k
                } else {
                    b == b' ' && k == b' ' && i < last && plain(text[i + 1])
                }
            });
            if same {
                return true;
            }
        }
        step_equals(self, key, start, end)
    }

    #[inline(always)]
    fn lower_at(&self, i: usize) -> bool {
        self.bytes()[i].is_ascii_lowercase()
    }

    #[inline]
    fn is_boundary(&self, i: usize) -> bool {
        let b = self.bytes();
        // Every non-ASCII character here is punctuation or space.
        let word = |b: u8| b < 0x80 && WORD[b as usize];
        i == 0 || i >= b.len() || !(word(b[i]) && word(b[i - 1]))
    }

    fn original(&self, start: usize, end: usize, _hint: &mut usize) -> Span {
        // A position inside an ellipsis maps to its start, as `normalize` maps each
        // byte of its "..." (a match may end after "U.S." in "U.S…").
        let char_start = |mut i: usize| {
            while !self.text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        Span::new(char_start(start), char_start(end))
    }
}

/// "…", which normalizes to "..." of as many bytes: the plain reader reads each of
/// its bytes as a '.'.
const ELLIPSIS: char = '\u{2026}';

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn no_boundary_inside_a_character() {
        let norm = normalize("Zakharová said", Default::default());
        let reader = NormalizedReader(&norm);
        let inside = norm.as_str().find('á').unwrap() + 1;
        assert!(!reader.is_boundary(inside));
        assert!(reader.is_boundary(norm.as_str().find(' ').unwrap()));
    }

    #[test]
    fn a_text_is_plain_when_each_character_beyond_ascii_reads_as_ascii() {
        // Every character from U+2000 to U+203F (those told by their bytes among
        // them), before, between and after ASCII.
        for c in '\u{2000}'..='\u{203f}' {
            let reads = c.is_whitespace() || typographic(c).is_some() || c == ELLIPSIS;
            for text in [format!("{c}"), format!("a{c}b{c}{c}"), format!("{:40}{c}.", "")] {
                assert_eq!(PlainReader::new(&text).is_some(), reads, "{c:?}");
            }
        }
    }
}
