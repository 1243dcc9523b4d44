//! The astronomy behind the Vietnamese lunar calendar: new moons and the sun's longitude.
//!
//! Written from the published description of Hồ Ngọc Đức, "Thuật toán tính âm lịch"
//! (<https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_en.html>), which truncates the
//! series of Jean Meeus, *Astronomical Algorithms* (ch. 25 for the sun, ch. 49 for new moons).
//! Everything here is a pure function of its arguments; `lunar.rs` caches the results.

use std::f64::consts::PI;

/// The Vietnamese calendar meridian: 105°E, i.e. UTC+7 (legal-rules.md §2.1 rule 5).
pub const TZ_VN: f64 = 7.0;

/// Julian day (UT) of the new moon of 1900-01-01, the origin of the new-moon index `k`.
pub const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;
/// Mean synodic month in days.
pub const SYNODIC_MONTH: f64 = 29.530_588_853;

const DR: f64 = PI / 180.0;

/// Time (Julian day, UT) of the `k`-th new moon after 1900-01-01 (Meeus ch. 49, truncated,
/// with a ΔT polynomial so the result is in universal time).
pub fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * DR).sin();
    // Sun's mean anomaly, moon's mean anomaly, moon's argument of latitude (degrees).
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let s = |deg: f64| (deg * DR).sin();
    // Periodic terms, in the order and with the signs of the published series.
    let c1 = (0.1734 - 0.000_393 * t) * s(m) + 0.0021 * s(2.0 * m) - 0.4068 * s(mpr)
        + 0.0161 * s(2.0 * mpr)
        - 0.0004 * s(3.0 * mpr)
        + 0.0104 * s(2.0 * f)
        - 0.0051 * s(m + mpr)
        - 0.0074 * s(m - mpr)
        + 0.0004 * s(2.0 * f + m)
        - 0.0004 * s(2.0 * f - m)
        - 0.0006 * s(2.0 * f + mpr)
        + 0.0010 * s(2.0 * f - mpr)
        + 0.0005 * s(2.0 * mpr + m);
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// Sun's apparent longitude in radians at Julian day `jd` in dynamical time (TT), normalised to
/// [0, 2π) (Meeus ch. 25, low accuracy).
pub fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (DR * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (DR * 2.0 * m).sin() + 0.000_290 * (DR * 3.0 * m).sin();
    let l = (l0 + dl) * DR;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Local day number (JDN) of the day, at `tz`, that contains the `k`-th new moon.
pub fn new_moon_day(k: i64, tz: f64) -> i64 {
    (new_moon(k) + 0.5 + tz / 24.0).floor() as i64
}

/// Which 30° sector (0..=11) the sun is in at the start of local day `jdn`; a month whose
/// start and end share a sector contains no major solar term (trung khí). Local midnight is
/// in universal time; the solar series is in dynamical time, so ΔT is added first.
pub fn sun_sector(jdn: i64, tz: f64) -> i64 {
    let ut = jdn as f64 - 0.5 - tz / 24.0;
    (sun_longitude(crate::delta_t::ut_to_tt(ut)) / PI * 6.0).floor() as i64
}

/// Index `k` of the new moon that starts on local day `jdn` (or nearest to it).
pub fn new_moon_index(jdn: i64) -> i64 {
    ((jdn as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5).floor() as i64
}

/// Start (JDN) of lunar month 11 — the month holding the winter solstice — that begins in
/// Gregorian year `year`'s December or just before it.
pub fn month_11_start(year: i32, tz: f64) -> i64 {
    let off = crate::lunar::jdn_from_ymd(year, 12, 31) as f64 - 2_415_021.0;
    let k = (off / SYNODIC_MONTH).floor() as i64;
    let nm = new_moon_day(k, tz);
    if sun_sector(nm, tz) >= 9 {
        new_moon_day(k - 1, tz)
    } else {
        nm
    }
}

/// In a 13-month year starting at month 11 on `a11`, the offset (1..=13) of the leap month:
/// the first month after month 11 that contains no major solar term.
pub fn leap_month_offset(a11: i64, tz: f64) -> i64 {
    let k = new_moon_index(a11);
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i, tz), tz);
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i, tz), tz);
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}
