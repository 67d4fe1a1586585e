//! An organisation registers itself and asks to join the partnerships it serves.
//!
//! The registrant becomes the organisation's safeguarding lead. Someone not signed in
//! gives a name and email and receives an invitation link to choose a password (which
//! also proves the address is theirs); someone signed in registers as themselves.
//! The chosen partnerships' admins are told, and each decides the request.
//!
//! A name that closely matches an organisation already registered (see
//! `osa_core::organisation_names`) is not saved at once: the form comes back with a
//! warning, and registers only once the person confirms it is a different organisation.
//! Only someone signed in is told the existing names; someone not signed in is told
//! that a similar name exists, and nothing more.
//!
//! Someone not signed in who gives the email of an existing account proves nothing
//! about it, so nothing is set up: the account's owner is emailed a link to confirm
//! (see `confirm`), and only their confirmation creates the organisation.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::lookalikes::{self, Lookalike};
use super::pages::validate_details;
use super::store::{self, NewOrganisation};
use crate::accounts::limits::{self, Limited};
use crate::accounts::store as account_queries;
use crate::accounts::tokens::{self, Purpose};
use crate::audit::{self, Change};
use crate::db::Tx;
use crate::mail::Email as Mail;
use crate::partnerships::store::{self as partnership_queries, Partnership};
use crate::web::AppState;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::{Errors, options};
use crate::web::page::{Ctx, Page};
use osa_core::tenancy::{DutyStatus, OrgRole, Sector};
use osa_core::values::{Email, Name};

#[derive(Default, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    duty: String,
    #[serde(default)]
    partnerships: Vec<String>,
    #[serde(default)]
    your_name: String,
    #[serde(default)]
    your_email: String,
    /// "yes" once the person confirms the name is of a different organisation.
    #[serde(default)]
    different: String,
    /// The name the lookalike warning was shown for: a confirmation counts for it only.
    #[serde(default)]
    warned_name: String,
}

impl RegisterForm {
    /// Whether the person confirmed, on the warning about this very name, that it is a
    /// different organisation.
    fn confirmed_different(&self) -> bool {
        self.different == "yes" && self.was_warned()
    }

    /// Whether the form being sent is the one that warned about this name.
    fn was_warned(&self) -> bool {
        !self.warned_name.trim().is_empty() && self.warned_name.trim() == self.name.trim()
    }
}

