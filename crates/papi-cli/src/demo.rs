//! `papi demo`: a fresh SQLite database with Lương Tài commune, its villages and units, one user
//! per role, plan 10/KH-UBND of 2025 (a summary written for the demo, or a real document given
//! with --plan), the task table, and a spread of progress as it would stand on the demo's day.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use chrono::{Datelike, Duration, NaiveDate};
use papi_core::{Commune, CommuneKind, Due, Role, Task, TaskStatus, Unit, User};
use papi_docs::plan_import::{import_plan_file, parse_plan_text};
use papi_docs::task_table::read_task_table_bytes;
use papi_store::plan::{self, NewUpdate, TaskRecord};
use papi_store::{org, Store};

use crate::args::{DemoArgs, ServeArgs};
use crate::import_cmd::{store_plan, store_tasks};

const PLAN: &str = include_str!("../demo/plan.md");
const UNITS: &str = include_str!("../demo/units.csv");
const TASKS: &[u8] = include_bytes!("../demo/tasks.csv");

/// The password of every demo account (printed, and only for the demo).
pub const DEMO_PASSWORD: &str = "demo-papi-2025";

/// Demo accounts: username, full name (fictional), role, unit.
const PEOPLE: [(&str, &str, Role, Option<&str>); 8] = [
    ("chutich", "Trần Văn Minh", Role::Chairman, None),
    (
        "vanphong",
        "Nguyễn Thị Lan",
        Role::Office,
        Some("Văn phòng UBND xã"),
    ),
    (
        "truongban",
        "Lê Văn Hùng",
        Role::UnitHead,
        Some("Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường"),
    ),
    (
        "congchuc",
        "Phạm Thị Hoa",
        Role::Officer,
        Some("Công chức Văn hóa - Xã hội"),
    ),
    (
        "mattran",
        "Đỗ Văn Bình",
        Role::Front,
        Some("Ủy ban MTTQ Việt Nam xã"),
    ),
    ("truongthon", "Vũ Văn Tâm", Role::VillageHead, None),
    ("tinh", "Hoàng Thị Mai", Role::Province, None),
    ("quantri", "Bùi Văn Nam", Role::Admin, None),
];

/// Villages of the demo commune (illustrative names).
const VILLAGES: [&str; 6] = [
    "Thôn Đông",
    "Thôn Tây",
    "Thôn Nam",
    "Thôn Bắc",
    "Thôn Trung",
    "Thôn Thượng",
];

pub async fn run(
    a: DemoArgs,
    key_file: Option<&Path>,
    serve: crate::Serve,
) -> anyhow::Result<ExitCode> {
    let url = match &a.postgres {
        Some(url) => url.clone(),
        None => {
            for suffix in ["", "-wal", "-shm"] {
                let f = format!("{}{suffix}", a.file.display());
                if Path::new(&f).exists() {
                    std::fs::remove_file(&f).with_context(|| format!("không xóa được {f}"))?;
                }
            }
            format!("sqlite://{}", a.file.display())
        }
    };
    let db = crate::open::Database {
        url,
        key_file: key_file.map(Path::to_path_buf),
    };
    let store = Store::open(&db.url)
        .await
        .context("không tạo được cơ sở dữ liệu mẫu")?;
    if !org::communes(&store).await?.is_empty() {
        anyhow::bail!(
            "cơ sở dữ liệu {} đã có dữ liệu; dữ liệu mẫu cần một cơ sở dữ liệu trống",
            db.url
        );
    }
    let store = crate::open::keyed(store, db.key_path().as_deref()).await?;
    seed(
        &store,
        a.plan.as_deref(),
        a.today,
        a.grow_tasks,
        a.grow_updates,
        Some(&a.provincial),
    )
    .await?;
    if let Some(province) = &a.province_communes {
        let n = seed_province(&store, province, a.today, a.updates_each).await?;
        println!(
            "Đã thêm {n} xã, phường của tỉnh (mỗi xã một kế hoạch mẫu, {} báo cáo tiến độ).",
            a.updates_each
        );
    }
    if !a.provincial.is_dir() {
        println!(
            "(Không thấy điểm PAPI cấp tỉnh tại {}: trang khảo sát sẽ không có điểm của tỉnh để so sánh; nhập bằng `papi benchmark import`.)",
            a.provincial.display()
        );
    }
    println!(
        "Đã tạo dữ liệu mẫu: {} (xã Lương Tài, Kế hoạch 10/KH-UBND năm 2025).",
        a.file.display()
    );
    println!(
        "Ngày giả lập: {} (đổi bằng --today).",
        papi_core::clock::format_date(a.today)
    );
    println!("Tài khoản (mật khẩu chung: {DEMO_PASSWORD}):");
    for (username, name, role, unit) in PEOPLE {
        println!(
            "  {username:<11} {:<22} {name}{}",
            role.label(),
            unit.map(|u| format!(" — {u}")).unwrap_or_default()
        );
    }
    let (login, password) = crate::demo_survey::DEMO_ENUMERATOR;
    println!(
        "ODK Collect / KoboCollect: địa chỉ máy chủ http://{}/openrosa/{}, điều tra viên {login}, mật khẩu {password}.",
        a.bind,
        demo_gso(&store).await
    );
    if a.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    let args = ServeArgs {
        bind: a.bind.clone(),
        today: Some(a.today),
        secure_cookies: false,
        trusted_proxy: Vec::new(),
        smtp: Default::default(),
    };
    // Beside the demo database: `papi-demo.db` → `mail/`.
    let mail_dir = a.file.with_file_name("mail");
    let (_sink, mail_worker) =
        crate::mail_cmd::demo_mail(&store, a.today, mail_dir.clone()).await?;
    println!(
        "Thư điện tử của bản mẫu không gửi ra ngoài: máy chủ nhận thư thử giữ lại và ghi từng thư (.eml) vào thư mục {}.",
        mail_dir.display()
    );
    let banner = format!(
        "Mở trình duyệt: http://{}/  (trang công khai) — cán bộ đăng nhập tại http://{}/login  (dừng: Ctrl-C)",
        a.bind, a.bind
    );
    let served = serve(store, args, Some(banner)).await;
    mail_worker.abort();
    served?;
    Ok(ExitCode::SUCCESS)
}

