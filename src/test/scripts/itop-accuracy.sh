#!/usr/bin/env bash
# Dense vs static sparse vs SET-ITOP vs RigL-ITOP at 90% / 95% sparsity on real data (docs/results.md).
# Usage (from anywhere): src/test/scripts/itop-accuracy.sh [segment|letter|fashion|letter-long ...]
# (default: segment letter fashion; letter-long repeats dense, SET-ITOP 90% and RigL-ITOP 90% on letter with
# -training-multiplier 4)
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=${OVERPARAM_DATA:-../shared/data}
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
run() { java -Xmx8g -cp "$BENCH_CP" \
  org.overparam.bench.ItopAccuracyExperiment "$@" 2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco'; }
for set in "${@:-segment letter fashion}"; do
  for s in $set; do
    case $s in
      segment) run segment "$data/segment-challenge.arff" "$data/segment-test.arff" 100 ;;
      letter) run letter "$data/letter.arff.gz" split:0.8 20 "-batch-size-train 128 -min-update-interval-epochs 0.25" ;;
      letter-long) run letter "$data/letter.arff.gz" split:0.8 20 "-batch-size-train 128 -min-update-interval-epochs 0.25 -training-multiplier 4" 0,2,3 ;;
      fashion) run fashion-mnist "$data/fashion-mnist-train-10k.arff.gz" "$data/fashion-mnist-test.arff.gz" 10 "-batch-size-train 128 -min-update-interval-epochs 0.2" ;;
      *) echo "unknown data set $s" >&2; exit 2 ;;
    esac
  done
done
