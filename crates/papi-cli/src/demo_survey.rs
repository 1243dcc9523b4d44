//! The demo's 2025 resident survey: the default questionnaire, a population table, generated
//! answers in every village (one village with too few to rank), and the official provincial
//! scores from the shared data when they are at hand.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::anyhow;
use papi_docs::survey::{
    default_form, parse_answers, write_toml, AGE_BAND, DEFAULT_AGE_BANDS, SEX, VILLAGE,
};
use papi_store::survey::{self as store, PopulationRow, Response, SurveyRecord};
use papi_store::{org, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The demo's enumerator for ODK Collect: login and password.
pub const DEMO_ENUMERATOR: (&str, &str) = ("dieutra1", "demo-papi-2025");

/// Adults per village, and the share of each age band (18-29, 30-44, 45-59, 60+).
const ADULTS: [i64; 6] = [820, 640, 910, 560, 700, 480];
const AGE_SHARE: [f64; 4] = [0.24, 0.30, 0.26, 0.20];

pub async fn seed(store: &Store, commune_id: i64, provincial: Option<&Path>) -> anyhow::Result<()> {
    let villages: Vec<String> = org::villages(store, commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    let form = default_form();
    let age_bands: Vec<String> = DEFAULT_AGE_BANDS.iter().map(|s| s.to_string()).collect();
    let record = SurveyRecord {
        id: 0,
        commune_id,
        year: 2025,
        title: "Khảo sát ý kiến người dân về quản trị và hành chính công năm 2025".into(),
        questionnaire_json: write_toml(&form),
        age_bands: age_bands.clone(),
    };
    let mut w = store.begin_write().await?;
    let id = store::insert_survey(&mut w, "papi demo", &record).await?;
    let mut pop = Vec::new();
    for (v, name) in villages.iter().enumerate() {
        let adults = ADULTS[v % ADULTS.len()];
        for (a, band) in age_bands.iter().enumerate() {
            let cell = (adults as f64 * AGE_SHARE[a]).round() as i64;
            for (sex, share) in [("F", 0.52), ("M", 0.48)] {
                pop.push(PopulationRow {
                    village: name.clone(),
                    sex: sex.into(),
                    age_band: band.clone(),
                    population: (cell as f64 * share).round() as i64,
                });
            }
        }
    }
    store::set_population(&mut w, "papi demo", commune_id, id, &pop).await?;

    let mut rng = StdRng::seed_from_u64(2025);
    let mut responses = Vec::new();
    for (v, village) in villages.iter().enumerate() {
        // The last village gathered too few answers to be ranked.
        let n = if v + 1 == villages.len() {
            18
        } else {
            48 + 3 * v
        };
        // How well the village is served, so villages differ.
        let quality = 0.45 + 0.08 * (v % 5) as f64;
        for k in 0..n {
            let sex = if rng.gen_bool(0.52) { "F" } else { "M" };
            let age = age_bands[rng.gen_range(0..age_bands.len())].clone();
            let mut answers = BTreeMap::new();
            for q in &form.questions {
                let mut kind = q.kind.split_whitespace();
                let (Some(t), list) = (kind.next(), kind.next()) else {
                    continue;
                };
                if [VILLAGE, SEX, AGE_BAND].contains(&q.name.as_str()) {
                    continue;
                }
                let answer = match (t, list.and_then(|l| form.list(l))) {
                    ("select_one", Some(list)) => {
                        let scored: Vec<_> =
                            list.choices.iter().filter(|c| c.value.is_some()).collect();
                        if rng.gen_bool(0.04) || scored.is_empty() {
                            list.choices.last().map(|c| c.name.clone())
                        } else {
                            // Better-served villages lean to the higher-valued answers.
                            let mut sorted = scored.clone();
                            sorted.sort_by(|a, b| {
                                a.value
                                    .partial_cmp(&b.value)
                                    .unwrap_or(std::cmp::Ordering::Equal)
                            });
                            let pick = if rng.gen_bool(quality) {
                                sorted.len() - 1 - rng.gen_range(0..sorted.len().min(2))
                            } else {
                                rng.gen_range(0..sorted.len())
                            };
                            Some(sorted[pick].name.clone())
                        }
                    }
                    ("select_multiple", Some(list)) => list.choices.first().map(|c| c.name.clone()),
                    ("integer", _) => Some(rng.gen_range(0..6).to_string()),
                    _ => None,
                };
                if let Some(a) = answer {
                    answers.insert(q.name.clone(), a);
                }
            }
            let mut pairs: Vec<(String, String)> = answers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            pairs.extend([
                (VILLAGE.to_string(), village.clone()),
                (SEX.to_string(), sex.to_string()),
                (AGE_BAND.to_string(), age.clone()),
            ]);
            let parsed = parse_answers(&form, &pairs, &villages, &age_bands).map_err(|e| {
                anyhow!(
                    "demo answers do not fit the questionnaire: {}",
                    e.iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })?;
            let day = 1 + (k % 28) as u32;
            responses.push(Response {
                uuid: format!("demo-{v:02}-{k:03}"),
                village: village.clone(),
                sex: sex.into(),
                age_band: age,
                submitted_at: format!("2025-09-{day:02}T02:00:00.000Z"),
                answers,
                scores: parsed
                    .scores
                    .iter()
                    .map(|x| (!x.is_nan()).then_some(*x))
                    .collect(),
                complete: true,
            });
        }
    }
    store::insert_responses(&mut w, "papi demo", commune_id, id, &responses).await?;
    // Fieldwork with ODK Collect: the survey is open from September on, and one enumerator
    // may collect in every village (server URL /openrosa/{gso}, login dieutra1).
    papi_store::collect::set_window(&mut w, "papi demo", commune_id, id, "2025-09-01", "").await?;
    papi_store::collect::insert_enumerator(
        &mut w,
        "papi demo",
        commune_id,
        DEMO_ENUMERATOR.0,
        "Nguyễn Thị Điều Tra",
        &[],
        DEMO_ENUMERATOR.1,
    )
    .await?;
    w.commit().await?;

    if let Some(dir) = provincial.filter(|d| d.is_dir()) {
        for year in 2018..=2024 {
            let file = dir.join(format!("{year}.csv"));
            if file.exists() {
                crate::survey_cmd::import_benchmark(store, &file, Some(year)).await?;
            }
        }
    }
    Ok(())
}
