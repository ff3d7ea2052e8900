//! Reading entries from JSON Lines and tab-separated files (SCHEMA.md section 3),
//! one line at a time, with errors that name the file and the line.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::entry::{is_blank, Entry, Fields};
use crate::error::{Error, Result};

/// The two gazetteer file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// One JSON object per line.
    Jsonl,
    /// `name<TAB>label<TAB>id[<TAB>alias|alias|...]`.
    Tsv,
}

impl Format {
    /// The format named by a file's extension.
    pub(crate) fn of_path(path: &Path) -> Result<Format> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl") => Ok(Format::Jsonl),
            Some("tsv") => Ok(Format::Tsv),
            _ => Err(Error::Io {
                path: path.to_path_buf(),
                reason: "unknown gazetteer format: the name must end in .jsonl or .tsv".into(),
            }),
        }
    }
}

/// Where entries come from.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// A file, read when the gazetteer is built.
    File(PathBuf),
    /// Text in memory, with a name for error messages.
    Text { name: PathBuf, text: String, format: Format },
}

/// A JSON Lines entry. Unknown fields are ignored so files can carry extra data.
#[derive(Deserialize)]
struct JsonEntry {
    id: String,
    name: String,
    label: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    case_sensitive: Option<bool>,
    #[serde(default)]
    weight: Option<f32>,
}

/// Calls `each` with every entry of `source` and its line number (from 1). An error
/// from `each` or from parsing becomes [`Error::Gazetteer`] naming the source and line.
/// A file is read in blocks and its lines parsed where they lie, without a copy.
pub(crate) fn read_source(
    source: &Source,
    mut each: impl FnMut(Fields<'_>, usize) -> std::result::Result<(), String>,
) -> Result<()> {
    let (path, format) = match source {
        Source::File(path) => (path.as_path(), Format::of_path(path)?),
        Source::Text { name, format, .. } => (name.as_path(), *format),
    };
    let at =
        |line: usize, reason: String| Error::Gazetteer { path: path.to_path_buf(), line, reason };
    let mut handle = |line_no: usize, line: &str| -> Result<()> {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        // A byte order mark, which some editors write first, is no part of the entry.
        let line = if line_no == 1 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        if is_blank(line) || line.starts_with('#') {
            return Ok(());
        }
        match format {
            Format::Jsonl => parse_json(line).and_then(|e| each(e.fields(), line_no)),
            Format::Tsv => parse_tsv(line).and_then(|f| each(f, line_no)),
        }
        .map_err(|reason| at(line_no, reason))
    };
    // Handles the whole lines in `bytes`, the first numbered `line_no + 1`, and returns
    // the number of the last. The UTF-8 check covers them all at once; only to
    // locate an error is a line checked alone.
    let mut lines = |mut line_no: usize, bytes: &[u8]| -> Result<usize> {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                for line in text.split_inclusive('\n') {
                    line_no += 1;
                    handle(line_no, line)?;
                }
            }
            Err(_) => {
                for line in bytes.split_inclusive(|&b| b == b'\n') {
                    line_no += 1;
                    let line = std::str::from_utf8(line).map_err(|e| {
                        at(
                            line_no,
                            format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                        )
                    })?;
                    handle(line_no, line)?;
                }
            }
        }
        Ok(line_no)
    };
    match source {
        Source::Text { text, .. } => {
            lines(0, text.as_bytes())?;
        }
        Source::File(path) => {
            let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
            let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
            // Lines are handled where they lie in the reader's buffer; only a line cut
            // by the end of the buffer is copied, into `long`.
            let mut long = Vec::new();
            let mut line_no = 0;
            loop {
                let block = reader.fill_buf().map_err(|e| Error::io(path, &e))?;
                if block.is_empty() {
                    break;
                }
                let used = match block.iter().rposition(|&b| b == b'\n') {
                    Some(i) => {
                        line_no = lines(line_no, &block[..=i])?;
                        i + 1
                    }
                    None => {
                        long.clear();
                        long.extend_from_slice(block);
                        let n = block.len();
                        reader.consume(n);
                        reader.read_until(b'\n', &mut long).map_err(|e| Error::io(path, &e))?;
                        line_no = lines(line_no, &long)?;
                        0
                    }
                };
                reader.consume(used);
            }
        }
    }
    Ok(())
}

fn parse_json(line: &str) -> std::result::Result<Entry, String> {
    let j: JsonEntry = serde_json::from_str(line).map_err(|e| {
        let msg = e.to_string();
        // serde_json appends " at line 1 column N"; the column is what helps here.
        let msg = match msg.rfind(" at line ") {
            Some(i) => format!("{} (column {})", &msg[..i], e.column()),
            None => msg,
        };
        format!("invalid JSON entry: {msg}")
    })?;
    Ok(Entry {
        id: j.id,
        name: j.name,
        label: j.label,
        aliases: j.aliases,
        demonyms: j.demonyms,
        case_sensitive: j.case_sensitive,
        weight: j.weight.unwrap_or(0.0),
    })
}

