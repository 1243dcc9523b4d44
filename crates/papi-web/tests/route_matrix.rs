//! Every route × every role (anonymous included), on every backend: allowed roles get through,
//! the others are refused, anonymous staff requests are sent to the login page.

mod common;

use axum::http::StatusCode;
use common::{world, Client, World};
use papi_core::permission::role_allows;
use papi_core::Role;
use papi_store::testing::backends;
use papi_web::{Access, ROUTES};

fn fill(path: &str, w: &World, role: Option<Role>) -> String {
    let id = if path.starts_with("/staff/evidence") {
        w.evidence_id
    } else if path.starts_with("/staff/admin/users") {
        // Never the signed-in admin themselves: they may not lock their own account.
        w.user(if role == Some(Role::Officer) {
            Role::Front
        } else {
            Role::Officer
        })
        .id
    } else if path.starts_with("/api/plans") {
        w.plan_id
    } else {
        w.task_id
    };
    path.replace("{file}", "khong-ton-tai.ics")
        .replace("{gso}", &w.commune.gso_code)
        .replace("{n}", "2")
        .replace("{id}", &id.to_string())
}

/// A request body that passes validation, so that only permission decides.
async fn call(w: &World, c: &Client, method: &str, path: &str, template: &str) -> common::Reply {
    match (method, template) {
        ("GET", _) => c.get(path).await,
        ("POST", "/login") => {
            // The login form's own CSRF cookie comes from GET /login.
            let page = c.get("/login").await;
            let cookie = page
                .headers
                .get("set-cookie")
                .unwrap()
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_string();
            let token = cookie.split('=').nth(1).unwrap().to_string();
            let body = format!(
                "csrf={token}&username=u_office&password={}",
                common::PASSWORD
            );
            c.send(
                "POST",
                path,
                Some("application/x-www-form-urlencoded"),
                body.into_bytes(),
                &[("cookie", cookie)],
            )
            .await
        }
        ("POST", "/staff/tasks/{id}/progress") => {
            c.post_multipart(
                path,
                &[("text", "Đã niêm yết"), ("progress", "50")],
                &[("evidence", "anh.png", b"\x89PNG\r\n\x1a\n....")],
            )
            .await
        }
        ("POST", "/staff/tasks/{id}/status") => {
            // A change the task's current state allows, whatever earlier calls did to it.
            let now = papi_store::plan::task(&w.store, w.task_id)
                .await
                .unwrap()
                .task
                .status;
            let next = if now == papi_core::TaskStatus::Done {
                "in_progress"
            } else {
                "done"
            };
            c.post_form(path, &[("status", next)]).await
        }
        ("POST", "/staff/tasks") | ("POST", "/staff/tasks/{id}/edit") => {
            c.post_form(
                path,
                &[
                    ("title", "Nhiệm vụ mới"),
                    ("deliverable", "Báo cáo"),
                    ("lead_unit_id", "1"),
                    ("due", "Quý III"),
                ],
            )
            .await
        }
        ("POST", "/staff/admin/units") => {
            c.post_form(
                path,
                &[
                    ("name", &format!("Đơn vị {}", rand_suffix())),
                    ("short_name", "DV"),
                ],
            )
            .await
        }
        ("POST", "/staff/admin/users") => {
            let name = format!("moi{}", rand_suffix());
            c.post_form(
                path,
                &[
                    ("username", &name),
                    ("full_name", "Người mới"),
                    ("role", "front"),
                    ("password", "mat-khau-moi-dai-du"),
                ],
            )
            .await
        }
        ("POST", "/staff/admin/users/{id}") => {
            c.post_form(
                path,
                &[("op", "password"), ("password", "mat-khau-moi-dai-du")],
            )
            .await
        }
        ("POST", "/staff/admin/calendar") => {
            c.post_form(
                path,
                &[
                    ("year", "2027"),
                    ("lines", "01/01/2027 | nghỉ lễ | Tết Dương lịch | BLLĐ 2019"),
                ],
            )
            .await
        }
        ("POST", "/staff/admin/calendar/reset") => c.post_form(path, &[("year", "2027")]).await,
        ("POST", "/api/tasks/{id}/updates") => {
            c.post_json(path, serde_json::json!({"text": "Qua API", "progress": 30}))
                .await
        }
        ("POST", _) => c.post_form(path, &[]).await,
        _ => unreachable!(),
    }
}

fn rand_suffix() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[tokio::test]
async fn every_route_for_every_role() {
    for backend in backends() {
        let w = world(&backend).await;
        let mut checked = 0;
        for spec in ROUTES {
            for role in std::iter::once(None).chain(Role::ALL.into_iter().map(Some)) {
                let c = w.client(role).await;
                let path = fill(spec.path, &w, role);
                let r = call(&w, &c, spec.method, &path, spec.path).await;
                let who = role.map(|r| r.code()).unwrap_or("anonymous");
                let ctx = format!(
                    "{backend} {} {} as {who}: {} {}",
                    spec.method,
                    spec.path,
                    r.status,
                    r.text().chars().take(300).collect::<String>()
                );
                assert!(r.status != StatusCode::INTERNAL_SERVER_ERROR, "{ctx}");
                match (spec.access, role) {
                    (Access::Public, _) => assert!(
                        !matches!(r.status, StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED),
                        "{ctx}"
                    ),
                    (Access::Staff(_), None) if spec.path.starts_with("/api/") => {
                        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{ctx}")
                    }
                    (Access::Staff(_), None) => assert_eq!(
                        (r.status, r.location.as_str()),
                        (StatusCode::SEE_OTHER, "/login"),
                        "{ctx}"
                    ),
                    (Access::Staff(action), Some(role)) => {
                        // Progress on a task is refused to officers of other units even when the role may report.
                        if role_allows(role, action) {
                            assert!(r.status != StatusCode::FORBIDDEN, "{ctx}");
                            assert!(r.status.is_success() || r.status.is_redirection(), "{ctx}");
                        } else {
                            assert_eq!(r.status, StatusCode::FORBIDDEN, "{ctx}");
                        }
                    }
                }
                checked += 1;
            }
        }
        assert_eq!(checked, ROUTES.len() * 9);
    }
}

#[tokio::test]
async fn officers_report_only_on_their_units_tasks() {
    for backend in backends() {
        let w = world(&backend).await;
        let officer = w.client(Some(Role::Officer)).await;
        let path = format!("/staff/tasks/{}/progress", w.other_task_id);
        let r = officer
            .post_multipart(&path, &[("text", "x"), ("progress", "10")], &[])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}");
        let r = officer
            .post_json(
                &format!("/api/tasks/{}/updates", w.other_task_id),
                serde_json::json!({"text": "x", "progress": 5}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}");
    }
}

#[test]
fn the_router_registers_exactly_the_listed_routes() {
    let src = include_str!("../src/routes.rs");
    let router_part = src
        .split("pub fn router")
        .nth(1)
        .unwrap()
        .split("pub fn openapi")
        .next()
        .unwrap();
    let mut registered: Vec<(String, String)> = Vec::new();
    for chunk in router_part.split(".route(").skip(1) {
        let path = chunk.split('"').nth(1).unwrap().to_string();
        for (method, call) in [("GET", "get("), ("POST", "post(")] {
            if chunk.contains(call) {
                registered.push((method.to_string(), path.clone()));
            }
        }
    }
    registered.sort();
    registered.dedup();
    let mut listed: Vec<(String, String)> = ROUTES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    listed.sort();
    assert_eq!(registered, listed);
}
