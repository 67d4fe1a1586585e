//! Who reads which library, and what a library's resources may be linked to.

use sea_query::{Expr, ExprTrait, Query};

use crate::db::Db;
use crate::db::schema::OrganisationAreas;
use crate::frameworks::store as framework_store;
use crate::partnerships::store::Partnership;
use osa_core::access::Principal;
use osa_core::framework::{Audience, Framework};
use osa_core::signposting::audiences_for;

/// The partnerships served by the organisations the person belongs to: whose
/// libraries they may read as an organisation's member.
pub async fn served_partnerships(db: &Db, principal: &Principal) -> Result<Vec<i64>, sqlx::Error> {
    let mut organisations: Vec<i64> = principal.org_roles.iter().map(|(o, _)| *o).collect();
    organisations.sort_unstable();
    organisations.dedup();
    if organisations.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64,)> = db
        .fetch_all(
            &Query::select()
                .distinct()
                .column(OrganisationAreas::PartnershipId)
                .from(OrganisationAreas::Table)
                .and_where(Expr::col(OrganisationAreas::OrganisationId).is_in(organisations))
                .to_owned(),
        )
        .await?;
    Ok(rows.into_iter().map(|(p,)| p).collect())
}

/// The frameworks a partnership links its resources to: the newest published version
/// of each framework written for the people it safeguards, and of each it owns. The
/// partnership's own self-assessment is left out: organisations do not answer it.
pub async fn linkable_frameworks(db: &Db, partnership: &Partnership) -> anyhow::Result<Vec<Framework>> {
    let audiences = audiences_for(partnership.kind);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for summary in framework_store::list(db).await? {
        if !summary.is_published() || !seen.insert(summary.key.clone()) {
            continue;
        }
        let Some(audience) = Audience::from_code(&summary.audience) else { continue };
        let owned = summary.owner_partnership_id == Some(partnership.id);
        if audience == Audience::Partnership || !(audiences.contains(&audience) || owned) {
            continue;
        }
        if let Some(stored) = framework_store::load(db, summary.id).await? {
            out.push(stored.framework);
        }
    }
    Ok(out)
}
