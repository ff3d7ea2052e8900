//! The compiled gazetteer as bytes: flat little-endian arrays that load with one
//! read and a linear check, no rebuilding.
//!
//! Layout: the magic `WHOSAIDG`, a format version (u32), flags (u32: bit 0 = diacritics
//! folded), the number of trie nodes with a dense child table (u32), then sections, each a u64 byte length and its bytes: strings (UTF-8),
//! labels, entries, outputs, candidates, trie labels, trie nodes (first child, output).

use std::path::Path;

use super::first_words::FirstWords;
use super::trie::Trie;
use super::{Cand, EntryRec, Gazetteer, Str, NO_EXACT};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"WHOSAIDG";
const VERSION: u32 = 2;

impl Gazetteer {
    /// The compiled gazetteer as bytes, for [`Gazetteer::from_bytes`].
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Vec::with_capacity(self.strings.len() + 16 * self.trie.len() + 64);
        w.extend_from_slice(MAGIC);
        w.extend_from_slice(&VERSION.to_le_bytes());
        w.extend_from_slice(&u32::from(self.fold_diacritics).to_le_bytes());
        w.extend_from_slice(&(self.trie.dense_nodes() as u32).to_le_bytes());
        section(&mut w, self.strings.as_bytes());
        let labels: Vec<u32> = self.labels.iter().flat_map(|s| [s.start, s.len]).collect();
        words(&mut w, &labels);
        let entries: Vec<u32> = self
            .entries
            .iter()
            .flat_map(|e| {
                [e.id.start, e.id.len, e.name.start, e.name.len, e.label, e.weight.to_bits()]
            })
            .collect();
        words(&mut w, &entries);
        words(&mut w, &self.outputs);
        let cands: Vec<u32> =
            self.cands.iter().flat_map(|c| [c.entry, c.exact.start, c.exact.len]).collect();
        words(&mut w, &cands);
        section(&mut w, &self.trie.labels);
        words(&mut w, &self.trie.nodes);
        let bits: Vec<u32> =
            self.first_words.bits.iter().flat_map(|&b| [b as u32, (b >> 32) as u32]).collect();
        words(&mut w, &bits);
        w
    }

    /// A gazetteer from the bytes of [`Gazetteer::to_bytes`]. Every index is checked,
    /// so damaged bytes give an error, never a panic later.
    ///
    /// ```
    /// # fn main() -> Result<(), whosaid::Error> {
    /// let gaz = whosaid::Gazetteer::builder().add_tsv_str("Paris\tGPE\tQ90\n", "x.tsv").build()?;
    /// let again = whosaid::Gazetteer::from_bytes(&gaz.to_bytes())?;
    /// assert_eq!(again.find("in Paris")[0].id(), "Q90");
    /// assert!(whosaid::Gazetteer::from_bytes(b"not a gazetteer").is_err());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::BadCompiled`] when the bytes are not a compiled gazetteer of this version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer> {
        decode(bytes).map_err(|reason| Error::BadCompiled { path: "<bytes>".into(), reason })
    }

    /// Writes the compiled gazetteer to `path`.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, &e))
    }

    /// Reads a gazetteer written by [`Gazetteer::save`].
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::BadCompiled`] when it is
    /// not a compiled gazetteer of this version.
    pub fn load(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        decode(&bytes).map_err(|reason| Error::BadCompiled { path: path.to_path_buf(), reason })
    }
}

fn section(w: &mut Vec<u8>, bytes: &[u8]) {
    w.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    w.extend_from_slice(bytes);
}

fn words(w: &mut Vec<u8>, words: &[u32]) {
    w.extend_from_slice(&((words.len() * 4) as u64).to_le_bytes());
    w.extend(words.iter().flat_map(|x| x.to_le_bytes()));
}

/// Reads sections off the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> std::result::Result<&'a [u8], String> {
        if self.0.len() < n {
            return Err("file is truncated".into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> std::result::Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn section(&mut self) -> std::result::Result<&'a [u8], String> {
        let b = self.take(8)?;
        let len = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        self.take(usize::try_from(len).map_err(|_| "section too large".to_string())?)
    }

    /// A section of u32 words, in groups of `group`.
    fn words(&mut self, group: usize) -> std::result::Result<Vec<u32>, String> {
        let b = self.section()?;
        if b.len() % (4 * group) != 0 {
            return Err("section length is not a whole number of records".into());
        }
        Ok(b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
}

fn decode(bytes: &[u8]) -> std::result::Result<Gazetteer, String> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len()).ok() != Some(MAGIC.as_slice()) {
        return Err("missing magic bytes".into());
    }
    let version = r.u32()?;
    if version != VERSION {
        return Err(format!("format version {version}, expected {VERSION}"));
    }
    let fold_diacritics = r.u32()? & 1 == 1;
    let dense_nodes = r.u32()? as usize;
    let strings =
        std::str::from_utf8(r.section()?).map_err(|_| "strings are not UTF-8".to_string())?;
    let check_str = |s: Str| -> std::result::Result<Str, String> {
        let end = s.start as usize + s.len as usize;
        if end > strings.len()
            || !strings.is_char_boundary(s.start as usize)
            || !strings.is_char_boundary(end)
        {
            return Err("string reference out of range".into());
        }
        Ok(s)
    };
    let labels = r
        .words(2)?
        .chunks_exact(2)
        .map(|w| check_str(Str { start: w[0], len: w[1] }))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let entries = r
        .words(6)?
        .chunks_exact(6)
        .map(|w| {
            if w[4] as usize >= labels.len() {
                return Err("label index out of range".to_string());
            }
            let id = check_str(Str { start: w[0], len: w[1] })?;
            let name = check_str(Str { start: w[2], len: w[3] })?;
            Ok(EntryRec { id, name, label: w[4], weight: f32::from_bits(w[5]) })
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let outputs = r.words(1)?;
    let cands = r
        .words(3)?
        .chunks_exact(3)
        .map(|w| {
            let exact = Str { start: w[1], len: w[2] };
            if (w[0] & !super::DEMONYM) as usize >= entries.len() {
                return Err("entry index out of range".to_string());
            }
            let exact = if exact == NO_EXACT { exact } else { check_str(exact)? };
            Ok(Cand { entry: w[0], exact })
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if outputs.first() != Some(&0)
        || outputs.last().map(|&l| l as usize) != Some(cands.len())
        || outputs.windows(2).any(|w| w[0] >= w[1])
    {
        return Err("candidate ranges are not ordered".into());
    }
    let mut trie = Trie {
        labels: r.section()?.to_vec(),
        nodes: r.words(2)?,
        dense: Vec::new(),
        punct_start: false,
    };
    let bits = r.words(2)?;
    let first_words = FirstWords {
        bits: bits.chunks_exact(2).map(|w| u64::from(w[0]) | (u64::from(w[1]) << 32)).collect(),
    };
    first_words.check()?;
    if !r.0.is_empty() {
        return Err("trailing bytes".into());
    }
    trie.check(outputs.len() - 1)?;
    trie.fill_dense(dense_nodes);
    let strings = strings.to_string();
    Ok(Gazetteer { fold_diacritics, strings, entries, labels, outputs, cands, trie, first_words })
}
