//! A check's checklist as a form for ODK Collect / KoboCollect: at the desk or the notice
//! board the inspector records, on the phone, each criterion's verdict, a note of the evidence
//! seen and a photo of it. The form is written by the XForm writer the surveys use.

use crate::survey::{Choice, ChoiceList, Question, SurveyForm};

/// The start of a checklist form's id; the check's id follows.
pub const CHECKLIST_FORM_PREFIX: &str = "papi_kiemtra_";

/// The verdicts as the phone offers them (codes of `papi_core::inspection::Verdict`).
const VERDICTS: [(&str, &str); 3] = [
    ("met", "Đạt"),
    ("not_met", "Không đạt"),
    ("na", "Không áp dụng"),
];

/// The id of the form of check `inspection_id`.
pub fn checklist_form_id(inspection_id: i64) -> String {
    format!("{CHECKLIST_FORM_PREFIX}{inspection_id}")
}

/// The check a form id names, if it names one.
pub fn checklist_of_form(form_id: &str) -> Option<i64> {
    form_id
        .strip_prefix(CHECKLIST_FORM_PREFIX)?
        .parse()
        .ok()
        .filter(|id| *id > 0)
}

/// The form of a check: for each criterion (id, text) a required verdict, a note and an
/// optional photo. `version` changes when the criteria do, so phones fetch the form again.
pub fn checklist_form(
    inspection_id: i64,
    title: &str,
    version: &str,
    criteria: &[(i64, String)],
) -> SurveyForm {
    let mut questions = Vec::new();
    for (n, (id, text)) in criteria.iter().enumerate() {
        let q = |kind: &str, name: String, label: String, required: bool| Question {
            kind: kind.into(),
            name,
            label,
            required,
            ..Question::default()
        };
        questions.push(q(
            "begin_group",
            format!("c_{id}"),
            format!("Tiêu chí {}", n + 1),
            false,
        ));
        questions.push(q(
            "select_one verdict",
            format!("v_{id}"),
            text.clone(),
            true,
        ));
        questions.push(q(
            "text",
            format!("n_{id}"),
            "Bằng chứng đã xem (ghi chú)".into(),
            false,
        ));
        questions.push(q(
            "image",
            format!("p_{id}"),
            "Ảnh bằng chứng (không bắt buộc)".into(),
            false,
        ));
        questions.push(q("end_group", String::new(), String::new(), false));
    }
    SurveyForm {
        title: format!("Kiểm tra: {title}"),
        form_id: checklist_form_id(inspection_id),
        version: version.to_string(),
        year: 0,
        questions,
        choices: vec![ChoiceList {
            name: "verdict".into(),
            choices: VERDICTS
                .iter()
                .map(|(name, label)| Choice {
                    name: (*name).into(),
                    label: (*label).into(),
                    value: None,
                })
                .collect(),
        }],
    }
}

/// One criterion as sent from the phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistAnswer {
    pub id: i64,
    /// `met`, `not_met`, `na` or blank, as the phone sent it (checked by the caller's rules).
    pub verdict: String,
    pub note: String,
    /// The attached photo's file name.
    pub photo: Option<String>,
}

/// The criteria answered in a submitted checklist, in the order of their verdicts.
pub fn read_checklist(answers: &[(String, String)]) -> Vec<ChecklistAnswer> {
    let value = |name: String| {
        answers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    answers
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("v_")?.parse::<i64>().ok()?, v)))
        .map(|(id, v)| ChecklistAnswer {
            id,
            verdict: v.trim().to_string(),
            note: value(format!("n_{id}")),
            photo: Some(value(format!("p_{id}"))).filter(|p| !p.is_empty()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::write_xform;

    #[test]
    fn a_checklist_is_an_xform_with_a_verdict_note_and_photo_per_criterion() {
        let f = checklist_form(
            7,
            "Bộ phận một cửa quý III",
            "a1b2",
            &[
                (31, "Niêm yết mức phí, lệ phí".into()),
                (32, "Sổ theo dõi hồ sơ".into()),
            ],
        );
        let xml = write_xform(&f);
        for part in [
            "papi_kiemtra_7",
            "Kiểm tra: Bộ phận một cửa quý III",
            "Niêm yết mức phí, lệ phí",
            "/data/c_32/v_32",
            "Không áp dụng",
            "mediatype=\"image/*\"",
        ] {
            assert!(xml.contains(part), "{part}\n{xml}");
        }
        assert_eq!(checklist_of_form("papi_kiemtra_7"), Some(7));
        assert_eq!(checklist_of_form("papi_kiemtra_x"), None);
        assert_eq!(checklist_of_form("papi_2025_7"), None);
    }

    #[test]
    fn answers_are_read_per_criterion() {
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let got = read_checklist(&pairs(&[
            ("v_31", "met"),
            ("n_31", " Bảng phí dán ở cửa "),
            ("p_31", "1714521600000.jpg"),
            ("v_32", "not_met"),
            ("n_32", ""),
            ("p_32", ""),
        ]));
        assert_eq!(
            got,
            [
                ChecklistAnswer {
                    id: 31,
                    verdict: "met".into(),
                    note: "Bảng phí dán ở cửa".into(),
                    photo: Some("1714521600000.jpg".into()),
                },
                ChecklistAnswer {
                    id: 32,
                    verdict: "not_met".into(),
                    note: String::new(),
                    photo: None,
                },
            ]
        );
    }
}
