#!/usr/bin/env bash
# Times spec-check against anchors (C + libyaml, PyYAML, jsonschema-rs, python-jsonschema, and for
# whole exchanges Python openapi-core and Go kin-openapi) on the same inputs, in one run on this
# machine, and prints a table with ratios plus growth checks.
#
#   Benchmarks/compare.sh            (from anywhere; about 3–6 minutes, more on a cold build)
#
# Environment: SPEC_CHECK_OPENAI_SPEC (default ../shared/testdata/specs/openai/openapi.yaml next to
# the repo), SPEC_CHECK_TESTDATA (default ../shared/testdata next to the repo: the largest document
# in its specs/, the multi-file DigitalOcean description, jsonschema-rs's benchmark cases), COMPARE_REPEAT (whole-process runs per command, best taken; default 3),
# COMPARE_ROUNDS (in-process rounds of spec-check and its anchor, taken in turn, best kept; default 3),
# COMPARE_COUNT (generated instances; default 10000), COMPARE_TMP (default /tmp/spec-check-compare).
#
# Writes only under $COMPARE_TMP, /tmp/spec-check-compare-venv (reused between runs), the build
# folders (.build in the repo and Benchmarks/.build) and SwiftPM's Package.resolved files.
# Ratio = spec-check's cost ÷ the anchor's cost (time, or 1/throughput): above 1 means spec-check is
# slower by that factor.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
WORK=${COMPARE_TMP:-/tmp/spec-check-compare}
VENV=/tmp/spec-check-compare-venv
REPEAT=${COMPARE_REPEAT:-3}
ROUNDS=${COMPARE_ROUNDS:-3}
COUNT=${COMPARE_COUNT:-10000}
SEED="$ROOT/specs/openrouter-videos.yaml"
OPENAI=${SPEC_CHECK_OPENAI_SPEC:-$ROOT/../shared/testdata/specs/openai/openapi.yaml}
TESTDATA=${SPEC_CHECK_TESTDATA:-$ROOT/../shared/testdata}
RSBENCH="$TESTDATA/jsonschema-rs-benchmark"
DIGITALOCEAN="$TESTDATA/specs/digitalocean/specification/DigitalOcean-public.v2.yaml"
SC="$ROOT/.build/release/spec-check"
BIN="$HERE/.build/release"
START=$(date +%s)

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'compare.sh: %s\n' "$*" >&2; exit 2; }
case "$WORK" in /tmp/*) ;; *) die "COMPARE_TMP must be under /tmp" ;; esac
rm -rf "$WORK" && mkdir -p "$WORK" || die "cannot create $WORK"

# ---------------------------------------------------------------- build
say "building spec-check (release) and the Benchmarks tools"
(cd "$ROOT" && swift build -c release --product spec-check --static-swift-stdlib >&2) || die "swift build of spec-check failed"
(cd "$HERE" && swift build -c release --product generate-instances >&2 &&
  swift build -c release --product throughput >&2) || die "swift build of the Benchmarks tools failed"
gcc -O2 -o "$WORK/yaml_events" "$HERE/anchors/yaml_events.c" -lyaml || die "gcc yaml_events.c failed (libyaml-dev missing?)"
gcc -O2 -o "$WORK/yaml_tree" "$HERE/anchors/yaml_tree.c" -lyaml || die "gcc yaml_tree.c failed"
# Go kin-openapi, as Debian ships it (golang-go, golang-github-getkin-kin-openapi-dev), built offline.
KIN=""
if command -v go >/dev/null && [ -d /usr/share/gocode/src/github.com/getkin/kin-openapi ]; then
  (cd "$HERE/anchors" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= go build -o "$WORK/kin_exchange" kin_exchange.go) \
    && KIN="$WORK/kin_exchange" || echo "notice: building kin_exchange.go failed; the kin-openapi anchor is skipped" >&2
else
  echo "notice: go or kin-openapi missing (apt-get install golang-go golang-github-getkin-kin-openapi-dev); the kin-openapi anchor is skipped" >&2
fi

say "python venv ($VENV): jsonschema-rs orjson pyyaml jsonschema rfc3987 openapi-core"
PY=""
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import jsonschema_rs, orjson, yaml, jsonschema, rfc3987, openapi_core' 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --disable-pip-version-check jsonschema-rs orjson pyyaml jsonschema rfc3987 openapi-core >&2
fi
if "$VENV/bin/python" -c 'import jsonschema_rs, yaml, jsonschema' 2>/dev/null; then
  PY="$VENV/bin/python"
  "$PY" -m pip list --disable-pip-version-check 2>/dev/null | grep -iE '^(jsonschema|jsonschema.rs|orjson|pyyaml|rfc3987|openapi-core) ' >&2
else
  echo "notice: the venv could not be set up; Python anchors are skipped" >&2
fi
# Blaze (sourcemeta/blaze, C++) through its CLI, which PyPI ships as `sourcemeta-jsonschema` (a
# wheel holding the prebuilt binary); optional: without it the Blaze columns read n/a.
BLAZE=""
if [ -n "$PY" ]; then
  "$VENV/bin/python" -c 'import sourcemeta_jsonschema' 2>/dev/null || "$VENV/bin/pip" install -q --disable-pip-version-check sourcemeta-jsonschema >&2
  BLAZE=$(ls "$VENV"/lib/python3*/site-packages/sourcemeta_jsonschema/jsonschema-linux-"$(uname -m | sed 's/aarch64/arm64/')" 2>/dev/null | head -1)
  [ -n "$BLAZE" ] && [ -x "$BLAZE" ] && echo "Blaze CLI: $("$BLAZE" version 2>/dev/null)" >&2 || { BLAZE=""; echo "notice: sourcemeta-jsonschema missing; the Blaze anchor is skipped" >&2; }
