//! Gazetteers: known entities, compiled for matching in news text.
//!
//! A [`Gazetteer`] is built once from [`Entry`] values, JSON Lines or TSV files
//! (SCHEMA.md section 3) and then only read. [`Gazetteer::find`] reads the text in
//! its normalized form (see [`normalize`](crate::normalize()) and `reader.rs`),
//! walks a trie of the normalized names from every token start, keeps the longest
//! match that ends on a token boundary, and reports it as a [`Match`] over the
//! original text.

mod entry;
mod first_words;
mod parse;
mod reader;
mod store;
mod trie;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;

pub use entry::{Entry, MAX_NAME_BYTES};
use first_words::FirstWords;
use parse::{read_source, Format, Source};
use reader::{NormalizedReader, PlainReader, Reader};
use trie::{Trie, NONE};

use crate::error::{Error, Result};
use crate::normalize::{ascii8, normalize_into, NormalizeOptions, Normalized};
use crate::span::Span;

/// A range of [`Gazetteer::strings`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Str {
    start: u32,
    len: u32,
}

/// One entry of a compiled gazetteer.
#[derive(Clone, Copy, Debug, PartialEq)]
struct EntryRec {
    id: Str,
    name: Str,
    label: u32,
    weight: f32,
}

/// One entry a pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cand {
    /// Entry index, with [`DEMONYM`] set when the pattern is one of its demonyms.
    entry: u32,
    /// The case-sensitive form the original text must have, or `len == u32::MAX` when none.
    exact: Str,
}

const DEMONYM: u32 = 1 << 31;
const NO_EXACT: Str = Str { start: 0, len: u32::MAX };

impl Cand {
    fn entry(&self) -> u32 {
        self.entry & !DEMONYM
    }
}

/// A compiled gazetteer: immutable, `Send + Sync`, cheap to share.
///
/// ```
/// use whosaid::{Entry, Gazetteer};
/// # fn main() -> Result<(), whosaid::Error> {
/// let gaz = Gazetteer::builder()
///     .include_default(false)
///     .add_entry(Entry::new("Q159", "Russia", "GPE").with_demonym("Russian"))
///     .add_entry(Entry::new("Q30", "the United States", "GPE").with_alias("US"))
///     .build()?;
/// let text = "Russia’s talks with the US, a Russian official said.";
/// let found: Vec<(&str, &str, &str)> =
///     gaz.find(text).iter().map(|m| (m.span().as_str(text), m.id(), m.label())).collect();
/// assert_eq!(found, [("Russia", "Q159", "GPE"), ("US", "Q30", "GPE"), ("Russian", "Q159", "NORP")]);
/// # Ok(()) }
/// ```
#[derive(Clone, PartialEq)]
pub struct Gazetteer {
    fold_diacritics: bool,
    strings: String,
    entries: Vec<EntryRec>,
    labels: Vec<Str>,
    /// Candidates of output `o` are `cands[outputs[o]..outputs[o + 1]]`, best first.
    outputs: Vec<u32>,
    cands: Vec<Cand>,
    trie: Trie,
    first_words: FirstWords,
}

impl Default for Gazetteer {
    /// An empty gazetteer (diacritics folded), which finds nothing.
    fn default() -> Self {
        Compiler::new(true).finish()
    }
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .field("patterns", &(self.outputs.len().saturating_sub(1)))
            .field("trie_nodes", &self.trie.len())
            .field("fold_diacritics", &self.fold_diacritics)
            .finish()
    }
}

/// The embedded default gazetteer's source: countries, territories, demonyms,
/// capitals and large cities, subdivisions, regions, organisations and news agencies.
const DEFAULT_JSONL: &str = include_str!("../../data/gazetteer/default.jsonl");

