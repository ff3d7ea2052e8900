//! In-document coreference of names: "Sergei Lavrov", "Lavrov" and "Mr. Lavrov" form one
//! cluster whose canonical name is the longest mention, linked to a gazetteer id when one
//! of its mentions matched an entry.

use std::sync::Arc;

use std::hash::Hasher;
use std::ops::Range;

use crate::names::lexicon::{lower, FxHasher, Gender};
use crate::names::mentions::Shape;
use crate::span::Span;

/// People, organisations and places mentioned in one document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cluster {
    /// The longest mention's span (its text is the canonical name unless `canonical` is set).
    pub longest: Span,
    /// Words in the longest mention.
    pub words: usize,
    /// The gazetteer's canonical name, when a mention matched an entry.
    pub canonical: Option<Arc<str>>,
    /// The gazetteer id.
    pub id: Option<Arc<str>>,
    /// The label: `PERSON`, `ORG`, or the gazetteer's.
    pub label: Option<Arc<str>>,
    /// Gender, from first names and honorifics.
    pub gender: Gender,
    /// What the names look like.
    pub shape: Option<Shape>,
}

/// What a gazetteer match tells of its entity: label, id, canonical name.
pub(crate) type Link<'a> = (&'a Arc<str>, &'a Option<Arc<str>>, &'a Arc<str>);

/// One mention, as the clusterer needs it.
pub(crate) struct Item<'a> {
    pub span: Span,
    /// The name as written; its words are split at white space ("O'Neill-Baptiste" is one).
    pub name: &'a str,
    pub shape: Shape,
    pub gender: Gender,
    /// True for a single word whose name-ness is in doubt: it joins a cluster or none.
    pub doubtful: bool,
    /// Borrowed: a cluster copies it only when the match is its first.
    pub gazetteer: Option<Link<'a>>,
}

/// Groups mentions into clusters, in text order.
pub(crate) struct Clusterer {
    pub clusters: Vec<Cluster>,
    by_last: KeyMap,
    by_first: KeyMap,
    by_full: KeyMap,
    /// The full names' text, lower case, one after another: the maps' keys are ranges
    /// of it, a first or last word's inside its full name's, so only a new full name is
    /// copied.
    text: Vec<u8>,
    /// The mention being added, lower case, its words joined by spaces: kept to reuse
    /// its allocation.
    scratch: Vec<u8>,
}

impl Clusterer {
    /// A clusterer for up to `mentions` mentions. Its maps start with a slot per mention
    /// (about half of all mentions repeat a name) and grow past half full.
    pub fn with_capacity(mentions: usize) -> Clusterer {
        let map = || KeyMap::with_capacity(mentions);
        Clusterer {
            clusters: Vec::with_capacity(mentions),
            by_last: map(),
            by_first: map(),
            by_full: map(),
            // Names run to about a dozen bytes.
            text: Vec::with_capacity(16 * mentions),
            // Room for most names and their padding, so that it seldom grows.
            scratch: Vec::with_capacity(64),
        }
    }

