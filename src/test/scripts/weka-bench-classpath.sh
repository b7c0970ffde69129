# Sourced by the benchmark scripts that run through Weka's class discovery (weka.Run, Experiments), from the
# repository root. Builds the package once (target/weka.classpath, target/lib), compiles the test classes and
# copies the main classes and only the bench classes (Weka's discovery would trip over the harness tests in
# test-classes) to a temporary snapshot, so that a rebuild during a long run does not change what runs.
# Sets WEKA_BENCH_CP (the class path to run with) and WEKA_BENCH_SNAPSHOT (removed on exit).
if [ ! -f target/weka.classpath ] || [ ! -d target/lib ]; then
  mvn -B -q package -DskipTests
fi
mvn -B -q test-compile
WEKA_BENCH_SNAPSHOT=$(mktemp -d)
trap 'rm -rf "$WEKA_BENCH_SNAPSHOT"' EXIT
mkdir -p "$WEKA_BENCH_SNAPSHOT/bench/org/overparam"
cp -r target/classes "$WEKA_BENCH_SNAPSHOT/classes"
cp -r target/test-classes/org/overparam/bench "$WEKA_BENCH_SNAPSHOT/bench/org/overparam/"
WEKA_BENCH_CP="$(cat target/weka.classpath):$WEKA_BENCH_SNAPSHOT/classes:$WEKA_BENCH_SNAPSHOT/bench:target/lib/*"
source src/test/scripts/blas-coretype.sh
blas_coretype "$WEKA_BENCH_CP"
