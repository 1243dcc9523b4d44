//! Sign-in resists guessing (OWASP ASVS level 2): failures counted per account and per address
//! in the database, successes and token-less posts never counted, lockouts audited; sessions
//! end when idle; cookies, caching and security headers. On every backend.

mod common;

use axum::http::StatusCode;
use common::{day, world, Client, World, TODAY};
use papi_core::Role;
use papi_store::testing::backends;
use papi_store::{audit, session};
use papi_web::AppState;

/// An anonymous client whose requests come through a trusted proxy at 127.0.0.1 (the test's
/// loopback peer), so `X-Forwarded-For` names the client.
fn behind_proxy(w: &World, secure: bool) -> Client {
    let state = AppState::new(
        w.store.clone(),
        Some(day(TODAY.0, TODAY.1, TODAY.2)),
        secure,
    )
    .with_trusted_proxies(vec!["127.0.0.1".parse().unwrap()]);
    Client {
        app: papi_web::router(state),
        session: None,
    }
}

async fn attempt(c: &Client, from: &str, user: &str, pw: &str) -> StatusCode {
    let (cookie, token) = c.form_cookie("/login").await;
    c.send(
        "POST",
        "/login",
        Some("application/x-www-form-urlencoded"),
        format!("csrf={token}&username={user}&password={pw}").into_bytes(),
        &[("cookie", cookie), ("x-forwarded-for", from.to_string())],
    )
    .await
    .status
}

#[tokio::test]
async fn guesses_at_one_account_from_rotating_addresses_are_stopped() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = behind_proxy(&w, false);
        let mut refused = 0;
        for n in 0..30 {
            let from = format!("203.0.113.{}", n + 1);
            match attempt(&c, &from, "u_chairman", &format!("doan-sai-{n}")).await {
                StatusCode::UNAUTHORIZED => {}
                StatusCode::TOO_MANY_REQUESTS => refused += 1,
                other => panic!("{backend}: {other}"),
            }
        }
        assert!(refused >= 25, "{backend}: only {refused} of 30 refused");
        // The right password is refused too while the account waits…
        let s = attempt(&c, "198.51.100.7", "u_chairman", common::PASSWORD).await;
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{backend}");
        // …but another account from the same office address signs in.
        let s = attempt(&c, "203.0.113.1", "u_office", common::PASSWORD).await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        // Failures and the lockout are in the commune's audit log.
        let log = audit::list(&w.store, w.commune.id, 200, 0).await.unwrap();
        assert!(log.iter().filter(|e| e.action == "login_failed").count() >= 5);
        assert!(log.iter().any(|e| e.action == "login_locked"), "{backend}");
        // When the wait is over the chairman gets in.
        sqlx::query("UPDATE login_failures SET locked_until = 0, last_at = 0")
            .execute(&w.store.pool)
            .await
            .unwrap();
        let s = attempt(&c, "198.51.100.7", "u_chairman", common::PASSWORD).await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
    }
}

#[tokio::test]
async fn successes_and_forged_posts_do_not_lock_anyone_out() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = behind_proxy(&w, false);
        // A hostile page can post to /login but cannot read the token: nothing is counted.
        for _ in 0..40 {
            let r = c
                .send(
                    "POST",
                    "/login",
                    Some("application/x-www-form-urlencoded"),
                    b"username=u_chairman&password=x".to_vec(),
                    &[("x-forwarded-for", "192.0.2.1".to_string())],
                )
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
        }
        for _ in 0..25 {
            let s = attempt(&c, "192.0.2.1", "u_officer", common::PASSWORD).await;
            assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        }
        let s = attempt(&c, "192.0.2.1", "u_chairman", common::PASSWORD).await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
    }
}

#[tokio::test]
async fn one_address_trying_many_accounts_waits() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = behind_proxy(&w, false);
        let mut last = StatusCode::OK;
        for n in 0..21 {
            last = attempt(&c, "192.0.2.9", &format!("khong_co_{n}"), "sai-mat-khau").await;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS, "{backend}");
        // Unknown names are answered like wrong passwords and logged in the installation's chain.
        let r = attempt(&c, "192.0.2.10", "khong_co_ai", "sai-mat-khau").await;
        assert_eq!(r, StatusCode::UNAUTHORIZED);
        let unknown = audit::list(&w.store, 0, 100, 0).await.unwrap();
        assert!(
            unknown.iter().any(|e| e.action == "login_failed"),
            "{backend}"
        );
        assert!(audit::verify(&w.store).await.unwrap().problem.is_none());
    }
}

