//! Field collection over OpenRosa, on every backend: the Digest challenge and sign-in as ODK
//! Collect does it, the form list and form download, submissions (with a photo, split over
//! two posts, repeated, refused, late, from the wrong village), what the store keeps of them,
//! the answers counted in the survey's results, and the staff pages.

mod common;

use axum::http::StatusCode;
use common::collect::{self as odk, form_id, multipart, send, send_as, submission_xml, PHOTO};
use common::world;
use md5::{Digest, Md5};
use papi_core::Role;
use papi_store::testing::backends;

fn opts() -> papi_index::EstimateOptions {
    papi_index::EstimateOptions {
        design: papi_index::Design::Strata,
        bootstrap: None,
    }
}

fn app(w: &common::World) -> papi_app::App {
    let (y, m, d) = common::TODAY;
    papi_app::App::new(w.store.clone(), Some(common::day(y, m, d)))
}

async fn count(w: &common::World, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(w.survey_id)
        .fetch_one(&w.store.pool)
        .await
        .unwrap();
    n
}

async fn status_of(w: &common::World, uuid: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT status, reason FROM survey_submissions WHERE survey_id = $1 AND instance_id = $2 ORDER BY id")
        .bind(w.survey_id)
        .bind(uuid)
        .fetch_all(&w.store.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn odk_collect_lists_downloads_and_submits() {
    for backend in backends() {
        let w = world(&backend).await;
        odk::ready(&w).await;
        let gso = &w.commune.gso_code;
        let anon = w.client(None).await;
        let base = format!("/openrosa/{gso}");

        // No credentials (even with a staff session): the Digest challenge.
        let officer = w.client(Some(Role::Officer)).await;
        for c in [&anon, &officer] {
            let r = c.get(&format!("{base}/formList")).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{backend}");
            let ch = r.headers["www-authenticate"].to_str().unwrap();
            assert!(
                ch.starts_with("Digest ") && ch.contains("qop=\"auth\""),
                "{ch}"
            );
            assert_eq!(r.headers["x-openrosa-version"], "1.0");
            assert!(r.text().contains("<OpenRosaResponse"), "{}", r.text());
        }
        // Wrong password: refused and counted toward sign-in throttling.
        let (_, wrong) = send_as(
            &anon,
            "GET",
            &format!("{base}/formList"),
            None,
            vec![],
            odk::LOGIN,
            "sai-mat-khau",
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{backend}");
        let (fails,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM login_failures WHERE subject LIKE '%dieutra_thu%'",
        )
        .fetch_one(&w.store.pool)
        .await
        .unwrap();
        assert_eq!(fails, 1, "{backend}");
        // Basic over plain HTTP is refused.
        let basic = anon
            .send(
                "GET",
                &format!("{base}/formList"),
                None,
                vec![],
                &[(
                    "authorization",
                    "Basic ZGlldXRyYV90aHU6bWF0LWtoYXUtZGlldS10cmEtMQ==".into(),
                )],
            )
            .await;
        assert_eq!(basic.status, StatusCode::UNAUTHORIZED, "{backend}");
        assert!(basic.text().contains("HTTPS"), "{}", basic.text());

        // The form list, then the form: the hash is the MD5 of what is downloaded.
        let list = send(&anon, "GET", &format!("{base}/formList"), None, vec![]).await;
        assert_eq!(list.status, StatusCode::OK, "{backend}: {}", list.text());
        let text = list.text();
        let fid = form_id(&w);
        assert!(text.contains(&format!("<formID>{fid}</formID>")), "{text}");
        assert!(
            text.contains(&format!(
                "<downloadUrl>http://papi.test/openrosa/{gso}/forms/{fid}/form.xml</downloadUrl>"
            )),
            "{text}"
        );
        let form = send(
            &anon,
            "GET",
            &format!("{base}/forms/{fid}/form.xml"),
            None,
            vec![],
        )
        .await;
        assert_eq!(form.status, StatusCode::OK);
        let md5: String = Md5::digest(&form.body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(text.contains(&format!("<hash>md5:{md5}</hash>")), "{text}");
        assert!(form
            .text()
            .contains("<item><name>thon_dong</name><label>Thôn Đông</label></item>"));
        let manifest = send(
            &anon,
            "GET",
            &format!("{base}/forms/{fid}/manifest"),
            None,
            vec![],
        )
        .await;
        assert_eq!(manifest.status, StatusCode::OK);
        assert!(manifest.text().contains("xformsManifest"));
        let head = send(&anon, "HEAD", &format!("{base}/submission"), None, vec![]).await;
        assert_eq!(head.status, StatusCode::NO_CONTENT);
        assert!(head
            .headers
            .contains_key("x-openrosa-accept-content-length"));

        // A submission with a photo: accepted, stored once, counted.
        let before = papi_app::survey::score(&app(&w), w.commune.id, w.survey_id, opts())
            .await
            .unwrap()
            .responses;
        let uuid = "0b8f3c2e-5a1d-4e7b-9c3f-2d6a8e1b7c40";
        let xml = submission_xml(
            &fid,
            uuid,
            "thon_dong",
            "F",
            "<voted_village_head>no</voted_village_head>",
        );
        let (ct, body) = multipart(&xml, &[("1714521600000.jpg", "image/jpeg", PHOTO)], false);
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{backend}: {}", r.text());
        assert!(r.text().contains("Đã nhận phiếu"), "{}", r.text());
        let (channel, who, village): (String, String, String) = sqlx::query_as("SELECT channel, enumerator, village FROM survey_responses WHERE survey_id = $1 AND uuid = $2")
            .bind(w.survey_id)
            .bind(uuid)
            .fetch_one(&w.store.pool)
            .await
            .unwrap();
        assert_eq!(
            (channel.as_str(), who.as_str(), village.as_str()),
            ("odk", odk::LOGIN, "Thôn Đông")
        );
        let after = papi_app::survey::score(&app(&w), w.commune.id, w.survey_id, opts())
            .await
            .unwrap()
            .responses;
        assert_eq!(after, before + 1, "{backend}");
        let photo: Vec<u8> = sqlx::query_scalar("SELECT f.content FROM survey_submission_files f JOIN survey_submissions s ON s.id = f.submission_id WHERE s.survey_id = $1 AND s.instance_id = $2")
            .bind(w.survey_id)
            .bind(uuid)
            .fetch_one(&w.store.pool)
            .await
            .unwrap();
        assert_eq!(photo, PHOTO);

        // The same again: answered as a success, stored once; other content: 409.
        let again = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(
            again.status,
            StatusCode::CREATED,
            "{backend}: {}",
            again.text()
        );
        assert_eq!(count(&w, &format!("SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1 AND uuid = '{uuid}'")).await, 1);
        let statuses: Vec<String> = status_of(&w, uuid).await.into_iter().map(|s| s.0).collect();
        assert_eq!(statuses, ["accepted", "duplicate"], "{backend}");
        let changed = submission_xml(&fid, uuid, "thon_dong", "M", "");
        let (ct2, body2) = multipart(&changed, &[], false);
        let clash = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct2),
            body2,
        )
        .await;
        assert_eq!(clash.status, StatusCode::CONFLICT, "{backend}");
        let after = papi_app::survey::score(&app(&w), w.commune.id, w.survey_id, opts())
            .await
            .unwrap()
            .responses;
        assert_eq!(after, before + 1, "{backend}");

        // Refused answers: 400 with the reason, kept with it, shown to staff.
        let bad = submission_xml(&fid, "bad-1", "thon_dong", "X", "");
        let (ct, body) = multipart(&bad, &[], false);
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}");
        assert!(r.text().contains("giới tính"), "{}", r.text());
        let kept = status_of(&w, "bad-1").await;
        assert_eq!(kept[0].0, "rejected");
        assert!(kept[0].1.contains("giới tính"), "{}", kept[0].1);
        let office = w.client(Some(Role::Office)).await;
        let page = office
            .get(&format!("/staff/survey/{}/submissions", w.survey_id))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.text().contains("Bị từ chối") && page.text().contains("giới tính"),
            "{backend}"
        );
        assert!(page.text().contains("1714521600000.jpg"), "{backend}");

        // Split over two posts: held until the last, then accepted with both photos.
        let split = submission_xml(&fid, "split-1", "thon_tay", "F", "");
        let (ct, body) = multipart(&split, &[("a.jpg", "image/jpeg", PHOTO)], true);
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{backend}: {}", r.text());
        assert_eq!(status_of(&w, "split-1").await[0].0, "incomplete");
        let (ct, body) = multipart(&split, &[("b.jpg", "image/jpeg", PHOTO)], false);
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{backend}: {}", r.text());
        let rows = status_of(&w, "split-1").await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, "accepted");
        assert_eq!(count(&w, "SELECT COUNT(*) FROM survey_submission_files f JOIN survey_submissions s ON s.id = f.submission_id WHERE s.survey_id = $1 AND s.instance_id = 'split-1'").await, 2);
    }
}

