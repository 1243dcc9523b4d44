//! The resident self-assessment as use cases: a survey's form, its answers scored the PAPI
//! way against the commune's weighting frame, and the province's official scores beside them.

use papi_core::survey_setup::check_new;
use papi_core::text::fold;
use papi_core::{Action, Actor, Commune};
use papi_docs::survey::{read_toml, write_toml, SurveyForm};
use papi_index::{
    EstimateOptions, Frame, ProvincialScore, ProvincialTable, Respondents, SurveyResults,
};
use papi_store::org;
use papi_store::survey::{self as store, SurveyRecord};

use crate::error::{Error, Result};
use crate::App;

/// A survey with its form and what its answers give.
pub struct Scored {
    pub survey: SurveyRecord,
    pub responses: usize,
    /// `None` until there are answers to score.
    pub results: Option<SurveyResults>,
    pub error: Option<String>,
}

pub fn parse_form(sv: &SurveyRecord) -> Result<SurveyForm> {
    read_toml(&sv.questionnaire_json)
        .map_err(|e| Error::Internal(anyhow::anyhow!("stored questionnaire unreadable: {e}")))
}

/// What the office types to start a survey.
pub struct NewSurveyForm<'a> {
    pub year: &'a str,
    pub title: &'a str,
    /// Separated by commas, semicolons or lines; blank = PAPI's own.
    pub age_bands: &'a str,
}

/// Creates a survey as typed with `form` (the commune's XLSForm or TOML, already read, or the
/// default questionnaire). The office's work, as imports.
pub async fn create(
    app: &App,
    actor: &Actor,
    by: &str,
    typed: NewSurveyForm<'_>,
    form: &SurveyForm,
) -> Result<i64> {
    if !actor.can(Action::ReviewUnitWork) {
        return Err(Error::Forbidden);
    }
    let new = check_new(typed.year, typed.title, typed.age_bands).map_err(Error::Invalid)?;
    form.questionnaire().map_err(|errs| {
        let lines: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        Error::Invalid(format!("Phiếu khảo sát có lỗi: {}", lines.join("; ")))
    })?;
    let record = SurveyRecord {
        id: 0,
        commune_id: actor.commune_id,
        year: new.year,
        title: new.title,
        questionnaire_json: write_toml(form),
        age_bands: new.age_bands,
    };
    let mut w = app.store.begin_write().await?;
    let id = store::insert_survey(&mut w, by, &record).await?;
    w.commit().await?;
    Ok(id)
}

/// Villages found by name without regard to case or diacritics, each name folded once: rows
/// name a few hundred villages a million times, and folding every village for every row took
/// minutes on a million answers.
struct VillageIndex<'a> {
    folded: std::collections::HashMap<String, usize>,
    seen: std::collections::HashMap<&'a str, Option<usize>>,
}

impl<'a> VillageIndex<'a> {
    fn new(villages: &[String]) -> VillageIndex<'a> {
        let mut folded = std::collections::HashMap::new();
        for (i, v) in villages.iter().enumerate() {
            folded.entry(fold(v)).or_insert(i);
        }
        VillageIndex {
            folded,
            seen: std::collections::HashMap::new(),
        }
    }

    /// The position of `name` among the villages (the first of equal names).
    fn find(&mut self, name: &'a str) -> Option<usize> {
        let folded = &self.folded;
        *self
            .seen
            .entry(name)
            .or_insert_with(|| folded.get(&fold(name)).copied())
    }
}

/// The weighting frame from the stored population table: village adults for base weights, the
/// commune's sex × age cells for calibration. Without a table, respondents count equally.
async fn frame(app: &App, sv: &SurveyRecord, villages: &[String]) -> Result<Frame> {
    let rows = store::population(&app.store, sv.id).await?;
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
    let mut village_index = VillageIndex::new(villages);
    let mut adults = vec![0.0; villages.len()];
    let mut cells = vec![0.0; 2 * n_age];
    for r in &rows {
        let v = village_index.find(&r.village);
        let a = sv.age_bands.iter().position(|a| a == &r.age_band);
        let s = match r.sex.as_str() {
            "F" => Some(0),
            "M" => Some(1),
            _ => None,
        };
        if let (Some(v), Some(a), Some(s)) = (v, a, s) {
            adults[v] += r.population as f64;
            cells[papi_index::Cells::cell(s, a, n_age)] += r.population as f64;
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
    app: &App,
    commune_id: i64,
    survey_id: i64,
    opts: EstimateOptions,
) -> Result<Scored> {
    let sv = store::survey(&app.store, survey_id).await?;
    if sv.commune_id != commune_id {
        return Err(Error::NotFound);
    }
    let form = parse_form(&sv)?;
    let villages: Vec<String> = org::villages(&app.store, commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    let questionnaire = form
        .questionnaire()
        .map_err(|e| Error::Internal(anyhow::anyhow!("{e:?}")))?;
    let responses = store::responses(&app.store, sv.id).await?;
    let mut village_index = VillageIndex::new(&villages);
    let n_age = sv.age_bands.len();
    let mut data = Respondents::with_capacity(questionnaire.indicators.len(), responses.len());
    for r in &responses {
        let v = village_index.find(&r.village);
        let a = sv.age_bands.iter().position(|a| a == &r.age_band);
        let s = if r.sex == "M" { 1 } else { 0 };
        let (Some(v), Some(a)) = (v, a) else { continue };
        if r.scores.len() != questionnaire.indicators.len() {
            continue;
        }
        let scores: Vec<f32> = r.scores.iter().map(|x| x.unwrap_or(f32::NAN)).collect();
        data.push(v, papi_index::Cells::cell(s, a, n_age), &scores);
    }
    let count = data.len();
    let (results, error) = if count == 0 {
        (None, None)
    } else {
        match papi_index::estimate(
            &questionnaire,
            frame(app, &sv, &villages).await?,
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

pub async fn benchmark(app: &App, commune: &Commune, year: u16) -> Result<Option<Benchmark>> {
    let rows = store::provincial(&app.store).await?;
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

/// Replaces a survey's population table with what was read from the commune's file: one row
/// per village and sex × age cell, audited.
pub async fn store_population(
    app: &App,
    actor: &str,
    sv: &SurveyRecord,
    pop: &papi_docs::survey::Population,
) -> Result<()> {
    let n_age = pop.age_bands.len();
    let n_cells = 2 * n_age;
    let mut rows = Vec::new();
    for (v, village) in pop.villages.iter().enumerate() {
        for (sex, code) in ["F", "M"].into_iter().enumerate() {
            for (age, band) in pop.age_bands.iter().enumerate() {
                let c = papi_index::Cells::cell(sex, age, n_age);
                rows.push(store::PopulationRow {
                    village: village.clone(),
                    sex: code.into(),
                    age_band: band.clone(),
                    population: pop.by_village[v * n_cells + c].round() as i64,
                });
            }
        }
    }
    let mut w = app.store.begin_write().await?;
    store::set_population(&mut w, actor, sv.commune_id, sv.id, &rows).await?;
    w.commit().await?;
    Ok(())
}
