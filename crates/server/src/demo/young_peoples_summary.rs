//! The demo's child-friendly summaries of the Kestrel children's partnership: the
//! closed 2025 audit's, rewritten by its admin in warm, plain words that answer the
//! questions children and young people asked, and published; and the 2027 audit's,
//! left as osa's first draft. Made through the summary's own store, checked by the
//! same rules as the edit form, and audited the same way.

use time::{Duration, OffsetDateTime};

use crate::accounts::store as account_queries;
use crate::cycles::store::{self as cycle_store, CycleRow};
use crate::db::Db;
use crate::young_peoples_summary::sources::{self, Sources};
use crate::young_peoples_summary::store;
use osa_core::young_peoples_summary::{Summary, slug, validate};

/// The admin's words for each question from children and young people, matched by
/// the start of the question (the demo's meetings ask them).
const ANSWERS: &[(&str, &str)] = &[
    (
        "If I tell someone at school",
        "Schools told us that the person you tell will listen to you the same day.\n\
         They will tell you who else needs to know, and why.\n\
         You will not be left wondering what happens next.",
    ),
    (
        "Who can I talk to if a grown-up at my club",
        "Every club should have a person in charge of keeping children safe. Their name should be on the wall or the club's website.\n\
         If you cannot find them, tell a teacher, a parent or carer, or call Childline.\n\
         We are checking that every sports club and youth group has someone you can go to.",
    ),
    (
        "Do doctors and nurses listen to children",
        "The hospital told us two things. Children aged 12 and over can ask to see a nurse or doctor on their own.\n\
         Younger children can get help from the play team to say what they think.\n\
         We will keep asking doctors and nurses how they listen to children.",
    ),
];

/// The admin's words for each partnership action of 2025, matched by its title's start.
const CHANGES: &[(&str, &str, &str)] = &[
    (
        "Agree a multi-agency neglect strategy",
        "Noticing sooner when children need more care at home",
        "Sometimes children do not get the care they need at home.\n\
         Everyone who works with children will now use the same way of checking.\n\
         This helps them notice sooner and help sooner.",
    ),
    (
        "Offer online safety training",
        "Helping clubs and groups keep you safe online",
        "We offered training about staying safe online to clubs, groups and charities.\n\
         Lots of them came along. Now more grown-ups know how to help if something online worries you.",
    ),
    (
        "Make the escalation policy known",
        "Making sure worries about children are not forgotten",
        "If a grown-up is worried about a child and nothing happens, they should tell someone more senior.\n\
         We are making sure every organisation knows how to do this.",
    ),
];

async fn cycle(db: &Db, kestrel: i64, name: &str) -> anyhow::Result<CycleRow> {
    cycle_store::of_partnership(db, kestrel)
        .await?
        .into_iter()
        .find(|c| c.name == name)
        .ok_or_else(|| anyhow::anyhow!("the demo's {name} is missing"))
}

async fn sources_of(db: &Db, cycle: &CycleRow, kestrel: i64, name: &str) -> anyhow::Result<Sources> {
    let members: Vec<i64> =
        cycle_store::partnerships(db, cycle.id).await?.into_iter().map(|(p, _)| p).collect();
    sources::read(db, cycle, (kestrel, name), &members, OffsetDateTime::now_utc().date()).await
}

/// The 2025 summary as the admin rewrote it: osa's counts kept, every question of the
/// partnership answered in plain words, and the three actions of that audit.
fn rewritten(first: Summary, from: &Sources) -> anyhow::Result<Summary> {
    let mut s = first;
    s.title = "Keeping children safe in Kestrel Vale: what we found out in 2025".into();
    s.intro = "We are the Kestrel Vale Safeguarding Children Partnership.\n\
               We are the council, the police, the health service and lots of other groups, working together.\n\
               Our job is to help keep children and young people safe where you live.\n\
               Thank you to everyone on the Youth Council who asked us questions."
        .into();
    s.told.push_str("\nMany of them are doing good work to keep you safe. Some of them have things to get better at, and we are helping them.");
    s.questions = from
        .questions
        .iter()
        .filter_map(|a| {
            let (_, words) = ANSWERS.iter().find(|(start, _)| a.question.question.starts_with(start))?;
            Some(osa_core::young_peoples_summary::QuestionPart {
                question_id: a.question.id,
                question: a.question.question.clone(),
                answer: (*words).to_owned(),
            })
        })
        .collect();
    s.changes = from
        .actions
        .iter()
        .filter_map(|a| {
            let (_, what, words) = CHANGES.iter().find(|(start, _, _)| a.title.starts_with(start))?;
            Some(osa_core::young_peoples_summary::ChangePart {
                action_id: a.id,
                what: (*what).to_owned(),
                words: (*words).to_owned(),
            })
        })
        .collect();
    validate(&s).map_err(|errors| anyhow::anyhow!("the demo's summary breaks its rules: {errors:?}"))
}

pub async fn load(db: &Db, kestrel: i64) -> anyhow::Result<()> {
    let admin = account_queries::user_by_email(db, "admin.kestrel@demo.example")
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo has no Kestrel admin"))?
        .id;
    let name = crate::partnerships::store::get(db, kestrel)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo's Kestrel partnership is missing"))?
        .name;

    let last = cycle(db, kestrel, "Section 11 audit 2025").await?;
    let from = sources_of(db, &last, kestrel, &name).await?;
    let first = from.first_draft(&last);
    // Written a few weeks after the audit closed, published a few days later.
    let started = (last.due_on.midnight().assume_utc() + Duration::days(70) + Duration::hours(10))
        .min(OffsetDateTime::now_utc());
    store::create(db, admin, last.id, kestrel, &slug(&name, &last.name), &first, started).await?;
    let row =
        store::of_cycle(db, last.id).await?.ok_or_else(|| anyhow::anyhow!("the 2025 summary vanished"))?;
    store::save_draft(db, admin, &row, &rewritten(first, &from)?, started + Duration::days(2)).await?;
    let row =
        store::of_cycle(db, last.id).await?.ok_or_else(|| anyhow::anyhow!("the 2025 summary vanished"))?;
    if !store::publish(db, admin, &row, started + Duration::days(5)).await? {
        anyhow::bail!("the demo's 2025 summary was not published");
    }

    let this_year = cycle(db, kestrel, "Section 11 audit 2027").await?;
    let draft = sources_of(db, &this_year, kestrel, &name).await?.first_draft(&this_year);
    let at = OffsetDateTime::now_utc() - Duration::days(2);
    store::create(db, admin, this_year.id, kestrel, &slug(&name, &this_year.name), &draft, at).await?;
    Ok(())
}
