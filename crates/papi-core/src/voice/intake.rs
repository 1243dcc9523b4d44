//! One intake for every channel: what the law requires of each kind of matter before it is
//! entered, and how duplicates are recognised so they link rather than count twice.

use chrono::NaiveDate;
use serde::Serialize;

use super::kind::{Channel, MatterKind};
use super::matter::Requester;
use crate::text::{fold, limits};

/// What an officer (or the public form) submits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IntakeForm {
    pub kind: Option<MatterKind>,
    pub channel: Option<Channel>,
    pub received_on: Option<NaiveDate>,
    pub title: String,
    pub content: String,
    pub requester: Requester,
    pub village_id: Option<i64>,
    pub place: String,
    pub portal_code: String,
    pub referrer: String,
    pub respondent: String,
    pub publish_consent: bool,
}

/// One refusal: which field, and what is wrong, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn err(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

/// Reception must take the ID number from this day (Luật Tiếp công dân Điều 25 as amended by
/// Luật 136/2025/QH15).
pub fn id_number_required_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date")
}

/// Checks a form; every problem is listed with its field.
pub fn check(f: &IntakeForm, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let Some(kind) = f.kind else {
        errors.push(err(
            "kind",
            "Chọn loại vụ việc: phản ánh, kiến nghị; khiếu nại; hoặc tố cáo.",
        ));
        return Err(errors);
    };
    let Some(channel) = f.channel else {
        errors.push(err("channel", "Chọn kênh tiếp nhận."));
        return Err(errors);
    };
    match f.received_on {
        None => errors.push(err("received_on", "Nhập ngày tiếp nhận (dd/mm/yyyy).")),
        Some(d) if d > today => errors.push(err(
            "received_on",
            "Ngày tiếp nhận không được sau ngày hôm nay.",
        )),
        _ => {}
    }
    if f.title.trim().is_empty() {
        errors.push(err("title", "Nhập tóm tắt vụ việc (một dòng)."));
    }
    if f.content.trim().is_empty() {
        errors.push(err("content", "Nhập nội dung vụ việc."));
    }
    for (field, label, value, max) in [
        ("title", "Tóm tắt", &f.title, limits::TITLE),
        ("content", "Nội dung", &f.content, limits::TEXT),
        ("name", "Họ và tên", &f.requester.name, limits::NAME),
        ("address", "Địa chỉ", &f.requester.address, limits::TITLE),
        ("place", "Địa điểm", &f.place, limits::TITLE),
        (
            "respondent",
            "Người, cơ quan bị khiếu nại/tố cáo",
            &f.respondent,
            limits::TITLE,
        ),
    ] {
        if let Err(m) = limits::check(label, value, max) {
            errors.push(err(field, m));
        }
    }
    let r = &f.requester;
    if !r.email.trim().is_empty() && !looks_like_email(r.email.trim()) {
        errors.push(err(
            "email",
            format!("«{}» không phải là địa chỉ thư điện tử.", r.email.trim()),
        ));
    }
    if !r.phone.trim().is_empty() && !looks_like_phone(&r.phone) {
        errors.push(err(
            "phone",
            format!("«{}» không phải là số điện thoại.", r.phone.trim()),
        ));
    }
    if !r.id_number.trim().is_empty() && !looks_like_id_number(&r.id_number) {
        errors.push(err(
            "id_number",
            "Số định danh cá nhân (căn cước) gồm 12 chữ số; hộ chiếu gồm 8–9 ký tự.",
        ));
    }
    if matches!(kind, MatterKind::Complaint | MatterKind::Denunciation) {
        // Luật Khiếu nại Điều 8 khoản 2; Luật Tố cáo Điều 23: the letter states name and address.
        if r.name.trim().is_empty() {
            errors.push(err("name", if kind == MatterKind::Denunciation {
                "Tố cáo phải ghi rõ họ tên người tố cáo (Luật Tố cáo Điều 23). Tin báo nặc danh \
                 không xử lý như tố cáo (Điều 25): hãy tiếp nhận như phản ánh."
            } else {
                "Đơn khiếu nại phải ghi rõ họ tên người khiếu nại (Luật Khiếu nại Điều 8)."
            }));
        }
        if r.address.trim().is_empty() {
            errors.push(err("address", "Đơn phải ghi rõ địa chỉ của người gửi."));
        }
        if f.respondent.trim().is_empty() {
            errors.push(err(
                "respondent",
                "Ghi rõ người, cơ quan hoặc quyết định bị khiếu nại/tố cáo.",
            ));
        }
    }
    if kind == MatterKind::Denunciation && matches!(channel, Channel::WebForm | Channel::Phone) {
        errors.push(err(
            "channel",
            "Tố cáo được tiếp nhận bằng đơn hoặc trực tiếp (Luật Tố cáo Điều 22, 25); qua \
             điện thoại hay biểu mẫu trực tuyến chỉ tiếp nhận như phản ánh.",
        ));
    }
    if channel == Channel::Reception
        && f.received_on
            .is_some_and(|d| d >= id_number_required_from())
        && r.id_number.trim().is_empty()
    {
        errors.push(err(
            "id_number",
            "Từ 01/07/2026 người đến nơi tiếp công dân phải xuất trình số định danh cá nhân \
             (Luật Tiếp công dân Điều 25, sửa đổi bởi Luật 136/2025/QH15).",
        ));
    }
    if channel == Channel::NationalPortal && !looks_like_portal_code(&f.portal_code) {
        errors.push(err(
            "portal_code",
            "Nhập mã phản ánh trên Cổng Dịch vụ công quốc gia, dạng PAKN.yyyymmdd.nnnn.",
        ));
    }
    if channel == Channel::Referral && f.referrer.trim().is_empty() {
        errors.push(err("referrer", "Ghi rõ cơ quan, tổ chức chuyển đơn đến."));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn looks_like_email(s: &str) -> bool {
    let mut parts = s.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(user), Some(host), None)
            if !user.is_empty() && host.contains('.') && !host.starts_with('.')
                && !host.ends_with('.') && !s.chars().any(char::is_whitespace)
    )
}

