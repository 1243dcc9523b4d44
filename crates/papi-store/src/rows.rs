//! Decoding helpers shared by the repositories.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Result, StoreError};

pub fn i(row: &AnyRow, col: &str) -> Result<i64> {
    Ok(row.try_get::<i64, _>(col)?)
}

pub fn oi(row: &AnyRow, col: &str) -> Result<Option<i64>> {
    Ok(row.try_get::<Option<i64>, _>(col)?)
}

pub fn s(row: &AnyRow, col: &str) -> Result<String> {
    Ok(row.try_get::<String, _>(col)?)
}

pub fn os(row: &AnyRow, col: &str) -> Result<Option<String>> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

pub fn date(row: &AnyRow, col: &str) -> Result<chrono::NaiveDate> {
    let text = s(row, col)?;
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("{col}: {text}")))
}

pub fn opt_date(row: &AnyRow, col: &str) -> Result<Option<chrono::NaiveDate>> {
    os(row, col)?
        .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| corrupt(col, d)))
        .transpose()
}

pub fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {value}"))
}
