//! Error pages look like the service (issue 15, item 20): a malformed id in a path
//! gets the styled 404 page rather than a plain-text 400, and a signed-in person's
//! 404 and 403 pages carry their navigation and sign-out button.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use common::TestApp;
use common::world::*;

const STYLED_404: &str = "<h1 class=\"govuk-heading-l\">Page not found</h1>";
const NAVIGATION: &str = "href=\"/frameworks\"";
const SIGN_OUT: &str = ">Sign out</button>";

#[tokio::test]
async fn a_malformed_id_in_a_path_gets_the_styled_not_found_page() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    let admin = app.signed_in(P1_ADMIN).await;
    for path in ["/cycles/abc", "/cycles/abc/dashboard", "/assessments/1.5", "/returns/-/copy.pdf"] {
        let page = admin.get(path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(page.body.contains(STYLED_404), "{path}: {}", page.body);
    }
    let anonymous = app.client().get("/cycles/abc").await;
    assert_eq!(anonymous.status, 404);
    assert!(anonymous.body.contains(STYLED_404), "{}", anonymous.body);
    // A visitor who is not signed in is offered no navigation of the signed-in.
    assert!(!anonymous.body.contains(SIGN_OUT));
}

#[tokio::test]
async fn a_signed_in_person_keeps_their_navigation_on_error_pages() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let lead = app.signed_in(O1_LEAD).await;
    for path in ["/no-such-page", "/cycles/abc", &format!("/cycles/{}/dashboard", world.p1_cycle)] {
        let page = lead.get(path).await;
        assert!(matches!(page.status.as_u16(), 403 | 404), "{path}: {}", page.status);
        assert!(page.body.contains(NAVIGATION), "{path}: {}", page.body);
        assert!(page.body.contains(SIGN_OUT), "{path}: {}", page.body);
    }
    let anonymous = app.client().get("/no-such-page").await;
    assert_eq!(anonymous.status, 404);
    assert!(!anonymous.body.contains(NAVIGATION), "{}", anonymous.body);
}
