//! A survey's results for the partnership: per question and organisation, how many
//! practitioners answered and the share who said yes, beside the organisation's
//! self-rating of the linked criterion in the return it submitted to the cycle, with
//! large differences flagged. The rule and the five-response floor are
//! `osa_core::analytics::survey_comparison`; this file reads, joins and renders.

use osa_core::spreadsheet::csv_text;
use std::collections::HashMap;
use time::OffsetDateTime;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::access;
use super::store::{self, QuestionRow, SurveyRow};
use crate::cycles::store as cycle_store;
use crate::cycles::visible::Reader;
use crate::exports::heading::Heading;
use crate::frameworks::store as framework_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::analytics::{
    Difference, MIN_SURVEY_RESPONSES, PractitionerView, SelfRating, SurveyTally, survey_comparison,
};
use osa_core::framework::Rating;
use osa_core::report::parse_snapshot;
use osa_core::survey::{AnswerCounts, SurveyAnswer, self_rating, tally};

pub struct ResultRow {
    pub organisation_id: i64,
    pub organisation: String,
    pub practitioners: PractitionerView,
    pub self_rating: Option<Rating>,
    pub flag: Option<Difference>,
}

impl ResultRow {
    pub fn responses(&self) -> String {
        match self.practitioners {
            PractitionerView::Positive { responses, .. } => responses.to_string(),
            PractitionerView::TooFewResponses => PractitionerView::TOO_FEW_MESSAGE.to_owned(),
        }
    }

    pub fn positive(&self) -> String {
        match self.practitioners {
            PractitionerView::Positive { positive, percent, .. } => format!("{percent}% ({positive})"),
            PractitionerView::TooFewResponses => String::new(),
        }
    }

    pub fn self_rating_label(&self) -> &'static str {
        self.self_rating.map(Rating::label).unwrap_or("No rating in a submitted return")
    }
}

pub struct QuestionResults {
    pub question: QuestionRow,
    pub rows: Vec<ResultRow>,
    pub flagged: usize,
}

/// Every question's rows, organisations by name (an assurance meeting's agenda
/// reads one organisation's flagged rows). Self-ratings come from the returns
/// `reader` may read only: an organisation whose return went to other partnerships
/// keeps its row (its practitioners answered this survey) with no self-rating beside it.
pub(crate) async fn compute(
    db: &crate::db::Db,
    survey: &SurveyRow,
    main_framework: i64,
    reader: &Reader,
) -> Result<Vec<QuestionResults>, AppError> {
    let questions = store::questions(db, survey.id).await?;
    let invited = cycle_store::invitations(db, survey.cycle_id).await?;
    let key = framework_store::summary(db, main_framework).await?.ok_or(AppError::NotFound)?.key;
    // Self-ratings come only from returns on the cycle's main framework, whose
    // criteria the questions are linked to.
    let mut snapshots = Vec::new();
    for (organisation, json) in store::submitted_snapshots(db, reader, &key).await? {
        let snapshot = parse_snapshot(&json).map_err(|e| AppError::Internal(e.into()))?;
        snapshots.push((organisation, snapshot));
    }
    let mut counts: HashMap<(i64, i64), AnswerCounts> = HashMap::new();
    for (organisation, question, answer, n) in store::counts(db, survey.id).await? {
        if let Some(answer) = SurveyAnswer::from_code(&answer) {
            counts.entry((organisation, question)).or_default().add(answer, usize::try_from(n).unwrap_or(0));
        }
    }
    let names: HashMap<i64, &str> =
        invited.iter().map(|i| (i.organisation_id, i.organisation_name.as_str())).collect();
    let mut out = Vec::with_capacity(questions.len());
    for question in questions {
        let criterion = question.criterion_code.as_str();
        let tallies: Vec<SurveyTally> = invited
            .iter()
            .map(|i| {
                let c = counts.get(&(i.organisation_id, question.id)).copied().unwrap_or_default();
                tally(i.organisation_id, criterion, c)
            })
            .collect();
        let ratings: Vec<SelfRating> = snapshots
            .iter()
            .filter_map(|(organisation, s)| {
                let rating = self_rating(s.answers.get(criterion)?)?;
                Some(SelfRating { organisation: *organisation, criterion: criterion.to_owned(), rating })
            })
            .collect();
        let mut rows: Vec<ResultRow> = survey_comparison(&ratings, &tallies)
            .into_iter()
            .filter_map(|c| {
                Some(ResultRow {
                    organisation_id: c.organisation,
                    organisation: (*names.get(&c.organisation)?).to_owned(),
                    practitioners: c.practitioners,
                    self_rating: c.self_rating,
                    flag: c.flag,
                })
            })
            .collect();
        rows.sort_by(|a, b| a.organisation.cmp(&b.organisation));
        let flagged = rows.iter().filter(|r| r.flag.is_some()).count();
        out.push(QuestionResults { question, rows, flagged });
    }
    Ok(out)
}

