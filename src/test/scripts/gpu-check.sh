#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: trains each network briefly on the GPU (the overparamCUDA add-on) and on the CPU
# (the same installation with BACKEND_PRIORITY_CPU set above BACKEND_PRIORITY_GPU), compares their test accuracies
# and prints the training throughput of both (docs/gpu.md).
#
#   src/test/scripts/gpu-check.sh            installs target/overparam-<v>.zip and target/overparamCUDA-<v>.zip
#                                            (mvn -Pcuda -DskipTests package) into a temporary WEKA_HOME
#   WEKA_HOME=~/wekafiles src/test/scripts/gpu-check.sh --installed   uses the packages installed there
#   GPU_CHECK_ALLOW_CPU=1 ...                runs even when the "GPU" side is the CPU (a dry run of this script)
#
# Accuracies must agree within MAX_DIFF percentage points (default 2: float32 sums in another order can move a few
# borderline test instances). Samples/s = epochs x training rows / wall time of the run, JVM start-up included.
set -euo pipefail
cd "$(dirname "$0")/../../.."
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
[ -f target/weka.classpath ] || { echo "FAILED: no target/weka.classpath: run mvn -DskipTests package first"; exit 1; }
wekacp=$(cat target/weka.classpath)
max_diff=${MAX_DIFF:-2}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "${1:-}" != --installed ]; then
  for z in "target/overparam-$version.zip" "target/overparamCUDA-$version.zip"; do
    [ -f "$z" ] || { echo "FAILED: no $z (mvn -Pcuda -DskipTests package builds both)"; exit 1; }
  done
  export WEKA_HOME=$tmp/wekahome
  mkdir -p "$WEKA_HOME"
  for z in "target/overparam-$version.zip" "target/overparamCUDA-$version.zip"; do
    java -cp "$wekacp" weka.core.WekaPackageManager -offline -install-package "$z" > /dev/null
  done
fi
run() { java -Dweka.packageManager.offline=true -Djava.awt.headless=true -cp "$wekacp" weka.Run \
  -do-not-prompt-if-multiple-matches "$@" 2>&1; }

info=$(run .OverparamBackendInfo)
if ! grep -q "kind: *CUDA" <<< "$info"; then
  echo "$info" | sed -n '/^GPU (CUDA)/,$p'
  if [ "${GPU_CHECK_ALLOW_CPU:-0}" != 1 ]; then
    echo "FAILED: the networks do not run on the GPU here (the report above says why)"; exit 1
  fi
  echo "(GPU_CHECK_ALLOW_CPU=1: comparing the CPU with itself)"
fi
grep -E "^(backend|devices):" <<< "$info"

# name | epochs | training rows | weka.Run arguments
cases=$(cat <<'EOF'
ItopSparseNetwork|20|1000|.ItopSparseNetwork -t test-data/arff/adult-small-train.arff -T test-data/arff/adult-small-test.arff -epochs 20 -hidden-layers 256,256 -sparsity 0.9
SopRobustNetwork|20|1000|.SopRobustNetwork -t test-data/arff/adult-small-train.arff -T test-data/arff/adult-small-test.arff -epochs 20 -hidden-layers 256,256
MinDiffNetwork|20|1000|.MinDiffNetwork -t test-data/arff/adult-small-train.arff -T test-data/arff/adult-small-test.arff -sensitive-attribute sex -sensitive-value Female -epochs 20 -hidden-layers 256,256
EOF
)

printf '%-18s %10s %10s %12s %12s\n' network "GPU acc %" "CPU acc %" "GPU samp/s" "CPU samp/s"
failed=0
while IFS='|' read -r name epochs rows args; do
  declare -A acc=() rate=()
  for side in gpu cpu; do
    start=$(date +%s.%N)
    # shellcheck disable=SC2086 # the arguments are words on purpose
    if [ $side = cpu ]; then out=$(BACKEND_PRIORITY_CPU=200 BACKEND_PRIORITY_GPU=0 run $args); else out=$(run $args); fi
    end=$(date +%s.%N)
    a=$(grep -A 200 "=== Error on test data ===" <<< "$out" | sed -n 's/^Correctly Classified Instances *[0-9]* *\([0-9.]*\) *%.*/\1/p' | head -n 1)
    [ -n "$a" ] || { echo "$out" | tail -n 30; echo "FAILED: $name on the $side: no test accuracy"; exit 1; }
    want=$([ $side = gpu ] && echo "Running on the GPU" || echo "BACKEND_PRIORITY_CPU")
    if [ "${GPU_CHECK_ALLOW_CPU:-0}" != 1 ] && ! grep -q "$want" <<< "$out"; then
      echo "$out" | grep -A 2 "ND4J backend"; echo "FAILED: $name did not run on the $side"; exit 1
    fi
    acc[$side]=$a
    rate[$side]=$(awk -v e="$epochs" -v r="$rows" -v s="$start" -v t="$end" 'BEGIN { printf "%.0f", e * r / (t - s) }')
  done
  printf '%-18s %10s %10s %12s %12s\n' "$name" "${acc[gpu]}" "${acc[cpu]}" "${rate[gpu]}" "${rate[cpu]}"
  if awk -v a="${acc[gpu]}" -v b="${acc[cpu]}" -v m="$max_diff" 'BEGIN { d = a - b; exit !((d < 0 ? -d : d) > m) }'; then
    echo "FAILED: $name: GPU and CPU accuracies differ by more than $max_diff points"; failed=1
  fi
done <<< "$cases"
[ $failed = 0 ] || exit 1
echo "gpu-check: OK"
