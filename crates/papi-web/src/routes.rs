//! Every route, who may use it, and the router. The route × role test walks `ROUTES`, and a
//! test checks that the router registers exactly these paths.

use axum::extract::DefaultBodyLimit;
use axum::http::header::{self, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use papi_core::Action;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{
    api, assets, audit, auth, calendar, documents, org, plan, province, public, reporting, survey,
    unit_plan, AppState,
};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in users whose role allows the action.
    Staff(Action),
}

#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub method: &'static str,
    /// Path with `{param}` placeholders as axum writes them.
    pub path: &'static str,
    pub access: Access,
    pub summary: &'static str,
}

const fn r(
    method: &'static str,
    path: &'static str,
    access: Access,
    summary: &'static str,
) -> RouteSpec {
    RouteSpec {
        method,
        path,
        access,
        summary,
    }
}

use Access::{Public, Staff};
use Action::{
    ApproveReport, EditPlan, ManageOrganisation, PostProgress, ReviewUnitWork, ViewAudit,
    ViewProvince, ViewStaffPages, WriteUnitWork,
};

#[rustfmt::skip]
pub const ROUTES: &[RouteSpec] = &[
    r("GET", "/", Public, "Cổng công khai"),
    r("GET", "/public/{gso}", Public, "Trang công khai của xã"),
    r("GET", "/public/{gso}/dimension/{n}", Public, "Nhiệm vụ công khai của một lĩnh vực"),
    r("GET", "/healthz", Public, "Kiểm tra máy chủ"),
    r("GET", "/static/app.css", Public, "Giao diện"),
    r("GET", "/static/app.js", Public, "Mã trang"),
    r("GET", "/login", Public, "Trang đăng nhập"),
    r("POST", "/login", Public, "Đăng nhập"),
    r("POST", "/logout", Staff(ViewStaffPages), "Đăng xuất"),
    r("GET", "/staff", Staff(ViewStaffPages), "Bảng điều khiển"),
    r("GET", "/staff/plan", Staff(ViewStaffPages), "Cây kế hoạch"),
    r("GET", "/staff/tasks", Staff(ViewStaffPages), "Danh sách nhiệm vụ"),
    r("GET", "/staff/tasks/new", Staff(EditPlan), "Biểu mẫu thêm nhiệm vụ"),
    r("POST", "/staff/tasks", Staff(EditPlan), "Thêm nhiệm vụ"),
    r("GET", "/staff/tasks/{id}", Staff(ViewStaffPages), "Trang nhiệm vụ"),
    r("GET", "/staff/tasks/{id}/edit", Staff(EditPlan), "Biểu mẫu sửa nhiệm vụ"),
    r("POST", "/staff/tasks/{id}/edit", Staff(EditPlan), "Sửa nhiệm vụ"),
    r("POST", "/staff/tasks/{id}/status", Staff(EditPlan), "Đổi trạng thái"),
    r("POST", "/staff/tasks/{id}/progress", Staff(PostProgress), "Cập nhật tiến độ"),
    r("GET", "/staff/evidence/{id}", Staff(ViewStaffPages), "Tải tệp minh chứng"),
    r("GET", "/staff/export/tasks.xlsx", Staff(ViewStaffPages), "Xuất biểu nhiệm vụ"),
    r("GET", "/staff/import", Staff(EditPlan), "Nạp kế hoạch, biểu nhiệm vụ"),
    r("POST", "/staff/import/plan", Staff(EditPlan), "Đọc, lưu kế hoạch"),
    r("POST", "/staff/import/tasks", Staff(EditPlan), "Nhập biểu nhiệm vụ"),
    r("GET", "/staff/admin", Staff(ManageOrganisation), "Đơn vị và người dùng"),
    r("POST", "/staff/admin/units", Staff(ManageOrganisation), "Thêm đơn vị"),
    r("POST", "/staff/admin/users", Staff(ManageOrganisation), "Thêm người dùng"),
    r("POST", "/staff/admin/users/{id}", Staff(ManageOrganisation), "Đổi mật khẩu, khóa, mở khóa"),
    r("GET", "/staff/audit", Staff(ViewAudit), "Nhật ký thay đổi"),
    r("GET", "/staff/province", Staff(ViewProvince), "Toàn tỉnh: các xã, phường"),
    r("GET", "/staff/unit-plans", Staff(ViewStaffPages), "Kế hoạch của các đơn vị"),
    r("GET", "/staff/unit-plans/{unit}", Staff(ViewStaffPages), "Kế hoạch của một đơn vị"),
    r("POST", "/staff/unit-plans/{unit}", Staff(WriteUnitWork), "Lưu, gửi kế hoạch của đơn vị (người của đơn vị, Văn phòng)"),
    r("POST", "/staff/unit-plans/{unit}/review", Staff(ReviewUnitWork), "Chấp nhận, trả lại kế hoạch của đơn vị"),
    r("GET", "/staff/reports", Staff(ViewStaffPages), "Các kỳ báo cáo"),
    r("POST", "/staff/reports", Staff(ReviewUnitWork), "Thêm kỳ báo cáo"),
    r("GET", "/staff/reports/{period}", Staff(ViewStaffPages), "Theo dõi báo cáo của các đơn vị"),
    r("GET", "/staff/reports/{period}/units/{unit}", Staff(ViewStaffPages), "Báo cáo của một đơn vị"),
    r("POST", "/staff/reports/{period}/units/{unit}", Staff(WriteUnitWork), "Lưu, gửi báo cáo của đơn vị (người của đơn vị, Văn phòng)"),
    r("POST", "/staff/reports/{period}/units/{unit}/review", Staff(ReviewUnitWork), "Chấp nhận, trả lại báo cáo của đơn vị"),
    r("GET", "/staff/reports/{period}/commune", Staff(ViewStaffPages), "Báo cáo của UBND xã"),
    r("POST", "/staff/reports/{period}/commune", Staff(ReviewUnitWork), "Soạn báo cáo của UBND xã"),
    r("POST", "/staff/reports/{period}/commune/approve", Staff(ApproveReport), "Phê duyệt báo cáo của UBND xã"),
    r("GET", "/staff/plan.docx", Staff(ViewStaffPages), "Kế hoạch (DOCX, tạo từ dữ liệu)"),
    r("GET", "/staff/unit-plans/{unit}/docx", Staff(ViewStaffPages), "Kế hoạch của đơn vị (DOCX)"),
    r("GET", "/staff/reports/{period}/commune.docx", Staff(ViewStaffPages), "Báo cáo của UBND xã (DOCX)"),
    r("GET", "/staff/reports/{period}/figures.xlsx", Staff(ViewStaffPages), "Số liệu báo cáo (XLSX)"),
    r("GET", "/staff/reports/{period}/compliance.xlsx", Staff(ViewStaffPages), "Bảng theo dõi gửi báo cáo (XLSX)"),
    r("GET", "/staff/reports/{period}/units/{unit}/docx", Staff(ViewStaffPages), "Báo cáo của đơn vị (DOCX)"),
    r("GET", "/staff/survey", Staff(ViewStaffPages), "Khảo sát người dân (cuộc mới nhất)"),
    r("GET", "/staff/survey/{id}", Staff(ViewStaffPages), "Kết quả khảo sát"),
    r("GET", "/staff/survey/{id}/estimates.xlsx", Staff(ViewStaffPages), "Kết quả khảo sát (XLSX)"),
    r("GET", "/staff/survey/{id}/xlsform", Staff(ViewStaffPages), "Phiếu khảo sát (XLSForm)"),
    r("POST", "/staff/survey/{id}/responses", Staff(ReviewUnitWork), "Nhập phiếu trả lời"),
    r("POST", "/staff/survey/{id}/population", Staff(ReviewUnitWork), "Nhập bảng dân số"),
    r("GET", "/staff/survey/{id}/review", Staff(ReviewUnitWork), "Phiếu trả lời qua mạng chờ duyệt, mã mời"),
    r("POST", "/staff/survey/{id}/review", Staff(ReviewUnitWork), "Chấp nhận hoặc loại phiếu trả lời qua mạng"),
    r("POST", "/staff/survey/{id}/invitations", Staff(ReviewUnitWork), "Tạo mã mời trả lời phiếu"),
    r("GET", "/public/{gso}/survey", Public, "Kết quả khảo sát công khai"),
    r("GET", "/public/{gso}/survey/{id}/take", Public, "Bắt đầu trả lời phiếu"),
    r("POST", "/public/{gso}/survey/{id}/take", Public, "Bắt đầu trả lời phiếu (lưu thôn, giới tính, tuổi)"),
    r("GET", "/public/{gso}/survey/{id}/r/{uuid}", Public, "Câu hỏi tiếp theo"),
    r("POST", "/public/{gso}/survey/{id}/r/{uuid}", Public, "Lưu một câu trả lời"),
    r("GET", "/staff/calendar", Staff(ViewStaffPages), "Lịch hạn của tôi"),
    r("POST", "/staff/calendar/token", Staff(ViewStaffPages), "Tạo đường dẫn lịch riêng"),
    r("POST", "/staff/calendar/revoke", Staff(ViewStaffPages), "Thu hồi đường dẫn lịch riêng"),
    r("GET", "/ical/{file}", Public, "Lịch riêng (iCalendar, xác thực bằng mã trong đường dẫn)"),
    r("GET", "/public/{gso}/calendar.ics", Public, "Lịch công khai của xã (iCalendar)"),
    r("GET", "/staff/admin/calendar", Staff(ManageOrganisation), "Lịch nghỉ của năm"),
    r("POST", "/staff/admin/calendar", Staff(ManageOrganisation), "Điều chỉnh lịch nghỉ của năm"),
    r("POST", "/staff/admin/calendar/reset", Staff(ManageOrganisation), "Bỏ điều chỉnh lịch nghỉ"),
    r("GET", "/api/openapi.json", Public, "Mô tả API"),
    r("GET", "/api/plans", Staff(ViewStaffPages), "Danh sách kế hoạch"),
    r("GET", "/api/plans/{id}", Staff(ViewStaffPages), "Một kế hoạch và các kỳ báo cáo"),
    r("GET", "/api/plans/{id}/items", Staff(ViewStaffPages), "Các nội dung của kế hoạch"),
    r("GET", "/api/plans/{id}/tasks", Staff(ViewStaffPages), "Các nhiệm vụ của kế hoạch"),
    r("GET", "/api/tasks/{id}", Staff(ViewStaffPages), "Một nhiệm vụ"),
    r("GET", "/api/tasks/{id}/updates", Staff(ViewStaffPages), "Lịch sử cập nhật"),
    r("POST", "/api/tasks/{id}/updates", Staff(PostProgress), "Cập nhật tiến độ"),
];

