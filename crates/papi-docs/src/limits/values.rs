//! Numbers with a meaning, checked against what they can mean: a population count is a whole
//! number of people, a date falls in a plausible year, a PAPI score within its scale. The
//! caller adds the row and column to the message.

use super::bounds::{thousands, MAX_PAPI_SCORE, MAX_POPULATION, MAX_YEAR, MIN_YEAR};

/// A count of people: finite, whole, not negative, at most [`MAX_POPULATION`].
pub fn check_count(v: f64) -> Result<(), String> {
    if !v.is_finite() || v < 0.0 || v.fract() != 0.0 {
        return Err("số người phải là số nguyên không âm".into());
    }
    if v > MAX_POPULATION {
        return Err(format!(
            "số người vượt giới hạn {} người cho một ô",
            thousands(MAX_POPULATION as u64)
        ));
    }
    Ok(())
}

/// A year of a date read from a file: [`MIN_YEAR`]–[`MAX_YEAR`].
pub fn check_year(year: i32) -> Result<(), String> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(format!(
            "năm {year} nằm ngoài khoảng hợp lý {MIN_YEAR}–{MAX_YEAR}"
        ))
    }
}

/// A PAPI score: finite, 0–[`MAX_PAPI_SCORE`].
pub fn check_score(v: f64) -> Result<(), String> {
    if v.is_finite() && (0.0..=MAX_PAPI_SCORE).contains(&v) {
        Ok(())
    } else {
        Err(format!(
            "điểm PAPI phải nằm trong khoảng 0–{MAX_PAPI_SCORE}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_years_scores() {
        assert!(check_count(350.0).is_ok());
        assert!(check_count(0.0).is_ok());
        for bad in [1e308, f64::INFINITY, f64::NAN, -1.0, 2.5] {
            assert!(check_count(bad).is_err(), "{bad}");
        }
        assert!(check_year(2025).is_ok());
        assert!(check_year(1900).is_err() && check_year(9999).is_err());
        assert!(check_score(6.5).is_ok());
        assert!(check_score(11.0).is_err() && check_score(f64::NAN).is_err());
    }
}
