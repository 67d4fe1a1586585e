//! Opening a cycle, in short steps. First the details: name, the framework
//! organisations complete (only frameworks written for the people the partnership
//! safeguards, `osa_core::cycle_setup::may_use_framework`), whether some sectors need
//! a different one, dates and neighbours. Then, after "Yes", a page choosing each
//! such sector's framework (of the same audience). Then, when the partnership has
//! local questions for those frameworks, which of them the cycle asks, ticked as its
//! previous cycle asked them. Each later page carries the earlier answers in hidden
//! fields, and every rule is checked again at every step.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

use super::pages::{CycleForm, check_dates, check_name};
use super::questions::{self, Offer};
use super::store::{self, NewCycle};
use crate::audit::{self, Change};
use crate::frameworks::store::{self as framework_store, Summary};
use crate::partnerships::store::{self as partnership_queries, Partnership};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::cycle_setup::may_use_framework;
use osa_core::framework::Audience;
use osa_core::tenancy::{PartnershipKind, Sector};

/// The newest published version of each framework, by name.
async fn published(state: &AppState) -> Result<Vec<Summary>, AppError> {
    let mut latest: Vec<Summary> = Vec::new();
    for s in framework_store::list(&state.db).await?.into_iter().filter(Summary::is_published) {
        if !latest.iter().any(|l| l.key == s.key) {
            latest.push(s);
        }
    }
    latest.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(latest)
}

fn kind_of(partnership: &Partnership) -> PartnershipKind {
    partnership.kind
}

fn suits(partnership: &Partnership, framework: &Summary) -> bool {
    Audience::from_code(&framework.audience).is_some_and(|a| may_use_framework(kind_of(partnership), a))
}

#[derive(Template, WebTemplate)]
#[template(path = "cycles/new.html")]
pub struct NewPage {
    page: Page,
    partnership: Partnership,
    /// Published frameworks of the partnership's audience: (id, name and version).
    frameworks: Vec<(String, String)>,
    sectors: Vec<(&'static str, &'static str)>,
    others: Vec<(String, String)>,
    form: CycleForm,
    errors: Errors,
}

async fn new_page(
    ctx: &Ctx,
    state: &AppState,
    partnership: Partnership,
    form: CycleForm,
    errors: Errors,
) -> Result<NewPage, AppError> {
    let frameworks = published(state)
        .await?
        .into_iter()
        .filter(|s| suits(&partnership, s))
        .map(|s| (s.id.to_string(), format!("{} (version {})", s.name, s.version)))
        .collect();
    let others = partnership_queries::all(&state.db)
        .await?
        .into_iter()
        .filter(|p| p.id != partnership.id)
        .map(|p| (p.id.to_string(), p.name))
        .collect();
    let sectors = Sector::ALL.iter().map(|s| (s.code(), s.label())).collect();
    Ok(NewPage {
        page: ctx.page("Open an audit cycle"),
        partnership,
        frameworks,
        sectors,
        others,
        form,
        errors,
    })
}

/// The step after "Yes": the framework of each sector that needs a different one.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/new_sectors.html")]
pub struct SectorsPage {
    page: Page,
    partnership: Partnership,
    form: CycleForm,
    /// Published frameworks of the partnership's audience other than the main one.
    frameworks: Vec<(String, String)>,
    main_name: String,
    /// (code, label, element id): the first select is where the error summary links.
    sectors: Vec<(&'static str, &'static str, String)>,
    carried: Vec<(String, String)>,
    errors: Errors,
}

/// The last step: which local questions the cycle asks.
#[derive(Template, WebTemplate)]
#[template(path = "cycles/new_questions.html")]
pub struct QuestionsPage {
    page: Page,
    partnership: Partnership,
    name: String,
    options: Vec<(String, String)>,
    ticked: Vec<String>,
    /// The first step's answers, carried as hidden fields.
    carried: Vec<(String, String)>,
    errors: Errors,
}