fi
HAVE_OPENAI=1
[ -f "$OPENAI" ] || { HAVE_OPENAI=0; echo "notice: $OPENAI not found; OpenAI-spec rows are skipped" >&2; }
# The largest single document under specs/ (the "Stripe-sized" case) and DigitalOcean's multi-file description.
LARGEST=""
[ -d "$TESTDATA/specs" ] && LARGEST=$(find "$TESTDATA/specs" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
[ -n "$LARGEST" ] || echo "notice: no documents under $TESTDATA/specs; the largest-document rows are skipped" >&2
HAVE_DO=1
[ -f "$DIGITALOCEAN" ] || { HAVE_DO=0; echo "notice: $DIGITALOCEAN not found; the multi-file rows are skipped" >&2; }
HAVE_RSBENCH=1
[ -f "$RSBENCH/swagger.json" ] || { HAVE_RSBENCH=0; echo "notice: $RSBENCH not found; jsonschema-rs's cases are skipped" >&2; }

# ---------------------------------------------------------------- inputs
say "inputs in $WORK"
"$BIN/generate-instances" --count "$COUNT" --jsonl "$WORK/seed.jsonl" --dir "$WORK/seed-dir" --expectations "$WORK/expected.txt" || die "generate-instances failed"
EXPECTED_VALID=$(grep -c ' valid' "$WORK/expected.txt")
# The exchange benchmark: the seed's documented example body 1,000 times, and the first 1,000
# valid generated requests (every validator agrees on both). Requests that write `duration` as
# `8.0` or `1e1` are left out: openapi-core reads OpenAPI 3.0's `integer` as excluding them.
SEED30="$HERE/Data/openrouter-videos-3.0.yaml"
EXAMPLE='{"aspect_ratio":"16:9","duration":8,"model":"google/veo-3.1","prompt":"A serene mountain landscape at sunset","resolution":"720p"}'
for ((i = 0; i < 1000; i++)); do echo "$EXAMPLE"; done > "$WORK/exchange-example.jsonl"
awk 'NR == FNR { ok[FNR] = ($2 == "valid"); next } ok[FNR] && (!/"duration":/ || /"duration":-?[0-9]+[,}]/) && n < 1000 { print; n++ }' "$WORK/expected.txt" "$WORK/seed.jsonl" > "$WORK/exchange-generated.jsonl"
[ -n "$PY" ] && { "$PY" "$HERE/python/convert_schema.py" "$SEED" VideoGenerationRequest "$WORK/seed-request.schema.json" || die "schema conversion failed"; }
# jsonschema-rs's OpenAPI case validates a large OpenAPI 3.0 document against the 3.0 schema; its
# own instance (Zuora's description) is not in ../shared, so the largest 3.0 document there (Plaid,
# specs/plaid) is used, converted once to JSON (YAML timestamps kept as strings, as JSON has none).
PLAID="$TESTDATA/specs/plaid/2020-09-14.yml"
if [ "$HAVE_RSBENCH" = 1 ] && [ -f "$PLAID" ]; then
  python3 - "$PLAID" "$WORK/plaid.json" <<'EOF' || die "converting $PLAID to JSON failed"
import json, sys, yaml
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
class Strings(Loader): pass
Strings.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
with open(sys.argv[1], "rb") as f: value = yaml.load(f, Loader=Strings)
with open(sys.argv[2], "w") as f: json.dump(value, f)
EOF
fi
echo '{"input": "The quick brown fox jumped over the lazy dog", "model": "text-embedding-3-small"}' > "$WORK/tiny.json"
python3 - "$WORK" <<'EOF' || die "writing growth inputs failed"
import json, sys
w = sys.argv[1]
def dump(name, value):
    with open(f"{w}/{name}", "w") as f: json.dump(value, f)
dump("unique.schema.json", {"type": "array", "uniqueItems": True})
dump("pattern.schema.json", {"type": "string", "pattern": "^[a-z0-9 ]+$"})
dump("pattern-groups.schema.json", {"type": "string", "pattern": "^(?:[a-z]+ )*[a-z]+$"})
dump("deep.schema.json", {"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "required": ["value"],
     "properties": {"value": {"type": "integer"}, "child": {"$ref": "#/$defs/node"}}}}})
dump("base.json", [1])
for n in (10_000, 100_000):
    dump(f"unique-{n}.json", [f"item-{i}" for i in range(n)])
