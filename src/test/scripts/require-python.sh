# Sourced by the benchmark scripts that compare with Python. require_python MODULES PACKAGE...: stops the script
# (exit 2) with the command that installs the Debian packages when /usr/bin/python3 cannot import MODULES
# (comma-separated, as in a Python import). It installs nothing itself.
require_python() {
  local modules=$1
  shift
  if ! /usr/bin/python3 -c "import $modules" 2>/dev/null; then
    echo "/usr/bin/python3 cannot import $modules (Debian packages: $*); install them with:" >&2
    echo "  sudo apt-get install -y $*" >&2
    exit 2
  fi
}
