#!/usr/bin/env bash
# EM speed: ours (DIAG, FULL; 1 and 2 threads) vs Weka's EM (1 and 2 slots) in one JVM, then
# scikit-learn's GaussianMixture from the same data and start.
# The scikit-learn part needs Debian's python3-sklearn (sudo apt-get install -y python3-sklearn); without it, or
# with --no-python, only the Java peers (ours and Weka's EM) run and a note says so.
# 100,000 x 10 numeric, 5 components, fixed start, 50 iterations; ms/iteration = (T(50) - T(1)) / 49.
# Usage: src/test/scripts/em-benchmark.sh [repetitions] [--no-python]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../../.."
reps=${1:-3}
python=yes
if [[ "${2:-}" == --no-python ]]; then
  python=no
  echo "note: --no-python: scikit-learn is not run; ours vs Weka's EM only"
elif ! /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  python=no
  echo "note: /usr/bin/python3 cannot import sklearn (Debian package python3-sklearn; install with" \
    "sudo apt-get install -y python3-sklearn); scikit-learn is skipped, ours vs Weka's EM only"
fi
out=target/em-benchmark
mkdir -p "$out"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
cp="target/classes:target/test-classes:$(cat target/test.classpath)"
source src/test/scripts/blas-coretype.sh
blas_coretype "$cp"
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx4g -cp "$cp" org.overparam.bench.EmBenchmark "$out" "$reps"

if [[ $python == yes ]]; then
  /usr/bin/python3 src/test/scripts/em_sklearn_benchmark.py "$out" "$reps"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
