//! A partnership reads only the returns sent to it (issue 10, item 1). Partnership two
//! asks partnership one to run a cycle together: until one of partnership one's admins
//! accepts, partnership one takes no part and its organisations cannot be invited.
//! Once it has, organisation one (serving partnership one only) submits to partnership
//! one alone, and every cycle page that shows what returns say refuses partnership
//! two's admin or leaves organisation one's content out, while partnership one's
//! analyst, reading the same pages, sees it (so the absence is not an empty page).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use calamine::{Data, Reader, Xlsx};
use common::journey::{answer_standard_one, sign_off_and_submit};
use common::world::*;
use common::{Client, TestApp};
use sea_query::{Expr, ExprTrait, Order, Query};

/// Opens a cycle of partnership two (since yesterday) through the form, asking
/// `neighbours` to join; its id. Partnership two becomes a joint partnership first, so
/// the children's test framework is one it may use.
async fn open_p2_cycle(app: &TestApp, admin: &Client, world: &World, neighbours: &[i64]) -> i64 {
    use osa_server::db::schema::Partnerships;
    app.db()
        .execute(
            &Query::update()
                .table(Partnerships::Table)
                .value(Partnerships::Kind, "joint")
                .and_where(Expr::col(Partnerships::Id).eq(world.p2))
                .to_owned(),
        )
        .await
        .unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let (opens, due) = (today - time::Duration::days(1), today + time::Duration::days(30));
    let framework = world.framework_v1.to_string();
    let neighbours: Vec<String> = neighbours.iter().map(i64::to_string).collect();
    let (od, om, oy) = (opens.day().to_string(), (opens.month() as u8).to_string(), opens.year().to_string());
    let (dd, dm, dy) = (due.day().to_string(), (due.month() as u8).to_string(), due.year().to_string());
    let mut form = vec![
        ("name", "Region audit 2027"),
        ("framework", framework.as_str()),
        ("opens_on_day", od.as_str()),
        ("opens_on_month", om.as_str()),
        ("opens_on_year", oy.as_str()),
        ("due_on_day", dd.as_str()),
        ("due_on_month", dm.as_str()),
        ("due_on_year", dy.as_str()),
    ];
    form.extend(neighbours.iter().map(|n| ("neighbours", n.as_str())));
    let created = admin.post(&format!("/partnerships/{}/cycles/new", world.p2), &form).await;
    assert!(created.status.is_redirection(), "{}", created.body);
    let location = created.location.expect("a redirect");
    location.trim_start_matches("/cycles/").trim_end_matches("/invite").parse().unwrap()
}

fn invitations_page(world: &World) -> String {
    format!("/partnerships/{}/cycle-invitations", world.p1)
}

async fn answer(client: &Client, world: &World, cycle: i64, answer: &str) -> common::Page {
    client.post(&format!("/partnerships/{}/cycle-invitations/{cycle}/{answer}", world.p1), &[]).await
}

/// The organisations invited to a cycle.
async fn invited(app: &TestApp, cycle: i64) -> Vec<i64> {
    osa_server::cycles::store::invitations(app.db(), cycle)
        .await
        .unwrap()
        .iter()
        .map(|i| i.organisation_id)
        .collect()
}

/// The audit rows of a cycle with this action: (actor, after).
async fn audited(app: &TestApp, cycle: i64, action: &str) -> Vec<(Option<i64>, Option<String>)> {
    use osa_server::db::schema::AuditLog;
    app.db()
        .fetch_all(
            &Query::select()
                .columns([AuditLog::ActorUserId, AuditLog::After])
                .from(AuditLog::Table)
                .and_where(Expr::col(AuditLog::Entity).eq("cycle"))
                .and_where(Expr::col(AuditLog::EntityId).eq(cycle.to_string()))
                .and_where(Expr::col(AuditLog::Action).eq(action))
                .order_by(AuditLog::Id, Order::Asc)
                .to_owned(),
        )
        .await
        .unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    osa_server::accounts::store::user_by_email(app.db(), email).await.unwrap().unwrap().id
}

