//! An organisation registers itself and asks to join the partnerships it serves.
//!
//! The registrant becomes the organisation's safeguarding lead. Someone not signed in
//! gives a name and email and receives an invitation link to choose a password (which
//! also proves the address is theirs); someone signed in registers as themselves.
//! The chosen partnerships' admins are told, and each decides the request.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

use super::pages::validate_details;
use super::queries::{self, NewOrganisation};
use crate::accounts::queries as account_queries;
use crate::accounts::tokens::{self, Purpose};
use crate::db::Tx;
use crate::mail::Email as Mail;
use crate::partnerships::queries as partnership_queries;
use crate::web::AppState;
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
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/register.html")]
pub struct RegisterPage {
    page: Page,
    signed_in: bool,
    form: RegisterForm,
    sectors: Vec<(&'static str, &'static str)>,
    duties: Vec<(&'static str, &'static str)>,
    partnerships: Vec<(String, String)>,
    errors: Errors,
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
    let partnerships =
        partnership_queries::all(&state.db).await?.into_iter().map(|p| (p.id.to_string(), p.name)).collect();
    Ok(RegisterPage {
        page: ctx.page("Register your organisation"),
        signed_in: ctx.user.is_some(),
        form,
        sectors: options(Sector::ALL, Sector::code, Sector::label),
        duties: options(DutyStatus::ALL, DutyStatus::code, DutyStatus::label),
        partnerships,
        errors,
    })
}

pub async fn form(mut ctx: Ctx, State(state): State<AppState>) -> Result<RegisterPage, AppError> {
    ctx.ensure_csrf().await?;
    render(&ctx, &state, RegisterForm::default(), Errors::default()).await
}

pub async fn submit(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<RegisterForm>,
) -> Result<Response, AppError> {
    let mut errors = Errors::default();
    let details = validate_details(&form.name, &form.sector, &form.duty, &mut errors);
    let known = partnership_queries::all(&state.db).await?;
    let chosen: Vec<_> = known.iter().filter(|p| form.partnerships.contains(&p.id.to_string())).collect();
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
    let (Some((org_name, sector, duty)), Some((person_name, person_email)), false) =
        (details, person, chosen.is_empty())
    else {
        let page = render(&ctx, &state, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let mut tx = state.db.begin().await?;
    let actor = ctx.user.as_ref().map(|u| u.id);
    let (lead, _) =
        account_queries::find_or_create_user(&mut tx, actor, &person_email, &person_name, None, false)
            .await?;
    let organisation =
        queries::create(&mut tx, Some(lead), &NewOrganisation { name: org_name.as_str(), sector, duty })
            .await?;
    account_queries::grant_org_role(&mut tx, Some(lead), lead, organisation, OrgRole::SafeguardingLead)
        .await?;
    for partnership in &chosen {
        queries::request_to_join(&mut tx, Some(lead), organisation, partnership.id).await?;
        notify_partnership_admins(&state, &mut tx, partnership.id, org_name.as_str()).await?;
    }
    let names: Vec<&str> = chosen.iter().map(|p| p.name.as_str()).collect();
    let has_password = account_queries::user_by_email_tx(&mut tx, &person_email)
        .await?
        .and_then(|u| u.password_hash)
        .is_some();
    let body = if has_password {
        format!(
            "You have registered {} on osa and are its safeguarding lead.\n\nWe have asked these partnerships to confirm \
             that it serves their area: {}.\nWe will email you when each one decides.\n",
            org_name.as_str(),
            names.join("; ")
        )
    } else {
        let token = tokens::issue(&mut tx, lead, Purpose::Invitation).await?;
        format!(
            "Hello {person_name},\n\nYou have registered {} on osa and are its safeguarding lead.\n\n\
             Choose a password to finish setting up your account. This link works once, for 7 days:\n\n{}{}/{token}\n\n\
             We have asked these partnerships to confirm that it serves their area: {}.\nWe will email you when each one decides.\n\n\
             If you did not register, ignore this email.\n",
            org_name.as_str(),
            state.config.public_url,
            Purpose::Invitation.path(),
            names.join("; ")
        )
    };
    let subject = format!("You registered {} on osa", org_name.as_str());
    state.mailer.queue(&mut tx, Mail { to: person_email.clone(), subject, body }).await?;
    tx.commit().await?;

    Ok(RegisteredPage {
        page: ctx.page("Registration received"),
        organisation: org_name.into_string(),
        email: person_email,
        signed_in: ctx.user.is_some(),
    }
    .into_response())
}

/// Tells a partnership's admins that an organisation asks to join.
pub async fn notify_partnership_admins(
    state: &AppState,
    tx: &mut Tx,
    partnership: i64,
    organisation_name: &str,
) -> Result<(), sqlx::Error> {
    for to in queries::admin_emails(tx, partnership).await? {
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
