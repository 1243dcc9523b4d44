//! Every route, declared once: its method and path, who may use it, what it does, its
//! handler, and for the JSON API its request and answer schemas. The router, the role check
//! in front of each handler, the OpenAPI document and the route × role test all read `ROUTES`;
//! checks on the objects a route touches stay in the services (`papi-app`, `papi-core`).

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use papi_core::Action;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{ApiError, AppError};
use crate::{
    api, assets, audit, auth, calendar, collect, disclosure, documents, mail, org, plan, province,
    public, reporting, review, setup, survey, unit_plan, voice, AppState,
};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in users whose role allows the action.
    Staff(Action),
    /// ODK Collect / KoboCollect (OpenRosa): an active enumerator of the commune in the path,
    /// by HTTP Digest (or Basic over HTTPS); staff sessions do not count.
    Enumerator,
}

/// A JSON body in the OpenAPI document: one object or a list of a named schema.
#[derive(Debug, Clone, Copy)]
pub enum Body {
    One(&'static str),
    List(&'static str),
}

const fn one(schema: &'static str) -> Body {
    Body::One(schema)
}

const fn list(schema: &'static str) -> Body {
    Body::List(schema)
}

/// What a JSON API operation takes and answers.
#[derive(Debug, Clone, Copy)]
pub struct ApiShape {
    pub request: Option<&'static str>,
    pub status: &'static str,
    pub answer: Body,
}

#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub method: &'static str,
    /// Path with `{param}` placeholders as axum writes them.
    pub path: &'static str,
    pub access: Access,
    pub summary: &'static str,
    /// The handler as axum routes it (with its body limit when it takes uploads).
    pub handler: fn() -> MethodRouter<AppState>,
    /// For `/api/` routes: the schemas the OpenAPI document gives.
    pub api: Option<ApiShape>,
}

impl RouteSpec {
    const fn answers(mut self, status: &'static str, answer: Body) -> RouteSpec {
        let request = match self.api {
            Some(a) => a.request,
            None => None,
        };
        self.api = Some(ApiShape {
            request,
            status,
            answer,
        });
        self
    }

