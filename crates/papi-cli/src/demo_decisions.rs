//! The demo's residents' decisions, contributions ledger, consultations, as they stand on the
//! demo's day (15/10/2025): a contribution passed by two thirds of Thôn Đông's households and
//! its ledger, one in Thôn Tây refused below two thirds (the attempt to record it as passed is
//! refused, then it is recorded as not passed with the reason), a commune-wide contribution
//! decided village by village, a village head's election awaiting the UBND's recognition, a
//! consultation open with its 20-day window and one closed against the majority with its
//! explanation. Entered through the application layer, so every rule is the real one.

use anyhow::{bail, Context};
use chrono::NaiveDate;
use papi_app::participation::consultation::{CloseInput, CommentInput, ConsultationInput};
use papi_app::participation::decision::{DecisionInput, TallyInput};
use papi_app::participation::ledger::{EntryInput, LedgerInput};
use papi_app::App;
use papi_core::{Actor, Role};
use papi_store::Store;

const BY: &str = "demo";

fn tally(village_id: i64, total: i64, present: i64, yes: i64, no: i64) -> TallyInput {
    TallyInput {
        village_id,
        total_households: total,
        present,
        votes_for: yes,
        votes_against: no,
        abstain: present - yes - no,
        online_agreed: 0,
    }
}

#[allow(clippy::too_many_arguments)]
fn decision(
    title: &str,
    subject: &str,
    village: Option<i64>,
    proposer: &str,
    form: &str,
    held: &str,
    notice: &str,
    passed: bool,
    tallies: Vec<TallyInput>,
) -> DecisionInput {
    DecisionInput {
        title: title.into(),
        subject: subject.into(),
        village_id: village,
        proposer: proposer.into(),
        agreed_with_front: true,
        form: form.into(),
        held_on: held.into(),
        notice_on: notice.into(),
        documents_on: notice.into(),
        passed,
        tallies,
        ..Default::default()
    }
}

