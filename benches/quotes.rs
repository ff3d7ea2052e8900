//! End-to-end analysis speed on news articles (tokens, gazetteer, names, quotes), and
//! the same without names and quotes, so their share shows as a ratio.
//!
//! Set `WHOSAID_BENCH_TEXTS` to a directory of `.txt` files (one article each, e.g.
//! PolNeAR's `text/`) to bench on them; otherwise a short sample written for this bench
//! is used. Throughput is reported in articles per second.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use whosaid::Pipeline;

fn articles() -> (String, Vec<String>) {
    if let Ok(dir) = std::env::var("WHOSAID_BENCH_TEXTS") {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("WHOSAID_BENCH_TEXTS={dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let texts = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
        return (format!("dir:{dir}"), texts);
    }
    ("sample".to_string(), vec![include_str!("texts/quotes-sample.txt").to_string()])
}

fn bench_pipeline(c: &mut Criterion) {
    let (name, texts) = articles();
    let full = Pipeline::new();
    // Tokens and gazetteer only: what names and quotes add is the difference.
    let without = Pipeline::builder().names(false).quotes(false).build().expect("builds");
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Elements(texts.len() as u64));
    for (stages, pipeline) in [("all", &full), ("no-names-no-quotes", &without)] {
        g.bench_function(format!("{stages}/{name}"), |b| {
            b.iter(|| {
                texts.iter().map(|t| pipeline.analyze(black_box(t)).quotes.len()).sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_pipeline);
criterion_main!(benches);
