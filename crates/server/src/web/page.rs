//! What every page needs besides its own content: who is signed in, the navigation
//! for their roles, the form security token and one-off notices ("flash" banners).
//! [`Ctx`] is extracted once per request and handed to templates as `page`.

use axum::extract::FromRequestParts;
use axum::http::Method;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::AppState;
use super::error::AppError;
use crate::accounts::store as account_queries;
use osa_core::access::{Action, Principal};
use osa_core::two_factor::must_use_two_factor;

pub const SESSION_USER: &str = "user_id";
pub const SESSION_CSRF: &str = "csrf";
const SESSION_FLASH: &str = "flash";
/// When a signed-in session was last written (Unix seconds), so its idle expiry slides.
pub const SESSION_SEEN: &str = "seen";
/// How often a signed-in person's activity writes their session again. tower-sessions
/// extends an idle expiry (and resends the cookie) only when the session changes, and
/// most pages change nothing: without this, someone working all day is signed out
/// eight hours after signing in. Refreshing at most every ten minutes keeps that to
/// one write per person per ten minutes, not one per request.
pub const SESSION_REFRESH_SECONDS: i64 = 10 * 60;

/// Whether a signed-in session last written at `seen` should be written again `now`.
pub fn session_needs_refresh(seen: Option<i64>, now: i64) -> bool {
    seen.is_none_or(|seen| now - seen >= SESSION_REFRESH_SECONDS || seen > now)
}

/// The signed-in person.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub principal: Principal,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Flash {
    /// "success" or "important", as the notification banner's type.
    pub kind: String,
    pub heading: String,
}

#[derive(Debug, Clone)]
pub struct NavItem {
    pub label: &'static str,
    pub href: &'static str,
    pub current: bool,
}

/// The page chrome handed to every template.
#[derive(Debug, Clone)]
pub struct Page {
    pub title: String,
    pub nav: Vec<NavItem>,
    pub user_name: Option<String>,
    pub csrf: String,
    pub flash: Vec<Flash>,
}

impl Page {
    /// Chrome for pages rendered outside a request's context (error pages).
    pub fn bare(title: &str) -> Page {
        Page {
            title: title.to_owned(),
            nav: Vec::new(),
            user_name: None,
            csrf: String::new(),
            flash: Vec::new(),
        }
    }
}

/// Request context: the session, the signed-in person (if any) and the page chrome.
pub struct Ctx {
    pub session: Session,
    pub user: Option<SignedIn>,
    pub path: String,
    csrf: String,
    flash: Vec<Flash>,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| AppError::Internal(anyhow::anyhow!("session layer missing: {msg}")))?;
        let mut user = match session.get::<i64>(SESSION_USER).await? {
            Some(id) => account_queries::load_signed_in(&state.db, id).await?,
            None => None,
        };
        // Someone signed in before the deployment required two-factor of their role
        // (or before they took the role) is signed out here, so their next sign-in
        // takes them through setting it up: until then they can do nothing else.
        if let Some(signed_in) = &user
            && must_use_two_factor(state.config.two_factor_required, &signed_in.principal)
            && !crate::accounts::two_factor::store::is_on(&state.db, signed_in.id).await?
        {
            session.remove::<i64>(SESSION_USER).await?;
            user = None;
        }
        // A session already kept (a signed-in person's, say) gets its CSRF token at
        // once. An anonymous visitor's session stays empty, so reading a public page
        // writes no session row (tower-sessions saves only non-empty, changed
        // sessions): a page with a form asks for the token with `ensure_csrf`.
        let csrf = match session.get::<String>(SESSION_CSRF).await? {
            Some(token) => token,
            None if !session.is_empty().await => {
                let token = super::csrf::new_token();
                session.insert(SESSION_CSRF, &token).await?;
                token
            }
            None => String::new(),
        };
        // Notices are shown once, on the next page that is read. Removing marks the
        // session changed, so it is done only when there is a notice.
        let flash =
            if parts.method == Method::GET && session.get::<Vec<Flash>>(SESSION_FLASH).await?.is_some() {
                session.remove::<Vec<Flash>>(SESSION_FLASH).await?.unwrap_or_default()
            } else {
                Vec::new()
            };
        // Never on the anonymous survey's pages: answering a survey while signed in
        // must leave no trace in the person's session, not even a moment of activity.
        if user.is_some() && !parts.uri.path().starts_with("/survey/") {
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            if session_needs_refresh(session.get::<i64>(SESSION_SEEN).await?, now) {
                session.insert(SESSION_SEEN, now).await?;
            }
        }
        let path = parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".into());
        Ok(Ctx { session, user, path, csrf, flash })
    }
}