/// The lookalike warning to show with the form, if any. The form then remembers the
/// name warned about; a confirmation given for another name is cleared.
fn warn(ctx: &Ctx, form: &mut RegisterForm, found: &[Lookalike]) -> Option<Warning> {
    if found.is_empty() {
        return None;
    }
    if !form.confirmed_different() {
        form.different.clear();
    }
    form.warned_name = form.name.trim().to_owned();
    // Someone not signed in could otherwise list the registered organisations by trying
    // names; they learn only that a similar one exists.
    let names = if ctx.user.is_some() { found.iter().map(|l| l.name.clone()).collect() } else { Vec::new() };
    Some(Warning { names })
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/register.html")]
pub struct RegisterPage {
    page: Page,
    signed_in: bool,
    form: RegisterForm,
    sectors: Vec<(&'static str, &'static str)>,
    duties: Vec<(&'static str, &'static str, &'static str)>,
    partnerships: Vec<(String, String)>,
    errors: Errors,
    /// Set when the name closely matches registered organisations.
    warning: Option<Warning>,
}

/// The lookalike warning: the names are given to someone signed in only.
pub struct Warning {
    names: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/registered.html")]
pub struct RegisteredPage {
    page: Page,
    organisation: String,
    email: String,
    signed_in: bool,
}

async fn render(
    ctx: &Ctx,
    state: &AppState,
    form: RegisterForm,
    errors: Errors,
) -> Result<RegisterPage, AppError> {
    render_warned(ctx, state, form, errors, None).await
}

async fn render_warned(
    ctx: &Ctx,
    state: &AppState,
    form: RegisterForm,
    errors: Errors,
    warning: Option<Warning>,
) -> Result<RegisterPage, AppError> {
    let partnerships =
        partnership_queries::all(&state.db).await?.into_iter().map(|p| (p.id.to_string(), p.name)).collect();
    Ok(RegisterPage {
        page: ctx.page("Register your organisation"),
        signed_in: ctx.user.is_some(),
        form,
        sectors: options(Sector::ALL, Sector::code, Sector::label),
        duties: DutyStatus::explained(),
        partnerships,
        errors,
        warning,
    })
}

pub async fn form(mut ctx: Ctx, State(state): State<AppState>) -> Result<RegisterPage, AppError> {
    ctx.ensure_csrf().await?;
    render(&ctx, &state, RegisterForm::default(), Errors::default()).await
}

#[allow(clippy::too_many_lines, reason = "the registration form: each check in order, then one write")]
pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(mut form): Form<RegisterForm>,
) -> Result<Response, AppError> {
    let mut errors = Errors::default();
    let details = validate_details(&form.name, &form.sector, &form.duty, &mut errors);
    let known = partnership_queries::all(&state.db).await?;
    let chosen: Vec<Partnership> =
        known.into_iter().filter(|p| form.partnerships.contains(&p.id.to_string())).collect();
    if chosen.is_empty() {
        errors.add("partnerships", "Select the partnerships your organisation serves");
    }
    let person = match &ctx.user {
        Some(user) => Some((user.name.clone(), user.email.clone())),
        None => {
            let name = errors.take("your_name", Name::parse(&form.your_name, "Enter your full name"));
            let email = errors.take("your_email", Email::parse(&form.your_email));
            name.zip(email).map(|(n, e)| (n.into_string(), e.to_string()))
        }
    };
    // A name like one already registered is saved only once the person confirms, on
    // the warning about that very name, that it is a different organisation. This is
    // checked before the limit, so a warning costs no registration.
    let found = match &details {
        Some((name, _, _)) => lookalikes::find(&state.db, name.as_str(), None).await?,
        None => Vec::new(),
    };
    let unconfirmed = !found.is_empty() && !form.confirmed_different();
    if unconfirmed && form.was_warned() {
        errors.add(
            "different",
            "Confirm that this is a different organisation, or change the organisation name",
        );
    }
    let (Some((org_name, sector, duty)), Some((person_name, person_email)), false, false) =
        (details, person, chosen.is_empty(), unconfirmed)
    else {
        let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        let warning = warn(&ctx, &mut form, &found);
        let page = render_warned(&ctx, &state, form, errors, warning).await?;
        return Ok((status, page).into_response());
    };
    // Each registration emails its lead and every chosen partnership's admins, so it is
    // limited per email and per address like a password reset.
    if let Some(wait) = limits::admit(&state.db, Limited::Registration, &person_email, &address).await? {
        let field = if ctx.user.is_some() { "name" } else { "your_email" };
        errors.add(
            field,
            format!(
                "Too many registrations have been sent for this email address or from your network. \
                 Wait {} and try again.",
                limits::minutes(wait)
            ),
        );
        let warning = warn(&ctx, &mut form, &found);
        let page = render_warned(&ctx, &state, form, errors, warning).await?;
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    let registration = Registration {
        name: org_name.into_string(),
        sector: sector.code().to_owned(),
        duty: duty.code().to_owned(),
        partnerships: chosen.iter().map(|p| p.id).collect(),
        registrant_name: person_name.clone(),
        different_from: found,
    };

    let mut tx = state.db.begin().await?;
    // Someone not signed in who gives the email of an existing account has not shown
    // the account is theirs. Nothing is attached to it: its owner is asked to confirm.
    if ctx.user.is_none()
        && let Some(existing) = account_queries::user_by_email_tx(&mut tx, &person_email).await?
    {
        ask_to_confirm(&state, &mut tx, &existing, &registration).await?;
        tx.commit().await?;
        return Ok(received(&ctx, registration.name, person_email));
    }

    let actor = ctx.user.as_ref().map(|u| u.id);
    let (lead, _) =
        account_queries::find_or_create_user(&mut tx, actor, &person_email, &person_name, None, false)
            .await?;
    let names = attach(&state, &mut tx, lead, &registration).await?;
    let has_password = account_queries::user_by_email_tx(&mut tx, &person_email)
        .await?
        .and_then(|u| u.password_hash)
        .is_some();
    let body = if has_password {
        registered_body(&registration.name, &names)
    } else {
        let token = tokens::issue(&mut tx, lead, Purpose::Invitation).await?;
        let link = format!("{}{}/{token}", state.config.public_url, Purpose::Invitation.path());
        format!(
            "Hello {person_name},\n\nYou have registered {} on osa and are its safeguarding lead.\n\n\
             Choose a password to finish setting up your account. This link works once, for 7 days:\n\n{link}\n\n\
             We have asked these partnerships to confirm that it serves their area: {}.\nWe will email you when each one decides.\n\n\
             If you did not register, ignore this email.\n",
            registration.name,
            names.join("; ")
        )
    };
    let subject = format!("You registered {} on osa", registration.name);
    state.mailer.queue(&mut tx, Mail { to: person_email.clone(), subject, body }).await?;
    tx.commit().await?;

    if ctx.user.is_some() {
        return Ok(RegisteredPage {
            page: ctx.page("Registration received"),
            organisation: registration.name,
            email: person_email,
            signed_in: true,
        }
        .into_response());
    }
    Ok(received(&ctx, registration.name, person_email))
}

/// The page an anonymous registrant sees. It is the same whether the email was new or
/// belonged to an account, so it cannot be used to find out who has one.
fn received(ctx: &Ctx, organisation: String, email: String) -> Response {
    RegisteredPage { page: ctx.page("Registration received"), organisation, email, signed_in: false }
        .into_response()
}

/// A registration as asked for: kept as the payload of a confirmation link until the
/// lead it names confirms it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Registration {
    pub name: String,
    pub sector: String,
    pub duty: String,
    pub partnerships: Vec<i64>,
    /// The name the person registering gave (shown to the account's owner).
    pub registrant_name: String,
    /// The lookalike organisations the person confirmed this one is not (audited).
    #[serde(default)]
    pub different_from: Vec<Lookalike>,
}

/// Emails the owner of an existing account a link to confirm a registration naming
/// them as lead. The only record is an audit row with no actor: nobody known did it.
async fn ask_to_confirm(
    state: &AppState,
    tx: &mut Tx,
    existing: &account_queries::UserRow,
    registration: &Registration,
) -> Result<(), AppError> {
    let payload = serde_json::to_string(registration).map_err(anyhow::Error::from)?;
    let token =
        tokens::issue_with_payload(tx, existing.id, Purpose::RegistrationConfirmation, Some(payload)).await?;
    audit::record(
        tx,
        Change {
            actor: None,
            action: "request_registration",
            entity: "user",
            entity_id: existing.id.to_string(),
            before: None,
            after: Some(json!({
                "organisation": registration.name,
                "partnerships": registration.partnerships,
                "awaiting_confirmation": true,
            })),
        },
    )
    .await?;
    let link = format!("{}{}/{token}", state.config.public_url, Purpose::RegistrationConfirmation.path());
    let body = format!(
        "Hello {},\n\nSomeone asked to register {} on osa and gave your email address for its safeguarding lead. \
         They gave their name as {}.\n\nIf it was you, confirm the registration with this link within 7 days:\n\n{link}\n\n\
         Until it is confirmed nothing is set up and your account has not changed. \
         If it was not you, you can ignore this email.\n",
        existing.display_name, registration.name, registration.registrant_name
    );
    state
        .mailer
        .queue(
            tx,
            Mail {
                to: existing.email.clone(),
                subject: format!("Confirm you are registering {} on osa", registration.name),
                body,
            },
        )
        .await?;
    Ok(())
}

/// Sets up a registered organisation with `lead` as its safeguarding lead and asks
/// each chosen partnership (that still exists) to confirm it. Returns the names of the
/// partnerships asked.
pub async fn attach(
    state: &AppState,
    tx: &mut Tx,
    lead: i64,
    registration: &Registration,
) -> Result<Vec<String>, AppError> {
    let (Some(sector), Some(duty)) =
        (Sector::from_code(&registration.sector), DutyStatus::from_code(&registration.duty))
    else {
        return Err(AppError::Internal(anyhow::anyhow!("a registration holds an unknown sector or duty")));
    };
    let organisation =
        store::create(tx, Some(lead), &NewOrganisation { name: registration.name.as_str(), sector, duty })
            .await?;
    account_queries::grant_org_role(tx, Some(lead), lead, organisation, OrgRole::SafeguardingLead).await?;
    if !registration.different_from.is_empty() {
        audit::record(
            tx,
            Change {
                actor: Some(lead),
                action: "confirm_different",
                entity: "organisation",
                entity_id: organisation.to_string(),
                before: None,
                after: Some(json!({ "different_from": registration.different_from })),
            },
        )
        .await?;
    }
    let partnerships = partnership_queries::all(&state.db).await?;
    let mut names = Vec::new();
    for partnership in partnerships.iter().filter(|p| registration.partnerships.contains(&p.id)) {
        store::request_to_join(tx, Some(lead), organisation, partnership.id).await?;
        notify_partnership_admins(state, tx, partnership.id, &registration.name).await?;
        names.push(partnership.name.clone());
    }
    Ok(names)
}

/// The email to a lead whose account is already set up.
pub fn registered_body(organisation: &str, partnerships: &[String]) -> String {
    format!(
        "You have registered {organisation} on osa and are its safeguarding lead.\n\nWe have asked these partnerships to confirm \
         that it serves their area: {}.\nWe will email you when each one decides.\n",
        partnerships.join("; ")
    )
}

/// Tells a partnership's admins that an organisation asks to join.
pub async fn notify_partnership_admins(
    state: &AppState,
    tx: &mut Tx,
    partnership: i64,
    organisation_name: &str,
) -> Result<(), sqlx::Error> {
    for to in store::admin_emails(tx, partnership).await? {
        state
            .mailer
            .queue(
                tx,
                Mail {
                    to,
                    subject: format!("{organisation_name} asks to join your partnership"),
                    body: format!(
                        "{organisation_name} says it serves your area and asks to join your partnership on osa.\n\n\
                         Approve or decline the request here:\n\n{}/partnerships/{partnership}/join-requests\n",
                        state.config.public_url
                    ),
                },
            )
            .await?;
    }
    Ok(())
}