/// What earlier steps posted, to carry through a later one; the sectors' choices only
/// when the later page does not ask them itself.
fn carried(posted: &[(String, String)], with_sectors: bool) -> Vec<(String, String)> {
    const NOT_CARRIED: [&str; 4] = ["csrf_token", "step", "local_questions", "change"];
    posted
        .iter()
        .filter(|(k, _)| !NOT_CARRIED.contains(&k.as_str()))
        .filter(|(k, _)| with_sectors || !k.starts_with("sector:"))
        .cloned()
        .collect()
}

pub async fn new_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<NewPage, AppError> {
    ctx.require(Action::ManagePartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let form = CycleForm { different_sectors: "no".into(), ..CycleForm::default() };
    new_page(&ctx, &state, partnership, form, Errors::default()).await
}

/// The frameworks chosen on the first step, once it passes: the main one and each
/// sector's, all published and of the partnership's audience.
struct Choice {
    main: Summary,
    by_sector: Vec<(Sector, i64)>,
    keys: Vec<String>,
}

/// `sectors_answered`: the sectors' page has been through, so "Yes" with no sector
/// chosen is a mistake rather than a page still to show.
fn check_frameworks(
    partnership: &Partnership,
    published: &[Summary],
    form: &CycleForm,
    sectors_answered: bool,
    errors: &mut Errors,
) -> Option<Choice> {
    let wrong_audience = |s: &Summary| {
        format!(
            "{} is not for {} partnerships: choose one of the frameworks listed",
            s.name,
            kind_of(partnership).label().to_lowercase()
        )
    };
    let find = |code: &str| published.iter().find(|s| s.id.to_string() == code);
    let main = match find(&form.framework) {
        None => {
            errors.add("framework", "Select the framework organisations will complete");
            None
        }
        Some(s) if !suits(partnership, s) => {
            errors.add("framework", wrong_audience(s));
            None
        }
        Some(s) => Some(s.clone()),
    };
    let mut by_sector = Vec::new();
    let mut keys: Vec<String> = main.iter().map(|m| m.key.clone()).collect();
    for (code, framework) in &form.by_sector {
        match (Sector::from_code(code), find(framework)) {
            (Some(_), Some(f)) if !suits(partnership, f) => {
                errors.add("different_sectors", wrong_audience(f))
            }
            (Some(sector), Some(f)) => {
                by_sector.push((sector, f.id));
                if !keys.contains(&f.key) {
                    keys.push(f.key.clone());
                }
            }
            _ => errors.add("different_sectors", "Select a published framework for each sector you change"),
        }
    }
    if sectors_answered && form.different_sectors == "yes" && form.by_sector.is_empty() {
        errors.add("different_sectors", "Select a framework for at least one sector, or answer no");
    }
    by_sector.sort_by_key(|(sector, _)| sector.code());
    Some(Choice { main: main?, by_sector, keys })
}

/// POST: the first step (`step` = `details`), the sectors (`sectors`), then the
/// questions (`questions`); "Change the details" on a later page goes back to the first.
#[allow(
    clippy::too_many_lines,
    reason = "the cycle form handler: each step validates one part of the form in order"
)]
pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let actor = ctx.require(Action::ManagePartnership { partnership: id })?.id;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let form = CycleForm::from_posted(&posted);
    let value = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if value("change").is_some() {
        return Ok(new_page(&ctx, &state, partnership, form, Errors::default()).await?.into_response());
    }
    let step = value("step").unwrap_or("details");
    let mut errors = Errors::default();
    check_name(&form, &mut errors);
    let published = published(&state).await?;
    let choice = check_frameworks(&partnership, &published, &form, step != "details", &mut errors);
    let dates = check_dates(&form, &mut errors);
    let all_partnerships = partnership_queries::all(&state.db).await?;
    let mut neighbours = Vec::new();
    for n in &form.neighbours {
        match all_partnerships.iter().find(|p| p.id.to_string() == *n && p.id != id) {
            Some(p) => neighbours.push(p.id),
            None => errors.add("neighbours", "Select partnerships from the list"),
        }
    }
    // A mistake in the sectors' choices is shown on their page, any other on the first.
    let only_sectors = errors.iter().all(|(field, _)| *field == "different_sectors");
    let (Some(choice), Some((opens_on, due_on, updates)), true) = (choice, dates, errors.is_empty()) else {
        if step == "sectors" && only_sectors && !published.is_empty() {
            let page = sectors_page(&ctx, partnership, &published, form, &posted, errors);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        let page = new_page(&ctx, &state, partnership, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    if step == "details" && form.different_sectors == "yes" {
        return Ok(
            sectors_page(&ctx, partnership, &published, form, &posted, Errors::default()).into_response()
        );
    }
    // Only the opener takes part yet, so only its questions can be chosen now.
    let offers = questions::offered(&state.db, &[id], &choice.keys).await?;
    let answering_questions = step == "questions";
    let chosen = if offers.is_empty() {
        Vec::new()
    } else if !answering_questions {
        let ticked = questions::preticked_for(&state.db, id, &choice.main.key, &offers).await?;
        let ticked = ticked.iter().map(i64::to_string).collect();
        let page = questions_page(&ctx, partnership, &form, &offers, ticked, &posted, Errors::default());
        return Ok(page.into_response());
    } else {
        match questions::chosen(&form.local_questions, &offers) {
            Some(chosen) => chosen,
            None => {
                let mut errors = Errors::default();
                errors.add("local_questions", "Select questions from the list");
                let ticked = form.local_questions.clone();
                let page = questions_page(&ctx, partnership, &form, &offers, ticked, &posted, errors);
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
        }
    };
    let new = NewCycle {
        partnership: id,
        name: form.name.clone(),
        main_framework: choice.main.id,
        by_sector: choice.by_sector,
        opens_on,
        due_on,
        updates_due: updates,
        neighbours,
    };
    let mut tx = state.db.begin().await?;
    let cycle_id = store::create(&mut tx, actor, &new).await?;
    questions::set(&mut tx, cycle_id, &chosen).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "open_cycle",
            entity: "cycle",
            entity_id: cycle_id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "name": new.name, "partnership": id, "framework": new.main_framework,
                "opens_on": opens_on.to_string(), "due_on": due_on.to_string(), "region": new.neighbours,
                "sectors": new.by_sector.iter().map(|(s, f)| (s.code(), *f)).collect::<Vec<_>>(),
                "local_questions": chosen,
            })),
        },
    )
    .await?;
    for neighbour in &new.neighbours {
        super::region::tell_admins(&mut tx, &state, *neighbour, &partnership.name, &new.name).await?;
    }
    tx.commit().await?;
    let message = if new.neighbours.is_empty() {
        format!("{} is set up. Now invite the organisations.", new.name)
    } else {
        format!(
            "{} is set up. The partnerships you asked to join take part once one of their admins accepts. Now invite the organisations.",
            new.name
        )
    };
    ctx.flash("success", message).await?;
    Ok(Redirect::to(&format!("/cycles/{cycle_id}/invite")).into_response())
}

