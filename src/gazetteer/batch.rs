//! Token starts ruled out in batches, before the scan tests them one by one.
//!
//! Most token starts begin no name, and the first bit of the first-word set (see
//! `first_words.rs`) says so: at 5,000 names, four in five of the PolNeAR train
//! texts' 665,000 word starts. Tested one by one, each took the scan about 40
//! instructions (the word's end, its hash, its bit, a branch that often went the
//! other way), and each ASCII punctuation mark one more table look-up.
//!
//! With AVX-512, a pass over the text ahead of the scan marks those starts in a
//! bit per byte: the word starts of each 64-byte block are hashed eight at a time
//! (their bytes picked from the block and the next by one permute, and mixed by
//! `first_words::mix`, one multiply and a fold), their bits
//! gathered at once, and the block's punctuation looked up in one shuffle. The scan
//! then drops the marked starts with one mask. The hash is the scan's, so the
//! starts it drops are exactly those it would have ruled out. Matching with 5,000
//! names ran 1.2 times as fast, and with 100,000 names 1.06 times.
//!
//! Of the starts that pass their first bit, about half fail the scan's next test:
//! the bit of their first two words (their pair), and the one-word bits. A start
//! whose second word follows one ASCII separator is the next start, hashed in the
//! next lane (or is empty, as after "said." or "york,", of a constant hash): such
//! starts are kept (in registers) until there are eight, and their pair hashes
//! computed and their bits gathered at once; those ruled out are marked too. In
//! alternating runs, matching with 5,000 names went from about 600 to 630 MB/s,
//! and with 100,000 names from about 300 to 345. Three things made it pay where
//! testing each batch's few passing starts had not: the gathers for eight starts
//! at once (a block has about two), the count of kept starts (on which the next
//! batch waits) taken from the batch before last, whose first bits are in by then,
//! and the marks set without branching on the late bits.
//!
//! The bytes that start no token (spaces, the rest of each word) are marked too, so
//! that the scan skips, without classifying its bytes, a block where the pass left
//! no start: over the PolNeAR train texts 45% of the blocks at 5,000 names (matching
//! 1.04-1.05 times as fast), 13% at 100,000 (1.02-1.03 times), 2% at a million.
//!
//! At a million names nearly every start passes its first bit (most words begin
//! some name), and the set (4 MB) misses the cache, but the pair tests still rule
//! out enough: 181-190 MB/s without the pass, 200-203 with it. Such a large set has
//! a filter of its first words alone (see `FirstWords::filter`, 512 KB there), whose
//! bits the pass gathers instead: the set's lines are then fetched only for the
//! starts that pass, by the pair tests and the scan. Matching ran 1.03-1.05 times as
//! fast, in ten alternating pairs of runs. The instructions it needs
//! (AVX-512 F, BW, DQ, VBMI, VBMI2, VPOPCNTDQ, BITALG, BMI2 and POPCNT) are on AMD
//! processors from Zen 4 on and Intel's from Ice Lake on; elsewhere the scan tests
//! starts one by one.

use super::first_words::FirstWords;
use crate::blocks::BLOCK;

/// Proof that the processor has the instructions [`Batch::misses`] uses.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Batch(());

impl Batch {
    /// A `Batch` when the processor has the instructions it needs.
    pub(crate) fn detect() -> Option<Batch> {
        #[cfg(target_arch = "x86_64")]
        {
            let has = is_x86_feature_detected!("avx512f")
                && is_x86_feature_detected!("avx512bw")
                && is_x86_feature_detected!("avx512dq")
                && is_x86_feature_detected!("avx512vbmi")
                && is_x86_feature_detected!("avx512vbmi2")
                && is_x86_feature_detected!("avx512vpopcntdq")
                && is_x86_feature_detected!("avx512bitalg")
                && is_x86_feature_detected!("bmi2")
                && is_x86_feature_detected!("popcnt");
            if has {
                return Some(Batch(()));
            }
        }
        None
    }

