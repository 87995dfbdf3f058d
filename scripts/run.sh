#!/usr/bin/env bash
# Builds concsim (release) and runs a program on the simulated machine.
#
#   bash scripts/run.sh                          concsim run scenario:lock
#   bash scripts/run.sh queue --seed 3           concsim run scenario:queue --seed 3
#   bash scripts/run.sh scenario:queue --seed 3  the same
#   bash scripts/run.sh prog.py --cores 2        concsim run prog.py --cores 2
#   bash scripts/run.sh --policy preempt-any     concsim run scenario:lock --policy preempt-any
#   bash scripts/run.sh scenarios                concsim scenarios (any subcommand passes through)
#
# The first run installs nothing beyond a Rust toolchain (scripts/setup.sh --native) and
# compiles the crate, which takes a few minutes; later runs start at once.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

bash scripts/setup.sh --native >&2
cargo build --release --bin concsim >&2

if [ $# -eq 0 ]; then
    set -- run scenario:lock
else
    case "$1" in
        # A subcommand or a top-level flag of concsim: pass everything through unchanged.
        run | scenarios | help | -h | --help | -V | --version) ;;
        # Options only: they apply to the default scenario.
        -*) set -- run scenario:lock "$@" ;;
        # A Python file or an explicit scenario.
        *.py | scenario:*) set -- run "$@" ;;
        # A bare name is a built-in scenario.
        *)
            name=$1
            shift
            set -- run "scenario:$name" "$@"
            ;;
    esac
fi

exec "$CARGO_TARGET_DIR/release/concsim" "$@"
