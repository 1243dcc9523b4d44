//! Survey file formats (issue 4): TOML and XLSForm questionnaires, Kobo/ODK response exports,
//! the population table, provincial scores from a user's XLSX.

use std::collections::{BTreeMap, HashSet};

use papi_docs::survey::*;
use papi_index::{Direction, Indicator, Questionnaire, YearStructure};
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn villages() -> Vec<String> {
    vec!["Thôn Đông".to_string(), "Thôn Tây".to_string()]
}

fn bands() -> Vec<String> {
    DEFAULT_AGE_BANDS.iter().map(|s| s.to_string()).collect()
}

fn form() -> SurveyForm {
    let mut f = default_form();
    f.set_villages(&villages());
    f
}

// ---------------------------------------------------------------- questionnaire formats

#[test]
fn default_questionnaire_covers_every_subdimension() {
    let q = default_questionnaire();
    let st = YearStructure::for_year(2024).unwrap();
    q.validate(&st).unwrap();
    assert!(q.uncovered(&st).is_empty());
    assert_eq!(q.year, 2024);
    // eligibility where natural: service questions only for users
    let cert = q
        .indicators
        .iter()
        .find(|i| i.id == "d5_cert_quality")
        .unwrap();
    assert_eq!(
        cert.relevant.as_deref(),
        Some("${used_certification} = 'yes'")
    );
    assert_eq!(cert.values["4"], 4.0);
    assert_eq!(cert.missing, ["dk", "refused"]);
    // metadata are questions, not indicators
    let f = default_form();
    for m in [VILLAGE, SEX, AGE_BAND] {
        assert!(f.question(m).is_some());
        assert!(!q.indicators.iter().any(|i| i.question == m));
    }
}

#[test]
fn toml_round_trip() {
    let f = form();
    let text = write_toml(&f);
    let back = read_toml(&text).unwrap();
    assert_eq!(back, f);
    assert_eq!(back.questionnaire().unwrap(), f.questionnaire().unwrap());
    // the shipped file reads to the same form as its re-written self
    assert_eq!(
        read_toml(&write_toml(&default_form())).unwrap(),
        default_form()
    );
}

#[test]
fn bare_questionnaire_round_trips_through_toml_and_xlsform() {
    let q = Questionnaire {
        year: 2024,
        indicators: vec![
            Indicator {
                id: "a".into(),
                subdimension: "SC11".into(),
                question: "qa".into(),
                min: 1.0,
                max: 4.0,
                direction: Direction::Up,
                missing: vec!["98".into()],
                relevant: None,
                values: BTreeMap::new(),
            },
            Indicator {
                id: "b".into(),
                subdimension: "SC51".into(),
                question: "qb".into(),
                min: 0.0,
                max: 1.0,
                direction: Direction::Down,
                missing: vec!["dk".into()],
                relevant: Some("${used} = 'yes'".into()),
                values: [("yes".to_string(), 1.0), ("no".to_string(), 0.0)].into(),
            },
            Indicator {
                id: "c".into(),
                subdimension: "SC82".into(),
                question: "qc".into(),
                min: 0.0,
                max: 2.5,
                direction: Direction::Up,
                missing: vec![],
                relevant: None,
                values: [("x".to_string(), 0.5), ("y".to_string(), 2.5)].into(),
            },
        ],
    };
    let f = SurveyForm::from_questionnaire(&q).unwrap();
    assert_eq!(f.questionnaire().unwrap(), q);
    assert_eq!(
        read_toml(&write_toml(&f)).unwrap().questionnaire().unwrap(),
        q
    );
    let x = write_xlsform(&f).unwrap();
    assert_eq!(read_xlsform(&x).unwrap().questionnaire().unwrap(), q);
}

