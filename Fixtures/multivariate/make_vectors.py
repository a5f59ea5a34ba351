#!/usr/bin/env python3
"""Independent numpy computations of Driftwatch's multivariate tests -> vectors.json.

Run:  python3 Fixtures/multivariate/make_vectors.py   (numpy only; not a runtime dependency)

Every number is computed the direct way, not the way the Swift code does it:
  * MMD: pairwise differences (no Gram-matrix trick), unbiased MMD^2 from explicit index
    sets for the observed split and for every permutation (no indicator product), median
    heuristic via np.median over i<j.
  * PCA: singular value decomposition of the standardized fit rows (not an eigensolver on
    the covariance).
The seeded parts (permutations, bootstrap draws) replay the generator Swift uses:
SplitMix64 and Lemire's bounded draw (Swift's RandomNumberGenerator.next(upperBound:)).
Inputs are stored in the file, so the Swift tests need neither numpy nor this script.
"""
import json
import os

import numpy as np

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        m = self.next() * bound
        if (m & MASK) < bound:
            t = ((1 << 64) - bound) % bound
            while (m & MASK) < t:
                m = self.next() * bound
        return m >> 64


def standardize(fit, x):
    mean = fit.mean(axis=0)
    sd = fit.std(axis=0)          # population (ddof=0)
    sd = np.where(sd > 0, sd, 1.0)
    return (x - mean) / sd


def unbiased_mmd2(k, xs, ys):
    kxx = k[np.ix_(xs, xs)]
    kyy = k[np.ix_(ys, ys)]
    kxy = k[np.ix_(xs, ys)]
    n, m = len(xs), len(ys)
    return ((kxx.sum() - np.trace(kxx)) / (n * (n - 1))
            + (kyy.sum() - np.trace(kyy)) / (m * (m - 1))
            - 2 * kxy.sum() / (n * m))


def mmd(x, y, permutations, seed, bandwidth=None):
    pooled = np.vstack([x, y])
    z = standardize(pooled, pooled)
    diff = z[:, None, :] - z[None, :, :]
    d2 = (diff ** 2).sum(axis=2)
    iu = np.triu_indices(len(z), 1)
    if bandwidth is None:
        dist = np.sqrt(d2[iu])
        sigma = float(np.median(dist))
        if sigma == 0:
            sigma = float(np.median(dist[dist > 0])) if (dist > 0).any() else 0.0
    else:
        sigma = bandwidth
    k = np.exp(-d2 / (2 * sigma * sigma)) if sigma > 0 else np.ones_like(d2)
    n, total = len(x), len(z)
    observed = unbiased_mmd2(k, np.arange(n), np.arange(n, total))
    g = SplitMix64(seed)
    exceed = 0
    permuted = []
    for _ in range(permutations):
        order = list(range(total))
        for i in range(total - 1, 0, -1):
            j = g.below(i + 1)
            order[i], order[j] = order[j], order[i]
        order = np.array(order)
        stat = unbiased_mmd2(k, order[:n], order[n:])
        permuted.append(stat)
        exceed += stat >= observed
    # A permuted statistic within 1e-12 of the observed one could compare differently in Swift.
    margin = float(np.min(np.abs(np.array(permuted) - observed)))
    # Those ties may count either way, and only those: the p-value's exact range.
    gaps = np.array(permuted) - observed
    surely_above = int(np.sum(gaps > 1e-12))
    tied = int(np.sum(np.abs(gaps) <= 1e-12))
    return {"statistic": float(observed), "p_value": (1 + exceed) / (1 + permutations),
            "bandwidth": sigma, "min_gap_to_permuted": margin,
            "p_value_min": (1 + surely_above) / (1 + permutations),
            "p_value_max": (1 + surely_above + tied) / (1 + permutations)}


