//! Respondents' answers in the export layout of KoboToolbox / ODK — one column per question
//! (`group/question` headers accepted), select_multiple as space-separated choice names,
//! `_uuid` (or `meta/instanceID`, `instanceID`, `KEY`), `_submission_time` (or
//! `SubmissionDate`), and the respondent's `village`, `sex` (`F` / `M`) and `age_band` — read
//! into `papi_index::Respondents` with one metadata record per row.
//!
//! All or nothing: every row is checked, every problem is reported with its row (numbered as
//! in a spreadsheet, header = 1) and column, and when there is any problem nothing is
//! returned. Rows with a `_uuid` seen earlier in the file or already stored are refused.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use papi_core::text::fold;
use papi_index::{Indicator, Questionnaire, Respondents, RowScorer};

use super::errors::{quoted, FormatError, ImportErrors};
use super::form::{slug, Kind, SurveyForm};
use super::table::{blank, csv_reader, extension, open_xlsx, unsupported, utf8, xlsx_grid};
use super::{AGE_BAND, SEX, VILLAGE};

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

/// Where a respondent came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseMeta {
    /// Row of the file (header = 1).
    pub row: usize,
    /// `_uuid`, without a `uuid:` prefix.
    pub uuid: String,
    /// `_submission_time`, as UTC.
    pub submitted: Option<NaiveDateTime>,
    /// Index into [`ImportSpec::villages`].
    pub village: usize,
    /// `sex * n_age + age_band` (sex 0 = F, 1 = M), as `papi_index::Cells` numbers cells.
    pub cell: usize,
}

