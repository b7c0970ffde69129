#!/usr/bin/env bash
# Redraws the package import graph in docs/architecture.md from the compiled main classes (jdeps, from the JDK) and
# checks the layering rule (org.overparam.architecture.ImportGraph in the test sources; ImportGraphTest runs the same
# check in every build). Exits 1, after writing the drawing, when a package breaks the rule or is not classified.
# Usage (from anywhere): src/test/scripts/import-graph.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -q -o test-compile
java -cp target/test-classes org.overparam.architecture.ImportGraph target/classes docs/architecture.md
