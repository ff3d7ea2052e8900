//! Byte spans into the caller's text and the byte-to-char offset index.

use serde::Serialize;

/// A half-open range `[start, end)` of UTF-8 **byte offsets** into the text the caller passed in.
///
/// Every span the library reports starts and ends on a char boundary of that text.
///
/// ```
/// use whosaid::Span;
/// let text = "Zakharová said";
/// let span = Span::new(0, 10);
/// assert_eq!(span.as_str(text), "Zakharová");
/// assert_eq!(span.len(), 10);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets, `start <= end`).
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The text this span covers in `text`, which must be the text it was computed from.
    ///
    /// # Panics
    /// When the span is out of bounds or not on char boundaries of `text`, as `&text[a..b]` does.
    #[must_use]
    pub fn as_str<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Length in bytes.
    ///
    /// ```
    /// assert_eq!(whosaid::Span::new(3, 3).len(), 0);
    /// ```
    #[must_use]
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    ///
    /// ```
    /// assert!(whosaid::Span::new(3, 3).is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when `other` lies inside this span.
    ///
    /// ```
    /// use whosaid::Span;
    /// assert!(Span::new(0, 10).contains(Span::new(2, 10)));
    /// assert!(!Span::new(0, 10).contains(Span::new(2, 11)));
    /// ```
    #[must_use]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    ///
    /// ```
    /// use whosaid::Span;
    /// assert_eq!(Span::new(4, 6).cover(Span::new(0, 2)), Span::new(0, 6));
    /// ```
    #[must_use]
    pub fn cover(&self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// Converts byte offsets of one text into char (Unicode scalar value) offsets, which is
/// what Python's `str` indexes.
///
/// Built in one pass over the text. For pure-ASCII text it stores nothing and every
/// conversion is the identity. Otherwise it keeps one checkpoint per 64-byte block, so a
/// lookup counts at most 63 bytes.
///
/// ```
/// use whosaid::CharIndex;
/// let text = "José said";
/// let index = CharIndex::new(text);
/// assert_eq!(index.char_offset(text, 5), 4); // byte 5 is the space after "José"
/// assert_eq!(CharIndex::new("plain").char_offset("plain", 3), 3);
/// ```
#[derive(Clone, Debug, Default)]
pub struct CharIndex {
    /// Char offset at the start of each 64-byte block; empty for ASCII text.
    blocks: Vec<usize>,
}

const BLOCK: usize = 64;

impl CharIndex {
    /// Builds the index of `text`.
    #[must_use]
    pub fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex { blocks: Vec::new() };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(chars);
            chars += count_char_starts(chunk);
        }
        CharIndex { blocks }
    }

    /// True when the text was pure ASCII, so char offsets equal byte offsets.
    #[must_use]
    pub fn is_ascii(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The char offset of byte offset `byte` in `text` (the text the index was built from).
    /// A byte offset inside a multi-byte char counts the chars that start before it.
    #[must_use]
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let byte = byte.min(text.len());
        let block = byte / BLOCK;
        let Some(&base) = self.blocks.get(block) else {
            return text.chars().count();
        };
        base + count_char_starts(&text.as_bytes()[block * BLOCK..byte])
    }

    /// A cursor converting byte offsets of `text` (the text the index was built from)
    /// in ascending order, counting only the bytes between one offset and the next: the
    /// cheap way to convert every span of a document.
    ///
    /// ```
    /// use whosaid::CharIndex;
    /// let text = "«Hi», José said";
    /// let index = CharIndex::new(text);
    /// let mut cursor = index.cursor(text);
    /// assert_eq!(cursor.char_offset(2), 1); // "H"
    /// assert_eq!(cursor.char_offset(8), 6); // "José"
    /// assert_eq!(cursor.char_offset(0), 0); // going back works too, by the index
    /// ```
    #[must_use]
    pub fn cursor<'t>(&'t self, text: &'t str) -> CharCursor<'t> {
        CharCursor { index: self, text, byte: 0, chars: 0 }
    }
}

/// Converts ascending byte offsets to char offsets; made by [`CharIndex::cursor`].
#[derive(Clone, Debug)]
pub struct CharCursor<'t> {
    index: &'t CharIndex,
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl CharCursor<'_> {
    /// The char offset of byte offset `byte`; fastest when offsets come in ascending order.
    #[must_use]
    #[inline(always)]
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if self.index.is_ascii() {
            return byte;
        }
        let bytes = self.text.as_bytes();
        let byte = byte.min(bytes.len());
        if byte < self.byte || byte - self.byte > BLOCK {
            self.chars = self.index.char_offset(self.text, byte);
        } else if let Some(word) = bytes.get(self.byte..self.byte + 8) {
            // Most steps are short: count them in one eight-byte word.
            let gap = byte - self.byte;
            let mask = if gap >= 8 { u64::MAX } else { (1 << (8 * gap)) - 1 };
            let x = u64::from_le_bytes([
                word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
            ]);
            if gap <= 8 {
                self.chars += gap - continuations(x, mask);
            } else {
                self.chars += count_char_starts(&bytes[self.byte..byte]);
            }
        } else {
            self.chars += count_char_starts(&bytes[self.byte..byte]);
        }
        self.byte = byte;
        self.chars
    }
}

/// Number of bytes in `bytes` that start a UTF-8 char (are not continuation bytes).
/// Counts eight bytes at a time.
#[inline]
fn count_char_starts(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for word in &mut chunks {
        let x = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        count += continuations(x, u64::MAX);
    }
    count += chunks.remainder().iter().filter(|&&b| (b as i8) < -0x40).count();
    bytes.len() - count
}

/// Number of UTF-8 continuation bytes (top bits `10`) among the bytes of `x` that
/// `mask` keeps (0xFF lanes).
#[inline]
fn continuations(x: u64, mask: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let marks = ((x & !(x << 1) & HIGH) >> 7) & mask;
    (marks.wrapping_mul(ONES) >> 56) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_char_indices() {
        let text = "«Привет», said Zakharová — 👩‍👩‍👧 ok. ".repeat(9);
        let index = CharIndex::new(&text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(&text, byte), chars, "byte {byte}");
        }
        assert_eq!(index.char_offset(&text, text.len()), text.chars().count());
    }

    #[test]
    fn cursor_matches_char_offset() {
        let text = "«Привет», said Zakharová — 👩‍👩‍👧 ok. ".repeat(9);
        let index = CharIndex::new(&text);
        let mut cursor = index.cursor(&text);
        let mut offsets: Vec<usize> = (0..=text.len()).step_by(3).collect();
        offsets.extend((0..=text.len()).step_by(13));
        offsets.extend([text.len(), 5, 200, 7]);
        for byte in offsets {
            assert_eq!(cursor.char_offset(byte), index.char_offset(&text, byte), "byte {byte}");
        }
    }

    #[test]
    fn ascii_is_identity_and_allocates_nothing() {
        let index = CharIndex::new("Hello, world.");
        assert!(index.is_ascii());
        assert_eq!(index.char_offset("Hello, world.", 7), 7);
    }
}