impl Ctx {
    /// Signs this browser in as `user`: a new session id (so one known before sign-in
    /// is worthless), a new form token, and the moment, from which the idle expiry slides.
    pub async fn start_signed_in_session(&self, user: i64) -> Result<(), AppError> {
        self.session.cycle_id().await?;
        self.session.insert(SESSION_USER, user).await?;
        self.session.insert(SESSION_CSRF, super::csrf::new_token()).await?;
        self.session.insert(SESSION_SEEN, time::OffsetDateTime::now_utc().unix_timestamp()).await?;
        Ok(())
    }

    /// The signed-in person, or a redirect to sign in that comes back here.
    pub fn user(&self) -> Result<&SignedIn, AppError> {
        self.user.as_ref().ok_or_else(|| AppError::SignInRequired { next: self.path.clone() })
    }

    /// Signed in and allowed to do `action`, or the matching refusal.
    pub fn require(&self, action: Action<'_>) -> Result<&SignedIn, AppError> {
        let user = self.user()?;
        AppError::check(user.principal.decide(action))?;
        Ok(user)
    }

    /// Makes sure the session holds a CSRF token, for a page that carries a form.
    /// Public pages with forms (signing in, a survey) call this before rendering; it
    /// is what first writes an anonymous visitor's session.
    pub async fn ensure_csrf(&mut self) -> Result<(), AppError> {
        if self.csrf.is_empty() {
            let token = super::csrf::new_token();
            self.session.insert(SESSION_CSRF, &token).await?;
            self.csrf = token;
        }
        Ok(())
    }

    pub async fn flash(&self, kind: &str, heading: impl Into<String>) -> Result<(), AppError> {
        let mut list = self.session.get::<Vec<Flash>>(SESSION_FLASH).await?.unwrap_or_default();
        list.push(Flash { kind: kind.to_owned(), heading: heading.into() });
        self.session.insert(SESSION_FLASH, list).await?;
        Ok(())
    }

    pub fn page(&self, title: impl Into<String>) -> Page {
        let path = self.path.split('?').next().unwrap_or("/");
        let mut nav = Vec::new();
        if let Some(user) = &self.user {
            nav.push(("Home", "/home"));
            nav.push(("Frameworks", "/frameworks"));
            let p = &user.principal;
            if p.platform_admin || !p.partnership_roles.is_empty() || !p.org_roles.is_empty() {
                nav.push(("Resources", "/resources"));
            }
            if osa_core::audit_log::reads_some_of_the_log(p) {
                nav.push(("Audit log", "/audit-log"));
            }
            if user.principal.platform_admin {
                nav.extend([
                    ("Partnerships", "/admin/partnerships"),
                    ("Organisations", "/organisations"),
                    ("Users", "/admin/users"),
                    ("Outbox", "/admin/outbox"),
                ]);
            }
        }
        let nav = nav
            .into_iter()
            .map(|(label, href)| NavItem {
                label,
                href,
                current: path == href || path.starts_with(&format!("{href}/")),
            })
            .collect();
        Page {
            title: title.into(),
            nav,
            user_name: self.user.as_ref().map(|u| u.name.clone()),
            csrf: self.csrf.clone(),
            flash: self.flash.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_written_again_at_most_every_ten_minutes() {
        let now = 1_000_000;
        assert!(session_needs_refresh(None, now), "never written since this rule");
        assert!(!session_needs_refresh(Some(now), now));
        assert!(!session_needs_refresh(Some(now - SESSION_REFRESH_SECONDS + 1), now));
        assert!(session_needs_refresh(Some(now - SESSION_REFRESH_SECONDS), now));
        assert!(session_needs_refresh(Some(now + 60), now), "a time from the future is rewritten");
    }
}
