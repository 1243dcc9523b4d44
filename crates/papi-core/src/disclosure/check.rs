//! The law's checks on a register entry: published in time (Luật 10/2022/QH15 Đ.12 k.3, or a
//! sector law's time), posted long enough at the office and in the villages (Đ.13 k.2), kept
//! up permanently for groups 4 and 13 (Đ.13 k.2 ¶2), broadcast on the loudspeakers for at least
//! three consecutive days and passed on by the village heads for groups 7–12 (Đ.13 k.3–4), on
//! the portal for the budget from budget year 2026 (Luật NSNN 89/2025 Đ.15). Every number
//! comes from `papi-calendar`'s rules with their sources; nothing is counted by hand here.

use chrono::{Duration, NaiveDate};
use papi_calendar::{Calendar, CaseFacts, Deadline};
use serde::Serialize;

use super::entry::{Disclosure, DisclosureState, Form, FormKind};
use super::group::{broadcast_and_village_heads, permanent, posted_at_office_and_villages, Topic};
use crate::agenda::{Obligation, ObligationKind};
use crate::clock::format_date;

/// What a check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Not published yet, and the deadline has not passed: something to do, not a fault.
    ToPublish,
    /// Not published and the deadline has passed.
    NotPublished,
    /// Published after the deadline.
    Late,
    /// A posting or a broadcast shorter than the law's minimum.
    TooShort,
    /// A form the law requires for this group is missing.
    MissingForm,
    /// A content that must stay posted permanently was taken down.
    TakenDown,
}

/// One finding, with the day it was or is due and, for a late publication, the day it was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub message: String,
    pub due: NaiveDate,
    pub met_on: Option<NaiveDate>,
}

/// An entry's standing in the register, as the list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    OnTime,
    Permanent,
    Waiting,
    NotPublished,
    Late,
    TooShort,
    MissingForm,
    TakenDown,
    Replaced,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::OnTime => "đúng hạn",
            Standing::Permanent => "thường xuyên",
            Standing::Waiting => "chờ công khai",
            Standing::NotPublished => "chưa công khai, quá hạn",
            Standing::Late => "chậm",
            Standing::TooShort => "niêm yết chưa đủ",
            Standing::MissingForm => "thiếu hình thức",
            Standing::TakenDown => "đã gỡ nội dung thường xuyên",
            Standing::Replaced => "đã công khai lại (bản cũ)",
        }
    }

    /// Whether the standing is a fault to fix (for the page's colour and the public badge).
    pub fn is_fault(self) -> bool {
        matches!(
            self,
            Standing::NotPublished
                | Standing::Late
                | Standing::TooShort
                | Standing::MissingForm
                | Standing::TakenDown
        )
    }

    /// The standing of an entry from its findings: the worst one decides.
    pub fn of(entry: &Disclosure, findings: &[Finding]) -> Standing {
        if entry.state == DisclosureState::Replaced {
            return Standing::Replaced;
        }
        let has = |k: FindingKind| findings.iter().any(|f| f.kind == k);
        if has(FindingKind::NotPublished) {
            Standing::NotPublished
        } else if has(FindingKind::TakenDown) {
            Standing::TakenDown
        } else if has(FindingKind::MissingForm) {
            Standing::MissingForm
        } else if has(FindingKind::TooShort) {
            Standing::TooShort
        } else if has(FindingKind::Late) {
            Standing::Late
        } else if has(FindingKind::ToPublish) {
            Standing::Waiting
        } else if permanent(entry.group, entry.topic) {
            Standing::Permanent
        } else {
            Standing::OnTime
        }
    }
}

/// The rule a sector law sets for publishing this entry, if one is in force on the decision
/// day; the general 5 working days (`DC-PUBLISH`, Đ.12 k.3) otherwise.
fn publish_rule(entry: &Disclosure) -> &'static str {
    match entry.topic {
        Some(Topic::LandUsePlan) => "LAND-PUB",
        Some(Topic::BudgetYear) => "BUD-APPROVED",
        Some(Topic::BudgetQuarter) => "BUD-QUARTER",
        _ => "DC-PUBLISH",
    }
}

