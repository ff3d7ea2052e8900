//! Large tables on huge pages, so that a look-up does not also miss the TLB.
//!
//! At a million names the prefix table (16 MB), the first-word set and the
//! pattern records (23 MB) span thousands of 4 KB pages, more than the TLB
//! covers, and a scan touches them at random: nearly every look-up costs a page
//! walk on top of its cache miss (under a hypervisor, a walk of two page tables).
//! Where transparent huge pages are left to each program (Linux's `madvise`
//! setting, the common default), a table that asks for them before its first write
//! is backed by 2 MB pages: 8 pages for the table instead of 4,096. Matching with
//! `bench_L.tsv` then runs about 1.3x as fast; below a few MB it changes nothing,
//! so smaller tables do not ask.

/// Bytes from which a table asks for huge pages: one huge page.
const HUGE: usize = 2 << 20;

/// Asks the kernel to back the memory `v` has reserved with huge pages, when it is
/// large enough to span one. Call it before the first write: memory already written
/// keeps its small pages. Only a hint: the contents are unchanged, and where it is
/// not available nothing happens.
pub(crate) fn huge_pages<T>(v: &Vec<T>) {
    let bytes = v.capacity() * std::mem::size_of::<T>();
    if bytes < HUGE {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        /// `MADV_HUGEPAGE` of Linux's `<sys/mman.h>`.
        const MADV_HUGEPAGE: std::ffi::c_int = 14;
        extern "C" {
            fn madvise(
                addr: *mut std::ffi::c_void,
                len: usize,
                advice: std::ffi::c_int,
            ) -> std::ffi::c_int;
        }
        // The whole pages inside the allocation: `madvise` takes a page-aligned start.
        const PAGE: usize = 4096;
        let start = v.as_ptr() as usize;
        let aligned = start.next_multiple_of(PAGE);
        let len = (start + bytes).saturating_sub(aligned) / PAGE * PAGE;
        // SAFETY: the range lies inside `v`'s allocation, which stays mapped for
        // the call; MADV_HUGEPAGE changes no byte of it, only how it is mapped,
        // and its result (an error where huge pages are unavailable) is ignored.
        unsafe {
            madvise(aligned as *mut std::ffi::c_void, len, MADV_HUGEPAGE);
        }
    }
}