fn looks_like_phone(s: &str) -> bool {
    let digits: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '+'))
        .collect();
    digits.chars().all(|c| c.is_ascii_digit()) && (8..=12).contains(&digits.len())
}

fn looks_like_id_number(s: &str) -> bool {
    let s = s.trim();
    (s.len() == 12 && s.chars().all(|c| c.is_ascii_digit()))
        || ((8..=9).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// PAKN.yyyymmdd.nnnn, the national portal's tracking code.
pub fn looks_like_portal_code(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split('.').collect();
    parts.len() == 3
        && parts[0].eq_ignore_ascii_case("PAKN")
        && parts[1].len() == 8
        && parts[1].chars().all(|c| c.is_ascii_digit())
        && !parts[2].is_empty()
        && parts[2].chars().all(|c| c.is_ascii_digit())
}

/// What duplicate detection compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub id: i64,
    pub kind: MatterKind,
    pub person: Requester,
    pub village_id: Option<i64>,
    pub place: String,
    pub title: String,
    pub portal_code: String,
}

fn same_person(a: &Requester, b: &Requester) -> bool {
    let eq = |x: &str, y: &str| !x.trim().is_empty() && fold(x.trim()) == fold(y.trim());
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    eq(&a.id_number, &b.id_number)
        || eq(&a.email, &b.email)
        || (!digits(&a.phone).is_empty() && digits(&a.phone) == digits(&b.phone))
        || (eq(&a.name, &b.name) && eq(&a.address, &b.address))
}

fn words(s: &str) -> std::collections::BTreeSet<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

/// Share of words two titles have in common (Jaccard).
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / a.union(&b).count() as f64
}

