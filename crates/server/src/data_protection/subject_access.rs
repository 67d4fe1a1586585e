//! The subject-access export: everything osa holds about one person, as a page that
//! says what there is, a JSON file a program can read, and a PDF a person can.
//! Each download is audited, since it hands one person's data to someone else.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::access;
use super::store::subject_access::{self as held_queries, Held};
use super::store::{self, Person};
use crate::exports;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::report::{Block, Document, Table};

/// Each section of the export: its key in the JSON file and its heading in the PDF
/// and on the page, in order.
const SECTIONS: &[(&str, &str)] = &[
    ("partnership_roles", "Roles in partnerships"),
    ("organisation_roles", "Roles in organisations"),
    ("delegations", "Standards delegated to them"),
    ("sessions", "Signed-in sessions"),
    ("emailed_links", "Links emailed to them (invitations, password resets)"),
    ("audit_entries", "Changes they made (audit log)"),
    ("threads_raised", "Comments and challenges they raised"),
    ("messages_written", "Messages they wrote"),
    ("answers_last_edited", "Answers they last edited"),
    ("answer_changes", "Changes they made to answers"),
    ("returns_signed_off", "Returns they signed off"),
    ("returns_submitted", "Returns they submitted"),
    ("evidence_uploaded", "Evidence files they uploaded"),
    ("action_notes", "Progress notes they added to actions"),
    ("mail", "Email sent to them"),
    ("sign_in_failures", "Failed attempts to sign in as them"),
];

pub struct SectionCount {
    pub title: &'static str,
    pub count: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "data_protection/personal_data.html")]
pub struct PersonalDataPage {
    page: Page,
    person: Person,
    sections: Vec<SectionCount>,
}

async fn gather(state: &AppState, person: &Person) -> Result<Value, AppError> {
    let held: Held = held_queries::held(&state.db, person).await?;
    serde_json::to_value(&held).map_err(|e| AppError::Internal(e.into()))
}

fn rows_of<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<PersonalDataPage, AppError> {
    let (_, person) = access::person(&ctx, &state, id).await?;
    let value = gather(&state, &person).await?;
    let sections = SECTIONS
        .iter()
        .map(|(key, title)| SectionCount { title, count: rows_of(&value, key).len() })
        .collect();
    Ok(PersonalDataPage {
        page: ctx.page(format!("Personal data held about {}", person.display_name)),
        person,
        sections,
    })
}

fn download(body: Vec<u8>, content_type: &str, name: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

pub async fn json(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (admin, person) = access::person(&ctx, &state, id).await?;
    let value = gather(&state, &person).await?;
    let body = serde_json::to_vec_pretty(&value).map_err(|e| AppError::Internal(e.into()))?;
    store::record_export(&state.db, admin.id, person.id, "json").await?;
    Ok(download(body, "application/json", format!("personal-data-{}.json", person.id)))
}

pub async fn pdf(ctx: Ctx, State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (admin, person) = access::person(&ctx, &state, id).await?;
    let value = gather(&state, &person).await?;
    let body = exports::pdf::render(&document(&person, &value));
    store::record_export(&state.db, admin.id, person.id, "pdf").await?;
    Ok(download(body, exports::PDF_TYPE, format!("personal-data-{}.pdf", person.id)))
}

/// "created_at" as "Created at".
fn label(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map(|first| first.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "Yes".into(),
        Value::Bool(false) => "No".into(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The export as a readable document: the account as labelled paragraphs, then each
/// section as a table with a column per field (or a sentence saying there is none).
fn document(person: &Person, value: &Value) -> Document {
    let mut blocks = vec![
        Block::heading(1, format!("Personal data held about {}", person.display_name)),
        Block::Paragraph {
            label: None,
            text: "Everything this deployment of osa holds about this person, section by section. The same information is available as a JSON file.".into(),
        },
        Block::heading(2, "Account"),
    ];
    if let Some(account) = value.get("account").and_then(Value::as_object) {
        for (key, field) in account {
            blocks.push(Block::Paragraph { label: Some(format!("{}:", label(key))), text: cell(field) });
        }
    }
    for (key, title) in SECTIONS {
        blocks.push(Block::heading(2, *title));
        let rows = rows_of(value, key);
        let Some(first) = rows.first().and_then(Value::as_object) else {
            blocks.push(Block::Paragraph { label: None, text: "None.".into() });
            continue;
        };
        let keys: Vec<&String> = first.keys().collect();
        blocks.push(Block::Table(Table {
            header: keys.iter().map(|k| label(k)).collect(),
            rows: rows
                .iter()
                .map(|row| keys.iter().map(|k| row.get(k.as_str()).map(cell).unwrap_or_default()).collect())
                .collect(),
        }));
    }
    Document {
        title: format!("Personal data held about {}", person.display_name),
        language: "en-GB".into(),
        blocks,
    }
}
