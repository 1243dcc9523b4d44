//! XLSForm, the XLSX questionnaire format of KoboToolbox and ODK, with our PAPI columns.
//!
//! - Sheet `survey`: `type`, `name`, `label` (or `label::Vietnamese (vi)` …; a Vietnamese
//!   label column is preferred, else plain `label`, else the first `label::…`), `hint`,
//!   `required`, `relevant`, and ours: `papi_indicator` (indicator id; rows without it are
//!   ordinary questions, kept but not scored), `papi_subdimension` (`SC11` …), `papi_min`,
//!   `papi_max` (theoretical range; may be left blank on a `select_one` whose choices carry
//!   values: then the smallest and largest value), `papi_direction` (`up` = higher is better,
//!   `down`), `papi_missing` (space-separated answer values that count as missing).
//!   Eligibility is XLSForm's own `relevant`; a group's `relevant` applies to the questions in
//!   it.
//! - Sheet `choices`: `list_name`, `name`, `label`, and ours: `papi_value`, the number a
//!   choice counts as on the indicator's scale (blank for "không biết", refused …, which are
//!   then listed in `papi_missing`; choices whose names are numbers need no `papi_value`).
//! - Sheet `settings`: `form_title`, `form_id`, `version`, and ours: `papi_year`, the year of
//!   the PAPI structure (default: the last published, 2024).
//!
//! Other columns and sheets (constraint, appearance, calculation, translations …) are
//! ignored on reading; [`write_xlsform`] writes only the columns above, so `write → read`
//! gives the same form back.

use papi_index::structure::LAST_PUBLISHED_YEAR;
use papi_index::Direction;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::errors::{guard_import, quoted, FormatError, ImportErrors};
use super::form::{Choice, ChoiceList, IndicatorSpec, Question, SurveyForm};
use super::questionnaire_toml::fill_ranges;
use crate::table::{blank, open_xlsx, sheet_grid, Grid};

/// A sheet row: its number and cells.
type Row = (usize, Vec<String>);

const SURVEY_COLUMNS: [&str; 12] = [
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "papi_indicator",
    "papi_subdimension",
    "papi_min",
    "papi_max",
    "papi_direction",
    "papi_missing",
];

/// Index of a header column (case-insensitive).
fn col(header: &[String], name: &str) -> Option<usize> {
    header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name))
}

/// The column of a translatable field (`label`, `hint`): Vietnamese first.
fn translated(header: &[String], field: &str) -> Option<usize> {
    let prefix = format!("{field}::");
    let tr: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let l = h.trim().to_lowercase();
            l.starts_with(&prefix)
                .then(|| (i, l[prefix.len()..].to_string()))
        })
        .collect();
    let vietnamese = |lang: &String| {
        lang.contains("vietnam")
            || lang.contains("(vi)")
            || lang.starts_with("vi")
            || lang.contains("tiếng việt")
    };
    tr.iter()
        .find(|(_, lang)| vietnamese(lang))
        .map(|(i, _)| *i)
        .or_else(|| col(header, field))
        .or_else(|| tr.first().map(|(i, _)| *i))
}

fn get(row: &[String], c: Option<usize>) -> &str {
    c.and_then(|c| row.get(c)).map_or("", |s| s.trim())
}

/// Header row (the first non-blank one) and the rows after it.
fn split_header(grid: &Grid) -> Option<(Vec<String>, &[Row])> {
    let pos = grid.iter().position(|(_, r)| !blank(r))?;
    Some((grid[pos].1.clone(), &grid[pos + 1..]))
}

fn parse_num(s: &str) -> Option<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Read an XLSForm (bytes of an `.xlsx`), then check it ([`SurveyForm::check`]).
pub fn read_xlsform(bytes: &[u8]) -> Result<SurveyForm, ImportErrors> {
    guard_import("XLSX", || xlsform(bytes))
}

