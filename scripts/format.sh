#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the repository's .swift-format.
#
#   scripts/format.sh           rewrites the files in place
#   scripts/format.sh --check   changes nothing; lists every deviation and exits non-zero (CI)
#
# Generated code (IntegrationTests/Sources/VideosAPI/Generated) is left as the generator wrote it.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Plugins Package.swift
  Benchmarks/Sources Benchmarks/Benchmarks Benchmarks/Package.swift
  Fuzz/Sources Fuzz/Package.swift
  IntegrationTests/Tests IntegrationTests/Sources/MiddlewareSpeed IntegrationTests/Package.swift)
if [ "${1:-}" = "--check" ]; then
  exec swift format lint --strict --recursive --parallel "${paths[@]}"
fi
exec swift format format --in-place --recursive --parallel "${paths[@]}"
