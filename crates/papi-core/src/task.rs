//! Tasks (nhiệm vụ), their deadlines and the rules of their states.
//! Lateness is always derived from the due rule and the date, never stored.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
    /// "Thường xuyên": carried on all year, accounted for at the year's end.
    Ongoing,
}

impl Recurrence {
    pub const ALL: [Recurrence; 5] = [
        Recurrence::Monthly,
        Recurrence::Quarterly,
        Recurrence::HalfYearly,
        Recurrence::Yearly,
        Recurrence::Ongoing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Recurrence::Monthly => "monthly",
            Recurrence::Quarterly => "quarterly",
            Recurrence::HalfYearly => "half_yearly",
            Recurrence::Yearly => "yearly",
            Recurrence::Ongoing => "ongoing",
        }
    }

    pub fn parse(code: &str) -> Option<Recurrence> {
        Recurrence::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Recurrence::Monthly => "Hằng tháng",
            Recurrence::Quarterly => "Hằng quý",
            Recurrence::HalfYearly => "6 tháng một lần",
            Recurrence::Yearly => "Hằng năm",
            Recurrence::Ongoing => "Thường xuyên",
        }
    }

    /// Months in one period, or `None` for ongoing work.
    fn months(self) -> Option<u32> {
        match self {
            Recurrence::Monthly => Some(1),
            Recurrence::Quarterly => Some(3),
            Recurrence::HalfYearly => Some(6),
            Recurrence::Yearly => Some(12),
            Recurrence::Ongoing => None,
        }
    }
}

/// When a task falls due: a fixed date, or at the end of every period of the plan year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Due {
    Date(NaiveDate),
    Recurring(Recurrence),
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .expect("valid month")
}

fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year")
}

impl Due {
    pub fn label(self) -> String {
        match self {
            Due::Date(d) => d.format("%d/%m/%Y").to_string(),
            Due::Recurring(r) => r.label().to_string(),
        }
    }

    /// The period ends (due dates) of a recurring task within the plan year, in order.
    pub fn period_ends(self, plan_year: i32) -> Vec<NaiveDate> {
        match self {
            Due::Date(d) => vec![d],
            Due::Recurring(r) => match r.months() {
                Some(step) => (1..=12 / step)
                    .map(|k| last_day_of_month(plan_year, k * step))
                    .collect(),
                None => vec![year_end(plan_year)],
            },
        }
    }

    /// The deadline that matters on `today`: the fixed date, or the end of the current period
    /// (the last one once the plan year is over).
    pub fn current(self, today: NaiveDate, plan_year: i32) -> NaiveDate {
        let ends = self.period_ends(plan_year);
        ends.iter()
            .copied()
            .find(|e| *e >= today)
            .unwrap_or(*ends.last().expect("non-empty"))
    }

    /// The deadline a task that is late on `today` missed: its fixed date, or the end of the
    /// latest period that ended before today.
    pub fn missed(self, today: NaiveDate, plan_year: i32) -> NaiveDate {
        match self {
            Due::Date(d) => d,
            Due::Recurring(_) => {
                let ends = self.period_ends(plan_year);
                ends.iter()
                    .copied()
                    .rfind(|e| *e < today)
                    .unwrap_or(ends[0])
            }
        }
    }

    /// The start of the period that ends on `end` (for a fixed date, the plan year's start).
    fn period_start(self, end: NaiveDate, plan_year: i32) -> NaiveDate {
        let months = match self {
            Due::Recurring(r) => r.months().unwrap_or(12),
            Due::Date(_) => return NaiveDate::from_ymd_opt(plan_year, 1, 1).expect("valid"),
        };
        let first_month = end.month() + 1 - months;
        NaiveDate::from_ymd_opt(end.year(), first_month, 1).expect("valid")
    }

