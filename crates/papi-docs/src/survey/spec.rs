//! What an answers import is checked against and what one checked row gives: shared by the
//! file readers (`responses`) and the row checker (`row_check`), which import this file and
//! not each other.

use std::collections::HashSet;

/// What the caller knows that the file must agree with.
#[derive(Debug, Clone, Copy)]
pub struct ImportSpec<'a> {
    /// The commune's villages, in the order of `papi_index::Frame::villages`.
    pub villages: &'a [String],
    /// The age-band labels, in the order of `papi_index::Cells` (e.g. `18-29`, `30-44`,
    /// `45-59`, `60+`).
    pub age_bands: &'a [String],
    /// `_uuid`s already stored: a row with one of them is refused.
    pub existing_uuids: &'a HashSet<String>,
}

/// One respondent's answers from the web form, scored.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedAnswers {
    pub village: usize,
    pub cell: usize,
    /// One rescaled (1–10) value per indicator of the questionnaire, NaN where not eligible
    /// or missing.
    pub scores: Vec<f32>,
}
