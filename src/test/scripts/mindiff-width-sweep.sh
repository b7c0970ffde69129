#!/bin/sh
# MinDiffNetwork width sweep on UCI Adult (README "Results / MinDiffNetwork").
# Usage, from the repository root:  sh src/test/scripts/mindiff-width-sweep.sh [extra sweep options]
#   e.g.  sh src/test/scripts/mindiff-width-sweep.sh -widths 2,16,128,1024 -- -epochs 200
# Writes target/mindiff-width-sweep.csv and prints a Markdown table.
set -e
DATA=${OVERPARAM_SHARED_DATA:-../shared/data}
[ -f "$DATA/adult-train.arff.gz" ] || { echo "adult-train.arff.gz not found in $DATA (set OVERPARAM_SHARED_DATA)" >&2; exit 1; }
mvn -B -q test-compile
CPFILE=$(mktemp)
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE" >/dev/null
CP="target/classes:target/test-classes:$(tr ':' '\n' < "$CPFILE" | grep '\.jar$' | paste -sd:)"
rm -f "$CPFILE"
OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} java -Xmx4g -cp "$CP" org.overparam.bench.MinDiffWidthSweep \
  -train "$DATA/adult-train.arff.gz" -test "$DATA/adult-test.arff.gz" -csv target/mindiff-width-sweep.csv "$@"