    /// The places of `t` known to start no pattern of `set`, as bits (bit `k % 64`
    /// of item `k / 64` for byte `k`): word starts (a letter or digit after
    /// neither) whose first word's first bit (or bit of the set's filter) is not
    /// set, every ASCII byte that
    /// is neither a letter, a digit nor a space and not in `ascii_starts` (the
    /// bytes patterns start with, as bits), and the ASCII bytes that start no
    /// token (spaces, and letters and digits after one). Other places, and words
    /// of sixteen letters or more, are left to the scan.
    pub(crate) fn misses(
        self,
        set: &FirstWords,
        small: bool,
        ascii_starts: [u64; 2],
        t: &[u8],
    ) -> Vec<u64> {
        let mut misses = vec![0; t.len().div_ceil(BLOCK) + 1];
        // A set of no lines has no bit to look up (and the scan then tests no start).
        if set.lines.is_empty() {
            return misses;
        }
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: `self` was made by `detect`, which found the instructions
            // `misses_avx512` needs, and the set has lines.
            unsafe { x86::misses_avx512(t, set, small, ascii_starts, &mut misses) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (set, small, ascii_starts, t);
        misses
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    use super::super::first_words::{hash_word, FirstWords, MIX, PAIR};
    use crate::blocks::{classes_avx512, BLOCK};
    use crate::normalize::ascii8::FOLD;

    /// See [`super::Batch::misses`]: sets the bits of `misses`, which has an item
    /// per block of `t` (and more).
    ///
    /// # Safety
    /// The processor has the target features enabled here, and `set` has a line
    /// at least (every index gathered is then inside it).
    #[target_feature(
        enable = "avx512f,avx512bw,avx512dq,avx512vbmi,avx512vbmi2,avx512vpopcntdq,avx512bitalg,bmi2,popcnt"
    )]
    pub(super) unsafe fn misses_avx512(
        t: &[u8],
        set: &FirstWords,
        small: bool,
        ascii_starts: [u64; 2],
        misses: &mut [u64],
    ) {
        let iota = _mm512_set_epi8(
            63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42,
            41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20,
            19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
        );
        let mut prev_word = 0;
        // The places of a block's starts, in order; eight more for the last batch.
        let mut places = [0u8; BLOCK + 8];
        let mut padded = [b' '; 2 * BLOCK];
        let mut pending = Pending::new(set, small, t.len());
        // The last two batches hashed (a batch's last start's next word is the next
        // batch's first), kept for their pairs until their bits are gathered: the
        // kept starts, whose number the next batch waits for, do not wait on them.
        let (mut two_before, mut before) = (Lanes::NONE, Lanes::NONE);
        for b in 0..t.len().div_ceil(BLOCK) {
            // This block and the next, padded with spaces past the end of `t`.
            let at = b * BLOCK;
            let two = match t.get(at..at + 2 * BLOCK) {
                Some(two) => two,
                None => {
                    padded[..t.len() - at].copy_from_slice(&t[at..]);
                    padded[t.len() - at..].fill(b' ');
                    &padded
                }
            };
            let (this, next) = two.split_at(BLOCK);
            let (this, next): (&[u8; BLOCK], &[u8; BLOCK]) =
                (this.try_into().unwrap_or(&[0; BLOCK]), next.try_into().unwrap_or(&[0; BLOCK]));
            let here = classes_avx512(this);
            let stops = [!here.letters, !classes_avx512(next).letters];
            let (low, high) = (
                _mm512_loadu_si512(this.as_ptr().cast()),
                _mm512_loadu_si512(next.as_ptr().cast()),
            );
            let starts = here.words & !(here.words << 1 | prev_word);
            prev_word = here.words >> 63;
            _mm512_storeu_si512(
                places.as_mut_ptr().cast(),
                _mm512_maskz_compress_epi8(starts, iota),
            );
            let count = starts.count_ones() as usize;
            let mut lanes_missed = 0u64;
            let block_at = _mm512_set1_epi64(at as i64);
            for first in (0..count).step_by(8) {
                let kept = ((1u16 << (count - first).min(8)) - 1) as u8;
                let place = _mm512_cvtepu8_epi64(_mm_loadl_epi64(places[first..].as_ptr().cast()));
                let lanes = Lanes::new(set.seed, [low, high], place, block_at, stops, kept, set);
                lanes_missed |= u64::from(lanes.missed) << first;
                pending.push(two_before, before, misses);
                (two_before, before) = (before, lanes);
            }
            // Lane `n` of the starts in order is the `n`th set bit of `starts`.
            let punct = !here.words & !here.spaces & !here.high;
            // Bytes that start no token are marked too, so that a block of marks
            // only has no start to test.
            let none = !(starts | punct | here.high);
            misses[b] |=
                _pdep_u64(lanes_missed, starts) | punct & !in_set(low, ascii_starts) | none;
        }
        pending.push(two_before, before, misses);
        pending.push(before, Lanes::NONE, misses);
        pending.flush(misses);
    }

