//! Options (the pipeline builder) and the pipeline.

use std::ffi::c_char;

use std::sync::Arc;

use super::document::whosaid_document;
use super::gazetteer::whosaid_gazetteer;
use super::{
    free_box, guard, handle, handle_mut, out_ok, string_out, utf8, whosaid_status, whosaid_str,
    write_out, FfiError,
};
use crate::pipeline::{Pipeline, PipelineBuilder};

/// Options for `whosaid_pipeline_new`: every default until a setter changes it.
/// Not thread-safe: configure it from one thread, then free it (the pipeline keeps a copy).
pub struct whosaid_options(pub(super) PipelineBuilder);

/// A configured pipeline. Immutable once built: one pipeline may be used by many threads
/// at once. Free it with `whosaid_pipeline_free`.
pub struct whosaid_pipeline(Pipeline);

/// Makes options with every default and writes the handle to `*out`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_options_new(out: *mut *mut whosaid_options) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        let options = Box::new(whosaid_options(Pipeline::builder()));
        // SAFETY: `out` checked non-NULL above.
        unsafe { write_out(out, Box::into_raw(options)) };
        Ok(())
    })
}

/// Frees options. NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn whosaid_options_free(options: *mut whosaid_options) {
    // SAFETY: a handle from whosaid_options_new, by contract.
    unsafe { free_box(options) }
}

/// Runs `f` on the builder behind `options`.
fn with_options(
    options: *mut whosaid_options,
    f: impl FnOnce(&mut PipelineBuilder) -> Result<(), FfiError>,
) -> whosaid_status {
    guard(|| {
        // SAFETY: a live options handle used by one thread, or NULL, by contract.
        f(&mut unsafe { handle_mut(options, "options") }?.0)
    })
}

/// Split clitics and possessives into Universal Dependencies words (`true`, the default:
/// "don't" is "do" + "n't") or keep surface tokens whole (`false`).
#[no_mangle]
pub unsafe extern "C" fn whosaid_options_split_clitics(
    options: *mut whosaid_options,
    yes: bool,
) -> whosaid_status {
    with_options(options, |o| {
        o.split_clitics(yes);
        Ok(())
    })
}

/// Report proper names that no gazetteer knows, and partial mentions joined to their full
/// name, as entities with source `name` and `coref`: `true`, the default. Quotes use names
/// either way.
#[no_mangle]
pub unsafe extern "C" fn whosaid_options_names(
    options: *mut whosaid_options,
    yes: bool,
) -> whosaid_status {
    with_options(options, |o| {
        o.names(yes);
        Ok(())
    })
}

/// Find quotes and their speakers: `true`, the default.
#[no_mangle]
pub unsafe extern "C" fn whosaid_options_quotes(
    options: *mut whosaid_options,
    yes: bool,
) -> whosaid_status {
    with_options(options, |o| {
        o.quotes(yes);
        Ok(())
    })
}

/// Adds a gazetteer whose matches become entities (with ids and canonical names); each call
/// adds one more, and earlier ones win on the same span. The pipeline shares the gazetteer,
/// which may be freed at any time afterwards.
#[no_mangle]
pub unsafe extern "C" fn whosaid_options_add_gazetteer(
    options: *mut whosaid_options,
    gazetteer: *const whosaid_gazetteer,
) -> whosaid_status {
    with_options(options, |o| {
        // SAFETY: a live gazetteer or NULL, by contract.
        o.gazetteer(Arc::clone(&unsafe { handle(gazetteer, "gazetteer") }?.0));
        Ok(())
    })
}

/// Match with the embedded default gazetteer (countries, cities, organisations, news
/// agencies): `true`, the default.
#[no_mangle]
pub unsafe extern "C" fn whosaid_options_default_gazetteer(
    options: *mut whosaid_options,
    yes: bool,
) -> whosaid_status {
    with_options(options, |o| {
        o.default_gazetteer(yes);
        Ok(())
    })
}

