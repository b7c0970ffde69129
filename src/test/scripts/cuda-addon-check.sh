#!/usr/bin/env bash
# Installs the overparamCUDA add-on next to the overparam package with Weka's offline package manager in a
# temporary WEKA_HOME, checks what weka.Run .OverparamBackendInfo reports, uninstalls the add-on and checks that
# the package is back on the CPU (docs/gpu.md).
#
#   src/test/scripts/cuda-addon-check.sh             the real add-on, target/overparamCUDA-<version>.zip
#                                                    (mvn -Pcuda -DskipTests package; about 600 MB of jars)
#   src/test/scripts/cuda-addon-check.sh --build     builds it first with mvn -Pcuda (downloads the CUDA jars)
#   src/test/scripts/cuda-addon-check.sh --stand-in  the add-on zip of every build (its descriptor and assembly,
#                                                    stand-in jar), with a compiled stand-in JCublasBackend class:
#                                                    runs anywhere, no GPU needed
#
# With the real add-on on a machine with an NVIDIA driver the backend must be CUDA; without a driver the report
# must explain why not. Needs target/overparam-<version>.zip and target/weka.classpath (mvn package).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mode=real
case "${1:-}" in
  "") ;;
  --build) mode=build ;;
  --stand-in) mode=standin ;;
  *) echo "usage: $0 [--build | --stand-in]" >&2; exit 2 ;;
esac

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
main=target/overparam-$version.zip
if [ "$mode" = build ]; then
  mvn -B -Pcuda -DskipTests package
  mode=real
fi
[ -f "$main" ] && [ -f target/weka.classpath ] || { echo "FAILED: no $main or target/weka.classpath: run mvn -DskipTests package first"; exit 1; }
wekacp=$(cat target/weka.classpath)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$mode" = real ]; then
  addon=target/overparamCUDA-$version.zip
  if [ ! -f "$addon" ]; then
    echo "FAILED: $addon is missing. Build it with 'mvn -Pcuda -DskipTests package' (downloads ND4J's CUDA jars,"
    echo "about 600 MB: nd4j-cuda-11.6 1.0.0-M2.1 and org.bytedeco:cuda 11.6-8.3-1.5.7), or run this script with"
    echo "--build, or with --stand-in to check the installation with a stand-in add-on."
    exit 1
  fi
  n=$(unzip -l "$addon" | grep -c 'lib/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar' || true)
  [ "$n" = 1 ] || { echo "FAILED: $addon has no lib/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar (not the real add-on)"; exit 1; }
else
  built=target/overparamCUDA-standin-$version.zip
  [ -f "$built" ] || { echo "FAILED: no $built: run mvn -DskipTests package first"; exit 1; }
fi

export WEKA_HOME=$tmp/wekahome
mkdir -p "$WEKA_HOME"
pm() { java -cp "$wekacp" weka.core.WekaPackageManager -offline "$@"; }
info() { java -Dweka.packageManager.offline=true -Djava.awt.headless=true -cp "$wekacp" weka.Run \
  -do-not-prompt-if-multiple-matches .OverparamBackendInfo 2>&1; }
expect() { # expect <text> <output>
  grep -qF -- "$1" <<< "$2" || { echo "$2"; echo "FAILED: no '$1' in the report above"; exit 1; }
}

pm -install-package "$main" > /dev/null
if [ "$mode" = standin ]; then
  # The build's stand-in jar holds the stand-in's source; give it the compiled class (against the ND4J API that the
  # installed overparam ships), which the report then finds.
  mkdir -p "$tmp/standin-classes" "$tmp/addon/lib"
  javac -cp "$WEKA_HOME/packages/overparam/lib/*" -d "$tmp/standin-classes" \
    src/test/cuda-standin/org/nd4j/linalg/jcublas/JCublasBackend.java
  (cd "$tmp/addon" && unzip -q "$OLDPWD/$built")
  jar cf "$tmp/addon/lib/overparam-cuda-standin.jar" -C "$tmp/standin-classes" .
  addon=$tmp/overparamCUDA-$version.zip
  (cd "$tmp/addon" && zip -q -r "$addon" .)
fi
pm -install-package "$addon" > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; echo "FAILED: installing $addon"; exit 1; }
installed=$(pm -list-packages installed)
echo "$installed"
grep -q 'overparamCUDA' <<< "$installed" && grep -qE '(^|[[:space:]])overparam([[:space:]]|$)' <<< "$installed" \
  || { echo "FAILED: both packages should be installed"; exit 1; }

with=$(info)
echo "$with"
expect "CUDA backend jars:           present" "$with"
if [ "$mode" = standin ]; then
  # the add-on's class resolved ND4J's API through overparam's loader: one Nd4jBackend class for both backends
  # ... and overparam's loader defines the add-on's class too (it adopted the add-on's jars): one loader for JavaCPP
  expect "CUDA backend error:          IllegalStateException: stand-in CUDA backend (cuda-addon-check.sh); Nd4jBackend from weka.core.WekaPackageLibIsolatingClassLoader (overparam); JCublasBackend from weka.core.WekaPackageLibIsolatingClassLoader (overparam)" "$with"
  expect "Running on the CPU although the CUDA backend (overparamCUDA) is installed:" "$with"
elif [ -r /proc/driver/nvidia/version ]; then
  expect "kind:                        CUDA (GPU)" "$with"
  expect "Running on the GPU" "$with"
else
  expect "Running on the CPU although the CUDA backend (overparamCUDA) is installed:" "$with"
  # JavaCPP reached the CUDA natives (and failed for want of a driver), not Java 17's module barrier
  ! grep -q InaccessibleObjectException <<< "$with" || { echo "FAILED: the CUDA backend hit Java's module barrier"; exit 1; }
fi
echo "ok: with the add-on, OverparamBackendInfo sees ND4J's CUDA backend"

pm -uninstall-package overparamCUDA > /dev/null
installed=$(pm -list-packages installed)
! grep -q overparamCUDA <<< "$installed" || { echo "$installed"; echo "FAILED: overparamCUDA still installed"; exit 1; }
without=$(info)
expect "kind:                        CPU" "$without"
expect "CUDA backend jars:           absent" "$without"
expect "Running on the CPU: ND4J's CUDA backend is not installed." "$without"
echo "ok: after uninstalling the add-on, overparam runs on the CPU and says why"

if [ "$mode" = standin ]; then
  # An add-on of another release is not used, and the report says so.
  sed -i 's/^Version=.*/Version=0.0.0-other/' "$tmp/addon/Description.props"
  other=$tmp/other/overparamCUDA-0.0.0-other.zip
  mkdir -p "$tmp/other" && (cd "$tmp/addon" && zip -q -r "$other" .)
  pm -install-package "$other" > /dev/null
  mismatch=$(info)
  expect "Running on the CPU: the installed overparamCUDA 0.0.0-other does not match overparam $version" "$mismatch"
  expect "CUDA backend jars:           absent" "$mismatch"
  pm -uninstall-package overparamCUDA > /dev/null
  echo "ok: an add-on of another version is left unused, and the report says why"
fi
echo "cuda-addon-check ($mode): OK"
