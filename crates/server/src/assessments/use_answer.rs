//! "Use this answer": the standard page offers an answer the organisation gave to the
//! same need in another framework (see `offers`); choosing it copies that rating and
//! narrative into the criterion's fields, where the person checks and edits them before
//! saving. Nothing is saved by the copy itself, so an answer that fits the other
//! framework's wording never lands here unread, and everything else typed on the page
//! comes back as it was.

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::access;
use super::offers::{Offer, offers_for};
use super::standard::{Kept, applicable, standard_page};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Flash};
use crate::web::path::Path;
use osa_core::assessment::{RawAnswer, parse_answer};
use osa_core::framework::Criterion;

/// The field values a chosen offer puts on the page: the narrative always, the main
/// answer only when it is a valid answer to this criterion (a rating copies onto a
/// rating, never a yes/no onto a percentage, never "not applicable" where this criterion
/// does not allow it).
pub(crate) fn copied(criterion: &Criterion, offer: &Offer) -> (Option<String>, String) {
    let fits = offer.answer_type == criterion.answer
        && !offer.value.is_empty()
        && parse_answer(criterion, &RawAnswer { value: &offer.value, narrative: "", improvement_action: "" })
            .is_ok();
    (fits.then(|| offer.value.clone()), offer.narrative.clone())
}

pub async fn use_answer(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    // Only someone who may answer the standard is offered another answer to use.
    let standard = access::edit_standard(&ctx, &state, &loaded, &code).await?.standard;
    let can_edit = true;
    let mut posted: HashMap<String, String> = posted.into_iter().collect();
    let choice = posted.remove("use").unwrap_or_default();
    let mut parts = choice.splitn(3, '|');
    let (criterion_code, key, other) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let criterion = applicable(standard, loaded.profile).into_iter().find(|c| c.code == criterion_code);
    let offers = match criterion {
        Some(c) => offers_for(&state.db, &loaded.assessment, &[c.code.as_str()]).await?,
        None => HashMap::new(),
    };
    let offer = criterion
        .and_then(|c| offers.get(&c.code))
        .and_then(|list| list.iter().find(|o| o.framework_key == key && o.code == other));
    let notice = match (criterion, offer) {
        (Some(c), Some(offer)) => {
            let (value, narrative) = copied(c, offer);
            posted.insert(format!("narrative:{}", c.code), narrative);
            let from = format!("{} (criterion {})", offer.framework, offer.code);
            match value {
                Some(value) => {
                    posted.insert(format!("value:{}", c.code), value);
                    format!(
                        "The answer and narrative you gave in {from} are copied into {}. Check they fit this question, change anything that differs, then save the page.",
                        c.code
                    )
                }
                None => format!(
                    "The narrative you gave in {from} is copied into {}. Its answer was not copied because this question is answered differently here: choose an answer, then save the page.",
                    c.code
                ),
            }
        }
        _ => "That answer is no longer offered for this question, so nothing was copied.".to_owned(),
    };
    let kept = Kept {
        posted,
        notices: vec![
            Flash { kind: "important".into(), heading: notice },
            Flash { kind: "important".into(), heading: NOT_SAVED.into() },
        ],
        ..Kept::default()
    };
    let page = standard_page(&ctx, &state, &loaded, standard, can_edit, kept).await?;
    Ok(page.into_response())
}

const NOT_SAVED: &str = "Nothing on this page is saved yet. Save it with the button at the end of the page.";

#[cfg(test)]
mod tests {
    use super::*;
    use osa_core::framework::AnswerType;

    fn criterion(answer: AnswerType, not_applicable: bool) -> Criterion {
        Criterion {
            code: "1.1".into(),
            question: "Q".into(),
            guidance: String::new(),
            evidence: Vec::new(),
            answer,
            not_applicable,
            narrative_required: true,
            narrative_prompt: None,
            sectors: Vec::new(),
            duty: Vec::new(),
            maps_to: Vec::new(),
        }
    }

    fn offer(answer_type: AnswerType, value: &str) -> Offer {
        Offer {
            framework: "Joint".into(),
            framework_key: "s11-joint".into(),
            code: "2.1".into(),
            answer: String::new(),
            value: value.into(),
            answer_type,
            narrative: "We audit records every quarter.".into(),
        }
    }

    #[test]
    fn a_rating_copies_onto_a_rating_with_its_narrative() {
        let (value, narrative) =
            copied(&criterion(AnswerType::Rating, false), &offer(AnswerType::Rating, "met"));
        assert_eq!(value.as_deref(), Some("met"));
        assert_eq!(narrative, "We audit records every quarter.");
    }

    #[test]
    fn another_kind_of_answer_copies_only_the_narrative() {
        let (value, narrative) =
            copied(&criterion(AnswerType::Percentage, false), &offer(AnswerType::YesNo, "yes"));
        assert_eq!(value, None);
        assert_eq!(narrative, "We audit records every quarter.");
        // A number is not a percentage's answer type either, even when the value would parse.
        let (value, _) = copied(&criterion(AnswerType::Percentage, false), &offer(AnswerType::Number, "40"));
        assert_eq!(value, None);
    }

    #[test]
    fn not_applicable_is_not_copied_where_it_is_not_allowed() {
        let na = offer(AnswerType::Rating, "not_applicable");
        assert_eq!(copied(&criterion(AnswerType::Rating, false), &na).0, None);
        assert_eq!(copied(&criterion(AnswerType::Rating, true), &na).0.as_deref(), Some("not_applicable"));
    }

    #[test]
    fn a_blank_answer_copies_nothing_in_its_place() {
        assert_eq!(copied(&criterion(AnswerType::Rating, false), &offer(AnswerType::Rating, "")).0, None);
    }
}
