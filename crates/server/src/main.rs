//! The `osa` command line.

use std::io::Read;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use osa_server::backup;
use osa_server::config::{Config, Overrides, redact_url};

#[derive(Parser)]
#[command(
    name = "osa",
    version,
    about = "Organisational Safeguarding Assessment: the web service and its tools"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Default)]
struct ServerFlags {
    /// Address to listen on (overrides OSA_BIND and osa.toml).
    #[arg(long)]
    bind: Option<String>,
    /// Database URL (overrides OSA_DATABASE_URL and osa.toml).
    #[arg(long)]
    database_url: Option<String>,
}

impl ServerFlags {
    fn overrides(&self) -> Overrides {
        Overrides { bind: self.bind.clone(), database_url: self.database_url.clone() }
    }
}

#[derive(Args)]
struct DemoFlags {
    #[command(flatten)]
    server: ServerFlags,
    /// What to load: the hand-written demo region, or a generated dataset of one
    /// region (500 organisations) or of England (25,000 organisations).
    #[arg(long, value_enum, default_value_t = DemoScale::Demo)]
    scale: DemoScale,
    /// The seed of a generated dataset: the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DemoScale {
    Demo,
    Region,
    National,
}

/// What `run` loads before serving.
struct DemoLoad {
    password: String,
    scale: DemoScale,
    seed: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web service.
    Serve(ServerFlags),
    /// Run the web service on a fresh database loaded with a fictional demo region
    /// (or, with --scale, a generated region or country).
    Demo(DemoFlags),
    /// Apply database migrations and exit.
    Migrate(ServerFlags),
    /// Manage people.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Check, import and export framework files.
    Framework {
        #[command(subcommand)]
        command: FrameworkCommand,
    },
    /// Copy a running SQLite deployment (database and stored files) into one archive.
    Backup(BackupFlags),
    /// Put a SQLite deployment back from an archive made by `osa backup`.
    Restore {
        #[command(flatten)]
        flags: BackupFlags,
        /// Replace an existing database and files folder.
        #[arg(long)]
        force: bool,
    },
    /// Write the deployment (or one partnership's data) to a folder of open files
    /// (see docs/export-format.md).
    Export {
        #[command(flatten)]
        flags: BackupFlags,
        /// Export only this partnership's data (its id, as in its pages' addresses).
        #[arg(long)]
        partnership: Option<i64>,
    },
    /// Read a folder written by `osa export` into an empty database (either engine).
    Import(BackupFlags),
    /// Apply the retention rules now (the server also runs them daily), or with
    /// --dry-run only report what they would delete and anonymise.
    Retention {
        /// Report what a run would do, changing nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        database_url: Option<String>,
        /// The stored files' folder (overrides OSA_FILES_DIR and osa.toml).
        #[arg(long)]
        files_dir: Option<String>,
    },
    /// Ask a running server whether it is healthy (exit code 0 when it is).
    Healthcheck(ServerFlags),
    /// Print the default configuration file.
    DefaultConfig,
}

/// Where a backup or export goes (or comes from), and the deployment it belongs to.
#[derive(Args)]
struct BackupFlags {
    /// The archive file (backup, restore) or folder (export, import).
    path: std::path::PathBuf,
    #[arg(long)]
    database_url: Option<String>,
    /// The stored files' folder (overrides OSA_FILES_DIR and osa.toml).
    #[arg(long)]
    files_dir: Option<String>,
}

impl BackupFlags {
    fn config(&self) -> anyhow::Result<Config> {
        let mut config = Config::load(&Overrides { bind: None, database_url: self.database_url.clone() })?;
        if let Some(dir) = &self.files_dir {
            config.files_dir = dir.clone();
        }
        Ok(config)
    }
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a platform admin (or make an existing person one).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Read the password from standard input instead of printing a set-up link.
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        database_url: Option<String>,
    },
}

