#!/usr/bin/env bash
# Label-noise study of SopRobustNetwork for the README Results: plain cross-entropy network
# (-ce-only) vs SOP, same architecture, epochs and seed, under symmetric noise (Weka's AddNoise
# on the class) and asymmetric pair-flip noise (AsymmetricLabelNoise); detection precision/recall
# of the noise report against the injected flips; training times of both in the same run.
#
# Run from the repository root: src/test/scripts/sop-noise-bench.sh [segment|fashion|all]
# Needs ../shared/data (override with DATA=...). Single-threaded ND4J, as in the tests.
set -euo pipefail
which="${1:-all}"
DATA="${DATA:-../shared/data}"
mvn -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/test.classpath)"
export OMP_NUM_THREADS=1
run() { java -Xmx3g -cp "$CP" org.overparam.bench.SopNoiseBench "$@"; }
SETTINGS=clean,sym20,sym40,sym60,asym40
if [[ "$which" == segment || "$which" == all ]]; then
  # 1500 training / 810 test instances, 19 numeric attributes, 7 classes; all defaults except uv-init-std
  run "$DATA/segment-challenge.arff" "$DATA/segment-test.arff" "$SETTINGS" 0 @SEGMENT_OPTS@
fi
if [[ "$which" == fashion || "$which" == all ]]; then
  # 2000-instance stratified subsample of fashion-mnist-train-10k (2 shared cores), full 10k test set
  run "$DATA/fashion-mnist-train-10k.arff.gz" "$DATA/fashion-mnist-test.arff.gz" "$SETTINGS" 2000 @FASHION_OPTS@
fi
