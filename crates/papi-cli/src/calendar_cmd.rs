//! `papi calendar …`: the Vietnamese calendar and statutory deadlines from the command line.

use std::process::ExitCode;

use anyhow::{anyhow, bail};
use chrono::{Duration, NaiveDate};
use papi_calendar::{default_calendar, to_lunar, to_solar, CaseFacts, Deadline, LunarDate};
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

/// "2026-07-10:2026-07-20" → suspended on 10/07, resumed on 20/07; "2026-07-10" → still
/// suspended.
fn parse_pause(s: &str) -> anyhow::Result<papi_calendar::Pause> {
    let date = |x: &str| {
        x.trim().parse::<NaiveDate>().map_err(|_| {
            anyhow!("--pause “{s}”: ngày “{x}” không hợp lệ, viết dạng NĂM-THÁNG-NGÀY, ví dụ 2026-07-10:2026-07-20")
        })
    };
    match s.split_once(':') {
        Some((a, b)) => Ok((date(a)?, Some(date(b)?))),
        None => Ok((date(s)?, None)),
    }
}

/// The due date, then the rule, its source and how sure it is, each on its own line; the
/// warning of an UNCONF or SEC-U rule right after the date it qualifies.
fn print_deadline(d: &Deadline) {
    if d.before_event {
        println!(
            "Thông báo chậm nhất: {} (ít nhất {} {} trước {})",
            format_date(d.due),
            d.duration,
            d.unit.label_vi(),
            format_date(d.start)
        );
    } else {
        let paused = if d.paused > 0 {
            format!(", cộng {} {} tạm đình chỉ", d.paused, d.unit.label_vi())
        } else {
            String::new()
        };
        println!(
            "Hạn: {} ({} {} kể từ {}{paused})",
            format_date(d.due),
            d.duration,
            d.unit.label_vi(),
            format_date(d.start)
        );
    }
    if let Some(w) = &d.warning {
        println!("CẢNH BÁO: {w}");
    }
    println!("Quy định: {} — {}", d.rule_id, d.description_vi);
    println!("Căn cứ: {}", d.source);
    println!("Mức độ: {} — {}", d.status, d.status.label_vi());
    if let Some(n) = &d.note {
        println!("Ghi chú: {n}");
    }
}

/// One block per rule id, one line per version with its effective dates.
fn print_rules(rules: &[&papi_calendar::Rule]) {
    let mut last_id = "";
    for r in rules {
        if r.id != last_id {
            println!("{} — {}", r.id, r.description_vi);
            last_id = &r.id;
        }
        let from = r.effective_from.map_or("…".to_string(), format_date);
        let to = r.effective_to.map_or("nay".to_string(), format_date);
        let amount = match r.duration {
            None => "không có số".to_string(),
            Some(n) => {
                let at_least = if r.minimum { "ít nhất " } else { "" };
                let before = if r.before_event {
                    " trước sự kiện"
                } else {
                    ""
                };
                format!("{at_least}{n} {}{before}", r.unit.label_vi())
            }
        };
        println!(
            "  {from} – {to}: {amount}; {} [{} — {}]",
            r.source,
            r.status,
            r.status.label_vi()
        );
    }
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
            event,
            complex,
            remote,
            extensions,
            pause,
            json,
        } => {
            let facts = CaseFacts {
                complex,
                remote,
                extensions,
            };
            let pauses = pause
                .iter()
                .map(|p| parse_pause(p))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let d = match (from, event) {
                (Some(from), None) if pauses.is_empty() => cal.deadline(&rule, from, facts),
                (Some(from), None) => match cal.deadline_with_pauses(&rule, from, facts, &pauses) {
                    Ok(Some(d)) => Ok(d),
                    Ok(None) => {
                        print(
                            json,
                            json!({"rule_id": rule, "start": from, "stopped": true}),
                            format!("{rule}: đang tạm đình chỉ, thời hạn ngừng tính cho tới khi có quyết định tiếp tục giải quyết."),
                        );
                        return Ok(ExitCode::SUCCESS);
                    }
                    Err(e) => Err(e),
                },
                (None, Some(event)) if pauses.is_empty() => cal.latest_notice(&rule, event, facts),
                (None, Some(_)) => bail!("--pause chỉ dùng với --from"),
                _ => bail!("cho một trong hai: --from NGÀY (ngày bắt đầu tính) hoặc --event NGÀY (ngày diễn ra sự kiện cần thông báo trước)"),
            }
            .map_err(|e| anyhow!("{e}"))?;
            if json {
                println!("{}", serde_json::to_string(&d)?);
            } else {
                print_deadline(&d);
            }
        }
        CalendarCommand::Rules { prefix, json } => {
            let rules: Vec<&papi_calendar::Rule> = papi_calendar::rules::rules()
                .iter()
                .filter(|r| prefix.as_deref().is_none_or(|p| r.id.starts_with(p)))
                .collect();
            if json {
                println!("{}", serde_json::to_string(&rules)?);
            } else {
                print_rules(&rules);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
