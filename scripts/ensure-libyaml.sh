#!/usr/bin/env bash
# Installs libyaml's development files (and pkg-config) when they are missing.
# Debian/Ubuntu: apt-get; macOS: Homebrew. Does nothing when `pkg-config --exists yaml-0.1` succeeds.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists yaml-0.1; then
  exit 0
fi
echo "libyaml (pkg-config yaml-0.1) is missing; installing it" >&2
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libyaml-dev pkg-config
elif command -v brew >/dev/null 2>&1; then
  brew install libyaml pkg-config
else
  echo "error: cannot install libyaml here: install libyaml-dev (or libyaml) and pkg-config yourself" >&2
  exit 1
fi
pkg-config --exists yaml-0.1
