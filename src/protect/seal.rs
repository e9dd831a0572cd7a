//! Seals and heads: the HMAC-SHA-256 tags that make a line's hash, or the journal's last line,
//! provably the key holder's.

use super::{AuthError, Key, KeyId, Keyring};
use crate::EngagementId;
use crate::journal::{Chain, Line};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// What a seal's tag is computed over starts with this, and a head's with [`HEAD_DOMAIN`], so
/// that the seal of a journal's last line can never pass as its head (they cover the same facts).
const SEAL_DOMAIN: &[u8] = b"pendamping seal 1";
const HEAD_DOMAIN: &[u8] = b"pendamping head 1";

/// The keyed seal of one journal line: an HMAC-SHA-256 tag over the line's engagement, sequence
/// number and hash, made with the named key. The app stores seals next to the lines (a column
/// beside each row, or a JSON Lines file beside the journal); they are not secret.
///
/// The tag covers the hash, and the hash covers the line's bytes and the hash before it, so a
/// line changed in any byte, or re-hashed from an earlier line on, no longer matches its seal;
/// making a matching seal needs the key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// The line's sequence number.
    pub seq: u64,
    /// The key that made the tag.
    pub key: KeyId,
    /// The tag: 64 lowercase hex digits.
    pub tag: String,
}

/// The keyed head of a journal: its engagement, last sequence number and last hash, with an
/// HMAC-SHA-256 tag over them. The app keeps the newest head apart from the journal (in its
/// own database, or wherever it keeps the key's name), and replaces it after every append.
///
/// Lines cut from the end, or a whole journal put in place of another (another case's, or an
/// older copy of this one), verify as a chain; against the head they do not.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// The engagement.
    pub engagement: EngagementId,
    /// The last line's sequence number; 0 for a journal of no lines.
    pub seq: u64,
    /// The last line's hash, or [`GENESIS`](crate::journal::GENESIS).
    pub hash: String,
    /// The key that made the tag.
    pub key: KeyId,
    /// The tag: 64 lowercase hex digits.
    pub tag: String,
}

impl Keyring {
    /// Seals one line of an engagement's journal with the current key.
    ///
    /// A store that writes lines row by row seals each [`Line`] that [`Chain::encode`] returns
    /// and keeps the seal with the row.
    #[must_use]
    pub fn seal(&self, engagement: &EngagementId, line: &Line) -> Seal {
        self.seal_hash(engagement, line.seq, &line.hash)
    }

    pub(super) fn seal_hash(&self, engagement: &EngagementId, seq: u64, hash: &str) -> Seal {
        let key = self.current_key();
        Seal {
            seq,
            key: key.id().clone(),
            tag: tag(key, SEAL_DOMAIN, engagement, seq, hash),
        }
    }

    /// The head of a chain (its engagement, last seq and hash), tagged with the current key.
    ///
    /// # Errors
    ///
    /// [`AuthError::NoEngagement`] for a chain that has not learned its engagement yet.
    pub fn head(&self, chain: &Chain) -> Result<Head, AuthError> {
        let engagement = chain.engagement().ok_or(AuthError::NoEngagement)?;
        Ok(self.head_of(engagement, chain.seq(), chain.hash()))
    }

    pub(super) fn head_of(&self, engagement: &EngagementId, seq: u64, hash: &str) -> Head {
        let key = self.current_key();
        Head {
            engagement: engagement.clone(),
            seq,
            hash: hash.to_owned(),
            key: key.id().clone(),
            tag: tag(key, HEAD_DOMAIN, engagement, seq, hash),
        }
    }

    /// Checks the seal of line `seq`, whose hash is `hash`.
    pub(super) fn check_seal(
        &self,
        engagement: &EngagementId,
        seq: u64,
        hash: &str,
        seal: &Seal,
    ) -> Result<(), AuthError> {
        let key = self
            .get(&seal.key)
            .ok_or_else(|| AuthError::LineKeyUnknown {
                line: seq,
                key: seal.key.clone(),
            })?;
        let given = decode(&seal.tag).ok_or_else(|| AuthError::BadTag {
            line: seq,
            tag: crate::vocab::shorten(&seal.tag),
        })?;
        if matches(key, SEAL_DOMAIN, engagement, seq, hash, &given) {
            Ok(())
        } else {
            Err(AuthError::Forged {
                line: seq,
                key: seal.key.clone(),
            })
        }
    }

    /// Checks a head's own tag (not yet whether the journal ends there).
    pub(crate) fn check_head(&self, head: &Head) -> Result<(), AuthError> {
        let key = self
            .get(&head.key)
            .ok_or_else(|| AuthError::HeadKeyUnknown {
                key: head.key.clone(),
            })?;
        let fits = decode(&head.tag).is_some_and(|given| {
            matches(
                key,
                HEAD_DOMAIN,
                &head.engagement,
                head.seq,
                &head.hash,
                &given,
            )
        });
        if fits {
            Ok(())
        } else {
            Err(AuthError::HeadForged {
                key: head.key.clone(),
            })
        }
    }
}

/// The MAC over the facts, in this order: the domain, a NUL, the engagement id's length as 8
/// big-endian bytes, the id's UTF-8 bytes, the seq as 8 big-endian bytes, and the hash's ASCII
/// digits. Lengths before the variable part, so no two sets of facts give the same bytes.
fn mac(key: &Key, domain: &[u8], engagement: &EngagementId, seq: u64, hash: &str) -> Hmac<Sha256> {
    let mut mac = key.mac();
    let id = engagement.as_str().as_bytes();
    mac.update(domain);
    mac.update(&[0]);
    mac.update(&u64::try_from(id.len()).unwrap_or(u64::MAX).to_be_bytes());
    mac.update(id);
    mac.update(&seq.to_be_bytes());
    mac.update(hash.as_bytes());
    mac
}

fn tag(key: &Key, domain: &[u8], engagement: &EngagementId, seq: u64, hash: &str) -> String {
    let bytes = mac(key, domain, engagement, seq, hash)
        .finalize()
        .into_bytes();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares in constant time (the `hmac` crate's `verify_slice`), so timing tells an attacker
/// nothing about how much of a guessed tag was right.
fn matches(
    key: &Key,
    domain: &[u8],
    engagement: &EngagementId,
    seq: u64,
    hash: &str,
    given: &[u8; 32],
) -> bool {
    mac(key, domain, engagement, seq, hash)
        .verify_slice(given)
        .is_ok()
}

/// 64 lowercase hex digits as 32 bytes; anything else is `None`.
fn decode(digits: &str) -> Option<[u8; 32]> {
    let digits = digits.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let high = nibble(*pair.first()?)?;
        let low = nibble(*pair.get(1)?)?;
        *byte = (high << 4) | low;
    }
    Some(out)
}

fn nibble(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    }
}
