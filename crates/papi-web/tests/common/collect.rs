//! Field collection in the tests: the test enumerator, the survey opened for fieldwork, a
//! submission as ODK Collect writes it, and HTTP Digest answered as RFC 7616 computes it
//! (with the `md-5` crate, not papi's own code). Also how the route × role test fills and
//! calls the OpenRosa routes and the staff pages of field collection.

#![allow(dead_code)]

use md5::{Digest, Md5};

use super::{Client, Reply, World};

pub const LOGIN: &str = "dieutra_thu";
pub const ENUMERATOR_PASSWORD: &str = "mat-khau-dieu-tra-1";
/// ODK Collect's User-Agent (the version does not matter to the server).
pub const USER_AGENT: &str =
    "Dalvik/2.1.0 (Linux; U; Android 13; SM-A145F Build/TP1A.220624.014) org.odk.collect.android/v2024.3.3";

fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The test enumerator exists (any village) and the World's survey is open for fieldwork
/// from 01/01/2025.
pub async fn ready(w: &World) {
    let have = papi_store::collect::by_login(&w.store, w.commune.id, LOGIN)
        .await
        .unwrap();
    if have.is_none() {
        let mut tx = w.store.begin_write().await.unwrap();
        papi_store::collect::insert_enumerator(
            &mut tx,
            "t",
            w.commune.id,
            LOGIN,
            "Điều Tra Thử",
            &[],
            ENUMERATOR_PASSWORD,
        )
        .await
        .unwrap();
        papi_store::collect::set_window(&mut tx, "t", w.commune.id, w.survey_id, "2025-01-01", "")
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
}

/// The id the World's survey carries on phones.
pub fn form_id(w: &World) -> String {
    format!("papi_xa_{}", w.survey_id)
}

/// One parameter of a `WWW-Authenticate: Digest …` challenge.
pub fn param(challenge: &str, key: &str) -> String {
    let at = format!("{key}=");
    let Some(i) = challenge.find(&at) else {
        return String::new();
    };
    let rest = &challenge[i + at.len()..];
    match rest.strip_prefix('"') {
        Some(q) => q.split('"').next().unwrap_or("").to_string(),
        None => rest.split(',').next().unwrap_or("").trim().to_string(),
    }
}

/// The Authorization header ODK Collect sends in answer to `challenge` (RFC 7616 §3.4,
/// MD5, qop=auth).
pub fn authorization(
    challenge: &str,
    login: &str,
    password: &str,
    method: &str,
    uri: &str,
) -> String {
    let realm = param(challenge, "realm");
    let nonce = param(challenge, "nonce");
    let opaque = param(challenge, "opaque");
    let ha1 = md5_hex(&format!("{login}:{realm}:{password}"));
    let ha2 = md5_hex(&format!("{method}:{uri}"));
    let (nc, cnonce) = ("00000001", "6c3a5e0f2b1d4a97");
    let response = md5_hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"));
    format!(
        "Digest username=\"{login}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", qop=auth, nc={nc}, cnonce=\"{cnonce}\", algorithm=MD5, opaque=\"{opaque}\""
    )
}

fn odk_headers() -> Vec<(&'static str, String)> {
    vec![
        ("user-agent", USER_AGENT.to_string()),
        ("x-openrosa-version", "1.0".to_string()),
        ("date", "Thu, 01 May 2025 02:00:00 GMT".to_string()),
        ("host", "papi.test".to_string()),
    ]
}

/// Sends as ODK Collect does: without credentials first, then answering the 401's challenge
/// as `login`. Returns the challenge reply and the answer.
pub async fn send_as(
    c: &Client,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
    login: &str,
    password: &str,
) -> (Reply, Reply) {
    let first = c
        .send(method, path, content_type, Vec::new(), &odk_headers())
        .await;
    let challenge = first
        .headers
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mut headers = odk_headers();
    headers.push((
        "authorization",
        authorization(&challenge, login, password, method, path),
    ));
    let second = c.send(method, path, content_type, body, &headers).await;
    (first, second)
}

/// As [`send_as`] for the test enumerator; only the answer.
pub async fn send(
    c: &Client,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Reply {
    send_as(
        c,
        method,
        path,
        content_type,
        body,
        LOGIN,
        ENUMERATOR_PASSWORD,
    )
    .await
    .1
}

/// A filled-in default questionnaire as ODK Collect writes it.
pub fn submission_xml(
    form_id: &str,
    instance: &str,
    village: &str,
    sex: &str,
    extra: &str,
) -> String {
    format!(
        "<?xml version='1.0' ?><data id=\"{form_id}\" version=\"2025.1\" xmlns:h=\"http://www.w3.org/1999/xhtml\" xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\" xmlns:odk=\"http://www.opendatakit.org/xforms\"><intro/><village>{village}</village><sex>{sex}</sex><age_band>30-44</age_band><d1><knows_slogan>yes</knows_slogan><knows_democracy_law>no</knows_democracy_law><voted_na>yes</voted_na>{extra}</d1><meta><instanceID>uuid:{instance}</instanceID></meta></data>"
    )
}

/// A multipart body as ODK Collect posts it (OkHttp's boundary): the XML, then the files.
pub fn multipart(xml: &str, files: &[(&str, &str, &[u8])], incomplete: bool) -> (String, Vec<u8>) {
    let boundary = "1f6b6f3e-0c2d-4b8e-9a51-5d7c2e8f4a10";
    let mut body = Vec::new();
    let mut part = |headers: String, content: &[u8]| {
        body.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"xml_submission_file\"; filename=\"submission.xml\"\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ".to_string() + &xml.len().to_string(),
        xml.as_bytes(),
    );
    for (name, ct, bytes) in files {
        part(
            format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: {ct}\r\nContent-Length: {}", bytes.len()),
            bytes,
        );
    }
    if incomplete {
        part(
            "Content-Disposition: form-data; name=\"*isIncomplete*\"\r\nContent-Length: 3".into(),
            b"yes",
        );
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A tiny JPEG (a 1×1 grey image: SOI, JFIF, quantisation and Huffman tables, one scan, EOI).
pub const PHOTO: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08,
    0x07, 0x07, 0x07, 0x09, 0x09, 0x08, 0x0A, 0x0C, 0x14, 0x0D, 0x0C, 0x0B, 0x0B, 0x0C, 0x19, 0x12,
    0x13, 0x0F, 0x14, 0x1D, 0x1A, 0x1F, 0x1E, 0x1D, 0x1A, 0x1C, 0x1C, 0x20, 0x24, 0x2E, 0x27, 0x20,
    0x22, 0x2C, 0x23, 0x1C, 0x1C, 0x28, 0x37, 0x29, 0x2C, 0x30, 0x31, 0x34, 0x34, 0x34, 0x1F, 0x27,
    0x39, 0x3D, 0x38, 0x32, 0x3C, 0x2E, 0x33, 0x34, 0x32, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01,
    0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0xFF, 0xC4,
    0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x2A, 0x9F,
    0xFF, 0xD9,
];

fn counter() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// The route test's paths: the commune's code and the survey's served form id.
pub fn fill(path: &str, w: &World) -> Option<String> {
    path.starts_with("/openrosa/").then(|| {
        path.replace("{gso}", &w.commune.gso_code)
            .replace("{id}", &form_id(w))
    })
}

/// The route test's calls: an anonymous client sends no credentials (the answer must be the
/// Digest challenge); any other signs in as the test enumerator, whatever its staff session.
pub async fn call(
    w: &World,
    c: &Client,
    method: &str,
    path: &str,
    template: &str,
) -> Option<Reply> {
    match (method, template) {
        ("POST", "/staff/survey/enumerators") => {
            let login = format!("dt_matrix{}", counter());
            return Some(
                c.post_form(
                    path,
                    &[
                        ("op", "create"),
                        ("login", &login),
                        ("name", "Điều tra viên mới"),
                        ("password", "mat-khau-du-muoi-ky-tu"),
                    ],
                )
                .await,
            );
        }
        _ if !template.starts_with("/openrosa/") => return None,
        _ => {}
    }
    ready(w).await;
    let (ct, body) = if method == "POST" {
        let uuid = format!("7d1e6c2a-0000-4000-8000-{:012}", counter());
        let (ct, body) = multipart(
            &submission_xml(&form_id(w), &uuid, "thon_dong", "M", ""),
            &[("1714521600000.jpg", "image/jpeg", PHOTO)],
            false,
        );
        (Some(ct), body)
    } else {
        (None, Vec::new())
    };
    if c.session.is_none() {
        return Some(
            c.send(method, path, ct.as_deref(), body, &odk_headers())
                .await,
        );
    }
    Some(send(c, method, path, ct.as_deref(), body).await)
}
