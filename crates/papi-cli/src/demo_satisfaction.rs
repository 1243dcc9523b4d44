//! The demo's satisfaction surveys as they stand on the demo's day (15/10/2025): the one-stop
//! desk in Q2/2025 and Q3/2025 (about 120 answers, a little better than the quarter before),
//! the health station in Q3/2025, and the primary school's survey of the first term, still
//! taking answers, with three answers sent in one burst from one address waiting for review.
//! Answers go through the application layer on the day they were given, so the intake rule
//! runs as it would have.

use anyhow::{anyhow, Context};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use papi_app::satisfaction::{self as svc, Submission};
use papi_app::App;
use papi_core::satisfaction::{ItemKind, NewSurvey};
use papi_core::{Actor, Role};
use papi_store::Store;
use rand::{Rng, SeedableRng};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid demo date")
}

/// One survey of the demo: what the office typed, how many answered, and how satisfied the
/// service's users tend to be (chance that an answer is 4 or 5).
struct Plan {
    kind: &'static str,
    service: &'static str,
    period: &'static str,
    from: NaiveDate,
    to: NaiveDate,
    answers: usize,
    level: f64,
    /// The factor residents like least, a little lower.
    weak: usize,
}

pub async fn seed(store: &Store, commune_id: i64, today: NaiveDate) -> anyhow::Result<()> {
    let users = papi_store::org::users(store, commune_id).await?;
    let office = users
        .iter()
        .find(|u| u.role == Role::Office)
        .context("the demo has an office user")?;
    let actor = Actor {
        user_id: office.id,
        commune_id,
        role: Role::Office,
        unit_id: office.unit_id,
    };
    let by = office.username.as_str();
    let err = |e: papi_app::Error| anyhow!("{e}");
    let plans = [
        Plan {
            kind: "one_stop_desk",
            service: "Bộ phận Một cửa UBND xã",
            period: "Quý II/2025",
            from: d(2025, 4, 1),
            to: d(2025, 6, 30),
            answers: 96,
            level: 0.78,
            weak: 4,
        },
        Plan {
            kind: "one_stop_desk",
            service: "Bộ phận Một cửa UBND xã",
            period: "Quý III/2025",
            from: d(2025, 7, 1),
            to: d(2025, 9, 30),
            answers: 122,
            level: 0.85,
            weak: 4,
        },
        Plan {
            kind: "health_station",
            service: "Trạm y tế xã",
            period: "Quý III/2025",
            from: d(2025, 7, 1),
            to: d(2025, 9, 30),
            answers: 64,
            level: 0.80,
            weak: 0,
        },
        Plan {
            kind: "school",
            service: "Trường Tiểu học xã",
            period: "Học kỳ I năm học 2025–2026",
            from: d(2025, 9, 5),
            to: d(2025, 12, 31),
            answers: 38,
            level: 0.83,
            weak: 1,
        },
    ];
    let mut rng = rand::rngs::StdRng::seed_from_u64(2025);
    let mut device = 0u32;
    for p in &plans {
        let app = App::new(store.clone(), Some(p.from));
        let form = NewSurvey {
            kind: p.kind.into(),
            service_name: p.service.into(),
            period_label: p.period.into(),
            starts_on: p.from.format("%d/%m/%Y").to_string(),
            ends_on: p.to.format("%d/%m/%Y").to_string(),
        };
        let id = svc::create(&app, &actor, by, &form, None)
            .await
            .map_err(err)?;
        let s = svc::get(&app, commune_id, id).await.map_err(err)?;
        let last = p.to.min(today);
        let days = (last - p.from).num_days().max(1);
        for n in 0..p.answers {
            let day = p.from + Duration::days(days * n as i64 / p.answers as i64);
            let at = Utc.from_utc_datetime(
                &day.and_hms_opt(1 + (n % 8) as u32, (n * 7 % 60) as u32, 0)
                    .expect("valid time"),
            );
            // Some residents are pleased with everything, some with little.
            let mood: f64 = p.level + rng.gen_range(-0.25..0.25);
            let mut pairs = Vec::new();
            for (f, item) in s.questionnaire.items() {
                if rng.gen_bool(0.04) {
                    continue; // not answered
                }
                let chance = if f == p.weak { mood - 0.12 } else { mood }.clamp(0.05, 0.98);
                let v = match item.kind {
                    ItemKind::Likert5 => {
                        if rng.gen_bool(chance) {
                            if rng.gen_bool(0.35) {
                                5
                            } else {
                                4
                            }
                        } else if rng.gen_bool(0.7) {
                            3
                        } else if rng.gen_bool(0.7) {
                            2
                        } else {
                            1
                        }
                    }
                    ItemKind::YesNo => u8::from(rng.gen_bool((chance + 0.08).min(0.99))),
                };
                pairs.push((item.code.clone(), v.to_string()));
            }
            device += 1;
            let day_app = App::new(store.clone(), Some(day));
            svc::submit(
                &day_app,
                commune_id,
                id,
                Submission {
                    pairs,
                    address_tag: format!("demo-addr-{}", device % 53),
                    device_tag: format!("demo-device-{device}"),
                    at,
                },
            )
            .await
            .map_err(err)?;
        }
        if p.kind == "school" {
            // A burst from one address in a few minutes: held for the office to look at.
            for k in 0..3u32 {
                let at = Utc.from_utc_datetime(&last.and_hms_opt(3, 2 * k, 0).expect("valid time"));
                let day_app = App::new(store.clone(), Some(last));
                svc::submit(
                    &day_app,
                    commune_id,
                    id,
                    Submission {
                        pairs: s
                            .questionnaire
                            .items()
                            .filter(|(_, i)| i.kind == ItemKind::Likert5)
                            .map(|(_, i)| (i.code.clone(), "5".to_string()))
                            .collect(),
                        address_tag: "demo-addr-burst".into(),
                        device_tag: format!("demo-burst-{k}"),
                        at,
                    },
                )
                .await
                .map_err(err)?;
            }
        }
        if p.to < today {
            svc::set_open(&App::new(store.clone(), Some(today)), &actor, by, id, false)
                .await
                .map_err(err)?;
        }
    }
    Ok(())
}
