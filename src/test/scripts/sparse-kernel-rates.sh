#!/usr/bin/env bash
# Multiply-adds per second of the sparse engine's three products (one thread, a random 2048 x 2048 layer, batch 128)
# against OpenBLAS's dense GEMM of the same layer, in one run (SparseKernelRates).
# Usage (from anywhere): src/test/scripts/sparse-kernel-rates.sh [densities, e.g. 0.05,0.1]
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/scripts/bench-classpath.sh
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -cp "$BENCH_CP" org.overparam.engine.SparseKernelRates "${1:-0.05,0.1}" 2>&1 \
  | grep -v -E '^SLF4J|^Warning: Versions of org.bytedeco'
