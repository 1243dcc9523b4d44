//! The `papi` binary as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn papi(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(dir)
        .env(
            "PAPI_DATABASE_URL",
            format!("sqlite://{}", dir.join("papi.db").display()),
        )
        .env("PAPI_LOG", "warn")
        .args(args)
        .output()
        .expect("run papi")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn seed_plan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/ke-hoach-10-KH-UBND-luong-tai-2025.txt")
}

fn check_luong_tai(json: &str) {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["number"], "10/KH-UBND");
    assert_eq!(v["issued_on"], "2025-01-16");
    let counts: Vec<usize> = v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["items"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, vec![4, 4, 3, 3, 4, 4, 3, 4]);
    let kinds: Vec<(String, usize)> = v["cross_cutting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["items"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![("outreach".to_string(), 3), ("inspection".to_string(), 5)]
    );
    assert_eq!(
        v["reporting_periods"],
        serde_json::json!([
            {"kind": "half_year", "from": "2025-01-01", "to": "2025-06-30", "due": "2025-07-10"},
            {"kind": "annual", "from": "2025-01-01", "to": "2025-12-31", "due": "2026-01-10"}
        ])
    );
    assert_eq!(v["unit_plan_due_working_days"], 15);
}

#[test]
fn imports_the_luong_tai_plan_as_text_and_docx() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_plan();
    let out = ok(&papi(
        dir.path(),
        &[
            "import",
            "plan",
            seed.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    ));
    check_luong_tai(&out);
    let docx = dir.path().join("ke-hoach.docx");
    let status = Command::new("pandoc")
        .args(["-f", "markdown", "-t", "docx", "-o"])
        .arg(&docx)
        .arg(&seed)
        .status()
        .expect("pandoc is needed (apt-get install pandoc)");
    assert!(status.success());
    check_luong_tai(&ok(&papi(
        dir.path(),
        &[
            "import",
            "plan",
            docx.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    )));
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn plan_versions_and_task_table_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&papi(d, &["demo", "--file", "papi.db", "--no-serve"]));
    ok(&papi(d, &["export", "tasks", "--xlsx", "-o", "bieu.xlsx"]));
    let out = ok(&papi(d, &["import", "tasks", "bieu.xlsx"]));
    assert!(out.contains("0 mới, 0 cập nhật, 52 không đổi"), "{out}");

    // A decision about a village road, with a number and a date: not a plan.
    std::fs::write(
        d.join("quyet-dinh.txt"),
        "ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI\nSố: 25/QĐ-UBND\nLương Tài, ngày 12 tháng 3 năm 2025\n\n\
         QUYẾT ĐỊNH\nVề việc phê duyệt dự toán sửa chữa đường giao thông thôn Đông\n\n\
         Điều 1. Phê duyệt dự toán sửa chữa 350 m đường bê tông thôn Đông, kinh phí \
         420.000.000 đồng, thực hiện từ ngày 01/4/2025.\n\
         Điều 2. Công chức Địa chính - Xây dựng tổ chức thực hiện, bảo đảm vệ sinh môi trường.\n",
    )
    .unwrap();
    let out = papi(d, &["import", "plan", "quyet-dinh.txt", "--confirm"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("không phải kế hoạch PAPI hoặc chưa đúng mẫu"),
        "{}",
        stderr(&out)
    );

    // The plan of the same year again: the changes are shown and nothing is stored without
    // --confirm; with it, version 2 is saved and every task keeps its item (same codes).
    let seed = seed_plan();
    let out = papi(d, &["import", "plan", seed.to_str().unwrap()]);
    assert!(!out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("sẽ thành phiên bản 2"), "{shown}");
    assert!(shown.contains("; mất nội dung: 0."), "{shown}");
    assert!(stderr(&out).contains("--confirm"), "{}", stderr(&out));
    let out = papi(d, &["import", "plan", seed.to_str().unwrap(), "--confirm"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Đã lưu phiên bản 2"),
        "{}",
        stderr(&out)
    );
    let out = ok(&papi(d, &["import", "tasks", "bieu.xlsx", "--dry-run"]));
    assert!(out.contains("0 mới, 0 cập nhật, 52 không đổi"), "{out}");
}

#[test]
fn demo_import_export_users_audit_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = ok(&papi(d, &["demo", "--file", "papi.db", "--no-serve"]));
    assert!(out.contains("congchuc") && out.contains("demo-papi-2025"));

    // Export, then import the same table back: every row is found by its task code.
    ok(&papi(d, &["export", "tasks", "--xlsx", "-o", "bieu.xlsx"]));
    assert!(std::fs::read(d.join("bieu.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
    let out = ok(&papi(d, &["import", "tasks", "bieu.xlsx", "--dry-run"]));
    assert!(out.contains("52 nhiệm vụ"), "{out}");

    // A table with bad rows is refused whole, each error named by row and column.
    std::fs::write(
        d.join("bad.csv"),
        "STT,Nhiệm vụ,Nội dung,Chủ trì,Phối hợp,Sản phẩm,Thời hạn\n\
         1,Việc tốt,1.1.a,VAN PHONG UBND XA,,Báo cáo,30/06/2025\n\
         2,Việc lỗi,1.1.a,Phòng không có,,Báo cáo,30/06/2025\n\
         3,,1.1.a,Văn phòng UBND xã,,Báo cáo,sớm\n",
    )
    .unwrap();
    let out = papi(d, &["import", "tasks", "bad.csv"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Dòng 3") && err.contains("Chủ trì") && err.contains("Dòng 4"),
        "{err}"
    );
    let out = ok(&papi(d, &["import", "tasks", "bieu.xlsx", "--dry-run"]));
    assert!(
        out.contains("52 nhiệm vụ"),
        "nothing was half-imported: {out}"
    );

    // Users.
    let add = Command::new(env!("CARGO_BIN_EXE_papi"))
        .current_dir(d)
        .env(
            "PAPI_DATABASE_URL",
            format!("sqlite://{}", d.join("papi.db").display()),
        )
        .env("PAPI_PASSWORD", "mây trắng bay qua cầu tre 7 nhịp")
        .args([
            "user",
            "add",
            "--username",
            "truongthon2",
            "--full-name",
            "Ngô Văn Sơn",
            "--role",
            "village_head",
        ])
        .output()
        .unwrap();
    ok(&add);
    let bad = papi(
        d,
        &[
            "user",
            "add",
            "--username",
            "x1",
            "--full-name",
            "X",
            "--role",
            "officer",
        ],
    );
    assert!(!bad.status.success());

    // The audit chain holds, a backup is consistent, and tampering is found.
    assert!(ok(&papi(d, &["audit", "verify"])).contains("toàn vẹn"));
    ok(&papi(d, &["backup", "copy.db"]));
    assert!(d.join("copy.db").exists());
    let tamper = Command::new("sqlite3")
        .arg(d.join("papi.db"))
        .arg("UPDATE audit_log SET actor = 'ai đó' WHERE id = 40")
        .status()
        .expect("sqlite3 is needed (apt-get install sqlite3)");
    assert!(tamper.success());
    let out = papi(d, &["audit", "verify", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["first_tampered"]["id"], 40);
}

fn sqlite(db: &std::path::Path, sql: &str) {
    let done = Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .status()
        .expect("sqlite3 is needed (apt-get install sqlite3)");
    assert!(done.success(), "{sql}");
}

/// The anchored chain through the binary: the key file is private, the printed anchor checks,
/// and a cut at the end or a task row edited with sqlite3 is reported (exit 2).
#[test]
fn audit_anchor_truncation_and_row_edits() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&papi(d, &["demo", "--file", "papi.db", "--no-serve"]));
    let key = d.join("papi.db.audit-key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = ok(&papi(d, &["audit", "verify", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["keyed"], true);
    let anchor = v["heads"][0]["anchor"].as_str().unwrap().to_string();
    assert!(ok(&papi(d, &["audit", "verify", "--since", &anchor])).contains("mốc"));
    let bad = papi(d, &["audit", "verify", "--since", "1-xyz"]);
    assert!(!bad.status.success());

    let db = d.join("papi.db");
    sqlite(
        &db,
        "UPDATE tasks SET title = title || ' (sửa lén)' WHERE id = 3",
    );
    let out = papi(d, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("nhiệm vụ #3") && text.contains("niêm phong"),
        "{text}"
    );
    sqlite(
        &db,
        "UPDATE tasks SET title = replace(title, ' (sửa lén)', '') WHERE id = 3",
    );
    ok(&papi(d, &["audit", "verify"]));

    sqlite(
        &db,
        "DELETE FROM audit_log WHERE id > (SELECT MAX(id) - 50 FROM audit_log)",
    );
    let out = papi(d, &["audit", "verify", "--since", &anchor]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("bị cắt"), "{text}");
}

#[test]
fn calendar_examples() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        ok(&papi(
            d,
            &[
                "calendar",
                "add",
                "2025-01-16",
                "--working-days",
                "15",
                "--json"
            ]
        ))
        .trim(),
        r#"{"date":"2025-02-13"}"#
    );
    assert!(ok(&papi(d, &["calendar", "lunar", "2025-01-29"])).contains("1/1 Ất Tỵ"));
    assert_eq!(
        ok(&papi(d, &["calendar", "solar", "--lunar", "10/3/2026"])).trim(),
        "2026-04-26"
    );
    let tet: serde_json::Value = serde_json::from_str(&ok(&papi(
        d,
        &[
            "calendar", "tet", "--from", "1900", "--to", "2100", "--json",
        ],
    )))
    .unwrap();
    assert_eq!(tet.as_array().unwrap().len(), 201);
    assert_eq!(
        tet[125],
        serde_json::json!({"year": 2025, "tet": "2025-01-29", "leap_month": 6})
    );
    let dl: serde_json::Value = serde_json::from_str(&ok(&papi(
        d,
        &[
            "calendar",
            "deadline",
            "--rule",
            "KN-GQ-1",
            "--from",
            "2025-03-03",
            "--json",
        ],
    )))
    .unwrap();
    assert_eq!(dl["due"], "2025-04-02");
    assert!(dl["source"].as_str().unwrap().contains("Khiếu nại"));
    let bad = papi(d, &["calendar", "solar", "--lunar", "31/13/2026"]);
    assert!(!bad.status.success());
}

/// A Kobo-style export of `n` respondents over two villages, every question answered.
fn kobo_csv(n: usize) -> String {
    let form = papi_docs::survey::default_form();
    let qs: Vec<_> = form
        .questions
        .iter()
        .filter(|q| {
            q.kind.starts_with("select_one")
                && !["village", "sex", "age_band"].contains(&q.name.as_str())
        })
        .collect();
    let mut out = String::from("_uuid,village,sex,age_band");
    for q in &qs {
        out.push_str(&format!(",{}", q.name));
    }
    out.push('\n');
    for k in 0..n {
        let village = if k % 2 == 0 {
            "Thôn Đông"
        } else {
            "Thôn Tây"
        };
        out.push_str(&format!(
            "r{k},{village},{},{}",
            if k % 3 == 0 { "F" } else { "M" },
            ["18-29", "30-44", "45-59", "60+"][(k / 2) % 4]
        ));
        for q in &qs {
            let list = form
                .list(q.kind.split_whitespace().nth(1).unwrap())
                .unwrap();
            out.push_str(&format!(
                ",{}",
                list.choices[(k * 7 + q.name.len()) % list.choices.len()].name
            ));
        }
        out.push('\n');
    }
    out
}

#[test]
fn survey_template_and_scoring() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&papi(
        d,
        &["survey", "template", "--xlsform", "-o", "phieu.xlsx"],
    ));
    ok(&papi(d, &["survey", "template", "-o", "phieu.toml"]));
    let mut pop = String::from("village,sex,age_band,population\n");
    for v in ["Thôn Đông", "Thôn Tây"] {
        for s in ["F", "M"] {
            for a in ["18-29", "30-44", "45-59", "60+"] {
                pop.push_str(&format!("{v},{s},{a},{}\n", 100 + a.len() * 10));
            }
        }
    }
    std::fs::write(d.join("dan-so.csv"), pop).unwrap();
    std::fs::write(d.join("tra-loi.csv"), kobo_csv(120)).unwrap();
    for q in ["phieu.xlsx", "phieu.toml"] {
        let out = ok(&papi(
            d,
            &[
                "survey",
                "score",
                "--questionnaire",
                q,
                "--responses",
                "tra-loi.csv",
                "--population",
                "dan-so.csv",
                "--json",
            ],
        ));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let total = v["commune"]["total"]["estimate"].as_f64().unwrap();
        assert!((8.0..=80.0).contains(&total), "{total}");
        assert!(
            v["commune"]["dimensions"]["D8"]["ci"][1].as_f64().unwrap()
                > v["commune"]["dimensions"]["D8"]["ci"][0].as_f64().unwrap()
        );
        assert!(v["villages"]["Thôn Đông"].is_object());
    }
    let boot = ok(&papi(
        d,
        &[
            "survey",
            "score",
            "--questionnaire",
            "phieu.toml",
            "--responses",
            "tra-loi.csv",
            "--population",
            "dan-so.csv",
            "--design",
            "clusters",
            "--replicates",
            "50",
            "--seed",
            "3",
            "--json",
        ],
    ));
    assert!(boot.contains("\"se\""));
    std::fs::write(
        d.join("hong.csv"),
        kobo_csv(4).replacen("Thôn Tây,M", "Thôn Tây,Q", 1),
    )
    .unwrap();
    let bad = papi(
        d,
        &[
            "survey",
            "score",
            "--questionnaire",
            "phieu.toml",
            "--responses",
            "hong.csv",
            "--population",
            "dan-so.csv",
        ],
    );
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("Dòng 3") && err.contains("sex"), "{err}");
}

