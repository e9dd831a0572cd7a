//! Seals kept in a JSON Lines file beside a journal file: one seal per line, in line order.

use super::{AuthError, Seal};
use std::io::{BufRead, Read};

/// The longest line of a seal file, line end not counted: a seal is about 120 bytes, so 512
/// leaves room for long key names and stops reading a file that is not one early.
pub const MAX_SEAL_LINE_BYTES: usize = 512;

/// Writes seals as a seal file: each seal as one JSON object
/// (`{"seq":1,"key":"pkh-2026-03","tag":"…"}`) followed by one LF. Append the lines for new
/// seals to the file after each journal append, and sync it as the journal is synced.
///
/// ```
/// use pendamping::protect::{Seal, read_seals, write_seals};
///
/// let seal = Seal { seq: 1, key: "k1".parse()?, tag: "ab".repeat(32) };
/// let file = write_seals(std::slice::from_ref(&seal));
/// assert_eq!(read_seals(file.as_slice())?, vec![seal]);
/// # Ok::<(), pendamping::protect::AuthError>(())
/// ```
#[must_use]
pub fn write_seals(seals: &[Seal]) -> Vec<u8> {
    let mut out = Vec::new();
    for seal in seals {
        // A seal is numbers and checked names: serialising it cannot fail.
        if serde_json::to_writer(&mut out, seal).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// Reads a seal file. Whether the seals fit the journal is for [`check`](super::check) to say;
/// this reads them.
///
/// # Errors
///
/// [`AuthError::BadSealLine`] naming the first line of the file that is not a seal (not JSON of
/// a seal, a bad key name, longer than [`MAX_SEAL_LINE_BYTES`], a CR before its LF, no LF at the
/// end); [`AuthError::SealRead`] when reading fails.
pub fn read_seals<R: BufRead>(mut input: R) -> Result<Vec<Seal>, AuthError> {
    let mut seals = Vec::new();
    let mut buf = Vec::new();
    for line in 1u64.. {
        buf.clear();
        let limit = u64::try_from(MAX_SEAL_LINE_BYTES + 1).unwrap_or(u64::MAX);
        let read = (&mut input)
            .take(limit)
            .read_until(b'\n', &mut buf)
            .map_err(|e| AuthError::SealRead {
                line,
                reason: e.to_string(),
            })?;
        if read == 0 {
            break;
        }
        let bad = |reason: String| AuthError::BadSealLine { line, reason };
        let Some(body) = buf.strip_suffix(b"\n") else {
            return Err(bad(if buf.len() > MAX_SEAL_LINE_BYTES {
                format!("longer than {MAX_SEAL_LINE_BYTES} bytes")
            } else {
                "no line end: the last seal was cut short".to_owned()
            }));
        };
        if body.ends_with(b"\r") {
            return Err(bad("ends with CR LF, not LF".to_owned()));
        }
        let seal = serde_json::from_slice::<Seal>(body).map_err(|e| bad(e.to_string()))?;
        seals.push(seal);
    }
    Ok(seals)
}