/// An imported file: the respondents (in file order) and their metadata, row for row.
#[derive(Debug, Clone)]
pub struct ImportedResponses {
    pub respondents: Respondents,
    pub meta: Vec<ResponseMeta>,
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

/// How a column's values are checked.
#[derive(Debug, Clone)]
enum Check {
    Select(HashSet<String>),
    Multiple(HashSet<String>),
    Integer,
    Decimal,
}

#[derive(Debug, Clone)]
struct ColumnCheck {
    column: usize,
    check: Option<Check>,
    indicator: Option<Indicator>,
}

fn check_value(check: Option<&Check>, indicator: Option<&Indicator>, raw: &str) -> Option<String> {
    let v = raw.trim();
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
        Some(Check::Decimal) if v.parse::<f64>().is_err() && !missing => {
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
struct Checker {
    scorer: RowScorer,
    n: usize,
    columns: Vec<ColumnCheck>,
    header: Vec<String>,
    village: usize,
    sex: usize,
    age: usize,
    uuid: Option<usize>,
    time: Option<usize>,
    villages: HashMap<String, usize>,
    village_slugs: HashMap<String, usize>,
    bands: HashMap<String, usize>,
    n_age: usize,
}

fn band_key(s: &str) -> String {
    fold(s)
        .replace(['–', '—'], "-")
        .replace("tuoi", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn form_questionnaire(form: &SurveyForm) -> Result<Questionnaire, ImportErrors> {
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

fn column_checks(form: &SurveyForm, q: &Questionnaire, header: &[String]) -> Vec<ColumnCheck> {
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
        if let Some(column) = super::table::find_column(header, &question.name) {
            out.push(ColumnCheck {
                column,
                check,
                indicator,
            });
        }
    }
    out
}

impl Checker {
    fn new(
        form: &SurveyForm,
        header: &[String],
        spec: &ImportSpec,
        need_uuid: bool,
        header_row: usize,
    ) -> Result<Checker, ImportErrors> {
        let q = form_questionnaire(form)?;
        let mut errs = ImportErrors::default();
        // every missing column at once (RowScorer stops at the first)
        let mut reported = HashSet::new();
        for ind in &q.indicators {
            if super::table::find_column(header, &ind.question).is_none()
                && reported.insert(ind.question.clone())
            {
                errs.push(
                    FormatError::new(format!(
                        "thiếu cột của câu hỏi `{}` (chỉ tiêu `{}`)",
                        ind.question, ind.id
                    ))
                    .row(header_row),
                );
            }
            let vars = ind
                .relevant
                .as_deref()
                .and_then(|r| papi_index::Expr::parse(r).ok())
                .map(|e| {
                    e.variables()
                        .into_iter()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            for v in vars {
                if super::table::find_column(header, &v).is_none() && reported.insert(v.clone()) {
                    errs.push(
                        FormatError::new(format!(
                            "thiếu cột của câu hỏi `{v}` (điều kiện `relevant` của chỉ tiêu `{}` cần nó)",
                            ind.id
                        ))
                        .row(header_row),
                    );
                }
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let scorer = match RowScorer::new(&q, &refs) {
            Ok(s) => Some(s),
            Err(papi_index::HeaderError::MissingColumn { id, question }) => {
                errs.push(
                    FormatError::new(format!(
                        "thiếu cột của câu hỏi `{question}` (chỉ tiêu `{id}`)"
                    ))
                    .row(header_row),
                );
                None
            }
            Err(papi_index::HeaderError::Relevance { id, source }) => {
                errs.push(
                    FormatError::new(format!(
                        "điều kiện `relevant` của chỉ tiêu `{id}` cần một cột không có trong tệp ({source})"
                    ))
                    .row(header_row),
                );
                None
            }
        };
        let mut need = |name: &str, what: &str| {
            let c = super::table::find_meta(header, name);
            if c.is_none() {
                errs.push(FormatError::new(format!("thiếu cột `{name}` ({what})")).row(header_row));
            }
            c.unwrap_or(0)
        };
        let village = need(VILLAGE, "thôn, tổ dân phố của người trả lời");
        let sex = need(SEX, "giới tính: F hoặc M");
        let age = need(AGE_BAND, "nhóm tuổi");
        let uuid = ["_uuid", "meta/instanceID", "instanceID", "KEY"]
            .iter()
            .find_map(|n| header.iter().position(|h| h == n));
        if need_uuid && uuid.is_none() {
            errs.push(
                FormatError::new(
                    "thiếu cột `_uuid` (mã duy nhất của mỗi phiếu, để không nhập trùng)",
                )
                .row(header_row),
            );
        }
        let time = ["_submission_time", "SubmissionDate"]
            .iter()
            .find_map(|n| header.iter().position(|h| h == n));
        if !errs.is_empty() {
            return Err(errs);
        }
        let villages = spec
            .villages
            .iter()
            .enumerate()
            .rev()
            .map(|(i, v)| (v.trim().to_string(), i))
            .collect();
        let village_slugs = spec
            .villages
            .iter()
            .enumerate()
            .rev()
            .map(|(i, v)| (slug(v), i))
            .collect();
        let bands = spec
            .age_bands
            .iter()
            .enumerate()
            .rev()
            .map(|(i, b)| (band_key(b), i))
            .collect();
        Ok(Checker {
            n: q.indicators.len(),
            scorer: scorer.expect("no header errors"),
            columns: column_checks(form, &q, header),
            header: header.to_vec(),
            village,
            sex,
            age,
            uuid,
            time,
            villages,
            village_slugs,
            bands,
            n_age: spec.age_bands.len(),
        })
    }

    /// Check and score one row. Errors go to `errs` (with `row` when given).
    fn row<'a>(
        &self,
        row: Option<usize>,
        field: &dyn Fn(usize) -> &'a str,
        errs: &mut ImportErrors,
        scratch: &mut Vec<bool>,
    ) -> Option<ParsedAnswers> {
        let before = errs.total;
        let err = |errs: &mut ImportErrors, c: usize, msg: String| {
            let mut e = FormatError::new(msg).column(&self.header[c]);
            e.row = row;
            errs.push(e);
        };
        let v = field(self.village).trim();
        let village = if v.is_empty() {
            err(errs, self.village, "thiếu thôn, tổ dân phố".into());
            None
        } else {
            let found = self
                .villages
                .get(v)
                .or_else(|| self.village_slugs.get(&slug(v)))
                .copied();
            if found.is_none() {
                err(
                    errs,
                    self.village,
                    format!(
                        "thôn, tổ dân phố {} không có trong danh sách của xã",
                        quoted(v)
                    ),
                );
            }
            found
        };
        let s = field(self.sex).trim();
        let sex = match fold(s).as_str() {
            "f" | "nu" | "female" => Some(0),
            "m" | "nam" | "male" => Some(1),
            _ => {
                err(
                    errs,
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
                None
            }
        };
        let a = field(self.age).trim();
        let age = self.bands.get(&band_key(a)).copied();
        if age.is_none() {
            err(
                errs,
                self.age,
                if a.is_empty() {
                    "thiếu nhóm tuổi".to_string()
                } else {
                    format!("nhóm tuổi {} không có trong danh sách nhóm tuổi", quoted(a))
                },
            );
        }
        for c in &self.columns {
            if let Some(msg) = check_value(c.check.as_ref(), c.indicator.as_ref(), field(c.column))
            {
                err(errs, c.column, msg);
            }
        }
        if errs.total > before {
            return None;
        }
        let mut scores = vec![0f32; self.n];
        if let Err(e) = self.scorer.score_row(field, scratch, &mut scores) {
            let c = super::table::find_column(&self.header, &e.question).unwrap_or(0);
            err(
                errs,
                c,
                format!("giá trị {} không hợp lệ ({})", quoted(&e.value), e.reason),
            );
            return None;
        }
        let (village, sex, age) = (village?, sex?, age?);
        Some(ParsedAnswers {
            village,
            cell: sex * self.n_age + age,
            scores,
        })
    }
}

fn parse_time(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.naive_utc());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t);
        }
    }
    for f in ["%Y-%m-%d", "%d/%m/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return d.and_hms_opt(0, 0, 0);
        }
    }
    None
}

/// Rows in, respondents out: the import loop shared by CSV and XLSX.
struct Import<'s> {
    checker: Checker,
    spec: &'s ImportSpec<'s>,
    errs: ImportErrors,
    seen: HashMap<String, usize>,
    out: ImportedResponses,
    scratch: Vec<bool>,
}

impl<'s> Import<'s> {
    fn new(
        form: &SurveyForm,
        header: &[String],
        header_row: usize,
        spec: &'s ImportSpec<'s>,
    ) -> Result<Self, ImportErrors> {
        let checker = Checker::new(form, header, spec, true, header_row)?;
        let n = checker.n;
        Ok(Import {
            checker,
            spec,
            errs: ImportErrors::default(),
            seen: HashMap::new(),
            out: ImportedResponses {
                respondents: Respondents::new(n),
                meta: Vec::new(),
            },
            scratch: Vec::new(),
        })
    }

    fn row<'a>(&mut self, row: usize, field: &dyn Fn(usize) -> &'a str) {
        let ucol = self.checker.uuid.expect("checked in Checker::new");
        let uname = self.checker.header[ucol].clone();
        let raw = field(ucol).trim();
        let uuid = raw.strip_prefix("uuid:").unwrap_or(raw).to_string();
        if uuid.is_empty() {
            self.errs
                .push(FormatError::at(row, &uname, "thiếu mã phiếu (`_uuid`)"));
        } else if let Some(first) = self.seen.get(&uuid) {
            self.errs.push(FormatError::at(
                row,
                &uname,
                format!(
                    "phiếu {} trùng với phiếu ở dòng {first}: một phiếu chỉ được nhập một lần",
                    quoted(&uuid)
                ),
            ));
        } else if self.spec.existing_uuids.contains(&uuid) || self.spec.existing_uuids.contains(raw)
        {
            self.errs.push(FormatError::at(
                row,
                &uname,
                format!("phiếu {} đã được nhập trước đây", quoted(&uuid)),
            ));
        } else {
            self.seen.insert(uuid.clone(), row);
        }
        let submitted = match self.checker.time {
            None => None,
            Some(c) => {
                let t = field(c).trim();
                if t.is_empty() {
                    None
                } else {
                    let parsed = parse_time(t);
                    if parsed.is_none() {
                        self.errs.push(FormatError::at(
                            row,
                            &self.checker.header[c],
                            format!("thời điểm gửi phiếu {} không đọc được", quoted(t)),
                        ));
                    }
                    parsed
                }
            }
        };
        let parsed = self
            .checker
            .row(Some(row), field, &mut self.errs, &mut self.scratch);
        // once anything is wrong nothing is imported: stop building, keep checking
        if self.errs.total > 0 {
            return;
        }
        if let Some(p) = parsed {
            self.out.respondents.push(p.village, p.cell, &p.scores);
            self.out.meta.push(ResponseMeta {
                row,
                uuid,
                submitted,
                village: p.village,
                cell: p.cell,
            });
        }
    }

    fn finish(self) -> Result<ImportedResponses, ImportErrors> {
        if self.errs.is_empty() && self.out.meta.is_empty() {
            return Err(FormatError::new("tệp không có phiếu trả lời nào").into());
        }
        self.errs.into_result(self.out)
    }
}

/// Read a CSV export (`,` `;` or tab separated, UTF-8).
pub fn read_responses_csv(
    form: &SurveyForm,
    bytes: &[u8],
    spec: &ImportSpec,
) -> Result<ImportedResponses, ImportErrors> {
    let text = utf8(bytes)?;
    let mut reader = csv_reader(text);
    let mut records = reader.records().enumerate();
    let mut import = None;
    let mut errs = ImportErrors::default();
    for (i, rec) in &mut records {
        let row = i + 1;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errs.push(FormatError::new(format!("CSV lỗi: {e}")).row(row));
                continue;
            }
        };
        if rec.iter().all(|s| s.trim().is_empty()) {
            continue;
        }
        match &mut import {
            None => {
                let cells: Vec<String> = rec.iter().map(|s| s.trim().to_string()).collect();
                import = Some(Import::new(form, &cells, row, spec)?);
            }
            Some(imp) => imp.row(row, &|c| rec.get(c).unwrap_or("").trim()),
        }
    }
    let Some(mut imp) = import else {
        errs.push(FormatError::new("tệp trống: không có dòng tiêu đề"));
        return Err(errs);
    };
    for e in errs.errors.drain(..) {
        imp.errs.push(e);
    }
    imp.finish()
}

