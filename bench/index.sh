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
"$target/release/examples/bench" "${1:-1000000}" "${2:-1000}"
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(survey)' >/dev/null 2>&1; then
  echo "R survey is installed, but the 20,000-respondent comparison script is not written yet."
else
  echo "R comparison (20,000-respondent subset with R's survey package): skipped — R is not available on this machine (CRAN is unreachable), so no R time or ratio is printed."
fi
