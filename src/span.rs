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
/// conversion is the identity. Otherwise it keeps, for each 64-byte block, the chars
/// before each of its eight-byte words and which of their bytes continue a char, so a
/// conversion is two lookups, in any order.
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
    /// One entry per 64-byte block, and one more for the end of the text; empty for
    /// ASCII text.
    blocks: Vec<Block>,
}

/// The chars before a 64-byte block and before each of its eight-byte words.
#[derive(Clone, Copy, Debug, Default)]
struct Block {
    /// Chars before the block.
    chars: usize,
    /// Chars from the start of the block to each word.
    word_chars: [u8; 8],
    /// A bit for each byte of each word that continues a char, bit `i` for byte `i`.
    continuations: [u8; 8],
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
        let mut chunks = bytes.chunks_exact(BLOCK);
        for chunk in &mut chunks {
            let block = Block::new(chars, chunk);
            chars += block.chars_to(BLOCK);
            blocks.push(block);
        }
        // The last, partial block (maybe empty) also serves the offset of the very end;
        // its padding is never looked at.
        let mut last = [0u8; BLOCK];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        blocks.push(Block::new(chars, &last));
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
    #[inline]
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let byte = byte.min(text.len());
        match self.blocks.get(byte / BLOCK) {
            Some(block) => block.chars + block.chars_to(byte % BLOCK),
            None => text.chars().count(), // not the text of this index
        }
    }
}

impl Block {
    /// The entry of the 64 bytes of `block`, which `chars` chars precede.
    fn new(chars: usize, block: &[u8]) -> Block {
        // Most blocks of most texts are ASCII: one char per byte.
        if block.is_ascii() {
            return Block {
                chars,
                word_chars: [0, 8, 16, 24, 32, 40, 48, 56],
                continuations: [0; 8],
            };
        }
        let mut entry = Block { chars, ..Block::default() };
        let mut count = 0;
        for (w, word) in block.chunks_exact(8).enumerate() {
            let bits = continuation_bits(word);
            entry.word_chars[w] = count;
            entry.continuations[w] = bits;
            count += 8 - BIT_COUNTS[usize::from(bits)];
        }
        entry
    }

    /// Chars that start in the first `within` bytes of the block (`within <= 64`).
    #[inline]
    fn chars_to(&self, within: usize) -> usize {
        if within == BLOCK {
            let last = self.continuations[7];
            return usize::from(self.word_chars[7] + 8 - BIT_COUNTS[usize::from(last)]);
        }
        let (w, rest) = (within / 8, within % 8);
        let before = self.continuations[w] & ((1u8 << rest) - 1);
        usize::from(self.word_chars[w]) + rest - usize::from(BIT_COUNTS[usize::from(before)])
    }
}

/// A bit for each of the eight bytes of `word` that continues a UTF-8 char (top bits
/// `10`), bit `i` for byte `i`.
#[inline]
fn continuation_bits(word: &[u8]) -> u8 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Moves the high bit of byte `i` to bit `56 + i`; the partial products never
    // overlap, so no carry disturbs them.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut lanes = [0u8; 8];
    lanes.copy_from_slice(word);
    let x = u64::from_le_bytes(lanes);
    let marks = (x & !(x << 1) & HIGH) >> 7;
    (marks.wrapping_mul(GATHER) >> 56) as u8
}

/// The number of set bits of every byte value: a table, as the processors this builds
/// for by default have no instruction for it.
static BIT_COUNTS: [u8; 256] = {
    let mut counts = [0u8; 256];
    let mut i = 1;
    while i < 256 {
        counts[i] = counts[i / 2] + (i % 2) as u8;
        i += 1;
    }
    counts
};

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
    fn every_length_and_offset() {
        for len in 0..200 {
            let text: String = "aé€😀".chars().cycle().take(len).collect();
            let index = CharIndex::new(&text);
            let past = if index.is_ascii() { 0 } else { 3 }; // clamped to the end
            for byte in 0..=text.len() + past {
                let want = text.char_indices().take_while(|&(b, _)| b < byte).count();
                assert_eq!(index.char_offset(&text, byte), want, "len {len} byte {byte}");
            }
        }
    }

    #[test]
    fn ascii_blocks_between_other_chars() {
        let text = format!("é{}€{}😀{}", "a".repeat(130), "b".repeat(64), "c".repeat(70));
        let index = CharIndex::new(&text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(&text, byte), chars, "byte {byte}");
        }
        assert_eq!(index.char_offset(&text, text.len()), text.chars().count());
    }

    #[test]
    fn ascii_is_identity_and_allocates_nothing() {
        let index = CharIndex::new("Hello, world.");
        assert!(index.is_ascii());
        assert_eq!(index.char_offset("Hello, world.", 7), 7);
    }
}
