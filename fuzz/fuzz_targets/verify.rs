//! Any bytes as a journal: verifying, recovering, loading and checking row by row must return,
//! never panic, and agree with one another; a proposed repair never cuts a line that verifies.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pendamping::journal::{self, Chain, JournalOptions, Repair};

fuzz_target!(|data: &[u8]| {
    // A small line limit keeps each run fast and reaches the over-long path (run with a
    // -max_len above it).
    let options = JournalOptions::default().with_max_line_bytes(64 * 1024);
    let verified = journal::verify(data, &options);
    let recovery = journal::recover(data, &options).expect("reading a slice cannot fail");
    assert_eq!(verified.is_ok(), recovery.is_clean());
    assert!(recovery.valid_len <= data.len() as u64);
    if let Ok(verified) = &verified {
        assert_eq!(verified.engagement, recovery.engagement);
        let loaded = journal::load(data, &options);
        assert_eq!(loaded.ok(), verified.engagement);
    }

    // The verified lines check one by one against a chain resumed at genesis.
    if let Some(first) = recovery.events.first()
        && let pendamping::Event::Opened { id, .. } = &first.event
    {
        let mut chain = Chain::new(id.clone()).with_options(&options);
        let valid = data.get(..recovery.valid_len as usize).unwrap_or_default();
        for (row, event) in valid.split(|&b| b == b'\n').zip(&recovery.events) {
            assert_eq!(&chain.verify(row).expect("a verified line verifies"), event);
        }
        assert_eq!(chain.hash(), recovery.last_hash);
    }

    // A repair keeps every verified line, and what it leaves verifies.
    match recovery.repair() {
        Some(Repair::AddLineEnd { len }) => {
            assert!(len > recovery.valid_len);
            let mut mended = data.get(..len as usize).expect("within the data").to_vec();
            mended.push(b'\n');
            let after = journal::verify(mended.as_slice(), &options).expect("mended verifies");
            assert_eq!(after.lines, recovery.events.len() as u64 + 1);
        }
        Some(Repair::CutTornTail { len }) => {
            assert_eq!(len, recovery.valid_len);
            let cut = data.get(..len as usize).expect("within the data");
            assert!(journal::verify(cut, &options).is_ok());
        }
        Some(_) | None => {}
    }
});
