//! Word classes that names and quotes rely on: function words, pronouns, honorifics,
//! titles and roles, organisation words, first names with their typical gender.
//!
//! One hash lookup per token gives all of a word's classes ([`word`]). The tables are
//! built once, on first use, from embedded data (`data/names/`) and small lists here.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::document::TokenKind;
use crate::normalize::ascii8::FOLD;
use crate::tokenize::{le_bytes, Leave, TokenSink};

/// A fast, non-cryptographic hasher for short keys (the word lists are fixed and
/// trusted, so hash flooding is not a concern).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // The last bytes as one integer, not one step each: read as the top of the last
        // eight bytes when there are eight.
        let rest = chunks.remainder();
        if let Some(last8) = bytes.len().checked_sub(8).filter(|_| !rest.is_empty()) {
            let last8 = u64::from_le_bytes(bytes[last8..].try_into().unwrap_or_default());
            self.add(last8 >> (64 - 8 * rest.len()));
        } else if !rest.is_empty() {
            self.add(le_bytes(rest));
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick the bucket, depending on low input
        // bits only: fold the high bits down.
        let h = self.0;
        (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A case-insensitive map from words to values. A word of up to 16 ASCII bytes (almost
/// every word) is packed, lower-cased, into two integers and found in an open-addressing
/// table: one multiply picks the slot, integer compares find the key, with no allocation.
/// The tables are built once and read for every token, so lookups are what counts.
pub(crate) struct WordMap<V> {
    /// Linear probing over a power-of-two table at most half full (a quarter when
    /// [`WordMap::sparse`]): a packed key and the index of its value, or [`FREE`].
    slots: Vec<([u64; 2], u32)>,
    /// Bits of a hash that pick a bit of [`WordMap::filter`]: `62 - log2(slots.len())`;
    /// the top bits of that bit's index pick the slot.
    shift: u32,
    /// Four bits per slot, a bit set where a key hashes: a word whose bit is clear is
    /// not in the table, known without reading the table. Most words probed are not in
    /// it, and the tables (176 KB of common words, 144 KB of first names) do not stay
    /// in the caches between documents, so such a probe would wait for memory; the
    /// frozen tables' filters are a 32nd to an 8th of their size.
    filter: Vec<u64>,
    /// Keys longer than 16 bytes or not ASCII, lower case, with the index of their value.
    long: FxMap<String, u32>,
    /// The values, in insertion order.
    values: Vec<V>,
    /// The words, as inserted.
    keys: Vec<String>,
    /// Slots per key at least: 2, or 4 for a [`WordMap::sparse`] map.
    room: usize,
}

/// The value index of a free slot.
const FREE: u32 = u32::MAX;

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            slots: vec![([0; 2], FREE); 16],
            shift: 64 - 4 - 2,
            filter: vec![0; 1],
            long: FxMap::default(),
            values: Vec::new(),
            keys: Vec::new(),
            room: 2,
        }
    }
}

/// `word` lower-cased and packed into two integers, if it has at most 16 ASCII bytes.
/// The bytes are read with a few overlapping loads and lower-cased eight at a time:
/// this runs once per token.
#[inline]
pub(crate) fn pack(b: &[u8]) -> Option<[u64; 2]> {
    let n = b.len();
    let load8 = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
    let (lo, hi) = match n {
        0..=8 => (le_bytes(b), 0),
        9..=16 => (load8(0), load8(n - 8) >> ((16 - n) * 8)),
        _ => return None,
    };
    ascii_lower(lo, hi)
}

/// The word token `start..end` of `text`, a final "." dropped, [`pack`]ed, with its
/// first byte: where 16 bytes of text follow the start (everywhere but at its end) they
/// are read as two integers and masked to the word, and the "." is found in them.
/// `None` for a token of more than 16 bytes, where the window does not fit, for an
/// empty word or a byte beyond ASCII: [`word`] takes those.
#[inline]
fn pack_token(text: &[u8], start: usize, end: usize) -> Option<([u64; 2], u8)> {
    let window = text.get(start..)?.first_chunk::<16>()?;
    let n = end.wrapping_sub(start);
    let n = n - usize::from(window.get(n.wrapping_sub(1)) == Some(&b'.'));
    let half = |at: usize| u64::from_le_bytes(window[at..at + 8].try_into().unwrap_or_default());
    // The bytes past the word shift out at the top.
    let keep = |x: u64, bytes: usize| x << (64 - 8 * bytes) >> (64 - 8 * bytes);
    let lo = half(0);
    let k = match n {
        1..=8 => ascii_lower(keep(lo, n), 0),
        9..=16 => ascii_lower(lo, keep(half(8), n - 8)),
        _ => None,
    }?;
    Some((k, lo as u8))
}

/// Packed bytes lower-cased, `None` when any is not ASCII.
#[inline]
fn ascii_lower(lo: u64, hi: u64) -> Option<[u64; 2]> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    Some([lower(lo), lower(hi)])
}

/// Eight ASCII bytes lower-cased at once: a byte gets 0x20 added when it lies in
/// `A..=Z` (the sums cannot carry into the next byte, as every byte is below 0x80).
#[inline]
pub(crate) fn lower(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let at_least_a = x + 0x3f3f_3f3f_3f3f_3f3f;
    let above_z = x + 0x2525_2525_2525_2525;
    x | ((at_least_a & !above_z & HIGH) >> 2)
}

impl<V> WordMap<V> {
    /// A map whose table stays at most a quarter full, not half: for a table probed for
    /// every token, often for a word it does not hold, where fewer slots to step over
    /// count more than its size (the simulated cache misses do not grow).
    pub fn sparse() -> Self {
        WordMap { room: 4, ..WordMap::default() }
    }

