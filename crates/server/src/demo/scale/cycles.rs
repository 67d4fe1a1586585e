//! Every partnership's two audit cycles, opened through the real cycle store: the
//! previous one (opened 25 months ago, now closed) and the current one (opened a month
//! ago, due in two). A few hundred cycles, so one store call each costs seconds.

use std::collections::HashMap;

use time::{Duration, OffsetDateTime};

use super::plan::{Plan, partnership_person};
use crate::cycles::store::{self, NewCycle};
use crate::db::Db;
use osa_core::cycle::six_monthly_updates;
use osa_core::tenancy::{PartnershipKind, PartnershipRole};

/// A partnership's previous and current cycles.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    pub previous: i64,
    pub current: i64,
}

/// The framework each kind of partnership asks for (the extended editions' ids).
pub struct Asked {
    pub children: i64,
    pub adults: i64,
}

pub async fn open(
    db: &Db,
    plan: &Plan,
    asked: &Asked,
    now: OffsetDateTime,
) -> anyhow::Result<HashMap<i64, Pair>> {
    let today = now.date();
    let mut out = HashMap::new();
    let mut tx = db.begin().await?;
    for p in &plan.partnerships {
        let admin = partnership_person(p.id, PartnershipRole::Admin);
        let framework = if p.kind == PartnershipKind::Adults { asked.adults } else { asked.children };
        let mut ids = Vec::new();
        for (name, opens_on) in [
            ("Section 11 audit 2025", today - Duration::days(760)),
            ("Section 11 audit 2027", today - Duration::days(30)),
        ] {
            let due_on = opens_on + Duration::days(90);
            let cycle = NewCycle {
                partnership: p.id,
                name: name.into(),
                main_framework: framework,
                by_sector: Vec::new(),
                opens_on,
                due_on,
                updates_due: six_monthly_updates(due_on, 2),
                neighbours: Vec::new(),
            };
            ids.push(store::create(&mut tx, admin, &cycle).await?);
        }
        store::close(&mut tx, ids[0], now - Duration::days(640)).await?;
        out.insert(p.id, Pair { previous: ids[0], current: ids[1] });
    }
    tx.commit().await?;
    Ok(out)
}
