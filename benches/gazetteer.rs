//! Gazetteer build, load and match at three sizes, with plain aho-corasick over the
//! same text as an in-process baseline (report ratios: the machine is noisy).
//!
//! Environment:
//! - `WHOSAID_BENCH_TEXTS`: a directory of `.txt` documents (default
//!   `../shared/data/polnear/train/text`; a small built-in sample when absent).
//! - `WHOSAID_BENCH_GAZ_S`, `_M`, `_L`: TSV gazetteers (default
//!   `../shared/data/gazetteers/bench_{S,M,L}.tsv`; synthetic ones of 5k, 100k and 1M
//!   entries when absent).
//! - `WHOSAID_BENCH_SIZES`: which sizes to run, e.g. `S,M` (default `S,M,L`).
//! - `WHOSAID_BENCH_BASELINE_L=1`: also build the aho-corasick baseline at size L
//!   (its build takes about half a minute and a lot of memory).
//!
//! ```text
//! cargo bench --bench gazetteer
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use whosaid::Gazetteer;

const SAMPLE: &str = include_str!("../examples/wire-story.txt");

fn texts() -> Vec<String> {
    let dir = std::env::var("WHOSAID_BENCH_TEXTS")
        .unwrap_or_else(|_| "../shared/data/polnear/train/text".to_owned());
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    if texts.is_empty() {
        eprintln!("no texts in {dir}; using the built-in sample");
        return vec![SAMPLE.to_owned(); 200];
    }
    texts
}

/// The TSV gazetteer of `size`, from the environment, the shared data, or generated.
fn gazetteer_tsv(size: &str, entries: usize) -> (String, String) {
    let var = format!("WHOSAID_BENCH_GAZ_{size}");
    let path = std::env::var(&var)
        .unwrap_or_else(|_| format!("../shared/data/gazetteers/bench_{size}.tsv"));
    match std::fs::read_to_string(&path) {
        Ok(text) => (text, path),
        Err(_) => (synthetic(entries), format!("synthetic {entries}")),
    }
}

/// `n` entries of made-up one- to three-word names.
fn synthetic(n: usize) -> String {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::new();
    for i in 0..n {
        let words = 1 + next() % 3;
        let mut name = String::new();
        for w in 0..words {
            if w > 0 {
                name.push(' ');
            }
            let len = 3 + next() % 7;
            for k in 0..len {
                let c = b'a' + (next() % 26) as u8;
                name.push(if k == 0 { c.to_ascii_uppercase() } else { c } as char);
            }
        }
        out.push_str(&format!("{name}\tGPE\tsyn:{i}\n"));
    }
    out
}

fn sizes() -> Vec<(&'static str, usize)> {
    let wanted = std::env::var("WHOSAID_BENCH_SIZES").unwrap_or_else(|_| "S,M,L".to_owned());
    [("S", 5_000), ("M", 100_000), ("L", 1_000_000)]
        .into_iter()
        .filter(|(s, _)| wanted.split(',').any(|w| w.trim() == *s))
        .collect()
}

fn bench_gazetteer(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    for (size, entries) in sizes() {
        let (tsv, source) = gazetteer_tsv(size, entries);
        eprintln!("size {size}: {source}, {} lines, texts {bytes} bytes", tsv.lines().count());
        let build = || Gazetteer::builder().add_tsv_str(&tsv, &source).build().unwrap();
        let gaz = build();

        let mut g = c.benchmark_group(format!("gazetteer_{size}"));
        g.sample_size(10).warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(if size == "L" { 20 } else { 5 }));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("match", |b| {
            b.iter(|| texts.iter().map(|t| black_box(gaz.find(black_box(t))).len()).sum::<usize>())
        });
        if size != "L" || std::env::var_os("WHOSAID_BENCH_BASELINE_L").is_some() {
            let names: Vec<&str> = tsv.lines().filter_map(|l| l.split('\t').next()).collect();
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&names)
                .unwrap();
            g.bench_function(
                BenchmarkId::new("aho-corasick baseline", format!("{:?}", ac.kind())),
                |b| {
                    b.iter(|| {
                        texts
                            .iter()
                            .map(|t| ac.find_iter(black_box(t.as_str())).count())
                            .sum::<usize>()
                    })
                },
            );
        }
        g.throughput(Throughput::Elements(gaz.len() as u64));
        g.bench_function("build", |b| b.iter(|| black_box(build()).len()));
        let path =
            std::env::temp_dir().join(format!("whosaid-bench-{size}-{}.gaz", std::process::id()));
        gaz.save(&path).unwrap();
        g.bench_function("load", |b| {
            b.iter(|| Gazetteer::load(black_box(Path::new(&path))).unwrap().len())
        });
        g.finish();
        let _ = std::fs::remove_file(&path);
    }
}

criterion_group!(benches, bench_gazetteer);
criterion_main!(benches);