    /// The value of `word`, inserting `make()` first if there is none.
    pub fn get_or_insert_with(&mut self, word: &str, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.index(word) {
            Some(i) => i,
            None => {
                let i = self.values.len() as u32;
                self.values.push(make());
                self.keys.push(word.to_lowercase());
                match pack(word.as_bytes()) {
                    Some(k) => self.put(k, i),
                    None => {
                        self.long.insert(word.to_lowercase(), i);
                    }
                }
                i
            }
        };
        &mut self.values[i as usize]
    }

    /// The value of the `i`th key of [`WordMap::keys`].
    pub fn value(&self, i: usize) -> Option<&V> {
        self.values.get(i)
    }

    /// Every key whose value is stored, lower case, in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(String::as_str)
    }

    /// The value of `word`, in any case (lookups go through a [`WordTable`]; tests
    /// read a map directly).
    #[cfg(test)]
    pub fn get(&self, word: &str) -> Option<&V> {
        self.index(word).map(|i| &self.values[i as usize])
    }

    /// The index of the value of `word`.
    #[inline]
    fn index(&self, word: &str) -> Option<u32> {
        match pack(word.as_bytes()) {
            Some(k) => self.find_packed(k),
            None if self.long.is_empty() => None,
            None => self.long.get(&word.to_lowercase()).copied(),
        }
    }

    /// The hash of a packed key: one multiply, whose high bits, which pick the slot and
    /// the filter bit, depend on every input bit.
    #[inline]
    fn hash(k: [u64; 2]) -> u64 {
        k[0].wrapping_add(k[1].rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    /// The slot a packed key hashes to.
    #[inline]
    fn home(&self, k: [u64; 2]) -> usize {
        self.filter_index(Self::hash(k)) >> 2
    }

    /// The index of the bit of [`WordMap::filter`] for hash `h`: the filter has four
    /// bits per slot, so two more bits of the hash than the slot's.
    #[inline]
    fn filter_index(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }

    /// The index of the value of a packed key.
    #[inline]
    fn find_packed(&self, k: [u64; 2]) -> Option<u32> {
        let f = self.filter_index(Self::hash(k));
        if self.filter.get(f / 64).copied().unwrap_or(0) & 1 << (f % 64) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = f >> 2;
        loop {
            let (key, i) = self.slots[at];
            if i == FREE {
                return None;
            }
            if key == k {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
    }

    /// Stores value index `i` under a key not in the table, growing it first if it
    /// would have less room than the map keeps.
    fn put(&mut self, k: [u64; 2], i: u32) {
        if self.values.len() * self.room > self.slots.len() {
            let doubled = vec![([0; 2], FREE); self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, doubled);
            self.shift -= 1;
            self.filter = vec![0; self.slots.len() / 16];
            for (key, j) in old.into_iter().filter(|&(_, j)| j != FREE) {
                self.put_slot(key, j);
            }
        }
        self.put_slot(k, i);
    }

    /// Stores value index `i` in the first free slot from the key's home.
    fn put_slot(&mut self, k: [u64; 2], i: u32) {
        let mask = self.slots.len() - 1;
        let mut at = self.home(k);
        while self.slots[at].1 != FREE {
            at = (at + 1) & mask;
        }
        self.slots[at] = (k, i);
        let f = self.filter_index(Self::hash(k));
        self.filter[f / 64] |= 1 << (f % 64);
    }
}

/// A packed word as the key of a [`WordTable`]: one integer for a word of up to eight
/// bytes, as most tokens are (one multiply to hash, one compare to test), or two.
pub(crate) trait Key: Copy + Eq {
    /// The key of no word, in free slots.
    const FREE: Self;
    /// The key of a [`pack`]ed word, if it is of this kind.
    fn of(k: [u64; 2]) -> Option<Self>;
    /// Its [`WordMap::hash`].
    fn hash(self) -> u64;
    /// Its first integer, where bit 7 of each byte is free (the bytes are ASCII).
    fn first(&mut self) -> &mut u64;
}

impl Key for u64 {
    const FREE: u64 = 0;
    fn of(k: [u64; 2]) -> Option<u64> {
        (k[1] == 0).then_some(k[0])
    }
    #[inline]
    fn hash(self) -> u64 {
        WordMap::<()>::hash([self, 0])
    }
    #[inline]
    fn first(&mut self) -> &mut u64 {
        self
    }
}

impl Key for [u64; 2] {
    const FREE: [u64; 2] = [0; 2];
    fn of(k: [u64; 2]) -> Option<[u64; 2]> {
        (k[1] != 0).then_some(k)
    }
    #[inline]
    fn hash(self) -> u64 {
        WordMap::<()>::hash(self)
    }
    #[inline]
    fn first(&mut self) -> &mut u64 {
        &mut self[0]
    }
}

/// What a slot of a [`WordTable`] holds: a key and its [`Word`], or no word.
pub(crate) trait Slot: Copy {
    /// The kind of key.
    type Key: Key;
    /// A free slot, whose value is the default.
    const FREE: Self;
    /// The slot of key `k` with value `word`.
    fn new(k: Self::Key, word: Word) -> Self;
    /// Its key, [`Key::FREE`] when free.
    fn key(self) -> Self::Key;
    /// Its value.
    fn value(self) -> Word;
}

/// A slot of a key and any value.
impl<K: Key> Slot for (K, Word) {
    type Key = K;
    const FREE: Self = (K::FREE, Word { flags: 0, gender: Gender::Unknown });
    fn new(k: K, word: Word) -> Self {
        (k, word)
    }
    #[inline]
    fn key(self) -> K {
        self.0
    }
    #[inline]
    fn value(self) -> Word {
        self.1
    }
}

/// The slot of a first name: its key alone, the gender in bit 7 of its first two bytes
/// (free, the bytes being ASCII), so that a slot of the eight-byte table takes eight
/// bytes, not sixteen. Every value is a [`class::FIRST_NAME`].
#[derive(Clone, Copy)]
pub(crate) struct Named<K>(K);

/// The bits of a [`Named`] key's first integer that hold its gender.
const GENDER_BITS: u64 = 0x8080;

impl<K: Key> Slot for Named<K> {
    type Key = K;
    const FREE: Self = Named(K::FREE);
    fn new(mut k: K, word: Word) -> Self {
        let code = match word.gender {
            Gender::Male => 0x80,
            Gender::Female => 0x8000,
            _ => 0,
        };
        *k.first() |= code;
        Named(k)
    }
    #[inline]
    fn key(mut self) -> K {
        *self.0.first() &= !GENDER_BITS;
        self.0
    }
    #[inline]
    fn value(mut self) -> Word {
        if self.0 == K::FREE {
            return Word::default();
        }
        let gender = match *self.0.first() & GENDER_BITS {
            0x80 => Gender::Male,
            0x8000 => Gender::Female,
            _ => Gender::Unknown,
        };
        Word { flags: class::FIRST_NAME, gender }
    }
}

/// The keys of a [`WordMap`] of one kind, frozen for lookups: each slot holds its
/// value, so a hit reads one slot, and a free slot holds the key of no word with the
/// default value, which a miss returns. No key packs to the empty word (a test checks
/// the word lists). Its sizes are constants, so that a lookup checks no bounds and
/// reads no sizes; a test keeps each table at most a third full. The filter's size is
/// its own: a first-name table is probed for capitalized words only, where a small
/// filter stays in the caches and a few more words pass it.
pub(crate) struct WordTable<S, const SLOTS: usize, const LINES: usize> {
    /// The keys and values, in the places where they hash (linear probing).
    slots: Box<[S; SLOTS]>,
    /// As [`WordMap::filter`]: `LINES` integers of 64 bits, a bit set where a key hashes.
    filter: Box<[u64; LINES]>,
}

impl<S: Slot, const SLOTS: usize, const LINES: usize> WordTable<S, SLOTS, LINES> {
    /// Bits of a hash that pick a slot: its top bits.
    const SLOT_SHIFT: u32 = 64 - SLOTS.trailing_zeros();

    /// Bits of a hash that pick a bit of the filter: its top bits.
    const FILTER_SHIFT: u32 = 64 - (64 * LINES).trailing_zeros();

    /// The table of `map`'s keys of kind `S::Key` and their values.
    fn new(map: &WordMap<Word>) -> Self {
        const { assert!(SLOTS.is_power_of_two() && LINES.is_power_of_two()) };
        let slots = vec![S::FREE; SLOTS];
        let filter = vec![0; LINES];
        // The vectors have the arrays' lengths.
        let slots = slots.into_boxed_slice().try_into().unwrap_or_else(|_| unreachable!());
        let filter = filter.into_boxed_slice().try_into().unwrap_or_else(|_| unreachable!());
        let mut table = WordTable { slots, filter };
        for &(k, i) in &map.slots {
            let (Some(k), Some(&v)) = (S::Key::of(k), map.values.get(i as usize)) else {
                continue;
            };
            table.update(k, |_| v);
        }
        table
    }

    /// Sets the value of key `k` to `f` of its value (the default if it has none).
    fn update(&mut self, k: S::Key, f: impl FnOnce(Word) -> Word) {
        let h = k.hash();
        let b = (h >> Self::FILTER_SHIFT) as usize;
        self.filter[b / 64] |= 1 << (b % 64);
        let mut at = (h >> Self::SLOT_SHIFT) as usize;
        while self.slots[at].key() != S::Key::FREE && self.slots[at].key() != k {
            at = (at + 1) % SLOTS;
        }
        self.slots[at] = S::new(k, f(self.slots[at].value()));
    }

    /// The value of key `k`, `h` being its hash; the default when it has none.
    #[inline]
    fn get(&self, k: S::Key, h: u64) -> Word {
        let b = (h >> Self::FILTER_SHIFT) as usize;
        if self.filter[b / 64 % LINES] & 1 << (b % 64) == 0 {
            return Word::default();
        }
        let mut at = (h >> Self::SLOT_SHIFT) as usize;
        loop {
            let slot = self.slots[at % SLOTS];
            let key = slot.key();
            if key == k || key == S::Key::FREE {
                return slot.value();
            }
            at += 1;
        }
    }
}

/// A [`WordMap`] of words frozen for lookups, in a [`WordTable`] of words up to eight
/// bytes (slots `S`) and one of longer words (slots `L`).
pub(crate) struct Words<
    S,
    L,
    const SHORT: usize,
    const SHORT_LINES: usize,
    const LONG: usize,
    const LONG_LINES: usize,
> {
    short: WordTable<S, SHORT, SHORT_LINES>,
    long: WordTable<L, LONG, LONG_LINES>,
    /// Keys [`pack`] cannot take, lower case.
    unpacked: FxMap<String, Word>,
}

impl<
        S: Slot<Key = u64>,
        L: Slot<Key = [u64; 2]>,
        const SS: usize,
        const SL: usize,
        const LS: usize,
        const LL: usize,
    > Words<S, L, SS, SL, LS, LL>
{
    /// The tables of `map`'s words.
    fn new(map: &WordMap<Word>) -> Self {
        let unpacked = map.long.iter().map(|(k, &i)| (k.clone(), map.values[i as usize])).collect();
        Words { short: WordTable::new(map), long: WordTable::new(map), unpacked }
    }

    /// The value of `word`, in any case; the default when it has none.
    fn get(&self, word: &str) -> Word {
        match pack(word.as_bytes()) {
            Some(k) => self.get_packed(k),
            None if self.unpacked.is_empty() => Word::default(),
            None => self.unpacked.get(&word.to_lowercase()).copied().unwrap_or_default(),
        }
    }

    /// The value of a word [`pack`]ed already.
    #[inline]
    fn get_packed(&self, k: [u64; 2]) -> Word {
        if k[1] == 0 {
            self.short.get(k[0], k[0].hash())
        } else {
            self.long.get(k, k.hash())
        }
    }
}

/// The typical gender of a first name, honorific or pronoun.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Gender {
    /// Not known, or either.
    #[default]
    Unknown,
    /// Male.
    Male,
    /// Female.
    Female,
    /// Not a person: "it".
    Neuter,
    /// Plural: "they".
    Plural,
}

/// Bit flags of the classes a word belongs to.
pub(crate) mod class {
    /// "the", "a", "his", "this"...
    pub(crate) const DET: u32 = 1;
    /// "in", "of", "on"...
    pub(crate) const PREP: u32 = 1 << 1;
    /// "and", "but", "because", "while"...
    pub(crate) const CONJ: u32 = 1 << 2;
    /// "has", "was", "would", "did"...
    pub(crate) const AUX: u32 = 1 << 3;
    /// An adverb that may stand between a subject and its verb: "also", "repeatedly".
    pub(crate) const ADV: u32 = 1 << 4;
    /// A personal pronoun that can be a subject: "he", "she", "they", "it", "I", "we".
    pub(crate) const PRON: u32 = 1 << 5;
    /// "who", "which", "that" introducing a relative clause.
    pub(crate) const REL: u32 = 1 << 6;
    /// An honorific or abbreviated title before a name: "Mr.", "Sen.", "Dr.".
    pub(crate) const HONORIFIC: u32 = 1 << 7;
    /// A title or role noun: "President", "spokesperson", "officials".
    pub(crate) const ROLE: u32 = 1 << 8;
    /// A word that ends an organisation name: "Ministry", "Inc.", "Party".
    pub(crate) const ORG: u32 = 1 << 9;
    /// A first name.
    pub(crate) const FIRST_NAME: u32 = 1 << 10;
    /// A particle inside names: "de", "van", "bin", "al".
    pub(crate) const PARTICLE: u32 = 1 << 11;
    /// A time word: "Monday", "September", "yesterday", "week".
    pub(crate) const TIME: u32 = 1 << 12;
    /// A capitalized word that is not a name on its own: "The", "However", "Democrats".
    pub(crate) const NOT_NAME: u32 = 1 << 13;
    /// A noun that can report or believe: "officials", "the report", "experts".
    pub(crate) const NOMINAL: u32 = 1 << 14;
    /// A possessive or object pronoun: "his", "her", "him", "them".
    pub(crate) const POSS: u32 = 1 << 15;
    /// A form of a reporting verb ("said", "believes"): the quotes' cue lexicon has it.
    pub(crate) const CUE: u32 = 1 << 16;
    /// Starts with a capital letter: not a class of the lexicon but of the token, kept
    /// here so that name finding tests one bit per token.
    pub(crate) const CAPITAL: u32 = 1 << 17;
    /// "according", which opens a source ("according to X"): with [`CUE`], the words
    /// where reported speech can start, so its rules visit these tokens only.
    pub(crate) const ACCORDING: u32 = 1 << 18;
    /// Not a class: marks, in the table of common words, the contractions the
    /// tokenizer splits ("cannot" as "can" "not"), so that the probe that classes a
    /// plain word also tells the scan whether to split it. No [`super::Word`] handed
    /// out has it.
    pub(super) const CONTRACTION: u32 = 1 << 19;
    /// Not a class either: marks, in the table of common words, the words a full stop
    /// after them may belong to (abbreviations, initials: the tokenizer's
    /// `stop_takers`), for the same reason. No [`super::Word`] handed out has it.
    pub(super) const STOP_TAKER: u32 = 1 << 20;
    /// The bits above the classes: for a form of a reporting verb, one more than its
    /// index in the cue lexicon's forms (see [`super::Word::cue`]).
    pub(crate) const CUE_INDEX_SHIFT: u32 = 21;
}

/// What the lexicon knows of a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Word {
    /// Bits of [`class`].
    pub flags: u32,
    /// Gender of a pronoun, honorific or first name.
    pub gender: Gender,
}

impl Word {
    /// True when the word has any of the `flags`.
    pub fn is(self, flags: u32) -> bool {
        self.flags & flags != 0
    }

    /// For a form of a reporting verb, its index in the cue lexicon's forms, so that
    /// the quote rules need not look the token up again.
    pub fn cue(self) -> Option<usize> {
        ((self.flags >> class::CUE_INDEX_SHIFT) as usize).checked_sub(1)
    }
}

const DETERMINERS: &str = "the a an this that these those his her its their our my your some many most several \
    few all both each every no any other another such one two three four five six seven eight nine ten \
    dozens hundreds thousands millions more fewer";
const PREPOSITIONS: &str = "in on at to for with by from of about after before during over under into through \
    against among between without within since until as than like via per despite toward towards upon amid \
    across behind beyond near outside inside around along";
const CONJUNCTIONS: &str =
    "and or but nor so yet because although though while if when whether where unless \
    what whereas once then however meanwhile also still instead";
const AUXILIARIES: &str =
    "has have had having is are was were be been being am do does did will would shall \
    should can could may might must 's 've 'd 'll 're n't not never";
const ADVERBS: &str = "now finally also repeatedly previously later recently already often reportedly again still just \
    even frequently publicly privately once first then long initially originally earlier subsequently \
    quickly immediately simply flatly bluntly firmly openly clearly specifically explicitly further \
    always sometimes usually ultimately similarly separately personally apparently allegedly directly \
    famously notably falsely wrongly correctly rightly angrily repeatedly consistently";
const RELATIVES: &str = "who which whom whose";
const PARTICLES: &str = "de da del della di van von der den ter bin ibn al el le la du dos das st";
const TIME_WORDS: &str = "monday tuesday wednesday thursday friday saturday sunday january february march \
    april may june july august september october november december jan feb mar apr jun jul aug sep sept \
    oct nov dec yesterday today tonight tomorrow week weekend month year morning afternoon evening night \
    day last earlier weeks months years days ago";
const NOT_NAMES: &str = "i a an the this that these those there here it its he she they we you his her their \
    our my your what when where why how who which if but and or so yet as at by for from in into of on to \
    with after before while though although because since until unless however meanwhile still also then \
    now today yesterday tomorrow tonight no not yes some many most several all both each every any other \
    another such one two three four five six seven eight nine ten first second third last next new \
    mr mrs ms dr according asked said says told added more less even just only well oh please thank thanks \
    democrats republicans democrat republican democratic american americans gop congress senate house \
    white black latino latinos hispanic hispanics christian christians muslim muslims jewish catholic \
    federal national state states government administration president police officials sources \
    breaking update updated related photo video read watch editor note advertisement";
const NOMINALS: &str = "officials official spokesman spokeswoman spokesperson spokespeople aides aide \
    advisers adviser sources source experts expert analysts analyst critics supporters opponents \
    voters residents people democrats republicans lawmakers legislators leaders leader members member \
    report reports study studies poll polls survey surveys statement statements documents document \
    records data research analysis letter memo filing complaint lawsuit campaign committee group \
    company department agency administration government court judge police prosecutors investigators \
    authorities organization organizers researchers scientists economists historians observers \
    witnesses protesters activists candidates candidate nominee president governor senator \
    senators representatives congressman congresswoman mayor minister ministry spokespersons \
    website site paper newspaper article editorial book authors author writers friends family \
    allies partners poll polling pollster pollsters percent groups others office team members crowd \
    reporter reporters newspapers agencies board americans rivals man woman women men establishment \
    businessman businesswoman foundation audience delegates emails email association network networks \
    public donors video videos conservatives liberals results insiders prosecutor country investigation \
    letters employee employees students parents workers teachers doctors nurses lawyers attorneys \
    attorney tweet tweets post posts speech ruling order decision bill law plan proposal platform \
    ad ads commercial statement release transcript filings memos books articles editorials columns \
    column headline story stories magazine outlet outlets media press pac pacs coalition union unions \
    firm firms bank banks industry military army agency officers officer spokespersons staff \
    staffers surrogates backers advocates groups counsel panel commission council senate house \
    chamber congress caucus network fans followers citizens veterans piece friend staffer town \
    nonprofit non-profit footnote";
/// Subject pronouns with their gender or number; object and possessive forms point to
/// the same person but cannot be subjects.
const PRONOUNS: &[(&str, Gender)] = &[
    ("he", Gender::Male),
    ("she", Gender::Female),
    ("they", Gender::Plural),
    ("it", Gender::Neuter),
    ("we", Gender::Plural),
    ("i", Gender::Unknown),
    ("you", Gender::Unknown),
];
const POSSESSIVES: &[(&str, Gender)] = &[
    ("his", Gender::Male),
    ("him", Gender::Male),
    ("her", Gender::Female),
    ("their", Gender::Plural),
    ("them", Gender::Plural),
    ("its", Gender::Neuter),
];

/// The tables of common words: 1,122 words of up to eight bytes in 8,192 slots, 338
/// longer ones in 2,048.
type Common = Words<(u64, Word), ([u64; 2], Word), 8192, 512, 2048, 128>;

/// The tables of first names: 4,896 names of up to eight bytes in 16,384 slots of eight
/// bytes (128 KB) behind a filter of 8 KB, 267 longer ones in 1,024 slots of 16 bytes.
/// They were four times the size, slots of sixteen and 24 bytes with a filter of four
/// bits a slot: with the gazetteer's tables they overflowed a core's 512 KB cache.
type Names = Words<Named<u64>, Named<[u64; 2]>, 16384, 1024, 1024, 128>;

fn table() -> &'static Common {
    static TABLE: OnceLock<Common> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words: Common = Words::new(&build());
        // Contractions are letters only and at most eight bytes (a test checks).
        for k in crate::tokenize::contractions().filter_map(|w| pack(w.as_bytes())) {
            words.short.update(k[0], |w| Word { flags: w.flags | class::CONTRACTION, ..w });
        }
        for k in crate::tokenize::stop_takers().filter_map(|w| pack(w.as_bytes())) {
            words.short.update(k[0], |w| Word { flags: w.flags | class::STOP_TAKER, ..w });
        }
        words
    })
}

