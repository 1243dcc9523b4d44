//! Who may do what. Every route asks these functions; no handler decides by itself.

use serde::Serialize;

use crate::{Role, Task};

/// The signed-in person as the rules see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub user_id: i64,
    pub commune_id: i64,
    pub role: Role,
    pub unit_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Dashboard, plan tree, task list and pages, evidence downloads, exports.
    ViewStaffPages,
    /// Create and edit tasks, change status by hand, import plans and task tables.
    EditPlan,
    /// File progress on some task (which tasks: see [`can_post_progress`]).
    PostProgress,
    /// Units and users.
    ManageOrganisation,
    /// Add communes to the deployment and their first administrators.
    ManageCommunes,
    /// Read the audit log.
    ViewAudit,
    /// Write a unit's own sub-plan and reports (which unit: see [`can_write_for_unit`]).
    WriteUnitWork,
    /// Accept or return units' sub-plans and reports; set reporting periods; draft the commune
    /// report.
    ReviewUnitWork,
    /// Approve the commune report.
    ApproveReport,
    /// The read-only roll-up across the communes of the installation (province level).
    ViewProvince,
    /// Residents' matters: register, and work on those the object rules of
    /// `voice::identity` open to the user.
    WorkOnMatters,
    /// The citizen-reception schedule and register.
    ManageReception,
    /// The commune's e-mail outbox: what was sent to whom, what waits, what failed.
    ViewOutbox,
    /// The disclosure register: what is posted, where, from when and until when.
    ManageDisclosure,
    /// Residents' decisions, the contributions ledger, consultations and village conferences.
    ManageParticipation,
    /// The supervision boards (BTTND, BGSĐTCĐ), their plans and recommendations.
    ManageBoards,
    /// The outreach log.
    LogOutreach,
    /// Inspection plans, checks and findings (which findings a unit remedies: see
    /// `inspection`).
    ManageInspections,
    /// Satisfaction surveys of public services: create, open and close them, review held
    /// answers.
    ManageSatisfaction,
}

impl Action {
    pub const ALL: [Action; 19] = [
        Action::ViewStaffPages,
        Action::EditPlan,
        Action::PostProgress,
        Action::ManageOrganisation,
        Action::ViewAudit,
        Action::WriteUnitWork,
        Action::ReviewUnitWork,
        Action::ApproveReport,
        Action::ViewProvince,
        Action::ManageCommunes,
        Action::WorkOnMatters,
        Action::ManageReception,
        Action::ViewOutbox,
        Action::ManageDisclosure,
        Action::ManageParticipation,
        Action::ManageBoards,
        Action::LogOutreach,
        Action::ManageInspections,
        Action::ManageSatisfaction,
    ];
}

/// Whether `role` may take `action` at all.
pub fn role_allows(role: Role, action: Action) -> bool {
    use Role::*;
    match action {
        Action::ViewStaffPages => true,
        Action::EditPlan => matches!(role, Chairman | Office),
        Action::PostProgress => matches!(role, Chairman | Office | UnitHead | Officer),
        Action::ManageOrganisation => matches!(role, Admin),
        Action::ViewAudit => matches!(role, Admin | Chairman),
        Action::WriteUnitWork => matches!(role, Chairman | Office | UnitHead | Officer),
        Action::ReviewUnitWork => matches!(role, Office | Chairman),
        Action::ApproveReport => matches!(role, Chairman),
        // A commune's admin runs its own installation's users, not other communes' figures.
        Action::ViewProvince => matches!(role, Province | ProvinceAdmin),
        Action::ManageCommunes => matches!(role, ProvinceAdmin),
        Action::WorkOnMatters => {
            matches!(role, Chairman | Office | UnitHead | Officer | VillageHead)
        }
        Action::ManageReception => matches!(role, Chairman | Office),
        // The office sends the commune's notices and chases failures; the admin runs the
        // mail server's settings; the chairman sees everything of the commune.
        Action::ViewOutbox => matches!(role, Admin | Office | Chairman),
        // The office posts for the commune, the officers for their fields, village heads in
        // their villages (Đ.13 k.4).
        Action::ManageDisclosure => {
            matches!(role, Chairman | Office | UnitHead | Officer | VillageHead)
        }
        // Village heads convene their villages; the Front agrees proposals and recognises.
        Action::ManageParticipation => matches!(role, Chairman | Office | VillageHead | Front),
        // The Front sets up the boards and certifies their recommendations; the UBND answers.
        Action::ManageBoards => matches!(role, Chairman | Office | Front),
        Action::LogOutreach => {
            matches!(
                role,
                Chairman | Office | UnitHead | Officer | VillageHead | Front
            )
        }
        Action::ManageInspections => matches!(role, Chairman | Office),
        // The office runs the surveys for the commune; the admin sets up the desk's tablet.
        Action::ManageSatisfaction => matches!(role, Chairman | Office | Admin),
    }
}

