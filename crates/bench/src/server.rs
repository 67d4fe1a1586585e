//! The server under test: the release binary run as `osa demo` on a throwaway database,
//! in its own process, so its CPU time and memory can be read from `/proc` apart from
//! the load generator's.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

pub struct Server {
    child: Child,
    pub base: String,
    pub engine: &'static str,
    /// The PostgreSQL database made for this run, dropped at the end.
    postgres: Option<(String, String)>,
    dir: PathBuf,
}

/// `target/release/osa` of this workspace, or `OSA_BENCH_BINARY`.
pub fn binary() -> anyhow::Result<PathBuf> {
    let path = match std::env::var("OSA_BENCH_BINARY") {
        Ok(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/osa"),
    };
    if !path.exists() {
        bail!("{} is missing: run `cargo build --release -p osa-server` first", path.display());
    }
    Ok(path)
}

impl Server {
    /// Starts `osa demo` on SQLite, or on a new database of the PostgreSQL server at
    /// `postgres` (a URL naming any database there, used to create and drop one).
    pub async fn start(binary: &Path, password: &str, postgres: Option<&str>) -> anyhow::Result<Server> {
        let port = free_port()?;
        let dir = std::env::temp_dir().join(format!("osa-bench-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let (url, made, engine) = match postgres {
            Some(server) => {
                let name = format!("osa_bench_{}_{port}", std::process::id());
                admin(server, &format!("CREATE DATABASE {name}")).await?;
                let mut url = server.to_owned();
                let cut = url.rfind('/').context("OSA_BENCH_DATABASE_URL has no database part")?;
                url.truncate(cut + 1);
                url.push_str(&name);
                (url, Some((server.to_owned(), name)), "PostgreSQL")
            }
            None => (format!("sqlite://{}", dir.join("bench.db").display()), None, "SQLite"),
        };
        let log = std::fs::File::create(dir.join("server.log"))?;
        let child = Command::new(binary)
            .args(["demo", "--bind", &format!("127.0.0.1:{port}"), "--database-url", &url])
            .env("OSA_DEMO_PASSWORD", password)
            .env("OSA_FILES_DIR", dir.join("files"))
            .env("OSA_LOG", "warn")
            .stdout(Stdio::from(log.try_clone()?))
            .stderr(Stdio::from(log))
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let mut server =
            Server { child, base: format!("http://127.0.0.1:{port}"), engine, postgres: made, dir };
        server.wait_healthy().await?;
        Ok(server)
    }

    async fn wait_healthy(&mut self) -> anyhow::Result<()> {
        let client = reqwest::Client::new();
        let started = Instant::now();
        // Loading the demo region (and hashing its one password) takes a few seconds.
        while started.elapsed() < Duration::from_secs(180) {
            if let Some(status) = self.child.try_wait()? {
                bail!("osa demo stopped ({status}); see {}", self.dir.join("server.log").display());
            }
            if let Ok(r) = client.get(format!("{}/healthz", self.base)).send().await
                && r.status().is_success()
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        bail!("osa demo did not become healthy in 180 s")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// User plus system CPU time the server has used so far, in milliseconds.
    pub fn cpu_ms(&self) -> anyhow::Result<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))?;
        // The command name (field 2) may hold spaces; the fields after it do not.
        let rest = stat.rsplit_once(')').context("odd /proc stat")?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: f64 = fields[11].parse::<f64>()? + fields[12].parse::<f64>()?;
        Ok(ticks * 1000.0 / clock_ticks())
    }

    /// (current, peak since start) resident memory in MB.
    pub fn rss_mb(&self) -> anyhow::Result<(f64, f64)> {
        rss_of(self.pid())
    }

    pub async fn stop(mut self) -> anyhow::Result<()> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some((server, name)) = self.postgres.take() {
            admin(&server, &format!("DROP DATABASE IF EXISTS {name}")).await?;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(())
    }
}

/// (current, peak since start) resident memory of process `pid` in MB.
pub fn rss_of(pid: u32) -> anyhow::Result<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kb = |key: &str| -> f64 {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    Ok((kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0))
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Clock ticks per second of `/proc` CPU times (`getconf CLK_TCK`, 100 on Linux).
fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

async fn admin(server: &str, sql: &str) -> anyhow::Result<()> {
    use sqlx::Connection;
    let mut conn =
        sqlx::PgConnection::connect(server).await.context("cannot reach OSA_BENCH_DATABASE_URL")?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(&mut conn).await?;
    conn.close().await?;
    Ok(())
}