fn build() -> WordMap<Word> {
    let mut map: WordMap<Word> = WordMap::sparse();
    let mut add = |w: &str, flags: u32, gender: Option<Gender>| {
        let e = map.get_or_insert_with(w, Word::default);
        e.flags |= flags;
        if let Some(g) = gender {
            if e.gender == Gender::Unknown {
                e.gender = g;
            }
        }
    };
    for (list, flags) in [
        (DETERMINERS, class::DET),
        (PREPOSITIONS, class::PREP),
        (CONJUNCTIONS, class::CONJ),
        (AUXILIARIES, class::AUX),
        (ADVERBS, class::ADV),
        (RELATIVES, class::REL),
        (PARTICLES, class::PARTICLE),
        (TIME_WORDS, class::TIME),
        (NOT_NAMES, class::NOT_NAME),
        (NOMINALS, class::NOMINAL),
    ] {
        for w in list.split_whitespace() {
            add(w, flags, None);
        }
    }
    for form in crate::quotes::cues::forms() {
        add(form, class::CUE, None);
    }
    add("according", class::ACCORDING, None);
    for &(w, g) in PRONOUNS {
        add(w, class::PRON, Some(g));
    }
    for &(w, g) in POSSESSIVES {
        add(w, class::POSS, Some(g));
    }
    for line in include_str!("../../data/names/titles.tsv").lines().filter(|l| !l.starts_with('#'))
    {
        let mut cols = line.split('\t');
        let (Some(w), Some(kind)) = (cols.next(), cols.next()) else { continue };
        let (flags, gender) = match kind {
            "hm" => (class::HONORIFIC, Some(Gender::Male)),
            "hf" => (class::HONORIFIC, Some(Gender::Female)),
            "h" => (class::HONORIFIC, None),
            "role" => (class::ROLE, None),
            _ => (class::ORG, None),
        };
        add(w, flags, gender);
    }
    // Cue forms also keep their index in the cue lexicon, set last so that the order
    // of the table (and how far its common words sit from home) stays as it was.
    let limit = 1 << (32 - class::CUE_INDEX_SHIFT);
    // A test keeps the cue lexicon far below the limit of the index.
    for (i, form) in crate::quotes::cues::forms().enumerate().take_while(|&(i, _)| i + 1 < limit) {
        map.get_or_insert_with(form, Word::default).flags |=
            ((i + 1) as u32) << class::CUE_INDEX_SHIFT;
    }
    map
}

