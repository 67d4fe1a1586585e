//! The `osa` command line, run as a user would run it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops loudly at the step that failed"
)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::TestApp;

fn osa() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_osa"));
    command.env_remove("OSA_BIND").env_remove("OSA_DATABASE_URL").env("OSA_CONFIG", "/nonexistent/osa.toml");
    command
}

#[test]
fn default_config_prints_the_defaults() {
    let output = osa().arg("default-config").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("bind = \"127.0.0.1:8080\""));
    assert!(text.contains("database_url = \"sqlite://data/osa.db\""));
}

// The command blocks this thread, so the server needs a runtime thread of its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthcheck_honours_the_environment_and_flags_win_over_it() {
    let app = TestApp::spawn().await;
    let bind = app.address.trim_start_matches("http://").to_owned();
    let via_env = osa().arg("healthcheck").env("OSA_BIND", &bind).output().unwrap();
    assert!(via_env.status.success(), "{}", String::from_utf8_lossy(&via_env.stderr));
    let flag_wins =
        osa().args(["healthcheck", "--bind", &bind]).env("OSA_BIND", "127.0.0.1:1").output().unwrap();
    assert!(flag_wins.status.success());
    let nothing_there = osa().args(["healthcheck", "--bind", "127.0.0.1:1"]).output().unwrap();
    assert!(!nothing_there.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_add_creates_a_platform_admin_who_can_sign_in() {
    let dir = std::env::temp_dir().join(format!("osa-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("cli.db").display());
    let mut child = osa()
        .args([
            "user",
            "add",
            "--email",
            "Boss@Example.org",
            "--name",
            "Ada Admin",
            "--password-stdin",
            "--database-url",
            &url,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"a long enough password\n").unwrap();
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success());
    assert!(text.contains("boss@example.org is a platform admin and can sign in now"));
    assert!(!text.contains("a long enough password"), "the password must never be printed");

    let app = TestApp::spawn_with(|c| c.database_url = url.clone()).await;
    let client = app.client();
    assert!(client.sign_in("boss@example.org", "a long enough password").await.redirects_to("/home"));
    assert_eq!(client.get("/admin/users").await.status, 200);
}

#[test]
fn user_add_without_a_password_prints_a_set_up_link() {
    let dir = std::env::temp_dir().join(format!("osa-cli-link-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("cli.db").display());
    let output = osa()
        .args(["user", "add", "--email", "new@example.org", "--name", "New Admin", "--database-url", &url])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8(output.stdout).unwrap().contains("/invitation/"));
}