for n in (1_000_000, 10_000_000):
    dump(f"string-{n}.json", ("lorem ipsum dolor sit amet " * (n // 27 + 1))[:n - 1] + "x")
for depth in (90, 900):
    with open(f"{w}/deep-{depth}.jsonl", "w") as f:
        for line in range(200):
            node = {"value": "leaf"}  # invalid leaf: every instance reports one error, path `depth` levels deep
            for level in range(depth - 1):
                node = {"value": level, "child": node}
            f.write(json.dumps(node) + "\n")
EOF

# ---------------------------------------------------------------- measuring helpers
declare -A T M R   # T: best wall seconds, M: peak RSS KB (of the best run), R: in-process RESULT figures
# measure NAME CMD...: whole process, best of $REPEAT (or of MEASURE_RUNS runs, keeping any
# best already in T[NAME] when MEASURE_KEEP=1); exit codes 0 and 1 (invalid instances) are fine.
measure() {
  local name=$1; shift
  local best="" mem="" i s e rc secs
  if [ "${MEASURE_KEEP:-0}" = 1 ]; then best=${T[$name]:-}; mem=${M[$name]:-}; fi
  for ((i = 0; i < ${MEASURE_RUNS:-$REPEAT}; i++)); do
    s=$(date +%s%N)
    /usr/bin/time -f %M -o "$WORK/rss.$name" "$@" > "$WORK/out.$name" 2> "$WORK/err.$name"
    rc=$?
    e=$(date +%s%N)
    if [ "$rc" -gt 1 ]; then
      echo "notice: $name failed (exit $rc): $(grep -v '^Command exited' "$WORK/err.$name" | head -3)" >&2
      return 1
    fi
    secs=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    if [ -z "$best" ] || awk -v x="$secs" -v y="$best" 'BEGIN { exit !(x < y) }'; then
      best=$secs; mem=$(tail -1 "$WORK/rss.$name")
    fi
  done
  T[$name]=$best; M[$name]=$mem
  printf '  %-28s %8.3f s  %7d KB\n' "$name" "$best" "$mem" >&2
}
# results NAME CMD...: run once, keep its output, read its `RESULT key value` lines into R.
results() {
  local name=$1; shift
  "$@" > "$WORK/out.$name" 2> "$WORK/err.$name" || { echo "notice: $name failed: $(head -3 "$WORK/err.$name")" >&2; return 1; }
  grep -v '^RESULT' "$WORK/out.$name" | sed 's/^/  /' >&2
  local key value
  while read -r _ key value; do R[$key]=$value; done < <(grep '^RESULT' "$WORK/out.$name")
}
# best_results NAME CMD...: results, keeping the best value of each key over the runs made so far:
# the highest rate (`*_per_s`), the lowest time (`*_s`); other keys (counts, verdicts) are the last
# run's. In-process comparisons run spec-check and its anchor in turn, round after round, so that
# a slow spell of this shared machine falls on both sides instead of on one.
best_results() {
  local name=$1; shift
  "$@" > "$WORK/out.$name" 2> "$WORK/err.$name" || { echo "notice: $name failed: $(head -3 "$WORK/err.$name")" >&2; return 1; }
  grep -v '^RESULT' "$WORK/out.$name" | sed 's/^/  /' >&2
  local key value old better
  while read -r _ key value; do
    old=${R[$key]:-}
    if [ -n "$old" ]; then
      case $key in
        *_per_s) better='a > b' ;;
        *_s) better='a < b' ;;
        *) better='1' ;;
      esac
      awk -v a="$value" -v b="$old" "BEGIN { exit !($better) }" || value=$old
    fi
    R[$key]=$value
  done < <(grep '^RESULT' "$WORK/out.$name")
}
valid_lines() { grep -c '"valid": *true' "$1" 2>/dev/null || echo 0; }

# ---------------------------------------------------------------- measurements
if [ "$HAVE_OPENAI" = 1 ]; then
  say "OpenAI spec ($(wc -c < "$OPENAI") bytes): whole processes, best of $REPEAT"
  measure c_events "$WORK/yaml_events" "$OPENAI"
  measure c_tree "$WORK/yaml_tree" "$OPENAI"
  measure sc_inspect "$SC" inspect --spec "$OPENAI"
  # The floor under every whole-process row: start-up (dynamic loader, Swift runtime,
  # ArgumentParser) and the pages of the binary it touches, with no document read.
  measure sc_floor "$SC" --version
  measure sc_tiny "$SC" validate --spec "$OPENAI" --schema CreateEmbeddingRequest "$WORK/tiny.json"
  [ -n "$PY" ] && measure py_yaml_proc "$PY" -c 'import sys, yaml; yaml.load(open(sys.argv[1], "rb"), Loader=yaml.CSafeLoader)' "$OPENAI"
  say "OpenAI spec, in process"
  results sc_load_openai "$BIN/throughput" load "$OPENAI" --repeat "$REPEAT"
  R[sc_load_openai_s]=${R[source_load_s]:-}; R[sc_doc_openai_s]=${R[document_load_s]:-}; R[openai_bytes]=${R[bytes]:-}
  results sc_overlay_openai "$BIN/throughput" overlay --spec "$OPENAI" --overlay "$HERE/Data/openai-descendant.overlay.yaml" --repeat "$REPEAT"
  R[sc_overlay_openai_s]=${R[overlay_apply_s]:-}
  [ -n "$PY" ] && results py_yaml "$PY" "$HERE/python/anchors.py" yaml-load "$OPENAI" --repeat "$REPEAT"
fi
if [ -n "$LARGEST" ]; then
  say "largest document ($LARGEST, $(wc -c < "$LARGEST") bytes): whole processes, best of $REPEAT"
  measure c_tree_largest "$WORK/yaml_tree" "$LARGEST"
  measure sc_inspect_largest "$SC" inspect --spec "$LARGEST"
fi
if [ "$HAVE_DO" = 1 ]; then
  find "$(dirname "$DIGITALOCEAN")" -type f \( -name '*.yaml' -o -name '*.yml' \) | sort > "$WORK/digitalocean.list"
  say "DigitalOcean ($(wc -l < "$WORK/digitalocean.list") YAML files): whole processes, best of $REPEAT"
  measure c_tree_do "$WORK/yaml_tree" --list "$WORK/digitalocean.list"
  measure sc_inspect_do "$SC" inspect --spec "$DIGITALOCEAN"
fi
say "seed spec, in process"
results sc_load_seed "$BIN/throughput" load "$SEED" --repeat 20
R[sc_load_seed_s]=${R[source_load_s]:-}; R[sc_doc_seed_s]=${R[document_load_s]:-}; R[seed_bytes]=${R[bytes]:-}

say "$COUNT seed requests ($EXPECTED_VALID expected valid), pre-parsed, in process, best of $ROUNDS rounds"
for ((round = 1; round <= ROUNDS; round++)); do
  best_results sc_throughput "$BIN/throughput" validate --spec "$SEED" --request createVideos --jsonl "$WORK/seed.jsonl"
  [ -n "$PY" ] && best_results rs "$PY" "$HERE/python/anchors.py" rs "$WORK/seed-request.schema.json" "$WORK/seed.jsonl"
