//! `papi backup` and `papi restore` as an administrator runs them: the copy restores to an
//! equal database (on SQLite and across to PostgreSQL and back), and a damaged or edited copy
//! is refused before anything is replaced.

use std::path::Path;
use std::process::{Command, Output};

fn papi(dir: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(dir)
        .env("PAPI_DATABASE_URL", url)
        // One key for every database of the test: the installation's.
        .env("PAPI_AUDIT_KEY_FILE", dir.join("audit.key"))
        .env("PAPI_LOG", "warn")
        .args(args)
        .output()
        .expect("run papi")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(out));
    text(out)
}

fn refused(out: &Output) -> String {
    assert!(!out.status.success(), "should fail: {}", text(out));
    text(out)
}

fn sqlite_url(dir: &Path, name: &str) -> String {
    format!("sqlite://{}", dir.join(name).display())
}

/// The rows of one table as the sqlite3 tool prints them (an independent reader), sorted: a
/// restore keeps the rows, not the order SQLite happens to store them in.
fn dump(db: &Path, table: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(format!(".dump {table}"))
        .output()
        .expect("sqlite3 is needed (apt-get install sqlite3)");
    assert!(out.status.success());
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines.join("\n")
}

fn sqlite(db: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .expect("sqlite3 is needed (apt-get install sqlite3)");
    assert!(out.status.success(), "{sql}");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The demo's commune: one plan of 52 tasks (the summary of plan 10/KH-UBND).
fn demo(dir: &Path) -> String {
    let url = sqlite_url(dir, "papi.db");
    ok(&papi(
        dir,
        &url,
        &["demo", "--file", "papi.db", "--no-serve"],
    ));
    url
}

/// Every table papi restores, compared row by row between two SQLite files.
fn same_rows(a: &Path, b: &Path) {
    for table in [
        "communes",
        "users",
        "plans",
        "plan_items",
        "tasks",
        "task_updates",
    ] {
        assert_eq!(dump(a, table), dump(b, table), "table {table}");
    }
    for table in [
        "evidence",
        "audit_log",
        "audit_heads",
        "unit_plans",
        "surveys",
    ] {
        assert_eq!(dump(a, table), dump(b, table), "table {table}");
    }
}

#[test]
fn a_backup_restores_and_a_damaged_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let live = demo(d);
    let tasks = sqlite(&d.join("papi.db"), "SELECT COUNT(*) FROM tasks");
    assert_eq!(tasks, "52");

    let out = ok(&papi(d, &live, &["backup", "copy.db"]));
    assert!(out.contains("52 nhiệm vụ"), "{out}");
    // Never over an existing file.
    let again = refused(&papi(d, &live, &["backup", "copy.db"]));
    assert!(again.contains("đã có"), "{again}");

    // Onto an empty database: everything comes back and the chain verifies there.
    let fresh = sqlite_url(d, "fresh.db");
    let out = ok(&papi(d, &fresh, &["restore", "copy.db"]));
    assert!(
        out.contains("Đã khôi phục") && out.contains("52 nhiệm vụ"),
        "{out}"
    );
    assert!(ok(&papi(d, &fresh, &["audit", "verify"])).contains("toàn vẹn"));
    same_rows(&d.join("papi.db"), &d.join("fresh.db"));

    // A database that holds data is replaced only when asked, and only once confirmed.
    let out = refused(&papi(d, &live, &["restore", "copy.db"]));
    assert!(
        out.contains("--replace") && out.contains("52 nhiệm vụ"),
        "{out}"
    );
    let out = refused(&papi(d, &live, &["restore", "copy.db", "--replace"]));
    assert!(out.contains("--yes"), "{out}");

    // Edits made to the copy with sqlite3 are found; the live database stays as it was.
    let before = dump(&d.join("papi.db"), "tasks");
    std::fs::copy(d.join("copy.db"), d.join("task-edited.db")).unwrap();
    sqlite(
        &d.join("task-edited.db"),
        "UPDATE tasks SET progress = 100, status = 'done' WHERE id = 7",
    );
    let out = refused(&papi(
        d,
        &live,
        &["restore", "task-edited.db", "--replace", "--yes"],
    ));
    assert!(
        out.contains("nhiệm vụ #7") && out.contains("không bị thay đổi"),
        "{out}"
    );
    std::fs::copy(d.join("copy.db"), d.join("log-edited.db")).unwrap();
    sqlite(
        &d.join("log-edited.db"),
        "UPDATE audit_log SET actor = 'ai đó' WHERE id = 40",
    );
    let out = refused(&papi(
        d,
        &live,
        &["restore", "log-edited.db", "--replace", "--yes"],
    ));
    assert!(
        out.contains("bản ghi #40") && out.contains("bị sửa"),
        "{out}"
    );
    std::fs::copy(d.join("copy.db"), d.join("cut.db")).unwrap();
    sqlite(
        &d.join("cut.db"),
        "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)",
    );
    let out = refused(&papi(
        d,
        &live,
        &["restore", "cut.db", "--replace", "--yes"],
    ));
    assert!(out.contains("bị cắt"), "{out}");
    // Not a database, and a copy from another schema version.
    std::fs::write(d.join("junk.db"), "không phải cơ sở dữ liệu").unwrap();
    let out = refused(&papi(
        d,
        &live,
        &["restore", "junk.db", "--replace", "--yes"],
    ));
    assert!(out.contains("hỏng"), "{out}");
    std::fs::copy(d.join("copy.db"), d.join("old.db")).unwrap();
    sqlite(
        &d.join("old.db"),
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    );
    let out = refused(&papi(
        d,
        &live,
        &["restore", "old.db", "--replace", "--yes"],
    ));
    assert!(out.contains("phiên bản lược đồ"), "{out}");
    assert_eq!(dump(&d.join("papi.db"), "tasks"), before);

    // Confirmed: a task changed after the backup goes back to how it was in the copy.
    sqlite(
        &d.join("papi.db"),
        "DELETE FROM task_units WHERE task_id = 1",
    );
    let out = ok(&papi(
        d,
        &live,
        &["restore", "copy.db", "--replace", "--yes"],
    ));
    assert!(out.contains("Sẽ thay thế"), "{out}");
    same_rows(&d.join("copy.db"), &d.join("papi.db"));
    assert!(dump(&d.join("papi.db"), "task_units").contains("VALUES(1,9,1)"));
    assert_eq!(
        dump(&d.join("copy.db"), "task_units"),
        dump(&d.join("papi.db"), "task_units")
    );
    assert!(ok(&papi(d, &live, &["audit", "verify"])).contains("toàn vẹn"));
}

