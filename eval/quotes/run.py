#!/usr/bin/env python3
"""Runs whosaid over PolNeAR and scores its quotes with the reference scorer.

Usage (from the repository root):
    python3 eval/quotes/run.py [SPLIT_DIR] [--scorer PATH] [--pred OUT.jsonl] [--no-build]
                               [--errors] [--rule RULE]

SPLIT_DIR holds text/ and attributions/ (default ../shared/data/polnear/dev). The
command-line example analyses every text in one process; its quotes are written in the
scorer's prediction format (code-point offsets) and scored by SCORER (default
../shared/eval/quotes/score.py), whose table is printed, followed by the headline
numbers. With --errors, every direct-track quote matched with a wrong speaker is
printed (gold and predicted speaker, the rule, the text around it), then a count by
rule; --rule keeps only one rule's errors. Standard library only.
"""
import argparse
import importlib.util
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


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def one_line(text):
    return " ".join(text.split())


def speaker_errors(scorer, split, pred, only_rule):
    """Prints the direct-track quotes whose speaker is wrong and a count by rule."""
    gold_docs, _ = scorer.load_polnear_split(split)
    preds = scorer.load_predictions(pred)
    rules = {}
    with open(pred, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            rules[rec["doc"]] = [q["rule"] for q in rec["quotes"] if q["content"]]
    by_rule, totals = {}, {}
    for doc in sorted(gold_docs):
        text, gq = gold_docs[doc]
        idx = scorer.DocIndex(text)
        G = scorer.prepare(idx, gq, True)
        P = scorer.prepare(idx, preds.get(doc, []), False)
        keep = lambda c: c in ("direct", "mixed")
        g_sel = [(g, q) for g, q in zip(G, gq) if keep(g["cls"])]
        p_sel = [(p, q, r) for p, q, r in zip(P, preds.get(doc, []), rules.get(doc, [])) if keep(p["cls"])]
        pairs = scorer.match([g for g, _ in g_sel], [p for p, _, _ in p_sel], "overlap")
        for gi, pi in pairs:
            (g, gold), (p, guess, rule) = g_sel[gi], p_sel[pi]
            ok = scorer.speaker_ok(g, p)
            totals[rule] = totals.get(rule, 0) + 1
            if ok:
                continue
            by_rule[rule] = by_rule.get(rule, 0) + 1
            if only_rule and rule != only_rule:
                continue
            said = lambda spans: " / ".join(text[a:b] for a, b in spans) if spans else "-"
            a, b = gold["content"][0][0], gold["content"][-1][1]
            print("== %s [%s] gold: %s | pred: %s" % (doc, rule, said(gold["speaker"]), said(guess["speaker"])))
            before = one_line(text[max(0, a - 200):a])
            inside = one_line(text[a:b])
            if len(inside) > 160:
                inside = inside[:70] + " ... " + inside[-70:]
            print("   %s <<%s>> %s" % (before, inside, one_line(text[b:b + 160])))
    print()
    print("| rule | matched | wrong speaker |")
    print("|---|---|---|")
    for rule in sorted(totals, key=lambda r: -by_rule.get(r, 0)):
        print("| %s | %d | %d |" % (rule, totals[rule], by_rule.get(rule, 0)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", nargs="?", default=os.path.join("..", "shared", "data", "polnear", "dev"))
    ap.add_argument("--scorer", default=os.path.join("..", "shared", "eval", "quotes", "score.py"))
    ap.add_argument("--pred", help="keep the predictions here (JSON Lines)")
    ap.add_argument("--no-build", action="store_true", help="use the existing release build")
    ap.add_argument("--errors", action="store_true", help="print the direct-track speaker errors")
    ap.add_argument("--rule", help="with --errors, only this rule's errors")
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
    if args.errors:
        speaker_errors(load_scorer(args.scorer), args.split, pred, args.rule)


if __name__ == "__main__":
    main()
