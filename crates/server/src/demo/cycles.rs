//! The demo's audit cycles: Kestrel Vale's children's partnership asks every
//! organisation of its area for a return (the short version for voluntary and
//! community groups). The 2025 audit is closed; the 2027 audit opened a month ago and
//! is due in two. Most organisations answered both (see [`returns`]), so the cycle,
//! invitation and dashboard pages, and the change between the two audits, have
//! something true to show.

use std::collections::HashMap;

use time::{Date, Duration, OffsetDateTime};

use super::returns::{self, Invited};

use crate::accounts::store as account_queries;
use crate::cycles::store::{self, NewCycle, NewInvitation};
use crate::db::Db;
use crate::frameworks::store as framework_store;
use crate::partnerships::store as partnership_queries;
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
    let frameworks = Frameworks { children, short };
    let now = OffsetDateTime::now_utc();
    let today = now.date();

    // Two years ago: the last audit, answered by most of the area and now closed.
    let last_opened = today - Duration::days(760);
    let (last, invited) = open(
        db,
        kestrel,
        admin,
        &frameworks,
        "Section 11 audit 2025",
        last_opened,
        last_opened + Duration::days(90),
    )
    .await?;
    let outstanding =
        ["Kestrel Vale Boxing Academy", "Vale Secure Transport Ltd", "Fenwick Hill Secondary School"];
    returns::submit_returns(db, &invited, now - Duration::days(700), true, &outstanding).await?;
    let mut tx = db.begin().await?;
    store::close(&mut tx, last, now - Duration::days(640)).await?;
    tx.commit().await?;

    // This year's: opened a month ago, due in two; most have answered.
    let (_, invited) = open(
        db,
        kestrel,
        admin,
        &frameworks,
        "Section 11 audit 2027",
        today - Duration::days(30),
        today + Duration::days(60),
    )
    .await?;
    let outstanding = [
        "Vale and Fen Integrated Care Board",
        "Kestrel Brook Infant School",
        "Rowan Tree Pre-school, Kestrel Vale",
        "Kestrel Vale Taxi and Private Hire Association",
    ];
    returns::submit_returns(db, &invited, now - Duration::days(5), false, &outstanding).await?;
    Ok(())
}

struct Frameworks {
    children: framework_store::Summary,
    short: framework_store::Summary,
}

/// Opens a cycle of the Kestrel partnership asking every organisation of its area.
async fn open(
    db: &Db,
    kestrel: i64,
    admin: i64,
    frameworks: &Frameworks,
    name: &str,
    opens_on: Date,
    due_on: Date,
) -> anyhow::Result<(i64, Vec<Invited>)> {
    let Frameworks { children, short } = frameworks;
    let cycle = NewCycle {
        partnership: kestrel,
        name: name.into(),
        main_framework: children.id,
        by_sector: vec![(Sector::VoluntaryAndCommunity, short.id)],
        opens_on,
        due_on,
        updates_due: six_monthly_updates(due_on, 2),
        neighbours: Vec::new(),
    };
    let choice = FrameworkChoice { main: children.id, by_sector: cycle.by_sector.clone() };
    let area = partnership_queries::organisations_in_area(db, kestrel, 5000, 0).await?;
    let mut tx = db.begin().await?;
    let id = store::create(&mut tx, admin, &cycle).await?;
    let mut invited = Vec::new();
    for org in area {
        let framework = choice.for_sector(org.sector);
        let key = if framework == short.id { &short.key } else { &children.key };
        store::invite(
            &mut tx,
            id,
            admin,
            &NewInvitation { organisation: org.id, framework_id: framework, framework_key: key.clone() },
        )
        .await?;
        invited.push(Invited { organisation: org.id, framework_id: framework });
    }
    tx.commit().await?;
    Ok((id, invited))
}
