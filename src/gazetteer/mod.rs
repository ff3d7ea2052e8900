//! Gazetteers: known entities, compiled for matching in news text.
//!
//! A [`Gazetteer`] is built once from [`Entry`] values, JSON Lines or TSV files
//! (SCHEMA.md section 3) and then only read. [`Gazetteer::find`] reads the text in
//! its normalized form (see [`normalize`](crate::normalize()) and `reader.rs`),
//! walks a table of the normalized names' prefixes from every token start (see
//! `prefixes.rs`), keeps the longest match that ends on a token boundary, and
//! reports it as a [`Match`] over the original text.

mod ahead;
mod batch;
mod entry;
mod first_words;
mod known;
mod pages;
mod parse;
mod prefixes;
mod reader;
mod store;
mod window;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;

use crate::blocks::{classes, BLOCK};
use ahead::Ring;
use batch::Batch;
pub use entry::{Entry, MAX_NAME_BYTES};
use entry::{Fields, KeyScratch};
use first_words::{FirstWord, FirstWords, Reach};
use known::{Held, Known, MemoKey, PLACES};
use parse::{read_source, Format, Source};
use prefixes::{Pattern, Prefixes};
use reader::{NormalizedReader, PlainReader, Reader};

use crate::error::{Error, Result};
use crate::normalize::{ascii8, normalize_into, NormalizeOptions, Normalized};
use crate::span::Span;

/// A range of [`Gazetteer::strings`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Str {
    start: u32,
    len: u32,
}

/// One entry of a compiled gazetteer.
#[derive(Clone, Copy, Debug, PartialEq)]
struct EntryRec {
    id: Str,
    name: Str,
    label: u32,
    weight: f32,
}

/// One entry a pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cand {
    /// Entry index, with [`DEMONYM`] set when the pattern is one of its demonyms.
    entry: u32,
    /// The case-sensitive form the original text must have, or `len == u32::MAX` when none.
    exact: Str,
}

const DEMONYM: u32 = 1 << 31;
const NO_EXACT: Str = Str { start: 0, len: u32::MAX };
/// Most bytes of strings and pattern records a gazetteer may hold: both are addressed
/// by 32-bit offsets, and entry numbers and prefix-table slots keep their top bit for a flag.
const MAX_COMPILED_BYTES: usize = (1 << 31) - 1;

impl Cand {
    fn entry(&self) -> u32 {
        self.entry & !DEMONYM
    }
}

/// A compiled gazetteer: immutable, `Send + Sync`, cheap to share.
///
/// ```
/// use whosaid::{Entry, Gazetteer};
/// # fn main() -> Result<(), whosaid::Error> {
/// let gaz = Gazetteer::builder()
///     .include_default(false)
///     .add_entry(Entry::new("Q159", "Russia", "GPE").with_demonym("Russian"))
///     .add_entry(Entry::new("Q30", "the United States", "GPE").with_alias("US"))
///     .build()?;
/// let text = "Russia’s talks with the US, a Russian official said.";
/// let found: Vec<(&str, &str, &str)> =
///     gaz.find(text).iter().map(|m| (m.span().as_str(text), m.id(), m.label())).collect();
/// assert_eq!(found, [("Russia", "Q159", "GPE"), ("US", "Q30", "GPE"), ("Russian", "Q159", "NORP")]);
/// # Ok(()) }
/// ```
#[derive(Clone, PartialEq)]
pub struct Gazetteer {
    fold_diacritics: bool,
    strings: String,
    entries: Vec<EntryRec>,
    labels: Vec<Str>,
    /// Candidates of the patterns (see [`Prefixes`]), best first.
    cands: Vec<Cand>,
    prefixes: Prefixes,
    first_words: FirstWords,
    /// Its key to the memos of what walks found (see `known.rs`).
    memo: MemoKey,
}

impl Default for Gazetteer {
    /// An empty gazetteer (diacritics folded), which finds nothing.
    fn default() -> Self {
        Compiler::new(true).finish()
    }
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .field("prefix_slots", &self.prefixes.slots.len())
            .field("fold_diacritics", &self.fold_diacritics)
            .finish()
    }
}

/// The embedded default gazetteer's source: countries, territories, demonyms,
/// capitals and large cities, subdivisions, regions, organisations and news agencies.
const DEFAULT_JSONL: &str = include_str!("../../data/gazetteer/default.jsonl");

