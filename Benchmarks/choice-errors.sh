#!/usr/bin/env bash
# Measures all-errors validation (`spec-check validate --format json`) of invalid instances under
# schemas with nested `oneOf`/`anyOf`: the cost a failing instance pays for the errors of choice
# branches. Compare two binaries in one run:
#
#   Benchmarks/choice-errors.sh OLD_BIN NEW_BIN     (e.g. a copy of .build/debug/spec-check)
#
# Inputs are generated under /tmp/spec-check-choice (python3) from the jsonschema-rs benchmark
# data in ../shared/testdata/jsonschema-rs-benchmark when present:
#   nested      a generated 8-level oneOf whose two branches share `left`/`right`, with an anyOf
#               leaf; 256 leaves, one invalid (callgrind instructions)
#   geojson-20  geojson.json on canada.json cut to 20 rings, one coordinate made a string
#               (callgrind instructions)
#   geojson     geojson.json on all of canada.json with that coordinate (wall seconds)
#   swagger     swagger.json on kubernetes.json with one parameter's `in` made invalid (wall seconds)
# Each row also checks that both binaries print the same report.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${BENCH_DATA:-$ROOT/../shared/testdata/jsonschema-rs-benchmark}
W=/tmp/spec-check-choice
mkdir -p "$W" && cd "$W" || exit 2
DATA=$DATA python3 - <<'PY'
import json, os
data = os.environ["DATA"]
def node(d):
    if d == 0:
        return {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "maxLength": 3}]}
    ref = {"$ref": f"#/$defs/L{d-1}"}
    return {"oneOf": [
        {"type": "object", "required": ["kind", "left", "right"],
         "properties": {"kind": {"const": "pair"}, "left": ref, "right": ref}},
        {"type": "object", "required": ["kind", "left", "right", "middle"],
         "properties": {"kind": {"const": "triple"}, "left": ref, "right": ref, "middle": ref}},
    ]}
depth = 8
schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": f"#/$defs/L{depth}",
          "$defs": {f"L{d}": node(d) for d in range(depth + 1)}}
counter = [0]
def tree(d):
    if d == 0:
        counter[0] += 1
        return -1 if counter[0] == 77 else counter[0]
    return {"kind": "pair", "left": tree(d - 1), "right": tree(d - 1)}
json.dump(schema, open("nested-schema.json", "w"))
json.dump(tree(depth), open("nested.json", "w"))
if os.path.isdir(data):
    canada = json.load(open(os.path.join(data, "canada.json")))
    canada["features"][0]["geometry"]["coordinates"][3][5][1] = "45.5"
    json.dump(canada, open("geojson.json", "w"))
    canada["features"][0]["geometry"]["coordinates"] = canada["features"][0]["geometry"]["coordinates"][:20]
    json.dump(canada, open("geojson-20.json", "w"))
    k8s = json.load(open(os.path.join(data, "kubernetes.json")))
    for path in k8s["paths"].values():
        if path.get("parameters"):
            path["parameters"][0]["in"] = "nowhere"
            break
    json.dump(k8s, open("swagger.json", "w"))
PY
cg() {  # instructions of one run
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'
}
row() {  # name, mode (cg|time), schema, instance
    local name=$1 mode=$2 schema=$3 instance=$4 out=() i=0
    [ -f "$instance" ] || { echo "$name: skipped (no input)"; return; }
    for bin in "$OLD" "$NEW"; do
        "$bin" validate --schema-file "$schema" --format json "$instance" > "report.$i" 2>&1
        if [ "$mode" = cg ]; then
            out+=("$(cg "$bin" validate --schema-file "$schema" --format json "$instance")")
        else
            local t0=$(date +%s.%N); "$bin" validate --schema-file "$schema" --format json "$instance" > /dev/null 2>&1
            out+=("$(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.2fs')")
        fi
        i=$((i + 1))
    done
    local same=different; cmp -s report.0 report.1 && same=same
    echo "$name: before ${out[0]}  after ${out[1]}  ($same report, $(wc -c < report.1) bytes)"
}
OLD=${1:?old binary}; NEW=${2:?new binary}
row nested cg nested-schema.json nested.json
row geojson-20 cg "$DATA/geojson.json" geojson-20.json
row geojson time "$DATA/geojson.json" geojson.json
row swagger time "$DATA/swagger.json" swagger.json
