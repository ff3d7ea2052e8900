//! The C ABI. `include/whosaid.h` is generated from this module by cbindgen, and the
//! Python package calls the same functions through cffi.
//!
//! Conventions, shared by every export:
//! - Handles are opaque and made by a `_new`-like call; each has a `_free` that accepts NULL.
//! - Fallible calls return a `whosaid_status` and write their result through an out-pointer,
//!   and only on success. `whosaid_last_error_message` tells why the last call on this thread failed.
//! - Text goes in as `(const uint8_t *ptr, size_t len)`, checked UTF-8; `(NULL, 0)` is the empty string.
//! - Every body runs inside `catch_unwind`: a bug becomes [`whosaid_status::Panic`], never an abort.
//!
//! This is the only module with `unsafe` code: it checks arguments and delegates to the Rust API.
#![allow(non_camel_case_types)]
// Each export states its pointer contract in its doc comment, which cbindgen copies into
// the header, the C reference; a `# Safety` heading on each would only repeat it.
#![allow(clippy::missing_safety_doc)]

mod document;
mod gazetteer;
mod pipeline;

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::Error;

/// The version of this ABI. Compare with `whosaid_abi_version` at run time: a header and a
/// library with different versions must not be used together. Bumped on any change to a
/// signature, a struct layout or a status number.
pub const WHOSAID_ABI_VERSION: u32 = 1;

/// The result of a fallible call. Numbers are stable and never reused.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum whosaid_status {
    /// Success: the out-pointers were written.
    Ok = 0,
    /// A required pointer was NULL, or text was NULL with a non-zero length.
    NullArgument = 1,
    /// Text that must be UTF-8 is not.
    InvalidUtf8 = 2,
    /// A file could not be read or written.
    Io = 3,
    /// A gazetteer line could not be read (the message names the file and line).
    Gazetteer = 4,
    /// A gazetteer entry given in code cannot be used.
    Entry = 5,
    /// A file is not a compiled gazetteer of this version.
    BadCompiled = 6,
    /// An argument is out of its range (an unknown enum value).
    InvalidArgument = 7,
    /// A bug in whosaid: it panicked. The message says where; the handles stay usable.
    Panic = 8,
}

/// UTF-8 text as `(ptr, len)`, not NUL-terminated. Returned by the library, it is borrowed
/// from the handle it came from, valid until that handle is freed, and `ptr` is NULL (with
/// `len` 0) for an absent value. Passed in, it is the caller's, read during the call only.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_str {
    /// First byte, or NULL when absent.
    pub ptr: *const u8,
    /// Length in bytes.
    pub len: usize,
}

impl whosaid_str {
    /// The absent value.
    const NONE: whosaid_str = whosaid_str { ptr: std::ptr::null(), len: 0 };

    /// Borrows `s`, which must outlive every use of the result.
    fn new(s: &str) -> whosaid_str {
        whosaid_str { ptr: s.as_ptr(), len: s.len() }
    }

    fn opt(s: Option<&str>) -> whosaid_str {
        s.map_or(whosaid_str::NONE, whosaid_str::new)
    }
}

/// A failure on its way to C: the status to return and the message to keep.
pub(crate) struct FfiError {
    status: whosaid_status,
    message: String,
}

impl FfiError {
    fn null(what: &str) -> FfiError {
        FfiError { status: whosaid_status::NullArgument, message: format!("{what} is NULL") }
    }

    /// The error of `texts[i]`: the message starts with that name.
    fn at_index(self, i: usize) -> FfiError {
        FfiError { message: format!("texts[{i}]: {}", self.message), ..self }
    }
}

impl From<Error> for FfiError {
    fn from(e: Error) -> FfiError {
        let status = match e {
            Error::Gazetteer { .. } => whosaid_status::Gazetteer,
            Error::Entry { .. } => whosaid_status::Entry,
            Error::Io { .. } => whosaid_status::Io,
            Error::InvalidUtf8 { .. } => whosaid_status::InvalidUtf8,
            Error::BadCompiled { .. } => whosaid_status::BadCompiled,
        };
        FfiError { status, message: e.to_string() }
    }
}