impl Gazetteer {
    /// A builder; see [`GazetteerBuilder`] for the options and their defaults.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// The embedded default gazetteer, built on first use and then shared.
    ///
    /// ```
    /// let gaz = whosaid::Gazetteer::default_gazetteer();
    /// let text = "Reuters reported from Kyiv.";
    /// let ids: Vec<&str> = gaz.find(text).iter().map(|m| m.id()).collect();
    /// assert_eq!(ids, ["org:reuters", "geonames:703448"]);
    /// ```
    #[must_use]
    pub fn default_gazetteer() -> &'static Gazetteer {
        static DEFAULT: OnceLock<Gazetteer> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            Gazetteer::builder()
                .include_default(false)
                .add_jsonl_str(DEFAULT_JSONL, "<default gazetteer>")
                .build()
                .expect("the embedded gazetteer is valid (checked by the tests)")
        })
    }

    /// Number of entries (after merging entries that share an id).
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when the gazetteer ignores diacritics ("Zakharová" = "Zakharova").
    #[must_use]
    pub fn folds_diacritics(&self) -> bool {
        self.fold_diacritics
    }

    /// The normalization this gazetteer matches over.
    #[must_use]
    pub fn normalize_options(&self) -> NormalizeOptions {
        NormalizeOptions::default().fold_diacritics(self.fold_diacritics)
    }

    /// Entry `i`, in the order entries were added.
    #[must_use]
    pub fn entry(&self, i: usize) -> Option<EntryRef<'_>> {
        (i < self.entries.len()).then_some(EntryRef { gaz: self, entry: i as u32, demonym: false })
    }

    /// Mentions of entries in `text`: leftmost-longest, not overlapping, starting and
    /// ending on token boundaries, in text order. Spans are byte offsets into `text`.
    #[must_use]
    pub fn find<'g>(&'g self, text: &str) -> Vec<Match<'g>> {
        self.find_with(text, false)
    }

    /// Every mention, overlapping ones included ("New York" and "New York City" and
    /// "York"), ordered by start then end. Spans are byte offsets into `text`.
    ///
    /// ```
    /// use whosaid::{Entry, Gazetteer};
    /// # fn main() -> Result<(), whosaid::Error> {
    /// let gaz = Gazetteer::builder()
    ///     .include_default(false)
    ///     .add_entry(Entry::new("nyc", "New York City", "GPE"))
    ///     .add_entry(Entry::new("ny", "New York", "GPE"))
    ///     .add_entry(Entry::new("york", "York", "GPE"))
    ///     .build()?;
    /// let text = "New York City";
    /// let spans: Vec<&str> = gaz.find_overlapping(text).iter().map(|m| m.span().as_str(text)).collect();
    /// assert_eq!(spans, ["New York", "New York City", "York"]);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn find_overlapping<'g>(&'g self, text: &str) -> Vec<Match<'g>> {
        self.find_with(text, true)
    }

    fn find_with<'g>(&'g self, text: &str, overlapping: bool) -> Vec<Match<'g>> {
        // With a large gazetteer, room for a match per 16 bytes, which few texts
        // pass even at a million names (one per 25 bytes), then trimmed: growing a
        // match at a time took 4M instructions over the train texts there, in copies
        // and reallocations. A small one matches too rarely for that to pay. The room
        // is capped (3 MB), so a text of a hundred megabytes grows its list instead
        // of reserving three times its size.
        let large = self.large();
        let room = if large { (text.len() / 16).min(1 << 16) } else { 0 };
        let mut out = Vec::with_capacity(room);
        let mut norm = Normalized::default();
        let mut from = 0;
        while from < text.len() {
            let mut cut = window::cut(text.as_bytes(), from + window::LENGTH);
            // A match reported across the cut moves it past the match's end.
            while let Some(end) =
                self.find_window(text, from, cut, overlapping, &mut norm, &mut out)
            {
                cut = window::cut(text.as_bytes(), end);
            }
            from = cut;
        }
        if large {
            out.shrink_to_fit();
        }
        out
    }

    /// True when the prefix table and first-word set take more than
    /// [`AHEAD_WORDS`]: they then miss the cache, and a quarter of all words may
    /// match.
    fn large(&self) -> bool {
        staged(self.prefixes.slots.len(), self.first_words.lines.as_flattened().len())
    }

    /// Appends to `out` the matches in `text` that start from `from` and before `cut`
    /// (see `window.rs`), reading the text as far as they may reach, and returns
    /// `None`; or, when the last of them ends past `cut`, appends nothing and returns
    /// where it ends.
    fn find_window<'g>(
        &'g self,
        text: &str,
        from: usize,
        cut: usize,
        overlapping: bool,
        norm: &mut Normalized,
        out: &mut Vec<Match<'g>>,
    ) -> Option<usize> {
        let piece = &text[from..window::end(text.as_bytes(), cut, self.prefixes.longest)];
        let before = out.len();
        let stop = cut - from;
        let past = match PlainReader::new(piece) {
            Some(plain) => self.find_in(piece, &plain, overlapping, stop, out) > stop,
            None => {
                normalize_into(piece, self.normalize_options(), norm);
                let stop = norm.normalized_offset(stop);
                self.find_in(piece, &NormalizedReader(norm), overlapping, stop, out) > stop
            }
        };
        if past {
            let end = out.last().map_or(cut, |m| from + m.span.end);
            out.truncate(before);
            return Some(end.max(cut + 1));
        }
        for m in &mut out[before..] {
            m.span = Span::new(m.span.start + from, m.span.end + from);
        }
        None
    }

    /// Appends the matches in `text` to `out` and returns true, when the text can be
    /// read without normalizing it (see `reader.rs`); else returns false.
    pub(crate) fn find_plain<'g>(
        &'g self,
        text: &str,
        overlapping: bool,
        out: &mut Vec<Match<'g>>,
    ) -> bool {
        match PlainReader::new(text) {
            Some(plain) => self.find_in(text, &plain, overlapping, usize::MAX, out),
            None => return false,
        };
        true
    }

    /// Appends the matches in `text`, whose normalized form (with
    /// [`Gazetteer::normalize_options`]) is `norm`, to `out`.
    pub(crate) fn find_normalized<'g>(
        &'g self,
        text: &str,
        norm: &Normalized,
        overlapping: bool,
        out: &mut Vec<Match<'g>>,
    ) {
        self.find_in(text, &NormalizedReader(norm), overlapping, usize::MAX, out);
    }

    /// Appends the matches in `text`, read through `reader`, that start before `stop`
    /// (a position of the reader's) to `out`. Returns where the last match reported
    /// ends when only the longest are (else 0), as a position of the reader's.
    fn find_in<'g>(
        &'g self,
        text: &str,
        reader: &impl Reader,
        overlapping: bool,
        stop: usize,
        out: &mut Vec<Match<'g>>,
    ) -> usize {
        // With the batches' pass, a large gazetteer's starts go without stages:
        // those left are few, and the pass has brought most of their lines into
        // the cache (at 100,000 names 1.06x as fast, at a million 1.09x).
        let batch = Batch::detect();
        match self.large() && batch.is_none() {
            true => self.scan::<_, true>(text, reader, overlapping, stop, out, batch),
            false => self.scan::<_, false>(text, reader, overlapping, stop, out, batch),
        }
    }

    /// [`Gazetteer::find_in`], with starts in stages when `AHEAD` (a large
    /// gazetteer's, without a batch) and ruled out in batches with a `batch` (see `batch.rs`):
    /// chosen by the gazetteer's size, or whatever it is by the test that compares
    /// them.
    fn scan<'g, R: Reader, const AHEAD: bool>(
        &'g self,
        text: &str,
        reader: &R,
        all: bool,
        stop: usize,
        out: &mut Vec<Match<'g>>,
        batch: Option<Batch>,
    ) -> usize {
        // `None` spelled out: the scan without a batch is compiled without it.
        match (self.large(), batch) {
            (false, None) => self.scan_with::<_, AHEAD, true>(text, reader, all, stop, out, None),
            (true, None) => self.scan_with::<_, AHEAD, false>(text, reader, all, stop, out, None),
            (false, batch) => self.scan_with::<_, AHEAD, true>(text, reader, all, stop, out, batch),
            (true, batch) => self.scan_with::<_, AHEAD, false>(text, reader, all, stop, out, batch),
        }
    }

    /// [`Gazetteer::find_in`], with starts in stages when `AHEAD`, for a first-word
    /// set that is small or not (see [`FirstWords::build`]): a constant, so that a
    /// large one's scan tests nothing for bits it does not have. With a `batch`,
    /// drops the starts its pass rules out (see `batch.rs`). Inlined, so that a scan
    /// without a batch (`find_in` passes one or none) tests nothing for it.
    #[inline(always)]
    fn scan_with<'g, R: Reader, const AHEAD: bool, const SMALL: bool>(
        &'g self,
        text: &str,
        reader: &R,
        overlapping: bool,
        stop: usize,
        out: &mut Vec<Match<'g>>,
        batch: Option<Batch>,
    ) -> usize {
        let t = reader.bytes();
        // A first-word set of no lines (none is built or loaded) rules out every
        // start; said here, once, its lines are known to be there in the loop, which
        // then checks nothing for a start's line.
        if self.first_words.lines.is_empty() {
            return 0;
        }
        let stop = stop.min(t.len());
        let walk = Walk { gaz: self, text, reader, all: overlapping, hint: 0 };
        // A small gazetteer's words rarely match: it keeps no memo.
        let mut memo = (!SMALL).then(|| Held::take(&self.memo));
        let words = memo.as_mut().map(Held::places);
        let mut scan: Scan<'g, '_, _, AHEAD, SMALL> =
            Scan { walk, resume: 0, walked: Ring::default(), words };
        // Starts hashed and waiting to be tested: kept apart from `scan`, which the
        // walk is handed, so that the ring's count can stay in a register.
        let mut tested: Ring<FirstWord<'g>, TESTED, AHEAD> = Ring::default();
        // Matches may start at token starts: a word character after a non-word one,
        // or (when some name starts with one) an ASCII punctuation character.
        // The first-word filter is exact for punctuation starts too (their first
        // word is empty).
        let punct_starts = self.prefixes.starts_with_punct();
        let misses = batch
            .map(|batch| batch.misses(&self.first_words, SMALL, self.prefixes.ascii_starts(), t));
        let mut i = 0;
        let mut prev_word = false;
        // The block's bytes, and eight more, so that a word of the block is read
        // from it as one `u64` whose place needs no bounds check.
        let mut bytes = [b' '; BLOCK + 8];
        while i < stop {
            // The places the pass ruled out; a block of nothing else is skipped.
            let missed = misses.as_ref().map(|misses| bits_at(misses, i));
            if missed == Some(u64::MAX) && i + BLOCK <= stop {
                prev_word = t[i + BLOCK - 1].is_ascii_alphanumeric();
                i += BLOCK;
                continue;
            }
            // The bytes from `i` on, as many as are ASCII of the next block (all of
            // it in a plain text; or the first character when it is not ASCII):
            // `step` of them, with the token
            // starts among them as bits of `starts` (bit n for byte i + n), those that
            // are punctuation in `punct`.
            match t.get(i..i + BLOCK) {
                Some(block) => bytes[..BLOCK].copy_from_slice(block),
                None => {
                    // The end of the text, padded with spaces, which start no token.
                    bytes = [b' '; BLOCK + 8];
                    bytes[..t.len() - i].copy_from_slice(&t[i..]);
                }
            }
            let block = classes(bytes.first_chunk().unwrap_or(&[0; BLOCK]));
            // A plain text's other characters are all punctuation or space: read
            // in the block, as neither letters nor digits nor ' '.
            let high = if R::OTHERS_PUNCT { 0 } else { block.high };
            // (Up to `stop`: starts from there on are the next window's.)
            let ascii = high.trailing_zeros().min((stop - i) as u32) as usize;
            // `stops`: the bytes classified that end a first word (all but letters).
            let (mut starts, mut punct, stops, step);
            if ascii > 0 {
                let kept = u64::MAX.checked_shr(64 - ascii as u32).unwrap_or(0);
                let words = block.words & kept;
                punct = if punct_starts { !words & !block.spaces & kept } else { 0 };
                starts = words & !(words << 1 | u64::from(prev_word)) | punct;
                prev_word = (words >> (ascii - 1)) & 1 != 0;
                (stops, step) = (!block.letters & kept, ascii);
            } else {
                let (word, len) = reader.char_at(i);
                punct = u64::from(!word);
                starts = u64::from(!prev_word || !word);
                prev_word = word;
                (stops, step) = (1, len);
            }
            if let Some(missed) = missed {
                starts &= !missed;
                // Which ASCII punctuation no name starts with, the misses say too:
                // only other characters (a plain text's marks) are left to test.
                if ascii > 0 {
                    punct &= block.high;
                }
            }
            // Punctuation rarely starts a name: its starts that none begins with are
            // dropped here, so that the loop below tests no start for punctuation.
            while punct != 0 {
                let n = punct.trailing_zeros() as usize;
                punct &= punct - 1;
                if !self.punct_starts(reader, i + n, bytes[n]) {
                    starts &= !(1 << n);
                }
            }
            while starts != 0 {
                let n = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let k = i + n;
                // A start inside a match reported is skipped. (In stages, a match is
                // reported starts after its own start was hashed, so hardly ever
                // before the starts inside it are: they are left to the test.)
                if !AHEAD && k < scan.resume {
                    continue;
                }
                // The first word ends inside the bytes classified when a stop follows.
                let first = match stops >> n {
                    0 => self.first_words.first_word(t, k),
                    after => {
                        let run = after.trailing_zeros() as usize;
                        self.first_words.block_word(k, &bytes, n, run)
                    }
                };
                if let (true, due) = tested.push(first) {
                    // A second word that is not the next start's first is most often
                    // in the block, under eight letters: one chunk of `bytes`.
                    let second = |next: usize| {
                        let m = next.wrapping_sub(i);
                        let run = if m < step { (stops >> m).trailing_zeros() } else { 8 };
                        match bytes.get(m..).and_then(|b| b.first_chunk::<8>()) {
                            Some(word) if run < 8 && m + (run as usize) < step => {
                                let run = run as usize;
                                (
                                    self.first_words.short_hash(u64::from_le_bytes(*word), run),
                                    next + run,
                                )
                            }
                            _ => self.first_words.word_hash(t, next),
                        }
                    };
                    scan.test(due, tested.oldest(), out, second);
                }
            }
            i += step;
        }
        for due in tested.drain() {
            scan.test(due, None, out, |next| self.first_words.word_hash(t, next));
        }
        for due in scan.walked.drain() {
            scan.walk(due, out);
        }
        scan.resume
    }

    /// True when some pattern starts with the character at `k`, which is neither a
    /// letter, a digit nor a space, and whose first byte is `byte` (read from the
    /// scan's copy of its block). An ASCII byte reads as itself (or, white space and
    /// control bytes, as a byte no pattern starts with), so it is tested as it is.
    #[inline(always)]
    fn punct_starts(&self, reader: &impl Reader, k: usize, byte: u8) -> bool {
        match byte {
            b if b < 0x80 => self.prefixes.starts_with(b),
            _ => reader.starts_char(k) && self.prefixes.starts_with(reader.step(k).0),
        }
    }

    /// The candidates whose case policy accepts `original`, the original text of the
    /// match, or `None` when no candidate does.
    fn case_filter<'g>(&'g self, cands: &'g [Cand], original: &str) -> Option<Cow<'g, [Cand]>> {
        let mut folded: Option<String> = None;
        let mut ok = |c: &Cand| {
            if c.exact == NO_EXACT {
                return true;
            }
            let exact = self.str(c.exact);
            if entry::is_exact(original, exact) {
                return true;
            }
            if original.bytes().all(|b| b.is_ascii_graphic()) {
                // Nothing to normalize but case, and the case differs.
                return false;
            }
            let f = folded.get_or_insert_with(|| entry::exact_form(original, self.fold_diacritics));
            entry::is_exact(f, exact)
        };
        // Most often every candidate passes, or (a lower-case "who" for "WHO") none
        // does: the list is copied only when some but not all pass.
        match cands.iter().position(|c| !ok(c)) {
            None => Some(Cow::Borrowed(cands)),
            Some(first_out) => {
                let mut kept = cands[..first_out].to_vec();
                kept.extend(cands[first_out + 1..].iter().filter(|c| ok(c)));
                (!kept.is_empty()).then_some(Cow::Owned(kept))
            }
        }
    }

    fn str(&self, s: Str) -> &str {
        &self.strings[s.start as usize..(s.start + s.len) as usize]
    }
}

