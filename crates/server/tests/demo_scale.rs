//! `osa demo --scale region`: a generated region loads on either engine, holds what its
//! plan says, is the same for the same seed, and reads through the real pages to the
//! right people only. (National is the same code at 50 times the size: run by hand,
//! timings in the README.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::{PASSWORD, TestApp};
use osa_server::demo::scale::plan::{Progress, org_email, partnership_email};
use osa_server::demo::scale::{self, Plan, Scale};
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

const SEED: u64 = 20_261_204;

async fn count(app: &TestApp, table: &str) -> i64 {
    let rows: Vec<(i64,)> = match app.db() {
        osa_server::db::Db::Sqlite(pool) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_all(pool).await
        }
        osa_server::db::Db::Postgres(pool) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_all(pool).await
        }
    }
    .unwrap();
    rows[0].0
}

/// A digest of what a few tables hold (not their timestamps, which follow the clock).
async fn checksum(app: &TestApp) -> String {
    let queries = [
        "SELECT id, name || '|' || sector || '|' || duty_status FROM organisations ORDER BY id",
        "SELECT organisation_id, CAST(partnership_id AS TEXT) FROM organisation_areas ORDER BY organisation_id, partnership_id",
        "SELECT id, criterion_code || '|' || COALESCE(rating, '') || '|' || narrative FROM responses ORDER BY assessment_id, criterion_code",
        "SELECT return_id, criterion_code || '|' || rating FROM return_ratings ORDER BY return_id, criterion_code",
        "SELECT id, email FROM users ORDER BY id",
    ];
    let mut digest = Sha256::new();
    for sql in queries {
        // The responses' own ids are left out: only what they say counts.
        let rows: Vec<(i64, String)> = match app.db() {
            osa_server::db::Db::Sqlite(pool) => {
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
            }
            osa_server::db::Db::Postgres(pool) => {
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
            }
        }
        .unwrap();
        assert!(!rows.is_empty(), "{sql} found nothing");
        for (id, text) in rows {
            if !sql.contains("FROM responses") {
                digest.update(id.to_le_bytes());
            }
            digest.update(text.as_bytes());
        }
    }
    digest.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn a_generated_region_holds_its_plan_and_the_same_seed_gives_the_same_data() {
    let app = TestApp::spawn().await;
    let summary = scale::load(app.db(), PASSWORD, Scale::Region, SEED).await.unwrap();
    let plan = Plan::new(Scale::Region, SEED);
    assert_eq!(count(&app, "partnerships").await, plan.partnerships.len() as i64);
    assert_eq!(count(&app, "organisations").await, 500);
    assert_eq!(count(&app, "users").await, plan.people.len() as i64);
    let areas: usize = plan.organisations.iter().map(|o| o.areas.len()).sum();
    assert_eq!(count(&app, "organisation_areas").await, areas as i64);
    let returns = plan.organisations.iter().filter(|o| o.submitted_before).count()
        + plan.organisations.iter().filter(|o| o.progress == Progress::Submitted).count();
    assert_eq!(count(&app, "returns").await, returns as i64);
    assert_eq!(summary.returns, returns as u64);
    assert_eq!(count(&app, "responses").await, summary.responses as i64);
    assert_eq!(count(&app, "narrative_passages").await, summary.passages as i64);
    assert_eq!(count(&app, "invitations").await, (areas * 2) as i64, "each area's two cycles invite");
    assert_eq!(count(&app, "cycles").await, (plan.partnerships.len() * 2) as i64);
    assert_eq!(count(&app, "return_threads").await, summary.challenges as i64);
    assert!(summary.challenges > 0 && summary.actions > 0, "{summary}");
    // Every return is summarised and indexed, so the start-up backfills find nothing.
    assert_eq!(count(&app, "summarised_returns").await, returns as i64);
    assert_eq!(count(&app, "narrative_indexed_returns").await, returns as i64);
    assert_eq!(osa_server::cycles::summaries::backfill(app.db()).await.unwrap(), 0);
    assert_eq!(osa_server::narratives::index::backfill(app.db()).await.unwrap(), 0);
    // At 100 criteria, about 100 answers a return.
    assert!(summary.return_answers > returns as u64 * 80, "{summary}");

    let again = TestApp::spawn().await;
    let repeated = scale::load(again.db(), PASSWORD, Scale::Region, SEED).await.unwrap();
    assert_eq!(summary, repeated);
    assert_eq!(checksum(&app).await, checksum(&again).await, "the same seed gives the same data");

    // A generated database refuses a second load.
    assert!(scale::load(app.db(), PASSWORD, Scale::Region, SEED).await.is_err());
}

#[tokio::test]
async fn generated_dashboards_and_returns_answer_their_own_people_only() {
    let app = TestApp::spawn().await;
    scale::load(app.db(), PASSWORD, Scale::Region, SEED).await.unwrap();
    let plan = Plan::new(Scale::Region, SEED);
    let (ours, theirs) = (&plan.partnerships[0], &plan.partnerships[1]);
    let cycles = osa_server::cycles::store::of_partnership(app.db(), ours.id).await.unwrap();
    let current = cycles.iter().find(|c| c.name == "Section 11 audit 2027").unwrap();

    let analyst =
        app.signed_in(&partnership_email(osa_core::tenancy::PartnershipRole::Analyst, ours.id)).await;
    let dashboard = analyst.get(&format!("/cycles/{}/dashboard", current.id)).await;
    assert_eq!(dashboard.status, StatusCode::OK, "{}", dashboard.body);
    // The response rate is the plan's: everyone serving the area invited, those who
    // finished this cycle submitted.
    let invited: Vec<_> = plan.organisations.iter().filter(|o| o.areas.contains(&ours.id)).collect();
    let submitted = invited.iter().filter(|o| o.progress == Progress::Submitted).count();
    let rate = format!("({submitted} of {})", invited.len());
    assert!(dashboard.body.contains(&rate), "the dashboard shows {rate}");
    let other =
        app.signed_in(&partnership_email(osa_core::tenancy::PartnershipRole::Analyst, theirs.id)).await;
    assert_eq!(other.get(&format!("/cycles/{}/dashboard", current.id)).await.status, StatusCode::NOT_FOUND);

    // A return sent to our partnership only, read by its panel and by its organisation.
    let org = plan
        .organisations
        .iter()
        .find(|o| o.progress == Progress::Submitted && o.areas == [ours.id])
        .unwrap();
    let path = format!("/returns/{}", org.id * 2);
    let panel =
        app.signed_in(&partnership_email(osa_core::tenancy::PartnershipRole::PanelMember, ours.id)).await;
    let page = panel.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let shown = ["&#39;", "&#x27;", "'"].iter().any(|q| page.body.contains(&org.name.replace('\'', q)));
    assert!(shown, "the return names {}", org.name);
    let lead = app.signed_in(&org_email(osa_core::tenancy::OrgRole::SafeguardingLead, org.id)).await;
    assert_eq!(lead.get(&path).await.status, StatusCode::OK);
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND, "another partnership");
    let stranger = plan.organisations.iter().find(|o| o.id != org.id).unwrap();
    let their_lead =
        app.signed_in(&org_email(osa_core::tenancy::OrgRole::SafeguardingLead, stranger.id)).await;
    assert_eq!(their_lead.get(&path).await.status, StatusCode::NOT_FOUND, "another organisation");
}

