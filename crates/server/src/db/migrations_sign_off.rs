//! Migration 31: asking the senior sign-off to check a return, and recording on the
//! return when one person both completed and signed it off.

use sea_query::{ColumnDef, Table};

use super::migrations::{Step, fk, id_column, timestamp};
use super::schema::*;

pub fn sign_off() -> Vec<Step> {
    let same = |sql: &'static str| Step::Sql { sqlite: sql, postgres: sql };
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(SignOffRequests::Table)
                .col(id_column(SignOffRequests::Id))
                .col(ColumnDef::new(SignOffRequests::AssessmentId).big_integer().not_null())
                .col(ColumnDef::new(SignOffRequests::RequestedBy).big_integer().not_null())
                .col(timestamp(SignOffRequests::RequestedAt))
                .col(ColumnDef::new(SignOffRequests::ClosedAt).timestamp_with_time_zone().null())
                .col(ColumnDef::new(SignOffRequests::ReturnId).big_integer().null())
                .foreign_key(&mut fk(
                    (SignOffRequests::Table, SignOffRequests::AssessmentId),
                    (Assessments::Table, Assessments::Id),
                ))
                .foreign_key(&mut fk(
                    (SignOffRequests::Table, SignOffRequests::RequestedBy),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )),
        // The guarantee that asking again (a reload, a second press) mails no one twice.
        same(
            "CREATE UNIQUE INDEX sign_off_requests_open ON sign_off_requests (assessment_id, requested_by) \
             WHERE closed_at IS NULL",
        ),
        same("ALTER TABLE returns ADD COLUMN same_person BOOLEAN NOT NULL DEFAULT FALSE"),
    ]
}
