//! Whose board report a page shows, and who may change it. A report belongs to one
//! partnership of the cycle: the cycle's own when the reader works for it, else the
//! first partnership of the cycle through which they read (a region's cycle has one
//! report per partnership). The cycle's access rules decide who reads it (its
//! partnerships' staff; everyone else is told it does not exist); writing and
//! finalising is `Action::WriteBoardReport` (admins and analysts).

use time::OffsetDateTime;

use super::figures;
use super::store::{self, ReportRow};
use crate::cycles::access::{self as cycle_access, Loaded as CycleLoaded};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format;
use crate::web::page::Ctx;
use osa_core::access::Action;
use osa_core::report::Document;
use osa_core::report::board::{Figures, Status, Words, document};

pub struct Loaded {
    pub cycle: CycleLoaded,
    pub partnership: (i64, String),
    pub can_write: bool,
    /// `None` until someone first saves or finalises it.
    pub report: Option<ReportRow>,
}

pub async fn load(ctx: &Ctx, state: &AppState, cycle_id: i64, write: bool) -> Result<Loaded, AppError> {
    let user = ctx.user()?;
    let cycle = cycle_access::load(ctx, state, cycle_id, false).await?;
    let through = &cycle.reader.through;
    let own = cycle.cycle.partnership_id;
    let pid = if through.contains(&own) { own } else { *through.first().ok_or(AppError::NotFound)? };
    let partnership =
        cycle.partnerships.iter().find(|(p, _)| *p == pid).cloned().ok_or(AppError::NotFound)?;
    let can_write = user.principal.decide(Action::WriteBoardReport { partnership: pid }).is_allowed();
    if write && !can_write {
        return Err(AppError::Forbidden);
    }
    let report = store::get(&state.db, cycle_id, pid).await?;
    Ok(Loaded { cycle, partnership, can_write, report })
}

impl Loaded {
    pub fn cycle_id(&self) -> i64 {
        self.cycle.cycle.id
    }

    pub fn is_final(&self) -> bool {
        self.report.as_ref().is_some_and(|r| r.finalised_at.is_some())
    }

    pub fn words(&self) -> Words {
        self.report.as_ref().map(ReportRow::words).unwrap_or_default()
    }

    /// The frozen figures once finalised; the live ones before.
    pub async fn figures(&self, ctx: &Ctx, state: &AppState) -> Result<Figures, AppError> {
        if let Some(frozen) = self.report.as_ref().and_then(ReportRow::frozen) {
            return Ok(frozen);
        }
        if self.is_final() {
            return Err(AppError::Internal(anyhow::anyhow!(
                "a finalised board report's figures are unreadable"
            )));
        }
        let (pid, name) = &self.partnership;
        figures::live(&state.db, &self.cycle.cycle, (*pid, name), &ctx.user()?.principal).await
    }

    pub fn status(&self) -> Status {
        match self.report.as_ref().and_then(|r| r.finalised_at.map(|at| (at, r))) {
            Some((at, r)) => Status::Finalised {
                on: format::date(at.date()),
                figures_as_at: format::datetime(at),
                by: r.finalised_by_name.clone().unwrap_or_else(|| "a former member of staff".to_owned()),
            },
            None => Status::Draft { as_at: format::datetime(OffsetDateTime::now_utc()) },
        }
    }

    pub async fn document(&self, ctx: &Ctx, state: &AppState) -> Result<Document, AppError> {
        Ok(document(&self.words(), &self.figures(ctx, state).await?, &self.status()))
    }
}
