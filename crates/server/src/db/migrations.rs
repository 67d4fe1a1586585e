//! The one migration history for both engines. Each migration is a list of sea-query
//! schema statements rendered in the engine's dialect; applied versions are recorded
//! in `schema_migrations`. On PostgreSQL an advisory lock makes concurrent app servers
//! wait for one another instead of racing.

use sea_query::{
    ColumnDef, ForeignKey, ForeignKeyAction, Index, IndexCreateStatement, PostgresQueryBuilder, Query,
    SqliteQueryBuilder, Table, TableCreateStatement,
};

use super::schema::*;
use super::{Db, Engine};

/// A schema statement of either kind (tables or indexes), or plain SQL where the two
/// engines need different words (reading JSON, full-text search) that sea-query does
/// not build.
pub enum Step {
    Table(Box<TableCreateStatement>),
    Index(Box<IndexCreateStatement>),
    Sql { sqlite: &'static str, postgres: &'static str },
}

impl Step {
    fn render(&self, engine: Engine) -> String {
        match (self, engine) {
            (Step::Table(t), Engine::Sqlite) => t.as_ref().to_string(SqliteQueryBuilder),
            (Step::Table(t), Engine::Postgres) => t.as_ref().to_string(PostgresQueryBuilder),
            (Step::Index(i), Engine::Sqlite) => i.as_ref().to_string(SqliteQueryBuilder),
            (Step::Index(i), Engine::Postgres) => i.as_ref().to_string(PostgresQueryBuilder),
            (Step::Sql { sqlite, .. }, Engine::Sqlite) => (*sqlite).to_owned(),
            (Step::Sql { postgres, .. }, Engine::Postgres) => (*postgres).to_owned(),
        }
    }
}

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub steps: fn() -> Vec<Step>,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "accounts and tenancy", steps: accounts_and_tenancy },
    Migration { version: 2, name: "frameworks", steps: super::migrations_frameworks::frameworks },
    Migration { version: 3, name: "assessments", steps: super::migrations_assessments::assessments },
    Migration { version: 4, name: "action plans", steps: super::migrations_assessments::action_plans },
    Migration { version: 5, name: "delegations", steps: super::migrations_assessments::delegations },
    Migration { version: 6, name: "returns", steps: super::migrations_assessments::returns },
    Migration { version: 7, name: "evidence files", steps: super::migrations_files::evidence_files },
    Migration { version: 8, name: "resources", steps: super::migrations_resources::resources },
    Migration { version: 9, name: "rounds", steps: super::migrations_assessments::rounds },
    Migration {
        version: 10,
        name: "workbook uploads",
        steps: super::migrations_assessments::workbook_uploads,
    },
    Migration { version: 12, name: "cycles", steps: super::migrations_cycles::cycles },
    Migration { version: 13, name: "return standings", steps: super::migrations_cycles::return_standings },
    Migration {
        version: 14,
        name: "jobs and reminders",
        steps: super::migrations_cycles::jobs_and_reminders,
    },
    Migration { version: 15, name: "challenges", steps: super::migrations_challenges::challenges },
    Migration { version: 16, name: "narratives", steps: super::migrations_narratives::narratives },
    Migration { version: 17, name: "practitioner surveys", steps: super::migrations_surveys::surveys },
    Migration { version: 18, name: "return values", steps: super::migrations_cycles::return_values },
    Migration { version: 19, name: "return ratings", steps: super::migrations_cycles::return_ratings },
    Migration { version: 20, name: "region consent", steps: super::migrations_cycles::region_consent },
    Migration {
        version: 21,
        name: "survey response codes",
        steps: super::migrations_surveys::response_codes,
    },
    Migration {
        version: 22,
        name: "sessions by user, request limits, secret links",
        steps: super::migrations_accounts::trust,
    },
    Migration {
        version: 23,
        name: "partnership actions",
        steps: super::migrations_partnership_actions::partnership_actions,
    },
    Migration { version: 24, name: "assurance meetings", steps: super::migrations_meetings::meetings },
    Migration {
        version: 25,
        name: "action-plan updates",
        steps: super::migrations_plan_updates::plan_updates,
    },
    Migration { version: 26, name: "board reports", steps: super::migrations_board_reports::board_reports },
    Migration {
        version: 27,
        name: "child-friendly summaries",
        steps: super::migrations_young_peoples_summary::young_peoples_summaries,
    },
    Migration {
        version: 28,
        name: "reminders outlive invitations",
        steps: super::migrations_cycles::reminders_outlive_invitations,
    },
    Migration { version: 31, name: "sign-off requests", steps: super::migrations_sign_off::sign_off },
    Migration {
        version: 33,
        name: "local questions per cycle",
        steps: super::migrations_cycle_questions::cycle_local_questions,
    },
    Migration {
        version: 34,
        name: "partnership records",
        steps: super::migrations_partnership_records::partnership_records,
    },
    Migration {
        version: 36,
        name: "challenges flag activity without impact",
        steps: super::migrations_challenges::activity_only,
    },
    Migration { version: 37, name: "two-factor sign-in", steps: super::migrations_accounts::two_factor },
    Migration {
        version: 38,
        name: "audit log scope, append-only",
        steps: super::migrations_audit::audit_scope,
    },
    Migration { version: 39, name: "api tokens and calls", steps: super::migrations_api::api_tokens },
    Migration {
        version: 40,
        name: "account closure and erasure",
        steps: super::migrations_data_protection::account_closure,
    },
];

