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
//!   (its build takes several seconds and a lot of memory).
//!
//! ```text
//! cargo bench --bench gazetteer
//! ```

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use common::{baselines, gazetteer_tsv, sizes, texts};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use whosaid::Gazetteer;

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
            for ac in baselines(&tsv) {
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
