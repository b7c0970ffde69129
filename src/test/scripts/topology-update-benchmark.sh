#!/usr/bin/env bash
# RigL topology updates alone on W2's sparse engine at 90% (TopologyUpdateBenchmark): one and two threads taking
# turns in one JVM, milliseconds per update and the masks' hash (the same at both counts).
# Usage (from anywhere): src/test/scripts/topology-update-benchmark.sh [rounds] [updates per round]
# Data: fashion-mnist-train-10k.arff.gz in $OVERPARAM_DATA (default ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/scripts/bench-classpath.sh
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -cp "$BENCH_CP" org.overparam.bench.TopologyUpdateBenchmark "${OVERPARAM_DATA:-../shared/data}" "${1:-3}" \
  "${2:-5}" 2>&1 | grep -v -E '^SLF4J|^Warning: Versions of org.bytedeco'
