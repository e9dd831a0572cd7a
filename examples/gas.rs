//! Goal Attainment Scaling for one family: three goals weighted after Turner-Stokes, rated at
//! the start and at the six-month review, with the T-scores printed in English or Indonesian.
//!
//! ```text
//! cargo run --example gas              # English
//! cargo run --example gas -- --lang id # Bahasa Indonesia
//! ```

use pendamping::Lang;
use pendamping::gas::{self, GasError, GoalScore, Level};
use std::process::ExitCode;

mod common;

/// One goal agreed with the family: what it is, how the family rates its importance and the
/// worker its difficulty (0–3 each), and where it stood at baseline and at follow-up.
struct Goal {
    en: &'static str,
    id: &'static str,
    importance: u8,
    difficulty: u8,
    baseline: Level,
    follow_up: Level,
}

const GOALS: [Goal; 3] = [
    Goal {
        en: "Both children attend school every week",
        id: "Kedua anak bersekolah setiap minggu",
        importance: 3,
        difficulty: 2,
        baseline: Level::LessThanExpected,
        follow_up: Level::Expected,
    },
    Goal {
        en: "Household enrolled in the cash-transfer programme",
        id: "Keluarga terdaftar dalam program bantuan tunai",
        importance: 2,
        difficulty: 1,
        baseline: Level::LessThanExpected,
        follow_up: Level::MoreThanExpected,
    },
    Goal {
        en: "Father has a steady income",
        id: "Ayah memiliki penghasilan tetap",
        importance: 3,
        difficulty: 3,
        // Out of work with no savings: no worse state is plausible, so the baseline is -2.
        baseline: Level::MuchLessThanExpected,
        follow_up: Level::LessThanExpected,
    },
];

fn main() -> ExitCode {
    common::run("gas", |lang| Ok(print_scores(lang)?))
}

/// A level's number as GAS forms write it: `-2`, `-1`, `0`, `+1`, `+2`.
fn signed(level: Level) -> String {
    match level.value() {
        0 => "0".to_owned(),
        v => format!("{v:+}"),
    }
}

fn print_scores(lang: Lang) -> Result<(), GasError> {
    let id = lang == Lang::Id;
    let t = |en: &'static str, ind: &'static str| if id { ind } else { en };

    let heading = t(
        "Goal attainment: the Wibowo family",
        "Pencapaian tujuan: keluarga Wibowo",
    );
    println!("{heading}\n{}", "=".repeat(heading.chars().count()));

    let mut baseline = Vec::new();
    let mut follow_up = Vec::new();
    for (n, goal) in GOALS.iter().enumerate() {
        let weight = gas::turner_stokes_weight(goal.importance, goal.difficulty)?;
        baseline.push(GoalScore {
            level: goal.baseline,
            weight,
        });
        follow_up.push(GoalScore {
            level: goal.follow_up,
            weight,
        });
        println!("\n{}. {}", n + 1, if id { goal.id } else { goal.en });
        println!(
            "   {} {} × {} {} = {} {weight}",
            t("importance", "kepentingan"),
            goal.importance,
            t("difficulty", "kesulitan"),
            goal.difficulty,
            t("weight", "bobot"),
        );
        for (when, level) in [
            (t("baseline", "awal"), goal.baseline),
            (t("follow-up", "tindak lanjut"), goal.follow_up),
        ] {
            println!("   {when:<14} {:>2} {}", signed(level), level.label(lang));
        }
    }

    let before = gas::t_score(&baseline, gas::DEFAULT_RHO)?;
    let after = gas::t_score(&follow_up, gas::DEFAULT_RHO)?;
    println!("\n{} (ρ = {}):", t("T-scores", "Skor T"), gas::DEFAULT_RHO);
    println!("   {:<14} {before:5.1}", t("baseline", "awal"));
    println!("   {:<14} {after:5.1}", t("follow-up", "tindak lanjut"));
    println!(
        "   {:<14} {:+5.1}",
        t("change", "perubahan"),
        after - before
    );
    println!(
        "\n{}",
        t(
            "50 means the goals were met as agreed; 10 points is one standard deviation.",
            "50 berarti tujuan tercapai sesuai kesepakatan; 10 poin adalah satu simpangan baku.",
        )
    );
    Ok(())
}
