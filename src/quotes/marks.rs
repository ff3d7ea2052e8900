//! Pairs quotation marks into quoted stretches of text.
//!
//! One pass over each paragraph with a small stack of open marks, so the work is linear
//! in the text whatever the marks. Straight marks get their direction from their
//! neighbours; apostrophes ("don't", "players'", "'90s") and inch marks (`6"`) are told
//! apart from single and double quotes. A quotation still open at the end of a paragraph
//! continues only when the next paragraph opens with a mark of the same family (the
//! news convention for quotations over several paragraphs); otherwise it is dropped, so
//! an unclosed mark never swallows the rest of the document.

use crate::blocks::{classes, Classes, BLOCK};
use crate::document::Paragraph;
use crate::span::Span;

/// The deepest nesting of open marks kept; deeper openers are ignored.
const MAX_DEPTH: usize = 4;

/// A kind of quotation mark: marks pair only within their family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// “ ” " „ `` ''
    Double,
    /// ‘ ’ ' ‚
    Single,
    /// « » ‹ ›
    Guillemet,
    /// 「 」 『 』
    Corner,
}

/// A stretch of text between paired quotation marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// From the first opening mark to the closing mark, both included (byte offsets).
    pub span: Span,
    /// The words inside the marks in the paragraphs before its last, for a quotation
    /// over several (most have none, and so need no list of their own).
    pub earlier: Vec<Span>,
    /// The words inside the marks in its last paragraph.
    pub last: Span,
    /// The family of its marks.
    pub family: Family,
    /// 0 for a quotation at the top level, 1 inside another one, ...
    pub depth: usize,
}

impl Quoted {
    /// The words inside the marks, one span per paragraph the quotation runs over.
    pub fn parts(&self) -> impl Iterator<Item = Span> + '_ {
        self.earlier.iter().copied().chain(std::iter::once(self.last))
    }

    /// [`Quoted::parts`] as a list of their own.
    pub fn content(&self) -> Vec<Span> {
        let mut content = Vec::with_capacity(self.earlier.len() + 1);
        content.extend(self.parts());
        content
    }
}

/// What a character can do as a mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark: opens or closes depending on what is open.
    Either,
}

/// A mark found in the text, before pairing.
#[derive(Clone, Copy, Debug)]
struct Mark {
    at: Span,
    family: Family,
    role: Role,
    /// For an opener, the closer it pairs with (`None`: any closer of the family).
    expects: Option<char>,
    ch: char,
}

/// An opener waiting for its closer.
#[derive(Clone, Debug)]
struct Open {
    mark: Mark,
    /// Where the current paragraph's part of the quotation starts.
    part_start: usize,
    /// Parts in earlier paragraphs, for a quotation over several paragraphs.
    parts: Vec<Span>,
    first: usize,
}

/// Finds every quotation of `text`, top level and nested, in order of their opening mark.
pub(crate) fn find_quoted(text: &str, paragraphs: &[Paragraph]) -> Vec<Quoted> {
    let mut out = Vec::with_capacity(32);
    let mut stack: Vec<Open> = Vec::with_capacity(MAX_DEPTH);
    for (p, para) in paragraphs.iter().enumerate() {
        let Some(body) = text.get(para.span.start..para.span.end) else { continue };
        let mut marks = marks_in(body, para.span.start).peekable();
        if let Some(open) = stack.last_mut() {
            // The previous paragraph left a quotation open because this one reopens it.
            if let Some(m) = marks.next() {
                open.part_start = m.at.end;
            }
        }
        for mark in marks {
            step(text, &mut stack, mark, &mut out);
        }
        // Most paragraphs close all they open: the next one is read only for one left open.
        if !stack.is_empty() {
            let next_reopens =
                paragraphs.get(p + 1).is_some_and(|next| opens_with_double(text, next.span));
            stack.retain(|o| next_reopens && o.mark.family == Family::Double);
            stack.truncate(1);
        }
        if let Some(open) = stack.last_mut() {
            let part = trim(text, Span::new(open.part_start, para.span.end));
            open.parts.push(part);
        }
    }
    out.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    out
}

fn opens_with_double(text: &str, span: Span) -> bool {
    let body = text.get(span.start..span.end).unwrap_or("");
    // Only a mark at the very start counts: no need to look further when none can be.
    if !body.as_bytes().first().is_some_and(|&b| may_start_mark(b)) {
        return false;
    }
    marks_in(body, span.start).next().is_some_and(|m| {
        m.at.start == span.start && m.family == Family::Double && m.role != Role::Close
    })
}

