//! A long text matched a window at a time.
//!
//! A text that is not plain (see `reader.rs`) is normalized before it is matched, and
//! a single letter with a diacritic used to send a whole long text through
//! normalization: a 3.9 MB text (the PolNeAR train texts end to end) matched at 281
//! MB/s with 100,000 names, against 447 for its plain articles alone. Cut into
//! windows of [`LENGTH`] bytes, each window is read plainly or normalized on its own,
//! and its matching data stays in the cache while it is scanned.
//!
//! A window takes the starts before its cut, a token start after ASCII white space,
//! and reads on past more ASCII bytes that are not white space than any pattern has
//! (every walk from those starts ends inside it), to white space: there its end
//! and the text's are both token boundaries, so each start finds in the window what
//! it finds in the whole text. Normalization changes nothing across such places
//! (white space ends a run there, and no character combines with a space), so a
//! window's normalized text is that stretch of the whole text's. A leftmost-longest
//! match that runs past the cut moves the cut past its end, and the window is
//! matched again, so the next window starts where no earlier match covers.

use crate::normalize::is_ascii_space;

/// Bytes of text from a window's start to its cut, at least.
pub(super) const LENGTH: usize = 16 << 10;

/// The first place from `at` on in `t` where a window may stop taking starts: a byte
/// that is printable ASCII after ASCII white space; or the end, when there is none or
/// less than half a window is left.
pub(super) fn cut(t: &[u8], at: usize) -> usize {
    if at.saturating_add(LENGTH / 2) >= t.len() {
        return t.len();
    }
    (at.max(1)..t.len())
        .find(|&p| is_ascii_space(t[p - 1]) && t[p].is_ascii_graphic())
        .unwrap_or(t.len())
}

/// Where the window of `t` that stops taking starts at `cut` ends: at the first ASCII
/// white space after more than `longest` printable ASCII bytes from `cut` (no
/// pattern has more bytes, and each of those is one), or at the end of `t`.
pub(super) fn end(t: &[u8], cut: usize, longest: usize) -> usize {
    let mut seen = 0;
    for (p, &b) in t.iter().enumerate().skip(cut) {
        if seen > longest && is_ascii_space(b) {
            return p;
        }
        seen += usize::from(b.is_ascii_graphic());
    }
    t.len()
}
