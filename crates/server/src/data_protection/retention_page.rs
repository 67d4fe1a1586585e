//! The dry run: what the next run of the retention rules would do today, rule by
//! rule, with the records each reaches. Reading it changes nothing.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::access;
use super::retention::{self, Plan};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};

/// How many records of each rule the page lists; the counts are always whole.
pub const LISTED: usize = 200;

#[derive(Template, WebTemplate)]
#[template(path = "data_protection/retention.html")]
pub struct RetentionPage {
    page: Page,
    plan: Plan,
    listed: usize,
}

pub async fn show(ctx: Ctx, State(state): State<AppState>) -> Result<RetentionPage, AppError> {
    access::admin(&ctx)?;
    let today = time::OffsetDateTime::now_utc().date();
    let plan = retention::plan(&state.db, state.config.retention(), today).await?;
    Ok(RetentionPage { page: ctx.page("Retention: what the next run will do"), plan, listed: LISTED })
}
