#!/usr/bin/env bash
# The package's learners on Weka's remote Experimenter (issue 17; docs/remote-experimenter.md).
#
# Installs the package zip into a temporary WEKA_HOME with Weka's offline package manager (as .ci/run
# does), starts two weka.experiment.RemoteEngine JVMs on 127.0.0.1, each with its own RMI registry (ports
# PORT and PORT+1, default random in 20000-39999), under a security manager and a policy file, then runs a
# RemoteExperiment for ItopSparseNetwork vs J48 (iris) and for OverparameterizedKernelGD vs LinearRegression
# (cpu), 10-fold CV, runs 1-2, split by run so that each engine runs one run of each experiment. The same
# experiments run locally and the result rows are compared (all columns but timings and the date).
# Last line: "remote experiment: N result rows from 2 hosts, equal to local: yes|no"; exit 0 only for yes.
#
# Usage: src/test/scripts/remote-experiment.sh        (from anywhere; builds the zip if missing)
#   TIME_LIMIT=seconds (default 600) bounds the whole script; PORT=n picks the first registry port;
#   POLICY=file runs the engines under that policy instead of docs/remote-engine.policy; ENGINE_JAVA_OPTS adds
#   JVM options to the engines (e.g. -Djava.security.debug=access:failure lists denied permissions).
# The result files (local and per engine) and the logs are copied to target/remote-experiment/.
# Needs a JDK 17 (java, javac) and the Maven build's target/; installs nothing on the system.
set -euo pipefail
cd "$(dirname "$0")/../../.."
TIME_LIMIT=${TIME_LIMIT:-600}
if [ -z "${REMOTE_EXPERIMENT_TIMED:-}" ]; then
  export REMOTE_EXPERIMENT_TIMED=1
  exec timeout --kill-after=15 "$TIME_LIMIT" "$0" "$@"
fi
for tool in java javac timeout; do
  command -v "$tool" > /dev/null || { echo "remote-experiment.sh: '$tool' not found (install a JDK 17 and coreutils)" >&2; exit 2; }
done
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
fail() {
  echo "remote-experiment.sh: $*" >&2
  echo "remote experiment: 0 result rows from 0 hosts, equal to local: no"
  exit 1
}

zip=$(ls target/overparam-*.zip 2>/dev/null | head -n 1 || true)
if [ -z "$zip" ] || [ ! -f target/weka.classpath ]; then
  mvn -B -q -o -DskipTests package
  zip=$(ls target/overparam-*.zip | head -n 1)
fi
wekacp=$(cat target/weka.classpath)

work=$(mktemp -d -t overparam-remote.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "remote-experiment.sh: stopped by a signal or the time limit (TIME_LIMIT=$TIME_LIMIT s)" >&2
  echo "remote experiment: 0 result rows from 0 hosts, equal to local: no"; exit 143' TERM INT

export WEKA_HOME="$work/wekahome"
java -cp "$wekacp" weka.core.WekaPackageManager -offline -install-package "$zip" > "$work/install.log" 2>&1 \
  || { cat "$work/install.log"; fail "package install failed"; }

# The loopback launcher and the client (src/test/scripts/remote/*.java), compiled against Weka only.
mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$wekacp" src/test/scripts/remote/*.java || fail "javac failed"

# Security policy: docs/remote-engine.policy, as on real hosts (POLICY=file for another). RemoteEngine.main
# installs a security manager (java.rmi.RMISecurityManager) unless one is set: Java 17 allows that with a
# warning, Java 18-23 only with -Djava.security.manager=allow (given here). weka.dir: the deepest folder holding every jar of the class path.
# See docs/remote-experimenter.md for what Weka's own remote.policy lacks.
# The loopback launcher exports the engine, so RMI runs the engine's calls with the launcher's permissions:
# it gets the same grant as Weka's jar, appended to a copy of the policy.
policy="$work/remote-engine.policy"
cat "${POLICY:-docs/remote-engine.policy}" > "$policy"
printf '\n// added by remote-experiment.sh: its loopback launcher\ngrant codeBase "file:%s/" {\n  permission java.security.AllPermission;\n};\n' \
  "$work/classes" >> "$policy"
weka_dir=
IFS=':' read -r -a entries <<< "$wekacp"
for entry in "${entries[@]}"; do
  d=$(dirname "$entry")
  if [ -z "$weka_dir" ]; then weka_dir=$d; fi
  while [ "${d#"$weka_dir"/}" = "$d" ] && [ "$d" != "$weka_dir" ]; do weka_dir=$(dirname "$weka_dir"); done
done

echo "engines: policy $(basename "${POLICY:-docs/remote-engine.policy}") with weka.dir=$weka_dir, wekahome=$WEKA_HOME"

port=${PORT:-$((20000 + RANDOM % 20000))}
hosts=()
for i in 0 1; do
  p=$((port + i))
  dir="$work/engine-$p"
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  (cd "$dir" && exec java -Xmx1g ${ENGINE_JAVA_OPTS:-} -Djava.security.manager=allow -Djava.security.policy="$policy" -Dwekahome="$WEKA_HOME" -Dweka.dir="$weka_dir" \
    -Djava.rmi.server.hostname=127.0.0.1 -Dweka.packageManager.offline=true -Djava.awt.headless=true \
    -cp "$wekacp:$work/classes" LoopbackRemoteEngine -p "$p") > "$work/engine-$p.log" 2>&1 &
  pids+=($!)
  hosts+=("127.0.0.1:$p=$dir")
done
for i in 0 1; do
  p=$((port + i))
  for _ in $(seq 1 120); do
    grep -q "RemoteEngine bound in RMI registry" "$work/engine-$p.log" && break
    kill -0 "${pids[$i]}" 2> /dev/null || break
    sleep 1
  done
  grep -q "RemoteEngine bound in RMI registry" "$work/engine-$p.log" \
    || { cat "$work/engine-$p.log"; fail "RemoteEngine on port $p did not start (port in use? try PORT=...)"; }
  echo "RemoteEngine bound at //127.0.0.1:$p/RemoteEngine"
done

status=0
java -Xmx1g -Djava.rmi.server.hostname=127.0.0.1 -Dweka.packageManager.offline=true -Djava.awt.headless=true \
  -cp "$wekacp:$work/classes" RemoteExperimentCheck "$work" "$((TIME_LIMIT > 120 ? TIME_LIMIT - 60 : 60))" "${hosts[@]}" \
  > "$work/client.log" 2> "$work/client.err" || status=$?
if [ "$status" != 0 ]; then
  for log in "$work"/engine-*.log "$work/client.err"; do
    echo "---- $(basename "$log") (last lines)"; tail -n 30 "$log"
  done
fi
mkdir -p target/remote-experiment
rm -f target/remote-experiment/*
cp "$policy" "$work"/*.log "$work"/*.csv "$work"/client.err target/remote-experiment/ 2> /dev/null || true
for d in "$work"/engine-*/; do
  for f in "$d"*.csv; do [ -f "$f" ] && cp "$f" "target/remote-experiment/$(basename "$d")-$(basename "$f")"; done
done
grep -h "Launching task\|Finished/failed" "$work"/engine-*.log | sed 's/^/engine: /' || true
cat "$work/client.log"
grep -q "^remote experiment: " "$work/client.log" \
  || echo "remote experiment: 0 result rows from 0 hosts, equal to local: no"
exit "$status"
