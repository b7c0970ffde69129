#!/usr/bin/env bash
# Prediction throughput (issue 16, item 4): ItopSparseNetwork's distributionsForInstances (the batch path Weka's
# Evaluation uses, Weka's default of 100 rows per call) against PyTorch inference on the same test set, in one run:
# W1 (5,000 synthetic rows x 100, MLP 100-256-256-10) and W2 (Fashion-MNIST test, 10,000 x 784, 784-2048-2048-10).
# Usage (from anywhere): src/test/scripts/prediction-benchmark.sh [W1|W2|all] [repeats] [pairs] [threads]
# With pairs > 1, ours dense and PyTorch (100 rows per call) then take turns that many times, each in a fresh
# process, and the script prints the median of the per-pair ratios: on a machine whose speed drifts within
# minutes, a ratio of two runs minutes apart measures the drift as much as the programs. Both sides run [threads]
# threads (default 1): ours with -num-threads, PyTorch with OpenBLAS at that count, its intra-op threads at 1 and at
# that count (on 2 cores its 100-row calls ran 4x slower with both at 2), the ratios against the faster; the pairs
# run its intra-op threads at 1.
# Data for W2: fashion-mnist-train-10k.arff.gz and fashion-mnist-test.arff.gz in $OVERPARAM_DATA (default ../shared/data).
# Needs Debian's python3-torch and python3-numpy for PyTorch's rows (not run in CI).
set -euo pipefail
cd "$(dirname "$0")/../../.."
what=${1:-all}
repeats=${2:-5}
pairs=${3:-1}
threads=${4:-1}
data=${OVERPARAM_DATA:-../shared/data}
source src/test/scripts/require-python.sh
require_python torch,numpy python3-torch python3-numpy
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
source src/test/scripts/bench-classpath.sh
out=target/prediction-benchmark
mkdir -p "$out"
echo "machine: $(nproc --all) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); OMP_NUM_THREADS=$OMP_NUM_THREADS"
for w in $( [ "$what" = all ] && echo W1 W2 || echo "$what" ); do
  log=$out/$w.txt
  java -Xmx3g -cp "$BENCH_CP" org.overparam.bench.PredictionBenchmark "$w" "$out" "$data" "$repeats" 0,0.9 "$threads" 2>&1 \
    | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^\[main\] INFO|^Warning: Versions of org.bytedeco|^Dec |^[A-Z][a-z]{2} [0-9]' \
    | tee "$log"
  for batch in 100 0; do
    for torch_threads in $( [ "$threads" -gt 1 ] && echo "1 $threads" || echo 1 ); do
      OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$torch_threads /usr/bin/python3 \
        src/test/scripts/prediction_torch_reference.py "$out/$w-test.bin" "$torch_threads" "$batch" "$repeats" | tee -a "$log"
    done
  done
  awk -v w="$w" '/^ours dense/ {ours = $(NF-1)}
    /^PyTorch.*100 rows/ && $(NF-1) > t100 {t100 = $(NF-1)} /^PyTorch.*all rows/ && $(NF-1) > tall {tall = $(NF-1)}
    END {printf "%s prediction ratios: ours dense / PyTorch (100 rows per call) = %.2f, / PyTorch (all rows at once) = %.2f\n",
      w, ours / t100, ours / tall}' "$log"
  if [ "$pairs" -gt 1 ]; then
    paired=$out/$w-pairs.txt
    : > "$paired"
    for p in $(seq "$pairs"); do
      java -Xmx3g -cp "$BENCH_CP" org.overparam.bench.PredictionBenchmark "$w" "$out" "$data" "$repeats" 0 "$threads" 2>&1 \
        | grep '^ours dense' | tee -a "$paired"
      OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=1 /usr/bin/python3 \
        src/test/scripts/prediction_torch_reference.py "$out/$w-test.bin" 1 100 "$repeats" | tee -a "$paired"
    done
    awk -v w="$w" '/^ours dense/ {o = $(NF-1)} /^PyTorch/ {r[++n] = o / $(NF-1)}
      END {s = ""; for (i = 1; i <= n; i++) s = s sprintf(" %.2f", r[i]);
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (r[j] < r[i]) {t = r[i]; r[i] = r[j]; r[j] = t}
        m = n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2;
        printf "%s prediction, ours dense / PyTorch (100 rows per call), median of %d paired runs: %.2f (each:%s)\n", w, n, m, s}' \
      "$paired"
  fi
done
