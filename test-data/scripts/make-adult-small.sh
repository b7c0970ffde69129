#!/bin/sh
# Small seeded subsets of UCI Adult (CC BY 4.0) for the MinDiff / group-fairness tests:
#   adult-small-train.arff: 1000 instances of adult-train; adult-small-test.arff: 500 of adult-test.
# Usage (from the repository root, after `mvn -B -q test-compile`):
#   sh test-data/scripts/make-adult-small.sh
set -e
CPFILE=$(mktemp)
trap 'rm -f "$CPFILE"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE" >/dev/null
CP="$(tr ':' '\n' < "$CPFILE" | grep '\.jar$' | paste -sd:)"
sample() { # in out percent
  java -cp "$CP" weka.filters.unsupervised.instance.Resample -S 1 -Z "$3" -no-replacement -i "$1" -o "$2"
}
sample ../shared/data/adult-train.arff.gz test-data/arff/adult-small-train.arff 3.0712
sample ../shared/data/adult-test.arff.gz test-data/arff/adult-small-test.arff 3.0711
