//! Storing and loading framework versions.
//!
//! Each version is kept twice, on purpose: as rows (standards and criteria, which
//! answers will point at) and as its canonical file in `source`, from which pages,
//! exports and comparisons rebuild the exact framework. A published version is never
//! updated: the only statements that touch a version are its creation, publishing a
//! draft, and deleting a draft.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use sea_query::{Expr, ExprTrait, IntoIden, Order, Query};
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::{self, Change};
use crate::db::schema::{CriterionMappings, FrameworkCriteria, FrameworkStandards, Frameworks};
use crate::db::{Db, Tx};
use osa_core::framework::{self, Framework};

pub const DRAFT: &str = "draft";
pub const PUBLISHED: &str = "published";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Summary {
    pub id: i64,
    pub key: String,
    pub version: i32,
    pub name: String,
    pub audience: String,
    pub state: String,
    pub owner_partnership_id: Option<i64>,
    pub criteria_count: i32,
    pub created_at: OffsetDateTime,
    pub published_at: Option<OffsetDateTime>,
}

impl Summary {
    pub fn is_published(&self) -> bool {
        self.state == PUBLISHED
    }

    pub fn audience_label(&self) -> &'static str {
        framework::Audience::from_code(&self.audience).map(framework::Audience::label).unwrap_or("Unknown")
    }
}

#[derive(Clone)]
pub struct Stored {
    pub summary: Summary,
    pub framework: Framework,
}

/// Framework versions parsed once each, for loops over many returns (the start-up
/// backfills): a stored version never changes, so parsing it again would only cost.
#[derive(Default)]
pub struct ParsedVersions(HashMap<i64, Framework>);

impl ParsedVersions {
    /// The version `id`, parsed on first use; `None` when no such version is stored.
    pub async fn get(&mut self, db: &Db, id: i64) -> anyhow::Result<Option<&Framework>> {
        use std::collections::hash_map::Entry;
        match self.0.entry(id) {
            Entry::Occupied(known) => Ok(Some(known.into_mut())),
            Entry::Vacant(slot) => {
                let Some(stored) = load(db, id).await? else { return Ok(None) };
                Ok(Some(slot.insert(stored.framework)))
            }
        }
    }
}

fn summary_select() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            Frameworks::Id,
            Frameworks::Key,
            Frameworks::Version,
            Frameworks::Name,
            Frameworks::Audience,
            Frameworks::State,
            Frameworks::OwnerPartnershipId,
            Frameworks::CriteriaCount,
            Frameworks::CreatedAt,
            Frameworks::PublishedAt,
        ])
        .from(Frameworks::Table)
        .to_owned()
}

/// Every version, by key then newest first. Frameworks number in the tens, each with a
/// few versions, so one capped list serves the frameworks page.
pub async fn list(db: &Db) -> Result<Vec<Summary>, sqlx::Error> {
    db.fetch_all(
        &summary_select()
            .order_by(Frameworks::Key, Order::Asc)
            .order_by(Frameworks::Version, Order::Desc)
            .limit(500)
            .to_owned(),
    )
    .await
}

pub async fn summary(db: &Db, id: i64) -> Result<Option<Summary>, sqlx::Error> {
    db.fetch_optional(&summary_select().and_where(Expr::col(Frameworks::Id).eq(id)).to_owned()).await
}

/// The owner of a key (the partnership, or `None` for the platform), if the key exists.
pub async fn key_owner(tx: &mut Tx, key: &str) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row: Option<(Option<i64>,)> = tx
        .fetch_optional(
            &Query::select()
                .column(Frameworks::OwnerPartnershipId)
                .from(Frameworks::Table)
                .and_where(Expr::col(Frameworks::Key).eq(key))
                .order_by(Frameworks::Version, Order::Asc)
                .limit(1)
                .to_owned(),
        )
        .await?;
    Ok(row.map(|(owner,)| owner))
}

/// Published versions, parsed once per process and database.
///
/// A published version is immutable (see the top of this file: nothing updates one,
/// and only drafts are deleted), so it can be kept parsed for the life of the
/// process; a draft is read and parsed afresh every time. Every page and save of an
/// assessment needs its framework, and parsing the stored file again each time was
/// most of a save's CPU (issue 13). Entries are keyed by the database as well as the
/// id, because one process (a test binary) may open many databases whose ids repeat.
/// Frameworks number in the tens, so the map stays small; it is emptied should it
/// ever pass [`PARSED_LIMIT`] entries (many databases in one test process).
type ParsedKey = (String, i64);
static PARSED: LazyLock<RwLock<HashMap<ParsedKey, Arc<Stored>>>> = LazyLock::new(Default::default);
const PARSED_LIMIT: usize = 256;