done
if [ -n "$PY" ]; then
  results pyjs "$PY" "$HERE/python/anchors.py" pyjs "$WORK/seed-request.schema.json" "$WORK/seed.jsonl"
fi

# jsonschema-rs's published benchmark cases (crates/benchmark/data): name, schema, instance.
RS_CASES=(
  "OpenAPI|openapi.json|$WORK/plaid.json"
  "Swagger|swagger.json|kubernetes.json"
  "GeoJSON|geojson.json|canada.json"
  "CITM|citm_catalog_schema.json|citm_catalog.json"
  "Fast (valid)|fast_schema.json|fast_valid.json"
  "Fast (invalid)|fast_schema.json|fast_invalid.json"
  "FHIR|fhir.schema.json|patient-example-d.json"
  "Recursive|recursive_schema.json|recursive_instance.json"
)
if [ "$HAVE_RSBENCH" = 1 ]; then
  say "jsonschema-rs's benchmark cases, in process (per call), best of $ROUNDS rounds"
  for entry in "${RS_CASES[@]}"; do
    IFS='|' read -r name schema instance <<< "$entry"
    case "$instance" in /*) ;; *) instance="$RSBENCH/$instance" ;; esac
    [ -f "$instance" ] || { echo "notice: $name: $instance missing; skipped" >&2; continue; }
    ck=$(echo "$name" | tr -cd 'A-Za-z')
    echo "  $name" >&2
    for ((round = 1; round <= ROUNDS; round++)); do
      best_results "sc_case_$ck" "$BIN/throughput" case --schema-file "$RSBENCH/$schema" --instance "$instance" --min-seconds 0.5
      [ -n "$PY" ] && best_results "rs_case_$ck" "$PY" "$HERE/python/anchors.py" rs-case "$RSBENCH/$schema" "$instance"
    done
    if [ -n "$BLAZE" ] && [ -n "${R[case_isvalid_s]:-}" ]; then
      # Blaze's own benchmark mode (--fast: its yes/no mode; -F: formats asserted, as on the other
      # sides); it prints the mean per validation in µs. Loops sized to about half a second.
      loops=$(awk -v t="${R[case_isvalid_s]}" 'BEGIN { n = int(0.5 / t); if (n < 10) n = 10; if (n > 100000) n = 100000; print n }')
      "$BLAZE" validate --fast -F --benchmark --loop "$loops" "$RSBENCH/$schema" "$instance" > "$WORK/out.blaze_$ck" 2>&1
      R[case_blaze_s]=$(sed -n 's/.*: \(PASS\|FAIL\) \([0-9.]*\) +- .*/\2/p' "$WORK/out.blaze_$ck" | head -1 | awk '{ if ($1 != "") printf "%.9g", $1 / 1e6 }')
      R[case_blaze_valid]=$(grep -q ': PASS ' "$WORK/out.blaze_$ck" && echo 1 || echo 0)
    fi
    for k in case_valid case_errors case_isvalid_s case_validate_s case_bytes_s case_tree_bytes_s case_blaze_s case_blaze_valid rs_case_valid rs_case_errors rs_case_isvalid_s rs_case_iter_errors_s rs_case_bytes_s; do
      R[${ck}_$k]=${R[$k]:-}; unset "R[$k]"
    done
  done
fi

say "POST /videos exchanges (bearer + JSON request, 202 response), one core, 3.0 rendering of the seed"
HAVE_OC=0
[ -n "$PY" ] && "$PY" -c 'import openapi_core' 2>/dev/null && HAVE_OC=1
for workload in example generated; do
  file="$WORK/exchange-$workload.jsonl"
  results "sc_$workload" "$BIN/throughput" exchange --spec "$SEED30" --jsonl "$file" --min-seconds 2
  # GOMAXPROCS=1: Go's collector would otherwise run on the other core.
  [ -n "$KIN" ] && results "kin_$workload" env GOMAXPROCS=1 "$KIN" "$SEED30" "$file" 2
  [ "$HAVE_OC" = 1 ] && results "oc_$workload" "$PY" "$HERE/python/anchors.py" exchange "$SEED30" "$file"
  for key in sc kin oc; do
    for what in request response exchange; do R[${workload}_${key}_${what}]=${R[${key}_${what}_per_s]:-}; unset "R[${key}_${what}_per_s]"; done
    R[${workload}_${key}_invalid]=${R[${key}_invalid_requests]:-}; unset "R[${key}_invalid_requests]"
  done
done

say "$COUNT seed requests, whole processes (load spec, compile, validate, one JSON line per instance), best of $REPEAT"
measure sc_jsonl "$SC" validate --spec "$SEED" --request createVideos --format json "$WORK/seed.jsonl"
measure sc_dir "$SC" validate --spec "$SEED" --request createVideos --format json "$WORK/seed-dir"
if [ -n "$BLAZE" ] && [ -n "$PY" ]; then
  # Blaze exits 2 when an instance is invalid; measure() takes 0 and 1 as success. --continue:
  # without it Blaze stops at the first invalid line.
  printf '#!/bin/sh\n"$@"; rc=$?; [ "$rc" = 2 ] && exit 1; exit $rc\n' > "$WORK/blaze-exit.sh"
  measure blaze_jsonl sh "$WORK/blaze-exit.sh" "$BLAZE" validate --fast -F --continue "$WORK/seed-request.schema.json" "$WORK/seed.jsonl"
fi
if [ -n "$PY" ]; then
  measure py_jsonl "$PY" "$HERE/python/anchors.py" whole "$SEED" VideoGenerationRequest "$WORK/seed.jsonl"
  measure py_dir "$PY" "$HERE/python/anchors.py" whole "$SEED" VideoGenerationRequest "$WORK/seed-dir"
fi

