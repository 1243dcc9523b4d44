//! The main journeys through HTTP, on every backend.

mod common;

use axum::http::StatusCode;
use common::world;
use papi_core::{Dimension, Role};
use papi_store::plan;
use papi_store::testing::backends;

#[tokio::test]
async fn login_logout_and_rate_limit() {
    for backend in backends() {
        let w = world(&backend).await;
        let anon = w.client(None).await;
        let (cookie, token) = anon.form_cookie("/login").await;
        let post = |user: &str, pw: &str| {
            format!("csrf={token}&username={user}&password={pw}").into_bytes()
        };
        let form = Some("application/x-www-form-urlencoded");
        let bad = anon
            .send(
                "POST",
                "/login",
                form,
                post("u_officer", "sai-mat-khau"),
                &[("cookie", cookie.clone())],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNAUTHORIZED, "{backend}");
        assert!(bad
            .text()
            .contains("Tên đăng nhập hoặc mật khẩu không đúng"));
        let no_csrf = anon
            .send(
                "POST",
                "/login",
                form,
                format!("username=u_officer&password={}", common::PASSWORD).into_bytes(),
                &[],
            )
            .await;
        assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
        let ok = anon
            .send(
                "POST",
                "/login",
                form,
                post("U_Officer", common::PASSWORD),
                &[("cookie", cookie.clone())],
            )
            .await;
        // An officer lands on their unit's work.
        assert_eq!(
            (ok.status, ok.location.as_str()),
            (StatusCode::SEE_OTHER, "/staff/unit"),
            "{backend}"
        );
        let session = ok.headers.get("set-cookie").unwrap().to_str().unwrap();
        assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
        for _ in 0..10 {
            anon.send(
                "POST",
                "/login",
                form,
                post("u_officer", "sai"),
                &[("cookie", cookie.clone())],
            )
            .await;
        }
        let limited = anon
            .send(
                "POST",
                "/login",
                form,
                post("u_officer", common::PASSWORD),
                &[("cookie", cookie.clone())],
            )
            .await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "{backend}");

        let officer = w.client(Some(Role::Officer)).await;
        assert_eq!(officer.get("/staff").await.status, StatusCode::OK);
        let out = officer.post_form("/logout", &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_eq!(
            officer.get("/staff").await.location,
            "/login",
            "{backend}: the session ended"
        );
    }
}

#[tokio::test]
async fn officer_files_progress_with_evidence() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Officer)).await;
        let path = format!("/staff/tasks/{}/progress", w.task_id);
        let pdf: &[u8] = b"%PDF-1.4\nbien ban niem yet";
        let r = c
            .post_multipart(
                &path,
                &[("text", "Đã niêm yết tại 6 thôn"), ("progress", "60")],
                &[("evidence", "Biên bản niêm yết.pdf", pdf)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let page = c.get(&format!("/staff/tasks/{}", w.task_id)).await.text();
        assert!(page.contains("Đã niêm yết tại 6 thôn") && page.contains("Biên bản niêm yết.pdf"));
        let updates = plan::updates(&w.store, w.task_id).await.unwrap();
        let file = &updates[0].evidence[0];
        let dl = c.get(&format!("/staff/evidence/{}", file.id)).await;
        assert_eq!(dl.body, pdf);
        let disposition = dl
            .headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            disposition
                .contains("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20ni%C3%AAm%20y%E1%BA%BFt.pdf"),
            "{disposition}"
        );
        assert_eq!(
            plan::task(&w.store, w.task_id).await.unwrap().task.progress,
            60
        );

        // A renamed executable is refused, nothing is stored, and the typed text comes back.
        let before = plan::updates(&w.store, w.task_id).await.unwrap().len();
        let r = c
            .post_multipart(
                &path,
                &[("text", "Lần hai"), ("progress", "70")],
                &[("evidence", "bao-cao.pdf", b"MZ\x90\x00")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().contains("không phải tệp PDF thật"), "{}", r.text());
        let r = c
            .post_multipart(
                &path,
                &[("text", "Giữ lại nội dung này"), ("progress", "150")],
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text().contains("Tiến độ phải từ 0 đến 100%")
                && r.text().contains("Giữ lại nội dung này")
        );
        let r = c
            .post_multipart(&path, &[("text", "x"), ("progress", "nhiều")], &[])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            plan::updates(&w.store, w.task_id).await.unwrap().len(),
            before,
            "{backend}"
        );

        // Without the CSRF token nothing happens.
        let mut forged = w.client(Some(Role::Officer)).await;
        forged.session.as_mut().unwrap().1 = String::new();
        let r = forged
            .post_multipart(&path, &[("text", "giả mạo"), ("progress", "90")], &[])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(
            plan::updates(&w.store, w.task_id).await.unwrap().len(),
            before
        );

        // 100% closes the task; the dashboard counts it done.
        let r = c
            .post_multipart(&path, &[("text", "Hoàn thành"), ("progress", "100")], &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let dash = c.get("/staff").await.text();
        assert!(dash.contains("<b>1/2</b>"), "{backend}: {dash}");
    }
}

