//! The bytes of one line, version 2: personal texts committed to in the hashed part, and kept,
//! with their salts, in an erasable part after the hash. See the [module](super) docs.

use super::LineErrorKind;
use super::format::{HASH_OPEN, is_hex64, sha256_hex};
use crate::engagement::{ERASED, personal::unique};
use crate::{Actor, Event};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;

/// What every version 2 line starts with.
pub(super) const V2_START: &[u8] = b"{\"v\":2,";
/// What follows the hash digits of a version 2 line, before its text part.
const TEXTS_OPEN: &[u8] = b"\",\"texts\":";
/// What a commitment starts with.
const COMMIT_PREFIX: &str = "c:";
/// Where the commitment's hash input starts: the scheme's name, then a NUL.
const DOMAIN: &[u8] = b"pendamping/text/v2\0";

/// A source of salts: 32 unpredictable bytes per personal text.
pub(super) type Salts<'s> = &'s mut dyn FnMut() -> Result<[u8; 32], String>;

/// Salts from the operating system's random number generator.
pub(super) fn os_salt() -> Result<[u8; 32], String> {
    let mut salt = [0_u8; 32];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    Ok(salt)
}

/// One entry of a line's text part: the text with its salt, or where it was erased.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum TextEntry<'a> {
    /// The text and its salt.
    Clear(#[serde(borrow)] Clear<'a>),
    /// Erased by the erasure with this seq.
    Erased(ErasedEntry),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Clear<'a> {
    #[serde(borrow)]
    salt: Cow<'a, str>,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ErasedEntry {
    pub(super) erased: u64,
}

