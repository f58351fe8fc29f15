//! The `tcmatch` command: `serve` (default), `migrate`, `openapi`.

use clap::Parser;
use tcmatch::api::keys::NewKey;
use tcmatch::config::{Cli, Command, LogFormat, Settings};
use tcmatch::domain::access::Role;
use tcmatch::error::StartupError;
use tcmatch::{openapi, startup, telemetry};

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
        Some(Command::Migrate(db)) => {
            telemetry::init(db.log_format);
            startup::prepare_database(&db.database_url, 1)?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Some(Command::CreateKey(args)) => {
            telemetry::init(args.database.log_format);
            let role = Role::parse(&args.role)
                .ok_or_else(|| StartupError(format!("--role must be one of {}", Role::expected())))?;
            let new = NewKey { role, state: args.state, organization_id: args.organization, label: args.label };
            let issued = startup::create_key(&args.database.database_url, new)?;
            eprintln!("Created {} key {} ({}). Its secret is shown only now:", role, issued.key.id, issued.key.prefix);
            println!("{}", issued.secret);
            Ok(())
        }
        Some(Command::Openapi { output }) => {
            let json = openapi::document().to_pretty_json().map_err(|e| StartupError(e.to_string()))?;
            match output {
                Some(path) => std::fs::write(&path, json + "\n")
                    .map_err(|e| StartupError(format!("cannot write {}: {e}", path.display()))),
                None => {
                    println!("{json}");
                    Ok(())
                }
            }
        }
        Some(Command::Serve(args)) => serve(args.try_into().map_err(StartupError)?),
        None => serve(cli.serve.try_into().map_err(StartupError)?),
    }
}

fn serve(settings: Settings) -> Result<(), StartupError> {
    telemetry::init(if std::env::var("TCMATCH_LOG_FORMAT").as_deref() == Ok("json") {
        LogFormat::Json
    } else {
        LogFormat::Text
    });
    actix_web::rt::System::new().block_on(async {
        let app = startup::Application::build(&settings)?;
        app.run_until_stopped().await.map_err(|e| StartupError(e.to_string()))
    })
}
