#!/usr/bin/env python3
"""KS vectors with tiny asymptotic p-values (1e-15 .. 1e-300) -> ks_2samp_tiny.json.

The public ks_2samp.json has no asymptotic case below 1e-14, so a p-value flushed to 0 there
would pass. These cases force method='asymp' on well-separated samples, in every alternative.
Same schema as ks_2samp.json (see README.md); the test suite picks up every *.json here.

Run:  python3 Fixtures/vectors/make_ks_tiny.py   (numpy + scipy; test-time only)
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

CASES = [
    # (description, n, m, shift, scale, alternative)
    ("normal n=300 vs normal(1.3,1) n=250, two-sided", 300, 250, 1.3, 1.0, "two-sided"),
    ("normal n=800 vs normal(1.5,1) n=700, two-sided", 800, 700, 1.5, 1.0, "two-sided"),
    ("normal n=1500 vs normal(2,1) n=1200, two-sided", 1500, 1200, 2.0, 1.0, "two-sided"),
    ("normal n=400 vs normal(-1.2,1) n=500, less", 400, 500, -1.2, 1.0, "less"),
    ("normal n=400 vs normal(1.2,1) n=500, greater", 400, 500, 1.2, 1.0, "greater"),
    ("normal n=1000 vs normal(2.5,1) n=1000, greater (p near 1e-280)", 1000, 1000, 2.5, 1.0, "greater"),
    ("normal n=600 vs normal(0,3) n=600, two-sided scale change", 600, 600, 0.0, 3.0, "two-sided"),
]


def main():
    rng = np.random.default_rng(20261204)
    cases = []
    for index, (description, n, m, shift, scale, alternative) in enumerate(CASES, start=1):
        x = rng.normal(0.0, 1.0, n).round(12)
        y = rng.normal(shift, scale, m).round(12)
        result = stats.ks_2samp(x, y, alternative=alternative, method="asymp")
        p = float(result.pvalue)
        assert 0 < p < 1e-14, (description, p)
        cases.append({
            "id": f"ks_2samp/tiny/{index:03d}",
            "description": description + " (forced asymptotic, tiny p)",
            "tags": ["asymp", "forced-method", "tiny-p", alternative],
            "inputs": {"x": {"values": x.tolist()}, "y": {"values": y.tolist()},
                       "alternative": alternative, "method": "asymp"},
            "call": f"scipy.stats.ks_2samp(x, y, alternative='{alternative}', method='asymp')",
            "expected": {"statistic": float(result.statistic), "pvalue": p,
                         "statistic_location": float(result.statistic_location),
                         "statistic_sign": int(result.statistic_sign),
                         "pvalue_method": "asymp", "exact_fallback": False, "warnings": []},
            # README: p in [1e-300, 1e-14) must really be produced, to 6 digits.
            "tolerance": {"pvalue": {"abs": 0.0, "rel": 1e-6}},
        })
    document = {
        "schema_version": 1, "method": "ks_2samp", "set": "public",
        "reference_call": "scipy.stats.ks_2samp(x, y, alternative=..., method='asymp')",
        "generator": {"script": "Fixtures/vectors/make_ks_tiny.py", "numpy": np.__version__, "scipy": scipy.__version__,
                      "prng": "numpy default_rng(20261204), values rounded to 12 decimals"},
        "default_tolerance": {"statistic": {"abs": 1e-12, "rel": 0.0}, "pvalue": {"abs": 0.0, "rel": 1e-6},
                              "statistic_location": {"abs": 0.0, "rel": 0.0}},
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ks_2samp_tiny.json")
    with open(path, "w") as f:
        json.dump(document, f)
    for case in cases:
        print(case["id"], case["expected"]["pvalue"])


if __name__ == "__main__":
    main()
