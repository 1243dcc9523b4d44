//! Checking one row of answers against the form: each value against its question's type and
//! choice list, the respondent's village, sex and age band, and the `_uuid` against those seen.

use std::collections::{HashMap, HashSet};

use papi_index::{Indicator, Questionnaire, RowScorer};
use rustc_hash::FxHashMap;

use super::answer_table::AnswerTable;
use super::columns::{band_key, find_column, find_meta, sex_index, AGE_BAND, SEX, VILLAGE};
use super::errors::{quoted, FormatError, ImportErrors};
use super::form::{slug, Kind, SurveyForm};
use super::spec::{ImportSpec, ParsedAnswers};
use crate::table::trim;

/// How a column's values are checked.
#[derive(Debug, Clone)]
pub(super) enum Check {
    Select(HashSet<String>),
    Multiple(HashSet<String>),
    Integer,
    Decimal,
}

#[derive(Debug, Clone)]
pub(super) struct ColumnCheck {
    pub(super) column: usize,
    pub(super) check: Option<Check>,
    pub(super) indicator: Option<Indicator>,
}

pub(super) fn check_value(
    check: Option<&Check>,
    indicator: Option<&Indicator>,
    raw: &str,
) -> Option<String> {
    let v = trim(raw);
    if v.is_empty() {
        return None;
    }
    let missing = indicator.is_some_and(|i| i.missing.iter().any(|m| m == v));
    match check {
        Some(Check::Select(names)) if !names.contains(v) && !missing => {
            return Some(format!(
                "giá trị {} không có trong danh sách lựa chọn",
                quoted(v)
            ))
        }
        Some(Check::Multiple(names)) => {
            if let Some(bad) = v.split_whitespace().find(|t| !names.contains(*t)) {
                return Some(format!(
                    "lựa chọn {} không có trong danh sách lựa chọn",
                    quoted(bad)
                ));
            }
        }
        Some(Check::Integer) if v.parse::<i64>().is_err() && !missing => {
            return Some(format!("giá trị {} không phải là số nguyên", quoted(v)))
        }
        // `inf`, `NaN` and `1e999` parse as f64 but are no answer
        Some(Check::Decimal) if !v.parse::<f64>().is_ok_and(f64::is_finite) && !missing => {
            return Some(format!("giá trị {} không phải là số", quoted(v)))
        }
        _ => {}
    }
    let ind = indicator?;
    if ind.value(v).is_ok() {
        return None;
    }
    Some(match v.parse::<f64>() {
        Ok(_) if !ind.values.contains_key(v) => format!(
            "giá trị {} nằm ngoài thang đo {}–{}",
            quoted(v),
            ind.min,
            ind.max
        ),
        _ if !ind.values.is_empty() => {
            format!("giá trị {} không có trong danh sách lựa chọn", quoted(v))
        }
        _ => format!("giá trị {} không phải là số", quoted(v)),
    })
}

/// Everything needed to check and score rows of one header.
pub(super) struct Checker {
    pub(super) scorer: RowScorer,
    pub(super) n: usize,
    pub(super) columns: Vec<ColumnCheck>,
    pub(super) header: Vec<String>,
    pub(super) village: usize,
    pub(super) sex: usize,
    pub(super) age: usize,
    pub(super) uuid: Option<usize>,
    pub(super) time: Option<usize>,
    pub(super) villages: HashMap<String, usize>,
    pub(super) village_slugs: HashMap<String, usize>,
    pub(super) bands: HashMap<String, usize>,
    pub(super) n_age: usize,
    pub(super) fast: Fast,
}

/// Answers decided once, when the header is read: for every checked column the values that
/// pass its check, for every indicator the score of each answer it knows (choice names,
/// missing codes, the whole numbers of its scale), and the respondent's village, sex and age
/// band as the commune's lists write them. A value found here is not checked or parsed again;
/// any other value goes through the full check, which also words its error.
#[derive(Debug, Default)]
pub(super) struct Fast {
    /// One per [`Checker::columns`].
    passes: Vec<AnswerTable<()>>,
    /// One per indicator of the scorer.
    scores: Vec<AnswerTable<f32>>,
    villages: FxHashMap<Box<str>, usize>,
    sexes: FxHashMap<Box<str>, usize>,
    bands: FxHashMap<Box<str>, usize>,
}

