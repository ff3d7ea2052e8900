//! A bit set of the first words of all patterns, consulted before walking the trie.
//!
//! In news text most word starts begin no name: with 5,000 names nearly every
//! word still shares a first letter or two with one, so the trie walk runs a few
//! steps and fails. Hashing the whole first word and testing one bit rules most of
//! those walks out for a few nanoseconds; a set bit only means "maybe" (hash
//! collisions), so the trie still decides.
//!
//! The "first word" is the run of ASCII letters and digits at the start (possibly
//! empty). That is exact as a filter: a name matching at a position has the same
//! bytes as the text there, so its run ends where the text's does, unless the name
//! ends inside the run, which is no token boundary and so no match.

use crate::normalize::ascii8;

/// Bits per distinct first word (about a 6% false-positive rate).
const BITS_PER_WORD: usize = 16;

/// The bit set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FirstWords {
    /// A power-of-two number of bits.
    pub bits: Vec<u64>,
}

impl FirstWords {
    /// The set of the first words of `keys` (normalized patterns).
    pub(crate) fn build(keys: &[&[u8]]) -> FirstWords {
        let words = keys.len().max(1);
        let bits = (words * BITS_PER_WORD).next_power_of_two().max(64);
        let mut set = FirstWords { bits: vec![0; bits / 64] };
        for key in keys {
            let h = set.slot(key, 0);
            set.bits[h / 64] |= 1 << (h % 64);
        }
        set
    }

    /// False when no pattern can start at byte `i` of `text`.
    #[inline]
    pub(crate) fn may_start(&self, text: &[u8], i: usize) -> bool {
        let h = self.slot(text, i);
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }

    /// The bit of the first word at `i`: its bytes hashed eight at a time.
    #[inline]
    fn slot(&self, text: &[u8], mut i: usize) -> usize {
        let mut h: u64 = 0x243f_6a88_85a3_08d3;
        loop {
            let (chunk, n) = run_chunk(text, i);
            h = (h ^ chunk ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(23);
            i += n;
            if n < 8 {
                break;
            }
        }
        ((h ^ (h >> 29)) as usize) & (self.bits.len() * 64 - 1)
    }

    /// Checks the size read from a file.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.bits.is_empty() || !self.bits.len().is_power_of_two() {
            return Err("first-word set size is not a power of two".into());
        }
        Ok(())
    }
}

/// The next up to eight bytes of the run of ASCII letters and digits at `i` (as a
/// little-endian word, zero-padded) and how many there are.
#[inline]
fn run_chunk(text: &[u8], i: usize) -> (u64, usize) {
    if let Some(bytes) = text.get(i..i + 8) {
        let x = u64::from_le_bytes(bytes.try_into().unwrap_or_default());
        let ascii = x & !ascii8::HIGH;
        let alnum = (ascii8::within(ascii, b'0', b'9')
            | ascii8::within(ascii, b'a', b'z')
            | ascii8::within(ascii, b'A', b'Z'))
            & !(x & ascii8::HIGH);
        let n = (!alnum & ascii8::HIGH).trailing_zeros() as usize / 8;
        let kept = if n == 8 { x } else { x & ((1u64 << (8 * n)) - 1) };
        return (kept, n);
    }
    let mut x = 0u64;
    let mut n = 0;
    while n < 8 && text.get(i + n).is_some_and(u8::is_ascii_alphanumeric) {
        x |= u64::from(text[i + n]) << (8 * n);
        n += 1;
    }
    (x, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_are_members() {
        let keys: Vec<&[u8]> = vec![b"new york", b"zakharov\xc3\xa1", b"u.s.", b"-x"];
        let set = FirstWords::build(&keys);
        for (text, at) in [("in new jersey", 3), ("new", 0), ("zakharová's", 0), ("u.s.", 0)] {
            assert!(set.may_start(text.as_bytes(), at), "{text}");
        }
        let long: &[u8] = b"constantinople and";
        let set2 = FirstWords::build(&[b"constantinople"]);
        assert!(set2.may_start(long, 0));
        assert!(set2.may_start(b"constantinople", 0));
        let misses = ["said", "the", "government", "of", "york", "zakharovx"]
            .iter()
            .filter(|w| !set.may_start(w.as_bytes(), 0))
            .count();
        assert!(misses >= 5, "{misses}");
    }
}