    /// The cluster of `item`, a new one when it names no one seen before, and the words
    /// of its name; `None` for a name of no words or a doubtful word that matches no
    /// cluster.
    pub fn add(&mut self, item: &Item) -> Option<(usize, usize)> {
        // The lower-case name is built in a reused buffer; the first and last words are
        // its ends.
        let mut full = std::mem::take(&mut self.scratch);
        full.clear();
        let (first_end, last_start, words) = match lower_words_ascii(item.name, &mut full) {
            Some(ends) => ends,
            None => lower_words(item.name, &mut full),
        };
        if words == 0 {
            self.scratch = full;
            return None;
        }
        let whole = Key::new(&full);
        let full_slot = self.by_full.slot(whole, &self.text);
        // A name seen before, whose words are keyed already, is its cluster's again:
        // nothing more to look up or add.
        if let Some(&(_, c, true)) = self.by_full.entry(full_slot) {
            self.scratch = full;
            return self.join(item, words, Some(c)).map(|c| (c, words));
        }
        // Each key is hashed once; a one-word name is its own first and last word.
        let (first, last) = match words {
            1 => (whole, whole),
            _ => (Key::new(&full[..first_end]), Key::new(&full[last_start..])),
        };
        // Each map is probed once per key: the slot found is where a new key goes.
        let mut last_slot = None;
        let mut first_slot = None;
        let found = self.by_full.at(full_slot).or_else(|| {
            if item.shape != Shape::Person {
                return None;
            }
            let by_last = self.by_last.at(*last_slot.insert(self.by_last.slot(last, &self.text)));
            if words == 1 {
                by_last.or_else(|| {
                    self.by_first.at(*first_slot.insert(self.by_first.slot(first, &self.text)))
                })
            } else {
                // A full name joins a cluster of its surname alone ("Lavrov" before "Sergei Lavrov").
                by_last.filter(|&c| self.clusters[c].words == 1)
            }
        });
        let c = self.join(item, words, found);
        if let Some(c) = c {
            let stored = self.by_full.text_at(full_slot).unwrap_or_else(|| {
                let start = self.text.len();
                self.text.extend_from_slice(&full);
                start..self.text.len()
            });
            let full_slot = self.by_full.insert_at(full_slot, whole, c, stored.clone());
            // A name of no known shape may still be a person's: "Sergei Lavrov", then "Lavrov".
            if item.shape != Shape::Org {
                let at = last_slot.unwrap_or_else(|| self.by_last.slot(last, &self.text));
                self.by_last.insert_at(at, last, c, stored.start + last_start..stored.end);
                if words > 1 {
                    let at = first_slot.unwrap_or_else(|| self.by_first.slot(first, &self.text));
                    self.by_first.insert_at(at, first, c, stored.start..stored.start + first_end);
                }
                // Keys are never removed: its words stay keyed.
                self.by_full.mark(full_slot);
            }
        }
        self.scratch = full;
        c.map(|c| (c, words))
    }

    /// Adds `item` to cluster `found`, or to a new one; `None` for a doubtful word that
    /// matches no cluster.
    #[inline]
    fn join(&mut self, item: &Item, words: usize, found: Option<usize>) -> Option<usize> {
        if found.is_none() && item.doubtful {
            return None;
        }
        let c = found.unwrap_or_else(|| {
            self.clusters.push(Cluster::default());
            self.clusters.len() - 1
        });
        let cluster = &mut self.clusters[c];
        if words > cluster.words {
            cluster.words = words;
            cluster.longest = item.span;
        }
        if cluster.gender == Gender::Unknown {
            cluster.gender = item.gender;
        }
        if cluster.shape.map_or(true, |s| s == Shape::Unknown) {
            cluster.shape = Some(item.shape);
        }
        if let Some((label, id, canonical)) = item.gazetteer {
            if cluster.id.is_none() {
                cluster.id.clone_from(id);
                cluster.canonical = Some(canonical.clone());
                cluster.label = Some(label.clone());
            }
        }
        Some(c)
    }
}

/// Appends the white-space separated words of `name` to `full`, lower case and joined by
/// single spaces; returns the end of the first word, the start of the last and the
/// number of words.
fn lower_words(name: &str, full: &mut Vec<u8>) -> (usize, usize, usize) {
    let (mut first_end, mut last_start, mut words) = (0, 0, 0);
    for w in name.split_whitespace() {
        if words > 0 {
            full.push(b' ');
        }
        last_start = full.len();
        full.extend_from_slice(w.to_lowercase().as_bytes());
        if words == 0 {
            first_end = full.len();
        }
        words += 1;
    }
    (first_end, last_start, words)
}

