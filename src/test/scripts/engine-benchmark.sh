#!/usr/bin/env bash
# Issue 7's engine benchmark: our engine dense and ITOP-sparse (90%, 95%, RigL growth) against PyTorch on the
# same data, one run. W1 = 20,000 x 100 synthetic, MLP 100-256-256-10; W2 = Fashion-MNIST 10k, 784-2048-2048-10.
# Usage (from anywhere): src/test/scripts/engine-benchmark.sh [W1|W2|all] [epochs]
# Installs Debian's python3-torch if it is missing (not done in CI).
set -euo pipefail
cd "$(dirname "$0")/../../.."
what=${1:-all}
epochs=${2:-3}
data=${OVERPARAM_DATA:-../shared/data}
out=target/engine-benchmark
source src/test/scripts/bench-classpath.sh
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "installing python3-torch (Debian) ..." >&2
  apt-get install -y -qq python3-torch >/dev/null
fi
echo "machine: $(nproc --all) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
for w in $( [ "$what" = all ] && echo W1 W2 || echo "$what" ); do
  java -Xmx12g -cp "$BENCH_CP" \
    org.overparam.bench.EngineBenchmark "$w" "$epochs" "$out" "$data/fashion-mnist-train-10k.arff.gz" 2>&1 \
    | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed'
  for t in 1 2; do
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 src/test/scripts/engine_torch_reference.py "$out/$w.bin" "$epochs" "$t"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
