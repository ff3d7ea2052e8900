//! The matching form of a text, with an alignment back to the original bytes.
//!
//! Gazetteer names and news text are compared in a normalized form so that
//! "ZAKHAROVA", "Zakharova" and (with diacritic folding) "Zakharová" are the same
//! string, "Russia’s" has an ASCII apostrophe and "New\n  York" has one space.
//! Every normalized byte maps back to the original text, so matches are reported
//! as spans of what the caller passed in.
//!
//! The steps, per character: typographic apostrophes, quotation marks and dashes
//! become `'`, `"` and `-`; invisible format characters (soft hyphen, zero-width
//! joiners, byte-order mark) are removed; runs of white space become one space;
//! everything else goes through Unicode NFKC (a base character together with its
//! combining marks) and case folding; with diacritic folding, combining marks are
//! removed after canonical decomposition and a few letters without a decomposition
//! are spelled in ASCII (`ø` -> `o`, `ł` -> `l`, `æ` -> `ae`). ASCII text takes a
//! byte-at-a-time path that never touches the Unicode tables.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::span::Span;

/// What [`normalize`] folds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct NormalizeOptions {
    /// Fold case ("RUSSIA" -> "russia"). Default: `true`.
    pub fold_case: bool,
    /// Remove diacritics ("Zakharová" -> "zakharova"). Default: `false`.
    pub fold_diacritics: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions { fold_case: true, fold_diacritics: false }
    }
}

impl NormalizeOptions {
    /// The defaults with case folding set to `yes`.
    #[must_use]
    pub fn fold_case(mut self, yes: bool) -> Self {
        self.fold_case = yes;
        self
    }

    /// The defaults with diacritic folding set to `yes`.
    #[must_use]
    pub fn fold_diacritics(mut self, yes: bool) -> Self {
        self.fold_diacritics = yes;
        self
    }
}

/// One point where the alignment changes: normalized byte `norm` comes from
/// original byte `orig`. In a linear piece the following bytes map one to one;
/// in an atomic piece (a character whose normalized form differs) every byte
/// maps to the start of the original character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Break {
    norm: u32,
    orig: u32,
    linear: bool,
}

/// A normalized text and its alignment to the original.
///
/// ```
/// use whosaid::{normalize, NormalizeOptions, Span};
/// let text = "Maria ZAKHAROVÁ’s\n  remarks";
/// let norm = normalize(text, NormalizeOptions::default().fold_diacritics(true));
/// assert_eq!(norm.as_str(), "maria zakharova's remarks");
/// let span = norm.original_span(Span::new(6, 15));
/// assert_eq!(span.as_str(text), "ZAKHAROVÁ");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    breaks: Vec<Break>,
    original_len: usize,
}

impl Normalized {
    /// The normalized text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset of normalized byte offset `norm` (a char boundary of
    /// the normalized text, or its length). The result is a char boundary of the original.
    #[must_use]
    pub fn original_offset(&self, norm: usize) -> usize {
        let i = self.breaks.partition_point(|b| b.norm as usize <= norm);
        self.offset_after(norm, i)
    }

    /// [`Normalized::original_offset`] of `norm`, given the number `i` of breaks at or before it.
    fn offset_after(&self, norm: usize, i: usize) -> usize {
        if norm >= self.text.len() {
            return self.original_len;
        }
        match i.checked_sub(1).map(|i| self.breaks[i]) {
            Some(b) if b.linear => b.orig as usize + (norm - b.norm as usize),
            Some(b) => b.orig as usize,
            None => norm,
        }
    }

