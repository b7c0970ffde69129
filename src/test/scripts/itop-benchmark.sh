#!/usr/bin/env bash
# Training throughput of ItopSparseNetwork (dense and 90% sparse) vs Weka's MultilayerPerceptron,
# one run, same data. Usage (from anywhere): src/test/scripts/itop-benchmark.sh [instances] [epochs] [mlpEpochs] [reps]
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
# Run from a snapshot of the classes, so that a rebuild during a long run cannot pull them away.
snap=$(mktemp -d)
trap 'rm -rf "$snap"' EXIT
cp -r target/classes target/test-classes "$snap"/
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
java -Xmx6g -cp "$snap/classes:$snap/test-classes:$(cat target/test.classpath)" \
  org.overparam.bench.ItopThroughputBenchmark "$@" 2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed'
