#!/usr/bin/env python3
"""Runs whosaid over PolNeAR and scores its quotes with the reference scorer.

Usage (from the repository root):
    python3 eval/quotes/run.py [SPLIT_DIR] [--scorer PATH] [--pred OUT.jsonl] [--no-build]

SPLIT_DIR holds text/ and attributions/ (default ../shared/data/polnear/dev). The
command-line example analyses every text in one process; its quotes are written in the
scorer's prediction format (code-point offsets) and scored by SCORER (default
../shared/eval/quotes/score.py), whose table is printed, followed by the headline
numbers. Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def run_whosaid(texts, build):
    if build:
        subprocess.run(["cargo", "build", "--quiet", "--release", "--example", "whosaid"], check=True)
    exe = os.path.join("target", "release", "examples", "whosaid")
    out = subprocess.run([exe, *texts], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def span(s):
    return [s["char_start"], s["char_end"]]


def predictions(docs, names):
    for doc, name in zip(docs, names):
        quotes = []
        for q in doc["quotes"]:
            speaker = q.get("speaker")
            quotes.append({
                "content": [span(c) for c in q["content"]],
                "speaker": span(speaker["mention"]) if speaker else None,
                "cue": span(q["cue"]) if q.get("cue") else None,
                "rule": q["rule"],
            })
        yield {"doc": name, "quotes": quotes}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", nargs="?", default=os.path.join("..", "shared", "data", "polnear", "dev"))
    ap.add_argument("--scorer", default=os.path.join("..", "shared", "eval", "quotes", "score.py"))
    ap.add_argument("--pred", help="keep the predictions here (JSON Lines)")
    ap.add_argument("--no-build", action="store_true", help="use the existing release build")
    args = ap.parse_args()
    text_dir = os.path.join(args.split, "text")
    files = sorted(f for f in os.listdir(text_dir) if f.endswith(".txt"))
    names = [f[:-4] for f in files]
    docs = run_whosaid([os.path.join(text_dir, f) for f in files], not args.no_build)
    if len(docs) != len(files):
        sys.exit("whosaid returned %d documents for %d files" % (len(docs), len(files)))
    pred = args.pred or os.path.join(tempfile.mkdtemp(prefix="whosaid-eval-"), "predictions.jsonl")
    with open(pred, "w", encoding="utf-8") as f:
        for rec in predictions(docs, names):
            f.write(json.dumps(rec) + "\n")
    scores = pred + ".scores.json"
    subprocess.run([sys.executable, args.scorer, "--gold", args.split, "--pred", pred, "--json", scores], check=True)
    with open(scores, encoding="utf-8") as f:
        s = json.load(f)["scores"]
    d, a = s["direct_track"]["all"]["overlap"], s["all"]["all"]["overlap"]
    ind = s["all"]["indirect"]["overlap"]
    print()
    print("| metric (overlap, %) | whosaid |")
    print("|---|---|")
    print("| direct-quote track: content F1 | %.1f |" % (100 * d["F1"]))
    print("| direct-quote track: speaker accuracy | %.1f |" % (100 * d["speaker_acc"]))
    print("| direct-quote track: end-to-end F1 | %.1f |" % (100 * d["e2e_F1"]))
    print("| overall end-to-end F1 (all classes) | %.1f |" % (100 * a["e2e_F1"]))
    print("| indirect: content F1 | %.1f |" % (100 * ind["F1"]))
    print("predictions: %s" % pred)


if __name__ == "__main__":
    main()
