#!/usr/bin/env bash
# Finding injected label errors on real data, for docs/guide-label-issues.md: confident learning,
# cross-validated self-confidence, SOP's noise report and their combination, scored by precision and
# recall at k and ROC AUC against the known flipped instances (org.overparam.bench.LabelIssuesBench).
# No published list of real label errors is used: the errors are synthetic flips on real data.
#
# Usage (from anywhere): src/test/scripts/label-issues-bench.sh [optdigits|fashion1k|fashion10k|all]
# (all = optdigits and fashion1k: 6 trainings per setting, about 15 CPU-minutes; fashion10k about 10 times that)
# SETTINGS=sym20 (default sym10,sym20,pair10,pair20) picks the noise; CE=1 adds the cross-validated plain
# cross-entropy network (5 more trainings per setting); DUMP=dir writes each setting's scores and
# probabilities as CSV there (to try other rankings without training again); SEED=2 draws other noise
# and folds (default 1).
# Needs ../shared/data (override with DATA=...). Single-threaded ND4J, 2 GB heap, niced.
set -euo pipefail
which="${1:-all}"
cd "$(dirname "$0")/../../.."
DATA="${DATA:-../shared/data}"
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
SETTINGS=${SETTINGS:-sym10,sym20,pair10,pair20}
run() {
  nice java -Xmx2g -Dbench.ce="$([ "${CE:-0}" = 1 ] && echo true || echo false)" -Dbench.dump="${DUMP:-}" -Dbench.seed="${SEED:-1}" -cp "$BENCH_CP" \
    org.overparam.bench.LabelIssuesBench "$@" \
    2>&1 | grep --line-buffered -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco|^INFO: SOP|^INFO: SopRobustNetwork|^[A-Z][a-z]{2} [0-9]+, [0-9]{4}'
}
if [[ "$which" == optdigits || "$which" == all ]]; then
  # 1797 instances, 64 pixel counts, 10 digits; SopRobustNetwork's defaults (128,128, 100 epochs)
  run "$DATA/optdigits-8x8.arff" "$SETTINGS"
fi
if [[ "$which" == fashion1k || "$which" == all ]]; then
  # 1000 Fashion-MNIST images (784 pixels, 10 classes); defaults
  run "$DATA/fashion-mnist-train-1k.arff.gz" "$SETTINGS"
fi
if [[ "$which" == fashion10k ]]; then
  run "$DATA/fashion-mnist-train-10k.arff.gz" "$SETTINGS"
fi
