//! The committed JSON Schemas under `schema/` are the ones the crate generates: regenerated
//! and compared, so they cannot go stale. `PENDAMPING_BLESS=1 cargo test --all-features --test
//! schema` rewrites them after a deliberate change of a wire form.
#![cfg(feature = "schema")]

use std::path::Path;

#[test]
fn committed_schemas_match_the_generated_ones() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let bless = std::env::var_os("PENDAMPING_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, schema) in pendamping::wire::schemas() {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = dir.join(name);
        if bless {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: rerun with PENDAMPING_BLESS=1 and review the diff"
    );
    // No file under schema/ that the crate does not generate.
    let generated: Vec<&str> = pendamping::wire::schemas()
        .iter()
        .map(|(n, _)| *n)
        .collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            generated.contains(&name.as_str()),
            "schema/{name} is not generated"
        );
    }
}
