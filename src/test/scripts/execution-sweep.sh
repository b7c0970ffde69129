#!/usr/bin/env bash
# Masked dense vs sparse execution of RigL-ITOP training over widths and densities (ExecutionSweep): the
# measurement behind -sparse-execution AUTO. Usage: src/test/scripts/execution-sweep.sh [widths] [densities]
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/scripts/bench-classpath.sh
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
OMP_NUM_THREADS=1 java -Xmx4g -cp "$BENCH_CP" org.overparam.bench.ExecutionSweep "$@" 2>&1 \
  | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^\[main\] INFO|^Warning: Versions of org.bytedeco'
