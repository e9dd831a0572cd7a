//! The eco-map as a Mermaid flowchart.

use std::fmt::Write as _;

use super::words::{centre_text, edge_text, legend, strength_lines, system_text, words};
use super::{EcoMap, Flow, TieStrength};
use crate::Lang;
use crate::render::mermaid::quoted;

impl EcoMap {
    /// The map as a Mermaid `flowchart`, labelled in `lang`, with a legend below it.
    ///
    /// The map is a borderless subgraph `map` laid out left to right, and the legend one node
    /// under it (`map ~~~ legend`: an invisible link, so the legend is placed below without a
    /// line). Node names are generated as in [`to_dot`](Self::to_dot); the client's own
    /// strengths are the node `n0_strengths` beside the centre, so the centre stays small.
    /// Arrows point the way the resources flow, so a tie towards the client is written from
    /// the system to `n0`. Every label is a `"..."` string in which the characters Mermaid
    /// reads as syntax (`"`, `#`, `;`, `<`, `>`, `{`, `}`, `[`, `]`, `(`, `)`, `|`, `%`, `&`,
    /// `` ` ``, `\`) are written as `#code;` entities and line breaks as `<br/>`.
    #[must_use]
    pub fn to_mermaid(&self, lang: Lang) -> String {
        let mut out = String::from("flowchart TB\n");
        out.push_str("    subgraph map [\" \"]\n        direction LR\n");
        let _ = writeln!(out, "        n0(({}))", quoted(&centre_text(self, lang)));
        let strengths = strength_lines(self);
        if !strengths.is_empty() {
            let mut text = format!("{}:", words(lang).strengths);
            for strength in &strengths {
                text.push_str("\n+ ");
                text.push_str(strength);
            }
            let _ = writeln!(out, "        n0_strengths[{}]", quoted(&text));
        }
        for (n, system) in (1_usize..).zip(self.systems()) {
            let _ = writeln!(out, "        n{n}({})", quoted(&system_text(system, lang)));
        }
        // Mermaid styles links by their position among all links drawn: the ties come first,
        // so tie i is link i.
        let mut red_links = Vec::new();
        for (n, system) in (1_usize..).zip(self.systems()) {
            let tie = &system.tie;
            let (from, to) = match tie.flow {
                Flow::ToClient => (format!("n{n}"), "n0".to_owned()),
                Flow::FromClient | Flow::Both => ("n0".to_owned(), format!("n{n}")),
            };
            let label = edge_text(tie, lang);
            let label = if label.is_empty() {
                String::new()
            } else {
                format!("|{}|", quoted(&label))
            };
            let _ = writeln!(
                out,
                "        {from} {}{label} {to}",
                link(tie.strength, tie.flow)
            );
            if tie.strength == TieStrength::Stressful {
                red_links.push((n - 1).to_string());
            }
        }
        if !strengths.is_empty() {
            out.push_str("        n0 ~~~ n0_strengths\n");
        }
        out.push_str("    end\n");
        let _ = writeln!(out, "    legend[{}]", legend(lang).to_mermaid());
        out.push_str("    map ~~~ legend\n");
        if !red_links.is_empty() {
            let _ = writeln!(
                out,
                "    linkStyle {} stroke:#d32f2f,stroke-width:3px,color:#d32f2f",
                red_links.join(",")
            );
        }
        out.push_str("    style map fill:none,stroke:none\n");
        out.push_str("    style n0 stroke-width:4px\n");
        out.push_str("    style legend fill:#fafafa,stroke:#bbb,text-align:left\n");
        out
    }
}

/// The Mermaid link for a tie: its line by strength, its arrowheads by flow.
const fn link(strength: TieStrength, flow: Flow) -> &'static str {
    let both = matches!(flow, Flow::Both);
    match strength {
        TieStrength::Strong if both => "<==>",
        TieStrength::Strong => "==>",
        TieStrength::Tenuous if both => "<-.->",
        TieStrength::Tenuous => "-.->",
        TieStrength::Moderate | TieStrength::Stressful if both => "<-->",
        TieStrength::Moderate | TieStrength::Stressful => "-->",
    }
}
