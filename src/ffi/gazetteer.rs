//! Gazetteers: built from files, buffers or entries one by one, saved and loaded compiled,
//! and searched on their own.

use super::document::whosaid_span;
use super::{
    free_box, guard, handle, handle_mut, out_ok, utf8, whosaid_status, whosaid_str, write_out,
    FfiError,
};
use std::sync::Arc;

use crate::gazetteer::{Entry, Gazetteer, GazetteerBuilder};
use crate::span::CharIndex;

/// `whosaid_entry.case_sensitive`: the default policy, case-insensitive except short
/// all-capital names ("US", "WHO"), which must match in capitals.
pub const WHOSAID_CASE_DEFAULT: u32 = 0;
/// `whosaid_entry.case_sensitive`: every name matches in any case.
pub const WHOSAID_CASE_INSENSITIVE: u32 = 1;
/// `whosaid_entry.case_sensitive`: every name matches only as written.
pub const WHOSAID_CASE_SENSITIVE: u32 = 2;

/// Records gazetteer sources until `whosaid_gazetteer_builder_build`. Not thread-safe:
/// use it from one thread.
pub struct whosaid_gazetteer_builder(GazetteerBuilder);

/// A compiled gazetteer. Immutable: many threads may use one at once. Pipelines made with
/// it share it, so it may be freed before them.
pub struct whosaid_gazetteer(pub(super) Arc<Gazetteer>);

/// One gazetteer entry given in code, for `whosaid_gazetteer_builder_add_entry`. All
/// strings are the caller's, read during the call. A zeroed struct with `id`, `name` and
/// `label` set is a valid entry with no aliases, the default case policy and weight 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_entry {
    /// Stable identifier, reported with every match; required.
    pub id: whosaid_str,
    /// Canonical name, also matched; required.
    pub name: whosaid_str,
    /// Label of mentions (`PERSON`, `ORG`, `GPE`, ...); required.
    pub label: whosaid_str,
    /// Other names that are matched.
    pub aliases: *const whosaid_str,
    /// Number of `aliases`.
    pub aliases_len: usize,
    /// Names for the entity's people or adjectives ("Russian"), reported with label `NORP`.
    pub demonyms: *const whosaid_str,
    /// Number of `demonyms`.
    pub demonyms_len: usize,
    /// `WHOSAID_CASE_DEFAULT`, `WHOSAID_CASE_INSENSITIVE` or `WHOSAID_CASE_SENSITIVE`.
    pub case_sensitive: u32,
    /// Rank among entries that share a matched name: higher first.
    pub weight: f32,
}

/// Makes a gazetteer builder (diacritics folded, no default entries) and writes it to `*out`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_new(
    out: *mut *mut whosaid_gazetteer_builder,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        let builder = Box::new(whosaid_gazetteer_builder(Gazetteer::builder()));
        // SAFETY: `out` checked non-NULL above.
        unsafe { write_out(out, Box::into_raw(builder)) };
        Ok(())
    })
}

/// Frees a gazetteer builder. NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_free(builder: *mut whosaid_gazetteer_builder) {
    // SAFETY: a handle from whosaid_gazetteer_builder_new, by contract.
    unsafe { free_box(builder) }
}

/// Runs `f` on the builder behind `builder`.
fn with_builder(
    builder: *mut whosaid_gazetteer_builder,
    f: impl FnOnce(&mut GazetteerBuilder) -> Result<(), FfiError>,
) -> whosaid_status {
    guard(|| {
        // SAFETY: a live builder used by one thread, or NULL, by contract.
        f(&mut unsafe { handle_mut(builder, "builder") }?.0)
    })
}

/// Ignore diacritics when matching ("Zakharová" = "Zakharova"): `true`, the default.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_fold_diacritics(
    builder: *mut whosaid_gazetteer_builder,
    yes: bool,
) -> whosaid_status {
    with_builder(builder, |b| {
        b.fold_diacritics(yes);
        Ok(())
    })
}

/// Also include the embedded default gazetteer's entries; `false` by default (a pipeline
/// runs the default gazetteer by itself unless told not to).
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_include_default(
    builder: *mut whosaid_gazetteer_builder,
    yes: bool,
) -> whosaid_status {
    with_builder(builder, |b| {
        b.include_default(yes);
        Ok(())
    })
}

/// Adds the entries of the `.jsonl` or `.tsv` file at the UTF-8 path `(path, len)`. The
/// file is read by `whosaid_gazetteer_builder_build`, which reports a missing file or a bad
/// line (with its number).
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_add_file(
    builder: *mut whosaid_gazetteer_builder,
    path: *const u8,
    len: usize,
) -> whosaid_status {
    with_builder(builder, |b| {
        // SAFETY: `len` readable bytes, by contract.
        b.add_file(unsafe { utf8(path, len, "path") }?);
        Ok(())
    })
}