#[tokio::test]
async fn villages_windows_and_locked_accounts() {
    for backend in backends() {
        let w = world(&backend).await;
        odk::ready(&w).await;
        let base = format!("/openrosa/{}", w.commune.gso_code);
        let anon = w.client(None).await;
        let admin = w.client(Some(Role::Office)).await;
        // An enumerator of Thôn Tây only, made on the staff page.
        let r = admin
            .post_form(
                "/staff/survey/enumerators",
                &[
                    ("op", "create"),
                    ("login", "dt_tay"),
                    ("name", "Lê Văn Tây"),
                    ("password", "mat-khau-thon-tay"),
                    ("villages", "Thôn Tây"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let page = admin.get("/staff/survey/enumerators").await;
        assert!(
            page.text().contains("dt_tay") && page.text().contains("/openrosa/"),
            "{backend}"
        );
        let weak = admin
            .post_form(
                "/staff/survey/enumerators",
                &[
                    ("op", "create"),
                    ("login", "Sai Tên"),
                    ("name", "X"),
                    ("password", "ngan"),
                ],
            )
            .await;
        assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let xml = submission_xml(&form_id(&w), "east-1", "thon_dong", "F", "");
        let (ct, body) = multipart(&xml, &[], false);
        let (_, r) = send_as(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
            "dt_tay",
            "mat-khau-thon-tay",
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}: {}", r.text());
        assert!(r.text().contains("Thôn Tây"), "{}", r.text());
        // Locked: refused.
        let (id,): (i64,) =
            sqlx::query_as("SELECT id FROM survey_enumerators WHERE login = 'dt_tay'")
                .fetch_one(&w.store.pool)
                .await
                .unwrap();
        let r = admin
            .post_form(
                "/staff/survey/enumerators",
                &[("op", "deactivate"), ("id", &id.to_string())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let (_, r) = send_as(
            &anon,
            "GET",
            &format!("{base}/formList"),
            None,
            vec![],
            "dt_tay",
            "mat-khau-thon-tay",
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{backend}");
        // The window closed the day before the test's today (01/05/2025): not listed, late
        // submissions kept as such.
        let r = admin
            .post_form(
                &format!("/staff/survey/{}/fieldwork", w.survey_id),
                &[("opens", "01/01/2025"), ("closes", "30/04/2025")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.text());
        let list = send(&anon, "GET", &format!("{base}/formList"), None, vec![]).await;
        assert!(
            !list
                .text()
                .contains(&format!("<formID>{}</formID>", form_id(&w))),
            "{}",
            list.text()
        );
        let xml = submission_xml(&form_id(&w), "late-1", "thon_dong", "F", "");
        let (ct, body) = multipart(&xml, &[], false);
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}");
        assert!(r.text().contains("30/04/2025"), "{}", r.text());
        assert_eq!(status_of(&w, "late-1").await[0].0, "out_of_window");
        let bad = admin
            .post_form(
                &format!("/staff/survey/{}/fieldwork", w.survey_id),
                &[("opens", "30/04/2025"), ("closes", "01/01/2025")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    }
}

/// A check's checklist goes to the phone as a form of its own and comes back as verdicts,
/// notes and photos on the check; a concluded check is no longer served and takes nothing.
#[tokio::test]
async fn inspection_checklists_are_filled_on_the_phone() {
    use papi_store::inspection::checklist;
    for backend in backends() {
        let w = world(&backend).await;
        odk::ready(&w).await;
        let anon = w.client(None).await;
        let base = format!("/openrosa/{}", w.commune.gso_code);
        let open = w.inspection.open_id;
        let done = w.inspection.done_id;
        let criteria = checklist::list(&w.store, w.commune.id, open).await.unwrap();
        assert!(criteria.len() >= 2, "{backend}");

        let list = send(&anon, "GET", &format!("{base}/formList"), None, vec![]).await;
        assert_eq!(list.status, StatusCode::OK, "{backend}");
        let list = list.text();
        let id = format!("papi_kiemtra_{open}");
        assert!(list.contains(&format!("<formID>{id}</formID>")), "{list}");
        assert!(
            !list.contains(&format!("<formID>papi_kiemtra_{done}</formID>")),
            "{list}"
        );
        // an unannounced check reaches no phone before its day
        let hidden = w.inspection.hidden_id;
        assert!(
            !list.contains(&format!("<formID>papi_kiemtra_{hidden}</formID>")),
            "{list}"
        );
        let early = format!(
            "<?xml version='1.0' ?><data id=\"papi_kiemtra_{hidden}\" version=\"x\"><meta><instanceID>uuid:kt-early</instanceID></meta></data>"
        );
        let (ct, body) = multipart(&early, &[], false);
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}: {}", r.text());
        let form = send(
            &anon,
            "GET",
            &format!("{base}/forms/{id}/form.xml"),
            None,
            vec![],
        )
        .await;
        assert_eq!(form.status, StatusCode::OK, "{backend}");
        let xml = form.text();
        assert!(
            xml.contains(&criteria[0].text) && xml.contains("Không áp dụng"),
            "{xml}"
        );
        let version = xml
            .split("version=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .to_string();

        let (a, b) = (criteria[0].id, criteria[1].id);
        let filled = |verdict_b: &str| {
            format!(
                "<?xml version='1.0' ?><data id=\"{id}\" version=\"{version}\"><c_{a}><v_{a}>met</v_{a}><n_{a}>Bảng phí dán ở cửa</n_{a}><p_{a}>1714521600000.jpg</p_{a}></c_{a}><c_{b}><v_{b}>{verdict_b}</v_{b}><n_{b}/><p_{b}/></c_{b}><meta><instanceID>uuid:kt-{open}</instanceID></meta></data>"
            )
        };
        let (ct, body) = multipart(
            &filled("not_met"),
            &[("1714521600000.jpg", "image/jpeg", PHOTO)],
            false,
        );
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{backend}: {}", r.text());
        let saved = checklist::list(&w.store, w.commune.id, open).await.unwrap();
        let of = |id: i64| saved.iter().find(|c| c.id == id).unwrap().clone();
        assert_eq!(
            of(a).verdict,
            papi_core::inspection::Verdict::Met,
            "{backend}"
        );
        assert_eq!(of(a).note, "Bảng phí dán ở cửa");
        assert_eq!(of(a).file_name.as_deref(), Some("1714521600000.jpg"));
        assert_eq!(of(b).verdict, papi_core::inspection::Verdict::NotMet);
        assert_eq!(saved.len(), criteria.len(), "{backend}: nothing added");

        // a verdict the form does not offer is refused with the rule's reason
        let (ct, body) = multipart(&filled("maybe"), &[], false);
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}");
        assert!(r.text().contains("Tiêu chí thứ 2"), "{}", r.text());

        // a concluded check takes nothing more
        let late = format!(
            "<?xml version='1.0' ?><data id=\"papi_kiemtra_{done}\" version=\"x\"><c_1><v_{c}>not_met</v_{c}></c_1><meta><instanceID>uuid:kt-late</instanceID></meta></data>",
            c = w.inspection.criterion_id
        );
        let (ct, body) = multipart(&late, &[], false);
        let r = send(
            &anon,
            "POST",
            &format!("{base}/submission"),
            Some(&ct),
            body,
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}");
        assert!(r.text().contains("đã kết luận"), "{}", r.text());
    }
}
