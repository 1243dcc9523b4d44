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
use std::io::Read;

use chrono::{Datelike, NaiveDateTime};
use papi_core::text::fold;
use papi_index::Respondents;

use super::columns::{AGE_BAND, SEX, VILLAGE};
use super::errors::{by_format, guard_import, quoted, FormatError, ImportErrors};
use super::form::SurveyForm;
use super::parallel::{self, Progress};
use super::row_check::{check_value, column_checks, form_questionnaire, Checker};
use super::spec::{ImportSpec, ParsedAnswers};
use crate::limits::check_year;
use crate::table::{self, blank, parse_cell_date, Format};

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

/// Rows in, respondents out, one row after the other: the import of XLSX (and the reference
/// the parallel CSV import is tested against).
pub(super) struct Import<'s> {
    checker: Checker,
    spec: &'s ImportSpec<'s>,
    errs: ImportErrors,
    seen: HashMap<String, usize>,
    out: ImportedResponses,
    scratch: Vec<bool>,
}

impl<'s> Import<'s> {
    pub(super) fn new(
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

    pub(super) fn row<'a>(&mut self, row: usize, field: &dyn Fn(usize) -> &'a str) {
        let uuid = self.uuid(row, field);
        let submitted = self.submitted(row, field);
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

    /// The row's `_uuid` (without `uuid:`), refused when missing, seen earlier in the file
    /// or already stored.
    fn uuid<'a>(&mut self, row: usize, field: &dyn Fn(usize) -> &'a str) -> String {
        let ucol = self.checker.uuid.expect("checked in Checker::new");
        let uname = &self.checker.header[ucol];
        let raw = field(ucol).trim();
        let uuid = raw.strip_prefix("uuid:").unwrap_or(raw).to_string();
        if uuid.is_empty() {
            self.errs
                .push(FormatError::at(row, uname, "thiếu mã phiếu (`_uuid`)"));
        } else if let Some(first) = self.seen.get(&uuid) {
            self.errs.push(FormatError::at(
                row,
                uname,
                format!(
                    "phiếu {} trùng với phiếu ở dòng {first}: một phiếu chỉ được nhập một lần",
                    quoted(&uuid)
                ),
            ));
        } else if self.spec.existing_uuids.contains(&uuid) || self.spec.existing_uuids.contains(raw)
        {
            self.errs.push(FormatError::at(
                row,
                uname,
                format!("phiếu {} đã được nhập trước đây", quoted(&uuid)),
            ));
        } else {
            self.seen.insert(uuid.clone(), row);
        }
        uuid
    }

    /// The row's `_submission_time`, if the file has the column and the cell a date.
    fn submitted<'a>(
        &mut self,
        row: usize,
        field: &dyn Fn(usize) -> &'a str,
    ) -> Option<NaiveDateTime> {
        let c = self.checker.time?;
        let t = field(c).trim();
        if t.is_empty() {
            return None;
        }
        let at = |msg: String| FormatError::at(row, &self.checker.header[c], msg);
        let Some(parsed) = parse_cell_date(t) else {
            self.errs.push(at(format!(
                "thời điểm gửi phiếu {} không đọc được",
                quoted(t)
            )));
            return None;
        };
        if let Err(why) = check_year(parsed.year()) {
            self.errs
                .push(at(format!("thời điểm gửi phiếu {}: {why}", quoted(t))));
            return None;
        }
        Some(parsed)
    }

    pub(super) fn finish(self) -> Result<ImportedResponses, ImportErrors> {
        if self.errs.is_empty() && self.out.meta.is_empty() {
            return Err(FormatError::new("tệp không có phiếu trả lời nào").into());
        }
        self.errs.into_result(self.out)
    }
}

/// Read a CSV export (`,` `;` or tab separated; UTF-8, UTF-16 or Windows-1258), streamed.
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
    let text = table::decode(bytes)?;
    let pieces = table::split_text(&text, table::CHUNK_BYTES)
        .into_iter()
        .map(|p| Ok((p, p.len() as u64)));
    parallel::import_pieces(form, spec, pieces, &|_| {})
}

/// Read a `.csv` or `.xlsx` export from a stream (a file on disk, an upload), told apart by
/// its first bytes (and the name): CSV is read a piece at a time and checked in parallel,
/// never held whole; XLSX is read whole (a workbook is a zip). `progress` hears the bytes
/// read and checked so far.
pub fn read_responses_from<R: Read + Send>(
    form: &SurveyForm,
    mut reader: R,
    file_name: &str,
    spec: &ImportSpec,
    progress: Progress,
) -> Result<ImportedResponses, ImportErrors> {
    let mut head = Vec::with_capacity(8);
    (&mut reader)
        .take(8)
        .read_to_end(&mut head)
        .map_err(|e| FormatError::new(format!("không đọc được tệp “{file_name}”: {e}")))?;
    match Format::detect(&head, file_name) {
        Some(Format::Csv) => guard_import("CSV", || {
            let pieces = table::Chunks::new(std::io::Cursor::new(head).chain(reader));
            parallel::import_pieces(form, spec, pieces, progress)
        }),
        Some(Format::Xlsx) => {
            let mut bytes = head;
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| FormatError::new(format!("không đọc được tệp “{file_name}”: {e}")))?;
            progress(bytes.len() as u64);
            read_responses_xlsx(form, &bytes, spec)
        }
        None => by_format(&head, file_name, || unreachable!(), || unreachable!()),
    }
}

fn no_header() -> ImportErrors {
    FormatError::new("tệp trống: không có dòng tiêu đề").into()
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
    let grid = table::first_sheet(bytes, Format::Xlsx)?;
    let mut rows = grid.iter().filter(|(_, r)| !blank(r));
    let (hrow, header) = rows.next().ok_or_else(no_header)?;
    let mut imp = Import::new(form, header, *hrow, spec)?;
    for (row, cells) in rows {
        imp.row(*row, &|c| cells.get(c).map_or("", String::as_str));
    }
    imp.finish()
}

/// Read a `.csv` or `.xlsx` export, told apart by its content.
pub fn read_responses(
    form: &SurveyForm,
    bytes: &[u8],
    file_name: &str,
    spec: &ImportSpec,
) -> Result<ImportedResponses, ImportErrors> {
    by_format(
        bytes,
        file_name,
        || read_responses_csv(form, bytes, spec),
        || read_responses_xlsx(form, bytes, spec),
    )
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
    fn submission_times_in_every_usual_form() {
        for t in [
            "2025-03-01T08:30:12.123+07:00",
            "2025-03-01T08:30:12",
            "2025-03-01 08:30:12",
            "01/03/2025",
            "45717.354",
        ] {
            assert!(parse_cell_date(t).is_some(), "{t}");
        }
        assert!(parse_cell_date("hôm qua").is_none());
    }
}