impl Actor {
    pub fn can(&self, action: Action) -> bool {
        role_allows(self.role, action)
    }
}

/// Progress on a task is filed by the office and the chairman, or by the heads and officers of
/// its lead or coordinating units.
pub fn can_post_progress(actor: &Actor, task: &Task) -> bool {
    if actor.commune_id != task.commune_id || !actor.can(Action::PostProgress) {
        return false;
    }
    match actor.role {
        Role::Chairman | Role::Office => true,
        _ => actor
            .unit_id
            .is_some_and(|u| u == task.lead_unit_id || task.coordinating_unit_ids.contains(&u)),
    }
}

/// A unit's own documents (sub-plan, reports) are written by its head and officers, or by the
/// office on its behalf.
pub fn can_write_for_unit(actor: &Actor, unit_id: i64) -> bool {
    if !actor.can(Action::WriteUnitWork) {
        return false;
    }
    match actor.role {
        Role::Office | Role::Chairman => true,
        Role::UnitHead | Role::Officer => actor.unit_id == Some(unit_id),
        _ => false,
    }
}

/// Whether a task's deadlines belong in the user's own calendar: units see their own tasks
/// (lead or coordinating); everyone else follows the whole plan.
pub fn task_concerns(actor: &Actor, task: &Task) -> bool {
    if actor.commune_id != task.commune_id {
        return false;
    }
    match actor.role {
        Role::UnitHead | Role::Officer => actor
            .unit_id
            .is_some_and(|u| u == task.lead_unit_id || task.coordinating_unit_ids.contains(&u)),
        _ => true,
    }
}

/// Whether the actor's unit leads or coordinates the task.
fn unit_on_task(actor: &Actor, task: &Task) -> bool {
    actor
        .unit_id
        .is_some_and(|u| u == task.lead_unit_id || task.coordinating_unit_ids.contains(&u))
}

/// A task's page (its history and figures): the commune's staff see every task; the Front and
/// village heads see the public ones and those of their own unit; province viewers read
/// roll-ups and documents, not task pages (DESIGN §1).
pub fn can_view_task(actor: &Actor, task: &Task) -> bool {
    if actor.commune_id != task.commune_id {
        return false;
    }
    match actor.role {
        Role::Chairman | Role::Office | Role::Admin | Role::UnitHead | Role::Officer => true,
        Role::Front | Role::VillageHead => task.public || unit_on_task(actor, task),
        Role::Province | Role::ProvinceAdmin => false,
    }
}

/// Evidence files (minutes, lists, photos) may hold residents' personal data: the commune's
/// staff who work on the plan, and the Front or village heads only for their own unit's tasks.
pub fn can_view_evidence(actor: &Actor, task: &Task) -> bool {
    if actor.commune_id != task.commune_id {
        return false;
    }
    match actor.role {
        Role::Chairman | Role::Office | Role::Admin | Role::UnitHead | Role::Officer => true,
        Role::Front | Role::VillageHead => unit_on_task(actor, task),
        Role::Province | Role::ProvinceAdmin => false,
    }
}

/// A unit's sub-plan and reports: the office, the chairman and the admin see all; the commune's
/// unit staff see all (they work to one plan); the Front and village heads their own unit's.
pub fn can_view_unit_documents(actor: &Actor, unit_id: i64) -> bool {
    match actor.role {
        Role::Chairman | Role::Office | Role::Admin | Role::UnitHead | Role::Officer => true,
        Role::Front | Role::VillageHead => actor.unit_id == Some(unit_id),
        Role::Province | Role::ProvinceAdmin => false,
    }
}

/// Which roles the actor may give an account: a commune's admin never makes province
/// viewers (who would read every commune's figures); those are made on the server itself.
pub fn may_assign_role(actor: &Actor, role: Role) -> bool {
    actor.can(Action::ManageOrganisation) && !role.is_province()
}

/// The page a person lands on after signing in: their own work first (DESIGN §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landing {
    /// "Việc của đơn vị": the unit's tasks, sub-plan, reports and deadlines.
    UnitWork,
    /// The commune-wide dashboard.
    Dashboard,
    /// The province roll-up.
    Province,
    /// The communes of the deployment, for the province administrator.
    Communes,
}

