#!/usr/bin/env python3
"""numpy.linalg.eigh of the RBF kernel matrix (gamma = 1/d) of the rows in a CSV file, median of 3.

The peer of OverparameterizedKernelGD's exact path (kgd-bench.sh exact). numpy from Debian's
python3-numpy on the system OpenBLAS; run with OPENBLAS_NUM_THREADS=1 for one thread.
Usage: kgd_numpy_eigh.py rows.csv
"""
import sys
import time

import numpy as np

x = np.loadtxt(sys.argv[1], delimiter=",")
n, d = x.shape
sq = (x * x).sum(axis=1)
k = np.exp(-(sq[:, None] + sq[None, :] - 2 * x @ x.T) / d)
times = []
for _ in range(3):
    t0 = time.perf_counter()
    np.linalg.eigh(k)
    times.append(time.perf_counter() - t0)
times.sort()
print("numpy %s eigh n = %5d: %.2f s (median of 3: %.2f, %.2f, %.2f)" % (np.__version__, n, times[1], *times))
