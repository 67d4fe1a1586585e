//! The API's description: the OpenAPI document, made from the handlers' own
//! annotations (so it cannot list an address the router does not serve without the
//! test in `tests/api.rs` noticing), served as JSON at `/api/openapi.json` and drawn
//! as a GOV.UK page at `/api/docs` from that same document, so the page and the JSON
//! never differ and nobody needs JavaScript to read it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use serde_json::Value;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{actions, cycles, error, figures, paging, returns};
use crate::web::page::{Ctx, Page};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "osa API",
        version = "1",
        description = "Read-only access to one partnership's audit cycles, invitations, returns, figures and actions, for the partnership's own reporting tools. Every call needs a token made by one of the partnership's admins, sent as `Authorization: Bearer <token>`. A token reads what the partnership's analysts read on the pages, and nothing of other partnerships. Lists are paged with `page` and `per_page` (at most 200). Each token may make a limited number of calls a minute; past that the answer is 429 with a Retry-After header in seconds."
    ),
    paths(
        cycles::list,
        cycles::show,
        cycles::invitations,
        returns::of_cycle,
        returns::show,
        figures::show,
        actions::of_cycle,
        actions::of_organisation,
    ),
    components(schemas(
        error::ErrorBody,
        paging::Paging,
        paging::PageLinks,
        cycles::CycleList,
        cycles::CycleOut,
        cycles::CycleDetail,
        cycles::PartnershipOut,
        cycles::StateCount,
        cycles::InvitationList,
        cycles::InvitationOut,
        returns::ReturnList,
        returns::ReturnSummary,
        returns::StandingOut,
        returns::ReturnDetail,
        returns::AnswerOut,
        figures::CycleFigures,
        figures::SectionFigures,
        figures::StandardFigures,
        figures::RateOut,
        figures::ShareOut,
        actions::ActionList,
        actions::ActionOut,
        actions::PartnershipActionList,
        actions::PartnershipActionOut,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "cycles", description = "Audit cycles and their invitations"),
        (name = "returns", description = "Submitted returns: standings and answers"),
        (name = "figures", description = "The dashboard's figures"),
        (name = "actions", description = "Organisations' action plans and partnership actions"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer token every operation names in its `security`.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.description = Some("An API token of the partnership, starting osa_".to_owned());
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// GET `/api/openapi.json`: public, as it holds no data, only the shape of it.
pub async fn json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

pub struct Operation {
    pub method: String,
    pub path: String,
    pub anchor: String,
    pub summary: String,
    pub description: String,
    pub parameters: Vec<Field>,
    /// (status, what it means, the schema of its body).
    pub responses: Vec<(String, String, String)>,
}

pub struct Field {
    pub name: String,
    /// Where it goes (path, query) or its type, in words.
    pub kind: String,
    pub required: bool,
    pub description: String,
}

pub struct SchemaView {
    pub name: String,
    pub description: String,
    pub fields: Vec<Field>,
}

#[derive(Template, WebTemplate)]
#[template(path = "api/docs.html")]
pub struct DocsPage {
    page: Page,
    title: String,
    description: String,
    operations: Vec<Operation>,
    schemas: Vec<SchemaView>,
}

/// GET `/api/docs`: the same document, for people.
pub async fn page(ctx: Ctx) -> DocsPage {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or(Value::Null);
    DocsPage {
        page: ctx.page("API documentation"),
        title: text(&doc["info"]["title"]),
        description: text(&doc["info"]["description"]),
        operations: operations(&doc),
        schemas: schemas(&doc),
    }
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut list = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let parameters = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| Field {
                    name: text(&p["name"]),
                    kind: format!("{} ({})", text(&p["in"]), type_words(&p["schema"])),
                    required: p["required"].as_bool().unwrap_or(false),
                    description: text(&p["description"]),
                })
                .collect();
            let responses = op["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(status, r)| {
                    (
                        status.clone(),
                        text(&r["description"]),
                        type_words(&r["content"]["application/json"]["schema"]),
                    )
                })
                .collect();
            let (summary, description) = split_doc(&text(&op["summary"]), &text(&op["description"]));
            list.push(Operation {
                method: method.to_uppercase(),
                anchor: text(&op["operationId"]),
                path: path.clone(),
                summary,
                description,
                parameters,
                responses,
            });
        }
    }
    list
}

/// utoipa takes a handler's first doc line as its summary and the rest as the
/// description; a one-line doc comment gives only a description.
fn split_doc(summary: &str, description: &str) -> (String, String) {
    if summary.is_empty() {
        (description.to_owned(), String::new())
    } else {
        (summary.to_owned(), description.to_owned())
    }
}

fn schemas(doc: &Value) -> Vec<SchemaView> {
    doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, schema)| {
            let required: Vec<&str> =
                schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            let fields = schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(field, s)| Field {
                    name: field.clone(),
                    kind: type_words(s),
                    required: required.contains(&field.as_str()),
                    description: text(&s["description"]),
                })
                .collect();
            SchemaView { name: name.clone(), description: text(&schema["description"]), fields }
        })
        .collect()
}

/// A schema's type in a few words: "integer", "string or null", "list of CycleOut".
fn type_words(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return reference.rsplit('/').next().unwrap_or(reference).to_owned();
    }
    if let Some(options) = schema["oneOf"].as_array().or_else(|| schema["anyOf"].as_array()) {
        return options.iter().map(type_words).collect::<Vec<_>>().join(" or ");
    }
    let kinds: Vec<String> = match &schema["type"] {
        Value::String(kind) => vec![kind.clone()],
        Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    kinds
        .iter()
        .map(
            |kind| {
                if kind == "array" {
                    format!("list of {}", type_words(&schema["items"]))
                } else {
                    kind.clone()
                }
            },
        )
        .collect::<Vec<_>>()
        .join(" or ")
}
