//! The supervision boards, village conferences, outreach of the test commune, and how the route × role test fills and calls their
//! routes.

use chrono::NaiveDate;
use papi_core::outreach::{Channel, Entry, Topic};
use papi_core::participation::board::{Board, BoardKind, Recommendation};
use papi_core::participation::conference::{Conference, ConferenceKind};
use papi_core::Role;
use papi_store::outreach::EvidenceFile;
use papi_store::participation::{board, conference};

use super::{day, Client, Reply, World};

/// The objects the routes' `{id}`s point to.
#[derive(Debug, Default, Clone)]
pub struct Objects {
    /// The people's inspection board.
    pub bttnd: i64,
    /// A community investment supervision board, linked to ledger project 7.
    pub bgs: i64,
    /// An open recommendation of the BGS, received 10/04/2025.
    pub rec: i64,
    /// A meeting with residents, commune-wide.
    pub conference: i64,
    /// An outreach entry with an evidence file.
    pub entry: i64,
    /// A closed residents' matter whose result may be sent to the BTTND.
    pub closed_code: String,
    /// The commune's villages.
    pub villages: Vec<i64>,
}

pub fn new_board(cid: i64, kind: BoardKind, name: &str) -> Board {
    Board {
        id: 0,
        commune_id: cid,
        kind,
        name: name.into(),
        project: if kind == BoardKind::Investment {
            "Đường thôn Đông".into()
        } else {
            String::new()
        },
        ledger_project_id: (kind == BoardKind::Investment).then_some(7),
        established_on: day(2025, 1, 2),
        term_end: None,
        recognised_by: "QĐ 01/QĐ-MTTQ".into(),
        dissolved_on: None,
    }
}

