//! The OpenRosa server ODK Collect and KoboCollect talk to. Its "server URL" is
//! `https://host/openrosa/{gso}`; the phone appends `/formList` and `/submission`.
//!
//! Authentication: every request must carry an enumerator's credentials. Without them the
//! answer is 401 with a Digest challenge (RFC 7616, MD5, `qop=auth`), which ODK Collect
//! answers. Basic authentication is accepted only over HTTPS: when the server was started
//! behind HTTPS (`--secure-cookies`) or a trusted reverse proxy says `X-Forwarded-Proto:
//! https`. Failed attempts count toward the sign-in throttling of staff accounts.

use axum::extract::{ConnectInfo, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use papi_app::collect as app;
use papi_core::collect::SubmissionStatus;
use papi_core::Commune;
use papi_store::collect::{Enumerator, NewFile};

use crate::auth::ClientIp;
use crate::AppState;

/// Largest post a phone may send (ODK Collect splits bigger submissions into several posts).
pub const ACCEPT_CONTENT_LENGTH: usize = 10 * 1024 * 1024;

/// The body limit of the submission route: one post plus the multipart framing.
pub const POST_LIMIT: usize = ACCEPT_CONTENT_LENGTH + 1024 * 1024;

/// Largest number of attachments in one post.
const MAX_FILES: usize = 20;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xml_reply(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml; charset=utf-8"),
    );
    h.insert("x-openrosa-version", HeaderValue::from_static("1.0"));
    r
}

/// An `OpenRosaResponse` carrying `message`.
fn message(status: StatusCode, text: &str) -> Response {
    let nature = if status.is_success() {
        " nature=\"submit_success\""
    } else {
        ""
    };
    xml_reply(
        status,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\"><message{nature}>{}</message></OpenRosaResponse>\n",
            esc(text)
        ),
    )
}

async fn commune_by_gso(state: &AppState, gso: &str) -> Option<Commune> {
    papi_store::org::communes(&state.store)
        .await
        .ok()?
        .into_iter()
        .find(|c| c.gso_code == gso)
}

/// Whether the request reached us over HTTPS.
fn over_https(state: &AppState, req: &Request) -> bool {
    if state.secure_cookies {
        return true;
    }
    let peer = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let from_proxy = peer.is_some_and(|p| state.trusted_proxies.contains(&p));
    from_proxy
        && req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// Standard base64 (RFC 4648) to bytes; `None` when malformed.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let s = s.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        acc = (acc << 6) | val(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

async fn challenge(state: &AppState, stale: bool, text: &str) -> Response {
    let now = chrono::Utc::now().timestamp();
    let mut r = message(StatusCode::UNAUTHORIZED, text);
    if let Ok(c) = app::challenge(state, now, stale).await {
        if let Ok(v) = HeaderValue::from_str(&c) {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
    }
    r
}

/// The guard of every OpenRosa route: the commune of the path, and an active enumerator of
/// it signed in by Digest (or Basic over HTTPS). Hands both to the handler.
pub async fn require_enumerator(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let gso = req
        .uri()
        .path()
        .strip_prefix("/openrosa/")
        .and_then(|p| p.split('/').next())
        .unwrap_or("")
        .to_string();
    let Some(commune) = commune_by_gso(&state, &gso).await else {
        return message(StatusCode::NOT_FOUND, "Không có xã này.");
    };
    let address = req
        .extensions()
        .get::<ClientIp>()
        .map(|c| c.0.to_string())
        .unwrap_or_default();
    let now = chrono::Utc::now().timestamp();
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let outcome = if auth.starts_with("Digest ") {
        let uri = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default();
        let method = req.method().as_str().to_string();
        app::sign_in_digest(&state, &commune, &auth, &method, &uri, &address, now).await
    } else if let Some(b64) = auth.strip_prefix("Basic ") {
        if !over_https(&state, &req) {
            return challenge(
                &state,
                false,
                "Chỉ nhận mật khẩu dạng Basic qua HTTPS; hãy dùng địa chỉ https:// hoặc xác thực Digest.",
            )
            .await;
        }
        let decoded = base64_decode(b64)
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        let (login, password) = decoded.split_once(':').unwrap_or(("", ""));
        app::sign_in_basic(&state, &commune, login, password, &address, now).await
    } else {
        return challenge(&state, false, "Cần đăng nhập bằng tài khoản điều tra viên.").await;
    };
    match outcome {
        Ok(app::SignIn::Ok(e)) => {
            req.extensions_mut().insert(e);
            req.extensions_mut().insert(commune);
            next.run(req).await
        }
        Ok(app::SignIn::Stale) => {
            challenge(&state, true, "Phiên xác thực đã hết hạn; vui lòng gửi lại.").await
        }
        Ok(app::SignIn::Refused { wait }) if wait > 0 => {
            let mut r = message(
                StatusCode::TOO_MANY_REQUESTS,
                &papi_core::login::locked_message(wait),
            );
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        Ok(app::SignIn::Refused { .. }) => {
            tracing::warn!(address, gso, "failed enumerator sign-in");
            challenge(
                &state,
                false,
                "Tên đăng nhập hoặc mật khẩu của điều tra viên không đúng, hoặc tài khoản đã bị khóa.",
            )
            .await
        }
        Err(e) => {
            tracing::error!(error = %e, "enumerator sign-in");
            message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Lỗi hệ thống; vui lòng thử lại sau.",
            )
        }
    }
}

/// `scheme://host/openrosa/{gso}` as the phone reached it.
fn base_url(state: &AppState, headers: &HeaderMap, gso: &str) -> String {
    let host = headers
        .get("x-forwarded-host")
        .filter(|_| !state.trusted_proxies.is_empty())
        .or_else(|| headers.get(header::HOST))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let https = state.secure_cookies
        || (!state.trusted_proxies.is_empty()
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https")));
    format!(
        "{}://{}/openrosa/{gso}",
        if https { "https" } else { "http" },
        host
    )
}

fn internal(e: papi_app::Error) -> Response {
    match e {
        papi_app::Error::NotFound => message(StatusCode::NOT_FOUND, "Không có biểu mẫu này."),
        e => {
            tracing::error!(error = %e, "openrosa");
            message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Lỗi hệ thống; vui lòng thử lại sau.",
            )
        }
    }
}

/// `GET formList`: the forms out for fieldwork (OpenRosa Form List API).
pub async fn form_list(
    State(state): State<AppState>,
    Extension(commune): Extension<Commune>,
    headers: HeaderMap,
) -> Response {
    let forms = match app::open_forms(&state, commune.id).await {
        Ok(f) => f,
        Err(e) => return internal(e),
    };
    let base = base_url(&state, &headers, &commune.gso_code);
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">\n",
    );
    for f in &forms {
        body.push_str(&format!(
            "<xform><formID>{id}</formID><name>{name}</name><version>{version}</version><hash>{hash}</hash><descriptionText>{name}</descriptionText><downloadUrl>{base}/forms/{id}/form.xml</downloadUrl><manifestUrl>{base}/forms/{id}/manifest</manifestUrl></xform>\n",
            id = esc(&f.form_id),
            name = esc(&f.title),
            version = esc(&f.version),
            hash = esc(&f.hash),
            base = esc(&base),
        ));
    }
    body.push_str("</xforms>\n");
    xml_reply(StatusCode::OK, body)
}

/// `GET forms/{id}/form.xml`: one form as an XForm.
pub async fn form_xml(
    State(state): State<AppState>,
    Extension(commune): Extension<Commune>,
    Path((_gso, id)): Path<(String, String)>,
) -> Response {
    match app::open_form_by_id(&state, commune.id, &id).await {
        Ok(f) => xml_reply(StatusCode::OK, f.xml),
        Err(e) => internal(e),
    }
}

/// `GET forms/{id}/manifest`: the form's media files (the questionnaires have none yet).
pub async fn manifest(
    State(state): State<AppState>,
    Extension(commune): Extension<Commune>,
    Path((_gso, id)): Path<(String, String)>,
) -> Response {
    match app::open_form_by_id(&state, commune.id, &id).await {
        Ok(_) => xml_reply(
            StatusCode::OK,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"http://openrosa.org/xforms/xformsManifest\"></manifest>\n".into(),
        ),
        Err(e) => internal(e),
    }
}

fn accept_length(mut r: Response) -> Response {
    r.headers_mut().insert(
        "x-openrosa-accept-content-length",
        HeaderValue::from(ACCEPT_CONTENT_LENGTH),
    );
    r
}

/// `HEAD submission`: 204 with the largest post accepted.
pub async fn submission_head() -> Response {
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut()
        .insert("x-openrosa-version", HeaderValue::from_static("1.0"));
    accept_length(r)
}

fn status_of(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST)
}