/// Builds a pipeline from `options` (NULL: every default) and writes the handle to `*out`.
/// The options may be freed or changed afterwards without affecting the pipeline.
#[no_mangle]
pub unsafe extern "C" fn whosaid_pipeline_new(
    options: *const whosaid_options,
    out: *mut *mut whosaid_pipeline,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        let pipeline = if options.is_null() {
            Pipeline::builder().build()?
        } else {
            // SAFETY: a live options handle, by contract.
            unsafe { handle(options, "options") }?.0.build()?
        };
        // SAFETY: `out` checked non-NULL above.
        unsafe { write_out(out, Box::into_raw(Box::new(whosaid_pipeline(pipeline)))) };
        Ok(())
    })
}

/// Frees a pipeline. NULL does nothing. No other thread may be using it.
#[no_mangle]
pub unsafe extern "C" fn whosaid_pipeline_free(pipeline: *mut whosaid_pipeline) {
    // SAFETY: a handle from whosaid_pipeline_new, by contract.
    unsafe { free_box(pipeline) }
}

/// Analyses the UTF-8 text `(text, len)` and writes a document handle to `*out`; free it
/// with `whosaid_document_free`. The text is copied: the caller may free it at once.
/// Safe to call from many threads at once on the same pipeline.
#[no_mangle]
pub unsafe extern "C" fn whosaid_pipeline_analyze(
    pipeline: *const whosaid_pipeline,
    text: *const u8,
    len: usize,
    out: *mut *mut whosaid_document,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        // SAFETY: a live pipeline and `len` readable bytes, by contract.
        let (pipeline, text) = unsafe { (handle(pipeline, "pipeline")?, utf8(text, len, "text")?) };
        let doc = whosaid_document::new(text.to_owned(), pipeline.0.analyze(text));
        // SAFETY: `out` checked non-NULL above.
        unsafe { write_out(out, Box::into_raw(Box::new(doc))) };
        Ok(())
    })
}

/// Analyses the `n` UTF-8 texts `texts[0..n]` (each `(ptr, len)`, `(NULL, 0)` being empty)
/// in order, in one call, and writes `n` document handles to `out[0..n]`; free each with
/// `whosaid_document_free`. On failure (a text that is NULL with a length or not UTF-8,
/// named by its index in the message) nothing is written and no document is left to free.
/// One call for many texts: a caller that holds a lock around each call (Python's GIL) takes
/// it once per batch instead of once per text.
#[no_mangle]
pub unsafe extern "C" fn whosaid_pipeline_analyze_batch(
    pipeline: *const whosaid_pipeline,
    texts: *const whosaid_str,
    n: usize,
    out: *mut *mut whosaid_document,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        // SAFETY: a live pipeline, by contract.
        let pipeline = unsafe { handle(pipeline, "pipeline") }?;
        let texts = if n == 0 {
            &[][..]
        } else if texts.is_null() {
            return Err(FfiError::null("texts"));
        } else {
            // SAFETY: `n` readable elements, by contract.
            unsafe { std::slice::from_raw_parts(texts, n) }
        };
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                // SAFETY: each element's `len` readable bytes, by contract.
                let text = unsafe { utf8(t.ptr, t.len, "text") }.map_err(|e| e.at_index(i))?;
                Ok(whosaid_document::new(text.to_owned(), pipeline.0.analyze(text)))
            })
            .collect::<Result<Vec<_>, FfiError>>()?;
        for (i, doc) in docs.into_iter().enumerate() {
            // SAFETY: `out` is non-NULL with room for `n` handles, by contract.
            unsafe { write_out(out.add(i), Box::into_raw(Box::new(doc))) };
        }
        Ok(())
    })
}

/// Analyses the UTF-8 text `(text, len)` and writes the document's JSON object (the JSON
/// of the project's schema) as a NUL-terminated string to `*out`, and its length in bytes to
/// `*out_len` when `out_len` is not NULL. `(name, name_len)` is the `"doc"` field; the
/// `"tokens"` array is included when `with_tokens` is true. Free the string with
/// `whosaid_string_free`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_pipeline_analyze_json(
    pipeline: *const whosaid_pipeline,
    text: *const u8,
    len: usize,
    name: *const u8,
    name_len: usize,
    with_tokens: bool,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        // SAFETY: a live pipeline and readable text and name, by contract.
        let (pipeline, text, name) = unsafe {
            (handle(pipeline, "pipeline")?, utf8(text, len, "text")?, utf8(name, name_len, "name")?)
        };
        let json = pipeline.0.analyze(text).to_json(text, name, with_tokens);
        string_out(json, out, out_len);
        Ok(())
    })
}
