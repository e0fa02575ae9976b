#!/usr/bin/env bash
# Builds the store and runs it with the demo catalog on the embedded defaults: a SQLite file
# under data/, images on disk, the built-in test gateway and the email outbox.
# Open http://127.0.0.1:3000 when it says "store listening".
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/tools.sh

kw_apt ca-certificates
command -v npm >/dev/null || kw_apt npm
kw_build_tools
cargo leptos build --release

export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
exec target/release/server serve --seed