/// First names and their gender, apart from the other words: they are many, and only
/// capitalized tokens need them, so the table of common words stays small and cached.
/// A name's value is a word of class [`class::FIRST_NAME`] and its typical gender.
fn first_names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| Words::new(&build_first_names()))
}

fn build_first_names() -> WordMap<Word> {
    let mut map = WordMap::sparse();
    let data = include_str!("../../data/names/first_names.tsv");
    // Function words the name lists have ("In", "So", "An", "My"): never a first name
    // in news, where one opening a sentence before a place read as a person.
    let function = class::DET | class::PREP | class::CONJ | class::PRON | class::REL | class::POSS;
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(w), Some(g)) = (cols.next(), cols.next()) else { continue };
        if table().get(w).is(function) {
            continue;
        }
        let gender = match g {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        };
        map.get_or_insert_with(w, || Word { flags: class::FIRST_NAME, gender });
    }
    map
}

/// What the lexicon knows of `token` (any case; a final "." is ignored, typographic
/// apostrophes count as straight ones).
pub(crate) fn word(token: &str) -> Word {
    unmarked(marked_word(token))
}

/// [`word`], with [`class::CONTRACTION`] and [`class::STOP_TAKER`] if it has them.
fn marked_word(token: &str) -> Word {
    let token = token.strip_suffix('.').unwrap_or(token);
    // Most tokens with a typographic apostrophe are short clitics ("’s", "n’t"), read
    // as straight ones, rewritten on the stack. No word of the tables has one and no
    // first name has any apostrophe (a test checks), so that the tables know such a
    // token only as its straight form, and no first name by either form.
    let mut buf = [0u8; 16];
    match straight_apostrophes(token, &mut buf).and_then(pack) {
        Some(k) => {
            let capital = token.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
            packed_word(table(), first_names(), k, capital)
        }
        None => word_unpacked(token),
    }
}

