//! Returns made without the browser: an assessment started, signed off and submitted
//! through `assessments::record`, the same writes a person's sign-off and submission
//! make. For tests that need many returns with chosen answers.

use std::collections::HashMap;

use osa_core::assessment::Answer;
use osa_core::framework::Framework;
use osa_core::tenancy::{DutyStatus, Sector};
use osa_server::assessments::record::{self, SignOff, Submitted};
use osa_server::db::Db;

/// One organisation's return on one framework, as it is to be signed off.
pub struct DirectReturn<'a> {
    pub organisation: i64,
    pub framework_id: i64,
    pub framework_key: &'a str,
    pub framework: &'a Framework,
    pub answers: &'a HashMap<String, Answer>,
    pub sector: Sector,
    pub duty: DutyStatus,
    /// Who starts, signs off and submits it.
    pub by: i64,
    /// The partnerships it is submitted to.
    pub to: &'a [i64],
}

/// Starts the assessment, signs it off and submits it in one transaction; what the
/// submission answered (`None` when it was refused).
pub async fn sign_off_and_submit(db: &Db, r: &DirectReturn<'_>) -> Option<Submitted> {
    let assessment =
        osa_server::assessments::store::start(db, r.organisation, r.framework_key, r.framework_id, r.by)
            .await
            .unwrap();
    let now = time::OffsetDateTime::now_utc();
    let mut tx = db.begin().await.unwrap();
    let sign_off = SignOff {
        assessment,
        framework_id: r.framework_id,
        framework: r.framework,
        local_questions: &[],
        answers: r.answers,
        evidence: serde_json::json!({}),
        sector: r.sector,
        duty: r.duty,
        by: r.by,
        at: now,
        same_person: false,
    };
    let return_id = record::sign_off(&mut tx, &sign_off).await.unwrap();
    let sent =
        record::submit(&mut tx, return_id, r.organisation, r.framework_key, r.to, r.by, now).await.unwrap();
    tx.commit().await.unwrap();
    sent
}