    /// Parses a deadline as task tables write it: `30/06/2025`, `Quý II`, `Tháng 6/2025`,
    /// `Thường xuyên`, `Hằng quý` … The plan year fills in a missing year.
    pub fn parse(text: &str, plan_year: i32) -> Result<Due, String> {
        let f = fold(text);
        let f = f.trim_end_matches('.').trim();
        if f.is_empty() {
            return Err("thời hạn đang để trống".into());
        }
        let recurring = [
            ("thuong xuyen", Recurrence::Ongoing),
            ("hang thang", Recurrence::Monthly),
            ("hang quy", Recurrence::Quarterly),
            ("6 thang", Recurrence::HalfYearly),
            ("hang nam", Recurrence::Yearly),
            ("ca nam", Recurrence::Ongoing),
        ];
        if let Some((_, r)) = recurring.iter().find(|(k, _)| f.starts_with(k)) {
            return Ok(Due::Recurring(*r));
        }
        if let Some(d) = parse_date(f, plan_year) {
            return Ok(Due::Date(d));
        }
        if let Some(rest) = f.strip_prefix("quy ") {
            let (q, year) = split_year(rest, plan_year);
            let q = match q.trim() {
                "i" | "1" => 1,
                "ii" | "2" => 2,
                "iii" | "3" => 3,
                "iv" | "4" => 4,
                _ => return Err(format!("không hiểu quý “{text}”")),
            };
            return Ok(Due::Date(last_day_of_month(year, q * 3)));
        }
        if let Some(rest) = f.strip_prefix("thang ") {
            let (m, year) = split_year(rest, plan_year);
            if let Ok(m @ 1..=12) = m.trim().parse::<u32>() {
                return Ok(Due::Date(last_day_of_month(year, m)));
            }
        }
        Err(format!(
            "không hiểu thời hạn “{text}” (viết dd/mm/yyyy, Quý II, Tháng 6/2025, Hằng tháng, Hằng quý, Thường xuyên…)"
        ))
    }

    pub fn code(self) -> String {
        match self {
            Due::Date(d) => d.format("%Y-%m-%d").to_string(),
            Due::Recurring(r) => r.code().to_string(),
        }
    }

    /// Inverse of [`Due::code`], for storage.
    pub fn from_code(code: &str) -> Option<Due> {
        Recurrence::parse(code).map(Due::Recurring).or_else(|| {
            NaiveDate::parse_from_str(code, "%Y-%m-%d")
                .ok()
                .map(Due::Date)
        })
    }
}

/// "… năm 2025" or "…/2025" → (rest, 2025); otherwise the plan year.
fn split_year(s: &str, plan_year: i32) -> (&str, i32) {
    for sep in [" nam ", "/", " - ", "-"] {
        if let Some((a, b)) = s.split_once(sep) {
            if let Ok(y @ 1900..=2200) = b.trim().parse::<i32>() {
                return (a, y);
            }
        }
    }
    (s, plan_year)
}

