//! Reading uploaded files off the async workers. Parsing a large or hostile file can take
//! seconds of CPU; on the async workers it would stall every other request (the health check
//! included). Here it runs on the blocking pool, a few at a time, and a panic in a parser
//! becomes a Vietnamese message instead of a dropped connection.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::error::AppError;

/// How many uploads are parsed at once: one core stays free for serving pages.
pub fn parse_permits() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().saturating_sub(1))
        .unwrap_or(1)
        .max(1)
}

/// The gate every upload parser passes through.
#[derive(Clone)]
pub struct Parsers(Arc<Semaphore>);

impl Default for Parsers {
    fn default() -> Parsers {
        Parsers(Arc::new(Semaphore::new(parse_permits())))
    }
}

impl Parsers {
    /// Runs `parse` on the blocking pool once a permit is free.
    pub async fn run<T, F>(&self, parse: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let _permit =
            self.0.acquire().await.map_err(|_| {
                AppError::BadRequest("Máy chủ đang dừng, chưa đọc được tệp.".into())
            })?;
        tokio::task::spawn_blocking(parse).await.map_err(|e| {
            tracing::error!("upload parser failed: {e}");
            AppError::BadRequest(
                "Tệp bị hỏng hoặc không đúng định dạng, không đọc được (lỗi khi phân tích tệp)."
                    .into(),
            )
        })
    }
}

/// The most an upload form may carry (all its files together).
pub const UPLOAD_LIMIT_MB: usize = 52;

/// A multipart upload that could not be read, said in Vietnamese: the library's own (English)
/// text is logged, not shown.
pub fn upload_error(e: axum::extract::multipart::MultipartError) -> AppError {
    tracing::info!("upload refused: {e}");
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        AppError::BadRequest(format!(
            "Tệp gửi lên quá lớn: tối đa {UPLOAD_LIMIT_MB} MB cho một lần gửi."
        ))
    } else {
        AppError::BadRequest(
            "Không đọc được tệp gửi lên (đường truyền bị ngắt hoặc biểu mẫu hỏng); vui lòng gửi lại."
                .into(),
        )
    }
}
