//! One passage of a return submitted in the cycle, with its tags: everyone who reads
//! the cycle sees it; admins and analysts of a partnership taking part tag it with
//! their partnership's themes (quoting the words that show the theme, if they like)
//! and remove tags. Panel members read but may not tag.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use serde_json::json;

use super::pages::{Params, cycle_themes, headings, theme_label};
use super::search::{self, Hit};
use super::store::{self, Tag, Theme};
use crate::audit::{self, Change};
use crate::cycles::access::{Loaded, load};
use crate::frameworks::store as framework_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::{Decision, Principal};
use osa_core::narratives::is_quoted_from;
use osa_core::narratives::themes::{MAX_EXCERPT, decide_tagging};

/// The partnerships of the cycle whose themes this person may tag with: allowed, or
/// the refusal (403 for staff without the role; the cycle itself already 404s others).
fn taggable(principal: &Principal, loaded: &Loaded) -> Result<Vec<i64>, AppError> {
    let allowed: Vec<i64> = loaded
        .partnerships
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| decide_tagging(principal, *p) == Decision::Allow)
        .collect();
    if allowed.is_empty() { Err(AppError::Forbidden) } else { Ok(allowed) }
}

async fn find(state: &AppState, loaded: &Loaded, passage: i64) -> Result<Hit, AppError> {
    let mut q = search::Query::in_cycle(&loaded.reader);
    q.passage = Some(passage);
    q.limit = 1;
    search::search(&state.db, &q).await?.pop().ok_or(AppError::NotFound)
}

#[derive(Debug, Default, Deserialize)]
pub struct Back {
    #[serde(default)]
    back: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "narratives/passage.html")]
pub struct PassagePage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    hit: Hit,
    standard: String,
    criterion: String,
    tags: Vec<(Tag, bool)>,
    /// Themes this person may tag with: (id, label).
    choices: Vec<(String, String)>,
    may_tag: bool,
    /// Partnerships this person may add themes to, when there is no theme to choose.
    theme_lists: Vec<(i64, String)>,
    back: String,
    back_field: String,
    theme: String,
    excerpt: String,
    errors: Errors,
}

struct Typed {
    theme: String,
    excerpt: String,
    errors: Errors,
}

async fn render(
    ctx: &Ctx,
    state: &AppState,
    loaded: Loaded,
    hit: Hit,
    back: &str,
    typed: Typed,
) -> Result<PassagePage, AppError> {
    let user = ctx.user()?;
    let framework =
        framework_store::load(&state.db, loaded.cycle.main_framework_id).await?.ok_or(AppError::NotFound)?;
    let (standard, criterion) = headings(&framework.framework, &hit.standard_code, &hit.criterion_code);
    let ids: Vec<i64> = loaded.partnerships.iter().map(|(p, _)| *p).collect();
    let may: Vec<i64> = taggable(&user.principal, &loaded).unwrap_or_default();
    let tags = store::tags_of(&state.db, hit.passage_id, &ids)
        .await?
        .into_iter()
        .map(|t| {
            let removable = may.contains(&t.partnership_id);
            (t, removable)
        })
        .collect();
    let themes: Vec<Theme> = cycle_themes(state, &loaded).await?;
    let choices = themes
        .iter()
        .filter(|t| !t.is_retired() && may.contains(&t.partnership_id))
        .map(|t| (t.id.to_string(), theme_label(t, &loaded)))
        .collect();
    let theme_lists =
        loaded.partnerships.iter().filter(|(p, _)| may.contains(p)).map(|(p, n)| (*p, n.clone())).collect();
    let back = Params::from_query(back).query();
    Ok(PassagePage {
        page: ctx.page(format!("{}: {}", hit.organisation_name, criterion)),
        cycle_id: loaded.cycle.id,
        cycle_name: loaded.cycle.name.clone(),
        hit,
        standard,
        criterion,
        tags,
        choices,
        may_tag: !may.is_empty(),
        theme_lists,
        back_field: back.clone(),
        back: if back.is_empty() { String::new() } else { format!("?{back}") },
        theme: typed.theme,
        excerpt: typed.excerpt,
        errors: typed.errors,
    })
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, passage)): Path<(i64, i64)>,
    Query(back): Query<Back>,
) -> Result<PassagePage, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let hit = find(&state, &loaded, passage).await?;
    let typed = Typed { theme: String::new(), excerpt: String::new(), errors: Errors::default() };
    render(&ctx, &state, loaded, hit, &back.back, typed).await
}

