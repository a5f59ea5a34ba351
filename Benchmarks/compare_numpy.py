#!/usr/bin/env python3
"""Driftwatch vs numpy/scipy, side by side, in one run on the same machine.

    python3 Benchmarks/compare_numpy.py                      # everything, markdown on stdout
    python3 Benchmarks/compare_numpy.py --output Benchmarks/results/latest.md
    python3 Benchmarks/compare_numpy.py --groups histogram,ks

For every group (histogram, ks, wasserstein, psi, compare, profile, multivariate) it runs the Swift benchmarks of
that group (`swift package --package-path Benchmarks benchmark --filter ... --format histogramPercentiles`,
release build, p50 of the wall-clock samples) and right after them the numpy/scipy
equivalents on inputs of the same size and distribution (median of several repetitions), so
every ratio comes from one run on the same (noisy) machine. It prints a markdown table:
case | numpy/scipy median | Driftwatch p50 | speed-up | target | met?

Python is a benchmark-time tool only: nothing in the package depends on it.
Progress and the Swift build/run logs go to stderr; stdout is only the markdown report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import scipy
from scipy import stats

BENCH_DIR = Path(__file__).resolve().parent          # .../Benchmarks (the nested package)
REPO_DIR = BENCH_DIR.parent

# Seeds and shapes of the generated samples. The Swift side uses its own deterministic
# generator (SplitMix64, Benchmarks/Support/BenchmarkData) with the same sizes and
# distributions: N(0, 1) for the reference, N(0.02, 1.05^2) for the production sample.
REFERENCE_SEED = 0x5EED0001
PRODUCTION_SEED = 0x5EED0002
PRODUCTION_SHIFT = 0.02
PRODUCTION_SCALE = 1.05

# The compare CSVs are written by the Swift benchmark's setup (ComparisonCSV.swift).
CSV_COLUMNS = 20
CSV_ROWS = 200_000
CSV_VERSION = 1

# The profile-build CSV (10 numeric columns x 1 000 000 rows, the compare CSVs' shapes) is
# written by the Swift ProfileBenchmarks' setup (Support/ProfileData).
PROFILE_CSV_COLUMNS = 10
PROFILE_CSV_ROWS = 1_000_000
PROFILE_DATA_VERSION = 1
PROFILE_SAMPLE_CAP = 100_000
PROFILE_PSI_BINS = 10

# The multivariate group (Benchmarks/Benchmarks/MultivariateBenchmarks): n = m = 2 000 rows of
# d = 50 features in 5 blocks of 10 sharing one latent factor (within-block correlation 0.5,
# unit variances); the production rows shifted by 0.02 and scaled by 1.05 on every feature.
MV_REFERENCE_SEED = 0x5EED0101
MV_PRODUCTION_SEED = 0x5EED0102
MV_ROWS = 2_000
MV_FEATURES = 50
MV_BLOCK = 10
MV_RHO = 0.5
MV_PERMUTATIONS = 100
MV_RECONSTRUCTION_ROWS = 100_000

# Targets from the performance brief: case-name regex -> minimum speed-up (numpy time / Driftwatch time).
TARGETS: list[tuple[str, float]] = [
    (r"histogram uniform n=1e7 .*", 5.0),
    (r"histogram edges .*", 3.0),
    (r"ks raw n=1e6 .*", 2.0),
    (r"ks presorted-reference n=1e6 .*", 4.0),
    (r"wasserstein n=1e6", 2.0),
    (r"mmd n=m=2000 d=50 perms=100", 3.0),
]

ENV_PATTERN = re.compile(r"BLAS|LAPACK|OMP_|MKL|NVPL|GOTO|VECLIB|NUMEXPR|CORETYPE|NPY_|THREADS|ARCH", re.I)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def format_time(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if abs(seconds) >= 1:
        return f"{seconds:.3f} s"
    if abs(seconds) >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def label(n: int) -> str:
    exponent = len(str(n)) - 1
    return f"1e{exponent}" if n == 10 ** exponent else str(n)


# ---------------------------------------------------------------------------------------------
# numpy / scipy side


@dataclass
class NumpyTiming:
    median: float
    minimum: float
    maximum: float
    repetitions: int


def time_numpy(function: Callable[[], object], budget: float = 4.0, max_repetitions: int = 25) -> NumpyTiming:
    """One untimed warm-up call, then repetitions until the budget is used (at least 5, or 3
    for calls over a second); returns the median."""
    start = time.perf_counter()
    function()
    first = time.perf_counter() - start
    minimum_repetitions = 3 if first > 1.0 else 5
    repetitions = max(minimum_repetitions, min(max_repetitions, int(budget / max(first, 1e-9))))
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return NumpyTiming(statistics.median(samples), min(samples), max(samples), repetitions)


def two_samples(n: int) -> tuple[np.ndarray, np.ndarray]:
    reference = np.random.default_rng(REFERENCE_SEED).standard_normal(n)
    production = PRODUCTION_SHIFT + PRODUCTION_SCALE * np.random.default_rng(PRODUCTION_SEED).standard_normal(n)
    return reference, production


def psi_numpy(reference: np.ndarray, production: np.ndarray, bins: int = 10, epsilon: float = 1e-4) -> float:
    """PSI with reference-quantile bins, as defined in Fixtures/vectors/README.md (psi.json):
    edges = unique(quantile_linear(ref, i/k)); bin = searchsorted(edges[1:-1], x, 'right');
    zero-count proportions replaced by epsilon; sum (cur - ref) * ln(cur / ref)."""
    if reference.size == 0 or production.size == 0:
        raise ValueError("empty sample")
    if not (np.isfinite(reference).all() and np.isfinite(production).all()):
        raise ValueError("non-finite value")
    ordered = np.sort(reference)
    levels = np.arange(bins + 1) / bins
    edges = np.unique(np.quantile(ordered, levels, method="linear"))
    if edges.size < 2:
        raise ValueError("degenerate reference")
    interior = edges[1:-1]
    # Reference counts from the sorted reference (one searchsorted per edge), production by bins.
    cuts = np.searchsorted(ordered, interior, side="right")
    reference_counts = np.diff(np.concatenate(([0], cuts, [ordered.size])))
    production_counts = np.bincount(np.searchsorted(interior, production, side="right"), minlength=edges.size - 1)
    reference_props = np.where(reference_counts == 0, epsilon, reference_counts / reference.size)
    production_props = np.where(production_counts == 0, epsilon, production_counts / production.size)
    return float(np.sum((production_props - reference_props) * np.log(production_props / reference_props)))


def numpy_histogram_cases() -> dict[str, Callable[[], object]]:
    cases: dict[str, Callable[[], object]] = {}
    for n in (1_000_000, 10_000_000):
        values = np.random.default_rng(REFERENCE_SEED).standard_normal(n)
        for bins in (10, 64, 1000):
            cases[f"histogram uniform n={label(n)} bins={bins}"] = (
                lambda v=values, k=bins: np.histogram(v, bins=k, range=(-4.0, 4.0)))
        edges = np.quantile(values, np.arange(21) / 20, method="linear")
        cases[f"histogram edges n={label(n)} bins=20"] = lambda v=values, e=edges: np.histogram(v, bins=e)
    return cases


def numpy_ks_cases() -> dict[str, Callable[[], object] | str]:
    cases: dict[str, Callable[[], object] | str] = {}
    for n in (10_000, 100_000, 1_000_000):
        x, y = two_samples(n)
        methods = ["auto", "asymp"] if n == 10_000 else ["auto"]
        for method in methods:
            cases[f"ks raw n={label(n)} {method}"] = lambda a=x, b=y, m=method: stats.ks_2samp(a, b, method=m)
            # scipy has no pre-sorted entry point: the baseline is the same ks_2samp timing
            # (an alias: measured once, reported on both rows).
            cases[f"ks presorted-reference n={label(n)} {method}"] = f"ks raw n={label(n)} {method}"
    # No drift: both samples N(0, 1). scipy's asymptotic p-value (kstwo.sf) is much cheaper for a
    # small statistic than for the shifted case above, so this shows the sort/search part alone.
    x = np.random.default_rng(REFERENCE_SEED).standard_normal(1_000_000)
    y = np.random.default_rng(PRODUCTION_SEED).standard_normal(1_000_000)
    cases["ks null n=1e6 auto"] = lambda: stats.ks_2samp(x, y)
    return cases


def numpy_wasserstein_cases() -> dict[str, Callable[[], object]]:
    u, v = two_samples(1_000_000)
    return {"wasserstein n=1e6": lambda: stats.wasserstein_distance(u, v)}


def numpy_psi_cases() -> dict[str, Callable[[], object]]:
    reference, production = two_samples(1_000_000)
    return {"psi quantile n=1e6 bins=10": lambda: psi_numpy(reference, production, bins=10)}


def csv_paths() -> tuple[Path, Path]:
    directory = Path(os.environ["DRIFTWATCH_BENCH_CACHE"])
    stem = f"compare-v{CSV_VERSION}-{CSV_COLUMNS}x{CSV_ROWS}"
    return directory / f"{stem}-reference.csv", directory / f"{stem}-production.csv"


def numpy_compare_cases() -> dict[str, Callable[[], object]]:
    reference_path, production_path = csv_paths()
    for path in (reference_path, production_path):
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: the Swift compare benchmark writes it in its setup")

    def compare() -> list[tuple[float, ...]]:
        # The same work as `compareTables` on two all-numeric files: read both files, then per
        # column KS, Cramér–von Mises, Wasserstein (and the reference std for the normalized
        # distance) and PSI with 10 quantile bins.
        reference = np.loadtxt(reference_path, delimiter=",", skiprows=1, dtype=np.float64)
        production = np.loadtxt(production_path, delimiter=",", skiprows=1, dtype=np.float64)
        assert reference.shape == (CSV_ROWS, CSV_COLUMNS) and production.shape == (CSV_ROWS, CSV_COLUMNS)
        reference = np.ascontiguousarray(reference.T)
        production = np.ascontiguousarray(production.T)
        results = []
        for a, b in zip(reference, production):
            ks = stats.ks_2samp(a, b)
            cvm = stats.cramervonmises_2samp(a, b)
            distance = stats.wasserstein_distance(a, b)
            normalized = distance / np.std(a)
            psi = psi_numpy(a, b, bins=10)
            results.append((ks.pvalue, cvm.pvalue, normalized, psi))
        return results

    return {f"compare {CSV_COLUMNS}x{CSV_ROWS}": compare}


def numpy_profile_cases() -> dict[str, Callable[[], object]]:
    path = Path(os.environ["DRIFTWATCH_BENCH_CACHE"]) / (
        f"profile-v{PROFILE_DATA_VERSION}-{PROFILE_CSV_COLUMNS}x{PROFILE_CSV_ROWS}.csv")
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: the Swift profile benchmark writes it in its setup")

    def build_profile() -> list[tuple[object, ...]]:
        # What ProfileBuilder.fromCSV computes per numeric column, the numpy way (the whole file
        # in memory, where Driftwatch streams it): finite-value count, min, max, mean, variance,
        # a uniform sample of PROFILE_SAMPLE_CAP values without replacement, sorted, its 10
        # quantile PSI edges, and the exact count of every value per PSI bin. Not included: the
        # content hash Driftwatch also computes (one more pass over the file's bytes).
        data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
        assert data.shape == (PROFILE_CSV_ROWS, PROFILE_CSV_COLUMNS)
        rng = np.random.default_rng(0x5EED)
        profile = []
        for column in np.ascontiguousarray(data.T):
            finite = column[np.isfinite(column)]
            summary = (finite.size, finite.min(), finite.max(), finite.mean(), finite.var(ddof=1))
            if finite.size > PROFILE_SAMPLE_CAP:
                sample = np.sort(rng.choice(finite, PROFILE_SAMPLE_CAP, replace=False))
            else:
                sample = np.sort(finite)
            edges = np.unique(np.quantile(sample, np.arange(PROFILE_PSI_BINS + 1) / PROFILE_PSI_BINS))
            counts = np.bincount(np.searchsorted(edges[1:-1], finite, side="right"), minlength=edges.size - 1)
            profile.append((summary, sample, edges, counts))
        return profile

    return {f"profile build csv 1e6x{PROFILE_CSV_COLUMNS}": build_profile}


def correlated_rows(rows: int, seed: int, mean: float = 0.0, scale: float = 1.0) -> np.ndarray:
    """rows x MV_FEATURES of N(mean, scale^2 * Sigma), Sigma block-diagonal (MV_BLOCK features per
    block, correlation MV_RHO within a block): the construction of correlatedRows in
    MultivariateBenchmarks.swift, with numpy's generator."""
    rng = np.random.default_rng(seed)
    factors = rng.standard_normal((rows, MV_FEATURES // MV_BLOCK))
    noise = rng.standard_normal((rows, MV_FEATURES))
    latent = np.sqrt(MV_RHO) * np.repeat(factors, MV_BLOCK, axis=1) + np.sqrt(1 - MV_RHO) * noise
    return mean + scale * latent


def mv_samples(rows: int = MV_ROWS) -> tuple[np.ndarray, np.ndarray]:
    return (correlated_rows(rows, MV_REFERENCE_SEED),
            correlated_rows(rows, MV_PRODUCTION_SEED, PRODUCTION_SHIFT, PRODUCTION_SCALE))


# The MMD steps of maximumMeanDiscrepancy (see its DocC), the idiomatic vectorised numpy way.
def mmd_standardize(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    pooled = np.vstack([x, y])
    sd = pooled.std(axis=0)                       # population (ddof=0), pooled
    return (pooled - pooled.mean(axis=0)) / np.where(sd > 0, sd, 1.0)


def mmd_squared_distances(z: np.ndarray) -> np.ndarray:
    gram = z @ z.T                                # numpy calls dsyrk for a @ a.T
    norms = np.diag(gram).copy()
    d2 = norms[:, None] + norms[None, :] - 2.0 * gram
    np.maximum(d2, 0.0, out=d2)
    np.fill_diagonal(d2, 0.0)
    return d2


def mmd_median_bandwidth(d2: np.ndarray) -> float:
    distances = np.sqrt(d2[np.triu_indices(d2.shape[0], 1)])
    sigma = float(np.median(distances))
    if sigma == 0:
        positive = distances[distances > 0]
        sigma = float(np.median(positive)) if positive.size else 0.0
    return sigma


def mmd_kernel(d2: np.ndarray, sigma: float) -> np.ndarray:
    return np.exp(d2 * (-0.5 / (sigma * sigma))) if sigma > 0 else np.ones_like(d2)


def mmd_statistics(k: np.ndarray, n: int, permutations: int, seed: int) -> np.ndarray:
    """Unbiased MMD^2 of the observed split (element 0) and of `permutations` relabellings, all
    from one product of the kernel with the indicator matrix (plus a column of ones)."""
    total = k.shape[0]
    m = total - n
    rng = np.random.default_rng(seed)
    orders = rng.permuted(np.tile(np.arange(total), (permutations, 1)), axis=1)
    indicators = np.zeros((total, permutations + 2))
    indicators[:n, 0] = 1.0
    indicators[orders[:, :n], np.arange(1, permutations + 1)[:, None]] = 1.0
    indicators[:, -1] = 1.0
    products = k @ indicators                     # dgemm (numpy has no dsymm)
    row_sums = products[:, -1]
    z = indicators[:, :-1]
    within_reference = np.einsum("ij,ij->j", z, products[:, :-1])   # z' K z
    across = z.T @ row_sums - within_reference                       # z' K 1 - z' K z
    within_production = row_sums.sum() - within_reference - 2.0 * across
    return ((within_reference - n) / (n * (n - 1)) + (within_production - m) / (m * (m - 1))
            - 2.0 * across / (n * m))


def mmd_numpy(x: np.ndarray, y: np.ndarray, permutations: int, seed: int = 42,
              bandwidth: float | None = None) -> tuple[float, float, float]:
    z = mmd_standardize(x, y)
    d2 = mmd_squared_distances(z)
    sigma = mmd_median_bandwidth(d2) if bandwidth is None else bandwidth
    k = mmd_kernel(d2, sigma)
    statistics_ = mmd_statistics(k, len(x), permutations, seed)
    observed = float(statistics_[0])
    p_value = (1 + int(np.sum(statistics_[1:] >= observed))) / (1 + permutations)
    return observed, p_value, sigma


def pca_fit_numpy(reference: np.ndarray, fraction: float = 0.65) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PCAModel.fit: standardize, covariance, np.linalg.eigh, fewest components above `fraction`,
    each signed so that its largest absolute entry is positive."""
    mean = reference.mean(axis=0)
    sd = reference.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    z = (reference - mean) / sd
    covariance = z.T @ z / (len(reference) - 1)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    variances = np.maximum(eigenvalues[::-1], 0.0)
    ratios = variances / variances.sum()
    kept = int(np.searchsorted(np.cumsum(ratios), fraction, side="right") + 1)
    components = eigenvectors[:, ::-1][:, :kept].T
    largest = components[np.arange(kept), np.abs(components).argmax(axis=1)]
    components = components * np.where(largest < 0, -1.0, 1.0)[:, None]
    return mean, sd, components


def pca_reconstruction_numpy(model: tuple[np.ndarray, np.ndarray, np.ndarray], rows: np.ndarray) -> np.ndarray:
    mean, sd, components = model
    z = (rows - mean) / sd
    residual = z - (z @ components.T) @ components
    return np.linalg.norm(residual, axis=1)


# Flops of one call, the conventions of MultivariateBenchmarks.swift: dgemm 2mnk; dsyrk N(N+1)k
# (2 flops for each of the N(N+1)/2 computed entries' k multiply-adds); dsymm 2 N^2 c.
MV_POOLED = 2 * MV_ROWS
MV_BLAS_FLOPS = {
    "dgemm 4000x4000x50": 2.0 * 4000 * 4000 * 50,
    "dgemm 2000x2000x2000": 2.0 * 2000 ** 3,
    f"dsyrk {MV_POOLED}x{MV_FEATURES}": float(MV_POOLED) * (MV_POOLED + 1) * MV_FEATURES,
    f"dsymm {MV_POOLED}x{MV_POOLED}x{MV_PERMUTATIONS + 2}": 2.0 * MV_POOLED ** 2 * (MV_PERMUTATIONS + 2),
}
MV_MMD = f"mmd n=m={MV_ROWS} d={MV_FEATURES}"


def numpy_multivariate_cases() -> dict[str, Callable[[], object]]:
    x, y = mv_samples()
    sigma = mmd_numpy(x, y, 1)[2]
    cases: dict[str, Callable[[], object]] = {}
    for permutations in (MV_PERMUTATIONS, 1):
        cases[f"{MV_MMD} perms={permutations}"] = lambda p=permutations: mmd_numpy(x, y, p)
        cases[f"{MV_MMD} perms={permutations} fixed-bandwidth"] = lambda p=permutations: mmd_numpy(x, y, p, bandwidth=sigma)
    cases[f"pca fit n={MV_ROWS} d={MV_FEATURES}"] = lambda: pca_fit_numpy(x)
    model = pca_fit_numpy(x)
    production = correlated_rows(MV_RECONSTRUCTION_ROWS, MV_PRODUCTION_SEED, PRODUCTION_SHIFT, PRODUCTION_SCALE)
    cases[f"pca reconstruction m={MV_RECONSTRUCTION_ROWS} d={MV_FEATURES}"] = lambda: pca_reconstruction_numpy(model, production)
    # The raw BLAS shapes through numpy (its bundled scipy-openblas): a @ b is dgemm; z @ z.T is
    # dsyrk (numpy detects a @ a.T) plus a copy of the triangle; numpy has no dsymm, so the
    # kernel-times-indicators row is a dgemm of the same shape.
    rng = np.random.default_rng(1)
    for (m, n, k) in ((4000, 4000, 50), (2000, 2000, 2000)):
        a, b = rng.random((m, k)) - 0.5, rng.random((k, n)) - 0.5
        cases[f"dgemm {m}x{n}x{k}"] = lambda a=a, b=b: a @ b
    z = rng.random((MV_POOLED, MV_FEATURES)) - 0.5
    cases[f"dsyrk {MV_POOLED}x{MV_FEATURES}"] = lambda: z @ z.T
    kernel = rng.random((MV_POOLED, MV_POOLED)) - 0.5
    kernel = (kernel + kernel.T) / 2
    right = rng.random((MV_POOLED, MV_PERMUTATIONS + 2)) - 0.5
    cases[f"dsymm {MV_POOLED}x{MV_POOLED}x{MV_PERMUTATIONS + 2}"] = lambda: kernel @ right
    return cases


def numpy_mmd_phases(repetitions: int = 5) -> dict[str, float]:
    """Median time of each step of mmd_numpy (100 permutations), each timed on its own."""
    x, y = mv_samples()
    samples: dict[str, list[float]] = {}

    def timed(name: str, function: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = function()
        samples.setdefault(name, []).append(time.perf_counter() - start)
        return result

    for _ in range(repetitions + 1):          # the first round is a warm-up
        z = timed("standardize", lambda: mmd_standardize(x, y))
        gram = timed("Z @ Z.T (dsyrk)", lambda: z @ z.T)
        del gram
        d2 = timed("squared distances (incl. Z @ Z.T)", lambda: mmd_squared_distances(z))
        sigma = timed("median (triu_indices, sqrt, np.median)", lambda: mmd_median_bandwidth(d2))
        k = timed("exp kernel", lambda: mmd_kernel(d2, sigma))
        timed(f"permutations: indicators + K @ I + MMD² ({MV_PERMUTATIONS})",
              lambda: mmd_statistics(k, MV_ROWS, MV_PERMUTATIONS, 42))
        del z, d2, k
    return {name: statistics.median(values[1:]) for name, values in samples.items()}


def openblas_info() -> dict[str, str]:
    """Core type, configuration and thread count of numpy's bundled OpenBLAS (ctypes on its
    `scipy_openblas_*64_` symbols) and of Debian's libopenblas.so.0 (the library the Swift
    benchmark links; the Swift process also prints its own view, read from the log)."""
    import ctypes
    import glob
    info: dict[str, str] = {}
    libraries = sorted(glob.glob(str(Path(np.__file__).parent.parent / "numpy.libs" / "libscipy_openblas*")))
    candidates = [("numpy", path, "scipy_openblas_get_{}64_") for path in libraries[:1]]
    candidates.append(("debian", "libopenblas.so.0", "openblas_get_{}"))
    for side, path, pattern in candidates:
        try:
            library = ctypes.CDLL(path)
            texts = []
            for what in ("corename", "config"):
                function = getattr(library, pattern.format(what))
                function.restype = ctypes.c_char_p
                texts.append(function().decode())
            threads = getattr(library, pattern.format("num_threads"))
            threads.restype = ctypes.c_int
            info[side] = f"core `{texts[0]}`, {threads()} threads (`{texts[1]}`; {Path(path).name})"
        except (OSError, AttributeError) as error:
            info[side] = f"unknown ({error})"
    return info


def multivariate_report(group: "Group", log_path: Path) -> list[str]:
    swift, numpy_ = group.swift, group.numpy
    lines = ["", "## Multivariate: BLAS rates, phases, threads", ""]
    swift_line = next((line.split("OpenBLAS: ", 1)[1] for line in reversed(log_path.read_text().splitlines())
                       if line.startswith("MultivariateBenchmarks OpenBLAS: ")), "not found in the log")
    info = openblas_info()
    lines += [
        f"- Swift (Debian's OpenBLAS, as the benchmark process reports it): {swift_line}",
        f"- Debian's libopenblas.so.0 loaded from Python (ctypes): {info['debian']}",
        f"- numpy's bundled OpenBLAS (ctypes): {info.get('numpy', 'unknown')}",
        "",
        "GFLOP/s (conventions: dgemm 2mnk; dsyrk N(N+1)k, i.e. 2 flops per multiply-add of the N(N+1)/2 "
        "computed entries; dsymm 2N²c; numpy's `z @ z.T` is dsyrk plus a triangle copy, its \"dsymm\" a dgemm):",
        "",
        "| routine | numpy (scipy-openblas) | Swift (Debian OpenBLAS) |",
        "| --- | ---: | ---: |",
    ]
    rates: dict[str, tuple[float | None, float | None]] = {}
    for case, flops in MV_BLAS_FLOPS.items():
        n_rate = flops / numpy_[case].median / 1e9 if case in numpy_ else None
        s_rate = flops / swift[case].p50 / 1e9 if case in swift else None
        rates[case] = (n_rate, s_rate)
        lines.append(f"| {case} | {'n/a' if n_rate is None else f'{n_rate:.1f}'} | "
                     f"{'n/a' if s_rate is None else f'{s_rate:.1f}'} |")

    n_, d, p = MV_POOLED, MV_FEATURES, MV_PERMUTATIONS
    # The work any implementation must do: the Gram matrix's upper triangle and the kernel times
    # every relabelling's indicator vector (plus the ones column). Driftwatch does it as row
    # blocks of the upper triangle: one dgemm per block for the Gram part, two for the product.
    kernel_flops = n_ * (n_ + 1) * d + 2.0 * n_ ** 2 * (p + 2)
    full = f"{MV_MMD} perms={p}"
    one = f"{MV_MMD} perms=1"
    one_fixed = f"{MV_MMD} perms=1 fixed-bandwidth"
    lines += ["",
              f"Kernel-step BLAS work of the 100-permutation test: the Gram matrix's upper triangle N(N+1)d plus "
              f"the kernel times the indicator vectors 2N²(P+2), with N = {n_}, d = {d}, P = {p}: "
              f"{kernel_flops / 1e9:.2f} GFLOP. Over the whole test's time that is "
              + ", ".join(f"{side} {kernel_flops / t / 1e9:.1f} GFLOP/s" for side, t in (
                  ("numpy", numpy_[full].median if full in numpy_ else None),
                  ("Swift", swift[full].p50 if full in swift else None)) if t)
              + "; peak (dgemm 2000³): "
              + ", ".join(f"{side} {rate:.1f} GFLOP/s" for side, rate in zip(
                  ("numpy", "Swift"), rates.get("dgemm 2000x2000x2000", (None, None))) if rate) + "."]
    if all(case in swift for case in (full, one, one_fixed)):
        t_full, t_one, t_fixed = swift[full].p50, swift[one].p50, swift[one_fixed].p50
        permutation_flops = 2.0 * n_ ** 2 * (p + 2 - 3)
        lines += ["", "Swift phases, from differences of public-API runs (p50s; each difference carries the noise of two runs):", "",
                  "| phase | how | time | share of perms=100 |", "| --- | --- | ---: | ---: |",
                  f"| kernel matrix: validation, standardization, Gram blocks (dgemm), distances (+ histogram) and exp in parallel per block, the 3-column product | perms=1 fixed | {format_time(t_fixed)} | {t_fixed / t_full:.0%} |",
                  f"| median search (second pass over the triangle, radix select) | perms=1 − perms=1 fixed | {format_time(t_one - t_fixed)} | {(t_one - t_fixed) / t_full:.0%} |",
                  f"| 99 more permutations (shuffles, indicators, 99 more product columns, the per-split sums) | perms=100 − perms=1 | {format_time(t_full - t_one)} | {(t_full - t_one) / t_full:.0%} |",
                  f"| whole test | perms=100 | {format_time(t_full)} | 100% |",
                  "",
                  f"The 99 extra product columns are {permutation_flops / 1e9:.2f} GFLOP: "
                  f"{permutation_flops / max(t_full - t_one, 1e-9) / 1e9:.1f} GFLOP/s over the permutation difference "
                  f"(this library's dgemm 2000³: {rates.get('dgemm 2000x2000x2000', (None, 0.0))[1] or 0.0:.1f} GFLOP/s)."]
    phases = numpy_mmd_phases()
    lines += ["", "numpy phases (each step of the same code timed alone, median of 5 after a warm-up):", "",
              "| step | time |", "| --- | ---: |"]
    lines += [f"| {name} | {format_time(seconds)} |" for name, seconds in phases.items()]
    lines += ["", "Inputs: n = m = 2 000 rows, d = 50: 5 blocks of 10 features sharing one latent factor "
              "(within-block correlation 0.5, unit variances, independent blocks); production: every feature "
              "shifted by 0.02 and scaled by 1.05 (correlations unchanged). Same construction on both sides, "
              "different generators (SplitMix64 in Swift, PCG64 in numpy). `fixed-bandwidth` uses σ = the "
              "median heuristic's value for these data (computed in setup). PCA: fit on the 2 000 reference rows "
              "(65 % of the variance), reconstruction of 100 000 production rows. numpy's permutations come from "
              "its own generator (`rng.permuted`), so its p-values differ; the work is the same."]
    return lines


# ---------------------------------------------------------------------------------------------
# Swift side


@dataclass
class SwiftTiming:
    p0: float
    p50: float
    p90: float
    p100: float


@dataclass
class Group:
    name: str
    target: str            # benchmark target (regex for --target)
    swift_filter: str      # regex for --filter (whole-name match)
    numpy_cases: Callable[[], dict[str, Callable[[], object] | str]]
    # Extra markdown after the tables: (group, Swift log path) -> lines.
    report: Callable[["Group", Path], list[str]] | None = None
    report_lines: list[str] = field(default_factory=list)
    swift: dict[str, SwiftTiming] = field(default_factory=dict)
    numpy: dict[str, NumpyTiming] = field(default_factory=dict)


GROUPS = [
    Group("histogram", "DriftStatisticsBenchmarks", r"histogram .*", numpy_histogram_cases),
    Group("ks", "DriftStatisticsBenchmarks", r"ks .*", numpy_ks_cases),
    Group("wasserstein", "DriftStatisticsBenchmarks", r"wasserstein .*", numpy_wasserstein_cases),
    Group("psi", "DriftStatisticsBenchmarks", r"psi .*", numpy_psi_cases),
    Group("compare", "CompareBenchmarks", r"compare .*", numpy_compare_cases),
    Group("profile", "ProfileBenchmarks", r"profile build csv .*", numpy_profile_cases),
    Group("multivariate", "MultivariateBenchmarks", r"(mmd|pca|dgemm|dsyrk|dsymm) .*", numpy_multivariate_cases,
          multivariate_report),
]


def swift_command(*arguments: str, writable: Path | None = None) -> list[str]:
    command = ["swift", "package", "--package-path", str(BENCH_DIR)]
    if writable is not None:
        command += ["--allow-writing-to-directory", str(writable)]
    return command + ["benchmark", *arguments]


# Extra environment for the Swift benchmark processes only (--swift-env), e.g.
# OPENBLAS_CORETYPE=Haswell: numpy's own OpenBLAS must not see it.
SWIFT_ENV: dict[str, str] = {}


def run_logged(command: list[str], log_path: Path) -> None:
    prefix = " ".join(f"{key}={value}" for key, value in SWIFT_ENV.items())
    log(f"$ {prefix + ' ' if prefix else ''}{shlex.join(command)}")
    with open(log_path, "a") as handle:
        handle.write(f"\n$ {prefix + ' ' if prefix else ''}{shlex.join(command)}\n")
        handle.flush()
        result = subprocess.run(command, cwd=REPO_DIR, stdout=handle, stderr=subprocess.STDOUT,
                                env={**os.environ, **SWIFT_ENV})
    if result.returncode != 0:
        tail = log_path.read_text().splitlines()[-40:]
        raise RuntimeError(f"command failed ({result.returncode}): {shlex.join(command)}\n" + "\n".join(tail))


def run_swift_group(group: Group, work: Path, log_path: Path) -> dict[str, SwiftTiming]:
    out = work / f"percentiles-{group.name}"
    out.mkdir(parents=True, exist_ok=True)
    # `histogramPercentiles` writes, per benchmark, the wall-clock percentiles 0...100 computed by
    # the benchmark package (HDR histogram); in nanoseconds to keep every digit. (The JMH export
    # drops a benchmark whose iterations take over ~1.5 s: its throughput rounds to 0/s.)
    run_logged(
        swift_command(
            "run", "--target", group.target, "--filter", group.swift_filter, "--metric", "wallClock",
            "--format", "histogramPercentiles", "--time-units", "nanoseconds",
            "--path", str(out), "--no-progress",
            writable=out),
        log_path)
    suffix = ".wallClock.histogram.percentiles.tsv"
    timings: dict[str, SwiftTiming] = {}
    for path in sorted(out.glob(f"*{suffix}")):
        # <baseline>.<Target>.<name with spaces as underscores>.wallClock...; our names have no "_" or ".".
        name = path.name[: -len(suffix)].split(".", 2)[2].replace("_", " ")
        lines = path.read_text().splitlines()
        if "(ns)" not in lines[0]:
            raise RuntimeError(f"{path.name}: expected nanoseconds, header is {lines[0]!r}")
        percentiles = {int(p): float(v) * 1e-9 for p, v in (line.split("\t") for line in lines[1:] if line.strip())}
        timings[name] = SwiftTiming(p0=percentiles[0], p50=percentiles[50], p90=percentiles[90], p100=percentiles[100])
    if not timings:
        raise RuntimeError(f"no benchmark output in {out}; see {log_path}")
    return timings


# ---------------------------------------------------------------------------------------------


def target_for(case: str) -> float | None:
    for pattern, minimum in TARGETS:
        if re.fullmatch(pattern, case):
            return minimum
    return None


def environment_lines() -> list[str]:
    lines = []
    variables = {k: v for k, v in sorted(os.environ.items()) if ENV_PATTERN.search(k)}
    if variables:
        lines.append("BLAS/CPU-related environment variables set (left as they are; histogram, sort and "
                     "search code paths do not use BLAS): " + ", ".join(f"`{k}={v}`" for k, v in variables.items()))
    else:
        lines.append("BLAS/CPU-related environment variables set: none")
    if SWIFT_ENV:
        lines.append("Set for the Swift benchmark processes only (`--swift-env`): "
                     + ", ".join(f"`{k}={v}`" for k, v in SWIFT_ENV.items()) + "; numpy ran without them.")
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as features  # numpy >= 2
        simd = [name for name in ("AVX2", "AVX512F", "AVX512_SKX", "AVX512_ICL", "AVX512_SPR") if features.get(name)]
        lines.append(f"numpy SIMD dispatch available: {', '.join(simd) or 'baseline only'}")
    except Exception:  # pragma: no cover - informational only
        pass
    return lines


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def swift_version() -> str:
    try:
        output = subprocess.run(["swift", "--version"], capture_output=True, text=True, check=True).stdout
        return output.splitlines()[0].strip()
    except Exception:
        return "unknown"


def git_revision() -> str:
    try:
        revision = subprocess.run(["git", "-C", str(REPO_DIR), "rev-parse", "--short", "HEAD"],
                                  capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO_DIR), "status", "--porcelain", "--", "Sources"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return revision + (" (Sources/ modified)" if dirty else "")
    except Exception:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", default=",".join(g.name for g in GROUPS),
                        help="comma-separated subset of: " + ", ".join(g.name for g in GROUPS))
    parser.add_argument("--output", type=Path, help="also write the markdown report to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (Swift log, percentile files)")
    parser.add_argument("--swift-env", action="append", default=[], metavar="KEY=VALUE",
                        help="set this variable for the Swift benchmark processes only (repeatable), "
                             "e.g. OPENBLAS_CORETYPE=Haswell; numpy's process keeps its environment")
    args = parser.parse_args()
    for item in args.swift_env:
        key, separator, value = item.partition("=")
        if not separator or not key:
            parser.error(f"--swift-env wants KEY=VALUE, got {item!r}")
        SWIFT_ENV[key] = value

    wanted = [name.strip() for name in args.groups.split(",") if name.strip()]
    unknown = set(wanted) - {g.name for g in GROUPS}
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    groups = [g for g in GROUPS if g.name in wanted]

    # Both halves must agree on where the compare CSVs live.
    os.environ.setdefault("DRIFTWATCH_BENCH_CACHE", str(Path(tempfile.gettempdir()) / "driftwatch-bench"))

    work = Path(tempfile.mkdtemp(prefix="driftwatch-compare-"))
    log_path = work / "swift.log"
    started = dt.datetime.now(dt.timezone.utc)
    load_before = load_average()
    log(f"work folder: {work} (Swift log: {log_path})")

    # Build first (release, the selected groups' benchmark targets), so no build overlaps a measurement.
    log("building the benchmarks (release; the first build takes several minutes)...")
    targets = sorted({g.target for g in groups})
    run_logged(swift_command("list", *[argument for target in targets for argument in ("--target", target)]), log_path)

    wall_start = time.perf_counter()
    for group in groups:
        log(f"[{group.name}] Swift benchmarks...")
        group.swift = run_swift_group(group, work, log_path)
        log(f"[{group.name}] numpy/scipy...")
        cases = group.numpy_cases()
        for case, function in cases.items():
            # A string names an earlier case whose timing is reused.
            group.numpy[case] = group.numpy[function] if isinstance(function, str) else time_numpy(function)
            log(f"  {case}: numpy {format_time(group.numpy[case].median)}, "
                f"Driftwatch {format_time(group.swift[case].p50) if case in group.swift else 'missing'}")
        del cases
        if group.report is not None:
            log(f"[{group.name}] BLAS rates and phases...")
            group.report_lines = group.report(group, log_path)
    wall_total = time.perf_counter() - wall_start
    load_after = load_average()

    lines = [
        "# Driftwatch vs numpy/scipy",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC on `{platform.node()}` ({cpu_model()}, {os.cpu_count()} logical CPUs), "
        f"commit {git_revision()}.",
        f"{swift_version()}; Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}.",
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}. Measurement wall time: {wall_total:.0f} s.",
        "",
        *environment_lines(),
        "",
        "Per group, the Swift benchmarks ran first (ordo-one/benchmark, release build, p50 of the wall-clock "
        "samples as reported by the package) and the numpy/scipy calls right after (median of several repetitions after one warm-up). "
        "speed-up = numpy/scipy median / Driftwatch p50 (> 1: Driftwatch is faster).",
        "",
        "| case | numpy/scipy median | Driftwatch p50 | speed-up | target | met? |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    details = [
        "",
        "Spread (this is a shared 2-vCPU machine: treat differences under ~30 % as noise):",
        "",
        "| case | numpy reps | numpy min | numpy max | Driftwatch p0 | Driftwatch p90 | Driftwatch max |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    missed = []
    for group in groups:
        for case, numpy_timing in group.numpy.items():
            swift = group.swift.get(case)
            ratio = numpy_timing.median / swift.p50 if swift else None
            target = target_for(case)
            if target is None or ratio is None:
                met = "—" if target is None else "n/a"
            else:
                met = "yes" if ratio >= target else "**no**"
                if ratio < target:
                    missed.append(f"{case}: {ratio:.2f}x (target {target:g}x)")
            lines.append(
                f"| {case} | {format_time(numpy_timing.median)} | {format_time(swift.p50 if swift else None)} | "
                f"{f'{ratio:.2f}x' if ratio else 'n/a'} | {f'≥ {target:g}x' if target else '—'} | {met} |")
            details.append(
                f"| {case} | {numpy_timing.repetitions} | {format_time(numpy_timing.minimum)} | "
                f"{format_time(numpy_timing.maximum)} | {format_time(swift.p0 if swift else None)} | "
                f"{format_time(swift.p90 if swift else None)} | {format_time(swift.p100 if swift else None)} |")
    notes = [
        "",
        "Notes:",
        "",
        "- Inputs: same sizes and distributions on both sides (reference N(0, 1), production N(0.02, 1.05²)), "
        "generated by different generators (numpy's PCG64 here, SplitMix64 in the Swift setup). The compare "
        "case reads the very same two CSV files (written once by the Swift benchmark's setup).",
        "- `ks presorted-reference`: scipy has no pre-sorted API, so its column repeats the `ks raw` row's `ks_2samp` time; "
        "Driftwatch times sorting the production sample into a `SortedSample` plus the test, the reference being "
        "sorted in setup.",
        "- n=1e4 `auto` is the exact p-value path on both sides (scipy: exact iff max(n, m) <= 10000).",
        "- `ks null`: both samples N(0, 1) (no drift). For the shifted samples of the other KS cases scipy "
        "spends most of its time in the asymptotic p-value (`kstwo.sf`), which is much cheaper for a small "
        "statistic; this row shows the ratio without that.",
        "- `compare`: Driftwatch runs the features on all cores (`DispatchQueue.concurrentPerform`, 2 here); "
        "the numpy/scipy loop is single-threaded. Both include parsing the two files (`np.loadtxt`).",
        "- `profile build csv`: `ProfileBuilder.fromCSV` (streams the file: a parse pass, a second pass "
        "for the exact PSI counts of the reservoir-sampled features, and a raw-byte pass for the content "
        "hash) vs `np.loadtxt` of the whole file plus per column summary, a 100 000-value sample "
        "(`rng.choice`, no replacement), its sort, 10 quantile edges and the exact bin counts (no hash).",
        "- Targets: " + "; ".join(f"`{pattern}` ≥ {minimum:g}x" for pattern, minimum in TARGETS) + ".",
    ]
    for group in groups:
        notes += group.report_lines
    summary = ["", f"Targets missed: {len(missed)}" + (": " + "; ".join(missed) if missed else ".")]
    report = "\n".join(lines + summary + details + notes) + "\n"
    print(report)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(report)
        log(f"wrote {args.output}")
    if args.keep:
        log(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