fn parse_tsv(line: &str) -> std::result::Result<Fields<'_>, String> {
    // The tabs, found in one pass over the bytes: on fields this short, `split`
    // spends more time starting its searches than searching.
    let mut tabs = [line.len(); 3];
    let mut n = 0;
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == b'\t' {
            if let Some(t) = tabs.get_mut(n) {
                *t = i;
            }
            n += 1;
        }
    }
    if !(2..=3).contains(&n) {
        return Err(format!(
            "expected 3 or 4 tab-separated fields (name, label, id, aliases), found {}",
            n + 1
        ));
    }
    let name = &line[..tabs[0]];
    let label = &line[tabs[0] + 1..tabs[1]];
    let id = &line[tabs[1] + 1..tabs[2]];
    let aliases = line.get(tabs[2] + 1..).unwrap_or("");
    Ok(Fields { joined_aliases: aliases, ..Fields::new(id, name, label) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str, format: Format) -> Result<Vec<(usize, Entry)>> {
        let source = Source::Text { name: "<test>".into(), text: text.into(), format };
        let mut out = Vec::new();
        read_source(&source, |f, line| {
            let mut e = Entry::new(f.id, f.name, f.label);
            e.aliases = f.aliases().map(str::to_string).collect();
            e.demonyms = f.demonyms.to_vec();
            e.weight = f.weight;
            out.push((line, e));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn tsv_and_jsonl() {
        let tsv = "# comment\n\nRussia\tGPE\tQ159\tRussian Federation|RF\r\nParis\tGPE\tQ90\n";
        let got = entries(tsv, Format::Tsv).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, 3);
        assert_eq!(got[0].1.aliases, ["Russian Federation", "RF"]);
        assert_eq!(got[1].1.name, "Paris");
        let jsonl = r#"{"id":"Q159","name":"Russia","label":"GPE","demonyms":["Russian"],"weight":2,"extra":1}"#;
        let got = entries(jsonl, Format::Jsonl).unwrap();
        assert_eq!(got[0].1.demonyms, ["Russian"]);
        assert_eq!(got[0].1.weight, 2.0);
        // A byte order mark first is skipped, in either format.
        let got = entries(&format!("\u{feff}{jsonl}"), Format::Jsonl).unwrap();
        assert_eq!(got[0].1.name, "Russia");
        let got = entries("\u{feff}Paris\tGPE\tQ90\n", Format::Tsv).unwrap();
        assert_eq!(got[0].1.name, "Paris");
    }

    #[test]
    fn errors_name_the_line() {
        let rows = [
            ("a\tGPE\n", Format::Tsv, "<test>:1: expected 3 or 4 tab-separated fields"),
            ("a\tGPE\tx\ty\tz\n", Format::Tsv, "<test>:1: expected 3 or 4"),
            (
                "\n{\"id\":\"x\",\"name\":\"a\"}",
                Format::Jsonl,
                "<test>:2: invalid JSON entry: missing field `label`",
            ),
            ("{\"id\":\"x\",", Format::Jsonl, "<test>:1: invalid JSON entry: EOF while parsing"),
        ];
        for (text, format, want) in rows {
            let err = entries(text, format).unwrap_err().to_string();
            assert!(err.starts_with(want), "{err:?} should start with {want:?}");
        }
    }

    #[test]
    fn files_are_read_across_blocks() {
        // Lines cut by block ends, one longer than a block, and a bad line far in.
        let mut text = Vec::new();
        for i in 1..=5000 {
            match i {
                2000 => text.extend_from_slice(
                    format!("x\tGPE\tlong\t{}\n", "a|".repeat(40_000)).as_bytes(),
                ),
                4000 => text.extend_from_slice(b"Par\xffis\tGPE\tbad\n"),
                _ => text.extend_from_slice(format!("Name {i}\tGPE\tid{i}\n").as_bytes()),
            }
        }
        let path = std::env::temp_dir().join(format!("whosaid-blocks-{}.tsv", std::process::id()));
        std::fs::write(&path, &text).unwrap();
        let mut seen = Vec::new();
        let err = read_source(&Source::File(path.clone()), |f, line| {
            seen.push((line, f.id.to_string(), f.aliases().count()));
            Ok(())
        });
        let _ = std::fs::remove_file(&path);
        let err = err.unwrap_err().to_string();
        assert!(err.ends_with(":4000: invalid UTF-8 at byte 3 of the line"), "{err}");
        assert_eq!(seen.len(), 3999);
        assert!(seen.iter().enumerate().all(|(i, (line, _, _))| *line == i + 1));
        assert_eq!(seen[1998], (1999, "id1999".to_string(), 0));
        assert_eq!(seen[1999], (2000, "long".to_string(), 40_001));
        assert_eq!(seen[3998].1, "id3999");
    }
}
