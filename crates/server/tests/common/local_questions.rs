//! Steps with a partnership's local questions that several test files take.

use sea_query::{Expr, ExprTrait, Order, Query};

use super::world::World;
use super::{Client, TestApp};

/// Adds a local question to partnership one through its page.
pub async fn add_question(
    admin: &Client,
    world: &World,
    placement: &str,
    title: &str,
    question: &str,
    answer: &str,
) {
    let path = format!("/partnerships/{}/local-questions", world.p1);
    let form = [
        ("placement", placement),
        ("local_standard_title", title),
        ("question", question),
        ("answer_type", answer),
    ];
    let added = admin.post(&path, &form).await;
    assert!(added.status.is_redirection(), "{}", added.body);
}

/// The ids of every local question, oldest first.
pub async fn question_ids(app: &TestApp) -> Vec<i64> {
    use osa_server::db::schema::LocalQuestions;
    let rows: Vec<(i64,)> = app
        .db()
        .fetch_all(
            &Query::select()
                .column(LocalQuestions::Id)
                .from(LocalQuestions::Table)
                .and_where(Expr::col(LocalQuestions::Id).gt(0))
                .order_by(LocalQuestions::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

/// Makes the world's cycle ask exactly `questions`, through its change form (its
/// name and dates as they are).
pub async fn ask_in_world_cycle(admin: &Client, world: &World, questions: &[i64]) -> super::Page {
    let today = time::OffsetDateTime::now_utc().date();
    let (opens, due) = (today - time::Duration::days(1), today + time::Duration::days(30));
    let parts = |d: time::Date| [d.day().to_string(), (d.month() as u8).to_string(), d.year().to_string()];
    let ([od, om, oy], [dd, dm, dy]) = (parts(opens), parts(due));
    let ids: Vec<String> = questions.iter().map(i64::to_string).collect();
    let mut form = vec![
        ("name", "Audit 2027"),
        ("opens_on_day", od.as_str()),
        ("opens_on_month", om.as_str()),
        ("opens_on_year", oy.as_str()),
        ("due_on_day", dd.as_str()),
        ("due_on_month", dm.as_str()),
        ("due_on_year", dy.as_str()),
        ("questions_offered", "yes"),
    ];
    form.extend(ids.iter().map(|id| ("local_questions", id.as_str())));
    admin.post(&format!("/cycles/{}/edit", world.p1_cycle), &form).await
}