impl Gazetteer {
    /// A builder; see [`GazetteerBuilder`] for the options and their defaults.
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// The embedded default gazetteer, built on first use and then shared.
    ///
    /// ```
    /// let gaz = whosaid::Gazetteer::default_gazetteer();
    /// let text = "Reuters reported from Kyiv.";
    /// let ids: Vec<&str> = gaz.find(text).iter().map(|m| m.id()).collect();
    /// assert_eq!(ids, ["org:reuters", "geonames:703448"]);
    /// ```
    #[must_use]
    pub fn default_gazetteer() -> &'static Gazetteer {
        static DEFAULT: OnceLock<Gazetteer> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            Gazetteer::builder()
                .include_default(false)
                .add_jsonl_str(DEFAULT_JSONL, "<default gazetteer>")
                .build()
                .expect("the embedded gazetteer is valid (checked by the tests)")
        })
    }

    /// Number of entries (after merging entries that share an id).
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when the gazetteer ignores diacritics ("Zakharová" = "Zakharova").
    #[must_use]
    pub fn folds_diacritics(&self) -> bool {
        self.fold_diacritics
    }

    /// The normalization this gazetteer matches over.
    #[must_use]
    pub fn normalize_options(&self) -> NormalizeOptions {
        NormalizeOptions::default().fold_diacritics(self.fold_diacritics)
    }

    /// Entry `i`, in the order entries were added.
    #[must_use]
    pub fn entry(&self, i: usize) -> Option<EntryRef<'_>> {
        (i < self.entries.len()).then_some(EntryRef { gaz: self, entry: i as u32, demonym: false })
    }

    /// Mentions of entries in `text`: leftmost-longest, not overlapping, starting and
    /// ending on token boundaries, in text order. Spans are byte offsets into `text`.
    #[must_use]
    pub fn find<'g>(&'g self, text: &str) -> Vec<Match<'g>> {
        self.find_with(text, false)
    }

    /// Every mention, overlapping ones included ("New York" and "New York City" and
    /// "York"), ordered by start then end. Spans are byte offsets into `text`.
    ///
    /// ```
    /// use whosaid::{Entry, Gazetteer};
    /// # fn main() -> Result<(), whosaid::Error> {
    /// let gaz = Gazetteer::builder()
    ///     .include_default(false)
    ///     .add_entry(Entry::new("nyc", "New York City", "GPE"))
    ///     .add_entry(Entry::new("ny", "New York", "GPE"))
    ///     .add_entry(Entry::new("york", "York", "GPE"))
    ///     .build()?;
    /// let text = "New York City";
    /// let spans: Vec<&str> = gaz.find_overlapping(text).iter().map(|m| m.span().as_str(text)).collect();
    /// assert_eq!(spans, ["New York", "New York City", "York"]);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn find_overlapping<'g>(&'g self, text: &str) -> Vec<Match<'g>> {
        self.find_with(text, true)
    }

    fn find_with<'g>(&'g self, text: &str, overlapping: bool) -> Vec<Match<'g>> {
        let mut out = Vec::new();
        if !self.find_plain(text, overlapping, &mut out) {
            let mut norm = Normalized::default();
            normalize_into(text, self.normalize_options(), &mut norm);
            self.find_in(text, &NormalizedReader(&norm), overlapping, &mut out);
        }
        out
    }

    /// Appends the matches in `text` to `out` and returns true, when the text can be
    /// read without normalizing it (see `reader.rs`); else returns false.
    pub(crate) fn find_plain<'g>(
        &'g self,
        text: &str,
        overlapping: bool,
        out: &mut Vec<Match<'g>>,
    ) -> bool {
        match PlainReader::new(text) {
            Some(plain) => self.find_in(text, &plain, overlapping, out),
            None => return false,
        }
        true
    }

    /// Appends the matches in `text`, whose normalized form (with
    /// [`Gazetteer::normalize_options`]) is `norm`, to `out`.
    pub(crate) fn find_normalized<'g>(
        &'g self,
        text: &str,
        norm: &Normalized,
        overlapping: bool,
        out: &mut Vec<Match<'g>>,
    ) {
        self.find_in(text, &NormalizedReader(norm), overlapping, out);
    }

    /// Appends the matches in `text`, read through `reader`, to `out`.
    fn find_in<'g>(
        &'g self,
        text: &str,
        reader: &impl Reader,
        overlapping: bool,
        out: &mut Vec<Match<'g>>,
    ) {
        let t = reader.bytes();
        let mut walk = Walk { gaz: self, text, reader, all: overlapping, hint: 0 };
        // Matches may start at token starts: a word character after a non-word one,
        // or (when some name starts with one) an ASCII punctuation character.
        // Positions before `resume` are inside a match already reported. The first-word
        // filter is exact for punctuation starts too (their first word is empty).
        let mut resume = 0;
        let punct_starts = self.trie.starts_with_punct();
        let mut i = 0;
        let mut prev_word = false;
        while i < t.len() {
            // The candidate starts among the next `step` bytes, as the high bits of
            // their bytes in `starts`; `punct` marks those that are punctuation.
            let (mut starts, punct, step);
            let chunk =
                t.get(i..i + 8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()));
            match chunk {
                // Eight ASCII bytes at a time.
                Some(x) if x & ascii8::HIGH == 0 => {
                    let x = ascii8::to_lower(x);
                    let word = ascii8::within(x, b'0', b'9') | ascii8::within(x, b'a', b'z');
                    punct = if punct_starts {
                        !word & !ascii8::within(x, b' ', b' ') & ascii8::HIGH
                    } else {
                        0
                    };
                    starts = word & !((word << 8) | (u64::from(prev_word) << 7)) | punct;
                    prev_word = word >> 63 != 0;
                    step = 8;
                }
                _ => {
                    let (word, len) = reader.char_at(i);
                    punct = u64::from(!word) << 7;
                    starts = u64::from(!prev_word || !word) << 7;
                    prev_word = word;
                    step = len;
                }
            }
            while starts != 0 {
                let bit = starts & starts.wrapping_neg();
                starts ^= bit;
                let k = i + bit.trailing_zeros() as usize / 8;
                // Letters and digits all start some name; punctuation rarely does.
                if k < resume
                    || bit & punct != 0 && self.trie.next(0, reader.step(k).0).is_none()
                    || !self.first_words.may_start(reader, k)
                {
                    continue;
                }
                if let Some(end) = walk.run(k, out) {
                    if !overlapping {
                        resume = end;
                    }
                }
            }
            i += step;
        }
    }

    /// The candidates whose case policy accepts `original`, the original text of the
    /// match, or `None` when no candidate does.
    fn case_filter<'g>(&'g self, cands: &'g [Cand], original: &str) -> Option<Cow<'g, [Cand]>> {
        let mut folded: Option<String> = None;
        let mut ok = |c: &Cand| {
            if c.exact == NO_EXACT {
                return true;
            }
            let exact = self.str(c.exact);
            if original == exact {
                return true;
            }
            if original.bytes().all(|b| b.is_ascii_graphic()) {
                // Nothing to normalize but case, and the case differs.
                return false;
            }
            let f = folded.get_or_insert_with(|| entry::exact_form(original, self.fold_diacritics));
            f == exact
        };
        let keep: Vec<bool> = cands.iter().map(&mut ok).collect();
        if keep.iter().all(|&k| k) {
            Some(Cow::Borrowed(cands))
        } else if keep.iter().any(|&k| k) {
            Some(Cow::Owned(cands.iter().zip(&keep).filter(|(_, &k)| k).map(|(c, _)| *c).collect()))
        } else {
            None
        }
    }

    fn str(&self, s: Str) -> &str {
        &self.strings[s.start as usize..(s.start + s.len) as usize]
    }
}

