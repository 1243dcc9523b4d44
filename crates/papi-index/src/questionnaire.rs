//! The questionnaire model: which question feeds which PAPI indicator, on what theoretical
//! scale, in which direction, which answers count as missing, and who is eligible.
//! Types and validation only; reading TOML or XLSForm is the caller's job (papi-docs).
//!
//! [`RowScorer`] turns one row of raw answers (a Kobo/ODK export row) into rescaled 1–10
//! indicator values (papi-method.md §1.3: r = 1 + 9(x − a)/(b − a), reversed for `down`),
//! NaN where the respondent is not eligible or the answer is missing.

use crate::relevance::{BoundExpr, Expr, RelevanceError};
use crate::structure::YearStructure;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Whether a higher answer is better (`up`) or worse (`down`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Up,
    Down,
}

/// One question mapped to a PAPI indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Indicator id, unique in the questionnaire (e.g. `d1_knows_slogan`).
    pub id: String,
    /// Sub-dimension code (`SC11` … `SC83`) of the questionnaire's year.
    pub subdimension: String,
    /// Question name: the column of the response export (`group/question` also matches).
    pub question: String,
    /// Theoretical minimum of the answer scale (after `values` mapping).
    pub min: f64,
    /// Theoretical maximum.
    pub max: f64,
    #[serde(default)]
    pub direction: Direction,
    /// Answer values that count as missing ("không biết", refused …).
    #[serde(default)]
    pub missing: Vec<String>,
    /// XLSForm `relevant` expression: who is asked (None = everyone).
    #[serde(default)]
    pub relevant: Option<String>,
    /// Choice name → numeric value, for select_one questions whose choices are not numbers
    /// (e.g. `yes` → 1, `no` → 0). Empty: the answer itself must be a number.
    #[serde(default)]
    pub values: BTreeMap<String, f64>,
}

impl Indicator {
    /// Rescale an answer on [min, max] to 1–10, direction-aware (papi-method.md §1.3).
    pub fn rescale(&self, x: f64) -> f64 {
        let t = (x - self.min) / (self.max - self.min);
        match self.direction {
            Direction::Up => 1.0 + 9.0 * t,
            Direction::Down => 1.0 + 9.0 * (1.0 - t),
        }
    }

    /// The numeric answer for a raw answer text: `Ok(None)` = missing (blank or a missing
    /// value), `Err` = not a valid answer for this indicator.
    pub fn value(&self, raw: &str) -> Result<Option<f64>, AnswerError> {
        let raw = raw.trim();
        if raw.is_empty() || self.missing.iter().any(|m| m == raw) {
            return Ok(None);
        }
        let x = match self.values.get(raw) {
            Some(v) => *v,
            None => raw.parse::<f64>().map_err(|_| AnswerError {
                question: self.question.clone(),
                value: raw.to_string(),
                reason: "not a number nor a known answer".into(),
            })?,
        };
        if !(x >= self.min && x <= self.max) {
            return Err(AnswerError {
                question: self.question.clone(),
                value: raw.to_string(),
                reason: format!("outside the scale {}–{}", self.min, self.max),
            });
        }
        Ok(Some(x))
    }
}

/// A questionnaire: the year whose PAPI structure it follows and its indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub year: u16,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QuestionnaireError {
    #[error("indicator `{0}` appears more than once")]
    DuplicateId(String),
    #[error("indicator `{id}`: sub-dimension `{subdimension}` does not exist in PAPI {year}")]
    UnknownSubdimension {
        id: String,
        subdimension: String,
        year: u16,
    },
    #[error("indicator `{id}`: min {min} must be below max {max}")]
    BadRange { id: String, min: f64, max: f64 },
    #[error("indicator `{id}`: answer `{choice}` maps to {value}, outside {min}–{max}")]
    ValueOutOfRange {
        id: String,
        choice: String,
        value: f64,
        min: f64,
        max: f64,
    },
    #[error("indicator `{id}`: {source}")]
    Relevance { id: String, source: RelevanceError },
}

