//! Which rows an export of one partnership holds (`osa export --partnership ID`).
//!
//! The partnership itself, its people, its frameworks and local questions, its cycles
//! with their invitations, surveys, reports and meetings, the returns sent to it with
//! the organisations (and the assessment records) they came from, its themes, actions,
//! resources and challenge threads. Not the organisations' own working data (their
//! live answers, action plans, evidence, delegations) nor accounts' sign-in state or
//! the deployment's mail, jobs and audit log: see `docs/export-format.md`. Every row
//! kept points only at rows also kept, so the export imports into an empty database.

/// The tables a partnership export leaves empty, and why each is not the partnership's.
pub const NOT_IN_A_PARTNERSHIP_EXPORT: &[&str] = &[
    // The organisations' own working data: they keep it where they are.
    "responses",
    "response_history",
    "assessment_summaries",
    "actions",
    "action_updates",
    "action_notices",
    "delegations",
    "evidence_files",
    "rounds",
    "to_confirm",
    "workbook_uploads",
    "sign_off_requests",
    "org_memberships",
    "join_requests",
    // Sign-in state, mail, the schedule and the audit log belong to the deployment.
    "sessions",
    "sign_in_failures",
    "email_tokens",
    "outbox",
    "audit_log",
    "jobs",
    "survey_answer_bursts",
    "rate_limit_events",
    // API tokens are credentials of this deployment, and their calls its access log:
    // a partnership moved elsewhere makes new tokens there.
    "api_tokens",
    "api_calls",
    // A person's two-factor secret and recovery codes stay with the deployment that
    // issued them: whoever imports a partnership's people has them set it up afresh.
    "two_factor",
    "recovery_codes",
];

