//! What inspections put on the agenda: each planned check (until it is carried out), each
//! finding's remediation (until reported) and each remediated finding's re-check (until a
//! confirming re-check). Who may see each entry is decided here too, so that no feed, digest
//! or dashboard shows an unannounced check's date to the unit it inspects: such a check
//! contributes nothing for them until its day.

use chrono::NaiveDate;

use super::finding::{Finding, FindingStatus, Recheck};
use super::visibility::{may_see, Viewer};
use super::{Inspection, Target};
use crate::agenda::{Obligation, ObligationKind};
use crate::Role;

/// One check with its findings and their re-checks (oldest first).
#[derive(Debug, Clone)]
pub struct Record {
    pub inspection: Inspection,
    pub findings: Vec<(Finding, Vec<Recheck>)>,
}

/// Whether the entry about `i` (and `f`, if about a finding) concerns `viewer`: the office and
/// the chairman see all; the owner unit its findings; the inspected unit or village its checks
/// (once visible to it).
fn concerns(viewer: &Viewer, i: &Inspection, f: Option<&Finding>) -> bool {
    match viewer.role {
        Role::Chairman | Role::Office => true,
        _ => match f {
            Some(f) => viewer.unit_id == Some(f.owner_unit_id),
            None => match i.target {
                Target::Unit(u) => viewer.unit_id == Some(u),
                Target::Village(v) => viewer.village_id == Some(v),
            },
        },
    }
}

/// The obligations `viewer` may see on `today`. Titles name the unit and the kind of check,
/// never a date.
pub fn obligations(records: &[Record], viewer: &Viewer, today: NaiveDate) -> Vec<Obligation> {
    let mut out = Vec::new();
    for r in records {
        let i = &r.inspection;
        if !may_see(viewer, i, today) {
            continue;
        }
        if concerns(viewer, i, None) {
            out.push(Obligation {
                kind: ObligationKind::Inspection,
                title: format!(
                    "Kiểm tra {} ({}): {}",
                    i.mode.label().to_lowercase(),
                    i.checklist.label().to_lowercase(),
                    i.target_name
                ),
                due: i.planned_on,
                unit_id: match i.target {
                    Target::Unit(u) => Some(u),
                    Target::Village(_) => None,
                },
                subject_id: i.id,
                met_on: i.held_on,
            });
        }
        for (f, rechecks) in &r.findings {
            if !concerns(viewer, i, Some(f)) {
                continue;
            }
            let status = f.status(rechecks);
            let remediated = match status {
                FindingStatus::Open => None,
                _ => f.remediated_on.or(f.closed_on),
            };
            out.push(Obligation {
                kind: ObligationKind::Inspection,
                title: format!("Khắc phục sau kiểm tra: {}", f.owner_name),
                due: f.due,
                unit_id: Some(f.owner_unit_id),
                subject_id: f.id,
                met_on: remediated,
            });
            if let Some(reported) = f.remediated_on {
                let confirmed = match status {
                    FindingStatus::Confirmed | FindingStatus::Closed => {
                        rechecks.last().map(|x| x.on).or(f.closed_on)
                    }
                    _ => None,
                };
                out.push(Obligation {
                    kind: ObligationKind::Inspection,
                    title: format!("Tái kiểm tra việc khắc phục: {}", f.owner_name),
                    due: reported.max(f.due),
                    unit_id: None,
                    subject_id: f.id,
                    met_on: confirmed,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspection::tests::{check, day};
    use crate::inspection::Mode;

    fn finding() -> Finding {
        Finding {
            id: 9,
            commune_id: 1,
            inspection_id: 1,
            text: "Chưa niêm yết phí".into(),
            owner_unit_id: 7,
            owner_name: "Văn phòng - Thống kê".into(),
            found_on: day(2025, 10, 1),
            due: day(2025, 10, 10),
            first_due: day(2025, 10, 10),
            remediated_on: None,
            remediation: String::new(),
            closed_on: None,
        }
    }

    fn viewer(role: Role, unit: Option<i64>) -> Viewer {
        Viewer {
            commune_id: 1,
            role,
            unit_id: unit,
            village_id: None,
        }
    }

    #[test]
    fn an_unannounced_check_is_absent_from_the_inspected_units_agenda_until_its_day() {
        let recs = [Record {
            inspection: check(Mode::Unannounced),
            findings: vec![],
        }];
        let head = viewer(Role::UnitHead, Some(7));
        assert!(obligations(&recs, &head, day(2025, 10, 19)).is_empty());
        assert_eq!(obligations(&recs, &head, day(2025, 10, 20)).len(), 1);
        let office = obligations(&recs, &viewer(Role::Office, None), day(2025, 10, 1));
        assert_eq!(office.len(), 1);
        assert_eq!(office[0].due, day(2025, 10, 20));
        assert!(!office[0].title.contains("20/10"));
    }

    #[test]
    fn remediation_then_recheck_enter_the_agenda() {
        let mut i = check(Mode::Unannounced);
        i.held_on = Some(day(2025, 10, 1));
        let mut f = finding();
        let recs = |f: &Finding, rc: Vec<Recheck>| {
            vec![Record {
                inspection: i.clone(),
                findings: vec![(f.clone(), rc)],
            }]
        };
        let owner = viewer(Role::Officer, Some(7));
        let o = obligations(&recs(&f, vec![]), &owner, day(2025, 10, 15));
        let rem: Vec<_> = o.iter().filter(|o| o.subject_id == 9).collect();
        assert_eq!(rem.len(), 1);
        assert_eq!(rem[0].met_on, None);
        assert_eq!(rem[0].due, day(2025, 10, 10));
        // Another unit's officer sees neither the check nor the finding.
        assert!(obligations(
            &recs(&f, vec![]),
            &viewer(Role::Officer, Some(8)),
            day(2025, 10, 15)
        )
        .is_empty());
        f.remediated_on = Some(day(2025, 10, 14));
        let o = obligations(
            &recs(&f, vec![]),
            &viewer(Role::Office, None),
            day(2025, 10, 15),
        );
        let recheck = o
            .iter()
            .find(|o| o.title.starts_with("Tái kiểm tra"))
            .expect("a re-check falls due");
        assert_eq!(recheck.due, day(2025, 10, 14));
        assert_eq!(recheck.met_on, None);
        let passed = Recheck {
            id: 1,
            finding_id: 9,
            on: day(2025, 10, 16),
            by: "A".into(),
            passed: true,
            note: String::new(),
            new_due: None,
        };
        let o = obligations(
            &recs(&f, vec![passed]),
            &viewer(Role::Office, None),
            day(2025, 10, 16),
        );
        assert!(o.iter().all(|o| o.met_on.is_some()));
    }
}