/// The trie walk from one start of a [`Gazetteer::find_in`] scan.
struct Walk<'g, 't, R> {
    gaz: &'g Gazetteer,
    text: &'t str,
    reader: &'t R,
    /// Report every match from a start, not only the longest.
    all: bool,
    /// See [`Normalized::original_offset_from`].
    hint: usize,
}

impl<'g, R: Reader> Walk<'g, '_, R> {
    /// Walks the trie from position `start` and pushes the longest valid match (or,
    /// when `all`, every valid match). Returns the end of the last one pushed.
    /// Not inlined: only a few token starts pass the first-word filter, and the scan
    /// loop stays small without it.
    #[inline(never)]
    fn run(&mut self, start: usize, out: &mut Vec<Match<'g>>) -> Option<usize> {
        let gaz = self.gaz;
        let t = self.reader.bytes();
        let mut state = 0;
        let mut best: Option<(usize, Cow<'g, [Cand]>)> = None;
        let mut last = None;
        let mut j = start;
        while j < t.len() {
            let (b, next) = self.reader.step(j);
            match gaz.trie.next(state, b) {
                Some(s) => state = s,
                None => break,
            }
            j = next;
            let o = gaz.trie.out(state);
            if o == NONE || !self.reader.is_boundary(j) {
                continue;
            }
            let cands =
                &gaz.cands[gaz.outputs[o as usize] as usize..gaz.outputs[o as usize + 1] as usize];
            let cands = if cands.iter().all(|c| c.exact == NO_EXACT) {
                Cow::Borrowed(cands)
            } else {
                let span = self.reader.original(start, j, &mut 0);
                match gaz.case_filter(cands, span.as_str(self.text)) {
                    Some(cands) => cands,
                    None => continue,
                }
            };
            if self.all {
                self.push(start, j, cands, out);
                last = Some(j);
            } else {
                best = Some((j, cands));
            }
        }
        if let Some((end, cands)) = best {
            self.push(start, end, cands, out);
            last = Some(end);
        }
        last
    }

    fn push(&mut self, start: usize, end: usize, cands: Cow<'g, [Cand]>, out: &mut Vec<Match<'g>>) {
        let span = self.reader.original(start, end, &mut self.hint);
        out.push(Match { span, gaz: self.gaz, cands });
    }
}