/// The version `id` with its framework parsed; `None` when no such version is stored.
pub async fn load(db: &Db, id: i64) -> anyhow::Result<Option<Stored>> {
    let key = (db.identity(), id);
    if let Some(kept) = PARSED.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Some(Stored::clone(kept)));
    }
    let Some(stored) = load_parsed(db, id).await? else { return Ok(None) };
    if stored.summary.is_published() {
        let mut parsed = PARSED.write().unwrap_or_else(|e| e.into_inner());
        if parsed.len() >= PARSED_LIMIT {
            parsed.clear();
        }
        parsed.insert(key, Arc::new(stored.clone()));
    }
    Ok(Some(stored))
}

async fn load_parsed(db: &Db, id: i64) -> anyhow::Result<Option<Stored>> {
    let Some(summary) = summary(db, id).await? else { return Ok(None) };
    let (source,): (String,) = db
        .fetch_one(
            &Query::select()
                .column(Frameworks::Source)
                .from(Frameworks::Table)
                .and_where(Expr::col(Frameworks::Id).eq(id))
                .to_owned(),
        )
        .await?;
    let framework = framework::parse(&source)
        .map_err(|errors| anyhow::anyhow!("stored framework {id} no longer parses: {}", errors[0]))?;
    Ok(Some(Stored { summary, framework }))
}

/// The version just before `version` of the same key, if any.
pub async fn previous(db: &Db, key: &str, version: i32) -> Result<Option<Summary>, sqlx::Error> {
    db.fetch_optional(
        &summary_select()
            .and_where(Expr::col(Frameworks::Key).eq(key))
            .and_where(Expr::col(Frameworks::Version).lt(version))
            .order_by(Frameworks::Version, Order::Desc)
            .limit(1)
            .to_owned(),
    )
    .await
}

/// The newest published version of every key, for checking mappings between frameworks.
pub async fn latest_published(db: &Db) -> anyhow::Result<Vec<Framework>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for s in list(db).await? {
        if s.is_published()
            && seen.insert(s.key.clone())
            && let Some(stored) = load(db, s.id).await?
        {
            out.push(stored.framework);
        }
    }
    Ok(out)
}

/// Stores `framework` as the next version of its key (whatever version the file
/// states) and returns (id, version). With `publish` the version is published at once.
#[allow(clippy::too_many_lines, reason = "one transaction writing a framework version and its parts")]
pub async fn save_new_version(
    tx: &mut Tx,
    owner: Option<i64>,
    actor: Option<i64>,
    framework: &Framework,
    publish: bool,
) -> Result<(i64, i32), sqlx::Error> {
    let (latest,): (Option<i32>,) = tx
        .fetch_one(
            &Query::select()
                .expr(Expr::col(Frameworks::Version).max())
                .from(Frameworks::Table)
                .and_where(Expr::col(Frameworks::Key).eq(framework.key.as_str()))
                .to_owned(),
        )
        .await?;
    let version = latest.unwrap_or(0) + 1;
    let mut stored = framework.clone();
    stored.version = version as u32;
    let now = OffsetDateTime::now_utc();
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(Frameworks::Table)
                .columns([
                    Frameworks::Key,
                    Frameworks::Version,
                    Frameworks::Name,
                    Frameworks::Audience,
                    Frameworks::Description,
                    Frameworks::StandingRule,
                    Frameworks::State,
                    Frameworks::OwnerPartnershipId,
                    Frameworks::CriteriaCount,
                    Frameworks::Source,
                    Frameworks::CreatedAt,
                    Frameworks::CreatedBy,
                    Frameworks::PublishedAt,
                ])
                .values_panic([
                    stored.key.as_str().into(),
                    version.into(),
                    stored.name.as_str().into(),
                    stored.audience.code().into(),
                    stored.description.as_str().into(),
                    stored.standing_rule.code().into(),
                    (if publish { PUBLISHED } else { DRAFT }).into(),
                    owner.into(),
                    (stored.criterion_count() as i32).into(),
                    framework::to_toml(&stored).into(),
                    now.into(),
                    actor.into(),
                    (if publish { Some(now) } else { None }).into(),
                ])
                .to_owned(),
        )
        .await?;
    for (position, standard) in stored.standards.iter().enumerate() {
        let standard_id = tx
            .insert_id(
                &Query::insert()
                    .into_table(FrameworkStandards::Table)
                    .columns([
                        FrameworkStandards::FrameworkId,
                        FrameworkStandards::Position,
                        FrameworkStandards::Code,
                        FrameworkStandards::Title,
                        FrameworkStandards::Outcome,
                    ])
                    .values_panic([
                        id.into(),
                        (position as i32).into(),
                        standard.code.as_str().into(),
                        standard.title.as_str().into(),
                        standard.outcome.as_str().into(),
                    ])
                    .to_owned(),
            )
            .await?;
        // One statement per standard keeps round trips low on large frameworks.
        if standard.criteria.is_empty() {
            continue;
        }
        let mut insert = Query::insert();
        insert.into_table(FrameworkCriteria::Table).columns([
            FrameworkCriteria::FrameworkId,
            FrameworkCriteria::StandardId,
            FrameworkCriteria::Position,
            FrameworkCriteria::Code,
            FrameworkCriteria::Question,
            FrameworkCriteria::Guidance,
            FrameworkCriteria::Evidence,
            FrameworkCriteria::AnswerType,
            FrameworkCriteria::NotApplicable,
            FrameworkCriteria::NarrativeRequired,
            FrameworkCriteria::Sectors,
            FrameworkCriteria::Duty,
        ]);
        for (position, c) in standard.criteria.iter().enumerate() {
            let sectors: Vec<&str> = c.sectors.iter().map(|s| s.code()).collect();
            let duty: Vec<&str> = c.duty.iter().map(|d| d.code()).collect();
            insert.values_panic([
                id.into(),
                standard_id.into(),
                (position as i32).into(),
                c.code.as_str().into(),
                c.question.as_str().into(),
                c.guidance.as_str().into(),
                json!(c.evidence).to_string().into(),
                c.answer.code().into(),
                c.not_applicable.into(),
                c.narrative_required.into(),
                json!(sectors).to_string().into(),
                json!(duty).to_string().into(),
            ]);
        }
        tx.execute(&insert).await?;
    }
    let mappings: Vec<_> = stored
        .criteria()
        .flat_map(|(_, c)| c.maps_to.iter().map(move |m| (c.code.clone(), m.clone())))
        .collect();
    for chunk in mappings.chunks(200) {
        let mut insert = Query::insert();
        insert.into_table(CriterionMappings::Table).columns([
            CriterionMappings::FrameworkId,
            CriterionMappings::CriterionCode,
            CriterionMappings::TargetKey,
            CriterionMappings::TargetCode,
        ]);
        for (code, m) in chunk {
            insert.values_panic([
                id.into(),
                code.as_str().into(),
                m.framework.as_str().into(),
                m.criterion.as_str().into(),
            ]);
        }
        tx.execute(&insert).await?;
    }
    audit::record(
        tx,
        Change {
            actor,
            action: if publish { "import_published" } else { "import_draft" },
            entity: "framework",
            entity_id: id.to_string(),
            before: None,
            after: Some(
                json!({ "key": stored.key, "version": version, "criteria": stored.criterion_count() }),
            ),
        },
    )
    .await?;
    Ok((id, version))
}

