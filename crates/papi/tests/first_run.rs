//! A commune's first run from the command line, as a new user does it on a fresh machine:
//! `papi init` with a unit of the official list, then the seed plan and a task table.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ADMIN_PASSWORD: &str = "Cây bàng trước sân ủy ban 2025";

fn papi(dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(dir)
        .env(
            "PAPI_DATABASE_URL",
            format!("sqlite://{}", dir.join("papi.db").display()),
        )
        .env("PAPI_LOG", "warn")
        .env("PAPI_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run papi");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(name)
}

const INIT: [&str; 11] = [
    "init",
    "--province",
    "Hưng Yên",
    "--commune",
    "phuong pho hien",
    "--admin-username",
    "quantri",
    "--admin-full-name",
    "Nguyễn Văn An",
    "--villages",
    "Tổ dân phố 1;Tổ dân phố 2;Tổ dân phố 3",
];

#[test]
fn init_sets_up_a_ward_of_the_official_list_then_takes_a_plan_and_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = papi(d, &INIT, "");
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("Đã khởi tạo phường Phố Hiến (Hưng Yên), mã 11953: 3 thôn/tổ dân phố, 11 đơn vị, người quản trị quantri"),
        "{said}"
    );
    // Only once: the database now holds a commune.
    let again = papi(d, &INIT, "");
    assert!(!again.status.success());
    assert!(
        text(&again).contains("đã có xã, phường"),
        "{}",
        text(&again)
    );

    let plan = testdata("ke-hoach-10-KH-UBND-luong-tai-2025.txt");
    let out = papi(d, &["import", "plan", plan.to_str().unwrap()], "");
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    let tasks = testdata("bieu-nhiem-vu-xa-moi.csv");
    let out = papi(d, &["import", "tasks", tasks.to_str().unwrap()], "");
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains('5'), "{said}");
    let out = papi(d, &["export", "tasks", "--xlsx", "-o", "bieu.xlsx"], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(std::fs::metadata(d.join("bieu.xlsx")).unwrap().len() > 1000);
}

#[test]
fn init_without_a_terminal_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out = papi(dir.path(), &["init", "--no-input", "--province", "33"], "");
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("thiếu --province và --commune"), "{said}");
    assert!(said.contains("--admin-username"), "{said}");

    let out = papi(
        dir.path(),
        &[
            "init",
            "--no-input",
            "--province",
            "Hưng Yên",
            "--commune",
            "Không Có",
        ],
        "",
    );
    assert!(
        text(&out).contains("Hưng Yên không có xã, phường “Không Có”"),
        "{}",
        text(&out)
    );
}

#[test]
fn init_refuses_a_weak_password_and_names_each_field() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(dir.path())
        .env(
            "PAPI_DATABASE_URL",
            format!("sqlite://{}", dir.path().join("papi.db").display()),
        )
        .env("PAPI_ADMIN_PASSWORD", "123456")
        .args([
            "init",
            "--no-input",
            "--province",
            "33",
            "--commune",
            "11953",
            "--admin-username",
            "Quản Trị",
            "--admin-full-name",
            "An",
            "--due-soon",
            "0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("Tên đăng nhập của người quản trị"), "{said}");
    assert!(said.contains("Mật khẩu người quản trị"), "{said}");
    assert!(said.contains("Số ngày báo trước"), "{said}");
}

#[test]
fn a_historic_commune_is_created_under_its_old_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = INIT.to_vec();
    args.extend(["--historic-name", "Lương Tài"]);
    let out = papi(dir.path(), &args, "");
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("Đã khởi tạo xã Lương Tài (Hưng Yên), mã 11953-cu-luong-tai"),
        "{said}"
    );
}