/// Word characters: letters, digits and combining marks. A token boundary is any
/// position not between two word characters, so "Russia-US" and "Russia's" split.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

const WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// A mention of a gazetteer entry in a text.
#[derive(Clone)]
pub struct Match<'g> {
    span: Span,
    gaz: &'g Gazetteer,
    cands: Cow<'g, [Cand]>,
}

impl<'g> Match<'g> {
    /// Byte offsets of the mention in the text passed to [`Gazetteer::find`].
    #[must_use]
    pub fn span(&self) -> Span {
        self.span
    }

    /// The best-ranked entry the mention refers to.
    #[must_use]
    pub fn entry(&self) -> EntryRef<'g> {
        let c = self.cands[0];
        EntryRef { gaz: self.gaz, entry: c.entry(), demonym: c.entry & DEMONYM != 0 }
    }

    /// The best-ranked entry's id.
    #[must_use]
    pub fn id(&self) -> &'g str {
        self.entry().id()
    }

    /// The best-ranked entry's canonical name.
    #[must_use]
    pub fn name(&self) -> &'g str {
        self.entry().name()
    }

    /// The mention's label: the entry's, or `NORP` for a demonym.
    #[must_use]
    pub fn label(&self) -> &'g str {
        self.entry().label()
    }

    /// Every entry the matched name belongs to, best first (by weight, then by the
    /// order entries were added).
    ///
    /// ```
    /// use whosaid::{Entry, Gazetteer};
    /// # fn main() -> Result<(), whosaid::Error> {
    /// let gaz = Gazetteer::builder()
    ///     .include_default(false)
    ///     .add_entry(Entry::new("paris-tx", "Paris", "GPE").with_weight(1.0))
    ///     .add_entry(Entry::new("paris-fr", "Paris", "GPE").with_weight(7.0))
    ///     .build()?;
    /// let m = &gaz.find("Paris")[0];
    /// let ids: Vec<&str> = m.candidates().map(|e| e.id()).collect();
    /// assert_eq!(ids, ["paris-fr", "paris-tx"]);
    /// # Ok(()) }
    /// ```
    pub fn candidates(&self) -> impl ExactSizeIterator<Item = EntryRef<'g>> + '_ {
        let gaz = self.gaz;
        self.cands.iter().map(move |c| EntryRef {
            gaz,
            entry: c.entry(),
            demonym: c.entry & DEMONYM != 0,
        })
    }
}

