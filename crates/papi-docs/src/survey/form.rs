//! The survey form: every row of an XLSForm `survey` sheet, its choice lists and settings, with
//! the PAPI indicator mapping on the questions that feed an indicator.

use std::collections::{BTreeMap, HashMap, HashSet};

use papi_core::text::fold;
use papi_index::{Direction, Expr, Indicator, Questionnaire, QuestionnaireError, YearStructure};

use super::columns::{AGE_BAND, SEX, VILLAGE};
use super::errors::{quoted, FormatError};

/// A whole questionnaire as handed to enumerators and residents.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyForm {
    /// `settings.form_title`.
    pub title: String,
    /// `settings.form_id`.
    pub form_id: String,
    /// `settings.version`.
    pub version: String,
    /// The year whose PAPI structure the indicators follow (`settings.papi_year`).
    pub year: u16,
    /// The rows of the `survey` sheet in order, groups included.
    pub questions: Vec<Question>,
    /// The choice lists in order of first appearance.
    pub choices: Vec<ChoiceList>,
}

/// One row of the `survey` sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Question {
    /// XLSForm type as written: `select_one yes_no`, `integer`, `text`, `note`,
    /// `begin_group`, `end_group` …
    pub kind: String,
    pub name: String,
    pub label: String,
    pub hint: String,
    pub required: bool,
    /// XLSForm `relevant`: who is asked.
    pub relevant: Option<String>,
    /// The PAPI indicator this question feeds, if any.
    pub indicator: Option<IndicatorSpec>,
}

/// The PAPI mapping of a question (the `papi_*` columns).
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorSpec {
    /// `papi_indicator`.
    pub id: String,
    /// `papi_subdimension` (`SC11` … `SC83`).
    pub subdimension: String,
    /// `papi_min`, `papi_max`: theoretical range of the (mapped) answer.
    pub min: f64,
    pub max: f64,
    /// `papi_direction`: `up` (higher is better) or `down`.
    pub direction: Direction,
    /// `papi_missing`: answer values that count as missing.
    pub missing: Vec<String>,
}

/// A choice list (`choices` sheet rows sharing a `list_name`).
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceList {
    pub name: String,
    pub choices: Vec<Choice>,
}

/// One choice. `value` (column `papi_value`) is the number the answer counts as for an
/// indicator; `None` for answers that are not on the scale (e.g. "không biết").
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub name: String,
    pub label: String,
    pub value: Option<f64>,
}

/// What kind of row a question is, from its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind<'a> {
    BeginGroup,
    EndGroup,
    BeginRepeat,
    EndRepeat,
    SelectOne(&'a str),
    SelectMultiple(&'a str),
    Integer,
    Decimal,
    /// Anything else (text, note, date, calculate, geopoint …): not checked.
    Other,
}

impl Question {
    pub(crate) fn kind(&self) -> Kind<'_> {
        let mut it = self.kind.split_whitespace();
        let first = it.next().unwrap_or("");
        let second = it.next();
        match (first.to_ascii_lowercase().as_str(), second) {
            ("begin_group", _) | ("begin", Some("group")) => Kind::BeginGroup,
            ("end_group", _) | ("end", Some("group")) => Kind::EndGroup,
            ("begin_repeat", _) | ("begin", Some("repeat")) => Kind::BeginRepeat,
            ("end_repeat", _) | ("end", Some("repeat")) => Kind::EndRepeat,
            ("select_one", Some(list)) => Kind::SelectOne(list),
            ("select_multiple", Some(list)) => Kind::SelectMultiple(list),
            ("integer", _) => Kind::Integer,
            ("decimal", _) | ("range", _) => Kind::Decimal,
            _ => Kind::Other,
        }
    }

    /// How errors name this question.
    pub(crate) fn describe(&self) -> String {
        match &self.indicator {
            Some(i) => format!("câu hỏi `{}` (chỉ tiêu `{}`)", self.name, i.id),
            None => format!("câu hỏi `{}`", self.name),
        }
    }
}

impl SurveyForm {
    pub fn list(&self, name: &str) -> Option<&ChoiceList> {
        self.choices.iter().find(|l| l.name == name)
    }