#[test]
fn benchmark_import_reads_the_shared_provincial_scores() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&papi(
        d,
        &[
            "demo",
            "--file",
            "papi.db",
            "--no-serve",
            "--provincial",
            "/nonexistent",
        ],
    ));
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/papi-provincial/2024.csv");
    let out = ok(&papi(d, &["benchmark", "import", shared.to_str().unwrap()]));
    assert!(out.contains("điểm nội dung thành phần"), "{out}");
}

#[test]
fn an_admin_imports_a_years_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&papi(
        d,
        &[
            "demo",
            "--file",
            "papi.db",
            "--no-serve",
            "--provincial",
            "/nonexistent",
        ],
    ));
    std::fs::write(d.join("2027.txt"), "01/01/2027 | nghỉ lễ | Tết Dương lịch | BLLĐ 2019\n04/02/2027 | nghỉ lễ | Tết Nguyên đán | QĐ thử\n").unwrap();
    let out = ok(&papi(
        d,
        &["calendar", "import", "2027.txt", "--year", "2027"],
    ));
    assert!(
        out.contains("Đã lưu lịch năm 2027") && out.contains("259 ngày làm việc"),
        "{out}"
    );
    std::fs::write(
        d.join("bad.txt"),
        "01/01/2027 | nghỉ lễ | Tết\n32/01/2027 | nghỉ lễ | x\n",
    )
    .unwrap();
    let bad = papi(d, &["calendar", "import", "bad.txt", "--year", "2027"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Dòng 2"));
    assert!(ok(&papi(d, &["audit", "verify"])).contains("toàn vẹn"));
}

#[test]
fn a_bootstrap_that_cannot_be_calibrated_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&papi(d, &["survey", "template", "-o", "phieu.toml"]));
    let mut pop = String::from("village,sex,age_band,population\n");
    for v in ["Thôn Đông", "Thôn Tây"] {
        for s in ["F", "M"] {
            for a in ["18-29", "30-44", "45-59", "60+"] {
                pop.push_str(&format!("{v},{s},{a},100\n"));
            }
        }
    }
    std::fs::write(d.join("dan-so.csv"), pop).unwrap();
    // Each village's answers cover only half the age groups: a replicate made of one village
    // misses whole age groups and cannot be calibrated to the commune's population.
    let split: Vec<String> = kobo_csv(120)
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                return l.to_string();
            }
            let mut cols: Vec<&str> = l.split(',').collect();
            let young = cols[1] == "Thôn Đông";
            cols[3] = match (young, (i - 1) / 2 % 2) {
                (true, 0) => "18-29",
                (true, _) => "30-44",
                (false, 0) => "45-59",
                (false, _) => "60+",
            };
            cols.join(",")
        })
        .collect();
    std::fs::write(d.join("tra-loi.csv"), split.join("\n")).unwrap();
    let args = [
        "survey",
        "score",
        "--questionnaire",
        "phieu.toml",
        "--responses",
        "tra-loi.csv",
        "--population",
        "dan-so.csv",
    ];
    ok(&papi(d, &args));
    let mut boot = args.to_vec();
    boot.extend(["--design", "clusters", "--replicates", "40"]);
    let out = papi(d, &boot);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("use linearisation"));
}

