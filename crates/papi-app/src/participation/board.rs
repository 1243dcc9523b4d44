//! Supervision boards: the people's inspection board (BTTND) and the community investment
//! supervision boards (BGSĐTCĐ), their members, plans, notices and recommendations.

/// What falls due in this process that `actor` may see (merged into the agenda by
/// `agenda::process_obligations`).
pub async fn obligations(
    _app: &crate::App,
    _actor: &papi_core::Actor,
) -> crate::error::Result<Vec<papi_core::agenda::Obligation>> {
    Ok(Vec::new())
}

/// The name of the board supervising a contributions project of the ledger, if one does.
pub async fn board_for_project(
    _app: &crate::App,
    _commune_id: i64,
    _project_id: i64,
) -> crate::error::Result<Option<String>> {
    Ok(None)
}
