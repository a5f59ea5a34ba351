"""Computes what `driftwatch compare` must print for the churn fixtures, with scipy/numpy.

Run from the repository root: python3 Fixtures/churn/expected_scipy.py
Writes Fixtures/churn/expected-scipy.json (committed). Development-time tool only; the tests
read the JSON and never run Python.

Column typing follows driftwatch: a column whose non-empty cells all parse as numbers is
numeric; empty, NaN and infinite cells are missing. PSI is the definition in
Fixtures/vectors/README.md (10 quantile bins from the reference, epsilon 1e-4).
"""
import csv
import json
import math

import numpy as np
from scipy import stats
from scipy.spatial import distance


def read(path):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def number(cell):
    try:
        return float(cell)
    except ValueError:
        return None


def column(header, rows, name):
    index = header.index(name)
    return [row[index] for row in rows]


def psi_numeric(ref, cur, k=10, eps=1e-4):
    s = np.sort(ref)
    n = len(s)
    raw = []
    for i in range(k + 1):
        q = i / k
        v = (n - 1) * q
        lo = math.floor(v)
        hi = min(lo + 1, n - 1)
        g = v - lo
        a, b = s[lo], s[hi]
        d = b - a
        raw.append(b - d * (1 - g) if g >= 0.5 else a + d * g)
    edges = np.unique(raw)
    ref_counts = np.bincount(np.searchsorted(edges[1:-1], ref, side="right"), minlength=len(edges) - 1)
    cur_counts = np.bincount(np.searchsorted(edges[1:-1], cur, side="right"), minlength=len(edges) - 1)
    return psi_counts(ref_counts, cur_counts, eps)


def psi_counts(ref_counts, cur_counts, eps=1e-4):
    rp = np.asarray(ref_counts, float) / np.sum(ref_counts)
    cp = np.asarray(cur_counts, float) / np.sum(cur_counts)
    rp[np.asarray(ref_counts) == 0] = eps
    cp[np.asarray(cur_counts) == 0] = eps
    return float(np.sum((cp - rp) * np.log(cp / rp))), len(rp)


def expected(reference_path, production_path):
    rh, rr = read(reference_path)
    ph, pr = read(production_path)
    features = []
    for name in rh:
        if name not in ph:
            continue
        rc, pc = column(rh, rr, name), column(ph, pr, name)
        nonempty = [c for c in rc + pc if c.strip() != ""]
        numeric = all(number(c) is not None for c in nonempty)
        if numeric:
            ref = np.array([number(c) for c in rc if c.strip() and math.isfinite(number(c))])
            cur = np.array([number(c) for c in pc if c.strip() and math.isfinite(number(c))])
            ks = stats.ks_2samp(ref, cur)
            cvm = stats.cramervonmises_2samp(ref, cur)
            w = stats.wasserstein_distance(ref, cur)
            psi, bins = psi_numeric(ref, cur)
            features.append({
                "name": name, "kind": "numeric",
                "reference_count": len(ref), "production_count": len(cur),
                "ks": {"statistic": float(ks.statistic), "p_value": float(ks.pvalue)},
                "cramer_von_mises": {"statistic": float(cvm.statistic), "p_value": float(cvm.pvalue)},
                "wasserstein": {"distance": float(w), "normalized": float(w / np.std(ref))},
                "psi": {"value": psi, "bins": bins},
            })
        else:
            def missing(c):
                x = number(c)
                return c.strip() == "" or (x is not None and not math.isfinite(x))
            ref = [c for c in rc if not missing(c)]
            cur = [c for c in pc if not missing(c)]
            cats = sorted(set(ref) | set(cur))
            rcnt = [ref.count(c) for c in cats]
            ccnt = [cur.count(c) for c in cats]
            chi = stats.chi2_contingency([rcnt, ccnt], correction=False)
            js = distance.jensenshannon(rcnt, ccnt, base=2)
            psi, bins = psi_counts(rcnt, ccnt)
            features.append({
                "name": name, "kind": "categorical",
                "reference_count": len(ref), "production_count": len(cur),
                "chi_square": {"statistic": float(chi.statistic), "p_value": float(chi.pvalue), "dof": int(chi.dof)},
                "jensen_shannon": {"distance": float(js)},
                "psi": {"value": psi, "bins": bins},
            })
    return features


if __name__ == "__main__":
    out = {}
    for hour in ["production-clean", "production-drifted"]:
        out[hour] = expected("Fixtures/churn/reference.csv", f"Fixtures/churn/{hour}.csv")
    with open("Fixtures/churn/expected-scipy.json", "w") as handle:
        json.dump(out, handle, indent=1)
        handle.write("\n")
