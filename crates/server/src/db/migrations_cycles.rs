//! Migration 12: audit cycles, the partnerships taking part, the framework asked of
//! each sector, action-plan update dates, and the invitations.

use sea_query::{ColumnDef, Index, Table};

use super::migrations::{Step, fk, id_column, index, timestamp, unique_index};
use super::schema::*;

pub fn cycles() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Cycles::Table)
                .col(id_column(Cycles::Id))
                .col(ColumnDef::new(Cycles::PartnershipId).big_integer().not_null())
                .col(ColumnDef::new(Cycles::Name).text().not_null())
                .col(ColumnDef::new(Cycles::MainFrameworkId).big_integer().not_null())
                .col(ColumnDef::new(Cycles::OpensOn).date().not_null())
                .col(ColumnDef::new(Cycles::DueOn).date().not_null())
                .col(ColumnDef::new(Cycles::ClosedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Cycles::CreatedBy).big_integer().not_null())
                .col(timestamp(Cycles::CreatedAt))
                .foreign_key(&mut fk(
                    (Cycles::Table, Cycles::PartnershipId),
                    (Partnerships::Table, Partnerships::Id),
                ))
                .to_owned(),
        )),
        index("cycles_partnership", Cycles::Table, &["partnership_id", "opens_on"]),
        Step::Table(Box::new(
            Table::create()
                .table(CyclePartnerships::Table)
                .col(ColumnDef::new(CyclePartnerships::CycleId).big_integer().not_null())
                .col(ColumnDef::new(CyclePartnerships::PartnershipId).big_integer().not_null())
                .primary_key(
                    Index::create().col(CyclePartnerships::CycleId).col(CyclePartnerships::PartnershipId),
                )
                .foreign_key(&mut fk(
                    (CyclePartnerships::Table, CyclePartnerships::CycleId),
                    (Cycles::Table, Cycles::Id),
                ))
                .to_owned(),
        )),
        index("cycle_partnerships_partnership", CyclePartnerships::Table, &["partnership_id", "cycle_id"]),
        Step::Table(Box::new(
            Table::create()
                .table(CycleSectorFrameworks::Table)
                .col(ColumnDef::new(CycleSectorFrameworks::CycleId).big_integer().not_null())
                .col(ColumnDef::new(CycleSectorFrameworks::Sector).text().not_null())
                .col(ColumnDef::new(CycleSectorFrameworks::FrameworkId).big_integer().not_null())
                .primary_key(
                    Index::create().col(CycleSectorFrameworks::CycleId).col(CycleSectorFrameworks::Sector),
                )
                .foreign_key(&mut fk(
                    (CycleSectorFrameworks::Table, CycleSectorFrameworks::CycleId),
                    (Cycles::Table, Cycles::Id),
                ))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(CycleUpdateDates::Table)
                .col(ColumnDef::new(CycleUpdateDates::CycleId).big_integer().not_null())
                .col(ColumnDef::new(CycleUpdateDates::DueOn).date().not_null())
                .primary_key(Index::create().col(CycleUpdateDates::CycleId).col(CycleUpdateDates::DueOn))
                .foreign_key(&mut fk(
                    (CycleUpdateDates::Table, CycleUpdateDates::CycleId),
                    (Cycles::Table, Cycles::Id),
                ))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(Invitations::Table)
                .col(id_column(Invitations::Id))
                .col(ColumnDef::new(Invitations::CycleId).big_integer().not_null())
                .col(ColumnDef::new(Invitations::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(Invitations::FrameworkId).big_integer().not_null())
                .col(ColumnDef::new(Invitations::FrameworkKey).text().not_null())
                .col(ColumnDef::new(Invitations::ReturnId).big_integer().null())
                .col(ColumnDef::new(Invitations::NonSubmissionReason).text().null())
                .col(ColumnDef::new(Invitations::NonSubmissionBy).big_integer().null())
                .col(ColumnDef::new(Invitations::NonSubmissionAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Invitations::RemindersPaused).boolean().not_null().default(false))
                .col(ColumnDef::new(Invitations::InvitedBy).big_integer().not_null())
                .col(timestamp(Invitations::InvitedAt))
                .foreign_key(&mut fk((Invitations::Table, Invitations::CycleId), (Cycles::Table, Cycles::Id)))
                .foreign_key(&mut fk(
                    (Invitations::Table, Invitations::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )),
        // One invitation per organisation per cycle, however many partnerships it serves.
        unique_index("invitations_cycle_organisation", Invitations::Table, &["cycle_id", "organisation_id"]),
        index("invitations_organisation", Invitations::Table, &["organisation_id", "framework_key"]),
    ]
}

/// Migration 13: per-standard standings of each return, for the dashboards.
pub fn return_standings() -> Vec<Step> {
    vec![Step::Table(Box::new(
        Table::create()
            .table(ReturnStandings::Table)
            .col(ColumnDef::new(ReturnStandings::ReturnId).big_integer().not_null())
            .col(ColumnDef::new(ReturnStandings::StandardCode).text().not_null())
            .col(ColumnDef::new(ReturnStandings::Standing).text().not_null())
            .primary_key(Index::create().col(ReturnStandings::ReturnId).col(ReturnStandings::StandardCode))
            .foreign_key(&mut fk(
                (ReturnStandings::Table, ReturnStandings::ReturnId),
                (Returns::Table, Returns::Id),
            ))
            .to_owned(),
    ))]
}

/// Migration 14: the jobs table, and the record of reminders and notices sent.
pub fn jobs_and_reminders() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(Jobs::Table)
                .col(ColumnDef::new(Jobs::Name).text().not_null().primary_key())
                .col(timestamp(Jobs::NextRunAt))
                .col(ColumnDef::new(Jobs::LockedBy).text().null())
                .col(ColumnDef::new(Jobs::LockedUntil).timestamp_with_time_zone().null())
                .col(ColumnDef::new(Jobs::LastFinishedAt).timestamp_with_time_zone().null())
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(RemindersSent::Table)
                .col(id_column(RemindersSent::Id))
                .col(ColumnDef::new(RemindersSent::InvitationId).big_integer().not_null())
                .col(ColumnDef::new(RemindersSent::Key).text().not_null())
                .col(ColumnDef::new(RemindersSent::Recipients).text().not_null())
                .col(timestamp(RemindersSent::SentAt))
                .foreign_key(&mut fk(
                    (RemindersSent::Table, RemindersSent::InvitationId),
                    (Invitations::Table, Invitations::Id),
                ))
                .to_owned(),
        )),
        // The guarantee that each reminder goes once, whichever server sends it.
        unique_index("reminders_sent_once", RemindersSent::Table, &["invitation_id", "key"]),
        Step::Table(Box::new(
            Table::create()
                .table(ActionNotices::Table)
                .col(ColumnDef::new(ActionNotices::ActionId).big_integer().not_null().primary_key())
                .col(timestamp(ActionNotices::SentAt))
                .foreign_key(&mut fk(
                    (ActionNotices::Table, ActionNotices::ActionId),
                    (Actions::Table, Actions::Id),
                ))
                .to_owned(),
        )),
    ]
}

