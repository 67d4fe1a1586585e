//! A partnership's themes (`/partnerships/{id}/themes`: listed for its staff, added and
//! retired by its admins and analysts) and a cycle's counts of tagged passages by
//! theme and standard (`/cycles/{id}/themes`, and the same table as CSV), each count
//! linking to the passages behind it. The counting is `osa_core::narratives::themes`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use osa_core::spreadsheet::csv_text;
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;

use super::pages::{cycle_themes, theme_label};
use super::store::{self, Theme};
use crate::audit::{self, Change};
use crate::cycles::access::load;
use crate::exports::heading::Heading;
use crate::frameworks::store as framework_store;
use crate::partnerships::store as partnership_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::narratives::themes::{ThemeCounts, count, decide_tagging, theme_name};

#[derive(Template, WebTemplate)]
#[template(path = "narratives/themes.html")]
pub struct ListPage {
    page: Page,
    partnership: partnership_queries::Partnership,
    themes: Vec<Theme>,
    can_manage: bool,
    name: String,
    errors: Errors,
}

async fn list_page(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    name: String,
    errors: Errors,
) -> Result<ListPage, AppError> {
    let user = ctx.require(Action::ViewPartnership { partnership: id })?;
    let partnership = partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(ListPage {
        page: ctx.page(format!("Themes – {}", partnership.name)),
        can_manage: decide_tagging(&user.principal, id).is_allowed(),
        themes: store::themes(&state.db, &[id]).await?,
        partnership,
        name,
        errors,
    })
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    list_page(&ctx, &state, id, String::new(), Errors::default()).await
}

#[derive(Debug, Default, Deserialize)]
pub struct NewTheme {
    #[serde(default)]
    name: String,
}

