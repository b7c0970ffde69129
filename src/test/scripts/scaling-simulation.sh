#!/usr/bin/env bash
# Data-parallel ITOP simulated in one JVM (docs/scaling.md): K workers with parameter averaging every s steps on
# Fashion-MNIST (fashion-mnist-train-10k -> fashion-mnist-test), SET-ITOP at 90% sparsity. Prints a markdown table
# (test accuracy, R_s, rounds, topology updates, traffic dense vs sparse) and a last line "scaling: ...".
# Usage (from anywhere): src/test/scripts/scaling-simulation.sh [data folder]
# The data folder (default $OVERPARAM_DATA, else ../shared/data next to the repository) must hold
# fashion-mnist-train-10k.arff.gz and fashion-mnist-test.arff.gz (docs/results.md says where they come from).
# WORKERS (default 1,2,4,8), INTERVALS (default 1,4,16), EPOCHS (default 10), GROWTH (RANDOM = SET-ITOP, the
# default, or GRADIENT = RigL-ITOP), OPTIONS (more ItopSparseNetwork options, e.g. -learning-rate 0.2) and STATE
# (average|local: the optimiser state, default average) change the grid. The default grid takes about 4 minutes
# on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=${1:-${OVERPARAM_DATA:-../shared/data}}
train="$data/fashion-mnist-train-10k.arff.gz"
test="$data/fashion-mnist-test.arff.gz"
for f in "$train" "$test"; do
  if [ ! -f "$f" ]; then
    echo "scaling-simulation.sh: $f not found; pass the folder holding the Fashion-MNIST ARFF files" >&2
    exit 2
  fi
done
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
options="-hidden-layers 256,256 -epochs ${EPOCHS:-10} -batch-size-train 128 -sparsity 0.9 -growth ${GROWTH:-RANDOM} ${OPTIONS:-}"
java -Xmx4g -cp "$BENCH_CP" org.overparam.bench.ScalingSimulation "$train" "$test" "${WORKERS:-1,2,4,8}" \
  "${INTERVALS:-1,4,16}" "$options" "${STATE:-average}" 2>&1 \
  | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco'
