//! Loading the commune's current plan with everything the pages show beside it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use papi_calendar::Calendar;
use papi_core::agenda::Today;
use papi_core::progress::{summarize, Summary, TaskFacts};
use papi_core::reporting::{Period, UnitReport};
use papi_core::task::{standing, Standing};
use papi_core::unit_plan::UnitPlan;
use papi_core::{Actor, Commune, Dimension, Plan, PlanItem, Unit};
use papi_store::org;
use papi_store::plan::{self, TaskRecord};

use crate::error::{Error, Result};
use crate::App;

pub struct PlanData {
    pub commune: Commune,
    pub plan: Plan,
    pub items: Vec<PlanItem>,
    pub tasks: Vec<TaskRecord>,
    pub units: Vec<Unit>,
    /// The units' own plans, the reporting periods and the units' reports: what the agenda,
    /// the registers and the reminders read with the plan.
    pub unit_plans: Vec<UnitPlan>,
    pub periods: Vec<Period>,
    pub unit_reports: Vec<UnitReport>,
    item_index: HashMap<i64, usize>,
    unit_index: HashMap<i64, usize>,
    task_index: HashMap<i64, usize>,
    /// Roll-ups of the day they were made for: (today, all tasks, public tasks only).
    summaries: Mutex<Option<DaySummaries>>,
    /// Tasks each unit leads or coordinates (not cancelled), counted once per plan version.
    assigned: std::sync::OnceLock<HashMap<i64, usize>>,
}

/// Loaded plans per commune, tagged with the database version ([`App::version`], the audit
/// log's last entry) they were read at. Every change appends to the audit log, so an unchanged
/// version means the cached copy is current, even when another process (the CLI, a second
/// server) wrote.
#[derive(Default)]
pub struct PlanCache(Mutex<HashMap<i64, Cached>>);

/// The day and calendar the roll-ups were made for, over all tasks and over public tasks only.
/// The calendar is held, so that comparing its address cannot mistake a new one for it.
type DaySummaries = (chrono::NaiveDate, Arc<Calendar>, Arc<Summary>, Arc<Summary>);

/// The audit head a plan was read at, and the plan (`None`: the commune has none yet).
type Cached = (i64, Option<Arc<PlanData>>);