def pca(reference, production, fraction, bootstrap, sigmas, seed):
    fit, hold = reference[0::2], reference[1::2]
    mean = fit.mean(axis=0)
    sd = fit.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    zf = (fit - mean) / sd
    _, s, vt = np.linalg.svd(zf, full_matrices=False)
    var = s ** 2 / (len(fit) - 1)
    ratio = var / var.sum()
    k = int(np.searchsorted(np.cumsum(ratio), fraction, side="right") + 1)
    w = vt[:k]

    def errors(x):
        z = (x - mean) / sd
        return np.sqrt(((z - z @ w.T @ w) ** 2).sum(axis=1))

    he = errors(hold)
    pe = errors(production)
    m, h = len(production), len(he)
    chunk = max(1, int(np.floor(m * h / (m + h) + 0.5)))   # round half away from zero (positive)
    g = SplitMix64(seed)
    means = []
    for _ in range(bootstrap):
        means.append(sum(he[g.below(h)] for _ in range(chunk)) / chunk)
    means = np.array(means)
    half = sigmas * means.std(ddof=1)
    centre = float(he.mean())
    return {"components": k, "explained_variance_ratio": ratio.tolist(), "means": mean.tolist(),
            "scales": sd.tolist(), "holdout_mean_error": centre, "error": float(pe.mean()),
            "lower": centre - half, "upper": centre + half, "chunk_rows": chunk,
            "production_errors_head": pe[:5].tolist()}


def correlated(rng, n, d, rho):
    cov = np.full((d, d), rho) + (1 - rho) * np.eye(d)
    return rng.multivariate_normal(np.zeros(d), cov, size=n)


def main():
    rng = np.random.default_rng(20261129)
    cases = []
    x = correlated(rng, 60, 4, 0.8)
    y = correlated(rng, 50, 4, -0.2)
    cases.append({"id": "mmd-correlation-shift", "kind": "mmd", "permutations": 100, "seed": 7,
                  "x": x.tolist(), "y": y.tolist(), "expected": mmd(x, y, 100, 7)})
    x = rng.normal(size=(40, 3))
    y = rng.normal(size=(45, 3))
    cases.append({"id": "mmd-same-distribution", "kind": "mmd", "permutations": 200, "seed": 11,
                  "x": x.tolist(), "y": y.tolist(), "expected": mmd(x, y, 200, 11)})
    x = rng.normal(size=(30, 5)) * [1, 10, 100, 0.01, 1] + [0, 5, -3, 1e3, 2]
    y = rng.normal(size=(25, 5)) * [1, 10, 100, 0.01, 1] + [0.5, 5, -3, 1e3, 2]
    cases.append({"id": "mmd-fixed-bandwidth", "kind": "mmd", "permutations": 50, "seed": 3, "bandwidth": 1.5,
                  "x": x.tolist(), "y": y.tolist(), "expected": mmd(x, y, 50, 3, bandwidth=1.5)})
    x = rng.integers(0, 2, size=(30, 2)).astype(float)
    x[:, 1] = 0.0
    y = rng.integers(0, 2, size=(20, 2)).astype(float)
    y[:, 1] = 0.0
    x[:25] = 0.0
    y[:18] = 0.0
    cases.append({"id": "mmd-mostly-ties", "kind": "mmd", "permutations": 30, "seed": 5,
                  "x": x.tolist(), "y": y.tolist(), "expected": mmd(x, y, 30, 5)})
    ref = correlated(rng, 120, 6, 0.7)
    ref[:, 5] = 3.0   # a constant column: only centred
    prod = correlated(rng, 70, 6, 0.0)
    prod[:, 5] = 3.0
    cases.append({"id": "pca-correlation-break", "kind": "pca", "variance_fraction": 0.65, "bootstrap": 400,
                  "sigmas": 3.0, "seed": 9, "reference": ref.tolist(), "production": prod.tolist(),
                  "expected": pca(ref, prod, 0.65, 400, 3.0, 9)})
    ref = rng.normal(size=(200, 8)) @ rng.normal(size=(8, 8))
    prod = rng.normal(size=(500, 8)) @ rng.normal(size=(8, 8))
    cases.append({"id": "pca-many-components", "kind": "pca", "variance_fraction": 0.9, "bootstrap": 300,
                  "sigmas": 2.5, "seed": 1, "reference": ref.tolist(), "production": prod.tolist(),
                  "expected": pca(ref, prod, 0.9, 300, 2.5, 1)})
    out = {"generator": {"script": "Fixtures/multivariate/make_vectors.py", "numpy": np.__version__},
           "tolerances": {"statistic_abs": 1e-12, "bandwidth_rel": 1e-12, "pca_rel": 1e-9},
           "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    for c in cases:
        e = c["expected"]
        print(c["id"], {k: v for k, v in e.items() if not isinstance(v, list)})


if __name__ == "__main__":
    main()