/// `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd/mm` (plan year) or ISO `yyyy-mm-dd`.
pub fn parse_date(s: &str, plan_year: i32) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        [d, m] if d.len() <= 2 && m.len() <= 2 => {
            NaiveDate::from_ymd_opt(plan_year, num(m)?, num(d)?)
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
    Cancelled,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 4] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Done,
        TaskStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Chưa thực hiện",
            TaskStatus::InProgress => "Đang thực hiện",
            TaskStatus::Done => "Hoàn thành",
            TaskStatus::Cancelled => "Dừng thực hiện",
        }
    }

    /// Closed tasks are never late and take no more progress.
    pub fn is_closed(self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::Cancelled)
    }

    /// Status changes an editor (office, chairman) may make by hand.
    pub fn can_become(self, next: TaskStatus) -> bool {
        use TaskStatus::*;
        match (self, next) {
            (a, b) if a == b => false,
            (NotStarted, _) => true,
            (InProgress, Done | Cancelled) => true,
            (InProgress, NotStarted) => false,
            (Done, InProgress) => true,
            (Cancelled, NotStarted | InProgress) => true,
            _ => false,
        }
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum TaskError {
    #[error("Tiến độ phải từ 0 đến 100%.")]
    ProgressOutOfRange,
    #[error("Nhiệm vụ đã dừng thực hiện, không thể cập nhật tiến độ.")]
    Cancelled,
    #[error("Nội dung cập nhật không được để trống.")]
    EmptyText,
    #[error("Nội dung cập nhật dài quá 5.000 ký tự.")]
    TextTooLong,
    #[error("Không thể chuyển trạng thái từ “{0}” sang “{1}”.")]
    Transition(&'static str, &'static str),
    #[error("{0}")]
    Invalid(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Task {
    pub id: i64,
    pub commune_id: i64,
    pub plan_id: i64,
    pub item_id: Option<i64>,
    /// STT in the task table.
    pub position: i64,
    pub title: String,
    pub description: String,
    pub lead_unit_id: i64,
    pub coordinating_unit_ids: Vec<i64>,
    pub deliverable: String,
    pub due: Due,
    pub status: TaskStatus,
    pub progress: u8,
    pub public: bool,
}

/// A progress report filed on a task.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskUpdate {
    pub id: i64,
    pub task_id: i64,
    pub author_id: i64,
    /// UTC time, RFC 3339.
    pub created_at: String,
    pub text: String,
    pub progress: u8,
    pub status_after: TaskStatus,
}

/// The status a task takes when someone files progress `progress` on it.
pub fn status_after_progress(current: TaskStatus, progress: i64) -> Result<TaskStatus, TaskError> {
    if !(0..=100).contains(&progress) {
        return Err(TaskError::ProgressOutOfRange);
    }
    Ok(match (current, progress) {
        (TaskStatus::Cancelled, _) => return Err(TaskError::Cancelled),
        (_, 100) => TaskStatus::Done,
        (TaskStatus::NotStarted, 0) => TaskStatus::NotStarted,
        _ => TaskStatus::InProgress,
    })
}

/// Validates the text of a progress update.
pub fn validate_update_text(text: &str) -> Result<(), TaskError> {
    let n = text.trim().chars().count();
    if n == 0 {
        Err(TaskError::EmptyText)
    } else if n > 5000 {
        Err(TaskError::TextTooLong)
    } else {
        Ok(())
    }
}

/// The fields of a task as an editor typed them.
pub struct TaskFields<'a> {
    pub title: &'a str,
    pub deliverable: &'a str,
    pub lead_unit_id: Option<i64>,
    pub coordinating_unit_ids: &'a [i64],
    pub due: &'a str,
}

/// Checks a task's fields; each problem names its field. Returns the parsed deadline.
pub fn validate_fields(
    f: &TaskFields<'_>,
    plan_year: i32,
) -> Result<Due, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let title = f.title.trim().chars().count();
    if title == 0 {
        errors.push(("title", "Tên nhiệm vụ không được để trống.".to_string()));
    } else if title > 1000 {
        errors.push(("title", "Tên nhiệm vụ dài quá 1.000 ký tự.".to_string()));
    }
    if f.deliverable.trim().is_empty() {
        errors.push(("deliverable", "Sản phẩm không được để trống.".to_string()));
    }
    match f.lead_unit_id {
        None => errors.push(("lead_unit_id", "Chưa chọn đơn vị chủ trì.".to_string())),
        Some(lead) if f.coordinating_unit_ids.contains(&lead) => errors.push((
            "coordinating",
            "Đơn vị chủ trì không đồng thời là đơn vị phối hợp.".to_string(),
        )),
        Some(_) => {}
    }
    let due =
        Due::parse(f.due, plan_year).map_err(|e| errors.push(("due", format!("Thời hạn: {e}."))));
    match due {
        Ok(due) if errors.is_empty() => Ok(due),
        _ => Err(errors),
    }
}

/// A hand-made status change by an editor; progress follows the new status.
pub fn change_status(task: &Task, next: TaskStatus) -> Result<(TaskStatus, u8), TaskError> {
    if !task.status.can_become(next) {
        return Err(TaskError::Transition(task.status.label(), next.label()));
    }
    let progress = match next {
        TaskStatus::Done => 100,
        TaskStatus::NotStarted => 0,
        _ => task.progress.min(99),
    };
    Ok((next, progress))
}