/// The commitment to a text: `c:` and the lowercase hex SHA-256 of the domain, the salt, the
/// text's place (`<engagement>/<seq>/<index>`, then a NUL) and the text's UTF-8 bytes.
fn commitment(salt: &[u8; 32], engagement: &str, seq: u64, index: usize, text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update(salt);
    hasher.update(format!("{engagement}/{seq}/{index}\0").as_bytes());
    hasher.update(text.as_bytes());
    let digest = hasher.finalize();
    let mut out = String::with_capacity(66);
    out.push_str(COMMIT_PREFIX);
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

fn hex32(digits: &str) -> Option<[u8; 32]> {
    let bytes = digits.as_bytes();
    if !is_hex64(bytes) {
        return None;
    }
    let mut out = [0_u8; 32];
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let text = std::str::from_utf8(pair).ok()?;
        *slot = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The event as the hashed part holds it (each personal text replaced by its commitment), and
/// the text part: each text with a fresh salt.
pub(super) fn commit(
    event: &Event,
    by: &Actor,
    engagement: &str,
    seq: u64,
    salts: Salts<'_>,
) -> Result<(Event, Vec<u8>), LineErrorKind> {
    let mut committed = event.clone();
    let mut entries = Vec::new();
    for (index, (text, _)) in unique::event_texts(&mut committed, &by.id)
        .into_iter()
        .enumerate()
    {
        if crate::engagement::is_erased(text) {
            return Err(LineErrorKind::TextPart {
                index: Some(index),
                detail: "is erased: an erased text is written by erasing a stored line".into(),
            });
        }
        let salt = salts().map_err(|detail| LineErrorKind::TextPart {
            index: Some(index),
            detail: format!("has no salt: {detail}"),
        })?;
        let committed = commitment(&salt, engagement, seq, index, text);
        let clear = std::mem::replace(text, committed);
        entries.push(TextEntry::Clear(Clear {
            salt: Cow::Owned(hex(&salt)),
            text: Cow::Owned(clear),
        }));
    }
    let part = serde_json::to_vec(&entries).map_err(|e| LineErrorKind::Malformed {
        detail: e.to_string(),
    })?;
    Ok((committed, part))
}

/// Ends a version 2 line after its hashed part: the hash member, the text part, the `}`.
pub(super) fn finish(out: &mut Vec<u8>, hash: &[u8; 64], part: &[u8]) {
    out.extend_from_slice(HASH_OPEN);
    out.extend_from_slice(hash);
    out.extend_from_slice(TEXTS_OPEN);
    out.extend_from_slice(part);
    out.push(b'}');
}

/// A version 2 line cut into its hashed part, its hash digits and its text part; `None` when
/// the bytes after the hashed part are not `,"hash":"<64 digits>","texts":<part>}`.
pub(super) fn split(raw: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    // A JSON string cannot hold `,"hash":"` unescaped and no event has a member `hash`, so
    // its first occurrence ends the hashed part.
    let at = raw.windows(HASH_OPEN.len()).position(|w| w == HASH_OPEN)?;
    let (body, rest) = raw.split_at_checked(at)?;
    let rest = rest.get(HASH_OPEN.len()..)?;
    let (digits, rest) = rest.split_at_checked(64)?;
    let part = rest.strip_prefix(TEXTS_OPEN)?.strip_suffix(b"}")?;
    is_hex64(digits).then_some((body, digits, part))
}

/// The hashed part of a version 2 line, read back as an object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BodyIn<'a> {
    pub(super) v: u64,
    #[serde(borrow)]
    pub(super) engagement: Cow<'a, str>,
    pub(super) seq: u64,
    pub(super) at: DateTime<Utc>,
    pub(super) by: Actor,
    pub(super) event: Event,
    #[serde(borrow)]
    pub(super) prev: Cow<'a, str>,
}

/// Puts the texts of the text part back into the event, each checked against its commitment;
/// an erased one reads [`ERASED`].
pub(super) fn open(body: &mut BodyIn<'_>, part: &[u8]) -> Result<(), LineErrorKind> {
    let entries: Vec<TextEntry<'_>> =
        serde_json::from_slice(part).map_err(|e| LineErrorKind::TextPart {
            index: None,
            detail: format!("is not a list of texts with salts or erasures: {e}"),
        })?;
    let (engagement, seq) = (body.engagement.as_ref(), body.seq);
    let texts = unique::event_texts(&mut body.event, &body.by.id);
    if texts.len() != entries.len() {
        return Err(LineErrorKind::TextPart {
            index: None,
            detail: format!(
                "holds {} entries for the {} texts the line commits to",
                entries.len(),
                texts.len()
            ),
        });
    }
    for (index, ((text, _), entry)) in texts.into_iter().zip(entries).enumerate() {
        let bad = |detail: &str| LineErrorKind::TextPart {
            index: Some(index),
            detail: detail.to_owned(),
        };
        let stored = text.strip_prefix(COMMIT_PREFIX).map(str::as_bytes);
        if !stored.is_some_and(is_hex64) {
            return Err(bad(
                "is not committed to (`c:` and 64 lowercase hex digits)",
            ));
        }
        match entry {
            TextEntry::Clear(Clear { salt, text: clear }) => {
                let salt = hex32(&salt)
                    .ok_or_else(|| bad("has a salt that is not 64 lowercase hex digits"))?;
                if commitment(&salt, engagement, seq, index, &clear) != *text {
                    return Err(bad("does not match its commitment"));
                }
                *text = clear.into_owned();
            }
            TextEntry::Erased(ErasedEntry { erased }) if erased > seq => ERASED.clone_into(text),
            TextEntry::Erased(ErasedEntry { erased }) => {
                return Err(bad(&format!(
                    "is erased by seq {erased}, which is not after the line"
                )));
            }
        }
    }
    Ok(())
}

/// The line with the texts at `erase` (their indexes, with the erasure's seq) erased: its text
/// part rewritten, its hashed part and hash kept byte for byte. `None` for a line that is not a
/// version 2 line. An entry erased already stays as it is.
pub(super) fn erase_in_line(raw: &[u8], erase: &[(u32, u64)]) -> Option<Vec<u8>> {
    if !raw.starts_with(V2_START) {
        return None;
    }
    let (body, digits, part) = split(raw)?;
    let mut entries: Vec<TextEntry<'_>> = serde_json::from_slice(part).ok()?;
    for &(index, seq) in erase {
        let slot = usize::try_from(index).ok().and_then(|i| entries.get_mut(i));
        if let Some(entry @ TextEntry::Clear(_)) = slot {
            *entry = TextEntry::Erased(ErasedEntry { erased: seq });
        }
    }
    let part = serde_json::to_vec(&entries).ok()?;
    let mut out = Vec::with_capacity(raw.len());
    out.extend_from_slice(body);
    let hash: [u8; 64] = digits.try_into().ok()?;
    finish(&mut out, &hash, &part);
    Some(out)
}

/// The hash a version 2 line's hashed part must have.
pub(super) fn hash_of(body: &[u8]) -> [u8; 64] {
    sha256_hex(body)
}
