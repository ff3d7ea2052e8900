//! Classes of 64 ASCII bytes at a time, one bit per byte, for the scans that find
//! token starts and word ends (the tokenizer's and the gazetteer's) and quotation
//! marks.
//!
//! With a bit per byte, the token starts of 64 bytes are a few word operations,
//! and a run of letters ends at the first zero bit of the letter mask after it, so
//! a word's end or hash needs no second classification of its bytes. Eight bytes at a time in a `u64` (SWAR), the scan took about 60
//! instructions per eight bytes; SSE2, which every x86_64 processor has, takes
//! about 50 per 64. Elsewhere a portable version gives the same bits.

/// Bytes per block.
pub(crate) const BLOCK: usize = 64;

/// The classes of the bytes of a block: bit `n` is byte `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Classes {
    /// ASCII letters.
    pub letters: u64,
    /// ASCII letters and digits (word characters).
    pub words: u64,
    /// Spaces (`' '` only).
    pub spaces: u64,
    /// The ASCII quotation marks and apostrophes: `"`, `'` and `` ` ``.
    pub quotes: u64,
    /// Bytes that are not ASCII (in none of the classes above).
    pub high: u64,
}

/// The classes of `block`.
#[inline(always)]
pub(crate) fn classes(block: &[u8; BLOCK]) -> Classes {
    #[cfg(target_arch = "x86_64")]
    {
        sse2(block)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable(block)
    }
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn sse2(block: &[u8; BLOCK]) -> Classes {
    use std::arch::x86_64::*;
    let (mut letters, mut words, mut spaces, mut quotes, mut high) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for (n, part) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of x86_64, so these instructions exist on every
        // processor this code runs on; the load reads the 16 bytes of `part`, a slice
        // of exactly 16 bytes (`chunks_exact`), and needs no alignment. (Some of these
        // are safe functions from Rust 1.87 on, hence the allow.)
        #[allow(unused_unsafe)]
        let (l, w, s, q, h) = unsafe {
            let x = _mm_loadu_si128(part.as_ptr().cast());
            let lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
            // Signed compares: a byte from 0x80 up is negative, so in neither range.
            let letter = _mm_and_si128(
                _mm_cmpgt_epi8(lower, _mm_set1_epi8(b'a' as i8 - 1)),
                _mm_cmplt_epi8(lower, _mm_set1_epi8(b'z' as i8 + 1)),
            );
            let digit = _mm_and_si128(
                _mm_cmpgt_epi8(x, _mm_set1_epi8(b'0' as i8 - 1)),
                _mm_cmplt_epi8(x, _mm_set1_epi8(b'9' as i8 + 1)),
            );
            let space = _mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8));
            let is = |b: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8));
            let quote = _mm_or_si128(_mm_or_si128(is(b'"'), is(b'\'')), is(b'`'));
            (
                _mm_movemask_epi8(letter) as u16,
                _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u16,
                _mm_movemask_epi8(space) as u16,
                _mm_movemask_epi8(quote) as u16,
                _mm_movemask_epi8(x) as u16,
            )
        };
        letters |= u64::from(l) << (16 * n);
        words |= u64::from(w) << (16 * n);
        spaces |= u64::from(s) << (16 * n);
        quotes |= u64::from(q) << (16 * n);
        high |= u64::from(h) << (16 * n);
    }
    Classes { letters, words, spaces, quotes, high }
}

/// The bytes of `block` that are not ASCII, as [`Classes::high`], alone: a text
/// is read for them before it is classified (see `gazetteer/reader.rs`).
#[inline]
pub(crate) fn high(block: &[u8; BLOCK]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        block.chunks_exact(16).enumerate().fold(0, |high, (n, part)| {
            // SAFETY: as in `sse2`: SSE2 is part of x86_64, and the load reads the
            // 16 bytes of `part`.
            #[allow(unused_unsafe)]
            let bits = unsafe { _mm_movemask_epi8(_mm_loadu_si128(part.as_ptr().cast())) };
            high | u64::from(bits as u16) << (16 * n)
        })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable(block).high
    }
}

/// [`classes`] with AVX-512 (BW), which compares 64 bytes at once into bit masks:
/// a tenth of SSE2's instructions. For the gazetteer's pass ahead of its scan
/// (see `gazetteer/batch.rs`).
///
/// # Safety
/// The processor has AVX-512 F and BW.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw")]
#[inline]
pub(crate) unsafe fn classes_avx512(block: &[u8; BLOCK]) -> Classes {
    use std::arch::x86_64::*;
    let x = _mm512_loadu_si512(block.as_ptr().cast());
    let byte = |b: u8| _mm512_set1_epi8(b as i8);
    // Unsigned: a letter, lower-cased and less 'a', is at most 25; any other
    // byte (from 0x80 up too) is more.
    let in_range = |y: __m512i, low: u8, span: u8| {
        _mm512_cmple_epu8_mask(_mm512_sub_epi8(y, byte(low)), byte(span))
    };
    let letters = in_range(_mm512_or_si512(x, byte(0x20)), b'a', 25);
    let digits = in_range(x, b'0', 9);
    let is = |b: u8| _mm512_cmpeq_epi8_mask(x, byte(b));
    Classes {
        letters,
        words: letters | digits,
        spaces: is(b' '),
        quotes: is(b'"') | is(b'\'') | is(b'`'),
        high: _mm512_movepi8_mask(x),
    }
}

/// [`classes`] a byte at a time, for processors without SSE2 (and to test it).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable(block: &[u8; BLOCK]) -> Classes {
    let bits = |f: fn(&u8) -> bool| {
        block.iter().enumerate().fold(0u64, |m, (n, b)| m | u64::from(f(b)) << n)
    };
    Classes {
        letters: bits(u8::is_ascii_alphabetic),
        words: bits(u8::is_ascii_alphanumeric),
        spaces: bits(|&b| b == b' '),
        quotes: bits(|&b| matches!(b, b'"' | b'\'' | b'`')),
        high: bits(|&b| !b.is_ascii()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_is_classed_as_a_byte_at_a_time() {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut block = [0u8; BLOCK];
        for round in 0..2000 {
            for b in block.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly ASCII, every byte value in some round.
                *b = if round % 4 == 0 { state as u8 } else { state as u8 & 0x7f };
            }
            assert_eq!(classes(&block), portable(&block), "{block:?}");
            assert_eq!(high(&block), portable(&block).high, "{block:?}");
            #[cfg(target_arch = "x86_64")]
            if is_x86_feature_detected!("avx512bw") {
                // SAFETY: the processor has AVX-512 BW, and so F.
                assert_eq!(unsafe { classes_avx512(&block) }, portable(&block), "{block:?}");
            }
        }
        let text: [u8; BLOCK] =
            *b"New York, 7-Eleven's [US] @`{z} Zurich\tand\n0123456789 ~ ok ...!!";
        let c = classes(&text);
        assert_eq!(c.letters & 0xff, 0b1111_0111);
        assert_eq!(c.words & 0xff, 0b1111_0111);
        assert_eq!(c.spaces & 0xff, 0b0000_1000);
        assert_eq!(c.quotes, 1 << 18 | 1 << 27);
        assert_eq!(c.high, 0);
    }
}
