//! A register entry (one version of a disclosed content) and the forms it was disclosed in,
//! with the checks on what a user types before anything is stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::group::{group_title, Topic};
use crate::clock::format_date;
use crate::text::limits;

/// Where a version stands in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisclosureState {
    /// The current version of the content.
    Current,
    /// Replaced by a newer version after the content changed; kept as it was.
    Replaced,
    /// Taken down: the posting ended on `taken_down_on`.
    TakenDown,
}

impl DisclosureState {
    pub fn code(self) -> &'static str {
        match self {
            DisclosureState::Current => "current",
            DisclosureState::Replaced => "replaced",
            DisclosureState::TakenDown => "taken_down",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::Current, Self::Replaced, Self::TakenDown]
            .into_iter()
            .find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            DisclosureState::Current => "Hiện hành",
            DisclosureState::Replaced => "Đã được công khai lại (bản cũ)",
            DisclosureState::TakenDown => "Đã gỡ",
        }
    }
}

/// One version of a disclosed content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    pub id: i64,
    pub commune_id: i64,
    /// The group of Điều 11 (1–14).
    pub group: u8,
    pub topic: Option<Topic>,
    pub title: String,
    pub legal_basis: String,
    /// The day of the decision or document: the publication clock runs from it.
    pub decided_on: NaiveDate,
    /// The village it concerns; `None` for the whole commune (posted in every village).
    pub village_id: Option<i64>,
    pub version: i32,
    /// The version this one replaces.
    pub replaces: Option<i64>,
    pub state: DisclosureState,
    pub taken_down_on: Option<NaiveDate>,
    /// Where it comes from when another process opened it ("inspection:12"); empty otherwise.
    pub source: String,
    pub created_by: String,
    pub created_on: NaiveDate,
    /// The attached document's name, if any (the bytes stay in storage).
    pub document_name: Option<String>,
}

/// How a content was disclosed (Đ.12 k.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// Posting at the commune People's Council and Committee office.
    Office,
    /// Posting at a village's cultural house or community point.
    Village,
    /// The commune's web portal.
    Portal,
    /// The commune loudspeakers, on given days.
    Loudspeaker,
    /// Through the village head: meeting, to each household, message group.
    VillageHead,
    /// Any other form the law lists (letters, dialogue conference, press…).
    Other,
}

impl FormKind {
    pub const ALL: [FormKind; 6] = [
        FormKind::Office,
        FormKind::Village,
        FormKind::Portal,
        FormKind::Loudspeaker,
        FormKind::VillageHead,
        FormKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FormKind::Office => "office",
            FormKind::Village => "village",
            FormKind::Portal => "portal",
            FormKind::Loudspeaker => "loudspeaker",
            FormKind::VillageHead => "village_head",
            FormKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            FormKind::Office => "Niêm yết tại trụ sở HĐND, UBND xã",
            FormKind::Village => "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng thôn",
            FormKind::Portal => "Đăng trên cổng thông tin điện tử",
            FormKind::Loudspeaker => "Phát trên hệ thống truyền thanh",
            FormKind::VillageHead => {
                "Thông qua trưởng thôn (hội nghị thôn, đến từng hộ, nhóm tin nhắn)"
            }
            FormKind::Other => "Hình thức khác",
        }
    }
}

/// One form of one version: where, from when, until when (none while still up), who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Form {
    pub id: i64,
    pub disclosure_id: i64,
    pub kind: FormKind,
    /// The village of a village posting or a village head's meeting.
    pub village_id: Option<i64>,
    /// The portal address.
    pub url: String,
    pub from: NaiveDate,
    /// The last day it was up; `None` while it still is.
    pub until: Option<NaiveDate>,
    /// The loudspeaker days (sorted, distinct).
    pub days: Vec<NaiveDate>,
    pub note: String,
    pub done_by: String,
}

/// Checks a new entry as typed: the group exists, the title and basis are there and not too
/// long, and the decision is not in the future.
pub fn validate_entry(
    group: u8,
    title: &str,
    legal_basis: &str,
    decided_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    if group_title(group).is_none() {
        return Err(format!(
            "Nhóm nội dung: «{group}» không thuộc 14 nhóm của Luật 10/2022/QH15 Điều 11 (chọn từ 1 đến 14)."
        ));
    }
    if title.trim().is_empty() {
        return Err("Tên nội dung công khai: chưa nhập.".into());
    }
    limits::check("Tên nội dung công khai", title, limits::TITLE)?;
    if legal_basis.trim().is_empty() {
        return Err("Căn cứ pháp lý: chưa nhập (ví dụ: Luật 10/2022/QH15 Điều 11 khoản 2).".into());
    }
    limits::check("Căn cứ pháp lý", legal_basis, limits::TITLE)?;
    if decided_on > today {
        return Err(format!(
            "Ngày ban hành quyết định, văn bản: {} là ngày trong tương lai (hôm nay {}).",
            format_date(decided_on),
            format_date(today)
        ));
    }
    Ok(())
}

