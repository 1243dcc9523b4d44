//! Why a use case refused or failed, in the terms every front door maps to its own answer
//! (an HTTP status and page, a CLI exit code).

use papi_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Không tìm thấy trang hoặc dữ liệu yêu cầu.")]
    NotFound,
    #[error("Bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    /// The input breaks a rule; the message says which, in Vietnamese.
    #[error("{0}")]
    Invalid(String),
    #[error("Lỗi hệ thống. Thao tác chưa được thực hiện; vui lòng thử lại sau.")]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::NotFound,
            StoreError::Conflict(m) => Error::Invalid(m),
            e => Error::Internal(e.into()),
        }
    }
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;
