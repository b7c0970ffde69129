#!/usr/bin/env bash
# Retakes the screenshots in docs/images/ (docs/training-history.md): starts a virtual X display (Xvfb), drives
# the real Weka Explorer there (weka.gui.overparam.ExplorerScreenshots, test sources) with each learner on bundled
# data and captures the Training history tab, then runs docs/flows/training-history.kf in the real KnowledgeFlow
# (weka.gui.overparam.KnowledgeFlowScreenshots) and captures the canvas and the ImageViewer.
# With "progress" it captures the Explorer's Log and status bar while a network trains, then presses Stop and
# checks that the status bar says "Interrupted".
# With "walkthrough" (every learner) or "walkthrough-<learner>" it takes the pictures of the guides' "In the
# Explorer" sections (weka.gui.overparam.ExplorerWalkthrough): the Preprocess tab with the guide's data, the
# Classify or Cluster tab with the learner chosen, its options dialog opened by a click on its name, and the
# output after Start (docs/images/walk-*.png, reduced to 256 colours with ImageMagick when it is installed).
# "walkthrough-labelfilter" (part of "walkthrough") takes those of guide-label-issues.md's "As a filter": wine.arff
# in the Preprocess tab, the RemoveLabelIssues filter's options dialog opened by a click on its name (Logistic,
# add score), and the tab after Apply with the added label_issue attribute selected.
# Usage (from anywhere): src/test/scripts/gui-screenshots.sh [progress itop sop mindiff kgd em kf walkthrough
#   walkthrough-itop walkthrough-sop walkthrough-mindiff walkthrough-itop-regression walkthrough-kgd walkthrough-em
#   walkthrough-labelfilter]
#   (default: all but the walkthrough)
# Needs Xvfb (Debian/Ubuntu: sudo apt-get install -y xvfb); Maven builds the classes offline if it can.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if ! command -v Xvfb >/dev/null; then
  echo "Xvfb is missing; install it with: sudo apt-get install -y xvfb" >&2
  exit 2
fi
mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test.classpath
out=docs/images
mkdir -p "$out"

# A free display number; Xvfb stops when the script ends, whatever happens.
display=${SCREENSHOT_DISPLAY:-}
if [ -z "$display" ]; then
  for n in $(seq 90 120); do [ -e /tmp/.X$n-lock ] || { display=:$n; break; }; done
fi
# Tall enough for the longest options dialog (ItopSparseNetwork's) without a scroll bar.
Xvfb "$display" -screen 0 1600x1400x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
run() {
  DISPLAY=$display java -Xmx3g -Doverparam.testData=test-data -Dawt.useSystemAAFontSettings=on \
    -cp "target/classes:target/test-classes:$(cat target/test.classpath)" "$@" 2>&1 \
    | grep -v -E '^SLF4J|^Warning: Versions of org.bytedeco|ARPACK|zip END header'
}
learners=()
walks=()
walk=no
kf=$([ $# -eq 0 ] && echo yes || echo no)
for a in "$@"; do
  case "$a" in
    kf) kf=yes ;;
    walkthrough) walk=yes ;;
    walkthrough-*) walk=yes; walks+=("${a#walkthrough-}") ;;
    *) learners+=("$a") ;;
  esac
done
if [ $# -eq 0 ] || [ ${#learners[@]} -gt 0 ]; then
  run weka.gui.overparam.ExplorerScreenshots "$out" "${learners[@]}"
fi
if [ "$kf" = yes ]; then
  run weka.gui.overparam.KnowledgeFlowScreenshots "$out"
fi
if [ "$walk" = yes ]; then
  stamp=$(mktemp)
  run weka.gui.overparam.ExplorerWalkthrough "$out" "${walks[@]}"
  # Flat Swing pictures lose nothing visible at 256 colours (without dithering) and shrink by half or more.
  if command -v convert >/dev/null; then
    find "$out" -name 'walk-*.png' -newer "$stamp" | while read -r f; do
      convert "$f" -dither None -colors 256 -define png:compression-level=9 "$f"
    done
  fi
  rm -f "$stamp"
fi
