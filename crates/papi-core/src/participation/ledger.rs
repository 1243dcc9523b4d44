//! The contributions ledger per village and project: level agreed, collected, spent, balance.
//!
//! Money is mobilised only after the residents agreed on the policy and the level (Thông tư
//! 26/2026/TT-BTC Điều 22, SEC-U): a ledger opens only on a passed decision on item 1 or 2 of
//! Điều 15. Amounts are whole đồng (`i64`); spending more than the balance is refused.

use chrono::NaiveDate;
use serde::Serialize;

use crate::clock::format_date;
use crate::participation::decision::Decision;

/// Where unused money is kept (Thông tư 26/2026/TT-BTC Điều 22).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A deposit account of the commune.
    CommuneDeposit,
    /// An account of the village, held by the village head.
    VillageAccount,
}

impl AccountKind {
    pub const ALL: [AccountKind; 2] = [AccountKind::CommuneDeposit, AccountKind::VillageAccount];

    pub fn code(self) -> &'static str {
        match self {
            AccountKind::CommuneDeposit => "commune_deposit",
            AccountKind::VillageAccount => "village_account",
        }
    }

    pub fn parse(code: &str) -> Option<AccountKind> {
        AccountKind::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountKind::CommuneDeposit => "Tài khoản tiền gửi của xã",
            AccountKind::VillageAccount => "Tài khoản của thôn (Trưởng thôn đứng tên)",
        }
    }
}

/// One ledger: a project of a village (or of the commune) funded by residents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub id: i64,
    pub commune_id: i64,
    /// The passed decision that agreed the contribution.
    pub decision_id: i64,
    /// `None` for a commune-wide project.
    pub village_id: Option<i64>,
    pub project: String,
    /// The level agreed per household, in đồng.
    pub level_per_household: i64,
    pub account_kind: AccountKind,
    /// The account's number and bank, or where the cash is kept.
    pub account: String,
    /// The day mobilising may start: the day the residents agreed.
    pub opened_on: NaiveDate,
    /// The disclosure register entry of the result, once published.
    pub disclosure_id: Option<i64>,
    pub published_on: Option<NaiveDate>,
}

/// Money in or out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Collected,
    Spent,
}

impl EntryKind {
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Collected => "collected",
            EntryKind::Spent => "spent",
        }
    }

    pub fn parse(code: &str) -> Option<EntryKind> {
        match code {
            "collected" => Some(EntryKind::Collected),
            "spent" => Some(EntryKind::Spent),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Collected => "Thu",
            EntryKind::Spent => "Chi",
        }
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub ledger_id: i64,
    pub on: NaiveDate,
    pub kind: EntryKind,
    /// Whole đồng, positive.
    pub amount: i64,
    /// Who paid or received it.
    pub who: String,
    pub purpose: String,
}

/// Collected, spent and what remains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    pub collected: i64,
    pub spent: i64,
    pub balance: i64,
}

pub fn totals(entries: &[Entry]) -> Totals {
    let collected = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Collected)
        .map(|e| e.amount)
        .sum();
    let spent = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Spent)
        .map(|e| e.amount)
        .sum();
    Totals {
        collected,
        spent,
        balance: collected - spent,
    }
}

/// A ledger opens only on a passed decision about money (items 1–2 of Điều 15).
pub fn can_open(d: &Decision) -> Result<(), String> {
    if !d.subject.is_money() {
        return Err(format!(
            "Quyết định «{}» không phải về đóng góp hoặc kinh phí do cộng đồng quản lý (khoản 1–2 \
             Điều 15): không mở sổ đóng góp theo quyết định này.",
            d.title
        ));
    }
    if !d.passed {
        return Err(format!(
            "Quyết định «{}» chưa được thông qua: chỉ huy động đóng góp sau khi Nhân dân đã bàn, \
             quyết định chủ trương và mức đóng góp (Thông tư 26/2026/TT-BTC Điều 22).",
            d.title
        ));
    }
    Ok(())
}