pub async fn open_recommendation(w: &World, board_id: i64) -> i64 {
    let mut tx = w.store.begin_write().await.unwrap();
    let id = board::add_recommendation(
        &mut tx,
        "t",
        w.commune.id,
        &Recommendation {
            id: 0,
            board_id,
            received_on: day(2025, 4, 10),
            content: "Đề nghị công khai chi phí vật liệu.".into(),
            answer: String::new(),
            answered_on: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn insert_board(w: &World, b: &Board) -> i64 {
    let mut tx = w.store.begin_write().await.unwrap();
    let id = board::insert(&mut tx, "t", b).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// Adds the objects to the test commune (after everything else exists).
pub async fn seed(w: &World) -> Objects {
    let cid = w.commune.id;
    let villages: Vec<i64> = papi_store::org::villages(&w.store, cid)
        .await
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    let bttnd = insert_board(
        w,
        &new_board(cid, BoardKind::Inspection, "Ban Thanh tra nhân dân"),
    )
    .await;
    let bgs = insert_board(
        w,
        &new_board(cid, BoardKind::Investment, "Ban giám sát đường thôn Đông"),
    )
    .await;
    let mut tx = w.store.begin_write().await.unwrap();
    let conference = conference::insert(
        &mut tx,
        "t",
        &Conference {
            id: 0,
            commune_id: cid,
            kind: ConferenceKind::Meeting,
            village_id: None,
            held_on: day(2025, 4, 15),
            noticed_on: None,
            title: "Tiếp xúc với người dân".into(),
            agenda: String::new(),
            minutes: String::new(),
            attendance: Some(40),
            head_report: false,
            front_report: false,
            board_report: false,
            sent_ubnd_on: None,
            sent_mttq_on: None,
        },
    )
    .await
    .unwrap();
    let entry = papi_store::outreach::insert(
        &mut tx,
        "t",
        &Entry {
            id: 0,
            commune_id: cid,
            channel: Channel::Loudspeaker,
            topic: Topic::DemocracyLaw,
            title: "Phát thanh Luật Thực hiện dân chủ ở cơ sở".into(),
            village_ids: vec![villages[0]],
            dates: vec![day(2025, 3, 3)],
            reach: Some(500),
            by: "Văn phòng".into(),
            disclosure_id: Some(5),
            evidence_name: "loa.png".into(),
        },
        Some(&EvidenceFile {
            name: "loa.png".into(),
            content_type: "image/png".into(),
            bytes: b"\x89PNG\r\n\x1a\nloa".to_vec(),
        }),
    )
    .await
    .unwrap();
    // A closed copy of the world's feedback, under its own code.
    let mut m = papi_store::voice::get(&w.store, cid, w.matter_id)
        .await
        .unwrap();
    m.code = "PA-2025-DONGXONG".into();
    m.stage = papi_core::voice::Stage::Closed;
    papi_store::voice::insert(&mut tx, "t", &m).await.unwrap();
    tx.commit().await.unwrap();
    let rec = open_recommendation(w, bgs).await;
    Objects {
        bttnd,
        bgs,
        rec,
        conference,
        entry,
        closed_code: m.code,
        villages,
    }
}

fn mine(path: &str) -> bool {
    path.starts_with("/staff/participation/boards")
        || path.starts_with("/staff/participation/recommendations")
        || path.starts_with("/staff/participation/conferences")
        || path.starts_with("/api/participation/boards")
        || path.starts_with("/staff/outreach")
        || path == "/api/outreach"
        || path == "/public/{gso}/boards"
}

/// The path with its placeholders filled, for the routes of this process; `None` for others.
pub fn fill(path: &str, w: &World, _role: Option<Role>) -> Option<String> {
    if !mine(path) {
        return None;
    }
    let o = &w.boards;
    let id = if path.ends_with("/results") {
        o.bttnd
    } else if path.starts_with("/staff/participation/recommendations") {
        o.rec
    } else if path.contains("/conferences") {
        o.conference
    } else if path.starts_with("/staff/outreach") {
        o.entry
    } else {
        o.bgs
    };
    Some(
        path.replace("{id}", &id.to_string())
            .replace("{gso}", &w.commune.gso_code),
    )
}

/// Whether the client is signed in as a user of the test commune: only then does `call`
/// prepare fresh objects there (a user of another commune must change nothing of it).
async fn of_test_commune(w: &World, c: &Client) -> bool {
    let Some((token, _)) = &c.session else {
        return false;
    };
    let Ok(Some(s)) = papi_store::session::find(&w.store, token).await else {
        return false;
    };
    w.users.iter().any(|(_, u)| u.id == s.user_id)
}

/// Calls a route of this process with a valid body; `None` for the default call.
pub async fn call(
    w: &World,
    c: &Client,
    method: &str,
    path: &str,
    template: &str,
) -> Option<Reply> {
    if method != "POST" || !mine(template) {
        return None;
    }
    let o = &w.boards;
    let village = o.villages[0].to_string();
    let r = match template {
        "/staff/participation/boards" => {
            c.post_form(
                path,
                &[
                    ("kind", "investment"),
                    ("name", "Ban giám sát kênh mương"),
                    ("project", "Kênh mương nội đồng"),
                    ("established_on", "01/04/2025"),
                ],
            )
            .await
        }
        "/staff/participation/boards/{id}/members" => {
            c.post_form(
                path,
                &[
                    ("name", "Bùi Văn Dân"),
                    ("position", "member"),
                    ("group", "resident"),
                    ("resident", "1"),
                ],
            )
            .await
        }
        "/api/participation/boards/{id}/members" => {
            c.post_json(
                path,
                serde_json::json!({"name": "Bùi Thị Dân", "resident": true}),
            )
            .await
        }
        "/staff/participation/boards/{id}/plans" => {
            c.post_form(
                path,
                &[
                    ("period", "project"),
                    ("title", "Kế hoạch giám sát"),
                    ("from", "01/04/2025"),
                    ("to", "31/12/2025"),
                ],
            )
            .await
        }
        "/staff/participation/boards/{id}/checks" => {
            c.post_form(
                path,
                &[
                    ("target", "Vật liệu"),
                    ("check_on", "01/06/2025"),
                    ("notice_sent_on", "01/04/2025"),
                ],
            )
            .await
        }
        "/staff/participation/boards/{id}/recommendations" => {
            c.post_form(
                path,
                &[("received_on", "20/04/2025"), ("content", "Kiến nghị")],
            )
            .await
        }
        "/staff/participation/boards/{id}/results" => {
            c.post_form(
                path,
                &[("code", o.closed_code.as_str()), ("sent_on", "30/04/2025")],
            )
            .await
        }
        "/staff/participation/boards/{id}/dissolve" if of_test_commune(w, c).await => {
            let fresh = insert_board(
                w,
                &new_board(w.commune.id, BoardKind::Investment, "Ban giám sát tạm"),
            )
            .await;
            c.post_form(
                &format!("/staff/participation/boards/{fresh}/dissolve"),
                &[("on", "30/04/2025")],
            )
            .await
        }
        "/staff/participation/recommendations/{id}/answer" if of_test_commune(w, c).await => {
            let fresh = open_recommendation(w, o.bgs).await;
            c.post_form(
                &format!("/staff/participation/recommendations/{fresh}/answer"),
                &[("answer", "Đã công khai."), ("answered_on", "20/04/2025")],
            )
            .await
        }
        "/staff/participation/conferences" => {
            c.post_form(
                path,
                &[
                    ("kind", "meeting"),
                    ("title", "Họp dân"),
                    ("held_on", "20/04/2025"),
                ],
            )
            .await
        }
        "/staff/participation/conferences/{id}/items" => {
            c.post_form(path, &[("text", "Đường hỏng")]).await
        }
        "/staff/outreach" => {
            c.post_multipart(
                path,
                &[
                    ("channel", "zalo"),
                    ("topic", "dim:1"),
                    ("title", "Tuyên truyền"),
                    ("village_id", village.as_str()),
                    ("dates", "20/04/2025"),
                ],
                &[("evidence", "anh.png", b"\x89PNG\r\n\x1a\n....")],
            )
            .await
        }
        "/staff/participation/boards/{id}/dissolve" => {
            c.post_form(path, &[("on", "30/04/2025")]).await
        }
        "/staff/participation/recommendations/{id}/answer" => {
            c.post_form(
                path,
                &[("answer", "Đã công khai."), ("answered_on", "20/04/2025")],
            )
            .await
        }
        _ => return None,
    };
    Some(r)
}

/// The object-level rule for the routes of this process; `None` for other routes. A village
/// head records only for their own village; the test's village head has none, and the test's
/// meeting is commune-wide.
pub async fn object_allowed(_w: &World, role: Role, spec: &papi_web::RouteSpec) -> Option<bool> {
    if !mine(spec.path) {
        return None;
    }
    let village_bound = spec.method == "POST"
        && (spec.path.starts_with("/staff/participation/conferences")
            || spec.path == "/staff/outreach");
    Some(!(village_bound && role == Role::VillageHead))
}

/// A date of the test's year.
pub fn d(m: u32, dd: u32) -> NaiveDate {
    day(2025, m, dd)
}