/// Adds the entries of JSON Lines text `(text, len)`; `(name, name_len)` stands for the
/// file name in error messages.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_add_jsonl(
    builder: *mut whosaid_gazetteer_builder,
    text: *const u8,
    len: usize,
    name: *const u8,
    name_len: usize,
) -> whosaid_status {
    // SAFETY: the caller's contract, passed on.
    unsafe { add_text(builder, (text, len), (name, name_len), GazetteerBuilder::add_jsonl_str) }
}

/// Adds the entries of tab-separated text `(text, len)` (`name<TAB>label<TAB>id[<TAB>aliases]`);
/// `(name, name_len)` stands for the file name in error messages.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_add_tsv(
    builder: *mut whosaid_gazetteer_builder,
    text: *const u8,
    len: usize,
    name: *const u8,
    name_len: usize,
) -> whosaid_status {
    // SAFETY: the caller's contract, passed on.
    unsafe { add_text(builder, (text, len), (name, name_len), GazetteerBuilder::add_tsv_str) }
}

/// Adds entries from a `(ptr, len)` buffer with `add`, naming it `name` in errors.
///
/// # Safety
/// As for [`utf8`], for both buffers.
unsafe fn add_text(
    builder: *mut whosaid_gazetteer_builder,
    (text, len): (*const u8, usize),
    (name, name_len): (*const u8, usize),
    add: for<'b> fn(&'b mut GazetteerBuilder, &str, &str) -> &'b mut GazetteerBuilder,
) -> whosaid_status {
    with_builder(builder, |b| {
        // SAFETY: readable text and name, by contract.
        let (text, name) = unsafe { (utf8(text, len, "text")?, utf8(name, name_len, "name")?) };
        add(b, text, name);
        Ok(())
    })
}

/// The strings of a `(ptr, len)` array of `whosaid_str`.
///
/// # Safety
/// A non-NULL `items` must point to `len` elements, each valid as for [`utf8`].
unsafe fn strings(
    items: *const whosaid_str,
    len: usize,
    what: &str,
) -> Result<Vec<String>, FfiError> {
    if len == 0 {
        return Ok(Vec::new());
    }
    if items.is_null() {
        return Err(FfiError::null(what));
    }
    // SAFETY: `len` elements, by contract.
    let items = unsafe { std::slice::from_raw_parts(items, len) };
    // SAFETY: each element's `len` readable bytes, by contract.
    items.iter().map(|s| unsafe { utf8(s.ptr, s.len, what) }.map(str::to_owned)).collect()
}

/// Adds one entry. Its fields are checked now for UTF-8 and the case policy, and with the
/// other entries by `whosaid_gazetteer_builder_build` (an empty id or name is an error there).
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_add_entry(
    builder: *mut whosaid_gazetteer_builder,
    entry: *const whosaid_entry,
) -> whosaid_status {
    with_builder(builder, |b| {
        // SAFETY: a readable entry whose pointers are valid, by contract.
        let e = unsafe { handle(entry, "entry") }?;
        // SAFETY: the three strings' bytes are readable, by contract.
        let (id, name, label) = unsafe {
            let text = |s: whosaid_str, what| utf8(s.ptr, s.len, what);
            (text(e.id, "id")?, text(e.name, "name")?, text(e.label, "label")?)
        };
        let mut entry = Entry::new(id, name, label);
        // SAFETY: as above.
        unsafe {
            entry.aliases = strings(e.aliases, e.aliases_len, "aliases")?;
            entry.demonyms = strings(e.demonyms, e.demonyms_len, "demonyms")?;
        }
        entry.case_sensitive = match e.case_sensitive {
            WHOSAID_CASE_DEFAULT => None,
            WHOSAID_CASE_INSENSITIVE => Some(false),
            WHOSAID_CASE_SENSITIVE => Some(true),
            other => {
                return Err(FfiError {
                    status: whosaid_status::InvalidArgument,
                    message: format!("case_sensitive {other} is not a WHOSAID_CASE_ value"),
                })
            }
        };
        entry.weight = e.weight;
        b.add_entry(entry);
        Ok(())
    })
}

/// Reads every source, checks every entry and compiles them into a gazetteer written to
/// `*out`. The builder is left as it was and must still be freed.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_builder_build(
    builder: *const whosaid_gazetteer_builder,
    out: *mut *mut whosaid_gazetteer,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        // SAFETY: a live builder, by contract.
        let gazetteer = unsafe { handle(builder, "builder") }?.0.build()?;
        // SAFETY: `out` checked non-NULL above.
        unsafe { write_out(out, Box::into_raw(Box::new(whosaid_gazetteer(Arc::new(gazetteer))))) };
        Ok(())
    })
}