/// Starts in flight (see `ahead.rs`): first tested against the first-word set
/// [`TESTED`] starts after their line of it was prefetched (in the scan's ring),
/// then walked [`WALKED`] passing starts after their first table slot was.
struct Scan<'g, 't, R, const AHEAD: bool, const SMALL: bool> {
    walk: Walk<'g, 't, R>,
    /// Positions before it are inside a match already reported.
    resume: usize,
    /// Passing starts, the position their walk may read up to and the cursor
    /// after their first segment.
    walked: Ring<Walked, WALKED, AHEAD>,
    /// What walks from words met before found, when the gazetteer is large (see
    /// `known.rs`).
    words: Option<&'t mut [Known; PLACES]>,
}

/// The 64 bits of `bits` (a bit per byte of a text, 64 per item) from byte `i` on.
#[inline(always)]
fn bits_at(bits: &[u64], i: usize) -> u64 {
    let (item, shift) = (i / 64, i % 64);
    let low = bits.get(item).map_or(0, |&b| b >> shift);
    let high = bits.get(item + 1).map_or(0, |&b| b.checked_shl(64 - shift as u32).unwrap_or(0));
    low | high
}

/// The size (in `u64`s) of the prefix table and first-word set from which starts
/// go through the stages (when the batches' pass does not run): 1 MB. Below it the table and set stay in a core's cache,
/// there are no misses to overlap, and the stages only cost instructions (at 5,000
/// names 12% more than without).
const AHEAD_WORDS: usize = 1 << 17;

/// True when a prefix table of `slots` and a first-word set of `set_words` `u64`s
/// take more than [`AHEAD_WORDS`] (see [`Gazetteer::large`]).
fn staged(slots: usize, set_words: usize) -> bool {
    slots + set_words > AHEAD_WORDS
}

/// Starts between hashing a first word and testing it.
const TESTED: usize = 8;
/// Passing starts between testing one and walking from it.
const WALKED: usize = 4;

/// A start that passed the first-word test: where its walk starts, the cursor
/// after the first segment and the last position it may read a segment from.
#[derive(Clone, Copy, Default)]
struct Walked {
    start: usize,
    limit: usize,
    hash: u64,
    end: usize,
}

impl<'g, R: Reader, const AHEAD: bool, const SMALL: bool> Scan<'g, '_, R, AHEAD, SMALL> {
    /// Tests `first` and passes it on to be walked; `second` as in
    /// [`FirstWords::may_start`].
    #[inline(always)]
    fn test(
        &mut self,
        first: FirstWord<'g>,
        following: Option<&FirstWord>,
        out: &mut Vec<Match<'g>>,
        second: impl FnOnce(usize) -> (u64, usize),
    ) {
        if let Some(walked) = self.filter(first, following, second) {
            if let (true, due) = self.walked.push(walked) {
                if AHEAD {
                    self.walk.prefetch_further(walked);
                }
                self.walk(due, out);
            }
        }
    }

    /// The start `first` to walk, or `None` when it is inside a match reported or
    /// the first-word set rules it out. Prefetches the table slot of its first word.
    #[inline(always)]
    fn filter(
        &mut self,
        first: FirstWord<'g>,
        following: Option<&FirstWord>,
        second: impl FnOnce(usize) -> (u64, usize),
    ) -> Option<Walked> {
        let gaz = self.walk.gaz;
        if first.start < self.resume {
            return None;
        }
        let reach = gaz.first_words.may_start(self.walk.reader, first, following, second, SMALL);
        let limit = match reach {
            Reach::Nowhere => return None,
            Reach::Within(end) => end,
            Reach::Further => usize::MAX,
        };
        gaz.prefixes.prefetch(first.hash);
        Some(Walked { start: first.start, limit, hash: first.hash, end: first.end })
    }

    /// Walks from `w` unless a match reported since it was tested covers it.
    fn walk(&mut self, w: Walked, out: &mut Vec<Match<'g>>) {
        if w.start < self.resume {
            return;
        }
        // A word of up to eight letters (see `known.rs`).
        let mut first = None;
        if let (false, Some(words)) = (SMALL, self.words.as_deref_mut()) {
            let t = self.walk.reader.bytes();
            if (1..=8).contains(&(w.end - w.start)) {
                let chunk = word_chunk(t, w.start, w.end);
                let known = &mut words[w.hash as usize % PLACES];
                if known.chunk != chunk {
                    *known = self.walk.word(w, chunk);
                }
                // Then a space or the end, and no pattern goes past: only the word's
                // own pattern can match.
                let alone = w.limit == w.end && t.get(w.end).is_none_or(|&b| b == b' ');
                let cands = || known.cands().and_then(|c| self.walk.gaz.cands.get(c));
                if let Some(cands) = alone.then(cands).flatten() {
                    if !cands.is_empty() {
                        self.walk.push(w.start, w.end, Cow::Borrowed(cands), out);
                        if !self.walk.all {
                            self.resume = w.end;
                        }
                    }
                    return;
                }
                // Else the walk goes on from what the memo has after the word.
                first = Some(*known);
            }
        }
        if let Some(end) = self.walk.run(w, first, out) {
            if !self.walk.all {
                self.resume = end;
            }
        }
    }
}