# Scale: the same whole-process runs pinned to 1, 2, … cores (taskset), for the speed-up per core.
CORE_COUNTS=(1)
[ "$(nproc)" -ge 2 ] && CORE_COUNTS+=(2)
[ "$(nproc)" -gt 2 ] && CORE_COUNTS+=("$(nproc)")
if command -v taskset >/dev/null; then
  SCALE_ROUNDS=$((REPEAT + 2))
  say "scale: JSONL and directory on ${CORE_COUNTS[*]} cores (taskset), best of $SCALE_ROUNDS rounds, core counts in turn"
  # The same requests twice over: the difference between the two runs is the parallel path alone
  # (parse, validate, render), without the process start and spec load every run pays once.
  cat "$WORK/seed.jsonl" "$WORK/seed.jsonl" > "$WORK/seed-twice.jsonl"
  # One run of each command per round, the core counts in turn, so that a slow spell of this
  # shared machine does not fall on one core count only (a speed-up is a ratio of two rows).
  for ((round = 0; round < SCALE_ROUNDS; round++)); do
    for cores in "${CORE_COUNTS[@]}"; do
      MEASURE_RUNS=1 MEASURE_KEEP=1 measure "scale_jsonl_$cores" taskset -c "0-$((cores - 1))" "$SC" validate --spec "$SEED" --request createVideos --format json "$WORK/seed.jsonl"
      MEASURE_RUNS=1 MEASURE_KEEP=1 measure "scale_jsonl2_$cores" taskset -c "0-$((cores - 1))" "$SC" validate --spec "$SEED" --request createVideos --format json "$WORK/seed-twice.jsonl"
      MEASURE_RUNS=1 MEASURE_KEEP=1 measure "scale_dir_$cores" taskset -c "0-$((cores - 1))" "$SC" validate --spec "$SEED" --request createVideos --format json "$WORK/seed-dir"
    done
  done
else
  echo "notice: taskset missing; the scale rows are skipped" >&2
fi

say "growth checks (spec-check validate --schema-file, whole process, best of $REPEAT)"
measure g_base "$SC" validate --schema-file "$WORK/unique.schema.json" --format json "$WORK/base.json"
GROW=(timeout 120 "$SC" validate --format json --schema-file)
for input in unique-10000 unique-100000; do measure "g_$input" "${GROW[@]}" "$WORK/unique.schema.json" "$WORK/$input.json"; done
for input in string-1000000 string-10000000; do
  measure "g_$input" "${GROW[@]}" "$WORK/pattern.schema.json" "$WORK/$input.json"
  measure "g_groups_$input" "${GROW[@]}" "$WORK/pattern-groups.schema.json" "$WORK/$input.json"
done
for input in deep-90 deep-900; do measure "g_$input" "${GROW[@]}" "$WORK/deep.schema.json" "$WORK/$input.jsonl"; done

# ---------------------------------------------------------------- report
fmt_s() { [ -n "${1:-}" ] && awk -v x="$1" 'BEGIN { if (x < 0.01) printf "%.2f ms", x * 1000; else printf "%.3f s", x }' || echo "n/a"; }
fmt_rate() { [ -n "${1:-}" ] && awk -v x="$1" 'BEGIN { printf "%.0f inst/s", x }' || echo "n/a"; }
fmt_kb() { [ -n "${1:-}" ] && awk -v x="$1" 'BEGIN { printf "%.1f MB", x / 1024 }' || echo "n/a"; }
# ratio_cost SPEC ANCHOR (times or sizes: spec/anchor); ratio_rate SPEC ANCHOR (throughputs: anchor/spec)
ratio_cost() { [ -n "${1:-}" ] && [ -n "${2:-}" ] && awk -v s="$1" -v a="$2" 'BEGIN { if (a <= 0) print "n/a"; else if (s / a < 0.1) printf "%.2gx", s / a; else printf "%.2fx", s / a }' || echo "n/a"; }
ratio_rate() { [ -n "${1:-}" ] && [ -n "${2:-}" ] && awk -v s="$1" -v a="$2" 'BEGIN { if (s <= 0) print "n/a"; else if (a / s < 0.1) printf "%.2gx", a / s; else printf "%.2fx", a / s }' || echo "n/a"; }
row() { printf '| %-58s | %-34s | %14s | %14s | %8s |\n' "$@"; }