pub async fn add(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<NewTheme>,
) -> Result<Response, AppError> {
    let user = ctx.user()?;
    AppError::check(decide_tagging(&user.principal, id))?;
    partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let existing = store::themes(&state.db, &[id]).await?;
    let name = match theme_name(&form.name, existing.iter().map(|t| t.name.as_str())) {
        Ok(name) => name,
        Err(err) => {
            let mut errors = Errors::default();
            errors.add("name", err.to_string());
            let page = list_page(&ctx, &state, id, form.name, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let theme = store::add_theme(&mut tx, id, &name, user.id).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(user.id),
            action: "add_theme",
            entity: "theme",
            entity_id: theme.to_string(),
            before: None,
            after: Some(json!({ "partnership": id, "name": name })),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.flash("success", format!("Theme {name} added")).await?;
    Ok(Redirect::to(&format!("/partnerships/{id}/themes")).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct Retire {
    /// "retire" or "restore".
    #[serde(default)]
    action: String,
}

pub async fn retire(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, theme)): Path<(i64, i64)>,
    Form(form): Form<Retire>,
) -> Result<Redirect, AppError> {
    let user = ctx.user()?;
    AppError::check(decide_tagging(&user.principal, id))?;
    let back = Redirect::to(&format!("/partnerships/{id}/themes"));
    let retiring = match form.action.as_str() {
        "retire" => true,
        "restore" => false,
        _ => return Ok(back),
    };
    let mut tx = state.db.begin().await?;
    if store::set_retired(&mut tx, id, theme, retiring).await? {
        audit::record(
            &mut tx,
            Change {
                actor: Some(user.id),
                action: if retiring { "retire_theme" } else { "restore_theme" },
                entity: "theme",
                entity_id: theme.to_string(),
                before: None,
                after: Some(json!({ "partnership": id, "retired": retiring })),
            },
        )
        .await?;
        tx.commit().await?;
        ctx.flash("success", if retiring { "Theme retired" } else { "Theme brought back" }).await?;
    } else {
        // Pressed twice, or the theme is not this partnership's: nothing to change.
        ctx.flash("success", "Nothing needed changing").await?;
    }
    Ok(back)
}

/// The counts table: standards as columns, themes as rows.
pub struct Counts {
    pub cycle_id: i64,
    pub cycle_name: String,
    pub standards: Vec<(String, String)>,
    pub themes: Vec<(Theme, String)>,
    pub counts: ThemeCounts,
}

async fn counts(ctx: &Ctx, state: &AppState, id: i64) -> Result<Counts, AppError> {
    let loaded = load(ctx, state, id, false).await?;
    let framework =
        framework_store::load(&state.db, loaded.cycle.main_framework_id).await?.ok_or(AppError::NotFound)?;
    let themes = cycle_themes(state, &loaded).await?;
    let ids: Vec<i64> = themes.iter().map(|t| t.id).collect();
    let tagged = store::tagged_in_cycle(&state.db, &loaded.reader, &ids).await?;
    let codes: Vec<String> = framework.framework.standards.iter().map(|s| s.code.clone()).collect();
    let counts = count(&ids, &codes, &tagged);
    let standards = counts
        .standards
        .iter()
        .map(|code| {
            let title = framework.framework.standards.iter().find(|s| &s.code == code);
            (
                code.clone(),
                title.map_or_else(|| format!("Standard {code}"), |s| format!("{code}. {}", s.title)),
            )
        })
        .collect();
    let themes = themes
        .into_iter()
        .map(|t| {
            let label = theme_label(&t, &loaded);
            (t, label)
        })
        .collect();
    Ok(Counts { cycle_id: id, cycle_name: loaded.cycle.name.clone(), standards, themes, counts })
}

#[derive(Template, WebTemplate)]
#[template(path = "narratives/counts.html")]
pub struct CountsPage {
    page: Page,
    c: Counts,
    /// (id, name) of the themes the person may turn into a partnership action: those
    /// in use of the partnership whose admin they are (none for anyone else).
    add_for: Vec<(i64, String)>,
}

pub async fn counts_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<CountsPage, AppError> {
    let c = counts(&ctx, &state, id).await?;
    let cycle = load(&ctx, &state, id, false).await?;
    let add_for = match crate::partnership_actions::adding_partnership(&ctx, &cycle) {
        Some(p) => c
            .themes
            .iter()
            .filter(|(t, _)| t.partnership_id == p && !t.is_retired())
            .map(|(t, label)| (t.id, label.clone()))
            .collect(),
        None => Vec::new(),
    };
    Ok(CountsPage { page: ctx.page(format!("Themes – {}", c.cycle_name)), c, add_for })
}

/// GET `/cycles/{id}/themes.csv`: the same table as the page.
pub async fn counts_csv(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let c = counts(&ctx, &state, id).await?;
    let heading = Heading::new("Passages tagged with each theme by standard", OffsetDateTime::now_utc())
        .about("Cycle", &c.cycle_name)
        .filters(&[]);
    let mut out = csv::Writer::from_writer(heading.csv_start().map_err(anyhow::Error::from)?);
    let mut head = vec!["Theme".to_owned(), "Retired".to_owned()];
    head.extend(c.standards.iter().map(|(_, title)| title.clone()));
    head.push("All standards".into());
    out.write_record(head.iter().map(|cell| csv_text(cell))).map_err(anyhow::Error::from)?;
    for ((theme, label), row) in c.themes.iter().zip(&c.counts.rows) {
        let mut line = vec![label.clone(), if theme.is_retired() { "yes" } else { "no" }.to_owned()];
        line.extend(row.cells.iter().map(usize::to_string));
        line.push(row.total.to_string());
        out.write_record(line.iter().map(|cell| csv_text(cell))).map_err(anyhow::Error::from)?;
    }
    let mut totals = vec!["Passages tagged with any theme".to_owned(), String::new()];
    totals.extend(c.counts.standard_totals.iter().map(usize::to_string));
    totals.push(c.counts.total.to_string());
    out.write_record(totals).map_err(anyhow::Error::from)?;
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"cycle-{id}-themes.csv\"")),
        ],
        bytes,
    )
        .into_response())
}
