#!/usr/bin/env bash
# Regenerates Sources/VideosAPI/Generated/ from the shipped contract. CI never runs this: the
# generated code is committed, so CI does not build the generator (several minutes on 2 cores).
#
#   IntegrationTests/regenerate.sh [GENERATOR_CHECKOUT]
#
# GENERATOR_CHECKOUT: a checkout of apple/swift-openapi-generator at 1.14.3 (default: cloned into
# a temporary folder). Steps:
#   1. spec-check overlay: the shipped contract + its overlay + generator.overlay.yaml (which
#      rewrites the discriminator mapping's {$ref} objects, which OpenAPIKit refuses, as strings)
#      → Sources/VideosAPI/openapi.yaml;
#   2. swift-openapi-generator generate (types, client, server; public) → Sources/VideosAPI/Generated.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
api="$here/Sources/VideosAPI"
generator="${1:-}"
if [ -z "$generator" ]; then
  generator="$(mktemp -d)/swift-openapi-generator"
  git clone --quiet --depth 1 --branch 1.14.3 https://github.com/apple/swift-openapi-generator "$generator"
fi
(cd "$root" && swift build --product spec-check)
"$root/.build/debug/spec-check" overlay --spec "$root/specs/openrouter-videos.yaml" \
  --overlay "$root/specs/openrouter-videos.overlay.yaml" --overlay "$api/generator.overlay.yaml" \
  --output "$api/openapi.yaml"
(cd "$generator" && swift build --product swift-openapi-generator)
rm -rf "$api/Generated"
"$generator/.build/debug/swift-openapi-generator" generate --config "$api/openapi-generator-config.yaml" \
  --output-directory "$api/Generated" "$api/openapi.yaml"