    /// The bytes of a block (ASCII ones) that are in `set`, 128 bits.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512bitalg")]
    unsafe fn in_set(x: __m512i, set: [u64; 2]) -> u64 {
        // Each byte picks the bit of its low six bits from the half its bit 6 picks.
        let low = _mm512_bitshuffle_epi64_mask(_mm512_set1_epi64(set[0] as i64), x);
        let high = _mm512_bitshuffle_epi64_mask(_mm512_set1_epi64(set[1] as i64), x);
        let upper = _mm512_test_epi8_mask(x, _mm512_set1_epi8(0x40));
        low & !upper | high & upper
    }

    /// Eight starts of a block (fewer in its last batch), hashed.
    #[derive(Clone, Copy)]
    struct Lanes {
        /// The first words' hashes.
        h: __m512i,
        /// The starts' places in the text, and their words' ends.
        at: __m512i,
        end: __m512i,
        /// The byte at each word's end.
        separator: __m512i,
        /// The lanes whose word is followed by a byte and another that is not a
        /// letter, read by the scan's step as a separator and an empty second word
        /// (unless past the text's end): not a space, or a space then printable
        /// ASCII.
        empty: u8,
        /// The lanes hashed (see [`hash`]) whose first bit is set.
        passed: u8,
        /// The lanes hashed.
        hashed: u8,
        /// The lanes whose first bit is not set.
        missed: u8,
    }

    /// Eight bytes of 8: byte shuffle indices that pick the byte 8 of a 16.
    const EIGHTS: i64 = 0x0808_0808_0808_0808;

    /// A vector of zeros, as a constant.
    const ZERO: __m512i = unsafe { std::mem::transmute::<[u64; 8], __m512i>([0; 8]) };

    impl Lanes {
        /// No starts (before a block's first, after its last).
        const NONE: Lanes = Lanes {
            h: ZERO,
            at: ZERO,
            end: ZERO,
            separator: ZERO,
            empty: 0,
            passed: 0,
            hashed: 0,
            missed: 0,
        };

        /// The starts at `place` of lanes `kept` of a block (at `block_at` in the
        /// text) and the next, `two`, whose bytes that are not letters are `stops`
        /// (see [`hash`]), with their first bits in `set`.
        #[inline]
        #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vbmi,avx512vpopcntdq")]
        unsafe fn new(
            seed: u64,
            two: [__m512i; 2],
            place: __m512i,
            block_at: __m512i,
            stops: [u64; 2],
            kept: u8,
            set: &FirstWords,
        ) -> Lanes {
            let (h, hashed, run) = hash(seed, two[0], two[1], place, stops);
            let hashed = hashed & kept;
            let first = match set.filter.is_empty() {
                true => {
                    let lines = set.lines.as_flattened();
                    let line = line_of(h, (lines.len() / 8).wrapping_sub(1));
                    has(gather(line, h, hashed, lines), h)
                }
                // The hash's top bits, less than 64 times the filter's length: every
                // index gathered is inside it.
                false => {
                    let bit = _mm512_srlv_epi64(h, _mm512_set1_epi64(set.filter_shift().into()));
                    let index = _mm512_srli_epi64::<6>(bit);
                    let filter = set.filter.as_ptr().cast();
                    let words = _mm512_mask_i64gather_epi64::<8>(ZERO, hashed, index, filter);
                    has(words, bit)
                }
            };
            let end = _mm512_add_epi64(place, run);
            // The bytes at each word's end and after (their indices in bytes 0 and
            // 1 of the lane, the second of them inside the two blocks).
            let one = _mm512_set1_epi64(1);
            let index = _mm512_or_si512(end, _mm512_slli_epi64::<8>(_mm512_add_epi64(end, one)));
            let around = _mm512_permutex2var_epi8(two[0], index, two[1]);
            let byte = _mm512_set1_epi64(0xff);
            let separator = _mm512_and_si512(around, byte);
            let after = _mm512_and_si512(_mm512_srli_epi64::<8>(around), byte);
            let within = |x: __m512i, from: i64, count: i64| {
                _mm512_cmplt_epu64_mask(
                    _mm512_sub_epi64(x, _mm512_set1_epi64(from)),
                    _mm512_set1_epi64(count),
                )
            };
            let letter = within(_mm512_or_si512(after, _mm512_set1_epi64(0x20)), 0x61, 26);
            let space = _mm512_cmpeq_epi64_mask(separator, _mm512_set1_epi64(0x20));
            let inside = _mm512_cmplt_epu64_mask(end, _mm512_set1_epi64(127));
            let empty = inside & !letter & (!space | within(after, 0x21, 0x5f));
            Lanes {
                h,
                at: _mm512_add_epi64(block_at, place),
                end: _mm512_add_epi64(block_at, end),
                separator,
                empty,
                passed: first & hashed,
                hashed,
                missed: !first & hashed,
            }
        }