/// The answers a column is likely to hold, each decided once by the full check.
fn candidates(check: Option<&Check>, ind: Option<&Indicator>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(Check::Select(names) | Check::Multiple(names)) = check {
        out.extend(names.iter().cloned());
    }
    if let Some(i) = ind {
        out.extend(i.missing.iter().cloned());
        out.extend(i.values.keys().cloned());
    }
    let (lo, hi) = ind.map_or((0.0, 10.0), |i| (i.min.min(0.0), i.max.max(10.0)));
    if lo.is_finite() && hi.is_finite() && hi - lo <= 1000.0 {
        out.extend((lo.floor() as i64..=hi.ceil() as i64).map(|k| k.to_string()));
    }
    out.retain(|v| !v.is_empty() && v.trim() == v);
    out.sort();
    out.dedup();
    out
}

impl Fast {
    fn new(checker: &Checker, spec: &ImportSpec) -> Fast {
        let passes = checker
            .columns
            .iter()
            .map(|c| {
                candidates(c.check.as_ref(), c.indicator.as_ref())
                    .into_iter()
                    .filter(|v| check_value(c.check.as_ref(), c.indicator.as_ref(), v).is_none())
                    .map(|v| (v, ()))
                    .collect()
            })
            .collect();
        let scores = checker
            .scorer
            .indicators()
            .iter()
            .map(|ind| {
                candidates(None, Some(ind))
                    .into_iter()
                    .filter_map(|v| {
                        let x = ind.value(&v).ok()?;
                        Some((v, score_of(ind, x)))
                    })
                    .collect()
            })
            .collect();
        let mut ignore = |_: usize, _: String| {};
        let villages = spec
            .villages
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .filter_map(|v| Some((v.into(), checker.village_of(v, &mut ignore)?)))
            .collect();
        let sexes = [
            "F", "M", "f", "m", "Nữ", "Nam", "nữ", "nam", "female", "male",
        ]
        .into_iter()
        .filter_map(|s| Some((s.into(), sex_index(s)?)))
        .collect();
        let bands = spec
            .age_bands
            .iter()
            .map(|b| b.trim())
            .filter_map(|b| Some((b.into(), *checker.bands.get(&band_key(b))?)))
            .collect();
        Fast {
            passes,
            scores,
            villages,
            sexes,
            bands,
        }
    }
}

/// An indicator's score (1–10) of a numeric answer, NaN when missing.
fn score_of(ind: &Indicator, x: Option<f64>) -> f32 {
    match x {
        Some(x) => ind.rescale(x) as f32,
        None => f32::NAN,
    }
}

pub(super) fn form_questionnaire(form: &SurveyForm) -> Result<Questionnaire, ImportErrors> {
    form.questionnaire().map_err(|es| {
        ImportErrors::from(
            es.into_iter()
                .map(|e| {
                    let c = e.context.clone().unwrap_or_default();
                    e.context(
                        format!("Phiếu khảo sát, {c}")
                            .trim_end_matches(", ")
                            .to_string(),
                    )
                })
                .collect::<Vec<_>>(),
        )
    })
}

