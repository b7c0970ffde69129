#!/usr/bin/env python3
"""PyTorch inference reference for src/test/scripts/prediction-benchmark.sh: the same MLP shape as
org.overparam.bench.PredictionBenchmark (weights at PyTorch's initialisation: dense inference time does not depend on
their values), softmax outputs under torch.no_grad() in eval mode, on the test set the Java side wrote. samples/s is the
median of [repeats] passes; the label gives the intra-op threads and OPENBLAS_NUM_THREADS (its products' threads).
Usage: prediction_torch_reference.py <test.bin> <threads> <batch> [repeats]"""
import os, sys, time
import numpy as np
import torch

path, threads, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 5
torch.set_num_threads(threads)
raw = open(path, 'rb').read()
n, d, c = np.frombuffer(raw[:12], dtype='<i4')
x = torch.from_numpy(np.frombuffer(raw[12:12 + 4 * n * d], dtype='<f4').reshape(n, d).copy())
hidden = [256, 256] if d == 100 else [2048, 2048]
torch.manual_seed(1)
layers, prev = [], d
for h in hidden:
    layers += [torch.nn.Linear(prev, h), torch.nn.ReLU()]
    prev = h
layers.append(torch.nn.Linear(prev, c))
net = torch.nn.Sequential(*layers).eval()
batch = n if batch <= 0 else batch


def one_pass():
    with torch.no_grad():
        for i in range(0, n, batch):
            torch.softmax(net(x[i:i + batch]), dim=1)


one_pass()  # warm-up
rates = []
for _ in range(repeats):
    start = time.perf_counter()
    one_pass()
    rates.append(n / (time.perf_counter() - start))
rates.sort()
label = "all rows" if batch == n else "%d rows" % batch
blas = os.environ.get("OPENBLAS_NUM_THREADS", "?")
print("PyTorch %s, %d thr (BLAS %s), %-9s %12.0f samples/s" % (torch.__version__.split('+')[0], threads, blas, label,
                                                               rates[len(rates) // 2]))
