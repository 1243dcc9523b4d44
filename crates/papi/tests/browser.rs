//! A real browser journey through the demo, in headless Chromium driven over WebDriver.
//!
//! The officer `congchuc` logs in through the form, finds a task her unit leads that is not
//! done (task list filtered by unit), files progress with a text and a PDF, sees the update and
//! downloads the file under its original name, sees the dashboard move, logs out, and the public
//! portal (no login) shows the new progress and the 8 PAPI dimensions in Vietnamese.
//!
//! Needs the Debian packages `chromium` and `chromium-driver` (or PAPI_CHROMIUM and
//! PAPI_CHROMEDRIVER pointing at them); the test fails, not skips, without them.
//! Each main page is also checked at 390 and 1280 px for sideways page scroll; with
//! PAPI_SCREENSHOT_DIR set the test writes full-page PNGs of them at both widths.
//!
//! Run: `PAPI_SCREENSHOT_DIR=/tmp/shots cargo test -p papi --test browser -- --nocapture`

use std::fs::File;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

const PASSWORD: &str = "demo-papi-2025";
const OFFICER: &str = "congchuc";
const UNIT: &str = "Công chức Văn hóa - Xã hội";
const TODAY: &str = "2025-10-15";
/// The eight PAPI dimensions as the public portal must name them.
const DIMENSIONS: [&str; 8] = [
    "Tham gia của người dân ở cấp cơ sở",
    "Công khai, minh bạch trong việc ra quyết định ở địa phương",
    "Trách nhiệm giải trình với người dân",
    "Kiểm soát tham nhũng trong khu vực công",
    "Thủ tục hành chính công",
    "Cung ứng dịch vụ công",
    "Quản trị môi trường",
    "Quản trị điện tử",
];
/// The evidence file's name, with Vietnamese letters and spaces on purpose.
const EVIDENCE_NAME: &str = "Biên bản bình xét hộ nghèo.pdf";
const UPDATE_TEXT: &str =
    "Đã tổ chức bình xét hộ nghèo tại 6 thôn; biên bản kèm theo (kiểm thử trình duyệt).";
/// Waiting for a page element or a condition.
const WAIT: Duration = Duration::from_secs(20);
/// Waiting for a process to listen.
const STARTUP: Duration = Duration::from_secs(60);
/// The whole browser journey.
const JOURNEY: Duration = Duration::from_secs(300);

/// Starts the demo server, chromedriver and a browser session in a temporary directory, runs
/// one journey (an async fn taking the client, the environment and the screenshot directory)
/// within [`JOURNEY`], and fails the test with the journey's error. A macro, not a function:
/// each journey borrows the client and the environment across its awaits.
macro_rules! run_journey {
    ($what:literal, $journey:ident) => {{
        let chromium = tool("PAPI_CHROMIUM", "/usr/bin/chromium", "chromium");
        let chromedriver = tool(
            "PAPI_CHROMEDRIVER",
            "/usr/bin/chromedriver",
            "chromium-driver",
        );
        let shots = std::env::var_os("PAPI_SCREENSHOT_DIR")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from);
        let tmp = tempfile::tempdir().expect("temp dir");
        // Declared after `tmp`, so dropped before it: processes die before their files go.
        let mut procs = Procs::default();
        let env = setup(&mut procs, tmp.path(), &chromium, &chromedriver)
            .unwrap_or_else(|e| panic!("browser test setup failed: {e:#}"));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let result: Result<()> = runtime.block_on(async {
            let c = connect(&env).await?;
            let r = tokio::time::timeout(JOURNEY, $journey(&c, &env, shots.as_deref())).await;
            let _ = c.close().await;
            r.map_err(|_| anyhow!("the journey took longer than {JOURNEY:?}"))?
        });
        if let Err(e) = result {
            panic!("{} failed: {e:#}", $what);
        }
    }};
}

