//! Steps of the organisation's journey that several test files take.

use super::world::*;
use super::{Client, TestApp};

/// The value of the field named `name` on a page (its HTML as a string).
pub fn hidden(body: &str, name: &str) -> String {
    super::html::field_in(body, name).unwrap_or_else(|| panic!("no field {name}"))
}

/// Saves standard 1 of o1's assessment as `client`: 1.1 met with a narrative, 1.2 the
/// given percentage.
pub async fn answer_standard_one(client: &Client, world: &World, value: &str) {
    let path = format!("/assessments/{}/standards/1", world.o1_assessment);
    let page = client.get(&path).await;
    let (v1, v2) = (hidden(&page.body, "version:1.1"), hidden(&page.body, "version:1.2"));
    let saved = client
        .post(
            &path,
            &[
                ("value:1.1", "met"),
                ("narrative:1.1", "Named on posters."),
                ("value:1.2", value),
                ("version:1.1", &v1),
                ("version:1.2", &v2),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
}

/// Signs off (as o1's senior sign-off) and submits (as `lead`) o1's return.
pub async fn sign_off_and_submit(signoff: &Client, lead: &Client, world: &World) {
    let id = world.o1_assessment;
    let signed = signoff.post(&format!("/assessments/{id}/sign-off"), &[("declaration", "yes")]).await;
    assert!(signed.status.is_redirection());
    let submitted = lead.post(&format!("/assessments/{id}/submit"), &[]).await;
    assert!(submitted.status.is_redirection());
    assert!(lead.get(&format!("/assessments/{id}/check")).await.body.contains("Returns submitted"));
}

/// o1's return, answered (1.2 at 90%), signed off and submitted to p1; its id.
pub async fn submitted_return(app: &TestApp, world: &World) -> i64 {
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, world, "90").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, world).await;
    let page = lead.get(&format!("/assessments/{}/check", world.o1_assessment)).await;
    let start = page.body.find("/returns/").expect("a link to the return") + "/returns/".len();
    page.body[start..].split(['/', '"']).next().unwrap().parse().unwrap()
}

/// Makes the world's hand-added action overdue (target 1 February 2020) and in
/// progress, as `lead`.
pub async fn make_world_action_overdue(lead: &Client, world: &World) {
    let saved = lead
        .post(
            &format!("/assessments/{}/actions/{}", world.o1_assessment, world.o1_action),
            &[
                ("what", "Refresh the safeguarding policy"),
                ("responsible_lead", "Jo Lead"),
                ("day", "1"),
                ("month", "2"),
                ("year", "2020"),
                ("expected_outcome", "Everyone follows the new policy"),
                ("impact_measure", "Audit of ten files"),
                ("status", "in_progress"),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
}