/// The newest migration this binary knows: the schema version of a database it has
/// migrated, and the one an export or a backup is stamped with.
pub fn latest_version() -> i64 {
    MIGRATIONS.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Every table the migrations create, in the order they create them. Export, import
/// and backup work from this one list, so a new table is carried without being named
/// again (and `tests/backup.rs` fails if a table is ever made some other way).
pub fn tables() -> Vec<String> {
    let mut names = Vec::new();
    for migration in MIGRATIONS {
        for step in (migration.steps)() {
            match step {
                Step::Table(table) => {
                    if let Some(sea_query::TableRef::Table(sea_query::TableName(_, name), _)) =
                        table.get_table_name()
                    {
                        names.push(name.to_string());
                    }
                }
                // A table a later migration drops (migration 28 replaced `reminders_sent`).
                Step::Sql { sqlite, .. } => {
                    if let Some(dropped) = sqlite.strip_prefix("DROP TABLE ") {
                        names.retain(|n| n != dropped.trim());
                    }
                }
                Step::Index(_) => {}
            }
        }
    }
    names
}

const PG_MIGRATION_LOCK: i64 = 0x05a_0001;

/// The statements of one migration as they run on `engine`, so a test can replay a
/// migration that fills a table from data already kept.
pub fn statements(version: i64, engine: Engine) -> Vec<String> {
    MIGRATIONS
        .iter()
        .filter(|m| m.version == version)
        .flat_map(|m| (m.steps)())
        .map(|step| step.render(engine))
        .collect()
}

/// Migrations recorded in the database that this binary does not know: the database
/// was upgraded by a newer osa. Running an older binary on it would read and write a
/// schema it was not built for, so `run` refuses instead (the downgrade guard).
pub fn unknown_versions(applied: &[i64], known: &[Migration]) -> Vec<i64> {
    let mut unknown: Vec<i64> =
        applied.iter().copied().filter(|v| !known.iter().any(|m| m.version == *v)).collect();
    unknown.sort_unstable();
    unknown
}

/// Applies every migration not yet recorded, all in one transaction: a failure part
/// way leaves the schema as it was. Refuses a database migrated by a newer osa.
pub async fn run(db: &Db) -> anyhow::Result<()> {
    let engine = db.engine();
    let mut tx = db.begin().await?;
    if engine == Engine::Postgres {
        // A transaction-level lock: released by the commit, never left on a pooled connection.
        tx.raw_execute(&format!("SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")).await?;
    }
    let create = Table::create()
        .table(SchemaMigrations::Table)
        .if_not_exists()
        .col(ColumnDef::new(SchemaMigrations::Version).big_integer().not_null().primary_key())
        .col(ColumnDef::new(SchemaMigrations::Name).text().not_null())
        .col(ColumnDef::new(SchemaMigrations::AppliedAt).timestamp_with_time_zone().not_null())
        .to_owned();
    tx.raw_execute(&Step::Table(Box::new(create)).render(engine)).await?;
    let applied: Vec<(i64,)> = tx
        .fetch_all(
            &Query::select().column(SchemaMigrations::Version).from(SchemaMigrations::Table).to_owned(),
        )
        .await?;
    let applied: Vec<i64> = applied.into_iter().map(|(v,)| v).collect();
    let unknown = unknown_versions(&applied, MIGRATIONS);
    if let Some(newest) = unknown.last() {
        let known = MIGRATIONS.iter().map(|m| m.version).max().unwrap_or(0);
        anyhow::bail!(
            "this database was migrated by a newer version of osa (it has migration {newest}; \
             this binary knows migrations up to {known}). Run the newer osa on it, or restore \
             a backup taken before the upgrade."
        );
    }
    for migration in MIGRATIONS {
        if applied.contains(&migration.version) {
            continue;
        }
        tracing::info!(version = migration.version, name = migration.name, "applying migration");
        for step in (migration.steps)() {
            tx.raw_execute(&step.render(engine)).await?;
        }
        tx.execute(
            &Query::insert()
                .into_table(SchemaMigrations::Table)
                .columns([SchemaMigrations::Version, SchemaMigrations::Name, SchemaMigrations::AppliedAt])
                .values_panic([
                    migration.version.into(),
                    migration.name.into(),
                    time::OffsetDateTime::now_utc().into(),
                ])
                .to_owned(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) fn id_column<T: sea_query::IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().auto_increment().primary_key().to_owned()
}

pub(super) fn timestamp<T: sea_query::IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).timestamp_with_time_zone().not_null().to_owned()
}

pub(super) fn fk(
    from: (impl sea_query::IntoIden, impl sea_query::IntoIden),
    to: (impl sea_query::IntoIden, impl sea_query::IntoIden),
) -> sea_query::ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

pub(super) fn index(name: &str, table: impl sea_query::IntoIden, columns: &[&str]) -> Step {
    let mut stmt = Index::create().name(name).table(table).to_owned();
    for c in columns {
        stmt.col(sea_query::Alias::new(*c));
    }
    Step::Index(Box::new(stmt))
}

pub(super) fn unique_index(name: &str, table: impl sea_query::IntoIden, columns: &[&str]) -> Step {
    let Step::Index(mut stmt) = index(name, table, columns) else { unreachable!("index makes an index") };
    stmt.unique();
    Step::Index(stmt)
}

#[allow(clippy::too_many_lines, reason = "a declarative list of schema statements")]
fn accounts_and_tenancy() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Users::Table)
                .col(id_column(Users::Id))
                .col(ColumnDef::new(Users::Email).text().not_null().unique_key())
                .col(ColumnDef::new(Users::DisplayName).text().not_null())
                .col(ColumnDef::new(Users::PasswordHash).text().null())
                .col(ColumnDef::new(Users::PlatformAdmin).boolean().not_null().default(false))
                .col(timestamp(Users::CreatedAt))
                .col(ColumnDef::new(Users::LastSignInAt).timestamp_with_time_zone().null())
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(Partnerships::Table)
                .col(id_column(Partnerships::Id))
                .col(ColumnDef::new(Partnerships::Name).text().not_null().unique_key())
                .col(ColumnDef::new(Partnerships::Area).text().not_null())
                .col(ColumnDef::new(Partnerships::Kind).text().not_null())
                .col(timestamp(Partnerships::CreatedAt))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(Organisations::Table)
                .col(id_column(Organisations::Id))
                .col(ColumnDef::new(Organisations::Name).text().not_null())
                .col(ColumnDef::new(Organisations::Sector).text().not_null())
                .col(ColumnDef::new(Organisations::DutyStatus).text().not_null())
                .col(timestamp(Organisations::CreatedAt))
                .to_owned(),
        )),
        index("organisations_name", Organisations::Table, &["name"]),
        Step::Table(Box::new(
            Table::create()
                .table(OrganisationAreas::Table)
                .col(ColumnDef::new(OrganisationAreas::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(OrganisationAreas::PartnershipId).big_integer().not_null())
                .col(timestamp(OrganisationAreas::Since))
                .primary_key(
                    Index::create()
                        .col(OrganisationAreas::OrganisationId)
                        .col(OrganisationAreas::PartnershipId),
                )
                .foreign_key(&mut fk(
                    (OrganisationAreas::Table, OrganisationAreas::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .foreign_key(&mut fk(
                    (OrganisationAreas::Table, OrganisationAreas::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        index(
            "organisation_areas_partnership",
            OrganisationAreas::Table,
            &["partnership_id", "organisation_id"],
        ),
        Step::Table(Box::new(
            Table::create()
                .table(OrgMemberships::Table)
                .col(ColumnDef::new(OrgMemberships::UserId).big_integer().not_null())
                .col(ColumnDef::new(OrgMemberships::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(OrgMemberships::Role).text().not_null())
                .primary_key(
                    Index::create()
                        .col(OrgMemberships::UserId)
                        .col(OrgMemberships::OrganisationId)
                        .col(OrgMemberships::Role),
                )
                .foreign_key(&mut fk(
                    (OrgMemberships::Table, OrgMemberships::UserId),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut fk(
                    (OrgMemberships::Table, OrgMemberships::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )),
        index("org_memberships_organisation", OrgMemberships::Table, &["organisation_id"]),
        Step::Table(Box::new(
            Table::create()
                .table(PartnershipMemberships::Table)
                .col(ColumnDef::new(PartnershipMemberships::UserId).big_integer().not_null())
                .col(ColumnDef::new(PartnershipMemberships::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(PartnershipMemberships::Role).text().not_null())
                .primary_key(
                    Index::create()
                        .col(PartnershipMemberships::UserId)
                        .col(PartnershipMemberships::PartnershipId)
                        .col(PartnershipMemberships::Role),
                )
                .foreign_key(&mut fk(
                    (PartnershipMemberships::Table, PartnershipMemberships::UserId),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut fk(
                    (PartnershipMemberships::Table, PartnershipMemberships::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        index("partnership_memberships_partnership", PartnershipMemberships::Table, &["partnership_id"]),
        Step::Table(Box::new(
            Table::create()
                .table(JoinRequests::Table)
                .col(id_column(JoinRequests::Id))
                .col(ColumnDef::new(JoinRequests::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(JoinRequests::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(JoinRequests::Status).text().not_null())
                .col(ColumnDef::new(JoinRequests::RequestedBy).big_integer().null())
                .col(timestamp(JoinRequests::CreatedAt))
                .col(ColumnDef::new(JoinRequests::DecidedBy).big_integer().null())
                .col(ColumnDef::new(JoinRequests::DecidedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(JoinRequests::DeclineReason).text().null())
                .foreign_key(&mut fk(
                    (JoinRequests::Table, JoinRequests::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .foreign_key(&mut fk(
                    (JoinRequests::Table, JoinRequests::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        index("join_requests_partnership_status", JoinRequests::Table, &["partnership_id", "status"]),
        index("join_requests_organisation", JoinRequests::Table, &["organisation_id"]),
        Step::Table(Box::new(
            Table::create()
                .table(Sessions::Table)
                .col(ColumnDef::new(Sessions::Id).text().not_null().primary_key())
                .col(ColumnDef::new(Sessions::Data).text().not_null())
                .col(timestamp(Sessions::ExpiresAt))
                .to_owned(),
        )),
        index("sessions_expires_at", Sessions::Table, &["expires_at"]),
        Step::Table(Box::new(
            Table::create()
                .table(SignInFailures::Table)
                .col(id_column(SignInFailures::Id))
                .col(ColumnDef::new(SignInFailures::Email).text().not_null())
                .col(ColumnDef::new(SignInFailures::Address).text().not_null())
                .col(timestamp(SignInFailures::At))
                .to_owned(),
        )),
        index("sign_in_failures_email", SignInFailures::Table, &["email", "at"]),
        index("sign_in_failures_address", SignInFailures::Table, &["address", "at"]),
        Step::Table(Box::new(
            Table::create()
                .table(EmailTokens::Table)
                .col(id_column(EmailTokens::Id))
                .col(ColumnDef::new(EmailTokens::UserId).big_integer().not_null())
                .col(ColumnDef::new(EmailTokens::Purpose).text().not_null())
                .col(ColumnDef::new(EmailTokens::TokenHash).text().not_null().unique_key())
                .col(timestamp(EmailTokens::CreatedAt))
                .col(timestamp(EmailTokens::ExpiresAt))
                .col(ColumnDef::new(EmailTokens::UsedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut fk((EmailTokens::Table, EmailTokens::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(Outbox::Table)
                .col(id_column(Outbox::Id))
                .col(ColumnDef::new(Outbox::Recipient).text().not_null())
                .col(ColumnDef::new(Outbox::Subject).text().not_null())
                .col(ColumnDef::new(Outbox::BodyText).text().not_null())
                .col(ColumnDef::new(Outbox::Status).text().not_null())
                .col(timestamp(Outbox::CreatedAt))
                .col(ColumnDef::new(Outbox::SentAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Outbox::Attempts).integer().not_null().default(0))
                .col(ColumnDef::new(Outbox::LastError).text().null())
                .to_owned(),
        )),
        index("outbox_status", Outbox::Table, &["status", "id"]),
        index("outbox_recipient", Outbox::Table, &["recipient", "id"]),
        Step::Table(Box::new(
            Table::create()
                .table(AuditLog::Table)
                .col(id_column(AuditLog::Id))
                .col(timestamp(AuditLog::At))
                .col(ColumnDef::new(AuditLog::ActorUserId).big_integer().null())
                .col(ColumnDef::new(AuditLog::Action).text().not_null())
                .col(ColumnDef::new(AuditLog::Entity).text().not_null())
                .col(ColumnDef::new(AuditLog::EntityId).text().not_null())
                .col(ColumnDef::new(AuditLog::Before).text().null())
                .col(ColumnDef::new(AuditLog::After).text().null())
                .to_owned(),
        )),
        index("audit_log_entity", AuditLog::Table, &["entity", "entity_id"]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_from_this_binary_or_older_has_no_unknown_migrations() {
        assert!(unknown_versions(&[], MIGRATIONS).is_empty());
        assert!(unknown_versions(&[1, 2, 3], MIGRATIONS).is_empty());
        let all: Vec<i64> = MIGRATIONS.iter().map(|m| m.version).collect();
        assert!(unknown_versions(&all, MIGRATIONS).is_empty());
    }

    #[test]
    fn migrations_this_binary_never_had_are_named_in_order() {
        // 11 was never shipped (the gap is deliberate), so a database holding it was not ours.
        assert_eq!(unknown_versions(&[1, 9999, 11, 2], MIGRATIONS), vec![11, 9999]);
    }

    #[test]
    fn migration_versions_are_unique_and_ascending() {
        let versions: Vec<i64> = MIGRATIONS.iter().map(|m| m.version).collect();
        assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    }
}
