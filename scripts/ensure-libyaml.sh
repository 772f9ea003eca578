#!/usr/bin/env bash
# Installs libyaml's development files and pkg-config (and any Debian packages named as arguments,
# e.g. make) when they are missing. Debian/Ubuntu: apt-get as root, else through sudo; macOS:
# Homebrew. Where it cannot install, it prints the exact command to run and exits 1.
# Does nothing when `pkg-config --exists yaml-0.1` succeeds and nothing else is asked for.
set -euo pipefail
packages=()
for p in "$@"; do [ "$p" != libyaml-dev ] && [ "$p" != pkg-config ] && packages+=("$p"); done
if [ ${#packages[@]} -eq 0 ] && command -v pkg-config >/dev/null 2>&1 && pkg-config --exists yaml-0.1; then
  exit 0
fi
packages+=(libyaml-dev pkg-config)
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "error: ${packages[*]} must be installed, and this user is not root and has no sudo. As root, run:" >&2
    echo "  apt-get update && apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
  echo "installing ${packages[*]} (apt-get)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}"
elif command -v brew >/dev/null 2>&1; then
  brew_packages=()
  for p in "${packages[@]}"; do
    case "$p" in libyaml-dev) brew_packages+=(libyaml) ;; *) brew_packages+=("$p") ;; esac
  done
  brew install "${brew_packages[@]}"
else
  echo "error: cannot install ${packages[*]} here (no apt-get or Homebrew): install libyaml's development files (yaml-0.1 for pkg-config), pkg-config and make yourself" >&2
  exit 1
fi
pkg-config --exists yaml-0.1
