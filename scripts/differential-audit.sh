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
source scripts/audit-setup.sh
audit_setup differential 'jsonschema_rs, ruamel.yaml' 'jsonschema-rs>=0.30' 'ruamel.yaml>=0.18' --args "$@"
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
"$VENV/bin/python" scripts/differential_audit.py --cli "$CLI" --out "$OUT" "${EXTRA[@]}" "${docs[@]}"
