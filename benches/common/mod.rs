//! Inputs shared by the gazetteer benches: texts and benchmark gazetteers, from
//! the environment, the shared data directory, or generated.

#![allow(dead_code)]

use std::path::PathBuf;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

const SAMPLE: &str = include_str!("../../examples/wire-story.txt");

/// The texts of `WHOSAID_BENCH_TEXTS` (the PolNeAR train texts by default), or the
/// sample story many times when there are none.
pub fn texts() -> Vec<String> {
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
    // `WHOSAID_BENCH_JOINED=N`: the texts end to end, N times over, as one long text.
    match std::env::var("WHOSAID_BENCH_JOINED").ok().and_then(|n| n.parse::<usize>().ok()) {
        Some(times) => vec![texts.concat().repeat(times.max(1))],
        None => texts,
    }
}

/// The TSV gazetteer of `size`, from the environment, the shared data, or generated.
pub fn gazetteer_tsv(size: &str, entries: usize) -> (String, String) {
    let var = format!("WHOSAID_BENCH_GAZ_{size}");
    let path = std::env::var(&var)
        .unwrap_or_else(|_| format!("../shared/data/gazetteers/bench_{size}.tsv"));
    match std::fs::read_to_string(&path) {
        Ok(text) => (text, path),
        Err(_) => (synthetic(entries), format!("synthetic {entries}")),
    }
}

/// `n` entries of made-up one- to three-word names.
pub fn synthetic(n: usize) -> String {
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

pub fn sizes() -> Vec<(&'static str, usize)> {
    let wanted = std::env::var("WHOSAID_BENCH_SIZES").unwrap_or_else(|_| "S,M,L".to_owned());
    [("S", 5_000), ("M", 100_000), ("L", 1_000_000)]
        .into_iter()
        .filter(|(s, _)| wanted.split(',').any(|w| w.trim() == *s))
        .collect()
}

/// The in-process baselines: plain aho-corasick over the names, leftmost-longest,
/// ASCII case-insensitive, substring matches on the original text, in each kind that
/// may be its fastest, so that ratios are to its best: the contiguous NFA (its
/// default choice here), and the DFA up to 200,000 names. (At a million the DFA took
/// 27 s and 4.6 GB to build and scanned slower than the NFA: 28.5 against 47 MB/s.)
pub fn baselines(tsv: &str) -> Vec<AhoCorasick> {
    let names: Vec<&str> = tsv.lines().filter_map(|l| l.split('\t').next()).collect();
    let mut kinds = vec![AhoCorasickKind::ContiguousNFA];
    if names.len() <= 200_000 {
        kinds.push(AhoCorasickKind::DFA);
    }
    kinds
        .into_iter()
        .map(|kind| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .kind(Some(kind))
                .build(&names)
                .expect("the baseline automaton builds")
        })
        .collect()
}
