//! Who may see a survey: the staff of every partnership taking part in its cycle;
//! its admins open and close surveys. Anyone else is told it does not exist.

use super::store::{self, SurveyRow};
use crate::cycles::access::{self as cycle_access, Loaded as CycleLoaded};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;

pub async fn load(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    manage: bool,
) -> Result<(SurveyRow, CycleLoaded), AppError> {
    ctx.user()?;
    let survey = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let cycle = cycle_access::load(ctx, state, survey.cycle_id, manage).await?;
    Ok((survey, cycle))
}
