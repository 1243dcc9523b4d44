//! What residents see of their participation without signing in (issue item 10): community
//! decisions and their results, contributions and their use, consultations open now with
//! their window and closed ones with their summary and explanation — filtered by village
//! (a village sees its own matters and the commune-wide ones).

use super::{list_of as decisions_of, villages, DecisionView};
use crate::error::Result;
use crate::participation::consultation::{list_of as consultations_of, ConsultationView};
use crate::participation::ledger::{list_of as ledgers_of, LedgerView};
use crate::App;

/// The public page's content.
#[derive(Debug, Clone)]
pub struct PublicParticipation {
    pub villages: Vec<(i64, String)>,
    pub village: Option<i64>,
    pub decisions: Vec<DecisionView>,
    pub ledgers: Vec<LedgerView>,
    pub consultations: Vec<ConsultationView>,
}

fn concerns(scope: Option<i64>, filter: Option<i64>) -> bool {
    match (scope, filter) {
        (_, None) | (None, _) => true,
        (Some(s), Some(f)) => s == f,
    }
}

/// The page for `commune_id`, for one village or (`None`) all.
pub async fn page(app: &App, commune_id: i64, village: Option<i64>) -> Result<PublicParticipation> {
    let villages = villages(app, commune_id).await?;
    let village = village.filter(|v| villages.iter().any(|x| x.0 == *v));
    let today = app.today();
    Ok(PublicParticipation {
        decisions: decisions_of(app, commune_id)
            .await?
            .into_iter()
            .filter(|d| concerns(d.decision.village_id, village))
            .collect(),
        ledgers: ledgers_of(app, commune_id)
            .await?
            .into_iter()
            .filter(|l| concerns(l.ledger.village_id, village))
            .collect(),
        consultations: consultations_of(app, commune_id)
            .await?
            .into_iter()
            .filter(|c| c.consultation.published_on <= today)
            .filter(|c| concerns(c.consultation.village_id, village))
            .collect(),
        villages,
        village,
    })
}