        /// The lanes that pass their first bit and whose next word follows one
        /// ASCII separator and is the first word of the next start (the next lane,
        /// or lane 0 of `next`) or empty (of hash `empty`, in a text of `len`
        /// bytes): those the scan tests by their pair bit (see
        /// `FirstWords::may_start`); and the second word's hash xored with the
        /// separator, which [`Pending::test`] mixes with the pair seed.
        #[inline]
        #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vbmi")]
        unsafe fn pairs(&self, next: &Lanes, len: __m512i, empty: __m512i) -> (u8, __m512i) {
            let second = _mm512_alignr_epi64::<1>(next.h, self.h);
            let second_at = _mm512_alignr_epi64::<1>(next.at, self.at);
            let second_hashed = self.hashed >> 1 | next.hashed << 7;
            let separator = self.separator;
            // Printable or a space: the scan's step reads it as itself, and goes on
            // at the next byte.
            let printable = _mm512_cmplt_epu64_mask(
                _mm512_sub_epi64(separator, _mm512_set1_epi64(0x20)),
                _mm512_set1_epi64(0x60),
            );
            let adjacent = _mm512_mask_cmpeq_epi64_mask(
                printable,
                second_at,
                _mm512_add_epi64(self.end, _mm512_set1_epi64(1)),
            );
            let after = _mm512_add_epi64(self.end, _mm512_set1_epi64(1));
            let empty_lanes = self.empty & _mm512_mask_cmplt_epu64_mask(printable, after, len);
            let second = _mm512_mask_blend_epi64(empty_lanes, second, empty);
            let kept = (adjacent & second_hashed | empty_lanes) & self.passed;
            (kept, _mm512_xor_si512(second, separator))
        }
    }