impl PlanData {
    /// The commune's current plan, or `None` before any plan is imported.
    pub async fn load(app: &App, commune_id: i64) -> Result<Option<Arc<PlanData>>> {
        let head = app.version().await?;
        let cache = &app.plans.0;
        if let Some((h, data)) = cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&commune_id)
        {
            if *h == head {
                return Ok(data.clone());
            }
        }
        let data = Self::read(app, commune_id).await?.map(Arc::new);
        cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(commune_id, (head, data.clone()));
        Ok(data)
    }

    /// The current plan for a signed-in staff member's pages; none yet is "not found".
    pub async fn for_staff(app: &App, actor: &Actor) -> Result<Arc<PlanData>> {
        if !actor.can(papi_core::Action::ViewStaffPages) {
            return Err(Error::Forbidden);
        }
        Self::load(app, actor.commune_id)
            .await?
            .ok_or(Error::NotFound)
    }

    async fn read(app: &App, commune_id: i64) -> Result<Option<PlanData>> {
        let Some(plan) = plan::current_plan(&app.store, commune_id).await? else {
            return Ok(None);
        };
        let (commune, items, tasks, units, unit_plans, periods, unit_reports) = tokio::try_join!(
            org::commune(&app.store, commune_id),
            plan::items(&app.store, plan.id),
            plan::tasks(&app.store, plan.id),
            org::units(&app.store, commune_id),
            papi_store::unit_plan::list(&app.store, plan.id),
            papi_store::reporting::periods(&app.store, plan.id),
            papi_store::unit_report::list_of_plan(&app.store, plan.id),
        )?;
        let item_index = items.iter().enumerate().map(|(n, i)| (i.id, n)).collect();
        let unit_index = units.iter().enumerate().map(|(n, u)| (u.id, n)).collect();
        let task_index = tasks
            .iter()
            .enumerate()
            .map(|(n, t)| (t.task.id, n))
            .collect();
        Ok(Some(PlanData {
            commune,
            plan,
            items,
            tasks,
            units,
            unit_plans,
            periods,
            unit_reports,
            item_index,
            unit_index,
            task_index,
            summaries: Mutex::new(None),
            assigned: Default::default(),
        }))
    }

    pub fn item(&self, id: Option<i64>) -> Option<&PlanItem> {
        id.and_then(|id| self.item_index.get(&id))
            .map(|&n| &self.items[n])
    }

    pub fn task(&self, id: i64) -> Option<&TaskRecord> {
        self.task_index.get(&id).map(|&n| &self.tasks[n])
    }

    pub fn dimension(&self, t: &TaskRecord) -> Option<Dimension> {
        self.item(t.task.item_id).and_then(|i| i.kind.dimension())
    }

    pub fn unit_name(&self, id: i64) -> &str {
        self.unit_index
            .get(&id)
            .map(|&n| self.units[n].name.as_str())
            .unwrap_or("—")
    }

    pub fn unit_names(&self, ids: &[i64]) -> String {
        ids.iter()
            .map(|&id| self.unit_name(id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn facts(&self) -> Vec<TaskFacts> {
        self.tasks
            .iter()
            .map(|t| TaskFacts {
                id: t.task.id,
                dimension: self.dimension(t),
                lead_unit_id: t.task.lead_unit_id,
                status: t.task.status,
                progress: t.task.progress,
                due: t.task.due,
                last_update_on: t.last_update_on,
            })
            .collect()
    }

    /// How many tasks `unit_id` leads or coordinates (cancelled ones aside); the registers and
    /// the agenda ask on every view, so it is counted once per plan version.
    pub fn assigned_count(&self, unit_id: i64) -> usize {
        let counts = self.assigned.get_or_init(|| {
            let mut counts = HashMap::new();
            for u in &self.units {
                let n =
                    papi_core::unit_plan::assigned_tasks(u.id, self.tasks.iter().map(|t| &t.task))
                        .len();
                counts.insert(u.id, n);
            }
            counts
        });
        counts.get(&unit_id).copied().unwrap_or(0)
    }

    /// `date` as this commune judges deadlines: the calendar in force and its own window.
    pub fn on<'a>(&self, date: chrono::NaiveDate, cal: &'a Calendar) -> Today<'a> {
        Today {
            date,
            cal,
            due_soon: self.commune.due_soon,
        }
    }

    /// The roll-ups on a day: (all tasks, public tasks only). Computed once per plan version,
    /// day and calendar, since every dashboard and public page view needs them.
    pub fn summaries(
        &self,
        date: chrono::NaiveDate,
        cal: &Arc<Calendar>,
    ) -> (Arc<Summary>, Arc<Summary>) {
        let mut cached = self.summaries.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((day, c, all, public)) = cached.as_ref() {
            if *day == date && Arc::ptr_eq(c, cal) {
                return (all.clone(), public.clone());
            }
        }
        let on = &self.on(date, cal);
        let facts = self.facts();
        let all = Arc::new(summarize(&facts, self.plan.year, on));
        let public_facts: Vec<TaskFacts> = facts
            .into_iter()
            .zip(&self.tasks)
            .filter(|(_, t)| t.task.public)
            .map(|(f, _)| f)
            .collect();
        let public = Arc::new(summarize(&public_facts, self.plan.year, on));
        *cached = Some((date, cal.clone(), all.clone(), public.clone()));
        (all, public)
    }

    pub fn standing(&self, t: &TaskRecord, on: &Today) -> Standing {
        standing(
            t.task.status,
            t.task.due,
            self.plan.year,
            t.last_update_on,
            on,
        )
    }
}
