//! How a request comes to hold an assessment. Every feature that reads or changes an
//! organisation's assessment (its pages, sign-off, rounds, evidence, the workbook, the
//! action plan, plan updates) starts here, and what it gets back is proof of what was
//! checked:
//!
//! - [`Reader`]: the person may read the assessment (`Action::ViewAssessment`, or
//!   `Action::ViewActionPlan` for a partnership reading the plan);
//! - [`Editor`]: the person may change the whole assessment (`Action::EditAssessment`);
//! - [`StandardEditor`]: the person may answer one standard (the lead, or someone it
//!   was delegated to: `Action::EditStandard`).
//!
//! Each carries the organisation, its profile (sector and duty status, decoded once)
//! and the framework as asked of it, local questions placed in it. The store's writes
//! take a [`WritePermit`], which only an editor hands out, so a write after a
//! read-only load does not compile.

use std::collections::HashSet;
use std::ops::Deref;

use super::store::{self, AssessmentRow};
use crate::db::Db;
use crate::frameworks::store::{self as framework_store, Stored};
use crate::organisations::store::{self as org_queries, Organisation};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use osa_core::access::Action;
use osa_core::framework::{Framework, LocalQuestion, Standard};
use osa_core::tenancy::{DutyStatus, Sector};

/// Only this module can make one, so only this module can make the guards below.
#[derive(Debug, Clone, Copy)]
struct Checked;

/// An assessment with everything its pages need to know about it.
pub(crate) struct Loaded {
    pub assessment: AssessmentRow,
    pub organisation: Organisation,
    /// The organisation's sector and duty status, which decide which criteria apply.
    pub profile: (Sector, DutyStatus),
    /// The framework as asked of the organisation, its local questions placed in it.
    pub framework: Stored,
    /// The local questions asked now (`crate::frameworks::asked`), which a sign-off keeps.
    pub local_questions: Vec<LocalQuestion>,
    /// The partnership whose own self-assessment this is (`crate::partnership_self`);
    /// `None` for an organisation's.
    pub partnership: Option<i64>,
    _checked: Checked,
}

/// The organisation's sector and duty status (decoded at the row: a code this build
/// does not know fails the read rather than showing the wrong questions).
pub(crate) fn profile_of(o: &Organisation) -> Result<(Sector, DutyStatus), AppError> {
    Ok((o.sector, o.duty_status))
}

/// Proof that the signed-in person may read this assessment.
pub(crate) struct Reader {
    loaded: Loaded,
    may_edit: bool,
}

impl Reader {
    /// Whether the same person may also change the whole assessment (for the
    /// controls a page offers; a write still needs an [`Editor`]).
    pub fn may_edit(&self) -> bool {
        self.may_edit
    }

    pub fn into_loaded(self) -> Loaded {
        self.loaded
    }
}

impl Deref for Reader {
    type Target = Loaded;
    fn deref(&self) -> &Loaded {
        &self.loaded
    }
}

/// Proof that the signed-in person may change this whole assessment.
pub(crate) struct Editor {
    loaded: Loaded,
    actor: i64,
}

impl Editor {
    pub fn actor(&self) -> i64 {
        self.actor
    }

    pub fn permit(&self) -> WritePermit<'_> {
        WritePermit::new(&self.loaded, self.actor)
    }
}

impl Deref for Editor {
    type Target = Loaded;
    fn deref(&self) -> &Loaded {
        &self.loaded
    }
}

/// Proof that the signed-in person may answer this one standard.
pub(crate) struct StandardEditor<'a> {
    loaded: &'a Loaded,
    pub standard: &'a Standard,
    actor: i64,
}

impl<'a> StandardEditor<'a> {
    pub fn loaded(&self) -> &'a Loaded {
        self.loaded
    }

    pub fn permit(&self) -> WritePermit<'a> {
        WritePermit::new(self.loaded, self.actor)
    }
}