/// Fills an empty store with the demo.
pub async fn seed(
    store: &Store,
    plan_file: Option<&Path>,
    today: NaiveDate,
    grow_tasks: usize,
    grow_updates: usize,
    provincial: Option<&Path>,
) -> anyhow::Result<()> {
    let commune = Commune {
        id: 0,
        gso_code: "demo-luongtai".into(),
        name: "Lương Tài".into(),
        kind: CommuneKind::Xa,
        province: "Hưng Yên".into(),
        due_soon: Default::default(),
    };
    let cid = add_commune_with_units(store, &commune).await?;
    let commune = Commune { id: cid, ..commune };
    let units = org::units(store, cid).await?;
    let mut w = store.begin_write().await?;
    for (username, full_name, role, unit) in PEOPLE {
        let unit_id = unit
            .and_then(|n| units.iter().find(|u| u.name == n))
            .map(|u| u.id);
        let user = User {
            id: 0,
            commune_id: cid,
            username: username.into(),
            full_name: full_name.into(),
            email: format!("{username}@luongtai.example"),
            role,
            unit_id,
            village_id: None,
            active: true,
        };
        org::insert_user(&mut w, "papi demo", &user, DEMO_PASSWORD).await?;
    }
    w.commit().await?;

    let found = match plan_file {
        Some(f) => import_plan_file(f).map_err(|e| anyhow!("{e}"))?,
        None => parse_plan_text(PLAN),
    };
    let plan_id = store_plan(store, &commune, &found, "papi demo").await?;
    let rows = read_task_table_bytes(TASKS, "tasks.csv").map_err(|e| anyhow!("{e}"))?;
    store_tasks(store, &commune, plan_id, &rows, "papi demo", false)
        .await?
        .map_err(|errors| anyhow!("biểu nhiệm vụ mẫu lỗi: {}", errors.join("; ")))?;
    if grow_tasks > 0 {
        grow(store, plan_id, grow_tasks).await?;
    }
    progress(store, cid, plan_id, today, grow_updates).await?;
    crate::demo_reports::seed(store, cid, plan_id).await?;
    crate::demo_voice::seed(store, cid, today).await?;
    crate::demo_disclosure::seed(store, cid, today).await?;
    crate::demo_decisions::seed(store, cid, today).await?;
    crate::demo_boards::seed(store, cid, today).await?;
    crate::demo_inspection::seed(store, cid, today).await?;
    crate::demo_satisfaction::seed(store, cid, today).await?;
    crate::demo_survey::seed(store, cid, provincial).await
}

