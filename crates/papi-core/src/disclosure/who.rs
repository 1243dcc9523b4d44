//! Who may do what in the register, on top of the role's `ManageDisclosure` right: the office,
//! the chairman and the officers open, re-disclose and take down entries for the commune; a
//! village head records what was done in the village — the posting at the cultural house, the
//! meeting, the loudspeaker days, the photo (Luật 10/2022/QH15 Điều 13 khoản 4) — but does not
//! open or withdraw the commune's disclosures.

use super::entry::FormKind;
use crate::{Actor, Role};

/// Whether `actor` may open a new entry, disclose a new version, or take one down.
pub fn can_register(actor: &Actor) -> bool {
    matches!(
        actor.role,
        Role::Chairman | Role::Office | Role::UnitHead | Role::Officer
    )
}

/// Whether `actor` may record a form of kind `kind` (and its photo).
pub fn can_record_form(actor: &Actor, kind: FormKind) -> bool {
    can_register(actor)
        || (actor.role == Role::VillageHead
            && matches!(
                kind,
                FormKind::Village | FormKind::VillageHead | FormKind::Loudspeaker
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 1,
            commune_id: 1,
            role,
            unit_id: None,
        }
    }

    #[test]
    fn village_heads_record_village_work_only() {
        assert!(can_register(&actor(Role::Office)));
        assert!(!can_register(&actor(Role::VillageHead)));
        assert!(can_record_form(
            &actor(Role::VillageHead),
            FormKind::Village
        ));
        assert!(!can_record_form(
            &actor(Role::VillageHead),
            FormKind::Office
        ));
        assert!(!can_record_form(&actor(Role::Front), FormKind::Village));
    }
}
