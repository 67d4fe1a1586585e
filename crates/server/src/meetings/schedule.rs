//! Scheduling meetings for a cycle: one for an invited organisation, or a round for
//! every statutory organisation invited (one date for all, changed per meeting after),
//! with a panel chosen from the partnership's people and named external members. Each
//! meeting's agenda is drafted from what osa knows of its organisation. And the
//! cycle's list of meetings.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

use super::agenda;
use super::notify;
use super::store::{self, MeetingRow, NewMeeting, PanelMember};
use crate::cycles::access as cycle_access;
use crate::cycles::store::{self as cycle_store, CycleRow, Invitation};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page, SignedIn};
use crate::web::path::Path;
use osa_core::meeting::{Parties, draft_agenda, external_members};
use osa_core::tenancy::{DutyStatus, PartnershipRole};

pub const ROUND: &str = "statutory";
pub const ONE: &str = "one";

/// The first partnership of the cycle this person administers: the one the meeting
/// is held by.
fn admin_partnership(user: &SignedIn, partnerships: &[(i64, String)]) -> Option<(i64, String)> {
    partnerships
        .iter()
        .find(|(p, _)| user.principal.partnership_roles_in(*p).any(|r| r == PartnershipRole::Admin))
        .cloned()
}

#[derive(Debug, Default)]
pub struct ScheduleForm {
    pub scope: String,
    pub organisation: String,
    pub held_on: DateParts,
    pub panel: Vec<String>,
    pub external: String,
}

