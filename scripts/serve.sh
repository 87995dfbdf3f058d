#!/usr/bin/env bash
# The page: installs what this machine lacks, builds the page and serves it on 127.0.0.1.
#
#   bash scripts/serve.sh              http://127.0.0.1:8000/
#   PORT=9000 bash scripts/serve.sh    another port
#
# The first run compiles trunk and the wasm tools (10 to 15 minutes on 2 cores; see
# scripts/setup.sh); later runs rebuild only what changed. dist/ is plain static files: any
# static host can serve it (at the site's root: trunk writes absolute URLs).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PORT=${PORT:-8000}

bash scripts/setup.sh --web
bash scripts/build_web.sh

echo
echo "concsim's page: http://127.0.0.1:$PORT/   (Ctrl-C stops the server)"
echo
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