echo
echo "spec-check vs anchors — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m); ratio = spec-check cost / anchor cost"
row "work" "anchor" "anchor" "spec-check" "ratio"
row "----" "------" "------" "----------" "-----"
if [ "$HAVE_OPENAI" = 1 ]; then
  row "OpenAI spec: YAML -> events only" "C libyaml events (whole process)" "$(fmt_s "${T[c_events]:-}")" "$(fmt_s "${R[sc_load_openai_s]:-}")" "$(ratio_cost "${R[sc_load_openai_s]:-}" "${T[c_events]:-}")"
  row "OpenAI spec: YAML -> located tree" "C libyaml malloc'd tree (process)" "$(fmt_s "${T[c_tree]:-}")" "$(fmt_s "${R[sc_load_openai_s]:-}")" "$(ratio_cost "${R[sc_load_openai_s]:-}" "${T[c_tree]:-}")"
  row "OpenAI spec: YAML -> tree (both in-process)" "PyYAML CSafeLoader (in-process)" "$(fmt_s "${R[pyyaml_load_s]:-}")" "$(fmt_s "${R[sc_load_openai_s]:-}")" "$(ratio_cost "${R[sc_load_openai_s]:-}" "${R[pyyaml_load_s]:-}")"
  row "OpenAI spec: load + \$ref + compile (in-process)" "C libyaml malloc'd tree (process)" "$(fmt_s "${T[c_tree]:-}")" "$(fmt_s "${R[sc_doc_openai_s]:-}")" "$(ratio_cost "${R[sc_doc_openai_s]:-}" "${T[c_tree]:-}")"
  row "OpenAI spec: spec-check inspect (whole process)" "C libyaml malloc'd tree (process)" "$(fmt_s "${T[c_tree]:-}")" "$(fmt_s "${T[sc_inspect]:-}")" "$(ratio_cost "${T[sc_inspect]:-}" "${T[c_tree]:-}")"
  row "OpenAI spec: spec-check inspect (whole process)" "PyYAML CSafeLoader load (process)" "$(fmt_s "${T[py_yaml_proc]:-}")" "$(fmt_s "${T[sc_inspect]:-}")" "$(ratio_cost "${T[sc_inspect]:-}" "${T[py_yaml_proc]:-}")"
  row "OpenAI spec: inspect, peak RSS" "C libyaml malloc'd tree, peak RSS" "$(fmt_kb "${M[c_tree]:-}")" "$(fmt_kb "${M[sc_inspect]:-}")" "$(ratio_cost "${M[sc_inspect]:-}" "${M[c_tree]:-}")"
  row "spec-check --version: process floor (no document)" "C libyaml malloc'd tree (process)" "$(fmt_s "${T[c_tree]:-}")" "$(fmt_s "${T[sc_floor]:-}")" "$(ratio_cost "${T[sc_floor]:-}" "${T[c_tree]:-}")"
  row "spec-check --version: process floor, peak RSS" "C libyaml malloc'd tree, peak RSS" "$(fmt_kb "${M[c_tree]:-}")" "$(fmt_kb "${M[sc_floor]:-}")" "$(ratio_cost "${M[sc_floor]:-}" "${M[c_tree]:-}")"
  row "OpenAI spec: inspect, peak RSS" "PyYAML CSafeLoader, peak RSS" "$(fmt_kb "${M[py_yaml_proc]:-}")" "$(fmt_kb "${M[sc_inspect]:-}")" "$(ratio_cost "${M[sc_inspect]:-}" "${M[py_yaml_proc]:-}")"
  row "OpenAI spec: validate tiny.json --schema (whole process)" "C libyaml malloc'd tree (process)" "$(fmt_s "${T[c_tree]:-}")" "$(fmt_s "${T[sc_tiny]:-}")" "$(ratio_cost "${T[sc_tiny]:-}" "${T[c_tree]:-}")"
  row "OpenAI spec: validate tiny.json, peak RSS" "C libyaml malloc'd tree, peak RSS" "$(fmt_kb "${M[c_tree]:-}")" "$(fmt_kb "${M[sc_tiny]:-}")" "$(ratio_cost "${M[sc_tiny]:-}" "${M[c_tree]:-}")"
  row "OpenAI spec: apply descendant-filter overlay (in-process)" "(none: no other tool applies overlays)" "-" "$(fmt_s "${R[sc_overlay_openai_s]:-}")" "-"
fi
if [ -n "$LARGEST" ]; then
  row "largest document ($(basename "$LARGEST")): inspect (process)" "C libyaml malloc'd tree (process)" "$(fmt_s "${T[c_tree_largest]:-}")" "$(fmt_s "${T[sc_inspect_largest]:-}")" "$(ratio_cost "${T[sc_inspect_largest]:-}" "${T[c_tree_largest]:-}")"
  row "largest document: inspect, peak RSS" "C libyaml malloc'd tree, peak RSS" "$(fmt_kb "${M[c_tree_largest]:-}")" "$(fmt_kb "${M[sc_inspect_largest]:-}")" "$(ratio_cost "${M[sc_inspect_largest]:-}" "${M[c_tree_largest]:-}")"
fi
if [ "$HAVE_DO" = 1 ]; then
  row "DigitalOcean, $(wc -l < "$WORK/digitalocean.list") files: inspect (process)" "C libyaml trees of every file (process)" "$(fmt_s "${T[c_tree_do]:-}")" "$(fmt_s "${T[sc_inspect_do]:-}")" "$(ratio_cost "${T[sc_inspect_do]:-}" "${T[c_tree_do]:-}")"
  row "DigitalOcean: inspect, peak RSS" "C libyaml trees of every file, peak RSS" "$(fmt_kb "${M[c_tree_do]:-}")" "$(fmt_kb "${M[sc_inspect_do]:-}")" "$(ratio_cost "${M[sc_inspect_do]:-}" "${M[c_tree_do]:-}")"
fi
row "seed requests: isValid, pre-parsed" "jsonschema-rs is_valid" "$(fmt_rate "${R[rs_isvalid_per_s]:-}")" "$(fmt_rate "${R[isvalid_per_s]:-}")" "$(ratio_rate "${R[isvalid_per_s]:-}" "${R[rs_isvalid_per_s]:-}")"
row "seed requests: all errors + paths, pre-parsed" "jsonschema-rs iter_errors" "$(fmt_rate "${R[rs_iter_errors_per_s]:-}")" "$(fmt_rate "${R[validate_per_s]:-}")" "$(ratio_rate "${R[validate_per_s]:-}" "${R[rs_iter_errors_per_s]:-}")"
row "seed requests: bytes -> isValid(json:) (in-process)" "orjson.loads + jsonschema-rs is_valid" "$(fmt_rate "${R[rs_bytes_per_s]:-}")" "$(fmt_rate "${R[bytes_per_s]:-}")" "$(ratio_rate "${R[bytes_per_s]:-}" "${R[rs_bytes_per_s]:-}")"
row "seed requests: all errors + paths, pre-parsed" "python-jsonschema iter_errors" "$(fmt_rate "${R[pyjs_iter_errors_per_s]:-}")" "$(fmt_rate "${R[validate_per_s]:-}")" "$(ratio_rate "${R[validate_per_s]:-}" "${R[pyjs_iter_errors_per_s]:-}")"
for workload in example generated; do
  label=$([ "$workload" = example ] && echo "seed example body" || echo "1,000 generated bodies")
  row "POST /videos exchanges/s (request + 202), $label" "Go kin-openapi 0.110 (GOMAXPROCS=1)" "$(fmt_rate "${R[${workload}_kin_exchange]:-}")" "$(fmt_rate "${R[${workload}_sc_exchange]:-}")" "$(ratio_rate "${R[${workload}_sc_exchange]:-}" "${R[${workload}_kin_exchange]:-}")"
  row "POST /videos requests/s, $label" "Go kin-openapi ValidateRequest" "$(fmt_rate "${R[${workload}_kin_request]:-}")" "$(fmt_rate "${R[${workload}_sc_request]:-}")" "$(ratio_rate "${R[${workload}_sc_request]:-}" "${R[${workload}_kin_request]:-}")"
  row "POST /videos exchanges/s (request + 202), $label" "Python openapi-core" "$(fmt_rate "${R[${workload}_oc_exchange]:-}")" "$(fmt_rate "${R[${workload}_sc_exchange]:-}")" "$(ratio_rate "${R[${workload}_sc_exchange]:-}" "${R[${workload}_oc_exchange]:-}")"