pub(super) fn column_checks(
    form: &SurveyForm,
    q: &Questionnaire,
    header: &[String],
) -> Vec<ColumnCheck> {
    let by_question = SurveyForm::indicators_by_question(q);
    let list = |l: &str| -> HashSet<String> {
        form.list(l)
            .map(|l| l.choices.iter().map(|c| c.name.clone()).collect())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for question in &form.questions {
        if question.name.is_empty() || [VILLAGE, SEX, AGE_BAND].contains(&question.name.as_str()) {
            continue;
        }
        let check = match question.kind() {
            Kind::SelectOne(l) if form.list(l).is_some() => Some(Check::Select(list(l))),
            Kind::SelectMultiple(l) if form.list(l).is_some() => Some(Check::Multiple(list(l))),
            Kind::Integer => Some(Check::Integer),
            Kind::Decimal => Some(Check::Decimal),
            Kind::BeginGroup | Kind::BeginRepeat | Kind::EndGroup | Kind::EndRepeat => continue,
            _ => None,
        };
        let indicator = by_question
            .get(question.name.as_str())
            .map(|i| (*i).clone());
        if check.is_none() && indicator.is_none() {
            continue;
        }
        if let Some(column) = find_column(header, &question.name) {
            out.push(ColumnCheck {
                column,
                check,
                indicator,
            });
        }
    }
    out
}

/// The columns of the respondent's metadata.
struct MetaColumns {
    village: usize,
    sex: usize,
    age: usize,
    uuid: Option<usize>,
    time: Option<usize>,
}

/// Every column a questionnaire needs and the header lacks, at once (`RowScorer` stops at
/// the first): each indicator's question and the questions its `relevant` reads.
fn missing_columns(q: &Questionnaire, header: &[String], header_row: usize) -> ImportErrors {
    let mut errs = ImportErrors::default();
    let mut reported = HashSet::new();
    let mut missing = |name: &str, why: String| {
        if find_column(header, name).is_none() && reported.insert(name.to_string()) {
            errs.push(
                FormatError::new(format!("thiếu cột của câu hỏi `{name}` ({why})")).row(header_row),
            );
        }
    };
    for ind in &q.indicators {
        missing(&ind.question, format!("chỉ tiêu `{}`", ind.id));
        let relevant = ind
            .relevant
            .as_deref()
            .and_then(|r| papi_index::Expr::parse(r).ok());
        for v in relevant.iter().flat_map(|e| e.variables()) {
            missing(
                v,
                format!("điều kiện `relevant` của chỉ tiêu `{}` cần nó", ind.id),
            );
        }
    }
    errs
}

/// The scorer of `header`; a header it refuses is an error of the header row.
fn scorer(
    q: &Questionnaire,
    header: &[String],
    header_row: usize,
    errs: &mut ImportErrors,
) -> Option<RowScorer> {
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let message = match RowScorer::new(q, &refs) {
        Ok(s) => return Some(s),
        Err(papi_index::HeaderError::MissingColumn { id, question }) => {
            format!("thiếu cột của câu hỏi `{question}` (chỉ tiêu `{id}`)")
        }
        Err(papi_index::HeaderError::Relevance { id, source }) => format!(
            "điều kiện `relevant` của chỉ tiêu `{id}` cần một cột không có trong tệp ({source})"
        ),
    };
    errs.push(FormatError::new(message).row(header_row));
    None
}

/// The metadata columns of `header`; each missing one is an error of the header row.
fn meta_columns(
    header: &[String],
    need_uuid: bool,
    header_row: usize,
    errs: &mut ImportErrors,
) -> MetaColumns {
    let mut need = |name: &str, what: &str| {
        let c = find_meta(header, name);
        if c.is_none() {
            errs.push(FormatError::new(format!("thiếu cột `{name}` ({what})")).row(header_row));
        }
        c.unwrap_or(0)
    };
    let village = need(VILLAGE, "thôn, tổ dân phố của người trả lời");
    let sex = need(SEX, "giới tính: F hoặc M");
    let age = need(AGE_BAND, "nhóm tuổi");
    let first_of = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| header.iter().position(|h| h == n))
    };
    let uuid = first_of(&["_uuid", "meta/instanceID", "instanceID", "KEY"]);
    if need_uuid && uuid.is_none() {
        errs.push(
            FormatError::new("thiếu cột `_uuid` (mã duy nhất của mỗi phiếu, để không nhập trùng)")
                .row(header_row),
        );
    }
    MetaColumns {
        village,
        sex,
        age,
        uuid,
        time: first_of(&["_submission_time", "SubmissionDate"]),
    }
}

/// Each name's position in `names` under `key` (the first when two share a key).
fn index_by(names: &[String], key: impl Fn(&str) -> String) -> HashMap<String, usize> {
    names
        .iter()
        .enumerate()
        .rev()
        .map(|(i, n)| (key(n), i))
        .collect()
}

impl Checker {
    pub(super) fn new(
        form: &SurveyForm,
        header: &[String],
        spec: &ImportSpec,
        need_uuid: bool,
        header_row: usize,
    ) -> Result<Checker, ImportErrors> {
        let q = form_questionnaire(form)?;
        let mut errs = missing_columns(&q, header, header_row);
        if !errs.is_empty() {
            return Err(errs);
        }
        let scorer = scorer(&q, header, header_row, &mut errs);
        let meta = meta_columns(header, need_uuid, header_row, &mut errs);
        let Some(scorer) = scorer.filter(|_| errs.is_empty()) else {
            return Err(errs);
        };
        let mut checker = Checker {
            n: q.indicators.len(),
            scorer,
            columns: column_checks(form, &q, header),
            header: header.to_vec(),
            village: meta.village,
            sex: meta.sex,
            age: meta.age,
            uuid: meta.uuid,
            time: meta.time,
            villages: index_by(spec.villages, |v| v.trim().to_string()),
            village_slugs: index_by(spec.villages, slug),
            bands: index_by(spec.age_bands, band_key),
            n_age: spec.age_bands.len(),
            fast: Fast::default(),
        };
        checker.fast = Fast::new(&checker, spec);
        Ok(checker)
    }

