//! E-mail: what a message is about, who receives which kind unless they switch it off, what a
//! valid address is, and how long to wait before trying a failed message again. Sending is
//! papi-app's; queuing is papi-store's. Everything here is pure.

use std::time::Duration;

use serde::Serialize;

use crate::agenda::{Obligation, Today, Urgency};
use crate::Role;

/// What a message is about. The code is stored in the outbox and in users' preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    /// The acknowledgement to a resident who gave an address with their feedback.
    ResidentAck,
    /// A notice or answer to a resident.
    ResidentNotice,
    /// A matter or task assigned to a staff member.
    Assignment,
    /// An obligation of the user's falls due within the commune's window.
    DueSoon,
    /// An obligation of the user's is past its date and still open.
    Late,
    /// Once a day: what is late and what falls due soon in the user's scope.
    DailyDigest,
}

impl MailKind {
    pub const ALL: [MailKind; 6] = [
        MailKind::ResidentAck,
        MailKind::ResidentNotice,
        MailKind::Assignment,
        MailKind::DueSoon,
        MailKind::Late,
        MailKind::DailyDigest,
    ];

    /// The kinds a staff member chooses to receive or not, in the order the page lists them.
    pub const STAFF: [MailKind; 4] = [
        MailKind::Assignment,
        MailKind::DueSoon,
        MailKind::Late,
        MailKind::DailyDigest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MailKind::ResidentAck => "resident_ack",
            MailKind::ResidentNotice => "resident_notice",
            MailKind::Assignment => "assignment",
            MailKind::DueSoon => "due_soon",
            MailKind::Late => "late",
            MailKind::DailyDigest => "daily_digest",
        }
    }

    pub fn parse(code: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            MailKind::ResidentAck => "Xác nhận đã nhận (gửi người dân)",
            MailKind::ResidentNotice => "Thông báo, trả lời (gửi người dân)",
            MailKind::Assignment => "Được giao việc, giao vụ việc",
            MailKind::DueSoon => "Nhắc việc sắp đến hạn",
            MailKind::Late => "Nhắc việc đã quá hạn",
            MailKind::DailyDigest => "Tóm tắt hằng ngày",
        }
    }

    /// Whether a staff member may switch this kind off. A resident's acknowledgement or answer
    /// is the commune's duty to the resident, not a staff member's preference.
    pub fn staff_may_switch_off(self) -> bool {
        !matches!(self, MailKind::ResidentAck | MailKind::ResidentNotice)
    }

    /// Whether a user of `role` receives this kind before choosing. Those who owe the work
    /// (units' heads and officers) hear of each deadline; the office, which chases the units,
    /// hears of lateness and reads the digest; the chairman reads only the digest, so as not to
    /// be sent every unit's deadline one by one. Supervisors (the Front, village heads) and
    /// administrators owe no deadlines and receive only what is assigned to them; province
    /// viewers belong to no commune and receive nothing.
    pub fn default_for(self, role: Role) -> bool {
        use Role::*;
        match self {
            MailKind::ResidentAck | MailKind::ResidentNotice => true,
            MailKind::Assignment => !role.is_province(),
            MailKind::DueSoon => matches!(role, UnitHead | Officer),
            MailKind::Late => matches!(role, UnitHead | Officer | Office),
            MailKind::DailyDigest => matches!(role, Chairman | Office | UnitHead),
        }
    }
}

/// Whether a user of `role` who chose `choice` for `kind` (`None`: never chose) receives it.
/// Residents' mail is not a staff choice; province viewers belong to no commune's mail.
pub fn receives(kind: MailKind, role: Role, choice: Option<bool>) -> bool {
    if !kind.staff_may_switch_off() {
        return true;
    }
    if role.is_province() {
        return false;
    }
    choice.unwrap_or(kind.default_for(role))
}