impl std::fmt::Debug for Match<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.candidates().map(|e| e.id()).collect();
        f.debug_struct("Match")
            .field("span", &self.span)
            .field("label", &self.label())
            .field("ids", &ids)
            .finish()
    }
}

/// A view of one entry of a compiled [`Gazetteer`].
#[derive(Clone, Copy)]
pub struct EntryRef<'g> {
    gaz: &'g Gazetteer,
    entry: u32,
    demonym: bool,
}

impl<'g> EntryRef<'g> {
    fn rec(&self) -> &'g EntryRec {
        &self.gaz.entries[self.entry as usize]
    }

    /// The entry's id.
    #[must_use]
    pub fn id(&self) -> &'g str {
        self.gaz.str(self.rec().id)
    }

    /// The entry's canonical name.
    #[must_use]
    pub fn name(&self) -> &'g str {
        self.gaz.str(self.rec().name)
    }

    /// The label of the mention: the entry's label, or `NORP` when a demonym matched.
    #[must_use]
    pub fn label(&self) -> &'g str {
        if self.demonym {
            "NORP"
        } else {
            self.gaz.str(self.gaz.labels[self.rec().label as usize])
        }
    }

    /// The entry's weight.
    #[must_use]
    pub fn weight(&self) -> f32 {
        self.rec().weight
    }

    /// Position of the entry in its gazetteer (see [`Gazetteer::entry`]).
    #[must_use]
    pub fn index(&self) -> usize {
        self.entry as usize
    }
}

impl std::fmt::Debug for EntryRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntryRef").field("id", &self.id()).field("label", &self.label()).finish()
    }
}

/// Configures and builds a [`Gazetteer`]. Setters only record; [`build`](Self::build)
/// reads the files, checks every entry and compiles.
#[derive(Clone, Debug)]
#[must_use]
pub struct GazetteerBuilder {
    fold_diacritics: bool,
    include_default: bool,
    sources: Vec<Input>,
}

#[derive(Clone, Debug)]
enum Input {
    Entry(Entry),
    Source(Source),
}

impl Default for GazetteerBuilder {
    fn default() -> Self {
        GazetteerBuilder { fold_diacritics: true, include_default: false, sources: Vec::new() }
    }
}

impl GazetteerBuilder {
    /// Ignore diacritics when matching ("Zakharová" = "Zakharova" = "ZAKHAROVA").
    /// Default: `true`.
    pub fn fold_diacritics(&mut self, yes: bool) -> &mut Self {
        self.fold_diacritics = yes;
        self
    }

    /// Also include the embedded default gazetteer's entries. Default: `false` (a
    /// [`Pipeline`](crate::Pipeline) runs the default gazetteer by itself unless told not to).
    pub fn include_default(&mut self, yes: bool) -> &mut Self {
        self.include_default = yes;
        self
    }

    /// Adds an entry.
    pub fn add_entry(&mut self, entry: Entry) -> &mut Self {
        self.sources.push(Input::Entry(entry));
        self
    }