#[tokio::test]
async fn a_neighbour_takes_part_only_once_one_of_its_admins_accepts() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let p2_admin = app.signed_in(P2_ADMIN).await;
    let cycle = open_p2_cycle(&app, &p2_admin, &world, &[world.p1]).await;
    let p1_admin = app.signed_in(P1_ADMIN).await;

    // Asked, not taking part: partnership one's staff do not see the cycle ...
    for path in [format!("/cycles/{cycle}"), format!("/cycles/{cycle}/dashboard")] {
        assert_eq!(p1_admin.get(&path).await.status, 404, "{path}");
    }
    let list = p1_admin.get(&format!("/partnerships/{}/cycles", world.p1)).await;
    assert!(!list.body.contains("Region audit 2027"));
    assert!(list.body.contains("Another partnership asks yours to run a cycle together."));
    // ... and partnership two cannot invite its organisations, whatever is posted.
    let form = p2_admin.get(&format!("/cycles/{cycle}/invite")).await;
    assert!(!form.body.contains("Organisation One"), "{}", form.body);
    let o1 = world.o1.to_string();
    p2_admin.post(&format!("/cycles/{cycle}/invite"), &[("organisation", &o1)]).await;
    assert!(invited(&app, cycle).await.is_empty());
    let show = p2_admin.get(&format!("/cycles/{cycle}")).await;
    assert!(show.body.contains("Partnership One: Not answered yet"), "{}", show.body);

    // Its admins are told and see the invitation; its analyst may not answer.
    let (subject, body) = app.last_mail_to(P1_ADMIN).await.expect("partnership one's admin is emailed");
    assert_eq!(subject, "Run an audit cycle together: Region audit 2027");
    assert!(body.contains(&invitations_page(&world)), "{body}");
    let page = p1_admin.get(&invitations_page(&world)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Region audit 2027") && page.body.contains("Partnership Two"));
    let analyst = app.signed_in(P1_ANALYST).await;
    assert_eq!(analyst.get(&invitations_page(&world)).await.status, 403);
    assert_eq!(answer(&analyst, &world, cycle, "accept").await.status, 403);
    assert!(audited(&app, cycle, "accept_cycle_invitation").await.is_empty());

    let accepted = answer(&p1_admin, &world, cycle, "accept").await;
    assert!(accepted.redirects_to(&format!("/cycles/{cycle}")), "{:?}", accepted.location);
    let rows = audited(&app, cycle, "accept_cycle_invitation").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Some(user_id(&app, P1_ADMIN).await));
    assert!(rows[0].1.as_deref().unwrap().contains("accepted"));

    // Now it takes part: its staff see the cycle, its organisations can be invited.
    assert_eq!(analyst.get(&format!("/cycles/{cycle}")).await.status, 200);
    let list = p1_admin.get(&format!("/partnerships/{}/cycles", world.p1)).await;
    assert!(list.body.contains("Region audit 2027"));
    assert!(!p1_admin.get(&invitations_page(&world)).await.body.contains("Region audit 2027"));
    let form = p2_admin.get(&format!("/cycles/{cycle}/invite")).await;
    assert!(form.body.contains("Organisation One"));
    p2_admin.post(&format!("/cycles/{cycle}/invite"), &[("organisation", &o1)]).await;
    assert_eq!(invited(&app, cycle).await, [world.o1]);

    // Answering again changes nothing and audits nothing.
    let again = answer(&p1_admin, &world, cycle, "decline").await;
    assert!(again.redirects_to(&invitations_page(&world)));
    assert!(audited(&app, cycle, "decline_cycle_invitation").await.is_empty());
    assert_eq!(analyst.get(&format!("/cycles/{cycle}")).await.status, 200);
}

