#!/usr/bin/env bash
# Prequential evaluation (MOA EvaluatePrequential, cumulative accuracy) of the MOA stream learner
# moa.classifiers.overparam.ItopStreamNetwork (dense, 90% sparse, 90% sparse + drift coupling)
# against MOA's HoeffdingTree and HoeffdingAdaptiveTree, on generators with and without drift and
# on two real data sets read as ArffFileStream (docs/results.md, "MOA stream learners").
# Usage (from anywhere): src/test/scripts/moa-prequential.sh [instances per generator stream] [seed]
#   STREAMS="rbf-drift rbf-abrupt" LEARNERS="itop-90 itop-90-drift" restrict the runs (names below).
# Output: one CSV row per run (stream, learner, instances, accuracy %, kappa %, CPU s, inst/s, wall s,
# R_s, topology updates, drifts) in target/moa-bench/results-n<instances>-seed<seed>.csv, and on stdout.
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-100000}
seed=${2:-1}
data=${OVERPARAM_DATA:-../shared/data}
mvn -B -q compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
out=target/moa-bench
mkdir -p "$out"
# Run from a snapshot of the classes, so that a rebuild during a long run cannot pull them away.
snap=$(mktemp -d)
trap 'rm -rf "$snap"' EXIT
cp -r target/classes "$snap"/
# MOA reads plain ARFF only: decompress the real data sets.
zcat "$data/letter.arff.gz" > "$snap/letter.arff"
zcat "$data/adult-train.arff.gz" > "$snap/adult.arff"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
cp="$snap/classes:$(cat target/test.classpath)"

sea="ConceptDriftStream -s (generators.SEAGenerator -f 1 -i $seed) -d (ConceptDriftStream -s (generators.SEAGenerator -f 2 -i $seed) -d (generators.SEAGenerator -f 4 -i $seed) -p $((n / 3)) -w 1) -p $((n / 3)) -w 1"
streams=(
  "rbf|$n|generators.RandomRBFGenerator -i $seed -r $seed"
  "rbf-drift|$n|generators.RandomRBFGeneratorDrift -s 0.001 -i $seed -r $seed"
  "rbf-abrupt|$n|ConceptDriftStream -s (generators.RandomRBFGenerator -i $seed -r $seed) -d (generators.RandomRBFGenerator -i $((seed + 100)) -r $((seed + 100))) -p $((n / 2)) -w 1"
  "hyperplane-drift|$n|generators.HyperplaneGenerator -k 10 -t 0.001 -i $seed"
  "sea-abrupt|$n|$sea"
  "letter|20000|ArffFileStream -f $snap/letter.arff"
  "adult|32561|ArffFileStream -f $snap/adult.arff"
)
learners=(
  "itop-dense|overparam.ItopStreamNetwork -s 0 -r $seed"
  "itop-90|overparam.ItopStreamNetwork -s 0.9 -r $seed"
  "itop-90-drift|overparam.ItopStreamNetwork -s 0.9 -c -r $seed"
  "HoeffdingTree|trees.HoeffdingTree"
  "HoeffdingAdaptiveTree|trees.HoeffdingAdaptiveTree"
)
csv="$out/results-n$n-seed$seed.csv"
echo "stream,learner,instances,accuracy,kappa,cpu_s,inst_per_cpu_s,wall_s,R_s,topology_updates,drifts" > "$csv"
for s in "${streams[@]}"; do
  IFS='|' read -r sname slen sdef <<< "$s"
  [[ -n "${STREAMS:-}" && " $STREAMS " != *" $sname "* ]] && continue
  for l in "${learners[@]}"; do
    IFS='|' read -r lname ldef <<< "$l"
    [[ -n "${LEARNERS:-}" && " $LEARNERS " != *" $lname "* ]] && continue
    start=$(date +%s.%N)
    java -Xmx4g -cp "$cp" moa.DoTask "EvaluatePrequential -l ($ldef) -s ($sdef) \
      -e BasicClassificationPerformanceEvaluator -i $slen -f $slen -q $slen" \
      > "$out/$sname-$lname.csv" 2> "$out/$sname-$lname.log"
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    python3 - "$out/$sname-$lname.csv" "$sname" "$lname" "$wall" >> "$csv" <<'PY'
import csv, sys
rows = list(csv.reader(l for l in open(sys.argv[1]) if "," in l))
head, last = rows[0], rows[-1]
col = lambda name: last[head.index(name)] if name in head else ""
inst, cpu = float(col("learning evaluation instances")), float(col("evaluation time (cpu seconds)"))
print(",".join([sys.argv[2], sys.argv[3], str(int(inst)), "%.2f" % float(col("classifications correct (percent)")),
                "%.2f" % float(col("Kappa Statistic (percent)")), "%.1f" % cpu, "%.0f" % (inst / cpu),
                "%.0f" % float(sys.argv[4]), col("ITOP rate R_s")[:6], col("topology updates"), col("drifts signalled")]))
PY
    tail -1 "$csv"
  done
done
