//! Any bytes as a journal: verifying, recovering and loading must return, never panic, and
//! agree with one another.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pendamping::journal::{self, JournalOptions};

fuzz_target!(|data: &[u8]| {
    // A small line limit keeps each run fast and reaches the over-long path.
    let options = JournalOptions::default().with_max_line_bytes(64 * 1024);
    let verified = journal::verify(data, &options);
    let recovery = journal::recover(data, &options).expect("reading a slice cannot fail");
    assert_eq!(verified.is_ok(), recovery.is_clean());
    assert!(recovery.valid_len <= data.len() as u64);
    if let Ok(verified) = verified {
        assert_eq!(verified.engagement, recovery.engagement);
        let loaded = journal::load(data, &options);
        assert_eq!(loaded.ok(), verified.engagement);
    }
});