/// Working days from `today` to `due`: positive while time is left, negative once late
/// (deadlines are kept in working days, so weekends and Tết do not eat into the count).
pub fn working_days_left(due: NaiveDate, today: NaiveDate, cal: &papi_calendar::Calendar) -> i64 {
    cal.working_days_between(today, due)
}

/// Where a task stands on a given day, as shown everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Done,
    Cancelled,
    Late,
    /// Due within the warning window.
    DueSoon,
    OnTrack,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::Done => "Hoàn thành",
            Standing::Cancelled => "Dừng thực hiện",
            Standing::Late => "Quá hạn",
            Standing::DueSoon => "Sắp đến hạn",
            Standing::OnTrack => "Đúng tiến độ",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Standing::Done => "done",
            Standing::Cancelled => "cancelled",
            Standing::Late => "late",
            Standing::DueSoon => "due_soon",
            Standing::OnTrack => "on_track",
        }
    }
}

/// What the tasks put on the agenda: every period end of the plan year of each open task,
/// owed by its lead unit.
pub fn obligations<'a>(
    tasks: impl IntoIterator<Item = &'a Task>,
    plan_year: i32,
) -> Vec<crate::agenda::Obligation> {
    tasks
        .into_iter()
        .filter(|t| !t.status.is_closed())
        .flat_map(|t| {
            t.due
                .period_ends(plan_year)
                .into_iter()
                .map(|due| crate::agenda::Obligation {
                    kind: crate::agenda::ObligationKind::Task,
                    title: t.title.clone(),
                    due,
                    unit_id: Some(t.lead_unit_id),
                    subject_id: t.id,
                    met_on: None,
                })
        })
        .collect()
}

/// Where a task stands on `on`: done, cancelled, late, falling due within the commune's
/// window ([`crate::agenda::DueSoon`], in working days), or on track.
pub fn standing(
    status: TaskStatus,
    due: Due,
    plan_year: i32,
    last_update_on: Option<NaiveDate>,
    on: &crate::agenda::Today,
) -> Standing {
    match status {
        TaskStatus::Done => return Standing::Done,
        TaskStatus::Cancelled => return Standing::Cancelled,
        _ => {}
    }
    if is_late(due, plan_year, last_update_on, on.date) {
        Standing::Late
    } else if on.is_due_soon(due.current(on.date, plan_year)) {
        Standing::DueSoon
    } else {
        Standing::OnTrack
    }
}