/// The day the entry must be published by, and the rule that says so. A sector rule no longer
/// in force (the budget rules of NĐ 163/2016 end with budget year 2025) gives way to Đ.12 k.3.
pub fn publish_deadline(entry: &Disclosure, cal: &Calendar) -> Deadline {
    let facts = CaseFacts::default();
    cal.deadline(publish_rule(entry), entry.decided_on, facts)
        .or_else(|_| cal.deadline("DC-PUBLISH", entry.decided_on, facts))
        .expect("DC-PUBLISH is in force from 01/07/2023")
}

/// The minimum posting rule for a posting that starts on `from`: the sector's own where one is
/// in force (the poor-household list, the budget), `DC-POST` (Đ.13 k.2) otherwise.
fn posting_rule(entry: &Disclosure, from: NaiveDate) -> &'static str {
    let sector = match entry.topic {
        Some(Topic::PoorHouseholds) => Some("POV-POST"),
        Some(Topic::BudgetYear | Topic::BudgetQuarter) => Some("BUD-POST"),
        _ => None,
    };
    match sector {
        Some(id) if papi_calendar::rules::rule(id, from).is_ok() => id,
        _ => "DC-POST",
    }
}

/// The earliest day a posting from `from` may end.
pub fn posting_minimum(entry: &Disclosure, from: NaiveDate, cal: &Calendar) -> Deadline {
    let facts = CaseFacts::default();
    cal.deadline(posting_rule(entry, from), from, facts)
        .or_else(|_| cal.deadline("DC-POST", from, facts))
        .expect("DC-POST is in force from 01/07/2023")
}

/// The longest run of consecutive days in `days` (any order, duplicates allowed).
pub fn longest_run(days: &[NaiveDate]) -> (usize, Option<NaiveDate>) {
    let mut sorted = days.to_vec();
    sorted.sort();
    sorted.dedup();
    let (mut best, mut best_start, mut run, mut start) = (0, None, 0, None);
    for (i, d) in sorted.iter().enumerate() {
        if i > 0 && *d == sorted[i - 1] + Duration::days(1) {
            run += 1;
        } else {
            run = 1;
            start = Some(*d);
        }
        if run > best {
            best = run;
            best_start = start;
        }
    }
    (best, best_start)
}

/// The first day the content reached the public in any form.
pub fn published_on(forms: &[Form], radio_days: &[NaiveDate]) -> Option<NaiveDate> {
    forms
        .iter()
        .map(|f| f.days.first().copied().unwrap_or(f.from).min(f.from))
        .chain(radio_days.iter().copied())
        .min()
}

/// The last day a posting was up, if it ended (its own end, or the entry's take-down).
fn ended(entry: &Disclosure, f: &Form) -> Option<NaiveDate> {
    match (f.until, entry.taken_down_on) {
        (Some(u), Some(t)) => Some(u.min(t)),
        (u, t) => u.or(t),
    }
}

