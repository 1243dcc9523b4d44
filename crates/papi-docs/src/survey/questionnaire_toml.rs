//! Our own questionnaire definition format, TOML. It mirrors XLSForm, one key per column:
//!
//! ```toml
//! title = "Phiếu khảo sát"          # settings.form_title
//! form_id = "papi_xa"               # settings.form_id
//! version = "2025.1"                # settings.version
//! year = 2024                       # PAPI structure year (settings.papi_year)
//!
//! [[list]]                          # a choice list (choices sheet)
//! name = "yes_no"
//! choices = [
//!   { name = "yes", label = "Có", value = 1 },       # value = papi_value
//!   { name = "dk", label = "Không biết" },           # no value: a missing answer
//! ]
//!
//! [[question]]                      # a row of the survey sheet
//! name = "knows_slogan"
//! type = "select_one yes_no"
//! label = "…"
//! hint = "…"                        # optional
//! required = true                   # optional
//! relevant = "${x} = 'yes'"         # optional
//! indicator = "d1_knows_slogan"     # optional, with the keys below: papi_indicator …
//! subdimension = "SC11"
//! min = 0                           # optional for select_one with values: from the values
//! max = 1
//! direction = "up"                  # or "down"; default "up"
//! missing = ["dk"]
//! ```
//!
//! Errors are Vietnamese and name the question (and its indicator) and the key.

use papi_index::Direction;
use toml::{Table, Value};

use super::errors::{guard_import, quoted, FormatError, ImportErrors};
use super::form::{Choice, ChoiceList, IndicatorSpec, Kind, Question, SurveyForm};
use crate::limits::{check_size, MAX_TOML_BYTES};

const TOP_KEYS: [&str; 6] = ["title", "form_id", "version", "year", "list", "question"];
const QUESTION_KEYS: [&str; 12] = [
    "name",
    "type",
    "label",
    "hint",
    "required",
    "relevant",
    "indicator",
    "subdimension",
    "min",
    "max",
    "direction",
    "missing",
];
const INDICATOR_KEYS: [&str; 5] = ["subdimension", "min", "max", "direction", "missing"];

/// Read a questionnaire written in our TOML format, and check it ([`SurveyForm::check`]).
/// At most [`MAX_TOML_BYTES`]; the parser bounds nesting depth itself.
pub fn read_toml(text: &str) -> Result<SurveyForm, ImportErrors> {
    guard_import("TOML", || {
        check_size("tệp TOML", text.len(), MAX_TOML_BYTES)?;
        toml_form(text)
    })
}

fn toml_form(text: &str) -> Result<SurveyForm, ImportErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: Table = text.parse().map_err(|e: toml::de::Error| {
        let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        let msg = format!(
            "tệp TOML sai cú pháp ở dòng {line}, ký tự {col}: {}",
            e.message().trim()
        );
        ImportErrors::from(FormatError::new(msg))
    })?;
    let mut errs = ImportErrors::default();
    for k in table.keys() {
        if !TOP_KEYS.contains(&k.as_str()) {
            errs.push(FormatError::new(format!(
                "khóa `{k}` ở đầu tệp không được hỗ trợ (dùng: {})",
                TOP_KEYS.join(", ")
            )));
        }
    }
    let top = |k: &str| format!("Trường `{k}`");
    let text_field = |k: &str, errs: &mut ImportErrors| match table.get(k) {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Integer(i)) => i.to_string(),
        Some(_) => {
            errs.push(FormatError::new("phải là một chuỗi").context(top(k)));
            String::new()
        }
    };
    let title = text_field("title", &mut errs);
    let form_id = text_field("form_id", &mut errs);
    let version = text_field("version", &mut errs);
    let year = match table.get("year") {
        Some(Value::Integer(y)) if (2000..=2100).contains(y) => *y as u16,
        Some(v) => {
            errs.push(
                FormatError::new(format!(
                    "phải là một năm (ví dụ 2024), không phải {}",
                    quoted(&show(v))
                ))
                .context(top("year")),
            );
            0
        }
        None => {
            errs.push(
                FormatError::new("thiếu năm của cấu trúc PAPI (ví dụ `year = 2024`)")
                    .context(top("year")),
            );
            0
        }
    };
    let mut choices = Vec::new();
    for (n, item) in array_of_tables(&table, "list", &mut errs)
        .into_iter()
        .enumerate()
    {
        if let Some(l) = read_list(n + 1, item, &mut errs) {
            choices.push(l);
        }
    }
    let mut questions = Vec::new();
    for (n, item) in array_of_tables(&table, "question", &mut errs)
        .into_iter()
        .enumerate()
    {
        if let Some(q) = read_question(n + 1, item, &mut errs) {
            questions.push(q);
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let mut form = SurveyForm {
        title,
        form_id,
        version,
        year,
        questions,
        choices,
    };
    let unfilled = fill_ranges(&mut form);
    if !unfilled.is_empty() {
        return Err(unfilled.into());
    }
    form.check().map_err(ImportErrors::from)?;
    Ok(form)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

fn array_of_tables<'a>(table: &'a Table, key: &str, errs: &mut ImportErrors) -> Vec<&'a Table> {
    match table.get(key) {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                Value::Table(t) => Some(t),
                _ => {
                    errs.push(
                        FormatError::new("phải là một bảng ([[…]])")
                            .context(format!("Mục `{key}` thứ {}", i + 1)),
                    );
                    None
                }
            })
            .collect(),
        Some(_) => {
            errs.push(
                FormatError::new(format!("phải viết dạng [[{key}]]"))
                    .context(format!("Trường `{key}`")),
            );
            Vec::new()
        }
    }
}

