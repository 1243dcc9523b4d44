//! The demo's supervision boards, village conferences, outreach.
//!
//! A BTTND with one member per village, a BGS for a road project, a check plan and its notice,
//! two recommendations (one answered on time, one still open), the result of a closed
//! residents' matter told to the BTTND, last year's and this year's dialogue conference, village
//! conferences, a meeting with a raised item, and an outreach log covering every village
//! through several channels and topics, one loudspeaker entry among them.

use chrono::{Datelike, Duration, NaiveDate};
use papi_core::outreach::{Channel, Entry, Topic};
use papi_core::participation::board::{
    Board, BoardKind, BoardPlan, Check, ForwardedResult, Group, Member, PlanPeriod, Position,
    Recommendation,
};
use papi_core::participation::conference::{Conference, ConferenceKind, RaisedItem};
use papi_core::Dimension;
use papi_store::participation::{board as boards, conference as confs};
use papi_store::Store;

const BY: &str = "demo";

const MEMBERS: [&str; 6] = [
    "Nguyễn Văn Thành",
    "Trần Thị Hoa",
    "Lê Văn Bình",
    "Phạm Thị Mai",
    "Hoàng Văn Nam",
    "Vũ Thị Lan",
];

pub async fn seed(store: &Store, commune_id: i64, today: NaiveDate) -> anyhow::Result<()> {
    let villages = papi_store::org::villages(store, commune_id).await?;
    let year = today.year();
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(today);
    let mut w = store.begin_write().await?;

    // The people's inspection board, one member per village.
    let bttnd = Board {
        id: 0,
        commune_id,
        kind: BoardKind::Inspection,
        name: "Ban Thanh tra nhân dân xã".into(),
        project: String::new(),
        ledger_project_id: None,
        established_on: NaiveDate::from_ymd_opt(year - 1, 12, 20).unwrap_or(today),
        term_end: NaiveDate::from_ymd_opt(year + 2, 12, 31),
        recognised_by: "Quyết định số 05/QĐ-MTTQ của Ban Thường trực Ủy ban MTTQ xã".into(),
        dissolved_on: None,
    };
    let bttnd_id = boards::insert(&mut w, BY, &bttnd).await?;
    for (n, v) in villages.iter().enumerate() {
        let m = Member {
            id: 0,
            board_id: bttnd_id,
            name: MEMBERS[n % MEMBERS.len()].into(),
            village_id: Some(v.id),
            position: match n {
                0 => Position::Head,
                1 | 2 => Position::Deputy,
                _ => Position::Member,
            },
            group: Group::Resident,
            joined_on: bttnd.established_on,
        };
        boards::add_member(&mut w, BY, commune_id, &m).await?;
    }
    boards::add_plan(
        &mut w,
        BY,
        commune_id,
        &BoardPlan {
            id: 0,
            board_id: bttnd_id,
            period: PlanPeriod::Quarter,
            title: format!("Kế hoạch hoạt động quý IV năm {year}"),
            from: day(10, 1),
            to: day(12, 31),
        },
    )
    .await?;
    let check_on = today + Duration::days(20);
    boards::add_check(
        &mut w,
        BY,
        commune_id,
        &Check {
            id: 0,
            board_id: bttnd_id,
            target: "Việc niêm yết công khai danh sách hộ nghèo tại các thôn".into(),
            check_on,
            notice_sent_on: Some(today - Duration::days(2)),
            recipients: "Ủy ban MTTQ xã; Chủ tịch UBND xã; Công chức Văn hóa - Xã hội".into(),
        },
    )
    .await?;
    let answered = Recommendation {
        id: 0,
        board_id: bttnd_id,
        received_on: day(8, 25),
        content: "Đề nghị niêm yết đủ thời gian danh sách hộ cận nghèo tại nhà văn hóa Thôn Đông."
            .into(),
        answer: String::new(),
        answered_on: None,
    };
    let rid = boards::add_recommendation(&mut w, BY, commune_id, &answered).await?;
    boards::answer(
        &mut w,
        BY,
        commune_id,
        &Recommendation {
            id: rid,
            ..answered
        },
        "UBND xã đã chỉ đạo niêm yết lại đủ 30 ngày từ ngày 01/09.",
        day(9, 5),
    )
    .await?;
    boards::add_recommendation(
        &mut w,
        BY,
        commune_id,
        &Recommendation {
            id: 0,
            board_id: bttnd_id,
            received_on: today - Duration::days(6),
            content: "Đề nghị công khai tiến độ thu, chi quỹ đóng góp làm đường Thôn Nam.".into(),
            answer: String::new(),
            answered_on: None,
        },
    )
    .await?;
    let closed = papi_store::voice::list(store, commune_id)
        .await?
        .into_iter()
        .find(|m| m.stage.is_closed());
    if let Some(m) = closed {
        boards::add_result(
            &mut w,
            BY,
            commune_id,
            &ForwardedResult {
                id: 0,
                board_id: bttnd_id,
                matter_code: m.code.clone(),
                matter_title: format!("{}: {}", m.kind.label(), m.title),
                sent_on: today - Duration::days(3),
            },
        )
        .await?;
    }

    // The community investment supervision board of a road project.
    let bgs = Board {
        id: 0,
        commune_id,
        kind: BoardKind::Investment,
        name: "Ban giám sát đầu tư của cộng đồng — đường liên thôn Nam–Bắc".into(),
        project: "Bê tông hóa đường liên thôn Nam–Bắc".into(),
        ledger_project_id: Some(1),
        established_on: day(3, 10),
        term_end: None,
        recognised_by: "Quyết định số 09/QĐ-MTTQ".into(),
        dissolved_on: None,
    };
    let bgs_id = boards::insert(&mut w, BY, &bgs).await?;
    let bgs_members = [
        ("Đỗ Văn Hải", Position::Head, Group::Front),
        ("Nguyễn Văn Thành", Position::Deputy, Group::InspectionBoard),
        ("Bùi Thị Hạnh", Position::Member, Group::Resident),
        ("Lý Văn Quang", Position::Member, Group::Resident),
        ("Đặng Thị Thu", Position::Member, Group::Resident),
    ];
    for (name, position, group) in bgs_members {
        boards::add_member(
            &mut w,
            BY,
            commune_id,
            &Member {
                id: 0,
                board_id: bgs_id,
                name: name.into(),
                village_id: villages.get(2).map(|v| v.id),
                position,
                group,
                joined_on: bgs.established_on,
            },
        )
        .await?;
    }
    boards::add_plan(
        &mut w,
        BY,
        commune_id,
        &BoardPlan {
            id: 0,
            board_id: bgs_id,
            period: PlanPeriod::Project,
            title: "Kế hoạch giám sát dự án đường liên thôn Nam–Bắc".into(),
            from: day(3, 15),
            to: day(12, 31),
        },
    )
    .await?;
    boards::add_check(
        &mut w,
        BY,
        commune_id,
        &Check {
            id: 0,
            board_id: bgs_id,
            target: "Giám sát chất lượng vật liệu, khối lượng thi công".into(),
            check_on: day(6, 1),
            notice_sent_on: Some(day(4, 10)),
            recipients: "Chủ đầu tư: UBND xã".into(),
        },
    )
    .await?;

    // Conferences: last year's and this year's dialogue, the villages' conferences of last
    // year, and a meeting with residents this year.
    let conf =
        |kind: ConferenceKind, village: Option<i64>, held: NaiveDate, title: String| Conference {
            id: 0,
            commune_id,
            kind,
            village_id: village,
            held_on: held,
            noticed_on: Some(held - Duration::days(7)),
            title,
            agenda: "1. Báo cáo kết quả thực hiện dân chủ ở cơ sở.\n2. Ý kiến của người dân."
                .into(),
            minutes: "Hội nghị thống nhất các nội dung theo chương trình.".into(),
            attendance: Some(85),
            head_report: true,
            front_report: true,
            board_report: true,
            sent_ubnd_on: Some(held + Duration::days(2)),
            sent_mttq_on: Some(held + Duration::days(2)),
        };
    for (n, v) in villages.iter().enumerate() {
        let held = NaiveDate::from_ymd_opt(year - 1, 12, 10 + n as u32).unwrap_or(today);
        let c = conf(
            ConferenceKind::Village,
            Some(v.id),
            held,
            format!("Hội nghị {} năm {}", v.name, year - 1),
        );
        confs::insert(&mut w, BY, &c).await?;
    }
    confs::insert(
        &mut w,
        BY,
        &conf(
            ConferenceKind::Dialogue,
            None,
            NaiveDate::from_ymd_opt(year - 1, 11, 20).unwrap_or(today),
            format!(
                "Hội nghị đối thoại giữa UBND xã với Nhân dân năm {}",
                year - 1
            ),
        ),
    )
    .await?;
    confs::insert(
        &mut w,
        BY,
        &conf(
            ConferenceKind::Dialogue,
            None,
            day(7, 18),
            format!("Hội nghị đối thoại giữa UBND xã với Nhân dân năm {year}"),
        ),
    )
    .await?;
    let meeting = confs::insert(
        &mut w,
        BY,
        &conf(
            ConferenceKind::Meeting,
            villages.first().map(|v| v.id),
            day(9, 12),
            "Họp dân Thôn Đông về mở rộng đường nội đồng".into(),
        ),
    )
    .await?;
    confs::add_item(
        &mut w,
        BY,
        commune_id,
        &RaisedItem {
            id: 0,
            conference_id: meeting,
            text: "Người dân đề nghị công khai phương án đền bù phần đất mở rộng.".into(),
            matter_code: String::new(),
        },
    )
    .await?;

    // Outreach: every village through several channels and topics.
    let all: Vec<i64> = villages.iter().map(|v| v.id).collect();
    let entry = |channel: Channel,
                 topic: Topic,
                 title: &str,
                 vs: Vec<i64>,
                 dates: Vec<NaiveDate>,
                 reach: u32| Entry {
        id: 0,
        commune_id,
        channel,
        topic,
        title: title.into(),
        village_ids: vs,
        dates,
        reach: Some(reach),
        by: "Công chức Văn hóa - Xã hội".into(),
        disclosure_id: None,
        evidence_name: String::new(),
    };
    let dim = |n: u8| Topic::Dimension(Dimension::new(n).unwrap_or(Dimension::new(1).expect("1")));
    let mut entries = vec![
        entry(
            Channel::Loudspeaker,
            Topic::DemocracyLaw,
            "Phát thanh chuyên mục Luật Thực hiện dân chủ ở cơ sở",
            all.clone(),
            vec![day(3, 3), day(3, 10)],
            1800,
        ),
        entry(
            Channel::Portal,
            dim(2),
            "Đăng tin công khai dự toán ngân sách xã",
            all.clone(),
            vec![day(1, 20)],
            600,
        ),
        entry(
            Channel::Leaflet,
            Topic::ComplaintsLaw,
            "Phát tờ rơi hướng dẫn gửi khiếu nại, tố cáo",
            all.iter().copied().take(3).collect(),
            vec![day(5, 6)],
            450,
        ),
    ];
    for (n, v) in villages.iter().enumerate() {
        entries.push(entry(
            if n % 2 == 0 {
                Channel::VillageMeeting
            } else {
                Channel::Zalo
            },
            dim(1 + (n as u8 % 8)),
            &format!(
                "Tuyên truyền tại {} về quyền tham gia của người dân",
                v.name
            ),
            vec![v.id],
            vec![day(4, 8 + n as u32)],
            120,
        ));
    }
    // A broadcast of the poor-household list the register holds: it counts as that posting's
    // loudspeaker form (two days: the register flags it short of the three Điều 13 k.3 asks).
    let poor_list = papi_store::disclosure::list(store, commune_id)
        .await?
        .into_iter()
        .find(|d| d.title.starts_with("Danh sách hộ nghèo"))
        .map(|d| d.id);
    let mut radio = entry(
        Channel::Loudspeaker,
        dim(2),
        "Phát thanh danh sách hộ nghèo, cận nghèo được công khai",
        all.clone(),
        vec![today - Duration::days(9), today - Duration::days(8)],
        1500,
    );
    radio.disclosure_id = poor_list;
    entries.push(radio);
    for e in &entries {
        papi_store::outreach::insert(&mut w, BY, e, None).await?;
    }
    w.commit().await?;
    Ok(())
}
