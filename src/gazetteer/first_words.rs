//! A bit set of how patterns begin, consulted before walking the prefix table.
//!
//! In news text most word starts begin no name: with 5,000 names nearly every
//! word still shares a first letter or two with one, so a walk would look up a
//! prefix or two and fail. Hashing the first word and testing a bit rules most of those
//! walks out for a few nanoseconds; a set bit only means "maybe" (hash
//! collisions), so the walk still decides.
//!
//! A "word" here is a run of ASCII letters (possibly empty; digits end it too, which
//! keeps its test to one range of bytes and changes nothing below). Three kinds
//! of bits are set, all in the cache line the first word's hash picks (but see
//! below for an empty first word): the first
//! word of every pattern; the whole pattern when it is one word (or one word and a
//! final separator), two bits from other bits of the same hash, so the text's first
//! word is read once; and otherwise the first word, the separator byte after it and the
//! second word
//! ("new"+" "+"york", "u"+"."+"s"). The text passes when its first word is a first
//! word and either it is a one-word pattern or its first two words are a pattern's.
//! That is exact as a filter: a name matching at a position has the same bytes as
//! the text there, so its words end where the text's do, except a word running to
//! the end of the name, which is then followed by a token boundary in the text
//! and so ends there as well.
//!
//! Why two bits for a one-word pattern: a frequent word whose one bit happens to be
//! set by another word of its line walks at each occurrence (at 100,000 names, "the"
//! did: 30,000 walks over the PolNeAR train texts, none finding a name). With two,
//! walks there fell from 108,793 to 77,541 (189,583 to 177,217 at a million names).
//!
//! A pattern that starts with a mark ("'s-Hertogenbosch", "(Reuters)") or a letter
//! beyond ASCII has the empty first word, which all such patterns share, and a
//! large set tested no more than their pairs: "'s" passed wherever
//! "'s-Hertogenbosch" is a name (at 100,000 names 10,300 walks from marks over the
//! train texts, nearly all from the apostrophe of "'s", finding nothing). Their
//! pairs now have bits for the byte after them too (as every pair of a small set
//! has), all in the line their pair's hash picks, so that they do not crowd the
//! empty word's line (a million names have 213 such patterns): 50 such walks are
//! left (at a million names 21,500 -> 15,000, where more names start with "'s ").
//! Patterns that start with a digit ("7-Eleven") stay in the empty word's line,
//! where the pass ahead of the scan tests the pairs of numbers.

use super::ahead::prefetch;
use super::pages::Table;
use super::reader::Reader;
use super::staged;
use crate::blocks::BLOCK;
use crate::normalize::ascii8;

/// Bits per distinct first word (about a 6% false-positive rate).
const BITS_PER_WORD: usize = 16;

/// `u64`s per line: 512 bits, one cache line. All the bits of a first word (its
/// own, its one-word pattern's, its pairs') are in the line its hash picks, so a
/// test costs at most one cache miss however large the set is.
const LINE: usize = 8;

/// The bit set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FirstWords {
    /// A power-of-two number of lines of [`LINE`] words.
    pub lines: Table<[u64; LINE]>,
    /// The hash seed of a first word: the prefix table's seed of a walk, so that a
    /// first word's hash is also the walk's hash after it (derived, not saved).
    pub seed: u64,
    /// For a set of [`FILTER_FROM`] bytes or more, a bit per first word alone
    /// ([`FILTER_BITS`] per key), picked by the top bits of its hash: the pass ahead
    /// of the scan (see `batch.rs`) tests it instead of the set, which then misses
    /// the cache. Empty for smaller sets.
    pub filter: Table<u64>,
}

/// The size in bytes from which a set has a filter. At a million names (a set of
/// 4 MB, a filter of 512 KB) matching ran 1.05 times as fast with one; at 100,000
/// (a set of 512 KB, which the processor's L2 cache holds) as fast as without; at
/// 5,000 a little slower.
const FILTER_FROM: usize = 2 << 20;

/// Filter bits per key.
const FILTER_BITS: usize = 4;

/// The bits of a set of `keys` keys.
fn set_bits(keys: usize) -> usize {
    (2 * keys.max(1) * BITS_PER_WORD).next_power_of_two().max(64 * LINE)
}

/// What the set says of a position in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// No pattern starts here.
    Nowhere,
    /// A pattern may start here, but none reaches past the position given and
    /// one more byte (a separator, as in "st."): the first word's end, or the
    /// second word's when every pattern of those two words ends there.
    Within(usize),
    /// A pattern may start here and go on past the first word and separator.
    Further,
}