thread_local! {
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

fn set_last_error(message: Option<&str>) {
    // NUL cannot be in a C string; a path or a line quoted in a message may hold one.
    let message = message.map(|m| CString::new(m.replace('\0', "\\0")).unwrap_or_default());
    // Fails only while the thread is being torn down, when nobody can read the message.
    let _ = LAST_ERROR.try_with(|e| *e.borrow_mut() = message);
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown");
    format!("internal error (panic): {what}")
}

/// Runs the body of a fallible export: clears the last error, catches panics, and turns
/// the outcome into a status.
fn guard(f: impl FnOnce() -> Result<(), FfiError>) -> whosaid_status {
    set_last_error(None);
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => whosaid_status::Ok,
        Ok(Err(e)) => {
            set_last_error(Some(&e.message));
            e.status
        }
        Err(payload) => {
            set_last_error(Some(&panic_message(&*payload)));
            whosaid_status::Panic
        }
    }
}

/// Runs the body of an infallible export: a panic returns `fallback` and leaves a message.
fn catch<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        set_last_error(Some(&panic_message(&*payload)));
        fallback
    })
}

/// The caller's `(ptr, len)` text as `&str`: `(NULL, 0)` is empty, NULL with a length is an error.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay unchanged while the result lives.
unsafe fn utf8<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a str, FfiError> {
    if len == 0 {
        return Ok("");
    }
    if ptr.is_null() {
        return Err(FfiError::null(what));
    }
    // SAFETY: non-NULL and `len` readable bytes, by the caller's contract.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).map_err(|e| FfiError {
        status: whosaid_status::InvalidUtf8,
        message: format!("{what} is not UTF-8: invalid byte at offset {}", e.valid_up_to()),
    })
}

/// The handle behind `ptr`, or a NULL_ARGUMENT error naming it.
///
/// # Safety
/// A non-NULL `ptr` must come from this library's matching constructor and not be freed.
unsafe fn handle<'a, T>(ptr: *const T, what: &str) -> Result<&'a T, FfiError> {
    // SAFETY: a live handle, by the caller's contract.
    unsafe { ptr.as_ref() }.ok_or_else(|| FfiError::null(what))
}

/// Like [`handle`], mutable.
///
/// # Safety
/// As [`handle`], and no other reference to the handle may be in use.
unsafe fn handle_mut<'a, T>(ptr: *mut T, what: &str) -> Result<&'a mut T, FfiError> {
    // SAFETY: a live handle used by one thread, by the caller's contract.
    unsafe { ptr.as_mut() }.ok_or_else(|| FfiError::null(what))
}

/// Writes `value` through the out-pointer `out`, checked non-NULL beforehand by `out_ok`.
///
/// # Safety
/// `out` must be non-NULL and valid for writes.
unsafe fn write_out<T>(out: *mut T, value: T) {
    // SAFETY: checked non-NULL before any work by every caller; valid by the caller's contract.
    unsafe { out.write(value) }
}

/// Checks an out-pointer before any work is done, so that nothing is computed in vain.
fn out_ok<T>(out: *mut T) -> Result<(), FfiError> {
    if out.is_null() {
        Err(FfiError::null("out"))
    } else {
        Ok(())
    }
}

/// Frees a handle made by `Box::into_raw`; NULL does nothing.
///
/// # Safety
/// A non-NULL `ptr` must come from `Box::into_raw` of this type and not be freed yet.
unsafe fn free_box<T>(ptr: *mut T) {
    catch((), || {
        if !ptr.is_null() {
            // SAFETY: made by Box::into_raw and not freed yet, by the caller's contract.
            drop(unsafe { Box::from_raw(ptr) });
        }
    });
}

/// The ABI version of the library, `WHOSAID_ABI_VERSION` when it was built.
#[no_mangle]
pub extern "C" fn whosaid_abi_version() -> u32 {
    WHOSAID_ABI_VERSION
}

/// The library's version, such as `"0.1.0"`: a static NUL-terminated string.
#[no_mangle]
pub extern "C" fn whosaid_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Why the last failed call on this thread failed, as a NUL-terminated UTF-8 message, or NULL
/// when the last fallible call succeeded. Owned by the library: valid until the next
/// `whosaid_` call on this thread.
#[no_mangle]
pub extern "C" fn whosaid_last_error_message() -> *const c_char {
    catch(std::ptr::null(), || {
        LAST_ERROR
            .try_with(|e| e.borrow().as_ref().map_or(std::ptr::null(), |m| m.as_ptr()))
            .unwrap_or(std::ptr::null())
    })
}

