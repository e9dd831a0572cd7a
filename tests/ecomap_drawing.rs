//! The eco-map's drawings: well-formed DOT and Mermaid whatever names people type, drawn the way
//! Hartman drew them (a centre of fixed size, the client's own strengths beside it, a compact
//! legend below the map), and accepted by Graphviz when it is installed.

mod builder;
mod diagram_reader;
mod ecomap_case;

use diagram_reader::{
    Dot, Token, html_text, mermaid_node, mermaid_unescape, parse_dot, split_outside_quotes,
};
use ecomap_case::family;
use pendamping::ClientSystemLevel;
use pendamping::Lang;
use pendamping::ecomap::{EcoMap, Flow, SystemKind, Tie, TieStrength};
use std::collections::BTreeMap;

/// Whitespace runs as single spaces: the drawings break long names into lines.
fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const HOSTILE: &[&str] = &[
    r#""]; evil [label="x"#,
    "a\nb",
    "<b>bold</b>",
    "{x}",
    "A|B",
    "%% comment",
    "back\\slash \\N \\n",
    "semi; colon # hash & amp `tick` (paren) [bracket]",
    "n0 -> n1",
    "end",
    "subgraph x",
    "tab\there\r\n",
];

fn hostile_map() -> EcoMap {
    let mut map = EcoMap::new(r#"Keluarga "Sari" {1}"#, ClientSystemLevel::Family).unwrap();
    map.centre_mut().strengths.push("<script>;".into());
    for (i, name) in HOSTILE.iter().enumerate() {
        let strength = TieStrength::ALL[i % 4];
        let flow = Flow::ALL[i % 3];
        let id = map
            .add_system(SystemKind::Other, *name, Tie::new(strength, flow))
            .unwrap();
        map.set_note(id, Some(format!("note {name}"))).unwrap();
    }
    map
}

#[test]
fn dot_is_well_formed_whatever_the_names() {
    let map = hostile_map();
    for lang in [Lang::En, Lang::Id] {
        let dot = map.to_dot(lang);
        let Dot {
            graph,
            nodes,
            labels,
            edges,
        } = parse_dot(&dot);
        // Every name comes back intact from its label (tabs become spaces, \r is dropped, long
        // names are broken into lines).
        let level = ClientSystemLevel::Family.label(lang);
        assert_eq!(
            normalised(&labels["n0"]),
            normalised(&format!("Keluarga \"Sari\" {{1}}\n{level}"))
        );
        assert!(labels["n0"].ends_with(&format!("\n{level}")));
        for (n, name) in (1..).zip(HOSTILE) {
            let label = &labels[&format!("n{n}")];
            let want = format!("{}\n{}", name.trim(), SystemKind::Other.label(lang));
            assert_eq!(normalised(label), normalised(&want.replace('\r', "")));
            assert!(label.ends_with(&format!("\n{}", SystemKind::Other.label(lang))));
        }
        // The centre has a fixed size; the strengths are listed beside it, not inside.
        let centre = &nodes["n0"];
        assert_eq!(centre.get("fixedsize"), Some(&Token::Word("true".into())));
        let Some(Token::Html(strengths)) = centre.get("xlabel") else {
            panic!("no strengths beside the centre: {centre:?}")
        };
        let strengths = html_text(strengths);
        assert!(strengths.contains("+ <script>;"), "{strengths:?}");
        assert!(!labels["n0"].contains("script"));
        // One edge per system, from the centre, styled by strength, arrowed by flow.
        let ties: Vec<_> = edges.iter().filter(|(a, _, _)| a == "n0").collect();
        assert_eq!(ties.len(), HOSTILE.len());
        assert_eq!(edges.len(), HOSTILE.len(), "the legend draws no edges");
        for (i, (_, b, attrs)) in ties.iter().enumerate() {
            assert_eq!(b, &format!("n{}", i + 1));
            let word = |k: &str| match attrs.get(k) {
                Some(Token::Word(w) | Token::Quoted(w)) => Some(w.as_str()),
                _ => None,
            };
            let dir = ["back", "forward", "both"][i % 3];
            assert_eq!(word("dir"), Some(dir));
            match TieStrength::ALL[i % 4] {
                TieStrength::Strong => assert_eq!(word("penwidth"), Some("3")),
                TieStrength::Moderate => assert_eq!(word("penwidth"), Some("1")),
                TieStrength::Tenuous => assert_eq!(word("style"), Some("dashed")),
                TieStrength::Stressful => {
                    assert_eq!(word("color"), Some("red:invis:red"));
                    assert!(
                        word("label")
                            .unwrap()
                            .starts_with(&format!("{}\nnote", TieStrength::Stressful.label(lang)))
                    );
                }
            }
            let note = format!("note {}", HOSTILE[i].trim().replace('\r', ""));
            assert!(normalised(word("label").unwrap()).contains(&normalised(&note)));
        }
        // The legend is the graph's own label, under the map: every strength (the stressful
        // one saying it is red) and every flow, in the language.
        assert_eq!(
            graph.get("labelloc"),
            None,
            "the root graph's label sits at the bottom"
        );
        let Some(Token::Html(legend)) = graph.get("label") else {
            panic!("no legend: {graph:?}")
        };
        let legend = html_text(legend);
        let (title, red) = match lang {
            Lang::Id => ("Keterangan", "Penuh tekanan (garis merah)"),
            _ => ("Legend", "Stressful (red line)"),
        };
        assert!(legend.starts_with(title), "{legend:?}");
        assert!(legend.contains(red), "{legend:?}");
        for s in TieStrength::ALL {
            assert!(legend.contains(s.label(lang)), "{s:?} in {legend:?}");
        }
        for f in Flow::ALL {
            assert!(legend.contains(f.label(lang)), "{f:?} in {legend:?}");
        }
    }
}

#[test]
fn mermaid_is_well_formed_whatever_the_names() {
    let map = hostile_map();
    for lang in [Lang::En, Lang::Id] {
        let mermaid = map.to_mermaid(lang);
        let mut lines = mermaid.lines();
        assert_eq!(lines.next(), Some("flowchart TB"));
        assert_eq!(lines.next(), Some("    subgraph map [\" \"]"));
        assert_eq!(lines.next(), Some("        direction LR"));
        let mut labels = BTreeMap::new();
        let mut links: Vec<(String, String, String, Option<String>)> = Vec::new();
        let mut red: Vec<usize> = Vec::new();
        let mut in_map = true;
        let mut legend_below = false;
        for line in lines {
            let text = line.trim_start();
            let indent = if in_map && text != "end" {
                "        "
            } else {
                "    "
            };
            assert!(line.starts_with(indent), "{line:?}");
            match text {
                "end" => {
                    in_map = false;
                    continue;
                }
                "n0 ~~~ n0_strengths" => continue,
                "map ~~~ legend" => {
                    legend_below = !in_map && labels.contains_key("legend");
                    continue;
                }
                "style map fill:none,stroke:none"
                | "style n0 stroke-width:4px"
                | "style legend fill:#fafafa,stroke:#bbb,text-align:left" => continue,
                _ => {}
            }
            if let Some(list) = text.strip_prefix("linkStyle ") {
                let (indices, style) = list.split_once(' ').unwrap();
                assert_eq!(style, "stroke:#d32f2f,stroke-width:3px,color:#d32f2f");
                red = indices.split(',').map(|i| i.parse().unwrap()).collect();
                continue;
            }
            let parts = split_outside_quotes(text);
            match parts.as_slice() {
                [node] => {
                    let (id, label) = mermaid_node(node);
                    assert_eq!(id == "legend", !in_map, "{line:?}");
                    labels.insert(id.to_owned(), mermaid_unescape(label.unwrap()));
                }
                [from, link, to] => {
                    assert!(in_map, "{line:?}");
                    let (link, label) = match link.split_once('|') {
                        Some((link, label)) => {
                            let label = label
                                .strip_prefix('"')
                                .and_then(|l| l.strip_suffix("\"|"))
                                .unwrap();
                            (link, Some(mermaid_unescape(label)))
                        }
                        None => (*link, None),
                    };
                    assert!(
                        ["==>", "<==>", "-->", "<-->", "-.->", "<-.->"].contains(&link),
                        "{line:?}"
                    );
                    let (from, from_label) = mermaid_node(from);
                    let (to, to_label) = mermaid_node(to);
                    assert!(from_label.is_none() && to_label.is_none(), "{line:?}");
                    links.push((from.to_owned(), link.to_owned(), to.to_owned(), label));
                }
                _ => panic!("unexpected line {line:?}"),
            }
        }
        assert!(legend_below, "the legend is one node under the map");
        for (n, name) in (1..).zip(HOSTILE) {
            let label = &labels[&format!("n{n}")];
            let want = format!("{}\n{}", name.trim(), SystemKind::Other.label(lang));
            assert_eq!(normalised(label), normalised(&want));
        }
        let level = ClientSystemLevel::Family.label(lang);
        assert_eq!(
            normalised(&labels["n0"]),
            normalised(&format!("Keluarga \"Sari\" {{1}} {level}"))
        );
        // The strengths sit in their own node beside the centre.
        assert!(labels["n0_strengths"].ends_with("\n+ <script>;"));
        // Ties: arrows follow the flow; the red links are exactly the stressful ones.
        assert_eq!(links.len(), HOSTILE.len(), "the legend draws no links");
        for (i, (from, link, to, label)) in links.iter().enumerate() {
            let system = format!("n{}", i + 1);
            let flow = Flow::ALL[i % 3];
            match flow {
                Flow::ToClient => assert_eq!((from, to), (&system, &"n0".to_owned())),
                _ => assert_eq!((from, to), (&"n0".to_owned(), &system)),
            }
            assert_eq!(link.starts_with('<'), flow == Flow::Both, "{link}");
            let stressful = TieStrength::ALL[i % 4] == TieStrength::Stressful;
            assert_eq!(red.contains(&i), stressful, "link {i}");
            let label = label.as_deref().unwrap();
            assert_eq!(
                label.starts_with(TieStrength::Stressful.label(lang)),
                stressful
            );
        }
        // The legend names every strength (the stressful one saying it is red) and flow.
        let legend = &labels["legend"];
        let (title, stressful) = match lang {
            Lang::Id => ("Keterangan:", "Penuh tekanan (garis merah)"),
            _ => ("Legend:", "Stressful (red line)"),
        };
        assert!(legend.starts_with(title), "{legend:?}");
        assert!(legend.contains(stressful), "{legend:?}");
        for s in TieStrength::ALL {
            assert!(legend.contains(s.label(lang)), "{s:?}");
        }
        for f in Flow::ALL {
            assert!(legend.contains(f.label(lang)), "{f:?}");
        }
    }
}

#[test]
fn drawings_of_the_family_follow_hartman() {
    let map = EcoMap::from_engagement(&family().e);
    let dot = map.to_dot(Lang::Id);
    let Dot { nodes, .. } = parse_dot(&dot);
    assert!(dot.contains("    layout=twopi;\n    root=n0;\n"));
    assert!(dot.contains(
        "    n0 [label=\"Keluarga Sari\\nKeluarga\", shape=doublecircle, fixedsize=true"
    ));
    let Some(Token::Html(strengths)) = nodes["n0"].get("xlabel") else {
        panic!("no strengths beside the centre")
    };
    assert_eq!(
        html_text(strengths),
        "Kekuatan sendiri \n+ Careful budgeting \n"
    );
    // Dinas Sosial (n5): completed referral, strong, towards the client.
    assert!(
        dot.contains("    n0 -> n5 [dir=back, penwidth=3];\n"),
        "{dot}"
    );
    // School (n9): rejected referral, stressful, away from the client.
    assert!(dot.contains("    n0 -> n9 [dir=forward, color=\"red:invis:red\", penwidth=1.5, fontcolor=red, label=\"Penuh tekanan\"];\n"), "{dot}");
    let mermaid = map.to_mermaid(Lang::En);
    assert!(mermaid.contains("        n5 ==> n0\n"), "{mermaid}");
    assert!(
        mermaid.contains("        n0 -->|\"Stressful\"| n9\n"),
        "{mermaid}"
    );
    assert!(mermaid.contains("        n7 -.-> n0\n"), "{mermaid}");
}

/// When Graphviz is installed, it must accept the drawings (skipped quietly otherwise: the
/// tests must not need it).
#[test]
fn graphviz_renders_the_drawings_when_installed() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    if Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        return;
    }
    for (map, lang) in [
        (hostile_map(), Lang::En),
        (hostile_map(), Lang::Id),
        (EcoMap::from_engagement(&family().e), Lang::Id),
    ] {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(map.to_dot(lang).as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8(out.stdout).unwrap();
        assert!(svg.contains("<svg"));
        assert!(
            !svg.contains("<b>bold"),
            "user markup must be escaped in the SVG"
        );
    }
}
