//! The demo's practitioner survey: Kestrel's children's partnership has an open survey
//! in "Section 11 audit 2027" (the suggested questions for the children's framework),
//! and practitioners of a few organisations have answered: three of them often enough
//! for figures (one so much less positive than its own return that differences are
//! flagged), one below the five-response floor, so the results page shows each case.
//! Answers follow a fixed pattern, never a random generator, so every run is the same.
//! Each answering organisation was issued a few more response codes than were used,
//! and every answer spends one, through the same code as the survey page.

use time::{Duration, OffsetDateTime};

use crate::accounts::store as account_queries;
use crate::cycles::store as cycle_store;
use crate::db::Db;
use crate::frameworks::store as framework_store;
use crate::surveys::codes_store::{self, CodeUse};
use crate::surveys::store::{self, NewSurvey};
use osa_core::survey::{SurveyAnswer, default_questions};

/// (respondents, share of "yes" in tenths) for the organisations that answered, in
/// the order of the cycle's submitted returns on the main framework.
const RESPONDENTS: &[(usize, usize)] = &[(12, 9), (9, 3), (7, 6), (3, 8)];

/// Codes each of those organisations was issued but has not seen used yet.
const UNUSED_CODES: usize = 3;

pub async fn load(db: &Db, kestrel: i64) -> anyhow::Result<()> {
    let admin = account_queries::user_by_email(db, "admin.kestrel@demo.example")
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo's Kestrel admin is missing"))?
        .id;
    let cycle = cycle_store::of_partnership(db, kestrel)
        .await?
        .into_iter()
        .find(|c| c.name == "Section 11 audit 2027")
        .ok_or_else(|| anyhow::anyhow!("the demo's 2027 audit is missing"))?;
    let framework = framework_store::load(db, cycle.main_framework_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the 2027 audit's framework is missing"))?;
    let new = NewSurvey {
        cycle: cycle.id,
        title: "Practitioner survey 2027".into(),
        closes_on: Some(OffsetDateTime::now_utc().date() + Duration::days(45)),
        questions: default_questions(&framework.framework)
            .into_iter()
            .map(|q| (q.criterion, q.wording))
            .collect(),
    };
    let mut tx = db.begin().await?;
    let survey = store::create(&mut tx, admin, &new).await?;
    tx.commit().await?;
    let questions = store::questions(db, survey).await?;
    // Organisations whose self-ratings can be compared: a return on the main framework.
    let answered: Vec<i64> = cycle_store::invitations(db, cycle.id)
        .await?
        .into_iter()
        .filter(|i| i.return_id.is_some() && i.framework_key == framework.summary.key)
        .map(|i| i.organisation_id)
        .collect();
    let mut tx = db.begin().await?;
    for (organisation, (people, yes_in_ten)) in answered.iter().zip(RESPONDENTS) {
        let codes = codes_store::issue(&mut tx, survey, *organisation, people + UNUSED_CODES).await?;
        for (person, code) in codes.iter().take(*people).enumerate() {
            let answers: Vec<(i64, SurveyAnswer)> = questions
                .iter()
                .enumerate()
                .map(|(n, q)| (q.id, demo_answer(person, n, *yes_in_ten)))
                .collect();
            let used = codes_store::answer(&mut tx, survey, *organisation, code, &answers).await?;
            anyhow::ensure!(used == CodeUse::Counted, "a demo response code was refused");
        }
    }
    tx.commit().await?;
    Ok(())
}

/// One practitioner's answer to the `n`th question: "yes" for about `yes_in_ten`
/// tenths of people, otherwise "no" or "not sure" in turn.
fn demo_answer(person: usize, n: usize, yes_in_ten: usize) -> SurveyAnswer {
    let slot = (person * 7 + n * 3) % 10;
    if slot < yes_in_ten {
        SurveyAnswer::Yes
    } else if (person + n).is_multiple_of(2) {
        SurveyAnswer::No
    } else {
        SurveyAnswer::NotSure
    }
}