    /// The first normalized offset whose original offset is `orig` or more (the
    /// normalized text's length when there is none).
    pub(crate) fn normalized_offset(&self, orig: usize) -> usize {
        let (mut low, mut high) = (0, self.text.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.original_offset(mid) < orig {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// The original span of a span of the normalized text.
    #[must_use]
    pub fn original_span(&self, norm: Span) -> Span {
        Span::new(self.original_offset(norm.start), self.original_offset(norm.end))
    }

    /// [`Normalized::original_offset`] for offsets asked mostly in increasing order:
    /// `hint` (start at 0) remembers where the last one was found, so a scan of the
    /// text looks each break up once instead of binary-searching for every offset.
    pub(crate) fn original_offset_from(&self, norm: usize, hint: &mut usize) -> usize {
        let at_or_before = |i: usize| self.breaks[i].norm as usize <= norm;
        let mut i = *hint;
        if i > self.breaks.len() || i > 0 && !at_or_before(i - 1) {
            i = self.breaks.partition_point(|b| b.norm as usize <= norm);
        }
        // A few steps forward, then a binary search for a far jump.
        let mut steps = 0;
        while i < self.breaks.len() && at_or_before(i) {
            i += 1;
            steps += 1;
            if steps == 8 {
                i += self.breaks[i..].partition_point(|b| b.norm as usize <= norm);
                break;
            }
        }
        *hint = i;
        self.offset_after(norm, i)
    }
}

/// Records that normalized byte `norm` comes from original byte `orig`.
fn mark(breaks: &mut Vec<Break>, norm: usize, orig: usize, linear: bool) {
    let (norm, orig) = (norm as u32, orig as u32);
    if let Some(last) = breaks.last_mut() {
        if last.norm == norm {
            *last = Break { norm, orig, linear };
            return;
        }
        if last.linear && linear && last.orig.wrapping_sub(last.norm) == orig.wrapping_sub(norm) {
            return;
        }
    } else if linear && norm == orig {
        return;
    }
    breaks.push(Break { norm, orig, linear });
}

/// Normalizes `text` for matching: typographic apostrophes, quotation marks and
/// dashes to ASCII, invisible format characters removed, white-space runs to one
/// space (or, when the run breaks a paragraph, with two line breaks or more, to one
/// "\n": no name runs across paragraphs), NFKC and case folding per character
/// and its combining marks, and diacritics removed when
/// [`NormalizeOptions::fold_diacritics`] is set.
///
/// ```
/// use whosaid::{normalize, NormalizeOptions};
/// let norm = normalize("“Russia–US” talks", NormalizeOptions::default());
/// assert_eq!(norm.as_str(), "\"russia-us\" talks");
/// let norm = normalize("New\nYork\n\n  City", NormalizeOptions::default());
/// assert_eq!(norm.as_str(), "new york\ncity");
/// ```
#[must_use]
pub fn normalize(text: &str, options: NormalizeOptions) -> Normalized {
    let mut out = Normalized::default();
    normalize_into(text, options, &mut out);
    out
}

/// [`normalize`] into an existing value, reusing its buffers.
pub(crate) fn normalize_into(text: &str, options: NormalizeOptions, out: &mut Normalized) {
    let mut buf = std::mem::take(&mut out.text).into_bytes();
    buf.clear();
    buf.reserve(text.len() + 1);
    let breaks = &mut out.breaks;
    breaks.clear();
    out.original_len = text.len();
    let bytes = text.as_bytes();
    let mut scratch = String::new();
    // Start of the current run of white space, if in one, and its line breaks.
    let mut space_run: Option<usize> = None;
    let mut run_breaks = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 && !is_ascii_space(b) {
            if let Some(start) = space_run.take() {
                if i - start > 1 {
                    mark(breaks, buf.len(), i, true);
                }
            }
            let mut end = copy_plain_run(bytes, i, options.fold_case, &mut buf);
            // A character followed by combining marks is normalized with them.
            if end < bytes.len() && bytes[end] >= 0x80 && mark_follows(text, end) {
                end -= 1;
                buf.pop();
            }
            if end > i {
                i = end;
                continue;
            }
        }
        let space = is_ascii_space(b);
        let end = if space { i + 1 } else { cluster_end(text, i) };
        let cluster = &text[i..end];
        if space || is_space_cluster(cluster) {
            if space_run.is_none() {
                space_run = Some(i);
                buf.push(b' ');
                run_breaks = 0;
            }
            run_breaks += line_breaks_at(bytes, i);
            if run_breaks >= 2 {
                // The run's one byte, last in `buf` until the run ends.
                buf.pop();
                buf.push(b'\n');
            }
            i = end;
            continue;
        }
        scratch.clear();
        fold_cluster(cluster, options, &mut scratch);
        if scratch.is_empty() {
            // Dropped (an invisible character): the next byte maps past it.
            if space_run.is_none() {
                mark(breaks, buf.len(), end, true);
            }
            i = end;
            continue;
        }
        space_run = None;
        if scratch == cluster {
            mark(breaks, buf.len(), i, true);
        } else {
            mark(breaks, buf.len(), i, false);
        }
        buf.extend_from_slice(scratch.as_bytes());
        mark(breaks, buf.len(), end, true);
        i = end;
    }
    // Only whole UTF-8 sequences were appended, so this cannot fail.
    out.text = String::from_utf8(buf).unwrap_or_default();
}

/// True for a single white-space character.
fn is_space_cluster(cluster: &str) -> bool {
    let mut chars = cluster.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_whitespace())
}

/// Appends the run from `i` of ASCII bytes that normalize one to one (non-space
/// characters, and single spaces between them), lower-cased when `fold_case`,
/// and returns its end. Eight bytes at a time while they are plain.
fn copy_plain_run(bytes: &[u8], i: usize, fold_case: bool, buf: &mut Vec<u8>) -> usize {
    let lower = if fold_case { &ASCII_LOWER } else { &ASCII_SAME };
    let mut j = i;
    while j < bytes.len() {
        if let Some(chunk) = bytes.get(j..j + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if ascii8::is_plain(x) {
                let x = if fold_case { ascii8::to_lower(x) } else { x };
                buf.extend_from_slice(&x.to_le_bytes());
                j += 8;
                continue;
            }
        }
        let c = bytes[j];
        if c < 0x80 && !is_ascii_space(c) {
            buf.push(lower[c as usize]);
            j += 1;
        } else if c == b' ' && bytes.get(j + 1).is_some_and(|&n| n < 0x80 && !is_ascii_space(n)) {
            buf.extend_from_slice(&[b' ', lower[bytes[j + 1] as usize]]);
            j += 2;
        } else {
            break;
        }
    }
    j
}

/// Eight ASCII bytes at a time in a `u64` (SWAR). Each function treats the word as
/// eight independent bytes; results are masks with the high bit of each byte set.
pub(crate) mod ascii8 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    /// The high bit of every byte.
    pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
    /// Bit 5 of every byte: OR-ed in, it folds ASCII letters to lower case and leaves
    /// digits (and a padding of spaces) as they are.
    pub(crate) const FOLD: u64 = 0x2020_2020_2020_2020;