fn xlsform(bytes: &[u8]) -> Result<SurveyForm, ImportErrors> {
    let mut book = open_xlsx(bytes)?;
    let survey = sheet_grid(&mut book, Some("survey"))?
        .ok_or_else(|| FormatError::new("tệp XLSForm không có trang `survey`"))?;
    let choices = sheet_grid(&mut book, Some("choices"))?;
    let settings = sheet_grid(&mut book, Some("settings"))?;
    let mut errs = ImportErrors::default();
    let settings = read_settings(settings.as_ref(), &mut errs);
    let lists = choices
        .as_ref()
        .map(|g| read_choices(g, &mut errs))
        .unwrap_or_default();
    let (questions, row_of) = read_survey(&survey, &mut errs)?;
    if !errs.is_empty() {
        return Err(errs);
    }
    let mut form = SurveyForm {
        title: settings.title,
        form_id: settings.form_id,
        version: settings.version,
        year: settings.year,
        questions,
        choices: lists,
    };
    let unfilled = fill_ranges(&mut form);
    if !unfilled.is_empty() {
        return Err(unfilled.into());
    }
    form.check()
        .map_err(|es| at_survey_rows(&form, &row_of, es))?;
    Ok(form)
}

/// The `settings` sheet's first row.
struct Settings {
    title: String,
    form_id: String,
    version: String,
    year: u16,
}

fn read_settings(grid: Option<&Grid>, errs: &mut ImportErrors) -> Settings {
    let mut out = Settings {
        title: String::new(),
        form_id: String::new(),
        version: String::new(),
        year: LAST_PUBLISHED_YEAR,
    };
    let Some((h, rows)) = grid.and_then(split_header) else {
        return out;
    };
    let Some((row_no, row)) = rows.iter().find(|(_, r)| !blank(r)) else {
        return out;
    };
    out.title = get(row, col(&h, "form_title")).to_string();
    out.form_id = get(row, col(&h, "form_id")).to_string();
    out.version = get(row, col(&h, "version")).to_string();
    let y = get(row, col(&h, "papi_year"));
    if !y.is_empty() {
        match y.parse::<u16>() {
            Ok(v) => out.year = v,
            Err(_) => errs.push(
                FormatError::at(
                    *row_no,
                    "papi_year",
                    format!("{} không phải là một năm", quoted(y)),
                )
                .context("Trang `settings`"),
            ),
        }
    }
    out
}

/// The `choices` sheet: lists in order of first appearance.
fn read_choices(grid: &Grid, errs: &mut ImportErrors) -> Vec<ChoiceList> {
    let mut lists: Vec<ChoiceList> = Vec::new();
    let Some((h, rows)) = split_header(grid) else {
        return lists;
    };
    let (c_list, c_name, c_label, c_value) = (
        col(&h, "list_name").or_else(|| col(&h, "list name")),
        col(&h, "name"),
        translated(&h, "label"),
        col(&h, "papi_value"),
    );
    if c_list.is_none() || c_name.is_none() {
        errs.push(FormatError::new("thiếu cột `list_name` hoặc `name`").context("Trang `choices`"));
    }
    for (row_no, row) in rows.iter().filter(|(_, r)| !blank(r)) {
        let list = get(row, c_list);
        let name = get(row, c_name);
        if list.is_empty() || name.is_empty() {
            errs.push(
                FormatError::new("lựa chọn thiếu `list_name` hoặc `name`")
                    .context("Trang `choices`")
                    .row(*row_no),
            );
            continue;
        }
        let raw = get(row, c_value);
        let value = (!raw.is_empty()).then(|| parse_num(raw)).flatten();
        if value.is_none() && !raw.is_empty() {
            errs.push(
                FormatError::at(
                    *row_no,
                    "papi_value",
                    format!("{} không phải là số", quoted(raw)),
                )
                .context("Trang `choices`"),
            );
        }
        let choice = Choice {
            name: name.to_string(),
            label: get(row, c_label).to_string(),
            value,
        };
        match lists.iter_mut().find(|l| l.name == list) {
            Some(l) => l.choices.push(choice),
            None => lists.push(ChoiceList {
                name: list.to_string(),
                choices: vec![choice],
            }),
        }
    }
    lists
}