/// Migration 18: the numbers of each signed-off return, for the distributions, filled
/// in for the returns signed off before it from their snapshots (where a number is
/// kept under `answers.<criterion>.number`, and only numeric criteria have one).
pub fn return_values() -> Vec<Step> {
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(ReturnValues::Table)
                .col(ColumnDef::new(ReturnValues::ReturnId).big_integer().not_null())
                .col(ColumnDef::new(ReturnValues::CriterionCode).text().not_null())
                .col(ColumnDef::new(ReturnValues::Value).double().not_null())
                .primary_key(Index::create().col(ReturnValues::ReturnId).col(ReturnValues::CriterionCode))
                .foreign_key(&mut fk(
                    (ReturnValues::Table, ReturnValues::ReturnId),
                    (Returns::Table, Returns::Id),
                ))
                .to_owned(),
        )),
        Step::Sql {
            sqlite: "INSERT INTO return_values (return_id, criterion_code, value) \
                     SELECT r.id, a.key, json_extract(a.value, '$.number') \
                     FROM returns r, json_each(r.snapshot, '$.answers') a \
                     WHERE json_type(a.value, '$.number') IN ('integer', 'real')",
            postgres: "INSERT INTO return_values (return_id, criterion_code, value) \
                       SELECT r.id, a.key, (a.value->>'number')::double precision \
                       FROM returns r, jsonb_each(r.snapshot::jsonb -> 'answers') a \
                       WHERE jsonb_typeof(a.value -> 'number') = 'number'",
        },
    ]
}

/// Migration 19: whether each standard of a return applies (a standard answered not
/// applicable throughout is green under the rule but is left out of every share), and
/// each criterion's counted rating for the per-criterion shares. Returns signed off
/// before it are summarised from their snapshots by `cycles::summaries::backfill` at
/// start-up (placing criteria in standards needs the framework, which SQL cannot read);
/// until then their standards count as applying, as they did before.
pub fn return_ratings() -> Vec<Step> {
    vec![
        Step::Sql {
            sqlite: "ALTER TABLE return_standings ADD COLUMN applies BOOLEAN NOT NULL DEFAULT TRUE",
            postgres: "ALTER TABLE return_standings ADD COLUMN applies BOOLEAN NOT NULL DEFAULT TRUE",
        },
        Step::Table(Box::new(
            Table::create()
                .table(ReturnRatings::Table)
                .col(ColumnDef::new(ReturnRatings::ReturnId).big_integer().not_null())
                .col(ColumnDef::new(ReturnRatings::CriterionCode).text().not_null())
                .col(ColumnDef::new(ReturnRatings::Rating).text().not_null())
                .primary_key(Index::create().col(ReturnRatings::ReturnId).col(ReturnRatings::CriterionCode))
                .foreign_key(&mut fk(
                    (ReturnRatings::Table, ReturnRatings::ReturnId),
                    (Returns::Table, Returns::Id),
                ))
                .to_owned(),
        )),
        Step::Table(Box::new(
            Table::create()
                .table(SummarisedReturns::Table)
                .col(ColumnDef::new(SummarisedReturns::ReturnId).big_integer().not_null().primary_key())
                .foreign_key(&mut fk(
                    (SummarisedReturns::Table, SummarisedReturns::ReturnId),
                    (Returns::Table, Returns::Id),
                ))
                .to_owned(),
        )),
    ]
}