fn get_str(t: &Table, k: &str, ctx: &str, errs: &mut ImportErrors) -> Option<String> {
    match t.get(k) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(v) => {
            errs.push(
                FormatError::new(format!(
                    "trường `{k}` phải là chuỗi, không phải {}",
                    show(v)
                ))
                .context(ctx),
            );
            None
        }
    }
}

fn get_num(t: &Table, k: &str, ctx: &str, errs: &mut ImportErrors) -> Option<f64> {
    match t.get(k) {
        None => None,
        Some(Value::Integer(i)) => Some(*i as f64),
        Some(Value::Float(f)) if f.is_finite() => Some(*f),
        Some(v) => {
            errs.push(
                FormatError::new(format!("trường `{k}` phải là số, không phải {}", show(v)))
                    .context(ctx),
            );
            None
        }
    }
}

fn read_list(n: usize, t: &Table, errs: &mut ImportErrors) -> Option<ChoiceList> {
    let ctx0 = format!("Danh sách lựa chọn thứ {n}");
    for k in t.keys() {
        if !["name", "choices"].contains(&k.as_str()) {
            errs.push(
                FormatError::new(format!(
                    "trường `{k}` không được hỗ trợ (dùng: name, choices)"
                ))
                .context(ctx0.clone()),
            );
        }
    }
    let Some(name) = get_str(t, "name", &ctx0, errs).filter(|s| !s.trim().is_empty()) else {
        errs.push(FormatError::new("thiếu trường `name`").context(ctx0));
        return None;
    };
    let ctx = format!("Danh sách lựa chọn `{name}`");
    let items = match t.get("choices") {
        Some(Value::Array(a)) => a,
        _ => {
            errs.push(
                FormatError::new("thiếu trường `choices` (một mảng các lựa chọn)").context(ctx),
            );
            return None;
        }
    };
    let mut choices = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let cctx = format!("{ctx}, lựa chọn thứ {}", i + 1);
        let Value::Table(c) = item else {
            errs.push(FormatError::new("phải là { name = …, label = …, value = … }").context(cctx));
            continue;
        };
        for k in c.keys() {
            if !["name", "label", "value"].contains(&k.as_str()) {
                errs.push(
                    FormatError::new(format!(
                        "trường `{k}` không được hỗ trợ (dùng: name, label, value)"
                    ))
                    .context(cctx.clone()),
                );
            }
        }
        let name = match c.get("name") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::Integer(i)) => i.to_string(),
            _ => {
                errs.push(FormatError::new("thiếu trường `name`").context(cctx));
                continue;
            }
        };
        let label = get_str(c, "label", &cctx, errs).unwrap_or_default();
        let value = get_num(c, "value", &cctx, errs);
        choices.push(Choice { name, label, value });
    }
    Some(ChoiceList { name, choices })
}

