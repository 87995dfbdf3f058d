#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test concsim. Idempotent: every step is
# guarded and is skipped when the tool is already there at the pinned version, so a second run
# takes well under two seconds. Only package registries are used (see shared/TOOLCHAIN.md).
#
#   bash scripts/setup.sh            everything scripts/test.sh needs (native, wasm and browser tests)
#   bash scripts/setup.sh --web      what building the page needs (scripts/serve.sh)
#   bash scripts/setup.sh --native   only what a native build needs (scripts/run.sh)
#
# Pins (must agree with Cargo.toml's `wasm-bindgen = "=0.2.130"`, Trunk.toml and package.json):
WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
# trunk 0.22 needs a newer rustc than this machine's; 0.21.14 builds the page offline.
TRUNK_VERSION=0.21.14
set -euo pipefail

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# `cargo install` builds in a temporary directory unless CARGO_TARGET_DIR is set; keep the tool
# builds out of the project's (possibly shared) target directory.
unset CARGO_TARGET_DIR

ROOT=$(cd "$(dirname "$0")/.." && pwd)

mode=${1:-all}
case "$mode" in
    all | --all) mode=all ;;
    --native | --web) ;;
    -h | --help)
        sed -n '2,8p' "$0"
        exit 0
        ;;
    *)
        printf 'setup: unknown option %s (expected --native, --web or nothing)\n' "$mode" >&2
        exit 2
        ;;
esac

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# Runs an install command and reports how long it took.
timed() {
    local what=$1
    shift
    local start=$SECONDS
    say "installing $what: $*"
    "$@" || die "installing $what failed"
    say "installed $what in $((SECONDS - start)) s"
}

command -v cargo >/dev/null 2>&1 || die "cargo is not on PATH: install Rust with rustup first"
command -v rustc >/dev/null 2>&1 || die "rustc is not on PATH: install Rust with rustup first"

# A native build needs only cargo and rustc (all crates come from the registry on first build).
if [ "$mode" = "--native" ]; then
    say "native toolchain ready ($(rustc --version))"
    exit 0
fi

command -v rustup >/dev/null 2>&1 || die "rustup is not on PATH: the wasm tools need a rustup toolchain"

# rustfmt and clippy (cargo fmt --check, cargo clippy in scripts/test.sh).
missing=()
cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
if [ ${#missing[@]} -gt 0 ]; then
    timed "${missing[*]}" rustup component add "${missing[@]}"
fi

# The wasm32 target: its standard library sits in the sysroot once installed.
if [ ! -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown/lib" ]; then
    timed "target wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI: provides wasm-bindgen-test-runner, which wasm-pack finds next to the
# wasm-bindgen on PATH instead of downloading one. No --locked: the registry here lacks a
# dependency the published lock file pins.
if ! { wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION" &&
    wasm-bindgen-test-runner --version 2>/dev/null | grep -qx "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION"; }; then
    timed "wasm-bindgen-cli $WASM_BINDGEN_VERSION" \
        cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# trunk builds the page (index.html, Trunk.toml). Slow to compile (about 11 minutes on 2 cores).
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
    timed "trunk $TRUNK_VERSION" cargo install --force --locked trunk --version "$TRUNK_VERSION"
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
# Installs Debian packages (apt-get update once per setup run).
apt_updated=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get is not available: install $* by hand"
    if [ "$apt_updated" -eq 0 ]; then
        "${sudo[@]}" apt-get update >/dev/null
        apt_updated=1
    fi
    timed "$* (apt)" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# Node.js runs the browser tests (playwright-core); npm installs
# their tools. Debian's packages are enough.
command -v node >/dev/null 2>&1 || apt_install nodejs
command -v npm >/dev/null 2>&1 || apt_install npm

# wasm-opt for trunk (npm binaryen@132: Debian's binaryen is too old), playwright-core and
# axe-core (accessibility checks) for the browser tests, into ./node_modules at the versions
# package-lock.json pins.
if ! { [ -x "$ROOT/node_modules/.bin/wasm-opt" ] &&
    "$ROOT/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version_132" &&
    [ -f "$ROOT/node_modules/playwright-core/package.json" ] &&
    [ -f "$ROOT/node_modules/axe-core/axe.min.js" ]; }; then
    timed "npm packages (binaryen, playwright-core, axe-core)" npm --prefix "$ROOT" ci --no-audit --no-fund
fi

if [ "$mode" = "--web" ]; then
    say "web toolchain ready: $(rustc --version); $(wasm-bindgen --version); $(trunk --version)"
    exit 0
fi

if ! wasm-pack --version 2>/dev/null | grep -qx "wasm-pack $WASM_PACK_VERSION"; then
    timed "wasm-pack $WASM_PACK_VERSION" \
        cargo install --force --locked wasm-pack --version "$WASM_PACK_VERSION"
fi

# The browser tests drive Debian's Chromium (never a downloaded one); the CJK font lets the
# Chinese page render in screenshots.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
fi

say "toolchain ready: $(rustc --version); $(wasm-bindgen --version); $(wasm-pack --version 2>/dev/null); $(trunk --version); node $(node --version)"
