#!/usr/bin/env bash
# Runs schemathesis against the JSON API of a fresh demo server, signed in as the office
# (`vanphong`), checking every response against /api/openapi.json: no server error, documented
# status codes, content types and bodies. Bounded by EXAMPLES per operation (default 60).
#
#   bash bench/schemathesis.sh [EXAMPLES]
#
# Needs the papi binary (target/release or target/debug) and schemathesis (pip install
# schemathesis; the CI installs it). Exits non-zero on any failed check.
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES="${1:-60}"
BIN="${PAPI_BIN:-}"
for p in target/release/papi target/debug/papi; do
  [ -z "$BIN" ] && [ -x "$p" ] && BIN="$p"
done
[ -n "$BIN" ] || { echo "no papi binary: cargo build -p papi" >&2; exit 2; }
if command -v st >/dev/null; then
  ST=(st)
elif python3 -c "import schemathesis" 2>/dev/null; then
  ST=(python3 -c 'import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())')
else
  echo "schemathesis missing: pip install schemathesis" >&2; exit 2
fi

work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$BIN" demo --file "$work/demo.db" --bind "127.0.0.1:$port" \
  --provincial data/papi-provincial >"$work/out" 2>"$work/err" &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

jar="$work/jar"
token=$(curl -fs -c "$jar" -b "$jar" "$base/login" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
curl -fs -o /dev/null -c "$jar" -b "$jar" --data "csrf=$token&username=vanphong&password=demo-papi-2025" "$base/login"
session=$(awk '$6 == "papi_session" {print $7}' "$jar")
csrf=$(curl -fs -b "$jar" "$base/staff/calendar" | grep -o 'name="csrf" value="[^"]*"' | head -n1 | cut -d'"' -f4)
[ -n "$session" ] && [ -n "$csrf" ] || { echo "could not sign in to the demo" >&2; exit 2; }

start=$(date +%s)
"${ST[@]}" run "$base/api/openapi.json" \
  --header "Cookie: papi_session=$session" \
  --header "X-CSRF-Token: $csrf" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$EXAMPLES" --seed 1 --workers 1 \
  --generation-with-security-parameters false \
  --request-timeout 10 --no-shrink
echo "schemathesis: $(( $(date +%s) - start )) s, $EXAMPLES examples per operation"