/// The findings on one entry on `today`. `radio_days` are loudspeaker days logged elsewhere
/// (the outreach log) for this entry; they count with the entry's own. `villages` are the
/// commune's villages (id, name): a commune-wide entry is posted in each of them.
pub fn check(
    entry: &Disclosure,
    forms: &[Form],
    radio_days: &[NaiveDate],
    villages: &[(i64, String)],
    cal: &Calendar,
    today: NaiveDate,
) -> Vec<Finding> {
    if entry.state == DisclosureState::Replaced {
        return Vec::new();
    }
    let deadline = publish_deadline(entry, cal);
    let mut out = Vec::new();
    let Some(first) = published_on(forms, radio_days) else {
        let kind = if today > deadline.due {
            FindingKind::NotPublished
        } else {
            FindingKind::ToPublish
        };
        out.push(Finding {
            kind,
            message: format!(
                "Chưa công khai; hạn công khai {} ({} kể từ ngày ban hành {}, {}).",
                format_date(deadline.due),
                duration_text(&deadline),
                format_date(entry.decided_on),
                deadline.source
            ),
            due: deadline.due,
            met_on: None,
        });
        return out;
    };
    if first > deadline.due {
        out.push(Finding {
            kind: FindingKind::Late,
            message: format!(
                "Công khai chậm: ngày {}, hạn {} ({}).",
                format_date(first),
                format_date(deadline.due),
                deadline.source
            ),
            due: deadline.due,
            met_on: Some(first),
        });
    }
    let missing = |what: String| Finding {
        kind: FindingKind::MissingForm,
        message: what,
        due: deadline.due,
        met_on: None,
    };
    let lasting = permanent(entry.group, entry.topic);
    // Where the content must be posted: the office always, and the villages for 1–3, 5–12.
    let mut places: Vec<(FormKind, Option<i64>, String)> = Vec::new();
    if lasting || posted_at_office_and_villages(entry.group) {
        places.push((FormKind::Office, None, "trụ sở UBND xã".to_string()));
    }
    if posted_at_office_and_villages(entry.group) {
        for (id, name) in villages {
            if entry.village_id.is_none_or(|v| v == *id) {
                places.push((FormKind::Village, Some(*id), name.clone()));
            }
        }
    }
    let mut absent = Vec::new();
    for (kind, village, name) in &places {
        let posted: Vec<&Form> = forms
            .iter()
            .filter(|f| f.kind == *kind && (village.is_none() || f.village_id == *village))
            .collect();
        if posted.is_empty() {
            absent.push(name.clone());
            continue;
        }
        if lasting {
            if let Some(end) = posted.iter().filter_map(|f| ended(entry, f)).max() {
                if posted.iter().all(|f| ended(entry, f).is_some()) {
                    out.push(Finding {
                        kind: FindingKind::TakenDown,
                        message: format!(
                            "Nội dung phải niêm yết thường xuyên (Luật 10/2022/QH15 Điều 13 khoản 2) đã gỡ tại {name} ngày {}.",
                            format_date(end)
                        ),
                        due: end,
                        met_on: None,
                    });
                }
            }
            continue;
        }
        // The longest posting at this place decides.
        let best = posted
            .iter()
            .map(|f| {
                let min = posting_minimum(entry, f.from, cal);
                (f, ended(entry, f), min)
            })
            .max_by_key(|(_, end, min)| end.map_or(i64::MAX, |e| (e - min.due).num_days()));
        if let Some((f, Some(end), min)) = best {
            if end < min.due {
                out.push(Finding {
                    kind: FindingKind::TooShort,
                    message: format!(
                        "Niêm yết tại {name} chưa đủ thời gian: từ {} đến {}, phải đến ít nhất {} ({} {}, {}).",
                        format_date(f.from),
                        format_date(end),
                        format_date(min.due),
                        min.duration,
                        min.unit.label_vi(),
                        min.source
                    ),
                    due: min.due,
                    met_on: None,
                });
            }
        }
    }
    if !absent.is_empty() {
        out.push(missing(format!(
            "Thiếu niêm yết tại: {} (Luật 10/2022/QH15 Điều 13 khoản 2).",
            absent.join(", ")
        )));
    }
    if broadcast_and_village_heads(entry.group) {
        let mut days: Vec<NaiveDate> = forms
            .iter()
            .filter(|f| f.kind == FormKind::Loudspeaker)
            .flat_map(|f| f.days.iter().copied())
            .chain(radio_days.iter().copied())
            .collect();
        days.sort();
        days.dedup();
        let (run, start) = longest_run(&days);
        match start {
            None => out.push(missing(
                "Chưa phát trên hệ thống truyền thanh xã (Luật 10/2022/QH15 Điều 13 khoản 3)."
                    .into(),
            )),
            Some(start) => {
                if let Ok(min) = cal.deadline("DC-RADIO", start, CaseFacts::default()) {
                    let needed = usize::try_from(min.duration).unwrap_or(3);
                    if run < needed {
                        out.push(Finding {
                            kind: FindingKind::TooShort,
                            message: format!(
                                "Phát thanh chỉ {run} ngày liên tục (từ {}), cần ít nhất {needed} ngày liên tục ({}).",
                                format_date(start),
                                min.source
                            ),
                            due: deadline.due.max(start),
                            met_on: None,
                        });
                    }
                }
            }
        }
        if !forms.iter().any(|f| f.kind == FormKind::VillageHead) {
            out.push(missing(
                "Chưa công khai thông qua trưởng thôn (Luật 10/2022/QH15 Điều 13 khoản 4).".into(),
            ));
        }
    }
    let budget = matches!(entry.topic, Some(Topic::BudgetYear | Topic::BudgetQuarter));
    if budget
        && papi_calendar::rules::rule("BUD-PORTAL", entry.decided_on).is_ok()
        && !forms.iter().any(|f| f.kind == FormKind::Portal)
    {
        out.push(missing(
            "Chưa đăng trên cổng thông tin điện tử: bắt buộc với ngân sách từ năm ngân sách 2026 (Luật Ngân sách nhà nước 89/2025/QH15 Điều 15)."
                .into(),
        ));
    }
    out
}

