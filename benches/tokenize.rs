//! Tokens and sentences with byte and char offsets, against unicode-segmentation's
//! word bounds on the same text.
//!
//! The corpus is every file of the directory named by `WHOSAID_BENCH_TEXTS`
//! (for example `../shared/data/polnear/train/text`), joined by blank lines; without
//! it, a short built-in news sample repeated to about 1 MB.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use unicode_segmentation::UnicodeSegmentation;
use whosaid::{segment, CharIndex, Segmentation, TokenizerOptions};

/// A news sample written for this bench.
const SAMPLE: &str = "WASHINGTON (Reuters) — The U.S. Senate voted 52-48 on Tuesday to confirm \
Dr. Jane K. Doe as the next Secretary of State, ending a weeks-long fight over her role in \
the Feb. 2019 trade talks.\n\n\
“We didn’t expect it to pass this fast,” said Sen. Mark O’Neill, a Democrat from Ohio. \
“But the votes were there.” Markets rose 1.5% after the vote; the dollar gained $0.02 \
against the euro by 4:30 p.m.\n\n\
Doe, 56, told reporters she would travel to Brussels on Friday... Critics, including the \
group's director (see https://example.org/statement), said the process was rushed. \
Asked whether she'd meet Russia's foreign minister, she replied: \"Not yet.\" Then she left.\n\n";

fn corpus() -> String {
    let Ok(dir) = std::env::var("WHOSAID_BENCH_TEXTS") else {
        return SAMPLE.repeat((1 << 20) / SAMPLE.len());
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("WHOSAID_BENCH_TEXTS={dir}: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    texts.join("\n\n")
}

/// What `Pipeline::analyze` does for tokens and sentences: segment, and index the text
/// for char offsets.
fn tokens_and_sentences(text: &str) -> (Segmentation, CharIndex) {
    (segment(text, &TokenizerOptions::default()), CharIndex::new(text))
}

/// The same, then every token and sentence span converted to char offsets, as the
/// JSON output and the C ABI do.
fn with_char_offsets(text: &str) -> usize {
    let (seg, index) = tokens_and_sentences(text);
    let spans = seg.tokens.iter().map(|t| t.span).chain(seg.sentences.iter().map(|s| s.span));
    spans.map(|span| index.char_offset(text, span.start) + index.char_offset(text, span.end)).sum()
}

fn bench_tokenize(c: &mut Criterion) {
    let text = corpus();
    let mut group = c.benchmark_group("tokenize");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("whosaid segment + CharIndex", |b| {
        b.iter(|| tokens_and_sentences(black_box(&text)));
    });
    group.bench_function("whosaid segment + every span in char offsets", |b| {
        b.iter(|| with_char_offsets(black_box(&text)));
    });
    group.bench_function("unicode-segmentation split_word_bound_indices", |b| {
        b.iter(|| black_box(&text).split_word_bound_indices().count());
    });
    group.finish();
}

criterion_group!(benches, bench_tokenize);
criterion_main!(benches);
