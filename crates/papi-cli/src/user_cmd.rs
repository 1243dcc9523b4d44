//! `papi user add|passwd`. Passwords come from PAPI_PASSWORD or standard input, never argv
//! (which other users of the machine can read).

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use papi_core::org::validate_username;
use papi_core::password::check_password;
use papi_core::text::fold;
use papi_core::{Role, User};
use papi_store::org;

use crate::args::UserCommand;
use crate::import_cmd::pick_commune;

fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("PAPI_PASSWORD") {
        return Ok(p);
    }
    eprintln!("Nhập mật khẩu (ít nhất 10 ký tự) rồi Enter:");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub async fn run(db: &crate::open::Database, cmd: UserCommand) -> anyhow::Result<ExitCode> {
    let store = crate::open::store(db).await?;
    match cmd {
        UserCommand::Add {
            username,
            full_name,
            role,
            unit,
            email,
            commune,
        } => {
            let c = pick_commune(&store, commune.as_deref()).await?;
            let full_name = papi_core::text::visible(&full_name);
            validate_username(&username).map_err(|e| anyhow!(e))?;
            let role = Role::parse(&role).ok_or_else(|| {
                let all: Vec<_> = Role::ALL.iter().map(|r| r.code()).collect();
                anyhow!(
                    "vai trò “{role}” không có; chọn một trong: {}",
                    all.join(", ")
                )
            })?;
            let unit_id = match unit {
                Some(name) => {
                    let units = org::units(&store, c.id).await?;
                    let u = units
                        .iter()
                        .find(|u| {
                            fold(&u.name) == fold(&name) || fold(&u.short_name) == fold(&name)
                        })
                        .ok_or_else(|| anyhow!("không có đơn vị “{name}”"))?;
                    Some(u.id)
                }
                None if role.needs_unit() => bail!("vai trò {} cần --unit", role.code()),
                None => None,
            };
            let password = read_password()?;
            check_password(&password, &[&username, &full_name, &c.name]).map_err(|e| anyhow!(e))?;
            let user = User {
                id: 0,
                commune_id: c.id,
                username: username.clone(),
                full_name,
                email,
                role,
                unit_id,
                village_id: None,
                active: true,
            };
            let mut w = store.begin_write().await?;
            org::insert_user(&mut w, "papi user add", &user, &password).await?;
            w.commit().await?;
            println!("Đã thêm người dùng {username} ({}).", role.label());
        }
        UserCommand::Passwd { username } => {
            let user = org::user_by_username(&store, &username)
                .await
                .map_err(|_| anyhow!("không có người dùng {username}"))?;
            let password = read_password()?;
            check_password(&password, &[&user.username, &user.full_name])
                .map_err(|e| anyhow!(e))?;
            let mut w = store.begin_write().await?;
            org::set_password(&mut w, "papi user passwd", &user, &password).await?;
            w.commit().await?;
            println!("Đã đặt mật khẩu mới cho {username}; các phiên đăng nhập cũ đã kết thúc.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
