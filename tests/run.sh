#!/usr/bin/env bash
# The whole test suite: format and lint checks, unit tests, integration tests on SQLite and on
# a throwaway PostgreSQL cluster, and storefront tests in headless Chromium. It installs what
# is missing, starts PostgreSQL and ChromeDriver on free loopback ports, and stops them after.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/tools.sh

kw_apt postgresql chromium chromium-driver python3 ca-certificates
command -v npm >/dev/null || kw_apt npm
kw_build_tools

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
scratch=$(mktemp -d)
chmod 755 "$scratch"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$scratch"; fi

cleanup() {
  [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null || true
  [ -f "$scratch/pg/postmaster.pid" ] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT

echo "==> format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --release -- -D warnings
cargo clippy -p app --lib --target wasm32-unknown-unknown --features hydrate --release -- -D warnings

echo "==> building the site (wasm and server)"
cargo leptos build --release

echo "==> starting PostgreSQL and ChromeDriver"
pg_port=$(free_port)
"${as_pg[@]}" "$pg_bin/initdb" -D "$scratch/pg" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg" -w -l "$scratch/pg.log" \
  -o "-p $pg_port -k $scratch -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" start >/dev/null
driver_port=$(free_port)
chromedriver --port="$driver_port" --allowed-ips=127.0.0.1 >"$scratch/chromedriver.log" 2>&1 &
driver_pid=$!

export STORE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
export STORE_TEST_WEBDRIVER_URL="http://127.0.0.1:$driver_port"
export STORE_TEST_SITE_ROOT="$PWD/target/site"

echo "==> tests"
cargo test --workspace --release
