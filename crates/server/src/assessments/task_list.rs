//! The task list: one row per standard with its status and standing, and the way to
//! the check page, a new round and the delegation page.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::access;
use super::store::{self, Saved};
use crate::organisations::store::Organisation;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::assessment::{StandardProgress, TaskStatus, standard_progress};
use osa_core::framework::Standing;

pub struct TaskRow {
    pub code: String,
    pub title: String,
    pub progress: StandardProgress,
    /// Carried-forward answers in this standard still to confirm.
    pub to_confirm: usize,
}

impl TaskRow {
    pub fn status_tag(&self) -> (&'static str, &'static str) {
        if self.to_confirm > 0 {
            return ("To confirm", "govuk-tag--yellow");
        }
        match self.progress.status {
            TaskStatus::Completed => ("Completed", ""),
            TaskStatus::InProgress => ("In progress", "govuk-tag--light-blue"),
            TaskStatus::NotStarted => ("Not started", "govuk-tag--blue"),
        }
    }

    pub(crate) fn standing_tag(&self) -> Option<(&'static str, &'static str)> {
        self.progress.standing.map(standing_tag)
    }
}

pub(crate) fn standing_tag(s: Standing) -> (&'static str, &'static str) {
    match s {
        Standing::Green => ("Green", "govuk-tag--green"),
        Standing::Amber => ("Amber", "govuk-tag--orange"),
        Standing::Red => ("Red", "govuk-tag--red"),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/task_list.html")]
pub struct TaskListPage {
    page: Page,
    id: i64,
    pub organisation: Organisation,
    framework_name: String,
    version: i32,
    tasks: Vec<TaskRow>,
    completed: usize,
    can_edit: bool,
    sees_all: bool,
    to_confirm: usize,
    may_start_round: bool,
    /// Where "back" goes and what it says: the organisation's assessments, or the
    /// partnership's self-assessment page.
    back: (String, String),
    /// A partnership's own self-assessment: signed off, never submitted.
    partnership_record: bool,
}

fn answers_only(saved: &HashMap<String, Saved>) -> HashMap<String, osa_core::assessment::Answer> {
    saved.iter().map(|(k, v)| (k.clone(), v.answer.clone())).collect()
}

pub async fn task_list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<TaskListPage, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let saved = store::answers(&state.db, id).await?;
    let answers = answers_only(&saved);
    let (sector, duty) = loaded.profile;
    let f = &loaded.framework.framework;
    let marked = super::rounds::to_confirm(&state.db, id).await?;
    let tasks: Vec<TaskRow> = f
        .standards
        .iter()
        .map(|s| TaskRow {
            code: s.code.clone(),
            title: s.title.clone(),
            progress: standard_progress(f.standing_rule, s, &answers, sector, duty),
            to_confirm: s.criteria.iter().filter(|c| marked.contains(&c.code)).count(),
        })
        .collect();
    // A contributor sees only the standards shared with them.
    let user = ctx.user()?;
    let sees_all = user
        .principal
        .decide(Action::ViewStandard { organisation: loaded.organisation.id, delegated: false })
        .is_allowed();
    let tasks: Vec<TaskRow> = if sees_all {
        tasks
    } else {
        let mine = super::delegation::delegated_to(&state.db, id, user.id).await?;
        tasks.into_iter().filter(|t| mine.contains(&t.code)).collect()
    };
    let completed = tasks.iter().filter(|t| t.progress.status == TaskStatus::Completed).count();
    let to_confirm = tasks.iter().map(|t| t.to_confirm).sum();
    let may_start_round = loaded.may_edit() && super::rounds::may_start(&state.db, id).await?;
    let back =
        crate::partnership_self::back_link(&state.db, loaded.organisation.id).await?.unwrap_or_else(|| {
            (
                format!("/organisations/{}/assessments", loaded.organisation.id),
                "All self-assessments".to_owned(),
            )
        });
    Ok(TaskListPage {
        back,
        partnership_record: loaded.partnership.is_some(),
        to_confirm,
        may_start_round,
        can_edit: loaded.may_edit(),
        sees_all,
        page: ctx.page(f.name.clone()),
        id,
        framework_name: f.name.clone(),
        version: loaded.framework.summary.version,
        organisation: loaded.into_loaded().organisation,
        tasks,
        completed,
    })
}
