//! Which local questions an organisation is asked with a framework: those of every
//! partnership whose area it serves, for that framework's key. Read whenever an
//! assessment is, so a question a partnership adds reaches its organisations at once
//! (`osa_core::framework::with_local_questions` places them).

use sea_query::{Expr, ExprTrait, Order, Query};

use crate::db::Db;
use crate::db::schema::{LocalQuestions, Partnerships};
use osa_core::framework::{AnswerType, Framework, LocalQuestion, with_local_questions};

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

/// The local questions of `partnerships` for the framework `key`, in the order each
/// partnership added them.
pub async fn local_questions(
    db: &Db,
    partnerships: &[i64],
    key: &str,
) -> Result<Vec<LocalQuestion>, sqlx::Error> {
    if partnerships.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> = db
        .fetch_all(
            &Query::select()
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
                .and_where(
                    Expr::col((LocalQuestions::Table, LocalQuestions::PartnershipId))
                        .is_in(partnerships.to_vec()),
                )
                .and_where(Expr::col((LocalQuestions::Table, LocalQuestions::FrameworkKey)).eq(key))
                .order_by((LocalQuestions::Table, LocalQuestions::PartnershipId), Order::Asc)
                .order_by((LocalQuestions::Table, LocalQuestions::Id), Order::Asc)
                .to_owned(),
        )
        .await?;
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

/// `framework` as the organisation serving `partnerships` is asked it.
pub async fn as_asked(
    db: &Db,
    framework: &Framework,
    partnerships: &[i64],
) -> Result<Framework, sqlx::Error> {
    let questions = local_questions(db, partnerships, &framework.key).await?;
    Ok(if questions.is_empty() { framework.clone() } else { with_local_questions(framework, &questions) })
}