/// Checks a form as typed against its entry: a village for village postings and meetings, an
/// address for the portal, days for the loudspeaker, an end not before the start, nothing in
/// the future, nothing before the decision.
pub fn validate_form(entry: &Disclosure, form: &Form, today: NaiveDate) -> Result<(), String> {
    if entry.state == DisclosureState::Replaced {
        return Err(
            "Bản này đã được công khai lại bằng bản mới; hãy ghi hình thức công khai vào bản mới."
                .into(),
        );
    }
    match form.kind {
        FormKind::Village | FormKind::VillageHead if form.village_id.is_none() => {
            return Err("Thôn: chưa chọn thôn nơi niêm yết hoặc họp.".into());
        }
        FormKind::Portal => {
            let url = form.url.trim();
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(
                    "Địa chỉ cổng thông tin: cần một địa chỉ bắt đầu bằng http:// hoặc https://."
                        .into(),
                );
            }
            limits::check("Địa chỉ cổng thông tin", url, limits::TITLE)?;
        }
        FormKind::Loudspeaker if form.days.is_empty() => {
            return Err("Ngày phát thanh: chưa nhập ngày phát nào (dd/mm/yyyy, mỗi ngày một dòng hoặc cách nhau bằng dấu phẩy).".into());
        }
        _ => {}
    }
    limits::check("Ghi chú", &form.note, limits::TEXT)?;
    if let Some(until) = form.until {
        if until < form.from {
            return Err(format!(
                "Đến ngày: {} trước ngày bắt đầu {}.",
                format_date(until),
                format_date(form.from)
            ));
        }
    }
    let last = form
        .days
        .last()
        .copied()
        .unwrap_or(form.from)
        .max(form.from);
    if last > today || form.until.is_some_and(|u| u > today) {
        return Err(format!(
            "Ngày công khai: không ghi trước việc chưa diễn ra (hôm nay {}).",
            format_date(today)
        ));
    }
    let first = form
        .days
        .first()
        .copied()
        .unwrap_or(form.from)
        .min(form.from);
    if first < entry.decided_on {
        return Err(format!(
            "Từ ngày: {} trước ngày ban hành văn bản {}.",
            format_date(first),
            format_date(entry.decided_on)
        ));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    /// A commune-wide entry of `group` decided on `decided_on`.
    pub(crate) fn entry(group: u8, decided_on: NaiveDate) -> Disclosure {
        Disclosure {
            id: 1,
            commune_id: 1,
            group,
            topic: None,
            title: "Dự toán ngân sách".into(),
            legal_basis: "Luật 10/2022/QH15 Điều 11 khoản 2".into(),
            decided_on,
            village_id: None,
            version: 1,
            replaces: None,
            state: DisclosureState::Current,
            taken_down_on: None,
            source: String::new(),
            created_by: "Văn phòng".into(),
            created_on: decided_on,
            document_name: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::entry;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn form(kind: FormKind, from: NaiveDate) -> Form {
        Form {
            id: 0,
            disclosure_id: 1,
            kind,
            village_id: None,
            url: String::new(),
            from,
            until: None,
            days: vec![],
            note: String::new(),
            done_by: String::new(),
        }
    }

    #[test]
    fn entries_are_checked_field_by_field() {
        let today = d(2025, 10, 15);
        assert!(validate_entry(15, "A", "B", today, today)
            .unwrap_err()
            .contains("Nhóm"));
        assert!(validate_entry(2, " ", "B", today, today)
            .unwrap_err()
            .contains("Tên"));
        assert!(validate_entry(2, "A", "", today, today)
            .unwrap_err()
            .contains("Căn cứ"));
        assert!(validate_entry(2, "A", "B", d(2025, 10, 16), today)
            .unwrap_err()
            .contains("16/10/2025"));
        assert!(validate_entry(2, "A", "B", today, today).is_ok());
    }

    #[test]
    fn forms_need_their_own_facts() {
        let today = d(2025, 10, 15);
        let e = entry(7, d(2025, 10, 1));
        let v = form(FormKind::Village, d(2025, 10, 2));
        assert!(validate_form(&e, &v, today)
            .unwrap_err()
            .starts_with("Thôn"));
        let p = form(FormKind::Portal, d(2025, 10, 2));
        assert!(validate_form(&e, &p, today).unwrap_err().contains("http"));
        let l = form(FormKind::Loudspeaker, d(2025, 10, 2));
        assert!(validate_form(&e, &l, today).unwrap_err().contains("phát"));
        let mut o = form(FormKind::Office, d(2025, 9, 30));
        assert!(validate_form(&e, &o, today)
            .unwrap_err()
            .contains("trước ngày ban hành"));
        o.from = d(2025, 10, 5);
        o.until = Some(d(2025, 10, 4));
        assert!(validate_form(&e, &o, today)
            .unwrap_err()
            .contains("Đến ngày"));
        o.until = None;
        assert!(validate_form(&e, &o, today).is_ok());
        let mut old = e.clone();
        old.state = DisclosureState::Replaced;
        assert!(validate_form(&old, &o, today)
            .unwrap_err()
            .contains("bản mới"));
    }
}
