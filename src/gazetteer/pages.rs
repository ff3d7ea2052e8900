//! Large tables on huge pages, so that a look-up does not also miss the TLB.
//!
//! At a million names the prefix table (16 MB), the first-word set (4 MB) and the
//! pattern records (18 MB) span thousands of 4 KB pages, more than the TLB covers,
//! and a scan touches them at random: nearly every look-up costs a page walk on top
//! of its cache miss (under a hypervisor, a walk of two page tables). Where
//! transparent huge pages are left to each program (Linux's `madvise` setting, the
//! common default), memory that asks for them before its first write is backed by
//! 2 MB pages: 8 pages for the table instead of 4,096. Matching with
//! `bench_L.tsv` then ran about 1.3x as fast.
//!
//! A huge page covers only a 2 MB-aligned stretch of memory whose pages have not
//! been written yet. A `Vec` starts wherever the allocator places it, often inside
//! its heap on pages written before, so that such a table got only the huge pages
//! that happened to fit (at a million names 7 of 8 for the table, none for the
//! first-word set). A [`Table`] of 2 MB or more is therefore its own allocation,
//! aligned to 2 MB and a whole number of huge pages long, whose pages it gives back
//! to the kernel before writing its zeros. Smaller tables are plain allocations,
//! with no whole huge page to use.
//!
//! Why not a `Vec` over-allocated by 2 MB and used from its first 2 MB boundary
//! (no `unsafe` beyond the `madvise` call): every access then added the offset and
//! checked it against the length, 0.6%, 1.0% and 2.2% more instructions in `find`
//! at 5,000, 100,000 and a million names.

use std::alloc::Layout;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

/// Bytes of a huge page, and the size from which a table uses them.
const HUGE: usize = 2 << 20;

/// Items of a [`Table`]: plain numbers or arrays of them, for which all-zero bytes
/// are a value and which own nothing.
pub(crate) trait Number: Copy + Send + Sync + 'static {}

impl Number for u8 {}
impl Number for u64 {}
impl Number for [u64; 8] {}

/// A fixed-length array of numbers, zeroed when made, on huge pages when it spans
/// one. Reads and writes as a slice, as cheaply as a `Vec`.
pub(crate) struct Table<T: Number> {
    /// The first item; dangling when `len` is 0.
    ptr: NonNull<T>,
    len: usize,
}

// SAFETY: a table owns its items like a `Vec` does, and numbers may be sent and
// shared between threads.
unsafe impl<T: Number> Send for Table<T> {}
// SAFETY: as above; a shared table is only read.
unsafe impl<T: Number> Sync for Table<T> {}

impl<T: Number> Table<T> {
    /// `len` zeroed items.
    ///
    /// # Panics
    /// When `len` items would take more than `isize::MAX` bytes (as a `Vec` does).
    pub(crate) fn zeroed(len: usize) -> Table<T> {
        let Some(layout) = Table::<T>::layout(len) else {
            return Table { ptr: NonNull::dangling(), len: 0 };
        };
        let huge = layout.align() == HUGE;
        // SAFETY: the layout's size is not zero (`layout` gives `None` for that).
        // Zeroed memory is a valid array of numbers; memory of a huge table is
        // written with zeros below before it is read.
        let ptr = unsafe {
            if huge {
                std::alloc::alloc(layout)
            } else {
                std::alloc::alloc_zeroed(layout)
            }
        };
        let Some(ptr) = NonNull::new(ptr.cast::<T>()) else {
            std::alloc::handle_alloc_error(layout);
        };
        if huge {
            huge_pages(ptr.as_ptr() as usize, layout.size());
            // SAFETY: the allocation holds `len` items, from `ptr`, which is aligned
            // (to 2 MB) and not yet shared.
            unsafe { ptr.as_ptr().write_bytes(0, len) };
        }
        Table { ptr, len }
    }

    /// The allocation of `len` items: 2 MB-aligned and a whole number of huge pages
    /// long when they take 2 MB or more; `None` when they take no byte.
    fn layout(len: usize) -> Option<Layout> {
        let array = Layout::array::<T>(len).expect("table size overflows");
        if array.size() == 0 {
            return None;
        }
        if array.size() < HUGE {
            return Some(array);
        }
        let size = array.size().checked_next_multiple_of(HUGE).expect("table size overflows");
        Some(Layout::from_size_align(size, HUGE).expect("table size overflows"))
    }

