//! Citizen reception: the chairman's schedule with what it breaks ([`schedule`]), and the
//! register (sổ tiếp công dân) with its DOCX and XLSX ([`register`]).

pub mod register;
pub mod schedule;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// A form sent back with its errors and what was typed: 422, as the services' `Invalid`.
fn invalid(html: String) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response()
}