/// A possible start of a pattern, with its first word (a run of letters, maybe
/// empty) hashed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FirstWord<'s> {
    /// Where it starts.
    pub start: usize,
    /// The word's hash, from [`FirstWords::seed`].
    pub hash: u64,
    /// Where the word ends.
    pub end: usize,
    /// The word's line of the set: held by reference, as an array, so that its
    /// bounds are checked once, not at each of the up to three bits tested.
    line: &'s [u64; LINE],
}

/// The line of a set with no bits (for a ring's empty places).
static EMPTY_LINE: [u64; LINE] = [0; LINE];

impl Default for FirstWord<'_> {
    fn default() -> Self {
        FirstWord { start: 0, hash: 0, end: 0, line: &EMPTY_LINE }
    }
}

/// The chunk [`hash_word`] reads for a word of `len` letters, fewer than eight,
/// whose bytes (and maybe more) are `bytes`: its bytes, lower-cased. From a table
/// by the length, which took fewer instructions than building the mask.
#[inline(always)]
fn short_chunk(bytes: u64, len: usize) -> u64 {
    (bytes | ascii8::FOLD) & SHORT[len % 8]
}

/// The bytes of a word of 0 to 7 bytes in a `u64`, by its length.
const SHORT: [u64; 8] = {
    let mut m = [0u64; 8];
    let mut len = 1;
    while len < 8 {
        m[len] = (1 << (8 * len)) - 1;
        len += 1;
    }
    m
};

/// The multiplier of [`mix`].
pub(super) const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// Hash seed of the pair bits (xored with the first word's hash).
pub(super) const PAIR: u64 = 0xa409_3822_299f_31d0;

/// Hash seed of the bits of what follows a pair (xored with the pair's hash).
const AFTER: u64 = 0x082e_fa98_ec4e_6c89;

/// The shift of a one-word pattern's second bit when it is `capital` (see
/// [`FirstWords::build`]), which a word starting with a lower-case letter does not
/// test: the hash's top bits, clear of those that pick the line.
const CAPITAL: u32 = 55;

impl FirstWords {
    /// The set for `keys` (normalized patterns), hashed from `seed`.
    /// A key marked `capital` has only candidates whose case-sensitive form starts
    /// with no lower-case ASCII letter ("WHO"). `slots` is the size of the prefix
    /// table, which with the set's decides whether the set has after bits.
    pub(crate) fn build<'k>(
        keys: impl ExactSizeIterator<Item = (&'k [u8], bool)>,
        seed: u64,
        slots: usize,
    ) -> FirstWords {
        let filtered = set_bits(keys.len()) / 8 >= FILTER_FROM;
        FirstWords::build_with(keys, seed, slots, filtered)
    }

    /// [`FirstWords::build`], with a filter or not.
    pub(crate) fn build_with<'k>(
        keys: impl ExactSizeIterator<Item = (&'k [u8], bool)>,
        seed: u64,
        slots: usize,
        filtered: bool,
    ) -> FirstWords {
        let bits = set_bits(keys.len());
        let small = !staged(slots, bits / 64);
        let filter_bits = (keys.len() * FILTER_BITS).next_power_of_two().max(64);
        let mut set = FirstWords {
            lines: Table::zeroed(bits / (64 * LINE)),
            seed,
            filter: Table::zeroed(if filtered { filter_bits / 64 } else { 0 }),
        };
        for (key, capital) in keys {
            let (h, end) = hash_word(seed, key, 0);
            if let Some(i) = set.filter_bit(h) {
                set.filter[i / 64] |= 1 << (i % 64);
            }
            let line = set.line(h);
            let bits = if end + 1 >= key.len() {
                [h, h >> 9, if small && capital { h >> CAPITAL } else { h >> 18 }]
            } else {
                let (second, after) = hash_word(seed, key, end + 1);
                let pair = pair_hash(h, key[end], second);
                let after = after_hash(pair, key.get(after).copied());
                if end == 0 && !key[0].is_ascii_digit() {
                    // A pattern that starts with a mark (or a letter beyond ASCII):
                    // its pair and after bits go to its pair's line, not the empty
                    // word's, which all such patterns share (see `may_start`).
                    set.add(set.line(pair), &[pair, after]);
                    [h, h, h]
                } else {
                    [h, pair, if small { after } else { h }]
                }
            };
            set.add(line, &bits);
        }
        set
    }

