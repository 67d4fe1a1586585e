//! The demo's returns: most organisations of the Kestrel area have answered their
//! framework, been signed off and submitted, so the dashboards, challenges, narrative
//! search and survey comparison have a believable area to show. Answers are made up
//! but steady: each organisation has a character (strong, mixed or stretched) and a
//! criterion's answer follows from it and the criterion's place, never from a random
//! generator, so every demo run shows the same figures.
//!
//! Returns are written through `assessments::record`, the same writes a person's
//! sign-off and submission make.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use sea_query::{Expr, ExprTrait, Query};
use time::OffsetDateTime;

use super::narratives::{self, Asked};
use crate::assessments::record::{self, SignOff};
use crate::assessments::store::{self as assessment_store, Change};
use crate::db::Db;
use crate::db::schema::OrgMemberships;
use crate::frameworks::store as framework_store;
use crate::organisations::store as org_queries;
use osa_core::assessment::Answer;
use osa_core::framework::{AnswerType, Criterion, Framework, Rating};
use osa_core::tenancy::{DutyStatus, OrgRole, Sector};

/// Organisations whose journeys the browser tests walk from the start: they keep an
/// assessment nobody has begun.
const LEFT_FOR_THE_TESTS: &[&str] = &["Kestrel Vale and Marsham Police"];

/// How an organisation's safeguarding stands, which steers every answer it gives.
#[derive(Clone, Copy)]
enum Character {
    Strong,
    Mixed,
    Stretched,
}

impl Character {
    fn of(organisation: i64) -> Character {
        match organisation % 3 {
            0 => Character::Strong,
            1 => Character::Mixed,
            _ => Character::Stretched,
        }
    }

    /// How the `n`th standard turns out (its worst rating); `earlier` is a return
    /// from the cycle before, when the organisation was a little weaker.
    fn standard_outcome(self, n: usize, organisation: i64, earlier: bool) -> Rating {
        let slot = (n * 7 + organisation as usize * 3 + if earlier { 4 } else { 0 }) % 10;
        let (met, partly) = match (self, earlier) {
            (Character::Strong, false) => (7, 9),
            (Character::Strong, true) => (5, 9),
            (Character::Mixed, false) => (4, 8),
            (Character::Mixed, true) => (3, 7),
            (Character::Stretched, false) => (2, 6),
            (Character::Stretched, true) => (1, 5),
        };
        if slot < met {
            Rating::Met
        } else if slot < partly {
            Rating::PartiallyMet
        } else {
            Rating::NotMet
        }
    }

    fn percentage(self, n: usize, earlier: bool) -> f64 {
        let base = match self {
            Character::Strong => 88.0,
            Character::Mixed => 76.0,
            Character::Stretched => 58.0,
        };
        let spread = ((n * 13) % 11) as f64;
        (base + spread - if earlier { 9.0 } else { 0.0 }).min(100.0)
    }
}

fn answer_for(
    criterion: &Criterion,
    asked: &Asked,
    rating: Rating,
    character: Character,
    sector: Sector,
    n: usize,
    earlier: bool,
) -> Answer {
    let mut answer = Answer::default();
    match criterion.answer {
        AnswerType::Rating => answer.rating = Some(rating),
        AnswerType::YesNo => answer.yes_no = Some(rating == Rating::Met),
        AnswerType::Percentage => answer.number = Some(character.percentage(n, earlier).round()),
        AnswerType::Number => answer.number = Some(((n * 5) % 17 + 1) as f64),
        AnswerType::Text => answer.text = Some(narratives::text_answer(asked.audience, sector)),
    }
    answer.narrative = narratives::narrative(asked, rating, sector, n);
    if rating != Rating::Met && criterion.answer.is_counted() {
        answer.improvement_action =
            "Agree an improvement plan with the safeguarding lead and report progress to the board."
                .to_owned();
    }
    answer
}

/// The answers an organisation of this profile gives to every criterion that applies.
/// A standard's outcome falls on its first criteria (a not met standard also has one
/// partly met); the rest are met, so standings spread the way real returns do.
fn answers_for(
    framework: &Framework,
    organisation: i64,
    sector: Sector,
    duty: DutyStatus,
    earlier: bool,
) -> HashMap<String, Answer> {
    let character = Character::of(organisation);
    let mut answers = HashMap::new();
    let mut n = organisation as usize;
    for (s, standard) in framework.standards.iter().enumerate() {
        let outcome = character.standard_outcome(s, organisation, earlier);
        let applicable = standard.criteria.iter().filter(|c| c.applies_to(sector, duty));
        for (i, criterion) in applicable.enumerate() {
            let rating = match (outcome, i) {
                (Rating::NotMet, 0) => Rating::NotMet,
                (Rating::NotMet, 1) | (Rating::PartiallyMet, 0) => Rating::PartiallyMet,
                _ => Rating::Met,
            };
            n += 1;
            let asked = Asked {
                standard_title: &standard.title,
                question: &criterion.question,
                audience: framework.audience,
            };
            let answer = answer_for(criterion, &asked, rating, character, sector, n, earlier);
            answers.insert(criterion.code.clone(), answer);
        }
    }
    answers
}