/// Earlier open matters that `new` likely repeats: the same portal code, or the same person
/// about the same place or subject (FixMyStreet-style: suggested, and linked by the officer).
pub fn likely_duplicates(new: &Fingerprint, earlier: &[Fingerprint]) -> Vec<i64> {
    earlier
        .iter()
        .filter(|e| e.id != new.id && e.kind == new.kind)
        .filter(|e| {
            (!new.portal_code.trim().is_empty()
                && e.portal_code
                    .trim()
                    .eq_ignore_ascii_case(new.portal_code.trim()))
                || (same_person(&e.person, &new.person)
                    && ((e.village_id.is_some()
                        && e.village_id == new.village_id
                        && similarity(&e.title, &new.title) >= 0.3)
                        || (!e.place.trim().is_empty() && fold(&e.place) == fold(&new.place))
                        || similarity(&e.title, &new.title) >= 0.5))
        })
        .map(|e| e.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn form(kind: MatterKind, channel: Channel) -> IntakeForm {
        IntakeForm {
            kind: Some(kind),
            channel: Some(channel),
            received_on: Some(d(2026, 7, 6)),
            title: "Đèn đường thôn Đông hỏng".into(),
            content: "Ba cột đèn không sáng từ tuần trước.".into(),
            ..Default::default()
        }
    }

    fn fields(r: Result<(), Vec<FieldError>>) -> Vec<&'static str> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn feedback_needs_only_what_it_says() {
        assert!(check(&form(MatterKind::Feedback, Channel::WebForm), d(2026, 7, 6)).is_ok());
        let mut f = form(MatterKind::Feedback, Channel::WebForm);
        f.requester.email = "không-phải-thư".into();
        f.received_on = Some(d(2026, 7, 7));
        assert_eq!(
            fields(check(&f, d(2026, 7, 6))),
            vec!["received_on", "email"]
        );
    }

    #[test]
    fn an_anonymous_denunciation_is_not_a_denunciation() {
        let f = form(MatterKind::Denunciation, Channel::Letter);
        let errors = check(&f, d(2026, 7, 6)).unwrap_err();
        assert!(errors[0].message.contains("Điều 25"), "{errors:?}");
        assert_eq!(fields(Err(errors)), vec!["name", "address", "respondent"]);
        let f = form(MatterKind::Denunciation, Channel::WebForm);
        assert!(fields(check(&f, d(2026, 7, 6))).contains(&"channel"));
    }

    #[test]
    fn reception_takes_the_id_number_from_july_2026() {
        let mut f = form(MatterKind::Feedback, Channel::Reception);
        assert_eq!(fields(check(&f, d(2026, 7, 6))), vec!["id_number"]);
        f.received_on = Some(d(2026, 6, 30));
        assert!(check(&f, d(2026, 7, 6)).is_ok());
        f.received_on = Some(d(2026, 7, 6));
        f.requester.id_number = "034090001234".into();
        assert!(check(&f, d(2026, 7, 6)).is_ok());
    }

    #[test]
    fn the_portal_code_has_the_portals_form() {
        assert!(looks_like_portal_code("PAKN.20200812.0012"));
        assert!(!looks_like_portal_code("PAKN.2020812.0012"));
        let f = form(MatterKind::Feedback, Channel::NationalPortal);
        assert_eq!(fields(check(&f, d(2026, 7, 6))), vec!["portal_code"]);
    }

    #[test]
    fn the_same_person_about_the_same_thing_is_a_duplicate() {
        let person = Requester {
            name: "Trần Thị Hoa".into(),
            phone: "0912 345 678".into(),
            ..Default::default()
        };
        let fp = |id, title: &str, person: Requester| Fingerprint {
            id,
            kind: MatterKind::Feedback,
            person,
            village_id: Some(2),
            place: String::new(),
            title: title.into(),
            portal_code: String::new(),
        };
        let earlier = vec![
            fp(1, "Đèn đường thôn Đông bị hỏng", person.clone()),
            fp(2, "Rác thải ở chợ", person.clone()),
            fp(3, "Đèn đường thôn Đông bị hỏng", Requester::default()),
        ];
        let mut again = person.clone();
        again.phone = "0912345678".into();
        let new = fp(9, "den duong thon Dong hong", again);
        assert_eq!(likely_duplicates(&new, &earlier), vec![1]);
    }
}
