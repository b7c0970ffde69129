# Sourced by the benchmark scripts, from the repository root. Compiles main and test classes, writes the
# test class path, and copies the classes to a temporary snapshot, so that a rebuild during a long run
# cannot pull them away. Sets BENCH_CP (the class path to run with) and BENCH_SNAPSHOT (removed on exit).
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test.classpath
BENCH_SNAPSHOT=$(mktemp -d)
trap 'rm -rf "$BENCH_SNAPSHOT"' EXIT
cp -r target/classes target/test-classes "$BENCH_SNAPSHOT"/
BENCH_CP="$BENCH_SNAPSHOT/classes:$BENCH_SNAPSHOT/test-classes:$(cat target/test.classpath)"
source src/test/scripts/blas-coretype.sh
blas_coretype "$BENCH_CP"
