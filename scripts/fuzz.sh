#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS (default 60) with AddressSanitizer.
#
#   scripts/fuzz.sh TARGET [SECONDS]       TARGET: yaml json overlay schema regex validate exchange
#
# Builds the Fuzz/ package with `-sanitize=fuzzer,address` (release, into Fuzz/.build), seeds the
# corpus from specs/, Corpus/ and the test suites (Fuzz/seeds/TARGET, regenerated each run), keeps
# what the fuzzer finds in Fuzz/corpus/TARGET, and writes crashes, timeouts and out-of-memory
# inputs to Fuzz/findings/TARGET-*. Exit status: 0 nothing found, non-zero a finding (libFuzzer's).
# Environment: FUZZ_TIMEOUT (seconds per input, default 10), FUZZ_RSS_MB (default 2048),
# FUZZ_JOBS (parallel workers, default 1).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]   (yaml json overlay schema regex validate exchange)}
SECONDS_TO_RUN=${2:-60}
case "$TARGET" in yaml|json|overlay|schema|regex|validate|exchange) ;; *) echo "unknown target $TARGET" >&2; exit 2 ;; esac
FUZZ=$ROOT/Fuzz
"$ROOT/scripts/ensure-libyaml.sh" >/dev/null

echo "== building fuzz-$TARGET (release, -sanitize=fuzzer,address)" >&2
(cd "$FUZZ" && swift build -c release --product "fuzz-$TARGET" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g >&2)
BIN=$FUZZ/.build/release/fuzz-$TARGET

SEEDS=$FUZZ/seeds/$TARGET
rm -rf "$SEEDS"
mkdir -p "$SEEDS" "$FUZZ/corpus/$TARGET" "$FUZZ/findings"
n=0
seed() { # seed FILE...: copies files (at most 64 KB each) into the seed folder
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le 65536 ] || continue
    n=$((n + 1)); cp "$f" "$SEEDS/$n-$(basename "$f")"
  done
}
suite=$ROOT/Tests/JSONSchemaTestSuite/Suite/tests
case "$TARGET" in
  yaml)
    seed "$ROOT"/specs/*.yaml
    seed $(find "$ROOT/Corpus" "$ROOT/Tests/OpenAPIContractTests/Resources" -name '*.yaml' -o -name '*.yml' | head -400)
    ;;
  json)
    seed $(find "$ROOT/Corpus" "$ROOT/Tests/SpecSourceTests/Fixtures" -name '*.json' -o -name '*.jsonl' | head -400)
    ;;
  validate)
    seed $(find "$ROOT/Corpus" -name '*.json' -o -name '*.yaml' | grep -v spec-check.yaml)
    ;;
  exchange)
    # HTTP exchanges as text (the format is on FuzzExchange.swift's entry point).
    seed "$FUZZ"/exchange-seeds/*.http
    ;;
  overlay|schema|regex)
    # Split the suites into one input per case with python3 (skipped when it is missing).
    if command -v python3 >/dev/null; then
      python3 - "$TARGET" "$SEEDS" "$ROOT" <<'PY'
import json, os, sys, glob
target, out, root = sys.argv[1:4]
count = 0
def put(data):
    global count
    if len(data) > 65536: return
    count += 1
    with open(os.path.join(out, "s%05d" % count), "wb") as f: f.write(data)
if target == "overlay":
    cts = json.load(open(os.path.join(root, "Tests/JSONPathTests/Resources/cts.json")))
    for case in cts["tests"]:
        if "document" in case:
            put(case["selector"].encode() + b"\n" + json.dumps(case["document"]).encode())
    for f in glob.glob(os.path.join(root, "Tests/OpenAPIContractTests/Resources/**/*.yaml"), recursive=True):
        put(b"$..*\n" + open(f, "rb").read())
else:
    for f in glob.glob(os.path.join(root, "Tests/JSONSchemaTestSuite/Suite/tests/**/*.json"), recursive=True):
        for group in json.load(open(f)):
            schema = group["schema"]
            if target == "schema":
                put(json.dumps(schema).encode())
            else:
                stack = [schema]
                while stack:
                    s = stack.pop()
                    if isinstance(s, dict):
                        if isinstance(s.get("pattern"), str):
                            subject = next((t["data"] for t in group["tests"] if isinstance(t["data"], str)), "")
                            put(s["pattern"].encode() + b"\n" + subject.encode())
                        stack.extend(s.values())
                    elif isinstance(s, list):
                        stack.extend(s)
PY
    fi
    [ "$TARGET" = schema ] && seed "$ROOT"/specs/*.yaml
    ;;
esac
echo "== fuzz-$TARGET: $(ls "$SEEDS" | wc -l) seeds, $SECONDS_TO_RUN s" >&2
cd "$ROOT" # fuzz-validate reads specs/openrouter-videos.yaml
export LSAN_OPTIONS="suppressions=$FUZZ/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
parallel=()
[ "${FUZZ_JOBS:-1}" -gt 1 ] && parallel=(-fork="$FUZZ_JOBS")
exec "$BIN" "$FUZZ/corpus/$TARGET" "$SEEDS" "${parallel[@]}" \
  -max_total_time="$SECONDS_TO_RUN" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$FUZZ/findings/$TARGET-"
