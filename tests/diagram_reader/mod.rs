//! Readers for the DOT and Mermaid the eco-map writes: each accepts only the statement forms
//! the drawings use and fails on anything user text could have smuggled in.
#![allow(dead_code, reason = "each test file uses part of this")]

use std::collections::BTreeMap;

/// A DOT token: a bare word (id or number), a quoted string (unescaped), or punctuation.
#[derive(Debug, PartialEq, Clone)]
pub(crate) enum Token {
    Word(String),
    Quoted(String),
    /// An HTML-like label, `<...>`, kept as written (without the outer brackets).
    Html(String),
    Punct(char),
}

pub(crate) fn dot_tokens(line: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => {}
            '"' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        None => panic!("unterminated string in {line:?}"),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('"') => text.push('"'),
                            Some('\\') => text.push('\\'),
                            Some('n') => text.push('\n'),
                            other => panic!("unexpected escape {other:?} in {line:?}"),
                        },
                        Some(c) => {
                            assert!(!c.is_control(), "raw control character in {line:?}");
                            text.push(c);
                        }
                    }
                }
                tokens.push(Token::Quoted(text));
            }
            '<' => {
                // Balanced angle brackets; the text inside must hold no raw quote or control.
                let mut depth = 1;
                let mut text = String::new();
                while depth > 0 {
                    match chars.next() {
                        None => panic!("unterminated HTML label in {line:?}"),
                        Some('<') => {
                            depth += 1;
                            text.push('<');
                        }
                        Some('>') => {
                            depth -= 1;
                            if depth > 0 {
                                text.push('>');
                            }
                        }
                        Some(c) => {
                            assert!(!c.is_control(), "raw control character in {line:?}");
                            text.push(c);
                        }
                    }
                }
                tokens.push(Token::Html(text));
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                tokens.push(Token::Punct('>'));
            }
            c if c.is_ascii_alphanumeric() || c == '_' || c == '.' => {
                let mut word = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_alphanumeric() || d == '_' || d == '.' {
                        word.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Word(word));
            }
            '[' | ']' | '=' | ',' | ';' | '{' | '}' => tokens.push(Token::Punct(c)),
            other => panic!("unexpected {other:?} outside a string in {line:?}"),
        }
    }
    tokens
}

pub(crate) fn is_id(token: &Token) -> bool {
    matches!(token, Token::Word(w) if w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
}

/// Reads `[a=b, c="d"]` from the start of `tokens`; returns the attributes and the rest.
pub(crate) fn attributes(tokens: &[Token]) -> (BTreeMap<String, Token>, &[Token]) {
    assert_eq!(tokens.first(), Some(&Token::Punct('[')), "{tokens:?}");
    let mut attrs = BTreeMap::new();
    let mut rest = &tokens[1..];
    loop {
        match rest {
            [Token::Word(key), Token::Punct('='), value, more @ ..] => {
                assert!(
                    matches!(value, Token::Word(_) | Token::Quoted(_) | Token::Html(_)),
                    "{value:?}"
                );
                attrs.insert(key.clone(), value.clone());
                rest = match more {
                    [Token::Punct(','), after @ ..] => after,
                    [Token::Punct(']'), after @ ..] => return (attrs, after),
                    _ => panic!("bad attribute list {tokens:?}"),
                };
            }
            _ => panic!("bad attribute list {tokens:?}"),
        }
    }
}

/// What `parse_dot` reads: the graph's attributes, each node's attributes, and the edges.
pub(crate) struct Dot {
    pub(crate) graph: BTreeMap<String, Token>,
    pub(crate) nodes: BTreeMap<String, BTreeMap<String, Token>>,
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) edges: Vec<(String, String, BTreeMap<String, Token>)>,
}

/// Checks every line of a DOT drawing against the few statement forms `to_dot` writes, and
/// returns what it holds.
pub(crate) fn parse_dot(dot: &str) -> Dot {
    let mut lines = dot.lines();
    assert_eq!(lines.next(), Some("digraph ecomap {"));
    assert!(dot.ends_with("}\n"));
    let mut graph = BTreeMap::new();
    let mut nodes = BTreeMap::new();
    let mut labels = BTreeMap::new();
    let mut edges = Vec::new();
    for line in lines {
        if line == "}" {
            continue;
        }
        assert!(line.starts_with("    ") && line.ends_with(';'), "{line:?}");
        let tokens = dot_tokens(line);
        let semis = tokens.iter().filter(|t| **t == Token::Punct(';')).count();
        assert_eq!(semis, 1, "one statement per line: {line:?}");
        match tokens.as_slice() {
            [
                Token::Word(key),
                Token::Punct('='),
                value,
                Token::Punct(';'),
            ] => {
                graph.insert(key.clone(), value.clone());
            }
            [a, Token::Punct('>'), b, rest @ ..] => {
                assert!(is_id(a) && is_id(b), "{line:?}");
                let (attrs, rest) = attributes(rest);
                assert_eq!(rest, [Token::Punct(';')], "{line:?}");
                let (Token::Word(a), Token::Word(b)) = (a, b) else {
                    unreachable!()
                };
                edges.push((a.clone(), b.clone(), attrs));
            }
            [id, rest @ ..] => {
                assert!(is_id(id), "{line:?}");
                let (attrs, rest) = attributes(rest);
                assert_eq!(rest, [Token::Punct(';')], "{line:?}");
                if let (Token::Word(id), Some(Token::Quoted(label))) = (id, attrs.get("label")) {
                    labels.insert(id.clone(), label.clone());
                }
                if let Token::Word(id) = id {
                    nodes.insert(id.clone(), attrs);
                }
            }
            [] => panic!("empty statement"),
        }
    }
    Dot {
        graph,
        nodes,
        labels,
        edges,
    }
}

