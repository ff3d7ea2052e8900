//! The patterns as a hash table of their segment prefixes, walked a segment at a time.
//!
//! A walk from a token start reads the text in segments: a run of ASCII letters, or
//! any other single byte of the normalized text (a space stands for a white-space
//! run). After each segment it looks up the hash of everything read since the start.
//! The table holds every pattern prefix that ends where a segment of that pattern
//! ends (except right after a space, where no pattern ends), each with two facts:
//! the pattern it is whole, if any, and whether a longer pattern continues it. A walk
//! stops at the first prefix the table does not hold, or that nothing continues.
//!
//! Why segments line up: a pattern that matches at a position has the same bytes as
//! the text there, and ends on a token boundary, so the text's letter runs end
//! where the pattern's do; every prefix the walk looks up inside a match is in the
//! table, and a missing one means no longer match. The table keeps only a 32-bit
//! tag of each hash besides its place, so a hit is a candidate: a whole pattern is
//! compared with the text before it is reported, and the build picks a hash seed
//! under which no two distinct prefixes share a place and tag (else a prefix could
//! hide another).
//!
//! Why not the byte trie this replaced: its walk took one dependent memory access
//! per byte (two cache misses a step past the shallow nodes), and at a million names a
//! quarter of all tokens start some name. Here a walk costs one access per segment,
//! and the hashes come from the text alone, so consecutive look-ups do not wait on
//! each other. DESIGN.md has the measurements.

use super::ahead::prefetch;
use super::first_words::hash_word;
use super::pages::Table;
use super::{Cand, NO_EXACT};

/// Table value bit: a longer pattern continues this prefix.
const LONGER: u32 = 1 << 31;

/// Bytes of a record's header: first candidate (u32), key length (u16), flags (u16).
pub(crate) const HEADER: usize = 8;

/// Record flag: some candidate of the pattern has a case-sensitive form.
const EXACT: u16 = 1;

/// Hash seed of a walk, mixed with [`Prefixes::seed`].
const WALK: u64 = 0xc6a4_a793_5bd1_e995;

/// Patterns as a table of their segment prefixes, with the patterns' bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prefixes {
    /// Chosen at build time so that no two distinct prefixes collide.
    pub seed: u64,
    /// Open addressing, linear probing, a power of two in length with at least one
    /// empty slot. A slot is 0 when empty, else the hash's high 32 bits over the
    /// value: [`LONGER`] and, in the low 31 bits, the place of the pattern's
    /// record + 1 (0 for none).
    pub slots: Table<u64>,
    /// A record per pattern, in pattern order, then an end record: a [`HEADER`]
    /// (the pattern's first candidate, its key's length, flags) and the key's bytes.
    /// A match reads the one record its slot points at, which is one cache miss
    /// where separate arrays of keys, key bounds and candidate bounds were four.
    pub records: Table<u8>,
    /// The first bytes of the patterns, as a bit set (derived from `records`).
    pub first_bytes: [u64; 4],
    /// The most bytes a pattern has (derived from `records`).
    pub longest: usize,
}

/// A pattern as a record gives it.
pub(crate) struct Pattern<'a> {
    /// The normalized bytes.
    pub key: &'a [u8],
    /// Its candidates, as a range of the gazetteer's candidates.
    pub cands: std::ops::Range<usize>,
    /// True when some candidate has a case-sensitive form.
    pub exact: bool,
}

/// The value a walk reads after a segment: whether to go on, and the pattern there.
/// The default, no pattern and none longer, reads as a prefix no pattern has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Hit(u32);

impl Hit {
    /// The record of the pattern that ends here, if any (a candidate: compare
    /// before reporting).
    #[inline]
    pub(crate) fn pattern(self) -> Option<u32> {
        (self.0 & !LONGER).checked_sub(1)
    }

    /// True when some longer pattern starts with this prefix.
    #[inline]
    pub(crate) fn longer(self) -> bool {
        self.0 & LONGER != 0
    }
}

/// A walk's running hash: where it is and what it has read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor {
    /// The hash of everything read.
    pub hash: u64,
    /// Position after the last segment read.
    pub at: usize,
    /// The last segment was a space (no prefix ends after one).
    pub after_space: bool,
}