#[derive(Debug, Default, Deserialize)]
pub struct TagForm {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    excerpt: String,
    #[serde(default)]
    back: String,
}

fn passage_href(cycle: i64, passage: i64, back: &str) -> String {
    let back = Params::from_query(back).query();
    if back.is_empty() {
        format!("/cycles/{cycle}/narratives/{passage}")
    } else {
        format!(
            "/cycles/{cycle}/narratives/{passage}?{}",
            serde_urlencoded::to_string([("back", back)]).unwrap_or_default()
        )
    }
}

pub async fn add_tag(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, passage)): Path<(i64, i64)>,
    Form(form): Form<TagForm>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let user = ctx.user()?;
    let may = taggable(&user.principal, &loaded)?;
    let hit = find(&state, &loaded, passage).await?;
    let themes = cycle_themes(&state, &loaded).await?;
    let theme = themes
        .iter()
        .find(|t| !t.is_retired() && may.contains(&t.partnership_id) && t.id.to_string() == form.theme);
    let excerpt = form.excerpt.trim().to_owned();
    let mut errors = Errors::default();
    if theme.is_none() {
        errors.add("theme", "Choose the theme this passage shows");
    }
    if excerpt.chars().count() > MAX_EXCERPT {
        errors.add("excerpt", "The excerpt must be 1,000 characters or fewer");
    } else if !excerpt.is_empty() && !is_quoted_from(&excerpt, &hit.marked) {
        errors.add("excerpt", "The excerpt must be words copied from the passage, or left blank");
    }
    let Some(theme) = theme.filter(|_| errors.is_empty()) else {
        let typed = Typed { theme: form.theme.clone(), excerpt, errors };
        let page = render(&ctx, &state, loaded, hit, &form.back, typed).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let excerpt = Some(excerpt.as_str()).filter(|e| !e.is_empty());
    let mut tx = state.db.begin().await?;
    let tag = store::add_tag(&mut tx, passage, theme.id, excerpt, user.id).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(user.id),
            action: "tag_passage",
            entity: "narrative_passage",
            entity_id: passage.to_string(),
            before: None,
            after: Some(json!({ "tag": tag, "theme": theme.id, "excerpt": excerpt, "cycle": id })),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.flash("success", format!("Tagged with {}", theme.name)).await?;
    Ok(Redirect::to(&passage_href(id, passage, &form.back)).into_response())
}

pub async fn remove_tag(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, passage, tag)): Path<(i64, i64, i64)>,
    Form(form): Form<Back>,
) -> Result<Redirect, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let user = ctx.user()?;
    let may = taggable(&user.principal, &loaded)?;
    find(&state, &loaded, passage).await?;
    let mut tx = state.db.begin().await?;
    match store::remove_tag(&mut tx, passage, tag, &may).await? {
        Some(theme) => {
            audit::record(
                &mut tx,
                Change {
                    actor: Some(user.id),
                    action: "untag_passage",
                    entity: "narrative_passage",
                    entity_id: passage.to_string(),
                    before: Some(json!({ "tag": tag, "theme": theme, "cycle": id })),
                    after: None,
                },
            )
            .await?;
            tx.commit().await?;
            ctx.flash("success", "Tag removed").await?;
        }
        // Pressed twice, or by two analysts at once: the outcome is the one asked for.
        None => ctx.flash("success", "That tag has been removed").await?,
    }
    Ok(Redirect::to(&passage_href(id, passage, &form.back)))
}
