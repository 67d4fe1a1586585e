//! Layered configuration: built-in defaults, then `osa.toml` (or the file named by
//! `OSA_CONFIG`), then `OSA_*` environment variables, then command-line flags.
//! Secrets may also be read from a file named by `<NAME>_FILE` (for container secrets).
//! `Debug` never prints a secret.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

pub use crate::db::Synchronous;
use osa_core::retention::RetentionPeriods;

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Config {
    /// Address and port to listen on.
    pub bind: String,
    /// `sqlite://path/to/file.db` or `postgres://user:password@host/db`.
    pub database_url: String,
    /// The address people use to reach the service; used in emailed links and to
    /// decide whether cookies are marked `Secure` (when it starts with https://).
    pub public_url: String,
    /// SMTP server URL (`smtps://user:password@host:465` or `smtp://host:25`).
    /// When empty, mail is kept in the outbox for platform admins to read.
    pub smtp_url: String,
    /// The sender of every email.
    pub mail_from: String,
    /// Older switch for one trusted proxy: `true` means `trusted_proxy_hops = 1`.
    pub trust_forwarded_for: bool,
    /// How many proxies of your own sit in front of osa. The client's address (for
    /// throttling) is read that many places from the right of `X-Forwarded-For`;
    /// 0 ignores the header and uses the connection's address.
    pub trusted_proxy_hops: usize,
    /// Log format: "text" or "json".
    pub log_format: String,
    /// Where uploaded files (evidence, resources) are kept on the local disk.
    pub files_dir: String,
    /// SQLite only: "normal" (the default) or "full". Both lose nothing when the osa
    /// process dies; "full" also waits for the disk at every commit, so a power cut or
    /// an operating-system crash cannot lose the last commits either.
    pub sqlite_synchronous: String,
    /// How often, in seconds, each server looks for scheduled jobs that are due.
    pub jobs_check_seconds: u64,
    /// How many days before a cycle's opening date a return may have been submitted and
    /// still answer the cycle (`osa_core::early_returns`).
    pub early_return_days: u32,
    /// How many calls one API token may make in any minute (`osa_core::api::CallLimit`);
    /// past that the API answers 429 with a Retry-After. 0 turns every call away.
    pub api_calls_per_minute: usize,
    /// A file holding the bearer token a Prometheus scraper sends to read `/metrics`
    /// on the main address. Empty: `/metrics` is not served there.
    pub metrics_token_file: String,
    /// A separate address (`127.0.0.1:9090`) serving only `/metrics`, for a network
    /// only the scraper reaches. Empty: no such listener.
    pub metrics_bind: String,
    /// Years a return is kept after the last cycle it answers closed (then deleted
    /// with its answers, summaries and threads by the daily retention job).
    pub retention_returns_years: u32,
    /// Years an evidence file is kept after it was uploaded.
    pub retention_evidence_years: u32,
    /// Years an account left with no role is kept before it is anonymised.
    pub retention_closed_accounts_years: u32,
    /// When true, platform admins and partnership admins must use two-factor sign-in:
    /// one without it is taken to set it up straight after their password, and can do
    /// nothing else until they have. Off by default (and in the demo); recommended on.
    pub two_factor_required: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            database_url: "sqlite://data/osa.db".into(),
            public_url: "http://127.0.0.1:8080".into(),
            smtp_url: String::new(),
            mail_from: "osa <no-reply@osa.invalid>".into(),
            trust_forwarded_for: false,
            trusted_proxy_hops: 0,
            log_format: "text".into(),
            files_dir: "data/files".into(),
            sqlite_synchronous: "normal".into(),
            jobs_check_seconds: 60,
            early_return_days: osa_core::early_returns::DEFAULT_WINDOW_DAYS,
            api_calls_per_minute: 120,
            metrics_token_file: String::new(),
            metrics_bind: String::new(),
            retention_returns_years: RetentionPeriods::default().returns_years,
            retention_evidence_years: RetentionPeriods::default().evidence_years,
            retention_closed_accounts_years: RetentionPeriods::default().closed_accounts_years,
            two_factor_required: false,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("smtp_url", &redact_url(&self.smtp_url))
            .field("mail_from", &self.mail_from)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("trusted_proxy_hops", &self.trusted_proxy_hops)
            .field("log_format", &self.log_format)
            .field("files_dir", &self.files_dir)
            .field("sqlite_synchronous", &self.sqlite_synchronous)
            .field("jobs_check_seconds", &self.jobs_check_seconds)
            .field("early_return_days", &self.early_return_days)
            .field("api_calls_per_minute", &self.api_calls_per_minute)
            .field("metrics_token_file", &self.metrics_token_file)
            .field("metrics_bind", &self.metrics_bind)
            .field("retention_returns_years", &self.retention_returns_years)
            .field("retention_evidence_years", &self.retention_evidence_years)
            .field("retention_closed_accounts_years", &self.retention_closed_accounts_years)
            .field("two_factor_required", &self.two_factor_required)
            .finish()
    }
}