impl Prefixes {
    /// The table of `keys` (normalized, sorted, distinct; pattern `o` ends at
    /// `ends[o]`), whose candidates are `cands[outputs[o]..outputs[o + 1]]`.
    pub(crate) fn build(keys: &[u8], ends: &[usize], outputs: &[u32], cands: &[Cand]) -> Prefixes {
        let mut table = Prefixes::default();
        let bytes = ends.last().copied().unwrap_or(0) + HEADER * (ends.len() + 1);
        table.records = Table::zeroed(bytes);
        let mut starts = Vec::with_capacity(ends.len());
        let (mut begin, mut at) = (0, 0);
        for (o, &end) in ends.iter().enumerate() {
            let range = outputs[o] as usize..outputs[o + 1] as usize;
            let exact = cands[range].iter().any(|c| c.exact != NO_EXACT);
            starts.push(at as u32);
            at = table.write_record(at, outputs[o], &keys[begin..end], exact);
            begin = end;
        }
        table.write_record(at, outputs.last().copied().unwrap_or(0), &[], false);
        let prefixes = table.count_prefixes(&starts);
        // At most 3/4 full: probes stay short and there is always an empty slot.
        let mut size = (prefixes * 4 / 3 + 1).next_power_of_two().max(8);
        let mut seed = 0u64;
        for attempt in 1.. {
            if table.fill(&starts, seed, size) {
                break;
            }
            // A collision of 32-bit tags within one place: rare (about one build in
            // ten thousand at a million names); another seed settles it, and a larger
            // table if seeds keep failing.
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            if attempt % 8 == 0 {
                size *= 2;
            }
        }
        table.derive();
        table
    }

    /// Writes the record of a pattern at `at` and returns where the next one goes.
    fn write_record(&mut self, at: usize, first: u32, key: &[u8], exact: bool) -> usize {
        let flags = if exact { EXACT } else { 0 };
        let header = u64::from(first) | u64::from(key.len() as u16) << 32 | u64::from(flags) << 48;
        self.records[at..at + HEADER].copy_from_slice(&header.to_le_bytes());
        self.records[at + HEADER..at + HEADER + key.len()].copy_from_slice(key);
        at + HEADER + key.len()
    }