    const fn takes(mut self, schema: &'static str) -> RouteSpec {
        self.api = Some(ApiShape {
            request: Some(schema),
            status: "200",
            answer: Body::One("Created"),
        });
        self
    }
}

/// Uploads: up to 5 files of 10 MB, plus the form.
const UPLOAD_LIMIT: usize = crate::parsing::UPLOAD_LIMIT_MB * 1024 * 1024;

macro_rules! route {
    ($method:literal, $path:literal, $access:expr, $summary:literal, $handler:expr) => {
        RouteSpec {
            method: $method,
            path: $path,
            access: $access,
            summary: $summary,
            handler: $handler,
            api: None,
        }
    };
}

macro_rules! get {
    ($path:literal, $access:expr, $summary:literal, $h:path) => {
        route!("GET", $path, $access, $summary, || get($h))
    };
}

macro_rules! post {
    ($path:literal, $access:expr, $summary:literal, $h:path) => {
        route!("POST", $path, $access, $summary, || post($h))
    };
}

macro_rules! upload {
    ($path:literal, $access:expr, $summary:literal, $h:path) => {
        route!("POST", $path, $access, $summary, || post($h)
            .layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
    };
}

use Access::{Enumerator, Public, Staff};
use Action::{
    ApproveReport, EditPlan, ManageCommunes, ManageOrganisation, ManageReception, PostProgress,
    ReviewUnitWork, ViewAudit, ViewOutbox, ViewProvince, ViewStaffPages, WorkOnMatters,
    WriteUnitWork,
};
// disclosure
use Action::ManageDisclosure;

#[rustfmt::skip]
pub const ROUTES: &[RouteSpec] = &[
    get!("/", Public, "Cổng công khai", public::home),
    get!("/public/{gso}", Public, "Trang công khai của xã", public::commune),
    get!("/public/{gso}/dimension/{n}", Public, "Nhiệm vụ công khai của một lĩnh vực", public::dimension),
    get!("/healthz", Public, "Kiểm tra máy chủ", assets::health),
    get!("/static/app.css", Public, "Giao diện", assets::css),
    get!("/static/app.js", Public, "Mã trang", assets::js),
    get!("/setup", Public, "Khởi tạo lần đầu (mã in trong nhật ký máy chủ)", setup::show),
    post!("/setup", Public, "Khởi tạo xã, người quản trị, thôn, đơn vị", setup::create),
    get!("/login", Public, "Trang đăng nhập", auth::login_form),
    post!("/login", Public, "Đăng nhập", auth::login),
    post!("/logout", Staff(ViewStaffPages), "Đăng xuất", auth::logout),
    get!("/staff", Staff(ViewStaffPages), "Bảng điều khiển", plan::dashboard::show),
    get!("/staff/unit", Staff(ViewStaffPages), "Việc của đơn vị", plan::unit_work::show),
    get!("/staff/plan", Staff(ViewStaffPages), "Cây kế hoạch", plan::tree::show),
    get!("/staff/tasks", Staff(ViewStaffPages), "Danh sách nhiệm vụ", plan::tasks::list),
    get!("/staff/tasks/new", Staff(EditPlan), "Biểu mẫu thêm nhiệm vụ", plan::edit::new_form),
    post!("/staff/tasks", Staff(EditPlan), "Thêm nhiệm vụ", plan::edit::create),
    get!("/staff/tasks/{id}", Staff(ViewStaffPages), "Trang nhiệm vụ", plan::task_page::show),
    get!("/staff/tasks/{id}/edit", Staff(EditPlan), "Biểu mẫu sửa nhiệm vụ", plan::edit::edit_form),
    post!("/staff/tasks/{id}/edit", Staff(EditPlan), "Sửa nhiệm vụ", plan::edit::update),
    post!("/staff/tasks/{id}/status", Staff(EditPlan), "Đổi trạng thái", plan::edit::set_status),
    upload!("/staff/tasks/{id}/progress", Staff(PostProgress), "Cập nhật tiến độ", plan::progress::post),
    get!("/staff/evidence/{id}", Staff(ViewStaffPages), "Tải tệp minh chứng", plan::task_page::evidence),
    get!("/staff/export/tasks.xlsx", Staff(ViewStaffPages), "Xuất biểu nhiệm vụ", plan::export::xlsx),
    get!("/staff/import", Staff(EditPlan), "Nạp kế hoạch, biểu nhiệm vụ", plan::import_page::show),
    upload!("/staff/import/plan", Staff(EditPlan), "Đọc, lưu kế hoạch", plan::import_page::plan),
    upload!("/staff/import/tasks", Staff(EditPlan), "Nhập biểu nhiệm vụ", plan::import_page::tasks),
    get!("/staff/plan/versions", Staff(ViewStaffPages), "Các phiên bản kế hoạch", plan::versions::list),
    get!("/staff/plan/versions/{version}", Staff(ViewStaffPages), "Một phiên bản kế hoạch (chỉ xem)", plan::versions::show),
    post!("/staff/plan/versions/{version}/activate", Staff(EditPlan), "Dùng lại một phiên bản kế hoạch", plan::versions::activate),
    get!("/staff/admin", Staff(ManageOrganisation), "Đơn vị và người dùng", org::show),
    post!("/staff/admin/units", Staff(ManageOrganisation), "Thêm đơn vị", org::add_unit),
    post!("/staff/admin/due-soon", Staff(ManageOrganisation), "Số ngày làm việc báo trước hạn", org::set_due_soon),
    post!("/staff/admin/users", Staff(ManageOrganisation), "Thêm người dùng", org::add_user),
    post!("/staff/admin/users/{id}", Staff(ManageOrganisation), "Đổi mật khẩu, khóa, mở khóa", org::change_user),
    get!("/staff/audit", Staff(ViewAudit), "Nhật ký thay đổi", audit::show),
    get!("/staff/province", Staff(ViewProvince), "Toàn tỉnh: các xã, phường", province::show),
    get!("/staff/province/communes", Staff(ManageCommunes), "Các xã, phường trên máy chủ", setup::communes),
    post!("/staff/province/communes", Staff(ManageCommunes), "Thêm một xã, phường từ danh mục", setup::add_commune),
    post!("/staff/province/communes/all", Staff(ManageCommunes), "Thêm mọi xã, phường của một tỉnh", setup::add_province),
    post!("/staff/province/communes/{id}/admin", Staff(ManageCommunes), "Tạo tài khoản quản trị của một xã", setup::add_admin),
    get!("/staff/unit-plans", Staff(ViewStaffPages), "Kế hoạch của các đơn vị", unit_plan::list),
    get!("/staff/unit-plans/{unit}", Staff(ViewStaffPages), "Kế hoạch của một đơn vị", unit_plan::show),
    post!("/staff/unit-plans/{unit}", Staff(WriteUnitWork), "Lưu, gửi kế hoạch của đơn vị (người của đơn vị, Văn phòng)", unit_plan::save),
    post!("/staff/unit-plans/{unit}/review", Staff(ReviewUnitWork), "Chấp nhận, trả lại kế hoạch của đơn vị", review::decide::<unit_plan::SubPlanReview>),
    get!("/staff/reports", Staff(ViewStaffPages), "Các kỳ báo cáo", reporting::periods),
    post!("/staff/reports", Staff(ReviewUnitWork), "Thêm kỳ báo cáo", reporting::add_period),
    get!("/staff/reports/{period}", Staff(ViewStaffPages), "Theo dõi báo cáo của các đơn vị", reporting::period),
    get!("/staff/reports/{period}/units/{unit}", Staff(ViewStaffPages), "Báo cáo của một đơn vị", reporting::unit_report),
    post!("/staff/reports/{period}/units/{unit}", Staff(WriteUnitWork), "Lưu, gửi báo cáo của đơn vị (người của đơn vị, Văn phòng)", reporting::save_unit_report),
    post!("/staff/reports/{period}/units/{unit}/review", Staff(ReviewUnitWork), "Chấp nhận, trả lại báo cáo của đơn vị", review::decide::<reporting::UnitReportReview>),
    post!("/staff/reports/{period}/units/{unit}/withdraw", Staff(ReviewUnitWork), "Thu hồi chấp nhận báo cáo của đơn vị để sửa (ghi lý do)", reporting::withdraw_unit_report),
    post!("/staff/unit-plans/{unit}/withdraw", Staff(ReviewUnitWork), "Thu hồi chấp nhận kế hoạch của đơn vị để sửa (ghi lý do)", reporting::withdraw_unit_plan),
    get!("/staff/reports/{period}/commune", Staff(ViewStaffPages), "Báo cáo của UBND xã", reporting::commune_report),
    post!("/staff/reports/{period}/commune", Staff(ReviewUnitWork), "Soạn báo cáo của UBND xã", reporting::save_commune_report),
    post!("/staff/reports/{period}/commune/approve", Staff(ApproveReport), "Phê duyệt báo cáo của UBND xã", reporting::approve_commune_report),
    post!("/staff/reports/{period}/commune/withdraw", Staff(ApproveReport), "Thu hồi phê duyệt báo cáo của UBND xã để sửa (ghi lý do)", reporting::withdraw_commune_report),
    get!("/staff/plan.docx", Staff(ViewStaffPages), "Kế hoạch (DOCX, tạo từ dữ liệu)", documents::plan_docx),
    get!("/staff/unit-plans/{unit}/docx", Staff(ViewStaffPages), "Kế hoạch của đơn vị (DOCX)", documents::unit_plan_docx),
    get!("/staff/reports/{period}/commune.docx", Staff(ViewStaffPages), "Báo cáo của UBND xã (DOCX)", documents::commune_report_docx),
    get!("/staff/reports/{period}/figures.xlsx", Staff(ViewStaffPages), "Số liệu báo cáo (XLSX)", documents::figures_xlsx),
    get!("/staff/reports/{period}/commune/versions/{version}/docx", Staff(ViewStaffPages), "Một phiên bản đã phê duyệt của báo cáo UBND xã (DOCX)", documents::commune_report_version_docx),
    get!("/staff/reports/{period}/commune/versions/{version}/xlsx", Staff(ViewStaffPages), "Một phiên bản đã phê duyệt của báo cáo UBND xã, số liệu (XLSX)", documents::commune_report_version_xlsx),
    get!("/staff/reports/{period}/compliance.xlsx", Staff(ViewStaffPages), "Bảng theo dõi gửi báo cáo (XLSX)", documents::compliance),
    get!("/staff/reports/{period}/units/{unit}/docx", Staff(ViewStaffPages), "Báo cáo của đơn vị (DOCX)", documents::unit_report_docx),
    get!("/staff/survey", Staff(ViewStaffPages), "Khảo sát người dân (cuộc mới nhất)", survey::results::staff_index),
    get!("/staff/survey/new", Staff(ReviewUnitWork), "Tạo cuộc khảo sát người dân (năm, phiếu)", survey::create::new_form),
    upload!("/staff/survey", Staff(ReviewUnitWork), "Tạo cuộc khảo sát người dân với phiếu mẫu hoặc phiếu của xã", survey::create::create),
    get!("/staff/survey/{id}", Staff(ViewStaffPages), "Kết quả khảo sát", survey::results::staff),
    get!("/staff/survey/{id}/estimates.xlsx", Staff(ViewStaffPages), "Kết quả khảo sát (XLSX)", survey::results::xlsx),
    get!("/staff/survey/{id}/xlsform", Staff(ViewStaffPages), "Phiếu khảo sát (XLSForm)", survey::import::xlsform),
    route!("POST", "/staff/survey/{id}/responses", Staff(ReviewUnitWork), "Nhập phiếu trả lời (chạy nền, có trang tiến độ)", || post(survey::import::responses)
        .layer(DefaultBodyLimit::max(survey::import::RESPONSES_UPLOAD_LIMIT))),
    get!("/staff/survey/{id}/import/{job}", Staff(ReviewUnitWork), "Tiến độ nhập phiếu trả lời", survey::import::progress),
    upload!("/staff/survey/{id}/population", Staff(ReviewUnitWork), "Nhập bảng dân số", survey::import::population),
    get!("/staff/survey/{id}/fieldwork", Staff(ReviewUnitWork), "Theo dõi thu thập phiếu theo thôn, người thu, ngày", survey::fieldwork::show),
    post!("/staff/survey/{id}/fieldwork", Staff(ReviewUnitWork), "Đặt đợt thu thập (cũng mở, đóng ODK Collect) và số phiếu cần của từng thôn", survey::fieldwork::save),
    get!("/staff/survey/{id}/review", Staff(ReviewUnitWork), "Phiếu trả lời qua mạng chờ duyệt, mã mời", survey::review::show),
    post!("/staff/survey/{id}/review", Staff(ReviewUnitWork), "Chấp nhận hoặc loại phiếu trả lời qua mạng", survey::review::decide),
    post!("/staff/survey/{id}/invitations", Staff(ReviewUnitWork), "Tạo mã mời trả lời phiếu", survey::review::invitations),
    get!("/staff/survey/{id}/submissions", Staff(ReviewUnitWork), "Phiếu gửi từ ODK Collect: tình trạng, lý do từ chối", collect::staff::submissions),
    get!("/staff/survey/enumerators", Staff(ReviewUnitWork), "Điều tra viên thu thập bằng ODK Collect", collect::staff::enumerators),
    post!("/staff/survey/enumerators", Staff(ReviewUnitWork), "Thêm, khóa, mở lại điều tra viên", collect::staff::save_enumerator),
    get!("/openrosa/{gso}/formList", Enumerator, "Danh sách phiếu đang thu thập (OpenRosa)", collect::openrosa::form_list),
    get!("/openrosa/{gso}/forms/{id}/form.xml", Enumerator, "Tải phiếu dạng XForm (OpenRosa)", collect::openrosa::form_xml),
    get!("/openrosa/{gso}/forms/{id}/manifest", Enumerator, "Tệp đi kèm phiếu (OpenRosa)", collect::openrosa::manifest),
    route!("HEAD", "/openrosa/{gso}/submission", Enumerator, "Chuẩn bị gửi phiếu (OpenRosa)", || axum::routing::head(collect::openrosa::submission_head)),
    route!("POST", "/openrosa/{gso}/submission", Enumerator, "Gửi phiếu và ảnh từ ODK Collect (OpenRosa)", || post(collect::openrosa::submission)
        .layer(DefaultBodyLimit::max(collect::openrosa::POST_LIMIT))),
    get!("/public/{gso}/survey", Public, "Kết quả khảo sát công khai", survey::results::public),
    get!("/public/{gso}/survey/{id}/take", Public, "Bắt đầu trả lời phiếu", survey::form::start_form),
    post!("/public/{gso}/survey/{id}/take", Public, "Bắt đầu trả lời phiếu (lưu thôn, giới tính, tuổi)", survey::form::start),
    get!("/public/{gso}/survey/{id}/r/{uuid}", Public, "Câu hỏi tiếp theo", survey::form::question),
    post!("/public/{gso}/survey/{id}/r/{uuid}", Public, "Lưu một câu trả lời", survey::form::answer),
    get!("/staff/calendar", Staff(ViewStaffPages), "Lịch hạn của tôi", calendar::show),
    post!("/staff/calendar/token", Staff(ViewStaffPages), "Tạo đường dẫn lịch riêng", calendar::new_token),
    post!("/staff/calendar/revoke", Staff(ViewStaffPages), "Thu hồi đường dẫn lịch riêng", calendar::revoke),
    get!("/staff/voice", Staff(WorkOnMatters), "Phản ánh, kiến nghị, khiếu nại, tố cáo", voice::matters::list),
    get!("/staff/voice/new", Staff(WorkOnMatters), "Biểu mẫu tiếp nhận vụ việc", voice::matters::new_form),
    post!("/staff/voice", Staff(WorkOnMatters), "Tiếp nhận vụ việc, cấp mã theo dõi", voice::matters::create),
    post!("/staff/voice/settings", Staff(ManageReception), "Thời hạn xử lý phản ánh, kiến nghị của xã", voice::matters::settings),
    get!("/staff/voice/{id}", Staff(WorkOnMatters), "Một vụ việc: hồ sơ, thời hạn, thẩm quyền", voice::matters::show),
    post!("/staff/voice/{id}/step", Staff(WorkOnMatters), "Ghi một bước giải quyết", voice::matters::step),
    post!("/staff/voice/{id}/split", Staff(WorkOnMatters), "Tách một phần đơn thành vụ việc khác loại", voice::matters::split),
    post!("/staff/voice/{id}/identity", Staff(WorkOnMatters), "Mở thông tin niêm phong của người tố cáo (người giải quyết, ghi nhật ký)", voice::matters::open_identity),
    upload!("/staff/voice/{id}/scan", Staff(WorkOnMatters), "Niêm phong bản chụp đơn tố cáo (người giải quyết)", voice::matters::seal_scan),
    post!("/staff/voice/{id}/protection", Staff(WorkOnMatters), "Yêu cầu, quyết định bảo vệ người tố cáo", voice::matters::protection),
    get!("/public/{gso}/feedback", Public, "Biểu mẫu gửi phản ánh, kiến nghị, khiếu nại", voice::public::form),
    post!("/public/{gso}/feedback", Public, "Gửi phản ánh, kiến nghị, khiếu nại", voice::public::submit),
    get!("/public/{gso}/answers", Public, "Trả lời phản ánh được công khai, số liệu trách nhiệm giải trình", voice::public::answers),
    get!("/track", Public, "Theo dõi bằng mã", voice::public::track),
    get!("/track/{code}", Public, "Tiến độ, câu trả lời của một mã theo dõi", voice::public::track_code),
    post!("/track/{code}/rate", Public, "Đánh giá mức hài lòng", voice::public::rate),
    get!("/open311/v2/services.json", Public, "Open311: danh mục phản ánh", voice::public::open311_services),
    get!("/open311/v2/requests.json", Public, "Open311: các phản ánh của xã", voice::public::open311_requests),
    post!("/open311/v2/requests.json", Public, "Open311: gửi phản ánh", voice::public::open311_post),
    get!("/open311/v2/requests/{file}", Public, "Open311: một phản ánh theo mã", voice::public::open311_request),
    get!("/staff/me/mail", Staff(ViewStaffPages), "Thư điện tử của tôi: chọn loại thư nhận", mail::prefs),
    post!("/staff/me/mail", Staff(ViewStaffPages), "Lưu lựa chọn thư điện tử của tôi", mail::save_prefs),
    get!("/staff/mail", Staff(ViewOutbox), "Thư điện tử của xã: đã gửi, chờ gửi, lỗi", mail::outbox),
    get!("/staff/reception", Staff(ManageReception), "Lịch tiếp công dân của Chủ tịch và việc tuân thủ", voice::reception::schedule::show),
    post!("/staff/reception", Staff(ManageReception), "Thêm buổi tiếp công dân", voice::reception::schedule::add),
    post!("/staff/reception/{id}", Staff(ManageReception), "Ghi nhận niêm yết, tiếp, hoãn, bản ghi của buổi tiếp", voice::reception::schedule::update),
    get!("/staff/reception/register", Staff(ManageReception), "Sổ tiếp công dân", voice::reception::register::show),
    post!("/staff/reception/register", Staff(ManageReception), "Ghi một lượt tiếp công dân và tiếp nhận vụ việc", voice::reception::register::add),
    post!("/staff/reception/register/{id}/handling", Staff(ManageReception), "Cập nhật việc tiếp nhận, xử lý vụ việc", voice::reception::register::handling),
    get!("/staff/reception/register.docx", Staff(ManageReception), "Sổ tiếp công dân (DOCX)", voice::reception::register::docx),
    get!("/staff/reception/register.xlsx", Staff(ManageReception), "Sổ tiếp công dân (XLSX)", voice::reception::register::xlsx),
    // voice documents
    get!("/staff/voice/{id}/dialogue", Staff(WorkOnMatters), "Đối thoại trong giải quyết khiếu nại: biên bản, thành phần tham dự", voice::dialogue::show),
    post!("/staff/voice/{id}/dialogue", Staff(WorkOnMatters), "Ghi biên bản đối thoại", voice::dialogue::record),
    get!("/staff/voice/{id}/documents/{doc}", Staff(WorkOnMatters), "Văn bản của một vụ việc (DOCX, tạo từ hồ sơ)", voice::documents::download),
    // disclosure
    get!("/staff/disclosure", Staff(ManageDisclosure), "Sổ công khai thông tin: nội dung, hình thức, thời hạn, tình trạng", disclosure::staff::list),
    get!("/staff/disclosure/new", Staff(ManageDisclosure), "Biểu mẫu thêm nội dung công khai", disclosure::staff::new),
    upload!("/staff/disclosure", Staff(ManageDisclosure), "Thêm nội dung công khai với văn bản", disclosure::staff::create),
    get!("/staff/disclosure/{id}", Staff(ManageDisclosure), "Một nội dung công khai: hình thức, ảnh, các lần công khai", disclosure::staff::show),
    upload!("/staff/disclosure/{id}/forms", Staff(ManageDisclosure), "Ghi hình thức công khai (niêm yết, cổng thông tin, truyền thanh, trưởng thôn)", disclosure::staff::add_form),
    upload!("/staff/disclosure/{id}/photos", Staff(ManageDisclosure), "Thêm ảnh minh chứng niêm yết", disclosure::staff::add_photo),
    upload!("/staff/disclosure/{id}/redisclose", Staff(ManageDisclosure), "Công khai lại nội dung đã thay đổi", disclosure::staff::redisclose),
    post!("/staff/disclosure/{id}/take-down", Staff(ManageDisclosure), "Gỡ nội dung công khai", disclosure::staff::take_down),
    get!("/staff/disclosure/files/{id}", Staff(ManageDisclosure), "Tải văn bản, ảnh của sổ công khai", disclosure::staff::file),
    get!("/staff/disclosure/quarter/{year}/{quarter}", Staff(ManageDisclosure), "Danh mục thông tin đã công khai trong quý (DOCX)", disclosure::staff::quarter),
    get!("/staff/disclosure/annual/{year}", Staff(ManageDisclosure), "Báo cáo kết quả công khai năm gửi HĐND (DOCX)", disclosure::staff::annual),
    get!("/api/disclosures", Staff(ManageDisclosure), "Sổ công khai: nội dung và tình trạng", disclosure::api::list).answers("200", list("Disclosure")),
    post!("/api/disclosures", Staff(ManageDisclosure), "Thêm nội dung công khai", disclosure::api::create).takes("NewDisclosure").answers("201", one("Created")),
    post!("/api/disclosures/{id}/forms", Staff(ManageDisclosure), "Ghi hình thức công khai", disclosure::api::add_form).takes("NewDisclosureForm").answers("201", one("Created")),
    get!("/public/{gso}/disclosures", Public, "Thông tin xã đang công khai, theo thôn và loại nội dung", disclosure::public::list),
    get!("/public/{gso}/disclosures/{id}", Public, "Một nội dung công khai và văn bản", disclosure::public::entry),
    get!("/public/{gso}/disclosures/{id}/files/{file}", Public, "Tải văn bản công khai", disclosure::public::document),
    // participation: decisions, ledger, consultations
    get!("/staff/participation", Staff(ViewStaffPages), "Nhân dân bàn, quyết định, đóng góp, lấy ý kiến", crate::participation::decision::hub::show),
    get!("/staff/participation/decisions/new", Staff(ViewStaffPages), "Biểu mẫu ghi nhận kết quả Nhân dân bàn, quyết định", crate::participation::decision::new_form),
    post!("/staff/participation/decisions", Staff(Action::ManageParticipation), "Ghi nhận kết quả Nhân dân bàn, quyết định (kiểm tra tỷ lệ Điều 21)", crate::participation::decision::create),
    get!("/staff/participation/decisions/{id}", Staff(ViewStaffPages), "Một quyết định của Nhân dân: kết quả từng thôn, gửi, công nhận", crate::participation::decision::show),
    post!("/staff/participation/decisions/{id}/follow-up", Staff(Action::ManageParticipation), "Ghi ngày gửi văn bản, ngày công nhận", crate::participation::decision::follow_up),
    get!("/staff/participation/ledgers", Staff(ViewStaffPages), "Sổ theo dõi đóng góp của Nhân dân", crate::participation::ledger::index),
    post!("/staff/participation/ledgers", Staff(Action::ManageParticipation), "Mở sổ theo dõi đóng góp theo quyết định đã thông qua", crate::participation::ledger::open),
    get!("/staff/participation/ledgers/{id}", Staff(ViewStaffPages), "Một sổ đóng góp: thu, chi, số dư, giám sát", crate::participation::ledger::show),
    post!("/staff/participation/ledgers/{id}/entries", Staff(Action::ManageParticipation), "Ghi một khoản thu, chi", crate::participation::ledger::add_entry),
    post!("/staff/participation/ledgers/{id}/publish", Staff(Action::ManageParticipation), "Công khai kết quả thu, chi đóng góp", crate::participation::ledger::publish),
    get!("/staff/participation/consultations", Staff(ViewStaffPages), "Lấy ý kiến Nhân dân", crate::participation::consultation::index),
    post!("/staff/participation/consultations", Staff(Action::ManageParticipation), "Mở cuộc lấy ý kiến (ít nhất 20 ngày)", crate::participation::consultation::open),
    get!("/staff/participation/consultations/{id}", Staff(ViewStaffPages), "Một cuộc lấy ý kiến: dự thảo, ý kiến, kết quả", crate::participation::consultation::show),
    post!("/staff/participation/consultations/{id}/edit", Staff(Action::ManageParticipation), "Sửa cuộc lấy ý kiến (không rút ngắn thời gian)", crate::participation::consultation::edit),
    upload!("/staff/participation/consultations/{id}/draft", Staff(Action::ManageParticipation), "Tải lên dự thảo lấy ý kiến", crate::participation::consultation::draft),
    post!("/staff/participation/consultations/{id}/comments", Staff(Action::ManageParticipation), "Ghi ý kiến của người dân", crate::participation::consultation::comment),
    post!("/staff/participation/consultations/{id}/close", Staff(Action::ManageParticipation), "Tổng hợp, kết luận, giải trình", crate::participation::consultation::close),
    get!("/public/{gso}/participation", Public, "Nhân dân bàn, quyết định, đóng góp, lấy ý kiến (công khai)", crate::participation::decision::public::show),
    get!("/public/{gso}/participation/consultations/{id}/draft", Public, "Dự thảo lấy ý kiến", crate::participation::decision::public::draft),
    post!("/api/participation/decisions", Staff(Action::ManageParticipation), "Ghi nhận kết quả Nhân dân bàn, quyết định", crate::participation::decision::api::decisions).takes("NewDecision").answers("201", one("Created")),
    post!("/api/participation/consultations", Staff(Action::ManageParticipation), "Mở cuộc lấy ý kiến", crate::participation::decision::api::consultations).takes("NewConsultation").answers("201", one("Created")),
    // participation: boards, conferences
    get!("/staff/participation/boards", Staff(ViewStaffPages), "Ban Thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng", crate::participation::board::list),
    post!("/staff/participation/boards", Staff(Action::ManageBoards), "Ghi ban mới", crate::participation::board::create),
    get!("/staff/participation/boards/{id}", Staff(ViewStaffPages), "Một ban: thành viên, kế hoạch, kiểm tra, kiến nghị", crate::participation::board::show),
    post!("/staff/participation/boards/{id}/members", Staff(Action::ManageBoards), "Thêm thành viên (kiểm tra tư cách)", crate::participation::board::add_member),
    post!("/staff/participation/boards/{id}/plans", Staff(Action::ManageBoards), "Ghi kế hoạch hoạt động của ban", crate::participation::board::add_plan),
    post!("/staff/participation/boards/{id}/checks", Staff(Action::ManageBoards), "Ghi kế hoạch kiểm tra, giám sát và ngày thông báo", crate::participation::board::add_check),
    post!("/staff/participation/boards/{id}/recommendations", Staff(Action::ManageBoards), "Ghi kiến nghị của ban", crate::participation::board::add_recommendation),
    post!("/staff/participation/boards/{id}/results", Staff(Action::ManageBoards), "Ghi đã gửi kết quả giải quyết khiếu nại, tố cáo cho Ban Thanh tra nhân dân", crate::participation::board::send_result),
    post!("/staff/participation/boards/{id}/dissolve", Staff(Action::ManageBoards), "Giải thể Ban giám sát đầu tư của cộng đồng", crate::participation::board::dissolve),
    post!("/staff/participation/recommendations/{id}/answer", Staff(Action::ManageBoards), "Ghi trả lời kiến nghị của ban", crate::participation::board::answer),
    post!("/api/participation/boards/{id}/members", Staff(Action::ManageBoards), "Thêm thành viên ban (422 khi không đủ tư cách)", crate::participation::board::api_add_member).takes("BoardMember").answers("201", one("Created")),
    get!("/public/{gso}/boards", Public, "Các ban giám sát, kiến nghị và trả lời, hội nghị thôn", crate::participation::board::public_boards),
    get!("/staff/participation/conferences", Staff(ViewStaffPages), "Hội nghị thôn, hội nghị đối thoại, họp với người dân", crate::participation::conference::list),
    post!("/staff/participation/conferences", Staff(Action::ManageParticipation), "Ghi hội nghị, cuộc họp", crate::participation::conference::create),
    get!("/staff/participation/conferences/{id}", Staff(ViewStaffPages), "Một hội nghị, cuộc họp và ý kiến người dân", crate::participation::conference::show),
    post!("/staff/participation/conferences/{id}/items", Staff(Action::ManageParticipation), "Ghi ý kiến người dân nêu, mở vụ việc phản ánh", crate::participation::conference::add_item),
    // outreach
    get!("/staff/outreach", Staff(ViewStaffPages), "Sổ tuyên truyền và độ phủ theo thôn", crate::outreach::list),
    upload!("/staff/outreach", Staff(Action::LogOutreach), "Ghi lần tuyên truyền (kèm minh chứng)", crate::outreach::create),
    get!("/staff/outreach/{id}/evidence", Staff(ViewStaffPages), "Minh chứng tuyên truyền", crate::outreach::evidence),
    get!("/api/outreach", Staff(ViewStaffPages), "Sổ tuyên truyền của năm và độ phủ", crate::outreach::api_list).answers("200", one("OutreachLog")),
    // inspection
    get!("/staff/inspections", Staff(ViewStaffPages), "Kế hoạch kiểm tra, tự kiểm tra của năm", crate::inspection::staff::list),
    post!("/staff/inspections", Staff(Action::ManageInspections), "Thêm cuộc kiểm tra theo kế hoạch hoặc đột xuất", crate::inspection::staff::create),
    post!("/staff/inspections/settings", Staff(Action::ManageInspections), "Thời hạn khắc phục mặc định (ngày làm việc)", crate::inspection::staff::settings),
    get!("/staff/inspections/{id}", Staff(ViewStaffPages), "Một cuộc kiểm tra: bảng kiểm tra, phát hiện, kết luận", crate::inspection::check::show),
    post!("/staff/inspections/{id}/record", Staff(Action::ManageInspections), "Ghi ngày kiểm tra, thành phần đoàn kiểm tra", crate::inspection::check::record),
    upload!("/staff/inspections/{id}/checklist", Staff(Action::ManageInspections), "Đánh giá từng tiêu chí, ghi chú và tệp bằng chứng", crate::inspection::check::checklist),
    post!("/staff/inspections/{id}/findings", Staff(Action::ManageInspections), "Ghi phát hiện, đơn vị và thời hạn khắc phục", crate::inspection::finding::add),
    post!("/staff/inspections/{id}/conclude", Staff(Action::ManageInspections), "Kết luận kiểm tra, chuyển kết quả sang Sổ công khai", crate::inspection::check::conclude),
    get!("/staff/inspections/{id}/notice.docx", Staff(ViewStaffPages), "Thông báo kết quả kiểm tra (DOCX)", crate::inspection::check::notice),
    get!("/staff/inspections/criteria/{id}/file", Staff(ViewStaffPages), "Tệp bằng chứng của một tiêu chí", crate::inspection::check::file),
    post!("/staff/inspections/findings/{id}/remediation", Staff(PostProgress), "Báo cáo kết quả khắc phục (đơn vị chịu trách nhiệm)", crate::inspection::finding::remediation),
    post!("/staff/inspections/findings/{id}/recheck", Staff(Action::ManageInspections), "Ghi kết quả tái kiểm tra", crate::inspection::finding::recheck),
    post!("/staff/inspections/findings/{id}/close", Staff(Action::ManageInspections), "Đóng phát hiện sau khi tái kiểm tra xác nhận đã khắc phục", crate::inspection::finding::close),
    // satisfaction
    get!("/staff/satisfaction", Staff(ViewStaffPages), "Khảo sát sự hài lòng với dịch vụ công", crate::satisfaction::staff::list),
    upload!("/staff/satisfaction", Staff(Action::ManageSatisfaction), "Tạo cuộc khảo sát sự hài lòng (phiếu mẫu hoặc XLSForm của xã)", crate::satisfaction::staff::create),
    get!("/staff/satisfaction/{id}", Staff(ViewStaffPages), "Kết quả khảo sát sự hài lòng của một dịch vụ, một kỳ", crate::satisfaction::staff::show),
    post!("/staff/satisfaction/{id}/open", Staff(Action::ManageSatisfaction), "Mở hoặc ngừng nhận phiếu", crate::satisfaction::staff::set_open),
    post!("/staff/satisfaction/{id}/review", Staff(Action::ManageSatisfaction), "Tính hoặc không tính các phiếu chờ xem xét", crate::satisfaction::staff::review),
    get!("/staff/satisfaction/{id}/qr", Staff(ViewStaffPages), "Mã QR in đặt tại quầy", crate::satisfaction::staff::qr),
    get!("/public/{gso}/satisfaction", Public, "Kết quả khảo sát sự hài lòng với dịch vụ công", crate::satisfaction::public::results),
    get!("/public/{gso}/satisfaction/{id}", Public, "Phiếu đánh giá sự hài lòng trên điện thoại", crate::satisfaction::public::form),
    post!("/public/{gso}/satisfaction/{id}", Public, "Gửi phiếu đánh giá sự hài lòng", crate::satisfaction::public::submit),
    get!("/public/{gso}/inspections", Public, "Kết quả kiểm tra và việc khắc phục", crate::inspection::public::list),
    get!("/api/inspections", Staff(ViewStaffPages), "Các cuộc kiểm tra và phát hiện", crate::inspection::api::list).answers("200", list("Inspection")),
    post!("/api/inspections/findings/{id}/close", Staff(Action::ManageInspections), "Đóng phát hiện (cần tái kiểm tra đạt)", crate::inspection::api::close).takes("CloseFinding").answers("200", one("Finding")),
    get!("/ical/{file}", Public, "Lịch riêng (iCalendar, xác thực bằng mã trong đường dẫn)", calendar::user_feed),
    get!("/public/{gso}/calendar.ics", Public, "Lịch công khai của xã (iCalendar)", calendar::public_feed),
    get!("/staff/admin/calendar", Staff(ManageOrganisation), "Lịch nghỉ của năm", calendar::schedule),
    post!("/staff/admin/calendar", Staff(ManageOrganisation), "Điều chỉnh lịch nghỉ của năm", calendar::save_schedule),
    post!("/staff/admin/calendar/reset", Staff(ManageOrganisation), "Bỏ điều chỉnh lịch nghỉ", calendar::reset_schedule),
    get!("/api/openapi.json", Public, "Mô tả API", api::openapi),
    get!("/api/plans", Staff(ViewStaffPages), "Danh sách kế hoạch", api::plans).answers("200", list("PlanSummary")),
    get!("/api/plans/{id}", Staff(ViewStaffPages), "Một kế hoạch và các kỳ báo cáo", api::plan).answers("200", one("PlanDetail")),
    get!("/api/plans/{id}/items", Staff(ViewStaffPages), "Các nội dung của kế hoạch", api::items).answers("200", list("Item")),
    get!("/api/plans/{id}/tasks", Staff(ViewStaffPages), "Các nhiệm vụ của kế hoạch", api::tasks).answers("200", list("TaskWithStanding")),
    get!("/api/tasks/{id}", Staff(ViewStaffPages), "Một nhiệm vụ", api::task).answers("200", one("Task")),
    get!("/api/tasks/{id}/updates", Staff(ViewStaffPages), "Lịch sử cập nhật", api::updates).answers("200", list("Update")),
    post!("/api/tasks/{id}/updates", Staff(PostProgress), "Cập nhật tiến độ", api::post_update).takes("NewUpdate").answers("201", one("Created")),
];

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
    let mut app = Router::new();
    for spec in ROUTES {
        let mut handler = (spec.handler)();
        if spec.access == Access::Enumerator {
            handler = handler.route_layer(from_fn_with_state(
                state.clone(),
                collect::openrosa::require_enumerator,
            ));
        }
        if let Access::Staff(action) = spec.access {
            let guard = Guard {
                state: state.clone(),
                action,
                json: spec.path.starts_with("/api/"),
            };
            handler = handler.route_layer(from_fn_with_state(guard, require_access));
        }
        app = app.route(spec.path, handler);
    }
    let mut app = app
        .layer(from_fn(private_no_store))
        .layer(from_fn_with_state(state.clone(), catch_up))
        .layer(from_fn_with_state(state.clone(), auth::client_ip));
    if state.secure_cookies {
        // Behind HTTPS: browsers keep to HTTPS for a year (OWASP ASVS 9.1.1, 14.4.5).
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    let (proxies, secure) = (state.trusted_proxies.clone(), state.secure_cookies);
    let mut app = app.with_state(state);
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    crate::ops::wrap(app, proxies, secure)
}

/// The role check of one staff route, in front of its handler.
#[derive(Clone)]
struct Guard {
    state: AppState,
    action: Action,
    /// Refusals answer in JSON (the API) rather than with a page or the sign-in redirect.
    json: bool,
}

/// Lets the request through only for a signed-in user whose role allows the route's action,
/// and hands that user to the handler (which does not look the session up again).
async fn require_access(State(g): State<Guard>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let user = match auth::signed_in(&parts, &g.state).await {
        Ok(u) => u,
        Err(e) if g.json => return ApiError(e).into_response(),
        Err(e) => return e.into_response(),
    };
    if !user.actor().can(g.action) {
        return match g.json {
            true => ApiError(AppError::Forbidden).into_response(),
            false => AppError::Forbidden.into_response(),
        };
    }
    parts.extensions.insert(user);
    next.run(Request::from_parts(parts, body)).await
}

/// Brings this server's calendar and caches up to the database before the handler runs, so a
/// change made through another server (or the CLI) shows on the next request. Static assets
/// and the health check read nothing and skip it.
async fn catch_up(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if !(path.starts_with("/static/") || path == "/healthz") {
        if let Err(e) = state.app.catch_up().await {
            return AppError::Internal(e).into_response();
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