fn duration_text(d: &Deadline) -> String {
    format!("{} {}", d.duration, d.unit.label_vi())
}

/// The agenda's obligations of one entry: each finding, due on its day; a late publication
/// counts as met late, the others stay open until fixed.
pub fn obligations(entry: &Disclosure, findings: &[Finding]) -> Vec<Obligation> {
    findings
        .iter()
        .map(|f| Obligation {
            kind: ObligationKind::Disclosure,
            title: format!("Công khai «{}»: {}", entry.title, f.message),
            due: f.due,
            unit_id: None,
            subject_id: entry.id,
            met_on: f.met_on,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::entry::tests_support::entry;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn villages() -> Vec<(i64, String)> {
        vec![(1, "Thôn Đông".into()), (2, "Thôn Tây".into())]
    }

    fn posting(
        kind: FormKind,
        village: Option<i64>,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Form {
        Form {
            id: 0,
            disclosure_id: 1,
            kind,
            village_id: village,
            url: String::new(),
            from,
            until,
            days: vec![],
            note: String::new(),
            done_by: String::new(),
        }
    }

    fn radio(days: &[NaiveDate]) -> Form {
        let mut f = posting(FormKind::Loudspeaker, None, days[0], days.last().copied());
        f.days = days.to_vec();
        f
    }

    fn kinds(f: &[Finding]) -> Vec<FindingKind> {
        f.iter().map(|x| x.kind).collect()
    }

    /// All three postings of a commune-wide entry, from `from` until `until`.
    fn everywhere(from: NaiveDate, until: Option<NaiveDate>) -> Vec<Form> {
        vec![
            posting(FormKind::Office, None, from, until),
            posting(FormKind::Village, Some(1), from, until),
            posting(FormKind::Village, Some(2), from, until),
        ]
    }

    #[test]
    fn five_working_days_across_tet() {
        // Đ.12 k.3: 05 working days. A decision on Thursday 23/01/2025 (Tết At Ty off from
        // 25/01 to 02/02) must be published by Thursday 06/02/2025: 24/01, 03/02, 04/02, 05/02,
        // 06/02.
        let cal = Calendar::new();
        let e = entry(1, d(2025, 1, 23));
        assert_eq!(publish_deadline(&e, &cal).due, d(2025, 2, 6));
        assert_eq!(publish_deadline(&e, &cal).rule_id, "DC-PUBLISH");
        // Posted on 07/02: one working day late.
        let f = check(
            &e,
            &everywhere(d(2025, 2, 7), None),
            &[],
            &villages(),
            &cal,
            d(2025, 2, 10),
        );
        assert_eq!(kinds(&f), vec![FindingKind::Late]);
        assert!(f[0].message.contains("07/02/2025") && f[0].message.contains("06/02/2025"));
        assert_eq!(Standing::of(&e, &f), Standing::Late);
        // Posted on 06/02: on time, and still up.
        let f = check(
            &e,
            &everywhere(d(2025, 2, 6), None),
            &[],
            &villages(),
            &cal,
            d(2025, 2, 10),
        );
        assert!(f.is_empty());
        assert_eq!(Standing::of(&e, &f), Standing::OnTime);
    }

    #[test]
    fn national_day_holiday_moves_the_deadline() {
        // A decision on Thursday 28/08/2025: 29/08, then 01–02/09 are off (Quốc khánh), so the
        // five working days are 29/08, 03/09, 04/09, 05/09, 08/09.
        let cal = Calendar::new();
        let e = entry(5, d(2025, 8, 28));
        assert_eq!(publish_deadline(&e, &cal).due, d(2025, 9, 8));
    }

    #[test]
    fn not_published_is_waiting_then_overdue() {
        let cal = Calendar::new();
        let e = entry(1, d(2025, 10, 1)); // due Wednesday 08/10/2025
        let f = check(&e, &[], &[], &villages(), &cal, d(2025, 10, 8));
        assert_eq!(kinds(&f), vec![FindingKind::ToPublish]);
        assert_eq!(Standing::of(&e, &f), Standing::Waiting);
        let f = check(&e, &[], &[], &villages(), &cal, d(2025, 10, 9));
        assert_eq!(kinds(&f), vec![FindingKind::NotPublished]);
        assert!(f[0].message.contains("08/10/2025"));
        let o = obligations(&e, &f);
        assert_eq!(o[0].due, d(2025, 10, 8));
        assert_eq!(o[0].met_on, None);
        assert_eq!(o[0].kind, ObligationKind::Disclosure);
    }

    #[test]
    fn thirty_consecutive_days_of_posting() {
        // Đ.13 k.2: at least 30 consecutive days. Posted Monday 06/10/2025: 30 days run to
        // Wednesday 05/11/2025; taken down on 04/11 is one day short.
        let cal = Calendar::new();
        let e = entry(6, d(2025, 10, 6));
        assert_eq!(
            posting_minimum(&e, d(2025, 10, 6), &cal).due,
            d(2025, 11, 5)
        );
        let f = check(
            &e,
            &everywhere(d(2025, 10, 6), Some(d(2025, 11, 4))),
            &[],
            &villages(),
            &cal,
            d(2025, 11, 10),
        );
        assert_eq!(kinds(&f), vec![FindingKind::TooShort; 3]);
        assert!(f[0].message.contains("05/11/2025"));
        let f = check(
            &e,
            &everywhere(d(2025, 10, 6), Some(d(2025, 11, 5))),
            &[],
            &villages(),
            &cal,
            d(2025, 11, 10),
        );
        assert!(f.is_empty());
    }

    #[test]
    fn every_village_needs_its_posting() {
        let cal = Calendar::new();
        let e = entry(1, d(2025, 10, 6));
        let forms = vec![
            posting(FormKind::Office, None, d(2025, 10, 6), None),
            posting(FormKind::Village, Some(1), d(2025, 10, 6), None),
        ];
        let f = check(&e, &forms, &[], &villages(), &cal, d(2025, 10, 15));
        assert_eq!(kinds(&f), vec![FindingKind::MissingForm]);
        assert!(f[0].message.contains("Thôn Tây") && !f[0].message.contains("Thôn Đông"));
        // An entry about Thôn Đông only is posted there only.
        let mut one = e.clone();
        one.village_id = Some(1);
        assert!(check(&one, &forms, &[], &villages(), &cal, d(2025, 10, 15)).is_empty());
    }

    #[test]
    fn groups_4_and_13_stay_posted() {
        // Đ.13 k.2 ¶2: permanent; the village postings are not required for them.
        let cal = Calendar::new();
        let mut e = entry(13, d(2025, 3, 3));
        let up = vec![posting(FormKind::Office, None, d(2025, 3, 4), None)];
        let f = check(&e, &up, &[], &villages(), &cal, d(2025, 10, 15));
        assert!(f.is_empty());
        assert_eq!(Standing::of(&e, &f), Standing::Permanent);
        e.state = DisclosureState::TakenDown;
        e.taken_down_on = Some(d(2025, 9, 30));
        let f = check(&e, &up, &[], &villages(), &cal, d(2025, 10, 15));
        assert_eq!(kinds(&f), vec![FindingKind::TakenDown]);
        assert!(f[0].message.contains("30/09/2025"));
        assert_eq!(Standing::of(&e, &f), Standing::TakenDown);
    }

    #[test]
    fn loudspeaker_three_consecutive_days_and_village_heads_for_7_to_12() {
        // Đ.13 k.3: at least 03 consecutive days; k.4: through the village heads.
        let cal = Calendar::new();
        let e = entry(9, d(2025, 10, 1));
        let mut forms = everywhere(d(2025, 10, 2), None);
        let f = check(&e, &forms, &[], &villages(), &cal, d(2025, 10, 15));
        assert_eq!(
            kinds(&f),
            vec![FindingKind::MissingForm, FindingKind::MissingForm]
        );
        assert!(f[0].message.contains("truyền thanh"));
        assert!(f[1].message.contains("trưởng thôn"));
        // Two days, a gap, one day: the longest run is 2.
        forms.push(radio(&[d(2025, 10, 2), d(2025, 10, 3), d(2025, 10, 6)]));
        let mut head = posting(FormKind::VillageHead, Some(1), d(2025, 10, 4), None);
        head.until = Some(d(2025, 10, 4));
        forms.push(head);
        let f = check(&e, &forms, &[], &villages(), &cal, d(2025, 10, 15));
        assert_eq!(kinds(&f), vec![FindingKind::TooShort]);
        assert!(f[0].message.contains("2 ngày liên tục"));
        // The outreach log's day 04/10 joins the run: 02, 03, 04 are three consecutive days.
        let f = check(
            &e,
            &forms,
            &[d(2025, 10, 4)],
            &villages(),
            &cal,
            d(2025, 10, 15),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn land_use_plan_has_fifteen_days_and_stays_up() {
        // Luật Đất đai 2024 Điều 75: published within 15 days of approval, for the whole period.
        let cal = Calendar::new();
        let mut e = entry(3, d(2025, 9, 1));
        e.topic = Some(Topic::LandUsePlan);
        let dl = publish_deadline(&e, &cal);
        assert_eq!(dl.rule_id, "LAND-PUB");
        assert_eq!(dl.due, d(2025, 9, 16));
        let f = check(
            &e,
            &everywhere(d(2025, 9, 12), None),
            &[],
            &villages(),
            &cal,
            d(2025, 10, 15),
        );
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(Standing::of(&e, &f), Standing::Permanent);
    }

    #[test]
    fn budget_rules_change_with_the_2025_budget_law() {
        let cal = Calendar::new();
        // Budget year 2025: quarter execution within 15 days (NĐ 163/2016), posted 90 days.
        let mut e = entry(2, d(2025, 9, 30));
        e.topic = Some(Topic::BudgetQuarter);
        assert_eq!(publish_deadline(&e, &cal).rule_id, "BUD-QUARTER");
        assert_eq!(
            posting_minimum(&e, d(2025, 10, 6), &cal).rule_id,
            "BUD-POST"
        );
        // From 2026 the old rules are closed: Đ.12 k.3 applies, 30 days of posting, and the
        // portal is required (Luật NSNN 89/2025 Điều 15).
        e.decided_on = d(2026, 3, 31);
        assert_eq!(publish_deadline(&e, &cal).rule_id, "DC-PUBLISH");
        assert_eq!(posting_minimum(&e, d(2026, 4, 2), &cal).rule_id, "DC-POST");
        let f = check(
            &e,
            &everywhere(d(2026, 4, 2), None),
            &[],
            &villages(),
            &cal,
            d(2026, 4, 10),
        );
        assert_eq!(kinds(&f), vec![FindingKind::MissingForm]);
        assert!(f[0].message.contains("cổng thông tin"));
    }

    #[test]
    fn poor_household_list_follows_its_own_posting_time() {
        // QĐ 24/2021 Điều 4 (UNCONF): 3 working days of posting, until 2025; then Đ.13 k.2.
        let cal = Calendar::new();
        let mut e = entry(7, d(2025, 10, 1));
        e.topic = Some(Topic::PoorHouseholds);
        assert_eq!(
            posting_minimum(&e, d(2025, 10, 2), &cal).rule_id,
            "POV-POST"
        );
        assert_eq!(posting_minimum(&e, d(2026, 1, 5), &cal).rule_id, "DC-POST");
    }

    #[test]
    fn a_replaced_version_is_not_judged() {
        let cal = Calendar::new();
        let mut e = entry(1, d(2025, 1, 2));
        e.state = DisclosureState::Replaced;
        assert!(check(&e, &[], &[], &villages(), &cal, d(2025, 10, 15)).is_empty());
        assert_eq!(Standing::of(&e, &[]), Standing::Replaced);
    }

    #[test]
    fn longest_run_counts_consecutive_days() {
        assert_eq!(longest_run(&[]), (0, None));
        let days = [
            d(2025, 12, 31),
            d(2026, 1, 1),
            d(2026, 1, 2),
            d(2025, 12, 29),
        ];
        assert_eq!(longest_run(&days), (3, Some(d(2025, 12, 31))));
    }
}