/// [`lower_words`] of an ASCII name whose words are separated by single spaces (almost
/// every name): copied with seven bytes of padding, then lower-cased and its spaces found
/// eight bytes at a time. `None` for any other name.
fn lower_words_ascii(name: &str, full: &mut Vec<u8>) -> Option<(usize, usize, usize)> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let n = name.len();
    let start = full.len();
    full.extend_from_slice(name.as_bytes());
    full.extend_from_slice(&[0; 7]);
    let (mut first_space, mut last_space, mut spaces) = (n, 0, 0);
    // The top bit of each space byte, of the chunk before.
    let mut spaces_before = 0u64;
    for (c, chunk) in full[start..].chunks_exact_mut(8).enumerate() {
        let x = u64::from_le_bytes((&*chunk).try_into().unwrap_or_default());
        let valid = match n - 8 * c {
            left @ 0..=7 => (1u64 << (8 * left)) - 1,
            _ => u64::MAX,
        };
        // Spaces, exactly for ASCII bytes; any byte below '!' or beyond ASCII is marked
        // (`x + 0x5f` carries into the next byte only from a byte beyond ASCII).
        let y = x ^ 0x2020_2020_2020_2020;
        let space = !(((y & LOW7) + LOW7) | y | LOW7) & valid;
        let marked = (!x.wrapping_add(0x5f5f_5f5f_5f5f_5f5f) | x) & HIGH & valid;
        // A space first, after a space, or anything else marked takes the general way
        // (and is not lower-cased: `lower` takes ASCII only).
        let doubled = space & (space << 8 | spaces_before >> 56);
        if marked != space || doubled != 0 || (c == 0 && space & 0x80 != 0) {
            full.truncate(start);
            return None;
        }
        if space != 0 {
            first_space = first_space.min(8 * c + space.trailing_zeros() as usize / 8);
            last_space = 8 * c + (63 - space.leading_zeros() as usize) / 8;
            spaces += space.count_ones() as usize;
        }
        spaces_before = space;
        chunk.copy_from_slice(&lower(x).to_le_bytes());
    }
    full.truncate(start + n);
    if spaces > 0 && last_space + 1 == n {
        full.truncate(start);
        return None;
    }
    let words = if n == 0 { 0 } else { spaces + 1 };
    let last_start = if spaces == 0 { 0 } else { last_space + 1 };
    Some((first_space, last_start, words))
}

/// A lower-case name and its hash.
#[derive(Clone, Copy)]
struct Key<'a> {
    text: &'a [u8],
    /// The low half of the hash, which picks the slot; the slots keep it so that a
    /// key's text is compared only when it matches, in 8 bytes a slot, not 16.
    hash: u32,
}

impl Key<'_> {
    fn new(text: &[u8]) -> Key<'_> {
        let mut h = FxHasher::default();
        h.write(text);
        Key { text, hash: h.finish() as u32 }
    }
}

/// Lower-case names mapped to clusters. The keys' text is kept in the clusterer's one
/// buffer, so adding a key allocates nothing once the buffers are big enough: open
/// addressing over their hashes, at most half full.
struct KeyMap {
    /// A key's hash and its index in `entries`, or [`FREE`].
    slots: Vec<(u32, u32)>,
    /// Each key's bytes in [`Clusterer::text`], its cluster, and whether it is marked.
    entries: Vec<(Range<usize>, usize, bool)>,
}

/// The entry index of a free slot.
const FREE: u32 = u32::MAX;

impl KeyMap {
    fn with_capacity(keys: usize) -> KeyMap {
        KeyMap {
            slots: vec![(0, FREE); keys.next_power_of_two().max(16)],
            entries: Vec::with_capacity(keys),
        }
    }

