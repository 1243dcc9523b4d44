#!/usr/bin/env bash
# Speed of the survey path users run (issue 13), printed, not asserted.
#
# 1. Generates (not timed) an XLSForm of 120 indicators, a KoboToolbox-style CSV export of
#    1,000,000 respondents in 800 villages (missing answers, screening questions, eligibility;
#    `,`-separated, unquoted, group/question headers, _uuid and _submission_time) and the
#    population table, with `crates/papi-cli/examples/survey_data.rs`.
# 2. Times `papi survey score … --json` end to end (read and check the file, weight, every
#    estimate with linearised intervals for the commune and every village, JSON written),
#    beside `pandas.read_csv` of the same file in the same run (a virtual environment under
#    the target directory, kept between runs) and the floor: `wc -l` over the same bytes
#    (one pass counting line ends, the least any reader does). Wall seconds and peak memory
#    (GNU time's maximum resident set) of each; target: papi ≤ pandas, memory ≤ 2 GB.
# 3. Unless SKIP_ENGINE=1: the papi-index engine alone (its own generator and a bare reader,
#    bootstrap) and, when R's survey package is installed, R on the 20,000-respondent subset.
#
# Arguments (optional): respondents (default 1000000), bootstrap replicates (default 1000).
# SKIP_BUILD=1 reuses the release builds; CARGO_TARGET_DIR may name a private build directory.
# The generated files (~350 MB for 1M) stay in $target/survey-bench for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
n="${1:-1000000}"
reps="${2:-1000}"
if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --quiet --release -p papi
  cargo build --quiet --release -p papi-cli --example survey_data
fi
data="$target/survey-bench"
if [ "$(cat "$data/respondents" 2>/dev/null)" != "$n" ]; then
  rm -rf "$data"
  "$target/release/examples/survey_data" "$data" "$n" 800
  echo "$n" >"$data/respondents"
fi
csv="$data/answers.csv"
size_mb="$(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.0f", b / 1e6 }')"

venv="$target/bench-venv"
if ! "$venv/bin/python" -c 'import pandas' >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pandas
fi

# run NAME CMD…: wall seconds and peak memory (MB) into $secs and $mem.
run() {
  local log
  log="$(mktemp)"
  /usr/bin/time -v "${@:2}" 2>"$log" >"$data/$1.out" || { cat "$log" >&2; exit 1; }
  secs="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")"
  mem="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")"
  rm -f "$log"
}

cat "$csv" >/dev/null # every reader starts from the page cache
echo "Survey import, $n respondents × 120 indicators in 800 villages, CSV of $size_mb MB, $(nproc) cores"
run floor wc -l "$csv"
floor_s="$secs"
printf '  floor: wc -l (one pass counting line ends)       %7.2f s\n' "$floor_s"
run pandas "$venv/bin/python" -c '
import sys, time, pandas as pd
t = time.perf_counter(); df = pd.read_csv(sys.argv[1]); s = time.perf_counter() - t
print(f"{s:.3f} {len(df)}")' "$csv"
pandas_s="$(cut -d' ' -f1 "$data/pandas.out")"
pandas_mem="$mem"
printf '  pandas.read_csv (the call alone)                 %7.2f s   peak %5s MB (process)\n' "$pandas_s" "$pandas_mem"
run papi "$target/release/papi" survey score --questionnaire "$data/questionnaire.xlsx" \
  --responses "$csv" --population "$data/population.csv" --json
papi_s="$secs"
papi_mem="$mem"
papi_json_mb="$(awk -v b="$(stat -c %s "$data/papi.out")" 'BEGIN { printf "%.1f", b / 1e6 }')"
printf '  papi survey score --json, end to end             %7.2f s   peak %5s MB   (JSON %s MB)\n' "$papi_s" "$papi_mem" "$papi_json_mb"
awk -v p="$papi_s" -v d="$pandas_s" -v f="$floor_s" -v m="$papi_mem" 'BEGIN {
  printf "  papi / pandas %.2f× (target ≤ 1: %s), papi / floor %.1f×, memory %s (target ≤ 2048 MB)\n",
    p / d, (p <= d ? "met" : "missed"), p / f, (m <= 2048 ? "met" : "missed")
}'
echo "$papi_s" >"$data/papi-seconds"

if [ -n "${SKIP_ENGINE:-}" ]; then
  exit 0
fi
# The engine alone, as before: papi-index's generator, a bare reader, the bootstrap, and R's
# survey package on the 20,000-respondent subset (commune C00, 500 respondents in each of its
# 40 villages) with the same estimates, timed inside R without its start-up and CSV reading.
echo
if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --quiet --release -p papi-index --example bench
fi
subset="$(mktemp -d)"
trap 'rm -rf "$subset"' EXIT
PAPI_R_SUBSET="$subset" "$target/release/examples/bench" "$n" "$reps"
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(survey)' >/dev/null 2>&1; then
  Rscript crates/papi-index/tests/r/compare.R "$subset/data.csv" "$subset/r.json" \
    "$subset/scores.csv" "$subset/population.csv" poststratify --no-svymean >"$subset/r.out"
  r_seconds="$(sed -n 's/.*"seconds": \([0-9.eE+-]*\).*/\1/p' "$subset/r.json")"
  papi_seconds="$(cat "$subset/papi-seconds")"
  sed 's/^/  /' "$subset/r.out"
  awk -v r="$r_seconds" -v p="$papi_seconds" -v v="$(sed -n 's/R survey \([^:]*\):.*/\1/p' "$subset/r.out")" \
    'BEGIN { printf "R survey %s on the same 20,000-respondent subset, same estimates: %.3f s vs papi-index %.4f s — papi-index %.0f× faster\n", v, r, p, r / p }'
else
  echo "R comparison (20,000-respondent subset with R's survey package): skipped — Rscript or the survey package is missing (apt-get install -y r-cran-survey), so no R time or ratio is printed."
fi
