#!/usr/bin/env bash
# EM speed: ours (DIAG, FULL; 1 and 2 threads) vs Weka's EM (1 and 2 slots) in one JVM, then
# scikit-learn's GaussianMixture from the same data and start.
# Needs Debian's python3-sklearn (sudo apt-get install -y python3-sklearn); the script stops if it is missing.
# 100,000 x 10 numeric, 5 components, fixed start, 50 iterations; ms/iteration = (T(50) - T(1)) / 49.
# Usage: src/test/scripts/em-benchmark.sh [repetitions]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../../.."
reps=${1:-3}
source src/test/scripts/require-python.sh
require_python sklearn python3-sklearn
out=target/em-benchmark
mkdir -p "$out"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
cp="target/classes:target/test-classes:$(cat target/test.classpath)"
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx4g -cp "$cp" org.overparam.bench.EmBenchmark "$out" "$reps"

/usr/bin/python3 src/test/scripts/em_sklearn_benchmark.py "$out" "$reps"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