    /// Sets the bits of hashes `hs` in line `line`.
    fn add(&mut self, line: usize, hs: &[u64]) {
        for &h in hs {
            let (word, bit) = bit(h);
            self.lines[line][word] |= bit;
        }
    }

    /// The first word at position `i` of `t`, hashed, with its line of the set
    /// prefetched (see `ahead.rs`).
    #[inline(always)]
    pub(crate) fn first_word(&self, t: &[u8], i: usize) -> FirstWord<'_> {
        let (hash, end) = hash_word(self.seed, t, i);
        self.prefetched(i, hash, end)
    }

    /// [`FirstWords::first_word`] of the word of `run` letters at place `n` of a
    /// block, whose bytes (and eight more) are `bytes`, and that starts at `k`
    /// and ends inside the block.
    #[inline(always)]
    pub(crate) fn block_word(
        &self,
        k: usize,
        bytes: &[u8; BLOCK + 8],
        n: usize,
        run: usize,
    ) -> FirstWord<'_> {
        self.prefetched(k, self.block_hash(bytes, n, run), k + run)
    }

    /// The hash of the word of `run` letters at place `n` of a block, whose bytes
    /// (and eight more) are `bytes`, and that ends inside the block: eight letters
    /// at a time, then the fewer left (maybe none), each read as one `u64`, without
    /// classifying the bytes again. Most words have fewer than eight: one chunk.
    #[inline(always)]
    fn block_hash(&self, bytes: &[u8; BLOCK + 8], n: usize, run: usize) -> u64 {
        // Places from 0 to 63 (the word ends inside the block): no bounds check.
        let chunk =
            |at: usize| u64::from_le_bytes(bytes[at % BLOCK..][..8].try_into().unwrap_or_default());
        if run < 8 {
            return mix(self.seed, short_chunk(chunk(n), run));
        }
        let (mut h, mut at, mut left) = (self.seed, n, run);
        while left >= 8 {
            h = mix(h, chunk(at) | ascii8::FOLD);
            (at, left) = (at + 8, left - 8);
        }
        mix(h, short_chunk(chunk(at), left))
    }

    /// The hash of a word of `len` letters, fewer than eight, whose bytes (and maybe
    /// more) are `bytes`, little-endian: one masked chunk.
    #[inline(always)]
    pub(crate) fn short_hash(&self, bytes: u64, len: usize) -> u64 {
        mix(self.seed, short_chunk(bytes, len))
    }

    /// The hash of the first word at `i` of `t` and its end; out of line, as the
    /// scan most often has it at hand.
    #[inline(never)]
    pub(crate) fn word_hash(&self, t: &[u8], i: usize) -> (u64, usize) {
        hash_word(self.seed, t, i)
    }

    #[inline(always)]
    fn prefetched(&self, start: usize, hash: u64, end: usize) -> FirstWord<'_> {
        let line = self.lines.get(self.line(hash)).unwrap_or(&EMPTY_LINE);
        prefetch(line);
        FirstWord { start, hash, end, line }
    }

    /// Whether a pattern may start at `w`'s position of `text`, and how far it may
    /// reach. `following` is the next start tested after `w`, when known: its first
    /// word is most often `w`'s second word, hashed already. Else `second(i)` is the
    /// hash and end of the first word at `i`, where the second word starts.
    /// `small` when the set is a small one (see [`FirstWords::build`]), as a
    /// constant of the scan.
    #[inline(always)]
    pub(crate) fn may_start(
        &self,
        text: &impl Reader,
        w: FirstWord,
        following: Option<&FirstWord>,
        second: impl FnOnce(usize) -> (u64, usize),
        small: bool,
    ) -> Reach {
        let t = text.bytes();
        let (h, end, line) = (w.hash, w.end, w.line);
        if !get(line, h) {
            return Reach::Nowhere;
        }
        if end < t.len() {
            let (separator, next) = text.step(end);
            if next < t.len() {
                let (second, after) = match following {
                    Some(f) if f.start == next => (f.hash, f.end),
                    _ => second(next),
                };
                let pair = pair_hash(h, separator, second);
                if end == w.start && !t[end].is_ascii_digit() {
                    // An empty first word before a mark (or a letter beyond ASCII):
                    // its pairs have their own lines and after bits (see `build`).
                    let line = self.lines.get(self.line(pair)).unwrap_or(&EMPTY_LINE);
                    if get(line, pair) {
                        if let Some(reach) = after_pair(text, line, pair, after) {
                            return reach;
                        }
                    }
                } else if get(line, pair) {
                    if !small {
                        return Reach::Further;
                    }
                    if let Some(reach) = after_pair(text, line, pair, after) {
                        return reach;
                    }
                }
            }
        }
        let capital = |line| small && !text.lower_at(w.start) && get(line, h >> CAPITAL);
        let one_word = |line| get(line, h >> 18) || capital(line);
        if get(line, h >> 9) && one_word(line) {
            Reach::Within(end)
        } else {
            Reach::Nowhere
        }
    }

    /// True when the first word at `i` of `t` passes the pass's first test (see
    /// `batch.rs`): its bit of the filter, or of the set when it has none.
    #[cfg(test)]
    pub(crate) fn first_bit(&self, t: &[u8], i: usize) -> bool {
        let (h, _) = hash_word(self.seed, t, i);
        match self.filter_bit(h) {
            Some(i) => self.filter[i / 64] >> (i % 64) & 1 == 1,
            None => get(&self.lines[self.line(h)], h),
        }
    }

    /// The bit of the filter of hash `h`, when there is a filter: the hash's top
    /// bits.
    fn filter_bit(&self, h: u64) -> Option<usize> {
        (!self.filter.is_empty()).then(|| (h >> self.filter_shift()) as usize)
    }

    /// The shift that leaves a hash's bits that pick its bit of the filter (of a
    /// power of two `u64`s, at least one).
    pub(crate) fn filter_shift(&self) -> u32 {
        64 - (64 * self.filter.len()).trailing_zeros()
    }

    /// The line of a first word's hash.
    #[inline]
    fn line(&self, h: u64) -> usize {
        (h >> 32) as usize & self.lines.len().wrapping_sub(1)
    }

    /// Checks the size read from a file.
    pub(crate) fn check(&self) -> Result<(), String> {
        if !self.lines.len().is_power_of_two() {
            return Err("first-word set size is not a power-of-two number of lines".into());
        }
        if !self.filter.is_empty() && !self.filter.len().is_power_of_two() {
            return Err("first-word filter size is not a power of two".into());
        }
        Ok(())
    }
}