    /// Starts that pass their first bit and have a pair to test, kept until there
    /// are eight, whose pair and one-word bits [`Pending::test`] then gathers at
    /// once: a block has two such starts on average, and gathers for two lanes cost
    /// as much as for eight.
    struct Pending<'s> {
        /// The first words' hashes, the second words' hashes xored with the
        /// separators, and the starts' places in the text, in registers.
        h: __m512i,
        second: __m512i,
        at: __m512i,
        /// How many are kept, fewer than eight between calls.
        len: u32,
        /// Whether the set is small (see `FirstWords::build`), its lines, and their
        /// number less one.
        small: bool,
        lines: &'s [u64],
        line_mask: usize,
        /// The hash of an empty word, and the text's length, in each lane.
        empty: __m512i,
        text_len: __m512i,
    }

    impl<'s> Pending<'s> {
        #[inline]
        #[target_feature(enable = "avx512f")]
        unsafe fn new(set: &'s FirstWords, small: bool, text_len: usize) -> Pending<'s> {
            let lines = set.lines.as_flattened();
            let line_mask = (lines.len() / 8).wrapping_sub(1);
            let empty = _mm512_set1_epi64(hash_word(set.seed, &[], 0).0 as i64);
            let text_len = _mm512_set1_epi64(text_len as i64);
            Pending {
                h: ZERO,
                second: ZERO,
                at: ZERO,
                len: 0,
                small,
                lines,
                line_mask,
                empty,
                text_len,
            }
        }

        /// Keeps the starts of `lanes` with a pair to test (see [`Lanes::pairs`],
        /// whose second words may be those of `next`); when there are eight, tests
        /// them.
        #[inline]
        #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vbmi,avx512vpopcntdq,popcnt")]
        unsafe fn push(&mut self, lanes: Lanes, next: Lanes, misses: &mut [u64]) {
            let (kept, seconds) = lanes.pairs(&next, self.text_len, self.empty);
            let (n, m) = (self.len, kept.count_ones());
            // The new starts go to lanes n and on (lane j of `from` as 8 + j); those
            // past lane 7 wait.
            let into = ((0xffu32 >> (8 - m)) << n) as u8;
            let iota = _mm512_set_epi64(15, 14, 13, 12, 11, 10, 9, 8);
            let new = _mm512_maskz_compress_epi64(kept, iota);
            let index =
                _mm512_mask_expand_epi64(_mm512_sub_epi64(iota, _mm512_set1_epi64(8)), into, new);
            let add = |q: __m512i, from: __m512i| _mm512_permutex2var_epi64(q, index, from);
            let (h, second, at) =
                (add(self.h, lanes.h), add(self.second, seconds), add(self.at, lanes.at));
            if n + m < 8 {
                (self.h, self.second, self.at, self.len) = (h, second, at, n + m);
            } else {
                self.test(0xff, h, second, at, misses);
                let over = (((1u32 << m) - 1) & !((1u32 << (8 - n)) - 1)) as u8;
                let index = _mm512_maskz_compress_epi64(over, new);
                let rest = |from: __m512i| _mm512_permutexvar_epi64(index, from);
                (self.h, self.second, self.at) = (rest(lanes.h), rest(seconds), rest(lanes.at));
                self.len = n + m - 8;
            }
        }

        /// Tests the kept starts left.
        #[inline]
        #[target_feature(enable = "avx512f,avx512dq")]
        unsafe fn flush(&self, misses: &mut [u64]) {
            let lanes = ((1u32 << self.len) - 1) as u8;
            self.test(lanes, self.h, self.second, self.at, misses);
        }

        /// Marks in `misses` the starts of `lanes` (first words' hashes `h`, second
        /// words' `second`, places `at`) that the scan rules out: pair bit not set,
        /// and one-word bits not all set.
        #[inline]
        #[target_feature(enable = "avx512f,avx512dq")]
        unsafe fn test(
            &self,
            lanes: u8,
            h: __m512i,
            second: __m512i,
            at: __m512i,
            misses: &mut [u64],
        ) {
            let pair = mix(_mm512_xor_si512(h, _mm512_set1_epi64(PAIR as i64)), second);
            let line = line_of(h, self.line_mask);
            // Each bit gathered for all lanes: the gathers do not wait on each other.
            let bit = |x: __m512i| has(gather(line, x, lanes, self.lines), x);
            // A small set's second one-word bit may be the capital bit, which the
            // scan tests by the original's case: taken as set, and not gathered.
            let one_word = match self.small {
                true => bit(_mm512_srli_epi64::<9>(h)),
                false => bit(_mm512_srli_epi64::<9>(h)) & bit(_mm512_srli_epi64::<18>(h)),
            };
            let ruled_out = lanes & !bit(pair) & !one_word;
            // Marked without a branch on the bits, which come late and follow no
            // pattern; a lane not ruled out (or not kept) ors nothing.
            let mut places = [0u64; 8];
            _mm512_storeu_si512(places.as_mut_ptr().cast(), at);
            for (lane, &k) in places.iter().enumerate() {
                let k = k as usize;
                if let Some(miss) = misses.get_mut(k / 64) {
                    *miss |= u64::from(ruled_out >> lane & 1) << (k % 64);
                }
            }
        }
    }

    /// The hashes (as `first_words::hash_word`) of the first words at places `place`
    /// of a block `low`, followed by the block `high`, whose bytes that are not
    /// letters are `stops` (of each block); the lanes hashed, those whose word
    /// ends before the end of `high` and has fewer than sixteen letters; and the
    /// words' lengths.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vbmi,avx512vpopcntdq")]
    unsafe fn hash(
        seed: u64,
        low: __m512i,
        high: __m512i,
        place: __m512i,
        stops: [u64; 2],
    ) -> (__m512i, u8, __m512i) {
        let one = _mm512_set1_epi64(1);
        // The word's length: the trailing zeros of the stops from its start on, in
        // this block and the next (a shift by 64 gives zero).
        let after = _mm512_or_si512(
            _mm512_srlv_epi64(_mm512_set1_epi64(stops[0] as i64), place),
            _mm512_sllv_epi64(
                _mm512_set1_epi64(stops[1] as i64),
                _mm512_sub_epi64(_mm512_set1_epi64(64), place),
            ),
        );
        let lowest = _mm512_and_si512(after, _mm512_sub_epi64(_mm512_setzero_si512(), after));
        let run = _mm512_popcnt_epi64(_mm512_sub_epi64(lowest, one));
        let ends = _mm512_test_epi64_mask(after, after);
        let hashed = _mm512_mask_cmplt_epu64_mask(ends, run, _mm512_set1_epi64(16));
        // The word's first eight bytes and the eight after: byte j of a lane is
        // byte `place + j` of the two blocks.
        // (Each lane's place, under 128, copied to its eight bytes by a byte shuffle,
        // which picks byte 0 or 8 of each 16: a multiply by 0x0101..01 took longer.)
        let low_bytes = _mm512_set_epi64(EIGHTS, 0, EIGHTS, 0, EIGHTS, 0, EIGHTS, 0);
        let index = _mm512_add_epi8(
            _mm512_shuffle_epi8(place, low_bytes),
            _mm512_set1_epi64(0x0706_0504_0302_0100),
        );
        let fold = _mm512_set1_epi64(FOLD as i64);
        let first = _mm512_or_si512(_mm512_permutex2var_epi8(low, index, high), fold);
        let second_index = _mm512_add_epi8(index, _mm512_set1_epi8(8));
        let second = _mm512_or_si512(_mm512_permutex2var_epi8(low, second_index, high), fold);
        // Bytes past the word are cleared: (1 << 8 * letters) - 1, all ones from 8 on.
        let eight = _mm512_set1_epi64(8);
        let mask = |letters: __m512i| {
            _mm512_sub_epi64(_mm512_sllv_epi64(one, _mm512_slli_epi64::<3>(letters)), one)
        };
        let h = mix(_mm512_set1_epi64(seed as i64), _mm512_and_si512(first, mask(run)));
        let long = _mm512_cmpge_epu64_mask(run, eight);
        let rest = _mm512_and_si512(second, mask(_mm512_sub_epi64(run, eight)));
        (_mm512_mask_blend_epi64(long, h, mix(h, rest)), hashed, run)
    }

    /// The lines (times eight: their first `u64`) of hashes `h`, of a set of
    /// `line_mask` lines less one, as `FirstWords::line`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn line_of(h: __m512i, line_mask: usize) -> __m512i {
        let line =
            _mm512_and_si512(_mm512_srli_epi64::<32>(h), _mm512_set1_epi64(line_mask as i64));
        _mm512_slli_epi64::<3>(line)
    }

    /// The `u64`s of `lines` that hold the bits of hashes `x` in the lines `line`
    /// (see [`line_of`]), in lanes `lanes` (zero in the others), as `first_words::get`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn gather(line: __m512i, x: __m512i, lanes: u8, lines: &[u64]) -> __m512i {
        let word = _mm512_and_si512(_mm512_srli_epi64::<6>(x), _mm512_set1_epi64(7));
        // Every index is of a word of a line: inside `lines`.
        let index = _mm512_add_epi64(line, word);
        _mm512_mask_i64gather_epi64::<8>(
            _mm512_setzero_si512(),
            lanes,
            index,
            lines.as_ptr().cast(),
        )
    }

    /// The lanes whose bit of hash `x` is set in `words`, as `first_words::has`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn has(words: __m512i, x: __m512i) -> u8 {
        let bit = _mm512_and_si512(x, _mm512_set1_epi64(63));
        _mm512_test_epi64_mask(_mm512_srlv_epi64(words, bit), _mm512_set1_epi64(1))
    }

    /// `first_words::mix` in each lane: the product of `h ^ chunk` and [`MIX`], its
    /// high half xored onto the low.
    #[inline]
    #[target_feature(enable = "avx512f,avx512dq")]
    unsafe fn mix(h: __m512i, chunk: __m512i) -> __m512i {
        let m = _mm512_mullo_epi64(_mm512_xor_si512(h, chunk), _mm512_set1_epi64(MIX as i64));
        _mm512_xor_si512(m, _mm512_srli_epi64::<32>(m))
    }
}