#[test]
fn toml_errors_name_the_indicator_and_field() {
    let bad = DEFAULT_QUESTIONNAIRE_TOML
        .replacen("subdimension = \"SC11\"", "subdimension = \"SC19\"", 1)
        .replacen("direction = \"down\"", "direction = \"xuống\"", 1);
    let e = read_toml(&bad).unwrap_err().to_string();
    assert!(
        e.contains("Câu hỏi `officials_divert_funds` (chỉ tiêu `d4_officials_divert_funds`): trường `direction` phải là \"up\" hoặc \"down\""),
        "{e}"
    );
    let bad = DEFAULT_QUESTIONNAIRE_TOML.replacen(
        "subdimension = \"SC11\"",
        "subdimension = \"SC19\"",
        1,
    );
    let e = read_toml(&bad).unwrap_err().to_string();
    assert!(
        e.contains("Câu hỏi `knows_slogan` (chỉ tiêu `d1_knows_slogan`): nội dung thành phần “SC19” không có trong cấu trúc PAPI năm 2024"),
        "{e}"
    );
    let bad = DEFAULT_QUESTIONNAIRE_TOML.replacen(
        "relevant = \"${used_certification} = 'yes'\"",
        "relevant = \"${used_certfication} = 'yes'\"",
        1,
    );
    let e = read_toml(&bad).unwrap_err().to_string();
    assert!(
        e.contains("`used_certfication` không có trong phiếu"),
        "{e}"
    );
    let e = read_toml(
        "year = 2024\n[[question]]\nname = \"x\"\ntype = \"integer\"\nsubdimention = \"SC11\"\n",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("trường `subdimention` không được hỗ trợ"), "{e}");
}

#[test]
fn xlsform_round_trip() {
    let f = form();
    let bytes = write_xlsform(&f).unwrap();
    let back = read_xlsform(&bytes).unwrap();
    assert_eq!(back, f);
    assert_eq!(back.questionnaire().unwrap(), default_questionnaire());
}