impl Questionnaire {
    /// Check the questionnaire against the PAPI structure of its year. All problems are
    /// returned at once so an officer fixes the form in one round.
    pub fn validate(&self, structure: &YearStructure) -> Result<(), Vec<QuestionnaireError>> {
        let mut errs = Vec::new();
        let mut seen = HashSet::new();
        for ind in &self.indicators {
            if !seen.insert(ind.id.as_str()) {
                errs.push(QuestionnaireError::DuplicateId(ind.id.clone()));
            }
            if structure.dimension_of(&ind.subdimension).is_none() {
                errs.push(QuestionnaireError::UnknownSubdimension {
                    id: ind.id.clone(),
                    subdimension: ind.subdimension.clone(),
                    year: structure.year,
                });
            }
            if !(ind.min.is_finite() && ind.max.is_finite() && ind.min < ind.max) {
                errs.push(QuestionnaireError::BadRange {
                    id: ind.id.clone(),
                    min: ind.min,
                    max: ind.max,
                });
            }
            for (choice, &value) in &ind.values {
                if !(value >= ind.min && value <= ind.max) {
                    errs.push(QuestionnaireError::ValueOutOfRange {
                        id: ind.id.clone(),
                        choice: choice.clone(),
                        value,
                        min: ind.min,
                        max: ind.max,
                    });
                }
            }
            if let Some(r) = &ind.relevant {
                if let Err(source) = Expr::parse(r) {
                    errs.push(QuestionnaireError::Relevance {
                        id: ind.id.clone(),
                        source,
                    });
                }
            }
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    /// Sub-dimensions of the year with no indicator: their dimension is then scored on the
    /// sub-dimensions that have one, and the results say which are missing.
    pub fn uncovered<'a>(&self, structure: &'a YearStructure) -> Vec<&'a str> {
        structure
            .subdimension_codes()
            .into_iter()
            .filter(|c| !self.indicators.iter().any(|i| i.subdimension == *c))
            .collect()
    }
}

/// A bad answer in a response row; the caller adds the row number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column `{question}`: value `{value}` {reason}")]
pub struct AnswerError {
    pub question: String,
    pub value: String,
    pub reason: String,
}

