//! Answers given once, offered again: when a criterion answers the same need as a
//! criterion of another framework (a mapping, declared in either framework), and the
//! organisation has answered that one in its assessment against the other framework,
//! the standard page shows that answer beside the question so it need not be worked
//! out twice.

use std::collections::HashMap;

use sea_query::{Expr, ExprTrait, Query};

use super::form::{describe, value_text};
use super::store;
use crate::db::Db;
use crate::db::schema::CriterionMappings;
use crate::frameworks::store as framework_store;

/// An answer from another framework offered for a criterion.
pub struct Offer {
    pub framework: String,
    /// The other framework's key: with `code`, names the offer in "use this answer".
    pub framework_key: String,
    pub code: String,
    pub answer: String,
    /// The answer as the form field holds it, copied by "use this answer".
    pub value: String,
    /// How the other criterion is answered: a rating copies only onto a rating.
    pub answer_type: osa_core::framework::AnswerType,
    pub narrative: String,
}

impl Offer {
    /// What the "use this answer" button sends: this criterion, the other framework and
    /// its criterion.
    pub fn choice(&self, criterion: &str) -> String {
        format!("{criterion}|{}|{}", self.framework_key, self.code)
    }
}

/// Pairs (this framework's criterion code, other framework key, other criterion code).
async fn mapped(db: &Db, framework_id: i64, key: &str) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let outgoing: Vec<(String, String, String)> = db
        .fetch_all(
            &Query::select()
                .columns([
                    CriterionMappings::CriterionCode,
                    CriterionMappings::TargetKey,
                    CriterionMappings::TargetCode,
                ])
                .from(CriterionMappings::Table)
                .and_where(Expr::col(CriterionMappings::FrameworkId).eq(framework_id))
                .to_owned(),
        )
        .await?;
    let incoming: Vec<(String, i64, String)> = db
        .fetch_all(
            &Query::select()
                .columns([
                    CriterionMappings::TargetCode,
                    CriterionMappings::FrameworkId,
                    CriterionMappings::CriterionCode,
                ])
                .from(CriterionMappings::Table)
                .and_where(Expr::col(CriterionMappings::TargetKey).eq(key))
                .to_owned(),
        )
        .await?;
    let versions = framework_store::list(db).await?;
    let mut out = outgoing;
    for (mine, other_framework, other_code) in incoming {
        if let Some(v) = versions.iter().find(|v| v.id == other_framework) {
            out.push((mine, v.key.clone(), other_code));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Offers for the given criteria of one assessment, by criterion code.
pub async fn offers_for(
    db: &Db,
    assessment: &store::AssessmentRow,
    codes: &[&str],
) -> anyhow::Result<HashMap<String, Vec<Offer>>> {
    let pairs: Vec<_> = mapped(db, assessment.framework_id, &assessment.framework_key)
        .await?
        .into_iter()
        .filter(|(c, _, _)| codes.contains(&c.as_str()))
        .collect();
    let mut out: HashMap<String, Vec<Offer>> = HashMap::new();
    if pairs.is_empty() {
        return Ok(out);
    }
    for other in store::of_organisation(db, assessment.organisation_id).await? {
        if other.id == assessment.id || !pairs.iter().any(|(_, k, _)| *k == other.framework_key) {
            continue;
        }
        let Some(stored) = framework_store::load(db, other.framework_id).await? else { continue };
        let answers = store::answers(db, other.id).await?;
        for (mine, _, theirs) in pairs.iter().filter(|(_, k, _)| *k == other.framework_key) {
            let (Some(saved), Some((_, criterion))) = (answers.get(theirs), stored.framework.find(theirs))
            else {
                continue;
            };
            if !saved.answer.is_started() {
                continue;
            }
            out.entry(mine.clone()).or_default().push(Offer {
                framework: stored.framework.name.clone(),
                framework_key: other.framework_key.clone(),
                code: theirs.clone(),
                answer: describe(criterion, &saved.answer),
                value: value_text(&saved.answer),
                answer_type: criterion.answer,
                narrative: saved.answer.narrative.clone(),
            });
        }
    }
    Ok(out)
}