/// What a write to an assessment's answers needs, handed out only by an editor (or,
/// for the demo loader that acts for no request, by [`seeding_permit`]).
#[derive(Clone, Copy)]
pub(crate) struct WritePermit<'a> {
    pub assessment: &'a AssessmentRow,
    pub actor: i64,
    pub framework: &'a Framework,
    pub profile: (Sector, DutyStatus),
    _checked: Checked,
}

impl<'a> WritePermit<'a> {
    fn new(loaded: &'a Loaded, actor: i64) -> Self {
        WritePermit {
            assessment: &loaded.assessment,
            actor,
            framework: &loaded.framework.framework,
            profile: loaded.profile,
            _checked: Checked,
        }
    }
}

/// The signed-in person's assessment `id`, to read. Someone with no link to the
/// organisation gets 404, as for an assessment that does not exist.
pub(crate) async fn read(ctx: &Ctx, state: &AppState, id: i64) -> Result<Reader, AppError> {
    let user = ctx.user()?;
    let row = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let organisation = row.organisation_id;
    ctx.require(Action::ViewAssessment { organisation })?;
    let may_edit = user.principal.decide(Action::EditAssessment { organisation }).is_allowed();
    let loaded = load_row(&state.db, row).await?.ok_or(AppError::NotFound)?;
    Ok(Reader { loaded, may_edit })
}

/// The signed-in person's assessment `id`, to change.
pub(crate) async fn edit(ctx: &Ctx, state: &AppState, id: i64) -> Result<Editor, AppError> {
    let user = ctx.user()?;
    let row = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let organisation = row.organisation_id;
    ctx.require(Action::ViewAssessment { organisation })?;
    ctx.require(Action::EditAssessment { organisation })?;
    let loaded = load_row(&state.db, row).await?.ok_or(AppError::NotFound)?;
    Ok(Editor { loaded, actor: user.id })
}

/// An assessment for reading its action plan: the organisation's own people as
/// [`read`] decides, and, read-only, the staff of every partnership whose area the
/// organisation serves (`Action::ViewActionPlan`). The flag says which.
pub(crate) async fn read_plan(ctx: &Ctx, state: &AppState, id: i64) -> Result<(Reader, bool), AppError> {
    let user = ctx.user()?;
    let row = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let organisation = row.organisation_id;
    crate::action_plans::access::check_plans_readable(&user.principal, state, organisation).await?;
    if user.principal.decide(Action::ViewAssessment { organisation }).is_allowed() {
        return Ok((read(ctx, state, id).await?, false));
    }
    let loaded = load_row(&state.db, row).await?.ok_or(AppError::NotFound)?;
    Ok((Reader { loaded, may_edit: false }, true))
}

/// Whether the person may answer standard `code` (they may read it, or get the
/// refusal): for the controls its page offers.
pub(crate) async fn may_answer(
    ctx: &Ctx,
    state: &AppState,
    loaded: &Loaded,
    code: &str,
) -> Result<bool, AppError> {
    let (user, delegated) = standard_rights(ctx, state, loaded, code).await?;
    let organisation = loaded.organisation.id;
    Ok(user.principal.decide(Action::EditStandard { organisation, delegated }).is_allowed())
}

/// The standard `code` of the assessment, to answer.
pub(crate) async fn edit_standard<'a>(
    ctx: &Ctx,
    state: &AppState,
    loaded: &'a Loaded,
    code: &str,
) -> Result<StandardEditor<'a>, AppError> {
    let (user, delegated) = standard_rights(ctx, state, loaded, code).await?;
    ctx.require(Action::EditStandard { organisation: loaded.organisation.id, delegated })?;
    let standard = find_standard(&loaded.framework, code)?;
    Ok(StandardEditor { loaded, standard, actor: user.id })
}

/// The standards of an assessment a person may read and answer, by the standard
/// pages' own rule (the offline workbook offers and accepts exactly these).
pub(crate) struct StandardRights {
    pub readable: HashSet<String>,
    pub writable: HashSet<String>,
    actor: i64,
}

