//! Articles analysed per second of the thread's own CPU time: the number the speed goal
//! is stated in. On a shared machine, wall-clock time counts other processes' turns on
//! the core as ours; the thread's CPU clock does not (Linux; elsewhere the bench falls
//! back to wall-clock time). The clock is read to the nanosecond: the kernel's
//! per-thread statistics file moves in scheduler ticks, a few percent of a round.
//!
//! cargo bench --bench articles_per_second -- [DIR] [ROUNDS]
//!
//! DIR holds one article per `.txt` file (default `../shared/data/polnear/dev/text`);
//! each of ROUNDS rounds (default 15) analyses every article 20 times and rates the
//! round. Prints the median and the best round: the machine's speed drifts between
//! rounds, so compare two builds by alternating their runs.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

/// Passes over the articles in one round.
const PASSES: usize = 20;

/// Nanoseconds this thread has run, or `None` where the system does not say.
#[cfg(target_os = "linux")]
fn cpu_ns() -> Option<u64> {
    /// The C library's `struct timespec` on Linux's 64-bit targets.
    #[repr(C)]
    struct Timespec {
        seconds: i64,
        nanoseconds: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, out: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    if cfg!(not(target_pointer_width = "64")) {
        return None;
    }
    let mut now = Timespec { seconds: 0, nanoseconds: 0 };
    // SAFETY: a clock id Linux defines and a pointer to a live, writable timespec of
    // the C library's layout on 64-bit targets (checked above).
    let failed = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut now) } != 0;
    let ns = u64::try_from(now.seconds).ok()? * 1_000_000_000;
    (!failed).then_some(ns + u64::try_from(now.nanoseconds).ok()?)
}

/// Nanoseconds this thread has run, or `None` where the system does not say.
#[cfg(not(target_os = "linux"))]
fn cpu_ns() -> Option<u64> {
    None
}

/// The `.txt` files of `dir`, in name order.
fn articles(dir: &str) -> Vec<String> {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("articles_per_second: {dir}: {e}");
            std::process::exit(2);
        }
    };
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn main() {
    // `cargo bench` passes `--bench`; the other arguments are ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let dir = args.first().map_or("../shared/data/polnear/dev/text", String::as_str);
    let rounds = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(15usize).max(1);
    let texts = articles(dir);
    if texts.is_empty() {
        eprintln!("articles_per_second: no .txt files in {dir}");
        std::process::exit(2);
    }
    let pipeline = whosaid::Pipeline::new();
    // The first pass builds the default gazetteer and warms the caches.
    for text in &texts {
        black_box(pipeline.analyze(text));
    }
    let clock = if cpu_ns().is_some() { "CPU time" } else { "wall-clock time" };
    let mut rates: Vec<f64> = (0..rounds)
        .map(|_| {
            let (cpu, wall) = (cpu_ns(), Instant::now());
            for _ in 0..PASSES {
                for text in &texts {
                    black_box(pipeline.analyze(black_box(text)));
                }
            }
            let seconds = match (cpu, cpu_ns()) {
                (Some(start), Some(end)) => (end - start) as f64 / 1e9,
                _ => wall.elapsed().as_secs_f64(),
            };
            (PASSES * texts.len()) as f64 / seconds
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!(
        "{} articles from {dir}, {rounds} rounds of {PASSES} passes: median {:.0}, best {:.0} articles/s ({clock})",
        texts.len(),
        rates[rates.len() / 2],
        rates[rates.len() - 1],
    );
}