/// A form as a commune officer would build it in KoboToolbox: translations, groups with a
/// condition, notes, select_multiple, integer and text questions, metadata rows, and the
/// papi columns only on some questions.
#[rustfmt::skip]
fn kobo_xlsform(svc_min: &str) -> Vec<u8> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let survey: &[&[&str]] = &[
        &["type", "name", "label::English (en)", "label::Vietnamese (vi)", "hint::Vietnamese (vi)", "required", "relevant", "constraint", "appearance", "papi_indicator", "papi_subdimension", "papi_min", "papi_max", "papi_direction", "papi_missing"],
        &["start", "start", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        &["end", "end", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        &["note", "welcome", "Welcome", "Xin chào", "", "", "", "", "", "", "", "", "", "", ""],
        &["select_one village", "village", "Village", "Thôn", "", "yes", "", "", "", "", "", "", "", "", ""],
        &["select_one sex", "sex", "Sex", "Giới tính", "", "yes", "", "", "", "", "", "", "", "", ""],
        &["select_one age", "age_band", "Age", "Tuổi", "", "yes", "", "", "", "", "", "", "", "", ""],
        &["integer", "household_size", "Household size", "Số người trong hộ", "", "", "", ". > 0", "", "", "", "", "", "", ""],
        &["begin group", "civic", "Civic", "Tri thức", "", "", "", "", "field-list", "", "", "", "", "", ""],
        &["select_one yn", "knows_slogan", "Slogan?", "Biết khẩu hiệu?", "Đọc chậm", "", "", "", "", "k1", "sc11", "", "", "up", "dk"],
        &["select_multiple media", "media", "Media", "Nguồn tin", "", "", "", "", "", "", "", "", "", "", ""],
        &["end group", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        &["select_one yn", "used_service", "Used?", "Có làm thủ tục?", "", "", "", "", "", "", "", "", "", "", ""],
        &["begin_group", "svc", "Service", "Dịch vụ", "", "", "${used_service} = 'yes'", "", "", "", "", "", "", "", ""],
        &["select_one q4", "svc_quality", "Quality", "Chất lượng", "", "", "${household_size} > 0", "", "", "s1", "SC54", svc_min, "4", "up", "98 99"],
        &["integer", "wait_days", "Days", "Số ngày chờ", "", "", "", "", "", "s2", "SC54", "0", "30", "down", ""],
        &["text", "comment", "Comment", "Ý kiến", "", "", "", "", "", "", "", "", "", "", ""],
        &["end_group", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        &["calculate", "score_hint", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ];
    let choices: &[&[&str]] = &[
        &["list_name", "name", "label::English (en)", "label::Vietnamese (vi)", "papi_value"],
        &["village", "thon_dong", "East", "Thôn Đông", ""],
        &["village", "thon_tay", "West", "Thôn Tây", ""],
        &["sex", "F", "Female", "Nữ", ""],
        &["sex", "M", "Male", "Nam", ""],
        &["age", "18-29", "", "18–29", ""],
        &["age", "30-44", "", "30–44", ""],
        &["age", "45-59", "", "45–59", ""],
        &["age", "60+", "", "60+", ""],
        &["yn", "yes", "Yes", "Có", "1"],
        &["yn", "no", "No", "Không", "0"],
        &["yn", "dk", "Don't know", "Không biết", ""],
        &["media", "radio", "Radio", "Loa", ""],
        &["media", "zalo", "Zalo", "Zalo", ""],
        &["q4", "1", "", "Rất kém", ""],
        &["q4", "2", "", "Kém", ""],
        &["q4", "3", "", "Tốt", ""],
        &["q4", "4", "", "Rất tốt", ""],
        &["q4", "98", "", "Không biết", ""],
        &["q4", "99", "", "Không trả lời", ""],
    ];
    for (name, rows) in [("survey", survey), ("choices", choices)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                if r == 0 {
                    ws.write_string_with_format(0, c as u16, *v, &bold).unwrap();
                } else {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("settings").unwrap();
    ws.write_string(0, 0, "form_title").unwrap();
    ws.write_string(0, 1, "form_id").unwrap();
    ws.write_string(0, 2, "version").unwrap();
    ws.write_string(0, 3, "default_language").unwrap();
    ws.write_string(1, 0, "Khảo sát thử").unwrap();
    ws.write_string(1, 1, "thu").unwrap();
    ws.write_number(1, 2, 2025030101.0).unwrap();
    ws.write_string(1, 3, "Vietnamese (vi)").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn kobo_like_xlsform_is_read() {
    let f = read_xlsform(&kobo_xlsform("1")).unwrap();
    assert_eq!(f.title, "Khảo sát thử");
    assert_eq!(f.version, "2025030101");
    assert_eq!(f.year, 2024);
    assert_eq!(f.question("knows_slogan").unwrap().label, "Biết khẩu hiệu?");
    assert_eq!(f.question("knows_slogan").unwrap().hint, "Đọc chậm");
    let q = f.questionnaire().unwrap();
    let ids: Vec<&str> = q.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["k1", "s1", "s2"]);
    let k1 = &q.indicators[0];
    assert_eq!((k1.min, k1.max), (0.0, 1.0), "range from the choice values");
    assert_eq!(k1.subdimension, "SC11");
    assert_eq!(k1.relevant, None);
    let s1 = &q.indicators[1];
    assert_eq!((s1.min, s1.max), (1.0, 4.0));
    assert!(
        s1.values.is_empty(),
        "numeric choice names need no papi_value"
    );
    assert_eq!(s1.missing, ["98", "99"]);
    assert_eq!(
        s1.relevant.as_deref(),
        Some("(${used_service} = 'yes') and (${household_size} > 0)"),
        "the group's condition applies"
    );
    assert_eq!(q.indicators[2].direction, Direction::Down);
    assert_eq!(
        q.indicators[2].relevant.as_deref(),
        Some("${used_service} = 'yes'")
    );
    q.validate(&YearStructure::for_year(2024).unwrap()).unwrap();

    // and its Kobo export is imported, group prefixes, select_multiple and all
    let csv = "start;end;village;sex;age_band;household_size;civic/knows_slogan;civic/media;civic/media/radio;civic/media/zalo;used_service;svc/svc_quality;svc/wait_days;svc/comment;_id;_uuid;_submission_time\n\
        2025-03-01T08:00:00;2025-03-01T08:10:00;thon_dong;F;18-29;4;yes;radio zalo;1;1;yes;4;0;Tốt;1;u-1;2025-03-01T08:11:00\n\
        2025-03-01T09:00:00;2025-03-01T09:10:00;Thôn Tây;M;60+;2;dk;;0;0;no;;;;2;u-2;2025-03-01T09:11:00\n";
    let none = HashSet::new();
    let spec = ImportSpec {
        villages: &villages(),
        age_bands: &bands(),
        existing_uuids: &none,
    };
    let got = read_responses_csv(&f, csv.as_bytes(), &spec).unwrap();
    assert_eq!(got.respondents.len(), 2);
    assert_eq!(got.respondents.row(0), &[10.0, 10.0, 10.0]);
    assert!(got.respondents.row(1).iter().all(|x| x.is_nan()));
    assert_eq!(got.meta[1].village, 1);
    assert_eq!(got.meta[1].cell, 4 + 3);
    // a bad select_multiple choice names its column
    let bad = csv.replace("radio zalo", "radio tivi");
    let e = read_responses_csv(&f, bad.as_bytes(), &spec).unwrap_err();
    assert_eq!(
        e.errors[0].to_string(),
        "Dòng 2, cột `civic/media`: lựa chọn “tivi” không có trong danh sách lựa chọn"
    );
}

#[test]
fn xlsform_errors_name_sheet_row_and_column() {
    let mut f = form();
    let q = f
        .questions
        .iter_mut()
        .find(|q| q.name == "feel_safe")
        .unwrap();
    q.indicator.as_mut().unwrap().subdimension = "SC52".into();
    let e = read_xlsform(&write_xlsform(&f).unwrap())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Trang `survey`, câu hỏi `feel_safe` (chỉ tiêu `d6_feel_safe`), dòng "),
        "{e}"
    );
    assert!(
        e.contains(": nội dung thành phần “SC52” không có trong cấu trúc PAPI năm 2024"),
        "{e}"
    );
    let e = read_xlsform(&kobo_xlsform("một")).unwrap_err().to_string();
    assert!(
        e.contains("Trang `survey`, dòng 15, cột `papi_min`: “một” không phải là số"),
        "{e}"
    );
}

// ---------------------------------------------------------------- responses

/// Kobo export header of a form: `group/name` inside groups, metadata at the end.
fn kobo_header(f: &SurveyForm) -> Vec<String> {
    let mut path: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for q in &f.questions {
        match q.kind.as_str() {
            "begin_group" => path.push(q.name.clone()),
            "end_group" => {
                path.pop();
            }
            "note" => {}
            _ => {
                let mut p = path.clone();
                p.push(q.name.clone());
                out.push(p.join("/"));
            }
        }
    }
    out.extend(["_id", "_uuid", "_submission_time"].map(String::from));
    out
}

/// A plausible answer to every question of the default form.
fn answers(i: usize) -> BTreeMap<String, String> {
    let f = form();
    let mut m = BTreeMap::new();
    for q in &f.questions {
        let v = match q.kind.as_str() {
            "select_one yes_no" => ["yes", "no", "dk"][i % 3],
            "select_one agree4" | "select_one quality4" | "select_one safety4" => {
                ["1", "2", "3", "4", "refused"][i % 5]
            }
            "select_one internet_freq" => ["never", "daily", "weekly"][i % 3],
            _ => continue,
        };
        m.insert(q.name.clone(), v.to_string());
    }
    m.insert(VILLAGE.into(), ["thon_dong", "Thôn Tây"][i % 2].into());
    m.insert(SEX.into(), ["F", "M"][i % 2].into());
    m.insert(AGE_BAND.into(), DEFAULT_AGE_BANDS[i % 4].into());
    m
}

fn responses_csv(
    n: usize,
    delimiter: char,
    edit: impl Fn(usize, &mut BTreeMap<String, String>),
) -> String {
    let f = form();
    let header = kobo_header(&f);
    let mut out = header.join(&delimiter.to_string());
    out.push('\n');
    for i in 0..n {
        let mut a = answers(i);
        a.insert("_id".into(), i.to_string());
        a.insert("_uuid".into(), format!("uuid-{i}"));
        a.insert(
            "_submission_time".into(),
            format!("2025-03-{:02}T08:00:00", 1 + i % 28),
        );
        edit(i, &mut a);
        let row: Vec<String> = header
            .iter()
            .map(|h| {
                a.get(h.rsplit('/').next().unwrap())
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        out.push_str(&row.join(&delimiter.to_string()));
        out.push('\n');
    }
    out
}

fn spec<'a>(v: &'a [String], b: &'a [String], existing: &'a HashSet<String>) -> ImportSpec<'a> {
    ImportSpec {
        villages: v,
        age_bands: b,
        existing_uuids: existing,
    }
}

#[test]
fn responses_csv_imported() {
    let (v, b, none) = (villages(), bands(), HashSet::new());
    let q = default_questionnaire();
    for delim in [',', ';'] {
        let csv = responses_csv(40, delim, |_, _| {});
        let got = read_responses_csv(&form(), csv.as_bytes(), &spec(&v, &b, &none)).unwrap();
        assert_eq!(got.respondents.len(), 40);
        assert_eq!(got.respondents.n_indicators(), q.indicators.len());
        assert_eq!(got.meta[0].uuid, "uuid-0");
        assert_eq!(got.meta[0].row, 2);
        assert_eq!(
            got.meta[0].submitted.unwrap().to_string(),
            "2025-03-01 08:00:00"
        );
        assert_eq!((got.meta[1].village, got.meta[1].cell), (1, 4 + 1));
        // respondent 0 answered yes to knows_slogan (→ 10) and 1 to agree4 items
        let k = q
            .indicators
            .iter()
            .position(|i| i.id == "d1_knows_slogan")
            .unwrap();
        let down = q
            .indicators
            .iter()
            .position(|i| i.id == "d4_officials_divert_funds")
            .unwrap();
        let cert = q
            .indicators
            .iter()
            .position(|i| i.id == "d5_cert_quality")
            .unwrap();
        assert_eq!(got.respondents.row(0)[k], 10.0);
        assert_eq!(
            got.respondents.row(0)[down],
            10.0,
            "1 = disagree on a `down` item"
        );
        assert_eq!(got.respondents.row(1)[k], 1.0);
        assert!(got.respondents.row(2)[k].is_nan(), "dk is missing");
        assert_eq!(
            got.respondents.row(0)[cert],
            1.0,
            "used the service, rated 1"
        );
        assert!(got.respondents.row(1)[cert].is_nan(), "not eligible");
    }
}

#[test]
fn bad_value_names_row_and_column_and_imports_nothing() {
    let (v, b, none) = (villages(), bands(), HashSet::new());
    let csv = responses_csv(30, ';', |i, a| {
        if i == 10 {
            a.insert("poor_list_fair".into(), "abc".into());
        }
        if i == 20 {
            a.insert(SEX.into(), "X".into());
            a.insert(VILLAGE.into(), "Thôn Bắc".into());
        }
    });
    let e = read_responses_csv(&form(), csv.as_bytes(), &spec(&v, &b, &none)).unwrap_err();
    let lines: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines[0],
        "Dòng 12, cột `d2/poor_list_fair`: giá trị “abc” không có trong danh sách lựa chọn"
    );
    assert!(lines.contains(
        &"Dòng 22, cột `village`: thôn, tổ dân phố “Thôn Bắc” không có trong danh sách của xã"
            .to_string()
    ));
    assert!(lines.iter().any(|l| l.starts_with("Dòng 22, cột `sex`:")));
    assert_eq!(e.total, 3);
    assert!(e.to_string().contains("không dữ liệu nào được nhập"));
}

#[test]
fn out_of_range_and_missing_columns() {
    let (v, b, none) = (villages(), bands(), HashSet::new());
    let csv = responses_csv(3, ',', |i, a| {
        if i == 1 {
            a.insert("feel_safe".into(), "7".into());
        }
    });
    let e = read_responses_csv(&form(), csv.as_bytes(), &spec(&v, &b, &none)).unwrap_err();
    assert_eq!(
        e.errors[0].to_string(),
        "Dòng 3, cột `d6/feel_safe`: giá trị “7” không có trong danh sách lựa chọn"
    );
    // two question columns and `sex` missing: all three reported
    let csv = responses_csv(2, ',', |_, _| {})
        .replace("d6/feel_safe", "d6/feel_safety")
        .replace("d2/poor_list_posted", "x")
        .replace(",sex,", ",gender,");
    let e = read_responses_csv(&form(), csv.as_bytes(), &spec(&v, &b, &none)).unwrap_err();
    let s = e.to_string();
    assert!(s.contains("thiếu cột của câu hỏi `feel_safe`"), "{s}");
    assert!(
        s.contains("thiếu cột của câu hỏi `poor_list_posted`"),
        "{s}"
    );
}

#[test]
fn duplicate_uuids_refused() {
    let (v, b) = (villages(), bands());
    let none = HashSet::new();
    let csv = responses_csv(5, ',', |i, a| {
        if i == 3 {
            a.insert("_uuid".into(), "uuid-1".into());
        }
    });
    let e = read_responses_csv(&form(), csv.as_bytes(), &spec(&v, &b, &none)).unwrap_err();
    assert_eq!(
        e.errors[0].to_string(),
        "Dòng 5, cột `_uuid`: phiếu “uuid-1” trùng với phiếu ở dòng 3: một phiếu chỉ được nhập một lần"
    );
    let stored: HashSet<String> = ["uuid-4".to_string()].into();
    let csv = responses_csv(5, ',', |_, _| {});
    let e = read_responses_csv(&form(), csv.as_bytes(), &spec(&v, &b, &stored)).unwrap_err();
    assert_eq!(
        e.errors[0].to_string(),
        "Dòng 6, cột `_uuid`: phiếu “uuid-4” đã được nhập trước đây"
    );
}

#[test]
fn errors_are_capped_with_a_count() {
    let (v, b, none) = (villages(), bands(), HashSet::new());
    let csv = responses_csv(300, ',', |_, a| {
        a.insert(SEX.into(), "?".into());
    });
    let e = read_responses_csv(&form(), csv.as_bytes(), &spec(&v, &b, &none)).unwrap_err();
    assert_eq!(e.total, 300);
    assert_eq!(e.errors.len(), MAX_ERRORS);
    assert!(e.to_string().contains("… và 100 lỗi khác"));
}

#[test]
fn xlsx_responses_match_csv() {
    let (v, b, none) = (villages(), bands(), HashSet::new());
    let csv = responses_csv(12, ',', |_, _| {});
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Khảo sát").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            if cell.is_empty() {
                continue;
            }
            if r > 0 && cell.starts_with("2025-") {
                let t = ExcelDateTime::parse_from_str(cell).unwrap();
                ws.write_datetime_with_format(r, c, &t, &date).unwrap();
            } else if let (true, Ok(x)) = (r > 0, cell.parse::<f64>()) {
                ws.write_number(r, c, x).unwrap();
            } else {
                ws.write_string(r, c, cell).unwrap();
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let from_xlsx = read_responses(&form(), &bytes, "kobo.xlsx", &spec(&v, &b, &none)).unwrap();
    let from_csv =
        read_responses(&form(), csv.as_bytes(), "kobo.csv", &spec(&v, &b, &none)).unwrap();
    assert_eq!(from_xlsx.meta, from_csv.meta);
    let same = |x: &[f32], y: &[f32]| {
        x.iter()
            .zip(y)
            .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()))
    };
    assert!(same(
        from_xlsx.respondents.scores(),
        from_csv.respondents.scores()
    ));
}

#[test]
fn web_form_answers() {
    let f = form();
    let (v, b) = (villages(), bands());
    let pairs: Vec<(String, String)> = answers(0).into_iter().collect();
    let p = parse_answers(&f, &pairs, &v, &b).unwrap();
    assert_eq!((p.village, p.cell), (0, 0));
    assert_eq!(p.scores.len(), default_questionnaire().indicators.len());
    let mut bad = pairs.clone();
    bad.push(("budget_trust".into(), "5".into()));
    let e = parse_answers(&f, &bad, &v, &b).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "Cột `budget_trust`: giá trị “5” không có trong danh sách lựa chọn"
    );
    assert!(check_answer(&f, "budget_trust", "3").is_ok());
    assert!(check_answer(&f, "budget_trust", "dk").is_ok());
    assert!(check_answer(&f, "budget_trust", "9").is_err());
    assert!(check_answer(&f, "sex", "X").is_err());
    assert!(check_answer(&f, "nope", "1").is_err());
}

// ---------------------------------------------------------------- population

#[test]
fn population_table() {
    let csv = "village,sex,age_band,population\n\
        Thôn Đông,F,18-29,100\nThôn Đông,M,18-29,90\nThôn Đông,F,30-44,120\nThôn Đông,M,30-44,110\n\
        Thôn Tây,F,18-29,50\nThôn Tây,M,18-29,\"1.040\"\nThôn Tây,F,30-44,60\nThôn Tây,M,30-44,55\n";
    let p = read_population_csv(csv.as_bytes(), None, None).unwrap();
    assert_eq!(p.villages, villages());
    assert_eq!(p.age_bands, ["18-29", "30-44"]);
    assert_eq!(p.adults, [420.0, 1205.0]);
    assert_eq!(p.cells.n_age, 2);
    // F 18-29, F 30-44, M 18-29, M 30-44
    assert_eq!(p.cells.population, [150.0, 180.0, 1130.0, 165.0]);
    let frame = p.frame();
    assert_eq!(frame.adults.unwrap(), [420.0, 1205.0]);

    // with the commune's lists, in their order
    let b = bands();
    let vs = vec!["Thôn Tây".to_string(), "Thôn Đông".to_string()];
    let p = read_population(csv.as_bytes(), "dan_so.csv", Some(&vs), Some(&b)).unwrap();
    assert_eq!(p.adults, [1205.0, 420.0]);
    assert_eq!(p.cells.population.len(), 8);

    // the same as XLSX
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let quoted = cell.starts_with('"');
            let cell = cell.trim_matches('"');
            match cell.parse::<f64>() {
                Ok(x) if r > 0 && !quoted => ws.write_number(r as u32, c as u16, x).map(|_| ()),
                _ => ws.write_string(r as u32, c as u16, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    let x = read_population_xlsx(&wb.save_to_buffer().unwrap(), None, None).unwrap();
    assert_eq!(x.adults, [420.0, 1205.0]);
}

#[test]
fn population_errors_name_row_and_column() {
    let csv = "village,sex,age_band,population\n\
        Thôn Đông,F,18-29,100\nThôn Đông,X,18-29,90\nThôn Bắc,F,30-44,120\nThôn Đông,F,18-29,1\nThôn Đông,M,30-44,-5\n";
    let vs = villages();
    let e = read_population_csv(csv.as_bytes(), Some(&vs), None).unwrap_err();
    let lines: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "Dòng 3, cột `sex`: giới tính “X” không hợp lệ: dùng F (nữ) hoặc M (nam)",
            "Dòng 4, cột `village`: thôn, tổ dân phố “Thôn Bắc” không có trong danh sách của xã",
            "Dòng 6, cột `population`: số người “-5” không phải là số không âm",
            "Dòng 5, cột `village`: thôn “Thôn Đông”, giới tính F, nhóm tuổi “18-29” đã có ở dòng 2",
        ]
    );
    let e = read_population_csv(b"village,sex,population\nA,F,1\n", None, None).unwrap_err();
    assert_eq!(
        e.errors[0].to_string(),
        "Dòng 1: thiếu cột `age_band` (nhóm tuổi)"
    );
}

// ---------------------------------------------------------------- provincial benchmarks

#[test]
fn provincial_xlsx() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Điểm PAPI theo tỉnh").unwrap();
    for (c, h) in ["Tỉnh", "Năm", "SC11", "SC12", "Tổng"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, "P21").unwrap();
    ws.write_number(3, 1, 2024.0).unwrap();
    ws.write_number(3, 2, 1.25).unwrap();
    ws.write_number(3, 3, 1.5).unwrap();
    ws.write_number(3, 4, 44.4).unwrap();
    ws.write_string(4, 0, "P01").unwrap();
    ws.write_number(4, 1, 2023.0).unwrap();
    ws.write_number(4, 2, 1.0).unwrap();
    let scores = read_provincial_xlsx(&wb.save_to_buffer().unwrap(), None).unwrap();
    assert_eq!(scores.len(), 3);
    assert_eq!(scores[0].province, "P21");
    assert_eq!(
        (
            scores[0].year,
            scores[0].subdimension.as_str(),
            scores[0].score
        ),
        (2024, "SC11", 1.25)
    );

    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["province", "year", "SC52", "SC11"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "P21").unwrap();
    ws.write_number(1, 1, 2024.0).unwrap();
    ws.write_number(1, 2, 2.0).unwrap();
    ws.write_string(1, 3, "cao").unwrap();
    let e = read_provincial_xlsx(&wb.save_to_buffer().unwrap(), None).unwrap_err();
    let lines: Vec<String> = e.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "Dòng 2, cột `SC52`: nội dung thành phần SC52 không có trong cấu trúc PAPI năm 2024",
            "Dòng 2, cột `SC11`: “cao” không phải là số",
        ]
    );
}

