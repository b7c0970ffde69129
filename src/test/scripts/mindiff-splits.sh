#!/usr/bin/env bash
# MinDiffNetwork over random splits of UCI Adult (docs/results.md, "MinDiffNetwork", "Ten random splits"):
# plain network, plain + per-group thresholds chosen on a hold-out (post-processing), fairness-aware early
# stopping with and without MinDiff, L2, MinDiff at the old and at the new defaults; mean test error and FNR gap
# with 95% intervals and paired differences against the plain network.
# Usage (from anywhere): src/test/scripts/mindiff-splits.sh [split options] [-- MinDiffNetwork options]
#   e.g. src/test/scripts/mindiff-splits.sh -splits 10 -n-train 5000 -- -epochs 20   (about 30 minutes on 2 busy cores)
# Split options: -splits 10 -first-seed 1 -n-train 5000 -n-test 0 (= all other rows)
#   -configs plain,post,plain-es,mindiff-old,mindiff-es,mindiff-es-l2,plain-l2 (more: mindiff-l2, mindiff-es-lambda5);
#   plain must come first. Each (split, configuration) is seeded on its own, so runs of subsets combine.
# Reads ../shared/data/adult-{train,test}.arff.gz (or $OVERPARAM_SHARED_DATA); writes target/mindiff-splits.csv.
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=${OVERPARAM_SHARED_DATA:-../shared/data}
[ -f "$data/adult-train.arff.gz" ] || { echo "adult-train.arff.gz not found in $data (set OVERPARAM_SHARED_DATA)" >&2; exit 1; }
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
nice java -Xmx2g -cp "$BENCH_CP" \
  org.overparam.bench.MinDiffSplits -train "$data/adult-train.arff.gz" -test "$data/adult-test.arff.gz" \
  -csv target/mindiff-splits.csv "$@" 2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco'
