//! Who may see an unannounced check before its day. Seed II.4.a asks for checks "đột xuất":
//! they only work if the inspected unit does not know the day. So, until the planned day (or
//! until the check is recorded, if earlier), the check — its date and its very existence — is
//! kept from the people of the inspected unit (its head and officers) or village (its head).
//! Everyone else who may read the staff pages sees it. Every list, page, calendar feed and
//! agenda entry asks [`may_see`].

use chrono::NaiveDate;

use super::{Inspection, Mode, Target};
use crate::{Actor, Role};

/// The person asking, as this rule needs them: their role, unit and village.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub commune_id: i64,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub village_id: Option<i64>,
}

impl Viewer {
    pub fn new(actor: &Actor, village_id: Option<i64>) -> Viewer {
        Viewer {
            commune_id: actor.commune_id,
            role: actor.role,
            unit_id: actor.unit_id,
            village_id,
        }
    }
}

/// Whether `viewer` belongs to what `i` inspects: the head or an officer of the unit, the head
/// of the village.
pub fn is_inspected(viewer: &Viewer, i: &Inspection) -> bool {
    match i.target {
        Target::Unit(u) => {
            matches!(viewer.role, Role::UnitHead | Role::Officer) && viewer.unit_id == Some(u)
        }
        Target::Village(v) => viewer.role == Role::VillageHead && viewer.village_id == Some(v),
    }
}

/// Whether `viewer` may see check `i` (and so its date) on `today`: always for a scheduled
/// check and for those not inspected; for the inspected unit of an unannounced check, only from
/// its planned day or once it was carried out.
pub fn may_see(viewer: &Viewer, i: &Inspection, today: NaiveDate) -> bool {
    if viewer.commune_id != i.commune_id {
        return false;
    }
    match i.mode {
        Mode::Scheduled => true,
        Mode::Unannounced => {
            !is_inspected(viewer, i) || today >= i.planned_on || i.held_on.is_some()
        }
    }
}

/// Whether a check's checklist is served to the commune's field accounts (ODK Collect): from
/// its planned day, or once carried out, until it is concluded. Field accounts are not tied
/// to a unit, so an unannounced check reaches no phone before its day.
pub fn on_phones(i: &Inspection, today: NaiveDate) -> bool {
    i.concluded_on.is_none() && (today >= i.planned_on || i.held_on.is_some())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, day};
    use super::*;

    fn viewer(role: Role, unit: Option<i64>, village: Option<i64>) -> Viewer {
        Viewer {
            commune_id: 1,
            role,
            unit_id: unit,
            village_id: village,
        }
    }

    #[test]
    fn the_inspected_unit_does_not_see_an_unannounced_check_before_its_day() {
        let i = check(Mode::Unannounced); // unit 7, planned 20/10/2025
        let head = viewer(Role::UnitHead, Some(7), None);
        let officer = viewer(Role::Officer, Some(7), None);
        for v in [head, officer] {
            assert!(!may_see(&v, &i, day(2025, 10, 19)));
            assert!(may_see(&v, &i, day(2025, 10, 20)));
            assert!(may_see(&v, &i, day(2025, 10, 21)));
        }
    }

    #[test]
    fn everyone_else_sees_it_and_scheduled_checks_are_open() {
        let i = check(Mode::Unannounced);
        let before = day(2025, 10, 1);
        for v in [
            viewer(Role::Office, None, None),
            viewer(Role::Chairman, None, None),
            viewer(Role::UnitHead, Some(8), None),
            viewer(Role::Front, None, None),
            viewer(Role::VillageHead, None, Some(7)),
        ] {
            assert!(may_see(&v, &i, before), "{v:?}");
        }
        let s = check(Mode::Scheduled);
        assert!(may_see(&viewer(Role::UnitHead, Some(7), None), &s, before));
    }

    #[test]
    fn a_village_check_is_hidden_from_its_village_head_only() {
        let mut i = check(Mode::Unannounced);
        i.target = Target::Village(3);
        let before = day(2025, 10, 1);
        assert!(!may_see(
            &viewer(Role::VillageHead, None, Some(3)),
            &i,
            before
        ));
        assert!(may_see(
            &viewer(Role::VillageHead, None, Some(4)),
            &i,
            before
        ));
        assert!(may_see(&viewer(Role::UnitHead, Some(3), None), &i, before));
    }

    #[test]
    fn a_check_recorded_early_is_no_longer_hidden() {
        let mut i = check(Mode::Unannounced);
        i.held_on = Some(day(2025, 10, 10));
        assert!(may_see(
            &viewer(Role::Officer, Some(7), None),
            &i,
            day(2025, 10, 10)
        ));
    }

    #[test]
    fn phones_get_a_checklist_from_its_day_until_the_conclusion() {
        let mut i = check(Mode::Unannounced);
        assert!(!on_phones(&i, day(2025, 10, 19)));
        assert!(on_phones(&i, day(2025, 10, 20)));
        i.held_on = Some(day(2025, 10, 10));
        assert!(on_phones(&i, day(2025, 10, 10)));
        i.concluded_on = Some(day(2025, 10, 21));
        assert!(!on_phones(&i, day(2025, 10, 21)));
    }

    #[test]
    fn another_communes_check_is_never_seen() {
        let i = check(Mode::Scheduled);
        let mut v = viewer(Role::Office, None, None);
        v.commune_id = 2;
        assert!(!may_see(&v, &i, day(2025, 10, 20)));
    }
}