/// Feeds one mark to the pairing stack.
fn step(text: &str, stack: &mut Vec<Open>, mark: Mark, out: &mut Vec<Quoted>) {
    // A closer pairs with the opener expecting it; a straight mark with any of its family.
    let strict =
        |o: &Open| o.mark.family == mark.family && o.mark.expects.is_none_or(|c| c == mark.ch);
    let straight = |o: &Open| o.mark.family == mark.family && is_straight(mark.ch);
    if mark.role != Role::Open {
        if let Some(depth) =
            stack.iter().rposition(strict).or_else(|| stack.iter().rposition(straight))
        {
            // Openers above it were left unclosed inside it: they are dropped.
            stack.truncate(depth + 1);
            let Some(open) = stack.pop() else { return };
            out.push(Quoted {
                span: Span::new(open.first, mark.at.end),
                earlier: open.parts,
                last: trim(text, Span::new(open.part_start, mark.at.start)),
                family: open.mark.family,
                depth,
            });
            return;
        }
        if mark.role == Role::Close {
            return;
        }
    }
    // A straight opener while one of the same glyph is open restarts it (its direction
    // was a guess); a typographic opener nests, even of the same glyph: “... “...” ...”.
    if let Some(i) = stack.iter().rposition(|o| o.mark.ch == mark.ch && is_straight(mark.ch)) {
        stack.truncate(i);
    }
    if stack.len() < MAX_DEPTH {
        stack.push(Open { mark, part_start: mark.at.end, parts: Vec::new(), first: mark.at.start });
    }
}

fn is_straight(c: char) -> bool {
    matches!(c, '"' | '\'')
}

/// The span without white space at either end.
fn trim(text: &str, span: Span) -> Span {
    let s = text.get(span.start..span.end).unwrap_or("");
    // Most quotations start and end with a visible ASCII character: nothing to trim.
    if s.as_bytes().first().is_some_and(u8::is_ascii_graphic)
        && s.as_bytes().last().is_some_and(u8::is_ascii_graphic)
    {
        return span;
    }
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

/// The marks of one paragraph, `base` being its offset in the text.
fn marks_in(body: &str, base: usize) -> impl Iterator<Item = Mark> + '_ {
    let bytes = body.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            // Jump to the next byte that can start a mark: most of the text is skipped here.
            let i = next_candidate(bytes, pos)?;
            // An apostrophe between ASCII letters or digits ("don't", "Trump’s") is no
            // mark (see `single_role`): passed over without reading its neighbours as chars.
            if let Some(after) = in_word_apostrophe(bytes, i) {
                pos = after;
                continue;
            }
            // Such a byte is ASCII or a UTF-8 lead byte, so `i` is a char boundary.
            let c = char_at(body, i)?;
            pos = i + c.len_utf8();
            let before = body.get(..i).and_then(|s| s.chars().next_back()).unwrap_or(' ');
            let next = char_at(body, pos).unwrap_or(' ');
            let at = Span::new(base + i, base + pos);
            let mark = |family, role, expects| Some(Mark { at, family, role, expects, ch: c });
            let found = match c {
                // “ opens in English and closes German „...“.
                '“' => mark(Family::Double, Role::Either, Some('”')),
                '‟' => mark(Family::Double, Role::Open, None),
                '„' => mark(Family::Double, Role::Open, None),
                '”' => mark(Family::Double, Role::Close, None),
                '«' => mark(Family::Guillemet, Role::Either, Some('»')),
                '»' => mark(Family::Guillemet, Role::Either, Some('«')),
                '‹' => mark(Family::Guillemet, Role::Open, Some('›')),
                '›' => mark(Family::Guillemet, Role::Close, None),
                '「' | '『' => mark(Family::Corner, Role::Open, None),
                '」' | '』' => mark(Family::Corner, Role::Close, None),
                '"' | '＂' | '″' => straight_double(before, next).map(|role| Mark {
                    at,
                    family: Family::Double,
                    role,
                    expects: None,
                    ch: '"',
                }),
                '`' if next == '`' => {
                    pos += 1;
                    Some(Mark {
                        at: Span::new(at.start, at.end + 1),
                        family: Family::Double,
                        role: Role::Open,
                        expects: None,
                        ch: '"',
                    })
                }
                '\'' if next == '\'' => {
                    pos += 1;
                    let after = char_at(body, pos).unwrap_or(' ');
                    straight_double(before, after).map(|role| Mark {
                        at: Span::new(at.start, at.end + 1),
                        family: Family::Double,
                        role,
                        expects: None,
                        ch: '"',
                    })
                }
                '‘' | '‚' => opens_single(before, next)
                    .then_some(())
                    .and_then(|()| mark(Family::Single, Role::Open, None)),
                '’' | '\'' => single_role(before, next).map(|role| Mark {
                    at,
                    family: Family::Single,
                    role,
                    expects: None,
                    ch: '\'',
                }),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        None
    })
}

/// For an apostrophe (`'` or `’`) at byte `i` with an ASCII letter or digit on both
/// sides, the byte after it.
#[inline(always)]
fn in_word_apostrophe(bytes: &[u8], i: usize) -> Option<usize> {
    let after = match bytes.get(i..)? {
        [b'\'', ..] => i + 1,
        [0xE2, 0x80, 0x99, ..] => i + 3,
        _ => return None,
    };
    let alnum = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_alphanumeric);
    (i > 0 && alnum(i - 1) && alnum(after)).then_some(after)
}

