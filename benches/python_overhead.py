"""What the Python layer costs over the Rust call, and what threads gain.

    cargo bench --bench analyze                      # the Rust numbers (criterion)
    bash scripts/test-python.sh                      # builds and installs the package (release)
    target/venv/bin/python benches/python_overhead.py [--repeats 15]

Prints medians over `--repeats` timing rounds (the machine may be shared: medians and
ratios, not means), for a ~5 KB article built as `benches/analyze.rs` builds it:
- `analyze`: `pipeline.analyze(text)` against the bare C call made through cffi in the same
  process, rounds interleaved (the machine's load changes between criterion's run and this
  one); criterion's last median for `analyze/article_5k` is shown for reference;
- `analyze + lists`: also building every token, sentence, entity and quote object;
- `analyze_many`: 2 threads against 1 on many articles.
Exits 1 when a target is missed: analyze within 1.2x of the C call, 2 threads >= 1.7x one.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import sys
import time
from typing import Callable, Optional

import whosaid
from whosaid._native import ffi, lib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def article_5k() -> str:
    """The sample wire story's paragraphs, cycled until the text reaches 5000 bytes."""
    story = (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8")
    paragraphs = story.rstrip().split("\n\n")
    text = ""
    i = 0
    while len(text.encode("utf-8")) < 5000:
        text += ("\n\n" if text else "") + paragraphs[i % len(paragraphs)]
        i += 1
    return text


def per_call(fn: Callable[[], object], calls: int, repeats: int) -> float:
    """Median seconds per call over `repeats` rounds of `calls` calls."""
    rounds = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        rounds.append((time.perf_counter() - start) / calls)
    return statistics.median(rounds)


def criterion_median(bench: str) -> Optional[float]:
    """Criterion's median estimate for `analyze/<bench>`, in seconds, if it was run."""
    path = ROOT / "target" / "criterion" / "analyze" / bench / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"] / 1e9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--calls", type=int, default=2000, help="calls per timing round")
    parser.add_argument("--docs", type=int, default=400, help="articles per analyze_many round")
    args = parser.parse_args()

    text = article_5k()
    pipeline = whosaid.Pipeline()
    print(f"whosaid {whosaid.__version__}, article of {len(text.encode())} bytes")
    ok = True

    raw = text.encode("utf-8")
    out = ffi.new("whosaid_document **")
    handle = pipeline._ptr

    def c_abi() -> None:  # the bare C call through cffi, as a C caller makes it
        lib.whosaid_pipeline_analyze(handle, raw, len(raw), out)
        lib.whosaid_document_free(out[0])

    pys, cs = [], []
    for _ in range(args.repeats):  # interleaved, so that both see the same machine load
        pys.append(per_call(lambda: pipeline.analyze(text), args.calls, 1))
        cs.append(per_call(c_abi, args.calls, 1))
    py, c = statistics.median(pys), statistics.median(cs)
    ratio = statistics.median(a / b for a, b in zip(pys, cs))
    print(f"analyze          python {py * 1e6:8.1f} us  (pipeline.analyze)")
    print(f"                 C ABI  {c * 1e6:8.1f} us  (bare call through cffi, interleaved)")
    print(f"                 python / C ABI = {ratio:.2f} (target <= 1.20)")
    ok &= ratio <= 1.2
    rust = criterion_median("article_5k")
    if rust is not None:  # measured at another moment: a reference, not a ratio
        print(f"                 rust   {rust * 1e6:8.1f} us  (criterion, last run)")

    def full() -> None:
        doc = pipeline.analyze(text)
        doc.paragraphs, doc.sentences, doc.tokens, doc.entities, doc.quotes

    lists = per_call(full, max(1, args.calls // 10), args.repeats)
    tokens = len(pipeline.analyze(text).tokens)
    print(f"analyze + lists  python {lists * 1e6:8.1f} us  ({tokens} tokens)")

    texts = [text] * args.docs
    ones, twos = [], []
    for _ in range(args.repeats):  # interleaved, so that both see the same machine load
        ones.append(per_call(lambda: pipeline.analyze_many(texts, threads=1), 1, 1))
        twos.append(per_call(lambda: pipeline.analyze_many(texts, threads=2), 1, 1))
    one, two = statistics.median(ones), statistics.median(twos)
    start_cpu, start = time.process_time(), time.perf_counter()
    pipeline.analyze_many(texts, threads=2)
    cores = (time.process_time() - start_cpu) / (time.perf_counter() - start)
    speedup = statistics.median(a / b for a, b in zip(ones, twos))
    print(
        f"analyze_many     1 thread {one * 1e3:7.1f} ms, 2 threads {two * 1e3:7.1f} ms "
        f"for {args.docs} articles: speedup {speedup:.2f} (median of ratios; target >= 1.70)"
    )
    print(
        f"                 cores the process got with 2 threads: {cores:.2f} "
        f"(of {os.cpu_count()}; a shared machine gives less)"
    )
    ok &= speedup >= 1.7
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
