#!/usr/bin/env bash
# Exchange verdict audit: spec-check's whole-request verdicts (`har`) on requests schemathesis
# generates from real OpenAPI descriptions (docs/DESIGN.md, "Exchange audit").
#
#   scripts/exchange-audit.sh [OUT_DIR] [-- extra arguments of exchange_audit.py]
#
# Needs python3 and PyPI (schemathesis, installed once into a venv under /tmp, or $AUDIT_VENV), the
# test data in ../shared/testdata/specs (or $SPECS); builds the debug CLI if missing ($SPEC_CHECK
# names another). Positive and negative requests, 4 per operation, at most 150 operations per
# document, plus a generated document of every parameter style: about 3 minutes on two busy
# cores; `-- --cap 20` makes it a quick one, `-- --cap 1000 --per-operation 12` the full one
# docs/DESIGN.md reports (12 minutes).
# Prints a summary per document; every disagreement is written to OUT_DIR/disagreements/DOC/*.json,
# the generated requests to OUT_DIR/har/DOC-MODE.har. To name the disagreements of a finished run
# by the current explanations: $VENV/bin/python scripts/exchange_audit.py --out OUT_DIR --reclassify
# OUT_DIR (default /tmp/…-audit) must be new, empty or an earlier audit's: it is replaced, and a
# folder of other files is refused (exit 2). Exit 0 whatever the disagreements: not a CI gate.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/audit-setup.sh
audit_setup exchange 'schemathesis, requests' 'schemathesis>=4.30,<5' --args "$@"
"$VENV/bin/pip" show schemathesis | sed -n 's/^Version: /schemathesis /p'
"$CLI" --version | sed 's/^/spec-check /'

docs=()
for f in "$SPECS"/oai-examples-3.0/*.yaml; do
    docs+=("oai-$(basename "$f" .yaml)=$f")
done
docs+=(
    openrouter="$SPECS/openrouter/openapi.yaml"
    openai="$SPECS/openai/openapi.yaml"
    plaid="$SPECS/plaid/2020-09-14.yml"
    # multi-file (2,900 files): schemathesis follows the relative $refs itself
    digitalocean="$SPECS/digitalocean/specification/DigitalOcean-public.v2.yaml"
)
"$VENV/bin/python" scripts/exchange_audit.py --cli "$CLI" --out "$OUT" --negative --styles --per-operation 4 --cap 150 "${EXTRA[@]}" "${docs[@]}"