    /// Bytes `>= n` (for `x` without high bits and `n <= 0x80`).
    #[inline]
    pub(crate) fn ge(x: u64, n: u8) -> u64 {
        x.wrapping_add(u64::from(0x80 - n) * ONES) & HIGH
    }

    /// Bytes in `lo..=hi`.
    #[inline]
    pub(crate) fn within(x: u64, lo: u8, hi: u8) -> u64 {
        ge(x, lo) & !ge(x, hi + 1)
    }

    /// True when the eight bytes are ASCII, with spaces only as single `' '`
    /// between other characters and not last, so they normalize to themselves
    /// (apart from case) whatever came before a non-space first byte.
    #[inline]
    pub(crate) fn is_plain(x: u64) -> bool {
        if x & HIGH != 0 {
            return false;
        }
        let low = !ge(x, 0x21) & HIGH;
        if low == 0 {
            return true;
        }
        let spaces = within(x, b' ', b' ');
        spaces == low && spaces & (spaces << 8) == 0 && spaces >> 63 == 0
    }

    /// ASCII capitals lower-cased.
    #[inline]
    pub(crate) fn to_lower(x: u64) -> u64 {
        x | (within(x, b'A', b'Z') >> 2)
    }
}

/// True when the character at byte `i` of `text` is a combining mark.
fn mark_follows(text: &str, i: usize) -> bool {
    text[i..]
        .chars()
        .next()
        .is_some_and(|c| (c as u32) >= 0x300 && canonical_combining_class(c) != 0)
}

/// End of the cluster starting at `i`: the character and the combining marks after it.
fn cluster_end(text: &str, i: usize) -> usize {
    let mut chars = text[i..].char_indices();
    chars.next();
    for (j, c) in chars {
        if (c as u32) < 0x300 || canonical_combining_class(c) == 0 {
            return i + j;
        }
    }
    text.len()
}

/// Appends the normalized form of one non-ASCII cluster.
fn fold_cluster(cluster: &str, options: NormalizeOptions, out: &mut String) {
    let mut chars = cluster.chars();
    let first = chars.next().unwrap_or(' ');
    if let Some(ascii) = typographic(first) {
        out.push(ascii);
        return;
    }
    if is_invisible(first) && chars.next().is_none() {
        return;
    }
    for c in cluster.nfkc() {
        if c.is_whitespace() {
            out.push(' ');
        } else if let Some(ascii) = typographic(c) {
            out.push(ascii);
        } else if options.fold_case {
            fold_case_char(c, options.fold_diacritics, out);
        } else {
            push_char(c, options.fold_diacritics, out);
        }
    }
}