    /// Adds the entries of a `.jsonl` or `.tsv` file (SCHEMA.md section 3). The file is
    /// read by [`build`](Self::build), which reports a bad line with the path and line number.
    pub fn add_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.sources.push(Input::Source(Source::File(path.as_ref().to_path_buf())));
        self
    }

    /// Adds entries from JSON Lines text; `source_name` stands for the file in errors.
    pub fn add_jsonl_str(&mut self, text: &str, source_name: &str) -> &mut Self {
        self.add_text(text, source_name, Format::Jsonl)
    }

    /// Adds entries from tab-separated text; `source_name` stands for the file in errors.
    ///
    /// ```
    /// let err = whosaid::Gazetteer::builder().add_tsv_str("Paris\tGPE\n", "cities.tsv").build().unwrap_err();
    /// assert_eq!(err.to_string(), "cities.tsv:1: expected 3 or 4 tab-separated fields (name, label, id, aliases), found 2");
    /// ```
    pub fn add_tsv_str(&mut self, text: &str, source_name: &str) -> &mut Self {
        self.add_text(text, source_name, Format::Tsv)
    }

    fn add_text(&mut self, text: &str, name: &str, format: Format) -> &mut Self {
        let source = Source::Text { name: PathBuf::from(name), text: text.to_string(), format };
        self.sources.push(Input::Source(source));
        self
    }

    /// Reads, checks and compiles every entry.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] for a bad line of a file (path, line and reason),
    /// [`Error::Entry`] for a bad entry added in code, [`Error::Io`] for a file that
    /// cannot be read.
    pub fn build(&self) -> Result<Gazetteer> {
        let mut compiler = Compiler::new(self.fold_diacritics);
        if self.include_default {
            let source = Source::Text {
                name: "<default gazetteer>".into(),
                text: DEFAULT_JSONL.to_string(),
                format: Format::Jsonl,
            };
            read_source(&source, |e, _| compiler.add(e))?;
        }
        for input in &self.sources {
            match input {
                Input::Entry(e) => compiler
                    .add(e.clone())
                    .map_err(|reason| Error::Entry { id: e.id.clone(), reason })?,
                Input::Source(source) => read_source(source, |e, _| compiler.add(e))?,
            }
        }
        Ok(compiler.finish())
    }
}

/// Appends `s` to `strings` and returns where it is.
fn push_str(strings: &mut String, s: &str) -> Str {
    let start = strings.len() as u32;
    strings.push_str(s);
    Str { start, len: s.len() as u32 }
}

/// Collects entries and their patterns, then compiles them.
struct Compiler {
    gaz: Gazetteer,
    ids: HashMap<String, u32, BuildHasherDefault<FxHasher>>,
    label_ids: HashMap<String, u32>,
    /// All pattern keys, concatenated.
    keys: String,
    /// Key range and candidate of every pattern.
    patterns: Vec<(Str, Cand)>,
}

impl Compiler {
    fn new(fold_diacritics: bool) -> Compiler {
        Compiler {
            gaz: Gazetteer {
                fold_diacritics,
                strings: String::new(),
                entries: Vec::new(),
                labels: Vec::new(),
                outputs: Vec::new(),
                cands: Vec::new(),
                trie: Trie::default(),
                first_words: FirstWords::default(),
            },
            ids: HashMap::default(),
            label_ids: HashMap::new(),
            keys: String::new(),
            patterns: Vec::new(),
        }
    }

    fn intern(&mut self, s: &str) -> Str {
        push_str(&mut self.gaz.strings, s)
    }

    /// Adds an entry, or merges its names into the entry with the same id.
    fn add(&mut self, entry: Entry) -> std::result::Result<(), String> {
        entry.check_fields()?;
        let index = match self.ids.get(entry.id.as_str()) {
            Some(&i) => i,
            None => {
                let label = match self.label_ids.get(entry.label.as_str()) {
                    Some(&l) => l,
                    None => {
                        let l = self.gaz.labels.len() as u32;
                        let s = self.intern(&entry.label);
                        self.gaz.labels.push(s);
                        self.label_ids.insert(entry.label.clone(), l);
                        l
                    }
                };
                let i = self.gaz.entries.len() as u32;
                let rec = EntryRec {
                    id: self.intern(&entry.id),
                    name: self.intern(&entry.name),
                    label,
                    weight: entry.weight,
                };
                self.gaz.entries.push(rec);
                self.ids.insert(entry.id.clone(), i);
                i
            }
        };
        let (keys, patterns, strings) = (&mut self.keys, &mut self.patterns, &mut self.gaz.strings);
        entry.for_each_pattern(self.gaz.fold_diacritics, |p| {
            let key = push_str(keys, &p.key);
            let exact = match &p.exact {
                Some(e) => push_str(strings, e),
                None => NO_EXACT,
            };
            let entry = index | if p.demonym { DEMONYM } else { 0 };
            patterns.push((key, Cand { entry, exact }));
        })
    }

