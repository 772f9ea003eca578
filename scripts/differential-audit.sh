#!/usr/bin/env bash
# Differential verdict audit: spec-check against jsonschema-rs on the component schemas of real
# OpenAPI descriptions (docs/DESIGN.md, "Differential audit").
#
#   scripts/differential-audit.sh [OUT_DIR] [-- extra arguments of differential_audit.py]
#
# Needs python3 and PyPI (jsonschema-rs and ruamel.yaml, installed once into a venv under /tmp, or
# $AUDIT_VENV), the test data in ../shared/testdata/specs (or $SPECS); builds the debug CLI if
# missing ($SPEC_CHECK names another). A full run takes about 15 minutes on two loaded cores;
# `-- --cap 20` makes it a quick one.
# Prints a summary per document; every disagreement is written to OUT_DIR/disagreements/DOC/N.json.
# OUT_DIR (default /tmp/…-audit) must be new, empty or an earlier audit's: it is replaced, and a
# folder of other files is refused (exit 2). Exit 0 whatever the disagreements: not a CI gate.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/differential-audit}
shift || true
[ "${1:-}" = "--" ] && shift
SPECS=${SPECS:-../shared/testdata/specs}
VENV=${AUDIT_VENV:-/tmp/differential-audit-venv}
CLI=${SPEC_CHECK:-.build/debug/spec-check}

if [ ! -d "$SPECS" ]; then
    echo "no test data at $SPECS (set SPECS=DIR)" >&2
    exit 2
fi
if ! "$VENV/bin/python" -c 'import jsonschema_rs, ruamel.yaml' 2>/dev/null; then
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'jsonschema-rs>=0.30' 'ruamel.yaml>=0.18'
fi
[ -x "$CLI" ] || swift build --product spec-check
# OUT_DIR is replaced only when it is empty or an earlier audit's (it holds the marker file): a
# folder of other files is never deleted.
if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ] && [ ! -e "$OUT/.spec-check-audit" ]; then
    echo "$OUT holds files that are not an earlier audit's; give an empty or new folder" >&2
    exit 2
fi
rm -rf "$OUT"
mkdir -p "$OUT"
touch "$OUT/.spec-check-audit"
"$VENV/bin/pip" show jsonschema-rs | sed -n 's/^Version: /jsonschema-rs /p'
"$CLI" --version | sed 's/^/spec-check /'

docs=(
    openai="$SPECS/openai/openapi.yaml"
    openrouter="$SPECS/openrouter/openapi.yaml"
    plaid="$SPECS/plaid/2020-09-14.yml"
)
for f in "$SPECS"/oai-examples-3.0/*.yaml; do
    docs+=("oai-$(basename "$f" .yaml)=$f")
done
# multi-file (2,900 files): the operations' 2xx JSON response bodies, through --response
docs+=(digitalocean+files="$SPECS/digitalocean/specification/DigitalOcean-public.v2.yaml")
"$VENV/bin/python" scripts/differential_audit.py --cli "$CLI" --out "$OUT" "$@" "${docs[@]}"
