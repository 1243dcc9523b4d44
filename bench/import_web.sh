#!/usr/bin/env bash
# The web import of answers (issue 13), timed beside the CLI on the same file in the same run;
# printed, not asserted.
#
# On the files `bench/index.sh` generates (1,000,000 respondents × 120 indicators in 800
# villages unless told otherwise; made here when missing):
# 1. sets up a commune on a fresh SQLite database with `papi init` (the 800 villages) and an
#    office account with `papi user add`, and starts `papi serve` (not timed);
# 2. signs in, creates the survey with the generated XLSForm through `POST /staff/survey` and
#    uploads the population table, as an official does in the browser (not timed);
# 3. times `papi survey score … --json` (the CLI: read, check, weight, every estimate);
# 4. times the staff upload of the answers CSV (`POST /staff/survey/{id}/responses`) and the
#    progress page it leads to, polled until it says the answers are stored; then counts the
#    rows in the database.
# Target: web import ≤ 2 × the CLI's time.
#
# Arguments (optional): respondents (default 1000000). SKIP_BUILD=1 reuses the release build;
# CARGO_TARGET_DIR may name a private build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
n="${1:-1000000}"
if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --quiet --release -p papi
  cargo build --quiet --release -p papi-cli --example survey_data
fi
papi="$target/release/papi"
data="$target/survey-bench"
if [ "$(cat "$data/respondents" 2>/dev/null)" != "$n" ]; then
  rm -rf "$data"
  "$target/release/examples/survey_data" "$data" "$n" 800
  echo "$n" >"$data/respondents"
fi
csv="$data/answers.csv"

work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT
keep="${KEEP_WORK:-}"
db="sqlite://$work/papi.db"
export PAPI_ADMIN_PASSWORD="bench-papi-2025" PAPI_PASSWORD="bench-papi-2025"

tail -n +2 "$data/population.csv" | cut -d, -f1 | awk '!seen[$0]++' >"$work/villages.txt"
bands="$(tail -n +2 "$data/population.csv" | cut -d, -f3 | awk '!seen[$0]++' | paste -sd,)"
"$papi" --database-url "$db" init --no-input --province "Hưng Yên" --commune "Phố Hiến" \
  --admin-username quantri --admin-full-name "Quản trị" --villages-file "$work/villages.txt" >/dev/null
"$papi" --database-url "$db" user add --username vanphong --full-name "Văn phòng" --role office >/dev/null

"$papi" --database-url "$db" serve --bind 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" </dev/null &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" | head -n1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.err" >&2; exit 1; }

jar="$work/cookies"
csrf_of() { grep -o 'name="csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }
csrf="$(curl -sf -c "$jar" -b "$jar" "$url/login" | csrf_of)"
curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
  --data-urlencode "username=vanphong" --data-urlencode "password=$PAPI_PASSWORD" "$url/login"
csrf="$(curl -sf -c "$jar" -b "$jar" "$url/staff/survey/new" | csrf_of)"
location="$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -F "csrf=$csrf" \
  -F "year=2025" -F "title=" -F "age_bands=$bands" -F "file=@$data/questionnaire.xlsx" "$url/staff/survey")"
id="${location##*/}"
case "$id" in '' | *[!0-9]*) echo "the survey was not created (answer: $location)" >&2; exit 1 ;; esac
status="$(curl -s -o "$work/population.html" -w '%{http_code}' -c "$jar" -b "$jar" -F "csrf=$csrf" \
  -F "file=@$data/population.csv" "$url/staff/survey/$id/population")"
case "$status" in 2* | 3*) ;; *) echo "the population table was refused ($status)" >&2; exit 1 ;; esac

now() { date +%s.%N; }
cat "$csv" >/dev/null # both start from the page cache
echo "Survey answers, $n respondents × 120 indicators in 800 villages, CSV of $(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.0f", b / 1e6 }') MB, $(nproc) cores"
t0="$(now)"
"$papi" survey score --questionnaire "$data/questionnaire.xlsx" --responses "$csv" \
  --population "$data/population.csv" --json >"$work/cli.json"
cli_s="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')"
printf '  CLI: papi survey score --json, end to end                      %7.2f s\n' "$cli_s"

t0="$(now)"
location="$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -F "csrf=$csrf" \
  -F "file=@$csv;type=text/csv" "$url/staff/survey/$id/responses")"
uploaded_s="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')"
polls=0
while :; do
  page="$(curl -sf -c "$jar" -b "$jar" "$location")"
  polls=$((polls + 1))
  grep -q '<progress' <<<"$page" || break
  sleep 0.2
done
web_s="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')"
said="$(grep -o 'Đã nhập [0-9]* phiếu trả lời' <<<"$page" || true)"
[ -n "$said" ] || { echo "the import did not succeed:" >&2; sed 's/<[^>]*>//g' <<<"$page" | grep -v '^\s*$' | head -n 20 >&2; exit 1; }
kill "$server" && wait "$server" 2>/dev/null || true
server=""
stored="$(sqlite3 "$work/papi.db" "SELECT count(*) FROM survey_responses WHERE survey_id = $id")"
printf '  web: upload, read, check and store (upload %.2f s, %d polls)  %7.2f s   (%s; %s rows in the database)\n' \
  "$uploaded_s" "$polls" "$web_s" "$said" "$stored"
awk -v w="$web_s" -v c="$cli_s" 'BEGIN {
  printf "  web / CLI %.2f× (target ≤ 2: %s)\n", w / c, (w <= 2 * c ? "met" : "missed")
}'
