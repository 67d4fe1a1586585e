//! The area both benchmarks generate: a partnership, a 100-criterion framework (the
//! last criterion of each standard a percentage), organisations across sectors and
//! duty statuses, submitted returns with their standings, ratings and numbers, and two
//! cycles those returns answer. One generator, so both benchmarks measure the same
//! shape of data at their own size.
#![allow(dead_code)]

use std::time::Duration;

use osa_core::framework::Standing;
use osa_core::tenancy::{DutyStatus, PartnershipKind, Sector};
use osa_server::cycles::store::{self, NewCycle};
use osa_server::db::Db;
use osa_server::db::schema::{
    Assessments, Invitations, OrganisationAreas, Organisations, ReturnPartnerships, ReturnRatings,
    ReturnStandings, ReturnValues, Returns,
};
use sea_query::Query;
use time::OffsetDateTime;

pub const STANDARDS: usize = 10;
pub const CRITERIA_PER_STANDARD: usize = 10;

/// How many organisations to generate, and how many of them have submitted.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub organisations: usize,
    pub submitted: usize,
}

pub fn framework_toml() -> String {
    let mut text = String::from(
        "[framework]\nkey = \"bench\"\nname = \"Benchmark framework\"\naudience = \"children\"\nversion = 1\n\
         description = \"Generated for a benchmark.\"\nstanding_rule = \"default\"\n",
    );
    for s in 1..=STANDARDS {
        text += &format!(
            "\n[[standards]]\ncode = \"{s}\"\ntitle = \"Standard {s}\"\noutcome = \"Outcome {s}.\"\n"
        );
        for c in 1..=CRITERIA_PER_STANDARD {
            text += &format!(
                "\n[[standards.criteria]]\ncode = \"{s}.{c}\"\nquestion = \"Question {s}.{c}?\"\nguidance = \"Guidance.\"\n\
                 evidence = [\"Evidence\"]\nanswer = \"{answer}\"\nnot_applicable = {rated}\nnarrative_required = false\n",
                // The last criterion of each standard asks for a percentage, for the distributions.
                answer = if c == CRITERIA_PER_STANDARD { "percentage" } else { "rating" },
                // Only rated criteria may be answered "not applicable".
                rated = c != CRITERIA_PER_STANDARD,
            );
        }
    }
    text
}

pub async fn database() -> (String, Option<(String, String)>) {
    match std::env::var("OSA_BENCH_DATABASE_URL") {
        Ok(server) if !server.is_empty() => {
            let name = format!("osa_bench_{}", std::process::id());
            let admin = Db::connect(&server).await.expect("cannot reach OSA_BENCH_DATABASE_URL");
            admin.raw_execute(&format!("CREATE DATABASE {name}")).await.expect("cannot create a database");
            admin.close().await;
            let mut url = url::Url::parse(&server).expect("not a URL");
            url.set_path(&format!("/{name}"));
            (url.to_string(), Some((server, name)))
        }
        _ => {
            let path = std::env::temp_dir().join(format!("osa-bench-{}.db", std::process::id()));
            (format!("sqlite://{}", path.display()), None)
        }
    }
}

/// Inserts rows in batches of 500 (one statement each).
pub async fn insert_all(db: &Db, stmt: sea_query::InsertStatement, rows: Vec<Vec<sea_query::SimpleExpr>>) {
    for chunk in rows.chunks(500) {
        let mut batch = stmt.clone();
        for row in chunk {
            batch.values_panic(row.clone());
        }
        db.execute(&batch).await.expect("insert failed");
    }
}

