//! Accounts: signing in and out, password resets and accepting invitations.

mod links;
pub mod password;
pub mod queries;
mod sign_in;
pub mod tokens;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/sign-in", sign_in::show)
        .post("/sign-in", sign_in::submit)
        .post("/sign-out", sign_in::sign_out)
        .get("/password-reset", links::reset_request_form)
        .post("/password-reset", links::reset_request_submit)
        .get("/password-reset/{token}", links::reset_form)
        .post("/password-reset/{token}", links::reset_submit)
        .get("/invitation/{token}", links::invitation_form)
        .post("/invitation/{token}", links::invitation_submit)
}

/// Where to go after signing in: only a path on this site, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\") => {
            path.to_owned()
        }
        _ => "/home".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/organisations/3")), "/organisations/3");
        assert_eq!(safe_next(Some("//evil.example")), "/home");
        assert_eq!(safe_next(Some("/\\evil.example")), "/home");
        assert_eq!(safe_next(Some("https://evil.example")), "/home");
        assert_eq!(safe_next(None), "/home");
    }
}
