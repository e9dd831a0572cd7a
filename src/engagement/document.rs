//! Document references: a photo of a KIS card, a signed consent form, attached to a record by
//! reference. The bytes stay in the app's storage; the engagement keeps the document's id, its
//! media type, the SHA-256 of its bytes (so the app can check that the file it serves is the
//! one attached) and how confidential it is.

use crate::engagement::{ActorId, Confidentiality, DocumentId, Problem, RecordRef};
use crate::vocab::shorten;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What identifies a document kept by the app.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    /// Its id in the app's storage.
    pub id: DocumentId,
    /// Its media type, `type/subtype` without parameters (`image/jpeg`, `application/pdf`),
    /// kept in lowercase.
    pub media_type: String,
    /// The SHA-256 of its bytes: 64 hexadecimal digits, kept in lowercase.
    pub sha256: String,
    /// What it is, for a list of documents (`KIS card, front`).
    pub title: String,
    /// Who may see it (the policy's views decide what each kind of actor reads).
    pub confidentiality: Confidentiality,
}

/// A document attached to an engagement, or to one of its records.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The record it belongs to; `None` for the engagement as a whole.
    pub record: Option<RecordRef>,
    /// The document.
    pub document: DocumentRef,
    /// When it was attached.
    pub at: DateTime<Utc>,
    /// Who attached it.
    pub by: ActorId,
}

/// The longest media type: 127 characters on each side of the slash (RFC 6838, 4.2).
const MAX_NAME: usize = 127;

/// A media type in lowercase, or the problem with it: `type/subtype`, each a restricted name
/// of RFC 6838 (a letter or digit, then letters, digits and `! # $ & - ^ _ . +`).
pub(crate) fn media_type(value: &str, problems: &mut Vec<Problem>) -> String {
    let restricted = |name: &str| {
        let mut chars = name.chars();
        (1..=MAX_NAME).contains(&name.len())
            && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && chars.all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
    };
    match value.split_once('/') {
        Some((kind, sub)) if restricted(kind) && restricted(sub) => value.to_ascii_lowercase(),
        _ => {
            problems.push(Problem::InvalidMediaType {
                media_type: shorten(value),
            });
            String::new()
        }
    }
}

/// A SHA-256 digest in lowercase hex, or the problem with it.
pub(crate) fn sha256(value: &str, problems: &mut Vec<Problem>) -> String {
    if value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()) {
        value.to_ascii_lowercase()
    } else {
        problems.push(Problem::InvalidDigest {
            sha256: shorten(value),
        });
        String::new()
    }
}
