//! A recorded ODK Collect session (`testdata/odk/`), replayed against `papi serve` on the demo
//! database: the form list (401 with a Digest challenge, then answered), the form and its
//! manifest, the HEAD before sending, and a submission with a photo. The answer then counts
//! in the survey's public results, the photo is stored, and sending it again stores nothing
//! new.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use md5::{Digest, Md5};

const LOGIN: &str = "dieutra1";
const PASSWORD: &str = "demo-papi-2025";

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn papi(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_papi"));
    c.current_dir(dir)
        .env(
            "PAPI_DATABASE_URL",
            format!("sqlite://{}", dir.join("papi.db").display()),
        )
        .env("PAPI_LOG", "warn")
        .args(args);
    c
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/odk")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn param(challenge: &str, key: &str) -> String {
    let at = format!("{key}=\"");
    challenge
        .split(&at)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
        .to_string()
}

/// The Authorization ODK Collect answers a Digest challenge with (RFC 7616 §3.4, MD5,
/// `qop=auth`), for request line `method uri`.
fn authorization(challenge: &str, method: &str, uri: &str, nc: u32) -> String {
    let (realm, nonce, opaque) = (
        param(challenge, "realm"),
        param(challenge, "nonce"),
        param(challenge, "opaque"),
    );
    let ha1 = md5_hex(&format!("{LOGIN}:{realm}:{PASSWORD}"));
    let ha2 = md5_hex(&format!("{method}:{uri}"));
    let nc = format!("{nc:08x}");
    let cnonce = "b4e1c0f29a7d3e65";
    let response = md5_hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"));
    format!(
        "Digest username=\"{LOGIN}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", qop=auth, nc={nc}, cnonce=\"{cnonce}\", algorithm=MD5, opaque=\"{opaque}\""
    )
}

struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> String {
        self.head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends a recorded request (its head with the placeholders filled, then `body`).
fn replay(port: u16, head: &[u8], fill: &[(&str, String)], body: &[u8]) -> Answer {
    let mut head = String::from_utf8(head.to_vec()).unwrap();
    for (k, v) in fill {
        head = head.replace(k, v);
    }
    let mut req = head.trim_end_matches("\r\n").to_string();
    if !body.is_empty() {
        req.push_str(&format!("\r\nContent-Length: {}", body.len()));
    }
    req.push_str("\r\n\r\n");
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

/// The request line's method and URI of a recorded request with its placeholders filled.
fn request_line(head: &[u8], fill: &[(&str, String)]) -> (String, String) {
    let mut line = String::from_utf8_lossy(head)
        .lines()
        .next()
        .unwrap()
        .to_string();
    for (k, v) in fill {
        line = line.replace(k, v);
    }
    let mut parts = line.split(' ');
    (
        parts.next().unwrap().to_string(),
        parts.next().unwrap().to_string(),
    )
}

/// The number the public results page prints before "phiếu đã trả lời".
fn answered(port: u16, host: &str, gso: &str) -> u64 {
    let head =
        format!("GET /public/{gso}/survey HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    let page = replay(port, head.as_bytes(), &[], b"").text();
    let before = page
        .split(" phiếu đã trả lời")
        .next()
        .unwrap_or("")
        .rsplit(|c: char| !c.is_ascii_digit() && c != '.')
        .next()
        .unwrap_or("")
        .replace('.', "");
    before
        .parse()
        .unwrap_or_else(|_| panic!("no answer count on the public page: {page}"))
}

#[test]
fn a_recorded_odk_collect_session_lands_in_the_results_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let demo = ok(papi(d, &["demo", "--file", "papi.db", "--no-serve"])
        .output()
        .unwrap());
    let gso = demo
        .split("/openrosa/")
        .nth(1)
        .and_then(|s| s.split(|c: char| c == ',' || c.is_whitespace()).next())
        .expect("the demo prints the ODK Collect server URL")
        .to_string();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        papi(
            d,
            &[
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--today",
                "2025-10-15",
            ],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "papi serve did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    let host = format!("127.0.0.1:{port}");
    let mut fill = vec![("{host}", host.clone()), ("{gso}", gso.clone())];
    let answered_before = answered(port, &host, &gso);

    // 1. The form list without credentials: the Digest challenge.
    let r = replay(port, &fixture("01-formlist-challenge.http"), &fill, b"");
    assert_eq!(r.status, 401, "{}", r.text());
    let challenge = r.header("www-authenticate");
    assert!(
        challenge.starts_with("Digest ") && challenge.contains("qop=\"auth\""),
        "{challenge}"
    );
    assert_eq!(r.header("x-openrosa-version"), "1.0");
    assert!(!r.header("date").is_empty());

    // Each later request answers the challenge for its own request line.
    let mut nc = 0;
    let mut send = |name: &str, fill: &mut Vec<(&str, String)>, body: &[u8]| -> Answer {
        let head = fixture(name);
        let (method, uri) = request_line(&head, fill);
        nc += 1;
        fill.retain(|(k, _)| *k != "{authorization}");
        fill.push((
            "{authorization}",
            authorization(&challenge, &method, &uri, nc),
        ));
        replay(port, &head, fill, body)
    };

    // 2. The form list, signed in.
    let r = send("02-formlist.http", &mut fill, b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let list = r.text();
    let form_id = list
        .split("<formID>")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("a form on the list")
        .to_string();
    let hash = list
        .split("<hash>md5:")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_string();
    assert!(
        list.contains(&format!(
            "<downloadUrl>http://{host}/openrosa/{gso}/forms/{form_id}/form.xml</downloadUrl>"
        )),
        "{list}"
    );
    fill.push(("{form_id}", form_id.clone()));

    // 3. The form (its MD5 is the list's hash) and its manifest.
    let r = send("03-form.http", &mut fill, b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let md5: String = Md5::digest(&r.body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(md5, hash);
    let form = r.text();
    assert!(
        form.contains("<h:html") && form.contains("jr:preload=\"uid\""),
        "{form}"
    );
    let village = form
        .split("<instance id=\"village\"><root><item><name>")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("the village list in the form")
        .to_string();
    fill.push(("{village}", village));
    let r = send("04-manifest.http", &mut fill, b"");
    assert_eq!(r.status, 200, "{}", r.text());

    // 4. HEAD, then the submission with its photo.
    let r = send("05-submission-head.http", &mut fill, b"");
    assert_eq!(r.status, 204, "{}", r.text());
    assert!(!r.header("x-openrosa-accept-content-length").is_empty());
    let head = String::from_utf8(fixture("06-submission.http")).unwrap();
    let boundary = head
        .split("boundary=")
        .nth(1)
        .and_then(|s| s.lines().next())
        .unwrap()
        .trim()
        .to_string();
    let mut xml = String::from_utf8(fixture("submission.xml")).unwrap();
    for (k, v) in &fill {
        xml = xml.replace(k, v);
    }
    let photo = fixture("1760499612345.jpg");
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; filename=\"submission.xml\"\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\n\r\n", xml.len()).as_bytes());
    body.extend_from_slice(xml.as_bytes());
    body.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"1760499612345.jpg\"; filename=\"1760499612345.jpg\"\r\nContent-Type: image/jpeg\r\nContent-Length: {}\r\n\r\n", photo.len()).as_bytes());
    body.extend_from_slice(&photo);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = send("06-submission.http", &mut fill, &body);
    assert_eq!(r.status, 201, "{}", r.text());
    assert!(
        r.text().contains("<OpenRosaResponse") && r.text().contains("Đã nhận phiếu"),
        "{}",
        r.text()
    );
    assert_eq!(answered(port, &host, &gso), answered_before + 1);

    // Sent again (Collect resends when it saw no answer): success, nothing new.
    let r = send("06-submission.http", &mut fill, &body);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(answered(port, &host, &gso), answered_before + 1);

    // The photo is stored, once, byte for byte: read back through the store.
    drop(_server);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url = format!("sqlite://{}", d.join("papi.db").display());
    rt.block_on(async {
        let store = papi_store::Store::open(&url).await.unwrap();
        let communes = papi_store::org::communes(&store).await.unwrap();
        let commune = communes.iter().find(|c| c.gso_code == gso).unwrap();
        let surveys = papi_store::survey::surveys(&store, commune.id)
            .await
            .unwrap();
        let files = papi_store::collect::files(&store, commune.id, surveys[0].id)
            .await
            .unwrap();
        assert_eq!(files.len(), 1, "{files:?}");
        let (name, ct, bytes) = papi_store::collect::file(&store, commune.id, files[0].id)
            .await
            .unwrap();
        assert_eq!(
            (name.as_str(), ct.as_str()),
            ("1760499612345.jpg", "image/jpeg")
        );
        assert_eq!(bytes, photo);
        let subs = papi_store::collect::submissions(&store, commune.id, surveys[0].id, 10)
            .await
            .unwrap();
        let codes: Vec<&str> = subs.iter().map(|s| s.status.code()).collect();
        assert_eq!(codes, ["duplicate", "accepted"]);
        assert_eq!(subs[1].enumerator, LOGIN);
    });
}
