//! The main job: the framework a worker practises, printed as tables in English or Indonesian.
//!
//! ```text
//! cargo run --example walkthrough              # English
//! cargo run --example walkthrough -- --lang id # Bahasa Indonesia
//! ```

use pendamping::{Function, Lang, ResourceKind, Role, Stage, Vision};
use std::process::ExitCode;

fn main() -> ExitCode {
    let lang = match language_from_args(std::env::args().skip(1)) {
        Ok(lang) => lang,
        Err(message) => {
            eprintln!("walkthrough: {message}");
            eprintln!("usage: cargo run --example walkthrough -- [--lang en|id]");
            return ExitCode::from(2);
        }
    };
    print_framework(lang);
    ExitCode::SUCCESS
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

fn heading(text: &str) {
    println!("\n{text}\n{}", "=".repeat(text.chars().count()));
}

fn print_framework(lang: Lang) {
    let id = lang == Lang::Id;
    let t = |en: &'static str, ind: &'static str| if id { ind } else { en };

    heading(t("Functions and their roles", "Fungsi dan peranannya"));
    for &function in Function::ALL {
        let roles: Vec<_> = function.typical_roles().map(|r| r.label(lang)).collect();
        println!("{:<30} {}", function.label(lang), roles.join(", "));
    }

    heading(t(
        "Roles, their vision (3P) and functions",
        "Peranan, visi (3P) dan fungsinya",
    ));
    for &role in Role::ALL {
        let functions: Vec<_> = role
            .typical_functions()
            .iter()
            .map(|f| f.label(lang))
            .collect();
        println!(
            "{:<12} {:<12} {}",
            role.label(lang),
            role.vision().label(lang),
            functions.join(", ")
        );
    }

    heading(t("The 3P visions", "Visi 3P"));
    for &vision in Vision::ALL {
        let roles: Vec<_> = vision.roles().map(|r| r.label(lang)).collect();
        println!("{:<12} {}", vision.label(lang), roles.join(", "));
    }

    heading(t("Stages of the helping process", "Tahapan pertolongan"));
    for (n, &stage) in Stage::ALL.iter().enumerate() {
        println!("{}. {}", n + 1, stage.label(lang));
    }

    heading(t("Kinds of resource", "Jenis sumber"));
    for &kind in ResourceKind::ALL {
        println!("- {}", kind.label(lang));
    }
}