    pub fn question(&self, name: &str) -> Option<&Question> {
        self.questions
            .iter()
            .find(|q| q.name == name && !matches!(q.kind(), Kind::EndGroup | Kind::EndRepeat))
    }

    /// Replace the choices of the `village` list (creating it if needed) by the commune's
    /// villages: choice name = the name folded to ASCII (`Thôn Đông` → `thon_dong`), label = the
    /// name. Response imports accept either.
    pub fn set_villages(&mut self, villages: &[String]) {
        let mut seen = HashSet::new();
        let choices = villages
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let mut name = slug(v);
                if name.is_empty() || !seen.insert(name.clone()) {
                    name = format!("{name}_{}", i + 1);
                    seen.insert(name.clone());
                }
                Choice {
                    name,
                    label: v.clone(),
                    value: None,
                }
            })
            .collect();
        match self.choices.iter_mut().find(|l| l.name == VILLAGE) {
            Some(l) => l.choices = choices,
            None => self.choices.push(ChoiceList {
                name: VILLAGE.into(),
                choices,
            }),
        }
    }

    /// Check the form: unique names, balanced groups, known choice lists, indicator mappings
    /// valid for the PAPI structure of `year`, relevance expressions that parse and refer to
    /// questions of the form. Every problem is returned at once.
    pub fn check(&self) -> Result<(), Vec<FormatError>> {
        let mut errs = Vec::new();
        if let Err(e) = self.derive(&mut errs) {
            errs.extend(e);
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    /// The questionnaire scoring needs: one indicator per mapped question, with the choice
    /// values of its list, and its relevance combined with that of its enclosing groups.
    pub fn questionnaire(&self) -> Result<Questionnaire, Vec<FormatError>> {
        let mut errs = Vec::new();
        match self.derive(&mut errs) {
            Ok(q) if errs.is_empty() => Ok(q),
            Ok(_) => Err(errs),
            Err(e) => {
                errs.extend(e);
                Err(errs)
            }
        }
    }

    /// The questionnaire of the form's indicator rows; every problem of the form goes to
    /// `errs` (the questionnaire is still returned, for the checks that need it).
    fn derive(&self, errs: &mut Vec<FormatError>) -> Result<Questionnaire, Vec<FormatError>> {
        let structure = YearStructure::for_year(self.year).map_err(|_| {
            vec![FormatError::new(format!(
                "năm {} không có cấu trúc PAPI 8 lĩnh vực (chỉ từ năm 2018)",
                self.year
            ))
            .context("Trường `papi_year`")]
        })?;
        self.check_lists(errs);
        let q = Questionnaire {
            year: self.year,
            indicators: self.walk_questions(errs),
        };
        if let Err(es) = q.validate(&structure) {
            errs.extend(es.iter().map(|e| questionnaire_error_vi(e, self)));
        }
        Ok(q)
    }

    /// Choice lists declared twice, choices repeated in a list.
    fn check_lists(&self, errs: &mut Vec<FormatError>) {
        let mut seen_lists = HashSet::new();
        for l in &self.choices {
            let at = || format!("danh sách `{}`", l.name);
            if !seen_lists.insert(l.name.as_str()) {
                errs.push(FormatError::new("danh sách lựa chọn bị khai báo hai lần").context(at()));
            }
            let mut seen = HashSet::new();
            for c in &l.choices {
                if !seen.insert(c.name.as_str()) {
                    errs.push(
                        FormatError::new(format!("lựa chọn {} bị lặp", quoted(&c.name)))
                            .context(at()),
                    );
                }
            }
        }
    }

    /// The rows in order, groups opened and closed: each row checked, each indicator row
    /// turned into its indicator (with the relevance of the groups around it).
    fn walk_questions(&self, errs: &mut Vec<FormatError>) -> Vec<Indicator> {
        let names: HashSet<&str> = self
            .questions
            .iter()
            .filter(|q| !q.name.is_empty())
            .map(|q| q.name.as_str())
            .collect();
        let mut seen_names = HashSet::new();
        // group stack: whether each open group repeats, and its relevance
        let mut groups: Vec<(bool, Option<String>)> = Vec::new();
        let mut indicators = Vec::new();
        for q in &self.questions {
            let kind = q.kind();
            if matches!(kind, Kind::EndGroup | Kind::EndRepeat) {
                if groups.pop().is_none() {
                    errs.push(FormatError::new(format!(
                        "`{}` không có nhóm nào đang mở để đóng",
                        q.kind
                    )));
                }
                continue;
            }
            self.check_question(q, &names, &mut seen_names, errs);
            if matches!(kind, Kind::BeginGroup | Kind::BeginRepeat) {
                if q.indicator.is_some() {
                    errs.push(
                        FormatError::new("một nhóm không thể gắn với chỉ tiêu")
                            .context(q.describe()),
                    );
                }
                groups.push((kind == Kind::BeginRepeat, q.relevant.clone()));
                continue;
            }
            indicators.extend(self.indicator(q, &groups, errs));
        }
        if !groups.is_empty() {
            errs.push(FormatError::new(format!(
                "{} nhóm (begin_group) chưa được đóng bằng end_group",
                groups.len()
            )));
        }
        indicators
    }

    /// One row: its name (present, not repeated), its type, its choice list, its `relevant`.
    fn check_question<'q>(
        &self,
        q: &'q Question,
        names: &HashSet<&str>,
        seen_names: &mut HashSet<&'q str>,
        errs: &mut Vec<FormatError>,
    ) {
        let kind = q.kind();
        let here = || q.describe();
        if q.name.trim().is_empty() {
            if kind != Kind::Other || !q.kind.trim().eq_ignore_ascii_case("note") {
                errs.push(FormatError::new(format!(
                    "một dòng loại `{}` không có tên (`name`)",
                    q.kind
                )));
            }
        } else if !seen_names.insert(q.name.as_str()) {
            errs.push(FormatError::new("tên câu hỏi bị trùng").context(here()));
        }
        if q.kind.trim().is_empty() {
            errs.push(FormatError::new("thiếu loại câu hỏi (`type`)").context(here()));
        }
        if let Kind::SelectOne(l) | Kind::SelectMultiple(l) = kind {
            match self.list(l) {
                None => errs.push(
                    FormatError::new(format!("danh sách lựa chọn `{l}` không có")).context(here()),
                ),
                Some(list) if list.choices.is_empty() => errs.push(
                    FormatError::new(format!("danh sách lựa chọn `{l}` trống")).context(here()),
                ),
                _ => {}
            }
        }
        if let Some(r) = &q.relevant {
            check_relevant(r, names, errs, here);
        }
    }

    /// The indicator of a row that carries a mapping, if it can carry one.
    fn indicator(
        &self,
        q: &Question,
        groups: &[(bool, Option<String>)],
        errs: &mut Vec<FormatError>,
    ) -> Option<Indicator> {
        let spec = q.indicator.as_ref()?;
        let here = || q.describe();
        if groups.iter().any(|(repeat, _)| *repeat) {
            errs.push(
                FormatError::new("câu hỏi trong nhóm lặp (repeat) không thể gắn với chỉ tiêu")
                    .context(here()),
            );
            return None;
        }
        let values: BTreeMap<String, f64> = match q.kind() {
            Kind::SelectOne(l) => {
                let list = self.list(l);
                if let Some(list) = list {
                    check_choice_values(list, spec, errs, here);
                }
                list.map(|list| {
                    list.choices
                        .iter()
                        .filter_map(|c| c.value.map(|v| (c.name.clone(), v)))
                        .collect()
                })
                .unwrap_or_default()
            }
            Kind::SelectMultiple(_) => {
                errs.push(
                    FormatError::new(
                        "câu hỏi chọn nhiều (select_multiple) không thể gắn với chỉ tiêu",
                    )
                    .context(here()),
                );
                return None;
            }
            _ => BTreeMap::new(),
        };
        Some(Indicator {
            id: spec.id.clone(),
            subdimension: spec.subdimension.clone(),
            question: q.name.clone(),
            min: spec.min,
            max: spec.max,
            direction: spec.direction,
            missing: spec.missing.clone(),
            relevant: combined_relevance(groups, q),
            values,
        })
    }

    /// A form for a bare questionnaire: one question per indicator (a `select_one` with a list
    /// of its values and missing answers, or a `decimal`), preceded by a `text` question for
    /// every name a relevance expression refers to that is not an indicator's question, and
    /// the respondent metadata (`village`, `sex`, `age_band`). `questionnaire()` of the result
    /// gives `q` back. Fails when two indicators share a question (one row carries one
    /// mapping).
    pub fn from_questionnaire(q: &Questionnaire) -> Result<SurveyForm, Vec<FormatError>> {
        let mut errs = Vec::new();
        let mut form = SurveyForm {
            title: "Phiếu khảo sát PAPI".into(),
            form_id: "papi".into(),
            version: "1".into(),
            year: q.year,
            questions: Vec::new(),
            choices: Vec::new(),
        };
        let own: HashSet<&str> = q.indicators.iter().map(|i| i.question.as_str()).collect();
        let mut extra: Vec<String> = Vec::new();
        for name in [VILLAGE, SEX, AGE_BAND] {
            if !own.contains(name) {
                extra.push(name.to_string());
            }
        }
        for i in &q.indicators {
            if let Some(Ok(e)) = i.relevant.as_deref().map(Expr::parse) {
                for v in e.variables() {
                    if !own.contains(v) && !extra.iter().any(|x| x == v) {
                        extra.push(v.to_string());
                    }
                }
            }
        }
        for name in extra {
            form.questions.push(Question {
                kind: "text".into(),
                label: name.clone(),
                name,
                ..Default::default()
            });
        }
        let mut used = HashSet::new();
        for i in &q.indicators {
            if !used.insert(i.question.as_str()) {
                errs.push(
                    FormatError::new(format!(
                        "câu hỏi `{}` đã gắn với một chỉ tiêu khác; mỗi câu hỏi chỉ gắn một chỉ tiêu",
                        i.question
                    ))
                    .context(format!("Chỉ tiêu `{}`", i.id)),
                );
                continue;
            }
            let kind = if i.values.is_empty() {
                "decimal".to_string()
            } else {
                let list = format!("{}_choices", i.id);
                let mut choices: Vec<Choice> = i
                    .values
                    .iter()
                    .map(|(n, v)| Choice {
                        name: n.clone(),
                        label: n.clone(),
                        value: Some(*v),
                    })
                    .collect();
                for m in &i.missing {
                    if !i.values.contains_key(m) {
                        choices.push(Choice {
                            name: m.clone(),
                            label: m.clone(),
                            value: None,
                        });
                    }
                }
                form.choices.push(ChoiceList {
                    name: list.clone(),
                    choices,
                });
                format!("select_one {list}")
            };
            form.questions.push(Question {
                kind,
                name: i.question.clone(),
                label: i.id.clone(),
                relevant: i.relevant.clone(),
                indicator: Some(IndicatorSpec {
                    id: i.id.clone(),
                    subdimension: i.subdimension.clone(),
                    min: i.min,
                    max: i.max,
                    direction: i.direction,
                    missing: i.missing.clone(),
                }),
                ..Default::default()
            });
        }
        if errs.is_empty() {
            Ok(form)
        } else {
            Err(errs)
        }
    }

    /// Indicator of each question name, for answer checks.
    pub(crate) fn indicators_by_question(q: &Questionnaire) -> HashMap<&str, &Indicator> {
        q.indicators
            .iter()
            .map(|i| (i.question.as_str(), i))
            .collect()
    }
}

