//! Work on token starts in stages, a few starts apart, so that cache misses overlap.
//!
//! At a million names the first-word set (4 MB), the prefix table (16 MB) and the
//! pattern records (23 MB) do not fit in the cache, and a start costs a miss in
//! each that it reaches. Done one start at a time, those misses come one after
//! another. Instead the scan hashes a start's first word and prefetches its line
//! of the set, tests it [`Ring`]'s length of starts later (by when the line has
//! most likely arrived) and prefetches the first word's table slot, and walks it
//! later again. Starts are still tested and walked in text order, so the matches
//! are the same.

/// A fixed number of items in flight, oldest first; or, when not `ON`, none: items
/// pass straight through (when the data fits in the cache there are no misses to
/// overlap, and the ring would only cost instructions).
pub(crate) struct Ring<T, const N: usize, const ON: bool> {
    items: [T; N],
    /// Items pushed since the ring was empty.
    pushed: usize,
}

impl<T: Copy + Default, const N: usize, const ON: bool> Default for Ring<T, N, ON> {
    fn default() -> Self {
        Ring { items: [T::default(); N], pushed: 0 }
    }
}

impl<T: Copy, const N: usize, const ON: bool> Ring<T, N, ON> {
    /// Adds `item`; returns the oldest item once `N` are waiting (at once when
    /// not `ON`), with true, or else false and an item to drop. (Not an `Option`:
    /// testing its tag took instructions at every start.)
    #[inline(always)]
    pub(crate) fn push(&mut self, item: T) -> (bool, T) {
        if !ON {
            return (true, item);
        }
        let due = std::mem::replace(&mut self.items[self.pushed % N], item);
        self.pushed += 1;
        (self.pushed > N, due)
    }

    /// The oldest item waiting, once the ring is full (none when not `ON`).
    #[inline(always)]
    pub(crate) fn oldest(&self) -> Option<&T> {
        (ON && self.pushed >= N).then(|| &self.items[self.pushed % N])
    }

    /// Takes every waiting item, oldest first, and empties the ring.
    pub(crate) fn drain(&mut self) -> impl Iterator<Item = T> {
        let (items, pushed) = (self.items, std::mem::take(&mut self.pushed));
        (pushed.saturating_sub(N)..pushed).map(move |i| items[i % N])
    }
}

/// Asks the CPU to bring the cache line of `x` into the cache, without waiting for it.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it changes no memory the program sees and
    // never faults, and its address comes from a reference, so it is valid anyway.
    // (The intrinsic is a safe function from Rust 1.87 on, hence the allow.)
    #[allow(unused_unsafe)]
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_out_in_order_n_later() {
        let mut ring = Ring::<u32, 4, true>::default();
        let out: Vec<Option<u32>> = (0..6)
            .map(|i| {
                let (due, item) = ring.push(i);
                due.then_some(item)
            })
            .collect();
        assert_eq!(out, [None, None, None, None, Some(0), Some(1)]);
        assert_eq!(ring.oldest(), Some(&2));
        assert_eq!(ring.drain().collect::<Vec<_>>(), [2, 3, 4, 5]);
        assert_eq!(ring.oldest(), None);
        assert_eq!(ring.drain().count(), 0);
        ring.push(7);
        assert_eq!(ring.drain().collect::<Vec<_>>(), [7]);
        let mut off = Ring::<u32, 4, false>::default();
        assert_eq!(off.push(3), (true, 3));
        assert_eq!(off.drain().count(), 0);
    }
}
