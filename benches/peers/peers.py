#!/usr/bin/env python3
"""Times the tools users would otherwise pick on the same news text as whosaid.

Rows: tokenization (spaCy's rule-based English tokenizer, blingfire) and gazetteer
matching (flashtext whole-token, pyahocorasick substring) with the benchmark gazetteers.
Each figure is the median of several runs, in MB/s of UTF-8 input, single thread.
The whosaid rows come from its criterion benches on the same text and gazetteers
(see the README); this script prints the peers so the two can be set side by side.

    python3 benches/peers/peers.py [--texts DIR] [--gazetteers DIR] [--runs N]

Needs: pip install spacy flashtext pyahocorasick blingfire (`run.sh` makes a venv).
"""
import argparse
import pathlib
import statistics
import time


def load_texts(directory):
    files = sorted(pathlib.Path(directory).glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {directory}")
    return [f.read_text(encoding="utf-8") for f in files]


def load_names(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                names.append(line.split("\t", 1)[0])
    return names


def median_mbps(fn, texts, runs):
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for t in texts:
            fn(t)
        times.append(time.perf_counter() - start)
    return size / statistics.median(times)


def tokenizers():
    rows = []
    try:
        import spacy

        nlp = spacy.blank("en")
        rows.append(("spaCy blank('en') tokenizer", lambda t: len(nlp.tokenizer(t))))
    except ImportError:
        print("# spaCy not installed: row skipped")
    try:
        import blingfire

        rows.append(("blingfire text_to_words", lambda t: len(blingfire.text_to_words(t))))
    except ImportError:
        print("# blingfire not installed: row skipped")
    return rows


def matchers(names):
    rows = []
    try:
        from flashtext import KeywordProcessor

        start = time.perf_counter()
        kp = KeywordProcessor(case_sensitive=False)
        for n in names:
            kp.add_keyword(n)
        built = time.perf_counter() - start
        rows.append(("flashtext (whole tokens)", built, lambda t: len(kp.extract_keywords(t, span_info=True))))
    except ImportError:
        print("# flashtext not installed: row skipped")
    try:
        import ahocorasick

        start = time.perf_counter()
        automaton = ahocorasick.Automaton()
        for i, n in enumerate(names):
            automaton.add_word(n.lower(), i)
        automaton.make_automaton()
        built = time.perf_counter() - start
        rows.append((
            "pyahocorasick (substrings, lower-cased text)",
            built,
            lambda t: sum(1 for _ in automaton.iter_long(t.lower())),
        ))
    except ImportError:
        print("# pyahocorasick not installed: row skipped")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default="../shared/data/polnear/train/text")
    ap.add_argument("--gazetteers", default="../shared/data/gazetteers")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="S,M,L", help="which bench_<size>.tsv to use")
    args = ap.parse_args()

    texts = load_texts(args.texts)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"# {len(texts)} texts, {size:.2f} MB, median of {args.runs} runs, one thread")
    print("| task | tool | MB/s | build s |")
    print("|---|---|---|---|")
    for name, fn in tokenizers():
        print(f"| tokens | {name} | {median_mbps(fn, texts, args.runs):.1f} | |")
    for size_name in args.sizes.split(","):
        path = pathlib.Path(args.gazetteers) / f"bench_{size_name}.tsv"
        if not path.exists():
            print(f"# {path} missing: skipped")
            continue
        names = load_names(path)
        for name, built, fn in matchers(names):
            mbps = median_mbps(fn, texts, max(1, args.runs // 2))
            print(f"| match {size_name} ({len(names):,}) | {name} | {mbps:.1f} | {built:.1f} |")


if __name__ == "__main__":
    main()
