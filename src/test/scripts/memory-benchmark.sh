#!/usr/bin/env bash
# Peak memory (issue 16, item 2): each of our engines in its own JVM on the raw float32 file PyTorch's reference
# reads (Fashion-MNIST 10k, 784-2048-2048-10, batch 128), PyTorch on the same file in the same run, and a Weka user's
# run through the command line: ItopSparseNetwork on 60,000 x 784 Fashion-MNIST rows with -Xmx2g.
# Usage (from anywhere): src/test/scripts/memory-benchmark.sh [epochs] [rounds] [--w2-cli]
#   rounds (default 3): each engine runs once per round, in turn, and the summary gives the median peak and the range.
# Our rows run with -Xms768m -Xmx3g: G1 otherwise grows the heap from its initial 384 MB to about 760 MB at random
# while the data are read, which moved runs of the same code by 20-40 MB, more than the engines differ.
#   --w2-cli also trains the dense 2048-2048 network through the command line with -Xmx2g (about 10 minutes).
# Data: fashion-mnist-train-10k.arff.gz and fashion-mnist-test.arff.gz in $OVERPARAM_DATA (default ../shared/data).
# PyTorch's row needs Debian's python3-torch and python3-numpy; without them it is left out.
set -euo pipefail
cd "$(dirname "$0")/../../.."
epochs=${1:-2}
rounds=${2:-3}
data=${OVERPARAM_DATA:-../shared/data}
for f in fashion-mnist-train-10k.arff.gz fashion-mnist-test.arff.gz; do
  [ -f "$data/$f" ] || { echo "missing $data/$f (set OVERPARAM_DATA to the folder holding it)" >&2; exit 1; }
done
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
source src/test/scripts/bench-classpath.sh
out=target/memory-benchmark
mkdir -p "$out"
bin=$out/W2.bin
[ -f "$bin" ] || java -cp "$BENCH_CP" org.overparam.bench.MemoryBenchmark --write "$data/fashion-mnist-train-10k.arff.gz" "$bin"
quiet() { grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^\[main\] INFO|^Warning: Versions of org.bytedeco' || true; }
echo "W2: Fashion-MNIST 10k x 784, 784-2048-2048-10, batch 128, $epochs epochs, -Xms768m -Xmx3g,\
 OMP_NUM_THREADS=$OMP_NUM_THREADS, $rounds rounds"
rm -f "$out/runs.txt"
for round in $(seq "$rounds"); do
  runs=("0 DENSE" "0.9 SPARSE" "0.95 SPARSE")
  [ "$round" = 1 ] && runs+=("0.9 DENSE") # the masked dense engine: once, far above the others
  for run in "${runs[@]}"; do
    # shellcheck disable=SC2086
    java -Xms768m -Xmx3g -cp "$BENCH_CP" org.overparam.bench.MemoryBenchmark "$bin" 2048,2048 $run "$epochs" 2>&1 | quiet \
      | tee -a "$out/runs.txt"
  done
done
if /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 src/test/scripts/engine_torch_reference.py "$bin" "$epochs" 1 0 1 \
    | awk '{print "PyTorch dense        peak RSS MB:", $NF}' | tee -a "$out/runs.txt"
else
  echo "PyTorch: python3-torch/python3-numpy not installed, left out"
fi

# A Weka user's run: 60,000 x 784 rows (the 10k training and 10k test rows, three times each: Fashion-MNIST's full
# training set is not bundled; the same shape and memory) through weka.classifiers.functions.ItopSparseNetwork.
big=$out/fashion-60k.arff
if [ ! -f "$big" ]; then
  zcat "$data/fashion-mnist-train-10k.arff.gz" | sed -n '1,/^@data/Ip' > "$big"
  for _ in 1 2 3; do
    for f in fashion-mnist-train-10k.arff.gz fashion-mnist-test.arff.gz; do
      zcat "$data/$f" | sed '1,/^@data/Id'
    done
  done | grep -v '^\s*$' >> "$big"
fi
rows=$(sed '1,/^@data/Id' "$big" | grep -c .)
cli() { # cli <label> <options...>
  local label=$1; shift
  local log=$out/cli-$label.txt
  local rc=0
  /usr/bin/time -f 'peak RSS KB %M' java -Xmx2g -cp "$BENCH_CP" weka.classifiers.functions.ItopSparseNetwork \
    -t "$big" -no-cv -o -epochs 1 "$@" > "$log" 2>&1 || rc=$?
  local acc; acc=$(grep -m1 'Correctly Classified' "$log" | awk '{print $(NF-1)}')
  local rss; rss=$(grep 'peak RSS KB' "$log" | awk '{print int($NF / 1024)}')
  echo "Weka CLI, -Xmx2g, $rows rows, $label: exit $rc, training accuracy ${acc:-none} %, peak RSS MB $rss"
  [ "$rc" = 0 ] || { tail -n 20 "$log"; return 1; }
}
cli "defaults (256-256, 90% sparse)"
if [ "${3:-}" = --w2-cli ]; then cli "dense 2048-2048" -sparsity 0 -hidden-layers 2048,2048; fi
# the median of a row's runs (the lower middle one for an even count) and their range
peak() { grep "^$1" "$out/runs.txt" | sed -E 's/.*trained +([0-9]+);.*/\1/' | sort -n \
  | awk '{v[NR] = $1} END {if (NR) printf "%d (%d-%d)", v[int((NR + 1) / 2)], v[1], v[NR]}'; }
median() { peak "$1" | awk '{print $1}'; }
torch=$(grep '^PyTorch dense' "$out/runs.txt" | awk '{print $NF}' || true)
ratio=$([ -n "$torch" ] && awk -v a="$(median 'ours dense')" -v b="$torch" 'BEGIN {printf "; ours dense / PyTorch = %.2f", a / b}')
echo "memory: peak RSS MB, median (range) of $rounds runs: ours dense $(peak 'ours dense'), 90% sparse\
 $(peak 'ours 90% sparse'), 95% sparse $(peak 'ours 95% sparse'), PyTorch dense ${torch:--}${ratio:-}"
rm -f "$out/runs.txt"
