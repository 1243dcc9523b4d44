//! Times 1,000,000 working-day deadlines over 1900–2100 with the cached year tables, next to
//! the naive day-by-day loop on a sample, in the same run. Printed, not asserted.
//! Run with `bench/calendar.sh` (release build).

use std::hint::black_box;
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate};
use papi_calendar::Calendar;

const N: usize = 1_000_000;
const NAIVE_SAMPLE: usize = 20_000;

/// Small deterministic generator (xorshift), so runs are comparable without a rand dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn naive_add(cal: &Calendar, from: NaiveDate, n: i32) -> NaiveDate {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if cal.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

fn main() {
    let base = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let days_1900_2100: u64 = 73_415; // 1900-01-01 ..= 2100-12-31
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let cases: Vec<(NaiveDate, i32)> = (0..N)
        .map(|_| {
            let off = (rng.next() % (days_1900_2100 - 120)) as i64;
            (base + Duration::days(off), 1 + (rng.next() % 60) as i32)
        })
        .collect();

    let cal = Calendar::new();
    let t = Instant::now();
    // First touch builds the tables (schedules, lunar conversion for Tết and Giỗ Tổ).
    let mut check = 0i64;
    for y in 1900..=2101 {
        check += cal.working_days_in_year(y);
    }
    let warm = t.elapsed();

    let t = Instant::now();
    let mut acc = 0i64;
    for &(from, n) in &cases {
        acc += i64::from(black_box(cal.add_working_days(black_box(from), black_box(n))).ordinal());
    }
    let fast = t.elapsed();

    let t = Instant::now();
    let mut acc2 = 0i64;
    for &(from, n) in &cases[..NAIVE_SAMPLE] {
        acc2 += i64::from(black_box(naive_add(&cal, black_box(from), black_box(n))).ordinal());
    }
    let naive = t.elapsed();
    for &(from, n) in &cases[..NAIVE_SAMPLE] {
        assert_eq!(cal.add_working_days(from, n), naive_add(&cal, from, n));
    }

    let per_fast = fast.as_nanos() as f64 / N as f64;
    let per_naive = naive.as_nanos() as f64 / NAIVE_SAMPLE as f64;
    println!("papi-calendar bench: working-day deadlines, 1900–2100, n = 1..60 working days");
    println!(
        "  year tables 1900–2101 built in        {:>10.2} ms  ({check} working days)",
        warm.as_secs_f64() * 1e3
    );
    println!(
        "  {N} deadlines (cached tables)    {:>10.2} ms  = {per_fast:>8.1} ns/deadline",
        fast.as_secs_f64() * 1e3
    );
    println!(
        "  {NAIVE_SAMPLE} deadlines (naive day loop)   {:>10.2} ms  = {per_naive:>8.1} ns/deadline",
        naive.as_secs_f64() * 1e3
    );
    println!(
        "  speed-up: {:.1}x   (checksums {acc} {acc2})",
        per_naive / per_fast
    );
}