/// The people who sign off and submit for an organisation: its senior sign-off and
/// its lead, falling back on each other. `None` when nobody works there in the demo.
async fn signatories(db: &Db, organisation: i64) -> anyhow::Result<Option<(i64, i64)>> {
    let people: Vec<(i64, String)> = db
        .fetch_all(
            &Query::select()
                .columns([OrgMemberships::UserId, OrgMemberships::Role])
                .from(OrgMemberships::Table)
                .and_where(Expr::col(OrgMemberships::OrganisationId).eq(organisation))
                .to_owned(),
        )
        .await?;
    let with = |role: OrgRole| people.iter().find(|(_, r)| r == role.code()).map(|(u, _)| *u);
    let lead = with(OrgRole::SafeguardingLead);
    let sign_off = with(OrgRole::SeniorSignOff);
    Ok(match (sign_off.or(lead), lead.or(sign_off)) {
        (Some(s), Some(l)) => Some((s, l)),
        _ => None,
    })
}

/// One organisation's invitation in a cycle, as the demo needs it.
pub struct Invited {
    pub organisation: i64,
    pub framework_id: i64,
}

/// Answers, signs off and submits a return for each invited organisation that has
/// people (except those left for the tests and those named `outstanding`, so the
/// dashboard has someone to chase), dated `at`. Returns how many were submitted.
pub async fn submit_returns(
    db: &Db,
    invited: &[Invited],
    at: OffsetDateTime,
    earlier: bool,
    outstanding: &[&str],
) -> anyhow::Result<usize> {
    let mut frameworks: HashMap<i64, framework_store::Stored> = HashMap::new();
    let mut submitted = 0;
    for invitation in invited {
        let Some(organisation) = org_queries::get(db, invitation.organisation).await? else { continue };
        let name = organisation.name.as_str();
        if LEFT_FOR_THE_TESTS.contains(&name) || outstanding.contains(&name) {
            continue;
        }
        let Some((signs_off, submits)) = signatories(db, organisation.id).await? else { continue };
        if let Entry::Vacant(slot) = frameworks.entry(invitation.framework_id) {
            let loaded = framework_store::load(db, invitation.framework_id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("framework {} is missing", invitation.framework_id))?;
            slot.insert(loaded);
        }
        let loaded = &frameworks[&invitation.framework_id];
        let sector = organisation.sector;
        let duty = organisation.duty_status;
        let answers = answers_for(&loaded.framework, organisation.id, sector, duty, earlier);
        let assessment = match assessment_store::of_organisation(db, organisation.id)
            .await?
            .into_iter()
            .find(|a| a.framework_key == loaded.summary.key)
        {
            Some(a) => a,
            None => {
                let id = assessment_store::start(
                    db,
                    organisation.id,
                    &loaded.summary.key,
                    invitation.framework_id,
                    submits,
                )
                .await?;
                assessment_store::get(db, id)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("assessment {id} vanished"))?
            }
        };
        let saved = assessment_store::answers(db, assessment.id).await?;
        let changes = answers
            .iter()
            .map(|(code, answer)| Change {
                code: code.clone(),
                answer: answer.clone(),
                based_on: saved.get(code).map(|s| s.version).unwrap_or(0),
            })
            .collect();
        let standards: Vec<_> = loaded.framework.standards.iter().collect();
        let asked = crate::assessments::access::load_row(db, assessment.clone())
            .await
            .map_err(|e| anyhow::anyhow!("loading assessment {}: {e}", assessment.id))?
            .ok_or_else(|| anyhow::anyhow!("assessment {} vanished", assessment.id))?;
        let permit = crate::assessments::access::seeding_permit(&asked, submits);
        let mut tx = db.begin().await?;
        assessment_store::save_answers(&mut tx, permit, &standards, changes).await?;
        let return_id = record::sign_off(
            &mut tx,
            &SignOff {
                assessment: assessment.id,
                framework_id: invitation.framework_id,
                framework: &loaded.framework,
                local_questions: &[],
                answers: &answers,
                evidence: serde_json::json!({}),
                sector,
                duty,
                by: signs_off,
                at,
                same_person: false,
            },
        )
        .await?;
        // Sent where a lead keeping the submit page's defaults would send it.
        let areas =
            crate::assessments::submit::default_areas(db, organisation.id, loaded.framework.audience).await?;
        record::submit(&mut tx, return_id, organisation.id, &loaded.summary.key, &areas, submits, at).await?;
        tx.commit().await?;
        submitted += 1;
    }
    Ok(submitted)
}