/// How far patterns may reach from a pair of words of hash `pair` whose bit of
/// `line` is set, and where the second word ends at `after`: `None` when no pattern
/// of the pair goes on with the byte there or ends there. Out of line: few starts
/// get here, and the scan loop stays as small as without it.
#[inline(never)]
fn after_pair(text: &impl Reader, line: &[u64; LINE], pair: u64, after: usize) -> Option<Reach> {
    let byte = (after < text.bytes().len()).then(|| text.step(after).0);
    if byte.is_some() && get(line, after_hash(pair, byte)) {
        Some(Reach::Further)
    } else {
        get(line, after_hash(pair, None)).then_some(Reach::Within(after))
    }
}

/// The word of a line and the bit in it that hash `h` sets.
#[inline(always)]
fn bit(h: u64) -> (usize, u64) {
    let h = h as usize % (64 * LINE);
    (h / 64, 1 << (h % 64))
}

/// True when hash `h`'s bit of `line` is set.
#[inline(always)]
fn get(line: &[u64; LINE], h: u64) -> bool {
    let (word, bit) = bit(h);
    line[word] & bit != 0
}

/// Hash of the word at `i`, eight bytes at a time, and the word's end. Inlined into
/// its callers: called at most word starts, its call overhead was a fifth of its cost.
/// The prefix table hashes letter runs with it too.
/// One multiply per eight bytes, the product's high half then xored onto its low
/// half (see [`mix`]), with no separate finalizer; the running hash starts from a
/// seed with the high bit of every byte set, which no chunk of letters can cancel
/// to zero.
#[inline(always)]
pub(super) fn hash_word(seed: u64, text: &[u8], mut i: usize) -> (u64, usize) {
    let mut h = seed;
    loop {
        let (chunk, n) = run_chunk(text, i);
        h = mix(h, chunk);
        i += n;
        if n < 8 {
            return (h, i);
        }
    }
}

/// One step of [`hash_word`]: `h` with a chunk of up to eight bytes mixed in, by a
/// 64-bit multiply whose high half is xored onto the low. A bit of the chunk moves
/// the product's bits from its own place up, so the chunk's first four letters reach
/// every bit of the result and its last ones only some: words that differ only there
/// may share a first bit (over the PolNeAR train texts the pass rules out 0.1% fewer
/// starts at 100,000 names, 0.4% at 5,000). A vector unit does it in three
/// instructions, for the pass that hashes eight words at once (`batch.rs`), where the
/// high and low halves of the 128-bit product it replaced took thirteen (from four
/// 32-bit multiplies).
#[inline(always)]
fn mix(h: u64, chunk: u64) -> u64 {
    let m = (h ^ chunk).wrapping_mul(MIX);
    m ^ m >> 32
}

