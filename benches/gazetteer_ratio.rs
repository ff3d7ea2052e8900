//! Matching speed as a ratio to plain aho-corasick, measured in alternating rounds
//! (whosaid, baseline, whosaid, ...) so that load from other processes on a shared
//! machine affects both alike. Time is the thread's CPU time where Linux reports it
//! (`/proc/thread-self/schedstat`), so that time spent waiting for a core on a busy
//! machine counts for neither; else wall-clock time. That CPU time advances in
//! scheduler ticks (4 ms here), so a round repeats the texts until it lasts about a
//! quarter of a second. Prints the median MB/s of each and the median of the
//! per-round ratios, to aho-corasick's fastest kind (see `common::baselines`) and to
//! daachorse, the other Rust peer of the goals (see [`daachorse`]).
//! Same environment variables as the `gazetteer` bench.
//!
//! ```text
//! cargo bench --bench gazetteer_ratio [-- ROUNDS]   (default 15 rounds)
//! ```

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use aho_corasick::AhoCorasick;
use common::{baselines, gazetteer_tsv, sizes, texts};
use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};
use whosaid::Gazetteer;

/// daachorse's byte-wise double array over the names, leftmost-longest. It has no
/// case-insensitive mode, so it matches lower-cased names in texts lower-cased before
/// the clock starts: its rate leaves that work out, to its favour. (Its
/// character-wise kind was slower on these texts: 125, 91 and 74 MB/s against 136,
/// 100 and 80.)
fn daachorse(tsv: &str) -> DoubleArrayAhoCorasick<u32> {
    let mut names: Vec<String> =
        tsv.lines().filter_map(|l| l.split('\t').next()).map(str::to_lowercase).collect();
    // It refuses a pattern given twice, or empty.
    names.retain(|n| !n.is_empty());
    names.sort_unstable();
    names.dedup();
    DoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
        .expect("the daachorse automaton builds")
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Time spent by this thread on a core, or `None` where it is not reported.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// Seconds taken by `f`: CPU time where reported, else wall-clock time.
fn seconds<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let (cpu, wall) = (cpu_time(), Instant::now());
    let out = f();
    let taken = match (cpu, cpu_time()) {
        (Some(a), Some(b)) => b - a,
        _ => wall.elapsed(),
    };
    (out, taken.as_secs_f64())
}

fn main() {
    let rounds: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(15).max(1);
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    println!(
        "size | whosaid MB/s | aho-corasick MB/s, best kind | ratio (median of {rounds} rounds) \
         | daachorse MB/s | ratio | whole-token matches | baseline substring matches \
         | every kind's MB/s"
    );
    for (size, entries) in sizes() {
        let (tsv, source) = gazetteer_tsv(size, entries);
        let gaz = Gazetteer::builder().add_tsv_str(&tsv, &source).build().expect("gazetteer");
        let acs = baselines(&tsv);
        let daac = daachorse(&tsv);
        let daac_once = || -> usize {
            lower.iter().map(|t| daac.leftmost_find_iter(black_box(t.as_str())).count()).sum()
        };
        let ours_once = || texts.iter().map(|t| black_box(gaz.find(black_box(t))).len()).sum();
        let theirs_once = |ac: &AhoCorasick| -> usize {
            texts.iter().map(|t| ac.find_iter(black_box(t.as_str())).count()).sum()
        };
        let (found, hits): (usize, usize) = (ours_once(), theirs_once(&acs[0]));
        let start = Instant::now();
        ours_once();
        let passes = (0.25 / start.elapsed().as_secs_f64()).ceil().max(1.0) as usize;
        let volume = (bytes * passes) as f64 / 1e6;
        // Per round: whosaid's MB/s, then each kind's MB/s and whosaid's ratio to it.
        let mut ours = Vec::new();
        let mut theirs = vec![Vec::new(); acs.len()];
        let mut ratios = vec![Vec::new(); acs.len()];
        let (mut daac_rates, mut daac_ratios) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let ((), s) = seconds(|| (0..passes).for_each(|_| _ = ours_once()));
            let a = volume / s;
            ours.push(a);
            for (k, ac) in acs.iter().enumerate() {
                let (_, s) = seconds(|| (0..passes).map(|_| theirs_once(ac)).sum::<usize>());
                theirs[k].push(volume / s);
                ratios[k].push(a / (volume / s));
            }
            let (_, s) = seconds(|| (0..passes).map(|_| daac_once()).sum::<usize>());
            daac_rates.push(volume / s);
            daac_ratios.push(a * s / volume);
        }
        let rates: Vec<f64> = theirs.iter_mut().map(|r| median(r)).collect();
        let best = (0..acs.len()).max_by(|&a, &b| rates[a].total_cmp(&rates[b])).unwrap_or(0);
        let kinds: Vec<String> =
            acs.iter().zip(&rates).map(|(ac, r)| format!("{:?} {r:.0}", ac.kind())).collect();
        println!(
            "{size} ({source}) | {:.0} | {:.0} ({:?}) | {:.2} | {:.0} | {:.2} | {found} | {hits} | {}",
            median(&mut ours),
            rates[best],
            acs[best].kind(),
            median(&mut ratios[best]),
            median(&mut daac_rates),
            median(&mut daac_ratios),
            kinds.join(", ")
        );
    }
}
