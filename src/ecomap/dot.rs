//! The eco-map as Graphviz DOT.

use std::fmt::Write as _;

use super::words::{centre_text, edge_text, legend, strength_lines, system_text, words};
use super::{EcoMap, Flow, SystemKind, TieStrength};
use crate::Lang;
use crate::render::dot::{list, quoted};

impl EcoMap {
    /// The map as a Graphviz `digraph`, labelled in `lang`, with a legend below it.
    ///
    /// The client system is `n0`, a double circle of fixed size holding its name and level;
    /// its own strengths are the borderless node `n0_strengths` (absent when there are none),
    /// tied to the centre by an invisible edge so it sits on the first ring beside it: the
    /// circle does not grow with them and no tie is drawn across them. The systems are `n1`, `n2`, ... in the map's order (never their names). The
    /// graph asks for the radial `twopi` layout with `n0` at its root, so the picture has
    /// Hartman's shape; every edge is written from `n0`, and `dir` places the arrowheads. The
    /// legend is the graph's own label, a small table under the map. User text is written as
    /// quoted strings or HTML-like text escaped by the crate's one renderer, so a name cannot
    /// end its string, open a tag or start a statement.
    ///
    /// ```text
    /// dot -Tpng ecomap.dot -o ecomap.png
    /// ```
    #[must_use]
    pub fn to_dot(&self, lang: Lang) -> String {
        let mut out = String::from("digraph ecomap {\n");
        out.push_str("    layout=twopi;\n    root=n0;\n    overlap=false;\n    ranksep=2.2;\n");
        out.push_str(
            "    outputorder=edgesfirst;\n    fontname=\"Helvetica\";\n    fontsize=10;\n",
        );
        let _ = writeln!(out, "    label={};", legend(lang).to_dot());
        out.push_str("    node [shape=ellipse, fontname=\"Helvetica\", fontsize=11];\n");
        out.push_str("    edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.8];\n");
        let _ = writeln!(
            out,
            "    n0 [label={}, shape=doublecircle, fixedsize=true, width=1.7, style=\"bold,filled\", fillcolor=\"#fff8e1\"];",
            quoted(&centre_text(self, lang))
        );
        // The strengths are a node of their own, written before the systems so twopi gives
        // it the first place on the ring (right of the centre) and every edge its own angle:
        // no tie crosses the list, whatever its length.
        if let Some(table) = list(words(lang).strengths, "+ ", &strength_lines(self)) {
            let _ = writeln!(
                out,
                "    n0_strengths [shape=plaintext, margin=0, label={table}];"
            );
            out.push_str("    n0 -> n0_strengths [style=invis, dir=none];\n");
        }
        for (n, system) in (1_usize..).zip(self.systems()) {
            let fill = match system.kind {
                SystemKind::Member => ", style=filled, fillcolor=\"#fff8e1\"",
                SystemKind::Strength => ", style=filled, fillcolor=\"#e8f5e9\"",
                _ => "",
            };
            let _ = writeln!(
                out,
                "    n{n} [label={}{fill}];",
                quoted(&system_text(system, lang))
            );
        }
        for (n, system) in (1_usize..).zip(self.systems()) {
            let tie = &system.tie;
            let label = edge_text(tie, lang);
            let label = if label.is_empty() {
                String::new()
            } else {
                format!(", label={}", quoted(&label))
            };
            let _ = writeln!(
                out,
                "    n0 -> n{n} [{}, {}{label}];",
                dir(tie.flow),
                style(tie.strength)
            );
        }
        out.push_str("}\n");
        out
    }
}

const fn dir(flow: Flow) -> &'static str {
    match flow {
        // Edges are written from the centre, so the head is at the system.
        Flow::ToClient => "dir=back",
        Flow::FromClient => "dir=forward",
        Flow::Both => "dir=both",
    }
}

const fn style(strength: TieStrength) -> &'static str {
    match strength {
        TieStrength::Strong => "penwidth=3",
        TieStrength::Moderate => "penwidth=1",
        TieStrength::Tenuous => "style=dashed",
        TieStrength::Stressful => "color=\"red:invis:red\", penwidth=1.5, fontcolor=red",
    }
}
