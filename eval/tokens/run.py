#!/usr/bin/env python3
"""Score whosaid's tokenizer and sentence splitter on Universal Dependencies treebanks.

Usage (from the repository root):
    python3 eval/tokens/run.py [UD_DIR] [--errors N] [--save DIR] [--reference DIR]

UD_DIR (default ../shared/data/ud) holds .conllu files. For each file this script
rebuilds the raw text and gold spans (paragraphs joined by a blank line, sentences of
a paragraph by one space unless SpaceAfter=No), runs `examples/segment_json.rs` on the
texts, and prints precision, recall and F1 of

  tokens     surface tokens ("don't" is one token; joined words merged),
  words      syntactic words ("do" + "n't"),
  sentences  sentence spans,

where a predicted span counts when both ends equal a gold span's, whitespace ignored,
micro-averaged over the documents. --save writes gold and prediction JSON files;
--reference names a directory with the reference make_raw.py and score.py and checks
that they give the same numbers on the same predictions.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KINDS = ("tokens", "words", "sentences")


def read_sentences(path):
    """Yield (doc_id, newpar, text, tokens) per sentence; tokens are
    (form, space_after, words) with words the forms of a multiword token or None."""
    doc_id, count, newpar, text, rows = None, 0, False, None, []
    with open(path, encoding="utf-8") as fh:
        for line in list(fh) + [""]:
            line = line.rstrip("\n")
            if line.startswith("#"):
                body = line[1:].strip()
                if body.startswith("newdoc"):
                    count += 1
                    doc_id = body.split("=", 1)[1].strip() if "=" in body else "doc%04d" % count
                    newpar = True
                elif body == "newpar" or body.startswith(("newpar ", "newpar=")):
                    newpar = True
                elif body.startswith("text") and body[4:].lstrip().startswith("="):
                    text = body.split("=", 1)[1].strip()
            elif line.strip():
                rows.append(line.split("\t"))
            elif rows:
                yield doc_id or "doc0000", newpar, text, group_tokens(rows)
                newpar, text, rows = False, None, []


def group_tokens(rows):
    tokens, i = [], 0
    while i < len(rows):
        cols = rows[i]
        misc = cols[9] if len(cols) > 9 else "_"
        space_after = "SpaceAfter=No" not in misc.split("|")
        i += 1
        if "-" in cols[0]:
            last = int(cols[0].split("-")[1])
            words = []
            while i < len(rows) and "-" not in rows[i][0]:
                if "." not in rows[i][0]:
                    if int(rows[i][0]) > last:
                        break
                    words.append(rows[i][1])
                i += 1
            tokens.append((cols[1], space_after, words))
        elif "." not in cols[0]:
            tokens.append((cols[1], space_after, None))
    return tokens


def fold(s):
    return s.lower().replace("\u2019", "'").replace("\u2018", "'")


def align(text, tokens, base):
    """Token and word spans of one sentence, aligning forms to its text."""
    toks, words, p = [], [], 0
    for form, _space, parts in tokens:
        while p < len(text) and text[p].isspace():
            p += 1
        start = p
        for ch in form:
            if ch.isspace():
                continue
            while p < len(text) and text[p].isspace():
                p += 1
            if p >= len(text) or text[p] != ch:
                raise ValueError("cannot align %r in %r" % (form, text))
            p += 1
        toks.append((base + start, base + p))
        surface = text[start:p]
        joined = "".join(parts or [])
        if parts and fold(joined) == fold(surface) and len(joined) == len(surface):
            q = base + start
            for w in parts:
                words.append((q, q + len(w)))
                q += len(w)
        else:
            words.append((base + start, base + p))
    return toks, words


def gold_documents(path):
    """{doc_id: {"text", "tokens", "words", "sentences"}} of one .conllu file."""
    docs = {}
    for doc_id, newpar, text, tokens in read_sentences(path):
        if text is None:
            text = "".join(f + (" " if sa and k + 1 < len(tokens) else "")
                           for k, (f, sa, _w) in enumerate(tokens))
        doc = docs.get(doc_id)
        if doc is None:
            doc = docs[doc_id] = {"parts": [], "len": 0, "space": True,
                                  "tokens": [], "words": [], "sentences": []}
            newpar = True
        if doc["len"]:
            sep = "\n\n" if newpar else (" " if doc["space"] else "")
            doc["parts"].append(sep)
            doc["len"] += len(sep)
        toks, words = align(text, tokens, doc["len"])
        doc["tokens"] += toks
        doc["words"] += words
        doc["sentences"].append((doc["len"], doc["len"] + len(text)))
        doc["parts"].append(text)
        doc["len"] += len(text)
        doc["space"] = tokens[-1][1] if tokens else True
    for doc in docs.values():
        doc["text"] = "".join(doc.pop("parts"))
        del doc["len"], doc["space"]
    return docs


def predict(texts):
    """Runs the tokenizer over {doc_id: text}; returns its spans per document."""
    cmd = ["cargo", "run", "--quiet", "--release", "--example", "segment_json"]
    run = subprocess.run(cmd, cwd=ROOT, input=json.dumps(texts).encode(), capture_output=True)
    if run.returncode:
        sys.exit(run.stderr.decode())
    return json.loads(run.stdout)


def project(spans, nonspace):
    """Spans as (start, end) counts of non-space chars before them; empty ones dropped."""
    out = set()
    for s, e in spans:
        a, b = nonspace[s], nonspace[e]
        if a < b:
            out.add((a, b))
    return out


def score(gold, pred, errors=0):
    counts = {k: [0, 0, 0] for k in KINDS}  # gold, predicted, correct
    examples = []
    for doc_id, g in gold.items():
        text = g["text"]
        nonspace = [0]
        for ch in text:
            nonspace.append(nonspace[-1] + (not ch.isspace()))
        p = pred.get(doc_id, {})
        for kind in KINDS:
            gs = project(g[kind], nonspace)
            ps = project(p.get(kind, p.get("tokens", [])) if kind == "words" else p.get(kind, []),
                         nonspace)
            c = counts[kind]
            c[0], c[1], c[2] = c[0] + len(gs), c[1] + len(ps), c[2] + len(gs & ps)
            if errors:
                for tag, spans in (("FN", gs - ps), ("FP", ps - gs)):
                    for a, b in sorted(spans)[:errors]:
                        examples.append("%s %s %s %s" % (kind, doc_id, tag, show(text, a, b)))
    result = {}
    for kind, (g, p, c) in counts.items():
        prec, rec = (c / p if p else 0.0), (c / g if g else 0.0)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        result[kind] = {"precision": prec, "recall": rec, "f1": f1, "gold": g, "pred": p, "correct": c}
    return result, examples


def show(text, a, b):
    """The text around the a-th to (b-1)-th non-space chars, span in [[ ]]."""
    pos = [i for i, ch in enumerate(text) if not ch.isspace()]
    s, e = pos[a], pos[b - 1] + 1
    clip = lambda t: t.replace("\n", " ")
    return "%s[[%s]]%s" % (clip(text[max(0, s - 25):s]), text[s:e].replace("\n", "\\n"), clip(text[e:e + 25]))


def reference_scores(ref_dir, conllu, gold_path, pred_path, out_dir):
    """Scores from the reference scripts on the same predictions."""
    ref_gold = os.path.join(out_dir, "reference-gold.json")
    ref_json = os.path.join(out_dir, "reference-scores.json")
    subprocess.run([sys.executable, os.path.join(ref_dir, "make_raw.py"), conllu, ref_gold],
                   check=True, capture_output=True)
    with open(ref_gold, encoding="utf-8") as fh, open(gold_path, encoding="utf-8") as mine:
        theirs, ours = json.load(fh), json.load(mine)
    keys = ("text",) + KINDS
    if {d: [g[k] for k in keys] for d, g in theirs.items()} != {d: [g[k] for k in keys] for d, g in ours.items()}:
        sys.exit("gold from %s differs from the reference" % conllu)
    subprocess.run([sys.executable, os.path.join(ref_dir, "score.py"), ref_gold, pred_path,
                    "--json", ref_json], check=True, capture_output=True)
    with open(ref_json, encoding="utf-8") as fh:
        return json.load(fh)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ud", nargs="?", default=os.path.join("..", "shared", "data", "ud"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors per document and kind")
    ap.add_argument("--save", help="write gold-*.json and pred-*.json here")
    ap.add_argument("--reference", help="directory of the reference make_raw.py and score.py")
    a = ap.parse_args()
    files = sorted(f for f in os.listdir(a.ud) if f.endswith(".conllu"))
    if not files:
        sys.exit("no .conllu file in %s" % a.ud)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = a.save or tmp
        os.makedirs(out_dir, exist_ok=True)
        for name in files:
            conllu = os.path.join(a.ud, name)
            gold = gold_documents(conllu)
            pred = predict({d: g["text"] for d, g in gold.items()})
            result, examples = score(gold, pred, a.errors)
            for line in examples:
                print(line)
            stem = name[: -len(".conllu")]
            gold_path = os.path.join(out_dir, "gold-%s.json" % stem)
            pred_path = os.path.join(out_dir, "pred-%s.json" % stem)
            with open(gold_path, "w", encoding="utf-8") as fh:
                json.dump(gold, fh, ensure_ascii=False)
            with open(pred_path, "w", encoding="utf-8") as fh:
                json.dump(pred, fh)
            if a.reference:
                ref = reference_scores(a.reference, conllu, gold_path, pred_path, out_dir)
                for kind in KINDS:
                    if ref[kind]["f1"] != result[kind]["f1"]:
                        sys.exit("%s %s: %r here, %r by the reference" % (name, kind, result[kind], ref[kind]))
            rows.append((stem, result))
    print("| treebank | token F1 | word F1 | sentence F1 |")
    print("|---|---|---|---|")
    for stem, r in rows:
        print("| %s | %.2f | %.2f | %.2f |" % (stem, *(100 * r[k]["f1"] for k in KINDS)))
    if a.reference:
        print("(equal to the reference scorer in %s)" % a.reference)


if __name__ == "__main__":
    main()