/// The bulk writer must leave exactly what a person's sign-off leaves: sign the same
/// answers off again through `assessments::record::sign_off` (in a transaction that is
/// then dropped) and compare the snapshot and every summary row the dashboards,
/// distributions and search read.
#[tokio::test]
async fn generated_returns_hold_what_a_real_sign_off_writes() {
    use osa_server::db::schema::{ReturnRatings, ReturnStandings, ReturnValues, Returns};
    use osa_server::narratives::schema::NarrativePassages;
    use sea_query::{Expr, ExprTrait, Query};

    let app = TestApp::spawn().await;
    scale::load(app.db(), PASSWORD, Scale::Region, SEED).await.unwrap();
    let plan = Plan::new(Scale::Region, SEED);
    // One organisation of each audience, so both extended frameworks are compared.
    for audience in [osa_core::framework::Audience::Children, osa_core::framework::Audience::Adults] {
        let org = plan
            .organisations
            .iter()
            .find(|o| o.audience == audience && o.progress == Progress::Submitted)
            .unwrap();
        let generated = org.id * 2;
        let (framework_id, snapshot): (i64, String) = app
            .db()
            .fetch_one(
                &Query::select()
                    .columns([Returns::FrameworkId, Returns::Snapshot])
                    .from(Returns::Table)
                    .and_where(Expr::col(Returns::Id).eq(generated))
                    .to_owned(),
            )
            .await
            .unwrap();
        let parsed = osa_core::report::parse_snapshot(&snapshot).unwrap();
        let stored = osa_server::frameworks::store::load(app.db(), framework_id).await.unwrap().unwrap();
        let mut tx = app.db().begin().await.unwrap();
        let real = osa_server::assessments::record::sign_off(
            &mut tx,
            &osa_server::assessments::record::SignOff {
                assessment: org.id,
                framework_id,
                framework: &stored.framework,
                local_questions: &[],
                answers: &parsed.answers,
                evidence: serde_json::json!({}),
                sector: org.sector,
                duty: org.duty,
                by: 1,
                at: time::OffsetDateTime::now_utc(),
                same_person: false,
            },
        )
        .await
        .unwrap();
        let (real_snapshot,): (String,) = tx
            .fetch_one(
                &Query::select()
                    .column(Returns::Snapshot)
                    .from(Returns::Table)
                    .and_where(Expr::col(Returns::Id).eq(real))
                    .to_owned(),
            )
            .await
            .unwrap();
        let as_json = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
        assert_eq!(as_json(&snapshot), as_json(&real_snapshot), "{audience:?} snapshot");
        macro_rules! rows {
            ($t:ident, [$($c:ident),+], $ty:ty, $id:expr) => {{
                let mut rows: Vec<$ty> = tx
                    .fetch_all(
                        &Query::select()
                            .columns([$($t::$c),+])
                            .from($t::Table)
                            .and_where(Expr::col($t::ReturnId).eq($id))
                            .to_owned(),
                    )
                    .await
                    .unwrap();
                rows.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
                rows
            }};
        }
        assert_eq!(
            rows!(ReturnStandings, [StandardCode, Standing, Applies], (String, String, bool), generated),
            rows!(ReturnStandings, [StandardCode, Standing, Applies], (String, String, bool), real),
            "{audience:?} standings"
        );
        let ratings = rows!(ReturnRatings, [CriterionCode, Rating], (String, String), generated);
        assert!(ratings.len() > 50, "{audience:?}: {} ratings", ratings.len());
        assert_eq!(ratings, rows!(ReturnRatings, [CriterionCode, Rating], (String, String), real));
        assert_eq!(
            rows!(ReturnValues, [CriterionCode, Value], (String, f64), generated),
            rows!(ReturnValues, [CriterionCode, Value], (String, f64), real),
            "{audience:?} numbers"
        );
        let passages = rows!(
            NarrativePassages,
            [CriterionCode, StandardCode, Passage],
            (String, String, String),
            generated
        );
        assert!(!passages.is_empty());
        assert_eq!(
            passages,
            rows!(NarrativePassages, [CriterionCode, StandardCode, Passage], (String, String, String), real),
            "{audience:?} passages"
        );
        drop(tx);
    }
}
