//! The `tcmatch` command: `serve` (default), `migrate`, `backup`, `create-key`, `import` (through
//! a running instance), `openapi`, and `train` and `evaluate` for the theme suggestion model.

use std::io::Write;

use clap::Parser;
use tcmatch::config::{Cli, Command, ServeArgs, Settings};
use tcmatch::domain::access::Role;
use tcmatch::domain::catalog::Catalog;
use tcmatch::error::StartupError;
use tcmatch::service::keys::NewKey;
use tcmatch::suggest::evaluation;
use tcmatch::suggest::model::{Model, TrainParams};
use tcmatch::suggest::Suggester;
use tcmatch::{import_client, openapi, startup, telemetry};

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        tracing::error!(error = %e, "tcmatch stopped");
        eprintln!("tcmatch: {e}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<(), StartupError> {
    match cli.command {
        Some(Command::Migrate) => {
            let db = cli.serve.database;
            telemetry::init_on_stderr(db.log_format);
            startup::prepare_database(&db.database_url, 1)?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Some(Command::Backup { output }) => {
            let db = cli.serve.database;
            telemetry::init_on_stderr(db.log_format);
            let started = std::time::Instant::now();
            let bytes = startup::backup(&db.database_url, &output)?;
            eprintln!(
                "Copied the database to {} ({bytes} bytes) in {:.1} s",
                output.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::CreateKey(args)) => {
            let db = cli.serve.database;
            telemetry::init_on_stderr(db.log_format);
            let role = Role::parse(&args.role)
                .ok_or_else(|| StartupError(format!("--role must be one of {}", Role::expected())))?;
            let new = NewKey { role, state: args.state, organization_id: args.organization, label: args.label };
            let issued = startup::create_key(&db.database_url, new)?;
            eprintln!("Created {} key {} ({}). Its secret is shown only now:", role, issued.key.id, issued.key.prefix);
            println!("{}", issued.secret);
            Ok(())
        }
        Some(Command::Import(args)) => {
            let result = import_client::import(&args)?;
            let json = serde_json::to_string_pretty(&result).map_err(|e| StartupError(e.to_string()))?;
            match writeln!(std::io::stdout().lock(), "{json}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(StartupError(e.to_string())),
                _ => Ok(()),
            }
        }
        Some(Command::Openapi { output }) => {
            let json = openapi::document().to_pretty_json().map_err(|e| StartupError(e.to_string()))?;
            match output {
                Some(path) => std::fs::write(&path, json + "\n")
                    .map_err(|e| StartupError(format!("cannot write {}: {e}", path.display()))),
                // A reader that stops early (`tcmatch openapi | head`) is not an error.
                None => match writeln!(std::io::stdout().lock(), "{json}") {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(StartupError(e.to_string())),
                    _ => Ok(()),
                },
            }
        }
        Some(Command::Train { csv, sessions, output, settings }) => {
            end_quietly_on_closed_pipe();
            let mut params = TrainParams::default();
            for setting in &settings {
                let (name, value) = setting
                    .split_once('=')
                    .ok_or_else(|| StartupError(format!("--set takes name=value, not '{setting}'")))?;
                params.set(name.trim(), value.trim()).map_err(StartupError)?;
            }
            let rows = read_labelled(&csv)?;
            let chosen = sessions.select(&rows.rows);
            let started = std::time::Instant::now();
            let model = evaluation::train(&chosen, Catalog::shipped(), &params).map_err(StartupError)?;
            let bytes = model.to_bytes();
            std::fs::write(&output, &bytes)
                .map_err(|e| StartupError(format!("cannot write {}: {e}", output.display())))?;
            println!(
                "trained on {} rows of sessions {sessions} ({} without labels left out) in {:.1} s; {} bytes to {}",
                chosen.len(),
                rows.unlabelled,
                started.elapsed().as_secs_f64(),
                bytes.len(),
                output.display()
            );
            Ok(())
        }
        Some(Command::Evaluate { csv, sessions, model, themes }) => {
            end_quietly_on_closed_pipe();
            let loaded;
            let suggester = match &model {
                Some(path) => {
                    let bytes = std::fs::read(path)
                        .map_err(|e| StartupError(format!("cannot read {}: {e}", path.display())))?;
                    let model = Model::from_bytes(&bytes)
                        .map_err(|e| StartupError(format!("{} is no theme model: {e}", path.display())))?;
                    loaded = Suggester::new(model, Catalog::shipped()).map_err(StartupError)?;
                    &loaded
                }
                None => Suggester::shipped(),
            };
            let what = sessions.map_or("all sessions".to_string(), |s| format!("sessions {s}"));
            if let [one] = csv.as_slice() {
                let rows = read_labelled(one)?;
                let chosen = sessions.map_or_else(|| rows.rows.iter().collect(), |s| s.select(&rows.rows));
                let report = evaluation::evaluate(suggester, &chosen);
                println!("{} labelled rows of {what} ({} without labels left out)", report.rows, rows.unlabelled);
                print_report(&report, themes);
                return Ok(());
            }
            println!("{what}: micro-F1, macro-F1 and the language detected, per file");
            for path in &csv {
                let rows = read_labelled(path)?;
                let chosen = sessions.map_or_else(|| rows.rows.iter().collect(), |s| s.select(&rows.rows));
                let report = evaluation::evaluate(suggester, &chosen);
                let (language, share) = evaluation::languages(&chosen);
                println!(
                    "  {:<40} {:>5} rows  micro-F1 {:.4}  macro-F1 {:.4}  detected {language} {:.0}%  {:.1} µs/row",
                    path.display(),
                    report.rows,
                    report.micro_f1,
                    report.macro_f1,
                    share * 100.0,
                    report.micros_per_row
                );
            }
            Ok(())
        }
        Some(Command::Serve) | None => serve(cli.serve),
    }
}

/// A report's reader that stops early (`tcmatch evaluate ... | head`) ends the command quietly,
/// as for any command-line tool, instead of a panic on the next line printed.
fn end_quietly_on_closed_pipe() {
    // SAFETY: setting a signal's disposition to its default before any other thread runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn print_report(report: &evaluation::Report, themes: usize) {
    println!(
        "micro-precision {:.4}  micro-recall {:.4}  micro-F1 {:.4}  macro-F1 {:.4}",
        report.micro_precision, report.micro_recall, report.micro_f1, report.macro_f1
    );
    let spread = &report.spread;
    println!(
        "95% intervals over {} resamples of the {} reviews (a State in a session): micro-F1 {:.4}-{:.4}  macro-F1 {:.4}-{:.4}",
        spread.resamples, spread.reviews, spread.micro_f1.0, spread.micro_f1.1, spread.macro_f1.0, spread.macro_f1.1
    );
    println!(
        "{} rows with no theme reaching 0.5; given their most likely theme from 0.2, as records are tagged: micro-F1 {:.4}  macro-F1 {:.4}",
        report.without_theme, report.with_best_theme.0, report.with_best_theme.1
    );
    println!("{:.1} µs per recommendation (one core)", report.micros_per_row);
    println!("weakest themes (F1, rows with it, rows suggested it):");
    for t in report.themes.iter().take(themes) {
        println!("  {:.3} {:>6} {:>6}  {}", t.f1, t.support, t.suggested, t.theme);
    }
}

fn read_labelled(path: &std::path::Path) -> Result<evaluation::Labelled, StartupError> {
    let bytes = std::fs::read(path).map_err(|e| StartupError(format!("cannot read {}: {e}", path.display())))?;
    evaluation::read_csv(&bytes).map_err(|e| StartupError(format!("{}: {e}", path.display())))
}

fn serve(args: ServeArgs) -> Result<(), StartupError> {
    telemetry::init(args.database.log_format);
    let settings = Settings::try_from(args).map_err(StartupError)?;
    actix_web::rt::System::new().block_on(async {
        let app = startup::Application::build(&settings)?;
        app.run_until_stopped().await.map_err(|e| StartupError(e.to_string()))
    })
}