/// Publishes a draft. Returns false when the version was not a draft.
pub async fn publish(tx: &mut Tx, actor: i64, id: i64) -> Result<bool, sqlx::Error> {
    let changed = tx
        .execute(
            &Query::update()
                .table(Frameworks::Table)
                .value(Frameworks::State, PUBLISHED)
                .value(Frameworks::PublishedAt, OffsetDateTime::now_utc())
                .and_where(Expr::col(Frameworks::Id).eq(id))
                .and_where(Expr::col(Frameworks::State).eq(DRAFT))
                .to_owned(),
        )
        .await?;
    if changed == 1 {
        audit::record(
            tx,
            Change {
                actor: Some(actor),
                action: "publish",
                entity: "framework",
                entity_id: id.to_string(),
                before: Some(json!({ "state": DRAFT })),
                after: Some(json!({ "state": PUBLISHED })),
            },
        )
        .await?;
    }
    Ok(changed == 1)
}

/// Deletes a draft (its rows go with it). Returns false when it was not a draft.
pub async fn delete_draft(tx: &mut Tx, actor: i64, id: i64) -> Result<bool, sqlx::Error> {
    let is_draft: Option<(i64,)> = tx
        .fetch_optional(
            &Query::select()
                .column(Frameworks::Id)
                .from(Frameworks::Table)
                .and_where(Expr::col(Frameworks::Id).eq(id))
                .and_where(Expr::col(Frameworks::State).eq(DRAFT))
                .to_owned(),
        )
        .await?;
    if is_draft.is_none() {
        return Ok(false);
    }
    for table in [
        CriterionMappings::Table.into_iden(),
        FrameworkCriteria::Table.into_iden(),
        FrameworkStandards::Table.into_iden(),
    ] {
        tx.execute(
            &Query::delete()
                .from_table(table)
                .and_where(Expr::col(CriterionMappings::FrameworkId).eq(id))
                .to_owned(),
        )
        .await?;
    }
    tx.execute(
        &Query::delete().from_table(Frameworks::Table).and_where(Expr::col(Frameworks::Id).eq(id)).to_owned(),
    )
    .await?;
    audit::record(
        tx,
        Change {
            actor: Some(actor),
            action: "delete_draft",
            entity: "framework",
            entity_id: id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(true)
}
