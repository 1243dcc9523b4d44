//! Two `papi serve` processes on one PostgreSQL database, as a province or a busy commune would
//! run them behind a load balancer: what one writes, the other shows on the next request —
//! a progress update (the plan cache), a calendar correction (the working-day calendar), and
//! failed sign-ins (the throttling).
//!
//! Needs PostgreSQL (`PAPI_TEST_POSTGRES_URL`); skipped, saying so, when `PAPI_TEST_BACKENDS`
//! leaves PostgreSQL out.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2025-10-15";
const PASSWORD: &str = "demo-papi-2025";

/// A server process, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(url: &str, key: &std::path::Path) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_papi"))
        .args(["--database-url", url, "--audit-key-file"])
        .arg(key)
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--today",
            TODAY,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start papi serve");
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    while request(port, "GET", "/healthz", &[], None).status != 200 {
        assert!(Instant::now() < deadline, "papi serve did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first `name=value` a `Set-Cookie` gives.
    fn cookie(&self) -> String {
        self.header("set-cookie")
            .and_then(|c| c.split(';').next())
            .unwrap_or_default()
            .to_string()
    }

    /// The value of the page's hidden `csrf` field.
    fn csrf(&self) -> String {
        self.body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_default()
            .to_string()
    }
}

/// One HTTP/1.1 exchange on a fresh connection (enough for a test, and it never keeps a
/// connection that could hide which server answered).
fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &str)>,
) -> Answer {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return Answer {
            status: 0,
            headers: vec![],
            body: String::new(),
        };
    };
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some((kind, text)) = body {
        req.push_str(&format!(
            "Content-Type: {kind}\r\nContent-Length: {}\r\n",
            text.len()
        ));
    }
    req.push_str("\r\n");
    if let Some((_, text)) = body {
        req.push_str(text);
    }
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    Answer {
        status,
        headers,
        body,
    }
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || after.len() < n {
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
    out
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Signs in through the login page of `port`; the session cookie.
fn sign_in(port: u16, username: &str, password: &str) -> Answer {
    let page = request(port, "GET", "/login", &[], None);
    let cookie = page.cookie();
    let body = form(&[
        ("csrf", &page.csrf()),
        ("username", username),
        ("password", password),
    ]);
    request(
        port,
        "POST",
        "/login",
        &[("Cookie", &cookie)],
        Some(("application/x-www-form-urlencoded", &body)),
    )
}

fn session(port: u16, username: &str) -> String {
    let answer = sign_in(port, username, PASSWORD);
    assert_eq!(answer.status, 303, "{username} signs in: {}", answer.body);
    answer.cookie()
}

#[test]
fn what_one_server_writes_the_other_shows_on_the_next_request() {
    let backends = papi_store::testing::backends();
    if !backends.iter().any(|b| b == "postgres") {
        eprintln!("two_servers: skipped, PAPI_TEST_BACKENDS={backends:?} leaves PostgreSQL out");
        return;
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("audit.key");
    let url = runtime.block_on(async {
        let url = papi_store::testing::fresh_url("postgres").await;
        let store = papi_store::Store::open(&url).await.unwrap();
        let store = papi_cli::open::keyed(store, Some(&key)).await.unwrap();
        let today = TODAY.parse().unwrap();
        papi_cli::demo::seed(&store, None, today, 0, 0, None)
            .await
            .unwrap();
        url
    });
    let a = start(&url, &key);
    let b = start(&url, &key);

    // A progress update through A shows on B's task page (B had the plan cached).
    let office_a = session(a.port, "vanphong");
    let office_b = session(b.port, "vanphong");
    let list = request(
        b.port,
        "GET",
        "/staff/tasks",
        &[("Cookie", &office_b)],
        None,
    );
    let task_id: i64 = list
        .body
        .split("href=\"/staff/tasks/")
        .skip(1)
        .find_map(|s| s.split('"').next()?.parse().ok())
        .expect("a task link");
    let page_b = format!("/staff/tasks/{task_id}");
    let before = request(b.port, "GET", &page_b, &[("Cookie", &office_b)], None);
    assert_eq!(before.status, 200);
    let note = "Cập nhật qua máy chủ A, xem trên máy chủ B";
    assert!(!before.body.contains(note));
    let csrf_a = request(a.port, "GET", "/staff", &[("Cookie", &office_a)], None).csrf();
    let posted = request(
        a.port,
        "POST",
        &format!("/api/tasks/{task_id}/updates"),
        &[("Cookie", &office_a), ("X-CSRF-Token", &csrf_a)],
        Some((
            "application/json",
            &format!("{{\"text\": \"{note}\", \"progress\": 35}}"),
        )),
    );
    assert_eq!(posted.status, 201, "update through A: {}", posted.body);
    let after = request(b.port, "GET", &page_b, &[("Cookie", &office_b)], None);
    assert!(after.body.contains(note), "B shows A's update at once");

    // A calendar correction saved through A counts on B at once.
    let admin_a = session(a.port, "quantri");
    let admin_b = session(b.port, "quantri");
    let year_b = |port, cookie: &str| {
        request(
            port,
            "GET",
            "/staff/admin/calendar?year=2025",
            &[("Cookie", cookie)],
            None,
        )
    };
    let schedule = year_b(b.port, &admin_b);
    assert!(schedule.body.contains("250 ngày làm việc"), "B before");
    let lines = schedule
        .body
        .split("name=\"lines\" rows=\"16\">")
        .nth(1)
        .and_then(|s| s.split("</textarea>").next())
        .expect("the schedule's lines")
        .replace("&#124;", "|")
        .replace("&#x2f;", "/");
    let more = format!("{lines}\n17/01/2025 | nghỉ lễ | Nghỉ thử nghiệm | QĐ thử");
    let csrf = year_b(a.port, &admin_a).csrf();
    let saved = request(
        a.port,
        "POST",
        "/staff/admin/calendar",
        &[("Cookie", &admin_a)],
        Some((
            "application/x-www-form-urlencoded",
            &form(&[("csrf", &csrf), ("year", "2025"), ("lines", &more)]),
        )),
    );
    assert_eq!(saved.status, 303, "correction through A: {}", saved.body);
    assert!(
        year_b(b.port, &admin_b).body.contains("249 ngày làm việc"),
        "B counts with A's correction"
    );

    // Failed sign-ins through A count on B: after the free ones, B refuses even the right
    // password for that account.
    for _ in 0..papi_core::login::Subject::Account.free_failures() + 1 {
        let refused = sign_in(a.port, "chutich", "sai-mat-khau");
        assert_ne!(refused.status, 303);
    }
    let on_b = sign_in(b.port, "chutich", PASSWORD);
    assert_ne!(on_b.status, 303, "B knows of A's failures");
    assert!(
        on_b.body.contains("phút"),
        "B says how long to wait: {}",
        on_b.body
    );
}
