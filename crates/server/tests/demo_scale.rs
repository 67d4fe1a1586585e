//! `osa demo --scale region`: a generated region loads on either engine, holds what its
//! plan says, is the same for the same seed, and reads through the real pages to the
//! right people only. (National is the same code at 50 times the size: run by hand,
//! timings in the README.)

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