#[cfg(test)]
mod tests {
    use super::super::first_words::{hash_word, Reach};
    use super::super::reader::{NormalizedReader, PlainReader, Reader};
    use super::*;
    use crate::normalize::normalize;

    /// Whether byte `k` of `t` is a letter or a digit.
    fn word(t: &[u8], k: usize) -> bool {
        t.get(k).is_some_and(u8::is_ascii_alphanumeric)
    }

    /// What the scan's test says of the start at `k` of `reader`'s text.
    fn may_start(set: &FirstWords, reader: &impl Reader, k: usize) -> Reach {
        let t = reader.bytes();
        let hashed = |i| set.word_hash(t, i);
        set.may_start(reader, set.first_word(t, k), None, hashed, true)
    }

    /// Checks the marks of the pass over `reader`'s text; returns how many word
    /// starts there are, how many the first bit rules out, and how many more are
    /// marked.
    fn check(
        batch: Batch,
        (set, firsts): (&FirstWords, &[u64]),
        ascii_starts: [u64; 2],
        reader: &impl Reader,
    ) -> [usize; 3] {
        let t = reader.bytes();
        let misses = batch.misses(set, true, ascii_starts, t);
        let mut counts = [0; 3];
        for k in 0..t.len() {
            let marked = misses[k / 64] >> (k % 64) & 1 == 1;
            if word(t, k) && (k == 0 || !word(t, k - 1)) {
                counts[0] += 1;
                let run = t[k..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                // Every start the first bit rules out is marked, and every start
                // marked is one the scan rules out.
                let first_missed = run < 16 && !set.first_bit(t, k);
                assert!(marked || !first_missed, "{k}");
                // A filter may rule out what the set's bits let pass (a collision),
                // never the first word of a name.
                let (h, _) = hash_word(set.seed, t, k);
                assert!(!first_missed || !firsts.contains(&h), "{k}");
                let ruled_out = first_missed || may_start(set, reader, k) == Reach::Nowhere;
                assert!(!marked || ruled_out, "{k}");
                counts[1] += usize::from(first_missed);
                counts[2] += usize::from(marked && !first_missed);
            } else {
                let b = t[k];
                let starts_name = |b: u8| ascii_starts[usize::from(b / 64)] >> (b % 64) & 1 == 1;
                let punct = !word(t, k) && b != b' ';
                let expected = b.is_ascii() && !(punct && starts_name(b));
                assert_eq!(marked, expected, "{k}");
            }
        }
        counts
    }

    #[test]
    fn misses_are_starts_the_scan_rules_out_and_unknown_punctuation() {
        let Some(batch) = Batch::detect() else {
            return; // Nothing to test without the instructions; the scan runs without.
        };
        let names: [(&[u8], bool); 8] = [
            (b"paris", false),
            (b"new york", false),
            (b"new", true),
            (b"(reuters)", false),
            (b"'s-hertogenbosch", false),
            (b"abcdefghijklmnopq", false),
            (b"kyiv", false),
            (b"the hague", false),
        ];
        // The names' first words, hashed; and the set, without and with a filter.
        let firsts = names.map(|(name, _)| hash_word(0x5eed, name, 0).0);
        let sets = [false, true].map(|f| FirstWords::build_with(names.into_iter(), 0x5eed, 0, f));
        assert!(sets[0].filter.is_empty() && !sets[1].filter.is_empty());
        let ascii_starts = [1u64 << b'(' | 1 << b'\'', 0];
        let story = include_str!("../../examples/wire-story.txt");
        let long = "Abcdefghijklmnopq".repeat(5);
        let texts = [
            story.to_string(),
            format!("{long} Paris, {long}Paris abcdefghijklmno (Reuters) 'Kyiv' x7 7x, ..."),
            format!("“New York” — Zakharová’s 2016s\t{}", story.replace(' ', "  ")),
            format!(
                "New Jersey, the Hague; the\nhague NEW new. {}",
                "the city of New York ".repeat(9)
            ),
            "new, york. new  (york new (york new. new 7 New-York new's “New” new\u{a0}x new".into(),
            "Paris".into(),
            String::new(),
        ];
        let mut counts = [0; 3];
        for text in &texts {
            let norm = normalize(text, Default::default());
            let mut add = |c: [usize; 3]| (0..3).for_each(|i| counts[i] += c[i]);
            for set in &sets {
                add(check(batch, (set, &firsts), ascii_starts, &NormalizedReader(&norm)));
                if let Some(plain) = PlainReader::new(text) {
                    add(check(batch, (set, &firsts), ascii_starts, &plain));
                }
            }
        }
        let [starts, first, pairs] = counts;
        assert!(first * 2 > starts, "{first} of {starts}");
        assert!(pairs > 20, "{pairs} of {starts}");
    }
}
