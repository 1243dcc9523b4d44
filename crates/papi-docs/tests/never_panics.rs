//! The importers meet documents nobody has seen: whatever the input, they answer (with
//! warnings or an error), they never panic.

mod support;

use papi_docs::plan_import::{docx_to_text, parse_plan_text};
use proptest::prelude::*;

fn seed_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/ke-hoach-10-KH-UBND-luong-tai-2025.txt"
    );
    std::fs::read_to_string(path).expect("seed plan")
}

/// Text built from the pieces plans are made of, so the parser's branches are reached.
fn planish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a) ".to_string()),
        Just("đ) ".to_string()),
        Just("(1) ".to_string()),
        Just("1.1. Nội dung “Quản trị điện tử”".to_string()),
        Just("### II. NỘI DUNG".to_string()),
        Just("**KẾ HOẠCH**".to_string()),
        Just("Số: 10 /KH - UBND".to_string()),
        Just(", ngày 16 tháng 01 năm 2025".to_string()),
        Just("6 tháng đầu năm trước ngày 10/7/2025 từ ngày 01/01/2025 đến ngày".to_string()),
        Just("báo cáo năm trước 10/01 quý IV trước".to_string()),
        Just("chậm nhất 99999999999 ngày làm việc Kế hoạch".to_string()),
        Just("Điều 1. ".to_string()),
        Just("Kiểm tra, giám sát".to_string()),
        Just("| ô | bảng |".to_string()),
        Just("| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn | Sản phẩm |".to_string()),
        Just("|---|---|---|---|---|---|".to_string()),
        Just("| I | Tham gia của người dân ở cấp cơ sở | | |".to_string()),
        Just("| 1 | Họp dân | Văn phòng | Công an xã, Đoàn | Quý II/2025 | Biên bản |".to_string()),
        Just("| IX | Công tác thông tin, tuyên truyền |".to_string()),
        Just("| A | NHIỆM VỤ CHUNG | | | Tháng 13/2025 | |".to_string()),
        Just("Trước ngày 99 tháng 99 năm 99999 Thường xuyên Quý V/2025".to_string()),
        Just("1. Lĩnh vực “Quản trị môi trường”: (1) ; (2) a) b) ".to_string()),
        Just("A. MỤC ĐÍCH ".to_string()),
        Just("số liệu từ 31.12.2024 đến 01-01-2024".to_string()),
        Just("|".to_string()),
        Just("[nhãn](http://x".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text(s in "\\PC*") {
        let _ = parse_plan_text(&s);
    }

    #[test]
    fn plan_like_text(s in planish()) {
        let p = parse_plan_text(&s);
        let _ = serde_json::to_string(&p).unwrap();
    }

    #[test]
    fn shuffled_and_mutated_seed(
        order in Just((0..221usize).collect::<Vec<_>>()).prop_shuffle(),
        keep in 1..221usize,
        cut in any::<prop::sample::Index>(),
        insert in "\\PC{0,20}",
    ) {
        let seed = seed_text();
        let lines: Vec<&str> = seed.lines().collect();
        let mut picked: Vec<String> = order
            .iter()
            .filter(|&&i| i < lines.len())
            .take(keep)
            .map(|&i| lines[i].to_string())
            .collect();
        if !picked.is_empty() {
            let i = cut.index(picked.len());
            let line = &picked[i];
            let at = line.char_indices().map(|(b, _)| b).nth(line.chars().count() / 2).unwrap_or(0);
            let mutated = format!("{}{}{}", &line[..at], insert, &line[at..]);
            picked[i] = mutated;
        }
        let _ = parse_plan_text(&picked.join("\n"));
    }

    #[test]
    fn seed_truncated_anywhere(cut in any::<prop::sample::Index>()) {
        let seed = seed_text();
        let ends: Vec<usize> = seed.char_indices().map(|(i, _)| i).collect();
        let _ = parse_plan_text(&seed[..ends[cut.index(ends.len())]]);
    }

    #[test]
    fn random_task_tables_in_docx(
        rows in prop::collection::vec(prop::collection::vec("\\PC{0,16}", 0..8), 0..12),
    ) {
        let mut markup = String::from(
            "| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn | Sản phẩm |\n",
        );
        for r in &rows {
            let cells: Vec<String> = r.iter().map(|c| c.replace(['|', '\n', '\r'], " ")).collect();
            markup.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        let bytes = support::plan_docx::build(&markup);
        let text = docx_to_text(&bytes).unwrap();
        let p = parse_plan_text(&text);
        let _ = serde_json::to_string(&p).unwrap();
        let _ = p.dimensions_found();
    }

    #[test]
    fn arbitrary_bytes_as_docx(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = docx_to_text(&bytes);
    }
}
