//! Values that validate when they are parsed, so an invalid one cannot travel further
//! than the form that received it. Each error message is written for the person who
//! typed the value, in the GOV.UK error-message style.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct InvalidValue(pub &'static str);

/// An email address, trimmed and lower-cased so that one address is one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(InvalidValue("Enter an email address"));
        }
        if value.len() > 254 {
            return Err(InvalidValue("Email address must be 254 characters or fewer"));
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(InvalidValue("Enter an email address in the correct format, like name@example.com"));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty() || !domain_ok || value.chars().any(char::is_whitespace) || domain.contains('@') {
            return Err(InvalidValue("Enter an email address in the correct format, like name@example.com"));
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A name of a person, organisation or place: trimmed, not empty, not absurdly long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str, missing: &'static str) -> Result<Self, InvalidValue> {
        let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.is_empty() {
            return Err(InvalidValue(missing));
        }
        if value.chars().count() > Self::MAX_CHARS {
            return Err(InvalidValue("Must be 200 characters or fewer"));
        }
        if value.chars().any(char::is_control) {
            return Err(InvalidValue("Must not contain control characters"));
        }
        Ok(Name(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A new password chosen by a person. Following NCSC advice we ask for length,
/// not for character classes.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(****)")
    }
}

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: &str, confirmation: &str) -> Result<Self, InvalidValue> {
        let length = raw.chars().count();
        if length == 0 {
            return Err(InvalidValue("Enter a password"));
        }
        if length < Self::MIN_CHARS {
            return Err(InvalidValue("Password must be 12 characters or more"));
        }
        if length > Self::MAX_CHARS {
            return Err(InvalidValue("Password must be 256 characters or fewer"));
        }
        if raw != confirmation {
            return Err(InvalidValue("Passwords do not match"));
        }
        Ok(NewPassword(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised() {
        assert_eq!(Email::parse("  Jo@Example.ORG ").unwrap().as_str(), "jo@example.org");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "jo",
            "jo@",
            "@example.org",
            "jo@example",
            "jo@.org",
            "j o@example.org",
            "a@b@c.org",
            "jo@example..org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn name_collapses_whitespace_and_refuses_empty() {
        assert_eq!(Name::parse("  Kestrel   Vale ", "Enter a name").unwrap().as_str(), "Kestrel Vale");
        assert_eq!(Name::parse("   ", "Enter a name"), Err(InvalidValue("Enter a name")));
        assert!(Name::parse(&"x".repeat(201), "Enter a name").is_err());
    }

    #[test]
    fn passwords_need_length_and_matching_confirmation() {
        assert!(NewPassword::parse("short", "short").is_err());
        assert!(NewPassword::parse("long enough pass", "long enough pasS").is_err());
        assert!(NewPassword::parse("long enough pass", "long enough pass").is_ok());
    }

    #[test]
    fn password_debug_never_shows_the_secret() {
        let p = NewPassword::parse("long enough pass", "long enough pass").unwrap();
        assert!(!format!("{p:?}").contains("long"));
    }
}