/// The longest match of a walk: its end and its candidates.
type Longest<'g> = (usize, Cow<'g, [Cand]>);

/// The walk from one start of a [`Gazetteer::find_in`] scan.
struct Walk<'g, 't, R> {
    gaz: &'g Gazetteer,
    text: &'t str,
    reader: &'t R,
    /// Report every match from a start, not only the longest.
    all: bool,
    /// See [`Normalized::original_offset_from`].
    hint: usize,
}

impl<'g, R: Reader> Walk<'g, '_, R> {
    /// Walks the prefix table from `w.start` and pushes the longest valid match
    /// (or, when `all`, every valid match), reading no segment that starts after
    /// `w.limit`; the first segment, a word of letters, as `first` has it when
    /// given. Returns the end of the last one pushed.
    /// Not inlined: only a few token starts pass the first-word filter, and the scan
    /// loop stays small without it.
    #[inline(never)]
    fn run(&mut self, w: Walked, first: Option<Known>, out: &mut Vec<Match<'g>>) -> Option<usize> {
        let (best, last) = self.walk(w, first, out);
        let Some((mut end, mut cands)) = best else { return last };
        let mut start = w.start;
        // Most matches start with another letter than the article's.
        let t = self.reader.bytes()[start] | 0x20 == b't';
        if let Some(longer) = t.then(|| self.after_article(start, end)).flatten() {
            (start, (end, cands)) = longer;
        }
        self.push(start, end, cands, out);
        Some(end)
    }

    /// When a match from `start` to `end` starts with the article "the" ("the
    /// United Nations"), a longer match from the word after it, as its start and
    /// itself: the article is optional (a name written with it matches without it
    /// too), so it does not make the shorter name the leftmost ("the United
    /// Nations Security Council" is the council, not the United Nations). The text
    /// is read, not the pattern: the match has the pattern's normalized bytes.
    #[inline(never)]
    fn after_article(&mut self, start: usize, end: usize) -> Option<(usize, Longest<'g>)> {
        let t = self.reader.bytes();
        if end <= start + 4 || !t[start..start + 3].eq_ignore_ascii_case(b"the") {
            return None;
        }
        let (space, next) = self.reader.step(start + 3);
        if space != b' ' {
            return None;
        }
        let (hash, word_end) = self.gaz.first_words.word_hash(t, next);
        let w = Walked { start: next, limit: usize::MAX, hash, end: word_end };
        let (best, _) = self.walk(w, None, &mut Vec::new());
        best.filter(|&(longer, _)| longer > end).map(|b| (next, b))
    }

    /// The walk of [`Walk::run`]: pushes every valid match when `all` and returns
    /// the end of the last one, else returns the longest, its end and candidates.
    #[inline(always)]
    fn walk(
        &mut self,
        w: Walked,
        mut first: Option<Known>,
        out: &mut Vec<Match<'g>>,
    ) -> (Option<Longest<'g>>, Option<usize>) {
        let gaz = self.gaz;
        let table = &gaz.prefixes;
        let t = self.reader.bytes();
        let (start, limit) = (w.start, w.limit);
        let mut best = None;
        let mut last = None;
        // The first segment: the first word when it is letters, hashed already.
        let mut c = if w.end > start {
            Prefixes::after_letters(w.hash, w.end)
        } else {
            table.advance(table.start(start), t, |j| self.reader.step(j))
        };
        loop {
            if !c.after_space {
                let known = first.take();
                let Some(hit) = known.map(|k| k.hit).or_else(|| table.get(c)) else { break };
                let j = c.at;
                // The word's candidates, from the memo or the pattern's record.
                let found = match known.and_then(Known::cands) {
                    Some(range) => {
                        let cands = gaz.cands.get(range).unwrap_or_default();
                        let valid = !cands.is_empty() && self.reader.is_boundary(j);
                        valid.then_some(Cow::Borrowed(cands))
                    }
                    // (No closures: the walk is inlined twice, and they were not.)
                    None => match hit.pattern().map(|at| table.pattern(at)) {
                        Some(p)
                            if self.reader.is_boundary(j)
                                && self.reader.equals(p.key, start, j) =>
                        {
                            self.cands(&p, start, j)
                        }
                        _ => None,
                    },
                };
                if let Some(cands) = found {
                    if self.all {
                        self.push(start, j, cands, out);
                        last = Some(j);
                    } else {
                        best = Some((j, cands));
                    }
                }
                if !hit.longer() {
                    break;
                }
            }
            if c.at >= t.len() || c.at > limit {
                break;
            }
            c = table.advance(c, t, |j| self.reader.step(j));
        }
        (best, last)
    }

    /// Fetches the table slots that a walk from `w` will look up after its first
    /// word, when it may go further and its first two words are letters ("new
    /// york"): the first slot was fetched when the start was tested, but a walk
    /// that goes on would then miss the cache again, after the separator or the
    /// second word, at a million names 76,000 times over the train texts.
    /// Called as a start is queued to be walked [`WALKED`] passing starts later;
    /// out of line, so that the scan loop stays as small as without it.
    #[inline(never)]
    fn prefetch_further(&self, w: Walked) {
        let t = self.reader.bytes();
        if w.limit != usize::MAX || w.end == w.start || w.end >= t.len() {
            return;
        }
        let table = &self.gaz.prefixes;
        let (separator, next) = self.reader.step(w.end);
        let after = Prefixes::after_letters(Prefixes::after_byte(w.hash, separator), next);
        if separator != b' ' {
            table.prefetch(after.hash);
        }
        if t.get(next).is_some_and(u8::is_ascii_alphabetic) {
            table.prefetch(table.advance(after, t, |j| self.reader.step(j)).hash);
        }
    }

    /// What a walk from `w`, a word of letters whose chunk is `chunk`, finds in the
    /// word itself (see [`Known`]).
    fn word(&self, w: Walked, chunk: u64) -> Known {
        let gaz = self.gaz;
        let hit = gaz.prefixes.get(Prefixes::after_letters(w.hash, w.end));
        let cands = match hit.and_then(|hit| hit.pattern()) {
            None => Some(0..0),
            Some(at) => {
                let p = gaz.prefixes.pattern(at);
                match p.exact {
                    true => None,
                    false if self.reader.equals(p.key, w.start, w.end) => Some(p.cands),
                    false => Some(0..0),
                }
            }
        };
        Known::new(chunk, cands, hit.unwrap_or_default())
    }

    /// The candidates of pattern `p` whose case policy accepts the text from `start`
    /// to `end`, or `None` when none does.
    fn cands(&self, p: &Pattern<'_>, start: usize, end: usize) -> Option<Cow<'g, [Cand]>> {
        let cands = &self.gaz.cands[p.cands.clone()];
        if !p.exact {
            return Some(Cow::Borrowed(cands));
        }
        let span = self.reader.original(start, end, &mut 0);
        self.gaz.case_filter(cands, span.as_str(self.text))
    }

    fn push(&mut self, start: usize, end: usize, cands: Cow<'g, [Cand]>, out: &mut Vec<Match<'g>>) {
        let span = self.reader.original(start, end, &mut self.hint);
        out.push(Match { span, gaz: self.gaz, cands });
    }
}