    /// The slot of `key`, whose stored keys are in `text`: the one holding it, or the
    /// free one where it would go.
    /// Inlined, like [`KeyMap::insert_at`] and [`Clusterer::join`]: a mention calls them
    /// up to six times, and a call's saved registers cost about what their bodies do.
    #[inline]
    fn slot(&self, key: Key, text: &[u8]) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = key.hash as usize & mask;
        loop {
            let (h, e) = self.slots[at];
            if e == FREE
                || (h == key.hash && text.get(self.entries[e as usize].0.clone()) == Some(key.text))
            {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The entry of the key in `slot` (its text, cluster and [`KeyMap::mark`]), if the
    /// slot holds one ([`FREE`] is no index).
    fn entry(&self, slot: usize) -> Option<&(Range<usize>, usize, bool)> {
        self.entries.get(self.slots[slot].1 as usize)
    }

    /// The cluster of the key in `slot`, if the slot holds one.
    fn at(&self, slot: usize) -> Option<usize> {
        self.entry(slot).map(|entry| entry.1)
    }

    /// Where the text of the key in `slot` is stored, if the slot holds one.
    fn text_at(&self, slot: usize) -> Option<Range<usize>> {
        self.entry(slot).map(|entry| entry.0.clone())
    }

    /// Marks the key in `slot`, if the slot holds one: for the full names, that the
    /// name's first and last words are keys of their maps.
    fn mark(&mut self, slot: usize) {
        if let Some(entry) = self.entries.get_mut(self.slots[slot].1 as usize) {
            entry.2 = true;
        }
    }

    /// The first free slot from the home of `hash`.
    fn free_slot(&self, hash: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while self.slots[at].1 != FREE {
            at = (at + 1) & mask;
        }
        at
    }

    /// Maps `key`, stored at `stored` of the clusterer's text, to `c` unless it is mapped
    /// already, `slot` being [`KeyMap::slot`] of `key` with no key added since; returns
    /// the key's slot now.
    #[inline]
    fn insert_at(&mut self, mut slot: usize, key: Key, c: usize, stored: Range<usize>) -> usize {
        if self.slots[slot].1 != FREE {
            return slot;
        }
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            let doubled = vec![(0, FREE); 2 * self.slots.len()];
            let old = std::mem::replace(&mut self.slots, doubled);
            for (h, e) in old.into_iter().filter(|&(_, e)| e != FREE) {
                let at = self.free_slot(h);
                self.slots[at] = (h, e);
            }
            // The key is not in the map: its slot is the first free one.
            slot = self.free_slot(key.hash);
        }
        self.slots[slot] = (key.hash, self.entries.len() as u32);
        self.entries.push((stored, c, false));
        slot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_that_grow_keep_every_name() {
        let mut clusterer = Clusterer::with_capacity(1);
        let names: Vec<String> = (0..200).map(|i| format!("First{i} Last{i}")).collect();
        fn item(name: &str) -> Item<'_> {
            let (span, shape, gender) = (Span::default(), Shape::Person, Gender::Unknown);
            Item { span, name, shape, gender, doubtful: false, gazetteer: None }
        }
        let clusters: Vec<_> = names.iter().map(|n| clusterer.add(&item(n))).collect();
        for (i, n) in names.iter().enumerate() {
            let last = n.split(' ').nth(1).unwrap_or_default();
            assert_eq!(clusterer.add(&item(n)), clusters[i], "{n}");
            assert_eq!(clusterer.add(&item(last)).map(|c| c.0), clusters[i].map(|c| c.0), "{n}");
        }
        assert_eq!(clusterer.clusters.len(), 200);
    }

    #[test]
    fn simple_names_split_as_any_name() {
        for name in ["Sergei Lavrov", "LAVROV", "Mary Ann de la Cruz", "O'Neill-Baptiste", "", "x"]
        {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            assert_eq!(lower_words_ascii(name, &mut fast), Some(lower_words(name, &mut slow)));
            assert_eq!(fast, slow, "{name}");
        }
        for name in
            ["Sergei  Lavrov", "Sergei\nLavrov", " Lavrov", "Lavrov ", "A\u{b}B", "Zakharová", " "]
        {
            assert_eq!(lower_words_ascii(name, &mut Vec::new()), None, "{name:?}");
        }
    }

    #[test]
    fn names_of_any_length_split_as_any_name() {
        let parts = ["a", "Bc", " ", "\t", "é", "\u{7f}", "!", "Xyzzyxy", "\u{ff}"];
        let mut names = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                names.iter().flat_map(|n| parts.iter().map(move |p| format!("{n}{p}"))).collect();
            names.extend(longer);
        }
        for name in &names {
            let simple = name.bytes().all(|b| b == b' ' || (b'!'..=0x7f).contains(&b))
                && !name.starts_with(' ')
                && !name.ends_with(' ')
                && !name.contains("  ");
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            let got = lower_words_ascii(name, &mut fast);
            assert_eq!(got.is_some(), simple, "{name:?}");
            let want = lower_words(name, &mut slow);
            if got.is_some() {
                assert_eq!(got, Some(want), "{name:?}");
                assert_eq!(fast, slow, "{name:?}");
            } else {
                assert!(fast.is_empty(), "{name:?}");
            }
        }
    }
}