/// Adds every unit of a province from the official list as a commune with the demo's villages,
/// units, an office account (`vp` + its code), plan and tasks, and `updates` progress reports
/// (the province benchmark). Returns how many communes it added.
pub async fn seed_province(
    store: &Store,
    province: &str,
    today: NaiveDate,
    updates: usize,
) -> anyhow::Result<usize> {
    let p = papi_core::admin_units::province(province)
        .ok_or_else(|| anyhow!("không có tỉnh “{province}” trong danh mục"))?;
    let units = papi_core::admin_units::of_province(p.code);
    for unit in &units {
        let commune = Commune {
            id: 0,
            gso_code: unit.code.into(),
            name: unit.name.into(),
            kind: unit.kind,
            province: unit.province.into(),
            due_soon: Default::default(),
        };
        let cid = add_commune_with_units(store, &commune).await?;
        let commune = Commune { id: cid, ..commune };
        let mut w = store.begin_write().await?;
        let office = User {
            id: 0,
            commune_id: cid,
            username: format!("vp{}", unit.code),
            full_name: format!("Văn phòng {}", unit.official_name()),
            email: String::new(),
            role: Role::Office,
            unit_id: None,
            village_id: None,
            active: true,
        };
        org::insert_user(&mut w, "papi demo", &office, DEMO_PASSWORD).await?;
        w.commit().await?;
        let plan_id = store_plan(store, &commune, &parse_plan_text(PLAN), "papi demo").await?;
        let rows = read_task_table_bytes(TASKS, "tasks.csv").map_err(|e| anyhow!("{e}"))?;
        store_tasks(store, &commune, plan_id, &rows, "papi demo", false)
            .await?
            .map_err(|errors| anyhow!("biểu nhiệm vụ mẫu lỗi: {}", errors.join("; ")))?;
        let scripted = scripted_updates(store, plan_id, today).await?;
        progress(store, cid, plan_id, today, updates.saturating_sub(scripted)).await?;
    }
    Ok(units.len())
}

/// How many reports the demo's script files for a plan's tasks.
async fn scripted_updates(store: &Store, plan_id: i64, today: NaiveDate) -> anyhow::Result<usize> {
    let p = plan::plan(store, plan_id).await?;
    let tasks = plan::tasks(store, plan_id).await?;
    Ok(tasks
        .iter()
        .enumerate()
        .map(|(k, rec)| script(rec, k, today, p.year).len())
        .sum())
}

/// A commune with the demo's villages and units.
async fn add_commune_with_units(store: &Store, commune: &Commune) -> anyhow::Result<i64> {
    let mut w = store.begin_write().await?;
    let cid = org::insert_commune(&mut w, commune).await?;
    for v in VILLAGES {
        org::insert_village(&mut w, cid, v).await?;
    }
    let mut units = csv::Reader::from_reader(UNITS.as_bytes());
    for row in units.records() {
        let row = row?;
        let unit = Unit {
            id: 0,
            commune_id: cid,
            name: row[0].to_string(),
            short_name: row[1].to_string(),
        };
        org::insert_unit(&mut w, "papi demo", &unit).await?;
    }
    w.commit().await?;
    Ok(cid)
}

/// Adds copies of the demo tasks until the plan holds `n` more (benchmarks).
async fn grow(store: &Store, plan_id: i64, n: usize) -> anyhow::Result<()> {
    let base: Vec<Task> = plan::tasks(store, plan_id)
        .await?
        .into_iter()
        .map(|t| t.task)
        .collect();
    let mut w = store.begin_write().await?;
    for k in 0..n {
        let t = &base[k % base.len()];
        let copy = Task {
            position: (base.len() + k + 1) as i64,
            title: format!("{} (đợt {})", t.title, k / base.len() + 2),
            ..t.clone()
        };
        plan::insert_task(&mut w, "papi demo", &copy).await?;
    }
    w.commit().await?;
    Ok(())
}