/// Reads a compiled gazetteer written by `whosaid_gazetteer_save` from the UTF-8 path
/// `(path, len)` and writes it to `*out`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_load(
    path: *const u8,
    len: usize,
    out: *mut *mut whosaid_gazetteer,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        // SAFETY: `len` readable bytes, by contract.
        let gazetteer = Gazetteer::load(unsafe { utf8(path, len, "path") }?)?;
        // SAFETY: `out` checked non-NULL above.
        unsafe { write_out(out, Box::into_raw(Box::new(whosaid_gazetteer(Arc::new(gazetteer))))) };
        Ok(())
    })
}

/// Writes the compiled gazetteer to the UTF-8 path `(path, len)`, for `whosaid_gazetteer_load`.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_save(
    gazetteer: *const whosaid_gazetteer,
    path: *const u8,
    len: usize,
) -> whosaid_status {
    guard(|| {
        // SAFETY: a live gazetteer and `len` readable bytes, by contract.
        let (g, path) = unsafe { (handle(gazetteer, "gazetteer")?, utf8(path, len, "path")?) };
        Ok(g.0.save(path)?)
    })
}

/// Frees a gazetteer. NULL does nothing. Pipelines made with it are not affected; match
/// sets found with it must be freed first (their strings are borrowed from it).
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_free(gazetteer: *mut whosaid_gazetteer) {
    // SAFETY: a handle from this module, by contract.
    unsafe { free_box(gazetteer) }
}

/// Number of entries (entries sharing an id count once); 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_len(gazetteer: *const whosaid_gazetteer) -> usize {
    super::catch(0, || {
        // SAFETY: a live gazetteer or NULL, by contract.
        unsafe { gazetteer.as_ref() }.map_or(0, |g| g.0.len())
    })
}

/// One mention of a gazetteer entry. Strings are borrowed from the gazetteer.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct whosaid_match {
    /// Where the mention is.
    pub span: whosaid_span,
    /// The best-ranked entry's id.
    pub id: whosaid_str,
    /// Its canonical name.
    pub name: whosaid_str,
    /// The mention's label: the entry's, or `NORP` for a demonym.
    pub label: whosaid_str,
    /// Number of entries the matched name belongs to (more than 1: ambiguous).
    pub candidates: usize,
}

/// The mentions found by `whosaid_gazetteer_find`, in text order.
pub struct whosaid_matches(Vec<whosaid_match>);

/// Finds the gazetteer's entries in the UTF-8 text `(text, len)` (leftmost-longest, at
/// token boundaries) and writes the set of matches to `*out`; read it with
/// `whosaid_matches_data` and `whosaid_matches_len`, free it with `whosaid_matches_free`
/// before the gazetteer.
#[no_mangle]
pub unsafe extern "C" fn whosaid_gazetteer_find(
    gazetteer: *const whosaid_gazetteer,
    text: *const u8,
    len: usize,
    out: *mut *mut whosaid_matches,
) -> whosaid_status {
    guard(|| {
        out_ok(out)?;
        // SAFETY: a live gazetteer and `len` readable bytes, by contract.
        let (g, text) = unsafe { (handle(gazetteer, "gazetteer")?, utf8(text, len, "text")?) };
        let index = CharIndex::new(text);
        let matches =
            g.0.find(text)
                .iter()
                .map(|m| whosaid_match {
                    span: whosaid_span::new(&index, text, m.span()),
                    id: whosaid_str::new(m.id()),
                    name: whosaid_str::new(m.name()),
                    label: whosaid_str::new(m.label()),
                    candidates: m.candidates().len(),
                })
                .collect();
        // SAFETY: `out` checked non-NULL above.
        unsafe { write_out(out, Box::into_raw(Box::new(whosaid_matches(matches)))) };
        Ok(())
    })
}

/// Number of matches in the set; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn whosaid_matches_len(matches: *const whosaid_matches) -> usize {
    super::catch(0, || {
        // SAFETY: a live match set or NULL, by contract.
        unsafe { matches.as_ref() }.map_or(0, |m| m.0.len())
    })
}

/// The first match of the set (`whosaid_matches_len` of them), valid until the set is
/// freed; NULL for NULL.
#[no_mangle]
pub unsafe extern "C" fn whosaid_matches_data(
    matches: *const whosaid_matches,
) -> *const whosaid_match {
    super::catch(std::ptr::null(), || {
        // SAFETY: a live match set or NULL, by contract.
        unsafe { matches.as_ref() }.map_or(std::ptr::null(), |m| m.0.as_ptr())
    })
}

/// Frees a match set. NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn whosaid_matches_free(matches: *mut whosaid_matches) {
    // SAFETY: a handle from whosaid_gazetteer_find, by contract.
    unsafe { free_box(matches) }
}
