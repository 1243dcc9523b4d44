//! A commune's own satisfaction questionnaire written as an XLSForm (as KoboToolbox or Excel
//! would save it) and read back: groups become factors, the 1–5 list satisfaction items, the
//! 1/0 list statements; a list of the wrong shape is refused naming the question.

use papi_core::satisfaction::ItemKind;
use papi_docs::satisfaction::from_xlsform;
use papi_docs::survey::{write_xlsform, Choice, ChoiceList, Question, SurveyForm};

fn q(kind: &str, name: &str, label: &str) -> Question {
    Question {
        kind: kind.into(),
        name: name.into(),
        label: label.into(),
        ..Default::default()
    }
}

fn list(name: &str, names: &[&str]) -> ChoiceList {
    ChoiceList {
        name: name.into(),
        choices: names
            .iter()
            .map(|n| Choice {
                name: n.to_string(),
                label: format!("Mức {n}"),
                value: None,
            })
            .collect(),
    }
}

fn form(scale: &[&str]) -> SurveyForm {
    SurveyForm {
        title: "Phiếu khảo sát Nhà văn hóa xã".into(),
        form_id: "nha_van_hoa".into(),
        version: "1".into(),
        year: 2024,
        questions: vec![
            q("begin_group", "co_so", "Cơ sở vật chất"),
            q("select_one muc", "cs1", "Hội trường đủ chỗ ngồi"),
            q("select_one muc", "cs2", "Âm thanh, ánh sáng tốt"),
            q("end_group", "", ""),
            q("begin_group", "phuc_vu", "Phục vụ"),
            q("note", "ghi_chu", "Xin cảm ơn"),
            q("select_one muc", "pv1", "Cán bộ mở cửa đúng giờ"),
            q("select_one dung", "pv2", "Không phải trả tiền thuê"),
            q("end_group", "", ""),
        ],
        choices: vec![list("muc", scale), list("dung", &["1", "0"])],
    }
}

#[test]
fn groups_become_factors_and_lists_decide_the_answer_kind() {
    let bytes = write_xlsform(&form(&["1", "2", "3", "4", "5"])).unwrap();
    let q = from_xlsform(&bytes).unwrap();
    assert_eq!(q.factors.len(), 2);
    assert_eq!(q.factors[0].title, "Cơ sở vật chất");
    assert_eq!(q.factors[0].items.len(), 2);
    assert_eq!(q.factors[1].items.len(), 2, "the note is not an item");
    assert_eq!(q.factors[1].items[0].kind, ItemKind::Likert5);
    assert_eq!(q.factors[1].items[1].kind, ItemKind::YesNo);
    assert_eq!(q.factors[1].items[1].text, "Không phải trả tiền thuê");
    assert!(q.source.contains("Nhà văn hóa"));
}

#[test]
fn a_list_of_another_shape_is_refused_naming_the_question() {
    let bytes = write_xlsform(&form(&["1", "2", "3"])).unwrap();
    let e = from_xlsform(&bytes).unwrap_err();
    assert!(e.contains("cs1") && e.contains("1–5"), "{e}");
}
