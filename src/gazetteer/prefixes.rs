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

use super::first_words::hash_word;
use super::reader::Reader;

/// Table value bit: a longer pattern continues this prefix.
const LONGER: u32 = 1 << 31;

/// Hash seed of a walk, mixed with [`Prefixes::seed`].
const WALK: u64 = 0xc6a4_a793_5bd1_e995;

/// Patterns as a table of their segment prefixes, with the patterns' bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prefixes {
    /// Chosen at build time so that no two distinct prefixes collide.
    pub seed: u64,
    /// Open addressing, linear probing, a power of two in length with at least one
    /// empty slot. A slot is 0 when empty, else the hash's high 32 bits over the
    /// value: [`LONGER`] and the pattern index + 1 (0 for none) in the low 31 bits.
    pub slots: Vec<u64>,
    /// The patterns' normalized bytes, concatenated.
    pub keys: Vec<u8>,
    /// Pattern `o` is `keys[bounds[o]..bounds[o + 1]]`.
    pub bounds: Vec<u32>,
    /// The first bytes of the patterns, as a bit set (derived from `keys`).
    pub first_bytes: [u64; 4],
}

/// The value a walk reads after a segment: whether to go on, and the pattern there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit(u32);

impl Hit {
    /// The pattern that ends here, if any (a candidate: compare before reporting).
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
    hash: u64,
    /// Position after the last segment read.
    pub at: usize,
    /// The last segment was a space (no prefix ends after one).
    pub after_space: bool,
}