/// Migration 20: a neighbour joins a region's cycle only when one of its admins
/// accepts. Before it, naming a partnership as a neighbour made it a member at once,
/// so one partnership could pull another into its cycle and invite that one's
/// organisations without being asked.
///
/// The rows already kept are marked accepted (at the cycle's opening, by nobody
/// recorded): those cycles are in use, their organisations invited and returns
/// linked, and dropping the neighbours would hide live cycles from partnerships that
/// run them together. That is safe for the returns themselves, because since this
/// version a cycle's pages show a reader only the returns sent to a partnership the
/// reader holds a role in (`cycles::visible`), whoever else takes part.
pub fn region_consent() -> Vec<Step> {
    let add = |sqlite: &'static str, postgres: &'static str| Step::Sql { sqlite, postgres };
    vec![
        add(
            "ALTER TABLE cycle_partnerships ADD COLUMN invited_by bigint NULL",
            "ALTER TABLE cycle_partnerships ADD COLUMN invited_by bigint NULL",
        ),
        add(
            "ALTER TABLE cycle_partnerships ADD COLUMN accepted_at timestamp_with_timezone_text NULL",
            "ALTER TABLE cycle_partnerships ADD COLUMN accepted_at timestamp with time zone NULL",
        ),
        add(
            "ALTER TABLE cycle_partnerships ADD COLUMN declined_at timestamp_with_timezone_text NULL",
            "ALTER TABLE cycle_partnerships ADD COLUMN declined_at timestamp with time zone NULL",
        ),
        add(
            "ALTER TABLE cycle_partnerships ADD COLUMN decided_by bigint NULL",
            "ALTER TABLE cycle_partnerships ADD COLUMN decided_by bigint NULL",
        ),
        add(
            "UPDATE cycle_partnerships SET accepted_at = \
             (SELECT created_at FROM cycles WHERE cycles.id = cycle_partnerships.cycle_id)",
            "UPDATE cycle_partnerships SET accepted_at = \
             (SELECT created_at FROM cycles WHERE cycles.id = cycle_partnerships.cycle_id)",
        ),
    ]
}

/// Migration 28: reminders are recorded per cycle and organisation, not per
/// invitation. Withdrawing an invitation deletes its row, and with it (by the
/// cascade) the record of the reminders it had been sent, so inviting the
/// organisation again sent them all a second time. The records move to a table that
/// outlives the invitation.
pub fn reminders_outlive_invitations() -> Vec<Step> {
    let same = |sql: &'static str| Step::Sql { sqlite: sql, postgres: sql };
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(RemindersLog::Table)
                .col(id_column(RemindersLog::Id))
                .col(ColumnDef::new(RemindersLog::CycleId).big_integer().not_null())
                .col(ColumnDef::new(RemindersLog::OrganisationId).big_integer().not_null())
                .col(ColumnDef::new(RemindersLog::Key).text().not_null())
                .col(ColumnDef::new(RemindersLog::Recipients).text().not_null())
                .col(timestamp(RemindersLog::SentAt))
                .foreign_key(&mut fk(
                    (RemindersLog::Table, RemindersLog::CycleId),
                    (Cycles::Table, Cycles::Id),
                ))
                .foreign_key(&mut fk(
                    (RemindersLog::Table, RemindersLog::OrganisationId),
                    (Organisations::Table, Organisations::Id),
                ))
                .to_owned(),
        )),
        // The guarantee that each reminder goes once, whichever server sends it.
        unique_index("reminders_log_once", RemindersLog::Table, &["cycle_id", "organisation_id", "key"]),
        same(
            "INSERT INTO reminders_log (cycle_id, organisation_id, key, recipients, sent_at) \
             SELECT i.cycle_id, i.organisation_id, r.key, r.recipients, r.sent_at \
             FROM reminders_sent r JOIN invitations i ON i.id = r.invitation_id",
        ),
        same("DROP TABLE reminders_sent"),
    ]
}
