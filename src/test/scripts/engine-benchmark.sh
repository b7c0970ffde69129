#!/usr/bin/env bash
# Issue 7's engine benchmark: our engine dense, and ITOP-sparse (RigL growth) at 90% and 95% on the dense (masked)
# and the sparse engine, against PyTorch (dense, and with static masks) on the same data, in one run. Each of our
# runs has its own JVM, so its peak RSS is its own. W1 = 20,000 x 100 synthetic, MLP 100-256-256-10;
# W2 = Fashion-MNIST 10k, 784-2048-2048-10. Prints the ratios ours/PyTorch and sparse/dense (epoch time) at the end.
# samples/s are medians of [repeats] identical runs (ours in one JVM per configuration, PyTorch's in one process).
# Usage (from anywhere): src/test/scripts/engine-benchmark.sh [W1|W2|all] [epochs] [repeats]
# Needs Debian's python3-torch and python3-numpy (sudo apt-get install -y python3-torch python3-numpy); the script
# stops before building anything if they are missing (not run in CI).
set -euo pipefail
cd "$(dirname "$0")/../../.."
what=${1:-all}
epochs=${2:-3}
repeats=${3:-3}
data=${OVERPARAM_DATA:-../shared/data}
out=target/engine-benchmark
source src/test/scripts/require-python.sh
require_python torch,numpy python3-torch python3-numpy
source src/test/scripts/bench-classpath.sh
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JVM: $(java -version 2>&1 | head -1), -Xmx3g; OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
mkdir -p "$out"
for w in $( [ "$what" = all ] && echo W1 W2 || echo "$what" ); do
  log="$out/$w.txt"
  : > "$log"
  for run in dense 90-dense 90-sparse 95-dense 95-sparse; do
    java -Xmx3g -cp "$BENCH_CP" org.overparam.bench.EngineBenchmark "$w" "$epochs" "$out" "$data" "$run" "$repeats" 2>&1 \
      | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^\[main\] INFO|^Warning: Versions of org.bytedeco' | tee -a "$log"
  done
  for args in "1 0" "2 0" "1 0.9" "1 0.95"; do
    # shellcheck disable=SC2086
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 src/test/scripts/engine_torch_reference.py "$out/$w.bin" "$epochs" $args "$repeats" \
      | tee -a "$log"
  done
  awk -v w="$w" '
    /^ours dense/ {dense = $3}
    /^ours RigL-ITOP 90% sparse/ {s90 = $5}
    /^ours RigL-ITOP 95% sparse/ {s95 = $5}
    /^ours RigL-ITOP 90% dense/ {d90 = $5}
    /^ours RigL-ITOP 95% dense/ {d95 = $5}
    /^PyTorch [^ ]*, 1 thread / {torch1 = $5}
    END {
      printf "%s ratios: ours dense / PyTorch 1 thread = %.2f; epoch time vs our dense: 90%% sparse %.2f, 95%% sparse %.2f, 90%% masked %.2f, 95%% masked %.2f\n",
        w, dense / torch1, dense / s90, dense / s95, dense / d90, dense / d95
    }' "$log"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