#[test]
fn a_backup_moves_between_sqlite_and_postgresql() {
    let backends = papi_store::testing::backends();
    if !backends.iter().any(|b| b == "postgres") {
        eprintln!("backup: PostgreSQL skipped, PAPI_TEST_BACKENDS={backends:?}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let live = demo(d);
    // The day's reminders, so the outbox has rows to carry across.
    let queued = ok(&papi(d, &live, &["mail", "digest", "--day", "2025-10-15"]));
    assert!(queued.contains("thư tóm tắt"), "{queued}");
    ok(&papi(d, &live, &["backup", "from-sqlite.db"]));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let pg = runtime.block_on(papi_store::testing::fresh_url("postgres"));

    // SQLite → PostgreSQL: the chain verifies there with the same key.
    let out = ok(&papi(d, &pg, &["restore", "from-sqlite.db"]));
    assert!(out.contains("52 nhiệm vụ"), "{out}");
    assert!(ok(&papi(d, &pg, &["audit", "verify"])).contains("toàn vẹn"));
    // New rows get fresh ids after the restored ones (the sequences moved on).
    let add = Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(d)
        .env("PAPI_DATABASE_URL", &pg)
        .env("PAPI_AUDIT_KEY_FILE", d.join("audit.key"))
        .env("PAPI_LOG", "warn")
        .env("PAPI_PASSWORD", "mây trắng bay qua cầu tre 7 nhịp")
        .args([
            "user",
            "add",
            "--username",
            "truongthon9",
            "--full-name",
            "Ngô Văn Sơn",
            "--role",
            "village_head",
        ])
        .output()
        .unwrap();
    ok(&add);

    // PostgreSQL → a backup file → SQLite: the same rows as the first backup, plus the user.
    let out = ok(&papi(d, &pg, &["backup", "from-postgres.db"]));
    assert!(out.contains("52 nhiệm vụ"), "{out}");
    assert!(!d.join("from-postgres.db-wal").exists());
    let back = sqlite_url(d, "back.db");
    ok(&papi(d, &back, &["restore", "from-postgres.db"]));
    for table in [
        "plans",
        "plan_items",
        "tasks",
        "task_updates",
        "evidence",
        "mail_outbox",
    ] {
        assert_eq!(
            dump(&d.join("from-sqlite.db"), table),
            dump(&d.join("back.db"), table),
            "table {table}"
        );
    }
    let users = sqlite(
        &d.join("back.db"),
        "SELECT COUNT(*) FROM users WHERE username = 'truongthon9'",
    );
    assert_eq!(users, "1");
    let outbox = sqlite(&d.join("back.db"), "SELECT COUNT(*) FROM mail_outbox");
    assert_ne!(outbox, "0", "the outbox came back");
    assert!(ok(&papi(d, &back, &["audit", "verify"])).contains("toàn vẹn"));

    // An edited copy is refused on PostgreSQL too, and the database there is untouched.
    std::fs::copy(d.join("from-postgres.db"), d.join("edited.db")).unwrap();
    sqlite(
        &d.join("edited.db"),
        "UPDATE tasks SET title = 'Khác' WHERE id = 3",
    );
    let out = refused(&papi(
        d,
        &pg,
        &["restore", "edited.db", "--replace", "--yes"],
    ));
    assert!(out.contains("nhiệm vụ #3"), "{out}");
    assert!(ok(&papi(d, &pg, &["audit", "verify"])).contains("toàn vẹn"));
}