#[derive(Template, WebTemplate)]
#[template(path = "surveys/results.html")]
pub struct ResultsPage {
    page: Page,
    survey: SurveyRow,
    cycle_name: String,
    results: Vec<QuestionResults>,
    min_responses: usize,
    /// Response codes over every organisation: how many were issued, and how many used
    /// (as the five-response floor allows).
    codes_issued: i64,
    codes_used: String,
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ResultsPage, AppError> {
    let (survey, loaded) = access::load(&ctx, &state, id, false).await?;
    let results = compute(&state.db, &survey, loaded.cycle.main_framework_id, &loaded.reader).await?;
    let codes = super::codes_store::counts(&state.db, id).await?;
    Ok(ResultsPage {
        codes_issued: codes.iter().map(|(_, issued, _)| issued).sum(),
        codes_used: super::codes::used_text(codes.iter().map(|(_, _, used)| used).sum()),
        page: ctx.page(format!("Results – {}", survey.title)),
        survey,
        cycle_name: loaded.cycle.name,
        results,
        min_responses: MIN_SURVEY_RESPONSES,
    })
}

/// GET `/surveys/{id}/results.csv`: the same rows, one per question and organisation,
/// with the same figures hidden.
pub async fn csv(ctx: Ctx, State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (survey, loaded) = access::load(&ctx, &state, id, false).await?;
    let results = compute(&state.db, &survey, loaded.cycle.main_framework_id, &loaded.reader).await?;
    let heading = Heading::new("Practitioner survey results", OffsetDateTime::now_utc())
        .about("Survey", &survey.title)
        .about("Cycle", &loaded.cycle.name)
        .filters(&[]);
    let mut out = csv::Writer::from_writer(heading.csv_start().map_err(anyhow::Error::from)?);
    let mut write = |row: Vec<String>| {
        out.write_record(row.iter().map(|cell| csv_text(cell))).map_err(anyhow::Error::from)
    };
    write(
        [
            "Question number",
            "Question",
            "Criterion",
            "Organisation",
            "Responses",
            "Answered yes",
            "Answered yes %",
            "Self-rating",
            "Large difference",
        ]
        .map(String::from)
        .to_vec(),
    )?;
    for q in &results {
        for r in &q.rows {
            let (responses, positive, percent) = match r.practitioners {
                PractitionerView::Positive { responses, positive, percent } => {
                    (responses.to_string(), positive.to_string(), percent.to_string())
                }
                PractitionerView::TooFewResponses => {
                    (PractitionerView::TOO_FEW_MESSAGE.to_owned(), String::new(), String::new())
                }
            };
            write(vec![
                q.question.position.to_string(),
                q.question.wording.clone(),
                q.question.criterion_code.clone(),
                r.organisation.clone(),
                responses,
                positive,
                percent,
                r.self_rating_label().to_owned(),
                r.flag.map(Difference::label).unwrap_or("").to_owned(),
            ])?;
        }
    }
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"survey-{id}-results.csv\"")),
        ],
        bytes,
    )
        .into_response())
}