/// A short constant name for a status, such as `"INVALID_UTF8"`; `"UNKNOWN"` for a number
/// this library does not know. Static, NUL-terminated.
#[no_mangle]
pub extern "C" fn whosaid_status_name(status: u32) -> *const c_char {
    let known = whosaid_status::ALL.iter().find(|s| **s as u32 == status);
    known.map_or("UNKNOWN\0", |s| s.name()).as_ptr().cast()
}

impl whosaid_status {
    /// Every status, in number order.
    const ALL: [whosaid_status; 9] = [
        whosaid_status::Ok,
        whosaid_status::NullArgument,
        whosaid_status::InvalidUtf8,
        whosaid_status::Io,
        whosaid_status::Gazetteer,
        whosaid_status::Entry,
        whosaid_status::BadCompiled,
        whosaid_status::InvalidArgument,
        whosaid_status::Panic,
    ];

    /// The constant's name without its prefix, NUL-terminated.
    fn name(self) -> &'static str {
        match self {
            whosaid_status::Ok => "OK\0",
            whosaid_status::NullArgument => "NULL_ARGUMENT\0",
            whosaid_status::InvalidUtf8 => "INVALID_UTF8\0",
            whosaid_status::Io => "IO\0",
            whosaid_status::Gazetteer => "GAZETTEER\0",
            whosaid_status::Entry => "ENTRY\0",
            whosaid_status::BadCompiled => "BAD_COMPILED\0",
            whosaid_status::InvalidArgument => "INVALID_ARGUMENT\0",
            whosaid_status::Panic => "PANIC\0",
        }
    }
}

/// A NUL-terminated string made by the library (JSON), for the library to free. Returns
/// its pointer and writes its length in bytes (without the NUL) through `out_len` if non-NULL.
fn string_out(s: String, out: *mut *mut c_char, out_len: *mut usize) {
    // JSON escapes U+0000, so the only NUL is the terminator; a NUL here would be a bug.
    let len = s.len();
    let s = CString::new(s).expect("generated text contains no NUL");
    // SAFETY: `out` was checked non-NULL, `out_len` is checked here; both valid by contract.
    unsafe {
        write_out(out, s.into_raw());
        if !out_len.is_null() {
            write_out(out_len, len);
        }
    }
}

/// Frees a string returned by the library (JSON). NULL does nothing. Never pass it memory
/// from elsewhere, and never free library strings with `free(3)`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_string_free(s: *mut c_char) {
    catch((), || {
        if !s.is_null() {
            // SAFETY: made by CString::into_raw in `string_out`, not freed yet, by contract.
            drop(unsafe { CString::from_raw(s) });
        }
    });
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use super::*;

    fn last_error() -> Option<String> {
        let msg = whosaid_last_error_message();
        // SAFETY: NULL or a NUL-terminated message owned by this thread's slot.
        (!msg.is_null()).then(|| unsafe { CStr::from_ptr(msg) }.to_string_lossy().into_owned())
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        assert_eq!(guard(|| panic!("boom")), whosaid_status::Panic);
        assert_eq!(last_error().as_deref(), Some("internal error (panic): boom"));
        assert_eq!(catch(7, || panic!("{}", String::from("bang"))), 7);
        assert_eq!(last_error().as_deref(), Some("internal error (panic): bang"));
        assert_eq!(guard(|| Ok(())), whosaid_status::Ok);
        assert_eq!(last_error(), None);
    }

    #[test]
    fn messages_with_nul_bytes_survive() {
        let status = guard(|| Err(FfiError::null("a\0b")));
        assert_eq!(status, whosaid_status::NullArgument);
        assert_eq!(last_error().as_deref(), Some("a\\0b is NULL"));
    }

    #[test]
    fn every_status_has_its_name() {
        for (i, s) in whosaid_status::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i, "ALL lists every status in number order");
        }
        let name = |s: u32| {
            // SAFETY: static NUL-terminated names.
            unsafe { CStr::from_ptr(whosaid_status_name(s)) }.to_str().unwrap()
        };
        assert_eq!(name(whosaid_status::InvalidUtf8 as u32), "INVALID_UTF8");
        assert_eq!(name(whosaid_status::Panic as u32), "PANIC");
        assert_eq!(name(11), "UNKNOWN");
    }
}