/// Scores rows of raw answers for a questionnaire, with columns resolved once from the header
/// and relevance expressions parsed, bound to columns, and evaluated once per row each
/// (many indicators share one screening question).
#[derive(Debug, Clone)]
pub struct RowScorer {
    indicators: Vec<Indicator>,
    columns: Vec<usize>,
    /// Index into `rules` per indicator.
    rule_of: Vec<Option<usize>>,
    rules: Vec<BoundExpr>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HeaderError {
    #[error("no column for question `{question}` (indicator `{id}`)")]
    MissingColumn { id: String, question: String },
    #[error("indicator `{id}`: {source}")]
    Relevance { id: String, source: RelevanceError },
}

/// Column of a question: an exact header, or a `group/…/question` header.
fn resolve(header: &[&str], exact: &HashMap<&str, usize>, name: &str) -> Option<usize> {
    exact.get(name).copied().or_else(|| {
        header
            .iter()
            .position(|h| h.rsplit('/').next() == Some(name))
    })
}

impl RowScorer {
    pub fn new(q: &Questionnaire, header: &[&str]) -> Result<RowScorer, HeaderError> {
        let exact: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (*h, i)).collect();
        let mut columns = Vec::new();
        let mut rule_of = Vec::new();
        let mut rules = Vec::new();
        let mut rule_text: HashMap<&str, usize> = HashMap::new();
        for ind in &q.indicators {
            columns.push(resolve(header, &exact, &ind.question).ok_or_else(|| {
                HeaderError::MissingColumn {
                    id: ind.id.clone(),
                    question: ind.question.clone(),
                }
            })?);
            let rule = match ind.relevant.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(text) => Some(match rule_text.get(text) {
                    Some(&k) => k,
                    None => {
                        let rel = |source| HeaderError::Relevance {
                            id: ind.id.clone(),
                            source,
                        };
                        let bound = Expr::parse(text)
                            .map_err(rel)?
                            .bind(&|n| resolve(header, &exact, n))
                            .map_err(rel)?;
                        rules.push(bound);
                        rule_text.insert(text, rules.len() - 1);
                        rules.len() - 1
                    }
                }),
            };
            rule_of.push(rule);
        }
        Ok(RowScorer {
            indicators: q.indicators.clone(),
            columns,
            rule_of,
            rules,
        })
    }

    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    /// The indicators, in the order of the scores.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The column each indicator is read from, in the order of the scores.
    pub fn columns(&self) -> &[usize] {
        &self.columns
    }

    /// As [`RowScorer::score_row`], with each eligible answer's score (1–10, NaN when
    /// missing) given by `score(k, text)` for indicator `k`: an importer that has already
    /// checked the value, or holds a table of its answers, does not parse it again.
    pub fn score_row_with<'a>(
        &self,
        field: &dyn Fn(usize) -> &'a str,
        scratch: &mut Vec<bool>,
        out: &mut [f32],
        score: &mut dyn FnMut(usize, &'a str) -> Result<f32, AnswerError>,
    ) -> Result<(), AnswerError> {
        scratch.clear();
        scratch.extend(self.rules.iter().map(|r| r.eval(field)));
        for k in 0..self.indicators.len() {
            let eligible = self.rule_of[k].is_none_or(|r| scratch[r]);
            out[k] = if eligible {
                score(k, field(self.columns[k]))?
            } else {
                f32::NAN
            };
        }
        Ok(())
    }

    /// Score one row into `out` (one slot per indicator, 1–10 or NaN). `field(i)` is the text
    /// of column `i`. `scratch` holds the per-row relevance results (reused between rows).
    pub fn score_row<'a>(
        &self,
        field: &dyn Fn(usize) -> &'a str,
        scratch: &mut Vec<bool>,
        out: &mut [f32],
    ) -> Result<(), AnswerError> {
        scratch.clear();
        scratch.extend(self.rules.iter().map(|r| r.eval(field)));
        for (k, ind) in self.indicators.iter().enumerate() {
            let eligible = self.rule_of[k].is_none_or(|r| scratch[r]);
            out[k] = if eligible {
                match ind.value(field(self.columns[k]))? {
                    Some(x) => ind.rescale(x) as f32,
                    None => f32::NAN,
                }
            } else {
                f32::NAN
            };
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(id: &str, sc: &str, dir: Direction) -> Indicator {
        Indicator {
            id: id.into(),
            subdimension: sc.into(),
            question: id.into(),
            min: 1.0,
            max: 4.0,
            direction: dir,
            missing: vec!["98".into()],
            relevant: None,
            values: BTreeMap::new(),
        }
    }

    #[test]
    fn rescale_direction() {
        let up = ind("a", "SC11", Direction::Up);
        let down = ind("a", "SC11", Direction::Down);
        assert_eq!(up.rescale(1.0), 1.0);
        assert_eq!(up.rescale(4.0), 10.0);
        assert_eq!(down.rescale(4.0), 1.0);
        assert_eq!(up.rescale(3.0), 7.0);
        assert_eq!(up.value("98"), Ok(None));
        assert!(up.value("5").is_err());
        assert!(up.value("x").is_err());
    }

    #[test]
    fn validation_reports_everything() {
        let st = YearStructure::for_year(2024).unwrap();
        let mut bad = ind("a", "SC52", Direction::Up);
        bad.relevant = Some("${x} =".into());
        let q = Questionnaire {
            year: 2024,
            indicators: vec![ind("a", "SC11", Direction::Up), bad],
        };
        let errs = q.validate(&st).unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(q.uncovered(&st).len(), 27);
    }

    #[test]
    fn row_scorer() {
        let mut b = ind("b", "SC51", Direction::Down);
        b.relevant = Some("${used} = 'yes'".into());
        b.values = [("yes".to_string(), 4.0), ("no".to_string(), 1.0)].into();
        let q = Questionnaire {
            year: 2024,
            indicators: vec![ind("a", "SC11", Direction::Up), b],
        };
        let header = ["g/a", "used", "b"];
        let s = RowScorer::new(&q, &header).unwrap();
        let mut scratch = Vec::new();
        let mut out = [0f32; 2];
        let row = ["4", "yes", "no"];
        s.score_row(&|i| row[i], &mut scratch, &mut out).unwrap();
        assert_eq!(out, [10.0, 10.0]);
        let row = ["98", "no", "yes"];
        s.score_row(&|i| row[i], &mut scratch, &mut out).unwrap();
        assert!(out[0].is_nan() && out[1].is_nan());
        let row = ["7", "no", ""];
        let e = s
            .score_row(&|i| row[i], &mut scratch, &mut out)
            .unwrap_err();
        assert_eq!(e.question, "a");
        assert!(RowScorer::new(&q, &["a", "b"]).is_err());
    }
}