    /// The pattern whose record is at `at` (a place a slot or [`Prefixes::build`] gave).
    #[inline]
    pub(crate) fn pattern(&self, at: u32) -> Pattern<'_> {
        let at = at as usize;
        let (first, len, exact) = self.pattern_header(at);
        let next = at + HEADER + len;
        Pattern { key: &self.records[at + HEADER..next], cands: first..self.first(next), exact }
    }

    /// The first candidate of the record at `at`.
    #[inline]
    fn first(&self, at: usize) -> usize {
        u32::from_le_bytes(self.records[at..at + 4].try_into().unwrap_or_default()) as usize
    }

    /// The header of the record at `at`: first candidate, key length, exact flag.
    /// Read as one number: one bounds check and one load, not one per byte.
    #[inline]
    fn pattern_header(&self, at: usize) -> (usize, usize, bool) {
        let header = self.records[at..at + HEADER].try_into().unwrap_or_default();
        let h = u64::from_le_bytes(header);
        (h as u32 as usize, usize::from((h >> 32) as u16), (h >> 48) as u16 & EXACT != 0)
    }

    /// Each pattern's prefixes that the table holds, as (record, prefix length,
    /// hash), in pattern order.
    fn for_each_prefix(&self, starts: &[u32], mut f: impl FnMut(u32, usize, u64)) {
        for &at in starts {
            let key = self.pattern(at).key;
            let mut c = self.start(0);
            while c.at < key.len() {
                c = self.advance(c, key, |j| (key[j], j + 1));
                if !c.after_space {
                    f(at, c.at, c.hash);
                }
            }
        }
    }

    /// An upper bound on the number of distinct prefixes: sorted patterns share
    /// prefixes with the one before (most shared first words), so a prefix is
    /// counted once when the pattern before has it too.
    fn count_prefixes(&self, starts: &[u32]) -> usize {
        let (mut n, mut before, mut lens) = (0, Vec::new(), Vec::new());
        let (mut current, mut previous) = (u32::MAX, u32::MAX);
        self.for_each_prefix(starts, |at, len, _| {
            if at != current {
                before = std::mem::take(&mut lens);
                previous = current;
                current = at;
            }
            lens.push(len);
            let shared = previous != u32::MAX
                && before.contains(&len)
                && self.pattern(previous).key.get(..len) == Some(&self.pattern(at).key[..len]);
            n += usize::from(!shared);
        });
        n
    }

    /// Fills the table with `seed` and `size` slots; false when two distinct
    /// prefixes would share a slot's place and tag.
    fn fill(&mut self, starts: &[u32], seed: u64, size: usize) -> bool {
        self.seed = seed;
        let slots = Table::zeroed(size);
        let mut fill = Fill { slots, owners: vec![(0, 0); size], used: 0, ok: true };
        let mut batch = Vec::with_capacity(FILL_BATCH);
        self.for_each_prefix(starts, |at, len, hash| {
            batch.push((at, len, hash));
            if batch.len() == FILL_BATCH {
                fill.insert_batch(self, &mut batch);
            }
        });
        fill.insert_batch(self, &mut batch);
        self.slots = fill.slots;
        fill.ok
    }

    /// Sets what is derived from the records.
    fn derive(&mut self) {
        let (mut first_bytes, mut longest) = ([0u64; 4], 0);
        let mut at = 0;
        while at + HEADER < self.records.len() {
            let p = self.pattern(at as u32);
            if let Some(&b) = p.key.first() {
                first_bytes[b as usize / 64] |= 1 << (b % 64);
            }
            longest = longest.max(p.key.len());
            at += HEADER + p.key.len();
        }
        (self.first_bytes, self.longest) = (first_bytes, longest);
    }

    /// True when some pattern starts with `byte`.
    #[inline]
    pub(crate) fn starts_with(&self, byte: u8) -> bool {
        self.first_bytes[byte as usize / 64] & (1 << (byte % 64)) != 0
    }

    /// The ASCII bytes some pattern starts with, as bits (bit `b % 64` of item
    /// `b / 64` for byte `b`).
    pub(crate) fn ascii_starts(&self) -> [u64; 2] {
        [self.first_bytes[0], self.first_bytes[1]]
    }

    /// True when some pattern starts with an ASCII character that is not a letter,
    /// digit or space.
    pub(crate) fn starts_with_punct(&self) -> bool {
        (0..128u8).any(|b| !b.is_ascii_alphanumeric() && b != b' ' && self.starts_with(b))
    }

    /// A walk from position `at`.
    #[inline]
    pub(crate) fn start(&self, at: usize) -> Cursor {
        Cursor { hash: self.walk_seed(), at, after_space: false }
    }

    /// The hash a walk starts from: a walk's hash after a first word of letters is
    /// [`hash_word`] of it from this seed, which the first-word set uses too.
    pub(crate) fn walk_seed(&self) -> u64 {
        WALK ^ self.seed
    }

    /// The cursor of a walk after its first segment, a run of letters ending at
    /// `end` whose hash from [`Prefixes::walk_seed`] is `hash`.
    #[inline]
    pub(crate) fn after_letters(hash: u64, end: usize) -> Cursor {
        Cursor { hash, at: end, after_space: false }
    }

    /// Starts bringing the slot where the look-up of `hash` begins into the cache.
    #[inline(always)]
    pub(crate) fn prefetch(&self, hash: u64) {
        let slots: &[u64] = &self.slots;
        if let Some(slot) = slots.get(hash as usize & slots.len().wrapping_sub(1)) {
            prefetch(slot);
        }
    }

    /// The cursor after the segment at `c.at` of `t`, whose normalized byte at a
    /// position, and the position after it, `step` gives (for bytes other than
    /// ASCII letters, which are read from `t` itself, lower-cased).
    #[inline(always)]
    pub(crate) fn advance(
        &self,
        c: Cursor,
        t: &[u8],
        step: impl Fn(usize) -> (u8, usize),
    ) -> Cursor {
        if t[c.at].is_ascii_alphabetic() {
            let (hash, at) = hash_word(c.hash, t, c.at);
            return Cursor { hash, at, after_space: false };
        }
        let (b, at) = step(c.at);
        Cursor { hash: Prefixes::after_byte(c.hash, b), at, after_space: b == b' ' }
    }

    /// A walk's hash `hash` after a segment of the single byte `b`.
    #[inline(always)]
    pub(crate) fn after_byte(hash: u64, b: u8) -> u64 {
        // The high bit marks a single byte: a chunk of letters never has it.
        let m = u128::from(hash ^ (1 << 63 | u64::from(b))) * 0x9e37_79b9_7f4a_7c15;
        m as u64 ^ (m >> 64) as u64
    }

    /// The table's value for the prefix read by `c`, or `None` when no pattern has it.
    #[inline]
    pub(crate) fn get(&self, c: Cursor) -> Option<Hit> {
        let slots: &[u64] = &self.slots;
        let mask = slots.len() - 1;
        let tag = c.hash >> 32;
        let mut i = c.hash as usize & mask;
        loop {
            let s = slots[i];
            if s == 0 {
                return None;
            }
            if s >> 32 == tag {
                return Some(Hit(s as u32));
            }
            i = (i + 1) & mask;
        }
    }

    /// Checks the invariants the walk relies on, for data read from a file, and
    /// sets what is derived from the patterns.
    pub(crate) fn check(&mut self, cands: &[Cand]) -> Result<(), String> {
        let places = self.check_records(cands)?;
        if !self.slots.len().is_power_of_two() || !self.slots.contains(&0) {
            return Err("prefix table has no empty slot or a bad size".into());
        }
        let is_record = |v: u32| match (v as usize).checked_sub(1) {
            Some(at) => places.get(at / 64).is_some_and(|&w| w & (1 << (at % 64)) != 0),
            None => true,
        };
        if self.slots.iter().any(|&s| !is_record(s as u32 & !LONGER)) {
            return Err("prefix table points outside the pattern records".into());
        }
        self.derive();
        Ok(())
    }

    /// Checks that the records lie end to end, end with the end record and agree
    /// with `cands`; returns the places of the pattern records as a bit set.
    fn check_records(&self, cands: &[Cand]) -> Result<Vec<u64>, String> {
        let r = &self.records;
        let mut places = vec![0u64; r.len() / 64 + 1];
        let mut at = 0;
        // The record before: its first candidate and whether it claims an exact form.
        let mut before: Option<(usize, bool)> = None;
        loop {
            if at + HEADER > r.len() || at >= LONGER as usize - 1 {
                return Err("pattern record cut short".into());
            }
            let p = self.pattern_header(at);
            if before.is_some_and(|(first, _)| p.0 < first)
                || p.0 > cands.len()
                || at + HEADER + p.1 > r.len()
            {
                return Err("pattern record out of range".into());
            }
            if let Some((first, exact)) = before {
                if exact != cands[first..p.0].iter().any(|c| c.exact != NO_EXACT) {
                    return Err("pattern record flags disagree with its candidates".into());
                }
            }
            if at + HEADER == r.len() {
                if p.0 != cands.len() {
                    return Err("pattern records do not end with the end record".into());
                }
                return Ok(places);
            }
            places[at / 64] |= 1 << (at % 64);
            before = Some((p.0, p.2));
            at += HEADER + p.1;
        }
    }
}