/// The columns of the `survey` sheet.
struct SurveyColumns {
    kind: Option<usize>,
    name: Option<usize>,
    label: Option<usize>,
    hint: Option<usize>,
    required: Option<usize>,
    relevant: Option<usize>,
    indicator: Option<usize>,
    subdimension: Option<usize>,
    min: Option<usize>,
    max: Option<usize>,
    direction: Option<usize>,
    missing: Option<usize>,
}

/// The `survey` sheet: its questions and the row of each. A sheet without its header or
/// without `type` and `name` columns ends the reading.
fn read_survey(
    grid: &Grid,
    errs: &mut ImportErrors,
) -> Result<(Vec<Question>, Vec<usize>), ImportErrors> {
    let Some((h, rows)) = split_header(grid) else {
        errs.push(FormatError::new("trang `survey` trống"));
        return Err(std::mem::take(errs));
    };
    let c = |n: &str| col(&h, n);
    let cols = SurveyColumns {
        kind: c("type"),
        name: c("name"),
        label: translated(&h, "label"),
        hint: translated(&h, "hint"),
        required: c("required"),
        relevant: c("relevant"),
        indicator: c("papi_indicator"),
        subdimension: c("papi_subdimension"),
        min: c("papi_min"),
        max: c("papi_max"),
        direction: c("papi_direction"),
        missing: c("papi_missing"),
    };
    if cols.kind.is_none() || cols.name.is_none() {
        errs.push(FormatError::new("thiếu cột `type` hoặc `name`").context("Trang `survey`"));
        return Err(std::mem::take(errs));
    }
    let mut questions = Vec::new();
    let mut row_of = Vec::new();
    for (row_no, row) in rows.iter().filter(|(_, r)| !blank(r)) {
        row_of.push(*row_no);
        if let Some(q) = survey_row(*row_no, row, &cols, errs) {
            questions.push(q);
        }
    }
    Ok((questions, row_of))
}

/// An error of the `survey` sheet at a row and column.
fn survey_error(row_no: usize, column: &str, msg: String) -> FormatError {
    FormatError::at(row_no, column, msg).context("Trang `survey`")
}

/// One row of the `survey` sheet; `None` (and an error) without a type.
fn survey_row(
    row_no: usize,
    row: &[String],
    cols: &SurveyColumns,
    errs: &mut ImportErrors,
) -> Option<Question> {
    let kind = get(row, cols.kind).to_string();
    if kind.is_empty() {
        errs.push(survey_error(row_no, "type", "thiếu loại câu hỏi".into()));
        return None;
    }
    let required = matches!(
        get(row, cols.required).to_lowercase().as_str(),
        "yes" | "true" | "true()" | "1" | "có"
    );
    let id = get(row, cols.indicator);
    let indicator = (!id.is_empty()).then(|| indicator_spec(row_no, row, id, cols, errs));
    Some(Question {
        kind,
        name: get(row, cols.name).to_string(),
        label: get(row, cols.label).to_string(),
        hint: get(row, cols.hint).to_string(),
        required,
        relevant: Some(get(row, cols.relevant).to_string()).filter(|s| !s.is_empty()),
        indicator,
    })
}