impl ScheduleForm {
    fn from_posted(posted: &[(String, String)]) -> ScheduleForm {
        let get = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
        ScheduleForm {
            scope: get("scope"),
            organisation: get("organisation"),
            held_on: DateParts {
                day: get("held_on_day"),
                month: get("held_on_month"),
                year: get("held_on_year"),
            },
            panel: posted.iter().filter(|(k, _)| k == "panel").map(|(_, v)| v.clone()).collect(),
            external: get("external"),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/schedule.html")]
pub struct SchedulePage {
    page: Page,
    cycle: CycleRow,
    partnership: String,
    organisations: Vec<(String, String)>,
    statutory: usize,
    people: Vec<(String, String)>,
    scopes: Vec<(&'static str, &'static str)>,
    form: ScheduleForm,
    errors: Errors,
}

/// The partnership's people as panel options, one per person ("Name, role and role").
async fn people_options(state: &AppState, partnership: i64) -> Result<Vec<(String, String)>, AppError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for p in store::people(&state.db, partnership).await? {
        let id = p.user_id.to_string();
        match out.iter_mut().find(|(i, _)| *i == id) {
            Some((_, label)) => {
                label.push_str(" and ");
                label.push_str(&p.role_label().to_lowercase());
            }
            None => out.push((id, format!("{}, {}", p.display_name, p.role_label().to_lowercase()))),
        }
    }
    Ok(out)
}

async fn schedule_page(
    ctx: &Ctx,
    state: &AppState,
    cycle: CycleRow,
    partnership: (i64, String),
    form: ScheduleForm,
    errors: Errors,
) -> Result<SchedulePage, AppError> {
    let invitations = cycle_store::invitations(&state.db, cycle.id).await?;
    let statutory = invitations.iter().filter(|i| is_statutory(i)).count();
    let organisations =
        invitations.iter().map(|i| (i.organisation_id.to_string(), i.organisation_name.clone())).collect();
    Ok(SchedulePage {
        page: ctx.page("Schedule assurance meetings"),
        cycle,
        partnership: partnership.1,
        organisations,
        statutory,
        people: people_options(state, partnership.0).await?,
        scopes: vec![
            (ONE, "One organisation"),
            (ROUND, "A round: a meeting with every statutory organisation invited to this cycle"),
        ],
        form,
        errors,
    })
}

fn is_statutory(i: &Invitation) -> bool {
    i.duty_status == DutyStatus::Statutory
}

async fn manager(ctx: &Ctx, state: &AppState, id: i64) -> Result<(i64, CycleRow, (i64, String)), AppError> {
    let user = ctx.user()?;
    let loaded = cycle_access::load(ctx, state, id, false).await?;
    let partnership = admin_partnership(user, &loaded.partnerships).ok_or(AppError::Forbidden)?;
    Ok((user.id, loaded.cycle, partnership))
}

pub async fn form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<SchedulePage, AppError> {
    let (_, cycle, partnership) = manager(&ctx, &state, id).await?;
    let form = ScheduleForm { scope: ONE.to_owned(), ..Default::default() };
    schedule_page(&ctx, &state, cycle, partnership, form, Errors::default()).await
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (actor, cycle, partnership) = manager(&ctx, &state, id).await?;
    let form = ScheduleForm::from_posted(&posted);
    let mut errors = Errors::default();
    let invitations = cycle_store::invitations(&state.db, cycle.id).await?;
    let already: Vec<i64> = store::of_cycle(&state.db, cycle.id)
        .await?
        .into_iter()
        .filter(|m| m.partnership_id == partnership.0)
        .map(|m| m.organisation_id)
        .collect();
    let chosen: Vec<&Invitation> = match form.scope.as_str() {
        ONE => match invitations.iter().find(|i| i.organisation_id.to_string() == form.organisation) {
            Some(i) => vec![i],
            None => {
                errors.add("organisation", "Select the organisation to meet");
                Vec::new()
            }
        },
        ROUND => {
            let round: Vec<&Invitation> = invitations
                .iter()
                .filter(|i| is_statutory(i) && !already.contains(&i.organisation_id))
                .collect();
            if round.is_empty() {
                errors.add("scope", "Every statutory organisation invited to this cycle already has a meeting, or none is invited");
            }
            round
        }
        _ => {
            errors.add("scope", "Select whether to meet one organisation or hold a round");
            Vec::new()
        }
    };
    let held_on = errors.take("held_on-day", form.held_on.parse("date of the meeting"));
    let people = store::people(&state.db, partnership.0).await?;
    let mut panel: Vec<PanelMember> = Vec::new();
    for chosen_id in &form.panel {
        match people.iter().find(|p| p.user_id.to_string() == *chosen_id) {
            Some(p) if !panel.iter().any(|m| m.user_id == Some(p.user_id)) => panel.push(PanelMember {
                user_id: Some(p.user_id),
                name: p.display_name.clone(),
                role: p.role_label().to_owned(),
            }),
            Some(_) => {}
            None => errors.add("panel", "Select panel members from the list"),
        }
    }
    let external = external_members(&form.external);
    if external.iter().any(|m| m.name.chars().count() > 200 || m.role.chars().count() > 200) {
        errors.add("external", "Each name and role must be 200 characters or fewer");
    }
    panel.extend(external.iter().map(PanelMember::from));
    if panel.is_empty() && errors.get("panel").is_none() {
        errors.add("panel", "Choose at least one panel member, or name one from outside the partnership");
    }
    let (Some(held_on), true) = (held_on, errors.is_empty()) else {
        let page = schedule_page(&ctx, &state, cycle, partnership, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    // Drafted before the write transaction opens, so it holds the database briefly.
    let mut drafts = Vec::with_capacity(chosen.len());
    let round = agenda::round_facts(&state.db, &cycle, partnership.0).await?;
    for i in &chosen {
        let facts = agenda::facts(&state.db, i, &round).await?;
        drafts.push((i.organisation_id, draft_agenda(&facts).join("\n")));
    }
    let mut tx = state.db.begin().await?;
    let mut ids = Vec::with_capacity(drafts.len());
    for (organisation, agenda) in &drafts {
        let new = NewMeeting {
            partnership: partnership.0,
            cycle: cycle.id,
            organisation: *organisation,
            held_on,
            agenda,
            panel: &panel,
        };
        let meeting = store::schedule(&mut tx, actor, &new).await?;
        notify::scheduled(&mut tx, &state, meeting, *organisation, &partnership.1, held_on).await?;
        ids.push(meeting);
    }
    tx.commit().await?;
    if let [only] = ids.as_slice() {
        ctx.flash("success", "Meeting scheduled: the organisation's safeguarding lead has been emailed")
            .await?;
        return Ok(Redirect::to(&format!("/meetings/{only}")).into_response());
    }
    ctx.flash(
        "success",
        format!("{} meetings scheduled: each organisation's safeguarding lead has been emailed", ids.len()),
    )
    .await?;
    Ok(Redirect::to(&format!("/cycles/{}/meetings", cycle.id)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/cycle.html")]
pub struct CyclePage {
    page: Page,
    cycle: CycleRow,
    meetings: Vec<MeetingRow>,
    can_schedule: bool,
}

pub async fn cycle_list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<CyclePage, AppError> {
    let user = ctx.user()?;
    let loaded = cycle_access::load(&ctx, &state, id, false).await?;
    let meetings = store::of_cycle(&state.db, id)
        .await?
        .into_iter()
        .filter(|m| {
            let parties =
                Parties { partnership: m.partnership_id, organisation: m.organisation_id, panel: &[] };
            parties.may_read(&user.principal).is_allowed()
        })
        .collect();
    Ok(CyclePage {
        page: ctx.page(format!("Assurance meetings – {}", loaded.cycle.name)),
        can_schedule: admin_partnership(user, &loaded.partnerships).is_some(),
        cycle: loaded.cycle,
        meetings,
    })
}
