#!/usr/bin/env bash
# Times spec-check on one full-size input per hostile-input class (docs/SECURITY.md) and checks
# each against its bound: the benchmark-side half of Tests/SpecCheckCLITests/Hostile*Tests.swift,
# which assert exit codes and messages on small inputs.
#
#   Benchmarks/hostile-timings.sh            (builds the release binary if needed)
#
# Inputs are generated under /tmp/spec-check-hostile (python3). Prints one row per input:
# expected exit status, actual, wall seconds, peak RSS, the bound, and whether it held. Exit
# status: the number of rows whose bound or exit status did not hold.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${SPEC_CHECK_BIN:-$ROOT/.build/release/spec-check}
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --product spec-check --static-swift-stdlib >&2)
W=/tmp/spec-check-hostile
mkdir -p "$W" && cd "$W" || exit 2

python3 - <<'PY'
import json, os
H = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
def write(name, text):
    if not os.path.exists(name):
        open(name, "w").write(text)
write("chain.yaml", H + "".join(f"    A{i}: {{$ref: '#/components/schemas/A{i+1}'}}\n" for i in range(10000)) + "    A10000: {type: string}\n")
write("chain500.yaml", H + "".join(f"    A{i}: {{$ref: '#/components/schemas/A{i+1}'}}\n" for i in range(500)) + "    A500: {type: string}\n")
write("fanout.yaml", H + "    A0: {type: string}\n" + "".join(
    f"    A{i}: {{allOf: [{{$ref: '#/components/schemas/A{i-1}'}}, {{$ref: '#/components/schemas/A{i-1}'}}]}}\n" for i in range(1, 61)))
write("cycle.yaml", H + "    A: {allOf: [{$ref: '#/components/schemas/B'}]}\n    B: {anyOf: [{$ref: '#/components/schemas/A'}]}\n")
write("n.json", "1"); write("s.json", '"x"'); write("object.json", '{"type": "object"}')
write("deep.json", '{"a":' * 999 + "1" + "}" * 999)
write("wide.json", json.dumps({"root": {f"k{i}": {"x": {"y": 1}} for i in range(40000)}}))
ov = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: %s\n    %s\n"
write("update.yaml", ov % ("$..[?@.y]", "update: {z: 2}")); write("remove.yaml", ov % ("$..*", "remove: true"))
write("pairs.yaml", ov % ("$..*..*", "remove: true")); write("triples.yaml", ov % ("$..*..*..*", "remove: true"))
os.makedirs("glob", exist_ok=True)
write("glob/spec-check.yaml", "groups:\n  - target: {schema-file: schema.json}\n    valid: ['%s*b.json', '**/*.json']\n" % ("*a" * 30))
write("glob/schema.json", "{}"); write("glob/" + "a" * 60 + ".json", "{}")
write("refs.yaml", H + "    P: {$ref: '../../../../../../etc/passwd'}\n    Z: {$ref: '/dev/zero'}\n    R: {$ref: 'https://example.com/x.json'}\n")
for i, (pattern, subject) in enumerate([("(a|a)*b", "a" * 40), ("^(a+)+$", "a" * 30 + "!"), ("(.*a){20}", "a" * 40)]):
    write(f"redos{i}.json", json.dumps({"type": "string", "pattern": pattern})); write(f"redos{i}-instance.json", json.dumps(subject))
if not os.path.exists("big.json"):
    with open("big.json", "w") as out:
        out.write("["); size = 0; i = 0
        while size < 200 * 1024 * 1024:
            s = ("," if i else "") + json.dumps({"model": "m", "prompt": "a sunset over the sea number %d" % i, "duration": i % 20 + 1,
                                                 "frame_images": [{"url": "https://example.com/%d.png" % i, "frame": 0}]})
            out.write(s); size += len(s); i += 1
        out.write("]")
write("big-schema.json", json.dumps({"type": "array", "items": {"type": "object", "required": ["model"],
    "properties": {"duration": {"type": "integer", "maximum": 20}}}}))