/// The letters of `t` from `start` to `end` (one to eight ASCII letters), lower-cased,
/// as a little-endian number: one number per word, whichever case it is written in.
#[inline(always)]
fn word_chunk(t: &[u8], start: usize, end: usize) -> u64 {
    let x = match t.get(start..start + 8) {
        Some(bytes) => u64::from_le_bytes(bytes.try_into().unwrap_or_default()),
        None => {
            let mut bytes = [0u8; 8];
            bytes[..end - start].copy_from_slice(&t[start..end]);
            u64::from_le_bytes(bytes)
        }
    };
    (x | ascii8::FOLD) & (u64::MAX >> (64 - 8 * (end - start)))
}

/// Word characters: letters, digits and combining marks. A token boundary is any
/// position not between two word characters, so "Russia-US" and "Russia's" split.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

const WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// A mention of a gazetteer entry in a text.
#[derive(Clone)]
pub struct Match<'g> {
    span: Span,
    gaz: &'g Gazetteer,
    cands: Cow<'g, [Cand]>,
}

impl<'g> Match<'g> {
    /// Byte offsets of the mention in the text passed to [`Gazetteer::find`].
    #[must_use]
    pub fn span(&self) -> Span {
        self.span
    }

    /// Asks for the best-ranked entry's record ahead of reading it (see
    /// [`Match::id`]), so that the misses of several matches overlap.
    pub(crate) fn prefetch_entry(&self) {
        if let Some(rec) = self.cands.first().and_then(|c| self.gaz.entries.get(c.entry() as usize))
        {
            ahead::prefetch(rec);
        }
    }

    /// The best-ranked entry the mention refers to.
    #[must_use]
    pub fn entry(&self) -> EntryRef<'g> {
        let c = self.cands[0];
        EntryRef { gaz: self.gaz, entry: c.entry(), demonym: c.entry & DEMONYM != 0 }
    }

    /// The best-ranked entry's id.
    #[must_use]
    pub fn id(&self) -> &'g str {
        self.entry().id()
    }

    /// The best-ranked entry's canonical name.
    #[must_use]
    pub fn name(&self) -> &'g str {
        self.entry().name()
    }

    /// The mention's label: the entry's, or `NORP` for a demonym.
    #[must_use]
    pub fn label(&self) -> &'g str {
        self.entry().label()
    }

    /// Every entry the matched name belongs to, best first (by weight, then by the
    /// order entries were added).
    ///
    /// ```
    /// use whosaid::{Entry, Gazetteer};
    /// # fn main() -> Result<(), whosaid::Error> {
    /// let gaz = Gazetteer::builder()
    ///     .include_default(false)
    ///     .add_entry(Entry::new("paris-tx", "Paris", "GPE").with_weight(1.0))
    ///     .add_entry(Entry::new("paris-fr", "Paris", "GPE").with_weight(7.0))
    ///     .build()?;
    /// let m = &gaz.find("Paris")[0];
    /// let ids: Vec<&str> = m.candidates().map(|e| e.id()).collect();
    /// assert_eq!(ids, ["paris-fr", "paris-tx"]);
    /// # Ok(()) }
    /// ```
    pub fn candidates(&self) -> impl ExactSizeIterator<Item = EntryRef<'g>> + '_ {
        let gaz = self.gaz;
        self.cands.iter().map(move |c| EntryRef {
            gaz,
            entry: c.entry(),
            demonym: c.entry & DEMONYM != 0,
        })
    }
}

impl std::fmt::Debug for Match<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.candidates().map(|e| e.id()).collect();
        f.debug_struct("Match")
            .field("span", &self.span)
            .field("label", &self.label())
            .field("ids", &ids)
            .finish()
    }
}

/// A view of one entry of a compiled [`Gazetteer`].
#[derive(Clone, Copy)]
pub struct EntryRef<'g> {
    gaz: &'g Gazetteer,
    entry: u32,
    demonym: bool,
}

impl<'g> EntryRef<'g> {
    fn rec(&self) -> &'g EntryRec {
        &self.gaz.entries[self.entry as usize]
    }

    /// The entry's id.
    #[must_use]
    pub fn id(&self) -> &'g str {
        self.gaz.str(self.rec().id)
    }

    /// The entry's canonical name.
    #[must_use]
    pub fn name(&self) -> &'g str {
        self.gaz.str(self.rec().name)
    }

    /// The label of the mention: the entry's label, or `NORP` when a demonym matched.
    #[must_use]
    pub fn label(&self) -> &'g str {
        if self.demonym {
            "NORP"
        } else {
            self.gaz.str(self.gaz.labels[self.rec().label as usize])
        }
    }

    /// The entry's weight.
    #[must_use]
    pub fn weight(&self) -> f32 {
        self.rec().weight
    }

    /// Position of the entry in its gazetteer (see [`Gazetteer::entry`]).
    #[must_use]
    pub fn index(&self) -> usize {
        self.entry as usize
    }
}

impl std::fmt::Debug for EntryRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntryRef").field("id", &self.id()).field("label", &self.label()).finish()
    }
}

/// Configures and builds a [`Gazetteer`]. Setters only record; [`build`](Self::build)
/// reads the files, checks every entry and compiles.
#[derive(Clone, Debug)]
#[must_use]
pub struct GazetteerBuilder {
    fold_diacritics: bool,
    include_default: bool,
    sources: Vec<Input>,
}

#[derive(Clone, Debug)]
enum Input {
    Entry(Entry),
    Source(Source),
}

impl Default for GazetteerBuilder {
    fn default() -> Self {
        GazetteerBuilder { fold_diacritics: true, include_default: false, sources: Vec::new() }
    }
}

impl GazetteerBuilder {
    /// Ignore diacritics when matching ("Zakharová" = "Zakharova" = "ZAKHAROVA").
    /// Default: `true`.
    pub fn fold_diacritics(&mut self, yes: bool) -> &mut Self {
        self.fold_diacritics = yes;
        self
    }

    /// Also include the embedded default gazetteer's entries. Default: `false` (a
    /// [`Pipeline`](crate::Pipeline) runs the default gazetteer by itself unless told not to).
    pub fn include_default(&mut self, yes: bool) -> &mut Self {
        self.include_default = yes;
        self
    }

    /// Adds an entry.
    pub fn add_entry(&mut self, entry: Entry) -> &mut Self {
        self.sources.push(Input::Entry(entry));
        self
    }

    /// Adds the entries of a `.jsonl` or `.tsv` file (SCHEMA.md section 3). The file is
    /// read by [`build`](Self::build), which reports a bad line with the path and line number.
    pub fn add_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.sources.push(Input::Source(Source::File(path.as_ref().to_path_buf())));
        self
    }

    /// Adds entries from JSON Lines text; `source_name` stands for the file in errors.
    pub fn add_jsonl_str(&mut self, text: &str, source_name: &str) -> &mut Self {
        self.add_text(text, source_name, Format::Jsonl)
    }

    /// Adds entries from tab-separated text; `source_name` stands for the file in errors.
    ///
    /// ```
    /// let err = whosaid::Gazetteer::builder().add_tsv_str("Paris\tGPE\n", "cities.tsv").build().unwrap_err();
    /// assert_eq!(err.to_string(), "cities.tsv:1: expected 3 or 4 tab-separated fields (name, label, id, aliases), found 2");
    /// ```
    pub fn add_tsv_str(&mut self, text: &str, source_name: &str) -> &mut Self {
        self.add_text(text, source_name, Format::Tsv)
    }

    fn add_text(&mut self, text: &str, name: &str, format: Format) -> &mut Self {
        let source = Source::Text { name: PathBuf::from(name), text: text.to_string(), format };
        self.sources.push(Input::Source(source));
        self
    }

    /// Reads, checks and compiles every entry.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] for a bad line of a file (path, line and reason),
    /// [`Error::Entry`] for a bad entry added in code, [`Error::Io`] for a file that
    /// cannot be read.
    pub fn build(&self) -> Result<Gazetteer> {
        let mut compiler = Compiler::new(self.fold_diacritics);
        if self.include_default {
            let source = Source::Text {
                name: "<default gazetteer>".into(),
                text: DEFAULT_JSONL.to_string(),
                format: Format::Jsonl,
            };
            read_source(&source, |e, _| compiler.add(e))?;
        }
        for input in &self.sources {
            match input {
                Input::Entry(e) => compiler
                    .add(e.fields())
                    .map_err(|reason| Error::Entry { id: e.id.clone(), reason })?,
                Input::Source(source) => read_source(source, |e, _| compiler.add(e))?,
            }
        }
        Ok(compiler.finish())
    }
}

