//! The resident self-assessment: results for staff and the public (radar, intervals, villages,
//! the province beside), imports of answers and of the population table, and the web form a
//! resident or an enumerator fills in on a phone.

pub mod form;
pub mod import;
pub mod results;
pub mod review;

use papi_core::text::fold;
use papi_core::Commune;
use papi_docs::survey::{read_toml, SurveyForm};
use papi_index::{
    EstimateOptions, Frame, ProvincialScore, ProvincialTable, Respondents, SurveyResults,
};
use papi_store::org;
use papi_store::survey::{self as store, SurveyRecord};

use crate::error::AppError;
use crate::AppState;

/// A survey with its form and what its answers give.
pub struct Scored {
    pub survey: SurveyRecord,
    pub responses: usize,
    /// `None` until there are answers to score.
    pub results: Option<SurveyResults>,
    pub error: Option<String>,
}

pub fn parse_form(sv: &SurveyRecord) -> Result<SurveyForm, AppError> {
    read_toml(&sv.questionnaire_json)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored questionnaire unreadable: {e}")))
}

/// The weighting frame from the stored population table: village adults for base weights, the
/// commune's sex × age cells for calibration. Without a table, respondents count equally.
async fn frame(
    state: &AppState,
    sv: &SurveyRecord,
    villages: &[String],
) -> Result<Frame, AppError> {
    let rows = store::population(&state.store, sv.id).await?;
    let n_age = sv.age_bands.len();
    if rows.is_empty() {
        return Ok(Frame {
            villages: villages.to_vec(),
            adults: None,
            cells: papi_index::Cells {
                n_age,
                population: vec![],
            },
        });
    }
    let mut adults = vec![0.0; villages.len()];
    let mut cells = vec![0.0; 2 * n_age];
    for r in &rows {
        let v = villages.iter().position(|v| fold(v) == fold(&r.village));
        let a = sv.age_bands.iter().position(|a| a == &r.age_band);
        let s = match r.sex.as_str() {
            "F" => Some(0),
            "M" => Some(1),
            _ => None,
        };
        if let (Some(v), Some(a), Some(s)) = (v, a, s) {
            adults[v] += r.population as f64;
            cells[s * n_age + a] += r.population as f64;
        }
    }
    Ok(Frame {
        villages: villages.to_vec(),
        adults: Some(adults),
        cells: papi_index::Cells {
            n_age,
            population: cells,
        },
    })
}

/// Loads a survey and scores its completed answers.
pub async fn score(
    state: &AppState,
    commune_id: i64,
    survey_id: i64,
    opts: EstimateOptions,
) -> Result<Scored, AppError> {
    let sv = store::survey(&state.store, survey_id).await?;
    if sv.commune_id != commune_id {
        return Err(AppError::NotFound);
    }
    let form = parse_form(&sv)?;
    let villages: Vec<String> = org::villages(&state.store, commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    let questionnaire = form
        .questionnaire()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e:?}")))?;
    let responses = store::responses(&state.store, sv.id).await?;
    let n_age = sv.age_bands.len();
    let mut data = Respondents::with_capacity(questionnaire.indicators.len(), responses.len());
    for r in &responses {
        let v = villages.iter().position(|v| fold(v) == fold(&r.village));
        let a = sv.age_bands.iter().position(|a| a == &r.age_band);
        let s = if r.sex == "M" { 1 } else { 0 };
        let (Some(v), Some(a)) = (v, a) else { continue };
        if r.scores.len() != questionnaire.indicators.len() {
            continue;
        }
        let scores: Vec<f32> = r.scores.iter().map(|x| x.unwrap_or(f32::NAN)).collect();
        data.push(v, s * n_age + a, &scores);
    }
    let count = data.len();
    let (results, error) = if count == 0 {
        (None, None)
    } else {
        match papi_index::estimate(
            &questionnaire,
            frame(state, &sv, &villages).await?,
            data,
            opts,
        ) {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        }
    };
    Ok(Scored {
        survey: sv,
        responses: count,
        results,
        error,
    })
}

/// The commune's province in the official scores, matched by name without diacritics.
pub struct Benchmark {
    pub province: String,
    pub year: u16,
    pub dimensions: std::collections::BTreeMap<String, f64>,
    pub total: f64,
    pub group: Option<papi_index::QuartileGroup>,
}

pub async fn benchmark(
    state: &AppState,
    commune: &Commune,
    year: u16,
) -> Result<Option<Benchmark>, AppError> {
    let rows = store::provincial(&state.store).await?;
    let table = ProvincialTable::new(rows.iter().map(|(p, y, s, v)| ProvincialScore {
        province: p.clone(),
        year: *y as u16,
        subdimension: s.clone(),
        score: *v,
    }));
    let want = fold(&commune.province);
    let Some(province) = rows.iter().map(|r| r.0.clone()).find(|p| fold(p) == want) else {
        return Ok(None);
    };
    let mut years: Vec<u16> = rows
        .iter()
        .filter(|r| r.0 == province && r.1 as u16 <= year)
        .map(|r| r.1 as u16)
        .collect();
    years.sort_unstable();
    let Some(&y) = years.last() else {
        return Ok(None);
    };
    let (Some(dimensions), Some(total)) =
        (table.dimensions(&province, y), table.total(&province, y))
    else {
        return Ok(None);
    };
    let group = table.quartile_group(&province, y);
    Ok(Some(Benchmark {
        group,
        province: commune.province.clone(),
        year: y,
        dimensions,
        total,
    }))
}
