//! What wraps every request: its id and log line, HTTPS behind a proxy, body and field size
//! limits, and the Vietnamese page (or JSON) for any failure a handler did not render itself
//! (axum's rejections, unknown paths, wrong methods, bodies over the limit).
//!
//! Order, outermost first: drop an `x-request-id` not set by a trusted proxy → set one (a new
//! UUID) → copy it to the response → the request's tracing span (id, method, path without the
//! query, status, latency) → HTTPS from `X-Forwarded-Proto` → error pages → size limits.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Response as HttpResponse, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use papi_core::text::limits;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;
use tracing::Span;

/// A form (or any body that is not a file upload) may be this large.
pub const FORM_LIMIT: usize = 256 * 1024;

static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
static X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");

/// What the error pages of this request need to know.
#[derive(Clone, Debug, Default)]
pub struct RequestInfo {
    /// The id in the log and in the `x-request-id` header.
    pub id: String,
    /// Where "Quay lại" leads: the page the user came from on this site, or `/`.
    pub back: String,
}

tokio::task_local! {
    static INFO: RequestInfo;
}

/// This request's id and way back, when called while handling one.
pub fn current() -> RequestInfo {
    INFO.try_with(|i| i.clone())
        .unwrap_or_else(|_| RequestInfo {
            id: String::new(),
            back: "/".into(),
        })
}

/// Marks a response whose error page a handler already rendered (an `AppError`/`ApiError`):
/// the error-page layer leaves it as it is.
#[derive(Clone, Copy, Debug)]
pub struct Rendered;

#[derive(Clone)]
struct Proxies(Arc<Vec<IpAddr>>);

impl Proxies {
    /// Whether the peer is a trusted proxy (no peer known counts as loopback, as in
    /// `auth::client_ip`).
    fn trusts(&self, req: &Request) -> bool {
        let peer = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
        self.0.contains(&peer)
    }
}

/// Wraps the finished router (state already given) in the layers above.
pub fn wrap(app: Router, trusted_proxies: Arc<Vec<IpAddr>>, secure_cookies: bool) -> Router {
    let proxies = Proxies(trusted_proxies);
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request| {
            let id = req
                .extensions()
                .get::<RequestId>()
                .and_then(|i| i.header_value().to_str().ok())
                .unwrap_or("")
                .to_string();
            tracing::info_span!(
                "request",
                id = %id,
                method = %req.method(),
                // The path only: a query string may carry a token.
                path = %req.uri().path(),
                status = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            )
        })
        .on_request(())
        .on_response(|res: &HttpResponse<Body>, latency: Duration, span: &Span| {
            let status = res.status().as_u16();
            let ms = latency.as_secs_f64() * 1000.0;
            span.record("status", status);
            span.record("latency_ms", ms);
            if status >= 500 {
                tracing::error!(status, latency_ms = ms, "trả lời");
            } else {
                tracing::info!(status, latency_ms = ms, "trả lời");
            }
        })
        .on_failure(());
    app.layer(from_fn(limit_bodies))
        .layer(from_fn(error_pages))
        .layer(from_fn_with_state(
            (proxies.clone(), secure_cookies),
            https_behind_proxy,
        ))
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(X_REQUEST_ID.clone()))
        .layer(SetRequestIdLayer::new(
            X_REQUEST_ID.clone(),
            MakeRequestUuid,
        ))
        .layer(from_fn_with_state(proxies, drop_untrusted_id))
}

/// An incoming `x-request-id` is kept only from a trusted proxy (which logs the same id), and
/// only when it is short and plain; otherwise a new one is made.
async fn drop_untrusted_id(
    State(proxies): State<Proxies>,
    mut req: Request,
    next: Next,
) -> Response {
    let plain = req.headers().get(&X_REQUEST_ID).is_some_and(|v| {
        let b = v.as_bytes();
        !b.is_empty()
            && b.len() <= 64
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
    });
    if !(plain && proxies.trusts(&req)) {
        req.headers_mut().remove(&X_REQUEST_ID);
    }
    next.run(req).await
}

/// Behind HTTPS: with `--secure-cookies`, or when a trusted proxy says the client used HTTPS
/// (`X-Forwarded-Proto: https`), every cookie is `Secure` and browsers are told to keep to
/// HTTPS (HSTS, a year).
async fn https_behind_proxy(
    State((proxies, secure_cookies)): State<(Proxies, bool)>,
    req: Request,
    next: Next,
) -> Response {
    let forwarded = proxies.trusts(&req)
        && req
            .headers()
            .get(&X_FORWARDED_PROTO)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    let mut res = next.run(req).await;
    if !(forwarded || secure_cookies) {
        return res;
    }
    let headers = res.headers_mut();
    let cookies: Vec<HeaderValue> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    if !cookies.is_empty() {
        headers.remove(header::SET_COOKIE);
        for c in cookies {
            let text = c.to_str().unwrap_or_default();
            let secure = text
                .split(';')
                .any(|a| a.trim().eq_ignore_ascii_case("secure"));
            let value = if secure {
                c
            } else {
                HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(c)
            };
            headers.append(header::SET_COOKIE, value);
        }
    }
    headers
        .entry(header::STRICT_TRANSPORT_SECURITY)
        .or_insert(HeaderValue::from_static(
            "max-age=31536000; includeSubDomains",
        ));
    res
}

