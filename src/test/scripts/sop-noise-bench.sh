#!/usr/bin/env bash
# Label-noise study of SopRobustNetwork for docs/results.md: plain cross-entropy network
# (-ce-only) vs SOP, same architecture, epochs and seed, under symmetric noise (Weka's AddNoise
# on the class) and asymmetric pair-flip noise (AsymmetricLabelNoise); detection precision/recall
# of the noise report against the injected flips; training times of both in the same run.
#
# Usage (from anywhere): src/test/scripts/sop-noise-bench.sh [segment|fashion|extra|all]
# Needs ../shared/data (override with DATA=...). Single-threaded ND4J, as in the tests.
set -euo pipefail
which="${1:-all}"
cd "$(dirname "$0")/../../.."
DATA="${DATA:-../shared/data}"
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
run() {
  java -Xmx4g -cp "$BENCH_CP" org.overparam.bench.SopNoiseBench "$@" \
    2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco|^INFO: SOP|^[A-Z][a-z]{2} [0-9]+, [0-9]{4}'
}
SETTINGS=clean,sym20,sym40,sym60,asym40
if [[ "$which" == segment || "$which" == all ]]; then
  # 1500 training / 810 test instances, 19 numeric attributes, 7 classes; default options
  run "$DATA/segment-challenge.arff" "$DATA/segment-test.arff" "$SETTINGS" 0
fi
if [[ "$which" == fashion || "$which" == all ]]; then
  # all of fashion-mnist-train-10k (784 pixels, 10 classes), the full 10k test set; default options
  run "$DATA/fashion-mnist-train-10k.arff.gz" "$DATA/fashion-mnist-test.arff.gz" "$SETTINGS" 0
fi
if [[ "$which" == extra || "$which" == all ]]; then
  # SOP+ (official weights) on the hardest setting; training-time overhead from 3 alternating 20-epoch builds
  run "$DATA/fashion-mnist-train-10k.arff.gz" "$DATA/fashion-mnist-test.arff.gz" asym40 0 \
    -lambda-consistency 0.9 -lambda-balance 0.1
  run "$DATA/fashion-mnist-train-10k.arff.gz" "$DATA/fashion-mnist-test.arff.gz" time3 0 -epochs 20
fi