fn read_question(n: usize, t: &Table, errs: &mut ImportErrors) -> Option<Question> {
    let name = match t.get("name") {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let indicator_id = match t.get("indicator") {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    let ctx = match (&name, &indicator_id) {
        (n, Some(i)) if !n.is_empty() => format!("Câu hỏi `{n}` (chỉ tiêu `{i}`)"),
        (n, None) if !n.is_empty() => format!("Câu hỏi `{n}`"),
        _ => format!("Câu hỏi thứ {n}"),
    };
    let before = errs.total;
    for k in t.keys() {
        if !QUESTION_KEYS.contains(&k.as_str()) {
            errs.push(
                FormatError::new(format!(
                    "trường `{k}` không được hỗ trợ (dùng: {})",
                    QUESTION_KEYS.join(", ")
                ))
                .context(ctx.clone()),
            );
        }
    }
    let name = get_str(t, "name", &ctx, errs).unwrap_or_default();
    let Some(kind) = get_str(t, "type", &ctx, errs).filter(|s| !s.trim().is_empty()) else {
        errs.push(FormatError::new("thiếu trường `type` (loại câu hỏi)").context(ctx));
        return None;
    };
    let label = get_str(t, "label", &ctx, errs).unwrap_or_default();
    let hint = get_str(t, "hint", &ctx, errs).unwrap_or_default();
    let required = match t.get("required") {
        None => false,
        Some(Value::Boolean(b)) => *b,
        Some(v) => {
            errs.push(
                FormatError::new(format!(
                    "trường `required` phải là true hoặc false, không phải {}",
                    show(v)
                ))
                .context(ctx.clone()),
            );
            false
        }
    };
    let relevant = get_str(t, "relevant", &ctx, errs).filter(|s| !s.trim().is_empty());
    let indicator = match get_str(t, "indicator", &ctx, errs) {
        None => {
            for k in INDICATOR_KEYS {
                if t.contains_key(k) {
                    errs.push(
                        FormatError::new(format!(
                            "trường `{k}` chỉ dùng cho câu hỏi có `indicator`"
                        ))
                        .context(ctx.clone()),
                    );
                }
            }
            None
        }
        Some(id) => {
            if id.trim().is_empty() {
                errs.push(FormatError::new("trường `indicator` trống").context(ctx.clone()));
            }
            let subdimension = get_str(t, "subdimension", &ctx, errs).unwrap_or_else(|| {
                errs.push(
                    FormatError::new("thiếu trường `subdimension` (ví dụ \"SC11\")")
                        .context(ctx.clone()),
                );
                String::new()
            });
            let direction = match get_str(t, "direction", &ctx, errs).as_deref() {
                None | Some("up") => Direction::Up,
                Some("down") => Direction::Down,
                Some(other) => {
                    errs.push(
                        FormatError::new(format!(
                            "trường `direction` phải là \"up\" hoặc \"down\", không phải {}",
                            quoted(other)
                        ))
                        .context(ctx.clone()),
                    );
                    Direction::Up
                }
            };
            let missing = match t.get("missing") {
                None => Vec::new(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(s.clone()),
                        Value::Integer(i) => Some(i.to_string()),
                        v => {
                            errs.push(
                                FormatError::new(format!(
                                    "trường `missing` chỉ chứa chuỗi, không chứa {}",
                                    show(v)
                                ))
                                .context(ctx.clone()),
                            );
                            None
                        }
                    })
                    .collect(),
                Some(v) => {
                    errs.push(
                        FormatError::new(format!(
                            "trường `missing` phải là mảng, ví dụ [\"dk\", \"refused\"], không phải {}",
                            show(v)
                        ))
                        .context(ctx.clone()),
                    );
                    Vec::new()
                }
            };
            let min = get_num(t, "min", &ctx, errs);
            let max = get_num(t, "max", &ctx, errs);
            Some((id, subdimension, min, max, direction, missing))
        }
    };
    if errs.total > before {
        return None;
    }
    let mut q = Question {
        kind,
        name,
        label,
        hint,
        required,
        relevant,
        indicator: None,
    };
    if let Some((id, subdimension, min, max, direction, missing)) = indicator {
        q.indicator = Some(IndicatorSpec {
            id,
            subdimension,
            // resolved against the choice values below (needs the lists)
            min: min.unwrap_or(f64::NAN),
            max: max.unwrap_or(f64::NAN),
            direction,
            missing,
        });
    }
    Some(q)
}

/// Fill `papi_min` / `papi_max` left out of a `select_one` indicator from its choice values;
/// report those that cannot be filled. Shared with the XLSForm reader.
pub(crate) fn fill_ranges(form: &mut SurveyForm) -> Vec<FormatError> {
    let mut errs = Vec::new();
    let lists = form.choices.clone();
    for q in &mut form.questions {
        let list = match q.kind() {
            Kind::SelectOne(l) => lists.iter().find(|x| x.name == l),
            _ => None,
        };
        let desc = q.describe();
        let Some(spec) = &mut q.indicator else {
            continue;
        };
        let values: Vec<f64> = list
            .map(|l| {
                l.choices
                    .iter()
                    .filter(|c| !spec.missing.contains(&c.name))
                    .filter_map(|c| c.value.or_else(|| c.name.trim().parse().ok()))
                    .collect()
            })
            .unwrap_or_default();
        let values: Vec<f64> = values.into_iter().filter(|v: &f64| v.is_finite()).collect();
        for (field, slot, pick) in [
            ("min", &mut spec.min, f64::min as fn(f64, f64) -> f64),
            ("max", &mut spec.max, f64::max),
        ] {
            if slot.is_nan() {
                match values.iter().copied().reduce(pick) {
                    Some(v) => *slot = v,
                    None => errs.push(
                        FormatError::new(format!(
                            "thiếu `{field}` (thang đo của chỉ tiêu) và không suy ra được từ giá trị các lựa chọn"
                        ))
                        .context(desc.clone()),
                    ),
                }
            }
        }
    }
    errs
}

/// Write a form in our TOML format; [`read_toml`] gives it back unchanged.
pub fn write_toml(form: &SurveyForm) -> String {
    let s = |v: &str| Value::String(v.to_string()).to_string();
    let mut out = String::new();
    out.push_str(
        "# Phiếu khảo sát PAPI của xã — định dạng TOML của papi (xem papi-docs survey).\n",
    );
    out.push_str(&format!("title = {}\n", s(&form.title)));
    out.push_str(&format!("form_id = {}\n", s(&form.form_id)));
    out.push_str(&format!("version = {}\n", s(&form.version)));
    out.push_str(&format!("year = {}\n", form.year));
    for l in &form.choices {
        out.push_str(&format!("\n[[list]]\nname = {}\nchoices = [\n", s(&l.name)));
        for c in &l.choices {
            out.push_str(&format!(
                "  {{ name = {}, label = {}",
                s(&c.name),
                s(&c.label)
            ));
            if let Some(v) = c.value {
                out.push_str(&format!(", value = {}", num(v)));
            }
            out.push_str(" },\n");
        }
        out.push_str("]\n");
    }
    for q in &form.questions {
        out.push_str("\n[[question]]\n");
        if !q.name.is_empty() {
            out.push_str(&format!("name = {}\n", s(&q.name)));
        }
        out.push_str(&format!("type = {}\n", s(&q.kind)));
        if !q.label.is_empty() {
            out.push_str(&format!("label = {}\n", s(&q.label)));
        }
        if !q.hint.is_empty() {
            out.push_str(&format!("hint = {}\n", s(&q.hint)));
        }
        if q.required {
            out.push_str("required = true\n");
        }
        if let Some(r) = &q.relevant {
            out.push_str(&format!("relevant = {}\n", s(r)));
        }
        if let Some(i) = &q.indicator {
            out.push_str(&format!("indicator = {}\n", s(&i.id)));
            out.push_str(&format!("subdimension = {}\n", s(&i.subdimension)));
            out.push_str(&format!("min = {}\n", num(i.min)));
            out.push_str(&format!("max = {}\n", num(i.max)));
            let d = match i.direction {
                Direction::Up => "up",
                Direction::Down => "down",
            };
            out.push_str(&format!("direction = \"{d}\"\n"));
            let missing: Vec<String> = i.missing.iter().map(|m| s(m)).collect();
            out.push_str(&format!("missing = [{}]\n", missing.join(", ")));
        }
    }
    out
}

/// A number as TOML: integers without a fraction (read back as integers, then as f64).
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        // Rust's shortest round-trip representation; always has a '.' or an exponent
        let t = format!("{v:?}");
        if t.contains(['.', 'e', 'E']) {
            t
        } else {
            format!("{t}.0")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_line() {
        let e = read_toml("title = \"x\"\nyear = \n").unwrap_err();
        assert!(e.to_string().contains("dòng 2"), "{e}");
    }

    #[test]
    fn names_indicator_and_field() {
        let t = r#"
year = 2024
[[list]]
name = "yn"
choices = [{ name = "yes", label = "Có", value = 1 }, { name = "no", label = "Không", value = 0 }]
[[question]]
name = "q1"
type = "select_one yn"
indicator = "d1_a"
subdimension = "SC11"
min = "zero"
"#;
        let e = read_toml(t).unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("Câu hỏi `q1` (chỉ tiêu `d1_a`): trường `min` phải là số"),
            "{s}"
        );
    }
}
