#!/usr/bin/env bash
# Storefront benchmark (figures, not a pass/fail test):
#  - product page requests/s and latency at 64 connections, against nginx serving the same HTML
#    as a static file on the same machine in the same run;
#  - storefront wasm + JS transfer size, brotli;
#  - Lighthouse mobile scores of the product page (when `lighthouse` can be installed from npm);
#  - paid orders/s through the test gateway on SQLite (`cargo bench --bench orders`).
# Everything runs on 127.0.0.1 and stops when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/tools.sh
kw_apt nginx wrk brotli curl python3
kw_build_tools
cargo leptos build --release >/dev/null

DURATION="${BENCH_SECONDS:-15}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
scratch=$(mktemp -d)
chmod 755 "$scratch"
cleanup() {
  [ -n "${store_pid:-}" ] && kill "$store_pid" 2>/dev/null || true
  [ -f "$scratch/nginx.pid" ] && kill "$(cat "$scratch/nginx.pid")" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

store_port=$(free_port)
DATABASE_URL="sqlite://$scratch/store.db" STORE_LISTEN="127.0.0.1:$store_port" LEPTOS_SITE_ROOT=target/site \
  RUST_LOG=warn target/release/server serve --seed &
store_pid=$!
page="http://127.0.0.1:$store_port/products/creamy-tonkotsu-style"
for _ in $(seq 1 100); do curl -sf "$page" -o "$scratch/product.html" && break; sleep 0.1; done

nginx_port=$(free_port)
mkdir -p "$scratch/www"
cp "$scratch/product.html" "$scratch/www/index.html"
cat > "$scratch/nginx.conf" <<CONF
worker_processes auto;
pid $scratch/nginx.pid;
error_log $scratch/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$nginx_port; root $scratch/www; location / { try_files /index.html =404; } }
}
CONF
nginx -c "$scratch/nginx.conf"

measure() {
  wrk -t2 -c64 -d"${DURATION}s" --latency "$1" > "$scratch/wrk.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ { print $2 }' "$scratch/wrk.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$scratch/wrk.txt")
  echo "$rps $p99"
}
read -r store_rps store_p99 < <(measure "$page")
read -r nginx_rps nginx_p99 < <(measure "http://127.0.0.1:$nginx_port/")
ratio=$(python3 -c "print(f'{$store_rps / $nginx_rps:.3f}')")

wasm=$(brotli -c -q 11 target/site/pkg/store.wasm | wc -c)
js=$(brotli -c -q 11 target/site/pkg/store.js | wc -c)

echo
echo "product page, 64 connections, ${DURATION}s each"
echo "  store: $store_rps req/s, p99 $store_p99"
echo "  nginx: $nginx_rps req/s, p99 $nginx_p99 (same HTML, static file)"
echo "  ratio: $ratio"
echo "storefront wasm + JS, brotli -q 11: $((wasm + js)) bytes ($(( (wasm + js) / 1024 )) KiB; wasm $wasm, js $js)"

if [ -n "${BENCH_LIGHTHOUSE-1}" ] && npm install --prefix "$KETTLEWISE_TOOLS" --no-audit --no-fund --silent lighthouse@12 >/dev/null 2>&1; then
  CHROME_PATH=/usr/bin/chromium "$KETTLEWISE_TOOLS/node_modules/.bin/lighthouse" "$page" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    --output=json --output-path="$scratch/lh.json" >/dev/null 2>&1 || true
  if [ -s "$scratch/lh.json" ]; then
    python3 - "$scratch/lh.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
scores = {k: round(v["score"] * 100) for k, v in r["categories"].items() if v.get("score") is not None}
print("lighthouse (mobile):", ", ".join(f"{k} {v}" for k, v in scores.items()))
PY
  else
    echo "lighthouse: did not produce a report"
  fi
fi

kill "$store_pid"; store_pid=""
cargo bench -q -p store-tests --bench orders