/// The due dates of issue 11, each with its source and status on the following lines.
#[test]
fn calendar_deadline_residents_voice_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = |rule: &str, from: &str| {
        ok(&papi(
            d,
            &["calendar", "deadline", "--rule", rule, "--from", from],
        ))
    };
    // Luật Khiếu nại Điều 27: received 01/06/2026, 10 days.
    let a = run("KN-THULY-1", "2026-06-01");
    assert!(a.starts_with("Hạn: 11/06/2026"), "{a}");
    assert!(a.contains("Căn cứ: Luật Khiếu nại 2011, Điều 27"), "{a}");
    assert!(a.contains("Mức độ: OK — đã đối chiếu văn bản"), "{a}");
    // From 01/07/2026, 07 working days (Luật 136/2025/QH15 Điều 2 khoản 15 điểm b).
    let b = run("KN-THULY-1", "2026-07-06");
    assert!(b.starts_with("Hạn: 15/07/2026 (7 ngày làm việc"), "{b}");
    assert!(b.contains("136/2025/QH15"), "{b}");
    // Luật DCCS Điều 12 khoản 3: 05 working days.
    let c = run("DC-PUBLISH", "2026-07-06");
    assert!(c.starts_with("Hạn: 13/07/2026"), "{c}");
    assert!(c.contains("Điều 12 khoản 3"), "{c}");
    assert!(!c.contains("CẢNH BÁO"), "{c}");
    // A SEC-U rule is warned about, right under the date.
    let s = run("TCD-REFUSE-NOTICE", "2026-07-06");
    assert!(s.lines().nth(1).unwrap().starts_with("CẢNH BÁO"), "{s}");
    assert!(
        s.contains("SEC-U — theo bản chép 2026 chưa đối chiếu"),
        "{s}"
    );
    // Reverse rule: session Mon 13/07/2026, schedule posted ≥ 05 working days before.
    let n = ok(&papi(
        d,
        &[
            "calendar",
            "deadline",
            "--rule",
            "TCD-SCHEDULE-POST",
            "--event",
            "2026-07-13",
        ],
    ));
    assert!(n.starts_with("Thông báo chậm nhất: 06/07/2026"), "{n}");
    // Suspended 10/07–20/07: 10 days not counted (Luật Khiếu nại Điều 11a).
    let p = ok(&papi(
        d,
        &[
            "calendar",
            "deadline",
            "--rule",
            "KN-GQ-1",
            "--from",
            "2026-07-01",
            "--pause",
            "2026-07-10:2026-07-20",
        ],
    ));
    assert!(p.starts_with("Hạn: 10/08/2026"), "{p}");
    // A reverse rule given --from instead of --event is refused, in Vietnamese.
    let bad = papi(
        d,
        &[
            "calendar",
            "deadline",
            "--rule",
            "TCD-SCHEDULE-POST",
            "--from",
            "2026-07-13",
        ],
    );
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("tính ngược"), "{}", stderr(&bad));
    let list = ok(&papi(d, &["calendar", "rules", "--prefix", "KN-THULY-1"]));
    assert!(list.contains("01/07/2012 – 30/06/2026: 10 ngày"), "{list}");
    assert!(list.contains("01/07/2026 – nay: 7 ngày làm việc"), "{list}");
}
