//! Failures as the user sees them: a Vietnamese page (or JSON for the API), never a panic.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use papi_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("Không tìm thấy trang hoặc dữ liệu yêu cầu.")]
    NotFound,
    #[error("Bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    #[error("Bạn cần đăng nhập.")]
    Unauthorized,
    #[error("{0}")]
    BadRequest(String),
    #[error(
        "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại."
    )]
    Csrf,
    #[error("Bạn thao tác quá nhanh. Vui lòng chờ một phút rồi thử lại.")]
    TooManyRequests,
    #[error("Lỗi hệ thống. Thao tác chưa được thực hiện; vui lòng thử lại sau.")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(m) => AppError::BadRequest(m),
            e => AppError::Internal(e.into()),
        }
    }
}

impl From<papi_app::Error> for AppError {
    fn from(e: papi_app::Error) -> Self {
        match e {
            papi_app::Error::NotFound => AppError::NotFound,
            papi_app::Error::Forbidden => AppError::Forbidden,
            papi_app::Error::Invalid(m) => AppError::BadRequest(m),
            papi_app::Error::Internal(e) => AppError::Internal(e),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Unauthorized = self {
            return Redirect::to("/login").into_response();
        }
        if let AppError::Internal(e) = &self {
            tracing::error!("internal error: {e:#}");
        }
        crate::ops::page(self.status(), self.to_string())
    }
}

/// The same failures for the JSON API.
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self.0 {
            tracing::error!("internal error: {e:#}");
        }
        crate::ops::json(self.0.status(), self.0.to_string())
    }
}

pub type PageResult = Result<Response, AppError>;