/// Bodies other than file uploads (multipart) are held to [`FORM_LIMIT`]; the fields of a
/// form to the lengths of `papi_core::text::limits`. Uploads keep their own, larger limit
/// (set on their routes).
async fn limit_bodies(req: Request, next: Next) -> Response {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/") {
        return next.run(req).await;
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > FORM_LIMIT as u64) {
        return too_large(req.uri().path());
    }
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    if !form && declared == Some(0) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(b) => b,
        Err(_) => return too_large(parts.uri.path()),
    };
    if form {
        if let Err(message) = check_fields(&bytes) {
            return failure(StatusCode::BAD_REQUEST, parts.uri.path(), Some(message));
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Each field of an urlencoded form within its length (by the field's name).
fn check_fields(body: &[u8]) -> Result<(), String> {
    for (name, value) in form_urlencoded_pairs(body) {
        let (label, max) = field_limit(&name);
        limits::check(label, &value, max)?;
    }
    Ok(())
}

fn form_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

/// The label shown and the length allowed for a form field, by its name (a per-row field
/// such as `deliverable_12` goes by its stem).
fn field_limit(name: &str) -> (&'static str, usize) {
    let stem = name
        .rsplit_once('_')
        .filter(|(_, n)| n.chars().all(|c| c.is_ascii_digit()))
        .map(|(s, _)| s)
        .unwrap_or(name);
    match stem {
        "title" => ("Tên/tiêu đề", limits::TITLE),
        "name" => ("Tên", limits::NAME),
        "short_name" => ("Tên viết tắt", limits::NAME),
        "full_name" => ("Họ và tên", limits::NAME),
        "username" => ("Tên đăng nhập", limits::NAME),
        "email" => ("Thư điện tử", limits::NAME),
        "number" => ("Số hiệu", limits::NAME),
        "officer" => ("Cán bộ thực hiện", limits::NAME),
        "village" => ("Thôn", limits::NAME),
        "q" => ("Tìm kiếm", limits::NAME),
        "description" => ("Mô tả", limits::TEXT),
        "text" => ("Nội dung", limits::TEXT),
        "comment" => ("Ý kiến", limits::TEXT),
        "deliverable" => ("Sản phẩm", limits::TEXT),
        "actions" => ("Hoạt động", limits::TEXT),
        "done" => ("Kết quả", limits::TEXT),
        "figures" => ("Số liệu", limits::TEXT),
        "highlights" => ("Kết quả nổi bật", limits::TEXT),
        "shortcomings" => ("Tồn tại, hạn chế", limits::TEXT),
        "causes" => ("Nguyên nhân", limits::TEXT),
        "next_steps" => ("Nhiệm vụ tiếp theo", limits::TEXT),
        _ => ("(trường của biểu mẫu)", limits::TEXT),
    }
}

fn too_large(path: &str) -> Response {
    failure(
        StatusCode::PAYLOAD_TOO_LARGE,
        path,
        Some(format!(
            "Dữ liệu gửi lên quá lớn (tối đa {} KB cho một biểu mẫu; tệp đính kèm tối đa {} MB). \
             Hãy rút gọn nội dung rồi gửi lại.",
            FORM_LIMIT / 1024,
            crate::parsing::UPLOAD_LIMIT_MB
        )),
    )
}

/// Failures nobody rendered (axum's own rejections and empty 404/405/413 answers) become the
/// Vietnamese page, or JSON under `/api/`. Also records the request's id and way back for the
/// pages handlers render (`AppError`).
async fn error_pages(req: Request, next: Next) -> Response {
    let info = RequestInfo {
        id: req
            .extensions()
            .get::<RequestId>()
            .and_then(|i| i.header_value().to_str().ok())
            .unwrap_or("")
            .to_string(),
        back: back_link(&req),
    };
    let path = req.uri().path().to_string();
    let res = INFO.scope(info.clone(), next.run(req)).await;
    let status = res.status();
    // A page, JSON or XML (OpenRosa) the application wrote (a form shown again with its
    // errors, 422; a refused submission) stays;
    // axum's rejections are plain text, its 404 and 405 empty.
    let written = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.starts_with("text/html")
                || t.starts_with("application/json")
                || t.starts_with("text/xml")
        });
    if !(status.is_client_error() || status.is_server_error())
        || written
        || res.extensions().get::<Rendered>().is_some()
        || status == StatusCode::UNAUTHORIZED
        || status == StatusCode::TOO_MANY_REQUESTS
    {
        return res;
    }
    // The rejection's own text names the field ("missing field `title`"): keep that much.
    let field = if matches!(
        status,
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY
    ) {
        let body = axum::body::to_bytes(res.into_body(), 4096)
            .await
            .unwrap_or_default();
        missing_field(&String::from_utf8_lossy(&body))
    } else {
        None
    };
    let status = match status {
        // A form or query that does not parse is a bad request, whatever axum called it.
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            StatusCode::BAD_REQUEST
        }
        s => s,
    };
    let message = match (status, field) {
        (StatusCode::BAD_REQUEST, Some(f)) => Some(format!(
            "Biểu mẫu thiếu hoặc sai trường “{f}”. Hãy tải lại trang, điền đủ rồi gửi lại."
        )),
        (StatusCode::PAYLOAD_TOO_LARGE, _) => return too_large(&path),
        _ => None,
    };
    INFO.scope(info, async { failure(status, &path, message) })
        .await
}

