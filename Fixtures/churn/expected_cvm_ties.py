"""Independent expectations for Driftwatch's Cramér–von Mises test on the tied churn features.

Run from the repository root: python3 Fixtures/churn/expected_cvm_ties.py
Writes Fixtures/churn/expected-cvm-ties.json (committed). Development-time tool only.

scipy.stats.cramervonmises_2samp computes T from mid-ranks with Anderson's rank formula, which
is only valid without ties, so for tied features expected-scipy.json is not the reference for
Cramér–von Mises. Every numeric churn feature has ties in the pooled sample; for each one this
script computes, independently of the Swift code:

* `statistic`: T = nm/N² Σ over the pooled observations of (F_n(z) − G_m(z))², the ECDFs
  evaluated with numpy.searchsorted(side='right') at every pooled value, summed exactly with
  Python integers (Fraction), then rounded once;
* `method`: the rule Driftwatch documents: "asymptotic" when no value holds more than 1 % of
  the pooled sample and both samples have more than 20 values, else "permutation";
* `p_value` for "asymptotic": Anderson's normalisation with the tie-aware mean and variance,
  computed here by the O(K²) double sum (Driftwatch uses prefix sums), referred to scipy's own
  truncated limiting series `scipy.stats._hypotests._cdf_cvm_inf`;
* `p_value` for "permutation": a Monte Carlo estimate over 20 000 relabellings drawn with
  numpy's `multivariate_hypergeometric` (a different generator and sampler from Driftwatch's),
  as (1 + #{S* >= S}) / (1 + 20 000), with its standard error `p_value_se`.
"""
import json
import math
from fractions import Fraction

import numpy as np
from scipy.stats._hypotests import _cdf_cvm_inf

from expected_scipy import number, read   # the same CSV reading and cell typing as scipy's file

PERMUTATIONS = 20_000


def values(header, rows, name):
    index = header.index(name)
    out = []
    for row in rows:
        cell = row[index]
        if cell.strip() == "":
            continue
        v = number(cell)
        if v is not None and math.isfinite(v):
            out.append(v)
    return np.array(out)


def definitional_statistic(x, y):
    x = np.sort(x)
    y = np.sort(y)
    n, m = len(x), len(y)
    pooled = np.concatenate([x, y])
    a = np.searchsorted(x, pooled, side="right").astype(object)   # n·F_n(z)
    b = np.searchsorted(y, pooled, side="right").astype(object)   # m·G_m(z)
    total = sum(int(m * ai - n * bi) ** 2 for ai, bi in zip(a, b))
    return Fraction(total, n * m * (n + m) ** 2)


def tie_aware_pvalue(x, y, t):
    pooled = np.sort(np.concatenate([x, y]))
    big_n = len(pooled)
    levels, counts = np.unique(pooled, return_counts=True)
    c = np.cumsum(counts).astype(float)
    w = counts / big_n
    # gamma[j, k] = C_min (N − C_max) / (N (N − 1)): the covariance of the normalised ECDF difference.
    cj = np.minimum.outer(c, c)
    ck = np.maximum.outer(c, c)
    gamma = cj * (big_n - ck) / (big_n * (big_n - 1.0))
    mean = float(np.sum(w * np.diag(gamma)))
    variance = float(2 * np.sum(np.outer(w, w) * gamma ** 2))
    tn = 1 / 6 + (t - mean) / math.sqrt(45 * variance)
    return 1.0 if tn < 0.003 else max(0.0, 1 - float(_cdf_cvm_inf(tn)))


def permutation_pvalue(x, y, seed):
    pooled = np.concatenate([x, y])
    levels, counts = np.unique(pooled, return_counts=True)
    n, m = len(x), len(y)
    big_n = n + m
    cum = np.cumsum(counts).astype(float)

    def s_of(xcounts):
        a = np.cumsum(xcounts, axis=-1).astype(float)
        d = big_n * a - n * cum
        return np.sum(counts * d * d, axis=-1)

    observed = s_of(np.searchsorted(np.sort(x), levels, side="right") - np.searchsorted(np.sort(x), levels, side="left"))
    rng = np.random.default_rng(seed)
    exceed = 0
    for chunk in range(0, PERMUTATIONS, 1000):
        draws = rng.multivariate_hypergeometric(counts, n, size=1000)
        exceed += int(np.sum(s_of(draws) >= observed * (1 - 1e-12)))
    p = (1 + exceed) / (1 + PERMUTATIONS)
    return p, math.sqrt(p * (1 - p) / PERMUTATIONS)


def expected(reference_path, production_path, seed):
    rh, rr = read(reference_path)
    ph, pr = read(production_path)
    result = {}
    for name in rh:
        if name not in ph:
            continue
        cells = [row[rh.index(name)] for row in rr] + [row[ph.index(name)] for row in pr]
        if not all(number(cell) is not None for cell in cells if cell.strip() != ""):
            continue
        x, y = values(rh, rr, name), values(ph, pr, name)
        pooled = np.concatenate([x, y])
        _, counts = np.unique(pooled, return_counts=True)
        if len(counts) == len(pooled):
            continue   # tie-free: expected-scipy.json applies
        t = definitional_statistic(x, y)
        nearly_continuous = counts.max() <= 0.01 * len(pooled) and min(len(x), len(y)) > 20
        entry = {"statistic": float(t), "distinct": int(len(counts)),
                 "largest_share": float(counts.max() / len(pooled))}
        if nearly_continuous:
            entry.update(method="asymptotic", p_value=tie_aware_pvalue(x, y, float(t)))
        else:
            p, se = permutation_pvalue(x, y, seed)
            entry.update(method="permutation", p_value=p, p_value_se=se)
        result[name] = entry
    return result


if __name__ == "__main__":
    out = {hour: expected("Fixtures/churn/reference.csv", f"Fixtures/churn/{hour}.csv", seed)
           for seed, hour in enumerate(["production-clean", "production-drifted"])}
    with open("Fixtures/churn/expected-cvm-ties.json", "w") as handle:
        json.dump(out, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(json.dumps(out, indent=1, sort_keys=True))
