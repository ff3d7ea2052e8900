//! Prints every gazetteer match in text files, one per line:
//! `file<TAB>byte start<TAB>byte end<TAB>id<TAB>label<TAB>matched text`.
//!
//! `gazetteer_matches GAZETTEER [--overlapping] FILE...` where GAZETTEER is a TSV or
//! JSONL gazetteer (the embedded default is left out). It calls `Gazetteer::find` and
//! nothing else on the texts, so it is the program to count the matcher's instructions
//! with `valgrind --tool=callgrind --toggle-collect='*find_with*'`.

use std::io::Write;

use whosaid::Gazetteer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        return Err("usage: gazetteer_matches GAZETTEER [--overlapping] FILE...".into());
    };
    let gazetteer = Gazetteer::builder().include_default(false).add_file(&path).build()?;
    let mut overlapping = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in args {
        if file == "--overlapping" {
            overlapping = true;
            continue;
        }
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
        let matches =
            if overlapping { gazetteer.find_overlapping(&text) } else { gazetteer.find(&text) };
        for m in matches {
            let span = m.span();
            let (id, label) = (m.id(), m.label());
            writeln!(
                out,
                "{file}\t{}\t{}\t{id}\t{label}\t{}",
                span.start,
                span.end,
                &text[span.start..span.end]
            )?;
        }
    }
    Ok(())
}
