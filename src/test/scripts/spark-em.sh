#!/usr/bin/env bash
# Spark EM: our job (weka.overparam.spark.SparkOverparamEm) against Spark MLlib's GaussianMixture from the same
# start, and against our single-machine EM, on a generated 1,000,000 x 10 five-component data set in local[2].
# Then runs the job's command line (the main class spark-submit calls) on the same Parquet data. Spark 3.5 comes from Maven (provided scope); no Spark installation is needed.
# Last line: spark EM: loglik ours X mllib Y, ms/iter ours A mllib B
# Usage (from anywhere): src/test/scripts/spark-em.sh [rows] [iterations]
set -euo pipefail
cd "$(dirname "$0")/../../.."
rows=${1:-1000000}
iters=${2:-10}
out=target/spark-em
mkdir -p "$out"
source src/test/scripts/bench-classpath.sh
# Spark 3.5 on Java 17 (the same flags as its launcher and the surefire argLine)
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
 --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
data="$out/data-${rows}x10-k5.parquet"
# shellcheck disable=SC2086
java -Xmx8g $opens -cp "$BENCH_CP" weka.overparam.spark.SparkEmBenchmark "$out" "$rows" 10 5 "$iters" 2>"$out/benchmark.log" \
  | tee "$out/benchmark.txt"
# the command line of the job, as spark-submit runs it (master from -Dspark.master)
# shellcheck disable=SC2086
java -Xmx4g $opens -Dspark.master='local[2]' -cp "$BENCH_CP" weka.overparam.spark.SparkOverparamEm --input "$data" \
  --k 5 --covariance DIAG --weights KNOWN --restarts 1 --max-iterations 5 --output "$out/em.model" \
  >"$out/job.txt" 2>"$out/job.log"
tail -1 "$out/job.txt"
tail -1 "$out/benchmark.txt"