/// The PAPI columns of a row that names indicator `id`.
fn indicator_spec(
    row_no: usize,
    row: &[String],
    id: &str,
    cols: &SurveyColumns,
    errs: &mut ImportErrors,
) -> IndicatorSpec {
    let at = |column: &str, msg: String| survey_error(row_no, column, msg);
    let mut bound = |column: &str, raw: &str| {
        if raw.is_empty() {
            return f64::NAN;
        }
        parse_num(raw).unwrap_or_else(|| {
            errs.push(at(column, format!("{} không phải là số", quoted(raw))));
            0.0
        })
    };
    let min = bound("papi_min", get(row, cols.min));
    let max = bound("papi_max", get(row, cols.max));
    let sub = get(row, cols.subdimension);
    if sub.is_empty() {
        errs.push(at(
            "papi_subdimension",
            format!("chỉ tiêu `{id}` thiếu nội dung thành phần (ví dụ SC11)"),
        ));
    }
    let direction = match get(row, cols.direction).to_lowercase().as_str() {
        "" | "up" => Direction::Up,
        "down" => Direction::Down,
        other => {
            errs.push(at(
                "papi_direction",
                format!("phải là `up` hoặc `down`, không phải {}", quoted(other)),
            ));
            Direction::Up
        }
    };
    IndicatorSpec {
        id: id.to_string(),
        subdimension: sub.to_uppercase(),
        min,
        max,
        direction,
        missing: get(row, cols.missing)
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    }
}

/// The form's problems, each about a question named with the row of the `survey` sheet it
/// stands on.
fn at_survey_rows(form: &SurveyForm, row_of: &[usize], es: Vec<FormatError>) -> ImportErrors {
    let place: Vec<(String, usize)> = form
        .questions
        .iter()
        .zip(row_of)
        .map(|(q, r)| (q.describe(), *r))
        .collect();
    ImportErrors::from(
        es.into_iter()
            .map(|e| {
                let found = e
                    .context
                    .as_ref()
                    .and_then(|c| place.iter().find(|(d, _)| d == c));
                match found {
                    Some((d, r)) => e.context(format!("Trang `survey`, {d}")).row(*r),
                    None => e,
                }
            })
            .collect::<Vec<_>>(),
    )
}

/// Write a form as XLSForm (`survey`, `choices`, `settings`), ready for KoboToolbox or ODK.
pub fn write_xlsform(form: &SurveyForm) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    {
        let ws = wb.add_worksheet();
        ws.set_name("survey")?;
        for (c, h) in SURVEY_COLUMNS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 22)?;
        ws.set_column_width(2, 60)?;
        ws.set_column_width(5, 30)?;
        ws.set_freeze_panes(1, 0)?;
        for (i, q) in form.questions.iter().enumerate() {
            let r = i as u32 + 1;
            let mut text = |c: u16, s: &str| -> Result<(), XlsxError> {
                if !s.is_empty() {
                    ws.write_string(r, c, s)?;
                }
                Ok(())
            };
            text(0, &q.kind)?;
            text(1, &q.name)?;
            text(2, &q.label)?;
            text(3, &q.hint)?;
            text(4, if q.required { "yes" } else { "" })?;
            text(5, q.relevant.as_deref().unwrap_or(""))?;
            if let Some(ind) = &q.indicator {
                text(6, &ind.id)?;
                text(7, &ind.subdimension)?;
                text(
                    10,
                    match ind.direction {
                        Direction::Up => "up",
                        Direction::Down => "down",
                    },
                )?;
                text(11, &ind.missing.join(" "))?;
                ws.write_number(r, 8, ind.min)?;
                ws.write_number(r, 9, ind.max)?;
            }
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("choices")?;
        for (c, h) in ["list_name", "name", "label", "papi_value"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        ws.set_column_width(0, 18)?;
        ws.set_column_width(2, 40)?;
        ws.set_freeze_panes(1, 0)?;
        let mut r = 1u32;
        for l in &form.choices {
            for ch in &l.choices {
                ws.write_string(r, 0, &l.name)?;
                ws.write_string(r, 1, &ch.name)?;
                if !ch.label.is_empty() {
                    ws.write_string(r, 2, &ch.label)?;
                }
                if let Some(v) = ch.value {
                    ws.write_number(r, 3, v)?;
                }
                r += 1;
            }
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("settings")?;
        for (c, h) in ["form_title", "form_id", "version", "papi_year"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        ws.write_string(1, 0, &form.title)?;
        ws.write_string(1, 1, &form.form_id)?;
        ws.write_string(1, 2, &form.version)?;
        ws.write_number(1, 3, form.year as f64)?;
    }
    wb.save_to_buffer()
}
