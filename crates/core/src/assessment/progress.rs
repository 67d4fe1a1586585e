//! The task list: each standard's status and standing, and what blocks submission.
//!
//! Guarantees: only criteria that apply to the organisation's sector and duty are
//! counted, anywhere; an answer stored for a criterion that does not apply is ignored.
//! A standard has a standing only once it is completed, so a half-done standard never
//! shows a colour. [`missing_answers`] lists exactly the applicable criteria that are
//! not complete, in framework order, so "every standard completed" and "nothing
//! missing" always agree.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::answer::Answer;
use crate::framework::{Criterion, Framework, Standard, Standing, StandingRule, standing};
use crate::tenancy::{DutyStatus, Sector, coded_enum};

coded_enum! {
    /// Where a standard stands on the task list.
    TaskStatus {
        NotStarted => ("not_started", "Not started"),
        InProgress => ("in_progress", "In progress"),
        Completed => ("completed", "Completed"),
    }
}

/// Status and standing of one standard for one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandardProgress {
    pub status: TaskStatus,
    /// `None` until the standard is completed, and for a completed standard with no
    /// counted (rating or yes/no) criteria that apply.
    pub standing: Option<Standing>,
    /// Criteria that apply to the organisation.
    pub applicable: usize,
    /// Applicable criteria that are complete.
    pub complete: usize,
}

/// Status and standing of one standard for one organisation.
///
/// Only criteria that apply to the organisation's sector and duty count. The status is
/// completed when every applicable criterion is complete, not started when none is
/// started, and in progress otherwise; a standard where no criterion applies is
/// completed with no standing (there is nothing to do). The standing comes from the
/// counted ratings of the criteria through [`standing`], and only once completed.
pub fn standard_progress(
    rule: StandingRule,
    standard: &Standard,
    answers: &HashMap<String, Answer>,
    sector: Sector,
    duty: DutyStatus,
) -> StandardProgress {
    let mut applicable = 0;
    let mut complete = 0;
    let mut started = false;
    let mut ratings = Vec::new();
    for (criterion, answer) in applicable_answers(standard, answers, sector, duty) {
        applicable += 1;
        let Some(answer) = answer else { continue };
        started |= answer.is_started();
        if answer.is_complete(criterion) {
            complete += 1;
            ratings.extend(answer.counted_rating(criterion));
        }
    }
    let status = if complete == applicable {
        TaskStatus::Completed
    } else if started {
        TaskStatus::InProgress
    } else {
        TaskStatus::NotStarted
    };
    let standing = if status == TaskStatus::Completed { standing(rule, &ratings) } else { None };
    StandardProgress { status, standing, applicable, complete }
}

/// Why a criterion blocks submission: no main answer at all.
pub const REASON_NO_ANSWER: &str = "No answer";
/// Why a criterion blocks submission: answered, but narrative evidence is required.
pub const REASON_NARRATIVE: &str = "Narrative evidence is required";

/// One applicable criterion that is not complete: what blocks submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub standard_code: String,
    pub criterion_code: String,
    pub question: String,
    /// [`REASON_NO_ANSWER`] or [`REASON_NARRATIVE`].
    pub reason: &'static str,
}

/// Every applicable criterion that is not complete, in framework order.
pub fn missing_answers(
    framework: &Framework,
    answers: &HashMap<String, Answer>,
    sector: Sector,
    duty: DutyStatus,
) -> Vec<Missing> {
    let mut out = Vec::new();
    for standard in &framework.standards {
        for (criterion, answer) in applicable_answers(standard, answers, sector, duty) {
            let empty = Answer::default();
            let answer = answer.unwrap_or(&empty);
            if answer.is_complete(criterion) {
                continue;
            }
            let reason = if answer.has_main_answer(criterion) { REASON_NARRATIVE } else { REASON_NO_ANSWER };
            out.push(Missing {
                standard_code: standard.code.clone(),
                criterion_code: criterion.code.clone(),
                question: criterion.question.clone(),
                reason,
            });
        }
    }
    out
}

/// The criteria of a standard that apply to the organisation, in order, each with its
/// stored answer if there is one.
pub(super) fn applicable_answers<'a>(
    standard: &'a Standard,
    answers: &'a HashMap<String, Answer>,
    sector: Sector,
    duty: DutyStatus,
) -> impl Iterator<Item = (&'a Criterion, Option<&'a Answer>)> {
    standard
        .criteria
        .iter()
        .filter(move |c| c.applies_to(sector, duty))
        .map(move |c| (c, answers.get(&c.code)))
}
