//! A commune's own satisfaction questionnaire read from an XLSForm (the same reader as the
//! PAPI questionnaire): each group is a factor (yếu tố); a `select_one` whose list has the five
//! answers 1–5 is a satisfaction item, one whose list is 1/0 is a yes/no statement. Notes,
//! text and other questions are shown nowhere and scored never.

use papi_core::satisfaction::{Factor, Item, ItemKind, Questionnaire};

use crate::survey::{read_xlsform, SurveyForm};

/// Reads the questionnaire; the error says in Vietnamese which question is wrong and why.
pub fn from_xlsform(bytes: &[u8]) -> Result<Questionnaire, String> {
    let form = read_xlsform(bytes).map_err(|e| e.to_string())?;
    from_form(&form)
}

/// The questionnaire of a form already read.
pub fn from_form(form: &SurveyForm) -> Result<Questionnaire, String> {
    let mut factors: Vec<Factor> = Vec::new();
    let mut open: Option<Factor> = None;
    let mut loose: Vec<Item> = Vec::new();
    for q in &form.questions {
        let kind = q.kind.trim().to_ascii_lowercase().replace('_', " ");
        let mut words = kind.split_whitespace();
        match (words.next(), words.next()) {
            (Some("begin"), Some("group" | "repeat")) => {
                if let Some(f) = open.take() {
                    factors.push(f);
                }
                open = Some(Factor {
                    code: q.name.clone(),
                    title: if q.label.trim().is_empty() {
                        q.name.clone()
                    } else {
                        q.label.trim().to_string()
                    },
                    items: vec![],
                });
            }
            (Some("end"), Some("group" | "repeat")) => {
                if let Some(f) = open.take() {
                    factors.push(f);
                }
            }
            _ => {}
        }
        let Some(list) = q.kind.split_whitespace().nth(1) else {
            continue;
        };
        if !q.kind.trim().to_ascii_lowercase().starts_with("select_one") {
            continue;
        }
        let choices = form
            .list(list)
            .ok_or_else(|| format!("Câu «{}»: không có danh sách lựa chọn «{list}».", q.name))?;
        let mut names: Vec<String> = choices
            .choices
            .iter()
            .map(|c| c.name.trim().to_string())
            .collect();
        names.sort();
        let kind = if names == ["1", "2", "3", "4", "5"] {
            ItemKind::Likert5
        } else if names == ["0", "1"] {
            ItemKind::YesNo
        } else {
            return Err(format!(
                "Câu «{}»: danh sách «{list}» cần đúng 5 lựa chọn có tên 1–5 (1 = rất không hài lòng … 5 = rất hài lòng) hoặc 2 lựa chọn 1 (đúng) và 0 (không đúng).",
                q.name
            ));
        };
        let item = Item {
            code: q.name.clone(),
            text: if q.label.trim().is_empty() {
                q.name.clone()
            } else {
                q.label.trim().to_string()
            },
            kind,
            to_check: false,
        };
        match open.as_mut() {
            Some(f) => f.items.push(item),
            None => loose.push(item),
        }
    }
    if let Some(f) = open.take() {
        factors.push(f);
    }
    if !loose.is_empty() {
        factors.push(Factor {
            code: "chung".into(),
            title: "Đánh giá chung".into(),
            items: loose,
        });
    }
    factors.retain(|f| !f.items.is_empty());
    let title = form.title.trim();
    let q = Questionnaire {
        source: if title.is_empty() {
            "Biểu mẫu của xã (XLSForm)".into()
        } else {
            format!("Biểu mẫu của xã: {title}")
        },
        factors,
    };
    q.check()?;
    Ok(q)
}
