//! Outreach (tuyên truyền): the log of communication work.

/// The loudspeaker days logged as outreach for a disclosure (they count as its radio form,
/// Đ.13 k.3), sorted.
pub async fn loudspeaker_days(
    _app: &crate::App,
    _commune_id: i64,
    _disclosure_id: i64,
) -> crate::error::Result<Vec<chrono::NaiveDate>> {
    Ok(Vec::new())
}