/// Checks a new line against what the ledger holds: a positive amount, a date not after
/// today nor before the ledger opened, and no spending beyond the balance.
pub fn check_entry(
    ledger: &Ledger,
    entries: &[Entry],
    new: &Entry,
    today: NaiveDate,
) -> Result<(), String> {
    if new.amount <= 0 {
        return Err("Số tiền: nhập số đồng lớn hơn 0.".into());
    }
    if new.on > today {
        return Err(format!(
            "Ngày thu, chi {} sau ngày hôm nay.",
            format_date(new.on)
        ));
    }
    if new.on < ledger.opened_on {
        return Err(format!(
            "Ngày thu, chi {} trước ngày Nhân dân quyết định {}: chỉ huy động sau khi Nhân dân đã đồng ý.",
            format_date(new.on),
            format_date(ledger.opened_on)
        ));
    }
    if new.who.trim().is_empty() {
        return Err("Người nộp, người nhận: không được để trống.".into());
    }
    if new.kind == EntryKind::Spent {
        if new.purpose.trim().is_empty() {
            return Err(
                "Nội dung chi: ghi rõ chi cho việc gì (chỉ chi đúng mục đích đã thống nhất)."
                    .into(),
            );
        }
        let t = totals(entries);
        if new.amount > t.balance {
            return Err(format!(
                "Số tiền chi {} lớn hơn số dư {}: không thể chi quá số tiền còn lại.",
                vnd(new.amount),
                vnd(t.balance)
            ));
        }
    }
    Ok(())
}

/// 1250000 → "1.250.000 đ".
pub fn vnd(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{}{out} đ", if n < 0 { "-" } else { "" })
}

/// An amount typed by an official: digits, with dots, commas or spaces between groups and
/// an optional "đ".
pub fn parse_vnd(s: &str) -> Option<i64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches('đ')
        .trim_end_matches("VND")
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' '))
        .collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    cleaned.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participation::decision::{Form, Proposer, Subject};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn ledger() -> Ledger {
        Ledger {
            id: 1,
            commune_id: 1,
            decision_id: 1,
            village_id: Some(1),
            project: "Bê tông hóa đường trục thôn".into(),
            level_per_household: 500_000,
            account_kind: AccountKind::VillageAccount,
            account: "Agribank 1234".into(),
            opened_on: day(9, 1),
            disclosure_id: None,
            published_on: None,
        }
    }

    fn entry(kind: EntryKind, amount: i64) -> Entry {
        Entry {
            id: 0,
            ledger_id: 1,
            on: day(9, 10),
            kind,
            amount,
            who: "Hộ ông Nguyễn Văn A".into(),
            purpose: "Mua xi măng".into(),
        }
    }

    #[test]
    fn balance_and_overspending() {
        let l = ledger();
        let es = vec![
            entry(EntryKind::Collected, 3_000_000),
            entry(EntryKind::Spent, 1_000_000),
        ];
        assert_eq!(totals(&es).balance, 2_000_000);
        assert!(check_entry(&l, &es, &entry(EntryKind::Spent, 2_000_000), day(10, 15)).is_ok());
        let e = check_entry(&l, &es, &entry(EntryKind::Spent, 2_000_001), day(10, 15)).unwrap_err();
        assert!(
            e.contains("2.000.001 đ") && e.contains("2.000.000 đ"),
            "{e}"
        );
        assert!(check_entry(&l, &es, &entry(EntryKind::Collected, 0), day(10, 15)).is_err());
        assert!(check_entry(&l, &es, &entry(EntryKind::Collected, 1), day(9, 5)).is_err());
    }

    /// Thông tư 26/2026/TT-BTC Điều 22: mobilise only after the residents agreed.
    #[test]
    fn opens_only_on_a_passed_money_decision() {
        let mut d = Decision {
            id: 1,
            commune_id: 1,
            title: "Đường thôn".into(),
            subject: Subject::Contribution,
            village_id: Some(1),
            proposer: Proposer::VillageHead,
            agreed_with_front: true,
            initiative_households: 0,
            initiative_consent_on: None,
            form: Form::Meeting,
            quorum_failed: false,
            held_on: day(8, 1),
            notice_on: None,
            documents_on: None,
            passed: false,
            result: String::new(),
            sent_on: None,
            recognised_on: None,
            tallies: vec![],
        };
        assert!(can_open(&d).unwrap_err().contains("chưa được thông qua"));
        d.passed = true;
        assert!(can_open(&d).is_ok());
        d.subject = Subject::Covenant;
        assert!(can_open(&d).is_err());
    }

    #[test]
    fn amounts_read_and_write_the_vietnamese_way() {
        assert_eq!(vnd(1_250_000), "1.250.000 đ");
        assert_eq!(vnd(0), "0 đ");
        assert_eq!(vnd(999), "999 đ");
        assert_eq!(parse_vnd("1.250.000 đ"), Some(1_250_000));
        assert_eq!(parse_vnd("500,000"), Some(500_000));
        assert_eq!(parse_vnd("abc"), None);
        assert_eq!(parse_vnd("-5"), None);
    }
}