#[allow(clippy::too_many_lines, reason = "the generated area is built in one pass, one step per block")]
pub async fn generate(db: &Db, size: Size) -> (store::CycleRow, Vec<(i64, String)>) {
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin().await.unwrap();
    let partnership = osa_server::partnerships::store::create(
        &mut tx,
        None,
        osa_server::partnerships::store::NewPartnership {
            name: "Bench partnership",
            area: "Bench area",
            kind: PartnershipKind::Children,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let framework =
        match osa_server::frameworks::import::import(db, None, None, true, framework_toml().as_bytes(), true)
            .await
        {
            Ok(done) => done.id,
            Err(osa_server::frameworks::import::ImportError::Invalid(problems)) => {
                let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
                panic!("the generated framework is not valid: {}", problems.join("; "))
            }
            Err(osa_server::frameworks::import::ImportError::NotOwner { key }) => {
                panic!("the generated framework's key {key} is taken")
            }
            Err(osa_server::frameworks::import::ImportError::Storage(e)) => {
                panic!("the generated framework could not be stored: {e:#}")
            }
        };
    let sectors = Sector::ALL;
    let duties = DutyStatus::ALL;
    let org_rows = (0..size.organisations)
        .map(|i| {
            vec![
                format!("Organisation {i:04}").into(),
                sectors[i % sectors.len()].code().into(),
                duties[i % duties.len()].code().into(),
                now.into(),
            ]
        })
        .collect();
    insert_all(
        db,
        Query::insert()
            .into_table(Organisations::Table)
            .columns([
                Organisations::Name,
                Organisations::Sector,
                Organisations::DutyStatus,
                Organisations::CreatedAt,
            ])
            .to_owned(),
        org_rows,
    )
    .await;
    let ids: Vec<(i64,)> = db
        .fetch_all(&Query::select().column(Organisations::Id).from(Organisations::Table).to_owned())
        .await
        .unwrap();
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    insert_all(
        db,
        Query::insert()
            .into_table(OrganisationAreas::Table)
            .columns([
                OrganisationAreas::OrganisationId,
                OrganisationAreas::PartnershipId,
                OrganisationAreas::Since,
            ])
            .to_owned(),
        ids.iter().map(|id| vec![(*id).into(), partnership.into(), now.into()]).collect(),
    )
    .await;
    // The cycle timed, and the one before it that the dashboard compares with.
    let mut tx = db.begin().await.unwrap();
    let mut cycles = Vec::new();
    for (name, opens_on) in
        [("Bench cycle before", now.date() - time::Duration::days(730)), ("Bench cycle", now.date())]
    {
        let id = store::create(
            &mut tx,
            0,
            &NewCycle {
                partnership,
                name: name.into(),
                main_framework: framework,
                by_sector: Vec::new(),
                opens_on,
                due_on: opens_on + time::Duration::days(60),
                updates_due: Vec::new(),
                neighbours: Vec::new(),
            },
        )
        .await
        .unwrap();
        cycles.push(id);
    }
    tx.commit().await.unwrap();
    let cycle = cycles[1];
    let submitted = &ids[..size.submitted];
    insert_all(
        db,
        Query::insert()
            .into_table(Assessments::Table)
            .columns([
                Assessments::OrganisationId,
                Assessments::FrameworkKey,
                Assessments::FrameworkId,
                Assessments::CreatedAt,
                Assessments::CreatedBy,
            ])
            .to_owned(),
        submitted
            .iter()
            .map(|o| vec![(*o).into(), "bench".into(), framework.into(), now.into(), 0i64.into()])
            .collect(),
    )
    .await;
    let assessments: Vec<(i64, i64)> = db
        .fetch_all(
            &Query::select()
                .columns([Assessments::Id, Assessments::OrganisationId])
                .from(Assessments::Table)
                .to_owned(),
        )
        .await
        .unwrap();
    insert_all(
        db,
        Query::insert()
            .into_table(Returns::Table)
            .columns([
                Returns::AssessmentId,
                Returns::FrameworkId,
                Returns::State,
                Returns::Snapshot,
                Returns::SignedOffBy,
                Returns::SignedOffAt,
            ])
            .to_owned(),
        assessments
            .iter()
            .map(|(a, _)| {
                vec![(*a).into(), framework.into(), "submitted".into(), "{}".into(), 0i64.into(), now.into()]
            })
            .collect(),
    )
    .await;
    let returns: Vec<(i64, i64)> = db
        .fetch_all(
            &Query::select().columns([Returns::Id, Returns::AssessmentId]).from(Returns::Table).to_owned(),
        )
        .await
        .unwrap();
    // Every return went to the partnership, so the dashboard reads them all.
    insert_all(
        db,
        Query::insert()
            .into_table(ReturnPartnerships::Table)
            .columns([ReturnPartnerships::ReturnId, ReturnPartnerships::PartnershipId])
            .to_owned(),
        returns.iter().map(|(ret, _)| vec![(*ret).into(), partnership.into()]).collect(),
    )
    .await;
    let standings = [Standing::Green, Standing::Amber, Standing::Red];
    let mut standing_rows = Vec::new();
    for (i, (ret, _)) in returns.iter().enumerate() {
        for s in 1..=STANDARDS {
            let standing = standings[(i + s) % 3];
            standing_rows.push(vec![(*ret).into(), s.to_string().into(), standing.code().into()]);
        }
    }
    insert_all(
        db,
        Query::insert()
            .into_table(ReturnStandings::Table)
            .columns([ReturnStandings::ReturnId, ReturnStandings::StandardCode, ReturnStandings::Standing])
            .to_owned(),
        standing_rows,
    )
    .await;
    // Every rated criterion's rating, as sign-off keeps them for the per-question
    // shares; one in twenty answered not applicable.
    let ratings = ["met", "partially_met", "not_met", "met", "met"];
    let rating_rows = returns
        .iter()
        .enumerate()
        .flat_map(|(i, (ret, _))| {
            (1..=STANDARDS).flat_map(move |s| {
                (1..CRITERIA_PER_STANDARD).map(move |c| {
                    let rating =
                        if (i + s + c) % 20 == 0 { "not_applicable" } else { ratings[(i + s * c) % 5] };
                    vec![(*ret).into(), format!("{s}.{c}").into(), rating.into()]
                })
            })
        })
        .collect();
    insert_all(
        db,
        Query::insert()
            .into_table(ReturnRatings::Table)
            .columns([ReturnRatings::ReturnId, ReturnRatings::CriterionCode, ReturnRatings::Rating])
            .to_owned(),
        rating_rows,
    )
    .await;
    let value_rows = returns
        .iter()
        .enumerate()
        .flat_map(|(i, (ret, _))| {
            (1..=STANDARDS).map(move |s| {
                let value = ((i * 7 + s * 13) % 101) as f64;
                vec![(*ret).into(), format!("{s}.{CRITERIA_PER_STANDARD}").into(), value.into()]
            })
        })
        .collect();
    insert_all(
        db,
        Query::insert()
            .into_table(ReturnValues::Table)
            .columns([ReturnValues::ReturnId, ReturnValues::CriterionCode, ReturnValues::Value])
            .to_owned(),
        value_rows,
    )
    .await;
    let return_of = |org: i64| {
        let assessment = assessments.iter().find(|(_, o)| *o == org).map(|(a, _)| *a)?;
        returns.iter().find(|(_, a)| *a == assessment).map(|(r, _)| *r)
    };
    // Each organisation's one return answers both cycles: the comparison reads as much as
    // a real one would.
    for invited_to in &cycles {
        insert_all(
            db,
            Query::insert()
                .into_table(Invitations::Table)
                .columns([
                    Invitations::CycleId,
                    Invitations::OrganisationId,
                    Invitations::FrameworkId,
                    Invitations::FrameworkKey,
                    Invitations::ReturnId,
                    Invitations::RemindersPaused,
                    Invitations::InvitedBy,
                    Invitations::InvitedAt,
                ])
                .to_owned(),
            ids.iter()
                .map(|o| {
                    vec![
                        (*invited_to).into(),
                        (*o).into(),
                        framework.into(),
                        "bench".into(),
                        return_of(*o).into(),
                        false.into(),
                        0i64.into(),
                        now.into(),
                    ]
                })
                .collect(),
        )
        .await;
    }
    let row = store::get(db, cycle).await.unwrap().unwrap();
    (row, vec![(partnership, "Bench partnership".into())])
}

pub fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.1} ms, min {:.1} ms, max {:.1} ms over {} runs",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    )
}
