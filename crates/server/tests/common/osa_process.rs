//! The real `osa` binary as a child process, for tests about the server process itself:
//! killed mid-load (crash_safety.rs), or several of them on one database
//! (several_servers.rs). Each child writes its log to a file the test can read.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Client;

/// How long a server may take to answer `/healthz` before the test gives up on it.
/// Generous: debug builds on a busy machine start slowly. Not an assertion about
/// speed, only a bound so a server that never comes up fails the test.
const START_BOUND: Duration = Duration::from_secs(120);

pub struct OsaProcess {
    child: Child,
    pub address: String,
    log: PathBuf,
}

/// A port free at the moment of asking (the child binds it a moment later).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("no free port").port()
}

impl OsaProcess {
    /// Starts `osa serve` on `database_url` at a free local port, with `files_dir`
    /// for uploads and `env` as extra `OSA_*` settings. Returns at once: call
    /// [`OsaProcess::wait_ready`] before using it.
    pub fn start(name: &str, database_url: &str, files_dir: &str, env: &[(&str, &str)]) -> OsaProcess {
        let bind = format!("127.0.0.1:{}", free_port());
        let address = format!("http://{bind}");
        let dir = std::env::temp_dir().join("osa-tests");
        std::fs::create_dir_all(&dir).expect("cannot create the test folder");
        let log = dir.join(format!("{name}-{}-{}.log", std::process::id(), bind.replace(':', "-")));
        let out = File::create(&log).expect("cannot create the server log");
        let err = out.try_clone().expect("cannot share the server log");
        let mut command = Command::new(env!("CARGO_BIN_EXE_osa"));
        command
            .arg("serve")
            .env("OSA_CONFIG", "/nonexistent/osa.toml")
            .env("OSA_BIND", &bind)
            .env("OSA_PUBLIC_URL", &address)
            .env("OSA_DATABASE_URL", database_url)
            .env("OSA_FILES_DIR", files_dir)
            .env("OSA_LOG", "info,sqlx=warn,tower_sessions=warn")
            .env("NO_COLOR", "1")
            .env_remove("OSA_SMTP_URL")
            .env_remove("OSA_SQLITE_SYNCHRONOUS")
            .env_remove("OSA_JOBS_CHECK_SECONDS")
            .stdin(Stdio::null())
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err));
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().expect("cannot start osa");
        OsaProcess { child, address, log }
    }

    /// Waits until the server answers 200 on `/healthz`; panics with its log if it
    /// exits first or does not come up within [`START_BOUND`].
    pub async fn wait_ready(&mut self) {
        let http = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("osa exited ({status}) before it was ready:\n{}", self.log());
            }
            let health = http.get(format!("{}/healthz", self.address)).send().await;
            if health.is_ok_and(|r| r.status() == 200) {
                return;
            }
            assert!(started.elapsed() < START_BOUND, "osa did not come up:\n{}", self.log());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Kills the process with SIGKILL (what `Child::kill` sends on Unix): no shutdown
    /// code runs, nothing is flushed, exactly like a crash or the OOM killer.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Everything the server has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// A client of this server that keeps cookies, like a browser.
    pub fn client(&self) -> Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Client { http, base: self.address.clone() }
    }
}

impl Drop for OsaProcess {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_file(&self.log);
    }
}