/// Appends `s` to `strings` and returns where it is.
fn push_str(strings: &mut String, s: &str) -> Str {
    let start = strings.len() as u32;
    strings.push_str(s);
    Str { start, len: s.len() as u32 }
}

/// Collects entries and their patterns, then compiles them.
struct Compiler {
    gaz: Gazetteer,
    ids: IdTable,
    label_ids: HashMap<String, u32>,
    /// All pattern keys, concatenated.
    keys: String,
    /// Every pattern, as the record it is sorted by (see `group`).
    patterns: Vec<Pending>,
    /// The exact forms of the patterns that have one.
    exacts: Vec<Str>,
    /// Candidates of pattern `o` are `gaz.cands[outputs[o]..outputs[o + 1]]`.
    outputs: Vec<u32>,
    scratch: KeyScratch,
    /// Bytes the compiled form may reach ([`MAX_COMPILED_BYTES`] but in tests).
    limit: usize,
}

impl Compiler {
    fn new(fold_diacritics: bool) -> Compiler {
        Compiler {
            gaz: Gazetteer {
                fold_diacritics,
                strings: String::new(),
                entries: Vec::new(),
                labels: Vec::new(),
                cands: Vec::new(),
                prefixes: Prefixes::default(),
                first_words: FirstWords::default(),
                memo: MemoKey::new(),
            },
            ids: IdTable::default(),
            label_ids: HashMap::new(),
            keys: String::new(),
            patterns: Vec::new(),
            exacts: Vec::new(),
            outputs: Vec::new(),
            scratch: KeyScratch::default(),
            limit: MAX_COMPILED_BYTES,
        }
    }

    fn intern(&mut self, s: &str) -> Str {
        push_str(&mut self.gaz.strings, s)
    }

    /// Adds an entry, or merges its names into the entry with the same id, which
    /// must have the same label, and keeps the greater weight of the two.
    fn add(&mut self, entry: Fields<'_>) -> std::result::Result<(), String> {
        entry.check()?;
        let new = self.gaz.entries.len() as u32;
        let (strings, entries) = (&self.gaz.strings, &self.gaz.entries);
        let index = match self.ids.get_or_insert(entry.id, new, |i| {
            let id = entries[i as usize].id;
            &strings[id.start as usize..(id.start + id.len) as usize]
        }) {
            Some(i) => {
                let rec = &self.gaz.entries[i as usize];
                let (label, weight) =
                    (self.gaz.str(self.gaz.labels[rec.label as usize]), rec.weight);
                if label != entry.label {
                    return Err(format!(
                        "id {:?} has label {:?} here but {label:?} where it first appears",
                        entry.id, entry.label
                    ));
                }
                self.gaz.entries[i as usize].weight = weight.max(entry.weight);
                i
            }
            None => {
                let label = match self.label_ids.get(entry.label) {
                    Some(&l) => l,
                    None => {
                        let l = self.gaz.labels.len() as u32;
                        let s = self.intern(entry.label);
                        self.gaz.labels.push(s);
                        self.label_ids.insert(entry.label.to_string(), l);
                        l
                    }
                };
                let rec = EntryRec {
                    id: self.intern(entry.id),
                    name: self.intern(entry.name),
                    label,
                    weight: entry.weight,
                };
                self.gaz.entries.push(rec);
                new
            }
        };
        let (keys, patterns, strings) = (&mut self.keys, &mut self.patterns, &mut self.gaz.strings);
        let exacts = &mut self.exacts;
        entry.for_each_pattern(self.gaz.fold_diacritics, &mut self.scratch, |p| {
            let key = push_str(keys, p.key);
            let mut prefix = [0u8; 16];
            let n = p.key.len().min(16);
            prefix[..n].copy_from_slice(&p.key.as_bytes()[..n]);
            let exact = match p.exact {
                Some(e) => {
                    exacts.push(push_str(strings, e));
                    exacts.len() as u32 - 1
                }
                None => u32::MAX,
            };
            patterns.push(Pending {
                prefix: u128::from_be_bytes(prefix),
                len: key.len,
                start: key.start,
                entry: index | if p.demonym { DEMONYM } else { 0 },
                exact,
            });
        })?;
        self.check_size()
    }

    /// Refuses to grow past what 32-bit offsets address, so that no offset ever wraps.
    fn check_size(&self) -> std::result::Result<(), String> {
        let records = self.keys.len() + prefixes::HEADER * self.patterns.len();
        let bytes = self.gaz.strings.len() + records;
        if bytes > self.limit {
            return Err(format!(
                "gazetteer too large: its strings and names need more than {} bytes",
                self.limit
            ));
        }
        Ok(())
    }

    fn finish(mut self) -> Gazetteer {
        // Free what is no longer needed before the memory-hungry steps.
        self.ids = IdTable::default();
        self.label_ids = HashMap::new();
        let (sorted, ends) = self.group();
        self.keys = String::new();
        self.patterns = Vec::new();
        self.exacts = Vec::new();
        let gaz = &mut self.gaz;
        self.outputs.push(gaz.cands.len() as u32);
        gaz.prefixes = Prefixes::build(&sorted, &ends, &self.outputs, &gaz.cands);
        let (outputs, compiled) = (&self.outputs, &*gaz);
        let keys = ends.iter().enumerate().map(|(o, &end)| {
            let start = o.checked_sub(1).map_or(0, |before| ends[before]);
            // Only case-sensitive candidates, none starting in lower case ("WHO").
            let cands = &compiled.cands[outputs[o] as usize..outputs[o + 1] as usize];
            let capital = cands.iter().all(|c| {
                c.exact != NO_EXACT
                    && !compiled.str(c.exact).starts_with(|c: char| c.is_ascii_lowercase())
            });
            (&sorted[start..end], capital)
        });
        let slots = gaz.prefixes.slots.len();
        gaz.first_words = FirstWords::build(keys, gaz.prefixes.walk_seed(), slots);
        gaz.strings.shrink_to_fit();
        gaz.entries.shrink_to_fit();
        gaz.cands.shrink_to_fit();
        self.gaz
    }

    /// Sorts the patterns and groups them by key: fills the candidate lists and
    /// returns the distinct keys, concatenated in sorted order, with the end of each.
    fn group(&mut self) -> (Vec<u8>, Vec<usize>) {
        let keys = self.keys.as_bytes();
        let key = |s: Str| &keys[s.start as usize..(s.start + s.len) as usize];
        let weights: Vec<f32> = self.gaz.entries.iter().map(|e| e.weight).collect();
        let weight = |p: &Pending| weights[(p.entry & !DEMONYM) as usize];
        let exacts = &self.exacts;
        let has_exact = |p: &Pending| p.exact != u32::MAX;
        // Plain numbers sort several times faster than through a comparator; only
        // runs that may share a key need the full order: by key, then best candidate
        // first (higher weight, then earlier entry). Keys of equal prefix sort
        // shortest first, which is their byte order as long as they fit in the prefix.
        self.patterns.sort_unstable();
        let same_run = |a: &Pending, b: &Pending| {
            a.prefix == b.prefix && (a.len == b.len || (a.len > 16 && b.len > 16))
        };
        for run in self.patterns.chunk_by_mut(same_run).filter(|run| run.len() > 1) {
            run.sort_unstable_by(|a, b| {
                key(a.key())
                    .cmp(key(b.key()))
                    .then(weight(b).total_cmp(&weight(a)))
                    .then((a.entry & !DEMONYM).cmp(&(b.entry & !DEMONYM)))
                    .then(a.entry.cmp(&b.entry))
                    .then(has_exact(a).cmp(&has_exact(b)))
            });
        }
        let mut sorted = Vec::with_capacity(keys.len());
        let mut ends: Vec<usize> = Vec::new();
        let mut last_start = 0;
        let gaz = &mut self.gaz;
        let mut prev: Option<(u128, u32)> = None;
        for p in &self.patterns {
            let new_key = match prev {
                Some(q) if p.len <= 16 => q != (p.prefix, p.len),
                Some(_) => &sorted[last_start..] != key(p.key()),
                None => true,
            };
            prev = Some((p.prefix, p.len));
            if new_key {
                last_start = sorted.len();
                if p.len <= 16 {
                    sorted.extend_from_slice(&p.prefix.to_be_bytes()[..p.len as usize]);
                } else {
                    sorted.extend_from_slice(key(p.key()));
                }
                ends.push(sorted.len());
                self.outputs.push(gaz.cands.len() as u32);
            }
            let exact = if has_exact(p) { exacts[p.exact as usize] } else { NO_EXACT };
            let cand = Cand { entry: p.entry, exact };
            // The same entry twice under one key ("Russia" and "RUSSIA"; they sort
            // together, case-insensitive first): keep the first, which accepts
            // everything the other does, unless they need different exact forms.
            let out_start = *self.outputs.last().unwrap_or(&0) as usize;
            if let Some(last) = gaz.cands[out_start..].last() {
                let same_exact = last.exact == NO_EXACT
                    || (cand.exact != NO_EXACT && gaz.str(last.exact) == gaz.str(cand.exact));
                if last.entry == cand.entry && same_exact {
                    continue;
                }
            }
            gaz.cands.push(cand);
        }
        (sorted, ends)
    }
}