/// The [`word`] of each token, told by the tokenizer as it pushes them, so that the
/// plain words it has just scanned (ASCII letters and digits) are classed from the
/// bytes at hand: lower-cased by one OR and without a second pass over the tokens.
pub(crate) struct Classes {
    /// One per token so far; tokens other than words have no class.
    pub words: Vec<Word>,
    table: &'static Common,
    names: &'static Names,
}

impl Classes {
    /// Room for `tokens` words.
    pub fn with_capacity(tokens: usize) -> Self {
        Classes { words: Vec::with_capacity(tokens), table: table(), names: first_names() }
    }
}

impl TokenSink for Classes {
    #[inline(always)]
    fn plain_word(&mut self, bytes: &[u8], start: usize, end: usize, leave: Leave) -> bool {
        // Bytes past the word shift out at the top.
        let keep = |x: u64, bytes: usize| x << (64 - 8 * bytes) >> (64 - 8 * bytes);
        let n = end.wrapping_sub(start);
        let key = match bytes.get(start..).and_then(<[u8]>::first_chunk::<16>) {
            Some(window) => {
                let half = |at: usize| {
                    u64::from_le_bytes(window[at..at + 8].try_into().unwrap_or_default())
                };
                let lo = half(0) | FOLD;
                match n {
                    1..=8 => Some([keep(lo, n), 0]),
                    9..=16 => Some([lo, keep(half(8) | FOLD, n - 8)]),
                    _ => None,
                }
            }
            None => None,
        };
        let mut word = match key {
            Some(k) => packed_word(self.table, self.names, k, bytes[start].is_ascii_uppercase()),
            None => marked_word(std::str::from_utf8(&bytes[start..end]).unwrap_or_default()),
        };
        if word.is(class::CONTRACTION | class::STOP_TAKER) {
            if leave.contractions && word.is(class::CONTRACTION)
                || leave.stop_takers && word.is(class::STOP_TAKER)
            {
                return false;
            }
            word = unmarked(word);
        }
        self.words.push(word);
        true
    }

