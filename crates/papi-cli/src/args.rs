//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "papi",
    version,
    about = "Kế hoạch nâng cao Chỉ số PAPI của xã, phường"
)]
pub struct Cli {
    /// Database: sqlite://papi.db (default, created on first run) or postgres://…
    #[arg(
        long,
        global = true,
        env = "PAPI_DATABASE_URL",
        default_value = "sqlite://papi.db"
    )]
    pub database_url: String,
    /// The audit log's key file (created with mode 0600 on first use; keep a copy apart from
    /// the database). Default: beside the SQLite file (`papi.db.audit-key`), or
    /// `papi-audit.key` for PostgreSQL.
    #[arg(long, global = true, env = "PAPI_AUDIT_KEY_FILE")]
    pub audit_key_file: Option<PathBuf>,
    /// Log lines as readable text (default) or as JSON, one object a line.
    #[arg(
        long,
        global = true,
        env = "PAPI_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web (public portal, staff pages, JSON API).
    Serve(ServeArgs),
    /// Set up a commune on an empty database: the unit from the official list, its first
    /// administrator, villages and units. Asks for what is missing when run on a terminal.
    Init(InitArgs),
    /// Create a fresh demo database (Lương Tài 2025) and serve it.
    Demo(DemoArgs),
    /// Import a plan document or a task table.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export the task table.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Add users and set passwords.
    #[command(subcommand)]
    User(UserCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write an online, consistent copy of the database (SQLite or PostgreSQL) to a papi
    /// backup file (SQLite format, restorable to either).
    Backup(BackupArgs),
    /// Check a backup file (integrity, schema version, audit chain) and restore it.
    Restore(RestoreArgs),
    /// The resident self-assessment: score answers, write the questionnaire template.
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// Official provincial PAPI scores to compare with.
    #[command(subcommand)]
    Benchmark(BenchmarkCommand),
    /// The Vietnamese calendar: lunar dates, Tết, holidays, working days, legal deadlines.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// E-mail: a local capture server to try it, the staff's daily reminders, one sending run.
    #[command(subcommand)]
    Mail(MailCommand),
}