/// Prefixes read between two touches of the table while it is filled.
const FILL_BATCH: usize = 32;

/// A table being filled.
struct Fill {
    slots: Table<u64>,
    /// Which prefix (record, length) owns each slot, to tell a shared prefix from
    /// a collision.
    owners: Vec<(u32, u32)>,
    used: usize,
    /// False once two distinct prefixes met in one slot's place and tag, or the
    /// table is too full.
    ok: bool,
}

impl Fill {
    /// Inserts `batch` (record, prefix length, hash) and empties it. The batch's
    /// slots are read first: those reads do not depend on each other, so their
    /// cache misses overlap instead of coming one after another.
    fn insert_batch(&mut self, table: &Prefixes, batch: &mut Vec<(u32, usize, u64)>) {
        let mask = self.slots.len() - 1;
        let warm = batch.iter().fold(0, |w, &(_, _, h)| w ^ self.slots[h as usize & mask]);
        std::hint::black_box(warm);
        for (at, len, hash) in batch.drain(..) {
            self.ok = self.ok && self.insert(table, at, len, hash);
        }
    }

    fn insert(&mut self, table: &Prefixes, at: u32, len: usize, hash: u64) -> bool {
        let key = table.pattern(at).key;
        let whole = len == key.len();
        let value = if whole { at + 1 } else { LONGER };
        let tag = hash >> 32;
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                if 4 * (self.used + 1) > 3 * self.slots.len() {
                    return false;
                }
                self.used += 1;
                self.slots[i] = tag << 32 | u64::from(value);
                self.owners[i] = (at, len as u32);
                return true;
            }
            if slot >> 32 == tag {
                let (other, other_len) = self.owners[i];
                if table.pattern(other).key.get(..other_len as usize) != key.get(..len) {
                    return false;
                }
                // The same prefix again: a pattern ends here or goes on.
                let new = slot as u32 | if whole { at + 1 } else { LONGER };
                self.slots[i] = tag << 32 | u64::from(new);
                return true;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table's value for `s` read as a pattern.
    fn get(table: &Prefixes, s: &[u8]) -> Option<Hit> {
        let mut c = table.start(0);
        let mut hit = None;
        while c.at < s.len() {
            c = table.advance(c, s, |j| (s[j], j + 1));
            if !c.after_space {
                hit = Some(table.get(c)?);
            }
        }
        hit
    }

    fn build(keys: &[&[u8]]) -> Prefixes {
        let ends: Vec<usize> = keys
            .iter()
            .scan(0, |end, k| {
                *end += k.len();
                Some(*end)
            })
            .collect();
        let outputs: Vec<u32> = (0..=keys.len() as u32).collect();
        let cands = vec![Cand { entry: 0, exact: NO_EXACT }; keys.len()];
        let table = Prefixes::build(&keys.concat(), &ends, &outputs, &cands);
        let mut again = table.clone();
        again.check(&cands).unwrap();
        assert_eq!(again, table);
        table
    }

    /// The key of the pattern `s` finds.
    fn found(table: &Prefixes, s: &str) -> Option<String> {
        let at = get(table, s.as_bytes())?.pattern()?;
        Some(String::from_utf8_lossy(table.pattern(at).key).into_owned())
    }

    #[test]
    fn prefixes_at_segment_ends() {
        let keys: Vec<&[u8]> =
            vec![b"new york", b"new york city", b"newark", b"st. louis", b"u.s."];
        let table = build(&keys);
        let hit = |s: &str| get(&table, s.as_bytes()).map(|h| (found(&table, s), h.longer()));
        let some = |s: &str| Some(s.to_string());
        assert_eq!(hit("new"), Some((None, true)));
        assert_eq!(hit("new york"), Some((some("new york"), true)));
        assert_eq!(hit("new york city"), Some((some("new york city"), false)));
        assert_eq!(hit("newark"), Some((some("newark"), false)));
        assert_eq!(hit("st."), Some((None, true)));
        assert_eq!(hit("u.s."), Some((some("u.s."), false)));
        assert_eq!(hit("u."), Some((None, true)));
        // Prefixes inside a letter run are not segment ends.
        assert_eq!(hit("ne"), None);
        assert_eq!(hit("york"), None);
        assert!(table.starts_with(b'n') && !table.starts_with(b'y'));
        assert!(!table.starts_with_punct());
        assert_eq!(table.pattern(0).cands, 0..1);
    }

    #[test]
    fn every_pattern_is_found() {
        // Runs of letters and digits, sharing little: most prefixes are their own slot.
        let words: Vec<String> = (0..2000).map(|i| format!("w{i:05}x")).collect();
        let keys: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
        let table = build(&keys);
        for w in &words {
            assert_eq!(found(&table, w).as_ref(), Some(w));
        }
        let empty = build(&[]);
        assert_eq!(get(&empty, b"a"), None);
    }

    #[test]
    fn damaged_tables_are_errors() {
        let cands = vec![Cand { entry: 0, exact: NO_EXACT }];
        let table = Prefixes::build(b"paris", &[5], &[0, 1], &cands);
        let mut bad = table.clone();
        bad.slots.iter_mut().filter(|s| **s != 0).for_each(|s| *s += 1);
        assert!(bad.check(&cands).is_err());
        let mut bad = table.clone();
        bad.slots.iter_mut().for_each(|s| *s |= 1 << 40);
        assert!(bad.check(&cands).is_err());
        let mut bad = table.clone();
        bad.records = Table::from_slice(&bad.records[..10]);
        assert!(bad.check(&cands).is_err());
        let mut bad = table;
        bad.records[6] = 1;
        assert!(bad.check(&cands).is_err());
    }
}