impl Prefixes {
    /// The table of `keys` (normalized, sorted, distinct; pattern `o` ends at `ends[o]`).
    pub(crate) fn build(keys: Vec<u8>, ends: &[usize]) -> Prefixes {
        let mut bounds = Vec::with_capacity(ends.len() + 1);
        bounds.push(0);
        bounds.extend(ends.iter().map(|&e| e as u32));
        let mut table = Prefixes { keys, bounds, ..Prefixes::default() };
        table.keys.shrink_to_fit();
        let prefixes = table.count_prefixes();
        // At most 3/4 full: probes stay short and there is always an empty slot.
        let mut size = (prefixes * 4 / 3 + 1).next_power_of_two().max(8);
        let mut seed = 0u64;
        for attempt in 1.. {
            if table.fill(seed, size) {
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
        table.set_first_bytes();
        table
    }

    /// Pattern `o`'s bytes.
    #[inline]
    pub(crate) fn key(&self, o: u32) -> &[u8] {
        &self.keys[self.bounds[o as usize] as usize..self.bounds[o as usize + 1] as usize]
    }

    /// Number of patterns.
    pub(crate) fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// Each pattern's prefixes that the table holds, as (pattern, prefix length),
    /// in pattern order.
    fn for_each_prefix(&self, mut f: impl FnMut(u32, usize, u64)) {
        for o in 0..self.len() as u32 {
            let key = self.key(o);
            let mut c = self.start(0);
            while c.at < key.len() {
                c = self.advance(c, key, |j| (key[j], j + 1));
                if !c.after_space {
                    f(o, c.at, c.hash);
                }
            }
        }
    }

    /// An upper bound on the number of distinct prefixes: sorted patterns share
    /// prefixes with the one before (most shared first words), so a prefix is
    /// counted once when the pattern before has it too.
    fn count_prefixes(&self) -> usize {
        let (mut n, mut before, mut lens) = (0, Vec::new(), Vec::new());
        let mut current = u32::MAX;
        self.for_each_prefix(|o, len, _| {
            if o != current {
                before = std::mem::take(&mut lens);
                current = o;
            }
            lens.push(len);
            let shared = o > 0
                && before.contains(&len)
                && self.key(o - 1).get(..len) == Some(&self.key(o)[..len]);
            n += usize::from(!shared);
        });
        n
    }

    /// Fills the table with `seed` and `size` slots; false when two distinct
    /// prefixes would share a slot's place and tag.
    fn fill(&mut self, seed: u64, size: usize) -> bool {
        self.seed = seed;
        let mut slots = vec![0u64; size];
        // Which prefix (pattern, length) owns each slot, to tell a shared prefix
        // from a collision.
        let mut owners = vec![(0u32, 0u32); size];
        let mask = size - 1;
        let mut ok = true;
        let mut used = 0;
        self.for_each_prefix(|o, len, hash| {
            if !ok {
                return;
            }
            let whole = len == self.key(o).len();
            let value = if whole { o + 1 } else { LONGER };
            let tag = hash >> 32;
            let mut i = hash as usize & mask;
            loop {
                if slots[i] == 0 {
                    if 4 * (used + 1) > 3 * size {
                        ok = false;
                        return;
                    }
                    used += 1;
                    slots[i] = tag << 32 | u64::from(value);
                    owners[i] = (o, len as u32);
                    return;
                }
                if slots[i] >> 32 == tag {
                    let (p, plen) = owners[i];
                    if self.key(p).get(..plen as usize) != self.key(o).get(..len) {
                        ok = false;
                        return;
                    }
                    // The same prefix again: a pattern ends here or goes on.
                    let old = slots[i] as u32;
                    let new = if whole { old | (o + 1) } else { old | LONGER };
                    slots[i] = tag << 32 | u64::from(new);
                    return;
                }
                i = (i + 1) & mask;
            }
        });
        self.slots = slots;
        ok
    }

    fn set_first_bytes(&mut self) {
        self.first_bytes = [0; 4];
        for o in 0..self.len() as u32 {
            if let Some(&b) = self.key(o).first() {
                self.first_bytes[b as usize / 64] |= 1 << (b % 64);
            }
        }
    }

    /// True when some pattern starts with `byte`.
    #[inline]
    pub(crate) fn starts_with(&self, byte: u8) -> bool {
        self.first_bytes[byte as usize / 64] & (1 << (byte % 64)) != 0
    }

    /// True when some pattern starts with an ASCII character that is not a letter,
    /// digit or space.
    pub(crate) fn starts_with_punct(&self) -> bool {
        (0..128u8).any(|b| !b.is_ascii_alphanumeric() && b != b' ' && self.starts_with(b))
    }

    /// A walk from position `at`.
    #[inline]
    pub(crate) fn start(&self, at: usize) -> Cursor {
        Cursor { hash: WALK ^ self.seed, at, after_space: false }
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
        // The high bit marks a single byte: a chunk of letters never has it.
        let m = u128::from(c.hash ^ (1 << 63 | u64::from(b))) * 0x9e37_79b9_7f4a_7c15;
        Cursor { hash: m as u64 ^ (m >> 64) as u64, at, after_space: b == b' ' }
    }

    /// The table's value for the prefix read by `c`, or `None` when no pattern has it.
    #[inline]
    pub(crate) fn get(&self, c: Cursor) -> Option<Hit> {
        let mask = self.slots.len() - 1;
        let tag = c.hash >> 32;
        let mut i = c.hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s >> 32 == tag {
                return Some(Hit(s as u32));
            }
            i = (i + 1) & mask;
        }
    }

    /// True when pattern `o` is the text from `start` to `end`, as `reader` reads it.
    pub(crate) fn equals(&self, o: u32, reader: &impl Reader, start: usize, end: usize) -> bool {
        let mut j = start;
        for &b in self.key(o) {
            if j >= end {
                return false;
            }
            let (c, next) = reader.step(j);
            if c != b {
                return false;
            }
            j = next;
        }
        j == end
    }

    /// Checks the invariants the walk relies on, for data read from a file, and
    /// sets what is derived from the patterns.
    pub(crate) fn check(&mut self, outputs: usize) -> Result<(), String> {
        if self.bounds.len() != outputs + 1
            || self.bounds.first() != Some(&0)
            || self.bounds.windows(2).any(|w| w[0] > w[1])
            || self.bounds.last().map(|&e| e as usize) != Some(self.keys.len())
        {
            return Err("pattern bounds are not ordered".into());
        }
        if !self.slots.len().is_power_of_two() || !self.slots.contains(&0) {
            return Err("prefix table has no empty slot or a bad size".into());
        }
        if self.slots.iter().any(|&s| (s as u32 & !LONGER) as usize > outputs) {
            return Err("prefix table pattern out of range".into());
        }
        self.set_first_bytes();
        Ok(())
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
        Prefixes::build(keys.concat(), &ends)
    }

    #[test]
    fn prefixes_at_segment_ends() {
        let keys: Vec<&[u8]> = vec![b"new york", b"new york city", b"newark", b"st. louis", b"u.s."];
        let table = build(&keys);
        let hit = |s: &str| get(&table, s.as_bytes()).map(|h| (h.pattern(), h.longer()));
        assert_eq!(hit("new"), Some((None, true)));
        assert_eq!(hit("new york"), Some((Some(0), true)));
        assert_eq!(hit("new york city"), Some((Some(1), false)));
        assert_eq!(hit("newark"), Some((Some(2), false)));
        assert_eq!(hit("st."), Some((None, true)));
        assert_eq!(hit("u.s."), Some((Some(4), false)));
        assert_eq!(hit("u."), Some((None, true)));
        // Prefixes inside a letter run are not segment ends.
        assert_eq!(hit("ne"), None);
        assert_eq!(hit("york"), None);
        assert!(table.starts_with(b'n') && !table.starts_with(b'y'));
        assert!(!table.starts_with_punct());
        let mut again = table.clone();
        again.check(keys.len()).unwrap();
        assert_eq!(again, table);
    }

    #[test]
    fn a_colliding_seed_is_replaced() {
        // Long runs of letters, sharing nothing: every prefix is its own slot.
        let words: Vec<String> = (0..2000).map(|i| format!("w{i:05}x")).collect();
        let keys: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
        let table = build(&keys);
        for (o, k) in keys.iter().enumerate() {
            assert_eq!(get(&table, k).and_then(Hit::pattern), Some(o as u32));
        }
        let empty = build(&[]);
        assert_eq!(get(&empty, b"a"), None);
    }
}
