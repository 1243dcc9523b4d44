//! A year's schedule as lines an admin can read, edit and paste from a file:
//! `dd/mm/yyyy | loại | tên | căn cứ`, where loại is `nghỉ lễ`, `nghỉ bù`, `nghỉ hoán đổi` or
//! `làm bù`. Errors name the line.

use chrono::{Datelike, NaiveDate};

use crate::schedule::{DayKind, DayOff, YearSchedule};
use crate::status::Status;

const KINDS: [(DayKind, &str, &[&str]); 4] = [
    (DayKind::Holiday, "nghỉ lễ", &["nghi le", "holiday"]),
    (
        DayKind::Compensatory,
        "nghỉ bù",
        &["nghi bu", "compensatory"],
    ),
    (
        DayKind::Swapped,
        "nghỉ hoán đổi",
        &["nghi hoan doi", "swapped"],
    ),
    (
        DayKind::MakeUpWorkday,
        "làm bù",
        &["lam bu", "make_up_workday"],
    ),
];

pub fn kind_label(kind: DayKind) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, l, _)| *l)
        .unwrap_or("")
}

/// Lower-case without Vietnamese diacritics, for matching what admins type.
fn plain(s: &str) -> String {
    const FROM: &str = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ";
    const TO: &str = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            FROM.chars()
                .position(|f| f == c)
                .and_then(|i| TO.chars().nth(i))
                .unwrap_or(c)
        })
        .collect()
}

/// The schedule as editable lines.
pub fn to_lines(s: &YearSchedule) -> String {
    s.days
        .iter()
        .map(|d| {
            format!(
                "{} | {} | {} | {}",
                d.date.format("%d/%m/%Y"),
                kind_label(d.kind),
                d.name_vi,
                d.source
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads edited lines back into the schedule of `year`; every problem names its line.
pub fn parse_lines(year: i32, source: &str, text: &str) -> Result<YearSchedule, Vec<String>> {
    let mut days = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        if parts.len() < 3 {
            errors.push(format!(
                "Dòng {line_no}: cần ít nhất “ngày | loại | tên”, có “{line}”."
            ));
            continue;
        }
        let Ok(date) = NaiveDate::parse_from_str(parts[0], "%d/%m/%Y") else {
            errors.push(format!(
                "Dòng {line_no}: ngày “{}” không đúng dạng dd/mm/yyyy.",
                parts[0]
            ));
            continue;
        };
        if date.year() != year {
            errors.push(format!(
                "Dòng {line_no}: ngày {} không thuộc năm {year}.",
                parts[0]
            ));
            continue;
        }
        let typed = plain(parts[1]);
        let Some(kind) = KINDS
            .iter()
            .find(|(_, label, aliases)| plain(label) == typed || aliases.contains(&typed.as_str()))
            .map(|(k, _, _)| *k)
        else {
            errors.push(format!(
                "Dòng {line_no}: loại “{}” không có; dùng nghỉ lễ, nghỉ bù, nghỉ hoán đổi hoặc làm bù.",
                parts[1]
            ));
            continue;
        };
        if parts[2].is_empty() {
            errors.push(format!("Dòng {line_no}: thiếu tên ngày."));
            continue;
        }
        days.push(DayOff {
            date,
            name_vi: parts[2].to_string(),
            kind,
            source: parts
                .get(3)
                .filter(|s| !s.is_empty())
                .unwrap_or(&source)
                .to_string(),
            status: Status::Sec,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let schedule = YearSchedule {
        year,
        provisional: false,
        source: source.to_string(),
        days,
    }
    .sorted();
    schedule
        .validate(crate::holidays::is_weekly_rest)
        .map_err(|e| vec![format!("Lịch không hợp lệ: {e}")])?;
    Ok(schedule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_official_2025_schedule() {
        let cal = crate::Calendar::new();
        let s = cal.schedule(2025);
        let back = parse_lines(2025, &s.source, &to_lines(&s)).unwrap();
        assert_eq!(back.days.len(), s.days.len());
        assert_eq!(
            back.days
                .iter()
                .map(|d| (d.date, d.kind))
                .collect::<Vec<_>>(),
            s.days.iter().map(|d| (d.date, d.kind)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn names_the_bad_lines() {
        let text = "01/01/2027 | nghỉ lễ | Tết Dương lịch\n32/01/2027 | nghỉ lễ | x\n02/01/2027 | nghỉ ngơi | x\n# ghi chú\n05/05/2026 | lam bu | y";
        let errs = parse_lines(2027, "QĐ", text).unwrap_err();
        assert_eq!(errs.len(), 3);
        assert!(
            errs[0].starts_with("Dòng 2")
                && errs[1].starts_with("Dòng 3")
                && errs[2].starts_with("Dòng 5")
        );
        let make_up_on_monday =
            parse_lines(2027, "QĐ", "04/01/2027 | làm bù | Làm bù").unwrap_err();
        assert!(make_up_on_monday[0].contains("không hợp lệ"));
        let ok = parse_lines(
            2027,
            "QĐ",
            "01/01/2027 | Nghi le | Tết Dương lịch | BLLĐ 2019",
        )
        .unwrap();
        assert_eq!(ok.days[0].kind, DayKind::Holiday);
    }
}
