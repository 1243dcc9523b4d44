//! `papi calendar …`: the Vietnamese calendar and statutory deadlines from the command line.

use std::process::ExitCode;

use anyhow::{anyhow, bail};
use chrono::{Duration, NaiveDate};
use papi_calendar::{default_calendar, to_lunar, to_solar, CaseFacts, LunarDate};
use papi_core::clock::format_date;
use serde_json::json;

use crate::args::CalendarCommand;

fn print(json: bool, value: serde_json::Value, text: String) {
    if json {
        println!("{value}");
    } else {
        println!("{text}");
    }
}

/// "10/3/2026" → day 10, month 3, year 2026.
fn parse_lunar(s: &str, leap: bool) -> anyhow::Result<LunarDate> {
    let parts: Vec<&str> = s.split('/').map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        bail!("ngày âm lịch “{s}” phải viết dạng ngày/tháng/năm, ví dụ 10/3/2026");
    };
    let bad = || anyhow!("ngày âm lịch “{s}” không hợp lệ");
    Ok(LunarDate::new(
        d.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        y.parse().map_err(|_| bad())?,
        leap,
    ))
}

/// `papi calendar import`: validates a year's schedule and stores it as the admins' correction.
pub async fn import(
    db: &crate::open::Database,
    file: &std::path::Path,
    year: Option<i32>,
    source: &str,
    commune: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow!("không đọc được {}: {e}", file.display()))?;
    let schedule = if text.trim_start().starts_with('{') {
        let s: papi_calendar::YearSchedule = serde_json::from_str(&text)
            .map_err(|e| anyhow!("tệp JSON không đúng dạng lịch năm: {e}"))?;
        s.validate(papi_calendar::holidays::is_weekly_rest)
            .map_err(|e| anyhow!("lịch không hợp lệ: {e}"))?;
        s
    } else {
        let year = year.ok_or_else(|| anyhow!("tệp dạng dòng cần --year"))?;
        papi_calendar::schedule_text::parse_lines(year, source, &text)
            .map_err(|errs| anyhow!("{}", errs.join("\n")))?
    };
    let store = crate::open::store(db).await?;
    let c = crate::import_cmd::pick_commune(&store, commune).await?;
    let json = serde_json::to_string(&schedule)?;
    let mut w = store.begin_write().await?;
    papi_store::calendar::save_override(
        &mut w,
        "papi calendar import",
        c.id,
        schedule.year as i64,
        &json,
    )
    .await?;
    w.commit().await?;
    let cal = papi_calendar::Calendar::new()
        .with_override(schedule.clone())
        .map_err(|e| anyhow!("{e}"))?;
    let first = chrono::NaiveDate::from_ymd_opt(schedule.year, 1, 1)
        .ok_or_else(|| anyhow!("năm không hợp lệ"))?;
    let last = chrono::NaiveDate::from_ymd_opt(schedule.year, 12, 31).unwrap_or(first);
    let n = cal.working_days_between(first - Duration::days(1), last);
    println!("Đã lưu lịch năm {} ({} ngày đặc biệt, {n} ngày làm việc); máy chủ dùng lịch này từ lần khởi động tới.", schedule.year, schedule.days.len());
    Ok(ExitCode::SUCCESS)
}

pub fn run(cmd: CalendarCommand) -> anyhow::Result<ExitCode> {
    let cal = default_calendar();
    match cmd {
        CalendarCommand::Import { .. } => anyhow::bail!("papi calendar import cần cơ sở dữ liệu"),
        CalendarCommand::Lunar { date, json } => {
            let l = to_lunar(date);
            print(
                json,
                json!({"date": date, "lunar": l, "text": l.to_string()}),
                format!("{} âm lịch", l),
            );
        }
        CalendarCommand::Solar { lunar, leap, json } => {
            let l = parse_lunar(&lunar, leap)?;
            let d = to_solar(l).ok_or_else(|| anyhow!("không có ngày {} trong lịch âm", l))?;
            print(json, json!({"lunar": l, "date": d}), d.to_string());
        }
        CalendarCommand::Tet { from, to, json } => {
            if from > to || from < 1800 || to > 2199 {
                bail!("khoảng năm phải nằm trong 1800–2199 và --from không lớn hơn --to");
            }
            let years: Vec<_> = (from..=to).map(papi_calendar::tet_info).collect();
            if json {
                println!("{}", serde_json::to_string(&years)?);
            } else {
                for y in years {
                    let leap = if y.leap_month == 0 {
                        String::new()
                    } else {
                        format!(", nhuận tháng {}", y.leap_month)
                    };
                    println!(
                        "{} ({}): Tết {}{leap}",
                        y.year,
                        papi_calendar::can_chi_year(y.year),
                        format_date(y.tet)
                    );
                }
            }
        }
        CalendarCommand::Holidays { year, json } => {
            let schedule = cal.schedule(year);
            let days = cal.holidays(year);
            if json {
                println!(
                    "{}",
                    json!({"year": year, "provisional": schedule.provisional, "source": schedule.source, "days": days})
                );
            } else {
                if schedule.provisional {
                    println!(
                        "Lịch năm {year} là DỰ KIẾN (chưa có thông báo chính thức): {}",
                        schedule.source
                    );
                }
                for d in days {
                    let kind = match d.kind {
                        papi_calendar::DayKind::Holiday => "nghỉ lễ",
                        papi_calendar::DayKind::Compensatory => "nghỉ bù",
                        papi_calendar::DayKind::Swapped => "nghỉ hoán đổi",
                        papi_calendar::DayKind::MakeUpWorkday => "LÀM BÙ",
                    };
                    println!(
                        "{}  {:<14} {} — {}",
                        format_date(d.date),
                        kind,
                        d.name_vi,
                        d.source
                    );
                }
            }
        }
        CalendarCommand::Workdays { from, to, json } => {
            // Both ends count: the number of working days in the range.
            let n = cal.working_days_between(from - Duration::days(1), to);
            print(
                json,
                json!({"from": from, "to": to, "working_days": n}),
                format!(
                    "{n} ngày làm việc từ {} đến {}",
                    format_date(from),
                    format_date(to)
                ),
            );
        }
        CalendarCommand::Add {
            date,
            working_days,
            days,
            json,
        } => {
            let due: NaiveDate = match (working_days, days) {
                (Some(n), None) => cal.add_working_days(date, n),
                (None, Some(n)) => cal.add_calendar_days(date, n),
                _ => bail!("cho một trong hai: --working-days N hoặc --days N"),
            };
            print(json, json!({"date": due}), due.to_string());
        }
        CalendarCommand::Deadline {
            rule,
            from,
            complex,
            remote,
            extensions,
            json,
        } => {
            let facts = CaseFacts {
                complex,
                remote,
                extensions,
            };
            let d = cal
                .deadline(&rule, from, facts)
                .map_err(|e| anyhow!("{e}"))?;
            if json {
                println!("{}", serde_json::to_string(&d)?);
            } else {
                println!(
                    "Hạn: {} ({} {} kể từ {})",
                    format_date(d.due),
                    d.duration,
                    d.unit.label_vi(),
                    format_date(d.start)
                );
                println!(
                    "Quy định: {} — {} [{}]",
                    d.rule_id,
                    d.description_vi,
                    format!("{:?}", d.status).to_uppercase()
                );
                println!("Căn cứ: {}", d.source);
                if let Some(w) = d.warning {
                    println!("CẢNH BÁO: {w}");
                }
                if let Some(n) = d.note {
                    println!("Ghi chú: {n}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
