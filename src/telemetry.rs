//! Structured logs: text or JSON, filtered by `TCMATCH_LOG` / `RUST_LOG`, to stdout for the
//! service and to stderr for one-shot commands.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Installs the global subscriber, logging to stdout (the service); later calls (tests) are
/// no-ops.
pub fn init(format: LogFormat) {
    install(format, std::io::stdout, std::io::IsTerminal::is_terminal(&std::io::stdout()));
}

/// Like [`init`], logging to stderr: for one-shot commands, whose stdout is their answer
/// (`KEY=$(tcmatch create-key ...)`).
pub fn init_on_stderr(format: LogFormat) {
    install(format, std::io::stderr, std::io::IsTerminal::is_terminal(&std::io::stderr()));
}

fn install<W>(format: LogFormat, writer: W, ansi: bool)
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_env("TCMATCH_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder =
        tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_ansi(ansi).with_writer(writer);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}