/// Whether an unfinished task is late on `today`. A fixed-date task is late once its date has
/// passed. A recurring task is late when a period of the plan year ended with no progress
/// filed within it.
pub fn is_late(
    due: Due,
    plan_year: i32,
    last_update_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    match due {
        Due::Date(d) => today > d,
        Due::Recurring(_) => due
            .period_ends(plan_year)
            .into_iter()
            .rfind(|end| *end < today)
            .is_some_and(|end| {
                let start = due.period_start(end, plan_year);
                last_update_on.is_none_or(|u| u < start)
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_deadlines_as_tables_write_them() {
        assert_eq!(
            Due::parse("30/06/2025", 2025),
            Ok(Due::Date(d(2025, 6, 30)))
        );
        assert_eq!(Due::parse("5/7", 2025), Ok(Due::Date(d(2025, 7, 5))));
        assert_eq!(Due::parse("Quý II", 2025), Ok(Due::Date(d(2025, 6, 30))));
        assert_eq!(
            Due::parse("Quý IV năm 2025", 2024),
            Ok(Due::Date(d(2025, 12, 31)))
        );
        assert_eq!(
            Due::parse("Tháng 2/2025", 2025),
            Ok(Due::Date(d(2025, 2, 28)))
        );
        assert_eq!(
            Due::parse("Thường xuyên", 2025),
            Ok(Due::Recurring(Recurrence::Ongoing))
        );
        assert_eq!(
            Due::parse("Hằng quý", 2025),
            Ok(Due::Recurring(Recurrence::Quarterly))
        );
        assert_eq!(
            Due::parse("hàng tháng", 2025),
            Ok(Due::Recurring(Recurrence::Monthly))
        );
        assert!(Due::parse("sớm nhất có thể", 2025).is_err());
        assert!(Due::parse("31/02/2025", 2025).is_err());
        assert!(Due::parse("", 2025).is_err());
    }

    #[test]
    fn due_codes_round_trip() {
        for due in [
            Due::Date(d(2025, 3, 1)),
            Due::Recurring(Recurrence::HalfYearly),
        ] {
            assert_eq!(Due::from_code(&due.code()), Some(due));
        }
    }

    #[test]
    fn period_ends() {
        let q = Due::Recurring(Recurrence::Quarterly).period_ends(2025);
        assert_eq!(
            q,
            vec![
                d(2025, 3, 31),
                d(2025, 6, 30),
                d(2025, 9, 30),
                d(2025, 12, 31)
            ]
        );
        assert_eq!(
            Due::Recurring(Recurrence::Monthly).period_ends(2024)[1],
            d(2024, 2, 29)
        );
        let due = Due::Recurring(Recurrence::HalfYearly);
        assert_eq!(due.current(d(2025, 7, 1), 2025), d(2025, 12, 31));
        assert_eq!(due.current(d(2026, 3, 1), 2025), d(2025, 12, 31));
    }

    #[test]
    fn missed_deadlines() {
        let q = Due::Recurring(Recurrence::Quarterly);
        assert_eq!(q.missed(d(2025, 10, 15), 2025), d(2025, 9, 30));
        assert_eq!(
            Due::Date(d(2025, 4, 1)).missed(d(2025, 10, 15), 2025),
            d(2025, 4, 1)
        );
    }

    /// `date` judged on the built-in calendar with the default window.
    fn on(cal: &papi_calendar::Calendar, date: NaiveDate) -> crate::agenda::Today<'_> {
        crate::agenda::Today {
            date,
            cal,
            due_soon: Default::default(),
        }
    }

    #[test]
    fn fixed_date_lateness() {
        let cal = papi_calendar::Calendar::new();
        let due = Due::Date(d(2025, 6, 30));
        let s = |status, today| standing(status, due, 2025, None, &on(&cal, today));
        assert_eq!(s(TaskStatus::InProgress, d(2025, 6, 30)), Standing::DueSoon);
        assert_eq!(s(TaskStatus::InProgress, d(2025, 7, 1)), Standing::Late);
        assert_eq!(s(TaskStatus::Done, d(2025, 7, 1)), Standing::Done);
        assert_eq!(s(TaskStatus::NotStarted, d(2025, 3, 1)), Standing::OnTrack);
        assert_eq!(s(TaskStatus::Cancelled, d(2025, 9, 1)), Standing::Cancelled);
    }

    #[test]
    fn recurring_lateness_needs_a_report_in_each_ended_period() {
        let cal = papi_calendar::Calendar::new();
        let due = Due::Recurring(Recurrence::Quarterly);
        let today = on(&cal, d(2025, 4, 10));
        let s = |last| standing(TaskStatus::InProgress, due, 2025, last, &today);
        assert_eq!(s(None), Standing::Late);
        assert_eq!(s(Some(d(2024, 12, 20))), Standing::Late);
        assert_eq!(s(Some(d(2025, 2, 20))), Standing::OnTrack);
        let ongoing = Due::Recurring(Recurrence::Ongoing);
        assert_eq!(
            standing(TaskStatus::InProgress, ongoing, 2025, None, &today),
            Standing::OnTrack
        );
        assert_eq!(
            standing(
                TaskStatus::InProgress,
                ongoing,
                2025,
                None,
                &on(&cal, d(2026, 1, 2))
            ),
            Standing::Late
        );
    }

    #[test]
    fn falling_due_is_counted_in_working_days() {
        let cal = papi_calendar::Calendar::new();
        let s = |due, today| {
            standing(
                TaskStatus::InProgress,
                Due::Date(due),
                2025,
                None,
                &on(&cal, today),
            )
        };
        // 17 calendar days but Tết (25/01–02/02/2025) between: 6 working days left.
        assert_eq!(s(d(2025, 2, 3), d(2025, 1, 17)), Standing::DueSoon);
        // 13 calendar days in summer: 9 working days left.
        assert_eq!(s(d(2025, 6, 30), d(2025, 6, 17)), Standing::DueSoon);
        // Friday 13/06 to Monday 30/06: 11 working days.
        assert_eq!(s(d(2025, 6, 30), d(2025, 6, 13)), Standing::OnTrack);
        // A commune that wants a shorter warning.
        let short = crate::agenda::Today {
            due_soon: crate::agenda::DueSoon { working_days: 3 },
            ..on(&cal, d(2025, 6, 17))
        };
        assert_eq!(
            standing(
                TaskStatus::InProgress,
                Due::Date(d(2025, 6, 30)),
                2025,
                None,
                &short
            ),
            Standing::OnTrack
        );
    }

    #[test]
    fn working_days_left_skip_tet_and_weekends() {
        let cal = papi_calendar::Calendar::new();
        // Friday 24/01/2025 to Thursday 13/02/2025: Tết 25/01–02/02 in between.
        assert_eq!(working_days_left(d(2025, 2, 13), d(2025, 1, 24), &cal), 9);
        assert_eq!(working_days_left(d(2025, 1, 24), d(2025, 2, 13), &cal), -9);
        assert_eq!(working_days_left(d(2025, 3, 3), d(2025, 3, 3), &cal), 0);
    }

    #[test]
    fn progress_drives_status() {
        use TaskStatus::*;
        assert_eq!(status_after_progress(NotStarted, 0), Ok(NotStarted));
        assert_eq!(status_after_progress(NotStarted, 30), Ok(InProgress));
        assert_eq!(status_after_progress(InProgress, 100), Ok(Done));
        assert_eq!(status_after_progress(Done, 80), Ok(InProgress));
        assert_eq!(
            status_after_progress(Cancelled, 50),
            Err(TaskError::Cancelled)
        );
        assert_eq!(
            status_after_progress(InProgress, 101),
            Err(TaskError::ProgressOutOfRange)
        );
        assert_eq!(
            status_after_progress(InProgress, -1),
            Err(TaskError::ProgressOutOfRange)
        );
    }

    #[test]
    fn hand_made_transitions() {
        use TaskStatus::*;
        assert!(NotStarted.can_become(Done));
        assert!(!InProgress.can_become(NotStarted));
        assert!(!Done.can_become(Cancelled));
        assert!(Cancelled.can_become(InProgress));
        assert!(!Done.can_become(Done));
    }

    #[test]
    fn task_fields() {
        let ok = TaskFields {
            title: "Niêm yết",
            deliverable: "Biên bản",
            lead_unit_id: Some(1),
            coordinating_unit_ids: &[2],
            due: "Quý II",
        };
        assert_eq!(validate_fields(&ok, 2025), Ok(Due::Date(d(2025, 6, 30))));
        let bad = TaskFields {
            title: " ",
            deliverable: "",
            lead_unit_id: Some(2),
            coordinating_unit_ids: &[2],
            due: "mai",
        };
        let fields: Vec<_> = validate_fields(&bad, 2025)
            .unwrap_err()
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(fields, vec!["title", "deliverable", "coordinating", "due"]);
    }

    #[test]
    fn update_text() {
        assert_eq!(validate_update_text("  "), Err(TaskError::EmptyText));
        assert!(validate_update_text("Đã niêm yết").is_ok());
        assert_eq!(
            validate_update_text(&"x".repeat(5001)),
            Err(TaskError::TextTooLong)
        );
    }

    proptest::proptest! {
        #[test]
        fn progress_status_is_consistent(p in -50i64..150, s in 0usize..4) {
            let current = TaskStatus::ALL[s];
            match status_after_progress(current, p) {
                Ok(next) => {
                    proptest::prop_assert!((0..=100).contains(&p));
                    proptest::prop_assert_eq!(next == TaskStatus::Done, p == 100);
                    proptest::prop_assert!(next != TaskStatus::Cancelled);
                }
                Err(_) => proptest::prop_assert!(!(0..=100).contains(&p) || current == TaskStatus::Cancelled),
            }
        }
    }
}
