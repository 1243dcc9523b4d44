//! Village conferences, the commune's dialogue conference and meetings with residents.

/// What falls due in this process that `actor` may see (merged into the agenda by
/// `agenda::process_obligations`).
pub async fn obligations(
    _app: &crate::App,
    _actor: &papi_core::Actor,
) -> crate::error::Result<Vec<papi_core::agenda::Obligation>> {
    Ok(Vec::new())
}
