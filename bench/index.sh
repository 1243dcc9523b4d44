#!/usr/bin/env bash
# Speed of papi-index (issue 4), printed, not asserted: 1,000,000 generated respondents,
# 120 indicators, 800 villages in 20 communes, with missing answers and eligibility.
# Targets on 2 cores: CSV import ≤ 5 s; scoring with linearised intervals, both designs, ≤ 1 s;
# 1,000 bootstrap replicates (villages as clusters) ≤ 3 s; peak memory ≤ 2 GB.
# Arguments (optional): respondents replicates. CARGO_TARGET_DIR may be set to keep a private
# build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release -p papi-index --example bench
target="${CARGO_TARGET_DIR:-target}"
# The 20,000-respondent subset (commune C00, 500 respondents in each of its 40 villages) is
# written by the bench for R's survey package (crates/papi-index/tests/r/compare.R): the same
# estimates as papi-index (every indicator, sub-dimension, dimension and the total, commune and
# villages, villages as strata and as clusters, post-stratified), timed inside R without its
# start-up and CSV reading, as papi-index is timed without its import.
subset="$(mktemp -d)"
trap 'rm -rf "$subset"' EXIT
PAPI_R_SUBSET="$subset" "$target/release/examples/bench" "${1:-1000000}" "${2:-1000}"
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
