//! What partnerships have asked of an organisation: each open cycle's request for its
//! return, with the framework's name, the due date and where the return stands. The
//! self-assessments page lists them with a Start or Open each; the home page puts them
//! in front of the organisation's lead.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::store::AssessmentRow;
use crate::db::Db;
use crate::frameworks::store::Summary;

/// A cycle's request for this organisation's return, as the organisation sees it.
pub struct ReturnRequest {
    pub cycle: String,
    pub framework: String,
    pub due: String,
    pub state: osa_core::cycle::InvitationState,
    pub overdue: bool,
    /// The self-assessment that answers it, once started.
    pub assessment: Option<i64>,
    /// The framework version to start, for someone who may start it.
    pub start: Option<i64>,
}

/// The requests of the organisation's open cycles, in the cycles' order.
/// `assessments` are the organisation's, `versions` every framework version (for the
/// names), `can_edit` whether the reader may start a self-assessment.
pub async fn return_requests(
    db: &Db,
    organisation: i64,
    assessments: &[AssessmentRow],
    versions: &[Summary],
    can_edit: bool,
) -> Result<Vec<ReturnRequest>, sqlx::Error> {
    // The name of the framework version each invitation asks for, known before the
    // organisation has started it (never its raw key).
    let names: HashMap<i64, &str> = versions.iter().map(|v| (v.id, v.name.as_str())).collect();
    let today = OffsetDateTime::now_utc().date();
    Ok(crate::cycles::store::invitations_of_organisation(db, organisation)
        .await?
        .into_iter()
        .filter(|(cycle, _)| crate::cycles::access::is_open_for_changes(cycle))
        .map(|(cycle, invitation)| {
            let assessment =
                assessments.iter().find(|a| a.framework_key == invitation.framework_key).map(|a| a.id);
            ReturnRequest {
                framework: names
                    .get(&invitation.framework_id)
                    .map(|n| (*n).to_owned())
                    .unwrap_or_else(|| invitation.framework_key.clone()),
                due: crate::web::format::date(cycle.due_on),
                overdue: osa_core::cycle::is_overdue(invitation.state, cycle.due_on, today),
                state: invitation.state,
                cycle: cycle.name,
                assessment,
                start: (assessment.is_none() && can_edit).then_some(invitation.framework_id),
            }
        })
        .collect())
}