    #[inline]
    fn token(&mut self, text: &str, start: usize, end: usize, kind: TokenKind) {
        let word = if kind != TokenKind::Word {
            Word::default()
        } else {
            // Almost every token is a short ASCII word, packed once for both tables.
            match pack_token(text.as_bytes(), start, end) {
                Some((k, first)) => {
                    unmarked(packed_word(self.table, self.names, k, first.is_ascii_uppercase()))
                }
                None => word(text.get(start..end).unwrap_or_default()),
            }
        };
        self.words.push(word);
    }
}

/// `word` without [`class::CONTRACTION`] and [`class::STOP_TAKER`].
#[inline]
fn unmarked(word: Word) -> Word {
    Word { flags: word.flags & !(class::CONTRACTION | class::STOP_TAKER), ..word }
}

/// [`marked_word`] of an ASCII word, `k` being its [`pack`]ed bytes, from the tables of
/// its length.
#[inline]
fn packed_word(table: &Common, names: &Names, k: [u64; 2], capital: bool) -> Word {
    if k[1] == 0 {
        classed(&table.short, &names.short, k[0], capital)
    } else {
        classed(&table.long, &names.long, k, capital)
    }
}

/// [`word`] of key `k` from a table of common words and one of first names: one hash
/// for both.
#[inline(always)]
fn classed<
    K: Key,
    S: Slot<Key = K>,
    N: Slot<Key = K>,
    const A: usize,
    const B: usize,
    const C: usize,
    const D: usize,