#[tokio::test]
async fn a_declined_invitation_stands_until_the_cycle_asks_again_and_each_step_is_audited() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let p2_admin = app.signed_in(P2_ADMIN).await;
    let cycle = open_p2_cycle(&app, &p2_admin, &world, &[world.p1]).await;
    let p1_admin = app.signed_in(P1_ADMIN).await;
    let declined = answer(&p1_admin, &world, cycle, "decline").await;
    assert!(declined.redirects_to(&invitations_page(&world)));
    let page = p1_admin.get(&invitations_page(&world)).await;
    assert!(page.body.contains("You declined to run Region audit 2027 with Partnership Two"));
    assert!(page.body.contains("No invitations are waiting for an answer."));
    let rows = audited(&app, cycle, "decline_cycle_invitation").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Some(user_id(&app, P1_ADMIN).await));

    // Accepting afterwards does nothing: the cycle stays closed to partnership one ...
    answer(&p1_admin, &world, cycle, "accept").await;
    assert!(audited(&app, cycle, "accept_cycle_invitation").await.is_empty());
    assert_eq!(p1_admin.get(&format!("/cycles/{cycle}")).await.status, 404);
    let show = p2_admin.get(&format!("/cycles/{cycle}")).await;
    assert!(show.body.contains("Partnership One: Declined"));
    let o1 = world.o1.to_string();
    p2_admin.post(&format!("/cycles/{cycle}/invite"), &[("organisation", &o1)]).await;
    assert!(invited(&app, cycle).await.is_empty());

    // ... until partnership two's admins ask again (audited).
    let p1 = world.p1.to_string();
    let asked = p2_admin.post(&format!("/cycles/{cycle}/neighbours"), &[("partnership", &p1)]).await;
    assert!(asked.redirects_to(&format!("/cycles/{cycle}")));
    assert_eq!(audited(&app, cycle, "ask_to_join_cycle").await.len(), 1);
    assert!(
        p2_admin.get(&format!("/cycles/{cycle}")).await.body.contains("Partnership One: Not answered yet")
    );
    let again = p2_admin.post(&format!("/cycles/{cycle}/neighbours"), &[("partnership", &p1)]).await;
    assert!(again.redirects_to(&format!("/cycles/{cycle}")));
    assert_eq!(audited(&app, cycle, "ask_to_join_cycle").await.len(), 1, "asking twice asks once");
    assert!(p1_admin.get(&invitations_page(&world)).await.body.contains("Region audit 2027"));
    assert!(answer(&p1_admin, &world, cycle, "accept").await.redirects_to(&format!("/cycles/{cycle}")));
    assert_eq!(p1_admin.get(&format!("/cycles/{cycle}")).await.status, 200);
    // Someone of neither partnership is told the cycle does not exist.
    let o1_lead = app.signed_in(O1_LEAD).await;
    let p2 = world.p2.to_string();
    assert_eq!(
        o1_lead.post(&format!("/cycles/{cycle}/neighbours"), &[("partnership", &p2)]).await.status,
        404
    );
}

#[tokio::test]
async fn a_partnership_can_be_asked_to_join_after_the_cycle_is_opened() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let p2_admin = app.signed_in(P2_ADMIN).await;
    let cycle = open_p2_cycle(&app, &p2_admin, &world, &[]).await;
    let page = p2_admin.get(&format!("/cycles/{cycle}")).await;
    assert!(page.body.contains("Ask another partnership to run this cycle with you"));
    let p1 = world.p1.to_string();
    p2_admin.post(&format!("/cycles/{cycle}/neighbours"), &[("partnership", &p1)]).await;
    let (subject, _) = app.last_mail_to(P1_ADMIN).await.expect("partnership one's admin is emailed");
    assert_eq!(subject, "Run an audit cycle together: Region audit 2027");
    let p1_admin = app.signed_in(P1_ADMIN).await;
    assert_eq!(p1_admin.get(&format!("/cycles/{cycle}")).await.status, 404, "asked is not taking part");
    assert!(answer(&p1_admin, &world, cycle, "accept").await.status.is_redirection());
    let form = p2_admin.get(&format!("/cycles/{cycle}/invite")).await;
    assert!(form.body.contains("Organisation One"));
    // A partnership's analyst may not ask anyone in.
    let analyst = app.signed_in(P1_ANALYST).await;
    let p2 = world.p2.to_string();
    assert_eq!(
        analyst.post(&format!("/cycles/{cycle}/neighbours"), &[("partnership", &p2)]).await.status,
        403
    );
}

/// The return id linked to an organisation's invitation to a cycle.
async fn linked(app: &TestApp, cycle: i64, organisation: i64) -> Option<i64> {
    osa_server::cycles::store::invitations(app.db(), cycle)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.organisation_id == organisation)
        .and_then(|i| i.return_id)
}

