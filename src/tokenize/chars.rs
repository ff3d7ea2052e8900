//! Character classes: a byte table for ASCII and a few Unicode checks for the rest.

use crate::blocks::{classes, BLOCK};

/// What a character is, as far as the tokenizer cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// White space; a newline is reported separately.
    Space,
    /// `\n`, which paragraphs and line-based sentence ends count.
    Newline,
    /// A letter (any script).
    Letter,
    /// A decimal digit (any script).
    Digit,
    /// Marks and joiners that extend the previous character (combining accents,
    /// zero-width joiner, variation selectors, emoji skin tones).
    Extend,
    /// Punctuation: ASCII punctuation, quotes, dashes, ellipsis.
    Punct,
    /// Anything else: currency, math, emoji, pictographs.
    Symbol,
}

const fn ascii_table() -> [Class; 128] {
    let mut t = [Class::Symbol; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b'\n' {
            Class::Newline
        } else if c == b' ' || (c >= 9 && c <= 13) {
            Class::Space
        } else if c.is_ascii_alphabetic() {
            Class::Letter
        } else if c.is_ascii_digit() {
            Class::Digit
        } else if c < 32 || c == 127 {
            Class::Space
        } else if matches!(
            c,
            b'!' | b'"'
                | b'\''
                | b'('
                | b')'
                | b','
                | b'-'
                | b'.'
                | b'/'
                | b':'
                | b';'
                | b'?'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'*'
                | b'@'
                | b'#'
                | b'&'
                | b'_'
                | b'\\'
                | b'`'
        ) {
            Class::Punct
        } else {
            Class::Symbol
        };
        b += 1;
    }
    t
}

static ASCII: [Class; 128] = ascii_table();

/// Byte flag: an ASCII letter or digit.
pub(crate) const ALNUM: u8 = 1;
/// Byte flag: ASCII white space or control character.
pub(crate) const SPACE: u8 = 2;
/// Byte flag: ends a word of ASCII letters and digits for sure (white space, end of
/// text, ASCII punctuation and symbols other than those that may join two parts of a
/// word, a URL or an address, or take an abbreviation's period).
pub(crate) const PLAIN_END: u8 = 4;

const fn byte_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match ascii_table()[b] {
            Class::Letter | Class::Digit => ALNUM,
            Class::Space | Class::Newline => SPACE | PLAIN_END,
            _ if matches!(c, b'.' | b':' | b'/' | b'&' | b'_' | b'@' | b'-' | b'\'') => 0,
            _ => PLAIN_END,
        };
        b += 1;
    }
    t
}

/// Flags of every byte value; bytes of multi-byte chars have none.
pub(crate) static BYTE: [u8; 256] = byte_table();