/// Files progress so that on `today` some tasks are done, some on track, some late.
async fn progress(
    store: &Store,
    cid: i64,
    plan_id: i64,
    today: NaiveDate,
    extra: usize,
) -> anyhow::Result<()> {
    let users = org::users(store, cid).await?;
    let office = users
        .iter()
        .find(|u| u.role == Role::Office)
        .ok_or_else(|| anyhow!("no office user"))?;
    let tasks = plan::tasks(store, plan_id).await?;
    let p = plan::plan(store, plan_id).await?;
    let mut w = store.begin_write().await?;
    for (k, rec) in tasks.iter().enumerate() {
        let author = users
            .iter()
            .find(|u| u.unit_id == Some(rec.task.lead_unit_id))
            .unwrap_or(office);
        for (on, pct, text) in script(rec, k, today, p.year) {
            post(&mut w, rec, author, on, pct, text).await?;
        }
    }
    // Extra history for benchmarks: more reports spread over the year, progress unchanged.
    for k in 0..extra {
        let rec = &tasks[k % tasks.len()];
        if rec.task.status == TaskStatus::Cancelled {
            continue;
        }
        let on = NaiveDate::from_ymd_opt(p.year, 1, 2).unwrap_or(today)
            + Duration::days((k % 280) as i64);
        let pct = (k % 90) as i64;
        post(
            &mut w,
            rec,
            office,
            on.min(today),
            pct,
            "Báo cáo tiến độ định kỳ.",
        )
        .await?;
    }
    w.commit().await?;
    Ok(())
}

async fn post(
    w: &mut papi_store::WriteTx<'_>,
    rec: &TaskRecord,
    author: &User,
    on: NaiveDate,
    pct: i64,
    text: &str,
) -> anyhow::Result<()> {
    let at = format!("{on}T02:30:00.000Z");
    let update = NewUpdate {
        task_id: rec.task.id,
        author_id: author.id,
        author_name: &author.full_name,
        text,
        progress: pct,
        on,
        created_at: Some(at),
        evidence: vec![],
    };
    plan::post_update_in(w, update)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    Ok(())
}

/// The progress reports of the `k`-th task up to `today`: (date, percent, text).
fn script(
    rec: &TaskRecord,
    k: usize,
    today: NaiveDate,
    year: i32,
) -> Vec<(NaiveDate, i64, &'static str)> {
    let mut out = Vec::new();
    match rec.task.due {
        Due::Date(due) if due < today => {
            let start =
                (due - Duration::days(30)).max(NaiveDate::from_ymd_opt(year, 1, 17).unwrap_or(due));
            out.push((
                start,
                40,
                "Đã xây dựng kế hoạch thực hiện và phân công cán bộ phụ trách.",
            ));
            if k % 4 == 1 {
                out.push((
                    start + Duration::days(10),
                    60,
                    "Đang triển khai; một số thôn chưa hoàn thành, đã đôn đốc.",
                ));
            } else {
                out.push((
                    due.min(today) - Duration::days(1),
                    100,
                    "Đã hoàn thành, có sản phẩm kèm theo.",
                ));
            }
        }
        Due::Date(due) if (due - today).num_days() <= 14 => {
            out.push((today - Duration::days(20), 30, "Đã triển khai bước đầu."));
            out.push((
                today - Duration::days(3),
                70,
                "Cơ bản hoàn thành, đang hoàn thiện sản phẩm.",
            ));
        }
        Due::Date(_) => {
            if !k.is_multiple_of(3) {
                out.push((
                    today - Duration::days(15),
                    25,
                    "Đã xây dựng kế hoạch, đang chuẩn bị triển khai.",
                ));
            }
        }
        Due::Recurring(_) => {
            let ends: Vec<NaiveDate> = rec
                .task
                .due
                .period_ends(year)
                .into_iter()
                .filter(|e| *e < today)
                .collect();
            let n = ends.len();
            for (i, end) in ends.into_iter().enumerate() {
                // Every fifth recurring task misses its latest report, so it shows as late.
                if k.is_multiple_of(5) && i + 1 == n {
                    break;
                }
                let pct = (((i + 1) * 100) / (n + 2)).min(95) as i64;
                let on = (end - Duration::days(2))
                    .max(NaiveDate::from_ymd_opt(year, end.month(), 1).unwrap_or(end));
                out.push((
                    on,
                    pct,
                    "Đã thực hiện trong kỳ theo kế hoạch; sản phẩm lưu tại đơn vị.",
                ));
            }
        }
    }
    out
}

/// The demo commune's GSO code (the first commune of the demo database).
async fn demo_gso(store: &Store) -> String {
    org::communes(store)
        .await
        .ok()
        .and_then(|c| c.into_iter().next())
        .map(|c| c.gso_code)
        .unwrap_or_default()
}
