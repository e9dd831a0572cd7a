//! A legend: a title and a few rows of samples, each a short run of line glyphs and its words.
//!
//! Both formats draw it as one compact block (an HTML-like table under a Graphviz drawing, one
//! node under a Mermaid one) rather than as a second diagram of sample lines beside the first.

use std::fmt::Write as _;

use super::{dot, mermaid};

/// One sample of a legend: what it looks like and what it means.
pub(crate) struct LegendEntry {
    /// Line glyphs standing for the drawing's line (`━━━`, `╌╌╌`).
    pub(crate) sample: &'static str,
    /// A colour for the sample in DOT (the drawing's colour for that line), if any.
    pub(crate) colour: Option<&'static str>,
    /// The words.
    pub(crate) text: String,
}

/// A legend: its title, then rows of entries.
pub(crate) struct Legend {
    /// The title (`Legend`, `Keterangan`).
    pub(crate) title: String,
    /// The rows, each a few entries side by side.
    pub(crate) rows: Vec<Vec<LegendEntry>>,
}

impl Legend {
    /// The legend as a DOT HTML-like label, `<...>` included: a borderless table, the title
    /// on top, then per row each sample followed by its words.
    pub(crate) fn to_dot(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0).max(1) * 2;
        let mut out = String::from(
            "<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\">",
        );
        let _ = write!(
            out,
            "<tr><td colspan=\"{columns}\" align=\"left\"><b>{}</b></td></tr>",
            dot::html(&self.title)
        );
        for row in &self.rows {
            out.push_str("<tr>");
            for entry in row {
                let sample = dot::html(entry.sample);
                match entry.colour {
                    Some(colour) => {
                        let _ = write!(
                            out,
                            "<td align=\"right\"><font color=\"{}\">{sample}</font></td>",
                            dot::html(colour)
                        );
                    }
                    None => {
                        let _ = write!(out, "<td align=\"right\">{sample}</td>");
                    }
                }
                let _ = write!(out, "<td align=\"left\">{}</td>", dot::html(&entry.text));
            }
            for _ in row.len() * 2..columns {
                out.push_str("<td></td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>>");
        out
    }

    /// The legend as the text of one Mermaid node, quotes included: the title, then one line
    /// per row with its entries separated by ` · `.
    pub(crate) fn to_mermaid(&self) -> String {
        let mut text = format!("{}:", self.title);
        for row in &self.rows {
            text.push('\n');
            let entries: Vec<String> = row
                .iter()
                .map(|e| format!("{} {}", e.sample, e.text))
                .collect();
            text.push_str(&entries.join(" · "));
        }
        mermaid::quoted(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend() -> Legend {
        Legend {
            title: "Keterangan".into(),
            rows: vec![
                vec![
                    LegendEntry {
                        sample: "━━",
                        colour: None,
                        text: "Kuat".into(),
                    },
                    LegendEntry {
                        sample: "══",
                        colour: Some("#d32f2f"),
                        text: "Penuh <tekanan>".into(),
                    },
                ],
                vec![LegendEntry {
                    sample: "─▶",
                    colour: None,
                    text: "Arah".into(),
                }],
            ],
        }
    }

    #[test]
    fn dot_is_one_table_with_padded_rows() {
        assert_eq!(
            legend().to_dot(),
            "<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\">\
             <tr><td colspan=\"4\" align=\"left\"><b>Keterangan</b></td></tr>\
             <tr><td align=\"right\">━━</td><td align=\"left\">Kuat</td>\
             <td align=\"right\"><font color=\"#d32f2f\">══</font></td>\
             <td align=\"left\">Penuh &lt;tekanan&gt;</td></tr>\
             <tr><td align=\"right\">─▶</td><td align=\"left\">Arah</td><td></td><td></td></tr>\
             </table>>"
        );
    }

    #[test]
    fn mermaid_is_one_escaped_string() {
        assert_eq!(
            legend().to_mermaid(),
            "\"Keterangan:<br/>━━ Kuat · ══ Penuh #60;tekanan#62;<br/>─▶ Arah\""
        );
    }
}