/// End of the run of ASCII letters and digits of `bytes` starting at `from`. Looks at
/// eight bytes at a time, so the end of a word costs one predictable branch.
#[inline]
pub(crate) fn ascii_alnum_end(bytes: &[u8], mut from: usize) -> usize {
    const H: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // High bit of each lane set when the lane (below 0x80) is at least `c`.
    let at_least = |x: u64, c: u8| ((x | H) - ONES * u64::from(c)) & H;
    while let Some(chunk) = bytes.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let lower = x | (ONES * 0x20);
        let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
        let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
        let other = (!(digit | letter) & H) | (x & H);
        if other != 0 {
            return from + (other.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while from < bytes.len() && has(bytes[from], ALNUM) {
        from += 1;
    }
    from
}

/// The ASCII letters and digits of 64 bytes of the text from `base`, a bit per byte,
/// so that the end of a word is a shift and a count of trailing zeros rather than a
/// classification of its bytes (the scanner asks for one per word).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Window {
    base: usize,
    /// A bit for each byte that is not an ASCII letter or digit.
    others: u64,
}

impl Window {
    /// The window of `bytes` from `base` (bytes past the end are not letters).
    #[inline]
    pub(crate) fn at(bytes: &[u8], base: usize) -> Window {
        let others = match bytes.get(base..base + BLOCK) {
            Some(block) => !classes(block.try_into().unwrap_or(&[0; BLOCK])).words,
            None => Window::tail(bytes, base),
        };
        Window { base, others }
    }

    /// [`Window::at`] where fewer than 64 bytes are left.
    #[cold]
    #[inline(never)]
    fn tail(bytes: &[u8], base: usize) -> u64 {
        let mut block = [0u8; BLOCK];
        let rest = bytes.get(base..).unwrap_or_default();
        block[..rest.len()].copy_from_slice(rest);
        !classes(&block).words
    }

    /// End of the run of ASCII letters and digits of `bytes` starting at `from`, the
    /// window moved to `from` when the run does not end inside it.
    #[inline(always)]
    pub(crate) fn alnum_end(&mut self, bytes: &[u8], from: usize) -> usize {
        let off = from.wrapping_sub(self.base);
        if off < BLOCK {
            let rest = self.others >> off;
            if rest != 0 {
                return from + rest.trailing_zeros() as usize;
            }
        }
        let (others, end) = Window::moved(bytes, from);
        *self = Window { base: from, others };
        end
    }

    /// The bits of the window at `from` and the end of the run from there:
    /// [`Window::alnum_end`] when the run does not end in the current window. Two
    /// integers, returned in registers, so that the scan keeps its window there too.
    #[inline(never)]
    fn moved(bytes: &[u8], from: usize) -> (u64, usize) {
        let others = Window::at(bytes, from).others;
        let end = match others {
            0 => ascii_alnum_end(bytes, from + BLOCK),
            rest => from + rest.trailing_zeros() as usize,
        };
        (others, end)
    }
}

/// True when byte `b` has `flag`.
#[inline]
pub(crate) fn has(b: u8, flag: u8) -> bool {
    BYTE[usize::from(b)] & flag != 0
}

/// Class of the ASCII byte `b` (`b < 128`).
#[inline]
pub(crate) fn ascii_class(b: u8) -> Class {
    ASCII[usize::from(b & 0x7f)]
}

/// Class of any character.
#[inline]
pub(crate) fn class(c: char) -> Class {
    if c.is_ascii() {
        return ascii_class(c as u8);
    }
    if matches!(c, '\u{2010}'..='\u{2027}') {
        Class::Punct
    } else if is_extend(c) {
        Class::Extend
    } else if c.is_alphabetic() {
        Class::Letter
    } else if c.is_numeric() {
        Class::Digit
    } else if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}') {
        Class::Space
    } else if is_punct(c) {
        Class::Punct
    } else if c.is_control() {
        Class::Space
    } else {
        Class::Symbol
    }
}

/// Combining marks, joiners, variation selectors, skin tones and tag characters:
/// they belong to the character before them.
fn is_extend(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}' | '\u{200D}' | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Non-ASCII punctuation: general punctuation, CJK and fullwidth punctuation, Latin-1 marks.
fn is_punct(c: char) -> bool {
    matches!(c,
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{2E00}'..='\u{2E7F}'
        | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}'
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF3D}'
        | '\u{FF5B}'..='\u{FF65}')
}

/// True for letters and digits, the characters words are made of.
#[inline]
pub(crate) fn is_alnum(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Digit)
}

/// Apostrophes: ASCII `'` and the typographic right single quotation mark.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_runs() {
        let text = b"abcXYZ09 ab@ 0123456789abcdefghij, Zz`{/:[\x7f\x10\x19q\xc3\xa9";
        for from in 0..text.len() {
            let mut end = from;
            while end < text.len() && text[end].is_ascii_alphanumeric() {
                end += 1;
            }
            assert_eq!(ascii_alnum_end(text, from), end, "from {from}");
        }
    }

    #[test]
    fn window_finds_every_run_end() {
        let mut text = Vec::new();
        for k in 0..300u32 {
            // Runs of every length up to 150, separated by various non-word bytes.
            text.extend((0..k % 151).map(|n| b"aZ09q"[(n % 5) as usize]));
            text.push(b" .-\xc3`{@/:["[(k % 10) as usize]);
        }
        for base in [0, 1, 63, 64, 100] {
            let mut window = Window::at(&text, base);
            for from in base..text.len() {
                assert_eq!(window.alnum_end(&text, from), ascii_alnum_end(&text, from));
            }
        }
    }

    #[test]
    fn classes() {
        let rows = [
            ('a', Class::Letter),
            ('Z', Class::Letter),
            ('é', Class::Letter),
            ('Ж', Class::Letter),
            ('中', Class::Letter),
            ('7', Class::Digit),
            ('٣', Class::Digit),
            (' ', Class::Space),
            ('\u{A0}', Class::Space),
            ('\n', Class::Newline),
            ('\u{7}', Class::Space),
            ('.', Class::Punct),
            ('“', Class::Punct),
            ('—', Class::Punct),
            ('…', Class::Punct),
            ('$', Class::Symbol),
            ('€', Class::Symbol),
            ('😀', Class::Symbol),
            ('\u{301}', Class::Extend),
            ('\u{200D}', Class::Extend),
        ];
        for (c, want) in rows {
            assert_eq!(class(c), want, "{c:?}");
        }
    }
}