/// A `relevant` expression: it parses, and every question it reads is in the form.
fn check_relevant(
    r: &str,
    names: &HashSet<&str>,
    errs: &mut Vec<FormatError>,
    here: impl Fn() -> String,
) {
    match Expr::parse(r) {
        Err(e) => errs.push(
            FormatError::new(format!("biểu thức `relevant` sai: {}", relevance_vi(&e)))
                .context(here()),
        ),
        Ok(expr) => {
            for v in expr.variables() {
                if !names.contains(v) {
                    errs.push(
                        FormatError::new(format!(
                            "biểu thức `relevant` nhắc tới câu hỏi `{v}` không có trong phiếu"
                        ))
                        .context(here()),
                    );
                }
            }
        }
    }
}

/// The choices of a `select_one` indicator: each missing value (papi_missing) is a choice,
/// each choice has a number (papi_value, or a numeric name) or is a missing value.
fn check_choice_values(
    list: &ChoiceList,
    spec: &IndicatorSpec,
    errs: &mut Vec<FormatError>,
    here: impl Fn() -> String,
) {
    let l = &list.name;
    for m in &spec.missing {
        if !list.choices.iter().any(|c| &c.name == m) {
            errs.push(
                FormatError::new(format!(
                    "giá trị thiếu {} (papi_missing) không có trong danh sách `{l}`",
                    quoted(m)
                ))
                .context(here()),
            );
        }
    }
    for c in &list.choices {
        let numeric = c.name.trim().parse::<f64>().is_ok();
        if c.value.is_none() && !numeric && !spec.missing.contains(&c.name) {
            errs.push(
                FormatError::new(format!(
                    "lựa chọn {} của danh sách `{l}` không có giá trị số (papi_value) và không được khai là giá trị thiếu (papi_missing)",
                    quoted(&c.name)
                ))
                .context(here()),
            );
        }
    }
}