/// `POST submission`: `xml_submission_file` and the attachments, maybe over several posts
/// (`*isIncomplete*=yes` on all but the last).
pub async fn submission(
    State(state): State<AppState>,
    Extension(commune): Extension<Commune>,
    Extension(enumerator): Extension<Enumerator>,
    mut multipart: Multipart,
) -> Response {
    let mut xml: Option<Vec<u8>> = None;
    let mut files = Vec::new();
    let mut more = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return accept_length(message(
                    StatusCode::BAD_REQUEST,
                    &format!("Nội dung gửi lên không đọc được (multipart/form-data): {e}"),
                ))
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().unwrap_or("").to_string();
        let content_type = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_string();
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(_) => {
                return accept_length(message(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    &format!(
                        "Lần gửi quá lớn: tối đa {} MB mỗi lần.",
                        ACCEPT_CONTENT_LENGTH / (1024 * 1024)
                    ),
                ))
            }
        };
        match name.as_str() {
            "xml_submission_file" => xml = Some(bytes.to_vec()),
            "*isIncomplete*" => more = bytes.as_ref().eq_ignore_ascii_case(b"yes"),
            _ => {
                if files.len() >= MAX_FILES {
                    return accept_length(message(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        &format!("Tối đa {MAX_FILES} tệp đính kèm mỗi lần gửi."),
                    ));
                }
                let stored_name = if file_name.is_empty() {
                    name
                } else {
                    file_name
                };
                let clean: String = stored_name
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(200)
                    .collect();
                if clean.is_empty() {
                    continue;
                }
                files.push(NewFile {
                    name: clean,
                    content_type,
                    content: bytes.to_vec(),
                });
            }
        }
    }
    let Some(xml) = xml else {
        return accept_length(message(
            StatusCode::BAD_REQUEST,
            "Thiếu tệp phiếu `xml_submission_file`.",
        ));
    };
    match app::submit(&state, &commune, &enumerator, &xml, files, more).await {
        Ok(out) => {
            let d = out.decision;
            let text = match d.status {
                SubmissionStatus::Accepted => "Đã nhận phiếu. Cảm ơn anh/chị!".to_string(),
                SubmissionStatus::Incomplete => {
                    "Đã nhận một phần phiếu; đang chờ các tệp còn lại.".to_string()
                }
                _ => d.reason.clone(),
            };
            accept_length(message(status_of(d.http), &text))
        }
        Err(e) => accept_length(internal(e)),
    }
}
