//! The stage machine drawn from [`TRANSITIONS`]: Mermaid and Graphviz DOT.

use std::fmt::Write as _;

use super::{Status, TRANSITIONS};
use crate::render::{dot as dot_text, mermaid as mermaid_text};
use crate::{Lang, Stage};

/// The stage machine as a Mermaid `stateDiagram-v2`, labelled in `lang`: one state per
/// [`Status`], one edge per row of [`TRANSITIONS`] labelled with its kind.
///
/// ```
/// use pendamping::{Lang, lifecycle::mermaid};
///
/// let diagram = mermaid(Lang::Id);
/// assert!(diagram.starts_with("stateDiagram-v2\n"));
/// assert!(diagram.contains("    active_termination --> closed : Tutup\n"));
/// ```
#[must_use]
pub fn mermaid(lang: Lang) -> String {
    let mut out = String::from("stateDiagram-v2\n");
    for status in Status::ALL {
        let label = mermaid_text::quoted(&status.label(lang));
        let _ = writeln!(out, "    state {label} as {}", node_id(status));
    }
    let start = node_id(Status::Active(Stage::NeedsAssessment));
    let _ = writeln!(out, "    [*] --> {start}");
    for t in TRANSITIONS {
        let _ = writeln!(
            out,
            "    {} --> {} : {}",
            node_id(t.from),
            node_id(t.to),
            mermaid_text::escape(t.kind.label(lang))
        );
    }
    out
}

/// The stage machine as a Graphviz `digraph`, labelled in `lang`: one node per [`Status`]
/// (on-hold statuses dashed), one edge per row of [`TRANSITIONS`] labelled with its kind.
///
/// ```
/// use pendamping::{Lang, lifecycle::dot};
///
/// let graph = dot(Lang::En);
/// assert!(graph.starts_with("digraph lifecycle {\n"));
/// assert!(graph.contains("    closed -> active_needs_assessment [label=\"Reopen\"];\n"));
/// ```
#[must_use]
pub fn dot(lang: Lang) -> String {
    let mut out = String::from("digraph lifecycle {\n");
    out.push_str("    rankdir=LR;\n");
    out.push_str("    node [shape=box, style=rounded];\n");
    out.push_str("    start [shape=point, label=\"\"];\n");
    for status in Status::ALL {
        let style = match status {
            Status::OnHold(_) => ", style=\"rounded,dashed\"",
            Status::Active(_) | Status::Closed => "",
        };
        let _ = writeln!(
            out,
            "    {} [label={}{style}];",
            node_id(status),
            dot_text::quoted(&status.label(lang))
        );
    }
    let start = node_id(Status::Active(Stage::NeedsAssessment));
    let _ = writeln!(out, "    start -> {start};");
    for t in TRANSITIONS {
        let _ = writeln!(
            out,
            "    {} -> {} [label={}];",
            node_id(t.from),
            node_id(t.to),
            dot_text::quoted(t.kind.label(lang))
        );
    }
    out.push_str("}\n");
    out
}

/// An identifier safe in Mermaid and DOT: `active_planning`, `closed`.
fn node_id(status: Status) -> String {
    match status {
        Status::Active(stage) => format!("active_{}", stage.as_str()),
        Status::OnHold(stage) => format!("on_hold_{}", stage.as_str()),
        Status::Closed => "closed".to_owned(),
    }
}