/// Checks an e-mail address as typed and returns it trimmed. Only plain ASCII addresses
/// (`ten@mien.vn`): a server without SMTPUTF8 would refuse the others, and an address with
/// diacritics is nearly always a typing slip.
pub fn check_address(addr: &str) -> Result<String, String> {
    let a = addr.trim();
    let bad = |why: &str| Err(format!("Địa chỉ thư điện tử «{a}» không hợp lệ: {why}."));
    if a.is_empty() {
        return Err("Chưa nhập địa chỉ thư điện tử.".into());
    }
    if a.len() > 254 {
        return bad("dài quá 254 ký tự");
    }
    if !a.is_ascii() {
        return bad("chỉ được dùng chữ không dấu, số và các ký hiệu . _ - + @");
    }
    if a.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("có khoảng trắng");
    }
    let Some((local, domain)) = a.split_once('@') else {
        return bad("thiếu dấu @");
    };
    if domain.contains('@') {
        return bad("có hơn một dấu @");
    }
    if local.is_empty() || local.len() > 64 {
        return bad("phần trước dấu @ phải có từ 1 đến 64 ký tự");
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._-+!#$%&'*/=?^`{|}~".contains(c));
    if !local_ok || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return bad("phần trước dấu @ có ký tự không được phép");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return bad("tên miền sau dấu @ phải có dấu chấm, ví dụ luongtai.gov.vn");
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !labels.iter().all(|l| label_ok(l)) {
        return bad("tên miền sau dấu @ sai");
    }
    Ok(a.to_string())
}

/// After this many failed tries a message is given up and shown as failed.
pub const MAX_ATTEMPTS: i64 = 10;

/// How long to wait after the `attempts`-th failed try (1, 2, …) before the next, or `None`
/// when the message is given up. Short waits first (a server restarting, a network blip), then
/// longer ones (a mailbox full, a server down for maintenance), so ten tries span about
/// a day and a half.
pub fn retry_after(attempts: i64) -> Option<Duration> {
    const MIN: u64 = 60;
    let secs = match attempts {
        i64::MIN..=0 => MIN,
        1 => MIN,
        2 => 5 * MIN,
        3 => 30 * MIN,
        4 => 2 * 60 * MIN,
        n if n < MAX_ATTEMPTS => 6 * 60 * MIN,
        _ => return None,
    };
    Some(Duration::from_secs(secs))
}

/// Where a queued message stands, as the office's list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MailState {
    /// Not sent yet; may have failed and be waiting for its next try.
    Waiting,
    Sent,
    /// Given up after [`MAX_ATTEMPTS`] tries.
    Failed,
}

impl MailState {
    pub const ALL: [MailState; 3] = [MailState::Waiting, MailState::Sent, MailState::Failed];

    /// A stored message's state: sent when it has a sending time, failed when nothing is
    /// planned for it any more, waiting otherwise.
    pub fn of(sent: bool, next_attempt_planned: bool) -> MailState {
        match (sent, next_attempt_planned) {
            (true, _) => MailState::Sent,
            (false, true) => MailState::Waiting,
            (false, false) => MailState::Failed,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            MailState::Waiting => "waiting",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
        }
    }

    pub fn parse(code: &str) -> Option<MailState> {
        MailState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            MailState::Waiting => "chờ gửi",
            MailState::Sent => "đã gửi",
            MailState::Failed => "lỗi",
        }
    }
}

/// The key that makes a reminder about one obligation go out once per person and kind: the
/// obligation is named by its kind, subject, unit and date, so a moved deadline is a new
/// reminder.
pub fn reminder_key(kind: MailKind, o: &Obligation, user_id: i64) -> String {
    format!(
        "{}:{:?}:{}:{}:{}:u{user_id}",
        kind.code(),
        o.kind,
        o.subject_id,
        o.unit_id.map(|u| u.to_string()).unwrap_or_default(),
        o.due
    )
}

/// The key of a user's digest of a day: one a day, however many servers run the worker.
pub fn digest_key(user_id: i64, day: chrono::NaiveDate) -> String {
    format!("{}:u{user_id}:{day}", MailKind::DailyDigest.code())
}

