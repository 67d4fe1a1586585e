//! The library pages: the libraries a person can read, and one partnership's library
//! (paged, narrowed by kind and standard), with the access checks every resource page
//! shares.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;

use super::scope::{linkable_frameworks, served_partnerships};
use super::store::{self, Filter, ResourceRow};
use crate::partnerships::store::{self as partnership_queries, Partnership};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::options;
use crate::web::page::{Ctx, Page, SignedIn};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::framework::Framework;
use osa_core::signposting::{Link, ResourceKind};

/// The signed-in person and the partnerships their organisations serve.
async fn signed_in<'a>(ctx: &'a Ctx, state: &AppState) -> Result<(&'a SignedIn, Vec<i64>), AppError> {
    let user = ctx.user()?;
    Ok((user, served_partnerships(&state.db, &user.principal).await?))
}

/// Signed in and allowed to read partnership `id`'s library.
pub(super) async fn require_view<'a>(
    ctx: &'a Ctx,
    state: &AppState,
    id: i64,
) -> Result<&'a SignedIn, AppError> {
    let (_, served) = signed_in(ctx, state).await?;
    ctx.require(Action::ViewResources { partnership: id, served: &served })
}

/// Signed in and allowed to change partnership `id`'s library.
pub(super) async fn require_manage<'a>(
    ctx: &'a Ctx,
    state: &AppState,
    id: i64,
) -> Result<&'a SignedIn, AppError> {
    let (_, served) = signed_in(ctx, state).await?;
    ctx.require(Action::ManageResources { partnership: id, served: &served })
}

pub(super) async fn partnership(state: &AppState, id: i64) -> Result<Partnership, AppError> {
    partnership_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

#[derive(Template, WebTemplate)]
#[template(path = "resources/index.html")]
pub struct IndexPage {
    page: Page,
    partnerships: Vec<Partnership>,
    paging: Paging,
}

/// Every library the person may read: all of them for a platform admin (paged), or
/// those of the partnerships they work for and that their organisations serve.
pub async fn index(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(params): Query<PageParams>,
) -> Result<IndexPage, AppError> {
    let user = ctx.user()?;
    let paging = Paging::new(&params, "/resources")?;
    let (partnerships, paging) = if user.principal.platform_admin {
        let mut rows = partnership_queries::page(&state.db, paging.fetch_limit(), paging.offset()).await?;
        let paging = paging.with_rows(&mut rows)?;
        (rows, paging)
    } else {
        let served = served_partnerships(&state.db, &user.principal).await?;
        let readable = |p: &Partnership| {
            user.principal.decide(Action::ViewResources { partnership: p.id, served: &served }).is_allowed()
        };
        // Partnerships number about 150 in England: one list, filtered here, on one page.
        if paging.page > 1 {
            return Err(AppError::NotFound);
        }
        let rows = partnership_queries::all(&state.db).await?.into_iter().filter(readable).collect();
        (rows, paging)
    };
    Ok(IndexPage { page: ctx.page("Resources"), partnerships, paging })
}

#[derive(Debug, Default, Deserialize)]
pub struct LibraryParams {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    standard: String,
    page: Option<String>,
}

/// A resource as the library shows it.
pub struct ResourceView {
    pub row: ResourceRow,
    pub helps_with: Vec<String>,
}

/// A standard offered in the library's filter: (value, label), grouped by framework.
type StandardOptions = Vec<(String, Vec<(String, String)>)>;

#[derive(Template, WebTemplate)]
#[template(path = "resources/library.html")]
pub struct LibraryPage {
    page: Page,
    partnership: Partnership,
    can_manage: bool,
    resources: Vec<ResourceView>,
    kinds: Vec<(&'static str, &'static str)>,
    standards: StandardOptions,
    chosen_kind: String,
    chosen_standard: String,
    filtered: bool,
    paging: Paging,
}

/// How a link reads in the library: "Framework name: 3. Safer recruitment" or
/// "Framework name: criterion 3.2".
fn describe_link(frameworks: &[Framework], link: &Link) -> String {
    let Some(f) = frameworks.iter().find(|f| f.key == link.framework) else {
        return match &link.criterion {
            Some(c) => format!("{}: criterion {c}", link.framework),
            None => format!("{}: standard {}", link.framework, link.standard),
        };
    };
    match (&link.criterion, f.standard(&link.standard)) {
        (Some(c), _) => format!("{}: criterion {c}", f.name),
        (None, Some(s)) => format!("{}: {}. {}", f.name, s.code, s.title),
        (None, None) => format!("{}: standard {}", f.name, link.standard),
    }
}

pub async fn library(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<LibraryParams>,
) -> Result<LibraryPage, AppError> {
    let (user, served) = signed_in(&ctx, &state).await?;
    ctx.require(Action::ViewResources { partnership: id, served: &served })?;
    let can_manage =
        user.principal.decide(Action::ManageResources { partnership: id, served: &served }).is_allowed();
    let partnership = partnership(&state, id).await?;
    let frameworks = linkable_frameworks(&state.db, &partnership).await?;
    let kind = ResourceKind::from_code(&params.kind);
    let standard = Link::parse(&params.standard).filter(|l| l.criterion.is_none());
    let filter = Filter { kind, standard: standard.map(|l| (l.framework, l.standard)) };
    let chosen_kind = kind.map(|k| k.code().to_owned()).unwrap_or_default();
    let chosen_standard =
        filter.standard.as_ref().map(|(f, s)| Link::standard(f, s).code()).unwrap_or_default();
    let query = serde_urlencoded::to_string([("kind", &chosen_kind), ("standard", &chosen_standard)])
        .map_err(|e| AppError::Internal(e.into()))?;
    let paging =
        Paging::new(&PageParams { page: params.page }, format!("/partnerships/{id}/resources?{query}"))?;
    let mut rows = store::page(&state.db, id, &filter, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut rows)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let links = store::links_of(&state.db, &ids).await?;
    let resources = rows
        .into_iter()
        .map(|row| ResourceView {
            helps_with: links
                .iter()
                .filter(|(r, _)| *r == row.id)
                .map(|(_, l)| describe_link(&frameworks, l))
                .collect(),
            row,
        })
        .collect();
    let standards = frameworks
        .iter()
        .map(|f| {
            let list = f
                .standards
                .iter()
                .map(|s| (Link::standard(&f.key, &s.code).code(), format!("{}. {}", s.code, s.title)))
                .collect();
            (f.name.clone(), list)
        })
        .collect();
    Ok(LibraryPage {
        page: ctx.page(format!("Resources – {}", partnership.name)),
        partnership,
        can_manage,
        resources,
        kinds: options(ResourceKind::ALL, ResourceKind::code, ResourceKind::label),
        standards,
        filtered: filter.kind.is_some() || filter.standard.is_some(),
        chosen_kind,
        chosen_standard,
        paging,
    })
}