/// Uploads: up to 5 files of 10 MB, plus the form.
const UPLOAD_LIMIT: usize = crate::parsing::UPLOAD_LIMIT_MB * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    let headers = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    ];
    let mut app = Router::new()
        .route("/", get(public::home))
        .route("/public/{gso}", get(public::commune))
        .route("/public/{gso}/dimension/{n}", get(public::dimension))
        .route("/healthz", get(assets::health))
        .route("/static/app.css", get(assets::css))
        .route("/static/app.js", get(assets::js))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/staff", get(plan::dashboard::show))
        .route("/staff/plan", get(plan::tree::show))
        .route(
            "/staff/tasks",
            get(plan::tasks::list).post(plan::edit::create),
        )
        .route("/staff/tasks/new", get(plan::edit::new_form))
        .route("/staff/tasks/{id}", get(plan::task_page::show))
        .route(
            "/staff/tasks/{id}/edit",
            get(plan::edit::edit_form).post(plan::edit::update),
        )
        .route("/staff/tasks/{id}/status", post(plan::edit::set_status))
        .route(
            "/staff/tasks/{id}/progress",
            post(plan::progress::post).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/staff/evidence/{id}", get(plan::task_page::evidence))
        .route("/staff/export/tasks.xlsx", get(plan::export::xlsx))
        .route("/staff/import", get(plan::import_page::show))
        .route(
            "/staff/import/plan",
            post(plan::import_page::plan).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/staff/import/tasks",
            post(plan::import_page::tasks).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/staff/admin", get(org::show))
        .route("/staff/admin/units", post(org::add_unit))
        .route("/staff/admin/users", post(org::add_user))
        .route("/staff/admin/users/{id}", post(org::change_user))
        .route("/staff/audit", get(audit::show))
        .route("/staff/province", get(province::show))
        .route("/staff/unit-plans", get(unit_plan::list))
        .route(
            "/staff/unit-plans/{unit}",
            get(unit_plan::show).post(unit_plan::save),
        )
        .route("/staff/unit-plans/{unit}/review", post(unit_plan::review))
        .route(
            "/staff/reports",
            get(reporting::periods).post(reporting::add_period),
        )
        .route("/staff/reports/{period}", get(reporting::period))
        .route(
            "/staff/reports/{period}/units/{unit}",
            get(reporting::unit_report).post(reporting::save_unit_report),
        )
        .route(
            "/staff/reports/{period}/units/{unit}/review",
            post(reporting::review_unit_report),
        )
        .route(
            "/staff/reports/{period}/commune",
            get(reporting::commune_report).post(reporting::save_commune_report),
        )
        .route(
            "/staff/reports/{period}/commune/approve",
            post(reporting::approve_commune_report),
        )
        .route("/staff/plan.docx", get(documents::plan_docx))
        .route(
            "/staff/unit-plans/{unit}/docx",
            get(documents::unit_plan_docx),
        )
        .route(
            "/staff/reports/{period}/commune.docx",
            get(documents::commune_report_docx),
        )
        .route(
            "/staff/reports/{period}/figures.xlsx",
            get(documents::figures_xlsx),
        )
        .route(
            "/staff/reports/{period}/compliance.xlsx",
            get(documents::compliance),
        )
        .route(
            "/staff/reports/{period}/units/{unit}/docx",
            get(documents::unit_report_docx),
        )
        .route("/staff/survey", get(survey::results::staff_index))
        .route("/staff/survey/{id}", get(survey::results::staff))
        .route(
            "/staff/survey/{id}/estimates.xlsx",
            get(survey::results::xlsx),
        )
        .route("/staff/survey/{id}/xlsform", get(survey::import::xlsform))
        .route(
            "/staff/survey/{id}/responses",
            post(survey::import::responses).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/staff/survey/{id}/population",
            post(survey::import::population).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/staff/survey/{id}/review",
            get(survey::review::show).post(survey::review::decide),
        )
        .route(
            "/staff/survey/{id}/invitations",
            post(survey::review::invitations),
        )
        .route("/public/{gso}/survey", get(survey::results::public))
        .route(
            "/public/{gso}/survey/{id}/take",
            get(survey::form::start_form).post(survey::form::start),
        )
        .route(
            "/public/{gso}/survey/{id}/r/{uuid}",
            get(survey::form::question).post(survey::form::answer),
        )
        .route("/staff/calendar", get(calendar::show))
        .route("/staff/calendar/token", post(calendar::new_token))
        .route("/staff/calendar/revoke", post(calendar::revoke))
        .route("/ical/{file}", get(calendar::user_feed))
        .route("/public/{gso}/calendar.ics", get(calendar::public_feed))
        .route(
            "/staff/admin/calendar",
            get(calendar::schedule).post(calendar::save_schedule),
        )
        .route(
            "/staff/admin/calendar/reset",
            post(calendar::reset_schedule),
        )
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/plans", get(api::plans))
        .route("/api/plans/{id}", get(api::plan))
        .route("/api/plans/{id}/items", get(api::items))
        .route("/api/plans/{id}/tasks", get(api::tasks))
        .route("/api/tasks/{id}", get(api::task))
        .route(
            "/api/tasks/{id}/updates",
            get(api::updates).post(api::post_update),
        )
        .layer(axum::middleware::from_fn(private_no_store))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            catch_up,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::client_ip,
        ));
    if state.secure_cookies {
        // Behind HTTPS: browsers keep to HTTPS for a year (OWASP ASVS 9.1.1, 14.4.5).
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    let mut app = app.with_state(state);
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app
}

/// Brings this server's calendar and caches up to the database before the handler runs, so a
/// change made through another server (or the CLI) shows on the next request. Static assets
/// and the health check read nothing and skip it.
async fn catch_up(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = req.uri().path();
    if !(path.starts_with("/static/") || path == "/healthz") {
        if let Err(e) = state.app.catch_up().await {
            return crate::error::AppError::Internal(e).into_response();
        }
    }
    next.run(req).await
}

/// Whether a path serves what anyone may see and keep: the public portal, its assets and
/// the health check. A resident's own survey answers are private to them.
fn is_public_content(path: &str) -> bool {
    if path.contains("/survey/") && (path.contains("/r/") || path.ends_with("/take")) {
        return false;
    }
    path == "/"
        || path == "/healthz"
        || path.starts_with("/public/")
        || path.starts_with("/static/")
}

/// `Cache-Control: no-store` on everything private (staff pages, API, evidence, exports,
/// calendar feeds, sign-in), so no shared or back-button cache keeps a copy (ASVS 8.2.1).
async fn private_no_store(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let private = !is_public_content(req.uri().path());
    let mut res = next.run(req).await;
    if private {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}
