//! Which local questions an organisation is asked with a framework: one rule, in
//! [`asked_of`], that every page reading an assessment goes through. A partnership's
//! question is asked only while a cycle that asks it is open (not closed) and invites
//! the organisation to complete that framework. Closing the cycle, withdrawing the
//! invitation or taking the question out of the cycle stops asking it; the answers
//! already given are kept with the assessment. A return keeps the questions it was
//! asked in its snapshot, and is read with those ([`as_returned`]), so what a
//! submitted return asked never changes.
//! (`osa_core::framework::with_local_questions` places the questions.)

use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};

use crate::db::Db;
use crate::db::schema::{CycleLocalQuestions, Cycles, Invitations, LocalQuestions, Partnerships};
use osa_core::framework::{AnswerType, Framework, LocalQuestion, with_local_questions};
use osa_core::report::Snapshot;

#[derive(sqlx::FromRow)]
struct Row {
    partnership_id: i64,
    name: String,
    standard_code: Option<String>,
    local_standard_title: Option<String>,
    code: String,
    question: String,
    guidance: String,
    answer_type: String,
    not_applicable: bool,
    narrative_required: bool,
}

/// The local questions for framework `key`, in the order each partnership added them.
fn select(key: &str) -> SelectStatement {
    Query::select()
        .column((LocalQuestions::Table, LocalQuestions::PartnershipId))
        .column((Partnerships::Table, Partnerships::Name))
        .columns([
            (LocalQuestions::Table, LocalQuestions::StandardCode),
            (LocalQuestions::Table, LocalQuestions::LocalStandardTitle),
            (LocalQuestions::Table, LocalQuestions::Code),
            (LocalQuestions::Table, LocalQuestions::Question),
            (LocalQuestions::Table, LocalQuestions::Guidance),
            (LocalQuestions::Table, LocalQuestions::AnswerType),
            (LocalQuestions::Table, LocalQuestions::NotApplicable),
            (LocalQuestions::Table, LocalQuestions::NarrativeRequired),
        ])
        .from(LocalQuestions::Table)
        .inner_join(
            Partnerships::Table,
            Expr::col((Partnerships::Table, Partnerships::Id))
                .equals((LocalQuestions::Table, LocalQuestions::PartnershipId)),
        )
        .and_where(Expr::col((LocalQuestions::Table, LocalQuestions::FrameworkKey)).eq(key))
        .order_by((LocalQuestions::Table, LocalQuestions::PartnershipId), Order::Asc)
        .order_by((LocalQuestions::Table, LocalQuestions::Id), Order::Asc)
        .to_owned()
}

async fn fetch(db: &Db, stmt: &SelectStatement) -> Result<Vec<LocalQuestion>, sqlx::Error> {
    let rows: Vec<Row> = db.fetch_all(stmt).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(LocalQuestion {
                answer: AnswerType::from_code(&r.answer_type)?,
                partnership: r.partnership_id,
                partnership_name: r.name,
                standard: r.standard_code,
                own_section_title: r.local_standard_title,
                code: r.code,
                question: r.question,
                guidance: r.guidance,
                not_applicable: r.not_applicable,
                narrative_required: r.narrative_required,
            })
        })
        .collect())
}

/// The local questions `organisation` is asked with framework `key`: those of every
/// open cycle that invites it for that framework. The cycle form lets a cycle ask
/// only questions of the partnerships taking part in it.
pub async fn asked_of(db: &Db, organisation: i64, key: &str) -> Result<Vec<LocalQuestion>, sqlx::Error> {
    let asking = Query::select()
        .column((CycleLocalQuestions::Table, CycleLocalQuestions::LocalQuestionId))
        .from(CycleLocalQuestions::Table)
        .inner_join(
            Cycles::Table,
            Expr::col((Cycles::Table, Cycles::Id))
                .equals((CycleLocalQuestions::Table, CycleLocalQuestions::CycleId)),
        )
        .inner_join(
            Invitations::Table,
            Expr::col((Invitations::Table, Invitations::CycleId))
                .equals((CycleLocalQuestions::Table, CycleLocalQuestions::CycleId)),
        )
        .and_where(Expr::col((Cycles::Table, Cycles::ClosedAt)).is_null())
        .and_where(Expr::col((Invitations::Table, Invitations::OrganisationId)).eq(organisation))
        .and_where(Expr::col((Invitations::Table, Invitations::FrameworkKey)).eq(key))
        .to_owned();
    let stmt = select(key)
        .and_where(Expr::col((LocalQuestions::Table, LocalQuestions::Id)).in_subquery(asking))
        .to_owned();
    fetch(db, &stmt).await
}

/// `framework` as `organisation` is asked it now.
pub async fn as_asked(db: &Db, framework: &Framework, organisation: i64) -> Result<Framework, sqlx::Error> {
    let questions = asked_of(db, organisation, &framework.key).await?;
    Ok(if questions.is_empty() { framework.clone() } else { with_local_questions(framework, &questions) })
}

/// `framework` as the return with `snapshot` asked it: the local questions the
/// snapshot keeps. A return signed off before snapshots kept them is read as it was
/// asked then: with every question of the partnerships its organisation serves.
pub async fn as_returned(
    db: &Db,
    framework: &Framework,
    snapshot: &Snapshot,
    organisation: i64,
) -> Result<Framework, sqlx::Error> {
    let questions = match &snapshot.local_questions {
        Some(kept) => kept.clone(),
        None => {
            let areas = crate::organisations::store::area_ids(db, organisation).await?;
            if areas.is_empty() {
                Vec::new()
            } else {
                let stmt = select(&framework.key)
                    .and_where(Expr::col((LocalQuestions::Table, LocalQuestions::PartnershipId)).is_in(areas))
                    .to_owned();
                fetch(db, &stmt).await?
            }
        }
    };
    Ok(if questions.is_empty() { framework.clone() } else { with_local_questions(framework, &questions) })
}