pub async fn seed(store: &Store, commune_id: i64, today: NaiveDate) -> anyhow::Result<()> {
    let app = App::new(store.clone(), Some(today));
    let users = papi_store::org::users(store, commune_id).await?;
    let office = users
        .iter()
        .find(|u| u.role == Role::Office)
        .context("demo has an office account")?;
    let actor = Actor {
        user_id: office.id,
        commune_id,
        role: Role::Office,
        unit_id: office.unit_id,
    };
    let villages = papi_store::org::villages(store, commune_id).await?;
    let v = |name: &str| {
        villages
            .iter()
            .find(|x| x.name == name)
            .map(|x| x.id)
            .with_context(|| format!("demo village {name}"))
    };
    let (dong, tay, nam, bac) = (
        v("Thôn Đông")?,
        v("Thôn Tây")?,
        v("Thôn Nam")?,
        v("Thôn Bắc")?,
    );
    use papi_app::participation::{consultation, decision as dec, ledger};

    // A contribution passed by two thirds of all households of Thôn Đông (150/180 ≥ 120).
    let road = dec::record(
        &app,
        &actor,
        BY,
        &decision(
            "Chủ trương, mức đóng góp bê tông hóa đường trục thôn Đông (500.000 đồng/hộ)",
            "contribution",
            Some(dong),
            "village_head",
            "meeting",
            "12/09/2025",
            "09/09/2025",
            true,
            vec![tally(dong, 180, 162, 150, 8)],
        ),
    )
    .await?;
    dec::follow_up(&app, &actor, BY, road, "16/09/2025", "").await?;

    // Thôn Tây: 120 of 200 households is below two thirds (134): "passed" is refused.
    let hall = decision(
        "Chủ trương, mức đóng góp xây dựng nhà văn hóa thôn Tây (1.200.000 đồng/hộ)",
        "contribution",
        Some(tay),
        "village_head",
        "meeting",
        "19/09/2025",
        "16/09/2025",
        true,
        vec![tally(tay, 200, 171, 120, 45)],
    );
    match dec::record(&app, &actor, BY, &hall).await {
        Err(papi_app::Error::Invalid(_)) => {}
        other => bail!("the demo's refusal below two thirds was not refused: {other:?}"),
    }
    let hall_id = dec::record(
        &app,
        &actor,
        BY,
        &DecisionInput {
            passed: false,
            ..hall
        },
    )
    .await?;
    dec::follow_up(&app, &actor, BY, hall_id, "24/09/2025", "").await?;

    // Commune-wide, by household ballot: 5 of the 6 villages pass by their own two thirds.
    let figures = [
        ("Thôn Đông", 180, 171, 140),
        ("Thôn Tây", 200, 188, 150),
        ("Thôn Nam", 150, 140, 110),
        ("Thôn Bắc", 160, 150, 90),
        ("Thôn Trung", 210, 200, 170),
        ("Thôn Thượng", 120, 115, 95),
    ];
    let mut tallies = Vec::new();
    for (name, total, back, yes) in figures {
        tallies.push(tally(v(name)?, total, back, yes, back - yes));
    }
    let lights = dec::record(
        &app,
        &actor,
        BY,
        &decision(
            "Chủ trương đóng góp lắp đặt đèn chiếu sáng đường liên thôn (200.000 đồng/hộ)",
            "contribution",
            None,
            "chairman",
            "ballot",
            "26/09/2025",
            "22/09/2025",
            true,
            tallies,
        ),
    )
    .await?;
    dec::follow_up(&app, &actor, BY, lights, "01/10/2025", "").await?;

    // Thôn Nam elects its village head; the UBND's recognition falls due today.
    let head = dec::record(
        &app,
        &actor,
        BY,
        &DecisionInput {
            documents_on: String::new(),
            ..decision(
                "Bầu Trưởng thôn Nam nhiệm kỳ 2025–2027",
                "village_head",
                Some(nam),
                "village_head",
                "meeting",
                "03/10/2025",
                "30/09/2025",
                true,
                vec![tally(nam, 150, 131, 118, 10)],
            )
        },
    )
    .await?;
    dec::follow_up(&app, &actor, BY, head, "08/10/2025", "").await?;

    // The ledger of the road: collected from households, cement and labour paid.
    let book = ledger::open(
        &app,
        &actor,
        BY,
        &LedgerInput {
            decision_id: road,
            project: "Bê tông hóa 1,2 km đường trục thôn Đông".into(),
            level_per_household: "500.000".into(),
            account_kind: "village_account".into(),
            account: "Agribank chi nhánh Lương Tài, số 2503 2050 12345 (Trưởng thôn Đông đứng tên)"
                .into(),
        },
    )
    .await?;
    let lines = [
        (
            "20/09/2025",
            "collected",
            "42.500.000",
            "85 hộ (đợt 1)",
            "Thu đóng góp đợt 1",
        ),
        (
            "27/09/2025",
            "collected",
            "30.000.000",
            "60 hộ (đợt 2)",
            "Thu đóng góp đợt 2",
        ),
        (
            "03/10/2025",
            "spent",
            "38.400.000",
            "Cửa hàng VLXD Hùng Mạnh",
            "Mua 240 bao xi măng, cát, đá",
        ),
        (
            "10/10/2025",
            "spent",
            "15.000.000",
            "Tổ thợ ông Nguyễn Văn Tư",
            "Nhân công đổ bê tông đoạn 1",
        ),
    ];
    for (on, kind, amount, who, purpose) in lines {
        ledger::add_entry(
            &app,
            &actor,
            BY,
            book,
            &EntryInput {
                on: on.into(),
                kind: kind.into(),
                amount: amount.into(),
                who: who.into(),
                purpose: purpose.into(),
            },
        )
        .await?;
    }

    // A consultation open now, with its 20-day window.
    let plan = consultation::open(
        &app,
        &actor,
        BY,
        &ConsultationInput {
            title: "Dự thảo quy hoạch chung xây dựng xã giai đoạn 2025–2035".into(),
            topic: "construction_plan".into(),
            village_id: None,
            channels: vec!["meeting".into(), "portal".into(), "front".into()],
            published_on: "06/10/2025".into(),
            closes_on: "27/10/2025".into(),
        },
    )
    .await?;
    for (who, village, stance, text) in [
        (
            "Ông Trần Văn Hải",
            dong,
            "for",
            "Đồng ý, đề nghị mở rộng đường vào khu dân cư mới.",
        ),
        (
            "Bà Lê Thị Mai",
            tay,
            "other",
            "Đề nghị bố trí thêm sân thể thao cho thôn Tây.",
        ),
    ] {
        consultation::add_comment(
            &app,
            &actor,
            BY,
            plan,
            &CommentInput {
                on: "10/10/2025".into(),
                who: who.into(),
                village_id: Some(village),
                text: text.into(),
                stance: stance.into(),
            },
        )
        .await?;
    }

    // One closed against the majority, with the explanation Điều 28 khoản 4 requires.
    let market = consultation::open(
        &app,
        &actor,
        BY,
        &ConsultationInput {
            title: "Phương án di dời chợ Thôn Bắc ra khu đất mới".into(),
            topic: "community_decision".into(),
            village_id: Some(bac),
            channels: vec!["meeting".into(), "box".into()],
            published_on: "15/08/2025".into(),
            closes_on: "05/09/2025".into(),
        },
    )
    .await?;
    for (who, stance, text) in [
        (
            "Bà Phạm Thị Hoa",
            "against",
            "Chợ mới xa khu dân cư, người già đi lại khó.",
        ),
        (
            "Ông Đỗ Văn Bình",
            "against",
            "Đề nghị giữ chợ cũ, chỉ cải tạo.",
        ),
        (
            "Ông Vũ Văn Nam",
            "for",
            "Chợ cũ lấn đường, mất an toàn giao thông.",
        ),
    ] {
        consultation::add_comment(
            &app,
            &actor,
            BY,
            market,
            &CommentInput {
                on: "25/08/2025".into(),
                who: who.into(),
                village_id: Some(bac),
                text: text.into(),
                stance: stance.into(),
            },
        )
        .await?;
    }
    consultation::close(
        &app,
        &actor,
        BY,
        market,
        &CloseInput {
            summary: "3 ý kiến: 2 không đồng ý (đường xa, người già đi lại khó), 1 đồng ý (chợ cũ lấn đường quốc lộ).".into(),
            decision: "UBND xã quyết định di dời chợ ra khu đất mới từ quý I/2026.".into(),
            adopted: "yes".into(),
            explanation: "Chợ cũ họp trên hành lang an toàn quốc lộ 17, đã xảy ra 2 vụ tai nạn năm 2025; xã bố trí xe đưa đón người cao tuổi vào các phiên chợ và làm đường ngắn vào chợ mới.".into(),
        },
    )
    .await?;
    Ok(())
}
