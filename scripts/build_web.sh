#!/usr/bin/env bash
# Builds the page into dist/ with trunk (release, offline): index.html, www/style.css and the
# `concsim-web` binary compiled to wasm32 (profile `web`), shrunk by wasm-opt -Oz. Assumes the
# tools are installed (scripts/setup.sh --web); scripts/serve.sh and scripts/test.sh call it.
# Prints the wasm's size raw and gzipped.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

# Offline trunk runs cargo offline too: fetch the crates first.
cargo fetch --quiet
trunk --offline --skip-version-check build --release

wasm=$(ls dist/*.wasm)
raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
all_gz=$(cat dist/* | gzip -9 | wc -c)
printf 'build_web: %s: %d KB raw, %d KB gzipped; whole page %d KB gzipped\n' \
    "$(basename "$wasm")" $((raw / 1024)) $((gz / 1024)) $((all_gz / 1024))
