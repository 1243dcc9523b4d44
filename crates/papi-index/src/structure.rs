//! PAPI structure per year: the 8 dimensions (D1..D8), their sub-dimensions (SC11..SC83), and
//! `k`, the number of sub-dimensions a dimension has that year (papi-method.md §1.1, §1.3).
//!
//! The structure changed twice in the 8-dimension era, so it is a per-year table rather than a
//! constant: 2018 has no SC83 (D8 has k = 2), 2019–2020 have 29 sub-dimensions, and from 2021
//! SC52 (construction permits) is gone (D5 has k = 3). The table is embedded data
//! (`data/structure.json`) so a correction is a data edit, not a code change.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// First year of the 8-dimension PAPI.
pub const FIRST_YEAR: u16 = 2018;
/// Last year with a published structure. Later years (the current one included) reuse it and
/// are marked provisional: the 2025 PAPI redesign (papi-method.md §1.2) was not published.
pub const LAST_PUBLISHED_YEAR: u16 = 2024;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct RawSub {
    code: String,
    name_en: String,
    name_vi: String,
    first: u16,
    last: Option<u16>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct RawDim {
    code: String,
    name_en: String,
    name_vi: String,
    subdimensions: Vec<RawSub>,
}

#[derive(Debug, Deserialize)]
struct RawTable {
    dimensions: Vec<RawDim>,
}

fn raw() -> &'static RawTable {
    static T: OnceLock<RawTable> = OnceLock::new();
    T.get_or_init(|| {
        serde_json::from_str(include_str!("../data/structure.json"))
            .expect("embedded data/structure.json is valid (checked by tests)")
    })
}

/// A sub-dimension as it exists in a given year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SubDimension {
    /// `SC11` … `SC83`.
    pub code: String,
    pub name_en: String,
    pub name_vi: String,
}

/// A dimension in a given year with the sub-dimensions it has that year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct YearDimension {
    /// `D1` … `D8`.
    pub code: String,
    pub name_en: String,
    pub name_vi: String,
    pub subdimensions: Vec<SubDimension>,
}

impl YearDimension {
    /// `k`: the divisor of the PAPI presentation of this dimension's sub-dimensions (§1.3).
    pub fn k(&self) -> usize {
        self.subdimensions.len()
    }
}

/// The PAPI structure of one year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct YearStructure {
    pub year: u16,
    /// True for years after [`LAST_PUBLISHED_YEAR`], which reuse its structure.
    pub provisional: bool,
    pub dimensions: Vec<YearDimension>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StructureError {
    #[error("PAPI has 8 dimensions only from {FIRST_YEAR}; no structure for {0}")]
    YearTooEarly(u16),
}

impl YearStructure {
    /// The structure of `year` (2018 onward; years after 2024 reuse 2024, provisional).
    pub fn for_year(year: u16) -> Result<YearStructure, StructureError> {
        if year < FIRST_YEAR {
            return Err(StructureError::YearTooEarly(year));
        }
        let eff = year.min(LAST_PUBLISHED_YEAR);
        let dimensions = raw()
            .dimensions
            .iter()
            .map(|d| YearDimension {
                code: d.code.clone(),
                name_en: d.name_en.clone(),
                name_vi: d.name_vi.clone(),
                subdimensions: d
                    .subdimensions
                    .iter()
                    .filter(|s| s.first <= eff && s.last.is_none_or(|l| eff <= l))
                    .map(|s| SubDimension {
                        code: s.code.clone(),
                        name_en: s.name_en.clone(),
                        name_vi: s.name_vi.clone(),
                    })
                    .collect(),
            })
            .collect();
        Ok(YearStructure {
            year,
            provisional: year > LAST_PUBLISHED_YEAR,
            dimensions,
        })
    }

    /// All sub-dimension codes of the year, in dimension order.
    pub fn subdimension_codes(&self) -> Vec<&str> {
        self.dimensions
            .iter()
            .flat_map(|d| d.subdimensions.iter().map(|s| s.code.as_str()))
            .collect()
    }

    /// The dimension a sub-dimension belongs to that year, if it exists that year.
    pub fn dimension_of(&self, subdimension: &str) -> Option<&YearDimension> {
        self.dimensions
            .iter()
            .find(|d| d.subdimensions.iter().any(|s| s.code == subdimension))
    }

    /// `k` of the dimension `code` (`D1`…`D8`).
    pub fn k(&self, dimension: &str) -> Option<usize> {
        self.dimensions
            .iter()
            .find(|d| d.code == dimension)
            .map(YearDimension::k)
    }
}
