//! The bytes of one line, version 1: the members in their order, the hash suffix, and the
//! SHA-256 in lowercase hex. Nothing here keeps state; [`Chain`](super::Chain) does.

use crate::{Actor, Event};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;

/// The bytes every line ends with, around its hash digits.
pub(super) const HASH_OPEN: &[u8] = b",\"hash\":\"";
pub(super) const HASH_CLOSE: &[u8] = b"\"}";
/// The length of the hash suffix: `,"hash":"` + 64 digits + `"}`.
pub(super) const SUFFIX_LEN: usize = 75;
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The lowercase hex form of a SHA-256 digest.
pub(super) fn sha256_hex(bytes: &[u8]) -> [u8; 64] {
    let digest = Sha256::digest(bytes);
    let mut out = [b'0'; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(digest.iter()) {
        for (slot, nibble) in pair.iter_mut().zip([byte >> 4, byte & 0x0f]) {
            *slot = if nibble < 10 {
                b'0' + nibble
            } else {
                b'a' + nibble - 10
            };
        }
    }
    out
}

/// Whether `digits` are 64 lowercase hex digits.
pub(super) fn is_hex64(digits: &[u8]) -> bool {
    digits.len() == 64
        && digits
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

/// Splits a line (without its LF) into the hashed body and the 64 hash digits.
pub(super) fn split_hash(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let body_len = line.len().checked_sub(SUFFIX_LEN)?;
    let (body, suffix) = line.split_at_checked(body_len)?;
    let (open, rest) = suffix.split_at_checked(HASH_OPEN.len())?;
    let (digits, close) = rest.split_at_checked(64)?;
    let ok = open == HASH_OPEN && close == HASH_CLOSE && is_hex64(digits);
    ok.then_some((body, digits))
}

/// A line as written: the members before `hash`, in the format's order.
#[derive(Serialize)]
pub(super) struct LineOut<'a> {
    pub(super) v: u64,
    pub(super) engagement: &'a str,
    pub(super) seq: u64,
    pub(super) at: &'a DateTime<Utc>,
    pub(super) by: &'a Actor,
    pub(super) event: &'a Event,
    pub(super) prev: &'a str,
}

/// A line as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LineIn<'a> {
    pub(super) v: u64,
    #[serde(borrow)]
    pub(super) engagement: Cow<'a, str>,
    pub(super) seq: u64,
    pub(super) at: DateTime<Utc>,
    pub(super) by: Actor,
    pub(super) event: Event,
    #[serde(borrow)]
    pub(super) prev: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) hash: Cow<'a, str>,
}

/// Just the version, to tell a future line from a broken one.
#[derive(Deserialize)]
pub(super) struct Probe {
    pub(super) v: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_matches_a_known_digest() {
        // SHA-256 of "abc", from FIPS 180-2.
        assert_eq!(
            &sha256_hex(b"abc"),
            b"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn split_hash_wants_the_exact_suffix() {
        let digits = "0123456789abcdef".repeat(4);
        let line = format!("{{\"v\":1,\"hash\":\"{digits}\"}}");
        let (body, found) = split_hash(line.as_bytes()).unwrap();
        assert_eq!(body, b"{\"v\":1");
        assert_eq!(found, digits.as_bytes());
        assert!(split_hash(line.to_uppercase().as_bytes()).is_none());
        assert!(split_hash(b"").is_none());
        assert!(split_hash(&line.as_bytes()[1..line.len() - 1]).is_none());
    }
}
