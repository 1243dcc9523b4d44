//! The satisfaction survey of the test commune, and how the route × role test fills and calls
//! its routes.

use papi_core::satisfaction::{check_new, NewSurvey};
use papi_core::Role;

use super::{Client, Reply, World};

#[derive(Debug, Default, Clone)]
pub struct Objects {
    /// The one-stop desk's survey of Q2/2025, open on the test's day (01/05/2025).
    pub survey_id: i64,
}

/// The form the office fills in for the one-stop desk in Q2/2025.
pub fn desk_form() -> NewSurvey {
    NewSurvey {
        kind: "one_stop_desk".into(),
        service_name: "Bộ phận Một cửa UBND xã".into(),
        period_label: "Quý II/2025".into(),
        starts_on: "01/04/2025".into(),
        ends_on: "30/06/2025".into(),
    }
}

pub async fn seed(w: &World) -> Objects {
    let s = check_new(w.commune.id, &desk_form(), None).unwrap();
    let mut tx = w.store.begin_write().await.unwrap();
    let survey_id = papi_store::satisfaction::insert(&mut tx, "t", &s)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    Objects { survey_id }
}

/// The path with its placeholders filled, for the routes of this process; `None` for others.
pub fn fill(path: &str, w: &World, _role: Option<Role>) -> Option<String> {
    if !path.starts_with("/staff/satisfaction") && !path.contains("/satisfaction") {
        return None;
    }
    Some(
        path.replace("{gso}", &w.commune.gso_code)
            .replace("{id}", &w.satisfaction.survey_id.to_string()),
    )
}

/// Every item of the desk template answered "hài lòng" (4), the statements "đúng" (1).
pub fn all_satisfied() -> Vec<(String, String)> {
    papi_core::satisfaction::questionnaire::one_stop_desk()
        .items()
        .map(|(_, i)| {
            let v = match i.kind {
                papi_core::satisfaction::ItemKind::Likert5 => "4",
                papi_core::satisfaction::ItemKind::YesNo => "1",
            };
            (i.code.clone(), v.to_string())
        })
        .collect()
}

/// Posts the phone form at `path` with `answers`, with the form's own cookie and token.
pub async fn post_answers(c: &Client, path: &str, answers: &[(String, String)]) -> Reply {
    let (cookie, token) = c.form_cookie(path).await;
    let mut pairs = vec![("token".to_string(), token)];
    pairs.extend(answers.iter().cloned());
    let body = serde_urlencoded::to_string(&pairs).unwrap();
    c.send(
        "POST",
        path,
        Some("application/x-www-form-urlencoded"),
        body.into_bytes(),
        &[("cookie", cookie)],
    )
    .await
}

/// Calls a route of this process with a valid body; `None` for the default call.
pub async fn call(
    _w: &World,
    c: &Client,
    method: &str,
    path: &str,
    template: &str,
) -> Option<Reply> {
    Some(match (method, template) {
        ("POST", "/staff/satisfaction") => {
            c.post_multipart(
                path,
                &[
                    ("kind", "health_station"),
                    ("service_name", "Trạm y tế xã"),
                    ("period_label", "Quý II/2025"),
                    ("starts_on", "01/04/2025"),
                    ("ends_on", "30/06/2025"),
                ],
                &[],
            )
            .await
        }
        ("POST", "/staff/satisfaction/{id}/open") => c.post_form(path, &[("op", "open")]).await,
        ("POST", "/staff/satisfaction/{id}/review") => {
            c.post_form(path, &[("decision", "accept")]).await
        }
        ("POST", "/public/{gso}/satisfaction/{id}") => {
            post_answers(c, path, &all_satisfied()).await
        }
        _ => return None,
    })
}
