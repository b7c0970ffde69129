#!/usr/bin/env bash
# ItopSparseNetwork (dense and 90% sparse) on a numeric class against LinearRegression and MultilayerPerceptron:
# correlation, RMSE and RRSE in 10-fold cross-validation (docs/results.md). A few minutes on 2 cores.
# The networks run at their defaults (for a numeric class that includes gradient clipping at norm 5, without which
# squared error on cpu's heavy-tailed inputs diverged; docs/guide-itop.md, "Numeric class").
# Usage (from anywhere): src/test/scripts/itop-regression.sh [cpu|servo|cps ...]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=${OVERPARAM_DATA:-../shared/data}
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
run() { java -Xmx4g -cp "$BENCH_CP" \
  org.overparam.bench.RegressionExperiment "$@" 2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco'; }
for s in ${@:-cpu servo cps}; do
  case $s in
    cpu) run cpu "$data/cpu.arff" 10 "" "" ;;
    servo) run servo "$data/servo.arff" 10 "" "" ;;
    # 28,155 rows: a smaller network, 10 epochs and larger batches for the networks keep it to about a minute each
    cps) run cps1988-wage "$data/cps1988-wage.arff.gz" 10 "-hidden-layers 64,64 -epochs 10 -batch-size-train 128" \
      "-N 50" ;;
    *) echo "unknown data set $s" >&2; exit 2 ;;
  esac
done
