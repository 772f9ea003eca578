# The set-up the two audit scripts share (sourced by scripts/differential-audit.sh and
# scripts/exchange-audit.sh, from the repository root):
#
#   audit_setup NAME 'IMPORTS' REQUIREMENT... "$@"
#
# reads the script's arguments ([OUT_DIR] [-- extra arguments]) and sets OUT (default
# /tmp/NAME-audit), SPECS, VENV (default /tmp/NAME-audit-venv), CLI and EXTRA (the extra
# arguments, an array); checks the test data; installs REQUIREMENT... into the venv unless python
# there can `import IMPORTS`; builds the debug CLI when it is missing; and replaces OUT_DIR, but
# only when it is new, empty or an earlier audit's (it holds the marker file): a folder of other
# files is refused (exit 2), never deleted.
audit_setup() {
    local name=$1 imports=$2
    shift 2
    local requirements=()
    while [ $# -gt 0 ] && [ "$1" != "--args" ]; do requirements+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    OUT=${1:-/tmp/$name-audit}
    shift || true
    [ "${1:-}" = "--" ] && shift
    EXTRA=("$@")
    SPECS=${SPECS:-../shared/testdata/specs}
    VENV=${AUDIT_VENV:-/tmp/$name-audit-venv}
    CLI=${SPEC_CHECK:-.build/debug/spec-check}

    if [ ! -d "$SPECS" ]; then
        echo "no test data at $SPECS (set SPECS=DIR)" >&2
        exit 2
    fi
    if ! "$VENV/bin/python" -c "import $imports" 2>/dev/null; then
        [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
        "$VENV/bin/pip" install --quiet "${requirements[@]}"
    fi
    [ -x "$CLI" ] || swift build --product spec-check
    if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ] && [ ! -e "$OUT/.spec-check-audit" ]; then
        echo "$OUT holds files that are not an earlier audit's; give an empty or new folder" >&2
        exit 2
    fi
    rm -rf "$OUT"
    mkdir -p "$OUT"
    touch "$OUT/.spec-check-audit"
}
