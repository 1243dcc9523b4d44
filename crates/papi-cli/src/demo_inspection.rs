//! The demo's inspections as they stand on the demo's day (15/10/2025): the 2025 plan with an
//! unannounced check of the one-stop desk (one finding remediated, re-checked and closed; one
//! whose re-check failed and which is overdue again), a concluded scheduled check of the
//! reception register with a finding still open, a scheduled check of disclosure postings in
//! a village still to come, and an unannounced check of the land officer's unit that its head
//! cannot see yet. Entered through the application layer on the day each step happened, so
//! every rule runs as it would have.

use anyhow::{anyhow, Context};
use chrono::NaiveDate;
use papi_app::inspection::{self as svc, CheckInput, CriterionInput, FindingInput, RecheckInput};
use papi_app::App;
use papi_core::{Actor, Role};
use papi_store::Store;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid demo date")
}

/// The application as it was on `day`.
fn on(store: &Store, day: NaiveDate) -> App {
    App::new(store.clone(), Some(day))
}

fn dmy(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

pub async fn seed(store: &Store, commune_id: i64, _today: NaiveDate) -> anyhow::Result<()> {
    let users = papi_store::org::users(store, commune_id).await?;
    let office = users
        .iter()
        .find(|u| u.role == Role::Office)
        .context("the demo has an office user")?;
    let actor = Actor {
        user_id: office.id,
        commune_id,
        role: Role::Office,
        unit_id: office.unit_id,
    };
    let by = office.username.as_str();
    let units = papi_store::org::units(store, commune_id).await?;
    let unit = |name: &str| -> anyhow::Result<i64> {
        units
            .iter()
            .find(|u| u.name == name)
            .map(|u| u.id)
            .ok_or_else(|| anyhow!("demo unit {name}"))
    };
    let villages = papi_store::org::villages(store, commune_id).await?;
    let dong = villages
        .iter()
        .find(|v| v.name == "Thôn Đông")
        .context("the demo has Thôn Đông")?
        .id;
    let motcua = unit("Bộ phận Một cửa")?;
    let tuphap = unit("Công chức Tư pháp - Hộ tịch")?;
    let vanphong = unit("Văn phòng UBND xã")?;
    let diachinh = unit("Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường")?;
    let err = |e: papi_app::Error| anyhow!("{e}");

    let plan_day = d(2025, 1, 20);
    let add =
        |target: String, checklist: &str, mode: &str, day: NaiveDate, title: &str| CheckInput {
            title: title.into(),
            mode: mode.into(),
            checklist: checklist.into(),
            target,
            planned_on: dmy(day),
        };
    let app = on(store, plan_day);
    let desk = svc::create(
        &app,
        &actor,
        by,
        add(
            format!("unit:{motcua}"),
            "one_stop_desk",
            "unannounced",
            d(2025, 6, 10),
            "",
        ),
    )
    .await
    .map_err(err)?;
    let reception = svc::create(
        &app,
        &actor,
        by,
        add(
            format!("unit:{vanphong}"),
            "reception",
            "scheduled",
            d(2025, 9, 10),
            "",
        ),
    )
    .await
    .map_err(err)?;
    svc::create(
        &app,
        &actor,
        by,
        add(
            format!("village:{dong}"),
            "disclosure",
            "scheduled",
            d(2025, 11, 5),
            "",
        ),
    )
    .await
    .map_err(err)?;
    svc::create(
        &app,
        &actor,
        by,
        add(
            format!("unit:{diachinh}"),
            "one_stop_desk",
            "unannounced",
            d(2025, 10, 28),
            "Kiểm tra đột xuất việc giải quyết hồ sơ đất đai",
        ),
    )
    .await
    .map_err(err)?;

    // The unannounced check of the one-stop desk, 10/06/2025.
    let day = d(2025, 6, 10);
    let app = on(store, day);
    svc::record_held(
        &app,
        &actor,
        by,
        desk,
        &dmy(day),
        "Nguyễn Thị Lan, Chánh Văn phòng; Đỗ Văn Bình, Trưởng Ban Thanh tra nhân dân",
    )
    .await
    .map_err(err)?;
    let verdicts = ["met", "not_met", "met", "not_met", "met", "met"];
    let notes = [
        "142/150 hồ sơ đúng hạn (94,7%)",
        "8 hồ sơ trễ hạn, chỉ 6 hồ sơ có phiếu xin lỗi và hẹn lại ngày trả kết quả",
        "Đủ 98 thủ tục niêm yết tại Bộ phận Một cửa",
        "Chưa niêm yết mức lệ phí chứng thực theo quy định mới",
        "",
        "",
    ];
    fill_checklist(&app, &actor, by, desk, &verdicts, &notes).await?;
    let slips = svc::add_finding(
        &app,
        &actor,
        by,
        desk,
        FindingInput {
            text: "2 hồ sơ trễ hạn không có Phiếu xin lỗi và hẹn lại ngày trả kết quả".into(),
            owner_unit_id: motcua.to_string(),
            due: dmy(d(2025, 6, 24)),
        },
    )
    .await
    .map_err(err)?;
    let fees = svc::add_finding(
        &app,
        &actor,
        by,
        desk,
        FindingInput {
            text: "Chưa niêm yết mức lệ phí chứng thực theo quy định mới".into(),
            owner_unit_id: tuphap.to_string(),
            due: String::new(),
        },
    )
    .await
    .map_err(err)?;
    let app = on(store, d(2025, 6, 12));
    svc::conclude(&app, &actor, by, desk,
        "Bộ phận Một cửa giải quyết đúng hạn 94,7% hồ sơ. Còn 2 hồ sơ trễ hạn chưa có phiếu xin lỗi và chưa niêm yết mức lệ phí chứng thực mới; yêu cầu khắc phục trong thời hạn.",
        "12/06/2025")
        .await
        .map_err(err)?;
    // The slips: remediated, re-checked, closed.
    let app = on(store, d(2025, 6, 20));
    svc::report_remediation(
        &app,
        &actor,
        by,
        slips,
        "20/06/2025",
        "Đã lập và gửi phiếu xin lỗi, hẹn lại ngày trả kết quả cho 2 hồ sơ; đã trả kết quả.",
    )
    .await
    .map_err(err)?;
    let app = on(store, d(2025, 6, 25));
    svc::recheck(
        &app,
        &actor,
        by,
        slips,
        RecheckInput {
            on: "25/06/2025".into(),
            by: "Nguyễn Thị Lan, Chánh Văn phòng".into(),
            result: "passed".into(),
            note: "Đã xem bản lưu 2 phiếu xin lỗi có chữ ký của người nhận.".into(),
            new_due: String::new(),
        },
    )
    .await
    .map_err(err)?;
    svc::close(&app, &actor, by, slips).await.map_err(err)?;
    // The fees: reported, but the re-check failed; the new deadline has passed.
    let app = on(store, d(2025, 7, 1));
    svc::report_remediation(&app, &actor, by, fees, "01/07/2025", "Đã in bảng phí mới.")
        .await
        .map_err(err)?;
    let app = on(store, d(2025, 7, 15));
    svc::recheck(
        &app,
        &actor,
        by,
        fees,
        RecheckInput {
            on: "15/07/2025".into(),
            by: "Nguyễn Thị Lan, Chánh Văn phòng".into(),
            result: "failed".into(),
            note: "Bảng phí đã in nhưng chưa niêm yết tại Bộ phận Một cửa.".into(),
            new_due: "08/10/2025".into(),
        },
    )
    .await
    .map_err(err)?;

    // The scheduled check of the reception register, 10/09/2025: one finding still open.
    let day = d(2025, 9, 10);
    let app = on(store, day);
    svc::record_held(
        &app,
        &actor,
        by,
        reception,
        &dmy(day),
        "Trần Văn Minh, Chủ tịch UBND xã",
    )
    .await
    .map_err(err)?;
    fill_checklist(
        &app,
        &actor,
        by,
        reception,
        &["met", "met", "met", "not_met"],
        &[
            "Sổ mở từ 01/01/2025",
            "Lịch niêm yết tại trụ sở và trên cổng thông tin",
            "",
            "3 lượt tiếp chưa ghi kết quả xử lý",
        ],
    )
    .await?;
    svc::add_finding(
        &app,
        &actor,
        by,
        reception,
        FindingInput {
            text: "3 lượt tiếp công dân chưa ghi kết quả xử lý vào sổ".into(),
            owner_unit_id: vanphong.to_string(),
            due: "24/10/2025".into(),
        },
    )
    .await
    .map_err(err)?;
    svc::conclude(
        &app,
        &actor,
        by,
        reception,
        "Việc tiếp công dân thực hiện đúng lịch; sổ tiếp công dân cần ghi đầy đủ kết quả xử lý.",
        &dmy(day),
    )
    .await
    .map_err(err)?;
    Ok(())
}

/// Gives the checklist of a check its verdicts and notes, in order.
async fn fill_checklist(
    app: &App,
    actor: &Actor,
    by: &str,
    id: i64,
    verdicts: &[&str],
    notes: &[&str],
) -> anyhow::Result<()> {
    let criteria = svc::check::checklist(app, actor, id)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let rows = criteria
        .iter()
        .enumerate()
        .map(|(n, c)| CriterionInput {
            id: c.id,
            text: String::new(),
            verdict: verdicts.get(n).copied().unwrap_or("na").into(),
            note: notes.get(n).copied().unwrap_or("").into(),
        })
        .collect();
    svc::save_checklist(app, actor, by, id, rows, Vec::new())
        .await
        .map_err(|e| anyhow!("{e}"))
}
