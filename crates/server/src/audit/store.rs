//! Every query of the audit log: writing an entry with the tenant it is about, and
//! reading entries within a person's scope and filter.

use osa_core::audit_log::AuditScope;
use sea_query::{Condition, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use time::{Date, OffsetDateTime, Time};

use super::Change;
use crate::db::schema::{AuditLog, Users};
use crate::db::{Db, Engine, Tx, contains_pattern};

/// How an entry finds the partnership and the organisation whose data it is about,
/// by the kind of record it names: `(entity, partnership, organisation)`, each a
/// query on the record's id (`{id}`), or `None` where the record has no such tenant.
/// An entity not listed here (accounts: a person may work for several tenants) is
/// about no tenant, and only platform admins read it. Each query reads one row by
/// its primary key, so writing an entry (an autosave writes one) costs little more.
pub const SCOPES: &[(&str, Option<&str>, Option<&str>)] = &[
    ("partnership", Some("SELECT id FROM partnerships WHERE id = {id}"), None),
    ("organisation", None, Some("SELECT id FROM organisations WHERE id = {id}")),
    ("cycle", Some("SELECT partnership_id FROM cycles WHERE id = {id}"), None),
    (
        "invitation",
        Some(
            "SELECT c.partnership_id FROM invitations i JOIN cycles c ON c.id = i.cycle_id WHERE i.id = {id}",
        ),
        Some("SELECT organisation_id FROM invitations WHERE id = {id}"),
    ),
    (
        "join_request",
        Some("SELECT partnership_id FROM join_requests WHERE id = {id}"),
        Some("SELECT organisation_id FROM join_requests WHERE id = {id}"),
    ),
    // A partnership's own self-assessment is held by a record of its own: the entry
    // is then about the partnership.
    (
        "assessment",
        Some(
            "SELECT pr.partnership_id FROM assessments a \
             JOIN partnership_records pr ON pr.organisation_id = a.organisation_id WHERE a.id = {id}",
        ),
        Some("SELECT organisation_id FROM assessments WHERE id = {id}"),
    ),
    (
        "action",
        None,
        Some(
            "SELECT a.organisation_id FROM actions x JOIN assessments a ON a.id = x.assessment_id WHERE x.id = {id}",
        ),
    ),
    (
        "return",
        None,
        Some(
            "SELECT a.organisation_id FROM returns r JOIN assessments a ON a.id = r.assessment_id WHERE r.id = {id}",
        ),
    ),
    (
        "return_thread",
        Some("SELECT partnership_id FROM return_threads WHERE id = {id}"),
        Some("SELECT organisation_id FROM return_threads WHERE id = {id}"),
    ),
    ("framework", Some("SELECT owner_partnership_id FROM frameworks WHERE id = {id}"), None),
    ("local_question", Some("SELECT partnership_id FROM local_questions WHERE id = {id}"), None),
    (
        "narrative_passage",
        None,
        Some(
            "SELECT a.organisation_id FROM narrative_passages n JOIN returns r ON r.id = n.return_id \
             JOIN assessments a ON a.id = r.assessment_id WHERE n.id = {id}",
        ),
    ),
    ("partnership_action", Some("SELECT partnership_id FROM partnership_actions WHERE id = {id}"), None),
    ("plan_update", None, Some("SELECT organisation_id FROM plan_updates WHERE id = {id}")),
    ("resource", Some("SELECT partnership_id FROM resources WHERE id = {id}"), None),
    (
        "survey",
        Some("SELECT c.partnership_id FROM surveys s JOIN cycles c ON c.id = s.cycle_id WHERE s.id = {id}"),
        None,
    ),
    ("theme", Some("SELECT partnership_id FROM themes WHERE id = {id}"), None),
    (
        "assurance_meeting",
        Some("SELECT partnership_id FROM assurance_meetings WHERE id = {id}"),
        Some("SELECT organisation_id FROM assurance_meetings WHERE id = {id}"),
    ),
    (
        "meeting_question",
        Some(
            "SELECT m.partnership_id FROM meeting_questions q JOIN assurance_meetings m ON m.id = q.meeting_id WHERE q.id = {id}",
        ),
        Some(
            "SELECT m.organisation_id FROM meeting_questions q JOIN assurance_meetings m ON m.id = q.meeting_id WHERE q.id = {id}",
        ),
    ),
    (
        "meeting_comment",
        Some(
            "SELECT m.partnership_id FROM meeting_comments c JOIN assurance_meetings m ON m.id = c.meeting_id WHERE c.id = {id}",
        ),
        Some(
            "SELECT m.organisation_id FROM meeting_comments c JOIN assurance_meetings m ON m.id = c.meeting_id WHERE c.id = {id}",
        ),
    ),
    ("cyp_question", Some("SELECT partnership_id FROM cyp_questions WHERE id = {id}"), None),
    ("board_report", Some("SELECT partnership_id FROM board_reports WHERE id = {id}"), None),
    (
        "young_peoples_summary",
        Some("SELECT partnership_id FROM young_peoples_summaries WHERE id = {id}"),
        None,
    ),
];

/// Record kinds added after migration 38, which fills old entries from [`SCOPES`]
/// alone: that migration runs before these tables exist on a new database, so its
/// list is frozen and later kinds are listed here.
pub const LATER_SCOPES: &[(&str, Option<&str>, Option<&str>)] =
    &[("api_token", Some("SELECT partnership_id FROM api_tokens WHERE id = {id}"), None)];

fn scope_of(entity: &str) -> (Option<&'static str>, Option<&'static str>) {
    SCOPES
        .iter()
        .chain(LATER_SCOPES)
        .find(|(e, _, _)| *e == entity)
        .map_or((None, None), |(_, p, o)| (*p, *o))
}

/// The tenant column's value for a new entry: the lookup, run inside the INSERT.
fn tenant_value(lookup: Option<&str>, id: Option<i64>) -> Expr {
    match (lookup, id) {
        // The id is a parsed i64, so writing it into the text cannot inject anything;
        // it also keeps one text for both engines (their placeholders differ).
        (Some(sql), Some(id)) => Expr::cust(format!("({})", sql.replace("{id}", &id.to_string()))),
        _ => Expr::val(Option::<i64>::None),
    }
}

pub async fn insert(tx: &mut Tx, change: Change<'_>) -> Result<(), sqlx::Error> {
    let (partnership, organisation) = scope_of(change.entity);
    let id = change.entity_id.parse::<i64>().ok();
    tx.execute(
        &Query::insert()
            .into_table(AuditLog::Table)
            .columns([
                AuditLog::At,
                AuditLog::ActorUserId,
                AuditLog::Action,
                AuditLog::Entity,
                AuditLog::EntityId,
                AuditLog::Before,
                AuditLog::After,
                AuditLog::PartnershipId,
                AuditLog::OrganisationId,
            ])
            .values_panic([
                OffsetDateTime::now_utc().into(),
                change.actor.into(),
                change.action.into(),
                change.entity.into(),
                change.entity_id.into(),
                change.before.map(|v| v.to_string()).into(),
                change.after.map(|v| v.to_string()).into(),
                tenant_value(partnership, id),
                tenant_value(organisation, id),
            ])
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// Migration 38's statements filling the tenant columns of the entries written
/// before it, by the same lookups as [`insert`]. Only entries whose record id is a
/// whole number are touched (PostgreSQL would refuse to cast anything else).
pub fn backfill(engine: Engine) -> Vec<String> {
    let numeric = match engine {
        Engine::Sqlite => "entity_id <> '' AND entity_id NOT GLOB '*[^0-9]*'",
        Engine::Postgres => "entity_id ~ '^[0-9]+$'",
    };
    let id = "CAST(audit_log.entity_id AS BIGINT)";
    let mut statements = Vec::new();
    for (entity, partnership, organisation) in SCOPES {
        for (column, lookup) in [("partnership_id", partnership), ("organisation_id", organisation)] {
            if let Some(sql) = lookup {
                statements.push(format!(
                    "UPDATE audit_log SET {column} = ({}) WHERE entity = '{entity}' AND {numeric}",
                    sql.replace("{id}", id)
                ));
            }
        }
    }
    statements
}

/// What a person asked the list for; each part narrows it.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Part of the name or email address of the person who made the change.
    pub person: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<Date>,
    /// The last day included.
    pub to: Option<Date>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn within(scope: &AuditScope) -> Condition {
    match scope {
        AuditScope::Everything => Condition::all(),
        // An empty list matches nothing (sea-query writes `1 = 2`), so a scope of no
        // tenants reads no entry rather than every one.
        AuditScope::Tenants { partnerships, organisations } => Condition::any()
            .add(Expr::col((AuditLog::Table, AuditLog::PartnershipId)).is_in(partnerships.iter().copied()))
            .add(Expr::col((AuditLog::Table, AuditLog::OrganisationId)).is_in(organisations.iter().copied())),
    }
}

fn start_of(day: Date) -> OffsetDateTime {
    day.with_time(Time::MIDNIGHT).assume_utc()
}

fn entries(scope: &AuditScope, filter: &Filter) -> SelectStatement {
    let mut q = Query::select();
    q.column((AuditLog::Table, AuditLog::Id))
        .column((AuditLog::Table, AuditLog::At))
        .expr_as(Expr::col((Users::Table, Users::DisplayName)), "actor_name")
        .expr_as(Expr::col((Users::Table, Users::Email)), "actor_email")
        .column((AuditLog::Table, AuditLog::Action))
        .column((AuditLog::Table, AuditLog::Entity))
        .column((AuditLog::Table, AuditLog::EntityId))
        .column((AuditLog::Table, AuditLog::Before))
        .column((AuditLog::Table, AuditLog::After))
        .from(AuditLog::Table)
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((AuditLog::Table, AuditLog::ActorUserId)),
        )
        .cond_where(within(scope));
    if let Some(person) = &filter.person {
        let pattern = contains_pattern(person);
        q.and_where(
            Expr::expr(Func::lower(Expr::col((Users::Table, Users::DisplayName))))
                .like(pattern.clone())
                .or(Expr::expr(Func::lower(Expr::col((Users::Table, Users::Email)))).like(pattern)),
        );
    }
    if let Some(entity) = &filter.entity {
        q.and_where(Expr::col((AuditLog::Table, AuditLog::Entity)).eq(entity.as_str()));
    }
    if let Some(id) = &filter.entity_id {
        q.and_where(Expr::col((AuditLog::Table, AuditLog::EntityId)).eq(id.as_str()));
    }
    if let Some(from) = filter.from {
        q.and_where(Expr::col((AuditLog::Table, AuditLog::At)).gte(start_of(from)));
    }
    if let Some(to) = filter.to.and_then(|d| d.next_day()) {
        q.and_where(Expr::col((AuditLog::Table, AuditLog::At)).lt(start_of(to)));
    }
    q.order_by((AuditLog::Table, AuditLog::Id), Order::Desc);
    q
}

/// A page of entries, newest first.
pub async fn list(
    db: &Db,
    scope: &AuditScope,
    filter: &Filter,
    limit: u64,
    offset: u64,
) -> Result<Vec<EntryRow>, sqlx::Error> {
    db.fetch_all(&entries(scope, filter).limit(limit).offset(offset).to_owned()).await
}

/// Entries older than `before_id` (all of them when `None`), newest first: the
/// download reads the log in batches after the last id it wrote, so it never holds
/// the whole log and a deep offset never makes the database count from the top.
pub async fn batch_after(
    db: &Db,
    scope: &AuditScope,
    filter: &Filter,
    before_id: Option<i64>,
    limit: u64,
) -> Result<Vec<EntryRow>, sqlx::Error> {
    let mut q = entries(scope, filter);
    if let Some(id) = before_id {
        q.and_where(Expr::col((AuditLog::Table, AuditLog::Id)).lt(id));
    }
    db.fetch_all(&q.limit(limit).to_owned()).await
}
