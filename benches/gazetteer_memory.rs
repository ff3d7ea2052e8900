//! Heap used by a compiled gazetteer, counted by a global allocator: peak while
//! building, retained after building, and retained after loading the saved form;
//! with the median times of building from the file (reading and parsing included)
//! and of loading the saved form, in wall-clock and (on Linux) CPU time.
//!
//! ```text
//! cargo bench --bench gazetteer_memory -- [TSV]
//! ```
//!
//! The TSV defaults to `$WHOSAID_BENCH_GAZ_L`, then `../shared/data/gazetteers/bench_L.tsv`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use whosaid::Gazetteer;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator and only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// The median wall-clock and CPU times of `runs` runs of `f` (dropping the result not
/// included), as text.
fn median_times<T>(runs: usize, mut f: impl FnMut() -> T) -> String {
    let (mut wall, mut cpu): (Vec<Duration>, Vec<Option<Duration>>) = (0..runs)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu_time());
            let value = black_box(f());
            let times = (t.elapsed(), cpu_time().zip(c).map(|(end, start)| end - start));
            drop(value);
            times
        })
        .unzip();
    wall.sort();
    cpu.sort();
    match cpu[runs / 2] {
        Some(cpu) => format!("{:.2?} ({cpu:.2?} CPU time)", wall[runs / 2]),
        None => format!("{:.2?}", wall[runs / 2]),
    }
}

/// The time this thread has run on a core (Linux only): on a busy machine the wall
/// clock also counts the time spent waiting for one.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(stat.split(' ').next()?.parse().ok()?))
}

/// Runs `f` once and returns its result, the heap it left allocated and its peak.
fn heap<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let value = f();
    (value, NOW.load(Ordering::Relaxed) - base, PEAK.load(Ordering::Relaxed) - base)
}

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .or_else(|| std::env::var("WHOSAID_BENCH_GAZ_L").ok())
        .unwrap_or_else(|| "../shared/data/gazetteers/bench_L.tsv".to_owned());
    let build = || Gazetteer::builder().add_file(&path).build();
    let (gaz, retained, peak) = heap(build);
    let gaz = match gaz {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let build_time = median_times(BUILDS, build);
    let saved = std::env::temp_dir().join(format!("whosaid-memory-{}.gaz", std::process::id()));
    gaz.save(&saved).expect("saving the gazetteer");
    let file_size = std::fs::metadata(&saved).map(|m| m.len() as usize).unwrap_or(0);
    drop(gaz);
    let load = || Gazetteer::load(&saved).expect("loading the gazetteer");
    let (loaded, loaded_retained, load_peak) = heap(load);
    let load_time = median_times(LOADS, load);
    let _ = std::fs::remove_file(&saved);
    println!("{path}: {} entries ({loaded:?})", loaded.len());
    println!(
        "build from the file, median of {BUILDS}: {build_time}; heap retained {}, peak {}",
        mb(retained),
        mb(peak)
    );
    println!("saved file {}", mb(file_size));
    println!(
        "load, median of {LOADS}: {load_time}; heap retained {}, peak {}",
        mb(loaded_retained),
        mb(load_peak)
    );
}

/// Timed runs: the machine is noisy, so the medians are reported.
const BUILDS: usize = 3;
const LOADS: usize = 5;