/// Read an XLSX export (first sheet: Kobo puts the main table first, repeats after).
pub fn read_responses_xlsx(
    form: &SurveyForm,
    bytes: &[u8],
    spec: &ImportSpec,
) -> Result<ImportedResponses, ImportErrors> {
    let mut book = open_xlsx(bytes)?;
    let grid = xlsx_grid(&mut book, None)?.unwrap_or_default();
    let mut rows = grid.iter().filter(|(_, r)| !blank(r));
    let Some((hrow, header)) = rows.next() else {
        return Err(FormatError::new("tệp trống: không có dòng tiêu đề").into());
    };
    let mut imp = Import::new(form, header, *hrow, spec)?;
    for (row, cells) in rows {
        imp.row(*row, &|c| cells.get(c).map_or("", String::as_str));
    }
    imp.finish()
}

/// Read a `.csv` or `.xlsx` export, by the file's extension.
pub fn read_responses(
    form: &SurveyForm,
    bytes: &[u8],
    file_name: &str,
    spec: &ImportSpec,
) -> Result<ImportedResponses, ImportErrors> {
    match extension(file_name).as_str() {
        "csv" | "txt" => read_responses_csv(form, bytes, spec),
        "xlsx" | "xlsm" => read_responses_xlsx(form, bytes, spec),
        _ => Err(unsupported(file_name).into()),
    }
}