/// The text of an HTML-like label with its tags removed and its entities read, checking that
/// no user markup is left raw (every `<` starts one of the tags the drawings write).
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').expect("unclosed tag");
            let tag = &rest[1..end];
            let name = tag
                .trim_start_matches('/')
                .split([' ', '/'])
                .next()
                .unwrap();
            assert!(
                ["table", "tr", "td", "b", "font", "br"].contains(&name),
                "unexpected tag <{tag}> in {html:?}"
            );
            if name == "br" || tag == "/tr" {
                out.push('\n');
            } else if tag == "/td" {
                out.push(' ');
            }
            rest = &rest[end + 1..];
        } else if c == '&' {
            let end = rest.find(';').expect("bare &");
            out.push(match &rest[..=end] {
                "&amp;" => '&',
                "&lt;" => '<',
                "&gt;" => '>',
                "&quot;" => '"',
                "&#39;" => '\'',
                other => panic!("unknown entity {other}"),
            });
            rest = &rest[end + 1..];
        } else {
            assert!(c != '>' && c != '"', "raw {c:?} in {html:?}");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Undoes `to_mermaid`'s escaping of one label, checking that nothing unsafe is left raw.
pub(crate) fn mermaid_unescape(label: &str) -> String {
    for bad in [
        '"', ';', '<', '>', '{', '}', '[', ']', '(', ')', '|', '%', '&', '`', '\\', '\n', '\r',
        '\t',
    ] {
        let raw = label.replace("<br/>", "").replace("#quot;", "");
        let raw = strip_entities(&raw);
        assert!(!raw.contains(bad), "raw {bad:?} in {label:?}");
    }
    let mut out = String::new();
    let mut rest = label;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<br/>") {
            out.push('\n');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("#quot;") {
            out.push('"');
            rest = after;
        } else if let Some(after) = rest.strip_prefix('#') {
            let end = after.find(';').expect("entity without ;");
            let code: u32 = after[..end].parse().expect("numeric entity");
            out.push(char::from_u32(code).unwrap());
            rest = &after[end + 1..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

pub(crate) fn strip_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('#') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after
            .find(';')
            .unwrap_or_else(|| panic!("bare # in {text:?}"));
        assert!(after[..end].chars().all(|c| c.is_ascii_digit()), "{text:?}");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Splits at spaces that are not inside a `"..."` string.
pub(crate) fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    assert!(!quoted, "unbalanced quotes in {text:?}");
    parts.push(&text[start..]);
    parts
}

/// Splits `id("label")`, `id(("label"))` or `id["label"]` into the id and the raw label.
pub(crate) fn mermaid_node(text: &str) -> (&str, Option<&str>) {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let (id, rest) = text.split_at(end);
    assert!(
        id.starts_with('n') || id == "legend" || id == "map",
        "generated id: {text:?}"
    );
    if rest.is_empty() {
        return (id, None);
    }
    let inner = ["((\"", "(\"", "[\""]
        .iter()
        .zip(["\"))", "\")", "\"]"])
        .find_map(|(open, close)| rest.strip_prefix(open)?.strip_suffix(close))
        .unwrap_or_else(|| panic!("bad node {text:?}"));
    assert!(!inner.contains('"'), "{text:?}");
    (id, Some(inner))
}

/// What `parse_mermaid` reads: node labels (unescaped), the links in order, the indices of the
/// red links, and whether the legend is a node placed under the map.
pub(crate) struct Mermaid {
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) links: Vec<(String, String, String, Option<String>)>,
    pub(crate) red: Vec<usize>,
    pub(crate) legend_below: bool,
}

/// Checks every line of a Mermaid eco-map against the statement forms `to_mermaid` writes, and
/// returns what it holds.
pub(crate) fn parse_mermaid(mermaid: &str) -> Mermaid {
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
    Mermaid {
        labels,
        links,
        red,
        legend_below,
    }
}
