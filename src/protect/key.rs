//! Secret keys for sealing a journal, named so that a seal says which key made it, and the
//! keyring that holds the current key and the older ones kept for checking old seals.

use super::AuthError;
use hmac::{Hmac, KeyInit};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The fewest secret bytes a key may have: 32, the length of an HMAC-SHA-256 tag, below which
/// the key rather than the tag would be the weaker part.
pub const MIN_SECRET_BYTES: usize = 32;

/// The longest key name.
const MAX_ID_LEN: usize = 64;

/// The name of a key, as stored in every seal and head it makes: 1 to 64 ASCII letters, digits,
/// `-`, `_` or `.` (for example `pkh-2026-03`). It names the key; it is not secret.
///
/// ```
/// use pendamping::protect::KeyId;
///
/// assert_eq!(KeyId::new("pkh-2026-03")?.as_str(), "pkh-2026-03");
/// assert_eq!(
///     KeyId::new("kunci rahasia").unwrap_err().to_string(),
///     "key name \"kunci rahasia\" must be 1 to 64 ASCII letters, digits, '-', '_' or '.'"
/// );
/// # Ok::<(), pendamping::protect::AuthError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KeyId(String);

impl KeyId {
    /// A key name.
    ///
    /// # Errors
    ///
    /// [`AuthError::BadKeyName`] when the name is empty, longer than 64 bytes or has a character
    /// other than an ASCII letter, digit, `-`, `_` or `.`.
    pub fn new(id: impl Into<String>) -> Result<Self, AuthError> {
        let id = id.into();
        let fits = !id.is_empty()
            && id.len() <= MAX_ID_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if fits {
            Ok(Self(id))
        } else {
            Err(AuthError::BadKeyName {
                name: crate::vocab::shorten(&id),
            })
        }
    }

    /// The name as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for KeyId {
    type Error = AuthError;

    fn try_from(id: String) -> Result<Self, Self::Error> {
        Self::new(id)
    }
}

impl From<KeyId> for String {
    fn from(id: KeyId) -> Self {
        id.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A named secret key. Its secret is never printed (`Debug` shows only the name) and never
/// serialised: the app keeps it in its own secret store, apart from the journal.
#[derive(Clone)]
pub struct Key {
    id: KeyId,
    /// HMAC-SHA-256 keyed with the secret, before any message: each tag starts from a copy.
    keyed: Hmac<sha2::Sha256>,
}

impl Key {
    /// A key from its name and at least [`MIN_SECRET_BYTES`] secret bytes (take them from a
    /// cryptographic random source, such as the operating system's, and keep them secret).
    ///
    /// # Errors
    ///
    /// [`AuthError::BadKeyName`] for a bad name, [`AuthError::ShortKey`] for fewer than
    /// [`MIN_SECRET_BYTES`] bytes.
    pub fn new(id: impl Into<String>, secret: &[u8]) -> Result<Self, AuthError> {
        let id = KeyId::new(id)?;
        if secret.len() < MIN_SECRET_BYTES {
            return Err(AuthError::ShortKey {
                key: id,
                len: secret.len(),
            });
        }
        // HMAC takes a key of any length, so this refusal never happens; it is mapped rather
        // than unwrapped so that no input can panic.
        let keyed = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret).map_err(|_| {
            AuthError::ShortKey {
                key: id.clone(),
                len: secret.len(),
            }
        })?;
        Ok(Self { id, keyed })
    }

    /// The key's name.
    #[must_use]
    pub fn id(&self) -> &KeyId {
        &self.id
    }

    /// A fresh MAC keyed with the secret.
    pub(super) fn mac(&self) -> Hmac<sha2::Sha256> {
        self.keyed.clone()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("id", &self.id)
            .field("secret", &"<hidden>")
            .finish()
    }
}

/// The keys an app seals and checks with: one current key, which makes new seals, and the older
/// keys it replaced, kept only so that the seals they made still check.
///
/// Rotating ([`Keyring::rotate`]) makes a new key current; nothing already sealed changes, since
/// each seal names its key. To stop trusting an old key (it leaked), seal the journal again with
/// the new one ([`seal_journal`](super::seal_journal)) after checking it with the old, store the
/// new seals and head, and drop the old key ([`Keyring::retire`]).
///
/// ```
/// use pendamping::protect::{Key, Keyring};
///
/// let mut keys = Keyring::new(Key::new("k-2026-01", &[7; 32])?);
/// keys.rotate(Key::new("k-2026-07", &[9; 32])?)?;
/// assert_eq!(keys.current().as_str(), "k-2026-07");
/// assert!(keys.get(&"k-2026-01".parse()?).is_some()); // still checks old seals
/// # Ok::<(), pendamping::protect::AuthError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Keyring {
    current: Key,
    /// The keys it replaced, newest first.
    older: Vec<Key>,
}

impl Keyring {
    /// A keyring of one key, the current one.
    #[must_use]
    pub fn new(current: Key) -> Self {
        Self {
            current,
            older: Vec::new(),
        }
    }

    /// The current key's name: the key new seals and heads are made with.
    #[must_use]
    pub fn current(&self) -> &KeyId {
        self.current.id()
    }

    pub(super) fn current_key(&self) -> &Key {
        &self.current
    }

    /// The key of that name, current or older.
    #[must_use]
    pub fn get(&self, id: &KeyId) -> Option<&Key> {
        std::iter::once(&self.current)
            .chain(&self.older)
            .find(|key| key.id() == id)
    }

    /// Makes `key` the current key; the one it replaces is kept for checking.
    ///
    /// # Errors
    ///
    /// [`AuthError::DuplicateKey`] when the keyring already holds a key of that name (a name
    /// must always mean one secret, or old seals would check against the wrong one).
    pub fn rotate(&mut self, key: Key) -> Result<(), AuthError> {
        if self.get(key.id()).is_some() {
            return Err(AuthError::DuplicateKey { key: key.id });
        }
        let replaced = std::mem::replace(&mut self.current, key);
        self.older.insert(0, replaced);
        Ok(())
    }

    /// Drops an older key: seals it made no longer check.
    ///
    /// # Errors
    ///
    /// [`AuthError::UnknownKey`] when the keyring has no older key of that name;
    /// [`AuthError::RetireCurrent`] for the current key.
    pub fn retire(&mut self, id: &KeyId) -> Result<(), AuthError> {
        if self.current() == id {
            return Err(AuthError::RetireCurrent { key: id.clone() });
        }
        let before = self.older.len();
        self.older.retain(|key| key.id() != id);
        if self.older.len() == before {
            return Err(AuthError::UnknownKey { key: id.clone() });
        }
        Ok(())
    }
}

impl std::str::FromStr for KeyId {
    type Err = AuthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}
