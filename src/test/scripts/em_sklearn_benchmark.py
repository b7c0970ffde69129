#!/usr/bin/python3
"""scikit-learn's GaussianMixture on the data and start written by org.overparam.bench.EmBenchmark.

Reads <dir>/data.csv and <dir>/init.csv (rows: weight, k means..., d variances...), runs
GaussianMixture(covariance_type in {diag, full}, tol=0, reg_covar=1e-6) from exactly that start for
1 and 50 iterations, and reports ms per iteration = (T(50) - T(1)) / 49 (medians, wall and process
CPU time, which sums all threads) and the final mean log-likelihood score(X). If <dir>/java-results.csv
exists, prints the relative difference of our final log-likelihood from scikit-learn's.
Usage: /usr/bin/python3 em_sklearn_benchmark.py <dir> [repetitions]
"""
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

warnings.simplefilter("ignore", ConvergenceWarning)
out = sys.argv[1] if len(sys.argv) > 1 else "target/em-benchmark"
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
X = np.loadtxt(os.path.join(out, "data.csv"), delimiter=",")
init = np.loadtxt(os.path.join(out, "init.csv"), delimiter=",")
n, d = X.shape
k = init.shape[0]
weights0 = init[:, 0]
means0 = init[:, 1:1 + d]
var0 = init[:, 1 + d:1 + 2 * d]
iters = 50


def fit(cov, max_iter):
    prec = 1.0 / var0 if cov == "diag" else np.array([np.diag(1.0 / v) for v in var0])
    gm = GaussianMixture(k, covariance_type=cov, max_iter=max_iter, tol=0.0, reg_covar=1e-6,
                         weights_init=weights0, means_init=means0, precisions_init=prec,
                         init_params="random_from_data", random_state=0)
    return gm.fit(X)


java = {}
path = os.path.join(out, "java-results.csv")
if os.path.exists(path):
    for line in open(path):
        cov, threads, ms, ll = line.strip().split(",")
        java.setdefault(cov, []).append((int(threads), float(ms), float(ll)))

print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, {n} x {d}, k={k}, {iters} iterations, "
      f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
      f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, {reps} repetitions")
print(f"{'peer':30s} {'wall ms/it':>10s} {'CPU ms/it':>10s} {'final loglik/inst':>18s}")
for cov in ("diag", "full"):
    fit(cov, 1)
    walls = {1: [], iters: []}
    cpus = {1: [], iters: []}
    score = None
    for _ in range(reps):
        for m in (1, iters):
            w0, c0 = time.perf_counter(), time.process_time()
            gm = fit(cov, m)
            walls[m].append(time.perf_counter() - w0)
            cpus[m].append(time.process_time() - c0)
            if m == iters:
                score = gm.score(X)
    wall = (np.median(walls[iters]) - np.median(walls[1])) / (iters - 1) * 1e3
    cpu = (np.median(cpus[iters]) - np.median(cpus[1])) / (iters - 1) * 1e3
    print(f"{'scikit-learn ' + cov:30s} {wall:10.2f} {cpu:10.2f} {score:18.8f}")
    for threads, ms, ll in java.get(cov, []):
        print(f"  ours {cov}, {threads} thread(s): {ms:.2f} ms/it wall ({wall / ms:.2f}x faster than scikit-learn), "
              f"final loglik {ll:.10f}, relative difference {abs(ll - score) / abs(score):.2e}")