    fn finish(mut self) -> Gazetteer {
        // Free what is no longer needed before the memory-hungry steps.
        self.ids = HashMap::default();
        self.label_ids = HashMap::new();
        let (sorted, ends) = self.group();
        self.keys = String::new();
        self.patterns = Vec::new();
        let gaz = &mut self.gaz;
        gaz.outputs.push(gaz.cands.len() as u32);
        let unique: Vec<&[u8]> = ends
            .iter()
            .scan(0, |start, &end| {
                let key = &sorted[*start..end];
                *start = end;
                Some(key)
            })
            .collect();
        gaz.trie = Trie::build(&unique);
        gaz.first_words = FirstWords::build(&unique);
        gaz.strings.shrink_to_fit();
        gaz.entries.shrink_to_fit();
        gaz.cands.shrink_to_fit();
        gaz.outputs.shrink_to_fit();
        self.gaz
    }

    /// Sorts the patterns and groups them by key: fills the candidate lists and
    /// returns the distinct keys, concatenated in sorted order (so the trie is
    /// built from memory read front to back), with the end of each.
    fn group(&mut self) -> (Vec<u8>, Vec<usize>) {
        let keys = self.keys.as_bytes();
        let key = |s: Str| &keys[s.start as usize..(s.start + s.len) as usize];
        let weights: Vec<f32> = self.gaz.entries.iter().map(|e| e.weight).collect();
        let weight = |c: &Cand| weights[c.entry() as usize];
        // Sort by key, then best candidate first: higher weight, then earlier entry.
        // The first sixteen key bytes, compared as one number, settle most comparisons.
        let prefix = |s: Str| {
            let k = key(s);
            let mut b = [0u8; 16];
            let n = k.len().min(16);
            b[..n].copy_from_slice(&k[..n]);
            u128::from_be_bytes(b)
        };
        let mut order: Vec<(u128, u32)> =
            self.patterns.iter().enumerate().map(|(i, p)| (prefix(p.0), i as u32)).collect();
        let patterns = &self.patterns;
        // Plain pairs of numbers sort several times faster than through a comparator;
        // only runs sharing a prefix (mostly one key's candidates) need the full order.
        order.sort_unstable();
        for run in order.chunk_by_mut(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
            run.sort_unstable_by(|&(_, ia), &(_, ib)| {
                let (a, b) = (&patterns[ia as usize], &patterns[ib as usize]);
                key(a.0)
                    .cmp(key(b.0))
                    .then(weight(&b.1).total_cmp(&weight(&a.1)))
                    .then(a.1.entry().cmp(&b.1.entry()))
                    .then(a.1.entry.cmp(&b.1.entry))
                    .then((a.1.exact != NO_EXACT).cmp(&(b.1.exact != NO_EXACT)))
            });
        }
        let mut sorted = Vec::with_capacity(keys.len());
        let mut ends: Vec<usize> = Vec::new();
        let mut last_start = 0;
        let gaz = &mut self.gaz;
        for &(_, i) in &order {
            let (k, cand) = patterns[i as usize];
            if ends.is_empty() || &sorted[last_start..] != key(k) {
                last_start = sorted.len();
                sorted.extend_from_slice(key(k));
                ends.push(sorted.len());
                gaz.outputs.push(gaz.cands.len() as u32);
            }
            // The same entry twice under one key ("Russia" and "RUSSIA"; they sort
            // together, case-insensitive first): keep the first, which accepts
            // everything the other does, unless they need different exact forms.
            let out_start = *gaz.outputs.last().unwrap_or(&0) as usize;
            if let Some(last) = gaz.cands[out_start..].last() {
                let same_exact = last.exact == NO_EXACT
                    || (cand.exact != NO_EXACT && gaz.str(last.exact) == gaz.str(cand.exact));
                if last.entry == cand.entry && same_exact {
                    continue;
                }
            }
            gaz.cands.push(cand);
        }
        (sorted, ends)
    }
}

/// A fast non-cryptographic hasher (the Firefox/rustc "Fx" hash) for the id table:
/// ids come from the user's own files, so flooding is not a concern there, and
/// SipHash was a visible part of building a million entries.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