/// A pattern waiting to be compiled, laid out to sort as plain numbers: by its key's
/// first sixteen bytes (as one number) and length, which settle most comparisons
/// and hold a whole key of up to sixteen bytes, so that most keys are written out
/// in sorted order without a read at a random place of the key buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Pending {
    prefix: u128,
    len: u32,
    start: u32,
    /// As in [`Cand::entry`].
    entry: u32,
    /// Index in `Compiler::exacts`, or `u32::MAX` when none.
    exact: u32,
}

impl Pending {
    fn key(&self) -> Str {
        Str { start: self.start, len: self.len }
    }
}

/// Entry indexes by id, to merge entries that share one: open addressing over ids
/// kept elsewhere (in the compiled strings), so no id is stored twice.
#[derive(Default)]
struct IdTable {
    /// Per slot: the low 32 bits of the id's hash and the entry index + 1 (0 = empty).
    /// A power of two in length, at most half full.
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl IdTable {
    /// The entry whose id is `id` (`id_of` gives the id of an entry), or `None` after
    /// recording that entry `new` has it.
    fn get_or_insert<'s>(
        &mut self,
        id: &str,
        new: u32,
        id_of: impl Fn(u32) -> &'s str,
    ) -> Option<u32> {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let hash = hash_id(id.as_bytes()) as u32;
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                (_, 0) => {
                    self.slots[i] = (hash, new + 1);
                    self.len += 1;
                    return None;
                }
                (h, e) if h == hash && id_of(e - 1) == id => return Some(e - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Doubles the table, placing each id by its stored hash.
    fn grow(&mut self) {
        let size = (2 * self.slots.len()).max(64);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        for (hash, e) in old.into_iter().filter(|s| s.1 != 0) {
            let mut i = hash as usize & (size - 1);
            while self.slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = (hash, e);
        }
    }
}

/// A fast non-cryptographic hash of an id, eight bytes at a time, whose low bits
/// depend on every byte. Ids come from the user's own files, so flooding is not a
/// concern, and SipHash was a visible part of building a million entries.
fn hash_id(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        let mut b = [0u8; 8];
        b[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    // The multiplications carry bits only upwards: fold the high half down.
    let h = (h ^ (h >> 32)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gazetteer with a name for every word of the sample story and every two
    /// words in a row (most starts pass its first-word set, and many its pair
    /// bits) and one with a long second word, and those words.
    fn every_word() -> (Gazetteer, Vec<&'static str>) {
        let story = include_str!("../../examples/wire-story.txt");
        let words: Vec<&str> =
            story.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
        let mut every = Gazetteer::builder();
        every.include_default(false);
        for (i, pair) in words.windows(2).enumerate() {
            every.add_entry(Entry::new(format!("w{i}"), pair[0], "X")).add_entry(Entry::new(
                format!("p{i}"),
                pair.join(" "),
                "X",
            ));
        }
        // And a name whose second word is too long for the batches' hash, and one
        // that starts with a letter beyond ASCII.
        every.add_entry(Entry::new("long", "Zyzzyva Abcdefghijklmnopqrs", "X"));
        every.add_entry(Entry::new("moscow", "Москва", "X"));
        (every.build().expect("gazetteer"), words)
    }

    /// Every match of `gaz` in `text` (both readers, when the plain one can read
    /// it), scanned in stages when `ahead` and with `batch`.
    fn find(
        gaz: &Gazetteer,
        text: &str,
        all: bool,
        ahead: bool,
        batch: Option<Batch>,
    ) -> Vec<(Span, String)> {
        let mut out = Vec::new();
        let mut norm = Normalized::default();
        normalize_into(text, gaz.normalize_options(), &mut norm);
        let reader = NormalizedReader(&norm);
        let all_of = usize::MAX;
        match ahead {
            true => gaz.scan::<_, true>(text, &reader, all, all_of, &mut out, batch),
            false => gaz.scan::<_, false>(text, &reader, all, all_of, &mut out, batch),
        };
        if let Some(plain) = PlainReader::new(text) {
            match ahead {
                true => gaz.scan::<_, true>(text, &plain, all, all_of, &mut out, batch),
                false => gaz.scan::<_, false>(text, &plain, all, all_of, &mut out, batch),
            };
        }
        out.iter().map(|m| (m.span(), m.id().to_string())).collect()
    }

    #[test]
    fn batches_find_what_starts_one_at_a_time_find_in_random_texts() {
        let Some(batch) = Batch::detect() else {
            return; // Nothing to compare without the instructions.
        };
        let (every, words) = every_word();
        // Words of the names, their parts, long words, digits and letters that are
        // not ASCII, joined by spaces, punctuation, marks that are not ASCII, runs of
        // white space or nothing, to meet at every place of a block.
        let mut pieces: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        pieces.extend(words.iter().map(|w| w.to_lowercase().chars().skip(1).collect()));
        pieces.extend(["7", "2016", "é", "Zakharová", "Abcdefghijklmnopqrs"].map(String::from));
        let joins = [
            " ", " ", " ", " ", " ", "  ", "\n", ", ", ". ", "'", " (", ") ", "-", "’", " “", "” ",
            " — ", "…", "\u{a0}", "",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        let mut total = 0;
        for round in 0..300 {
            let mut text = String::new();
            while text.len() < 40 + round % 200 {
                text.push_str(&pieces[next() % pieces.len()]);
                text.push_str(joins[next() % joins.len()]);
            }
            for gaz in [Gazetteer::default_gazetteer(), &every] {
                for all in [false, true] {
                    let found = find(gaz, &text, all, false, None);
                    assert_eq!(find(gaz, &text, all, false, Some(batch)), found, "{text:?}");
                    total += found.len();
                }
            }
        }
        assert!(total > 10_000, "{total}");
    }

    /// Every match of `gaz` in the whole of `text`, read as one window.
    fn find_whole(gaz: &Gazetteer, text: &str, all: bool) -> Vec<(Span, String)> {
        let mut out = Vec::new();
        if !gaz.find_plain(text, all, &mut out) {
            gaz.find_normalized(
                text,
                &crate::normalize(text, gaz.normalize_options()),
                all,
                &mut out,
            );
        }
        out.iter().map(|m| (m.span(), m.id().to_string())).collect()
    }

    #[test]
    fn windows_of_a_long_text_find_what_the_whole_text_finds() {
        let mut builder = Gazetteer::builder();
        builder.include_default(false);
        let names = [("ny", "New York"), ("york", "York"), ("dots", "...And You"), ("st", "St.")];
        for (id, name) in names {
            builder.add_entry(Entry::new(id, name, "GPE"));
        }
        let gaz = builder.build().expect("gazetteer");
        // A match across the first cut (the token after the white space at 16 KB),
        // then one that ends inside an ellipsis, just before the next cut.
        let filler = "ab ".repeat((window::LENGTH - 4) / 3);
        let pieces =
            ["New York", "York", "New", "St\u{2026}", "\u{2026}And You", "Zakharov\u{e1}", "ab"];
        let joins = [" ", " ", "  ", "\n", ", ", ". ", "\u{2019}", " \u{201c}", "\u{a0}", "-"];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize % n
        };
        let mut total = 0;
        for round in 0..12 {
            let mut text = format!("{}New York", &filler[..filler.len() - round % 3]);
            while text.len() < 5 * window::LENGTH {
                text.push_str(joins[next(joins.len())]);
                text.push_str(pieces[next(pieces.len() - usize::from(round % 2 == 0))]);
            }
            for all in [false, true] {
                let found: Vec<(Span, String)> =
                    (if all { gaz.find_overlapping(&text) } else { gaz.find(&text) })
                        .iter()
                        .map(|m| (m.span(), m.id().to_string()))
                        .collect();
                assert_eq!(found, find_whole(&gaz, &text, all), "round {round}, all {all}");
                total += found.len();
            }
        }
        assert!(total > 50_000, "{total}");
    }

    #[test]
    fn starts_in_stages_or_in_batches_find_what_starts_one_at_a_time_find() {
        let story = include_str!("../../examples/wire-story.txt");
        let (every, words) = every_word();
        // And enough names of two and three of them for a large gazetteer.
        let mut many = Gazetteer::builder();
        many.include_default(false);
        for (i, first) in words.iter().enumerate() {
            for (j, second) in words.iter().enumerate() {
                let third = words[(i + j) % words.len()];
                many.add_entry(Entry::new(format!("m{i}.{j}"), format!("{first} {second}"), "X"))
                    .add_entry(Entry::new(
                        format!("n{i}.{j}"),
                        format!("{first} {second} {third}"),
                        "X",
                    ));
            }
        }
        let many = many.build().expect("gazetteer");
        assert!(many.large() && !every.large());
        let long = "Ab".repeat(40);
        let texts = [
            story.to_string(),
            "Zakharová met the U.S.\u{a0}envoy in New\n  York; Russia’s and Russia-US talks".into(),
            "us who it Oman woman Paris Texas St. Louis 7-Eleven".into(),
            // Words met again, in other cases, before spaces, punctuation and the end
            // (see `Known`), and a case-sensitive name among them.
            "Paris paris PARIS US us US. Paris, Texas; in Paris Paris US us Paris".into(),
            // Words of 10, 15, 16 and 80 letters, across the ends of blocks.
            format!("{long} Paris {long}Paris abcdefghijklmno Washington's abcdefghijklmnop Paris"),
            "in Zyzzyva Abcdefghijklmnopqrs, Zyzzyva Abcdefghijklmnopqrs.".into(),
            format!("x{}", story.replace(' ', "  ")),
            // A plain text with marks that are not ASCII before and inside names.
            "“Paris,” said ‘Reuters’ — “(Reuters) Kyiv…” ‘s-Hertogenbosch “the US”".into(),
            // A block with no start left (skipped), whose last word goes on with a
            // name in the next: a letter beyond ASCII starts a block of its own.
            format!("{}qqqqМосква talks", "qq ".repeat(20)),
        ];
        // Without the instructions, batches are not tested here (see `batch.rs`).
        let batch = Batch::detect();
        for gaz in [Gazetteer::default_gazetteer(), &every, &many] {
            let mut total = 0;
            for text in &texts {
                for all in [false, true] {
                    let found = find(gaz, text, all, false, None);
                    for (ahead, batch) in [(true, None), (false, batch), (true, batch)] {
                        assert_eq!(find(gaz, text, all, ahead, batch), found, "{text}");
                    }
                    total += found.len();
                }
            }
            assert!(total > 200, "{total}");
        }
    }

    #[test]
    fn words_a_memo_answers_are_found_as_walks_find_them() {
        let (_, words) = every_word();
        // One-word names, some of which other names go past (with a separator or a
        // second word), and a case-sensitive one; and a set of half of them.
        let mut names: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        names.extend(["St", "St.", "US", "Paris-based", "said Reuters"].map(String::from));
        let half: Vec<String> = names.iter().step_by(2).cloned().collect();
        let build = |names: &[String], others: usize| {
            let mut builder = Gazetteer::builder();
            builder.include_default(false);
            for (i, name) in names.iter().enumerate() {
                builder.add_entry(Entry::new(format!("n{i}"), name.as_str(), "X"));
            }
            for i in 0..others {
                builder.add_entry(Entry::new(format!("o{i}"), format!("qz{i}"), "X"));
            }
            builder.build().expect("gazetteer")
        };
        // Each set alone, and among enough names the texts never use for a large
        // gazetteer, whose scan answers words from its thread's memo.
        let sets = [&names, &half].map(|names| (build(names, 0), build(names, 100_000)));
        assert!(sets.iter().all(|(small, large)| !small.large() && large.large()));
        let story = include_str!("../../examples/wire-story.txt");
        let texts = [
            story.to_string(),
            "Paris paris PARIS US us US. Paris, Texas; Paris-based St. Louis St.Louis".into(),
            "St St. st, Paris7 Paris’s ‘Paris’ (Reuters) said Reuters said, Reuters…".into(),
            // Words that go on with a digit or a letter that is not ASCII.
            "Kenya7 Kenya Egypt7 Kenyaé Egypt, US7 US said7 said Kenya".into(),
        ];
        // Taking turns, so that each set's scan meets a memo the other filled.
        let batch = Batch::detect();
        let mut total = 0;
        for _ in 0..2 {
            for (small, large) in &sets {
                for text in &texts {
                    for all in [false, true] {
                        let found = find(small, text, all, false, batch);
                        assert_eq!(find(large, text, all, false, batch), found, "{text}");
                        total += found.len();
                    }
                }
            }
        }
        assert!(total > 1000, "{total}");
        // Among enough names for a first-word set with a filter, which the pass tests
        // instead of the set; and saved and loaded.
        let filtered = build(&names, 270_000);
        assert!(!filtered.first_words.filter.is_empty());
        let loaded = Gazetteer::from_bytes(&filtered.to_bytes()).expect("loads");
        assert!(loaded.first_words == filtered.first_words);
        for text in &texts {
            for all in [false, true] {
                let found = find(&sets[0].0, text, all, false, batch);
                assert_eq!(find(&filtered, text, all, false, batch), found, "{text}");
                assert_eq!(find(&loaded, text, all, false, batch), found, "{text}");
            }
        }
        // And in threads at once, each with a memo of its own.
        let ids = |gaz: &Gazetteer, text: &str| -> Vec<(Span, String)> {
            gaz.find(text).iter().map(|m| (m.span(), m.id().to_string())).collect()
        };
        std::thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| {
                    for (small, large) in sets.iter().cycle().take(6) {
                        for text in &texts {
                            assert_eq!(ids(large, text), ids(small, text), "{text}");
                        }
                    }
                });
            }
        });
    }

