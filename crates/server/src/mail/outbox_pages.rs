//! The outbox, for platform admins: every message the service has written, newest
//! first, and each message's text with its links. Single-use links stay in a message
//! only until it is delivered over SMTP; while one is there, the page says it works.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query as QueryParams, State};
use sea_query::{Expr, ExprTrait, Order, Query};
use time::OffsetDateTime;

use crate::db::schema::Outbox;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
use crate::web::path::Path;
use osa_core::access::Action;

#[derive(sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub status: String,
    pub created_at: OffsetDateTime,
}

#[derive(Template, WebTemplate)]
#[template(path = "mail/outbox.html")]
pub struct OutboxList {
    page: Page,
    messages: Vec<OutboxRow>,
    paging: Paging,
    /// Outbox mode: nothing is sent, so links stay live in the stored messages.
    held: bool,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    QueryParams(params): QueryParams<PageParams>,
) -> Result<OutboxList, AppError> {
    ctx.require(Action::AdministerPlatform)?;
    let paging = Paging::new(&params, "/admin/outbox")?;
    let mut messages: Vec<OutboxRow> = state
        .db
        .fetch_all(
            &Query::select()
                .columns([Outbox::Id, Outbox::Recipient, Outbox::Subject, Outbox::Status, Outbox::CreatedAt])
                .from(Outbox::Table)
                .order_by(Outbox::Id, Order::Desc)
                .limit(paging.fetch_limit())
                .offset(paging.offset())
                .to_owned(),
        )
        .await?;
    let paging = paging.with_rows(&mut messages)?;
    Ok(OutboxList { page: ctx.page("Outbox"), messages, paging, held: !state.mailer.sends_smtp() })
}

#[derive(sqlx::FromRow)]
struct Message {
    recipient: String,
    subject: String,
    body_text: String,
    status: String,
    created_at: OffsetDateTime,
    secret_links: Option<String>,
}

/// A line of a message, marked when it is a link so the page can make it clickable.
struct Line {
    text: String,
    is_link: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "mail/message.html")]
pub struct MessagePage {
    page: Page,
    message: Message,
    lines: Vec<Line>,
    /// The message still holds a single-use link that works.
    live_link: bool,
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<MessagePage, AppError> {
    ctx.require(Action::AdministerPlatform)?;
    let message: Message = state
        .db
        .fetch_optional(
            &Query::select()
                .columns([
                    Outbox::Recipient,
                    Outbox::Subject,
                    Outbox::BodyText,
                    Outbox::Status,
                    Outbox::CreatedAt,
                    Outbox::SecretLinks,
                ])
                .from(Outbox::Table)
                .and_where(Expr::col(Outbox::Id).eq(id))
                .to_owned(),
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = message
        .body_text
        .lines()
        .map(|l| Line {
            is_link: (l.starts_with("https://") || l.starts_with("http://"))
                && !l.contains(char::is_whitespace),
            text: l.to_owned(),
        })
        .collect();
    let live_link = message.secret_links.is_some();
    Ok(MessagePage { page: ctx.page(message.subject.clone()), message, lines, live_link })
}