#[test]
fn officer_files_progress_and_the_public_sees_it() {
    let started = Instant::now();
    let chromium = tool("PAPI_CHROMIUM", "/usr/bin/chromium", "chromium");
    let chromedriver = tool(
        "PAPI_CHROMEDRIVER",
        "/usr/bin/chromedriver",
        "chromium-driver",
    );
    let shots = std::env::var_os("PAPI_SCREENSHOT_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from);

    let tmp = tempfile::tempdir().expect("temp dir");
    // Declared after `tmp`, so dropped before it: processes die before their files go.
    let mut procs = Procs::default();
    let env = setup(&mut procs, tmp.path(), &chromium, &chromedriver)
        .unwrap_or_else(|e| panic!("browser test setup failed: {e:#}"));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = runtime.block_on(async {
        match tokio::time::timeout(JOURNEY, journey(&env, shots.as_deref())).await {
            Ok(r) => r,
            Err(_) => Err(anyhow!("the journey took longer than {JOURNEY:?}")),
        }
    });
    if let Err(e) = result {
        // Unwinding drops `procs`, which prints the servers' logs and kills them.
        panic!("browser journey failed: {e:#}");
    }
    eprintln!(
        "browser journey passed in {:.1}s{}",
        started.elapsed().as_secs_f64(),
        shots
            .map(|d| format!("; screenshots in {}", d.display()))
            .unwrap_or_default()
    );
}

/// A required program: from the environment variable or the Debian path, else a clear failure.
fn tool(var: &str, default: &str, package: &str) -> PathBuf {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    assert!(
        path.is_file(),
        "{} not found: the browser test needs it (Debian package `{package}`: \
         `apt-get install chromium chromium-driver`, or set {var} to the program). \
         This test fails rather than skips without a browser.",
        path.display(),
    );
    path
}

/// Everything the journey needs to reach the servers.
struct Env {
    /// http://127.0.0.1:PORT (the papi server).
    base: String,
    /// http://127.0.0.1:PORT (chromedriver).
    driver: String,
    chromium: PathBuf,
    profile: PathBuf,
    downloads: PathBuf,
    evidence: PathBuf,
    evidence_bytes: Vec<u8>,
    /// What the local mail server printed: one line per message, recipient and subject.
    sink_log: PathBuf,
}

/// Creates the demo database, starts `papi serve` and chromedriver, writes the evidence PDF.
fn setup(procs: &mut Procs, dir: &Path, chromium: &Path, chromedriver: &Path) -> Result<Env> {
    let papi = env!("CARGO_BIN_EXE_papi");
    let db = dir.join("demo.db");
    let out = Command::new(papi)
        .args(["demo", "--no-serve", "--today", TODAY, "--file"])
        .arg(&db)
        .env("PAPI_LOG", "warn")
        .output()
        .context("running `papi demo --no-serve`")?;
    ensure!(
        out.status.success(),
        "`papi demo --no-serve` failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // A local SMTP server that keeps what papi sends (`papi mail sink`).
    let sport = free_port()?;
    let sink_log = dir.join("sink.log");
    let mut cmd = Command::new(papi);
    cmd.args(["mail", "sink", "--listen"])
        .arg(format!("127.0.0.1:{sport}"))
        .arg("--dir")
        .arg(dir.join("mail"))
        .env("PAPI_LOG", "warn");
    procs.spawn("papi mail sink", cmd, &sink_log)?;
    let deadline = Instant::now() + STARTUP;
    while TcpStream::connect(("127.0.0.1", sport)).is_err() {
        procs.ensure_alive()?;
        ensure!(Instant::now() < deadline, "the mail sink did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }

    let port = free_port()?;
    let mut cmd = Command::new(papi);
    cmd.arg("--database-url")
        .arg(format!("sqlite://{}", db.display()))
        .args(["serve", "--today", TODAY, "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .args([
            "--smtp-host",
            "127.0.0.1",
            "--smtp-tls",
            "none",
            "--smtp-port",
        ])
        .arg(sport.to_string())
        .args(["--smtp-from", "UBND xã Lương Tài <papi@luongtai.example>"])
        .env("PAPI_LOG", "warn");
    procs.spawn("papi serve", cmd, &dir.join("papi.log"))?;
    let base = format!("http://127.0.0.1:{port}");
    wait_http(procs, port, "/healthz", "papi serve")?;

    let dport = free_port()?;
    let mut cmd = Command::new(chromedriver);
    cmd.arg(format!("--port={dport}"));
    procs.spawn("chromedriver", cmd, &dir.join("chromedriver.log"))?;
    wait_http(procs, dport, "/status", "chromedriver")?;

    let profile = dir.join("chromium-profile");
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&profile)?;
    std::fs::create_dir_all(&downloads)?;
    procs.profile = Some(profile.clone());

    let evidence_bytes = tiny_pdf("Bien ban binh xet ho ngheo - kiem thu");
    let evidence = dir.join(EVIDENCE_NAME);
    std::fs::write(&evidence, &evidence_bytes)?;
    Ok(Env {
        base,
        driver: format!("http://127.0.0.1:{dport}"),
        chromium: chromium.to_path_buf(),
        profile,
        downloads,
        evidence,
        evidence_bytes,
        sink_log,
    })
}

async fn journey(env: &Env, shots: Option<&Path>) -> Result<()> {
    let c = connect(env).await?;
    let r = steps(&c, env, shots).await;
    // Quit the browser cleanly either way; the guard kills whatever is left.
    let _ = c.close().await;
    r
}

async fn connect(env: &Env) -> Result<Client> {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=vi-VN",
    ]
    .iter()
    .map(|a| a.to_string())
    .chain([format!("--user-data-dir={}", env.profile.display())])
    .collect::<Vec<_>>();
    let caps = json!({
        "browserName": "chrome",
        "pageLoadStrategy": "normal",
        "goog:chromeOptions": {
            "binary": env.chromium,
            "args": args,
            "prefs": {
                "download.default_directory": env.downloads,
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
                "safebrowsing.enabled": false,
            },
        },
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&env.driver)
        .await
        .with_context(|| format!("starting Chromium through chromedriver at {}", env.driver))
}

async fn steps(c: &Client, env: &Env, shots: Option<&Path>) -> Result<()> {
    let base = env.base.as_str();

    // --- Public portal, not signed in: 8 dimensions named in Vietnamese.
    c.goto(&format!("{base}/")).await?;
    let links = wait_all(c, "ol.cards > li h3 a", 8).await?;
    let mut names = Vec::new();
    for a in &links {
        names.push(a.text().await?.trim().to_string());
    }
    let expected: Vec<String> = DIMENSIONS
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}. {n}", i + 1))
        .collect();
    ensure!(
        names == expected,
        "the public page should list the 8 PAPI dimensions in Vietnamese, found {names:?}"
    );
    let html_lang = c
        .find(Locator::Css("html"))
        .await?
        .attr("lang")
        .await?
        .unwrap_or_default();
    ensure!(
        html_lang == "vi",
        "public page <html lang> is {html_lang:?}"
    );
    let public_home = c.current_url().await?.to_string();
    shoot(c, shots, "public").await?;

    // --- Log in through the form.
    c.goto(&format!("{base}/login")).await?;
    wait_css(c, "input#username").await?;
    shoot(c, shots, "login").await?;
    wait_css(c, "input#username")
        .await?
        .send_keys(OFFICER)
        .await?;
    wait_css(c, "input#password")
        .await?
        .send_keys(PASSWORD)
        .await?;
    let csrf = wait_css(c, "form[action='/login'] input[name=csrf]")
        .await?
        .attr("value")
        .await?
        .unwrap_or_default();
    ensure!(!csrf.is_empty(), "the login form has no csrf token");
    wait_css(c, "form[action='/login'] button[type=submit]")
        .await?
        .click()
        .await?;
    // An officer lands on her unit's work, the commune-wide view one click away.
    wait_text(c, "main h1", "Việc của đơn vị: Công chức Văn hóa - Xã hội").await?;
    ensure_path(c, "/staff/unit").await?;
    wait_css(c, "main a[href='/staff']").await?.click().await?;
    wait_text(c, "main h1", "Tổng quan thực hiện kế hoạch").await?;
    ensure_path(c, "/staff").await?;
    let who = wait_css(c, "header .who").await?.text().await?;
    ensure!(
        who.contains("Phạm Thị Hoa"),
        "the header should name the officer, shows {who:?}"
    );

    let before = dashboard_numbers(c).await?;
    eprintln!("dashboard before: {before:?}");

    // --- Task list filtered by the officer's unit, through the filter form.
    c.goto(&format!("{base}/staff/tasks")).await?;
    wait_css(c, "form.filters select#unit")
        .await?
        .select_by_label(UNIT)
        .await
        .with_context(|| format!("choosing unit {UNIT:?} in the filter"))?;
    wait_css(c, "form.filters button[type=submit]")
        .await?
        .click()
        .await?;
    wait_until("the task list filtered by unit", || async move {
        let filtered = c
            .current_url()
            .await?
            .query()
            .unwrap_or("")
            .contains("unit=");
        let rows = c.find_all(Locator::Css("table.tasks tbody tr")).await?;
        Ok((filtered && !rows.is_empty()).then_some(()))
    })
    .await?;
    shoot(c, shots, "tasks").await?;
    // Columns found by their headings, so added columns do not break the test.
    let table = wait_css(c, "table.tasks").await?;
    let col_task = column(&table, "Nhiệm vụ").await?;
    let col_lead = column(&table, "Chủ trì").await?;
    let col_progress = column(&table, "Tiến độ").await?;
    let col_standing = column(&table, "Tình trạng").await?;
    let rows = table.find_all(Locator::Css("tbody > tr")).await?;
    let mut chosen = None;
    for row in rows {
        let cells = cells(&row).await?;
        let lead = cells[col_lead].text().await?;
        let standing = cells[col_standing].text().await?;
        if lead.trim() != UNIT || ["Hoàn thành", "Dừng thực hiện"].contains(&standing.trim())
        {
            continue;
        }
        let link = cells[col_task].find(Locator::Css("a")).await?;
        let title = link.text().await?.trim().to_string();
        let href = link.attr("href").await?.unwrap_or_default();
        let progress = cells[col_progress].text().await?;
        chosen = Some((title, href, progress, standing));
        break;
    }
    let (title, href, progress_before, standing_before) = chosen.ok_or_else(|| {
        anyhow!("no task led by {UNIT:?} that is not done in the filtered task list")
    })?;
    eprintln!("task: {title} ({href}), {progress_before:?}, {standing_before:?}");
    ensure!(
        !progress_before.starts_with("100%"),
        "the chosen task is already at 100%"
    );

    // --- The task page: file progress with a text and the PDF.
    wait_css(c, &format!("table.tasks a[href='{href}']"))
        .await?
        .click()
        .await?;
    wait_text(c, "main h1", &title).await?;
    ensure_path(c, &href).await?;
    let dimension = fact(c, "Lĩnh vực").await?;
    let dim_number: u8 = dimension
        .split('.')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| anyhow!("the task's dimension {dimension:?} has no number"))?;
    let lead = fact(c, "Chủ trì").await?;
    ensure!(lead == UNIT, "the task's lead unit is {lead:?}");
    let form = "section#progress form[enctype='multipart/form-data']";
    wait_css(c, &format!("{form} textarea#text"))
        .await?
        .send_keys(UPDATE_TEXT)
        .await?;
    let progress = wait_css(c, &format!("{form} input#progress")).await?;
    progress.clear().await?;
    progress.send_keys("100").await?;
    let file_path = env
        .evidence
        .to_str()
        .ok_or_else(|| anyhow!("temp path is not UTF-8"))?;
    wait_css(c, &format!("{form} input#evidence[type=file]"))
        .await?
        .send_keys(file_path)
        .await?;
    wait_css(c, &format!("{form} button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_text(c, "p.ok[role=status]", "Đã lưu.").await?;
    let url = c.current_url().await?;
    ensure!(
        url.path() == href && url.query() == Some("saved=1"),
        "after posting, the browser is at {url}"
    );
    let status = fact(c, "Trạng thái").await?;
    ensure!(
        status == "Hoàn thành · 100%",
        "the task's status after a 100% update is {status:?}"
    );
    let newest = wait_css(c, "ol.history > li:first-child").await?;
    let newest_text = newest.text().await?;
    ensure!(
        newest_text.contains(UPDATE_TEXT)
            && newest_text.contains("100%")
            && newest_text.contains("Phạm Thị Hoa"),
        "the newest history entry should hold the update, shows {newest_text:?}"
    );
    let file_link = newest
        .find(Locator::Css("ul.files a"))
        .await
        .context("the newest update has no evidence link")?;
    let link_text = file_link.text().await?;
    ensure!(
        link_text == EVIDENCE_NAME,
        "the evidence link reads {link_text:?}, not {EVIDENCE_NAME:?}"
    );
    let file_href = file_link.attr("href").await?.unwrap_or_default();
    ensure!(
        file_href.starts_with("/staff/evidence/"),
        "evidence link {file_href:?}"
    );
    shoot(c, shots, "task").await?;

    // Download it for real: the browser saves it under its original name, same bytes.
    file_link.click().await?;
    let saved = env.downloads.join(EVIDENCE_NAME);
    let saved = &saved;
    let bytes = wait_until("the evidence download", || async move {
        if !saved.is_file() {
            return Ok(None);
        }
        let b = std::fs::read(saved)?;
        Ok((b.len() == env.evidence_bytes.len()).then_some(b))
    })
    .await
    .with_context(|| {
        let found: Vec<_> = std::fs::read_dir(&env.downloads)
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        format!("downloads folder holds {found:?}")
    })?;
    ensure!(
        bytes == env.evidence_bytes,
        "the downloaded file differs from the upload"
    );
    // And the header says so too (fetched in the page, with the session cookie).
    let disposition = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(r => done(r.status + ' ' + (r.headers.get('content-type') || '') + ' | ' + (r.headers.get('content-disposition') || '')))
               .catch(e => done('error ' + e));",
            vec![json!(file_href)],
        )
        .await?;
    let disposition = disposition.as_str().unwrap_or_default().to_string();
    ensure!(
        disposition.starts_with("200 application/pdf | attachment;")
            && disposition.contains("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n"),
        "evidence response: {disposition:?}"
    );

    // --- The dashboard reflects it.
    wait_css(c, "header nav a[href='/staff']")
        .await?
        .click()
        .await?;
    wait_text(c, "main h1", "Tổng quan thực hiện kế hoạch").await?;
    let after = dashboard_numbers(c).await?;
    eprintln!("dashboard after: {after:?}");
    ensure!(
        after.done == before.done + 1 && after.total == before.total,
        "overall done should go from {}/{} to {}/{}, shows {}/{}",
        before.done,
        before.total,
        before.done + 1,
        before.total,
        after.done,
        after.total
    );
    ensure!(
        after.percent > before.percent,
        "overall progress should rise from {}%, shows {}%",
        before.percent,
        after.percent
    );
    ensure!(
        after.unit_done == before.unit_done + 1 && after.unit_percent > before.unit_percent,
        "the unit's row should show one more done and a higher percent: before {before:?}, after {after:?}"
    );
    let late = c.find_all(Locator::Css(".cols ul.lines a")).await?;
    for a in late {
        ensure!(
            a.text().await?.trim() != title,
            "the task is still listed as late or due soon on the dashboard"
        );
    }
    shoot(c, shots, "dashboard").await?;

    // --- Log out; the staff pages are closed again.
    wait_css(c, "form[action='/logout'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_css(c, "header nav a[href='/login']").await?;
    c.goto(&format!("{base}/staff")).await?;
    wait_css(c, "input#username").await?;
    ensure_path(c, "/login").await?;

    // --- Public dimension page shows the new progress, and no personal data.
    c.goto(&public_home).await?;
    wait_all(c, "ol.cards > li h3 a", 8)
        .await?
        .into_iter()
        .nth(usize::from(dim_number) - 1)
        .ok_or_else(|| anyhow!("no card for dimension {dim_number}"))?
        .click()
        .await?;
    wait_text(
        c,
        "main h1",
        &format!("{dim_number}. {}", DIMENSIONS[usize::from(dim_number) - 1]),
    )
    .await?;
    let cards = c.find_all(Locator::Css("ul.cards > li.card")).await?;
    let mut shown = None;
    for card in cards {
        if card.find(Locator::Css("h2")).await?.text().await?.trim() == title {
            shown = Some(card.find(Locator::Css("p")).await?.text().await?);
            break;
        }
    }
    let shown =
        shown.ok_or_else(|| anyhow!("task {title:?} is not on public dimension {dim_number}"))?;
    ensure!(
        shown.contains("Hoàn thành") && shown.contains("100%"),
        "the public card shows {shown:?}, not “Hoàn thành 100%”"
    );
    let source = c.source().await?;
    ensure!(
        !source.contains("Phạm Thị Hoa") && !source.contains(UPDATE_TEXT),
        "the public page shows the author's name or the internal update text"
    );
    shoot(c, shots, "public-dimension").await?;
    Ok(())
}

/// Headline numbers of the dashboard and the officer's unit row.
#[derive(Debug, Clone, Copy)]
struct Numbers {
    percent: u32,
    done: u32,
    total: u32,
    unit_done: u32,
    unit_percent: u32,
}

async fn dashboard_numbers(c: &Client) -> Result<Numbers> {
    let kpis = wait_all(c, "section.kpis .kpi b", 4).await?;
    let percent = number(&kpis[0].text().await?)?;
    let done_total = kpis[1].text().await?;
    let (done, total) = done_total
        .split_once('/')
        .ok_or_else(|| anyhow!("done/total reads {done_total:?}"))?;
    let table = wait_css(
        c,
        "table:has(tbody > tr > th > a[href^='/staff/tasks?unit='])",
    )
    .await?;
    let col_done = column(&table, "Hoàn thành").await?;
    let col_percent = column(&table, "Tiến độ").await?;
    for row in table.find_all(Locator::Css("tbody > tr")).await? {
        let cells = cells(&row).await?;
        if cells[0].text().await?.trim() != UNIT {
            continue;
        }
        return Ok(Numbers {
            percent,
            done: number(done)?,
            total: number(total)?,
            unit_done: number(&cells[col_done].text().await?)?,
            unit_percent: number(&cells[col_percent].text().await?)?,
        });
    }
    bail!("the dashboard has no row for {UNIT:?}")
}

/// The index of the column headed `name` in the table's head.
async fn column(table: &Element, name: &str) -> Result<usize> {
    let heads = table.find_all(Locator::Css("thead > tr > th")).await?;
    let mut seen = Vec::new();
    for (i, h) in heads.iter().enumerate() {
        let t = h.text().await?.trim().to_string();
        if t == name {
            return Ok(i);
        }
        seen.push(t);
    }
    bail!("no column {name:?} in a table headed {seen:?}")
}

/// The cells of a row, header cells included, in order.
async fn cells(row: &Element) -> Result<Vec<Element>> {
    Ok(row
        .find_all(Locator::Css(":scope > th, :scope > td"))
        .await?)
}

fn number(s: &str) -> Result<u32> {
    s.trim()
        .trim_end_matches('%')
        .trim()
        .parse()
        .with_context(|| format!("{s:?} is not a number"))
}

/// The `dd` after the `dt` named `name` in the task's facts.
async fn fact(c: &Client, name: &str) -> Result<String> {
    let dd = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//dl[contains(@class,'facts')]/dt[normalize-space()='{name}']/following-sibling::dd[1]"
        )))
        .await
        .with_context(|| format!("the task page has no fact {name:?}"))?;
    Ok(dd.text().await?.trim().to_string())
}