    /// Check and score one row. Errors go to `errs` (with `row` when given).
    pub(super) fn row<'a>(
        &self,
        row: Option<usize>,
        field: &dyn Fn(usize) -> &'a str,
        errs: &mut ImportErrors,
        scratch: &mut Vec<bool>,
    ) -> Option<ParsedAnswers> {
        let mut scores = vec![0f32; self.n];
        let (village, cell) = self.row_into(row, field, errs, scratch, &mut scores)?;
        Some(ParsedAnswers {
            village,
            cell,
            scores,
        })
    }

    /// Check and score one row into `scores` (one per indicator); gives the village and the
    /// cell. Errors go to `errs` (with `row` when given).
    pub(super) fn row_into<'a>(
        &self,
        row: Option<usize>,
        field: &dyn Fn(usize) -> &'a str,
        errs: &mut ImportErrors,
        scratch: &mut Vec<bool>,
        scores: &mut [f32],
    ) -> Option<(usize, usize)> {
        let before = errs.total;
        let mut err = |c: usize, msg: String| {
            let mut e = FormatError::new(msg).column(&self.header[c]);
            e.row = row;
            errs.push(e);
        };
        let fast = &self.fast;
        let v = trim(field(self.village));
        let village = match fast.villages.get(v) {
            Some(&i) => Some(i),
            None => self.village_of(v, &mut err),
        };
        let s = trim(field(self.sex));
        let sex = match fast.sexes.get(s) {
            Some(&i) => Some(i),
            None => self.sex_of(s, &mut err),
        };
        let a = trim(field(self.age));
        let age = match fast.bands.get(a) {
            Some(&i) => Some(i),
            None => self.age_of(a, &mut err),
        };
        for (c, passes) in self.columns.iter().zip(&fast.passes) {
            let raw = field(c.column);
            let v = trim(raw);
            if v.is_empty() || passes.contains(v) {
                continue;
            }
            if let Some(msg) = check_value(c.check.as_ref(), c.indicator.as_ref(), raw) {
                err(c.column, msg);
            }
        }
        if errs.total > before {
            return None;
        }
        let indicators = self.scorer.indicators();
        let mut score = |k: usize, raw: &'a str| {
            let v = trim(raw);
            match fast.scores[k].get(v) {
                Some(x) => Ok(x),
                None => indicators[k].value(v).map(|x| score_of(&indicators[k], x)),
            }
        };
        if let Err(e) = self
            .scorer
            .score_row_with(field, scratch, scores, &mut score)
        {
            let c = find_column(&self.header, &e.question).unwrap_or(0);
            let mut e = FormatError::new(format!(
                "giá trị {} không hợp lệ ({})",
                quoted(&e.value),
                e.reason
            ))
            .column(&self.header[c]);
            e.row = row;
            errs.push(e);
            return None;
        }
        let (village, sex, age) = (village?, sex?, age?);
        Some((village, papi_index::Cells::cell(sex, age, self.n_age)))
    }

    /// The village of a row, by its name or its slug.
    fn village_of(&self, v: &str, err: &mut impl FnMut(usize, String)) -> Option<usize> {
        if v.is_empty() {
            err(self.village, "thiếu thôn, tổ dân phố".into());
            return None;
        }
        let found = self
            .villages
            .get(v)
            .or_else(|| self.village_slugs.get(&slug(v)))
            .copied();
        if found.is_none() {
            err(
                self.village,
                format!(
                    "thôn, tổ dân phố {} không có trong danh sách của xã",
                    quoted(v)
                ),
            );
        }
        found
    }

    fn sex_of(&self, s: &str, err: &mut impl FnMut(usize, String)) -> Option<usize> {
        let sex = sex_index(s);
        if sex.is_none() {
            err(
                self.sex,
                if s.is_empty() {
                    "thiếu giới tính (F hoặc M)".to_string()
                } else {
                    format!(
                        "giới tính {} không hợp lệ: dùng F (nữ) hoặc M (nam)",
                        quoted(s)
                    )
                },
            );
        }
        sex
    }

    fn age_of(&self, a: &str, err: &mut impl FnMut(usize, String)) -> Option<usize> {
        let age = self.bands.get(&band_key(a)).copied();
        if age.is_none() {
            err(
                self.age,
                if a.is_empty() {
                    "thiếu nhóm tuổi".to_string()
                } else {
                    format!("nhóm tuổi {} không có trong danh sách nhóm tuổi", quoted(a))
                },
            );
        }
        age
    }
}