>(
    table: &WordTable<S, A, B>,
    names: &WordTable<N, C, D>,
    k: K,
    capital: bool,
) -> Word {
    let h = k.hash();
    let mut word = table.get(k, h);
    if capital {
        word.flags |= class::CAPITAL;
        add_first_name(&mut word, names.get(k, h));
    }
    word
}

/// [`word`] for a token that [`pack`] cannot take: long, or not ASCII (typographic
/// apostrophes count as straight ones). Every word of the table has a class, so one
/// of no class is not there.
#[inline(never)]
fn word_unpacked(token: &str) -> Word {
    let mut word = table().get(token);
    if word.flags == 0 && token.contains('’') {
        word = table().get(&token.replace('’', "'"));
    }
    let capital = match token.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        _ => token.starts_with(char::is_uppercase),
    };
    if capital {
        word.flags |= class::CAPITAL;
        add_first_name(&mut word, first_names().get(token));
    }
    word
}

/// `token` with its typographic apostrophes made straight, in `buf`; `None` when it
/// does not fit.
fn straight_apostrophes<'b>(token: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    // Byte by byte: a splitting iterator costs more than these short tokens.
    const CURLY: &[u8] = "’".as_bytes();
    let bytes = token.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() {
        let curly = bytes[i..].starts_with(CURLY);
        *buf.get_mut(n)? = if curly { b'\'' } else { bytes[i] };
        n += 1;
        i += if curly { CURLY.len() } else { 1 };
    }
    Some(&buf[..n])
}

