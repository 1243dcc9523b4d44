//! The survey's fieldwork plan as a use case: the window (when enumerators collect, when ODK
//! Collect is served the form) and the answers each village needs, typed by the office on the
//! fieldwork page and checked by the rules of `papi_core::fieldwork`.

use papi_core::fieldwork::{parse_target, Window};
use papi_core::{Action, Actor};
use papi_store::fieldwork as store;
use papi_store::{org, survey};

use crate::error::{Error, Result};
use crate::App;

/// The commune's villages, then any other village answers name, in that order.
pub async fn villages(app: &App, commune_id: i64, survey_id: i64) -> Result<Vec<String>> {
    let mut names: Vec<String> = org::villages(&app.store, commune_id)
        .await?
        .into_iter()
        .map(|v| v.name)
        .collect();
    for (v, _) in store::answers_by_village(&app.store, survey_id).await? {
        if !names.contains(&v) {
            names.push(v);
        }
    }
    Ok(names)
}

/// The plan as typed: dates as dd/mm/yyyy (blank = none), targets by village (blank = the
/// default).
pub struct PlanForm<'a> {
    pub opens: &'a str,
    pub closes: &'a str,
    pub targets: &'a [(String, String)],
}

/// Saves the window and the targets together; `Ok(Err(messages))`, nothing saved, when
/// something typed breaks a rule (each message names the field or the village).
pub async fn save_plan(
    app: &App,
    actor: &Actor,
    by: &str,
    survey_id: i64,
    form: PlanForm<'_>,
) -> Result<std::result::Result<(), Vec<String>>> {
    if !actor.can(Action::ReviewUnitWork) {
        return Err(Error::Forbidden);
    }
    let sv = survey::survey(&app.store, survey_id).await?;
    if sv.commune_id != actor.commune_id {
        return Err(Error::NotFound);
    }
    let known = villages(app, sv.commune_id, survey_id).await?;
    let mut messages = Vec::new();
    let mut targets = Vec::new();
    for (name, value) in form.targets {
        if !known.contains(name) {
            messages.push(format!("Xã không có thôn “{name}”."));
            continue;
        }
        match parse_target(name, value) {
            Ok(t) => targets.push((name.clone(), t)),
            Err(m) => messages.push(m),
        }
    }
    let window = Window::parse(form.opens, form.closes).map_err(|e| messages.push(e.to_string()));
    let (Ok(window), true) = (window, messages.is_empty()) else {
        return Ok(Err(messages));
    };
    let (opens, closes) = window.stored();
    let mut w = app.store.begin_write().await?;
    store::set_plan(
        &mut w,
        by,
        sv.commune_id,
        survey_id,
        (&opens, &closes),
        &targets,
    )
    .await?;
    w.commit().await?;
    Ok(Ok(()))
}