impl StandardRights {
    /// A permit to write answers to `standards`, each of which the person may answer.
    pub fn permit<'a>(
        &self,
        loaded: &'a Loaded,
        standards: &[&Standard],
    ) -> Result<WritePermit<'a>, AppError> {
        if standards.iter().all(|s| self.writable.contains(&s.code)) {
            Ok(WritePermit::new(loaded, self.actor))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

pub(crate) async fn standard_rights_of(
    ctx: &Ctx,
    state: &AppState,
    loaded: &Loaded,
) -> Result<StandardRights, AppError> {
    let user = ctx.user()?;
    let mine = super::delegation::delegated_to(&state.db, loaded.assessment.id, user.id).await?;
    let organisation = loaded.organisation.id;
    let mut rights = StandardRights { readable: HashSet::new(), writable: HashSet::new(), actor: user.id };
    for s in &loaded.framework.framework.standards {
        let delegated = mine.contains(&s.code);
        if user.principal.decide(Action::ViewStandard { organisation, delegated }).is_allowed() {
            rights.readable.insert(s.code.clone());
        }
        if user.principal.decide(Action::EditStandard { organisation, delegated }).is_allowed() {
            rights.writable.insert(s.code.clone());
        }
    }
    Ok(rights)
}

/// Checks the person may answer standard `code` (even one the framework no longer
/// holds, so a file left on a dropped criterion can still be removed), and returns who
/// they are: for writes outside the answers, such as evidence files.
pub(crate) async fn require_answerer(
    ctx: &Ctx,
    state: &AppState,
    loaded: &Loaded,
    code: &str,
) -> Result<i64, AppError> {
    let (user, delegated) = standard_rights(ctx, state, loaded, code).await?;
    ctx.require(Action::EditStandard { organisation: loaded.organisation.id, delegated })?;
    Ok(user.id)
}

/// Checks the person may read standard `code`, and says whether it was delegated to them.
async fn standard_rights<'c>(
    ctx: &'c Ctx,
    state: &AppState,
    loaded: &Loaded,
    code: &str,
) -> Result<(&'c crate::web::page::SignedIn, bool), AppError> {
    let user = ctx.user()?;
    let delegated = super::delegation::delegated_to(&state.db, loaded.assessment.id, user.id)
        .await?
        .iter()
        .any(|c| c == code);
    ctx.require(Action::ViewStandard { organisation: loaded.organisation.id, delegated })?;
    Ok((user, delegated))
}

pub(crate) fn find_standard<'a>(stored: &'a Stored, code: &str) -> Result<&'a Standard, AppError> {
    stored.framework.standards.iter().find(|s| s.code == code).ok_or(AppError::NotFound)
}

/// The assessment with its organisation and the framework as asked of it, for code
/// that acts for no request (the sign-off's home page count, the demo loader) and
/// has decided by itself what it may read. It carries no right to write.
pub(crate) async fn load_row(db: &Db, assessment: AssessmentRow) -> Result<Option<Loaded>, AppError> {
    let Some(organisation) = org_queries::get(db, assessment.organisation_id).await? else { return Ok(None) };
    let profile = profile_of(&organisation)?;
    let Some(mut framework) = framework_store::load(db, assessment.framework_id).await? else {
        return Ok(None);
    };
    // The open cycles it is invited to may ask their partnerships' own questions.
    let local_questions =
        crate::frameworks::asked::asked_of(db, assessment.organisation_id, &framework.framework.key).await?;
    if !local_questions.is_empty() {
        framework.framework =
            osa_core::framework::with_local_questions(&framework.framework, &local_questions);
    }
    let partnership = crate::partnership_self::store::partnership_of(db, assessment.organisation_id).await?;
    Ok(Some(Loaded {
        assessment,
        organisation,
        profile,
        framework,
        local_questions,
        partnership,
        _checked: Checked,
    }))
}

/// A permit for the demo loader, which writes answers as the people it invents and
/// acts for no request. Nothing that serves a request may call it.
pub(crate) fn seeding_permit(loaded: &Loaded, actor: i64) -> WritePermit<'_> {
    WritePermit::new(loaded, actor)
}