done
row "$COUNT requests, one JSONL file (whole process)" "Python+PyYAML+jsonschema-rs" "$(fmt_s "${T[py_jsonl]:-}")" "$(fmt_s "${T[sc_jsonl]:-}")" "$(ratio_cost "${T[sc_jsonl]:-}" "${T[py_jsonl]:-}")"
row "$COUNT requests, one JSONL file (whole process)" "Blaze CLI validate --fast -F" "$(fmt_s "${T[blaze_jsonl]:-}")" "$(fmt_s "${T[sc_jsonl]:-}")" "$(ratio_cost "${T[sc_jsonl]:-}" "${T[blaze_jsonl]:-}")"
row "$COUNT requests, directory of files (whole process)" "Python+PyYAML+jsonschema-rs" "$(fmt_s "${T[py_dir]:-}")" "$(fmt_s "${T[sc_dir]:-}")" "$(ratio_cost "${T[sc_dir]:-}" "${T[py_dir]:-}")"
row "$COUNT requests, directory: peak RSS" "Python+PyYAML+jsonschema-rs" "$(fmt_kb "${M[py_dir]:-}")" "$(fmt_kb "${M[sc_dir]:-}")" "$(ratio_cost "${M[sc_dir]:-}" "${M[py_dir]:-}")"

if [ "$HAVE_RSBENCH" = 1 ]; then
  echo
  echo "jsonschema-rs's benchmark cases (per call, in process; ratio = spec-check time / jsonschema-rs time)"
  crow() { printf '| %-16s | %-9s | %10s | %10s | %6s | %10s | %6s | %10s | %10s | %6s | %10s | %10s | %6s |\n' "$@"; }
  crow "case" "verdict" "rs is_valid" "isValid" "ratio" "Blaze fast" "ratio" "iter_errors" "validate" "ratio" "orjson+rs" "parse+isV" "ratio"
  crow "----" "-------" "-----------" "-------" "-----" "----------" "-----" "-----------" "--------" "-----" "---------" "---------" "-----"
  us() { [ -n "${1:-}" ] && awk -v x="$1" 'BEGIN { if (x < 1e-3) printf "%.3g µs", x * 1e6; else printf "%.3g ms", x * 1e3 }' || echo "n/a"; }
  for entry in "${RS_CASES[@]}"; do
    IFS='|' read -r name _ _ <<< "$entry"
    ck=$(echo "$name" | tr -cd 'A-Za-z')
    [ -n "${R[${ck}_case_valid]:-}" ] || continue
    verdict=$([ "${R[${ck}_case_valid]}" = 1 ] && echo valid || echo "${R[${ck}_case_errors]} err")
    [ -n "${R[${ck}_rs_case_valid]:-}" ] && [ "${R[${ck}_rs_case_valid]}" != "${R[${ck}_case_valid]}" ] && verdict="$verdict DISAGREE-rs"
    [ -n "${R[${ck}_case_blaze_valid]:-}" ] && [ "${R[${ck}_case_blaze_valid]}" != "${R[${ck}_case_valid]}" ] && verdict="$verdict DISAGREE-Blaze"
    crow "$name" "$verdict" \
      "$(us "${R[${ck}_rs_case_isvalid_s]:-}")" "$(us "${R[${ck}_case_isvalid_s]:-}")" "$(ratio_cost "${R[${ck}_case_isvalid_s]:-}" "${R[${ck}_rs_case_isvalid_s]:-}")" \
      "$(us "${R[${ck}_case_blaze_s]:-}")" "$(ratio_cost "${R[${ck}_case_isvalid_s]:-}" "${R[${ck}_case_blaze_s]:-}")" \
      "$(us "${R[${ck}_rs_case_iter_errors_s]:-}")" "$(us "${R[${ck}_case_validate_s]:-}")" "$(ratio_cost "${R[${ck}_case_validate_s]:-}" "${R[${ck}_rs_case_iter_errors_s]:-}")" \
      "$(us "${R[${ck}_rs_case_bytes_s]:-}")" "$(us "${R[${ck}_case_bytes_s]:-}")" "$(ratio_cost "${R[${ck}_case_bytes_s]:-}" "${R[${ck}_rs_case_bytes_s]:-}")"
  done
  echo "(the OpenAPI case validates specs/plaid as JSON: jsonschema-rs's own Zuora instance is not in ../shared;"
  echo " Blaze figures are the mean its CLI's --benchmark mode prints, which a loaded machine inflates more than a best-of)"
