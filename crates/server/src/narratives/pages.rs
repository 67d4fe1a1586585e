//! The search page: `GET /cycles/{id}/narratives?q=…&standard=…&sector=…&duty=…&
//! partnership=…&theme=…`, a GET form that works without JavaScript, listing the
//! passages of returns submitted in the cycle with matched words marked.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum_extra::extract::Query;
use serde::{Deserialize, Serialize};

use super::search::{self, Hit};
use super::store::{self, Theme};
use crate::cycles::access::{Loaded, load};
use crate::frameworks::store as framework_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;
use osa_core::framework::Framework;
use osa_core::narratives::{Segment, Terms, Unsearchable, search_terms, segments};
use osa_core::tenancy::{DutyStatus, Sector};

/// The search form's fields, as typed; also what the passage page carries back.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct Params {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub standard: String,
    #[serde(default)]
    pub sector: Vec<String>,
    #[serde(default)]
    pub duty: Vec<String>,
    #[serde(default)]
    pub partnership: String,
    #[serde(default)]
    pub theme: String,
}

impl Params {
    /// The query string of these fields (repeated keys for the lists).
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for (key, value) in [("q", &self.q), ("standard", &self.standard)] {
            if !value.is_empty() {
                pairs.push((key, value));
            }
        }
        pairs.extend(self.sector.iter().map(|s| ("sector", s.as_str())));
        pairs.extend(self.duty.iter().map(|d| ("duty", d.as_str())));
        for (key, value) in [("partnership", &self.partnership), ("theme", &self.theme)] {
            if !value.is_empty() {
                pairs.push((key, value));
            }
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    /// Reads a query string written by [`Params::query`]; anything else is dropped.
    pub fn from_query(query: &str) -> Params {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let mut p = Params::default();
        for (key, value) in pairs {
            match key.as_str() {
                "q" => p.q = value,
                "standard" => p.standard = value,
                "sector" => p.sector.push(value),
                "duty" => p.duty.push(value),
                "partnership" => p.partnership = value,
                "theme" => p.theme = value,
                _ => {}
            }
        }
        p
    }

    /// The search these fields ask for, keeping only choices that exist in the cycle.
    pub fn to_query(&self, loaded: &Loaded, themes: &[Theme]) -> search::Query {
        let mut q = search::Query::in_cycle(&loaded.reader);
        q.terms = search_terms(&self.q);
        q.standard = Some(self.standard.trim().to_owned()).filter(|s| !s.is_empty());
        q.sectors =
            self.sector.iter().filter_map(|s| Sector::from_code(s)).map(|s| s.code().to_owned()).collect();
        q.duties =
            self.duty.iter().filter_map(|d| DutyStatus::from_code(d)).map(|d| d.code().to_owned()).collect();
        q.partnership =
            loaded.partnerships.iter().map(|(id, _)| *id).find(|id| id.to_string() == self.partnership);
        q.theme = themes.iter().map(|t| t.id).find(|id| id.to_string() == self.theme);
        q
    }
}

/// A found passage as the page shows it.
pub struct Found {
    pub hit: Hit,
    pub standard: String,
    pub criterion: String,
    pub segments: Vec<Segment>,
    pub themes: Vec<String>,
}

/// "1. Leadership" and "1.1 We have a named lead" for a passage, from the framework
/// when it holds them (a sector's own framework may not), else the codes alone.
pub fn headings(framework: &Framework, standard: &str, criterion: &str) -> (String, String) {
    let found = framework.standards.iter().find(|s| s.code == standard);
    let standard_text =
        found.map_or_else(|| format!("Standard {standard}"), |s| format!("{}. {}", s.code, s.title));
    let criterion_text = found
        .and_then(|s| s.criteria.iter().find(|c| c.code == criterion))
        .map_or_else(|| format!("Criterion {criterion}"), |c| format!("{} {}", c.code, c.question));
    (standard_text, criterion_text)
}

/// The cycle's themes: every partnership taking part keeps its own.
pub async fn cycle_themes(state: &AppState, loaded: &Loaded) -> Result<Vec<Theme>, AppError> {
    let ids: Vec<i64> = loaded.partnerships.iter().map(|(id, _)| *id).collect();
    Ok(store::themes(&state.db, &ids).await?)
}

/// A theme's name, with its partnership's when the cycle is run by several.
pub fn theme_label(theme: &Theme, loaded: &Loaded) -> String {
    match loaded.partnerships.iter().find(|(id, _)| *id == theme.partnership_id) {
        Some((_, name)) if loaded.partnerships.len() > 1 => format!("{} ({name})", theme.name),
        _ => theme.name.clone(),
    }
}

/// A heading and a sentence saying why a search cannot be run, and what to do.
fn why_unsearchable(why: Unsearchable) -> (&'static str, &'static str) {
    match why {
        Unsearchable::NoWords => (
            "No words to search for",
            "Your search has no words in it that can be searched for: punctuation and very common \
             words such as “the” and “of” are left out. Try other words.",
        ),
        Unsearchable::OnlyOperators => (
            "No words to search for",
            "Your search has only OR, NOT or AND in it. These join words or leave them out, so type \
             at least one word to search for, for example: neglect OR abuse.",
        ),
        Unsearchable::OnlyExclusions => (
            "Nothing to search for",
            "Your search only says what to leave out (words after NOT or a minus sign). Add at \
             least one word that passages must contain, for example: neglect -training.",
        ),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "narratives/search.html")]
pub struct SearchPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    params: Params,
    back: String,
    results: Vec<Found>,
    total: i64,
    /// When what was typed cannot be searched for: a heading and why, in words.
    unsearchable: Option<(&'static str, &'static str)>,
    paging: Paging,
    standards: Vec<(String, String)>,
    sectors: Vec<(&'static str, &'static str)>,
    duties: Vec<(&'static str, &'static str)>,
    partnerships: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    filtered: bool,
}

