#!/usr/bin/env bash
# Evidence for OverparameterizedKernelGD (docs/results.md). Run from the repository root:
#   src/test/scripts/kgd-bench.sh [rate|rate-full|cv|eigen|exact|scale|all]   (default: all)
# Data come from ../shared/data (override with DATA=...); outputs go to target/kgd-bench/.
# The exact part needs Debian's python3-numpy and libopenblas0-pthread
# (sudo apt-get install -y python3-numpy libopenblas0-pthread); the script stops at once if NumPy is missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
DATA=${DATA:-../shared/data}
part=${1:-all}
if [ "$part" = exact ] || [ "$part" = all ]; then
  source src/test/scripts/require-python.sh
  require_python numpy python3-numpy libopenblas0-pthread
fi
OUT=target/kgd-bench
mkdir -p "$OUT"
source src/test/scripts/weka-bench-classpath.sh
JAVA="java -Xmx6g -cp $WEKA_BENCH_CP"

if [ "$part" = rate ] || [ "$part" = all ]; then
  # CI setting (docs/results.md, OverparameterizedKernelGD): n = 2000..4000 step 500, 32 repetitions, N = 4e6.
  $JAVA weka.Run -no-scan -no-load weka.overparam.KernelGdRateStudy -output "$OUT/rate-ci.csv" | tee "$OUT/rate-ci.txt"
fi
if [ "$part" = rate-full ]; then
  # The paper's grid: n = 2000, 2200, ..., 4000 (repetitions as given, paper: 256).
  $JAVA weka.Run -no-scan -no-load weka.overparam.KernelGdRateStudy -n-step 200 -repetitions "${REPS:-64}" \
    -output "$OUT/rate-full.csv" | tee "$OUT/rate-full.txt"
fi
if [ "$part" = cv ] || [ "$part" = all ]; then
  # cpu, servo and a 1000-row subsample of cps1988-wage; 5 x 10-fold CV; corrected paired t-test.
  $JAVA org.overparam.bench.KgdRegressionBench "$DATA" "$OUT/cv" "${RUNS:-5}" 1000 | tee "$OUT/cv.txt"
fi
if [ "$part" = eigen ] || [ "$part" = all ]; then
  # Commons Math is single-threaded: time it once (up to COMMONS_MAX rows), ND4J with 1 and 2 threads.
  $JAVA -Doverparam.threads=1 org.overparam.bench.KgdScaleBench "$DATA/cps1988-wage.arff.gz" eigen \
    1000,2000,4000 "${COMMONS_MAX:-2000}" | tee "$OUT/eigen-threads1.txt"
  $JAVA -Doverparam.threads=2 org.overparam.bench.KgdScaleBench "$DATA/cps1988-wage.arff.gz" eigen \
    1000,2000,4000 0 | tee "$OUT/eigen-threads2.txt"
fi
if [ "$part" = exact ] || [ "$part" = all ]; then
  # The whole exact fit at n = 4,000 against one single-threaded numpy eigh of the same kernel matrix.
  $JAVA -Doverparam.threads=1 org.overparam.bench.KgdScaleBench "$DATA/cps1988-wage.arff.gz" exact "${EXACT_N:-4000}" \
    "$OUT" | tee "$OUT/exact.txt"
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 src/test/scripts/kgd_numpy_eigh.py "$OUT/exact-${EXACT_N:-4000}.csv" \
    | tee -a "$OUT/exact.txt"
fi
if [ "$part" = scale ] || [ "$part" = all ]; then
  $JAVA org.overparam.bench.KgdScaleBench "$DATA/cps1988-wage.arff.gz" train 1000,2000,4000,20000,28155 \
    | tee "$OUT/scale.txt"
fi