#[tokio::test]
async fn task_list_filters_and_searches_without_diacritics() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Front)).await;
        let has = |html: &str, id: i64| html.contains(&format!("href=\"/staff/tasks/{id}\""));
        let r = c.get("/staff/tasks?q=ho+ngheo+thon+dong").await.text();
        assert!(has(&r, w.task_id) && !has(&r, w.other_task_id), "{backend}");
        let r = c.get("/staff/tasks?q=%C4%90%C3%94NG").await.text(); // "ĐÔNG"
        assert!(has(&r, w.task_id));
        let r = c.get("/staff/tasks?dimension=3").await.text();
        assert!(!has(&r, w.task_id) && has(&r, w.other_task_id));
        let r = c
            .get(&format!("/staff/tasks?unit={}", w.unit_b))
            .await
            .text();
        assert!(has(&r, w.other_task_id) && !has(&r, w.task_id));
        let r = c.get("/staff/tasks?standing=late").await.text();
        assert!(
            has(&r, w.other_task_id) && !has(&r, w.task_id),
            "due 01/04, today 01/05"
        );
        let r = c
            .get("/staff/tasks?dimension=&unit=&standing=&due_within=&q=")
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let dash = c.get("/staff").await.text();
        // Due 01/04, today 01/05: 20 working days (Giỗ Tổ 07/04, 30/04 and 01/05 off, Saturday 26/04 worked).
        assert!(dash.contains("trễ 20 ngày làm việc"), "{backend}");
        for d in Dimension::all() {
            assert!(dash.contains(d.name_vi()));
        }
    }
}

