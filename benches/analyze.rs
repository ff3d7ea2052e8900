//! End to end: analysing a ~5 KB news article with `Pipeline::analyze`, and the same
//! through the C ABI (`whosaid_pipeline_analyze` + `whosaid_document_free`), which is what
//! C and Python callers pay. `benches/python_overhead.py` compares Python with these.
//!
//! cargo bench --bench analyze

use std::ffi::c_void;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The sample wire story's paragraphs, cycled until the text reaches 5000 bytes
/// (`benches/python_overhead.py` builds the same text).
fn article_5k() -> String {
    let story = include_str!("../examples/wire-story.txt");
    let mut text = String::new();
    for paragraph in story.trim_end().split("\n\n").cycle() {
        if text.len() >= 5000 {
            break;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(paragraph);
    }
    text
}

// The library's C ABI, linked from the rlib; handles are opaque.
extern "C" {
    fn whosaid_pipeline_new(options: *const c_void, out: *mut *mut c_void) -> u32;
    fn whosaid_pipeline_free(pipeline: *mut c_void);
    fn whosaid_pipeline_analyze(
        pipeline: *const c_void,
        text: *const u8,
        len: usize,
        out: *mut *mut c_void,
    ) -> u32;
    fn whosaid_document_free(doc: *mut c_void);
}

fn analyze(c: &mut Criterion) {
    let text = article_5k();
    let pipeline = whosaid::Pipeline::new();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("article_5k", |b| b.iter(|| pipeline.analyze(black_box(&text))));

    let mut handle = std::ptr::null_mut();
    // SAFETY: NULL options and a valid out-pointer.
    assert_eq!(unsafe { whosaid_pipeline_new(std::ptr::null(), &mut handle) }, 0);
    group.bench_function("article_5k_c_abi", |b| {
        b.iter(|| {
            let mut doc = std::ptr::null_mut();
            // SAFETY: a live pipeline, the text's bytes, a valid out-pointer; the
            // document is freed once.
            unsafe {
                assert_eq!(
                    whosaid_pipeline_analyze(handle, text.as_ptr(), text.len(), &mut doc),
                    0
                );
                whosaid_document_free(black_box(doc));
            }
        })
    });
    // SAFETY: made above, freed once.
    unsafe { whosaid_pipeline_free(handle) };
    group.finish();
}

criterion_group!(benches, analyze);
criterion_main!(benches);