/// `(table, SQL condition on its rows)` for every table a partnership export fills.
#[allow(clippy::too_many_lines, reason = "a declarative list: one rule per table")]
pub fn rules(partnership: i64) -> Vec<(&'static str, String)> {
    let p = partnership;
    let cycles = format!("SELECT id FROM cycles WHERE partnership_id = {p}");
    // Shipped frameworks and the partnership's own; a return kept is one made on them.
    let frameworks =
        format!("SELECT id FROM frameworks WHERE owner_partnership_id IS NULL OR owner_partnership_id = {p}");
    let returns = format!(
        "SELECT rp.return_id FROM return_partnerships rp JOIN returns r ON r.id = rp.return_id \
         JOIN assessments a ON a.id = r.assessment_id \
         WHERE rp.partnership_id = {p} AND a.framework_id IN ({frameworks})"
    );
    let assessments = format!("SELECT assessment_id FROM returns WHERE id IN ({returns})");
    let invitations = format!("SELECT id FROM invitations WHERE cycle_id IN ({cycles})");
    let organisations = format!(
        "SELECT organisation_id FROM organisation_areas WHERE partnership_id = {p} \
         UNION SELECT organisation_id FROM invitations WHERE cycle_id IN ({cycles}) \
         UNION SELECT organisation_id FROM assessments WHERE id IN ({assessments})"
    );
    let themes = format!("SELECT id FROM themes WHERE partnership_id = {p}");
    let surveys = format!("SELECT id FROM surveys WHERE cycle_id IN ({cycles})");
    let in_cycle = |column: &str| format!("({column} IS NULL OR {column} IN ({cycles}))");
    let in_orgs = |column: &str| format!("({column} IS NULL OR {column} IN ({organisations}))");
    let meetings = format!(
        "SELECT id FROM assurance_meetings WHERE partnership_id = {p} AND {} AND {}",
        in_cycle("cycle_id"),
        in_orgs("organisation_id")
    );
    let actions = format!(
        "SELECT id FROM partnership_actions WHERE partnership_id = {p} AND {} \
         AND (theme_id IS NULL OR theme_id IN ({themes}))",
        in_cycle("cycle_id")
    );
    let plan_updates = format!(
        "SELECT id FROM plan_updates WHERE invitation_id IN ({invitations}) \
         AND (return_id IS NULL OR return_id IN ({returns}))"
    );
    let threads = format!(
        "SELECT id FROM return_threads WHERE partnership_id = {p} AND return_id IN ({returns}) \
         AND (plan_update_id IS NULL OR plan_update_id IN ({plan_updates}))"
    );
    let passages = format!("SELECT id FROM narrative_passages WHERE return_id IN ({returns})");
    let own = format!("partnership_id = {p}");
    let of_returns = format!("return_id IN ({returns})");
    let of_surveys = format!("survey_id IN ({surveys}) AND organisation_id IN ({organisations})");
    vec![
        ("users", format!("id IN (SELECT user_id FROM partnership_memberships WHERE partnership_id = {p})")),
        ("partnerships", format!("id = {p}")),
        ("organisations", format!("id IN ({organisations})")),
        ("organisation_areas", own.clone()),
        ("partnership_memberships", own.clone()),
        ("frameworks", format!("id IN ({frameworks})")),
        ("framework_standards", format!("framework_id IN ({frameworks})")),
        ("framework_criteria", format!("framework_id IN ({frameworks})")),
        ("criterion_mappings", format!("framework_id IN ({frameworks})")),
        ("local_questions", own.clone()),
        ("assessments", format!("id IN ({assessments})")),
        ("returns", format!("id IN ({returns})")),
        ("return_partnerships", format!("partnership_id = {p} AND return_id IN ({returns})")),
        ("resources", own.clone()),
        ("resource_links", format!("resource_id IN (SELECT id FROM resources WHERE partnership_id = {p})")),
        ("cycles", format!("id IN ({cycles})")),
        ("cycle_partnerships", format!("cycle_id IN ({cycles}) AND partnership_id = {p}")),
        ("cycle_sector_frameworks", format!("cycle_id IN ({cycles})")),
        ("cycle_update_dates", format!("cycle_id IN ({cycles})")),
        (
            "cycle_local_questions",
            format!(
                "cycle_id IN ({cycles}) AND local_question_id IN \
                 (SELECT id FROM local_questions WHERE partnership_id = {p})"
            ),
        ),
        ("invitations", format!("id IN ({invitations})")),
        ("return_standings", of_returns.clone()),
        ("return_values", of_returns.clone()),
        ("return_ratings", of_returns.clone()),
        ("summarised_returns", of_returns.clone()),
        ("narrative_passages", of_returns.clone()),
        ("narrative_indexed_returns", of_returns),
        ("themes", own.clone()),
        ("narrative_tags", format!("theme_id IN ({themes}) AND passage_id IN ({passages})")),
        ("return_threads", format!("id IN ({threads})")),
        ("thread_messages", format!("thread_id IN ({threads})")),
        ("surveys", format!("id IN ({surveys})")),
        ("survey_questions", format!("survey_id IN ({surveys})")),
        ("survey_links", of_surveys.clone()),
        ("survey_answer_counts", of_surveys.clone()),
        ("survey_codes", of_surveys),
        ("partnership_actions", format!("id IN ({actions})")),
        ("partnership_action_notes", format!("action_id IN ({actions})")),
        ("cyp_questions", own.clone()),
        ("assurance_meetings", format!("id IN ({meetings})")),
        ("meeting_panel", format!("meeting_id IN ({meetings})")),
        ("meeting_comments", format!("meeting_id IN ({meetings})")),
        (
            "meeting_questions",
            format!(
                "meeting_id IN ({meetings}) AND (cyp_question_id IS NULL OR cyp_question_id IN \
                 (SELECT id FROM cyp_questions WHERE partnership_id = {p}))"
            ),
        ),
        ("plan_updates", format!("id IN ({plan_updates})")),
        ("board_reports", format!("{own} AND {}", in_cycle("cycle_id"))),
        ("young_peoples_summaries", format!("{own} AND {}", in_cycle("cycle_id"))),
        ("reminders_log", format!("cycle_id IN ({cycles}) AND organisation_id IN ({organisations})")),
        ("partnership_records", format!("{own} AND organisation_id IN ({organisations})")),
    ]
}

/// The stored files a partnership export carries: its resources' files.
pub fn file_keys_sql(partnership: i64) -> String {
    format!("SELECT file_key FROM resources WHERE partnership_id = {partnership} AND file_key IS NOT NULL")
}
