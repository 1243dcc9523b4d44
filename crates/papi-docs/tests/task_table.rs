//! The task table: CSV and XLSX in, checks against units and plan items, XLSX out.

use chrono::NaiveDate;
use papi_core::{Due, Recurrence, Unit};
use papi_docs::task_table::{
    read_task_table, read_task_table_bytes, resolve_task_rows, write_coded_task_table_xlsx,
    write_task_table_xlsx, RawTaskRow, TableError, TaskTableRow,
};
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn units() -> Vec<Unit> {
    [
        (1, "Văn phòng UBND xã", "VP UBND"),
        (2, "Công an xã", "CA xã"),
        (3, "Đoàn Thanh niên", "Đoàn TN"),
        (4, "Hội Nông dân", "HND"),
        (5, "Công chức Địa chính - Xây dựng", "ĐC-XD"),
        (6, "Công chức Tư pháp - Hộ tịch", "TP-HT"),
        (7, "Công chức Văn hóa - Xã hội", "VH-XH"),
    ]
    .into_iter()
    .map(|(id, name, short)| Unit {
        id,
        commune_id: 1,
        name: name.into(),
        short_name: short.into(),
    })
    .collect()
}

fn codes() -> Vec<String> {
    [
        "1.1.a", "1.2.b", "1.2.d", "1.3.a", "TT.a", "KT.c", "KT.d", "KT.đ",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

fn date(y: i32, m: u32, d: u32) -> Due {
    Due::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// A table as an office fills it: BOM, `;`, title rows above the header, a column-number row,
/// group rows, a blank row, several coordinating units in one cell on separate lines.
const GOOD_CSV: &str = "\u{feff}BIỂU TỔNG HỢP NHIỆM VỤ;;;;;;\n\
(Kèm theo Kế hoạch số 10/KH-UBND ngày 16/01/2025);;;;;;\n\
;;;;;;\n\
stt;NHIỆM VỤ;Nội dung;Chủ trì;Phối hợp;Sản phẩm;Thời hạn\n\
(1);(2);(3);(4);(5);(6);(7)\n\
I;Chỉ số nội dung 1: Tham gia của người dân ở cấp cơ sở;;;;;\n\
1;Tuyên truyền Luật Thực hiện dân chủ ở cơ sở;1.1.a;VAN PHONG UBND XA;\"Đoàn TN\nHội Nông dân\";Báo cáo kết quả;30/06/2025\n\
;;;;;;\n\
II;CHỈ SỐ NỘI DUNG 2;;;;;\n\
2;Niêm yết danh sách hộ nghèo;1.2.b;VH-XH;CA XÃ, ĐC-XD;Biên bản niêm yết;Quý II\n\
3;Tiếp công dân định kỳ;1.3.A;TP-HT;;Sổ tiếp công dân;Thường xuyên\n\
4;Kiểm tra đột xuất Bộ phận Một cửa;KT.đ;Văn phòng UBND xã;Công an xã;Kết luận kiểm tra;15/12\n\
5;Họp giao ban;;VP UBND;;Biên bản;Hằng tháng\n";

#[test]
fn good_csv_reads_and_resolves() {
    let rows = read_task_table_bytes(GOOD_CSV.as_bytes(), "bieu.csv").unwrap();
    let summary: Vec<(usize, &str, &str)> = rows
        .iter()
        .map(|r| (r.row, r.stt.as_str(), r.item_code.as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (7, "1", "1.1.a"),
            (10, "2", "1.2.b"),
            (11, "3", "1.3.A"),
            (12, "4", "KT.đ"),
            (13, "5", "")
        ]
    );
    assert_eq!(rows[0].coordinating, vec!["Đoàn TN", "Hội Nông dân"]);
    assert_eq!(rows[1].coordinating, vec!["CA XÃ", "ĐC-XD"]);

    let tasks = match resolve_task_rows(&rows, &units(), &codes(), 2025) {
        Ok(t) => t,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(tasks.len(), 5);
    assert_eq!(tasks[0].lead_unit_id, 1);
    assert_eq!(tasks[0].coordinating_unit_ids, vec![3, 4]);
    assert_eq!(tasks[0].due, date(2025, 6, 30));
    assert_eq!(tasks[1].coordinating_unit_ids, vec![2, 5]);
    assert_eq!(tasks[1].due, date(2025, 6, 30));
    assert_eq!(tasks[2].item_code.as_deref(), Some("1.3.a"));
    assert_eq!(tasks[2].due, Due::Recurring(Recurrence::Ongoing));
    assert_eq!(tasks[3].item_code.as_deref(), Some("KT.đ"));
    assert_eq!(tasks[3].due, date(2025, 12, 15));
    assert_eq!(tasks[4].item_code, None);
    assert_eq!(
        tasks.iter().map(|t| t.position).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
}

/// The same table saved as tab-separated UTF-16 ("Unicode Text") or comma-separated UTF-8
/// reads as the `;` file does.
#[test]
fn every_csv_encoding_and_delimiter_reads_the_same() {
    let want = read_task_table_bytes(GOOD_CSV.as_bytes(), "bieu.csv").unwrap();
    let plain = GOOD_CSV.trim_start_matches('\u{feff}');
    let tabs = plain.replace(';', "\t");
    let utf16: Vec<u8> = std::iter::once(0xFEFF_u16)
        .chain(tabs.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(read_task_table_bytes(&utf16, "bieu.txt").unwrap(), want);
    // `,` with the cells that hold a comma quoted
    let comma: String = plain
        .lines()
        .map(|l| {
            let cells: Vec<String> = l
                .split(';')
                .map(|c| {
                    if c.contains(',') {
                        format!("\"{c}\"")
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            cells.join(",") + "\n"
        })
        .collect();
    assert_eq!(
        read_task_table_bytes(comma.as_bytes(), "bieu.csv").unwrap(),
        want
    );
}

#[test]
fn comma_csv_from_a_file() {
    let dir = std::env::temp_dir().join(format!("papi-docs-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bieu.csv");
    std::fs::write(
        &path,
        "STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n1,Họp dân,1.1.a,HND,\"Đoàn TN; CA xã\",Biên bản,10/7/2025\n",
    )
    .unwrap();
    let rows = read_task_table(&path).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        rows,
        vec![RawTaskRow {
            row: 2,
            stt: "1".into(),
            title: "Họp dân".into(),
            item_code: "1.1.a".into(),
            lead: "HND".into(),
            coordinating: vec!["Đoàn TN".into(), "CA xã".into()],
            deliverable: "Biên bản".into(),
            due: "10/7/2025".into(),
            code: String::new(),
        }]
    );
}

#[test]
fn bad_rows_are_all_reported_and_nothing_is_imported() {
    let csv = "STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n\
1,Việc đúng,1.1.a,VP UBND,,Báo cáo,30/06/2025\n\
2,,1.1.a,VP UBND,,Báo cáo,30/06/2025\n\
3,Việc sai đơn vị,1.1.a,Phòng Kinh tế,Hội Phụ nữ,Báo cáo,30/06/2025\n\
4,Việc sai hạn,1.1.a,VP UBND,,Báo cáo,31/02/2025\n\
5,Việc sai nội dung,1.9.a,VP UBND,,Báo cáo,Quý II\n\
6,Chủ trì kiêm phối hợp,KT.d,CA xã,\"Công an xã, Đoàn TN\",Báo cáo,Thường xuyên\n\
7,Hai chủ trì,,\"VP UBND, CA xã\",,Báo cáo,Thường xuyên\n\
8,Không chủ trì,,,,Báo cáo,sớm\n";
    let rows = read_task_table_bytes(csv.as_bytes(), "x.csv").unwrap();
    assert_eq!(rows.len(), 8);
    let errors = resolve_task_rows(&rows, &units(), &codes(), 2025).unwrap_err();
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        vec![
            "Dòng 3, cột Nhiệm vụ: tên nhiệm vụ đang để trống",
            "Dòng 4, cột Chủ trì: không có đơn vị “Phòng Kinh tế”",
            "Dòng 4, cột Phối hợp: không có đơn vị “Hội Phụ nữ”",
            "Dòng 5, cột Thời hạn: không hiểu thời hạn “31/02/2025” (viết dd/mm/yyyy, Quý II, Tháng 6/2025, Hằng tháng, Hằng quý, Thường xuyên…)",
            "Dòng 6, cột Nội dung: không có nội dung “1.9.a” trong kế hoạch",
            "Dòng 7, cột Phối hợp: đơn vị chủ trì “Công an xã” không ghi lại ở cột Phối hợp",
            "Dòng 8, cột Chủ trì: chỉ ghi một đơn vị chủ trì (“VP UBND, CA xã”); các đơn vị khác ghi ở cột Phối hợp",
            "Dòng 9, cột Chủ trì: chưa ghi đơn vị chủ trì",
            "Dòng 9, cột Thời hạn: không hiểu thời hạn “sớm” (viết dd/mm/yyyy, Quý II, Tháng 6/2025, Hằng tháng, Hằng quý, Thường xuyên…)",
        ]
    );
}

#[test]
fn missing_required_column_is_named() {
    let csv =
        "STT,Nhiệm vụ,Nội dung,Phối hợp,Sản phẩm,Thời hạn\n1,Việc,1.1.a,,Báo cáo,30/06/2025\n";
    let err = read_task_table_bytes(csv.as_bytes(), "x.csv").unwrap_err();
    assert_eq!(err.to_string(), "Thiếu cột “Chủ trì”");
    let none = read_task_table_bytes(b"a,b,c\n1,2,3\n", "x.csv").unwrap_err();
    assert!(matches!(none, TableError::NoHeader));
    let other = read_task_table_bytes(b"", "bieu.ods").unwrap_err();
    assert!(other.to_string().contains(".xlsx"), "{other}");
    let broken = read_task_table_bytes(b"not a zip", "bieu.xlsx").unwrap_err();
    assert!(
        broken.to_string().starts_with("Không đọc được tệp"),
        "{broken}"
    );
}

/// An XLSX as typed in Excel: header on row 3, numbers as numbers, a real date cell.
#[test]
fn xlsx_as_typed_in_excel() {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "BIỂU TỔNG HỢP NHIỆM VỤ NĂM 2025")
        .unwrap();
    let header = [
        "TT",
        "Tên nhiệm vụ",
        "Nội dung",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Sản phẩm",
        "Thời gian hoàn thành",
    ];
    for (i, h) in header.iter().enumerate() {
        s.write_string(2, i as u16, *h).unwrap();
    }
    s.write_string(3, 1, "I. CHỈ SỐ NỘI DUNG 1").unwrap();
    s.write_number(4, 0, 1).unwrap();
    s.write_string(4, 1, "Tuyên truyền bầu cử").unwrap();
    s.write_string(4, 2, "1.1.a").unwrap();
    s.write_string(4, 3, "Văn phòng UBND xã").unwrap();
    s.write_string(4, 4, "Đoàn TN\nHND").unwrap();
    s.write_string(4, 5, "Báo cáo").unwrap();
    let when = ExcelDateTime::from_ymd(2025, 6, 30).unwrap();
    s.write_datetime_with_format(4, 6, &when, &Format::new().set_num_format("dd/mm/yyyy"))
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let rows = read_task_table_bytes(&bytes, "Bieu.XLSX").unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        (r.row, r.stt.as_str(), r.due.as_str()),
        (5, "1", "30/06/2025")
    );
    assert_eq!(r.coordinating, vec!["Đoàn TN", "HND"]);
    let tasks = resolve_task_rows(&rows, &units(), &codes(), 2025).unwrap();
    assert_eq!(tasks[0].due, date(2025, 6, 30));
    assert_eq!(tasks[0].coordinating_unit_ids, vec![3, 4]);
}

#[test]
fn written_xlsx_reads_back_the_same() {
    let rows = vec![
        TaskTableRow {
            stt: "1".into(),
            title: "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở".into(),
            item_code: "1.1.a".into(),
            lead: "Văn phòng UBND xã".into(),
            coordinating: "Đoàn Thanh niên, Hội Nông dân".into(),
            deliverable: "Báo cáo kết quả".into(),
            due: date(2025, 6, 30).label(),
        },
        TaskTableRow {
            stt: "2".into(),
            title: "Kiểm tra đột xuất Bộ phận Một cửa".into(),
            item_code: "KT.đ".into(),
            lead: "Công an xã".into(),
            coordinating: String::new(),
            deliverable: "Kết luận".into(),
            due: Due::Recurring(Recurrence::Ongoing).label(),
        },
        TaskTableRow {
            stt: "3".into(),
            title: "Họp giao ban".into(),
            item_code: String::new(),
            lead: "VP UBND".into(),
            coordinating: "CA xã".into(),
            deliverable: String::new(),
            due: Due::Recurring(Recurrence::Monthly).label(),
        },
    ];
    let bytes = write_task_table_xlsx(&rows, "BIỂU TỔNG HỢP NHIỆM VỤ năm 2025").unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let back = read_task_table_bytes(&bytes, "out.xlsx").unwrap();
    let as_written: Vec<TaskTableRow> = back
        .iter()
        .map(|r| TaskTableRow {
            stt: r.stt.clone(),
            title: r.title.clone(),
            item_code: r.item_code.clone(),
            lead: r.lead.clone(),
            coordinating: r.coordinating.join(", "),
            deliverable: r.deliverable.clone(),
            due: r.due.clone(),
        })
        .collect();
    assert_eq!(as_written, rows);
    assert_eq!(
        back.iter().map(|r| r.row).collect::<Vec<_>>(),
        vec![3, 4, 5]
    );
    let tasks = resolve_task_rows(&back, &units(), &codes(), 2025).unwrap();
    assert_eq!(tasks[1].due, Due::Recurring(Recurrence::Ongoing));
    assert_eq!(tasks[2].due, Due::Recurring(Recurrence::Monthly));
}

#[test]
fn the_task_code_column_is_optional_and_reads_back() {
    let rows = vec![TaskTableRow {
        stt: "1".into(),
        title: "Niêm yết công khai danh sách hộ nghèo".into(),
        item_code: "1.1.a".into(),
        lead: "Công an xã".into(),
        coordinating: String::new(),
        deliverable: "Biên bản niêm yết".into(),
        due: date(2025, 3, 31).label(),
    }];
    let bytes =
        write_coded_task_table_xlsx(&rows, &["NV07".into()], "BIỂU TỔNG HỢP NHIỆM VỤ").unwrap();
    let back = read_task_table_bytes(&bytes, "out.xlsx").unwrap();
    assert_eq!(back[0].code, "NV07");
    assert_eq!(back[0].title, rows[0].title);
    let tasks = resolve_task_rows(&back, &units(), &codes(), 2025).unwrap();
    assert_eq!(tasks[0].code.as_deref(), Some("NV07"));
    // A hand-made CSV with the code first, and one row leaving it empty.
    let csv = "Mã nhiệm vụ,STT,Nhiệm vụ,Chủ trì,Thời hạn\nNV02,1,Họp dân,HND,10/7/2025\n,2,Đối thoại,CA xã,Quý III\n";
    let back = read_task_table_bytes(csv.as_bytes(), "bieu.csv").unwrap();
    assert_eq!(back[0].code, "NV02");
    assert_eq!(back[0].title, "Họp dân");
    assert_eq!(back[1].code, "");
    let tasks = resolve_task_rows(&back, &units(), &codes(), 2025).unwrap();
    assert_eq!(tasks[1].code, None);
    assert_eq!(tasks[1].stt, "2");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_task_table_bytes(&bytes, "x.csv");
    }

    #[test]
    fn csv_like_tables_never_panic(
        cells in prop::collection::vec(
            prop_oneof![
                Just("Chủ trì".to_string()), Just("Nhiệm vụ".to_string()),
                Just("Thời hạn".to_string()), Just("I".to_string()), Just("\"".to_string()),
                Just("VP UBND".to_string()), Just("1.1.a".to_string()), "\\PC{0,8}",
            ],
            0..60,
        ),
        seps in prop::collection::vec(prop_oneof![Just(","), Just(";"), Just("\n"), Just("\t")], 60),
    ) {
        let text: String = cells.iter().zip(seps.iter()).map(|(c, s)| format!("{c}{s}")).collect();
        if let Ok(rows) = read_task_table_bytes(text.as_bytes(), "x.csv") {
            let _ = resolve_task_rows(&rows, &units(), &codes(), 2025);
        }
    }
}

/// A title typed with a right-to-left override (or control characters) is stored as it reads.
#[test]
fn bidi_overrides_are_dropped_from_titles() {
    let csv = "STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n\
               1,Niêm yết \u{202E}fdp.exe\u{0007},1.1.a,Văn phòng UBND xã,,Báo\u{200F}cáo,30/06/2025\n";
    let rows = read_task_table_bytes(csv.as_bytes(), "bieu.csv").unwrap();
    let tasks = resolve_task_rows(&rows, &units(), &codes(), 2025).unwrap();
    assert_eq!(tasks[0].title, "Niêm yết fdp.exe");
    assert_eq!(tasks[0].deliverable, "Báocáo");
}
