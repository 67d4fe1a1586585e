//! The action plan as an XLSX workbook and as a page made for printing: every SMART
//! field of every action, dates as real dates, status in words, overdue ones marked.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use time::{Date, OffsetDateTime};

use super::pages::{ActionView, today};
use super::store;
use crate::assessments::access::Loaded;
use crate::exports::heading::Heading;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;

const HEADERS: [(&str, f64); 8] = [
    ("Criterion", 12.0),
    ("What will be done", 50.0),
    ("Responsible lead", 24.0),
    ("Target date", 16.0),
    ("Expected outcome", 40.0),
    ("Impact measure", 40.0),
    ("Status", 14.0),
    ("Overdue", 10.0),
];

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(u16::try_from(d.year()).unwrap_or(1900), u8::from(d.month()), d.day())
}

/// What a download of the plan says about itself before its table.
pub(super) fn heading(loaded: &Loaded) -> Heading {
    Heading::new("Action plan", OffsetDateTime::now_utc())
        .about("Organisation", &loaded.organisation.name)
        .about("Self-assessment", &loaded.framework.summary.name)
        .filters(&[])
}

fn workbook(organisation: &str, heading: &Heading, actions: &[ActionView]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Action plan")?;
    let top = heading.write_xlsx(sheet)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDDDDD")
        .set_border_bottom(FormatBorder::Medium);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = wrap.clone().set_num_format("d mmmm yyyy");
    let overdue = wrap.clone().set_bold().set_font_color("#D4351C");
    for (i, (title, width)) in HEADERS.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(0);
        sheet.write_string_with_format(top, col, *title, &header)?;
        sheet.set_column_width(col, *width)?;
    }
    for (i, a) in actions.iter().enumerate() {
        let row = top + u32::try_from(i + 1).unwrap_or(u32::MAX - top);
        let r = &a.row;
        let texts = [
            r.criterion_code.as_deref().or(r.origin.as_deref()).unwrap_or("Added by hand"),
            &r.what,
            &r.responsible_lead,
        ];
        for (col, text) in texts.iter().enumerate() {
            sheet.write_string_with_format(row, u16::try_from(col).unwrap_or(0), *text, &wrap)?;
        }
        match r.target_date {
            Some(d) => sheet.write_datetime_with_format(row, 3, excel_date(d)?, &date)?,
            None => sheet.write_string_with_format(row, 3, "Not set", &wrap)?,
        };
        sheet.write_string_with_format(row, 4, &r.expected_outcome, &wrap)?;
        sheet.write_string_with_format(row, 5, &r.impact_measure, &wrap)?;
        sheet.write_string_with_format(row, 6, r.status().label(), &wrap)?;
        if a.overdue {
            sheet.write_string_with_format(row, 7, "Overdue", &overdue)?;
        }
    }
    sheet.set_freeze_panes(top + 1, 0)?;
    let last = top + u32::try_from(actions.len()).unwrap_or(u32::MAX - top);
    sheet.autofilter(top, 0, last, 7)?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0).set_repeat_rows(top, top)?;
    sheet.set_header(format!("&L{}&RAction plan", organisation.replace('&', "&&")));
    book.save_to_buffer()
}

pub async fn download(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = super::access::load_plan(&ctx, &state, id).await?.loaded;
    let today = today();
    let actions: Vec<ActionView> =
        store::list(&state.db, id).await?.into_iter().map(|r| ActionView::new(r, today)).collect();
    let bytes = workbook(&loaded.organisation.name, &heading(&loaded), &actions)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, crate::workbook::XLSX_TYPE.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"action-plan-{id}.xlsx\"")),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "action_plans/print.html")]
pub struct PrintPage {
    page: Page,
    id: i64,
    organisation: String,
    printed_on: String,
    actions: Vec<ActionView>,
}

/// The plan laid out for paper: every field of every action, no forms or buttons.
pub async fn print(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<PrintPage, AppError> {
    let loaded = super::access::load_plan(&ctx, &state, id).await?.loaded;
    let today = today();
    let actions = store::list(&state.db, id).await?.into_iter().map(|r| ActionView::new(r, today)).collect();
    Ok(PrintPage {
        page: ctx.page(format!("Action plan – {}", loaded.organisation.name)),
        id,
        organisation: loaded.organisation.name,
        printed_on: crate::web::format::date(today),
        actions,
    })
}
