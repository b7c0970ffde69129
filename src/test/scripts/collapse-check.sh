#!/usr/bin/env bash
# Collapse check for docs/guide-itop.md ("Loss spikes and collapse"): dense ItopSparseNetwork runs that
# used to end in a model predicting one class, trained again with the collapse guard off (-no-collapse-guard,
# the behaviour before the guard: it changes nothing else, see CollapseGuardTest) and on (the default), and
# with gradient-norm clipping (-gradient-clip, opt-in) as prevention, on the collapsing cases and on clean
# labels (what clipping costs). One table row per run: test accuracy, the highest epoch loss, the last
# epoch's loss, the number of classes predicted on the test set, and the guard's report.
#
# Usage (from anywhere): src/test/scripts/collapse-check.sh [guard|clip|full|all]
#   guard: optdigits (pair-flip 40%, lr 0.5) and fashion-mnist 1k (pair-flip 40%, lr 0.2), guard off and on
#   clip:  the same with -gradient-clip 1 and 5, and clean-label runs at the default lr with and without it
#   full:  the issue's case, fashion-mnist 10k at the defaults (lr 0.05), 3 seeds (about an hour on 2 cores)
# Needs ../shared/data (override with DATA=...). Single-threaded ND4J, as in the tests.
set -euo pipefail
which="${1:-all}"
cd "$(dirname "$0")/../../.."
DATA="${DATA:-../shared/data}"
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
NET=(-sparsity 0 -hidden-layers 128,128 -epochs 100)
OPT=("$DATA/optdigits-8x8.arff" -)
F1K=("$DATA/fashion-mnist-train-1k.arff.gz" "$DATA/fashion-mnist-test.arff.gz")
run() {
  java -Xmx3g -cp "$BENCH_CP" org.overparam.bench.CollapseCheck "$@" \
    2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING|^Warning: Versions of org.bytedeco|^INFO|^[A-Z][a-z]{2} [0-9]+, [0-9]{4}'
}
echo "| data, run | noise | seed | test acc % | highest epoch loss | last epoch loss | classes predicted | guard's report | s |"
echo "|---|---|---|---|---|---|---|---|---|"
if [[ "$which" == guard || "$which" == all ]]; then
  run "${OPT[@]}" asym40 0 1,2,3,4 "optdigits lr 0.5, guard off" "${NET[@]}" -learning-rate 0.5 -no-collapse-guard
  run "${OPT[@]}" asym40 0 1,2,3,4 "optdigits lr 0.5, guard on" "${NET[@]}" -learning-rate 0.5
  run "${F1K[@]}" asym40 0 1,2,3 "fashion-1k lr 0.2, guard off" "${NET[@]}" -learning-rate 0.2 -no-collapse-guard
  run "${F1K[@]}" asym40 0 1,2,3 "fashion-1k lr 0.2, guard on" "${NET[@]}" -learning-rate 0.2
fi
if [[ "$which" == clip || "$which" == all ]]; then
  for clip in 1 5; do
    run "${OPT[@]}" asym40 0 1,2,3,4 "optdigits lr 0.5, clip $clip" "${NET[@]}" -learning-rate 0.5 -gradient-clip $clip
    run "${F1K[@]}" asym40 0 1,2,3 "fashion-1k lr 0.2, clip $clip" "${NET[@]}" -learning-rate 0.2 -gradient-clip $clip
  done
  for clip in 0 1 5; do
    run "${OPT[@]}" clean 0 1,2,3 "optdigits clean, clip $clip" "${NET[@]}" -gradient-clip $clip
    run "${F1K[@]}" clean 0 1,2,3 "fashion-1k clean, clip $clip" "${NET[@]}" -gradient-clip $clip
    run "$DATA/segment-challenge.arff" "$DATA/segment-test.arff" clean 0 1,2,3 "segment clean, clip $clip" \
      "${NET[@]}" -gradient-clip $clip
  done
fi
if [[ "$which" == full ]]; then
  F10K=("$DATA/fashion-mnist-train-10k.arff.gz" "$DATA/fashion-mnist-test.arff.gz")
  run "${F10K[@]}" asym40 0 1,2,3 "fashion-10k lr 0.05, guard on" "${NET[@]}"
  run "${F10K[@]}" asym40 0 1,2,3 "fashion-10k lr 0.05, clip 1" "${NET[@]}" -gradient-clip 1
fi
