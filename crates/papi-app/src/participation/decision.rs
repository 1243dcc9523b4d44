//! What residents decide (bàn và quyết định, Đ.15–22): proposals, forms, notices, votes
//! and the thresholds.

/// What falls due in this process that `actor` may see (merged into the agenda by
/// `agenda::process_obligations`).
pub async fn obligations(
    _app: &crate::App,
    _actor: &papi_core::Actor,
) -> crate::error::Result<Vec<papi_core::agenda::Obligation>> {
    Ok(Vec::new())
}
