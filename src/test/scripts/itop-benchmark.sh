#!/usr/bin/env bash
# Training throughput of ItopSparseNetwork (dense and 90% sparse) vs Weka's MultilayerPerceptron,
# one run, same data. Usage (from anywhere): src/test/scripts/itop-benchmark.sh [instances] [epochs] [mlpEpochs] [reps]
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
java -Xmx6g -cp "$BENCH_CP" \
  org.overparam.bench.ItopThroughputBenchmark "$@" 2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco'
