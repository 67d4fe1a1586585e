//! The audit log page: the entries a person reads, newest first, fifty a page, with a
//! filter by person, by record and by date that works without JavaScript.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use osa_core::audit_log::{FieldChange, field_changes};
use serde::Deserialize;

use super::access;
use super::store::{self, EntryRow, Filter, SCOPES};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};

/// The filter as typed, kept so the form shows it again (and a wrong date with it).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct FilterParams {
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub entity_id: String,
    #[serde(default)]
    pub from_day: String,
    #[serde(default)]
    pub from_month: String,
    #[serde(default)]
    pub from_year: String,
    #[serde(default)]
    pub to_day: String,
    #[serde(default)]
    pub to_month: String,
    #[serde(default)]
    pub to_year: String,
    pub page: Option<String>,
}

fn trimmed(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

impl FilterParams {
    pub fn from(&self) -> DateParts {
        DateParts { day: self.from_day.clone(), month: self.from_month.clone(), year: self.from_year.clone() }
    }

    pub fn to(&self) -> DateParts {
        DateParts { day: self.to_day.clone(), month: self.to_month.clone(), year: self.to_year.clone() }
    }

    /// The filter, or what is wrong with it in the words the error summary shows.
    pub fn filter(&self) -> Result<Filter, Errors> {
        let mut errors = Errors::default();
        let date = |parts: DateParts, what: &str, errors: &mut Errors, field: &'static str| {
            if parts.is_blank() { None } else { errors.take(field, parts.parse(what)) }
        };
        let from = date(self.from(), "date to start from", &mut errors, "from-day");
        let to = date(self.to(), "date to end on", &mut errors, "to-day");
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            errors.add("to-day", "The date to end on must be the same as or after the date to start from");
        }
        let entity = trimmed(&self.entity);
        if entity.as_deref().is_some_and(|e| !entity_kinds().iter().any(|(code, _)| *code == e)) {
            errors.add("entity", "Choose a kind of record from the list");
        }
        let entity_id = trimmed(&self.entity_id);
        if entity_id.as_deref().is_some_and(|id| !id.bytes().all(|b| b.is_ascii_digit()) || id.len() > 18) {
            errors.add("entity_id", "The record number must be a whole number, like 42");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Filter { person: trimmed(&self.person), entity, entity_id, from, to })
    }

    /// The filter in words, for the download's heading.
    pub fn described(&self, filter: &Filter) -> Vec<String> {
        let mut words = Vec::new();
        if let Some(person) = &filter.person {
            words.push(format!("Person: {person}"));
        }
        if let Some(entity) = &filter.entity {
            words.push(format!("Record: {}", entity_label(entity)));
        }
        if let Some(id) = &filter.entity_id {
            words.push(format!("Record number: {id}"));
        }
        if let Some(from) = filter.from {
            words.push(format!("From: {}", format::date(from)));
        }
        if let Some(to) = filter.to {
            words.push(format!("To: {}", format::date(to)));
        }
        words
    }

    /// The query string of the filter (without the page), for links that keep it.
    pub fn query(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("person", self.person.trim()),
            ("entity", self.entity.trim()),
            ("entity_id", self.entity_id.trim()),
            ("from_day", self.from_day.trim()),
            ("from_month", self.from_month.trim()),
            ("from_year", self.from_year.trim()),
            ("to_day", self.to_day.trim()),
            ("to_month", self.to_month.trim()),
            ("to_year", self.to_year.trim()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// The kinds of record the log names, as (code, words), for the filter's list.
pub fn entity_kinds() -> Vec<(&'static str, String)> {
    let mut kinds: Vec<(&'static str, String)> =
        SCOPES.iter().map(|(e, _, _)| *e).chain(["user"]).map(|e| (e, entity_label(e))).collect();
    kinds.sort_by(|a, b| a.1.cmp(&b.1));
    kinds
}

/// `return_thread` as a person reads it: "Return thread".
pub fn entity_label(entity: &str) -> String {
    let words = entity.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// Who made a change: their name and address, or osa itself (reminders, the demo).
pub fn actor(row: &EntryRow) -> String {
    match (&row.actor_name, &row.actor_email) {
        (Some(name), Some(email)) => format!("{name} ({email})"),
        _ => "osa (no person)".to_owned(),
    }
}

pub fn changes(row: &EntryRow) -> Vec<FieldChange> {
    let parse = |text: &Option<String>| text.as_deref().and_then(|t| serde_json::from_str(t).ok());
    field_changes(parse(&row.before).as_ref(), parse(&row.after).as_ref())
}

/// One field's change in words: `from "a" to "b"`, `"b"` for a new value, `was "a",
/// now removed` for one taken away.
pub fn in_words(change: &FieldChange) -> String {
    match (&change.before, &change.after) {
        (Some(before), Some(after)) => format!("from \u{201c}{before}\u{201d} to \u{201c}{after}\u{201d}"),
        (None, Some(after)) => format!("\u{201c}{after}\u{201d}"),
        (Some(before), None) => format!("was \u{201c}{before}\u{201d}, now removed"),
        (None, None) => "nothing".to_owned(),
    }
}

pub struct EntryView {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record: String,
    /// (field, its change in words) for each field that changed.
    pub changes: Vec<(String, String)>,
}

impl EntryView {
    fn new(row: &EntryRow) -> EntryView {
        EntryView {
            at: format::datetime(row.at),
            actor: actor(row),
            action: entity_label(&row.action),
            record: format!("{} {}", entity_label(&row.entity), row.entity_id),
            changes: changes(row).iter().map(|c| (c.field.clone(), in_words(c))).collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/audit_log.html")]
pub struct AuditLogPage {
    page: Page,
    params: FilterParams,
    kinds: Vec<(&'static str, String)>,
    errors: Errors,
    entries: Vec<EntryView>,
    filtered: bool,
    everything: bool,
    csv_href: String,
    paging: Paging,
}

fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() { path.to_owned() } else { format!("{path}?{query}") }
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(params): Query<FilterParams>,
) -> Result<Response, AppError> {
    let scope = access::scope(&ctx)?;
    let query = params.query();
    let paging = Paging::new(&PageParams { page: params.page.clone() }, with_query("/audit-log", &query))?;
    let view = |errors, entries, paging| AuditLogPage {
        page: ctx.page("Audit log"),
        kinds: entity_kinds(),
        errors,
        entries,
        filtered: !query.is_empty(),
        everything: matches!(scope, osa_core::audit_log::AuditScope::Everything),
        csv_href: with_query("/audit-log.csv", &query),
        paging,
        params: params.clone(),
    };
    let filter = match params.filter() {
        Ok(filter) => filter,
        Err(errors) => {
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view(errors, Vec::new(), paging)).into_response());
        }
    };
    let mut rows = store::list(&state.db, &scope, &filter, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut rows)?;
    let entries = rows.iter().map(EntryView::new).collect();
    Ok(view(Errors::default(), entries, paging).into_response())
}

/// The page with the filter's errors, for a download asked for with a wrong filter.
pub fn refused_filter(ctx: &Ctx, params: FilterParams, errors: Errors) -> Result<Response, AppError> {
    let paging = Paging::new(&PageParams::default(), "/audit-log")?;
    let page = AuditLogPage {
        page: ctx.page("Audit log"),
        kinds: entity_kinds(),
        errors,
        entries: Vec::new(),
        filtered: true,
        everything: false,
        csv_href: with_query("/audit-log.csv", &params.query()),
        paging,
        params,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
