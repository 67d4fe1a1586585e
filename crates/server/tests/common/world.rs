//! A small world for tests: two partnerships, each with one organisation and a person
//! in every role, so every check can be made against a person of another tenant.

use osa_core::tenancy::{DutyStatus, OrgRole, PartnershipKind, PartnershipRole, Sector};
use osa_server::accounts::{password, store};
use osa_server::organisations::store::{self as orgs, NewOrganisation};
use osa_server::partnerships::store::{self as partnerships, NewPartnership};

use osa_server::web::AppState;

use super::{PASSWORD, TestApp};

/// What a world is built through: a [`TestApp`], or only the app's state on a database
/// that real `osa` processes serve (tests/crash_safety.rs, tests/several_servers.rs).
pub trait Seed {
    fn state(&self) -> &AppState;
}

impl Seed for TestApp {
    fn state(&self) -> &AppState {
        &self.state
    }
}

impl Seed for AppState {
    fn state(&self) -> &AppState {
        self
    }
}

pub struct World {
    pub p1: i64,
    pub p2: i64,
    /// Serves p1.
    pub o1: i64,
    /// Serves p2.
    pub o2: i64,
    /// Serves no one yet; has a pending request to join p1.
    pub o3: i64,
    pub o3_request: i64,
    /// Version 1 (published) and 2 (draft) of a framework owned by p1.
    pub framework_v1: i64,
    pub framework_v2: i64,
    /// Organisation one's assessment against version 1.
    pub o1_assessment: i64,
    /// An action added by hand to that assessment's plan.
    pub o1_action: i64,
    /// An open audit cycle of p1 (framework v1), and o1's invitation to it.
    pub p1_cycle: i64,
    pub o1_invitation: i64,
    /// An evidence file (a small PDF) attached to criterion 1.1 of that assessment.
    pub o1_evidence: i64,
    /// A file resource (a small PDF) in partnership one's library, linked to standard 1
    /// of the test framework.
    pub p1_resource: i64,
}

pub const TEST_FRAMEWORK: &str = include_str!("test-framework.toml");

/// A small, valid one-page PDF.
pub const SMALL_PDF: &[u8] = include_bytes!("small.pdf");

/// The test framework with its first question reworded.
pub fn test_framework_reworded() -> String {
    TEST_FRAMEWORK
        .replace("We have a named safeguarding lead.", "We have a named safeguarding lead and a deputy.")
}

pub const PLATFORM_ADMIN: &str = "platform@test.example";
pub const P1_ADMIN: &str = "p1.admin@test.example";
pub const P1_ANALYST: &str = "p1.analyst@test.example";
pub const P1_PANEL: &str = "p1.panel@test.example";
pub const P2_ADMIN: &str = "p2.admin@test.example";
pub const O1_LEAD: &str = "o1.lead@test.example";
pub const O1_CONTRIBUTOR: &str = "o1.contributor@test.example";
pub const O1_SIGNOFF: &str = "o1.signoff@test.example";
pub const O2_LEAD: &str = "o2.lead@test.example";
pub const O3_LEAD: &str = "o3.lead@test.example";

impl World {
    /// The value of the upload form's owner field for partnership one.
    pub async fn p1_owner(app: &impl Seed) -> String {
        osa_server::partnerships::store::all(&app.state().db)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Partnership One")
            .unwrap()
            .id
            .to_string()
    }

