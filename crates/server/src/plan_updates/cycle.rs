//! The partnership's view of a cycle's action-plan updates: every invited
//! organisation against each update date (sent on a date, due, not due yet, overdue,
//! not asked), the counts per date in words, and the list as CSV. Only organisations
//! whose return the reader may read (`cycles::visible`) are shown or counted; one
//! whose return went only to another partnership of a region is left out, and said so.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use osa_core::plan_update::{self as rules, DateCount, UpdateState, count_words};
use osa_core::spreadsheet::csv_text;
use time::{Date, OffsetDateTime};

use super::store;
use crate::cycles::access::load;
use crate::cycles::store as cycle_store;
use crate::cycles::visible::returns_visible_to;
use crate::exports::heading::Heading;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format::date;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;

/// One organisation's standing on one update date.
pub struct Cell {
    pub state: UpdateState,
    /// The update sent, and when.
    pub sent: Option<(i64, OffsetDateTime)>,
}

impl Cell {
    /// The cell's words: "Sent on 2 October 2027", "Overdue", …
    pub fn words(&self) -> String {
        match self.sent {
            Some((_, at)) => format!("Sent on {}", date(at.date())),
            None => self.state.label().to_owned(),
        }
    }
}

pub struct Row {
    pub organisation: String,
    pub return_id: Option<i64>,
    pub submitted: Option<Date>,
    pub cells: Vec<Cell>,
}

pub struct Table {
    pub dates: Vec<Date>,
    pub rows: Vec<Row>,
    /// Per date, in order: the count and its words.
    pub counts: Vec<(DateCount, String)>,
    /// Organisations whose return went only to partnerships the reader does not read through.
    pub left_out: usize,
}

async fn table(
    state: &AppState,
    cycle: i64,
    reader: &crate::cycles::visible::Reader,
) -> Result<Table, AppError> {
    let today = OffsetDateTime::now_utc().date();
    let dates = cycle_store::update_dates(&state.db, cycle).await?;
    let visible = returns_visible_to(&state.db, reader).await?;
    let invitations = cycle_store::invitations(&state.db, cycle).await?;
    let return_ids: Vec<i64> = invitations.iter().filter_map(|i| i.return_id).collect();
    let submitted = store::submitted_at(&state.db, &return_ids).await?;
    let sent = store::of_cycle(&state.db, cycle).await?;
    let mut counts = vec![DateCount::default(); dates.len()];
    let (mut rows, mut left_out) = (Vec::new(), 0);
    for inv in invitations {
        if inv.return_id.is_some_and(|r| !visible.contains(&r)) {
            left_out += 1;
            continue;
        }
        let submitted_on = inv
            .return_id
            .and_then(|r| submitted.iter().find(|(id, _)| *id == r))
            .and_then(|(_, at)| *at)
            .map(|at| at.date());
        let cells: Vec<Cell> = dates
            .iter()
            .zip(counts.iter_mut())
            .map(|(due, count)| {
                let sent = sent
                    .iter()
                    .find(|s| s.invitation_id == inv.id && s.due_on == *due)
                    .map(|s| (s.id, s.sent_at));
                let st = rules::state(*due, submitted_on, sent.is_some(), today);
                count.add(st, submitted_on.is_some());
                Cell { state: st, sent }
            })
            .collect();
        rows.push(Row {
            organisation: inv.organisation_name,
            return_id: inv.return_id,
            submitted: submitted_on,
            cells,
        });
    }
    let counts = dates.iter().zip(counts).map(|(d, c)| (c, count_words(*d, &c))).collect();
    Ok(Table { dates, rows, counts, left_out })
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_updates/cycle.html")]
pub struct ListPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    table: Table,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let table = table(&state, id, &loaded.reader).await?;
    Ok(ListPage { page: ctx.page("Action-plan updates"), cycle_id: id, cycle_name: loaded.cycle.name, table })
}

pub async fn csv(ctx: Ctx, State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let t = table(&state, id, &loaded.reader).await?;
    let fail = |e: csv::Error| AppError::Internal(e.into());
    let heading = Heading::new("Action-plan updates", OffsetDateTime::now_utc())
        .about("Cycle", &loaded.cycle.name)
        .filters(&[]);
    let mut out = csv::Writer::from_writer(heading.csv_start().map_err(fail)?);
    let mut header_row = vec!["Organisation".to_owned(), "Return submitted".to_owned()];
    header_row.extend(t.dates.iter().map(|d| format!("Update due {d}")));
    out.write_record(header_row.iter().map(|c| csv_text(c))).map_err(fail)?;
    for r in &t.rows {
        let mut record = vec![
            r.organisation.clone(),
            r.submitted.map(|d| d.to_string()).unwrap_or_else(|| "Not submitted".into()),
        ];
        record.extend(r.cells.iter().map(|c| match c.sent {
            Some((_, at)) => format!("Sent on {}", at.date()),
            None => c.state.label().to_owned(),
        }));
        out.write_record(record.iter().map(|c| csv_text(c))).map_err(fail)?;
    }
    let body = out.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"action-plan-updates-{id}.csv\"")),
        ],
        body,
    )
        .into_response())
}