#[derive(Subcommand)]
enum FrameworkCommand {
    /// Check a framework file and report every problem (no database needed).
    Validate { file: std::path::PathBuf },
    /// Import a framework file as the next version of its key.
    Import {
        file: std::path::PathBuf,
        /// Publish the new version at once instead of leaving it a draft.
        #[arg(long)]
        publish: bool,
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Write a stored framework to a file.
    Export {
        /// The framework's key, e.g. s11-children.
        #[arg(long)]
        key: String,
        /// The version to export (default: the newest).
        #[arg(long)]
        version: Option<i32>,
        file: std::path::PathBuf,
        #[arg(long)]
        database_url: Option<String>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::DefaultConfig => {
            print!("{}", Config::default_toml());
            Ok(())
        }
        Command::Healthcheck(flags) => healthcheck(Config::load(&flags.overrides())?).await,
        Command::Migrate(flags) => {
            let config = Config::load(&flags.overrides())?;
            init_logging(&config);
            osa_server::prepare(config).await?;
            println!("Database is up to date.");
            Ok(())
        }
        Command::Serve(flags) => {
            let config = Config::load(&flags.overrides())?;
            init_logging(&config);
            run(config, None).await
        }
        Command::Demo(DemoFlags { server: flags, scale, seed }) => {
            let mut overrides = flags.overrides();
            if overrides.database_url.is_none() && std::env::var("OSA_DATABASE_URL").is_err() {
                overrides.database_url = Some("sqlite://data/demo.db".into());
            }
            let config = Config::load(&overrides)?;
            init_logging(&config);
            let password = std::env::var("OSA_DEMO_PASSWORD").unwrap_or_else(|_| "safeguarding-demo".into());
            osa_server::demo::prepare_fresh_database(&config.database_url).await?;
            run(config, Some(DemoLoad { password, scale, seed })).await
        }
        Command::Framework { command } => framework_command(command).await,
        Command::Retention { dry_run, database_url, files_dir } => {
            let mut config = Config::load(&Overrides { bind: None, database_url })?;
            if let Some(dir) = files_dir {
                config.files_dir = dir;
            }
            init_logging(&config);
            retention(config, dry_run).await
        }
        Command::Backup(flags) => {
            let config = flags.config()?;
            let done =
                backup::sqlite_backup::backup(&config.database_url, config.files_dir.as_ref(), &flags.path)
                    .await?;
            println!("Backed up {done} to {}", flags.path.display());
            Ok(())
        }
        Command::Restore { flags, force } => {
            let config = flags.config()?;
            let done = backup::sqlite_backup::restore(
                &flags.path,
                &config.database_url,
                config.files_dir.as_ref(),
                force,
            )
            .await?;
            println!("{done}");
            Ok(())
        }
        Command::Export { flags, partnership } => {
            let config = flags.config()?;
            let db = osa_server::db::Db::connect(&config.database_url).await?;
            let scope =
                partnership.map_or(backup::export::Scope::Deployment, backup::export::Scope::Partnership);
            let done = backup::export::export(&db, config.files_dir.as_ref(), &flags.path, scope).await?;
            println!("Exported {done} to {}", flags.path.display());
            Ok(())
        }
        Command::Import(flags) => {
            let config = flags.config()?;
            let db = osa_server::db::Db::connect(&config.database_url).await?;
            osa_server::db::migrations::run(&db).await?;
            let done = backup::import::import(&db, config.files_dir.as_ref(), &flags.path).await?;
            println!("Imported {done} from {}", flags.path.display());
            Ok(())
        }
        Command::User { command: UserCommand::Add { email, name, password_stdin, database_url } } => {
            let config = Config::load(&Overrides { bind: None, database_url })?;
            init_logging(&config);
            let password = if password_stdin {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text)?;
                Some(text.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let state = osa_server::prepare(config).await?;
            let outcome = osa_server::users::cli::add_platform_admin(&state, &email, &name, password).await?;
            println!("{outcome}");
            Ok(())
        }
    }
}

async fn framework_command(command: FrameworkCommand) -> anyhow::Result<()> {
    use osa_server::frameworks::cli;
    match command {
        FrameworkCommand::Validate { file } => {
            println!("{}", cli::validate(&std::fs::read(&file)?)?);
        }
        FrameworkCommand::Import { file, publish, database_url } => {
            let bytes = std::fs::read(&file)?;
            let config = Config::load(&Overrides { bind: None, database_url })?;
            let state = osa_server::prepare(config).await?;
            println!("{}", cli::import_file(&state.db, &bytes, publish).await?);
        }
        FrameworkCommand::Export { key, version, file, database_url } => {
            let config = Config::load(&Overrides { bind: None, database_url })?;
            let state = osa_server::prepare(config).await?;
            std::fs::write(&file, cli::export(&state.db, &key, version).await?)?;
            println!("Wrote {}", file.display());
        }
    }
    Ok(())
}

async fn retention(config: Config, dry_run: bool) -> anyhow::Result<()> {
    use osa_server::data_protection::retention;
    let periods = config.retention();
    let state = osa_server::prepare(config).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let plan = retention::plan(&state.db, periods, today).await?;
    if dry_run {
        println!("Dry run for {today}: nothing has been changed. A run now would reach:\n{}", plan.summary());
        return Ok(());
    }
    let done = retention::apply(&state.db, &state.files, periods, today).await?;
    println!(
        "Retention rules applied for {today}: deleted {} returns and {} evidence files, anonymised {} accounts, \
         recorded a closing date for {} accounts.",
        done.returns, done.evidence, done.accounts, done.start_counting
    );
    Ok(())
}

async fn run(config: Config, demo: Option<DemoLoad>) -> anyhow::Result<()> {
    tracing::info!(bind = %config.bind, database = %redact_url(&config.database_url), "starting osa");
    let listener = tokio::net::TcpListener::bind(&config.bind).await?;
    let public_url = config.public_url.clone();
    let state = osa_server::prepare(config).await?;
    match demo {
        Some(DemoLoad { password, scale: DemoScale::Demo, .. }) => {
            let summary = osa_server::demo::load(&state.db, &password).await?;
            println!("\nDemo region loaded: {summary}");
            println!("Open {public_url} and sign in as admin@demo.example (platform admin),");
            println!(
                "admin.kestrel@demo.example (partnership admin) or lead.police@demo.example (safeguarding lead)."
            );
            println!("Every demo account's password is: {password}\n");
        }
        Some(DemoLoad { password, scale, seed }) => {
            use osa_server::demo::scale::{self, Scale};
            let scale = if scale == DemoScale::National { Scale::National } else { Scale::Region };
            let started = std::time::Instant::now();
            let summary = scale::load(&state.db, &password, scale, seed).await?;
            println!(
                "\nGenerated dataset (seed {seed}) loaded in {:.0} s: {summary}",
                started.elapsed().as_secs_f64()
            );
            println!("Open {public_url} and sign in as admin@scale.example (platform admin),");
            println!("admin.p1@scale.example, analyst.p1@… or panel.p1@… (partnership 1),");
            println!("lead.o1@scale.example, contributor.o1@… or signoff.o1@… (organisation 1).");
            println!("Every generated account's password is: {password}\n");
        }
        None => {}
    }
    osa_server::serve(state, listener, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}

fn init_logging(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("OSA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if config.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// A minimal HTTP/1.0 probe: the check must work in a slim container with no HTTP
/// client installed, and needs nothing beyond reading one status line.
async fn healthcheck(config: Config) -> anyhow::Result<()> {
    tokio::time::timeout(std::time::Duration::from_secs(10), probe(&config))
        .await
        .map_err(|_| anyhow::anyhow!("unhealthy: no answer within 10 seconds"))?
}

async fn probe(config: &Config) -> anyhow::Result<()> {
    let mut stream = tokio::net::TcpStream::connect(&config.bind).await?;
    stream.write_all(format!("GET /healthz HTTP/1.0\r\nHost: {}\r\n\r\n", config.bind).as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let status_line = String::from_utf8_lossy(&response).lines().next().unwrap_or_default().to_owned();
    if status_line.split_whitespace().nth(1) == Some("200") {
        println!("healthy");
        Ok(())
    } else {
        anyhow::bail!("unhealthy: {status_line}")
    }
}