    #[test]
    fn an_ellipsis_is_read_in_place_with_spans_as_normalized() {
        let mut builder = Gazetteer::builder();
        builder.include_default(false);
        for (id, name) in
            [("paris", "Paris"), ("st", "St."), ("band", "...And You"), ("wait", "Wait...")]
        {
            builder.add_entry(Entry::new(id, name, "ORG"));
        }
        let gaz = builder.build().unwrap();
        let rows: &[(&str, &[&str])] = &[
            ("Paris\u{2026} and \u{2026}Paris", &["Paris", "Paris"]),
            ("in St\u{2026} Louis", &["St"]),
            ("\u{2026}And You Will Know Us", &["\u{2026}And You"]),
            ("x\u{2026}.And you", &["\u{2026}.And you"]),
            ("Wait\u{2026} Wait..\u{2026}", &["Wait\u{2026}", "Wait.."]),
        ];
        for &(text, want) in rows {
            let spans = |all: bool, plain: bool| {
                let mut out = Vec::new();
                if plain {
                    assert!(gaz.find_plain(text, all, &mut out), "{text}");
                } else {
                    let norm = crate::normalize(text, gaz.normalize_options());
                    gaz.find_normalized(text, &norm, all, &mut out);
                }
                out.iter().map(|m| m.span().as_str(text).to_string()).collect::<Vec<_>>()
            };
            assert_eq!(spans(false, true), want, "{text}");
            for all in [false, true] {
                assert_eq!(spans(all, true), spans(all, false), "{text}");
            }
        }
    }

    #[test]
    fn an_entry_past_the_size_limit_is_refused() {
        let mut compiler = Compiler { limit: 200, ..Compiler::new(true) };
        let mut added = 0;
        let error = loop {
            let entry = Entry::new(format!("Q{added}"), format!("Place Number {added}"), "GPE");
            match compiler.add(entry.fields()) {
                Ok(()) => added += 1,
                Err(reason) => break reason,
            }
        };
        assert!(added > 2, "{added}");
        assert!(error.contains("too large"), "{error}");
        assert!(compiler.gaz.strings.len() + compiler.keys.len() < 400);
    }
}
