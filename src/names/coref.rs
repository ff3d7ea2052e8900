//! In-document coreference of names: "Sergei Lavrov", "Lavrov" and "Mr. Lavrov" form one
//! cluster whose canonical name is the longest mention, linked to a gazetteer id when one
//! of its mentions matched an entry.

use std::sync::Arc;

use std::hash::Hasher;
use std::ops::Range;

use crate::names::lexicon::{self, lower, FxHasher, Gender};
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

impl Cluster {
    /// True when one of the cluster and `item` is a person's name and the other a
    /// place the gazetteer matched.
    fn person_and_place(&self, item: &Item) -> bool {
        let place = |label: &str| matches!(label, "GPE" | "LOC");
        let item_place = item.gazetteer.is_some_and(|(label, ..)| place(label));
        let cluster_place = self.label.as_deref().is_some_and(place);
        (self.shape == Some(Shape::Person) && item_place)
            || (item.shape == Shape::Person && item.gazetteer.is_none() && cluster_place)
    }
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
    /// Full names, first words and last words, each a [`Key`] of its [`Kind`].
    keys: KeyMap,
    /// The lower-case text of keys longer than 16 bytes (most are shorter, and kept in
    /// their map): a name's copy, with its first and last word inside it.
    text: Vec<u8>,
}

impl Clusterer {
    /// A clusterer for up to `mentions` mentions. Its map starts with four slots per
    /// mention (a mention adds up to three keys, and about half of all mentions repeat a
    /// name) and grows past half full.
    pub fn with_capacity(mentions: usize) -> Clusterer {
        Clusterer {
            clusters: Vec::with_capacity(mentions),
            keys: KeyMap::with_capacity(4 * mentions),
            text: Vec::new(),
        }
    }

    /// The cluster of `item`, a new one when it names no one seen before, and the words
    /// of its name; `None` for a name of no words or a doubtful word that matches no
    /// cluster.
    pub fn add(&mut self, item: &Item) -> Option<(usize, usize)> {
        // A long name, or one of other spaces or bytes, is lower-cased at the end of the
        // text, and stays there only if a key of its own is kept.
        let base = self.text.len();
        let name = match Name::short(item.name.as_bytes()) {
            Some(name) => name,
            None => self.long_name(item.name),
        };
        let words = name.words;
        if words == 0 {
            self.text.truncate(base);
            return None;
        }
        let whole = name.key(Kind::Full, &self.text);
        let full_slot = self.keys.slot(whole, &self.text);
        // A name seen before, whose words are keyed already, is its cluster's again:
        // nothing more to look up or add.
        if let Some(&Entry { cluster, marked: true, .. }) = self.keys.entry(full_slot) {
            self.text.truncate(base);
            return self.join(item, words, Some(cluster as usize)).map(|c| (c, words));
        }
        let last = name.key(Kind::Last, &self.text);
        let found = self.keys.at(full_slot).or_else(|| {
            if item.shape != Shape::Person {
                return None;
            }
            let by_last = self.keys.find(last, &self.text);
            if words == 1 {
                by_last.or_else(|| self.keys.find(name.key(Kind::First, &self.text), &self.text))
            } else {
                // A full name joins a cluster of its surname alone ("Lavrov" before "Sergei Lavrov").
                by_last.filter(|&c| self.clusters[c].words == 1)
            }
        });
        let c = self.join(item, words, found);
        let mut keep = false;
        if let Some(c) = c {
            let (full, new) = self.keys.insert_at(full_slot, whole, c);
            keep |= new && whole.len > SHORT;
            // A name of no known shape may still be a person's: "Sergei Lavrov", then "Lavrov".
            if item.shape != Shape::Org {
                keep |= self.keys.insert(last, c, &self.text) && last.len > SHORT;
                if words > 1 {
                    let first = name.key(Kind::First, &self.text);
                    keep |= self.keys.insert(first, c, &self.text) && first.len > SHORT;
                }
                // Keys are never removed: its words stay keyed.
                self.keys.entries[full].marked = true;
            }
        }
        if !keep {
            self.text.truncate(base);
        }
        c.map(|c| (c, words))
    }

