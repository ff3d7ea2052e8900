//! The `whosaid` command: analyse news texts and print one JSON object per document.
//!
//! ```text
//! cargo run --release --example whosaid -- [OPTIONS] [FILE ...]
//! ```
//!
//! See `--help` and SCHEMA.md for the options and the output.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use whosaid::{Gazetteer, Pipeline};

const USAGE: &str = "\
usage: whosaid [OPTIONS] [FILE ...]

Analyses each FILE (UTF-8 text; `-` or no FILE means standard input) and prints
one JSON object per document on standard output, in input order.

options:
  --gazetteer PATH         add entries from a gazetteer file (.jsonl or .tsv); repeatable
  --no-default-gazetteer   do not use the embedded default gazetteer
  --tokens                 also emit the `tokens` array
  --pretty                 indented JSON instead of JSON Lines
  -h, --help               print this help
";

/// What the command line asked for.
struct Options {
    files: Vec<String>,
    gazetteers: Vec<String>,
    default_gazetteer: bool,
    tokens: bool,
    pretty: bool,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        files: Vec::new(),
        gazetteers: Vec::new(),
        default_gazetteer: true,
        tokens: false,
        pretty: false,
    };
    let mut only_files = false;
    let mut args = args;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            _ if only_files => options.files.push(arg),
            "--" => only_files = true,
            "--gazetteer" => match args.next() {
                Some(path) => options.gazetteers.push(path),
                None => return Err("--gazetteer needs a file name".to_owned()),
            },
            "--no-default-gazetteer" => options.default_gazetteer = false,
            "--tokens" => options.tokens = true,
            "--pretty" => options.pretty = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            "-" => options.files.push(arg),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ => options.files.push(arg),
        }
    }
    if options.files.is_empty() {
        options.files.push("-".to_owned());
    }
    Ok(options)
}

/// Reads one document; the error names the file and the reason.
fn read_document(name: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if name == "-" {
        io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::File::open(name).and_then(|mut f| f.read_to_end(&mut bytes)).map(drop)
    };
    read.map_err(|e| format!("{name}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!("{name}: not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to())
    })
}

fn run(options: &Options) -> Result<bool, String> {
    let mut builder = Pipeline::builder();
    builder.default_gazetteer(options.default_gazetteer);
    for path in &options.gazetteers {
        builder.gazetteer(Gazetteer::builder().add_file(path).build().map_err(|e| e.to_string())?);
    }
    let pipeline = builder.build().map_err(|e| e.to_string())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_ok = true;
    for name in &options.files {
        let text = match read_document(name) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("whosaid: {message}");
                all_ok = false;
                continue;
            }
        };
        let doc = pipeline.analyze(&text);
        let json = doc.json(&text, name, options.tokens);
        let written = if options.pretty {
            serde_json::to_writer_pretty(&mut out, &json)
        } else {
            serde_json::to_writer(&mut out, &json)
        };
        written.map_err(|e| format!("writing output: {e}"))?;
        writeln!(out).map_err(|e| format!("writing output: {e}"))?;
    }
    out.flush().map_err(|e| format!("writing output: {e}"))?;
    Ok(all_ok)
}

fn main() -> ExitCode {
    let result = parse_args(std::env::args().skip(1)).and_then(|options| run(&options));
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("whosaid: {message}");
            ExitCode::from(2)
        }
    }
}
