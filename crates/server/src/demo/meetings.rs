//! The demo's assurance meetings of the Kestrel children's partnership: three
//! questions from children and young people; for the closed 2025 audit, finalised
//! meetings with Kestrel Vale Council and Kestrel Vale Hospitals (questions from the
//! panel, from children and young people and from learning from a review, with
//! answers and outcomes, an agreed action in the council's plan and a comment by its
//! lead); and for the 2027 audit one meeting scheduled with the hospitals trust.
//! Written through the meetings store, as a person's are, and audited the same way.

use time::{Date, Duration, OffsetDateTime};

use crate::accounts::store as account_queries;
use crate::action_plans::store::Fields;
use crate::assessments::store as assessment_store;
use crate::cycles::store::{self as cycle_store, CycleRow, Invitation};
use crate::db::Db;
use crate::meetings::agenda;
use crate::meetings::store::{self, MeetingRow, NewCypQuestion, NewMeeting, PanelMember, Recorded};
use osa_core::assessment::ActionStatus;
use osa_core::meeting::{MeetingState, Outcome, QuestionSource, draft_agenda};

const ADMIN: &str = "admin.kestrel@demo.example";
const PANEL: &str = "panel.kestrel@demo.example";
const COUNCIL: &str = "Kestrel Vale Council";
const COUNCIL_LEAD: &str = "lead.kestrel-vale-council@demo.example";
const HOSPITALS: &str = "Kestrel Vale Hospitals NHS Foundation Trust";

/// Questions from children and young people: (question, where raised, days before
/// the 2025 audit opened).
const CYP: &[(&str, &str, i64)] = &[
    ("If I tell someone at school that I am worried, what happens next?", "Kestrel Vale Youth Council", 40),
    ("Who can I talk to if a grown-up at my club makes me feel unsafe?", "Schools survey 2025", 25),
    (
        "Do doctors and nurses listen to children, or only to our parents?",
        "Takeover day at the Civic Centre",
        10,
    ),
];

async fn user(db: &Db, email: &str) -> anyhow::Result<(i64, String)> {
    let u = account_queries::user_by_email(db, email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo's {email} is missing"))?;
    Ok((u.id, u.display_name))
}

async fn cycle(db: &Db, kestrel: i64, name: &str) -> anyhow::Result<CycleRow> {
    cycle_store::of_partnership(db, kestrel)
        .await?
        .into_iter()
        .find(|c| c.name == name)
        .ok_or_else(|| anyhow::anyhow!("the demo's {name} is missing"))
}

async fn invitation(db: &Db, cycle: &CycleRow, organisation: &str) -> anyhow::Result<Invitation> {
    cycle_store::invitations(db, cycle.id)
        .await?
        .into_iter()
        .find(|i| i.organisation_name == organisation)
        .ok_or_else(|| anyhow::anyhow!("{organisation} is not invited to {}", cycle.name))
}

/// Schedules a meeting with the agenda osa drafts for it.
async fn schedule(
    db: &Db,
    kestrel: i64,
    admin: i64,
    cycle: &CycleRow,
    invited: &Invitation,
    held_on: Date,
    panel: &[PanelMember],
) -> anyhow::Result<MeetingRow> {
    let round = agenda::round_facts(db, cycle, kestrel).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let facts = agenda::facts(db, invited, &round).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let agenda = draft_agenda(&facts).join("\n");
    let mut tx = db.begin().await?;
    let new = NewMeeting {
        partnership: kestrel,
        cycle: cycle.id,
        organisation: invited.organisation_id,
        held_on,
        agenda: &agenda,
        panel,
    };
    let id = store::schedule(&mut tx, admin, &new).await?;
    tx.commit().await?;
    store::get(db, id).await?.ok_or_else(|| anyhow::anyhow!("the demo meeting {id} is missing"))
}

/// One question of a held meeting: where from, what, the answer and the outcome.
struct Asked<'a> {
    source: QuestionSource,
    cyp: Option<usize>,
    question: &'a str,
    answer: &'a str,
    outcome: Outcome,
}

