//! Migration 33: the local questions each cycle asks. Until now every local question
//! of a partnership was asked of every organisation serving it; from now on a cycle
//! asks the questions chosen when it was set up. Every cycle already kept is given
//! what it asked under the old rule: each question of a partnership taking part, for
//! a framework the cycle asks for.

use sea_query::{ColumnDef, Index, Table};

use super::migrations::{Step, fk, index};
use super::schema::*;

pub fn cycle_local_questions() -> Vec<Step> {
    let same = |sql: &'static str| Step::Sql { sqlite: sql, postgres: sql };
    vec![
        Step::Table(Box::new(
            Table::create()
                .table(CycleLocalQuestions::Table)
                .col(ColumnDef::new(CycleLocalQuestions::CycleId).big_integer().not_null())
                .col(ColumnDef::new(CycleLocalQuestions::LocalQuestionId).big_integer().not_null())
                .primary_key(
                    Index::create()
                        .col(CycleLocalQuestions::CycleId)
                        .col(CycleLocalQuestions::LocalQuestionId),
                )
                .foreign_key(&mut fk(
                    (CycleLocalQuestions::Table, CycleLocalQuestions::CycleId),
                    (Cycles::Table, Cycles::Id),
                ))
                .foreign_key(&mut fk(
                    (CycleLocalQuestions::Table, CycleLocalQuestions::LocalQuestionId),
                    (LocalQuestions::Table, LocalQuestions::Id),
                ))
                .to_owned(),
        )),
        index("cycle_local_questions_question", CycleLocalQuestions::Table, &["local_question_id"]),
        same(
            "INSERT INTO cycle_local_questions (cycle_id, local_question_id) \
             SELECT DISTINCT c.id, q.id FROM cycles c \
             JOIN cycle_partnerships cp ON cp.cycle_id = c.id AND cp.accepted_at IS NOT NULL \
             JOIN local_questions q ON q.partnership_id = cp.partnership_id \
             JOIN frameworks f ON f.key = q.framework_key \
             WHERE f.id = c.main_framework_id \
                OR f.id IN (SELECT s.framework_id FROM cycle_sector_frameworks s WHERE s.cycle_id = c.id)",
        ),
    ]
}