/// The character starting at byte `i` of `body`, if `i` is a character boundary
/// before its end: an ASCII byte is read as it is, without decoding.
#[inline(always)]
fn char_at(body: &str, i: usize) -> Option<char> {
    match body.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => body.get(i..).and_then(|s| s.chars().next()),
    }
}

/// The first byte at or after `from` that may start a mark. A block of bytes is tested
/// at once for the ASCII marks and for any non-ASCII byte; only those hits are looked up.
/// Inlined into the one scan that calls it for every mark (1.4k instructions per
/// PolNeAR dev article).
#[inline(always)]
fn next_candidate(bytes: &[u8], mut from: usize) -> Option<usize> {
    let hits = |c: Classes| c.quotes | c.high;
    while let Some(block) = bytes.get(from..from + BLOCK) {
        if let Some(i) =
            first_mark(bytes, from, hits(classes(block.try_into().unwrap_or(&[0; BLOCK]))))
        {
            return Some(i);
        }
        from += BLOCK;
    }
    // The last few bytes, padded with spaces.
    let rest = bytes.get(from..)?;
    let mut block = [b' '; BLOCK];
    block[..rest.len()].copy_from_slice(rest);
    first_mark(bytes, from, hits(classes(&block)))
}

/// The first of the `hits` (a bit per byte from `from`) that may start a mark.
#[inline(always)]
fn first_mark(bytes: &[u8], from: usize, mut hits: u64) -> Option<usize> {
    while hits != 0 {
        let i = from + hits.trailing_zeros() as usize;
        if bytes.get(i).is_some_and(|&b| may_start_mark(b)) {
            return Some(i);
        }
        hits &= hits - 1;
    }
    None
}

/// True for the bytes that start a quotation mark: ASCII `"`, `'`, `` ` `` and the
/// UTF-8 lead bytes of the typographic marks (0xC2 for « », 0xE2 for “ ” ‘ ’ „ ‹ › ″,
/// 0xE3 for 「 」 『 』, 0xEF for ＂).
fn may_start_mark(b: u8) -> bool {
    MAY_START_MARK[usize::from(b)]
}

/// [`may_start_mark`] as a table: one load per byte in the scan of a paragraph.
const MAY_START_MARK: [bool; 256] = {
    let mut table = [false; 256];
    let starts = [b'"', b'\'', b'`', 0xC2, 0xE2, 0xE3, 0xEF];
    let mut i = 0;
    while i < starts.len() {
        table[starts[i] as usize] = true;
        i += 1;
    }
    table
};

/// Direction of a straight double mark from its neighbours; `None` for an inch mark.
fn straight_double(before: char, next: char) -> Option<Role> {
    let open_side = opens_after(before);
    let close_side = closes_before(next);
    if before.is_ascii_digit() && !next.is_alphanumeric() {
        return None;
    }
    Some(match (open_side, close_side) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    })
}

/// True when a straight mark after `c` may open: white space, an opening bracket, a
/// dash, a separator or an opening mark. (`matches!` is a few tests, where
/// `str::contains` searched a string for the char's bytes.)
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '-' | '/' | ':' | ';' | ',' | '\'')
        || matches!(c, '—' | '–' | '‘' | '“')
}

/// True when a straight mark before `c` may close: white space, punctuation that ends a
/// clause, a closing bracket, a dash or a closing mark.
fn closes_before(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '-' | '\'')
        || matches!(c, '—' | '–' | '’' | '”')
}

/// True when a left single mark opens a quotation rather than an elision ("'90s").
fn opens_single(before: char, next: char) -> bool {
    !before.is_alphanumeric() && next.is_alphabetic()
}

/// Role of a right single mark or straight apostrophe: an apostrophe inside a word is no
/// mark at all; one after a word closes a single quotation if one is open.
fn single_role(before: char, next: char) -> Option<Role> {
    if before.is_alphanumeric() && next.is_alphanumeric() {
        return None;
    }
    if !before.is_alphanumeric() && !matches!(before, '.' | ',' | '!' | '?') {
        return (next.is_alphabetic()).then_some(Role::Open);
    }
    Some(Role::Close)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_inside_words_are_no_marks() {
        let text = "don't Trump’s o'clock 'quoted' ‘also’";
        let found: Vec<usize> = marks_in(text, 0).map(|m| m.at.start).collect();
        let quoted = text.find("'quoted").unwrap();
        let also = text.find("‘also").unwrap();
        let ends = [quoted, quoted + 7, also, also + "‘also".len()];
        assert_eq!(found, ends);
    }

    #[test]
    fn candidates_are_the_bytes_the_table_names() {
        let text =
            "a\"b'c`d “e” f’g «h» i 「j」 k ＂ plain text of some length é ü #tag & co \"end";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let naive = bytes[from..].iter().position(|&b| may_start_mark(b)).map(|p| from + p);
            assert_eq!(next_candidate(bytes, from), naive, "from {from}");
        }
    }
}
