#!/usr/bin/env bash
# Issue 7's engine benchmark: our engine dense, and ITOP-sparse (RigL growth) at 90% and 95% on the dense (masked)
# and the sparse engine, against PyTorch (dense, and with static masks) on the same data, in one run. Each of our
# runs has its own JVM, so its peak RSS is its own. W1 = 20,000 x 100 synthetic, MLP 100-256-256-10;
# W2 = Fashion-MNIST 10k, 784-2048-2048-10. Prints the ratios ours/PyTorch and sparse/dense (epoch time) at the end.
# samples/s are medians of [repeats] identical runs (ours in one JVM per configuration, PyTorch's in one process).
# Usage (from anywhere): src/test/scripts/engine-benchmark.sh [W1|W2|all] [epochs] [repeats]
# Threads mode: src/test/scripts/engine-benchmark.sh threads [W1|W2|all] [epochs] [repeats] runs ours dense and
# RigL-ITOP 90% on the sparse engine with -num-threads 1 and 2 (taking turns in one JVM, since this machine's
# one-thread speed wanders within minutes), and PyTorch dense with 1 and 2 threads (its BLAS and OpenMP at the same
# count), and prints the ratios 2 threads / 1 thread (of the medians, and the median of the paired runs) and
# ours / PyTorch at 2 threads; then two independent one-thread runs side by side, which show what two cores give
# the same work on this machine without any sharing between threads.
# (The other mode runs everything on one thread, ours and PyTorch's BLAS.)
# Needs Debian's python3-torch and python3-numpy (sudo apt-get install -y python3-torch python3-numpy); the script
# stops before building anything if they are missing (not run in CI).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mode=one-thread
if [ "${1:-}" = threads ]; then
  mode=threads
  shift
fi
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
  if [ "$mode" = threads ]; then
    log="$out/$w-threads.txt"
    : > "$log"
    for run in dense 90-sparse; do # 1 and 2 threads take turns in one JVM (paired runs; peak RSS is the JVM's)
      java -Xmx3g -cp "$BENCH_CP" org.overparam.bench.EngineBenchmark "$w" "$epochs" "$out" "$data" "$run" "$repeats" \
        1,2 2>&1 | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^\[main\] INFO|^Warning: Versions of org.bytedeco' \
        | tee -a "$log"
    done
    for threads in 1 2; do
      OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads /usr/bin/python3 src/test/scripts/engine_torch_reference.py \
        "$out/$w.bin" "$epochs" "$threads" 0 "$repeats" | tee -a "$log"
    done
    # What the machine gives two threads of the same work: two independent one-thread runs side by side
    # (no sharing, no waiting), their summed samples/s against the one-thread runs above.
    for run in dense 90-sparse; do
      for side in a b; do
        java -Xmx3g -cp "$BENCH_CP" org.overparam.bench.EngineBenchmark "$w" "$epochs" "$out" "$data" "$run" \
          "$repeats" 1 > "$out/side-$side.txt" 2>&1 &
      done
      wait
      grep -h '^ours' "$out/side-a.txt" "$out/side-b.txt" | sed 's/^/side by side: /' | tee -a "$log"
    done
    awk -v w="$w" '
      function rate(   i) { for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+$/ && $(i + 1) ~ /^[0-9]*\.[0-9]+$/) return $i }
      /^side by side: ours dense/ {denseSide += rate(); next}
      /^side by side: ours RigL/ {sparseSide += rate(); next}
      /^ours dense 2\/1 threads, median of paired runs/ {densePaired = $9; next}
      /^ours RigL-ITOP 90% sparse 2\/1 threads, median of paired runs/ {sparsePaired = $11; next}
      /^ours dense, 2 threads/ {dense2 = rate(); next}
      /^ours dense/ {dense1 = rate()}
      /^ours RigL-ITOP 90% sparse, 2 threads/ {sparse2 = rate(); next}
      /^ours RigL-ITOP 90% sparse/ {sparse1 = rate()}
      /^PyTorch [^ ]*, 1 thread / {torch1 = rate()}
      /^PyTorch [^ ]*, 2 threads / {torch2 = rate()}
      END {
        printf "%s threads: ours dense 2/1 threads = %.2f (median of paired runs %.2f); sparse 90%% 2/1 threads = %.2f (paired %.2f); PyTorch 2/1 threads = %.2f; ours/PyTorch with 2 threads = %.2f (1 thread: %.2f)\n",
          w, dense2 / dense1, densePaired, sparse2 / sparse1, sparsePaired, torch2 / torch1, dense2 / torch2, dense1 / torch1
        printf "%s machine: two independent one-thread runs side by side give %.2f (dense) and %.2f (sparse 90%%) times one alone\n",
          w, denseSide / dense1, sparseSide / sparse1
      }' "$log"
    continue
  fi
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
