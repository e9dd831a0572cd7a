//! The words both drawings write: node and edge texts, and the legend.

use super::{EcoMap, Flow, System, Tie, TieStrength};
use crate::Lang;
use crate::render::{Legend, LegendEntry, wrap};

/// Characters per line of the centre's name: the centre is a circle of fixed size.
const CENTRE_WIDTH: usize = 14;
/// Characters per line of a system's name.
const SYSTEM_WIDTH: usize = 22;
/// Characters per line of a note on a tie.
const NOTE_WIDTH: usize = 28;
/// Characters per line of a strength listed beside the centre.
const STRENGTH_WIDTH: usize = 32;

/// The words the drawings need besides the vocabularies' labels.
pub(super) struct Words {
    /// The legend's title.
    pub(super) legend: &'static str,
    /// The title over the client's own strengths.
    pub(super) strengths: &'static str,
    /// How the legend says a line is red.
    red: &'static str,
}

pub(super) const fn words(lang: Lang) -> Words {
    match lang {
        Lang::Id => Words {
            legend: "Keterangan",
            strengths: "Kekuatan sendiri",
            red: "garis merah",
        },
        Lang::En => Words {
            legend: "Legend",
            strengths: "Own strengths",
            red: "red line",
        },
    }
}

/// The centre's text: the name, wrapped to fit the circle, then the level.
pub(super) fn centre_text(map: &EcoMap, lang: Lang) -> String {
    let centre = map.centre();
    format!(
        "{}\n{}",
        wrap(&centre.name, CENTRE_WIDTH),
        centre.level.label(lang)
    )
}

/// The client's own strengths, each broken into lines, for the list beside the centre.
pub(super) fn strength_lines(map: &EcoMap) -> Vec<String> {
    map.centre()
        .strengths
        .iter()
        .map(|s| wrap(s, STRENGTH_WIDTH))
        .collect()
}

/// A system's text: its name, then its kind.
pub(super) fn system_text(system: &System, lang: Lang) -> String {
    format!(
        "{}\n{}",
        wrap(&system.name, SYSTEM_WIDTH),
        system.kind.label(lang)
    )
}

/// An edge's text: the note, and for a stressful tie its strength first (so the strain reads
/// without colour).
pub(super) fn edge_text(tie: &Tie, lang: Lang) -> String {
    let mut parts = Vec::new();
    if tie.strength == TieStrength::Stressful {
        parts.push(tie.strength.label(lang).to_owned());
    }
    if let Some(note) = &tie.note {
        parts.push(wrap(note, NOTE_WIDTH));
    }
    parts.join("\n")
}

/// The legend, the same in both drawings: the four lines on one row, the three flows on the
/// next.
pub(super) fn legend(lang: Lang) -> Legend {
    let w = words(lang);
    let strengths = TieStrength::ALL
        .iter()
        .map(|&strength| {
            let (sample, colour) = match strength {
                TieStrength::Strong => ("━━━", None),
                TieStrength::Moderate => ("───", None),
                TieStrength::Tenuous => ("╌╌╌", None),
                TieStrength::Stressful => ("═══", Some("red")),
            };
            let text = match strength {
                TieStrength::Stressful => format!("{} ({})", strength.label(lang), w.red),
                _ => strength.label(lang).to_owned(),
            };
            LegendEntry {
                sample,
                colour,
                text,
            }
        })
        .collect();
    let flows = Flow::ALL
        .iter()
        .map(|&flow| LegendEntry {
            sample: match flow {
                // A small circle for the client, a box for the system, the arrow between.
                Flow::ToClient => "○ ◀── □",
                Flow::FromClient => "○ ──▶ □",
                Flow::Both => "○ ◀─▶ □",
            },
            colour: None,
            text: flow.label(lang).to_owned(),
        })
        .collect();
    Legend {
        title: w.legend.to_owned(),
        rows: vec![strengths, flows],
    }
}