/// Full case folding of one character (Rust's lower-casing plus the foldings
/// that differ from it), then [`push_char`].
fn fold_case_char(c: char, fold_diacritics: bool, out: &mut String) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ς' => out.push('σ'),
        'ſ' => out.push('s'),
        // Dotted capital I folds to a plain i so "İstanbul" matches "Istanbul".
        'İ' => out.push('i'),
        _ => {
            for l in c.to_lowercase() {
                push_char(l, fold_diacritics, out);
            }
        }
    }
}

/// Appends `c`, without its diacritics when `fold_diacritics`.
fn push_char(c: char, fold_diacritics: bool, out: &mut String) {
    if !fold_diacritics {
        out.push(c);
        return;
    }
    if let Some(plain) = plain_letter(c) {
        out.push_str(plain);
        return;
    }
    for d in std::iter::once(c).nfd() {
        if !is_combining_mark(d) {
            out.push(d);
        }
    }
}

/// Letters with no canonical decomposition that diacritic folding spells in ASCII.
fn plain_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ı' => "i",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        _ => return None,
    })
}

/// Typographic apostrophes, quotation marks and dashes as ASCII.
pub(crate) fn typographic(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{2039}' | '\u{203A}' | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' | '\u{FF02}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        _ => return None,
    })
}

/// Format characters that only affect rendering and are dropped.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// The line breaks the byte at `i` of `b` starts: one for "\n", for "\r" not
/// before "\n" and for U+2028, two for U+2029 (a paragraph separator). Two or
/// more in one run of white space make a paragraph break.
#[inline]
pub(crate) fn line_breaks_at(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'\n' => 1,
        b'\r' if b.get(i + 1) != Some(&b'\n') => 1,
        0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0xA8) => 1,
            Some(0xA9) => 2,
            _ => 0,
        },
        _ => 0,
    }
}

const ASCII_LOWER: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

const ASCII_SAME: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = i as u8;
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, options: NormalizeOptions, want: &str) {
        let norm = normalize(text, options);
        assert_eq!(norm.as_str(), want, "normalizing {text:?}");
        // Every normalized char boundary maps to an original char boundary, in order.
        let mut last = 0;
        for (i, _) in norm.as_str().char_indices().chain([(norm.as_str().len(), ' ')]) {
            let o = norm.original_offset(i);
            assert!(text.is_char_boundary(o) && o >= last, "{text:?} at {i}");
            last = o;
        }
        assert_eq!(norm.original_offset(norm.as_str().len()), text.len());
    }

    #[test]
    fn table() {
        let d = NormalizeOptions::default();
        let f = d.fold_diacritics(true);
        let keep_case = d.fold_case(false);
        let rows: &[(&str, NormalizeOptions, &str)] = &[
            ("", d, ""),
            ("Russia", d, "russia"),
            ("New \n\t York", d, "new york"),
            ("  lead", d, " lead"),
            ("Russia’s", d, "russia's"),
            ("“US-led”", d, "\"us-led\""),
            ("Russia–US", d, "russia-us"),
            ("Zakharová", d, "zakharová"),
            ("Zakharová", f, "zakharova"),
            ("Zakharova\u{301}", d, "zakharová"),
            ("Zakharova\u{301}", f, "zakharova"),
            ("STRAẞE", d, "strasse"),
            ("ﬁnance", d, "finance"),
            ("İstanbul", d, "istanbul"),
            ("Łódź", f, "lodz"),
            ("Ørsted", f, "orsted"),
            ("soft\u{AD}hyphen", d, "softhyphen"),
            ("a\u{A0}\u{2003}b", d, "a b"),
            ("US", keep_case, "US"),
            ("ÉLYSÉE", keep_case.fold_diacritics(true), "ELYSEE"),
            ("x \u{2003} y", d, "x y"),
            ("\u{301}alone", d, "\u{301}alone"),
            ("👩\u{200D}💻 team", d, "👩💻 team"),
        ];
        for &(text, options, want) in rows {
            check(text, options, want);
        }
    }

    #[test]
    fn spans_map_back() {
        let text = "Le  MINISTÈRE\r\nde l’Intérieur";
        let norm = normalize(text, NormalizeOptions::default().fold_diacritics(true));
        assert_eq!(norm.as_str(), "le ministere de l'interieur");
        let at = |s: &str| {
            let i = norm.as_str().find(s).unwrap();
            norm.original_span(Span::new(i, i + s.len())).as_str(text)
        };
        assert_eq!(at("ministere"), "MINISTÈRE");
        assert_eq!(at("ministere de"), "MINISTÈRE\r\nde");
        assert_eq!(at("l'interieur"), "l’Intérieur");
        assert_eq!(at("interieur"), "Intérieur");
    }
}