#[tokio::test]
async fn a_return_answers_only_cycles_of_partnerships_it_was_sent_to() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let p2_admin = app.signed_in(P2_ADMIN).await;
    let cycle = open_p2_cycle(&app, &p2_admin, &world, &[]).await;
    // An invitation of partnership one's organisation to partnership two's own cycle,
    // as the form allowed before neighbours had to accept (or a cycle of old data).
    {
        use osa_server::cycles::store::{NewInvitation, invite};
        let actor = user_id(&app, P2_ADMIN).await;
        let new = NewInvitation {
            organisation: world.o1,
            framework_id: world.framework_v1,
            framework_key: "test-framework".into(),
        };
        let mut tx = app.db().begin().await.unwrap();
        assert!(invite(&mut tx, cycle, actor, &new).await.unwrap());
        tx.commit().await.unwrap();
    }
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "90").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    assert!(linked(&app, world.p1_cycle, world.o1).await.is_some(), "partnership one's cycle is answered");
    assert_eq!(linked(&app, cycle, world.o1).await, None, "partnership two never received the return");
    let dashboard = p2_admin.get(&format!("/cycles/{cycle}/dashboard")).await;
    assert!(dashboard.body.contains("Organisation One: In progress"), "{}", dashboard.body);
}

/// What a route must give partnership two's admin, who received nothing.
enum Expect {
    /// Refused outright (404, as for a return the reader may not open).
    Refused,
    /// Shown, without these words (which partnership one's analyst does see).
    Without(&'static [&'static str]),
}

/// Reads one sheet of an XLSX download as text, cell by cell.
async fn sheet_text(client: &Client, path: &str, sheet: &str) -> (u16, String) {
    let response = client.http.get(format!("{}{path}", client.base)).send().await.unwrap();
    let status = response.status().as_u16();
    if status != 200 {
        return (status, String::new());
    }
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let cells: Vec<String> = range
        .rows()
        .flat_map(|row| row.iter())
        .map(|cell| match cell {
            Data::String(s) => s.clone(),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            other => other.to_string(),
        })
        .collect();
    (status, cells.join("|"))
}

/// The last field of the CSV line starting with `label`.
fn csv_total(body: &str, label: &str) -> String {
    let line = body.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label} in {body}"));
    line.rsplit(',').next().unwrap().to_owned()
}

