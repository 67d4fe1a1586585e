//! The access table: every route the service has, tried by every role, by anonymous
//! visitors and by people of another tenant, with the outcome each must get.
//! A route missing from the table fails `every_route_is_in_the_access_table`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::world::*;
use common::{Client, Page, TestApp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    PlatformAdmin,
    P1Admin,
    P1Analyst,
    P1Panel,
    P2Admin,
    O1Lead,
    O1Contributor,
    O1SignOff,
    O2Lead,
}

use Who::*;

const EVERYONE_SIGNED_IN: &[Who] =
    &[PlatformAdmin, P1Admin, P1Analyst, P1Panel, P2Admin, O1Lead, O1Contributor, O1SignOff, O2Lead];

impl Who {
    fn email(self) -> Option<&'static str> {
        Some(match self {
            Anonymous => return None,
            PlatformAdmin => PLATFORM_ADMIN,
            P1Admin => P1_ADMIN,
            P1Analyst => P1_ANALYST,
            P1Panel => P1_PANEL,
            P2Admin => P2_ADMIN,
            O1Lead => O1_LEAD,
            O1Contributor => O1_CONTRIBUTOR,
            O1SignOff => O1_SIGNOFF,
            O2Lead => O2_LEAD,
        })
    }
}

/// Who may use a route; everyone else signed in is refused (403 or 404) and
/// anonymous visitors are sent to sign in.
#[derive(Debug, Clone, Copy)]
enum Allowed {
    /// Anyone, signed in or not.
    Public,
    /// No person: only a scraper sending the metrics token (tried in `tests/metrics.rs`).
    /// Everyone here, anonymous or signed in in any role, is refused with 401.
    TokenOnly,
    Only(&'static [Who]),
    /// The JSON API: no session opens it, so every signed-in role and anonymous
    /// visitors get 401. A token of partnership one reads it; a token of partnership
    /// two gets 404 when `others_refused` (the route names partnership one's data).
    Token {
        others_refused: bool,
    },
}

struct Case {
    method: &'static str,
    template: &'static str,
    path: String,
    form: Vec<(&'static str, String)>,
    allowed: Allowed,
}

fn case(method: &'static str, template: &'static str, path: String, allowed: Allowed) -> Case {
    Case { method, template, path, form: Vec::new(), allowed }
}

#[allow(clippy::too_many_lines, reason = "the access table: one declarative row per route")]
fn table(w: &World) -> Vec<Case> {
    let (p1, o1, o3r) = (w.p1, w.o1, w.o3_request);
    let (c1, inv) = (w.p1_cycle, w.o1_invitation);
    let (v1, v2, a1, act) = (w.framework_v1, w.framework_v2, w.o1_assessment, w.o1_action);
    let (ev, res) = (w.o1_evidence, w.p1_resource);
    const O1_MEMBERS: Allowed = Allowed::Only(&[PlatformAdmin, O1Lead, O1Contributor, O1SignOff]);
    const IMPORTERS: Allowed = Allowed::Only(&[PlatformAdmin, P1Admin, P2Admin]);
    const ADMIN: Allowed = Allowed::Only(&[PlatformAdmin]);
    const P1_STAFF: Allowed = Allowed::Only(&[PlatformAdmin, P1Admin, P1Analyst, P1Panel]);
    const P1_MANAGERS: Allowed = Allowed::Only(&[PlatformAdmin, P1Admin]);
    // Themes and tags: partnership one's admins and analysts (its panel members read).
    const P1_TAGGERS: Allowed = Allowed::Only(&[PlatformAdmin, P1Admin, P1Analyst]);
    const O1_VIEWERS: Allowed =
        Allowed::Only(&[PlatformAdmin, P1Admin, P1Analyst, P1Panel, O1Lead, O1Contributor, O1SignOff]);
    const O1_MANAGERS: Allowed = Allowed::Only(&[PlatformAdmin, O1Lead]);
    const RETURN_READERS: Allowed =
        Allowed::Only(&[PlatformAdmin, P1Admin, P1Analyst, P1Panel, O1Lead, O1SignOff]);
    // Partnership one's library: its staff, and the people of organisation one, which serves it.
    const P1_LIBRARY: Allowed =
        Allowed::Only(&[PlatformAdmin, P1Admin, P1Analyst, P1Panel, O1Lead, O1Contributor, O1SignOff]);
    const MEETING_READERS: Allowed = Allowed::Only(&[PlatformAdmin, P1Admin, P1Analyst, P1Panel, O1Lead]);
    const AUDIT_READERS: Allowed = Allowed::Only(&[PlatformAdmin, P1Admin, P2Admin, O1Lead, O2Lead]);
    let mut cases = vec![
        case("GET", "/assets/{*path}", "/assets/govuk-frontend.min.css".into(), Allowed::Public),
        case("GET", "/", "/".into(), Allowed::Public),
        case("GET", "/home", "/home".into(), Allowed::Only(EVERYONE_SIGNED_IN)),
        case("GET", "/accessibility", "/accessibility".into(), Allowed::Public),
        case("GET", "/privacy", "/privacy".into(), Allowed::Public),
        case("GET", "/cookies", "/cookies".into(), Allowed::Public),
        case("GET", "/healthz", "/healthz".into(), Allowed::Public),
        case("GET", "/sign-in", "/sign-in".into(), Allowed::Public),
        case("POST", "/sign-in", "/sign-in".into(), Allowed::Public),
        case("POST", "/sign-out", "/sign-out".into(), Allowed::Public),
        // The code step belongs to a browser that gave a password a moment ago; any
        // other is told to sign in again (and someone signed in is sent home).
        case("GET", "/sign-in/two-factor", "/sign-in/two-factor".into(), Allowed::Public),
        case("POST", "/sign-in/two-factor", "/sign-in/two-factor".into(), Allowed::Public),
        case("GET", "/sign-in/two-factor/set-up", "/sign-in/two-factor/set-up".into(), Allowed::Public),
        case("POST", "/sign-in/two-factor/set-up", "/sign-in/two-factor/set-up".into(), Allowed::Public),
        case("GET", "/account/two-factor", "/account/two-factor".into(), Allowed::Only(EVERYONE_SIGNED_IN)),
        case(
            "GET",
            "/account/two-factor/set-up",
            "/account/two-factor/set-up".into(),
            Allowed::Only(EVERYONE_SIGNED_IN),
        ),
        case(
            "POST",
            "/account/two-factor/set-up",
            "/account/two-factor/set-up".into(),
            Allowed::Only(EVERYONE_SIGNED_IN),
        ),
        case(
            "GET",
            "/account/two-factor/recovery-codes",
            "/account/two-factor/recovery-codes".into(),
            Allowed::Only(EVERYONE_SIGNED_IN),
        ),
        case(
            "POST",
            "/account/two-factor/recovery-codes",
            "/account/two-factor/recovery-codes".into(),
            Allowed::Only(EVERYONE_SIGNED_IN),
        ),
        case(
            "POST",
            "/account/two-factor/turn-off",
            "/account/two-factor/turn-off".into(),
            Allowed::Only(EVERYONE_SIGNED_IN),
        ),
        case("GET", "/account/password", "/account/password".into(), Allowed::Only(EVERYONE_SIGNED_IN)),
        case("POST", "/account/password", "/account/password".into(), Allowed::Only(EVERYONE_SIGNED_IN)),
        case("GET", "/password-reset", "/password-reset".into(), Allowed::Public),
        case("POST", "/password-reset", "/password-reset".into(), Allowed::Public),
        case("GET", "/password-reset/{token}", "/password-reset/not-a-token".into(), Allowed::Public),
        case("POST", "/password-reset/{token}", "/password-reset/not-a-token".into(), Allowed::Public),
        case("GET", "/invitation/{token}", "/invitation/not-a-token".into(), Allowed::Public),
        case("POST", "/invitation/{token}", "/invitation/not-a-token".into(), Allowed::Public),
        case("GET", "/register", "/register".into(), Allowed::Public),
        case("POST", "/register", "/register".into(), Allowed::Public),
        case("GET", "/register/confirm/{token}", "/register/confirm/not-a-token".into(), Allowed::Public),
        case("POST", "/register/confirm/{token}", "/register/confirm/not-a-token".into(), Allowed::Public),
        case("GET", "/admin/partnerships", "/admin/partnerships".into(), ADMIN),
        case("GET", "/admin/partnerships/new", "/admin/partnerships/new".into(), ADMIN),
        case("POST", "/admin/partnerships/new", "/admin/partnerships/new".into(), ADMIN),
        case("GET", "/partnerships/{id}", format!("/partnerships/{p1}"), P1_STAFF),
        case("GET", "/partnerships/{id}/edit", format!("/partnerships/{p1}/edit"), P1_MANAGERS),
        case("POST", "/partnerships/{id}/edit", format!("/partnerships/{p1}/edit"), P1_MANAGERS),
        case(
            "GET",
            "/partnerships/{id}/organisations",
            format!("/partnerships/{p1}/organisations"),
            P1_STAFF,
        ),
        case(
            "GET",
            "/partnerships/{id}/join-requests",
            format!("/partnerships/{p1}/join-requests"),
            P1_MANAGERS,
        ),
        case(
            "POST",
            "/partnerships/{id}/join-requests/{request}/approve",
            format!("/partnerships/{p1}/join-requests/{o3r}/approve"),
            P1_MANAGERS,
        ),
        case(
            "GET",
            "/partnerships/{id}/join-requests/{request}/decline",
            format!("/partnerships/{p1}/join-requests/{o3r}/decline"),
            P1_MANAGERS,
        ),
        case(
            "POST",
            "/partnerships/{id}/join-requests/{request}/decline",
            format!("/partnerships/{p1}/join-requests/{o3r}/decline"),
            P1_MANAGERS,
        ),
        case("GET", "/partnerships/{id}/users", format!("/partnerships/{p1}/users"), P1_MANAGERS),
        case(
            "GET",
            "/partnerships/{id}/users/invite",
            format!("/partnerships/{p1}/users/invite"),
            P1_MANAGERS,
        ),
        case(
            "POST",
            "/partnerships/{id}/users/invite",
            format!("/partnerships/{p1}/users/invite"),
            P1_MANAGERS,
        ),
        case("GET", "/organisations", "/organisations".into(), ADMIN),
        case("GET", "/organisations/{id}", format!("/organisations/{o1}"), O1_VIEWERS),
        case("GET", "/organisations/{id}/edit", format!("/organisations/{o1}/edit"), O1_MANAGERS),
        case("POST", "/organisations/{id}/edit", format!("/organisations/{o1}/edit"), O1_MANAGERS),
        case("GET", "/organisations/{id}/areas", format!("/organisations/{o1}/areas"), O1_MANAGERS),
        case("POST", "/organisations/{id}/areas", format!("/organisations/{o1}/areas"), O1_MANAGERS),
        case("GET", "/organisations/{id}/users", format!("/organisations/{o1}/users"), O1_MANAGERS),
        case(
            "GET",
            "/organisations/{id}/users/invite",
            format!("/organisations/{o1}/users/invite"),
            O1_MANAGERS,
        ),
        case(
            "POST",
            "/organisations/{id}/users/invite",
            format!("/organisations/{o1}/users/invite"),
            O1_MANAGERS,
        ),
        case("GET", "/admin/users", "/admin/users".into(), ADMIN),
        case("GET", "/admin/users/new", "/admin/users/new".into(), ADMIN),
        case("POST", "/admin/users/new", "/admin/users/new".into(), ADMIN),
        case("GET", "/admin/users/{id}", String::new(), ADMIN),
        case("GET", "/admin/users/{id}/two-factor/reset", String::new(), ADMIN),
        case("POST", "/admin/users/{id}/two-factor/reset", String::new(), ADMIN),
        case("GET", "/admin/outbox", "/admin/outbox".into(), ADMIN),
        // The audit log: everyone who runs a tenant reads its part (other tenants'
        // entries are left out, as tests/audit_log.rs shows); other roles are refused.
        case("GET", "/audit-log", "/audit-log".into(), AUDIT_READERS),
        case("GET", "/audit-log.csv", "/audit-log.csv".into(), AUDIT_READERS),
        case("GET", "/metrics", "/metrics".into(), Allowed::TokenOnly),
        case("GET", "/admin/retention", "/admin/retention".into(), ADMIN),
        case("GET", "/admin/users/{id}/personal-data", String::new(), ADMIN),
        case("GET", "/admin/users/{id}/personal-data.json", String::new(), ADMIN),
        case("GET", "/admin/users/{id}/personal-data.pdf", String::new(), ADMIN),
        case("GET", "/admin/users/{id}/erase", String::new(), ADMIN),
        // Sent with no reason: the admin gets the form back (422) and no one is erased.
        case("POST", "/admin/users/{id}/erase", String::new(), ADMIN),
        case(
            "GET",
            "/organisations/{id}/assessments",
            format!("/organisations/{o1}/assessments"),
            O1_MEMBERS,
        ),
        // Starting again returns the assessment already there, so every allowed person can try.
        Case {
            method: "POST",
            template: "/organisations/{id}/assessments",
            path: format!("/organisations/{o1}/assessments"),
            form: vec![("framework", v1.to_string())],
            allowed: O1_MANAGERS,
        },
        case("GET", "/assessments/{id}", format!("/assessments/{a1}"), O1_MEMBERS),
        // Standard 1 is shared with nobody: a contributor may not even see it.
        case(
            "GET",
            "/assessments/{id}/standards/{code}",
            format!("/assessments/{a1}/standards/1"),
            Allowed::Only(&[PlatformAdmin, O1Lead, O1SignOff]),
        ),
        case(
            "GET",
            "/assessments/{id}/check",
            format!("/assessments/{a1}/check"),
            Allowed::Only(&[PlatformAdmin, O1Lead, O1SignOff]),
        ),
        // Nothing is complete, so asking for sign-off sends nothing and changes nothing.
        case(
            "POST",
            "/assessments/{id}/request-sign-off",
            format!("/assessments/{a1}/request-sign-off"),
            O1_MANAGERS,
        ),
        // Nothing is complete, so signing off and submitting are refused without change.
        case(
            "POST",
            "/assessments/{id}/sign-off",
            format!("/assessments/{a1}/sign-off"),
            Allowed::Only(&[PlatformAdmin, O1SignOff]),
        ),
        case("POST", "/assessments/{id}/submit", format!("/assessments/{a1}/submit"), O1_MANAGERS),
        // No return is submitted yet, so the lead is told so and nothing starts.
        case("POST", "/assessments/{id}/rounds", format!("/assessments/{a1}/rounds"), O1_MANAGERS),
        case("GET", "/assessments/{id}/delegation", format!("/assessments/{a1}/delegation"), O1_MANAGERS),
        // Without a standard and a contributor these change nothing.
        case("POST", "/assessments/{id}/delegation", format!("/assessments/{a1}/delegation"), O1_MANAGERS),
        case(
            "POST",
            "/assessments/{id}/delegation/remove",
            format!("/assessments/{a1}/delegation/remove"),
            O1_MANAGERS,
        ),
        // An empty save changes nothing.
        case(
            "POST",
            "/assessments/{id}/standards/{code}",
            format!("/assessments/{a1}/standards/1"),
            O1_MANAGERS,
        ),
        // An autosave of a blank answer stores nothing.
        Case {
            method: "POST",
            template: "/assessments/{id}/standards/{code}/autosave",
            path: format!("/assessments/{a1}/standards/1/autosave"),
            form: vec![("criterion", "1.1".to_owned())],
            allowed: O1_MANAGERS,
        },
        // Nothing is offered for standard 1 in the world, so the page comes back saying so.
        case(
            "POST",
            "/assessments/{id}/standards/{code}/use-answer",
            format!("/assessments/{a1}/standards/1/use-answer"),
            O1_MANAGERS,
        ),
        // Partnership one, which organisation one serves, reads the plan's side of the history.
        case("GET", "/assessments/{id}/history", format!("/assessments/{a1}/history"), O1_VIEWERS),
        case("GET", "/partnerships/{id}/cycles", format!("/partnerships/{p1}/cycles"), P1_STAFF),
        // The partnership's own self-assessment: its staff read the page, its admins start
        // it (the form names the partnership framework, filled in below).
        case(
            "GET",
            "/partnerships/{id}/self-assessment",
            format!("/partnerships/{p1}/self-assessment"),
            P1_STAFF,
        ),
        case(
            "POST",
            "/partnerships/{id}/self-assessment",
            format!("/partnerships/{p1}/self-assessment"),
            P1_MANAGERS,
        ),
        case("GET", "/partnerships/{id}/cycles/new", format!("/partnerships/{p1}/cycles/new"), P1_MANAGERS),
        // An empty form is refused with its errors listed, and nothing is opened.
        case("POST", "/partnerships/{id}/cycles/new", format!("/partnerships/{p1}/cycles/new"), P1_MANAGERS),
        // Only a partnership's admins answer invitations to run a cycle together; a
        // cycle it was not asked to join is answered with a harmless "already answered".
        case(
            "GET",
            "/partnerships/{id}/cycle-invitations",
            format!("/partnerships/{p1}/cycle-invitations"),
            P1_MANAGERS,
        ),
        case(
            "POST",
            "/partnerships/{id}/cycle-invitations/{cycle}/accept",
            format!("/partnerships/{p1}/cycle-invitations/999999/accept"),
            P1_MANAGERS,
        ),
        case(
            "POST",
            "/partnerships/{id}/cycle-invitations/{cycle}/decline",
            format!("/partnerships/{p1}/cycle-invitations/999999/decline"),
            P1_MANAGERS,
        ),
        case("GET", "/cycles/{id}", format!("/cycles/{c1}"), P1_STAFF),
        // With no partnership chosen, nobody is asked.
        case("POST", "/cycles/{id}/neighbours", format!("/cycles/{c1}/neighbours"), P1_MANAGERS),
        // Correcting a cycle: an empty form is refused as invalid and changes nothing.
        case("GET", "/cycles/{id}/edit", format!("/cycles/{c1}/edit"), P1_MANAGERS),
        case("POST", "/cycles/{id}/edit", format!("/cycles/{c1}/edit"), P1_MANAGERS),
        case("GET", "/cycles/{id}/close", format!("/cycles/{c1}/close"), P1_MANAGERS),
        case("GET", "/cycles/{id}/dashboard", format!("/cycles/{c1}/dashboard"), P1_STAFF),
        case("GET", "/cycles/{id}/dashboard.csv", format!("/cycles/{c1}/dashboard.csv"), P1_STAFF),
        case("GET", "/cycles/{id}/narratives", format!("/cycles/{c1}/narratives?q=posters"), P1_STAFF),
        // A passage of organisation one's return, submitted in the cycle (made in the test).
        case("GET", "/cycles/{id}/narratives/{passage}", String::new(), P1_STAFF),
        // With no theme chosen, nothing is tagged.
        case("POST", "/cycles/{id}/narratives/{passage}/tags", String::new(), P1_TAGGERS),
        // A tag that does not exist: removing it is a harmless "already removed".
        case("POST", "/cycles/{id}/narratives/{passage}/tags/{tag}/remove", String::new(), P1_TAGGERS),
        case("GET", "/cycles/{id}/themes", format!("/cycles/{c1}/themes"), P1_STAFF),
        case("GET", "/cycles/{id}/themes.csv", format!("/cycles/{c1}/themes.csv"), P1_STAFF),
        case("GET", "/partnerships/{id}/themes", format!("/partnerships/{p1}/themes"), P1_STAFF),
        // An empty name is refused as invalid and adds nothing.
        case("POST", "/partnerships/{id}/themes", format!("/partnerships/{p1}/themes"), P1_TAGGERS),
        // Without a choice of retiring or bringing back, nothing changes.
        case(
            "POST",
            "/partnerships/{id}/themes/{theme}",
            format!("/partnerships/{p1}/themes/999999"),
            P1_TAGGERS,
        ),
        case("GET", "/cycles/{id}/dashboard.xlsx", format!("/cycles/{c1}/dashboard.xlsx"), P1_STAFF),
        // Its own standings beside its sector: the people who read every standard.
        case(
            "GET",
            "/organisations/{id}/benchmark",
            format!("/organisations/{o1}/benchmark"),
            Allowed::Only(&[PlatformAdmin, O1Lead, O1SignOff]),
        ),
        case("GET", "/cycles/{id}/surveys", format!("/cycles/{c1}/surveys"), P1_STAFF),
        case("GET", "/cycles/{id}/surveys/new", format!("/cycles/{c1}/surveys/new"), P1_MANAGERS),
        // An empty form is refused as invalid and opens nothing.
        case("POST", "/cycles/{id}/surveys/new", format!("/cycles/{c1}/surveys/new"), P1_MANAGERS),
        // A survey of partnership one's cycle (made in the test) and organisation one's
        // link, tried before the invitation is withdrawn below (which ends the link).
        case("GET", "/surveys/{id}", String::new(), P1_STAFF),
        case("GET", "/surveys/{id}/results", String::new(), P1_STAFF),
        case("GET", "/surveys/{id}/results.csv", String::new(), P1_STAFF),
        // The practitioners' pages need no sign-in: an empty form is refused as invalid.
        case("GET", "/survey/{token}", String::new(), Allowed::Public),
        case("POST", "/survey/{token}", String::new(), Allowed::Public),
        case("GET", "/survey/{token}/done", String::new(), Allowed::Public),
        case("GET", "/survey/{token}/{code}", String::new(), Allowed::Public),
        // Response codes for organisation one: its lead, and partnership one's admins
        // (an empty form is refused as invalid and issues nothing).
        case(
            "GET",
            "/surveys/{id}/organisations/{organisation}/codes",
            String::new(),
            Allowed::Only(&[PlatformAdmin, P1Admin, O1Lead]),
        ),
        case(
            "POST",
            "/surveys/{id}/organisations/{organisation}/codes",
            String::new(),
            Allowed::Only(&[PlatformAdmin, P1Admin, O1Lead]),
        ),
        // The first allowed person closes the survey; later ones are told it is closed.
        case("POST", "/surveys/{id}/close", String::new(), P1_MANAGERS),
        // Partnership actions: partnership one's staff read them, its admins keep them.
        case(
            "GET",
            "/cycles/{id}/partnership-actions",
            format!("/cycles/{c1}/partnership-actions"),
            P1_STAFF,
        ),
        case(
            "GET",
            "/cycles/{id}/partnership-actions.csv",
            format!("/cycles/{c1}/partnership-actions.csv"),
            P1_STAFF,
        ),
        case(
            "GET",
            "/cycles/{id}/partnership-actions/new",
            format!("/cycles/{c1}/partnership-actions/new"),
            P1_MANAGERS,
        ),
        // An empty form is refused as invalid and adds nothing.
        case(
            "POST",
            "/cycles/{id}/partnership-actions/new",
            format!("/cycles/{c1}/partnership-actions/new"),
            P1_MANAGERS,
        ),
        // An action of partnership one's cycle (made in the test); empty forms are
        // refused as invalid and change nothing.
        case("GET", "/partnership-actions/{id}", String::new(), P1_STAFF),
        case("GET", "/partnership-actions/{id}/edit", String::new(), P1_MANAGERS),
        case("POST", "/partnership-actions/{id}/edit", String::new(), P1_MANAGERS),
        case("POST", "/partnership-actions/{id}/progress", String::new(), P1_MANAGERS),
        // Action-plan updates: organisation one's lead (and platform admins) send them
        // from the plan; with nothing left to send, the plan's page says so. An update
        // of organisation one (made in the test) is read by whoever reads its return;
        // partnership one's staff comment or challenge (an empty form is refused).
        case(
            "GET",
            "/assessments/{id}/plan-updates/{cycle}",
            format!("/assessments/{a1}/plan-updates/{c1}"),
            Allowed::Only(&[PlatformAdmin, O1Lead]),
        ),
        case(
            "POST",
            "/assessments/{id}/plan-updates/{cycle}",
            format!("/assessments/{a1}/plan-updates/{c1}"),
            Allowed::Only(&[PlatformAdmin, O1Lead]),
        ),
        case(
            "GET",
            "/plan-updates/{id}",
            String::new(),
            Allowed::Only(&[PlatformAdmin, P1Admin, P1Analyst, P1Panel, O1Lead, O1SignOff]),
        ),
        case("POST", "/plan-updates/{id}", String::new(), Allowed::Only(&[P1Admin, P1Analyst, P1Panel])),
        case("GET", "/cycles/{id}/plan-updates", format!("/cycles/{c1}/plan-updates"), P1_STAFF),
        case("GET", "/cycles/{id}/plan-updates.csv", format!("/cycles/{c1}/plan-updates.csv"), P1_STAFF),
        // The child-friendly summary of partnership one's cycle, started and published
        // in the test. Its public address comes first: a later row unpublishes it.
        case("GET", "/summaries/{slug}", String::new(), Allowed::Public),
        case(
            "GET",
            "/cycles/{id}/young-peoples-summary",
            format!("/cycles/{c1}/young-peoples-summary"),
            P1_STAFF,
        ),
        // Started already, so starting again opens it and changes nothing.
        case(
            "POST",
            "/cycles/{id}/young-peoples-summary",
            format!("/cycles/{c1}/young-peoples-summary"),
            P1_MANAGERS,
        ),
        case(
            "GET",
            "/cycles/{id}/young-peoples-summary/edit",
            format!("/cycles/{c1}/young-peoples-summary/edit"),
            P1_MANAGERS,
        ),
        // An empty form is refused as invalid and saves nothing.
        case(
            "POST",
            "/cycles/{id}/young-peoples-summary/edit",
            format!("/cycles/{c1}/young-peoples-summary/edit"),
            P1_MANAGERS,
        ),
        case(
            "GET",
            "/cycles/{id}/young-peoples-summary/preview",
            format!("/cycles/{c1}/young-peoples-summary/preview"),
            P1_STAFF,
        ),
        case(
            "GET",
            "/cycles/{id}/young-peoples-summary/publish",
            format!("/cycles/{c1}/young-peoples-summary/publish"),
            P1_MANAGERS,
        ),
        // Without the confirmed revision, nothing is published.
        case(
            "POST",
            "/cycles/{id}/young-peoples-summary/publish",
            format!("/cycles/{c1}/young-peoples-summary/publish"),
            P1_MANAGERS,
        ),
        case(
            "POST",
            "/cycles/{id}/young-peoples-summary/unpublish",
            format!("/cycles/{c1}/young-peoples-summary/unpublish"),
            P1_MANAGERS,
        ),
        case("GET", "/cycles/{id}/invite", format!("/cycles/{c1}/invite"), P1_MANAGERS),
        case("GET", "/cycles/{id}/reminders", format!("/cycles/{c1}/reminders"), P1_MANAGERS),
        // Without a choice, reminders are switched on (as they already are).
        case(
            "POST",
            "/cycles/{id}/invitations/{invitation}/reminders",
            format!("/cycles/{c1}/invitations/{inv}/reminders"),
            P1_MANAGERS,
        ),
        // With no organisation ticked, nothing is sent.
        case("POST", "/cycles/{id}/invite", format!("/cycles/{c1}/invite"), P1_MANAGERS),
        case(
            "GET",
            "/cycles/{id}/invitations/{invitation}/non-submission",
            format!("/cycles/{c1}/invitations/{inv}/non-submission"),
            P1_MANAGERS,
        ),
        // Without a reason, nothing is recorded.
        case(
            "POST",
            "/cycles/{id}/invitations/{invitation}/non-submission",
            format!("/cycles/{c1}/invitations/{inv}/non-submission"),
            P1_MANAGERS,
        ),
        case(
            "GET",
            "/cycles/{id}/invitations/{invitation}/withdraw",
            format!("/cycles/{c1}/invitations/{inv}/withdraw"),
            P1_MANAGERS,
        ),
        // The first allowed person withdraws the invitation; later ones are told it is done.
        case(
            "POST",
            "/cycles/{id}/invitations/{invitation}/withdraw",
            format!("/cycles/{c1}/invitations/{inv}/withdraw"),
            P1_MANAGERS,
        ),
        // Evidence files have the rights of their criterion's answer (standard 1, shared
        // with nobody). An upload with no file chosen stores nothing.
        case(
            "POST",
            "/assessments/{id}/standards/{code}/evidence",
            format!("/assessments/{a1}/standards/1/evidence"),
            O1_MANAGERS,
        ),
        case(
            "GET",
            "/assessments/{id}/evidence/{file}",
            format!("/assessments/{a1}/evidence/{ev}"),
            Allowed::Only(&[PlatformAdmin, O1Lead, O1SignOff]),
        ),
        case(
            "GET",
            "/assessments/{id}/evidence/{file}/delete",
            format!("/assessments/{a1}/evidence/{ev}/delete"),
            O1_MANAGERS,
        ),
        // Without a yes or a no, nothing is removed.
        case(
            "POST",
            "/assessments/{id}/evidence/{file}/delete",
            format!("/assessments/{a1}/evidence/{ev}/delete"),
            O1_MANAGERS,
        ),
        // Action plans: organisation one's people, and (read-only) the staff of partnership one,
        // whose area it serves.
        case("GET", "/assessments/{id}/actions", format!("/assessments/{a1}/actions"), O1_VIEWERS),
        case("GET", "/assessments/{id}/actions.csv", format!("/assessments/{a1}/actions.csv"), O1_VIEWERS),
        case("GET", "/assessments/{id}/actions.xlsx", format!("/assessments/{a1}/actions.xlsx"), O1_VIEWERS),
        case(
            "GET",
            "/assessments/{id}/actions/print",
            format!("/assessments/{a1}/actions/print"),
            O1_VIEWERS,
        ),
        case("GET", "/assessments/{id}/actions/new", format!("/assessments/{a1}/actions/new"), O1_MANAGERS),
        case("POST", "/assessments/{id}/actions/new", format!("/assessments/{a1}/actions/new"), O1_MANAGERS),
        case(
            "GET",
            "/assessments/{id}/actions/{action}",
            format!("/assessments/{a1}/actions/{act}"),
            O1_VIEWERS,
        ),
        case(
            "POST",
            "/assessments/{id}/actions/{action}",
            format!("/assessments/{a1}/actions/{act}"),
            O1_MANAGERS,
        ),
        case(
            "POST",
            "/assessments/{id}/actions/{action}/updates",
            format!("/assessments/{a1}/actions/{act}/updates"),
            O1_MANAGERS,
        ),
        // The workbook holds what each member may read; uploading needs a standard the
        // person may answer (nothing is shared with the contributor here).
        case(
            "GET",
            "/assessments/{id}/workbook.xlsx",
            format!("/assessments/{a1}/workbook.xlsx"),
            O1_MEMBERS,
        ),
        case("GET", "/assessments/{id}/workbook", format!("/assessments/{a1}/workbook"), O1_MANAGERS),
        // A post with no file changes nothing.
        case("POST", "/assessments/{id}/workbook", format!("/assessments/{a1}/workbook"), O1_MANAGERS),
        // An upload waiting for confirmation belongs to the lead who made it (it holds
        // no rows, so confirming it changes nothing).
        case("GET", "/assessments/{id}/workbook/{upload}", String::new(), Allowed::Only(&[O1Lead])),
        case("POST", "/assessments/{id}/workbook/{upload}", String::new(), Allowed::Only(&[O1Lead])),
        case("GET", "/frameworks", "/frameworks".into(), Allowed::Only(EVERYONE_SIGNED_IN)),
        case("GET", "/frameworks/import", "/frameworks/import".into(), IMPORTERS),
        case("POST", "/frameworks/import", "/frameworks/import".into(), IMPORTERS),
        // Version 2 is a draft: only those who manage it may see that it exists.
        case("GET", "/frameworks/{id}", format!("/frameworks/{v2}"), P1_MANAGERS),
        case("GET", "/frameworks/{id}/print", format!("/frameworks/{v2}/print"), P1_MANAGERS),
        case("GET", "/frameworks/{id}/export", format!("/frameworks/{v2}/export"), P1_MANAGERS),
        case("GET", "/frameworks/{id}/changes", format!("/frameworks/{v2}/changes"), P1_MANAGERS),
        // Version 1 is published: publishing again and deleting are refused without change.
        case("POST", "/frameworks/{id}/publish", format!("/frameworks/{v1}/publish"), P1_MANAGERS),
        case("POST", "/frameworks/{id}/delete", format!("/frameworks/{v1}/delete"), P1_MANAGERS),
        case(
            "GET",
            "/partnerships/{id}/local-questions",
            format!("/partnerships/{p1}/local-questions"),
            P1_STAFF,
        ),
        case(
            "POST",
            "/partnerships/{id}/local-questions",
            format!("/partnerships/{p1}/local-questions"),
            P1_MANAGERS,
        ),
        case(
            "POST",
            "/partnerships/{id}/local-questions/{question}/remove",
            format!("/partnerships/{p1}/local-questions/999999/remove"),
            P1_MANAGERS,
        ),
        case("GET", "/admin/outbox/{id}", String::new(), ADMIN),
        // A return of organisation one submitted to partnership one (made in the test):
        // its lead and sign-off, and partnership one's staff, may download a copy.
        case("GET", "/returns/{id}/copy.pdf", String::new(), RETURN_READERS),
        case("GET", "/returns/{id}/copy.docx", String::new(), RETURN_READERS),
        // Reading that return and its threads (a challenge of partnership one on 1.1,
        // made in the test): partnership one's staff comment and challenge; its admins
        // and analysts ask for changes; organisation one's lead answers, and the
        // partnership that raised it may reopen it (empty forms are refused as invalid).
        case("GET", "/returns/{id}", String::new(), RETURN_READERS),
        case("GET", "/returns/{id}/criteria/{code}", String::new(), RETURN_READERS),
        case(
            "POST",
            "/returns/{id}/criteria/{code}",
            String::new(),
            Allowed::Only(&[P1Admin, P1Analyst, P1Panel]),
        ),
        case("GET", "/returns/{id}/request-changes", String::new(), Allowed::Only(&[P1Admin, P1Analyst])),
        case("POST", "/returns/{id}/request-changes", String::new(), Allowed::Only(&[P1Admin, P1Analyst])),
        case("GET", "/returns/{id}/threads/{thread}", String::new(), RETURN_READERS),
        case(
            "POST",
            "/returns/{id}/threads/{thread}",
            String::new(),
            Allowed::Only(&[P1Admin, P1Analyst, P1Panel, O1Lead]),
        ),
        case(
            "GET",
            "/organisations/{id}/challenges",
            format!("/organisations/{o1}/challenges"),
            Allowed::Only(&[PlatformAdmin, O1Lead, O1SignOff]),
        ),
        case("GET", "/cycles/{id}/challenges", format!("/cycles/{c1}/challenges"), P1_STAFF),
        case("GET", "/resources", "/resources".into(), Allowed::Only(EVERYONE_SIGNED_IN)),
        case("GET", "/partnerships/{id}/resources", format!("/partnerships/{p1}/resources"), P1_LIBRARY),
        case(
            "GET",
            "/partnerships/{id}/resources/new",
            format!("/partnerships/{p1}/resources/new"),
            P1_MANAGERS,
        ),
        // An empty form is refused as invalid and changes nothing.
        case(
            "POST",
            "/partnerships/{id}/resources/new",
            format!("/partnerships/{p1}/resources/new"),
            P1_MANAGERS,
        ),
        case(
            "GET",
            "/partnerships/{id}/resources/{resource}/edit",
            format!("/partnerships/{p1}/resources/{res}/edit"),
            P1_MANAGERS,
        ),
        case(
            "POST",
            "/partnerships/{id}/resources/{resource}/edit",
            format!("/partnerships/{p1}/resources/{res}/edit"),
            P1_MANAGERS,
        ),
        case(
            "GET",
            "/partnerships/{id}/resources/{resource}/remove",
            format!("/partnerships/{p1}/resources/{res}/remove"),
            P1_MANAGERS,
        ),
        // A resource that does not exist: removing it is a harmless "already removed".
        case(
            "POST",
            "/partnerships/{id}/resources/{resource}/remove",
            format!("/partnerships/{p1}/resources/999999/remove"),
            P1_MANAGERS,
        ),
        case(
            "GET",
            "/partnerships/{id}/resources/{resource}/file",
            format!("/partnerships/{p1}/resources/{res}/file"),
            P1_LIBRARY,
        ),
        // The board report of cycle one: partnership one's staff read and download it,
        // its admins and analysts write it. An empty section is saved as blank; an
        // unconfirmed finalise is refused as invalid and finalises nothing.
        case("GET", "/cycles/{id}/board-report", format!("/cycles/{c1}/board-report"), P1_STAFF),
        case(
            "GET",
            "/cycles/{id}/board-report/sections/{section}",
            format!("/cycles/{c1}/board-report/sections/summary"),
            P1_TAGGERS,
        ),
        case(
            "POST",
            "/cycles/{id}/board-report/sections/{section}",
            format!("/cycles/{c1}/board-report/sections/summary"),
            P1_TAGGERS,
        ),
        case(
            "GET",
            "/cycles/{id}/board-report/findings/{standard}",
            format!("/cycles/{c1}/board-report/findings/1"),
            P1_TAGGERS,
        ),
        case(
            "POST",
            "/cycles/{id}/board-report/findings/{standard}",
            format!("/cycles/{c1}/board-report/findings/1"),
            P1_TAGGERS,
        ),
        case(
            "GET",
            "/cycles/{id}/board-report/preview",
            format!("/cycles/{c1}/board-report/preview"),
            P1_STAFF,
        ),
        case(
            "GET",
            "/cycles/{id}/board-report/finalise",
            format!("/cycles/{c1}/board-report/finalise"),
            P1_TAGGERS,
        ),
        case(
            "POST",
            "/cycles/{id}/board-report/finalise",
            format!("/cycles/{c1}/board-report/finalise"),
            P1_TAGGERS,
        ),
        case("GET", "/cycles/{id}/board-report.docx", format!("/cycles/{c1}/board-report.docx"), P1_STAFF),
        case("GET", "/cycles/{id}/board-report.pdf", format!("/cycles/{c1}/board-report.pdf"), P1_STAFF),
        case("GET", "/cycles/{id}/board-report.html", format!("/cycles/{c1}/board-report.html"), P1_STAFF),
        // Assurance meetings of cycle one (a meeting of partnership one with organisation
        // one, scheduled in the test): partnership one's staff read, its admins run
        // them; organisation one's lead reads the agenda and record and comments, as
        // do partnership one's panel members. Empty forms are refused as invalid, or
        // as not possible from where the meeting stands, and change nothing, except
        // marking it held, which needs no form.
        case("GET", "/cycles/{id}/meetings", format!("/cycles/{c1}/meetings"), P1_STAFF),
        case(
            "GET",
            "/cycles/{id}/meetings/new",
            format!("/cycles/{c1}/meetings/new"),
            Allowed::Only(&[P1Admin]),
        ),
        case(
            "POST",
            "/cycles/{id}/meetings/new",
            format!("/cycles/{c1}/meetings/new"),
            Allowed::Only(&[P1Admin]),
        ),
        case("GET", "/meetings/{id}", String::new(), MEETING_READERS),
        case("POST", "/meetings/{id}/details", String::new(), Allowed::Only(&[P1Admin])),
        case("POST", "/meetings/{id}/questions", String::new(), Allowed::Only(&[P1Admin])),
        case("POST", "/meetings/{id}/cyp-questions", String::new(), Allowed::Only(&[P1Admin])),
        case("POST", "/meetings/{id}/held", String::new(), Allowed::Only(&[P1Admin])),
        case("POST", "/meetings/{id}/record", String::new(), Allowed::Only(&[P1Admin])),
        case("POST", "/meetings/{id}/actions", String::new(), Allowed::Only(&[P1Admin])),
        case("GET", "/meetings/{id}/finalise", String::new(), Allowed::Only(&[P1Admin])),
        case("POST", "/meetings/{id}/finalise", String::new(), Allowed::Only(&[P1Admin])),
        case("POST", "/meetings/{id}/comments", String::new(), Allowed::Only(&[P1Admin, P1Panel, O1Lead])),
        case(
            "GET",
            "/organisations/{id}/meetings",
            format!("/organisations/{o1}/meetings"),
            Allowed::Only(&[PlatformAdmin, P1Admin, P1Analyst, P1Panel, O1Lead]),
        ),
        case(
            "GET",
            "/partnerships/{id}/cyp-questions",
            format!("/partnerships/{p1}/cyp-questions"),
            P1_STAFF,
        ),
        case(
            "POST",
            "/partnerships/{id}/cyp-questions",
            format!("/partnerships/{p1}/cyp-questions"),
            Allowed::Only(&[P1Admin]),
        ),
        case(
            "GET",
            "/partnerships/{id}/cyp-questions/answers",
            format!("/partnerships/{p1}/cyp-questions/answers"),
            P1_STAFF,
        ),
    ];
    // Removing the only admin or lead is refused without changing anything, so these
    // can be tried by every allowed person in turn.
    let mut p1_remove = case("POST", "/partnerships/{id}/users/{user}/remove", String::new(), P1_MANAGERS);
    p1_remove.form = vec![("role", "admin".into())];
    cases.push(p1_remove);
    let mut o1_remove = case("POST", "/organisations/{id}/users/{user}/remove", String::new(), O1_MANAGERS);
    o1_remove.form = vec![("role", "safeguarding_lead".into())];
    cases.push(o1_remove);
    // The JSON API and its tokens: see `Allowed::Token` and `tests/api.rs`.
    const TOKEN: Allowed = Allowed::Token { others_refused: true };
    cases.extend([
        case("GET", "/api/openapi.json", "/api/openapi.json".into(), Allowed::Public),
        case("GET", "/api/docs", "/api/docs".into(), Allowed::Public),
        case("GET", "/partnerships/{id}/api-tokens", format!("/partnerships/{p1}/api-tokens"), P1_MANAGERS),
        case("POST", "/partnerships/{id}/api-tokens", format!("/partnerships/{p1}/api-tokens"), P1_MANAGERS),
        case("POST", "/partnerships/{id}/api-tokens/{token}/revoke", String::new(), P1_MANAGERS),
        case("GET", "/api/v1/cycles", "/api/v1/cycles".into(), Allowed::Token { others_refused: false }),
        case("GET", "/api/v1/cycles/{id}", format!("/api/v1/cycles/{c1}"), TOKEN),
        case("GET", "/api/v1/cycles/{id}/invitations", format!("/api/v1/cycles/{c1}/invitations"), TOKEN),
        case("GET", "/api/v1/cycles/{id}/returns", format!("/api/v1/cycles/{c1}/returns"), TOKEN),
        case("GET", "/api/v1/cycles/{id}/figures", format!("/api/v1/cycles/{c1}/figures"), TOKEN),
        case(
            "GET",
            "/api/v1/cycles/{id}/partnership-actions",
            format!("/api/v1/cycles/{c1}/partnership-actions"),
            TOKEN,
        ),
        case("GET", "/api/v1/returns/{id}", String::new(), TOKEN),
        case(
            "GET",
            "/api/v1/organisations/{id}/actions",
            format!("/api/v1/organisations/{o1}/actions"),
            TOKEN,
        ),
    ]);
    // Closing cycle one makes every changing route of it answer 409 (still proof of
    // access), so it is tried last; the first allowed person closes it.
    cases.push(case("POST", "/cycles/{id}/close", format!("/cycles/{c1}/close"), P1_MANAGERS));
    cases
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    osa_server::accounts::store::user_by_email(app.db(), email).await.unwrap().unwrap().id
}

/// Organisation one's return, signed off and submitted to partnership one.
async fn submitted_return(app: &TestApp, world: &World) -> i64 {
    use osa_server::db::schema::{ReturnPartnerships, Returns};
    use sea_query::Query;
    let signoff = user_id(app, O1_SIGNOFF).await;
    let lead = user_id(app, O1_LEAD).await;
    let now = time::OffsetDateTime::now_utc();
    let snapshot = format!(r#"{{"framework_id": {}, "answers": {{}}}}"#, world.framework_v1);
    let mut tx = app.db().begin().await.unwrap();
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(Returns::Table)
                .columns([
                    Returns::AssessmentId,
                    Returns::FrameworkId,
                    Returns::State,
                    Returns::Snapshot,
                    Returns::SignedOffBy,
                    Returns::SignedOffAt,
                    Returns::SubmittedBy,
                    Returns::SubmittedAt,
                ])
                .values_panic([
                    world.o1_assessment.into(),
                    world.framework_v1.into(),
                    "submitted".into(),
                    snapshot.into(),
                    signoff.into(),
                    now.into(),
                    lead.into(),
                    now.into(),
                ])
                .to_owned(),
        )
        .await
        .unwrap();
    tx.execute(
        &Query::insert()
            .into_table(ReturnPartnerships::Table)
            .columns([ReturnPartnerships::ReturnId, ReturnPartnerships::PartnershipId])
            .values_panic([id.into(), world.p1.into()])
            .to_owned(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

/// A challenge of partnership one's panel member on criterion 1.1 of that return.
async fn challenged(app: &TestApp, world: &World, return_id: i64) -> i64 {
    use osa_server::challenges::store::{NewThread, raise};
    let panel = user_id(app, P1_PANEL).await;
    let mut tx = app.db().begin().await.unwrap();
    let thread = NewThread {
        return_id,
        organisation: world.o1,
        partnership: world.p1,
        criterion: Some("1.1"),
        plan_update: None,
        kind: osa_core::challenge::Kind::Challenge,
        activity_only: false,
        body: "Who deputises?",
        by: panel,
        at: time::OffsetDateTime::now_utc(),
    };
    let id = raise(&mut tx, &thread).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// A narrative passage of `return_id`, answering organisation one's invitation to the
/// cycle (as a submission would), so the cycle's narrative pages can reach it.
async fn narrative_passage(app: &TestApp, world: &World, return_id: i64) -> i64 {
    use osa_server::db::schema::Invitations;
    use osa_server::narratives::schema::NarrativePassages;
    use sea_query::{Expr, ExprTrait, Query};
    let mut tx = app.db().begin().await.unwrap();
    let id = tx
        .insert_id(
            &Query::insert()
                .into_table(NarrativePassages::Table)
                .columns([
                    NarrativePassages::ReturnId,
                    NarrativePassages::CriterionCode,
                    NarrativePassages::StandardCode,
                    NarrativePassages::Passage,
                ])
                .values_panic([return_id.into(), "1.1".into(), "1".into(), "Named on posters.".into()])
                .to_owned(),
        )
        .await
        .unwrap();
    tx.execute(
        &Query::update()
            .table(Invitations::Table)
            .value(Invitations::ReturnId, return_id)
            .and_where(Expr::col(Invitations::Id).eq(world.o1_invitation))
            .to_owned(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

/// A partnership action of partnership one's cycle, added as its admin would.
async fn partnership_action(app: &TestApp, world: &World) -> i64 {
    use osa_core::partnership_action::{ActionFields, PartnershipActionStatus};
    use osa_server::partnership_actions::store::{self, NewAction};
    let fields = ActionFields {
        title: "Agree a neglect strategy".into(),
        description: String::new(),
        lead_group: "Neglect subgroup".into(),
        lead_person: "Priya Shah".into(),
        target_date: time::OffsetDateTime::now_utc().date(),
        status: PartnershipActionStatus::NotStarted,
        evidence: String::new(),
        source: None,
    };
    let new = NewAction { cycle: world.p1_cycle, partnership: world.p1, theme: None, fields };
    let admin = user_id(app, P1_ADMIN).await;
    store::create(app.db(), admin, &new, time::OffsetDateTime::now_utc()).await.unwrap()
}

/// A meeting of partnership one with organisation one in cycle one, as scheduling
/// would store it.
async fn scheduled_meeting(app: &TestApp, world: &World) -> i64 {
    use osa_server::meetings::store::{NewMeeting, schedule};
    let admin = user_id(app, P1_ADMIN).await;
    let mut tx = app.db().begin().await.unwrap();
    let meeting = NewMeeting {
        partnership: world.p1,
        cycle: world.p1_cycle,
        organisation: world.o1,
        held_on: time::macros::date!(2027 - 05 - 12),
        agenda: "Introductions",
        panel: &[],
    };
    let id = schedule(&mut tx, admin, &meeting).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// An update date of cycle one ten days ahead, and organisation one's update for it
/// (sent as the lead would), following `return_id`, which answers its invitation. A
/// second update date is left for the send route to answer.
async fn sent_plan_update(app: &TestApp, world: &World, return_id: i64) -> i64 {
    use osa_server::db::schema::CycleUpdateDates;
    use osa_server::plan_updates::store::{NewUpdate, insert};
    use sea_query::Query;
    let today = time::OffsetDateTime::now_utc().date();
    let (first, second) = (today + time::Duration::days(10), today + time::Duration::days(20));
    let mut tx = app.db().begin().await.unwrap();
    for due in [first, second] {
        tx.execute(
            &Query::insert()
                .into_table(CycleUpdateDates::Table)
                .columns([CycleUpdateDates::CycleId, CycleUpdateDates::DueOn])
                .values_panic([world.p1_cycle.into(), due.into()])
                .to_owned(),
        )
        .await
        .unwrap();
    }
    let snapshot = osa_core::plan_update::snapshot(&[], first, None, today);
    let update = NewUpdate {
        invitation: world.o1_invitation,
        cycle: world.p1_cycle,
        organisation: world.o1,
        assessment: world.o1_assessment,
        return_id,
        snapshot: &snapshot,
        by: user_id(app, O1_LEAD).await,
        at: time::OffsetDateTime::now_utc(),
    };
    let id = insert(&mut tx, &update).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    id
}

/// The shipped framework for partnerships, published, as the demo imports it.
async fn partnership_framework(app: &TestApp) -> i64 {
    let (_, text) = osa_server::frameworks::import::SHIPPED
        .iter()
        .find(|(name, _)| *name == "partnership.toml")
        .expect("the partnership framework is shipped");
    match osa_server::frameworks::import::import(app.db(), None, None, true, text.as_bytes(), true).await {
        Ok(done) => done.id,
        Err(_) => panic!("the partnership framework did not import"),
    }
}

async fn newest_outbox_id(app: &TestApp) -> i64 {
    use osa_server::db::schema::Outbox;
    use sea_query::{Expr, ExprTrait, Query};
    let (id,): (i64,) = app
        .db()
        .fetch_one(&Query::select().expr(Expr::col(Outbox::Id).max()).from(Outbox::Table).to_owned())
        .await
        .unwrap();
    id
}

async fn attempt(client: &Client, case: &Case, token: &str) -> Page {
    match case.method {
        "GET" => client.get(&case.path).await,
        _ => {
            let mut form: Vec<(&str, &str)> = case.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            form.push(("csrf_token", token));
            client.post_raw(&case.path, &form).await
        }
    }
}

#[tokio::test]
async fn every_route_is_in_the_access_table() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let served: BTreeSet<(String, String)> = osa_server::web::routes()
        .list()
        .iter()
        .map(|(m, p)| (m.as_str().to_owned(), (*p).to_owned()))
        .collect();
    let tabled: BTreeSet<(String, String)> =
        table(&world).iter().map(|c| (c.method.to_owned(), c.template.to_owned())).collect();
    let missing: Vec<_> = served.difference(&tabled).collect();
    let stale: Vec<_> = tabled.difference(&served).collect();
    assert!(missing.is_empty(), "routes with no row in the access table: {missing:?}");
    assert!(stale.is_empty(), "access-table rows for routes that do not exist: {stale:?}");
}

#[allow(clippy::too_many_lines, reason = "the route-by-role sweep reads as one table-driven loop")]
#[tokio::test]
async fn every_route_gives_every_role_the_expected_outcome() {
    // With a metrics token set, so /metrics is served and refuses everyone without it.
    let token = common::token_file("the-access-table-scraper-token");
    let app = TestApp::spawn_with(|c| c.metrics_token_file = token).await;
    let world = World::build(&app).await;
    let mut cases = table(&world);
    let p1_admin_id = user_id(&app, P1_ADMIN).await;
    let o1_lead_id = user_id(&app, O1_LEAD).await;
    app.client().post("/password-reset", &[("email", O1_LEAD)]).await;
    let message = newest_outbox_id(&app).await;
    let submitted = submitted_return(&app, &world).await;
    let passage = narrative_passage(&app, &world, submitted).await;
    let upload =
        osa_server::workbook::store::keep(app.db(), world.o1_assessment, o1_lead_id, "answers.xlsx", &[])
            .await
            .unwrap();
    let thread = challenged(&app, &world, submitted).await;
    let (survey, survey_token) = common::surveys::open_survey(&app, &world).await;
    let partnership_action = partnership_action(&app, &world).await;
    let meeting = scheduled_meeting(&app, &world).await;
    let plan_update = sent_plan_update(&app, &world, submitted).await;
    let summary = common::summaries::published_summary(&app, &world).await;
    let partnership_framework = partnership_framework(&app).await;
    let p1_token = common::api::token_for(&app, world.p1).await;
    let p2_token = common::api::token_for(&app, world.p2).await;
    let p1_token_id = common::api::token_for(&app, world.p1).await;
    let p1_token_id = token_id(&app, &p1_token_id).await;
    for c in &mut cases {
        if c.template == "/partnerships/{id}/self-assessment" && c.method == "POST" {
            c.form = vec![("framework", partnership_framework.to_string())];
        }
        if c.template.starts_with("/plan-updates/{id}") {
            c.path = c.template.replace("{id}", &plan_update.to_string());
        }
        if c.template == "/summaries/{slug}" {
            c.path = format!("/summaries/{summary}");
        }
        if c.template.starts_with("/partnership-actions/{id}") {
            c.path = c.template.replace("{id}", &partnership_action.to_string());
        }
        if c.template.starts_with("/meetings/{id}") {
            c.path = c.template.replace("{id}", &meeting.to_string());
        }
        if c.template.starts_with("/surveys/{id}") {
            c.path = c
                .template
                .replace("{id}", &survey.to_string())
                .replace("{organisation}", &world.o1.to_string());
        }
        if c.template.starts_with("/survey/{token}") {
            c.path = c.template.replace("{token}", &survey_token).replace("{code}", "0000-0000-0000");
        }
        if c.template == "/api/v1/returns/{id}" {
            c.path = format!("/api/v1/returns/{submitted}");
        }
        if c.template == "/partnerships/{id}/api-tokens/{token}/revoke" {
            c.path = format!("/partnerships/{}/api-tokens/{p1_token_id}/revoke", world.p1);
        }
        if c.template.starts_with("/returns/{id}") {
            c.path = c
                .template
                .replace("{id}", &submitted.to_string())
                .replace("{code}", "1.1")
                .replace("{thread}", &thread.to_string());
        }
        if c.template == "/assessments/{id}/workbook/{upload}" {
            c.path = format!("/assessments/{}/workbook/{upload}", world.o1_assessment);
        }
        if c.template.starts_with("/cycles/{id}/narratives/{passage}") {
            c.path = format!("/cycles/{}/narratives/{passage}", world.p1_cycle)
                + c.template
                    .trim_start_matches("/cycles/{id}/narratives/{passage}")
                    .replace("{tag}", "999999")
                    .as_str();
        }
        if c.template == "/admin/outbox/{id}" {
            c.path = format!("/admin/outbox/{message}");
        }
        if c.template == "/partnerships/{id}/users/{user}/remove" {
            c.path = format!("/partnerships/{}/users/{p1_admin_id}/remove", world.p1);
        }
        if c.template.starts_with("/admin/users/{id}") {
            c.path = c.template.replace("{id}", &o1_lead_id.to_string());
        }
        if c.template == "/organisations/{id}/users/{user}/remove" {
            c.path = format!("/organisations/{}/users/{o1_lead_id}/remove", world.o1);
        }
    }

    let mut clients = BTreeMap::new();
    for who in [
        Anonymous,
        PlatformAdmin,
        P1Admin,
        P1Analyst,
        P1Panel,
        P2Admin,
        O1Lead,
        O1Contributor,
        O1SignOff,
        O2Lead,
    ] {
        let client = match who.email() {
            Some(email) => app.signed_in(email).await,
            None => app.client(),
        };
        let token = client.token().await;
        clients.insert(who, (client, token));
    }

    let mut failures = Vec::new();
    for c in &cases {
        // Signing out would end the session the rest of the table relies on.
        if c.template == "/sign-out" {
            continue;
        }
        for (who, (client, token)) in &clients {
            let page = attempt(client, c, token).await;
            let refused = page.status.as_u16() == 403 || page.status.as_u16() == 404;
            let to_sign_in = page.redirects_to("/sign-in");
            let expected_ok = match c.allowed {
                Allowed::Public => true,
                Allowed::TokenOnly => false,
                Allowed::Only(list) => list.contains(who),
                Allowed::Token { .. } => false,
            };
            let ok = if matches!(c.allowed, Allowed::Token { .. } | Allowed::TokenOnly) {
                page.status.as_u16() == 401
            } else if expected_ok {
                // Bad-token pages (410) and invalid forms (422) still prove access.
                !refused && !to_sign_in && page.status.as_u16() < 500
            } else if *who == Anonymous {
                to_sign_in
            } else {
                refused
            };
            if !ok {
                failures.push(format!(
                    "{} {} as {who:?}: got {} (location {:?})",
                    c.method, c.path, page.status, page.location
                ));
            }
        }
    }
    for c in cases.iter().filter(|c| matches!(c.allowed, Allowed::Token { .. })) {
        let own = common::api::get(&app, &p1_token, &c.path).await.status.as_u16();
        if own != 200 {
            failures.push(format!("{} {} with partnership one's token: got {own}", c.method, c.path));
        }
        let other = common::api::get(&app, &p2_token, &c.path).await.status.as_u16();
        let expected = if matches!(c.allowed, Allowed::Token { others_refused: true }) { 404 } else { 200 };
        if other != expected {
            failures.push(format!("{} {} with partnership two's token: got {other}", c.method, c.path));
        }
    }
    assert!(failures.is_empty(), "{} unexpected outcomes:\n{}", failures.len(), failures.join("\n"));
}

/// The id of the token whose secret is `secret`.
async fn token_id(app: &TestApp, secret: &str) -> i64 {
    osa_server::api::store::find_by_hash(app.db(), &osa_server::api::calls::digest(secret))
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn signing_out_ends_the_session_for_every_role() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    for who in EVERYONE_SIGNED_IN {
        let client = app.signed_in(who.email().unwrap()).await;
        assert_eq!(client.get("/home").await.status, 200);
        let out = client.post("/sign-out", &[]).await;
        assert!(out.redirects_to("/"), "{who:?}");
        assert!(client.get("/home").await.redirects_to("/sign-in"), "{who:?} still signed in");
    }
}

#[tokio::test]
async fn a_platform_admins_outbox_message_is_hidden_from_everyone_else() {
    let app = TestApp::spawn().await;
    World::build(&app).await;
    app.client().post("/password-reset", &[("email", O1_LEAD)]).await;
    let path = format!("/admin/outbox/{}", newest_outbox_id(&app).await);
    assert_eq!(app.signed_in(PLATFORM_ADMIN).await.get(&path).await.status, 200);
    for who in &EVERYONE_SIGNED_IN[1..] {
        let status = app.signed_in(who.email().unwrap()).await.get(&path).await.status.as_u16();
        assert!(status == 403 || status == 404, "{who:?} got {status}");
    }
    assert!(app.client().get(&path).await.redirects_to("/sign-in"));
}
