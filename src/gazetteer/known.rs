//! What walks from short words found, remembered by each thread from text to text.
//!
//! A walk from a word of one to eight letters followed by a space, whose first-word
//! bits say no pattern reaches past it, finds at most the word's own pattern, the
//! same wherever the word occurs. News repeats its words, and with a large
//! gazetteer most matches are such words ("to", "of", "said": at a million names a
//! quarter of all words match a name), so the walk from a word met before is
//! answered here by one comparison, instead of a table look-up, a record read and a
//! comparison with the pattern's bytes, each a likely cache miss.
//!
//! Over the PolNeAR train texts at a million names, remembered for one text (64
//! places), 52,000 of 113,000 such walks still went to the table: each text met its
//! words for the first time. Remembered by the thread for as long as it matches
//! with the same gazetteer (4,096 places, 96 KB), 4,100 do, the first time the texts
//! are read, and matching runs about 1.1 times as fast at a million names and 1.05
//! times at 100,000.
//!
//! A walk from a short word that goes on past it (names of several words start
//! there: "new", "united") starts from the memo too, which keeps the table's value
//! after the word: at a million names 68,000 of the 95,000 walks that run, at
//! 100,000 names 29,000 of 33,000, look up nothing for their first word (matching
//! at a million names about 1.05 times as fast; the look-ups after it still miss).
//!
//! A memo holds ranges of its gazetteer's candidates, so it is emptied when the
//! thread matches with another: each gazetteer has a key of its own (see
//! [`MemoKey`]).

use std::cell::Cell;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use super::prefixes::Hit;

/// Places of a memo.
pub(crate) const PLACES: usize = 4096;

/// What the walk from one word found.
#[derive(Clone, Copy, Default)]
pub(crate) struct Known {
    /// The word's letters, lower-cased, one to eight, as a little-endian number (0:
    /// no word yet).
    pub chunk: u64,
    /// The first of the word's candidates in the gazetteer's list, and how many
    /// there are ([`EXACT`]: some has a case-sensitive form, so the original text
    /// decides and the walk runs).
    first: u32,
    len: u32,
    /// The prefix table's value after the word, from which a walk that goes past
    /// the word goes on.
    pub hit: Hit,
}

const EXACT: u32 = u32::MAX;

impl Known {
    /// The word of `chunk`, whose pattern's candidates are `cands` (`None`: the
    /// original decides), and after which the table has `hit`.
    pub(crate) fn new(chunk: u64, cands: Option<Range<usize>>, hit: Hit) -> Known {
        let (first, len) = match cands {
            Some(c) => (c.start as u32, (c.len() as u32).min(EXACT - 1)),
            None => (0, EXACT),
        };
        Known { chunk, first, len, hit }
    }

    /// The word's candidates (empty when it is no pattern), or `None` when the
    /// original text decides.
    #[inline]
    pub(crate) fn cands(self) -> Option<Range<usize>> {
        let first = self.first as usize;
        (self.len != EXACT).then(|| first..first + self.len as usize)
    }
}

/// A gazetteer's key to the memos: a number no other gazetteer made in the process
/// has. Not part of its value: two gazetteers of the same patterns are equal
/// whatever their keys (and a clone, of the same candidates, keeps its key).
#[derive(Clone, Debug)]
pub(crate) struct MemoKey(u64);

impl MemoKey {
    /// A key no other has.
    pub(crate) fn new() -> MemoKey {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        MemoKey(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl PartialEq for MemoKey {
    fn eq(&self, _: &MemoKey) -> bool {
        true
    }
}

/// A thread's memo, for the gazetteer of `key`.
struct Memo {
    key: u64,
    places: [Known; PLACES],
}

impl Memo {
    fn new(key: u64) -> Box<Memo> {
        Box::new(Memo { key, places: [Known::default(); PLACES] })
    }
}

thread_local! {
    /// The thread's memo, when no scan holds it.
    static MEMO: Cell<Option<Box<Memo>>> = const { Cell::new(None) };
}

/// The thread's memo, held by a scan and given back when dropped.
pub(crate) struct Held(Option<Box<Memo>>);

impl Held {
    /// The memo of this thread for the gazetteer of `key`: emptied when it was
    /// another's, new when the thread had none (or a scan already holds it, which
    /// no scan does: a scan calls nothing that scans).
    pub(crate) fn take(key: &MemoKey) -> Held {
        let taken = MEMO.try_with(Cell::take).ok().flatten();
        let mut memo = taken.unwrap_or_else(|| Memo::new(key.0));
        if memo.key != key.0 {
            memo.key = key.0;
            memo.places.fill(Known::default());
        }
        Held(Some(memo))
    }

    /// The memo's places: a word of hash `h` has place `h % PLACES`.
    pub(crate) fn places(&mut self) -> &mut [Known; PLACES] {
        &mut self.0.get_or_insert_with(|| Memo::new(0)).places
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let memo = self.0.take();
        let _ = MEMO.try_with(|m| m.set(memo));
    }
}