fi
if [ -n "${T[scale_jsonl_1]:-}" ]; then
  echo
  echo "scale: $COUNT seed requests, whole process (spec-check validate --format json), pinned with taskset"
  for what in jsonl dir; do
    for cores in "${CORE_COUNTS[@]}"; do
      t=${T[scale_${what}_$cores]:-}; t1=${T[scale_${what}_1]:-}
      [ -n "$t" ] && awk -v w="$what" -v c="$cores" -v t="$t" -v t1="$t1" -v n="$COUNT" 'BEGIN {
        printf "  %-5s %d core(s): %7.3f s, %8.0f inst/s, speed-up %.2fx (%.2fx per core)\n", w, c, t, n / t, t1 / t, t1 / t / c }'
    done
  done
  echo "  parallel path: the JSONL run of the requests twice over minus the run of them once (what $COUNT more instances cost)"
  for cores in "${CORE_COUNTS[@]}"; do
    a=${T[scale_jsonl_$cores]:-}; b=${T[scale_jsonl2_$cores]:-}; a1=${T[scale_jsonl_1]:-}; b1=${T[scale_jsonl2_1]:-}
    [ -n "$a" ] && [ -n "$b" ] && [ -n "$a1" ] && [ -n "$b1" ] && awk -v c="$cores" -v a="$a" -v b="$b" -v a1="$a1" -v b1="$b1" -v n="$COUNT" 'BEGIN {
      d = b - a; d1 = b1 - a1; if (d <= 0) { printf "  jsonl %d core(s): n/a (the longer run was not slower)\n", c; exit }
      printf "  jsonl %d core(s): %7.3f s for %d instances, %8.0f inst/s, speed-up %.2fx; fixed part %.3f s\n", c, d, n, n / d, d1 / d, a - d }'
  done
fi

echo
echo "agreement on $COUNT seed requests (valid count): generator expects $EXPECTED_VALID;" \
  "spec-check isValid ${R[valid_count]:-n/a}, JSONL $(valid_lines "$WORK/out.sc_jsonl"), dir $(valid_lines "$WORK/out.sc_dir");" \
  "jsonschema-rs ${R[rs_valid_count]:-n/a} (whole-process $(valid_lines "$WORK/out.py_dir")); python-jsonschema ${R[pyjs_valid_count]:-n/a};" \
  "Blaze CLI $([ -f "$WORK/err.blaze_jsonl" ] && echo $((COUNT - $(grep -c '^fail:' "$WORK/err.blaze_jsonl"))) || echo n/a)." \
  "Errors: spec-check ${R[error_count]:-n/a}, jsonschema-rs ${R[rs_error_count]:-n/a}."
echo "exchanges: requests found invalid (all are valid): spec-check ${R[example_sc_invalid]:-n/a}/${R[generated_sc_invalid]:-n/a}, kin-openapi ${R[example_kin_invalid]:-n/a}/${R[generated_kin_invalid]:-n/a}, openapi-core ${R[example_oc_invalid]:-n/a}/${R[generated_oc_invalid]:-n/a} (example/generated)"
echo "in process, spec-check: JSON parse $(fmt_rate "${R[parse_per_s]:-}"), isValid $(fmt_rate "${R[isvalid_per_s]:-}"), validate $(fmt_rate "${R[validate_per_s]:-}")"

echo
echo "growth (net = run − baseline run of a 3-byte instance, $(fmt_s "${T[g_base]:-}"); linear growth ≈ the size factor, quadratic ≈ its square)"
growth() { # label small big size-factor
  local a=${T[$2]:-} b=${T[$3]:-}
  if [ -z "$a" ] || [ -z "$b" ]; then printf '  %-62s n/a (failed or timed out)\n' "$1"; return; fi
  awk -v l="$1" -v a="$a" -v b="$b" -v z="${T[g_base]:-0}" -v f="$4" 'BEGIN {
    na = a - z; nb = b - z; if (na < 0.001) na = 0.001
    g = nb / na; verdict = (g < f * 2) ? "linear" : (g < f * f / 2 ? "superlinear" : "quadratic or worse")
    printf "  %-62s %8.3f s -> %8.3f s net; ×%.1f for ×%d size: %s\n", l, na, nb, g, f, verdict }'
}
if [ "$HAVE_OPENAI" = 1 ] && [ -n "${R[sc_load_seed_s]:-}" ] && [ -n "${R[sc_load_openai_s]:-}" ]; then
  awk -v s="${R[sc_load_seed_s]}" -v o="${R[sc_load_openai_s]}" -v sd="${R[sc_doc_seed_s]}" -v od="${R[sc_doc_openai_s]}" \
      -v sb="${R[seed_bytes]}" -v ob="${R[openai_bytes]}" 'BEGIN {
    f = ob / sb
    printf "  %-62s %.1f MB/s -> %.1f MB/s; time ×%.1f for ×%.1f size\n", "YAML load (SourceLoader), seed -> OpenAI spec", sb / s / 1e6, ob / o / 1e6, o / s, f
    printf "  %-62s %.1f MB/s -> %.1f MB/s; time ×%.1f for ×%.1f size\n", "load + $ref + compile (OpenAPIDocument), seed -> OpenAI", sb / sd / 1e6, ob / od / 1e6, od / sd, f }'
fi
growth "uniqueItems, 10,000 -> 100,000 distinct strings" g_unique-10000 g_unique-100000 10
growth "pattern ^[a-z0-9 ]+\$, 1 M -> 10 M characters" g_string-1000000 g_string-10000000 10
growth "pattern ^(?:[a-z]+ )*[a-z]+\$, 1 M -> 10 M characters" g_groups_string-1000000 g_groups_string-10000000 10
growth "\$ref recursion, 200 instances of depth 90 -> 900 (error at leaf)" g_deep-90 g_deep-900 10
echo
echo "compare.sh: done in $(( $(date +%s) - START )) s; outputs in $WORK"