async fn wait_css(c: &Client, css: &str) -> Result<Element> {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting {WAIT:?} for `{css}`"))
}

/// Waits until `css` matches at least `n` elements, and returns them.
async fn wait_all(c: &Client, css: &str, n: usize) -> Result<Vec<Element>> {
    wait_until(&format!("{n} × `{css}`"), || async move {
        let all = c.find_all(Locator::Css(css)).await?;
        Ok((all.len() >= n).then_some(all))
    })
    .await
}

/// Waits until the first `css` element's text is `text`.
async fn wait_text(c: &Client, css: &str, text: &str) -> Result<Element> {
    let deadline = Instant::now() + WAIT;
    let mut last = None;
    loop {
        // The page may be replaced under us: a missing or stale element is just "not yet".
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(t) = e.text().await {
                if t.trim() == text {
                    return Ok(e);
                }
                last = Some(t);
            }
        }
        if Instant::now() >= deadline {
            let here = c
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            bail!("timed out after {WAIT:?} waiting for `{css}` to read {text:?}; last seen {last:?} at {here}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn ensure_path(c: &Client, path: &str) -> Result<()> {
    let url = c.current_url().await?;
    ensure!(url.path() == path, "expected to be at {path}, at {url}");
    Ok(())
}

/// Polls `check` every 100 ms until it yields a value, for at most `WAIT`.
async fn wait_until<T, F, Fut>(what: &str, mut check: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        match check().await {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => {}
            Err(e) if Instant::now() >= deadline => {
                return Err(e.context(format!("waiting for {what}")))
            }
            Err(_) => {}
        }
        if Instant::now() >= deadline {
            bail!("timed out after {WAIT:?} waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Checks the current page at 390 and 1280 px: no sideways page scroll (wide tables scroll in
/// their own box). With a folder given, also writes full-page screenshots `{name}-{width}.png`.
async fn shoot(c: &Client, dir: Option<&Path>, name: &str) -> Result<()> {
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)?;
    }
    for width in [390u32, 1280] {
        c.set_window_size(width, 900).await?;
        let m = c
            .execute(
                "return [window.innerWidth, document.documentElement.scrollWidth, document.documentElement.scrollHeight];",
                vec![],
            )
            .await?;
        let m: Vec<u64> = serde_json::from_value(m)?;
        let (inner, scroll_w, scroll_h) = (m[0], m[1], m[2]);
        ensure!(
            inner == u64::from(width),
            "asked for a {width} px window, the page is {inner} px wide"
        );
        ensure!(
            scroll_w <= inner,
            "{name} at {width} px is {scroll_w} px wide: the whole page scrolls sideways"
        );
        let Some(dir) = dir else { continue };
        // Grow the window to the page so one PNG holds it all (capped).
        let chrome = 900u64.saturating_sub(inner_height(c).await?);
        let height = (scroll_h + chrome).clamp(600, 8000) as u32;
        c.set_window_size(width, height).await?;
        let png = c.screenshot().await?;
        let file = dir.join(format!("{name}-{width}.png"));
        std::fs::write(&file, png).with_context(|| format!("writing {}", file.display()))?;
        eprintln!("screenshot {}", file.display());
    }
    c.set_window_size(1280, 900).await?;
    Ok(())
}

async fn inner_height(c: &Client) -> Result<u64> {
    let v = c.execute("return window.innerHeight;", vec![]).await?;
    v.as_u64().ok_or_else(|| anyhow!("innerHeight {v}"))
}

/// A small, valid one-page PDF with a line of text.
fn tiny_pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(l.local_addr()?.port())
}

/// Waits until `GET path` on the port answers 200, while the process is still alive.
fn wait_http(procs: &mut Procs, port: u16, path: &str, name: &str) -> Result<()> {
    let deadline = Instant::now() + STARTUP;
    loop {
        procs.ensure_alive()?;
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            s.set_read_timeout(Some(Duration::from_secs(5)))?;
            let req = format!(
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            );
            if s.write_all(req.as_bytes()).is_ok() {
                let mut resp = String::new();
                let _ = s.read_to_string(&mut resp);
                if resp.starts_with("HTTP/1.1 200") || resp.starts_with("HTTP/1.0 200") {
                    return Ok(());
                }
            }
        }
        if Instant::now() >= deadline {
            bail!("{name} did not answer {path} on port {port} within {STARTUP:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The processes this test started. Dropping it (also while a failure unwinds) prints their
/// logs on failure and kills them: each process group by id, and any Chromium process still
/// running on this test's own profile directory.
#[derive(Default)]
struct Procs {
    children: Vec<(String, Child, PathBuf)>,
    profile: Option<PathBuf>,
}

impl Procs {
    fn spawn(&mut self, name: &str, mut cmd: Command, log: &Path) -> Result<()> {
        let out = File::create(log)?;
        let err = out.try_clone()?;
        let child = cmd
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .with_context(|| format!("starting {name}"))?;
        self.children
            .push((name.to_string(), child, log.to_path_buf()));
        Ok(())
    }

    fn ensure_alive(&mut self) -> Result<()> {
        for (name, child, log) in &mut self.children {
            if let Some(status) = child.try_wait()? {
                let text = std::fs::read_to_string(log.as_path()).unwrap_or_default();
                bail!("{name} exited ({status}):\n{text}");
            }
        }
        Ok(())
    }

    /// Pids of live processes whose command line names this test's Chromium profile.
    fn browser_pids(&self) -> Vec<i32> {
        let Some(profile) = &self.profile else {
            return vec![];
        };
        let needle = format!("--user-data-dir={}", profile.display());
        let Ok(dir) = std::fs::read_dir("/proc") else {
            return vec![];
        };
        dir.flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/cmdline"))
                    .map(|b| b.split(|&c| c == 0).any(|arg| arg == needle.as_bytes()))
                    .unwrap_or(false)
            })
            .collect()
    }
}

impl Drop for Procs {
    fn drop(&mut self) {
        let failing = std::thread::panicking();
        for (name, child, log) in self.children.iter_mut().rev() {
            if failing {
                let text = std::fs::read_to_string(log.as_path()).unwrap_or_default();
                let tail: Vec<&str> = text.lines().rev().take(40).collect();
                eprintln!("---- {name} log (last lines) ----");
                for line in tail.into_iter().rev() {
                    eprintln!("{line}");
                }
            }
            let pid = child.id() as i32;
            // SAFETY: kill(2) on the process group this test created for the child.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        for pid in self.browser_pids() {
            // SAFETY: kill(2) on a Chromium process running on this test's own profile.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
    }
}

/// A new commune's first day, in the browser: on an empty database the machine's owner opens
/// /setup with the one-time code from the server log, picks Hưng Yên and a ward from the
/// official list, creates the first administrator, villages and units; the administrator adds
/// the office's account; the office imports the seed plan and a task table; the dashboard
/// shows them.
#[test]
fn first_run_then_import_then_dashboard() {
    let chromium = tool("PAPI_CHROMIUM", "/usr/bin/chromium", "chromium");
    let chromedriver = tool(
        "PAPI_CHROMEDRIVER",
        "/usr/bin/chromedriver",
        "chromium-driver",
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut procs = Procs::default();
    let dir = tmp.path();
    let papi = env!("CARGO_BIN_EXE_papi");
    let port = free_port().unwrap();
    let mut cmd = Command::new(papi);
    cmd.arg("--database-url")
        .arg(format!("sqlite://{}", dir.join("new.db").display()))
        .args(["serve", "--today", TODAY, "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .env("PAPI_LOG", "warn");
    let log = dir.join("papi.log");
    procs.spawn("papi serve", cmd, &log).unwrap();
    wait_http(&mut procs, port, "/healthz", "papi serve").unwrap();
    let code = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Mã khởi tạo: ").map(str::to_string))
        .expect("the server log prints the one-time code");
    let dport = free_port().unwrap();
    let mut cmd = Command::new(chromedriver);
    cmd.arg(format!("--port={dport}"));
    procs
        .spawn("chromedriver", cmd, &dir.join("chromedriver.log"))
        .unwrap();
    wait_http(&mut procs, dport, "/status", "chromedriver").unwrap();
    let profile = dir.join("chromium-profile");
    std::fs::create_dir_all(&profile).unwrap();
    procs.profile = Some(profile.clone());
    let env = Env {
        base: format!("http://127.0.0.1:{port}"),
        driver: format!("http://127.0.0.1:{dport}"),
        chromium,
        profile,
        downloads: dir.to_path_buf(),
        evidence: dir.to_path_buf(),
        evidence_bytes: Vec::new(),
        sink_log: dir.join("no-sink.log"),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = runtime.block_on(async {
        let c = connect(&env).await?;
        let r = tokio::time::timeout(JOURNEY, first_day(&c, &env.base, &code)).await;
        let _ = c.close().await;
        r.map_err(|_| anyhow!("the journey took longer than {JOURNEY:?}"))?
    });
    if let Err(e) = result {
        panic!("first-run journey failed: {e:#}");
    }
}

const ADMIN_PASSWORD: &str = "Cây bàng trước sân ủy ban 2025";
const OFFICE_PASSWORD: &str = "Mây trắng bay qua cầu tre bảy nhịp";

async fn first_day(c: &Client, base: &str, code: &str) -> Result<()> {
    // --- The first-run page: province, then the ward of the official list.
    c.goto(&format!("{base}/")).await?;
    wait_css(c, "main a[href='/setup']").await?.click().await?;
    wait_text(c, "main h1", "Khởi tạo xã, phường").await?;
    wait_css(c, "select#province")
        .await?
        .select_by_value("33")
        .await?;
    wait_css(c, "form[method=get] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_css(c, "select#commune")
        .await?
        .select_by_value("11953")
        .await?;
    wait_css(c, "form[method=get] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Phường Phố Hiến, Hưng Yên (mã 11953)").await?;
    let fill = |css: &'static str, text: String| async move {
        wait_css(c, css).await?.send_keys(&text).await?;
        Ok::<_, anyhow::Error>(())
    };
    fill("input#admin_username", "quantri".into()).await?;
    fill("input#admin_full_name", "Nguyễn Văn An".into()).await?;
    fill("input#admin_password", ADMIN_PASSWORD.into()).await?;
    fill(
        "textarea#villages",
        "Tổ dân phố 1\nTổ dân phố 2\nTổ dân phố 3".into(),
    )
    .await?;
    fill("input#code", code.into()).await?;
    wait_css(c, "form[action='/setup'][method=post] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_text(c, "main h1", "Đã khởi tạo Phường Phố Hiến").await?;

    // --- The administrator adds the office's account.
    sign_in(c, base, "quantri", ADMIN_PASSWORD).await?;
    c.goto(&format!("{base}/staff/admin")).await?;
    fill("input#nu", "vanphong".into()).await?;
    fill("input#nf", "Trần Thị Bình".into()).await?;
    wait_css(c, "select#nr")
        .await?
        .select_by_value("office")
        .await?;
    fill("input#np", OFFICE_PASSWORD.into()).await?;
    wait_css(c, "form[action='/staff/admin/users'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "vanphong").await?;
    wait_css(c, "form[action='/logout'] button[type=submit]")
        .await?
        .click()
        .await?;

    // --- The office imports the seed plan, then a task table for the new ward's units.
    sign_in(c, base, "vanphong", OFFICE_PASSWORD).await?;
    c.goto(&format!("{base}/staff/import")).await?;
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let plan = testdata.join("ke-hoach-10-KH-UBND-luong-tai-2025.txt");
    let plan = plan.canonicalize()?;
    wait_css(c, "input#pf")
        .await?
        .send_keys(&plan.display().to_string())
        .await?;
    wait_css(c, "form:has(input#pf) button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Kế hoạch đọc được từ tệp").await?;
    wait_page(c, "10/KH-UBND").await?;
    wait_css(c, "form:has(textarea#plan_text) button[type=submit]")
        .await?
        .click()
        .await?;
    // Saved, the plan tree opens; the task table is the import page's second form.
    wait_until("the plan tree", || async {
        Ok((c.current_url().await?.path() == "/staff/plan").then_some(()))
    })
    .await?;
    c.goto(&format!("{base}/staff/import")).await?;
    let tasks = testdata.join("bieu-nhiem-vu-xa-moi.csv").canonicalize()?;
    wait_css(c, "input#tf")
        .await?
        .send_keys(&tasks.display().to_string())
        .await?;
    wait_css(c, "form:has(input#tf) button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "5 mới").await?;

    // --- The dashboard shows the plan and its five tasks.
    c.goto(&format!("{base}/staff")).await?;
    wait_text(c, "main h1", "Tổng quan thực hiện kế hoạch").await?;
    wait_page(c, "Kế hoạch số 10/KH-UBND").await?;
    let kpis = wait_all(c, "section.kpis .kpi b", 2).await?;
    let done_total = kpis[1].text().await?;
    ensure!(
        done_total.trim().ends_with("/5"),
        "the dashboard counts {done_total:?} tasks, not 5"
    );
    Ok(())
}

async fn sign_in(c: &Client, base: &str, user: &str, password: &str) -> Result<()> {
    c.goto(&format!("{base}/login")).await?;
    wait_css(c, "input#username").await?.send_keys(user).await?;
    wait_css(c, "input#password")
        .await?
        .send_keys(password)
        .await?;
    wait_css(c, "form[action='/login'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_until("signed in", || async {
        let url = c.current_url().await?;
        Ok(url.path().starts_with("/staff").then_some(()))
    })
    .await
}

/// Waits until the page's text holds `text`.
async fn wait_page(c: &Client, text: &str) -> Result<()> {
    let found = wait_until(&format!("the page to show {text:?}"), || async {
        let body = c.find(Locator::Css("body")).await?.text().await?;
        Ok(body.contains(text).then_some(()))
    })
    .await;
    if found.is_err() {
        let main = match c.find(Locator::Css("main")).await {
            Ok(m) => m.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        let url = c
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        return found.with_context(|| format!("at {url}, the page reads: {main}"));
    }
    Ok(())
}

/// What the resident types on the phone.
const FEEDBACK_TITLE: &str = "Cống thoát nước ngõ 3 thôn Tây bị vỡ nắp";
const FEEDBACK_TEXT: &str = "Nắp cống ở đầu ngõ 3 thôn Tây bị vỡ, xe máy đi qua rất dễ sa bánh.";
const ANSWER_TEXT: &str =
    "Ngày 15/10/2025 xã đã thay nắp cống mới bằng bê tông cốt thép. Cảm ơn bạn đã phản ánh.";

/// A resident files feedback on a phone and gets a tracking code; the office assigns it to a
/// unit; the unit's officer answers; the resident reads the answer by the code, on the phone.
#[test]
fn resident_feedback_is_assigned_answered_and_read_by_code() {
    run_journey!("residents' feedback journey", feedback_journey);
}

async fn feedback_journey(c: &Client, env: &Env, shots: Option<&Path>) -> Result<()> {
    let base = env.base.as_str();
    // --- On a phone: the public form, only what the law asks.
    c.set_window_size(390, 900).await?;
    c.goto(&format!("{base}/public/demo-luongtai/feedback"))
        .await?;
    wait_css(c, "input#title")
        .await?
        .send_keys(FEEDBACK_TITLE)
        .await?;
    wait_css(c, "textarea#content")
        .await?
        .send_keys(FEEDBACK_TEXT)
        .await?;
    wait_css(c, "select#village_id")
        .await?
        .select_by_label("Thôn Tây")
        .await?;
    wait_css(c, "input#email")
        .await?
        .send_keys("nguoidan@example.com")
        .await?;
    wait_css(c, "input[name=publish_consent]")
        .await?
        .click()
        .await?;
    shoot(c, shots, "voice-public-form").await?;
    c.set_window_size(390, 900).await?;
    wait_css(c, "main form button[type=submit]")
        .await?
        .click()
        .await?;
    let code = wait_css(c, "#tracking-code").await?.text().await?;
    ensure!(code.starts_with("PA-2025-"), "tracking code {code:?}");
    shoot(c, shots, "voice-receipt").await?;
    // The acknowledgement with the code reaches the resident's mailbox over SMTP.
    wait_until("the acknowledgement e-mail", || async {
        let log = std::fs::read_to_string(&env.sink_log).unwrap_or_default();
        Ok(log
            .lines()
            .any(|l| l.contains("nguoidan@example.com") && l.contains(&code))
            .then_some(()))
    })
    .await?;

    // --- The office assigns it to the Culture and Society officer's unit.
    c.delete_all_cookies().await?;
    sign_in(c, base, "vanphong", PASSWORD).await?;
    c.goto(&format!("{base}/staff/voice")).await?;
    wait_page(c, &code).await?;
    shoot(c, shots, "voice-list").await?;
    c.find(Locator::LinkText(&code)).await?.click().await?;
    wait_page(c, FEEDBACK_TITLE).await?;
    wait_css(c, "select#step")
        .await?
        .select_by_value("assign")
        .await?;
    wait_css(c, "select#unit_id")
        .await?
        .select_by_label(UNIT)
        .await?;
    wait_css(c, "form[action$='/step'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Đã giao xử lý").await?;
    shoot(c, shots, "voice-matter").await?;

    // --- The unit's officer sees it among her matters and answers.
    c.delete_all_cookies().await?;
    sign_in(c, base, OFFICER, PASSWORD).await?;
    c.goto(&format!("{base}/staff/voice")).await?;
    wait_page(c, &code).await?;
    c.find(Locator::LinkText(&code)).await?.click().await?;
    wait_css(c, "select#step")
        .await?
        .select_by_value("answer")
        .await?;
    wait_css(c, "textarea#text")
        .await?
        .send_keys(ANSWER_TEXT)
        .await?;
    wait_css(c, "form[action$='/step'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Đã trả lời").await?;

    // --- Back on the phone, signed out: the answer by the code.
    c.delete_all_cookies().await?;
    c.set_window_size(390, 900).await?;
    c.goto(&format!("{base}/track")).await?;
    wait_css(c, "input#code").await?.send_keys(&code).await?;
    wait_css(c, "main form button[type=submit]")
        .await?
        .click()
        .await?;
    let answer = wait_css(c, "#answer").await?.text().await?;
    ensure!(
        answer.trim() == ANSWER_TEXT,
        "the resident reads {answer:?}"
    );
    wait_page(c, "Đã trả lời").await?;
    shoot(c, shots, "voice-track").await?;
    Ok(())
}

/// The unannounced check of the journey below, and the land officer's unit it inspects.
const CHECK_TITLE: &str = "Kiểm tra đột xuất sổ tiếp công dân (kiểm thử trình duyệt)";
const CHECK_UNIT: &str = "Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường";
const FINDING_TEXT: &str = "Sổ tiếp công dân chưa ghi kết quả xử lý (kiểm thử trình duyệt)";

/// The office plans an unannounced check of the land officer's unit for 24/10/2025; the unit's
/// head does not see it; the office carries it out early (today, 15/10/2025), with a finding
/// and its deadline, and concludes; the unit head reports the remediation; closing without a
/// re-check is refused; after a confirming re-check it closes, and the public page shows it.
#[test]
fn an_unannounced_check_goes_from_plan_to_closed_finding() {
    run_journey!("inspection journey", inspection_journey);
}

async fn inspection_journey(c: &Client, env: &Env, shots: Option<&Path>) -> Result<()> {
    let base = env.base.as_str();
    // --- The office plans the check, unannounced.
    sign_in(c, base, "vanphong", PASSWORD).await?;
    c.goto(&format!("{base}/staff/inspections")).await?;
    wait_css(c, "select#target")
        .await?
        .select_by_label(CHECK_UNIT)
        .await?;
    wait_css(c, "select#checklist")
        .await?
        .select_by_value("reception")
        .await?;
    wait_css(c, "select#mode")
        .await?
        .select_by_value("unannounced")
        .await?;
    wait_css(c, "input#planned_on")
        .await?
        .send_keys("24/10/2025")
        .await?;
    wait_css(c, "input#title")
        .await?
        .send_keys(CHECK_TITLE)
        .await?;
    wait_css(
        c,
        "form[method=post][action='/staff/inspections'] button[type=submit]",
    )
    .await?
    .click()
    .await?;
    wait_page(c, CHECK_TITLE).await?;
    let check_url = c.current_url().await?;
    let check_path = check_url.path().to_string();
    shoot(c, shots, "inspection-planned").await?;

    // --- The unit head sees neither the check nor its date.
    c.delete_all_cookies().await?;
    sign_in(c, base, "truongban", PASSWORD).await?;
    c.goto(&format!("{base}/staff/inspections")).await?;
    wait_page(c, "Kế hoạch kiểm tra").await?;
    let list = c.source().await?;
    ensure!(
        !list.contains(CHECK_TITLE) && !list.contains("24/10/2025"),
        "the unit head sees the unannounced check"
    );
    c.goto(&format!("{base}{check_path}")).await?;
    wait_page(c, "Không tìm thấy").await?;

    // --- The office carries it out today, with a finding and its deadline, and concludes.
    c.delete_all_cookies().await?;
    sign_in(c, base, "vanphong", PASSWORD).await?;
    c.goto(&format!("{base}{check_path}")).await?;
    wait_css(c, "input#inspector")
        .await?
        .send_keys("Nguyễn Thị Lan, Chánh Văn phòng")
        .await?;
    wait_css(c, "form[action$='/record'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Đã kiểm tra ngày 15/10/2025").await?;
    for select in c
        .find_all(Locator::Css(
            "form[action$='/checklist'] select[name=verdict]",
        ))
        .await?
    {
        select.select_by_value("met").await?;
    }
    wait_css(c, "form[action$='/checklist'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Đã lưu").await?;
    wait_css(c, "textarea#text")
        .await?
        .send_keys(FINDING_TEXT)
        .await?;
    wait_css(c, "select#owner_unit_id")
        .await?
        .select_by_label(CHECK_UNIT)
        .await?;
    wait_css(c, "input#due")
        .await?
        .send_keys("31/10/2025")
        .await?;
    wait_css(c, "form[action$='/findings'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, FINDING_TEXT).await?;
    wait_css(c, "textarea#conclusion")
        .await?
        .send_keys("Cơ bản đạt yêu cầu; phải ghi đầy đủ kết quả xử lý vào sổ.")
        .await?;
    wait_css(c, "form[action$='/conclude'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Đã kết luận").await?;
    shoot(c, shots, "inspection-concluded").await?;

    // --- The unit head now sees it and reports the remediation.
    c.delete_all_cookies().await?;
    sign_in(c, base, "truongban", PASSWORD).await?;
    c.goto(&format!("{base}{check_path}")).await?;
    wait_page(c, FINDING_TEXT).await?;
    wait_css(c, "form[action$='/remediation'] textarea")
        .await?
        .send_keys("Đã ghi đủ kết quả xử lý của các lượt tiếp vào sổ.")
        .await?;
    wait_css(c, "form[action$='/remediation'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "chờ tái kiểm tra").await?;

    // --- The office: closing without a re-check is refused; after one, it closes.
    c.delete_all_cookies().await?;
    sign_in(c, base, "vanphong", PASSWORD).await?;
    c.goto(&format!("{base}{check_path}")).await?;
    wait_css(c, "form[action$='/close'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "phải tái kiểm tra và xác nhận đã khắc phục").await?;
    shoot(c, shots, "inspection-close-refused").await?;
    wait_css(c, "form[action$='/recheck'] input[name=by]")
        .await?
        .send_keys("Nguyễn Thị Lan, Chánh Văn phòng")
        .await?;
    wait_css(c, "form[action$='/recheck'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Tái kiểm tra ngày 15/10/2025").await?;
    wait_css(c, "form[action$='/close'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "Đã khắc phục, đã đóng").await?;

    // --- The public page, on a phone, signed out.
    c.delete_all_cookies().await?;
    c.set_window_size(390, 900).await?;
    c.goto(&format!("{base}/public/demo-luongtai/inspections"))
        .await?;
    wait_page(c, FINDING_TEXT).await?;
    wait_page(c, "Đã khắc phục, đã đóng").await?;
    let page = c.source().await?;
    ensure!(
        !page.contains("Nguyễn Thị Lan"),
        "the public page names a person"
    );
    shoot(c, shots, "inspection-public").await?;
    Ok(())
}

/// The disclosure the office enters in the browser journey.
const DISCLOSURE_TITLE: &str = "Mức thu phí chợ năm 2026 (kiểm thử trình duyệt)";

/// The office opens a disclosure with its document, records the posting at the commune office
/// and in Thôn Đông, and a resident, signed out on a phone, finds it on the public page with
/// its dates and the document to download.
#[test]
fn office_discloses_and_residents_read_it() {
    run_journey!("disclosure journey", disclosure_journey);
}

/// Opens the entry page's "record a form" panel and records one form.
async fn record_form(
    c: &Client,
    kind: &str,
    village: Option<&str>,
    from: &str,
    expect: &str,
) -> Result<()> {
    c.find(Locator::XPath(
        "//summary[contains(., 'Ghi hình thức công khai')]",
    ))
    .await?
    .click()
    .await?;
    wait_css(c, "select#kind")
        .await?
        .select_by_value(kind)
        .await?;
    if let Some(v) = village {
        wait_css(c, "select#fvillage")
            .await?
            .select_by_label(v)
            .await?;
    }
    let input = wait_css(c, "input#from").await?;
    input.clear().await?;
    input.send_keys(from).await?;
    wait_css(c, "form[action$='/forms'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, expect).await
}

async fn disclosure_journey(c: &Client, env: &Env, shots: Option<&Path>) -> Result<()> {
    let base = env.base.as_str();
    sign_in(c, base, "vanphong", PASSWORD).await?;
    c.goto(&format!("{base}/staff/disclosure")).await?;
    wait_page(c, "Sổ công khai thông tin").await?;
    shoot(c, shots, "disclosure-register").await?;

    // --- A new entry with its document: group 12 (fees the commune collects).
    c.goto(&format!("{base}/staff/disclosure/new")).await?;
    wait_css(c, "select#group")
        .await?
        .select_by_value("12")
        .await?;
    wait_css(c, "input#title")
        .await?
        .send_keys(DISCLOSURE_TITLE)
        .await?;
    let decided = wait_css(c, "input#decided_on").await?;
    decided.clear().await?;
    decided.send_keys("14/10/2025").await?;
    wait_css(c, "input#document[type=file]")
        .await?
        .send_keys(&env.evidence.display().to_string())
        .await?;
    shoot(c, shots, "disclosure-new").await?;
    wait_css(c, "form[action='/staff/disclosure'] button[type=submit]")
        .await?
        .click()
        .await?;
    wait_page(c, "chờ công khai").await?;
    // 14/10/2025 + 5 working days (DC-PUBLISH).
    wait_page(c, "21/10/2025").await?;

    // --- The postings: the office, then Thôn Đông.
    record_form(
        c,
        "office",
        None,
        "15/10/2025",
        "Niêm yết tại trụ sở HĐND, UBND xã: từ 15/10/2025 (đang công khai)",
    )
    .await?;
    record_form(
        c,
        "village",
        Some("Thôn Đông"),
        "15/10/2025",
        "(Thôn Đông): từ 15/10/2025 (đang công khai)",
    )
    .await?;
    shoot(c, shots, "disclosure-entry").await?;

    // --- Signed out, on a phone: the public page shows it with its dates.
    c.delete_all_cookies().await?;
    c.set_window_size(390, 900).await?;
    c.goto(&format!("{base}/public/demo-luongtai/disclosures"))
        .await?;
    wait_page(c, DISCLOSURE_TITLE).await?;
    // 30 days from 15/10/2025 (DC-POST): 14/11/2025.
    wait_page(c, "từ 15/10/2025, niêm yết ít nhất đến 14/11/2025").await?;
    shoot(c, shots, "disclosure-public").await?;
    c.set_window_size(390, 900).await?;
    c.find(Locator::LinkText(DISCLOSURE_TITLE))
        .await?
        .click()
        .await?;
    wait_page(c, "Tải văn bản").await?;
    wait_page(c, "Ngày công khai").await?;
    shoot(c, shots, "disclosure-public-entry").await?;
    Ok(())
}

/// The office opens the school's survey and reads the address its QR code carries; on a phone a
/// parent answers every question "Hài lòng" by tapping the boxes (no script) and is thanked;
/// back at the office the three answers held as a burst are counted, and the result shows.
#[test]
fn a_parent_answers_the_school_survey_on_a_phone() {
    run_journey!("satisfaction journey", satisfaction_journey);
}

async fn satisfaction_journey(c: &Client, env: &Env, shots: Option<&Path>) -> Result<()> {
    let base = env.base.as_str();
    sign_in(c, base, "vanphong", PASSWORD).await?;
    c.goto(&format!("{base}/staff/satisfaction")).await?;
    c.find(Locator::LinkText("Trường Tiểu học xã"))
        .await?
        .click()
        .await?;
    wait_page(c, "Phiếu chờ xem xét (1)").await?;
    let form = wait_css(c, "a[href*='/public/demo-luongtai/satisfaction/']")
        .await?
        .attr("href")
        .await?
        .context("the form's address")?;
    let survey_page = c.current_url().await?.to_string();

    // --- On a phone, signed out.
    c.delete_all_cookies().await?;
    c.set_window_size(390, 900).await?;
    c.goto(&form).await?;
    wait_page(c, "Bạn hài lòng với Trường Tiểu học xã").await?;
    let boxes = c
        .find_all(Locator::Css(".sat-scale input[value='4'] + span"))
        .await?;
    ensure!(boxes.len() == 10, "{} questions", boxes.len());
    for b in boxes {
        b.click().await?;
    }
    shoot(c, shots, "satisfaction-phone-form").await?;
    wait_css(c, "button.sat-send").await?.click().await?;
    wait_page(c, "Cảm ơn bạn đã đánh giá").await?;

    // --- The office counts the held answers.
    c.delete_all_cookies().await?;
    c.set_window_size(1280, 900).await?;
    sign_in(c, base, "vanphong", PASSWORD).await?;
    c.goto(&survey_page).await?;
    wait_css(c, "button[name=decision][value=accept]")
        .await?
        .click()
        .await?;
    wait_page(c, "Đã lưu").await?;
    let text = c.source().await?;
    ensure!(!text.contains("Phiếu chờ xem xét"), "still held");
    ensure!(
        text.contains("42 phiếu"),
        "the parent's answer and the held one are counted"
    );
    shoot(c, shots, "satisfaction-results").await?;
    Ok(())
}
