//! The eco-map's drawings: well-formed DOT and Mermaid whatever names people type, drawn the way
//! Hartman drew them (a centre of fixed size, the client's own strengths beside it, a compact
//! legend below the map), and accepted by Graphviz when it is installed.

mod builder;
mod diagram_reader;
mod ecomap_case;

use diagram_reader::{Dot, Mermaid, Token, html_text, parse_dot, parse_mermaid};
use ecomap_case::family;
use pendamping::ClientSystemLevel;
use pendamping::Lang;
use pendamping::ecomap::{EcoMap, Flow, SystemKind, Tie, TieStrength};
use proptest::collection::vec;
use proptest::prelude::*;

/// Whitespace runs as single spaces: the drawings break long names into lines.
fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a drawing shows for `text`: tabs as spaces, other control characters dropped.
fn shown(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
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
        // The centre has a fixed size; the strengths are a borderless node of their own,
        // tied to the centre by the one invisible edge, so no tie is drawn across them.
        let centre = &nodes["n0"];
        assert_eq!(centre.get("fixedsize"), Some(&Token::Word("true".into())));
        assert_eq!(centre.get("xlabel"), None);
        let listed = &nodes["n0_strengths"];
        assert_eq!(listed.get("shape"), Some(&Token::Word("plaintext".into())));
        let Some(Token::Html(strengths)) = listed.get("label") else {
            panic!("no strengths beside the centre: {listed:?}")
        };
        let strengths = html_text(strengths);
        assert!(strengths.contains("+ <script>;"), "{strengths:?}");
        assert!(!labels["n0"].contains("script"));
        // The invisible tie to the strengths comes first, before every system.
        let (_, first, invisible) = &edges[0];
        assert_eq!(first, "n0_strengths");
        assert_eq!(invisible.get("style"), Some(&Token::Word("invis".into())));
        // One edge per system, from the centre, styled by strength, arrowed by flow.
        let ties: Vec<_> = edges[1..].iter().filter(|(a, _, _)| a == "n0").collect();
        assert_eq!(ties.len(), HOSTILE.len());
        assert_eq!(edges.len(), HOSTILE.len() + 1, "the legend draws no edges");
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
        let Mermaid {
            labels,
            links,
            red,
            legend_below,
        } = parse_mermaid(&mermaid);
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
    let Some(Token::Html(strengths)) = nodes["n0_strengths"].get("label") else {
        panic!("no strengths beside the centre")
    };
    assert_eq!(
        html_text(strengths),
        "Kekuatan sendiri \n+ Careful budgeting \n"
    );
    // Written before the systems, so twopi puts the list first on the ring, beside the centre.
    assert!(dot.contains("];\n    n0 -> n0_strengths [style=invis, dir=none];\n    n1 ["));
    // The legend draws each flow between a small circle (the client) and a box (the system).
    for sample in ["○ ◀── □", "○ ──▶ □", "○ ◀─▶ □"] {
        assert!(
            dot.contains(&format!("<td align=\"right\">{sample}</td>")),
            "{sample}"
        );
        assert!(mermaid_legend(&map).contains(sample), "{sample}");
    }
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

/// The Mermaid legend node's line.
fn mermaid_legend(map: &EcoMap) -> String {
    let mermaid = map.to_mermaid(Lang::Id);
    let line = mermaid.lines().find(|l| l.starts_with("    legend["));
    line.unwrap_or_default().to_owned()
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

/// Names that lean on both formats' syntax, mixed with anything at all; never blank.
fn any_name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_owned()),
        Just("\\N".to_owned()),
        Just("<br/>".to_owned()),
        Just("</td></tr></table>>".to_owned()),
        Just("&amp;".to_owned()),
        Just("#quot;".to_owned()),
        Just("\"]; n9 [label=x".to_owned()),
        Just("\nend\nsubgraph x".to_owned()),
        Just("|x| -->".to_owned()),
        Just("%%{init}%%".to_owned()),
        Just("\r\t\u{0}\u{85}".to_owned()),
        "[A-Za-z ]{1,12}",
        any::<String>(),
    ];
    vec(piece, 1..6)
        .prop_map(|pieces| pieces.concat())
        .prop_filter("names are not blank", |name| !name.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever people type, both drawings parse as the statements the map writes and every
    /// name, strength and note comes back from its own label.
    #[test]
    fn no_name_breaks_out_of_its_label(
        centre in any_name(),
        strengths in vec(any_name(), 0..3),
        systems in vec((any_name(), 0..4_usize, 0..3_usize, proptest::option::of(any_name())), 0..5),
    ) {
        let mut map = EcoMap::new(centre.clone(), ClientSystemLevel::Group).unwrap();
        map.centre_mut().strengths.clone_from(&strengths);
        for (name, strength, flow, note) in &systems {
            let tie = Tie::new(TieStrength::ALL[*strength], Flow::ALL[*flow]);
            let id = map.add_system(SystemKind::Other, name.clone(), tie).unwrap();
            map.set_note(id, note.clone()).unwrap();
        }
        for lang in [Lang::En, Lang::Id] {
            let level = ClientSystemLevel::Group.label(lang);
            let kind = SystemKind::Other.label(lang);
            let dot = parse_dot(&map.to_dot(lang));
            let mermaid = parse_mermaid(&map.to_mermaid(lang));
            prop_assert!(mermaid.legend_below);
            let want = normalised(&shown(&format!("{}\n{level}", centre.trim())));
            prop_assert_eq!(normalised(&dot.labels["n0"]), want.clone());
            prop_assert_eq!(normalised(&mermaid.labels["n0"]), want);
            for (n, (name, _, _, note)) in (1..).zip(&systems) {
                let want = normalised(&shown(&format!("{}\n{kind}", name.trim())));
                prop_assert_eq!(normalised(&dot.labels[&format!("n{n}")]), want.clone());
                prop_assert_eq!(normalised(&mermaid.labels[&format!("n{n}")]), want);
                if let Some(note) = note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                    let want = normalised(&shown(note));
                    // The strengths' invisible edge, when drawn, comes before the ties.
                    let first_tie = usize::from(!strengths.is_empty());
                    let (_, _, attrs) = &dot.edges[first_tie + n - 1];
                    let Some(Token::Quoted(label)) = attrs.get("label") else {
                        panic!("no label on tie {n}")
                    };
                    prop_assert!(normalised(label).ends_with(&want));
                    let label = mermaid.links[n - 1].3.as_deref().unwrap_or_default();
                    prop_assert!(normalised(label).ends_with(&want));
                }
            }
            prop_assert_eq!(dot.nodes["n0"].get("xlabel"), None);
            let listed = dot.nodes.get("n0_strengths").and_then(|n| n.get("label")).map(|t| match t {
                Token::Html(html) => normalised(&html_text(html)),
                other => panic!("strengths as {other:?}"),
            });
            prop_assert_eq!(listed.is_some(), !strengths.is_empty());
            for strength in &strengths {
                let want = normalised(&shown(&format!("+ {strength}")));
                prop_assert!(listed.as_deref().unwrap_or_default().contains(&want));
                prop_assert!(normalised(&mermaid.labels["n0_strengths"]).contains(&want));
            }
        }
    }
}
