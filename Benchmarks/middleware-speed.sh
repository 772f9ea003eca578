#!/usr/bin/env bash
# What ContractValidationMiddleware adds to one generated-client call (issue 10's speed note):
# builds IntegrationTests' MiddlewareSpeed (release) and runs it, then, where valgrind is
# installed, counts instructions per call with callgrind, which a loaded machine does not skew.
#
#   Benchmarks/middleware-speed.sh [CALLS] [ROUNDS]     (5000 calls, 5 rounds)
#
# The program lives in the integration package because it needs the generated client and
# swift-openapi-runtime, which this benchmark package does not depend on. See README.md here.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PKG=$(dirname "$HERE")/IntegrationTests
CALLS=${1:-5000}
ROUNDS=${2:-5}
(cd "$PKG" && swift build -c release --product MiddlewareSpeed >/dev/null)
BIN=$PKG/.build/release/MiddlewareSpeed
"$BIN" "$CALLS" --rounds "$ROUNDS"
command -v valgrind >/dev/null || { echo "(valgrind not installed: no instruction counts)"; exit 0; }
# Instructions per call: the difference between 500 and 100 calls (after the same start-up), / 400.
# Deterministic hashing keeps Set and Dictionary work the same from one process to the next.
export SWIFT_DETERMINISTIC_HASHING=1
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$1" --only "$2" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
declare -A per
for variant in plain checked checks passThrough reading bufferAndCheck; do
    per[$variant]=$(( ($(count 500 "$variant") - $(count 100 "$variant")) / 400 ))
done
added=$(( per[checked] - per[plain] ))
floor=$(( per[reading] - per[plain] ))
echo "instructions per call (callgrind): bare ${per[plain]}, with the middleware ${per[checked]} (adds $added)," \
     "the two checks alone ${per[checks]}, buffer-and-check adds $(( per[bufferAndCheck] - per[plain] ))"
echo "of what it adds: one more middleware in the chain $(( per[passThrough] - per[plain] )), reading both bodies" \
     "$(( per[reading] - per[passThrough] )), the rest (its checks and own work) $(( added - floor ))"
awk -v a="$added" -v c="${per[checks]}" -v f="$floor" 'BEGIN {
    printf "added / checks (instructions): %.2f (goal: at most 1); without the chain slot and body reading: %.2f\n", a / c, (a - f) / c }'