write("big-whole-schema.json", json.dumps({"type": "array", "minItems": 1, "items": {"type": "object"}}))
PY
rm -rf loops && mkdir -p loops/a/b && echo '{}' > loops/a/b/x.json
for l in up:.. root:../.. again:../b c1:.. c2:.. c3:../..; do ln -s "${l#*:}" "loops/a/b/${l%%:*}"; done
[ -p fifo.json ] || mkfifo fifo.json

failures=0
printf '| %-58s | %4s | %4s | %8s | %9s | %-22s | %-7s |\n' input want exit seconds "peak RSS" bound ok
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" ------ ------ ---------- ----------- ------------------------ ---------
# row LABEL WANT_EXIT MAX_SECONDS MAX_RSS_MB ARGS...
row() {
  local label=$1 want=$2 max_s=$3 max_mb=$4; shift 4
  /usr/bin/time -o time.txt -f "%e %M" timeout 120 "$BIN" "$@" >"${OUT:-out.txt}" 2>err.txt
  local got=$? secs kb ok=yes
  read -r secs kb < <(tail -1 time.txt)
  awk -v s="$secs" -v m="$max_s" 'BEGIN { exit !(s <= m) }' || ok=no
  [ $((kb / 1024)) -le "$max_mb" ] || ok=no
  [ "$got" = "$want" ] || ok=no
  [ $ok = no ] && failures=$((failures + 1))
  printf '| %-58s | %4s | %4s | %8s | %6s MB | %-22s | %-7s |\n' "$label" "$want" "$got" "$secs" $((kb / 1024)) "<= ${max_s} s, <= ${max_mb} MB" $ok
}
OUT=/dev/full row "standard output is /dev/full (writes)" 2 1 100 validate --schema-file big-whole-schema.json n.json
row "instance is a FIFO (reads)" 2 1 100 validate --schema-file big-whole-schema.json fifo.json
row "instance is /dev/zero (reads)" 2 1 100 validate --schema-file big-whole-schema.json /dev/zero
row "folder of symbolic-link loops (reads)" 0 1 100 validate --schema-file object.json loops
row "\$refs to ../../etc/passwd, /dev/zero, https (confinement)" 2 1 100 inspect --spec refs.yaml
row "10,000-hop \$ref chain (load error past 600)" 2 2 300 validate --spec chain.yaml --schema A0 s.json
row "500-hop \$ref chain, validate" 1 1 100 validate --spec chain500.yaml --schema A0 n.json
row "allOf/anyOf cycle (load error)" 2 1 100 validate --spec cycle.yaml --schema A n.json
row "allOf fan-out, 60 levels = 2^60 paths" 1 1 100 validate --spec fanout.yaml --schema A60 n.json
row "corpus glob *a*a*…*b.json (30 stars) vs 60-char name" 0 1 100 corpus glob
row "overlay update over \$..[?@.y], 40,000 members" 0 3 400 overlay --spec wide.json --overlay update.yaml
row "overlay remove over \$..*, 40,000 members" 0 3 400 overlay --spec wide.json --overlay remove.yaml
row "overlay remove \$..*..* on a 999-deep document" 0 3 400 overlay --spec deep.json --overlay pairs.yaml
row "overlay remove \$..*..*..* on it (node budget error)" 2 10 600 overlay --spec deep.json --overlay triples.yaml
row "200 MB array instance, streamed (RSS <= 3x = 600 MB)" 0 30 600 validate --schema-file big-schema.json big.json
row "200 MB array instance, held whole (minItems)" 0 30 1500 validate --schema-file big-whole-schema.json big.json
row "200 MB instance over --max-instance-size 100M" 2 1 100 validate --schema-file big-schema.json --max-instance-size 100M big.json
# Whole processes (about 10 ms of start-up each); the pattern itself must take under 10 ms.
# The linear-time engine (LinearRegex) takes all three; none may fall back to backtracking.
for i in 0 1 2; do
  want=1; [ $i = 2 ] && want=0
  row "ReDoS $(python3 -c "import json;print(json.load(open('redos$i.json'))['pattern'])")" $want 0.05 100 validate --schema-file redos$i.json redos$i-instance.json
done
echo "$failures row(s) outside their bound"
exit "$failures"
