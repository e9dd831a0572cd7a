//! What the bilingual examples share: reading `--lang en|id` and reporting how they ended.

use pendamping::Lang;
use std::error::Error;
use std::process::ExitCode;

/// Runs an example's body in the language asked for on the command line (English when none).
/// A bad argument is a usage error (exit code 2); a failure of the body, exit code 1.
pub(crate) fn run(
    example: &str,
    body: impl FnOnce(Lang) -> Result<(), Box<dyn Error>>,
) -> ExitCode {
    let lang = match language_from_args(std::env::args().skip(1)) {
        Ok(lang) => lang,
        Err(message) => {
            eprintln!("{example}: {message}");
            eprintln!("usage: cargo run --example {example} -- [--lang en|id]");
            return ExitCode::from(2);
        }
    };
    match body(lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{example}: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The English or the Indonesian text, as `lang` asks.
#[allow(dead_code, reason = "not every example prints its own words")]
pub(crate) fn pick<'a>(lang: Lang, en: &'a str, id: &'a str) -> &'a str {
    match lang {
        Lang::Id => id,
        _ => en,
    }
}

/// Reads `--lang X` or `--lang=X`; English when absent.
fn language_from_args(mut args: impl Iterator<Item = String>) -> Result<Lang, String> {
    let mut lang = Lang::En;
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next().ok_or("--lang needs a value: en or id")?,
            Some(rest) if rest.starts_with('=') => rest[1..].to_owned(),
            _ => return Err(format!("unexpected argument {arg:?}")),
        };
        lang = value.parse().map_err(|e| format!("{e}"))?;
    }
    Ok(lang)
}
