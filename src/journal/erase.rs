//! Issue 12: carrying an erasure out on stored lines, and migrating a version 1 journal to
//! version 2.

use super::format_v2::erase_in_line;
use super::reader::Reader;
use super::{Chain, FORMAT_V2, JournalError, JournalOptions, LineErrorKind};
use crate::Engagement;
use std::collections::BTreeMap;
use std::io::BufRead;

/// For each seq, the indexes of its texts the engagement says are erased, with the erasure's
/// seq.
pub(crate) fn erased_slots(engagement: &Engagement) -> BTreeMap<u64, Vec<(u32, u64)>> {
    let mut out: BTreeMap<u64, Vec<(u32, u64)>> = BTreeMap::new();
    for slot in engagement.text_slots() {
        if let Some(erasure) = &slot.erased {
            out.entry(slot.seq)
                .or_default()
                .push((slot.index, erasure.seq));
        }
    }
    out
}

/// One stored line (without its LF) with the texts the engagement erased removed from its text
/// part; `None` when nothing in it changes. The hashed part and the hash stay byte for byte, so
/// the line verifies as before, and so do keyed seals, which cover the hash.
///
/// # Errors
///
/// [`JournalError::Line`] with [`LineErrorKind::ErasureNeedsV2`] when the line has texts to
/// erase but is not a version 2 line.
pub fn erase_line(
    seq: u64,
    bytes: &[u8],
    engagement: &Engagement,
) -> Result<Option<Vec<u8>>, JournalError> {
    let slots = erased_slots(engagement);
    erase_one(seq, bytes, slots.get(&seq).map(Vec::as_slice))
}

fn erase_one(
    seq: u64,
    bytes: &[u8],
    erase: Option<&[(u32, u64)]>,
) -> Result<Option<Vec<u8>>, JournalError> {
    let Some(erase) = erase else {
        return Ok(None);
    };
    let erased = erase_in_line(bytes, erase).ok_or(JournalError::Line {
        line: seq,
        kind: LineErrorKind::ErasureNeedsV2,
    })?;
    Ok((erased != bytes).then_some(erased))
}

/// A journal's bytes with every text its engagement erased removed from the lines' text parts;
/// `None` when nothing changes (the erasures were carried out already).
///
/// # Errors
///
/// As [`erase_line`], for the first line that cannot be erased.
pub fn erase(bytes: &[u8], engagement: &Engagement) -> Result<Option<Vec<u8>>, JournalError> {
    let slots = erased_slots(engagement);
    if slots.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut changed = false;
    let mut seq = 0_u64;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        seq = seq.saturating_add(1);
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        match erase_one(seq, body, slots.get(&seq).map(Vec::as_slice))? {
            Some(erased) => {
                changed = true;
                out.extend_from_slice(&erased);
                if body.len() < line.len() {
                    out.push(b'\n');
                }
            }
            None => out.extend_from_slice(line),
        }
    }
    Ok(changed.then_some(out))
}

/// Migrates a version 1 journal to version 2: verifies every line of `input`, writes each event
/// again as a version 2 line (each personal text committed to, with a fresh salt from the
/// operating system), then verifies the result and checks that it builds the same engagement.
/// Returns the new journal's bytes.
///
/// The new lines have new hashes: keyed seals and heads ([`protect`](crate::protect)) of the
/// old journal do not fit it; seal the new one.
///
/// # Errors
///
/// The first [`JournalError`] of reading the old journal; [`JournalError::Empty`] for an empty
/// one; [`JournalError::MigrateFrom`] when it is not version 1; any error writing or verifying
/// the new one.
pub fn migrate<R: BufRead>(input: R, options: &JournalOptions) -> Result<Vec<u8>, JournalError> {
    let mut reader = Reader::new(input, options);
    let mut chain = Chain::unbound(options.max_line_bytes);
    chain.set_format(FORMAT_V2);
    let mut out = Vec::new();
    // The reader is asked for its format between lines, so it is not borrowed by a `for`.
    while let Some(recorded) = reader.next() {
        let recorded = recorded?;
        let found = Reader::chain(&reader).format();
        if found != super::FORMAT_VERSION {
            return Err(JournalError::MigrateFrom { found });
        }
        let line = chain.encode(&recorded)?;
        out.extend_from_slice(&line.bytes);
        out.push(b'\n');
    }
    let old = reader.into_engagement().ok_or(JournalError::Empty)?;
    let new = super::load(out.as_slice(), options)?;
    if new != old {
        return Err(JournalError::MigrationDiffers);
    }
    Ok(out)
}