/// The field named in a serde message: "missing field `title`", "`due`: invalid …".
fn missing_field(text: &str) -> Option<String> {
    let start = text.find('`')? + 1;
    let len = text[start..].find('`')?;
    let f = &text[start..start + len];
    (!f.is_empty() && f.len() <= 40 && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| f.to_string())
}

/// "Quay lại" leads to the page the request came from when that page is on this site.
fn back_link(req: &Request) -> String {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let referer = req
        .headers()
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok());
    if let (Some(host), Some(referer)) = (host, referer) {
        for scheme in ["http://", "https://"] {
            if let Some(rest) = referer.strip_prefix(scheme) {
                if let Some(path) = rest.strip_prefix(host) {
                    if path.starts_with('/') && !path.starts_with("//") {
                        return path.to_string();
                    }
                }
            }
        }
    }
    "/".into()
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub status: u16,
    pub heading: &'static str,
    pub message: String,
    /// Shown on the 500 page so an official can quote it.
    pub request_id: String,
    pub back: String,
}

/// The heading and usual explanation of each status.
pub fn explain(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => (
            "Yêu cầu không hợp lệ",
            "Dữ liệu gửi lên không đúng định dạng hoặc thiếu thông tin. Hãy tải lại trang rồi thử lại.",
        ),
        401 => ("Cần đăng nhập", "Bạn cần đăng nhập."),
        403 => (
            "Không có quyền",
            "Bạn không có quyền thực hiện thao tác này.",
        ),
        404 => (
            "Không tìm thấy",
            "Không tìm thấy trang hoặc dữ liệu yêu cầu. Địa chỉ có thể đã gõ sai hoặc dữ liệu đã bị xóa.",
        ),
        405 => (
            "Thao tác không được hỗ trợ",
            "Trang này không nhận thao tác đó (phương thức HTTP không phù hợp). Hãy quay lại và dùng nút trên trang.",
        ),
        413 => (
            "Dữ liệu quá lớn",
            "Dữ liệu gửi lên vượt giới hạn cho phép.",
        ),
        422 => ("Dữ liệu chưa hợp lệ", "Dữ liệu chưa hợp lệ."),
        429 => ("Thao tác quá nhanh", "Vui lòng chờ một phút rồi thử lại."),
        s if s >= 500 => (
            "Lỗi hệ thống",
            "Lỗi hệ thống. Thao tác chưa được thực hiện; vui lòng thử lại sau.",
        ),
        _ => ("Không thực hiện được", "Yêu cầu không thực hiện được."),
    }
}

/// The page (or JSON under `/api/`) for `status`, with `message` or the status's usual one.
pub fn failure(status: StatusCode, path: &str, message: Option<String>) -> Response {
    let message = message.unwrap_or_else(|| explain(status).1.to_string());
    if path.starts_with("/api/") {
        json(status, message)
    } else {
        page(status, message)
    }
}

/// The Vietnamese error page: what happened, the request id on a 500, a way back.
pub fn page(status: StatusCode, message: String) -> Response {
    let info = current();
    let page = ErrorPage {
        status: status.as_u16(),
        heading: explain(status).0,
        message: message.clone(),
        request_id: if status.is_server_error() {
            info.id
        } else {
            String::new()
        },
        back: info.back,
    };
    let body = page.render().unwrap_or(message);
    let mut res = (status, Html(body)).into_response();
    res.extensions_mut().insert(Rendered);
    res
}

/// The same for the JSON API: `{"error": …}`, and `request_id` on a 500.
pub fn json(status: StatusCode, message: String) -> Response {
    let mut body = serde_json::json!({ "error": message });
    let id = current().id;
    if status.is_server_error() && !id.is_empty() {
        body["request_id"] = serde_json::Value::String(id);
    }
    let mut res = (status, axum::Json(body)).into_response();
    res.extensions_mut().insert(Rendered);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_row_fields_go_by_their_stem() {
        assert_eq!(field_limit("deliverable_12").1, limits::TEXT);
        assert_eq!(field_limit("title").1, limits::TITLE);
        assert_eq!(field_limit("full_name").1, limits::NAME);
        assert_eq!(field_limit("next_steps").0, "Nhiệm vụ tiếp theo");
    }

    #[test]
    fn the_field_is_read_from_serde_messages() {
        assert_eq!(
            missing_field("Failed to deserialize form body: missing field `title`"),
            Some("title".into())
        );
        assert_eq!(missing_field("length limit exceeded"), None);
    }
}
