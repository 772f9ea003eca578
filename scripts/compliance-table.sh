#!/usr/bin/env bash
# Prints the JSON-Schema-Test-Suite compliance table (Markdown) that README.md shows.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test --filter 'OfficialSuiteTests/complianceSummary' 2>/dev/null \
  | sed -n '/BEGIN JSON-SCHEMA-TEST-SUITE COMPLIANCE/,/END JSON-SCHEMA-TEST-SUITE COMPLIANCE/p'
