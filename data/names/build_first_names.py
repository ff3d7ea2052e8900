#!/usr/bin/env python3
"""Builds first_names.tsv (name, typical gender) from the 1990 US Census first-name lists.

Usage: python3 data/names/build_first_names.py DIR > data/names/first_names.tsv
DIR holds dist.male.first and dist.female.first (as shipped by the PyPI package `names`).
A name on both lists gets the gender whose frequency is at least three times the
other's, else "u" (either).
"""
import os
import sys


def read(path):
    freq = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0].capitalize()] = float(parts[1])
    return freq


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "."
    male = read(os.path.join(src, "dist.male.first"))
    female = read(os.path.join(src, "dist.female.first"))
    print("# First names and typical gender (m, f, u = either), from the 1990 US Census")
    print("# name lists (public domain). Built by build_first_names.py; see SOURCES.md.")
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        gender = "m" if m >= 3 * f else "f" if f >= 3 * m else "u"
        print(f"{name}\t{gender}")


if __name__ == "__main__":
    main()
