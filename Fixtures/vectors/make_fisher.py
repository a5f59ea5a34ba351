#!/usr/bin/env python3
"""One-sided Fisher exact test vectors -> fisher_exact.json (method "fisher_exact_greater").

Driftwatch's FeatureMissingSpike asks whether a window's missing share rose above the
reference's: fisherExactIncrease(events1:trials1:events2:trials2:) must equal
scipy.stats.fisher_exact([[e2, n2 - e2], [e1, n1 - e1]], alternative="greater").pvalue.
Cases span small tables, p near 1, p tiny, large reference profiles and the degenerate margins.

Run:  python3 Fixtures/vectors/make_fisher.py   (scipy; test-time only)
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

CASES = [
    # (description, events1, trials1, events2, trials2)
    ("small table, no rise", 3, 20, 1, 15),
    ("small table, a rise", 2, 30, 9, 25),
    ("equal shares", 50, 1000, 20, 400),
    ("production share lower (p near 1)", 100, 1000, 10, 400),
    ("reference without missing values, window with a few", 0, 10000, 3, 400),
    ("1 % reference vs 1.5 % window of 400", 1000, 100000, 6, 400),
    ("1 % reference vs 60 % window (p far below 1e-300)", 1000, 100000, 240, 400),
    ("2 % reference vs 9 % window", 200, 10000, 36, 400),
    ("large window, small rise", 5000, 100000, 5600, 100000),
    ("large window, no rise", 5000, 100000, 4950, 100000),
    ("every production cell missing", 10, 1000, 50, 50),
    ("every cell missing on both sides", 100, 100, 40, 40),
    ("no missing cell anywhere", 0, 500, 0, 300),
    ("single production row, missing", 30, 1000, 1, 1),
    ("single production row, present", 30, 1000, 0, 1),
    ("mode far above the observed count", 40000, 100000, 300, 1000),
]


def main():
    cases = []
    for index, (description, e1, n1, e2, n2) in enumerate(CASES, start=1):
        if n1 == 0 or n2 == 0 or e1 + e2 == 0:
            p = 1.0
        else:
            p = float(stats.fisher_exact([[e2, n2 - e2], [e1, n1 - e1]], alternative="greater").pvalue)
        cases.append({
            "id": f"fisher_exact_greater/public/{index:03d}",
            "description": description,
            "tags": [],
            "inputs": {"events1": e1, "trials1": n1, "events2": e2, "trials2": n2},
            "expected": {"pvalue": p},
        })
    document = {
        "schema_version": 1,
        "method": "fisher_exact_greater",
        "set": "public",
        "reference_call": "scipy.stats.fisher_exact([[e2, n2-e2], [e1, n1-e1]], alternative='greater').pvalue",
        "generator": {"script": "Fixtures/vectors/make_fisher.py", "numpy": np.__version__, "scipy": scipy.__version__},
        "default_tolerance": {"pvalue": {"abs": 1e-14, "rel": 1e-9}},
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fisher_exact.json")
    with open(path, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