#[tokio::test]
async fn sessions_end_when_idle_or_past_their_lifetime() {
    for backend in backends() {
        let w = world(&backend).await;
        let officer = w.client(Some(Role::Officer)).await;
        assert_eq!(officer.get("/staff").await.status, StatusCode::OK);
        let now = chrono::Utc::now().timestamp();
        sqlx::query("UPDATE sessions SET last_seen_at = $1")
            .bind(now - session::IDLE_SECS - 1)
            .execute(&w.store.pool)
            .await
            .unwrap();
        assert_eq!(
            officer.get("/staff").await.location,
            "/login",
            "{backend}: idle"
        );

        let fresh = w.client(Some(Role::Officer)).await;
        assert_eq!(fresh.get("/staff").await.status, StatusCode::OK);
        sqlx::query("UPDATE sessions SET expires_at = $1")
            .bind(now - 1)
            .execute(&w.store.pool)
            .await
            .unwrap();
        assert_eq!(
            fresh.get("/staff").await.location,
            "/login",
            "{backend}: lifetime"
        );
    }
}

#[tokio::test]
async fn cookies_caching_and_headers() {
    for backend in backends() {
        let w = world(&backend).await;
        let secure = behind_proxy(&w, true);
        let page = secure.get("/login").await;
        let csrf_cookie = page.headers["set-cookie"].to_str().unwrap();
        assert!(csrf_cookie.contains("; Secure"), "{csrf_cookie}");
        assert!(page.headers["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age="));
        let (cookie, token) = secure.form_cookie("/login").await;
        let ok = secure
            .send(
                "POST",
                "/login",
                Some("application/x-www-form-urlencoded"),
                format!(
                    "csrf={token}&username=u_office&password={}",
                    common::PASSWORD
                )
                .into_bytes(),
                &[("cookie", cookie)],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert!(ok.headers["set-cookie"]
            .to_str()
            .unwrap()
            .contains("; Secure"));

        let plain = w.client(None).await;
        assert!(plain
            .get("/")
            .await
            .headers
            .get("strict-transport-security")
            .is_none());
        let officer = w.client(Some(Role::Officer)).await;
        for path in ["/staff", "/api/plans", "/login", "/staff/tasks"] {
            let r = officer.get(path).await;
            assert_eq!(r.headers["cache-control"], "no-store", "{backend} {path}");
        }
        let public = plain.get("/").await;
        assert_ne!(
            public
                .headers
                .get("cache-control")
                .map(|v| v.to_str().unwrap()),
            Some("no-store")
        );
        let csp = public.headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("base-uri 'none'") && csp.contains("form-action 'self'"),
            "{csp}"
        );
    }
}

#[tokio::test]
async fn weak_passwords_are_refused_with_a_reason_and_changes_are_audited() {
    for backend in backends() {
        let w = world(&backend).await;
        let admin = w.client(Some(Role::Admin)).await;
        let target = w.user(Role::Officer).id;
        let path = format!("/staff/admin/users/{target}");
        for (weak, why) in [
            ("          ", "dấu cách"),
            ("password123", "chưa đủ mạnh"),
            ("1234567890", "chưa đủ mạnh"),
            ("u_officer2025", "tên đăng nhập"),
        ] {
            let r = admin
                .post_form(&path, &[("op", "password"), ("password", weak)])
                .await;
            assert!(r.text().contains(why), "{backend}: {weak:?} → {}", r.status);
        }
        let r = admin
            .post_form(
                &path,
                &[
                    ("op", "password"),
                    ("password", "mây trắng bay qua cầu tre 7 nhịp"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}");
        let log = audit::list(&w.store, w.commune.id, 20, 0).await.unwrap();
        assert!(log.iter().any(|e| e.action == "set_password"));
    }
}
