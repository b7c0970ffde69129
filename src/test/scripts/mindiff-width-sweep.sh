#!/usr/bin/env bash
# MinDiffNetwork width sweep on UCI Adult (docs/results.md, "MinDiffNetwork"): plain network, MinDiff,
# MinDiff + flooding / L2 / fairness-aware early stopping, hidden width 2 ... 2048.
# Usage (from anywhere): src/test/scripts/mindiff-width-sweep.sh [sweep options] [-- MinDiffNetwork options]
#   e.g. src/test/scripts/mindiff-width-sweep.sh -seeds 1,2,3 -- -epochs 60 -updater ADAM -learning-rate 0.003
# Sweep options: -widths 2,8,... -configs plain,mindiff,flood,l2,es -seeds 1 -n-train 1000 -n-select 2000.
# Reads ../shared/data/adult-{train,test}.arff.gz (or $OVERPARAM_SHARED_DATA); writes target/mindiff-width-sweep.csv.
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=${OVERPARAM_SHARED_DATA:-../shared/data}
[ -f "$data/adult-train.arff.gz" ] || { echo "adult-train.arff.gz not found in $data (set OVERPARAM_SHARED_DATA)" >&2; exit 1; }
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
java -Xmx4g -cp "$BENCH_CP" \
  org.overparam.bench.MinDiffWidthSweep -train "$data/adult-train.arff.gz" -test "$data/adult-test.arff.gz" \
  -csv target/mindiff-width-sweep.csv "$@" 2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco'