pub async fn search_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<Params>,
    Query(page_params): Query<PageParams>,
) -> Result<SearchPage, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let framework =
        framework_store::load(&state.db, loaded.cycle.main_framework_id).await?.ok_or(AppError::NotFound)?;
    let themes = cycle_themes(&state, &loaded).await?;
    let query_string = params.query();
    let paging = Paging::new(&page_params, format!("/cycles/{id}/narratives?{query_string}"))?;
    let mut query = params.to_query(&loaded, &themes);
    query.offset = paging.offset();
    query.limit = paging.fetch_limit();
    let mut hits = search::search(&state.db, &query).await?;
    let paging = paging.with_rows(&mut hits)?;
    let total = if paging.page == 1 && !paging.has_next {
        hits.len() as i64
    } else {
        search::count(&state.db, &query).await?
    };
    let ids: Vec<i64> = loaded.partnerships.iter().map(|(p, _)| *p).collect();
    let passage_ids: Vec<i64> = hits.iter().map(|h| h.passage_id).collect();
    let mut tagged: HashMap<i64, Vec<String>> = HashMap::new();
    for (passage, name) in store::theme_names_on(&state.db, &passage_ids, &ids).await? {
        tagged.entry(passage).or_default().push(name);
    }
    let results = hits
        .into_iter()
        .map(|hit| {
            let (standard, criterion) =
                headings(&framework.framework, &hit.standard_code, &hit.criterion_code);
            Found {
                segments: segments(&hit.marked),
                themes: tagged.remove(&hit.passage_id).unwrap_or_default(),
                standard,
                criterion,
                hit,
            }
        })
        .collect();
    let filtered = !(params.standard.is_empty()
        && params.sector.is_empty()
        && params.duty.is_empty()
        && params.partnership.is_empty()
        && params.theme.is_empty());
    Ok(SearchPage {
        page: ctx.page(format!("Search narrative evidence – {}", loaded.cycle.name)),
        cycle_id: id,
        cycle_name: loaded.cycle.name.clone(),
        back: serde_urlencoded::to_string([("back", query_string.as_str())]).unwrap_or_default(),
        unsearchable: match query.terms {
            Terms::Unsearchable(why) => Some(why_unsearchable(why)),
            _ => None,
        },
        results,
        total,
        paging,
        standards: framework
            .framework
            .standards
            .iter()
            .map(|s| (s.code.clone(), format!("{}. {}", s.code, s.title)))
            .collect(),
        sectors: Sector::ALL.iter().map(|s| (s.code(), s.label())).collect(),
        duties: DutyStatus::ALL.iter().map(|d| (d.code(), d.label())).collect(),
        partnerships: loaded.partnerships.iter().map(|(p, n)| (p.to_string(), n.clone())).collect(),
        themes: themes.iter().map(|t| (t.id.to_string(), theme_label(t, &loaded))).collect(),
        filtered,
        params,
    })
}