/// Holds, records and finalises a scheduled meeting.
async fn hold(
    db: &Db,
    admin: i64,
    meeting: &MeetingRow,
    notes: &str,
    asked: &[Asked<'_>],
    cyp: &[i64],
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let mut recorded = Vec::new();
    for a in asked {
        let cyp_id = a.cyp.map(|i| cyp[i]);
        let id = store::add_question(&mut tx, admin, meeting.id, a.source, a.question, cyp_id).await?;
        recorded.push(Recorded { question: id, answer: a.answer.to_owned(), outcome: Some(a.outcome) });
    }
    store::advance(&mut tx, admin, meeting.id, MeetingState::Scheduled, MeetingState::Held).await?;
    store::record(&mut tx, admin, meeting.id, notes, &recorded).await?;
    tx.commit().await?;
    Ok(())
}

async fn finalise(db: &Db, admin: i64, meeting: i64) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    store::advance(&mut tx, admin, meeting, MeetingState::Held, MeetingState::Finalised).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes the demo's meetings; returns how many.
#[allow(clippy::too_many_lines, reason = "the demo story told in order, one step per block")]
pub async fn load(db: &Db, kestrel: i64) -> anyhow::Result<usize> {
    let (admin, admin_name) = user(db, ADMIN).await?;
    let (panel_id, panel_name) = user(db, PANEL).await?;
    let (council_lead, _) = user(db, COUNCIL_LEAD).await?;
    let last = cycle(db, kestrel, "Section 11 audit 2025").await?;
    let this_year = cycle(db, kestrel, "Section 11 audit 2027").await?;

    let mut tx = db.begin().await?;
    let mut cyp = Vec::new();
    for (question, source, days) in CYP {
        let q = NewCypQuestion {
            partnership: kestrel,
            question,
            source,
            raised_on: last.opens_on - Duration::days(*days),
        };
        cyp.push(store::add_cyp_question(&mut tx, admin, &q).await?);
    }
    tx.commit().await?;

    let panel = [
        PanelMember { user_id: Some(admin), name: admin_name, role: "Partnership admin".into() },
        PanelMember { user_id: Some(panel_id), name: panel_name, role: "Panel member".into() },
        PanelMember { user_id: None, name: "Dr Ann Lee".into(), role: "Independent scrutineer".into() },
        PanelMember { user_id: None, name: "Canon Peter Hale".into(), role: "Independent chair".into() },
    ];
    let held_on = last.due_on + Duration::days(45);

    let council = invitation(db, &last, COUNCIL).await?;
    let meeting = schedule(db, kestrel, admin, &last, &council, held_on, &panel).await?;
    let asked = [
        Asked {
            source: QuestionSource::Panel,
            cyp: None,
            question: "Your return says all social workers have had training on exploitation. How do you know it has changed their practice?",
            answer: "Supervision records now ask about exploitation risk, and a case audit in March found it considered in 18 of 20 files.",
            outcome: Outcome::PartlyAssured,
        },
        Asked {
            source: QuestionSource::ChildrenAndYoungPeople,
            cyp: Some(0),
            question: CYP[0].0,
            answer: "The designated safeguarding lead talks to the child the same day, and tells them who else will be told and why.",
            outcome: Outcome::Assured,
        },
        Asked {
            source: QuestionSource::ReviewLearning,
            cyp: None,
            question: "The review of Child R found that concerns were not shared at the weekend. What has changed?",
            answer: "The out-of-hours team now sends a same-day note to the named social worker. This has not been audited yet.",
            outcome: Outcome::NotAssured,
        },
    ];
    let notes = "The council's lead took the panel through its red and amber standards.\n\
                 The panel asked for evidence that weekend information sharing now works.";
    hold(db, admin, &meeting, notes, &asked, &cyp).await?;
    let assessment = assessment_store::start(
        db,
        council.organisation_id,
        &council.framework_key,
        council.framework_id,
        admin,
    )
    .await?;
    let fields = Fields {
        what: "Audit out-of-hours information sharing and report the findings to the partnership".into(),
        responsible_lead: "Head of children's social care".into(),
        target_date: Some(held_on + Duration::days(120)),
        expected_outcome: "Every weekend concern reaches the named social worker the same day".into(),
        impact_measure: "Share of weekend concerns shared the same day, from a sample of 30".into(),
        status: ActionStatus::InProgress,
    };
    let mut tx = db.begin().await?;
    store::agree_action(&mut tx, admin, &meeting, assessment, &fields).await?;
    tx.commit().await?;
    finalise(db, admin, meeting.id).await?;
    let mut tx = db.begin().await?;
    store::add_comment(
        &mut tx,
        council_lead,
        meeting.id,
        "The audit of weekend information sharing has started; we will report in the autumn.",
    )
    .await?;
    tx.commit().await?;

    let hospitals = invitation(db, &last, HOSPITALS).await?;
    let meeting =
        schedule(db, kestrel, admin, &last, &hospitals, held_on + Duration::days(7), &panel).await?;
    let asked = [
        Asked {
            source: QuestionSource::ChildrenAndYoungPeople,
            cyp: Some(2),
            question: CYP[2].0,
            answer: "Children over 12 are offered time alone with a nurse or doctor, and the play team helps younger children say what they think.",
            outcome: Outcome::PartlyAssured,
        },
        Asked {
            source: QuestionSource::Panel,
            cyp: None,
            question: "How do ward staff know whom to call out of hours?",
            answer: "The on-call safeguarding rota is on every ward's intranet page, and the switchboard holds it too.",
            outcome: Outcome::Assured,
        },
    ];
    hold(db, admin, &meeting, "The trust showed the panel its new ward induction pack.", &asked, &cyp)
        .await?;
    finalise(db, admin, meeting.id).await?;

    let today = OffsetDateTime::now_utc().date();
    let hospitals = invitation(db, &this_year, HOSPITALS).await?;
    schedule(db, kestrel, admin, &this_year, &hospitals, today + Duration::days(75), &panel[1..]).await?;
    Ok(3)
}
