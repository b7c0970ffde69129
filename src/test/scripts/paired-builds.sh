#!/usr/bin/env bash
# Two builds in one JVM, their passes taking turns (PairedBuilds): the working tree against a git revision, which
# this script checks out into a temporary worktree and builds. Prints the median time per pass of each and the
# median of the per-round ratio old / new. Modes: encode (W1's 5,000 test rows to network inputs), predict
# (distributionsForInstances of a dense W1 network, Weka's 100 rows per call), topology (one RigL topology update of
# W2's sparse engine at 90% sparsity, on two threads or as many as :threads says).
# Usage (from anywhere): src/test/scripts/paired-builds.sh <revision> [encode|predict|topology[:threads]] [rounds]
# (topology reads Fashion-MNIST from $OVERPARAM_DATA, default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/../../.."
rev=${1:?usage: paired-builds.sh <revision> [encode|predict|topology[:threads]] [rounds]}
source src/test/scripts/bench-classpath.sh
old=$(mktemp -d)
tool=$(mktemp -d)
trap 'git worktree remove --force "$old" >/dev/null 2>&1 || true; rm -rf "$old" "$tool" "$BENCH_SNAPSHOT"' EXIT
git worktree add --detach -q "$old" "$rev"
(cd "$old" && mvn -B -q -DskipTests test-compile)
deps=$(cat target/test.classpath)
# the tool alone on the class path: the two builds' classes must come from their own loaders
javac -d "$tool" -cp "$deps" src/test/java/org/overparam/bench/PairedBuilds.java
echo "machine: $(nproc --all) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "old build: $(git -C "$old" log --oneline -1 | cut -c1-80)"
java -Xmx3g -Doverparam.data="${OVERPARAM_DATA:-../shared/data}" -cp "$tool:$deps" org.overparam.bench.PairedBuilds "$old" "$PWD" "${2:-predict}" "${3:-101}" 2>&1 \
  | grep -v -E '^SLF4J|ARPACK|^WARNING: Failed|^\[main\] INFO|^Warning: Versions of org.bytedeco|^[A-Z][a-z]{2} [0-9]'
