#!/usr/bin/env bash
# The fresh-machine entry point: installs what `make run` / `make test` need when it is missing
# (make, pkg-config, libyaml's development files), then runs make with the given targets.
#   scripts/make.sh run | test | install [PREFIX=…]
# Debian/Ubuntu: apt-get, as root or through sudo; macOS: Homebrew. Where neither can install,
# it prints the exact command to run and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v make >/dev/null 2>&1 || missing+=(make)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists yaml-0.1; }; then missing+=(libyaml-dev); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "scripts/make.sh: installing ${missing[*]}" >&2
  scripts/ensure-libyaml.sh "${missing[@]}"
fi
exec make "$@"