/// Check and score one respondent's answers given as (question name → raw value) pairs, as a
/// web form posts them (unanswered questions may be left out). Errors name the question
/// (as `column`), without a row.
pub fn parse_answers(
    form: &SurveyForm,
    answers: &[(String, String)],
    villages: &[String],
    age_bands: &[String],
) -> Result<ParsedAnswers, Vec<FormatError>> {
    let mut header: Vec<String> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    for (k, v) in answers {
        match header.iter().position(|h| h == k) {
            Some(i) => values[i] = v.clone(),
            None => {
                header.push(k.clone());
                values.push(v.clone());
            }
        }
    }
    for q in &form.questions {
        if !q.name.is_empty() && !header.contains(&q.name) {
            header.push(q.name.clone());
            values.push(String::new());
        }
    }
    let existing = HashSet::new();
    let spec = ImportSpec {
        villages,
        age_bands,
        existing_uuids: &existing,
    };
    let checker = Checker::new(form, &header, &spec, false, 1).map_err(|e| e.errors)?;
    let mut errs = ImportErrors::default();
    let parsed = checker.row(
        None,
        &|c| values.get(c).map_or("", |s| s.trim()),
        &mut errs,
        &mut Vec::new(),
    );
    match parsed {
        Some(p) if errs.is_empty() => Ok(p),
        _ => Err(errs.errors),
    }
}

/// Check one answer as the web form saves it: `Err` holds the Vietnamese message for the
/// respondent. Village and age band are checked by [`parse_answers`] (they need the
/// commune's lists).
pub fn check_answer(form: &SurveyForm, question: &str, raw: &str) -> Result<(), String> {
    let Some(q) = form.question(question) else {
        return Err(format!("câu hỏi `{question}` không có trong phiếu"));
    };
    if q.name == SEX {
        return match fold(raw.trim()).as_str() {
            "" | "f" | "m" | "nu" | "nam" => Ok(()),
            _ => Err(format!(
                "giới tính {} không hợp lệ: dùng F (nữ) hoặc M (nam)",
                quoted(raw)
            )),
        };
    }
    if q.name == VILLAGE || q.name == AGE_BAND {
        return Ok(());
    }
    let questionnaire = form_questionnaire(form).map_err(|e| e.to_string())?;
    let checks = column_checks(form, &questionnaire, std::slice::from_ref(&q.name));
    match checks.first() {
        None => Ok(()),
        Some(c) => match check_value(c.check.as_ref(), c.indicator.as_ref(), raw) {
            None => Ok(()),
            Some(m) => Err(m),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert!(parse_time("2025-03-01T08:30:12.123+07:00").is_some());
        assert!(parse_time("2025-03-01T08:30:12").is_some());
        assert!(parse_time("2025-03-01 08:30:12").is_some());
        assert!(parse_time("01/03/2025").is_some());
        assert!(parse_time("hôm qua").is_none());
    }

    #[test]
    fn bands() {
        assert_eq!(band_key("18–29 tuổi"), band_key("18-29"));
        assert_eq!(band_key("60+"), "60+");
    }
}
