#!/usr/bin/env bash
# OverparameterizedEM against Weka's EM and SimpleKMeans (made density-based) on real data: Weka
# Experiments with 5 x 10-fold CV, held-out log-likelihood, corrected paired t-test (docs/results.md).
# Usage: src/test/scripts/em-experiment.sh [runs]   (from the repository root; data from ../shared/data, DATA=...)
set -euo pipefail
cd "$(dirname "$0")/../../.."
DATA=${DATA:-../shared/data}
OUT=target/em-experiment
mkdir -p "$OUT"
source src/test/scripts/weka-bench-classpath.sh
java -Xmx4g -cp "$WEKA_BENCH_CP" org.overparam.bench.EmExperiment "$DATA" "$OUT" "${1:-5}" | tee "$OUT/experiment.txt"
