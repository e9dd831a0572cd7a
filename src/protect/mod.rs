//! Keyed authenticity for journals: seals that show a journal's lines are the ones the app
//! wrote, and a head that shows none were cut from its end and that it is the right journal.
//!
//! The hash chain of a [`journal`](crate::journal) finds a changed line, but not one changed by
//! someone who then recomputed the hashes from that line on: anyone who can write the store can
//! do that (put a donor as the actor of an approval, rewrite a note) and the journal verifies.
//! Nor does a chain notice lines cut from its end, or a whole journal put in place of another.
//! With a secret key the app keeps apart from the store, it can tell:
//!
//! - every line gets a [`Seal`]: an HMAC-SHA-256 tag over the line's engagement, seq and hash,
//!   made with the key. Re-hashing a line breaks its seal, and a matching seal needs the key, so
//!   [`check`] names the first forged line ([`AuthError::Forged`]);
//! - the journal's end gets a [`Head`]: its engagement, last seq and last hash, tagged the same
//!   way. The app keeps the newest head apart from the journal and replaces it after every
//!   append; a journal that ends before it ([`AuthError::Truncated`]), is another engagement's
//!   ([`AuthError::Swapped`]) or is another copy of this one ([`AuthError::NotTheHead`]) is
//!   found.
//!
//! Without a key, [`check`] verifies the chain as [`journal::verify`](crate::journal::verify)
//! does and says so: [`Authenticity::NotChecked`].
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pendamping::journal::{Journal, JournalOptions};
//! use pendamping::protect::{self, AuthError, Authenticity, Key, Keyring, Proof};
//! use pendamping::{Actor, ActorKind, ClientSystem, ClientSystemLevel, Engagement, EngagementId};
//! use pendamping::{Opening, Policy, TeamMember};
//!
//! let siti = Actor::new("w:siti", ActorKind::SocialWorker)?;
//! let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
//! let mut case = Engagement::open(&siti, at, Opening {
//!     id: EngagementId::new("pkh-0142")?,
//!     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
//!     team: vec![TeamMember { id: siti.id.clone(), kind: ActorKind::SocialWorker, name: "Siti".into() }],
//!     policy: Policy::default(),
//! })?;
//! let mut journal = Journal::new();
//! journal.append_pending(&mut case)?;
//!
//! // The secret comes from the app's secret store; never from the journal's.
//! let keys = Keyring::new(Key::new("pkh-2026-03", &[42; 32])?);
//! let options = JournalOptions::default();
//! let (seals, head) = protect::seal_journal(journal.as_bytes(), &options, &keys)?;
//!
//! let proof = Proof { keyring: &keys, seals: &seals, head: &head };
//! let checked = protect::check(journal.as_bytes(), &options, Some(proof))?;
//! assert!(matches!(checked.authenticity, Authenticity::Authentic { .. }));
//!
//! // Without the key only the chain is checked, and the answer says so.
//! let checked = protect::check(journal.as_bytes(), &options, None)?;
//! assert_eq!(checked.authenticity, Authenticity::NotChecked);
//!
//! // The wrong key is not the app's.
//! let other = Keyring::new(Key::new("pkh-2026-03", &[7; 32])?);
//! let proof = Proof { keyring: &other, seals: &seals, head: &head };
//! let err = protect::check(journal.as_bytes(), &options, Some(proof)).unwrap_err();
//! assert!(matches!(err, AuthError::HeadForged { .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Why HMAC over each line, not signed checkpoints
//!
//! The other design the issue names is an Ed25519 signature over a checkpoint (the head) now
//! and then. HMAC-SHA-256 per line was chosen because:
//!
//! - **it names the line.** A per-line tag locates a forgery at its first line; a checkpoint
//!   signature says only that something between two checkpoints changed;
//! - **the writer is the verifier.** The app's back end both writes and checks its journals, so
//!   a shared secret is enough; signatures pay off when parties who must not be able to write
//!   check the record, and the head can still be signed by whoever needs that later;
//! - **nothing new to trust.** HMAC is built on the SHA-256 the chain already uses (the `hmac`
//!   crate over `sha2`), is fast (one extra hash per line), and tags are compared in constant
//!   time.
//!
//! The limit: whoever holds the key can make seals, so an auditor who checks with the key could
//! also forge. An auditor who must not write needs the app to check for them, or a signed head.
//!
//! # What a seal covers, exactly
//!
//! A seal's tag is HMAC-SHA-256, keyed with the key's secret, over these bytes: the ASCII text
//! `pendamping seal 1`, one NUL byte, the engagement id's length in bytes as 8 big-endian bytes,
//! the id's UTF-8 bytes, the seq as 8 big-endian bytes and the line's 64 hash digits. A head's
//! tag is the same over `pendamping head 1` and the head's engagement, seq and hash (seq 0 and
//! [`GENESIS`](crate::journal::GENESIS) for no lines). The different first text keeps the seal of
//! a last line from passing as a head. Tags are written as 64 lowercase hex digits.
//!
//! Seals and heads are JSON (`{"seq":1,"key":"pkh-2026-03","tag":"…"}`), not secret; keep seals
//! beside the lines (a column of each row, or a seal file beside the journal file:
//! [`write_seals`], [`read_seals`]) and the
//! head apart from both (where the app keeps its own state): an attacker who can replace the
//! journal and the head together can cut lines from its end.
//!
//! # Keys and their rotation
//!
//! A [`Key`] has a name ([`KeyId`]) and at least 32 secret bytes from a cryptographic random
//! source. Every seal and head names the key that made it, so keys rotate without touching old
//! lines: [`Keyring::rotate`] makes a new key current, the keys it replaced stay in the
//! [`Keyring`] to check the seals they made, and new seals and heads are made with the new key.
//! The rotation is recorded where the seals are: the first seal naming the new key is where it
//! took over. To stop trusting an old key, [`check`] the journal with the keyring that still
//! holds it, [`seal_journal`] again with the new key, store the new seals and head, and
//! [`Keyring::retire`] the old one.
//!
//! What the seals do not give: secrecy (the lines are as readable as before), protection against
//! someone who has the key, or against losing the whole store (keep copies).

mod check;
mod error;
mod key;
mod seal;
mod seal_file;

pub use check::{Authenticity, Checked, Proof, check, seal_journal};
pub(crate) use check::{check_line, ends_at_head, no_extra_seals};
pub use error::AuthError;
pub use key::{Key, KeyId, Keyring, MIN_SECRET_BYTES};
pub use seal::{Head, Seal};
pub use seal_file::{MAX_SEAL_LINE_BYTES, read_seals, write_seals};
