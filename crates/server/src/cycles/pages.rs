//! A partnership's cycles: the list, the form's checks shared by opening a cycle
//! (`super::new`) and correcting it (`super::edit`), and a cycle's page with every
//! invitation and its state.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use time::{Date, OffsetDateTime};

use super::access::load;
use super::store::{self, CycleRow, Invitation};
use crate::frameworks::store as framework_store;
use crate::partnerships::store as partnership_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::cycle::{self, CycleDates, InvitationState};

pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

pub struct CycleLine {
    pub row: CycleRow,
    pub status: &'static str,
}

fn status(row: &CycleRow) -> &'static str {
    if !super::access::is_open_for_changes(row) {
        "Closed"
    } else if cycle::is_open(row.opens_on, false, today()) {
        "Open"
    } else {
        "Opens soon"
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/list.html")]
pub struct ListPage {
    page: Page,
    partnership: partnership_queries::Partnership,
    cycles: Vec<CycleLine>,
    can_manage: bool,
    /// Cycles of other partnerships this one is asked to join (for its admins).
    waiting: usize,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    let user = ctx.require(Action::ViewPartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let can_manage = user.principal.decide(Action::ManagePartnership { partnership: id }).is_allowed();
    let cycles = store::of_partnership(&state.db, id)
        .await?
        .into_iter()
        .map(|row| CycleLine { status: status(&row), row })
        .collect();
    let waiting = if can_manage { store::waiting_for(&state.db, id).await?.len() } else { 0 };
    Ok(ListPage { page: ctx.page("Audit cycles"), partnership, cycles, can_manage, waiting })
}

#[derive(Default)]
pub struct CycleForm {
    pub name: String,
    pub framework: String,
    pub by_sector: HashMap<String, String>,
    pub opens_on: DateParts,
    pub due_on: DateParts,
    pub update1: DateParts,
    pub update2: DateParts,
    pub neighbours: Vec<String>,
    /// The answer to "Do some sectors need a different framework?": `yes` or `no`.
    pub different_sectors: String,
    /// The local questions ticked (their ids).
    pub local_questions: Vec<String>,
    /// Whether the form showed the local questions, so none ticked means none asked
    /// rather than "not on this form".
    pub questions_offered: bool,
}

impl CycleForm {
    pub(super) fn from_posted(posted: &[(String, String)]) -> CycleForm {
        let get = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
        let date = |id: &str| DateParts {
            day: get(&format!("{id}_day")),
            month: get(&format!("{id}_month")),
            year: get(&format!("{id}_year")),
        };
        // Sector choices count only when the answer is yes: someone who picked some and
        // then answered no has asked for none.
        let different_sectors = if get("different_sectors") == "yes" { "yes" } else { "no" }.to_owned();
        let by_sector = if different_sectors == "yes" {
            posted
                .iter()
                .filter_map(|(k, v)| Some((k.strip_prefix("sector:")?.to_owned(), v.clone())))
                .filter(|(_, v)| !v.is_empty())
                .collect()
        } else {
            HashMap::new()
        };
        CycleForm {
            name: get("name").trim().to_owned(),
            framework: get("framework"),
            by_sector,
            different_sectors,
            local_questions: posted
                .iter()
                .filter(|(k, _)| k == "local_questions")
                .map(|(_, v)| v.clone())
                .collect(),
            questions_offered: get("questions_offered") == "yes",
            opens_on: date("opens_on"),
            due_on: date("due_on"),
            update1: date("update1"),
            update2: date("update2"),
            neighbours: posted.iter().filter(|(k, _)| k == "neighbours").map(|(_, v)| v.clone()).collect(),
        }
    }

    pub fn sector_choice(&self, sector: &str) -> &str {
        self.by_sector.get(sector).map(String::as_str).unwrap_or("")
    }
}

/// The name a cycle is given, checked the same way when it is opened and corrected.
pub(super) fn check_name(form: &CycleForm, errors: &mut Errors) {
    if form.name.is_empty() {
        errors.add("name", "Enter a name for the cycle, like Section 11 audit 2027");
    } else if form.name.chars().count() > 200 {
        errors.add("name", "The name must be 200 characters or fewer");
    }
}

/// The opening date, due date and action-plan update dates of the form, checked the
/// same way when a cycle is opened and corrected: (opens, due, updates) once both
/// main dates read as dates, even if another rule about them is broken (the errors
/// say so). Both update dates left blank mean six and twelve months after the due date.
pub(super) fn check_dates(form: &CycleForm, errors: &mut Errors) -> Option<(Date, Date, Vec<Date>)> {
    let opens = errors.take("opens_on-day", form.opens_on.parse("opening date"));
    let due = errors.take("due_on-day", form.due_on.parse("due date"));
    let mut updates = Vec::new();
    for (field, parts, what) in [
        ("update1-day", &form.update1, "first update date"),
        ("update2-day", &form.update2, "second update date"),
    ] {
        if !parts.is_blank() {
            updates.extend(errors.take(field, parts.parse(what)));
        }
    }
    let (opens_on, due_on) = (opens?, due?);
    if form.update1.is_blank() && form.update2.is_blank() {
        updates = cycle::six_monthly_updates(due_on, 2);
    }
    let dates = CycleDates { opens_on, due_on, updates_due: updates.clone() };
    for (field, message) in cycle::check_dates(&dates) {
        errors.add(if field == cycle::FIELD_DUE { "due_on-day" } else { "update1-day" }, message);
    }
    Some((opens_on, due_on, updates))
}

pub struct Count {
    pub state: InvitationState,
    pub count: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/show.html")]
pub struct ShowPage {
    page: Page,
    cycle: CycleRow,
    status: &'static str,
    partnerships: Vec<(i64, String)>,
    frameworks: Vec<(String, String)>,
    updates: Vec<String>,
    invitations: Vec<Invitation>,
    counts: Vec<Count>,
    can_manage: bool,
    /// Whether this person may change the cycle: they run it and it is not closed
    /// (`super::access::is_open_for_changes`).
    can_change: bool,
    /// The day a closed cycle closed, in words.
    closed_on: Option<String>,
    overdue: bool,
    /// The partnerships' own questions asked with the cycle's frameworks: (partnership
    /// id, partnership, code, question).
    local: Vec<(i64, String, String, String)>,
    /// Neighbours asked to join that have not accepted: (name, answer in words).
    asked: Vec<(String, &'static str)>,
    /// Partnerships the cycle's admins may ask to join: (id, name).
    askable: Vec<(String, String)>,
    /// The submitted returns this person may open (see `super::visible`); others are
    /// named without a link.
    readable: std::collections::BTreeSet<i64>,
}

impl ShowPage {
    /// "answered by the return of 3 March 2026" for an invitation an early return
    /// answered (`super::answers`); nothing otherwise.
    fn answered_early(&self, i: &Invitation) -> Option<String> {
        let at = i.return_submitted_at?;
        super::answers::is_early(at, self.cycle.opens_on)
            .then(|| format!("answered by the return of {}", crate::web::format::date(at.date())))
    }
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let name_of = async |framework: i64| -> Result<String, AppError> {
        Ok(framework_store::summary(&state.db, framework)
            .await?
            .map(|s| format!("{} (version {})", s.name, s.version))
            .unwrap_or_else(|| "Unknown framework".into()))
    };
    let mut frameworks = vec![(
        "Every organisation unless listed below".to_owned(),
        name_of(loaded.cycle.main_framework_id).await?,
    )];
    let sector_frameworks = store::sector_frameworks(&state.db, id).await?;
    for (sector, framework) in &sector_frameworks {
        frameworks.push((sector.label().to_owned(), name_of(*framework).await?));
    }
    // The partnerships' own questions this cycle asks besides the framework.
    let local = super::questions::of_cycle(&state.db, id)
        .await?
        .into_iter()
        .map(|q| (q.partnership_id, q.partnership_name, q.code, q.question))
        .collect();
    let invitations = store::invitations(&state.db, id).await?;
    let counts = InvitationState::ALL
        .iter()
        .map(|s| Count { state: *s, count: invitations.iter().filter(|i| i.state == *s).count() })
        .collect();
    let updates = store::update_dates(&state.db, id).await?.iter().map(crate::web::format::date).collect();
    let overdue = today() > loaded.cycle.due_on;
    let asked_of = store::asked_of(&state.db, id).await?;
    let can_change = loaded.can_change();
    let askable = if can_change {
        partnership_queries::all(&state.db)
            .await?
            .into_iter()
            .filter(|p| !loaded.partnerships.iter().any(|(m, _)| *m == p.id))
            .filter(|p| {
                !asked_of.iter().any(|a| a.partnership_id == p.id && a.answer == store::Answer::Waiting)
            })
            .map(|p| (p.id.to_string(), p.name))
            .collect()
    } else {
        Vec::new()
    };
    let asked = asked_of
        .into_iter()
        .filter_map(|a| match a.answer {
            store::Answer::Accepted => None,
            store::Answer::Waiting => Some((a.partnership_name, "Not answered yet")),
            store::Answer::Declined => Some((a.partnership_name, "Declined")),
        })
        .collect();
    let readable = super::visible::returns_visible_to(&state.db, &loaded.reader).await?;
    Ok(ShowPage {
        page: ctx.page(loaded.cycle.name.clone()),
        status: status(&loaded.cycle),
        closed_on: loaded.cycle.closed_at.map(|at| crate::web::format::date(at.date())),
        can_change,
        cycle: loaded.cycle,
        partnerships: loaded.partnerships,
        frameworks,
        updates,
        invitations,
        counts,
        can_manage: loaded.can_manage,
        overdue,
        local,
        asked,
        askable,
        readable,
    })
}