/// Hash of a pair of words (of hash `pair`) and the byte after the second one, or
/// `None` where the pattern ends.
#[inline]
fn after_hash(pair: u64, byte: Option<u8>) -> u64 {
    mix(pair ^ AFTER, byte.map_or(1 << 8, u64::from))
}

/// Hash of a first word (of hash `first`), the separator byte after it and the
/// word after that (of hash `second`, as a first word): the scan has most second
/// words hashed already, as the first words of the next starts.
#[inline]
fn pair_hash(first: u64, separator: u8, second: u64) -> u64 {
    mix(first ^ PAIR ^ u64::from(separator), second)
}

/// The next up to eight bytes of the run of ASCII letters at `i` (as a
/// little-endian word, zero-padded, lower-cased) and how many there are.
#[inline(always)]
fn run_chunk(text: &[u8], i: usize) -> (u64, usize) {
    if let Some(bytes) = text.get(i..i + 8) {
        let x = u64::from_le_bytes(bytes.try_into().unwrap_or_default());
        // Setting bit 5 lower-cases letters; a byte it sends into `a..=z` was a
        // letter already, unless it was not ASCII.
        let folded = (x & !ascii8::HIGH) | ascii8::FOLD;
        let letters = ascii8::within(folded, b'a', b'z') & !x;
        let stop = !letters & ascii8::HIGH;
        // The bytes before the first one that is not a letter (all eight when
        // there is none).
        let kept = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
        return (folded & kept, stop.trailing_zeros() as usize / 8);
    }
    let mut x = 0u64;
    let mut n = 0;
    while n < 8 && text.get(i + n).is_some_and(u8::is_ascii_alphabetic) {
        x |= u64::from(text[i + n].to_ascii_lowercase()) << (8 * n);
        n += 1;
    }
    (x, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::reader::{NormalizedReader, PlainReader};
    use crate::normalize::normalize;

    /// A prefix table size that makes a set large (no after or capital bits).
    const LARGE: usize = 1 << 20;

    fn build(keys: &[&[u8]], slots: usize) -> FirstWords {
        FirstWords::build(keys.iter().map(|&k| (k, false)), 0x1234, slots)
    }

    /// What `set` (small or not) says of position `at` of `text`, normalized.
    fn may_start(set: &FirstWords, small: bool, text: &str, at: usize) -> Reach {
        let norm = normalize(text, Default::default());
        let t = norm.as_str().as_bytes();
        let w = set.first_word(t, at);
        let hashed = |i| set.word_hash(t, i);
        let reach = set.may_start(&NormalizedReader(&norm), w, None, hashed, small);
        // The second word's hash from the start after, as the scan passes it.
        let second = (w.end + 1..t.len()).find(|&i| t[i] != b' ').map(|i| set.first_word(t, i));
        let again = set.may_start(&NormalizedReader(&norm), w, second.as_ref(), hashed, small);
        assert_eq!(again, reach);
        reach
    }

    #[test]
    fn starts_at_a_mark_are_told_apart_by_what_follows() {
        // Patterns that start with a mark share the empty first word: their pairs
        // and what follows them are tested in lines of their own.
        let keys: Vec<&[u8]> = vec![b"'s-hertogenbosch", b"'t zand", b"(reuters)", b"7-eleven"];
        for small in [false, true] {
            let set = build(&keys, if small { 0 } else { LARGE });
            let starts =
                [("'s-hertogenbosch", 0), ("in 't zand", 3), ("(reuters)", 0), ("7-eleven", 0)];
            for (text, at) in starts {
                assert_ne!(may_start(&set, small, text, at), Reach::Nowhere, "{text}");
            }
            // News's "'s", contractions, and other marks.
            let others = [("trump's deal", 5), ("don't", 3), ("'re", 0), ("(ap)", 0), ("'s ", 0)];
            for (text, at) in others {
                assert_eq!(may_start(&set, small, text, at), Reach::Nowhere, "{text}");
            }
        }
    }

    #[test]
    fn pattern_starts_pass_and_most_words_do_not() {
        let keys: Vec<&[u8]> =
            vec![b"new york", b"zakharov\xc3\xa1", b"u.s.", b"st.", b"paris", b"constantinople"];
        let set = build(&keys, LARGE);
        for (text, at) in [
            ("in new york city", 3),
            ("new york", 0),
            ("zakharová's", 0),
            ("u.s.", 0),
            ("st.louis", 0),
            ("st. louis", 0),
            ("paris's", 0),
            ("constantinople and", 0),
            ("constantinople", 0),
        ] {
            let reach = may_start(&set, false, text, at);
            assert_ne!(reach, Reach::Nowhere, "{text}");
        }
        let misses = ["new jersey", "said", "the", "government", "york", "zakharovx", "us"]
            .iter()
            .filter(|w| may_start(&set, false, w, 0) == Reach::Nowhere)
            .count();
        assert!(misses >= 6, "{misses}");
    }

    #[test]
    fn a_word_read_from_its_block_hashes_as_read_from_the_text() {
        let set = build(&[b"paris"], LARGE);
        let text = b"a Constantinople-BOSPHORUSstrait, 2016's X 1 abcdefgh abcdefghijklmnop \
            abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijk.";
        for i in 0..text.len() {
            let whole = set.first_word(text, i);
            // The word at place `n` of a block, read with the bytes after it, as
            // the scan reads them.
            for n in [0, 3, 63 - (whole.end - i).min(63)] {
                if n + whole.end - i >= BLOCK {
                    continue;
                }
                let mut bytes = [b'x'; BLOCK + 8];
                let after = &text[i..text.len().min(i + BLOCK + 8 - n)];
                bytes[n..n + after.len()].copy_from_slice(after);
                let read = set.block_word(i, &bytes, n, whole.end - i);
                assert_eq!((read.hash, read.end), (whole.hash, whole.end), "{i} {n}");
            }
            if whole.end - i < 8 {
                let mut bytes = [b'x'; 8];
                let after = &text[i..text.len().min(i + 8)];
                bytes[..after.len()].copy_from_slice(after);
                let short = set.short_hash(u64::from_le_bytes(bytes), whole.end - i);
                assert_eq!(short, whole.hash, "{i}");
            }
        }
    }

    #[test]
    fn reach_ends_walks_that_no_pattern_continues() {
        let keys: Vec<&[u8]> = vec![b"paris", b"paris texas", b"st.", b"york", b"7-eleven"];
        let set = build(&keys, LARGE);
        let reach = |text: &str| may_start(&set, false, text, 0);
        // "paris" may go on only into "paris texas"; "st." ends a byte after its word.
        assert_eq!(reach("paris texas"), Reach::Further);
        assert_eq!(reach("paris said"), Reach::Within(5));
        assert_eq!(reach("paris"), Reach::Within(5));
        assert_eq!(reach("st. louis"), Reach::Within(2));
        assert_eq!(reach("york's"), Reach::Within(4));
        assert_eq!(reach("7-eleven"), Reach::Further);
        assert_eq!(reach("texas"), Reach::Nowhere);
    }

    #[test]
    fn a_small_set_knows_what_follows_a_pair_and_which_words_need_a_capital() {
        let keys: [(&[u8], bool); 5] = [
            (b"'s-hertogenbosch", false),
            (b"new york", false),
            (b"new york city", false),
            (b"who", true),
            (b"paris", false),
        ];
        // A seed under which no other key sets a bit that these texts test.
        let set = FirstWords::build(keys.into_iter(), 0x5678, 0);
        assert!(!staged(0, set.lines.as_flattened().len()));
        let reach = |text: &str| may_start(&set, true, text, 0);
        // The pair ("", "'", "s") begins a name, but no name goes on with a space.
        assert_eq!(reach("'s-hertogenbosch"), Reach::Further);
        assert_eq!(reach("'s house"), Reach::Nowhere);
        // Every pattern of "new york" followed by a comma ends there.
        assert_eq!(reach("new york, said"), Reach::Within(8));
        assert_eq!(reach("new york city"), Reach::Further);
        assert_eq!(reach("new york"), Reach::Within(8));
        // A normalized text has lost its case: "who" may be "WHO".
        assert_eq!(reach("who said"), Reach::Within(3));
        let plain = |text: &str| {
            let (reader, t) = (PlainReader::new(text).unwrap(), text.as_bytes());
            set.may_start(&reader, set.first_word(t, 0), None, |i| set.word_hash(t, i), true)
        };
        assert_eq!(plain("WHO said"), Reach::Within(3));
        assert_eq!(plain("who said"), Reach::Nowhere);
        assert_eq!((plain("Paris"), plain("paris")), (Reach::Within(5), Reach::Within(5)));
    }
}
