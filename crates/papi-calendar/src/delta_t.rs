//! ΔT = TT − UT, the gap between the dynamical time of the astronomical series and the
//! universal time that civil days follow. The solar series of `astro.rs` is in TT; a solar
//! term near local midnight is on one day or the other depending on this gap (1938: 24 s).
//!
//! Polynomials of F. Espenak and J. Meeus, "Polynomial Expressions for Delta T", NASA Five
//! Millennium Canon of Solar Eclipses (2006), for 1800–2150 and the long-term parabola outside.

/// ΔT in seconds at decimal year `y` (e.g. 1938.73).
pub fn delta_t_seconds(y: f64) -> f64 {
    if !(1800.0..2150.0).contains(&y) {
        let u = (y - 1820.0) / 100.0;
        return -20.0 + 32.0 * u * u;
    }
    if y < 1860.0 {
        let t = y - 1800.0;
        return 13.72 - 0.332_447 * t + 0.006_861_2 * t.powi(2) + 0.004_111_6 * t.powi(3)
            - 0.000_374_36 * t.powi(4)
            + 0.000_012_127_2 * t.powi(5)
            - 0.000_000_169_9 * t.powi(6)
            + 0.000_000_000_875 * t.powi(7);
    }
    if y < 1900.0 {
        let t = y - 1860.0;
        return 7.62 + 0.5737 * t - 0.251_754 * t.powi(2) + 0.016_806_68 * t.powi(3)
            - 0.000_447_362_4 * t.powi(4)
            + t.powi(5) / 233_174.0;
    }
    if y < 1920.0 {
        let t = y - 1900.0;
        return -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3)
            - 0.000_197 * t.powi(4);
    }
    if y < 1941.0 {
        let t = y - 1920.0;
        return 21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3);
    }
    if y < 1961.0 {
        let t = y - 1950.0;
        return 29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2547.0;
    }
    if y < 1986.0 {
        let t = y - 1975.0;
        return 45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0;
    }
    if y < 2005.0 {
        let t = y - 2000.0;
        return 63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5);
    }
    if y < 2050.0 {
        let t = y - 2000.0;
        return 62.92 + 0.322_17 * t + 0.005_589 * t.powi(2);
    }
    let u = (y - 1820.0) / 100.0;
    -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y)
}

/// A Julian day in UT converted to TT.
pub fn ut_to_tt(jd_ut: f64) -> f64 {
    let year = 2000.0 + (jd_ut - 2_451_545.0) / 365.25;
    jd_ut + delta_t_seconds(year) / 86_400.0
}

#[cfg(test)]
mod tests {
    use super::delta_t_seconds;

    /// Values tabulated by Espenak and Meeus (observed ΔT): 1900 −2.8 s, 1938 ≈ 24 s,
    /// 1950 29.1 s, 2000 63.8 s; and continuity at the joins of the pieces.
    #[test]
    fn tabulated_values_and_joins() {
        let near = |y: f64, v: f64, tol: f64| {
            let got = delta_t_seconds(y);
            assert!((got - v).abs() < tol, "{y}: {got} vs {v}");
        };
        near(1900.0, -2.79, 0.01);
        near(1938.7, 24.0, 0.5);
        near(1950.0, 29.07, 0.01);
        near(2000.0, 63.86, 0.01);
        for join in [
            1860.0, 1900.0, 1920.0, 1941.0, 1961.0, 1986.0, 2005.0, 2050.0, 2150.0,
        ] {
            let (a, b) = (delta_t_seconds(join - 1e-6), delta_t_seconds(join));
            assert!((a - b).abs() < 1.0, "{join}: {a} vs {b}");
        }
    }
}
