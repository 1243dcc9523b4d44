#!/usr/bin/env bash
# Speed of the Decree-30 writers (issue 5), printed, not asserted: the annual commune report of
# a generated plan with 500 tasks and 20 units rendered to DOCX and to XLSX (release build).
# Targets: ≤ 200 ms each. Arguments (optional): tasks units runs. CARGO_TARGET_DIR may be set to
# keep a private build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release -p papi-docs --example docs_bench
target="${CARGO_TARGET_DIR:-target}"
"$target/release/examples/docs_bench" "${1:-500}" "${2:-20}" "${3:-15}"
