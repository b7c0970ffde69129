#!/usr/bin/env bash
# ITOP's exploration against the training budget (docs/results.md, "Accuracy against R_s"): SET-ITOP at 90%
# sparsity on Fashion-MNIST (fashion-mnist-train-10k -> fashion-mnist-test) with -training-multiplier 1, 2 and 4
# (the update interval of the base run is kept, so the longer runs make 2 and 4 times the topology updates), at
# the base budget with other update intervals and a static mask (accuracy against R_s at a fixed budget), at 2
# and 4 times the epochs with 50 updates (what the multiplier did before it kept ΔT), and the dense network at
# multipliers 1 and 4. Prints a markdown table: topology updates, ΔT, R_s and test accuracy
# (mean over the seeds, and each seed's).
# Usage (from anywhere): src/test/scripts/itop-multiplier.sh [data folder]
# The data folder (default $OVERPARAM_DATA, else ../shared/data next to the repository) must hold
# fashion-mnist-train-10k.arff.gz and fashion-mnist-test.arff.gz (docs/results.md says where they come from).
# EPOCHS (base epochs, default 10), HIDDEN (default 256,256), SEEDS (default 1,2,3) and OPTIONS (more
# ItopSparseNetwork options) change the runs. The default took 7 minutes on 2 busy cores (SEEDS=1: about 3).
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=${1:-${OVERPARAM_DATA:-../shared/data}}
train="$data/fashion-mnist-train-10k.arff.gz"
test="$data/fashion-mnist-test.arff.gz"
for f in "$train" "$test"; do
  if [ ! -f "$f" ]; then
    echo "itop-multiplier.sh: $f not found; pass the folder holding the Fashion-MNIST ARFF files" >&2
    exit 2
  fi
done
source src/test/scripts/bench-classpath.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# ΔT may go down to a fifth of an epoch (as in itop-accuracy.sh fashion), because the base run is short
epochs=${EPOCHS:-10}
common="-hidden-layers ${HIDDEN:-256,256} -batch-size-train 128 ${OPTIONS:-}"
sparse="-sparsity 0.9 -growth RANDOM"
itop="$sparse -min-update-interval-epochs 0.2"
# "same budget, 50 updates" rows: what -training-multiplier 2 and 4 did before it kept ΔT (longer ΔT, 50 updates)
java -Xmx4g -cp "$BENCH_CP" org.overparam.bench.ItopMultiplierExperiment "$train" "$test" "${SEEDS:-1,2,3}" \
  "$common" \
  "dense ×1=-sparsity 0 -epochs $epochs" \
  "static sparse 90% ×1=$sparse -fix-mask -epochs $epochs" \
  "SET-ITOP 90% ×1, ΔT ≥ 1 epoch=$sparse -min-update-interval-epochs 1 -epochs $epochs" \
  "SET-ITOP 90% ×1=$itop -epochs $epochs" \
  "SET-ITOP 90% ×1, ΔT ≥ 0.05 epoch=$sparse -min-update-interval-epochs 0.05 -num-topology-updates 200 -epochs $epochs" \
  "SET-ITOP 90% ×2=$itop -epochs $epochs -training-multiplier 2" \
  "SET-ITOP 90% ×4=$itop -epochs $epochs -training-multiplier 4" \
  "SET-ITOP 90%, 2× epochs, 50 updates=$itop -epochs $((2 * epochs))" \
  "SET-ITOP 90%, 4× epochs, 50 updates=$itop -epochs $((4 * epochs))" \
  "dense ×4=-sparsity 0 -epochs $epochs -training-multiplier 4" 2>&1 \
  | grep --line-buffered -v -E '^SLF4J|ARPACK|^WARNING: Failed|^Warning: Versions of org.bytedeco|^INFO: |AbstractNetworkClassifier'
