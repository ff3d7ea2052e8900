//! Heap used by a compiled gazetteer, counted by a global allocator: peak while
//! building, retained after building, and retained after loading the saved form.
//!
//! ```text
//! cargo bench --bench gazetteer_memory -- [TSV]   (default ../shared/data/gazetteers/bench_L.tsv)
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

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

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "../shared/data/gazetteers/bench_L.tsv".to_owned());
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t = Instant::now();
    let gaz = match Gazetteer::builder().add_file(&path).build() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let build = t.elapsed();
    let retained = NOW.load(Ordering::Relaxed) - base;
    let peak = PEAK.load(Ordering::Relaxed) - base;
    let saved = std::env::temp_dir().join(format!("whosaid-memory-{}.gaz", std::process::id()));
    gaz.save(&saved).expect("saving the gazetteer");
    let file_size = std::fs::metadata(&saved).map(|m| m.len() as usize).unwrap_or(0);
    drop(gaz);
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t = Instant::now();
    let loaded = Gazetteer::load(&saved).expect("loading the gazetteer");
    let load = t.elapsed();
    let loaded_retained = NOW.load(Ordering::Relaxed) - base;
    let load_peak = PEAK.load(Ordering::Relaxed) - base;
    let _ = std::fs::remove_file(&saved);
    println!("{path}: {} entries ({loaded:?})", loaded.len());
    println!("build {build:.2?}: heap retained {}, peak {}", mb(retained), mb(peak));
    println!("saved file {}", mb(file_size));
    println!("load {load:.2?}: heap retained {}, peak {}", mb(loaded_retained), mb(load_peak));
}