#[derive(Subcommand)]
pub enum SurveyCommand {
    /// Score answers the PAPI way, with standard errors and 95 % intervals.
    Score {
        /// Questionnaire: TOML or XLSForm (.xlsx).
        #[arg(long)]
        questionnaire: PathBuf,
        /// Answers exported from KoboToolbox/ODK (CSV or XLSX).
        #[arg(long)]
        responses: PathBuf,
        /// Population table (village, sex, age_band, population).
        #[arg(long)]
        population: PathBuf,
        /// Villages as `strata` or as `clusters`.
        #[arg(long, default_value = "strata")]
        design: String,
        /// Bootstrap replicates (Rao–Wu); without it, Taylor linearisation.
        #[arg(long)]
        replicates: Option<usize>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// Write the default Vietnamese questionnaire (TOML, or XLSForm with --xlsform).
    Template {
        #[arg(long)]
        xlsform: bool,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum BenchmarkCommand {
    /// Import provincial scores: CSV files of the shared layout (year = file name) or XLSX.
    Import {
        files: Vec<PathBuf>,
        #[arg(long)]
        year: Option<u16>,
    },
}

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// The lunar date of a solar date: `papi calendar lunar 2025-01-29` → 1/1 Ất Tỵ.
    Lunar {
        date: chrono::NaiveDate,
        #[arg(long)]
        json: bool,
    },
    /// The solar date of a lunar date: `papi calendar solar --lunar 10/3/2026` → 2026-04-26.
    Solar {
        #[arg(long)]
        lunar: String,
        /// The date is in the leap (nhuận) month.
        #[arg(long)]
        leap: bool,
        #[arg(long)]
        json: bool,
    },
    /// Tết and the leap month of each lunar year.
    Tet {
        #[arg(long)]
        from: i32,
        #[arg(long)]
        to: i32,
        #[arg(long)]
        json: bool,
    },
    /// Days off for civil servants in a year, with their kind and source.
    Holidays {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Working days from D1 to D2, both included.
    Workdays {
        #[arg(long)]
        from: chrono::NaiveDate,
        #[arg(long)]
        to: chrono::NaiveDate,
        #[arg(long)]
        json: bool,
    },
    /// A date N working (or calendar) days after D, counted as the Civil Code counts.
    Add {
        date: chrono::NaiveDate,
        #[arg(long, allow_hyphen_values = true)]
        working_days: Option<i32>,
        #[arg(long, allow_hyphen_values = true)]
        days: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Store a corrected year's schedule (admins): a JSON schedule, or lines
    /// `dd/mm/yyyy | loại | tên | căn cứ` with --year. It replaces the year's official or
    /// computed schedule for every deadline the server counts, and is audited.
    Import {
        file: PathBuf,
        #[arg(long)]
        year: Option<i32>,
        /// The text the schedule comes from (for lines without their own).
        #[arg(long, default_value = "Điều chỉnh của quản trị hệ thống")]
        source: String,
        #[arg(long)]
        commune: Option<String>,
    },
    /// The due date under a statutory time-limit rule, with the rule, its source and status.
    /// For a rule counted back from an event (notices), give --event instead of --from: it
    /// prints the latest day for the notice.
    Deadline {
        #[arg(long)]
        rule: String,
        /// The start event (receipt, decision, acceptance…), YYYY-MM-DD.
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// The event a notice must precede (session, meeting, dialogue…), YYYY-MM-DD.
        #[arg(long)]
        event: Option<chrono::NaiveDate>,
        /// Complex case ("vụ việc phức tạp").
        #[arg(long)]
        complex: bool,
        /// Remote area ("vùng sâu, vùng xa").
        #[arg(long)]
        remote: bool,
        /// Extensions granted (denunciations).
        #[arg(long, default_value_t = 0)]
        extensions: u8,
        /// A suspension, FROM:TO (resumed) or FROM (still suspended); repeatable. Only for
        /// rules whose law excludes suspended time.
        #[arg(long)]
        pause: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every statutory time-limit rule: versions with effective dates, duration and unit,
    /// source and status.
    Rules {
        /// Only rules whose id starts with this (e.g. KN, TC, DC).
        #[arg(long)]
        prefix: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PAPI_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Pin "today" (YYYY-MM-DD) instead of the real date in Vietnam.
    #[arg(long, env = "PAPI_TODAY")]
    pub today: Option<chrono::NaiveDate>,
    /// Mark cookies Secure (serve behind HTTPS).
    #[arg(long, env = "PAPI_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Reverse proxies (comma-separated addresses) whose X-Forwarded-For names the client;
    /// without it the connecting address is the client.
    #[arg(long, env = "PAPI_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxy: Vec<std::net::IpAddr>,
    #[command(flatten)]
    pub smtp: SmtpArgs,
}

/// The mail server papi sends through. Without a host, mail is queued and shown at
/// /staff/mail but not sent. The password is read from PAPI_SMTP_PASSWORD only, never from the
/// command line (where other users of the machine could read it).
#[derive(Args, Clone, Default)]
pub struct SmtpArgs {
    /// Mail server name or address.
    #[arg(long, env = "PAPI_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// Port (default: 587 for starttls, 465 for tls, 25 for none).
    #[arg(long, env = "PAPI_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// Encryption: starttls (default), tls (from the first byte), none (local server only).
    #[arg(long, env = "PAPI_SMTP_TLS", default_value = "starttls")]
    pub smtp_tls: String,
    /// Account name on the mail server, if it asks for one.
    #[arg(long, env = "PAPI_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    /// Sender, e.g. "UBND xã Lương Tài <khpapi@luongtai.gov.vn>".
    #[arg(long, env = "PAPI_SMTP_FROM")]
    pub smtp_from: Option<String>,
}

#[derive(Subcommand)]
pub enum MailCommand {
    /// A local SMTP server that accepts every message and keeps it (for trying papi's mail
    /// without a real server): prints each message's recipient and subject as it arrives.
    Sink {
        #[arg(long, default_value = "127.0.0.1:2525")]
        listen: String,
        /// Also write each message to this folder as an .eml file.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Queue today's reminders and digests for the staff (for cron; `papi serve` does it
    /// itself each morning when a mail server is set). Each is queued once a day.
    Digest {
        /// The day to judge deadlines on (default: today in Vietnam).
        #[arg(long)]
        day: Option<chrono::NaiveDate>,
    },
    /// Send what is due in the outbox once, through the mail server given, and exit.
    Send {
        #[command(flatten)]
        smtp: SmtpArgs,
    },
}

#[derive(Args)]
pub struct DemoArgs {
    /// Demo database file; it is deleted and created afresh.
    #[arg(long, default_value = "papi-demo.db")]
    pub file: PathBuf,
    /// Import this plan document instead of the built-in summary of plan 10/KH-UBND.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// The demo's "today": mid-year 2025, so the plan shows done, on-track and late tasks.
    #[arg(long, default_value = "2025-10-15")]
    pub today: chrono::NaiveDate,
    /// Extra tasks and updates to grow the database for benchmarks (0 = none).
    #[arg(long, default_value_t = 0)]
    pub grow_tasks: usize,
    #[arg(long, default_value_t = 0)]
    pub grow_updates: usize,
    /// Official provincial PAPI scores (the shared CSVs, 2018.csv … 2024.csv) to compare with.
    #[arg(long, default_value = "data/papi-provincial")]
    pub provincial: PathBuf,
    /// Create the database and exit without serving.
    #[arg(long)]
    pub no_serve: bool,
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Province benchmark: also add every commune of this province (code or name) from the
    /// official list, each with the demo's units, plan and tasks and --updates-each reports.
    #[arg(long)]
    pub province_communes: Option<String>,
    #[arg(long, default_value_t = 600)]
    pub updates_each: usize,
    /// Build the demo in this empty PostgreSQL database instead of the SQLite --file.
    #[arg(long)]
    pub postgres: Option<String>,
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Read a plan (Markdown, text or DOCX): number, date, dimensions, items, periods.
    Plan {
        file: PathBuf,
        /// Only show what was found; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// GSO code of the commune (needed when the database holds several).
        #[arg(long)]
        commune: Option<String>,
        /// Save a plan for a year that already has one as its new version, after the changes
        /// were shown (without it they are only shown and nothing is stored).
        #[arg(long)]
        confirm: bool,
    },
    /// Read the task table (XLSX or CSV) into the commune's current plan; all rows or none.
    Tasks {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        commune: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Write the task table of the current plan.
    Tasks {
        /// Write XLSX (the only format so far).
        #[arg(long, required = true)]
        xlsx: bool,
        /// Output file.
        #[arg(short, long, default_value = "bieu-tong-hop-nhiem-vu.xlsx")]
        output: PathBuf,
        #[arg(long)]
        commune: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from PAPI_PASSWORD or standard input.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        full_name: String,
        /// chairman, office, unit_head, officer, front, village_head, province, admin, province_admin
        #[arg(long)]
        role: String,
        /// Unit name (for unit_head and officer).
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long)]
        commune: Option<String>,
    },
    /// Set a user's password (read from PAPI_PASSWORD or standard input).
    Passwd { username: String },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain, the keyed heads and the task seals; report the first tampered
    /// entry or row, and print each commune's head to keep for later checks.
    Verify {
        #[arg(long)]
        json: bool,
        /// A head printed earlier (`XÃ-SỐBẢNGHI-MÃBĂM`): the log must still contain it.
        #[arg(long)]
        since: Vec<String>,
    },
}

#[derive(Args)]
pub struct BackupArgs {
    /// Destination file (must not exist).
    pub dest: PathBuf,
}

#[derive(Args, Default)]
pub struct InitArgs {
    /// Province or city: its name ("Hưng Yên") or code ("33") in the official list.
    #[arg(long)]
    pub province: Option<String>,
    /// The commune or ward: its name ("Phố Hiến", "Phường Phố Hiến") or 5-digit code.
    #[arg(long)]
    pub commune: Option<String>,
    /// For a commune that existed before 01/07/2025: its old name; --commune is then the unit
    /// that succeeded it.
    #[arg(long)]
    pub historic_name: Option<String>,
    /// The old commune's kind: xa or phuong.
    #[arg(long)]
    pub historic_kind: Option<String>,
    /// The old commune's statistics-office code, if known.
    #[arg(long)]
    pub historic_code: Option<String>,
    /// The first administrator's username. The password is read from PAPI_ADMIN_PASSWORD or
    /// standard input, never from the command line.
    #[arg(long)]
    pub admin_username: Option<String>,
    #[arg(long)]
    pub admin_full_name: Option<String>,
    #[arg(long, default_value = "")]
    pub admin_email: String,
    /// Villages (thôn, tổ dân phố), separated by ";".
    #[arg(long)]
    pub villages: Option<String>,
    /// A text file with one village per line.
    #[arg(long)]
    pub villages_file: Option<PathBuf>,
    /// A text file with one unit per line, "Tên | Tên viết tắt"; default: the usual offices
    /// and organisations of a commune.
    #[arg(long)]
    pub units_file: Option<PathBuf>,
    /// How many working days before a deadline pages warn (default 10).
    #[arg(long)]
    pub due_soon: Option<String>,
    /// Never ask: fail with the list of what is missing.
    #[arg(long)]
    pub no_input: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file written by `papi backup`.
    pub src: PathBuf,
    /// Replace a database that already holds data (its counts are printed first).
    #[arg(long)]
    pub replace: bool,
    /// Do not ask for confirmation (with --replace).
    #[arg(long)]
    pub yes: bool,
}
