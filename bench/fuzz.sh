#!/usr/bin/env bash
# Fuzzes every importer of papi-docs with cargo-fuzz (libFuzzer), from the seed corpus in
# fuzz/seeds/<target>/, for SECONDS_PER_TARGET each (default 300). Fails when any target finds
# a crash: a panic escaping a public reader, an allocation past 2 GB, an input taking over 30 s.
# The crashing input is kept in fuzz/artifacts/<target>/; make it a test in
# crates/papi-docs/tests/hostile_files.rs.
#
#   bash bench/fuzz.sh        # 300 s per target, ~40 min
#   bash bench/fuzz.sh 15     # CI: 15 s per target, a few minutes with the build
#
# The machine has stable Rust only: RUSTC_BOOTSTRAP=1 lets it take the -Z flags cargo-fuzz
# passes (sanitizer coverage, AddressSanitizer). FUZZ_SANITIZER=none skips AddressSanitizer
# (every dependency is Rust: the build is faster, fewer memory bugs are seen). Extra libFuzzer
# flags can be given in FUZZ_ARGS. CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-300}"
sanitizer="${FUZZ_SANITIZER:-address}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

targets=(plan_docx plan_text task_table_xlsx task_table_csv survey_responses questionnaire
  population provincial)

start=$(date +%s)
echo "== build (sanitizer: $sanitizer)"
cargo fuzz build --sanitizer "$sanitizer"
echo "   built in $(( $(date +%s) - start )) s"

failed=()
for t in "${targets[@]}"; do
  echo "== $t: ${seconds} s"
  mkdir -p "corpus/$t" "artifacts/$t"
  # shellcheck disable=SC2086
  if ! cargo fuzz run --sanitizer "$sanitizer" "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -timeout=30 \
      -print_final_stats=1 ${FUZZ_ARGS:-} >"artifacts/$t/last-run.log" 2>&1; then
    failed+=("$t")
    echo "   CRASH: see fuzz/artifacts/$t/ (log: fuzz/artifacts/$t/last-run.log)"
    grep -E "panic escaped|ERROR: libFuzzer|SUMMARY|Test unit written" "artifacts/$t/last-run.log" | head -5 | sed 's/^/   /'
  else
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "artifacts/$t/last-run.log" | sed 's/^/   /'
  fi
done

echo "== done in $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashes in: ${failed[*]}"
  exit 1
fi
echo "no crash in ${#targets[@]} targets"