/// The relevance of a question inside groups: its own and its groups' conditions, joined by
/// `and` (None when there is none).
fn combined_relevance(groups: &[(bool, Option<String>)], q: &Question) -> Option<String> {
    let mut conds: Vec<&str> = groups
        .iter()
        .filter_map(|(_, r)| r.as_deref())
        .chain(q.relevant.as_deref())
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .collect();
    conds.dedup();
    match conds.len() {
        0 => None,
        1 => Some(conds[0].to_string()),
        _ => Some(
            conds
                .iter()
                .map(|c| format!("({c})"))
                .collect::<Vec<_>>()
                .join(" and "),
        ),
    }
}

/// `Thôn Đông Hải 2` → `thon_dong_hai_2`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

fn relevance_vi(e: &papi_index::RelevanceError) -> String {
    match e {
        papi_index::RelevanceError::Syntax { message, position } => {
            format!("lỗi cú pháp ở ký tự {position} ({message})")
        }
        papi_index::RelevanceError::UnknownVariable(v) => {
            format!("câu hỏi `{v}` không có")
        }
    }
}

fn questionnaire_error_vi(e: &QuestionnaireError, form: &SurveyForm) -> FormatError {
    let ctx = |id: &str| {
        let q = form
            .questions
            .iter()
            .find(|q| q.indicator.as_ref().is_some_and(|i| i.id == id));
        match q {
            Some(q) => q.describe(),
            None => format!("chỉ tiêu `{id}`"),
        }
    };
    match e {
        QuestionnaireError::DuplicateId(id) => {
            FormatError::new("mã chỉ tiêu (papi_indicator) bị dùng hai lần").context(ctx(id))
        }
        QuestionnaireError::UnknownSubdimension {
            id,
            subdimension,
            year,
        } => FormatError::new(format!(
            "nội dung thành phần {} không có trong cấu trúc PAPI năm {year}",
            quoted(subdimension)
        ))
        .context(ctx(id)),
        QuestionnaireError::BadRange { id, min, max } => {
            FormatError::new(format!("papi_min ({min}) phải nhỏ hơn papi_max ({max})"))
                .context(ctx(id))
        }
        QuestionnaireError::ValueOutOfRange {
            id,
            choice,
            value,
            min,
            max,
        } => FormatError::new(format!(
            "lựa chọn {} có giá trị {value}, nằm ngoài thang đo {min}–{max}",
            quoted(choice)
        ))
        .context(ctx(id)),
        QuestionnaireError::Relevance { id, source } => FormatError::new(format!(
            "biểu thức `relevant` sai: {}",
            relevance_vi(source)
        ))
        .context(ctx(id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Thôn Đông Hải 2"), "thon_dong_hai_2");
        assert_eq!(slug("  Tổ dân phố số 3 "), "to_dan_pho_so_3");
    }
}
