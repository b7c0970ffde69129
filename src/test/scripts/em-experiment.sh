#!/usr/bin/env bash
# OverparameterizedEM against Weka's EM and SimpleKMeans (made density-based) on real data: Weka
# Experiments with 5 x 10-fold CV, held-out log-likelihood, corrected paired t-test (docs/results.md).
# Usage: src/test/scripts/em-experiment.sh [runs]   (from the repository root; data from ../shared/data, DATA=...)
set -euo pipefail
cd "$(dirname "$0")/../../.."
DATA=${DATA:-../shared/data}
OUT=target/em-experiment
mkdir -p "$OUT"
if [ ! -f target/weka.classpath ] || [ ! -d target/lib ]; then
  mvn -B -q package -DskipTests
fi
mvn -B -q test-compile
# A snapshot of the main classes and only the bench classes: Weka's class discovery would trip over the
# harness tests in test-classes, and a rebuild during the run must not change what runs.
snapshot=$(mktemp -d)
trap 'rm -rf "$snapshot"' EXIT
mkdir -p "$snapshot/bench/org/overparam"
cp -r target/classes "$snapshot/classes"
cp -r target/test-classes/org/overparam/bench "$snapshot/bench/org/overparam/"
CP="$(cat target/weka.classpath):$snapshot/classes:$snapshot/bench:target/lib/*"
java -Xmx4g -cp "$CP" org.overparam.bench.EmExperiment "$DATA" "$OUT" "${1:-5}" | tee "$OUT/experiment.txt"