pub fn landing(role: Role, unit_id: Option<i64>) -> Landing {
    match role {
        Role::UnitHead | Role::Officer if unit_id.is_some() => Landing::UnitWork,
        Role::Province => Landing::Province,
        Role::ProvinceAdmin => Landing::Communes,
        _ => Landing::Dashboard,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Due, TaskStatus};

    #[test]
    fn satisfaction_surveys_are_run_by_the_office_chairman_and_admin() {
        let allowed: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| role_allows(*r, Action::ManageSatisfaction))
            .collect();
        assert_eq!(allowed, vec![Role::Chairman, Role::Office, Role::Admin]);
        assert!(Action::ALL.contains(&Action::ManageSatisfaction));
    }

    fn task() -> Task {
        Task {
            id: 1,
            commune_id: 7,
            plan_id: 1,
            item_id: None,
            position: 1,
            title: "t".into(),
            description: String::new(),
            lead_unit_id: 10,
            coordinating_unit_ids: vec![11],
            deliverable: "d".into(),
            due: Due::Date(chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()),
            status: TaskStatus::InProgress,
            progress: 10,
            public: true,
        }
    }

    fn actor(role: Role, unit: Option<i64>) -> Actor {
        Actor {
            user_id: 1,
            commune_id: 7,
            role,
            unit_id: unit,
        }
    }

    #[test]
    fn assignees_and_editors_post_progress() {
        let t = task();
        assert!(can_post_progress(&actor(Role::Officer, Some(10)), &t));
        assert!(can_post_progress(&actor(Role::UnitHead, Some(11)), &t));
        assert!(!can_post_progress(&actor(Role::Officer, Some(12)), &t));
        assert!(!can_post_progress(&actor(Role::Officer, None), &t));
        assert!(can_post_progress(&actor(Role::Office, None), &t));
        assert!(!can_post_progress(&actor(Role::Front, Some(10)), &t));
        assert!(!can_post_progress(&actor(Role::Province, None), &t));
        assert_eq!(landing(Role::Officer, Some(3)), Landing::UnitWork);
        assert_eq!(landing(Role::UnitHead, Some(3)), Landing::UnitWork);
        assert_eq!(landing(Role::Office, Some(3)), Landing::Dashboard);
        assert_eq!(landing(Role::ProvinceAdmin, None), Landing::Communes);
        assert_eq!(landing(Role::Province, None), Landing::Province);
        let other = Actor {
            commune_id: 8,
            ..actor(Role::Office, None)
        };
        assert!(!can_post_progress(&other, &t));
    }

    #[test]
    fn units_write_their_own_documents() {
        assert!(can_write_for_unit(&actor(Role::Officer, Some(10)), 10));
        assert!(!can_write_for_unit(&actor(Role::Officer, Some(10)), 11));
        assert!(can_write_for_unit(&actor(Role::Office, None), 11));
        assert!(!can_write_for_unit(&actor(Role::Front, Some(10)), 10));
        assert!(
            role_allows(Role::Office, Action::ReviewUnitWork)
                && !role_allows(Role::Officer, Action::ReviewUnitWork)
        );
        assert!(
            role_allows(Role::Chairman, Action::ApproveReport)
                && !role_allows(Role::Office, Action::ApproveReport)
        );
    }

    #[test]
    fn calendars_hold_what_concerns_the_user() {
        let t = task();
        assert!(task_concerns(&actor(Role::Officer, Some(11)), &t));
        assert!(!task_concerns(&actor(Role::UnitHead, Some(12)), &t));
        assert!(task_concerns(&actor(Role::Chairman, None), &t));
        assert!(!task_concerns(
            &Actor {
                commune_id: 9,
                ..actor(Role::Office, None)
            },
            &t
        ));
    }

    #[test]
    fn front_village_heads_and_province_see_less() {
        let mut t = task();
        for role in [Role::Front, Role::VillageHead] {
            assert!(can_view_task(&actor(role, None), &t), "public task");
            assert!(!can_view_evidence(&actor(role, None), &t));
            assert!(can_view_evidence(&actor(role, Some(11)), &t), "own unit");
            assert!(!can_view_unit_documents(&actor(role, Some(11)), 10));
            assert!(can_view_unit_documents(&actor(role, Some(11)), 11));
        }
        t.public = false;
        assert!(!can_view_task(&actor(Role::Front, None), &t));
        assert!(can_view_task(&actor(Role::Front, Some(10)), &t));
        assert!(!can_view_task(&actor(Role::Province, None), &t));
        assert!(!can_view_evidence(&actor(Role::Province, None), &t));
        assert!(can_view_evidence(&actor(Role::Officer, Some(12)), &t));
        assert!(!role_allows(Role::Admin, Action::ViewProvince));
        assert!(!may_assign_role(&actor(Role::Admin, None), Role::Province));
        assert!(may_assign_role(&actor(Role::Admin, None), Role::Office));
        assert!(!may_assign_role(&actor(Role::Office, None), Role::Officer));
    }

    #[test]
    fn only_editors_edit_and_only_admin_manages() {
        for role in Role::ALL {
            assert_eq!(
                role_allows(role, Action::EditPlan),
                matches!(role, Role::Chairman | Role::Office)
            );
            assert_eq!(
                role_allows(role, Action::ManageOrganisation),
                role == Role::Admin
            );
            assert!(role_allows(role, Action::ViewStaffPages));
        }
    }
}