#[allow(clippy::too_many_lines, reason = "one region journey checked at each step")]
#[tokio::test]
async fn every_page_of_a_region_cycle_hides_returns_sent_only_to_the_other_partnership() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    let p2_admin = app.signed_in(P2_ADMIN).await;
    let cycle = open_p2_cycle(&app, &p2_admin, &world, &[world.p1]).await;
    let p1_admin = app.signed_in(P1_ADMIN).await;
    assert!(answer(&p1_admin, &world, cycle, "accept").await.status.is_redirection());
    let o1 = world.o1.to_string();
    p2_admin.post(&format!("/cycles/{cycle}/invite"), &[("organisation", &o1)]).await;
    assert_eq!(invited(&app, cycle).await, [world.o1]);
    // Partnership two runs a practitioner survey on its cycle.
    let survey = {
        use osa_server::surveys::store::{NewSurvey, create};
        let new = NewSurvey {
            cycle,
            title: "Region survey".into(),
            closes_on: None,
            questions: vec![("1.1".to_owned(), "Do you know who the safeguarding lead is?".to_owned())],
        };
        let actor = user_id(&app, P2_ADMIN).await;
        let mut tx = app.db().begin().await.unwrap();
        let id = create(&mut tx, actor, &new).await.unwrap();
        tx.commit().await.unwrap();
        id
    };

    // Organisation one answers ("met", "Named on posters.", 90%) and submits: to
    // partnership one, the only partnership it serves.
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "90").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    let return_id = linked(&app, cycle, world.o1).await.expect("the region's cycle is answered");
    let passage: i64 = {
        use osa_server::narratives::schema::NarrativePassages;
        let (id,): (i64,) = app
            .db()
            .fetch_one(
                &Query::select()
                    .column(NarrativePassages::Id)
                    .from(NarrativePassages::Table)
                    .and_where(Expr::col(NarrativePassages::ReturnId).eq(return_id))
                    .and_where(Expr::col(NarrativePassages::CriterionCode).eq("1.1"))
                    .to_owned(),
            )
            .await
            .unwrap();
        id
    };
    // Partnership one tags the passage with its theme and challenges the return.
    let analyst = app.signed_in(P1_ANALYST).await;
    analyst.post(&format!("/partnerships/{}/themes", world.p1), &[("name", "Visible leadership")]).await;
    let theme = osa_server::narratives::store::themes(app.db(), &[world.p1]).await.unwrap()[0].id.to_string();
    let tagged = analyst
        .post(&format!("/cycles/{cycle}/narratives/{passage}/tags"), &[("theme", theme.as_str())])
        .await;
    assert!(tagged.status.is_redirection(), "{}", tagged.body);
    let panel = app.signed_in(P1_PANEL).await;
    let raised = panel
        .post(
            &format!("/returns/{return_id}/criteria/1.1"),
            &[("kind", "challenge"), ("message", "Who deputises?")],
        )
        .await;
    assert!(raised.status.is_redirection(), "{}", raised.body);

    let c = cycle;
    let p1 = world.p1;
    let routes: Vec<(String, Expect)> = vec![
        (format!("/returns/{return_id}"), Expect::Refused),
        (format!("/returns/{return_id}/copy.pdf"), Expect::Refused),
        (format!("/cycles/{c}/narratives/{passage}"), Expect::Refused),
        (format!("/cycles/{c}"), Expect::Without(&["/returns/"])),
        (
            format!("/cycles/{c}/dashboard"),
            Expect::Without(&["Organisation One", "Standing of each submitted return"]),
        ),
        (format!("/cycles/{c}/dashboard?partnership={p1}"), Expect::Without(&["Organisation One"])),
        (format!("/cycles/{c}/dashboard.csv?table=heatmap"), Expect::Without(&["Organisation One"])),
        (format!("/cycles/{c}/dashboard.csv?table=response"), Expect::Without(&["1,1,0,0,0,100"])),
        (format!("/cycles/{c}/dashboard.csv?table=sectors"), Expect::Without(&["Voluntary and community"])),
        (format!("/cycles/{c}/dashboard.csv?table=numbers"), Expect::Without(&["90"])),
        (format!("/cycles/{c}/narratives"), Expect::Without(&["Named on posters."])),
        (format!("/cycles/{c}/narratives?q=posters"), Expect::Without(&["Named on"])),
        (format!("/cycles/{c}/narratives?theme={theme}"), Expect::Without(&["Named on posters."])),
        (format!("/cycles/{c}/challenges"), Expect::Without(&["Organisation One"])),
        (format!("/surveys/{survey}/results"), Expect::Without(&[">Met</td>"])),
        (format!("/surveys/{survey}/results.csv"), Expect::Without(&["Met"])),
    ];
    let mut failures = Vec::new();
    for (path, expect) in &routes {
        let seen = analyst.get(path).await;
        let theirs = p2_admin.get(path).await;
        match expect {
            Expect::Refused => {
                assert_eq!(seen.status, 200, "partnership one reads {path}");
                if theirs.status != 404 {
                    failures.push(format!("{path}: {} instead of 404", theirs.status));
                }
            }
            Expect::Without(words) => {
                assert_eq!(seen.status, 200, "{path}");
                assert_eq!(theirs.status, 200, "{path}");
                for word in *words {
                    assert!(
                        seen.body.contains(word),
                        "partnership one should see {word:?} on {path}: {}",
                        seen.body
                    );
                    if theirs.body.contains(word) {
                        failures.push(format!("{path} shows partnership two {word:?}"));
                    }
                }
            }
        }
    }
    // The passage cannot be tagged by partnership two either.
    let p2_tag =
        p2_admin.post(&format!("/cycles/{c}/narratives/{passage}/tags"), &[("theme", theme.as_str())]).await;
    if p2_tag.status != 404 {
        failures.push(format!("tagging the passage: {}", p2_tag.status));
    }
    // Theme counts, on the page's CSV: one passage for partnership one, none for two.
    let label = "Visible leadership (Partnership One)";
    let counts = format!("/cycles/{c}/themes.csv");
    assert_eq!(csv_total(&analyst.get(&counts).await.body, label), "1");
    let theirs = csv_total(&p2_admin.get(&counts).await.body, label);
    if theirs != "0" {
        failures.push(format!("{counts}: partnership two counts {theirs} tagged passages"));
    }
    // The counts page links each count to its passages.
    let link = format!("/cycles/{c}/narratives?theme={theme}\"");
    let seen = analyst.get(&format!("/cycles/{c}/themes")).await;
    assert!(seen.body.contains(&link), "{}", seen.body);
    let page = p2_admin.get(&format!("/cycles/{c}/themes")).await;
    assert_eq!(page.status, 200);
    if page.body.contains(&link) {
        failures.push("the themes page links partnership two to a tagged passage".into());
    }
    // Every sheet of the workbook.
    let xlsx = format!("/cycles/{c}/dashboard.xlsx");
    for (sheet, word) in
        [("heatmap", "Organisation One"), ("numbers", "90"), ("sectors", "Voluntary and community")]
    {
        let (status, seen) = sheet_text(&analyst, &xlsx, sheet).await;
        assert_eq!(status, 200);
        assert!(seen.contains(word), "partnership one should see {word} in {sheet}: {seen}");
        let (status, theirs) = sheet_text(&p2_admin, &xlsx, sheet).await;
        assert_eq!(status, 200);
        if theirs.contains(word) {
            failures.push(format!("{xlsx} sheet {sheet} shows partnership two {word:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "partnership two reads a return it was never sent:\n{}",
        failures.join("\n")
    );
    // A meeting partnership two schedules with organisation one is drafted as if no
    // return came (none came to it): partnership one's open challenge stays out.
    let o1 = world.o1.to_string();
    let external = "Dr Ann Lee, Independent scrutineer";
    let schedule = [
        ("scope", "one"),
        ("organisation", o1.as_str()),
        ("held_on_day", "12"),
        ("held_on_month", "5"),
        ("held_on_year", "2027"),
        ("external", external),
    ];
    let done = p2_admin.post(&format!("/cycles/{c}/meetings/new"), &schedule).await;
    assert!(done.redirects_to("/meetings/"), "{} {}", done.status, done.body);
    let agenda = p2_admin.get(done.location.as_deref().unwrap()).await;
    assert_eq!(agenda.status, 200);
    assert!(agenda.body.contains("has not submitted a return for this cycle"), "{}", agenda.body);
    assert!(!agenda.body.contains("Open challenge"), "{}", agenda.body);
    // The dashboard says why the organisation is not counted, without naming it.
    let dashboard = p2_admin.get(&format!("/cycles/{c}/dashboard")).await;
    assert!(
        dashboard
            .body
            .contains("1 organisation invited to this cycle sent its return only to other partnerships"),
        "{}",
        dashboard.body
    );
    assert!(!analyst.get(&format!("/cycles/{c}/dashboard")).await.body.contains("sent its return only"));
}

#[tokio::test]
async fn neighbours_of_cycles_opened_before_consent_take_part_but_read_only_what_was_sent_to_them() {
    let app = TestApp::spawn().await;
    let world = World::build(&app).await;
    // As the database stood before migration 20: partnership two a neighbour of
    // partnership one's cycle from the moment it was named.
    let db = app.db();
    let (c, p1, p2) = (world.p1_cycle, world.p1, world.p2);
    // One connection throughout, so every statement sees the table just remade.
    let mut tx = db.begin().await.unwrap();
    tx.raw_execute("DROP TABLE cycle_partnerships").await.unwrap();
    tx.raw_execute(
        "CREATE TABLE cycle_partnerships (cycle_id bigint NOT NULL, partnership_id bigint NOT NULL, \
         PRIMARY KEY (cycle_id, partnership_id))",
    )
    .await
    .unwrap();
    tx.raw_execute(&format!("INSERT INTO cycle_partnerships VALUES ({c}, {p1}), ({c}, {p2})")).await.unwrap();
    for sql in osa_server::db::migrations::statements(20, db.engine()) {
        tx.raw_execute(&sql).await.unwrap();
    }
    tx.commit().await.unwrap();
    let taking_part: Vec<i64> =
        osa_server::cycles::store::partnerships(db, c).await.unwrap().iter().map(|(p, _)| *p).collect();
    assert_eq!(taking_part.len(), 2, "both keep running the cycle");
    let p2_admin = app.signed_in(P2_ADMIN).await;
    assert_eq!(p2_admin.get(&format!("/cycles/{c}")).await.status, 200);

    // Organisation one serves partnership one only: partnership two never reads its return.
    let lead = app.signed_in(O1_LEAD).await;
    answer_standard_one(&lead, &world, "90").await;
    sign_off_and_submit(&app.signed_in(O1_SIGNOFF).await, &lead, &world).await;
    let heat = format!("/cycles/{c}/dashboard.csv?table=heatmap");
    assert!(app.signed_in(P1_ANALYST).await.get(&heat).await.body.contains("Organisation One"));
    let theirs = p2_admin.get(&heat).await;
    assert_eq!(theirs.status, 200);
    assert!(!theirs.body.contains("Organisation One"), "{}", theirs.body);
}