    #[allow(clippy::too_many_lines, reason = "the test world is declared in one place, one block per tenant")]
    pub async fn build(app: &impl Seed) -> World {
        let hash = password::hash(PASSWORD.to_owned()).await.unwrap();
        let mut tx = app.state().db.begin().await.unwrap();
        let p1 = partnerships::create(
            &mut tx,
            None,
            NewPartnership { name: "Partnership One", area: "Area One", kind: PartnershipKind::Children },
        )
        .await
        .unwrap();
        let p2 = partnerships::create(
            &mut tx,
            None,
            NewPartnership { name: "Partnership Two", area: "Area Two", kind: PartnershipKind::Adults },
        )
        .await
        .unwrap();
        let org = |name| NewOrganisation {
            name,
            sector: Sector::VoluntaryAndCommunity,
            duty: DutyStatus::Voluntary,
        };
        let o1 = orgs::create(&mut tx, None, &org("Organisation One")).await.unwrap();
        let o2 = orgs::create(&mut tx, None, &org("Organisation Two")).await.unwrap();
        let o3 = orgs::create(&mut tx, None, &org("Organisation Three")).await.unwrap();
        orgs::add_area(&mut tx, o1, p1).await.unwrap();
        orgs::add_area(&mut tx, o2, p2).await.unwrap();
        let mut person = async |email: &str, admin: bool| {
            store::find_or_create_user(&mut tx, None, email, email, Some(hash.clone()), admin)
                .await
                .unwrap()
                .0
        };
        let _ = person(PLATFORM_ADMIN, true).await;
        let people = [
            (P1_ADMIN, Some((p1, PartnershipRole::Admin)), None),
            (P1_ANALYST, Some((p1, PartnershipRole::Analyst)), None),
            (P1_PANEL, Some((p1, PartnershipRole::PanelMember)), None),
            (P2_ADMIN, Some((p2, PartnershipRole::Admin)), None),
            (O1_LEAD, None, Some((o1, OrgRole::SafeguardingLead))),
            (O1_CONTRIBUTOR, None, Some((o1, OrgRole::Contributor))),
            (O1_SIGNOFF, None, Some((o1, OrgRole::SeniorSignOff))),
            (O2_LEAD, None, Some((o2, OrgRole::SafeguardingLead))),
            (O3_LEAD, None, Some((o3, OrgRole::SafeguardingLead))),
        ];
        let mut ids = Vec::new();
        for (email, partnership_role, org_role) in people {
            ids.push((email, person(email, false).await, partnership_role, org_role));
        }
        for (_, id, partnership_role, org_role) in ids {
            if let Some((p, role)) = partnership_role {
                store::grant_partnership_role(&mut tx, None, id, p, role).await.unwrap();
            }
            if let Some((o, role)) = org_role {
                store::grant_org_role(&mut tx, None, id, o, role).await.unwrap();
            }
        }
        orgs::request_to_join(&mut tx, None, o3, p1).await.unwrap();
        tx.commit().await.unwrap();
        let o3_request = orgs::requests_of(&app.state().db, o3).await.unwrap()[0].id;
        let import = |text: String, publish| async move {
            match osa_server::frameworks::import::import(
                &app.state().db,
                Some(p1),
                None,
                false,
                text.as_bytes(),
                publish,
            )
            .await
            {
                Ok(done) => done.id,
                Err(_) => panic!("the test framework did not import"),
            }
        };
        let framework_v1 = import(TEST_FRAMEWORK.to_owned(), true).await;
        let framework_v2 = import(test_framework_reworded(), false).await;
        let lead = store::user_by_email(&app.state().db, O1_LEAD).await.unwrap().unwrap().id;
        let o1_assessment =
            osa_server::assessments::store::start(&app.state().db, o1, "test-framework", framework_v1, lead)
                .await
                .unwrap();
        let fields = osa_server::action_plans::store::Fields {
            what: "Refresh the safeguarding policy".into(),
            responsible_lead: "Safeguarding lead".into(),
            target_date: None,
            expected_outcome: String::new(),
            impact_measure: String::new(),
            status: osa_core::assessment::ActionStatus::NotStarted,
        };
        let o1_action =
            osa_server::action_plans::store::create(&app.state().db, o1_assessment, lead, &fields)
                .await
                .unwrap();
        let (p1_cycle, o1_invitation) = open_cycle(app, p1, o1, framework_v1, lead).await;
        let upload = osa_server::evidence::store::Upload {
            criterion: "1.1".into(),
            name: "Safeguarding policy.pdf".into(),
            kind: osa_server::storage::FileKind::Pdf,
            bytes: SMALL_PDF.to_vec(),
        };
        let o1_evidence = osa_server::evidence::store::attach(
            &app.state().db,
            &app.state().files,
            o1_assessment,
            lead,
            &[upload],
        )
        .await
        .unwrap()[0];
        let p1_resource = Self::add_pdf_resource(app, p1, "Safer recruitment checklist").await;
        World {
            p1,
            p2,
            o1,
            o2,
            o3,
            o3_request,
            framework_v1,
            framework_v2,
            o1_assessment,
            o1_action,
            p1_cycle,
            o1_invitation,
            o1_evidence,
            p1_resource,
        }
    }

    /// Adds a PDF resource to a partnership's library, linked to standard 1 of the test
    /// framework, the way the add form would store it.
    pub async fn add_pdf_resource(app: &impl Seed, partnership: i64, title: &str) -> i64 {
        use osa_server::resources::store::{self, Fields, Source, StoredFile};
        let key = app.state().files.put(SMALL_PDF).await.unwrap();
        let file = StoredFile {
            key,
            name: "checklist.pdf".into(),
            mime: "application/pdf".into(),
            size: SMALL_PDF.len() as i64,
        };
        let fields = Fields {
            kind: osa_core::signposting::ResourceKind::Template,
            title: title.into(),
            description: "Steps to follow before anyone starts working with children.".into(),
            source: Source::File(file),
            links: vec![osa_core::signposting::Link::standard("test-framework", "1")],
        };
        store::create(&app.state().db, partnership, None, &fields).await.unwrap()
    }
}

/// Opens a cycle of `partnership` (since yesterday, due in a month) and invites `org`.
async fn open_cycle(app: &impl Seed, partnership: i64, org: i64, framework: i64, actor: i64) -> (i64, i64) {
    use osa_server::cycles::store::{self, NewCycle, NewInvitation};
    let today = time::OffsetDateTime::now_utc().date();
    let mut tx = app.state().db.begin().await.unwrap();
    let cycle = NewCycle {
        partnership,
        name: "Audit 2027".into(),
        main_framework: framework,
        by_sector: Vec::new(),
        opens_on: today - time::Duration::days(1),
        due_on: today + time::Duration::days(30),
        updates_due: Vec::new(),
        neighbours: Vec::new(),
    };
    let id = store::create(&mut tx, actor, &cycle).await.unwrap();
    let invitation =
        NewInvitation { organisation: org, framework_id: framework, framework_key: "test-framework".into() };
    store::invite(&mut tx, id, actor, &invitation).await.unwrap();
    tx.commit().await.unwrap();
    let invitation = store::invitations(&app.state().db, id).await.unwrap()[0].id;
    (id, invitation)
}