/// Overrides given on the command line; `None` leaves the layer below in force.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
}

impl Config {
    pub fn load(overrides: &Overrides) -> anyhow::Result<Config> {
        let file = std::env::var("OSA_CONFIG").unwrap_or_else(|_| "osa.toml".into());
        let mut config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(&file))
            .merge(
                Env::prefixed("OSA_").ignore(&["CONFIG", "DEMO_PASSWORD", "TEST_DATABASE_URL"]).only(&FIELDS),
            )
            .merge(Serialized::defaults(overrides))
            .extract()?;
        for (name, slot) in
            [("OSA_DATABASE_URL_FILE", &mut config.database_url), ("OSA_SMTP_URL_FILE", &mut config.smtp_url)]
        {
            if let Ok(path) = std::env::var(name) {
                *slot = std::fs::read_to_string(&path)
                    .map_err(|e| anyhow::anyhow!("cannot read {name} ({path}): {e}"))?
                    .trim()
                    .to_owned();
            }
        }
        // When only the bind address is changed, links should still point at it.
        if config.public_url == Config::default().public_url && config.bind != Config::default().bind {
            config.public_url = format!("http://{}", config.bind);
        }
        config.validate()?;
        Ok(config)
    }

    /// Refuses settings that cannot work, naming the setting and what it accepts, so a
    /// typo stops the server at start instead of quietly meaning something else.
    pub fn validate(&self) -> anyhow::Result<()> {
        self.sqlite_synchronous()?;
        if self.jobs_check_seconds == 0 {
            anyhow::bail!("jobs_check_seconds (OSA_JOBS_CHECK_SECONDS) must be at least 1");
        }
        if !self.metrics_bind.trim().is_empty()
            && self.metrics_bind.trim().parse::<std::net::SocketAddr>().is_err()
        {
            anyhow::bail!(
                "metrics_bind (OSA_METRICS_BIND) must be an address and port such as 127.0.0.1:9090, not \"{}\"",
                self.metrics_bind.trim()
            );
        }
        Ok(())
    }

    /// The SQLite `synchronous` level asked for (ignored on PostgreSQL).
    pub fn sqlite_synchronous(&self) -> anyhow::Result<Synchronous> {
        match self.sqlite_synchronous.trim().to_ascii_lowercase().as_str() {
            "normal" => Ok(Synchronous::Normal),
            "full" => Ok(Synchronous::Full),
            _ => anyhow::bail!(
                "sqlite_synchronous (OSA_SQLITE_SYNCHRONOUS) must be \"normal\" or \"full\", not \"{}\"",
                self.sqlite_synchronous.trim()
            ),
        }
    }

    /// Trusted proxies in front of osa. The old `trust_forwarded_for` switch counts as
    /// one, so a deployment behind one proxy that set it keeps working.
    pub fn proxy_hops(&self) -> usize {
        if self.trusted_proxy_hops == 0 && self.trust_forwarded_for { 1 } else { self.trusted_proxy_hops }
    }

    /// The retention rules of this deployment (`osa_core::retention`).
    pub fn retention(&self) -> RetentionPeriods {
        RetentionPeriods {
            returns_years: self.retention_returns_years,
            evidence_years: self.retention_evidence_years,
            closed_accounts_years: self.retention_closed_accounts_years,
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The bearer token `/metrics` asks for, read from `metrics_token_file`; `None`
    /// when no file is named. A named file that cannot be read, or holds nothing, stops
    /// the server at start rather than leave the metrics open or closed by surprise.
    pub fn metrics_token(&self) -> anyhow::Result<Option<String>> {
        let path = self.metrics_token_file.trim();
        if path.is_empty() {
            return Ok(None);
        }
        let token = std::fs::read_to_string(path)
            .map_err(|e| {
                anyhow::anyhow!("cannot read metrics_token_file (OSA_METRICS_TOKEN_FILE, {path}): {e}")
            })?
            .trim()
            .to_owned();
        if token.is_empty() {
            anyhow::bail!(
                "metrics_token_file (OSA_METRICS_TOKEN_FILE, {path}) is empty: put the scraper's token in it"
            );
        }
        Ok(Some(token))
    }

    /// The configuration file `osa default-config` prints.
    pub fn default_toml() -> String {
        let body = toml::to_string_pretty(&Config::default()).unwrap_or_default();
        format!(
            "# osa configuration. Every key may also be set as an environment variable\n\
             # OSA_<KEY> (for example OSA_BIND), which wins over this file; flags win over both.\n\
             # Secrets can be read from files: OSA_DATABASE_URL_FILE, OSA_SMTP_URL_FILE.\n\n{body}"
        )
    }
}

const FIELDS: [&str; 19] = [
    "bind",
    "database_url",
    "public_url",
    "smtp_url",
    "mail_from",
    "trust_forwarded_for",
    "trusted_proxy_hops",
    "log_format",
    "files_dir",
    "sqlite_synchronous",
    "jobs_check_seconds",
    "early_return_days",
    "api_calls_per_minute",
    "metrics_token_file",
    "metrics_bind",
    "retention_returns_years",
    "retention_evidence_years",
    "retention_closed_accounts_years",
    "two_factor_required",
];

/// Hides the password part of a URL so it can be logged.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("****"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(redact_url("postgres://osa:hunter2@db/osa"), "postgres://osa:****@db/osa");
        assert_eq!(redact_url("sqlite://data/osa.db"), "sqlite://data/osa.db");
    }

    #[test]
    fn debug_output_never_contains_secrets() {
        let config = Config { smtp_url: "smtps://me:secret@mail.example:465".into(), ..Config::default() };
        assert!(!format!("{config:?}").contains("secret"));
    }

    #[test]
    fn sqlite_synchronous_accepts_normal_and_full_in_any_case() {
        let with = |value: &str| Config { sqlite_synchronous: value.into(), ..Config::default() };
        assert_eq!(Config::default().sqlite_synchronous().unwrap(), Synchronous::Normal);
        assert_eq!(with("FULL").sqlite_synchronous().unwrap(), Synchronous::Full);
        assert_eq!(with(" normal ").sqlite_synchronous().unwrap(), Synchronous::Normal);
    }

    #[test]
    fn an_unknown_synchronous_level_is_refused_naming_the_setting_and_the_choices() {
        let config = Config { sqlite_synchronous: "Off".into(), ..Config::default() };
        let message = config.validate().unwrap_err().to_string();
        assert_eq!(
            message,
            "sqlite_synchronous (OSA_SQLITE_SYNCHRONOUS) must be \"normal\" or \"full\", not \"Off\""
        );
    }

    #[test]
    fn jobs_must_be_looked_for_at_least_every_second() {
        let config = Config { jobs_check_seconds: 0, ..Config::default() };
        assert!(config.validate().unwrap_err().to_string().contains("OSA_JOBS_CHECK_SECONDS"));
        assert!(Config::default().validate().is_ok());
    }

    #[test]
    fn a_metrics_address_that_is_not_one_is_refused_naming_the_setting() {
        let config = Config { metrics_bind: "localhost".into(), ..Config::default() };
        assert!(config.validate().unwrap_err().to_string().contains("OSA_METRICS_BIND"));
        let config = Config { metrics_bind: "127.0.0.1:9090".into(), ..Config::default() };
        assert!(config.validate().is_ok());
    }

    #[test]
    fn an_empty_or_missing_metrics_token_file_stops_the_start() {
        assert_eq!(Config::default().metrics_token().unwrap(), None);
        let missing = Config { metrics_token_file: "/nonexistent/osa-token".into(), ..Config::default() };
        assert!(missing.metrics_token().unwrap_err().to_string().contains("cannot read metrics_token_file"));
        let path = std::env::temp_dir().join(format!("osa-metrics-token-{}", std::process::id()));
        std::fs::write(&path, "  \n").unwrap();
        let empty = Config { metrics_token_file: path.display().to_string(), ..Config::default() };
        assert!(empty.metrics_token().unwrap_err().to_string().contains("is empty"));
        std::fs::write(&path, "s3cret\n").unwrap();
        assert_eq!(empty.metrics_token().unwrap().as_deref(), Some("s3cret"));
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn retention_defaults_to_six_years_for_returns_and_evidence_and_one_for_closed_accounts() {
        assert_eq!(Config::default().retention(), RetentionPeriods::default());
        let config = Config { retention_evidence_years: 10, ..Config::default() };
        assert_eq!(config.retention().evidence_years, 10);
        assert_eq!(config.retention().returns_years, 6);
    }

    #[test]
    fn default_config_is_valid_toml_that_loads_back() {
        let text = Config::default_toml();
        let parsed: Config = toml::from_str(&text).unwrap();
        assert_eq!(parsed, Config::default());
    }
}
