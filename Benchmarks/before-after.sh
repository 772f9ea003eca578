#!/usr/bin/env bash
# Times spec-check at an earlier revision and at the working tree in one run, for before/after
# ratios of a change (whole processes, best of N).
#
#   Benchmarks/before-after.sh [REV]       (REV defaults to HEAD~1)
#
# Builds REV in a temporary git worktree (/tmp/spec-check-before-REV) and the working tree, both
# release; inputs are generated under /tmp/spec-check-compare by compare.sh's generator if missing.
# Environment: SPEC_CHECK_OPENAI_SPEC, BEFORE_AFTER_REPEAT (default 5).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
REV=${1:-HEAD~1}
SHA=$(git -C "$ROOT" rev-parse --short "$REV")
REPEAT=${BEFORE_AFTER_REPEAT:-5}
WORK=/tmp/spec-check-compare
OLDTREE=/tmp/spec-check-before-$SHA
OPENAI=${SPEC_CHECK_OPENAI_SPEC:-$ROOT/../shared/testdata/specs/openai/openapi.yaml}
SEED=$ROOT/specs/openrouter-videos.yaml

[ -d "$OLDTREE" ] || git -C "$ROOT" worktree add -q --detach "$OLDTREE" "$SHA"
echo "== building $SHA and the working tree (release)" >&2
(cd "$OLDTREE" && swift build -c release --product spec-check --static-swift-stdlib --scratch-path "$OLDTREE/.build" >/dev/null)
(cd "$ROOT" && swift build -c release --product spec-check --static-swift-stdlib >/dev/null)
(cd "$HERE" && swift build -c release --product generate-instances >/dev/null)
mkdir -p "$WORK"
[ -s "$WORK/seed.jsonl" ] || "$HERE/.build/release/generate-instances" --count 10000 --jsonl "$WORK/seed.jsonl" >/dev/null
[ -d "$WORK/seed-dir" ] || "$HERE/.build/release/generate-instances" --count 10000 --dir "$WORK/seed-dir" >/dev/null
echo '{}' > "$WORK/tiny.json"
OLD=$OLDTREE/.build/release/spec-check
NEW=$ROOT/.build/release/spec-check

best() {
  local b=999 s
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -o "$WORK/time.txt" -f "%e" "$@" >/dev/null 2>&1 || true
    s=$(tail -1 "$WORK/time.txt")
    b=$(awk -v a="$b" -v c="$s" 'BEGIN { print (c < a) ? c : a }')
  done
  echo "$b"
}
row() {
  local label=$1; shift
  local before after
  before=$(best "$OLD" "$@"); after=$(best "$NEW" "$@")
  printf '| %-56s | %7s s | %7s s | %6s |\n' "$label" "$before" "$after" \
    "$(awk -v b="$before" -v a="$after" 'BEGIN { if (a > 0) printf "%.2fx", b / a; else print "n/a" }')"
}

echo "before = $SHA, after = working tree; best of $REPEAT; speed-up = before / after"
printf '| %-56s | %9s | %9s | %6s |\n' "command (whole process)" "before" "after" "ratio"
printf '| %-56s | %9s | %9s | %6s |\n' "---" "---" "---" "---"
if [ -f "$OPENAI" ]; then
  row "inspect --spec openai.yaml" inspect --spec "$OPENAI"
  row "validate --spec openai.yaml --schema X tiny.json" validate --spec "$OPENAI" --schema CreateCompletionRequest "$WORK/tiny.json"
else
  echo "notice: $OPENAI not found; OpenAI rows skipped" >&2
fi
row "validate --request createVideos --format json 10k.jsonl" validate --spec "$SEED" --request createVideos --format json "$WORK/seed.jsonl"
row "validate --request createVideos --format json dir/ (10k)" validate --spec "$SEED" --request createVideos --format json "$WORK/seed-dir"