/// The reminder kind an obligation calls for on a day, if any.
pub fn reminder_kind(o: &Obligation, on: &Today) -> Option<MailKind> {
    match o.urgency(on) {
        Urgency::Overdue(_) => Some(MailKind::Late),
        Urgency::DueSoon(_) => Some(MailKind::DueSoon),
        Urgency::Met(_) | Urgency::Later => None,
    }
}

/// A reminder's subject and body.
pub fn reminder_text(
    kind: MailKind,
    o: &Obligation,
    on: &Today,
    commune: &str,
) -> Option<(String, String)> {
    let line = o.reminder(on)?;
    let subject = match kind {
        MailKind::Late => format!("[papi] Quá hạn: {}", o.title),
        _ => format!(
            "[papi] Sắp đến hạn {}: {}",
            crate::clock::format_date(o.due),
            o.title
        ),
    };
    let body = format!(
        "Kính gửi anh/chị,\n\n{line}\n\nThư này do hệ thống theo dõi kế hoạch PAPI của {commune} \
         gửi tự động. Có thể tắt loại thư này ở trang «Thư điện tử của tôi».\n"
    );
    Some((subject, body))
}

/// A user's daily digest, or `None` when nothing is late or near (no empty mail).
pub fn digest_text(
    full_name: &str,
    commune: &str,
    obligations: &[Obligation],
    on: &Today,
) -> Option<(String, String)> {
    let mut late = Vec::new();
    let mut soon = Vec::new();
    for o in obligations {
        match (o.urgency(on), o.reminder(on)) {
            (Urgency::Overdue(_), Some(line)) => late.push(line),
            (Urgency::DueSoon(_), Some(line)) => soon.push(line),
            _ => {}
        }
    }
    if late.is_empty() && soon.is_empty() {
        return None;
    }
    let date = crate::clock::format_date(on.date);
    let subject = format!(
        "[papi] Tóm tắt ngày {date}: {} quá hạn, {} sắp đến hạn",
        late.len(),
        soon.len()
    );
    let mut body = format!("Kính gửi {full_name},\n\nTình hình ngày {date} ({commune}):\n");
    for (title, lines) in [("Đã quá hạn", &late), ("Sắp đến hạn", &soon)] {
        body.push_str(&format!("\n{title} ({}):\n", lines.len()));
        if lines.is_empty() {
            body.push_str("  (không có)\n");
        }
        for l in lines {
            body.push_str(&format!("  - {l}\n"));
        }
    }
    body.push_str(
        "\nThư này do hệ thống gửi tự động. Có thể tắt loại thư này ở trang «Thư điện tử của tôi».\n",
    );
    Some((subject, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{DueSoon, ObligationKind};
    use chrono::NaiveDate;
    use papi_calendar::Calendar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn kind_codes_round_trip_and_resident_kinds_are_not_preferences() {
        for k in MailKind::ALL {
            assert_eq!(MailKind::parse(k.code()), Some(k));
            assert!(!k.label_vi().is_empty());
        }
        assert_eq!(MailKind::parse("spam"), None);
        for k in MailKind::STAFF {
            assert!(k.staff_may_switch_off(), "{k:?}");
        }
        assert!(!MailKind::ResidentAck.staff_may_switch_off());
        assert!(!MailKind::ResidentNotice.staff_may_switch_off());
    }

    #[test]
    fn defaults_follow_who_owes_the_work() {
        assert!(MailKind::DueSoon.default_for(Role::Officer));
        assert!(!MailKind::DueSoon.default_for(Role::Chairman));
        assert!(MailKind::DailyDigest.default_for(Role::Chairman));
        assert!(MailKind::Late.default_for(Role::Office));
        for k in MailKind::STAFF {
            assert!(!k.default_for(Role::Province), "{k:?}");
            assert!(!receives(k, Role::Province, Some(true)), "{k:?}");
        }
        assert!(!receives(MailKind::DueSoon, Role::Officer, Some(false)));
        assert!(receives(MailKind::DueSoon, Role::Chairman, Some(true)));
        assert!(receives(MailKind::DueSoon, Role::Officer, None));
    }

    #[test]
    fn addresses_are_checked_with_a_reason() {
        assert_eq!(
            check_address("  vanphong@luongtai.gov.vn ").as_deref(),
            Ok("vanphong@luongtai.gov.vn")
        );
        assert!(check_address("a.b+papi@mail.example.com").is_ok());
        let err = |a: &str| check_address(a).unwrap_err();
        assert!(err("vanphong.luongtai.gov.vn").contains("thiếu dấu @"));
        assert!(err("a@b@c.vn").contains("hơn một dấu @"));
        assert!(err("vanphòng@xa.vn").contains("không dấu"));
        assert!(err("a@localhost").contains("dấu chấm"));
        assert!(err("a b@x.vn").contains("khoảng trắng"));
        assert!(err("a@-x.vn").contains("tên miền"));
        assert!(err(".a@x.vn").contains("phần trước"));
        assert_eq!(err(""), "Chưa nhập địa chỉ thư điện tử.");
    }

    #[test]
    fn retries_wait_longer_and_then_give_up() {
        let mins = |n| retry_after(n).map(|d| d.as_secs() / 60);
        assert_eq!(
            (1..=5).map(mins).collect::<Vec<_>>(),
            [Some(1), Some(5), Some(30), Some(120), Some(360)]
        );
        assert_eq!(mins(MAX_ATTEMPTS - 1), Some(360));
        assert_eq!(mins(MAX_ATTEMPTS), None);
        assert_eq!(MailState::of(false, false), MailState::Failed);
        assert_eq!(MailState::of(true, false), MailState::Sent);
        assert_eq!(MailState::of(false, true).label_vi(), "chờ gửi");
    }

    #[test]
    fn digest_lists_late_and_near_and_skips_an_empty_day() {
        let cal = Calendar::new();
        // Monday 14/07/2025; ten working days ahead is Monday 28/07/2025.
        let on = Today {
            date: d(2025, 7, 14),
            cal: &cal,
            due_soon: DueSoon::default(),
        };
        let ob = |title: &str, due, met_on| Obligation {
            kind: ObligationKind::UnitReport,
            title: title.into(),
            due,
            unit_id: Some(3),
            subject_id: 1,
            met_on,
        };
        let list = [
            ob("Báo cáo 6 tháng", d(2025, 7, 10), None),
            ob("Kế hoạch của đơn vị", d(2025, 7, 21), None),
            ob("Đã xong", d(2025, 7, 1), Some(d(2025, 6, 30))),
            ob("Còn xa", d(2025, 9, 30), None),
        ];
        let (subject, body) = digest_text("Nguyễn Văn An", "xã Lương Tài", &list, &on).unwrap();
        assert_eq!(
            subject,
            "[papi] Tóm tắt ngày 14/07/2025: 1 quá hạn, 1 sắp đến hạn"
        );
        assert!(body.contains("Báo cáo 6 tháng: đã quá hạn 10/07/2025"));
        assert!(body.contains("Kế hoạch của đơn vị: hạn 21/07/2025 (còn 5 ngày làm việc)"));
        assert!(!body.contains("Đã xong") && !body.contains("Còn xa"));
        assert_eq!(digest_text("A", "B", &list[2..], &on), None);
        assert_eq!(reminder_kind(&list[0], &on), Some(MailKind::Late));
        assert_eq!(reminder_kind(&list[1], &on), Some(MailKind::DueSoon));
        assert_eq!(reminder_kind(&list[3], &on), None);
        assert_ne!(
            reminder_key(MailKind::Late, &list[0], 5),
            reminder_key(MailKind::Late, &list[0], 6)
        );
    }
}