/// Adds the classes of `name`, a [`first_names`] value (the default when the word is
/// no first name), to `word`, and its gender unless `word` has one already.
#[inline]
fn add_first_name(word: &mut Word, name: Word) {
    word.flags |= name.flags;
    if word.gender == Gender::Unknown {
        word.gender = name.gender;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{segment_with, TokenizerOptions};

    #[test]
    fn packing_lower_cases_every_length() {
        let naive = |w: &str| {
            let mut bytes = [0u8; 16];
            bytes[..w.len()].copy_from_slice(w.to_ascii_lowercase().as_bytes());
            let (lo, hi) = bytes.split_at(8);
            let half = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
            [half(lo), half(hi)]
        };
        let all = "AZaz@[`{09 Mr.O'Neill-BaptisteX";
        for start in 0..all.len() {
            for end in start..=all.len().min(start + 16) {
                let w = &all[start..end];
                assert_eq!(pack(w.as_bytes()), Some(naive(w)), "{w:?}");
            }
        }
        assert_eq!(pack(b"abcdefghijklmnopq"), None);
        assert_eq!(pack("José".as_bytes()), None);
    }

    #[test]
    fn hashing_reads_the_last_bytes_as_one_integer() {
        let text = b"Sergei Lavrov, O'Neill-Baptiste";
        for n in 0..=text.len() {
            let (mut fast, mut slow) = (FxHasher::default(), FxHasher::default());
            fast.write(&text[..n]);
            let chunks = text[..n].chunks(8);
            chunks.for_each(|c| slow.add(c.iter().rev().fold(0, |a, &b| a << 8 | u64::from(b))));
            assert_eq!(fast.finish(), slow.finish(), "{n}");
        }
    }

    #[test]
    fn packing_in_place_packs_the_word_alone() {
        let text = "Mr. O'Neill-Baptiste, MARIA said: über-long-words-of-seventeen U.S. x.";
        let bytes = text.as_bytes();
        for start in 0..=bytes.len() {
            for end in start..=bytes.len().min(start + 20) {
                let word = &bytes[start..end];
                let word = word.strip_suffix(b".").unwrap_or(word);
                let fits = start + 16 <= bytes.len() && !word.is_empty() && end - start <= 16;
                let want = pack(word).filter(|_| fits).map(|k| (k, bytes[start]));
                assert_eq!(pack_token(bytes, start, end), want, "{start} {end}");
            }
        }
    }

    #[test]
    fn a_growing_map_finds_every_key_and_no_other() {
        let mut map = WordMap::sparse();
        for i in 0..2000 {
            *map.get_or_insert_with(&format!("w{i}"), || 0) += i;
        }
        for i in 0..2000 {
            assert_eq!(map.get(&format!("W{i}")), Some(&i));
            assert_eq!(map.get(&format!("x{i}")), None);
        }
    }

    #[test]
    fn tables_stay_at_most_a_third_full() {
        // A probe for a word not in a table ends at a free slot: there must be one.
        fn check<S, L, const SS: usize, const SL: usize, const LS: usize, const LL: usize>(
            map: &WordMap<Word>,
            words: &Words<S, L, SS, SL, LS, LL>,
        ) {
            let keys: Vec<[u64; 2]> = map.keys().filter_map(|k| pack(k.as_bytes())).collect();
            let short = keys.iter().filter(|k| k[1] == 0).count();
            assert!(short * 3 <= words.short.slots.len());
            assert!((keys.len() - short) * 3 <= words.long.slots.len());
        }
        check(&build(), table());
        check(&build_first_names(), first_names());
    }

    #[test]
    fn first_names_keep_their_gender_in_their_keys() {
        let map = build_first_names();
        let genders = |g| map.values.iter().filter(|w| w.gender == g).count();
        assert!(genders(Gender::Male) > 1000 && genders(Gender::Female) > 1000);
        assert!(genders(Gender::Unknown) > 0);
        for (name, &want) in map.keys().zip(&map.values) {
            assert_eq!(first_names().get(name), want, "{name}");
            assert_eq!(first_names().get(&name.to_uppercase()), want, "{name}");
            // The gender bits are no part of the key: a word one bit from the name in
            // bit 7 of its first byte is not the name.
            if let Some(k) = pack(name.as_bytes()) {
                let mut flipped = k;
                flipped[0] ^= 0x80;
                assert_eq!(first_names().get_packed(flipped), Word::default(), "{name}");
            }
        }
    }

    #[test]
    fn no_word_packs_as_a_free_slot() {
        for map in [build(), build_first_names()] {
            assert!(map.keys().all(|k| pack(k.as_bytes()).is_none_or(|k| k != [0; 2])));
            assert!(map.values.iter().all(|w| w.flags != 0), "a word of no class");
        }
    }

    #[test]
    fn words_classed_during_the_scan_are_classed_as_alone() {
        let text = "Mr. Lavrov, MARIA and José said: \"we don't\" at 7-Eleven's U.S. office \
            in Washington on Thursday.\n\nAn extraordinarily long-winded spokeswoman’s Ministry \
            President Hillary Clinton 1990s 42 x";
        for split in [true, false] {
            let options = TokenizerOptions { split_clitics: split };
            let mut classes = Classes::with_capacity(0);
            let seg = segment_with(text, &options, &mut classes);
            assert_eq!(classes.words.len(), seg.tokens.len());
            for (t, &got) in seg.tokens.iter().zip(&classes.words) {
                let want = if t.kind == TokenKind::Word {
                    word(t.span.as_str(text))
                } else {
                    Word::default()
                };
                assert_eq!(got, want, "{:?}", t.span.as_str(text));
            }
        }
    }

    /// The scan with word classes gives the tokens, sentences and paragraphs of the
    /// scan without them, and each word the class of its token alone.
    fn scans_as_without_classes(text: &str) {
        for split in [true, false] {
            let options = TokenizerOptions { split_clitics: split };
            let mut classes = Classes::with_capacity(0);
            let seg = segment_with(text, &options, &mut classes);
            assert_eq!(seg, crate::tokenize::segment(text, &options));
            let alone = |t: &crate::document::Token| match t.kind {
                TokenKind::Word => word(t.span.as_str(text)),
                _ => Word::default(),
            };
            let want: Vec<Word> = seg.tokens.iter().map(alone).collect();
            assert_eq!(classes.words, want, "{text}");
        }
    }

    #[test]
    fn contractions_split_as_without_classes_and_keep_no_mark() {
        // Each is a word of up to eight bytes, so that its mark sits in the short table.
        for w in crate::tokenize::contractions() {
            assert!(pack(w.as_bytes()).is_some_and(|k| k[1] == 0), "{w}");
            assert!(!word(w).is(class::CONTRACTION), "{w}");
            assert!(!word(&w.to_uppercase()).is(class::CONTRACTION), "{w}");
        }
        scans_as_without_classes(
            "I cannot, Cannot or CANNOT go. Dont im Ive wanna x. thats whats can not. cannot",
        );
    }

    #[test]
    fn words_before_a_full_stop_end_as_without_classes() {
        for w in crate::tokenize::stop_takers() {
            assert!(pack(w.as_bytes()).is_some_and(|k| k[1] == 0), "{w}");
            assert!(!word(w).is(class::STOP_TAKER), "{w}");
        }
        scans_as_without_classes(
            "Mr. Smith met J. Doe of Acme Inc. The U.S. Army went. Gen. Lee said no. \
            No. 5 left at 5 p.m. on Feb. 3. He said: \"Go.\" Then www. rose. A. B went. \
            Cannot. It was 2016. Mrs.\nMs. X etc. (No.) a. b. I. feb. FEB. Feb.",
        );
    }

    #[test]
    fn no_word_has_a_typographic_apostrophe_and_no_first_name_any() {
        // So that a token with one is found as its straight form alone (see `word`).
        assert!(build().keys().all(|k| !k.contains('’')));
        assert!(build_first_names().keys().all(|k| !k.contains(['’', '\''])));
    }

    #[test]
    fn typographic_apostrophes_read_as_straight_ones() {
        for token in ["’s", "n’t", "’re", "O’Neill", "don’t’s’x’y’z’w’v", "rock’n’roll’s’’’’’"]
        {
            let straight = token.replace('’', "'");
            assert_eq!(
                word(token).flags & !class::CAPITAL,
                word(&straight).flags & !class::CAPITAL,
                "{token}"
            );
            let mut buf = [0u8; 16];
            let fits = straight_apostrophes(token, &mut buf);
            assert!(fits.is_none() || fits == Some(straight.as_bytes()), "{token}");
        }
        assert!(word("’s").is(class::AUX));
    }

    #[test]
    fn classes_and_genders() {
        let rows: &[(&str, u32, Gender)] = &[
            ("The", class::DET, Gender::Unknown),
            ("Mr.", class::HONORIFIC, Gender::Male),
            ("Ms", class::HONORIFIC, Gender::Female),
            ("spokesperson", class::ROLE, Gender::Unknown),
            ("Ministry", class::ORG, Gender::Unknown),
            ("she", class::PRON, Gender::Female),
            ("they", class::PRON, Gender::Plural),
            ("Maria", class::FIRST_NAME, Gender::Female),
            ("James", class::FIRST_NAME, Gender::Male),
            ("van", class::PARTICLE, Gender::Unknown),
            ("Thursday", class::TIME, Gender::Unknown),
            ("n’t", class::AUX, Gender::Unknown),
        ];
        for &(w, flags, gender) in rows {
            let got = word(w);
            assert!(got.is(flags), "{w}: {got:?}");
            assert_eq!(got.gender, gender, "{w}");
        }
        assert_eq!(word("Zakharova"), Word { flags: class::CAPITAL, ..Word::default() });
        let hillary = word("Hillary");
        assert!(hillary.is(class::FIRST_NAME));
        assert_eq!(hillary.gender, Gender::Female);
        assert!(!word("Lavrov").is(class::FIRST_NAME));
    }
}
