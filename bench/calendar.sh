#!/usr/bin/env bash
# Builds papi-calendar's bench example in release mode and prints the time per working-day
# deadline (1,000,000 deadlines over 1900–2100) next to a naive day-by-day baseline.
# Printed, not asserted. CARGO_TARGET_DIR may be set to keep a private build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p papi-calendar --example calendar_bench