fn questions_page(
    ctx: &Ctx,
    partnership: Partnership,
    form: &CycleForm,
    offers: &[Offer],
    ticked: Vec<String>,
    posted: &[(String, String)],
    errors: Errors,
) -> QuestionsPage {
    QuestionsPage {
        page: ctx.page("Which local questions does this cycle ask?"),
        partnership,
        name: form.name.clone(),
        options: offers.iter().map(|o| o.option(false)).collect(),
        ticked,
        carried: carried(posted, true),
        errors,
    }
}

fn sectors_page(
    ctx: &Ctx,
    partnership: Partnership,
    published: &[Summary],
    form: CycleForm,
    posted: &[(String, String)],
    errors: Errors,
) -> SectorsPage {
    let main = published.iter().find(|s| s.id.to_string() == form.framework);
    let frameworks = published
        .iter()
        .filter(|s| suits(&partnership, s) && Some(s.id) != main.map(|m| m.id))
        .map(|s| (s.id.to_string(), format!("{} (version {})", s.name, s.version)))
        .collect();
    SectorsPage {
        page: ctx.page("Which sectors need a different framework?"),
        main_name: main.map(|m| m.name.clone()).unwrap_or_default(),
        frameworks,
        sectors: Sector::ALL
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let id = if n == 0 { "different_sectors".to_owned() } else { format!("sector-{}", s.code()) };
                (s.code(), s.label(), id)
            })
            .collect(),
        carried: carried(posted, false),
        partnership,
        form,
        errors,
    }
}
