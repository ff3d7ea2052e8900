//! The compiled gazetteer as bytes: flat little-endian arrays that load straight
//! into their places with a linear check, no rebuilding.
//!
//! Layout: the magic `WHOSAIDG`, a format version (u32), flags (u32: bit 0 = diacritics
//! folded), the prefix table's hash seed (u64), then sections, each a u64 byte length
//! and its bytes: strings (UTF-8), labels, entries, candidates, pattern
//! records, prefix table slots, first-word bits.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::first_words::FirstWords;
use super::known::MemoKey;
use super::pages::Table;
use super::prefixes::Prefixes;
use super::{Cand, EntryRec, Gazetteer, Str, NO_EXACT};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"WHOSAIDG";
const VERSION: u32 = 11;

impl Gazetteer {
    /// The compiled gazetteer as bytes, for [`Gazetteer::from_bytes`].
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let p = &self.prefixes;
        let mut w =
            Vec::with_capacity(self.strings.len() + p.records.len() + 8 * p.slots.len() + 64);
        w.extend_from_slice(MAGIC);
        w.extend_from_slice(&VERSION.to_le_bytes());
        w.extend_from_slice(&u32::from(self.fold_diacritics).to_le_bytes());
        w.extend_from_slice(&p.seed.to_le_bytes());
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
        let cands: Vec<u32> =
            self.cands.iter().flat_map(|c| [c.entry, c.exact.start, c.exact.len]).collect();
        words(&mut w, &cands);
        section(&mut w, &p.records);
        words64(&mut w, &p.slots);
        words64(&mut w, self.first_words.lines.as_flattened());
        words64(&mut w, &self.first_words.filter);
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
        decode(bytes, bytes.len() as u64).map_err(|e| e.into_error(Path::new("<bytes>")))
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
        let file = File::open(path).map_err(|e| Error::io(path, &e))?;
        let len = file.metadata().map_err(|e| Error::io(path, &e))?.len();
        decode(file, len).map_err(|e| e.into_error(path))
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

fn words64(w: &mut Vec<u8>, words: &[u64]) {
    w.extend_from_slice(&((words.len() * 8) as u64).to_le_bytes());
    w.extend(words.iter().flat_map(|x| x.to_le_bytes()));
}

/// Why decoding failed: reading, or what was read.
enum DecodeError {
    Io(std::io::Error),
    Bad(String),
}

impl From<String> for DecodeError {
    fn from(reason: String) -> DecodeError {
        DecodeError::Bad(reason)
    }
}

impl DecodeError {
    fn into_error(self, path: &Path) -> Error {
        match self {
            DecodeError::Io(e) => Error::io(path, &e),
            DecodeError::Bad(reason) => Error::BadCompiled { path: path.to_path_buf(), reason },
        }
    }
}

type Decoded<T> = std::result::Result<T, DecodeError>;

/// Bytes of a record section converted per read: small enough to stay in cache.
const CHUNK: usize = 1 << 16;

/// Reads sections straight into their arrays: bytes with one copy, `u32` records
/// through a small buffer, so loading never holds the whole file in memory.
struct Reader<R> {
    inner: R,
    /// Bytes not yet read, so that a damaged length is refused before allocating.
    left: u64,
    chunk: Vec<u8>,
}

impl<R: Read> Reader<R> {
    fn fill(&mut self, buf: &mut [u8]) -> Decoded<()> {
        if (buf.len() as u64) > self.left {
            return Err(DecodeError::Bad("file is truncated".into()));
        }
        self.left -= buf.len() as u64;
        self.inner.read_exact(buf).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => DecodeError::Bad("file is truncated".into()),
            _ => DecodeError::Io(e),
        })
    }

    fn u32(&mut self) -> Decoded<u32> {
        let mut b = [0; 4];
        self.fill(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    /// The length of the next section, checked against what is left.
    fn section_len(&mut self) -> Decoded<usize> {
        let mut b = [0; 8];
        self.fill(&mut b)?;
        let len = u64::from_le_bytes(b);
        if len > self.left {
            return Err(DecodeError::Bad("file is truncated".into()));
        }
        usize::try_from(len).map_err(|_| DecodeError::Bad("section too large".into()))
    }

    fn bytes(&mut self) -> Decoded<Vec<u8>> {
        let mut v = vec![0; self.section_len()?];
        self.fill(&mut v)?;
        Ok(v)
    }

    /// A section of bytes as a table (see `pages.rs`).
    fn byte_table(&mut self) -> Decoded<Table<u8>> {
        let mut table = Table::zeroed(self.section_len()?);
        self.fill(&mut table)?;
        Ok(table)
    }

    /// A section of little-endian `u64`s, as a table.
    fn u64_table(&mut self) -> Decoded<Table<u64>> {
        let len = self.records_len::<2>()?;
        let mut table = Table::zeroed(len / 8);
        self.u64s(len, &mut table)?;
        Ok(table)
    }

    /// Reads `len` bytes of little-endian `u64`s into `words`, of as many.
    fn u64s(&mut self, len: usize, words: &mut [u64]) -> Decoded<()> {
        let mut at = 0;
        self.each_record(len, |[lo, hi]| {
            words[at] = u64::from(lo) | (u64::from(hi) << 32);
            at += 1;
            Ok(())
        })
    }

    /// A section of records of `K` little-endian `u32`s, each turned into a `T` by `f`.
    fn records<const K: usize, T>(
        &mut self,
        mut f: impl FnMut([u32; K]) -> std::result::Result<T, String>,
    ) -> Decoded<Vec<T>> {
        let len = self.records_len::<K>()?;
        let mut out = Vec::with_capacity(len / (4 * K));
        self.each_record(len, |words| {
            out.push(f(words)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The length of the next section, a whole number of records of `K` `u32`s.
    fn records_len<const K: usize>(&mut self) -> Decoded<usize> {
        let len = self.section_len()?;
        if len % (4 * K) != 0 {
            return Err(DecodeError::Bad("section length is not a whole number of records".into()));
        }
        Ok(len)
    }

    /// Reads `len` bytes of records of `K` little-endian `u32`s through a small
    /// buffer and hands each to `f`.
    fn each_record<const K: usize>(
        &mut self,
        len: usize,
        mut f: impl FnMut([u32; K]) -> std::result::Result<(), String>,
    ) -> Decoded<()> {
        let mut chunk = std::mem::take(&mut self.chunk);
        let mut left = len;
        while left > 0 {
            let n = left.min(CHUNK / (4 * K) * (4 * K));
            chunk.resize(n, 0);
            self.fill(&mut chunk)?;
            for rec in chunk.chunks_exact(4 * K) {
                let words = std::array::from_fn(|i| {
                    u32::from_le_bytes([rec[4 * i], rec[4 * i + 1], rec[4 * i + 2], rec[4 * i + 3]])
                });
                f(words)?;
            }
            left -= n;
        }
        self.chunk = chunk;
        Ok(())
    }
}

fn decode(inner: impl Read, len: u64) -> Decoded<Gazetteer> {
    let mut r = Reader { inner, left: len, chunk: Vec::new() };
    let mut magic = [0; MAGIC.len()];
    if r.fill(&mut magic).is_err() || &magic != MAGIC {
        return Err(DecodeError::Bad("missing magic bytes".into()));
    }
    let version = r.u32()?;
    if version != VERSION {
        return Err(DecodeError::Bad(format!("format version {version}, expected {VERSION}")));
    }
    let fold_diacritics = r.u32()? & 1 == 1;
    let seed = u64::from(r.u32()?) | u64::from(r.u32()?) << 32;
    let strings = String::from_utf8(r.bytes()?).map_err(|_| "strings are not UTF-8".to_string())?;
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
    let labels = r.records(|[start, len]| check_str(Str { start, len }))?;
    let entries = r.records(|[id, id_len, name, name_len, label, weight]| {
        if label as usize >= labels.len() {
            return Err("label index out of range".to_string());
        }
        let id = check_str(Str { start: id, len: id_len })?;
        let name = check_str(Str { start: name, len: name_len })?;
        Ok(EntryRec { id, name, label, weight: f32::from_bits(weight) })
    })?;
    let cands = r.records(|[entry, start, len]| {
        let exact = Str { start, len };
        if (entry & !super::DEMONYM) as usize >= entries.len() {
            return Err("entry index out of range".to_string());
        }
        let exact = if exact == NO_EXACT { exact } else { check_str(exact)? };
        Ok(Cand { entry, exact })
    })?;
    let records = r.byte_table()?;
    let slots = r.u64_table()?;
    let mut prefixes = Prefixes { seed, slots, records, ..Prefixes::default() };
    // Whole lines of the first-word set: eight `u64`s, sixteen `u32`s.
    let len = r.records_len::<16>()?;
    let mut lines = Table::<[u64; 8]>::zeroed(len / 64);
    r.u64s(len, lines.as_flattened_mut())?;
    let filter = r.u64_table()?;
    let first_words = FirstWords { lines, seed: prefixes.walk_seed(), filter };
    first_words.check()?;
    if r.left != 0 {
        return Err(DecodeError::Bad("trailing bytes".into()));
    }
    prefixes.check(&cands)?;
    let memo = MemoKey::new();
    Ok(Gazetteer { fold_diacritics, strings, entries, labels, cands, prefixes, first_words, memo })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_lengths_are_errors_before_any_allocation() {
        let mut bytes = Gazetteer::default().to_bytes();
        // The strings section's length, claiming far more than the file holds.
        bytes[20..28].copy_from_slice(&u64::MAX.to_le_bytes());
        let err = Gazetteer::from_bytes(&bytes).unwrap_err().to_string();
        assert!(err.contains("file is truncated"), "{err}");
    }

    #[test]
    fn another_format_version_is_an_error() {
        let mut bytes = Gazetteer::default().to_bytes();
        // A file of the previous version: a small set has no bits for what follows a
        // pair, nor for a one-word pattern written only in capitals.
        bytes[8..12].copy_from_slice(&(VERSION - 1).to_le_bytes());
        let err = Gazetteer::from_bytes(&bytes).unwrap_err().to_string();
        assert!(
            err.contains(&format!("format version {}, expected {VERSION}", VERSION - 1)),
            "{err}"
        );
    }

    #[test]
    fn a_truncated_file_names_itself() {
        let gaz = Gazetteer::builder().add_tsv_str("Paris\tGPE\tQ90\n", "x.tsv").build().unwrap();
        let bytes = gaz.to_bytes();
        let path = std::env::temp_dir().join(format!("whosaid-store-{}.gaz", std::process::id()));
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        let err = Gazetteer::load(&path).unwrap_err();
        let _ = std::fs::remove_file(&path);
        assert!(matches!(err, Error::BadCompiled { .. }), "{err:?}");
        assert!(err.to_string().contains("whosaid-store-"), "{err}");
    }
}