#[tokio::test]
async fn public_pages_show_progress_without_personal_data() {
    for backend in backends() {
        let w = world(&backend).await;
        let anon = w.client(None).await;
        let home = anon.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        let home = home.text();
        for d in Dimension::all() {
            assert!(home.contains(d.name_vi()), "{backend}: {}", d.name_vi());
        }
        let page = anon
            .get(&format!("/public/{}/dimension/2", w.commune.gso_code))
            .await
            .text();
        assert!(page.contains("Niêm yết danh sách hộ nghèo") && page.contains("20%"));
        for (_, u) in &w.users {
            assert!(
                !home.contains(&u.full_name) && !page.contains(&u.full_name),
                "personal data on the public page"
            );
        }
        assert!(
            !page.contains("Đã lập danh sách"),
            "update texts stay internal"
        );
        assert_eq!(
            anon.get(&format!("/public/{}/dimension/9", w.commune.gso_code))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            anon.get("/public/khong-co/dimension/1").await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn editors_create_and_edit_tasks_with_validation() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Office)).await;
        let lead = w.unit_a.to_string();
        let bad = c
            .post_form(
                "/staff/tasks",
                &[
                    ("title", " "),
                    ("deliverable", ""),
                    ("lead_unit_id", &lead),
                    ("coordinating", &lead),
                    ("due", "sớm"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let text = bad.text();
        for msg in [
            "Tên nhiệm vụ không được để trống",
            "Sản phẩm không được để trống",
            "không đồng thời là đơn vị phối hợp",
            "không hiểu thời hạn",
        ] {
            assert!(text.contains(msg), "{backend}: {msg}");
        }
        assert_eq!(plan::tasks(&w.store, w.plan_id).await.unwrap().len(), 2);
        let b = w.unit_b.to_string();
        let ok = c
            .post_form(
                "/staff/tasks",
                &[
                    ("title", "Đối thoại với Nhân dân"),
                    ("deliverable", "Biên bản"),
                    ("lead_unit_id", &lead),
                    ("coordinating", &b),
                    ("due", "Quý III"),
                    ("public", "1"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
        let id: i64 = ok
            .location
            .trim_start_matches("/staff/tasks/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let t = plan::task(&w.store, id).await.unwrap().task;
        assert_eq!(
            (t.coordinating_unit_ids, t.due.label()),
            (vec![w.unit_b], "30/09/2025".to_string())
        );
        let edit = c
            .post_form(
                &format!("/staff/tasks/{id}/edit"),
                &[
                    ("title", "Đối thoại (sửa)"),
                    ("deliverable", "Biên bản"),
                    ("lead_unit_id", &b),
                    ("due", "Thường xuyên"),
                ],
            )
            .await;
        assert_eq!(edit.status, StatusCode::SEE_OTHER);
        let t = plan::task(&w.store, id).await.unwrap().task;
        assert_eq!(
            (t.title.as_str(), t.lead_unit_id, t.public),
            ("Đối thoại (sửa)", w.unit_b, false)
        );
        let bad_status = c
            .post_form(&format!("/staff/tasks/{id}/status"), &[("status", "bogus")])
            .await;
        assert_eq!(bad_status.status, StatusCode::UNPROCESSABLE_ENTITY);
        let audit = papi_store::audit::list(&w.store, w.commune.id, 5, 0)
            .await
            .unwrap();
        assert!(
            audit[0].before_json.contains("Đối thoại với Nhân dân")
                && audit[0].after_json.contains("(sửa)")
        );
        // "Chuyển → Hoàn thành" leaves a line in the task's history: who, when, the change.
        let done = c
            .post_form(&format!("/staff/tasks/{id}/status"), &[("status", "done")])
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        let history = plan::updates(&w.store, id).await.unwrap();
        let last = &history[0];
        assert!(
            last.update.text.starts_with("Chuyển trạng thái: ")
                && last.update.text.ends_with(" → Hoàn thành."),
            "{}",
            last.update.text
        );
        assert_eq!(last.author_name, w.user(Role::Office).full_name);
        let page = c.get(&format!("/staff/tasks/{id}")).await.text();
        assert!(page.contains("Chuyển trạng thái"), "the task page shows it");
    }
}

#[tokio::test]
async fn admin_manages_users_and_sees_the_audit_chain() {
    for backend in backends() {
        let w = world(&backend).await;
        let admin = w.client(Some(Role::Admin)).await;
        let bad = admin
            .post_form(
                "/staff/admin/users",
                &[
                    ("username", "A B"),
                    ("full_name", ""),
                    ("role", "officer"),
                    ("password", "ngan"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for msg in [
            "Tên đăng nhập",
            "Họ và tên",
            "phải thuộc một đơn vị",
            "ít nhất 10 ký tự",
        ] {
            assert!(bad.text().contains(msg), "{backend}: {msg}");
        }
        let unit = w.unit_a.to_string();
        let ok = admin
            .post_form(
                "/staff/admin/users",
                &[
                    ("username", "canbo.moi"),
                    ("full_name", "Cán Bộ Mới"),
                    ("role", "officer"),
                    ("unit_id", &unit),
                    ("password", "mat-khau-cua-toi"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
        assert!(
            papi_store::org::authenticate(&w.store, "canbo.moi", "mat-khau-cua-toi")
                .await
                .unwrap()
                .is_some()
        );
        let dup = admin
            .post_form(
                "/staff/admin/users",
                &[
                    ("username", "canbo.moi"),
                    ("full_name", "X"),
                    ("role", "front"),
                    ("password", "mat-khau-cua-toi"),
                ],
            )
            .await;
        assert!(dup.text().contains("đã có người dùng"));
        let me = w.user(Role::Admin).id;
        let lock_self = admin
            .post_form(&format!("/staff/admin/users/{me}"), &[("op", "deactivate")])
            .await;
        assert!(lock_self.text().contains("Không thể tự khóa"));
        let officer = w.user(Role::Officer).id;
        let officer_client = w.client(Some(Role::Officer)).await;
        admin
            .post_form(
                &format!("/staff/admin/users/{officer}"),
                &[("op", "deactivate")],
            )
            .await;
        assert_eq!(
            officer_client.get("/staff").await.location,
            "/login",
            "a locked account loses its sessions"
        );
        let audit = admin.get("/staff/audit").await.text();
        assert!(
            audit.contains("Chuỗi mã băm toàn vẹn") && audit.contains("deactivate"),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn json_api_and_openapi() {
    for backend in backends() {
        let w = world(&backend).await;
        let c = w.client(Some(Role::Officer)).await;
        let plans: serde_json::Value =
            serde_json::from_slice(&c.get("/api/plans").await.body).unwrap();
        assert_eq!(plans[0]["number"], "10/KH-UBND");
        let tasks: serde_json::Value =
            serde_json::from_slice(&c.get(&format!("/api/plans/{}/tasks", w.plan_id)).await.body)
                .unwrap();
        assert_eq!(tasks.as_array().unwrap().len(), 2);
        assert!(tasks
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["standing"] == "late"));
        let items: serde_json::Value =
            serde_json::from_slice(&c.get(&format!("/api/plans/{}/items", w.plan_id)).await.body)
                .unwrap();
        assert_eq!(items[0]["code"], "1.2.b");
        let r = c
            .post_json(
                &format!("/api/tasks/{}/updates", w.task_id),
                serde_json::json!({"text": "Qua API", "progress": 45}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{backend}: {}", r.text());
        let r = c
            .post_json(
                &format!("/api/tasks/{}/updates", w.task_id),
                serde_json::json!({"text": "", "progress": 45}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = c
            .send(
                "POST",
                &format!("/api/tasks/{}/updates", w.task_id),
                Some("application/json"),
                b"{not json".to_vec(),
                &[("x-csrf-token", c.csrf())],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let ups: serde_json::Value = serde_json::from_slice(
            &c.get(&format!("/api/tasks/{}/updates", w.task_id))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(ups[0]["text"], "Qua API");
        let spec: serde_json::Value =
            serde_json::from_slice(&w.client(None).await.get("/api/openapi.json").await.body)
                .unwrap();
        assert_eq!(spec["openapi"], "3.1.0");
        // Every schema an operation names is declared, whichever process declares it.
        let text = spec.to_string();
        for name in text.split("#/components/schemas/").skip(1) {
            let name = name.split('"').next().unwrap();
            assert!(
                spec["components"]["schemas"].get(name).is_some(),
                "schema {name} is used but not declared"
            );
        }
        assert!(spec["paths"]["/api/tasks/{id}/updates"]["post"].is_object());
        let xlsx = c.get("/staff/export/tasks.xlsx").await;
        assert!(xlsx.body.starts_with(b"PK"), "{backend}");
    }
}

#[tokio::test]
async fn calendar_feeds_and_schedule_corrections() {
    for backend in backends() {
        let w = world(&backend).await;
        let officer = w.client(Some(Role::Officer)).await;
        let page = officer.post_form("/staff/calendar/token", &[]).await.text();
        // Shown whole, ready to copy: scheme, host and path.
        let whole = page
            .split("id=\"feed-url\" class=\"copy\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        assert!(whole.starts_with("http://"), "{whole}");
        let url = format!("/ical/{}", whole.split("/ical/").nth(1).unwrap());
        assert!(url.ends_with(".ics"), "{url}");
        let anon = w.client(None).await;
        let feed = anon.get(&url).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert_eq!(
            feed.headers.get("content-type").unwrap(),
            "text/calendar; charset=utf-8"
        );
        let cal = ical::IcalParser::new(feed.body.as_slice())
            .next()
            .expect("a calendar")
            .expect("valid iCalendar");
        assert!(!cal.events.is_empty(), "{backend}");
        let text = feed.text().replace("\r\n ", "");
        assert!(
            text.contains("Niêm yết danh sách hộ nghèo"),
            "{backend}: the officer's unit leads it"
        );
        assert!(
            !text.contains("Tiếp công dân định kỳ"),
            "another unit's task stays out"
        );
        assert!(
            text.contains("DTSTART;VALUE=DATE:20250213"),
            "unit sub-plans due 13/02/2025"
        );
        // A new URL revokes the old one; revoking ends it.
        officer.post_form("/staff/calendar/token", &[]).await;
        assert_eq!(anon.get(&url).await.status, StatusCode::NOT_FOUND);
        let public = anon
            .get(&format!("/public/{}/calendar.ics", w.commune.gso_code))
            .await
            .text();
        let parsed = ical::IcalParser::new(public.as_bytes())
            .next()
            .expect("a calendar")
            .expect("valid iCalendar");
        assert!(
            parsed.events.len() > 10,
            "{backend}: holidays of three years"
        );
        assert!(
            public.contains("Quốc khánh") || public.contains("Tết"),
            "{backend}"
        );

        // The admin corrects 2025: 16/01 off; the sub-plan deadline moves at once, and it is audited.
        let admin = w.client(Some(Role::Admin)).await;
        let schedule = admin.get("/staff/admin/calendar?year=2025").await.text();
        assert!(schedule.contains("250 ngày làm việc"), "{backend}");
        let lines = schedule
            .split("name=\"lines\" rows=\"16\">")
            .nth(1)
            .unwrap()
            .split("</textarea>")
            .next()
            .unwrap()
            .replace("&#124;", "|")
            .replace("&#x2f;", "/");
        let bad = admin
            .post_form(
                "/staff/admin/calendar",
                &[("year", "2025"), ("lines", "99/99/2025 | nghỉ lễ | x")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().contains("Dòng 1"));
        let more = format!("{lines}\n17/01/2025 | nghỉ lễ | Nghỉ thử nghiệm | QĐ thử");
        let ok = admin
            .post_form(
                "/staff/admin/calendar",
                &[("year", "2025"), ("lines", &more)],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{backend}: {}", ok.text());
        assert!(admin
            .get("/staff/admin/calendar?year=2025")
            .await
            .text()
            .contains("249 ngày làm việc"));
        let dash = admin.get("/staff").await.text();
        assert!(
            dash.contains("14/02/2025"),
            "{backend}: the sub-plan deadline moved by a day"
        );
        let audit = papi_store::audit::list(&w.store, w.commune.id, 1, 0)
            .await
            .unwrap();
        assert_eq!(audit[0].action, "calendar_override");
        admin
            .post_form("/staff/admin/calendar/reset", &[("year", "2025")])
            .await;
        assert!(admin.get("/staff").await.text().contains("13/02/2025"));

        // The commune sets its own warning window, in working days; a bad value is refused.
        assert!(admin
            .get("/staff")
            .await
            .text()
            .contains("trong 10 ngày làm việc"));
        let bad = admin
            .post_form("/staff/admin/due-soon", &[("due_soon_days", "0")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        assert!(bad.text().contains("từ 1 đến 60"), "{backend}");
        let ok = admin
            .post_form("/staff/admin/due-soon", &[("due_soon_days", "3")])
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{backend}");
        assert!(admin
            .get("/staff")
            .await
            .text()
            .contains("trong 3 ngày làm việc"));
        let audit = papi_store::audit::list(&w.store, w.commune.id, 1, 0)
            .await
            .unwrap();
        assert_eq!(audit[0].action, "set_due_soon", "{backend}");
    }
}

#[tokio::test]
async fn unit_sub_plans_and_reports_flow_through_review() {
    for backend in backends() {
        let w = world(&backend).await;
        let officer = w.client(Some(Role::Officer)).await;
        let office = w.client(Some(Role::Office)).await;
        let chairman = w.client(Some(Role::Chairman)).await;
        let unit = w.unit_a;
        let t = w.task_id;

        // Reminded on the dashboard: the sub-plan was due 13/02/2025 (today 01/05/2025).
        let dash = officer.get("/staff").await.text();
        assert!(
            dash.contains("Nhắc việc") && dash.contains("đã quá hạn 13/02/2025"),
            "{backend}"
        );

        let path = format!("/staff/unit-plans/{unit}");
        let page = officer.get(&path).await.text();
        assert!(page.contains("Niêm yết danh sách hộ nghèo") && page.contains("13/02/2025"));
        let incomplete = officer
            .post_form(&path, &[("op", "submit"), ("number", "")])
            .await;
        assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
        let text = incomplete.text();
        assert!(
            text.contains("Chưa ghi số") && text.contains("chưa ghi thời hạn"),
            "{backend}"
        );
        let bad_date = officer
            .post_form(
                &path,
                &[
                    ("op", "save"),
                    ("number", "05/KH-VHXH"),
                    (&format!("due_{t}"), "31/02/2025"),
                ],
            )
            .await;
        assert!(bad_date.text().contains("không đúng dạng"));
        let actions = format!("actions_{t}");
        let deliverable = format!("deliverable_{t}");
        let due = format!("due_{t}");
        let officer_field = format!("officer_{t}");
        let full = [
            ("number", "05/KH-VHXH"),
            (actions.as_str(), "Niêm yết tại 6 thôn"),
            (deliverable.as_str(), "Biên bản"),
            (due.as_str(), "30/06/2025"),
            (officer_field.as_str(), "Phạm Thị Hoa"),
        ];
        let mut submit = full.to_vec();
        submit.push(("op", "submit"));
        let sent = officer.post_form(&path, &submit).await;
        assert_eq!(
            sent.status,
            StatusCode::SEE_OTHER,
            "{backend}: {}",
            sent.text()
        );
        assert_eq!(
            officer
                .post_form(&format!("{path}/review"), &[("step", "accept")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let no_reason = office
            .post_form(
                &format!("{path}/review"),
                &[("step", "return"), ("comment", "")],
            )
            .await;
        assert!(no_reason.text().contains("Trả lại cần ghi rõ lý do"));
        office
            .post_form(
                &format!("{path}/review"),
                &[("step", "return"), ("comment", "Ghi rõ số thôn")],
            )
            .await;
        assert!(officer.get(&path).await.text().contains("Ghi rõ số thôn"));
        assert_eq!(
            officer.post_form(&path, &submit).await.status,
            StatusCode::SEE_OTHER
        );
        office
            .post_form(&format!("{path}/review"), &[("step", "accept")])
            .await;
        let register = office.get("/staff/unit-plans").await.text();
        assert!(
            register.contains("Đã chấp nhận") && register.contains("Chậm 53 ngày làm việc"),
            "{backend}: {register}"
        );
        let frozen = officer.post_form(&path, &submit).await;
        assert!(
            frozen.status.is_client_error(),
            "{backend}: an accepted sub-plan is frozen"
        );

        // The half-year report starts from what papi knows of the window.
        let rpath = format!("/staff/reports/{}/units/{unit}", w.period_id);
        let form = officer.get(&rpath).await.text().replace("&#x2f;", "/");
        assert!(form.contains("20/04/2025: Đã lập danh sách"), "{backend}");
        let done = format!("done_{t}");
        let status = format!("status_{t}");
        let progress = format!("progress_{t}");
        let figures = format!("figures_{t}");
        let bad = officer
            .post_form(&rpath, &[("op", "save"), (progress.as_str(), "150")])
            .await;
        assert!(bad.text().contains("tiến độ phải là số từ 0 đến 100"));
        let ok = officer
            .post_form(
                &rpath,
                &[
                    ("op", "submit"),
                    (done.as_str(), "Đã niêm yết tại 6 thôn"),
                    (status.as_str(), "in_progress"),
                    (progress.as_str(), "60"),
                    (figures.as_str(), "6 điểm niêm yết"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
        let compliance = office
            .get(&format!("/staff/reports/{}", w.period_id))
            .await
            .text();
        assert!(
            compliance.contains("Đã gửi, chờ duyệt") && compliance.contains("Đúng hạn"),
            "{backend}"
        );

        // The commune report: figures computed; the office drafts, the chairman approves.
        let cpath = format!("/staff/reports/{}/commune", w.period_id);
        let page = office.get(&cpath).await.text();
        // The figures as the DOCX prints them: sections with tasks, then the total.
        assert!(page.contains("Tổng cộng") && page.contains("Công khai, minh bạch"));
        let bad = office.post_form(&cpath, &[("number", "15/KH-UBND")]).await;
        assert!(bad.text().contains("…/BC-UBND"));
        let ok = office
            .post_form(
                &cpath,
                &[
                    ("number", "15/BC-UBND"),
                    ("issued_on", "15/07/2025"),
                    ("highlights", "Công khai đúng hạn"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(
            office
                .post_form(&format!("{cpath}/approve"), &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // Before the period's end, with reports not accepted: confirmation first.
        let asked = chairman.post_form(&format!("{cpath}/approve"), &[]).await;
        assert_eq!(asked.status, StatusCode::OK);
        assert!(asked.text().contains("Tôi xác nhận phê duyệt"), "{backend}");
        assert_eq!(
            chairman
                .post_form(&format!("{cpath}/approve"), &[("confirm", "1")])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        assert!(office.get(&cpath).await.text().contains("phê duyệt"));
        let late_edit = office.post_form(&cpath, &[("number", "16/BC-UBND")]).await;
        assert!(late_edit.text().contains("không sửa được"), "{backend}");

        let periods = office
            .post_form(
                "/staff/reports",
                &[
                    ("kind", "quarter"),
                    ("from", "01/07/2025"),
                    ("to", "30/06/2025"),
                    ("unit_due", "10/07/2025"),
                ],
            )
            .await;
        assert!(periods.text().contains("phải sau ngày bắt đầu"));
    }
}

#[tokio::test]
async fn residents_answer_the_survey_and_results_are_scored() {
    for backend in backends() {
        let w = world(&backend).await;
        let anon = w.client(None).await;
        let gso = &w.commune.gso_code;
        let id = w.survey_id;

        // A resident starts, answers question by question (each answer saved), and finishes.
        let start = format!("/public/{gso}/survey/{id}/take");
        let (cookie, token) = anon.form_cookie(&start).await;
        let form = Some("application/x-www-form-urlencoded");
        let bad = anon
            .send(
                "POST",
                &start,
                form,
                format!("token={token}&village=&sex=M&age_band=60%2B").into_bytes(),
                &[("cookie", cookie.clone())],
            )
            .await;
        assert!(bad.text().contains("Vui lòng chọn thôn"), "{backend}");
        let ok = anon
            .send(
                "POST",
                &start,
                form,
                format!("token={token}&village=Th%C3%B4n+T%C3%A2y&sex=M&age_band=60%2B")
                    .into_bytes(),
                &[("cookie", cookie)],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let url = ok.location.clone();
        let before = papi_store::survey::responses(&w.store, id)
            .await
            .unwrap()
            .len();
        let closing = anon.answer_all(&url).await;
        assert!(
            closing.contains("Cảm ơn bạn đã trả lời"),
            "{backend}: the form ends"
        );
        // Web answers count once the office accepts them.
        assert_eq!(
            papi_store::survey::responses(&w.store, id)
                .await
                .unwrap()
                .len(),
            before,
            "{backend}: pending until reviewed"
        );
        let office = w.client(Some(Role::Office)).await;
        let queue = office
            .get(&format!("/staff/survey/{id}/review"))
            .await
            .text();
        assert!(queue.contains("Thôn Tây · Nam · 60+"), "{backend}");
        let uuid = url.rsplit('/').next().unwrap();
        let r = office
            .post_form(
                &format!("/staff/survey/{id}/review"),
                &[("uuid", uuid), ("decision", "accept")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}");
        let after = papi_store::survey::responses(&w.store, id).await.unwrap();
        assert_eq!(after.len(), before + 1);
        assert!(after.last().unwrap().scores.iter().any(Option::is_some));

        // Results for the public and for staff, with an XLSX of every estimate.
        let public = anon.get(&format!("/public/{gso}/survey")).await.text();
        assert!(
            public.contains("class=\"radar\"")
                && public.contains("Quản trị điện tử")
                && public.contains("Khoảng tin cậy 95%"),
            "{backend}"
        );
        let xlsx = office
            .get(&format!("/staff/survey/{id}/estimates.xlsx"))
            .await;
        assert!(xlsx.body.starts_with(b"PK"));
        let xlsform = office.get(&format!("/staff/survey/{id}/xlsform")).await;
        assert!(xlsform.body.starts_with(b"PK"));

        // A Kobo export with one bad value: row and column named, nothing imported.
        let mut csv = common::kobo_csv(3, 9000);
        let line3 = csv.lines().nth(2).unwrap().to_string();
        let broken = line3.replacen("Thôn Đông,M", "Thôn Đông,X", 1);
        csv = csv.replace(&line3, &broken);
        let r = office
            .post_multipart(
                &format!("/staff/survey/{id}/responses"),
                &[],
                &[("file", "kobo.csv", csv.as_bytes())],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text().contains("Dòng 3") && r.text().contains("sex"),
            "{backend}: {}",
            r.text()
        );
        assert_eq!(
            papi_store::survey::responses(&w.store, id)
                .await
                .unwrap()
                .len(),
            before + 1,
            "nothing imported"
        );
        let ok = office
            .post_multipart(
                &format!("/staff/survey/{id}/responses"),
                &[],
                &[("file", "kobo.csv", common::kobo_csv(3, 9000).as_bytes())],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let again = office
            .post_multipart(
                &format!("/staff/survey/{id}/responses"),
                &[],
                &[("file", "kobo.csv", common::kobo_csv(3, 9000).as_bytes())],
            )
            .await;
        assert!(
            again.text().contains("u9000"),
            "{backend}: duplicates refused: {}",
            again.text()
        );
    }
}

#[tokio::test]
async fn the_office_loads_a_plan_and_a_task_table_in_the_browser() {
    for backend in backends() {
        let w = world(&backend).await;
        let office = w.client(Some(Role::Office)).await;
        let seed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/ke-hoach-10-KH-UBND-luong-tai-2025.txt"
        ))
        .unwrap();
        let preview = office
            .post_multipart(
                "/staff/import/plan",
                &[("op", "preview")],
                &[("file", "ke-hoach.txt", &seed)],
            )
            .await;
        assert_eq!(preview.status, StatusCode::OK, "{backend}");
        let page = preview.text();
        assert!(
            page.contains("10/KH-UBND")
                && page.contains("16/01/2025")
                && page.contains("15 ngày làm việc")
        );
        assert!(page.contains("Kiểm tra, giám sát"));
        let text = page
            .split("name=\"plan_text\" rows=\"8\">")
            .nth(1)
            .unwrap()
            .split("</textarea>")
            .next()
            .unwrap();
        let text = text
            .replace("&#x2f;", "/")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        // The test commune already has a 2025 plan: this one becomes its second version, saved
        // only once the office confirms it has seen the changes.
        assert!(page.contains("phiên bản 2"), "{backend}");
        let unconfirmed = office
            .post_multipart(
                "/staff/import/plan",
                &[("op", "save"), ("plan_text", &text)],
                &[],
            )
            .await;
        assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
        let saved = office
            .post_multipart(
                "/staff/import/plan",
                &[("op", "save"), ("plan_text", &text), ("confirm", "1")],
                &[],
            )
            .await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{backend}: {}",
            saved.text()
        );
        let current = papi_store::plan::current_plan(&w.store, w.commune.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            papi_store::plan::items(&w.store, current.id)
                .await
                .unwrap()
                .len(),
            37,
            "{backend}"
        );

        let bad = "STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n1,Việc tốt,1.1.a,Công chức Văn hóa - Xã hội,,Báo cáo,Quý II\n2,Việc lỗi,1.1.a,Không có đơn vị này,,Báo cáo,Quý II\n";
        let r = office
            .post_multipart(
                "/staff/import/tasks",
                &[],
                &[("file", "bieu.csv", bad.as_bytes())],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text().contains("Dòng 3") && r.text().contains("Không nhập dòng nào"),
            "{backend}"
        );
        // The two tasks of the first version are kept.
        assert_eq!(
            papi_store::plan::tasks(&w.store, current.id)
                .await
                .unwrap()
                .len(),
            2
        );
        // STT 3 names no task of the plan: the row adds one.
        let good = "STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n3,Việc tốt,1.1.a,Công chức Văn hóa - Xã hội,,Báo cáo,Quý II\n";
        let r = office
            .post_multipart(
                "/staff/import/tasks",
                &[],
                &[("file", "bieu.csv", good.as_bytes())],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text()
                .contains("1 mới, 0 cập nhật, 0 không đổi; 2 không có trong tệp"),
            "{backend}: {}",
            r.text()
        );
        assert_eq!(
            papi_store::plan::tasks(&w.store, current.id)
                .await
                .unwrap()
                .len(),
            3
        );
        let officer = w.client(Some(Role::Officer)).await;
        assert_eq!(
            officer.get("/staff/import").await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_province_sees_every_commune() {
    for backend in backends() {
        let w = world(&backend).await;
        let province = w.client(Some(Role::Province)).await;
        let page = province.get("/staff/province").await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let text = page.text();
        assert!(
            text.contains("xã Thử Nghiệm") && text.contains("10/KH-UBND (2025)"),
            "{backend}"
        );
        assert_eq!(
            w.client(Some(Role::Chairman))
                .await
                .get("/staff/province")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
}
