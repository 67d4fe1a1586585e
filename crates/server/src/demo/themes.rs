//! The demo's themes: the Kestrel children's partnership keeps its own list, and its
//! analyst has tagged passages of the 2027 returns that show them, found with the
//! same search the pages use, so the themes page has counts to show and link from.

use serde_json::json;

use crate::accounts::store as account_queries;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::narratives::search::{self, Query};
use crate::narratives::store;
use osa_core::narratives::search_terms;

/// Each theme, and the words of the passages the analyst tagged with it.
pub(super) const THEMES: &[(&str, Option<&str>)] = &[
    ("Neglect", Some("neglect")),
    ("Online safety", Some("online safety")),
    ("Training gaps", Some("training gaps")),
    ("Record keeping", Some("records missing")),
    ("Voice of the child", Some("feedback views")),
    ("Escalation", Some("escalate")),
    ("Allegations management", None),
];

/// At most this many passages are tagged with each theme, as an analyst would start.
const TAGS_PER_THEME: u64 = 6;

pub async fn load(db: &Db, partnership: i64, cycle: i64) -> anyhow::Result<()> {
    let analyst = account_queries::user_by_email(db, "analyst.kestrel@demo.example")
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo has no Kestrel analyst"))?
        .id;
    let mut tx = db.begin().await?;
    let mut themes = Vec::new();
    for (name, _) in THEMES {
        let id = store::add_theme(&mut tx, partnership, name, analyst).await?;
        audit::record(
            &mut tx,
            Change {
                actor: Some(analyst),
                action: "add_theme",
                entity: "theme",
                entity_id: id.to_string(),
                before: None,
                after: Some(json!({ "partnership": partnership, "name": name })),
            },
        )
        .await?;
        themes.push(id);
    }
    tx.commit().await?;
    for ((_, words), theme) in THEMES.iter().zip(themes) {
        let Some(words) = words else { continue };
        // The analyst reads the returns sent to the partnership, as the search page would.
        let reader = crate::cycles::visible::Reader::through(cycle, vec![partnership]);
        let mut q = Query::in_cycle(&reader);
        q.terms = search_terms(words);
        q.partnership = Some(partnership);
        q.limit = TAGS_PER_THEME;
        let hits = search::search(db, &q).await?;
        let mut tx = db.begin().await?;
        for hit in hits {
            let tag = store::add_tag(&mut tx, hit.passage_id, theme, None, analyst).await?;
            audit::record(
                &mut tx,
                Change {
                    actor: Some(analyst),
                    action: "tag_passage",
                    entity: "narrative_passage",
                    entity_id: hit.passage_id.to_string(),
                    before: None,
                    after: Some(json!({ "tag": tag, "theme": theme, "cycle": cycle })),
                },
            )
            .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
