//! Benchmarks against the official provincial PAPI (papi-method.md §1.5, §1.6, §2.1):
//! parsing the provincial CSV layout (`Province,SC11,…,SC83`, blanks = no data), dimension
//! scores and totals as sums, the province's quartile group among all provinces that year, and
//! the significance of a year-on-year change.

use crate::stats::normal_cdf;
use crate::structure::YearStructure;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One official score: a province's sub-dimension score in a year (PAPI presentation, /k).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvincialScore {
    pub province: String,
    pub year: u16,
    pub subdimension: String,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BenchmarkError {
    #[error("provincial CSV: empty file")]
    Empty,
    #[error("provincial CSV: first column must be `Province`, found `{0}`")]
    NoProvinceColumn(String),
    #[error("provincial CSV line {line}, column `{column}`: `{value}` is not a number")]
    BadNumber {
        line: usize,
        column: String,
        value: String,
    },
    #[error("provincial CSV line {line}: {got} fields, header has {expected}")]
    FieldCount {
        line: usize,
        got: usize,
        expected: usize,
    },
}

/// Parse one year's file of the shared provincial layout. The layout has no quoting, so a
/// plain split is exact; blank cells are skipped (no data).
pub fn parse_provincial_csv(year: u16, text: &str) -> Result<Vec<ProvincialScore>, BenchmarkError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().ok_or(BenchmarkError::Empty)?;
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    if !cols[0].eq_ignore_ascii_case("province") {
        return Err(BenchmarkError::NoProvinceColumn(cols[0].to_string()));
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        if f.len() != cols.len() {
            return Err(BenchmarkError::FieldCount {
                line: i + 1,
                got: f.len(),
                expected: cols.len(),
            });
        }
        for (c, v) in cols.iter().zip(&f).skip(1) {
            if v.is_empty() {
                continue;
            }
            let score = v.parse::<f64>().map_err(|_| BenchmarkError::BadNumber {
                line: i + 1,
                column: c.to_string(),
                value: v.to_string(),
            })?;
            out.push(ProvincialScore {
                province: f[0].to_string(),
                year,
                subdimension: c.to_string(),
                score,
            });
        }
    }
    Ok(out)
}

/// The four PAPI performance groups by quartile of the total (§1.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuartileGroup {
    /// Nhóm đạt điểm cao nhất
    Highest,
    /// Nhóm đạt điểm trung bình cao
    HighAverage,
    /// Nhóm đạt điểm trung bình thấp
    LowAverage,
    /// Nhóm đạt điểm thấp nhất
    Lowest,
}

/// A generic table of official scores (from the shared CSVs or a user's own file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProvincialTable {
    scores: BTreeMap<(u16, String), BTreeMap<String, f64>>,
}

impl ProvincialTable {
    pub fn new(rows: impl IntoIterator<Item = ProvincialScore>) -> ProvincialTable {
        let mut t = ProvincialTable::default();
        t.extend(rows);
        t
    }

    pub fn extend(&mut self, rows: impl IntoIterator<Item = ProvincialScore>) {
        for r in rows {
            self.scores
                .entry((r.year, r.province))
                .or_default()
                .insert(r.subdimension, r.score);
        }
    }

    pub fn score(&self, province: &str, year: u16, subdimension: &str) -> Option<f64> {
        self.scores
            .get(&(year, province.to_string()))?
            .get(subdimension)
            .copied()
    }

    /// Dimension scores (sums of sub-dimensions, §1.3) — only when every sub-dimension of the
    /// year's structure has a score: a partial sum would not be the official dimension.
    pub fn dimensions(&self, province: &str, year: u16) -> Option<BTreeMap<String, f64>> {
        let st = YearStructure::for_year(year).ok()?;
        let subs = self.scores.get(&(year, province.to_string()))?;
        st.dimensions
            .iter()
            .map(|d| {
                let s: Option<f64> = d
                    .subdimensions
                    .iter()
                    .map(|s| subs.get(&s.code).copied())
                    .sum();
                s.map(|s| (d.code.clone(), s))
            })
            .collect()
    }

    /// PAPI total (sum of the dimensions, 8–80) when complete.
    pub fn total(&self, province: &str, year: u16) -> Option<f64> {
        self.dimensions(province, year).map(|d| d.values().sum())
    }

    /// The total as PAPI publishes it: the sum of the dimension scores each rounded to 4
    /// decimals. This reproduces the official Thừa Thiên Huế 2023 figure 46.0414 (the full-
    /// precision sum is 46.04154) and Hưng Yên 2024's 44.4041 (full precision 44.40424).
    pub fn published_total(&self, province: &str, year: u16) -> Option<f64> {
        let r4 = |x: f64| (x * 1e4).round() / 1e4;
        self.dimensions(province, year)
            .map(|d| r4(d.values().map(|x| r4(*x)).sum()))
    }

    /// Provinces with a complete total in `year`, best first.
    pub fn ranking(&self, year: u16) -> Vec<(String, f64)> {
        let provinces: BTreeSet<&String> = self
            .scores
            .keys()
            .filter(|(y, _)| *y == year)
            .map(|(_, p)| p)
            .collect();
        let mut v: Vec<(String, f64)> = provinces
            .into_iter()
            .filter_map(|p| self.total(p, year).map(|t| (p.clone(), t)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// The province's quartile group by total among provinces with complete data that year.
    /// Groups are assigned by rank, q = ⌊n/4⌋ in each of the top three and the rest in the
    /// lowest (61 provinces → 15/15/15/16, as published for 2023 and 2024; §1.6 — PAPI's exact
    /// percentile rule is not published, and 2020's 16/16/15/16 of 63 is not reproduced).
    pub fn quartile_group(&self, province: &str, year: u16) -> Option<QuartileGroup> {
        let ranking = self.ranking(year);
        let pos = ranking.iter().position(|(p, _)| p == province)?;
        let q = ranking.len() / 4;
        Some(match pos {
            p if p < q => QuartileGroup::Highest,
            p if p < 2 * q => QuartileGroup::HighAverage,
            p if p < 3 * q => QuartileGroup::LowAverage,
            _ => QuartileGroup::Lowest,
        })
    }
}

/// A year-on-year change and its z test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChangeTest {
    pub difference: f64,
    pub se: f64,
    pub z: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// p < 0.05.
    pub significant: bool,
}

/// Test `current − previous` with SE √(se₁² + se₀²), z = difference / SE, two-sided normal
/// p-value.
///
/// Assumption: the two estimates are **independent** (separate samples each year, as the
/// commune draws new respondents every year) and approximately normal. With a panel of the
/// same respondents the covariance is positive and this test is conservative. A provincial
/// score without a published SE is entered with se = 0 (a fixed benchmark, §4.4).
pub fn change_test(current: (f64, f64), previous: (f64, f64)) -> ChangeTest {
    let difference = current.0 - previous.0;
    let se = (current.1 * current.1 + previous.1 * previous.1).sqrt();
    let z = difference / se;
    let p_value = 2.0 * (1.0 - normal_cdf(z.abs()));
    ChangeTest {
        difference,
        se,
        z,
        p_value,
        significant: p_value < 0.05,
    }
}
