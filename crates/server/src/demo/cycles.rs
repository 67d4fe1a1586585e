//! The demo's audit cycle: Kestrel Vale's children's partnership asks every
//! organisation of its area for a return (the short version for voluntary and
//! community groups), opened a month ago and due in two, so the cycle, invitation and
//! dashboard pages have something true to show.

use std::collections::HashMap;

use time::{Duration, OffsetDateTime};

use crate::accounts::queries as account_queries;
use crate::cycles::store::{self, NewCycle, NewInvitation};
use crate::db::Db;
use crate::frameworks::store as framework_store;
use crate::partnerships::queries as partnership_queries;
use osa_core::cycle::{FrameworkChoice, six_monthly_updates};
use osa_core::tenancy::Sector;

pub async fn load(db: &Db, partnerships: &HashMap<&str, i64>) -> anyhow::Result<()> {
    let kestrel = partnerships["kestrel"];
    let admin = account_queries::user_by_email(db, "admin.kestrel@demo.example")
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo's Kestrel admin is missing"))?
        .id;
    let published: Vec<_> =
        framework_store::list(db).await?.into_iter().filter(framework_store::Summary::is_published).collect();
    let latest = |key: &str| {
        published
            .iter()
            .filter(|s| s.key == key)
            .max_by_key(|s| s.version)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("no published {key}"))
    };
    let (children, short) = (latest("s11-children")?, latest("s11-short")?);
    let today = OffsetDateTime::now_utc().date();
    let due_on = today + Duration::days(60);
    let cycle = NewCycle {
        partnership: kestrel,
        name: "Section 11 audit 2027".into(),
        main_framework: children.id,
        by_sector: vec![(Sector::VoluntaryAndCommunity, short.id)],
        opens_on: today - Duration::days(30),
        due_on,
        updates_due: six_monthly_updates(due_on, 2),
        neighbours: Vec::new(),
    };
    let choice = FrameworkChoice { main: children.id, by_sector: cycle.by_sector.clone() };
    let area = partnership_queries::organisations_in_area(db, kestrel, 5000, 0).await?;
    let mut tx = db.begin().await?;
    let id = store::create(&mut tx, admin, &cycle).await?;
    for org in area {
        let framework = choice.for_sector(Sector::from_code(&org.sector).unwrap_or(Sector::Other));
        let key = if framework == short.id { &short.key } else { &children.key };
        store::invite(
            &mut tx,
            id,
            admin,
            &NewInvitation { organisation: org.id, framework_id: framework, framework_key: key.clone() },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