#[test]
fn provincial_csv_of_the_shared_layout() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/papi-provincial/2024.csv"
    );
    let bytes = std::fs::read(path).expect("data/papi-provincial is in the repository");
    let scores = read_provincial(&bytes, "2024.csv", Some(2024)).unwrap();
    let table = papi_index::ProvincialTable::new(scores);
    assert!((table.total("P21", 2024).unwrap() - 44.4041).abs() < 1e-3);
    let e = read_provincial_csv(2024, b"Province,SC11\nP01,abc\n").unwrap_err();
    assert_eq!(
        e.errors[0].to_string(),
        "Dòng 2, cột `SC11`: “abc” không phải là số"
    );
}

/// The shared files read through the one table reader give what `papi_index`'s own parser of
/// that layout gives, every year.
#[test]
fn provincial_csv_reads_as_papi_index_reads_it() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/papi-provincial");
    let mut years = 0;
    for year in 2018..=2024u16 {
        let Ok(text) = std::fs::read_to_string(format!("{dir}/{year}.csv")) else {
            continue;
        };
        years += 1;
        let want = papi_index::parse_provincial_csv(year, &text).unwrap();
        assert_eq!(
            read_provincial_csv(year, text.as_bytes()).unwrap(),
            want,
            "{year}"
        );
        // the same file as Excel saves it in a decimal-comma locale
        let semicolon = text.replace(',', ";").replace('.', ",");
        assert_eq!(
            read_provincial_csv(year, semicolon.as_bytes()).unwrap(),
            want,
            "{year}"
        );
    }
    assert_eq!(years, 7, "data/papi-provincial holds 2018.csv … 2024.csv");
}

// ---------------------------------------------------------------- robustness

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_reader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let (v, b, none) = (villages(), bands(), HashSet::new());
        let _ = read_responses_csv(&form(), &bytes, &spec(&v, &b, &none));
        let _ = read_population_csv(&bytes, None, None);
    }

    #[test]
    fn csv_reader_never_panics_on_near_valid_files(
        edits in proptest::collection::vec((0usize..12, 0usize..90, "[a-z0-9 ;,\"\n/ầ-]{0,6}"), 0..12),
        cut in 0usize..20000,
    ) {
        let (v, b, none) = (villages(), bands(), HashSet::new());
        let csv = responses_csv(12, ';', |i, a| {
            for (row, col, text) in &edits {
                if *row == i {
                    let key = a.keys().nth(*col % a.len()).cloned().unwrap();
                    a.insert(key, text.clone());
                }
            }
        });
        let cut = csv.char_indices().map(|(i, _)| i).find(|&i| i >= cut).unwrap_or(csv.len());
        let _ = read_responses_csv(&form(), &csv.as_bytes()[..cut], &spec(&v, &b, &none));
        let _ = read_responses_csv(&form(), csv.as_bytes(), &spec(&v, &b, &none));
    }
}
