//! `papi init`: the first run on an empty database from the command line, with flags or, on a
//! terminal, by answering questions. The same checks as the first-run page
//! (`papi_core::setup`).

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};
use papi_app::App;
use papi_core::admin_units::{self, AdminUnit};
use papi_core::setup::{default_units, units_text, SetupForm};

use crate::args::InitArgs;

pub async fn run(db: &crate::open::Database, a: InitArgs) -> anyhow::Result<ExitCode> {
    let store = crate::open::store(db).await?;
    let app = App::new(store, None);
    if !papi_app::setup::needs_first_run(&app).await? {
        bail!(
            "cơ sở dữ liệu đã có xã, phường; thêm xã khác từ trang “Các xã, phường” của quản trị cấp tỉnh"
        );
    }
    let ask = !a.no_input && std::io::stdin().is_terminal();
    let form = gather(a, ask)?;
    match papi_app::setup::first_run(&app, "papi init", &form).await {
        Ok(Ok(s)) => {
            println!(
                "Đã khởi tạo {} {} ({}), mã {}: {} thôn/tổ dân phố, {} đơn vị, người quản trị {}.",
                s.kind.label(),
                s.name,
                s.province,
                s.gso_code,
                s.villages.len(),
                s.units.len(),
                s.admin.as_ref().map(|a| a.username.as_str()).unwrap_or("-")
            );
            println!("Tiếp theo: `papi serve`, đăng nhập tại /login, nhập kế hoạch ở mục “Nhập kế hoạch”.");
            Ok(ExitCode::SUCCESS)
        }
        Ok(Err(errors)) => {
            eprintln!("Chưa khởi tạo được:");
            for e in errors {
                eprintln!("  - {e}");
            }
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(anyhow!("{e}")),
    }
}

/// The form from the flags, asking on a terminal for what they leave out.
fn gather(a: InitArgs, ask: bool) -> anyhow::Result<SetupForm> {
    let mut missing = Vec::new();
    let unit = match pick_unit(a.province.as_deref(), a.commune.as_deref(), ask)? {
        Some(u) => Some(u),
        None => {
            missing.push("--province và --commune");
            None
        }
    };
    let mut text = |flag: Option<String>, prompt: &str, name: &'static str| {
        flag.map(Ok)
            .or_else(|| ask.then(|| question(prompt)))
            .transpose()
            .map(|v| {
                if v.is_none() {
                    missing.push(name);
                }
                v.unwrap_or_default()
            })
    };
    let admin_username = text(
        a.admin_username,
        "Tên đăng nhập của người quản trị",
        "--admin-username",
    )?;
    let admin_full_name = text(
        a.admin_full_name,
        "Họ và tên người quản trị",
        "--admin-full-name",
    )?;
    let admin_password = match std::env::var("PAPI_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) if ask || !std::io::stdin().is_terminal() => {
            question("Mật khẩu người quản trị (ít nhất 10 ký tự; sẽ hiện khi gõ)")?
        }
        Err(_) => String::new(),
    };
    let villages = match (a.villages, a.villages_file) {
        (_, Some(file)) => std::fs::read_to_string(&file)
            .with_context(|| format!("không đọc được {}", file.display()))?,
        (Some(list), None) => list.split(';').collect::<Vec<_>>().join("\n"),
        (None, None) if ask => {
            println!("Các thôn, tổ dân phố: mỗi dòng một tên, dòng trống để kết thúc.");
            lines_until_blank()?
        }
        (None, None) => String::new(),
    };
    let units = match a.units_file {
        Some(file) => std::fs::read_to_string(&file)
            .with_context(|| format!("không đọc được {}", file.display()))?,
        None => units_text(&default_units(
            unit.map(|u| u.kind).unwrap_or(papi_core::CommuneKind::Xa),
        )),
    };
    if !missing.is_empty() {
        bail!(
            "thiếu {} (chạy trên màn hình dòng lệnh để được hỏi từng mục, hoặc xem `papi init --help`)",
            missing.join(", ")
        );
    }
    Ok(SetupForm {
        commune_code: unit.map(|u| u.code.to_string()).unwrap_or_default(),
        historic_name: a.historic_name.unwrap_or_default(),
        historic_kind: a.historic_kind.unwrap_or_default(),
        historic_code: a.historic_code.unwrap_or_default(),
        admin_username,
        admin_full_name,
        admin_email: a.admin_email,
        admin_password,
        villages,
        units,
        due_soon: a.due_soon.unwrap_or_default(),
    })
}

/// The unit of the official list named by the flags, or chosen by answering questions.
fn pick_unit(
    province: Option<&str>,
    commune: Option<&str>,
    ask: bool,
) -> anyhow::Result<Option<&'static AdminUnit>> {
    if let Some(code) = commune.filter(|c| c.trim().len() == 5) {
        if let Some(u) = admin_units::by_code(code) {
            return Ok(Some(u));
        }
    }
    let province = match province {
        Some(p) => Some(admin_units::province(p).ok_or_else(|| {
            anyhow!("không có tỉnh, thành phố “{p}” trong danh mục (ví dụ: --province \"Hưng Yên\" hoặc 33)")
        })?),
        None if ask => {
            for p in admin_units::provinces() {
                println!("  {} {} ({} đơn vị)", p.code, p.name, p.units);
            }
            let typed = question("Tỉnh, thành phố (tên hoặc mã)")?;
            Some(
                admin_units::province(&typed)
                    .ok_or_else(|| anyhow!("không có tỉnh, thành phố “{typed}” trong danh mục"))?,
            )
        }
        None => None,
    };
    let Some(province) = province else {
        return Ok(None);
    };
    let typed = match commune {
        Some(c) => c.to_string(),
        None if ask => question(&format!(
            "Xã, phường của {} (tên hoặc mã; {} đơn vị)",
            province.name, province.units
        ))?,
        None => return Ok(None),
    };
    match admin_units::find_in_province(province.code, &typed).as_slice() {
        [one] => Ok(Some(one)),
        [] => bail!(
            "{} không có xã, phường “{typed}” trong danh mục từ {}",
            province.name,
            admin_units::IN_FORCE_FROM
        ),
        many => bail!(
            "“{typed}” trùng tên nhiều đơn vị: {}; chọn bằng mã",
            many.iter()
                .map(|u| format!("{} ({})", u.official_name(), u.code))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn question(prompt: &str) -> anyhow::Result<String> {
    print!("{prompt}: ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn lines_until_blank() -> anyhow::Result<String> {
    let mut out = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            break;
        }
        out.push(line);
    }
    Ok(out.join("\n"))
}