    /// A table holding a copy of `items`.
    pub(crate) fn from_slice(items: &[T]) -> Table<T> {
        let mut table = Table::zeroed(items.len());
        table.copy_from_slice(items);
        table
    }
}

impl<T: Number> Drop for Table<T> {
    fn drop(&mut self) {
        if let Some(layout) = Table::<T>::layout(self.len) {
            // SAFETY: `ptr` was allocated by `zeroed` with this same layout (the
            // length never changes) and is freed once, here.
            unsafe { std::alloc::dealloc(self.ptr.as_ptr().cast(), layout) };
        }
    }
}

impl<T: Number> Default for Table<T> {
    fn default() -> Table<T> {
        Table::zeroed(0)
    }
}

impl<T: Number> Deref for Table<T> {
    type Target = [T];

    #[inline(always)]
    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` points to `len` initialized items (or is dangling and
        // aligned, for none) that the table owns and that live as long as it.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Number> DerefMut for Table<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`, and `&mut self` makes this borrow the only one.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Number> Clone for Table<T> {
    /// A copy with its own alignment (a cloned `Vec` would start anywhere).
    fn clone(&self) -> Table<T> {
        Table::from_slice(self)
    }
}

impl<T: Number + PartialEq> PartialEq for Table<T> {
    fn eq(&self, other: &Table<T>) -> bool {
        **self == **other
    }
}

impl<T: Number + Eq> Eq for Table<T> {}

impl<T: Number + std::fmt::Debug> std::fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// Asks the kernel to back the `len` bytes from `at` (a 2 MB-aligned allocation,
/// not yet written) with huge pages from their first write on. Only a hint: where
/// it is not available nothing happens.
fn huge_pages(at: usize, len: usize) {
    #[cfg(target_os = "linux")]
    {
        /// `MADV_DONTNEED` and `MADV_HUGEPAGE` of Linux's `<sys/mman.h>`.
        const MADV_DONTNEED: std::ffi::c_int = 4;
        const MADV_HUGEPAGE: std::ffi::c_int = 14;
        extern "C" {
            fn madvise(
                addr: *mut std::ffi::c_void,
                len: usize,
                advice: std::ffi::c_int,
            ) -> std::ffi::c_int;
        }
        // SAFETY: the range is an allocation the caller owns and has not written
        // (nothing in it is initialized, so no value is lost), and it stays mapped
        // for both calls. MADV_HUGEPAGE changes only how the range is mapped.
        // MADV_DONTNEED gives back pages the allocator may have written before
        // (inside its heap), so that they are not kept as small pages: the next
        // write maps fresh ones. Both results (an error where the advice is
        // unavailable) are ignored.
        unsafe {
            madvise(at as *mut std::ffi::c_void, len, MADV_HUGEPAGE);
            madvise(at as *mut std::ffi::c_void, len, MADV_DONTNEED);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (at, len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_table_starts_at_a_huge_page_and_holds_what_is_written() {
        for len in [0, 5, HUGE / 8 - 1, HUGE / 8, 3 * HUGE / 8 + 7] {
            let mut table = Table::<u64>::zeroed(len);
            assert_eq!(table.len(), len);
            assert!(table.iter().all(|&x| x == 0));
            if len * 8 >= HUGE {
                assert_eq!(table.as_ptr() as usize % HUGE, 0, "{len}");
            }
            for (i, x) in table.iter_mut().enumerate() {
                *x = i as u64;
            }
            let copy = table.clone();
            assert_eq!(copy, table);
            assert!(copy.iter().enumerate().all(|(i, &x)| x == i as u64));
        }
        let bytes = Table::<u8>::from_slice(&vec![7; HUGE + 1]);
        assert_eq!(bytes.as_ptr() as usize % HUGE, 0);
        assert!(bytes.len() == HUGE + 1 && bytes.iter().all(|&b| b == 7));
    }
}
