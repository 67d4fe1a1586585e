//! `osa demo`: a fresh database holding a fictional region (see [`region`]), so a new
//! user can try every role at once. All demo accounts share one password, chosen with
//! `OSA_DEMO_PASSWORD`; its hash is computed once, because hashing is slow on purpose.

mod board_reports;
mod challenges;
mod cycles;
mod meetings;
mod narratives;
mod partnership_actions;
mod plan_updates;
pub mod region;
pub mod resources;
mod returns;
pub mod scale;
mod surveys;
mod themes;
mod young_peoples_summary;

use std::collections::HashMap;

use sea_query::Query;

use crate::accounts::{password, store as account_queries};
use crate::db::Db;
use crate::db::schema::Users;
use crate::organisations::store::{self as org_queries, NewOrganisation};
use crate::partnerships::store::{self as partnership_queries, NewPartnership};

/// Removes an existing SQLite demo file so the demo starts fresh. A PostgreSQL
/// database is never dropped here: [`load`] refuses one that already holds people.
pub async fn prepare_fresh_database(url: &str) -> anyhow::Result<()> {
    let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        return Ok(());
    };
    let path = path.split('?').next().unwrap_or(path);
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{path}{suffix}");
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => anyhow::bail!("cannot remove the old demo database {file}: {err}"),
        }
    }
    Ok(())
}

#[allow(clippy::too_many_lines, reason = "the demo story told in order, one step per block")]
pub async fn load(db: &Db, demo_password: &str) -> anyhow::Result<String> {
    let existing: Vec<(i64,)> =
        db.fetch_all(&Query::select().column(Users::Id).from(Users::Table).limit(1).to_owned()).await?;
    if !existing.is_empty() {
        anyhow::bail!("the demo needs an empty database, and this one already has accounts");
    }
    let frameworks = crate::frameworks::import::import_shipped(db).await?;
    let hash = password::hash(demo_password.to_owned()).await?;
    let mut tx = db.begin().await?;
    let mut partnerships = HashMap::new();
    for p in region::PARTNERSHIPS {
        let id = partnership_queries::create(
            &mut tx,
            None,
            NewPartnership { name: p.name, area: p.area, kind: p.kind },
        )
        .await?;
        partnerships.insert(p.slug, id);
    }
    let mut organisations = HashMap::new();
    for o in region::ORGANISATIONS {
        let id = org_queries::create(
            &mut tx,
            None,
            &NewOrganisation { name: o.name, sector: o.sector, duty: o.duty },
        )
        .await?;
        for area in o.areas {
            let partnership =
                *partnerships.get(area).ok_or_else(|| anyhow::anyhow!("unknown area {area}"))?;
            org_queries::add_area(&mut tx, id, partnership).await?;
        }
        organisations.insert(o.slug, id);
    }
    for person in region::PEOPLE {
        let (user, _) = account_queries::find_or_create_user(
            &mut tx,
            None,
            person.email,
            person.name,
            Some(hash.clone()),
            person.platform_admin,
        )
        .await?;
        for (slug, role) in person.partnership_roles {
            let id = *partnerships.get(slug).ok_or_else(|| anyhow::anyhow!("unknown partnership {slug}"))?;
            account_queries::grant_partnership_role(&mut tx, None, user, id, *role).await?;
        }
        for (slug, role) in person.org_roles {
            let id =
                *organisations.get(slug).ok_or_else(|| anyhow::anyhow!("unknown organisation {slug}"))?;
            account_queries::grant_org_role(&mut tx, None, user, id, *role).await?;
        }
    }
    for request in region::JOIN_REQUESTS {
        let organisation = organisations[request.organisation];
        let partnership = partnerships[request.partnership];
        org_queries::request_to_join(&mut tx, None, organisation, partnership).await?;
    }
    for r in resources::RESOURCES {
        let fields = crate::resources::store::Fields {
            kind: r.kind,
            title: r.title.to_owned(),
            description: r.description.to_owned(),
            source: crate::resources::store::Source::Link(r.url.to_owned()),
            links: r
                .links
                .iter()
                .map(|(key, standard, criterion)| osa_core::signposting::Link {
                    framework: (*key).to_owned(),
                    standard: (*standard).to_owned(),
                    criterion: criterion.map(str::to_owned),
                })
                .collect(),
        };
        crate::resources::store::create_in(&mut tx, partnerships[r.partnership], None, &fields).await?;
    }
    tx.commit().await?;
    cycles::load(db, &partnerships).await?;
    let threads = challenges::load(db, partnerships["kestrel"]).await?;
    surveys::load(db, partnerships["kestrel"]).await?;
    let kestrel = partnerships["kestrel"];
    let this_year = crate::cycles::store::of_partnership(db, kestrel)
        .await?
        .into_iter()
        .find(|c| c.name == "Section 11 audit 2027")
        .ok_or_else(|| anyhow::anyhow!("the demo's 2027 audit is missing"))?;
    themes::load(db, kestrel, this_year.id).await?;
    let actions = partnership_actions::load(db, kestrel).await?;
    let meetings = meetings::load(db, kestrel).await?;
    let plan_updates = plan_updates::load(db, kestrel).await?;
    board_reports::load(db, kestrel).await?;
    young_peoples_summary::load(db, kestrel).await?;
    Ok(format!(
        "{} partnerships, {} organisations, {} people, {} requests to join waiting, {frameworks} frameworks, \
         {} resources, {threads} comments and challenges on returns, {actions} partnership actions, \
         {meetings} assurance meetings, {plan_updates} action-plan updates",
        region::PARTNERSHIPS.len(),
        region::ORGANISATIONS.len(),
        region::PEOPLE.len(),
        region::JOIN_REQUESTS.len(),
        resources::RESOURCES.len()
    ))
}
