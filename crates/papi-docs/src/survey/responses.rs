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

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use papi_core::text::fold;
use papi_index::Respondents;

use super::errors::{guard_import, kind_of, quoted, FormatError, ImportErrors};
use super::form::SurveyForm;
use super::row_check::*;
use super::table::{
    blank, check_record, csv_reader, extension, open_xlsx, unsupported, utf8, xlsx_grid,
};
use super::{AGE_BAND, SEX, VILLAGE};
use crate::limits::check_year;

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
                    let bad_year = parsed.and_then(|p| check_year(p.year()).err());
                    if parsed.is_none() {
                        self.errs.push(FormatError::at(
                            row,
                            &self.checker.header[c],
                            format!("thời điểm gửi phiếu {} không đọc được", quoted(t)),
                        ));
                    } else if let Some(why) = &bad_year {
                        self.errs.push(FormatError::at(
                            row,
                            &self.checker.header[c],
                            format!("thời điểm gửi phiếu {}: {why}", quoted(t)),
                        ));
                    }
                    parsed.filter(|_| bad_year.is_none())
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
    guard_import("CSV", || responses_csv(form, bytes, spec))
}

fn responses_csv(
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
            Ok(r) => {
                check_record(row, &r)?;
                r
            }
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
    guard_import("XLSX", || responses_xlsx(form, bytes, spec))
}

fn responses_xlsx(
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
    guard_import(kind_of(file_name), || match extension(file_name).as_str() {
        "csv" | "txt" => responses_csv(form, bytes, spec),
        "xlsx" | "xlsm" => responses_xlsx(form, bytes, spec),
        _ => Err(unsupported(file_name).into()),
    })
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
