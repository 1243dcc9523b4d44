//! What residents see of the boards: the boards, their members, their recommendations and the
//! commune's answers with dates and whether they came on time (Luật 10/2022/QH15 Điều 40, 45).

use papi_core::participation::board::{Board, Member};

use super::{rec_view, RecommendationView};
use crate::error::Result;
use crate::App;

/// One board as the public page shows it.
#[derive(Debug, Clone)]
pub struct PublicBoard {
    pub board: Board,
    pub active: bool,
    pub members: Vec<Member>,
    pub recommendations: Vec<RecommendationView>,
}

/// The commune's boards for the public page, no sign-in needed.
pub async fn public_boards(app: &App, commune_id: i64) -> Result<Vec<PublicBoard>> {
    let store = &app.store;
    let boards = papi_store::participation::board::list(store, commune_id).await?;
    let recs = papi_store::participation::board::recommendations(store, commune_id, None).await?;
    let mut out = Vec::new();
    for b in boards {
        let members = papi_store::participation::board::members(store, commune_id, b.id).await?;
        out.push(PublicBoard {
            active: b.is_active(app.today()),
            members,
            recommendations: recs
                .iter()
                .filter(|r| r.board_id == b.id)
                .cloned()
                .map(|r| rec_view(app, b.kind, r))
                .collect(),
            board: b,
        });
    }
    Ok(out)
}