    /// A name [`Name::short`] does not take, lower-cased at the end of the text.
    #[cold]
    fn long_name(&mut self, name: &str) -> Name {
        // Room for the long names of most documents at once (its padded copy included),
        // so that the text is not copied again as it grows.
        if self.text.capacity() == 0 {
            self.text.reserve(512);
        }
        let base = self.text.len();
        let (first_end, last_start, words) = match lower_words_ascii(name, &mut self.text) {
            Some(ends) => ends,
            None => lower_words(name, &mut self.text),
        };
        let len = self.text.len() - base;
        Name { bytes: 0, len, first_end, last_start, words, at: Some(base) }
    }

    /// Adds `item` to cluster `found`, or to a new one; `None` for a doubtful word that
    /// matches no cluster.
    #[inline(always)]
    fn join(&mut self, item: &Item, words: usize, found: Option<usize>) -> Option<usize> {
        // A person and a place of the same name stay apart ("Mr. Lincoln", "in Lincoln").
        let found = found.filter(|&c| !self.clusters[c].person_and_place(item));
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
        if cluster.shape.is_none_or(|s| s == Shape::Unknown) {
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

/// A name lower-cased, its words joined by single spaces: where its first word ends,
/// where its last starts (as many bytes in, for a name of one word) and the words.
#[derive(Clone, Copy)]
struct Name {
    /// A short name's bytes, zero past its end.
    bytes: u128,
    len: usize,
    first_end: usize,
    last_start: usize,
    words: usize,
    /// Where a name that is not short starts in [`Clusterer::text`].
    at: Option<usize>,
}

impl Name {
    /// A name of at most 16 ASCII bytes whose words are separated by single spaces (most
    /// names), read as two integers. `None` for any other name.
    #[inline]
    fn short(name: &[u8]) -> Option<Name> {
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        let n = name.len();
        if n == 0 {
            return None;
        }
        // Lower case, zero past the name; `None` beyond 16 bytes or ASCII.
        let [lo, hi] = lexicon::pack(name)?;
        // The top bit of each space byte, and of each byte below '!' (the sums carry into
        // no other byte: every byte is ASCII).
        let marks = |x: u64, valid: u64| {
            let y = x ^ 0x2020_2020_2020_2020;
            let space = !(((y & LOW7) + LOW7) | y | LOW7) & valid;
            let below = !(x + 0x5f5f_5f5f_5f5f_5f5f) & valid;
            (space, below)
        };
        let valid = u128::from_ne_bytes([0x80; 16]) >> (8 * (16 - n));
        let (space_lo, below_lo) = marks(lo, valid as u64);
        let (space_hi, below_hi) = marks(hi, (valid >> 64) as u64);
        let space = u128::from(space_lo) | u128::from(space_hi) << 64;
        if below_lo != space_lo
            || below_hi != space_hi
            || space & (space << 8 | 0x80) != 0
            || space >> (8 * n - 1) != 0
        {
            return None;
        }
        // The spaces' top bits summed in the top byte of each half.
        let count = |s: u64| ((s >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
        let (first_end, last_start) = match space {
            0 => (n, 0),
            _ => (space.trailing_zeros() as usize / 8, 16 - space.leading_zeros() as usize / 8),
        };
        Some(Name {
            bytes: u128::from(lo) | u128::from(hi) << 64,
            len: n,
            first_end,
            last_start,
            words: count(space_lo) + count(space_hi) + 1,
            at: None,
        })
    }

    /// The key of the name, of its first word or of its last; a long name's text is in
    /// `text`.
    #[inline]
    fn key(&self, kind: Kind, text: &[u8]) -> Key {
        let (start, end) = match kind {
            Kind::Full => (0, self.len),
            Kind::First => (0, self.first_end),
            Kind::Last => (self.last_start, self.len),
        };
        let Some(at) = self.at else {
            // Zero past the name: its first word is masked, its last shifted down.
            let bytes = match kind {
                Kind::Full => self.bytes,
                Kind::First => self.bytes & !u128::MAX.checked_shl(8 * end as u32).unwrap_or(0),
                Kind::Last => self.bytes.checked_shr(8 * start as u32).unwrap_or(0),
            };
            return Key::short(bytes, end - start, kind);
        };
        Key::stored(text, at + start..at + end, kind)
    }
}

/// Appends the white-space separated words of `name` to `full`, lower case and joined by
/// single spaces; returns the end of the first word and the start of the last (from where
/// it started) and the number of words.
fn lower_words(name: &str, full: &mut Vec<u8>) -> (usize, usize, usize) {
    let start = full.len();
    let (mut first_end, mut last_start, mut words) = (0, 0, 0);
    for w in name.split_whitespace() {
        if words > 0 {
            full.push(b' ');
        }
        last_start = full.len() - start;
        full.extend_from_slice(w.to_lowercase().as_bytes());
        if words == 0 {
            first_end = full.len() - start;
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

/// What a [`Key`] is of its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Full,
    First,
    Last,
}

/// The longest key kept in its map; a longer one is in [`Clusterer::text`].
const SHORT: usize = 16;

/// A lower-case full name, first word or last word: its first 16 bytes (zero past its
/// end) and, when longer, where it is in the clusterer's text.
#[derive(Clone, Copy)]
struct Key {
    bytes: [u64; 2],
    len: usize,
    /// The start of a long key in [`Clusterer::text`].
    at: usize,
    kind: Kind,
    /// The low half of the hash, which picks the slot; the slots keep it so that a
    /// key is compared only when it matches, in 8 bytes a slot.
    hash: u32,
}

impl Key {
    /// A key of at most 16 bytes, packed in `bytes`.
    #[inline]
    fn short(bytes: u128, len: usize, kind: Kind) -> Key {
        let (lo, hi) = (bytes as u64, (bytes >> 64) as u64);
        let h = (lo.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ hi ^ kind as u64)
            .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        Key { bytes: [lo, hi], len, at: 0, kind, hash: (h >> 32) as u32 }
    }

    /// The key of `text[range]`.
    fn stored(text: &[u8], range: Range<usize>, kind: Kind) -> Key {
        let b = text.get(range.clone()).unwrap_or_default();
        let mut first = [0u8; SHORT];
        let n = b.len().min(SHORT);
        first[..n].copy_from_slice(&b[..n]);
        let bytes = u128::from_le_bytes(first);
        if b.len() <= SHORT {
            return Key::short(bytes, b.len(), kind);
        }
        let mut h = FxHasher::default();
        h.write(b);
        h.write_u64(kind as u64);
        let (lo, hi) = (bytes as u64, (bytes >> 64) as u64);
        Key { bytes: [lo, hi], len: b.len(), at: range.start, kind, hash: h.finish() as u32 }
    }

    /// True when `self` is the key of `entry`, whose text (for a long key) is in `text`.
    #[inline]
    fn is(&self, entry: &Entry, text: &[u8]) -> bool {
        entry.bytes == self.bytes
            && entry.len == self.len
            && entry.kind == self.kind
            && (self.len <= SHORT
                || text.get(entry.at..entry.at + self.len) == text.get(self.at..self.at + self.len))
    }
}

/// A key of a [`KeyMap`]: the key, where a long one is stored, its cluster and whether
/// it is marked.
struct Entry {
    bytes: [u64; 2],
    len: usize,
    at: usize,
    kind: Kind,
    /// For a full name, that its first and last words are keys too.
    marked: bool,
    cluster: u32,
}

/// Lower-case names mapped to clusters: open addressing over their hashes, at most half
/// full. Keys of up to 16 bytes (most) are compared as two integers.
struct KeyMap {
    /// A key's hash and its index in `entries`, or [`FREE`].
    slots: Vec<(u32, u32)>,
    entries: Vec<Entry>,
}

/// The entry index of a free slot.
const FREE: u32 = u32::MAX;

impl KeyMap {
    fn with_capacity(keys: usize) -> KeyMap {
        KeyMap {
            slots: vec![(0, FREE); keys.next_power_of_two().max(16)],
            entries: Vec::with_capacity(keys / 2),
        }
    }

    /// The slot of `key`, whose stored keys are in `text`: the one holding it, or the
    /// free one where it would go.
    /// Inlined, like [`KeyMap::insert_at`] and [`Clusterer::join`]: a mention calls them
    /// up to six times, and a call's saved registers cost about what their bodies do
    /// (those two are inlined by force: the compiler called them).
    #[inline]
    fn slot(&self, key: Key, text: &[u8]) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = key.hash as usize & mask;
        loop {
            let (h, e) = self.slots[at];
            if e == FREE || (h == key.hash && key.is(&self.entries[e as usize], text)) {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The entry of the key in `slot`, if the slot holds one ([`FREE`] is no index).
    fn entry(&self, slot: usize) -> Option<&Entry> {
        self.entries.get(self.slots[slot].1 as usize)
    }

    /// The cluster of the key in `slot`, if the slot holds one.
    fn at(&self, slot: usize) -> Option<usize> {
        self.entry(slot).map(|entry| entry.cluster as usize)
    }

    /// The cluster of `key`, if it is mapped.
    #[inline]
    fn find(&self, key: Key, text: &[u8]) -> Option<usize> {
        self.at(self.slot(key, text))
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

    /// Doubles the slots (seldom: kept out of line, so that inserting is inlined).
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let doubled = vec![(0, FREE); 2 * self.slots.len()];
        let old = std::mem::replace(&mut self.slots, doubled);
        for (h, e) in old.into_iter().filter(|&(_, e)| e != FREE) {
            let at = self.free_slot(h);
            self.slots[at] = (h, e);
        }
    }

    /// Maps `key` to `c` unless it is mapped already; true when it was not.
    #[inline]
    fn insert(&mut self, key: Key, c: usize, text: &[u8]) -> bool {
        let slot = self.slot(key, text);
        self.insert_at(slot, key, c).1
    }

    /// Maps `key` to `c` unless it is mapped already, `slot` being [`KeyMap::slot`] of
    /// `key` with no key added since; returns the key's entry and whether it is new.
    #[inline(always)]
    fn insert_at(&mut self, mut slot: usize, key: Key, c: usize) -> (usize, bool) {
        let e = self.slots[slot].1;
        if e != FREE {
            return (e as usize, false);
        }
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            self.grow();
            // The key is not in the map: its slot is the first free one.
            slot = self.free_slot(key.hash);
        }
        let e = self.entries.len();
        self.slots[slot] = (key.hash, e as u32);
        self.entries.push(Entry {
            bytes: key.bytes,
            len: key.len,
            at: key.at,
            kind: key.kind,
            marked: false,
            cluster: c as u32,
        });
        (e, true)
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

    #[test]
    fn short_names_key_as_any_name() {
        let parts = ["a", "Bc", " ", "\t", "é", "!", "Xyzzyxy", "O'Neill-B"];
        let mut names = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                names.iter().flat_map(|n| parts.iter().map(move |p| format!("{n}{p}"))).collect();
            names.extend(longer);
        }
        let mut short = 0;
        for name in &names {
            let simple = name.len() <= SHORT
                && name.bytes().all(|b| b == b' ' || (b'!'..=0x7f).contains(&b))
                && !name.is_empty()
                && !name.starts_with(' ')
                && !name.ends_with(' ')
                && !name.contains("  ");
            let Some(fast) = Name::short(name.as_bytes()) else {
                assert!(!simple, "{name:?}");
                continue;
            };
            assert!(simple, "{name:?}");
            short += 1;
            let mut text = vec![b'x'; 3];
            let (first_end, last_start, words) = lower_words(name, &mut text);
            let slow =
                Name { bytes: 0, len: text.len() - 3, first_end, last_start, words, at: Some(3) };
            assert_eq!((fast.len, fast.words), (slow.len, slow.words), "{name:?}");
            for kind in [Kind::Full, Kind::First, Kind::Last] {
                let (a, b) = (fast.key(kind, &text), slow.key(kind, &text));
                assert_eq!((a.bytes, a.len, a.hash), (b.bytes, b.len, b.hash), "{name:?}");
            }
        }
        assert!(short > 100);
    }
}
