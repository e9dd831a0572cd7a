//! Reading a journal with or without its key: the chain always, and with the key its seals and
//! its head.

use super::{AuthError, Head, Keyring, Seal};
use crate::journal::{Chain, JournalOptions, Reader, Verified};
use crate::{Engagement, EngagementId};
use std::io::BufRead;

/// What proves a journal the key holder's: the keyring, the lines' seals (in line order, one per
/// line) and the head the app kept apart.
#[derive(Clone, Copy, Debug)]
pub struct Proof<'a> {
    /// The keys to check with.
    pub keyring: &'a Keyring,
    /// One seal per line, for lines 1, 2, 3, ... in order.
    pub seals: &'a [Seal],
    /// The newest head the app kept.
    pub head: &'a Head,
}

/// Whether a verified journal's authenticity was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Authenticity {
    /// No key was given: the chain verifies, which shows the lines were not changed by accident
    /// or by someone who did not recompute the hashes, but anyone who can write the store could
    /// have rewritten it.
    NotChecked,
    /// Every line's seal and the head check with the keyring, and the journal ends at the head.
    Authentic {
        /// The head it ends at.
        head: Head,
    },
}

/// A journal read by [`check`]: what [`verify`](crate::journal::verify) reports, and whether
/// its authenticity was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Checked {
    /// The verified chain and the engagement it builds.
    pub verified: Verified,
    /// Whether it was checked against a key.
    pub authenticity: Authenticity,
}

/// Verifies a journal's chain and replays it, as [`verify`](crate::journal::verify) does; with
/// a [`Proof`] also checks every line's seal and that the journal ends at the head.
///
/// The chain is checked first, then the seals line by line as the lines are read, then the
/// head: so a line that is damaged is reported as damaged, a line re-hashed by someone without
/// the key as forged ([`AuthError::Forged`]), and a journal that lost its last lines or was
/// swapped for another as not ending at its head.
///
/// # Errors
///
/// [`AuthError::Journal`] for a chain that does not verify; with a proof, at the first line
/// whose seal is missing or does not check ([`AuthError::Unsealed`], [`AuthError::Forged`],
/// [`AuthError::LineKeyUnknown`], [`AuthError::BadTag`], [`AuthError::SealOutOfOrder`]),
/// then for the head ([`AuthError::HeadKeyUnknown`], [`AuthError::HeadForged`],
/// [`AuthError::Swapped`], [`AuthError::Truncated`], [`AuthError::PastHead`],
/// [`AuthError::NotTheHead`], [`AuthError::ExtraSeals`]).
pub fn check<R: BufRead>(
    input: R,
    options: &JournalOptions,
    proof: Option<Proof<'_>>,
) -> Result<Checked, AuthError> {
    let mut reader = Reader::new(input, options);
    let Some(proof) = proof else {
        for event in reader.by_ref() {
            event?;
        }
        return Ok(Checked {
            verified: finish(reader),
            authenticity: Authenticity::NotChecked,
        });
    };
    // The head's own tag first: a head that is not the key holder's proves nothing below.
    proof.keyring.check_head(proof.head)?;
    let mut seals = proof.seals.iter();
    while let Some(event) = reader.next() {
        event?;
        check_line(proof.keyring, &mut seals, Reader::chain(&reader))?;
    }
    let verified = finish(reader);
    let found = verified.engagement.as_ref().map(Engagement::id);
    ends_at_head(found, verified.lines, &verified.last_hash, proof.head)?;
    no_extra_seals(verified.lines, seals.count())?;
    Ok(Checked {
        verified,
        authenticity: Authenticity::Authentic {
            head: proof.head.clone(),
        },
    })
}

/// Checks the seal of the line `chain` has just read: the next of `seals`.
pub(crate) fn check_line(
    keyring: &Keyring,
    seals: &mut std::slice::Iter<'_, Seal>,
    chain: &Chain,
) -> Result<(), AuthError> {
    let seq = chain.seq();
    let seal = seals.next().ok_or(AuthError::Unsealed { line: seq })?;
    if seal.seq != seq {
        return Err(AuthError::SealOutOfOrder {
            line: seq,
            seal: seal.seq,
        });
    }
    let engagement = chain.engagement().ok_or(AuthError::NoEngagement)?;
    keyring.check_seal(engagement, seq, chain.hash(), seal)
}

/// Seals left once every line was read mean lines were cut from the end.
pub(crate) fn no_extra_seals(lines: u64, extra: usize) -> Result<(), AuthError> {
    if extra > 0 {
        return Err(AuthError::ExtraSeals {
            lines,
            seals: lines.saturating_add(extra as u64),
        });
    }
    Ok(())
}

/// Whether a verified journal of engagement `found` (`None` when empty), of `lines` lines
/// ending with `last_hash`, ends at `head`.
pub(crate) fn ends_at_head(
    found: Option<&EngagementId>,
    lines: u64,
    last_hash: &str,
    head: &Head,
) -> Result<(), AuthError> {
    if let Some(found) = found.filter(|found| **found != head.engagement) {
        return Err(AuthError::Swapped {
            head: head.engagement.clone(),
            journal: found.clone(),
        });
    }
    if lines < head.seq {
        return Err(AuthError::Truncated {
            lines,
            head: head.seq,
        });
    }
    if lines > head.seq {
        return Err(AuthError::PastHead {
            lines,
            head: head.seq,
        });
    }
    if last_hash != head.hash {
        return Err(AuthError::NotTheHead {
            line: head.seq,
            hash: last_hash.to_owned(),
            head: head.hash.clone(),
        });
    }
    Ok(())
}

fn finish<R: BufRead>(reader: Reader<R>) -> Verified {
    let lines = reader.lines();
    let len = reader.valid_len();
    let last_hash = reader.last_hash().to_owned();
    Verified {
        lines,
        len,
        last_hash,
        engagement: reader.into_engagement(),
    }
}

/// Verifies a journal (its chain and replay) and seals every line and its end with the
/// keyring's current key: to seal a journal for the first time, or again after a rotation so
/// that an old key can be retired.
///
/// Sealing vouches for the journal as it is now: seal a journal for the first time only when
/// nobody but the app could have written it, and seal one again only after [`check`] with the
/// old keys has found it authentic.
///
/// # Errors
///
/// [`AuthError::Journal`] when the chain does not verify (nothing is sealed);
/// [`AuthError::NoEngagement`] for an empty journal, which has no engagement to name in a head.
pub fn seal_journal<R: BufRead>(
    input: R,
    options: &JournalOptions,
    keyring: &Keyring,
) -> Result<(Vec<Seal>, Head), AuthError> {
    let mut reader = Reader::new(input, options);
    let mut seals = Vec::new();
    while let Some(event) = reader.next() {
        event?;
        let chain = Reader::chain(&reader);
        let engagement = chain.engagement().ok_or(AuthError::NoEngagement)?;
        seals.push(keyring.seal_hash(engagement, chain.seq(), chain.hash()));
    }
    let engagement = Reader::chain(&reader)
        .engagement()
        .ok_or(AuthError::NoEngagement)?;
    let head = keyring.head_of(engagement, reader.lines(), reader.last_hash());
    Ok((seals, head))
}
