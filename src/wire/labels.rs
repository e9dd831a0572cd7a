//! Labels in one language: the crate's own English and Indonesian, or another language an app
//! loads at start from a label file, without a new release of the crate.

use crate::Lang;
use crate::vocab::Vocabulary;
use crate::wire::catalogue::vocabularies;
use std::collections::BTreeMap;

/// The longest label a label file may give, in characters (a vocabulary's longest built-in
/// label is far shorter).
pub const MAX_LABEL_CHARS: usize = 200;

/// The labels of every vocabulary in one language, keyed `vocabulary.term`
/// (`"role.enabler"`, `"need_status.met"`), with English wherever a label file gave none.
///
/// A label file is JSON: the language's code, and a label for each key of [`Labels::keys`].
///
/// ```
/// use pendamping::wire::Labels;
/// use pendamping::Role;
///
/// let file = r#"{"lang": "jv", "labels": {"role.enabler": "Pamberdaya"}}"#;
/// let javanese = Labels::from_json(file)?;
/// assert_eq!(javanese.lang(), "jv");
/// assert_eq!(javanese.term(Role::Enabler), "Pamberdaya");
/// // Not translated yet: English, and the key is listed.
/// assert_eq!(javanese.term(Role::Broker), "Broker");
/// assert!(javanese.missing().iter().any(|k| k == "role.broker"));
/// # Ok::<(), pendamping::wire::LabelFileError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labels {
    lang: String,
    labels: BTreeMap<String, String>,
    missing: Vec<String>,
}

/// Why a label file was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LabelFileError {
    /// The file is not JSON of the label file's shape.
    #[error("not a label file: {detail}")]
    Malformed {
        /// The parser's description, with its line and column.
        detail: String,
    },
    /// The language code is not 2 to 8 lowercase ASCII letters, digits or hyphens.
    #[error("invalid language code {lang:?}: use 2 to 8 of a-z 0-9 -")]
    BadLang {
        /// The code given (shortened to 64 characters).
        lang: String,
    },
    /// Keys that name no term of any vocabulary (a typo, or a term this crate version lacks).
    #[error("unknown label keys: {}", keys.join(", "))]
    UnknownKeys {
        /// The keys, sorted.
        keys: Vec<String>,
    },
    /// A label is empty, too long, or holds a control character.
    #[error("the label of {key} is {why}")]
    BadLabel {
        /// The key.
        key: String,
        /// `"empty"`, `"longer than 200 characters"` or `"holding a control character"`.
        why: &'static str,
    },
    /// Keys the file leaves out, when a complete file was asked for.
    #[error("missing label keys: {}", keys.join(", "))]
    MissingKeys {
        /// The keys, sorted.
        keys: Vec<String>,
    },
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelFile {
    lang: String,
    labels: BTreeMap<String, String>,
}

impl Labels {
    /// The crate's own labels in English or Indonesian.
    #[must_use]
    pub fn builtin(lang: Lang) -> Self {
        let labels = vocabularies()
            .into_iter()
            .flat_map(|v| {
                v.terms.into_iter().map(move |t| {
                    let label = match lang {
                        Lang::Id => t.id,
                        Lang::En => t.en,
                    };
                    (format!("{}.{}", v.name, t.name), label)
                })
            })
            .collect();
        Self {
            lang: lang.as_str().to_owned(),
            labels,
            missing: Vec::new(),
        }
    }

    /// Every key a label file may give, `vocabulary.term`, in the catalogue's order.
    #[must_use]
    pub fn keys() -> Vec<String> {
        vocabularies()
            .into_iter()
            .flat_map(|v| {
                v.terms
                    .into_iter()
                    .map(move |t| format!("{}.{}", v.name, t.name))
            })
            .collect()
    }

    /// Loads a label file. Keys it leaves out fall back to English and are listed by
    /// [`Labels::missing`], so an app can log them and a translator can fill them in.
    ///
    /// # Errors
    ///
    /// [`LabelFileError::Malformed`] for JSON of another shape, [`LabelFileError::BadLang`],
    /// [`LabelFileError::UnknownKeys`] naming every key that is not a term,
    /// [`LabelFileError::BadLabel`] for an empty, over-long or control-character label.
    ///
    /// ```
    /// use pendamping::wire::{LabelFileError, Labels};
    ///
    /// let err = Labels::from_json(r#"{"lang":"su","labels":{"role.healer":"Dukun"}}"#).unwrap_err();
    /// assert_eq!(err, LabelFileError::UnknownKeys { keys: vec!["role.healer".into()] });
    /// assert_eq!(err.to_string(), "unknown label keys: role.healer");
    /// ```
    pub fn from_json(json: &str) -> Result<Self, LabelFileError> {
        let file: LabelFile =
            serde_json::from_str(json).map_err(|e| LabelFileError::Malformed {
                detail: e.to_string(),
            })?;
        let lang_ok = (2..=8).contains(&file.lang.len())
            && file
                .lang
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !lang_ok {
            return Err(LabelFileError::BadLang {
                lang: crate::vocab::shorten(&file.lang),
            });
        }
        let mut labels = Self::builtin(Lang::En);
        let unknown: Vec<String> = file
            .labels
            .keys()
            .filter(|k| !labels.labels.contains_key(*k))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(LabelFileError::UnknownKeys { keys: unknown });
        }
        for (key, label) in &file.labels {
            let why = if label.trim().is_empty() {
                Some("empty")
            } else if label.chars().count() > MAX_LABEL_CHARS {
                Some("longer than 200 characters")
            } else if label.chars().any(char::is_control) {
                Some("holding a control character")
            } else {
                None
            };
            if let Some(why) = why {
                return Err(LabelFileError::BadLabel {
                    key: key.clone(),
                    why,
                });
            }
        }
        labels.missing = Self::keys()
            .into_iter()
            .filter(|k| !file.labels.contains_key(k))
            .collect();
        labels.missing.sort();
        labels.lang = file.lang;
        labels.labels.extend(file.labels);
        Ok(labels)
    }

    /// Like [`Labels::from_json`], and refuses a file that leaves any key out.
    ///
    /// # Errors
    ///
    /// Those of [`Labels::from_json`], and [`LabelFileError::MissingKeys`] naming every key
    /// left out.
    pub fn from_json_complete(json: &str) -> Result<Self, LabelFileError> {
        let labels = Self::from_json(json)?;
        if labels.missing.is_empty() {
            Ok(labels)
        } else {
            Err(LabelFileError::MissingKeys {
                keys: labels.missing,
            })
        }
    }

    /// The set as a label file: a translator's template when taken from
    /// [`Labels::builtin`]`(Lang::En)`, and what [`Labels::from_json`] reads back.
    ///
    /// ```
    /// use pendamping::Lang;
    /// use pendamping::wire::Labels;
    ///
    /// let indonesian = Labels::builtin(Lang::Id);
    /// assert_eq!(Labels::from_json_complete(&indonesian.to_json())?, indonesian);
    /// # Ok::<(), pendamping::wire::LabelFileError>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let file = serde_json::json!({ "lang": self.lang, "labels": self.labels });
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// The language code (`"en"`, `"id"`, or the label file's).
    #[must_use]
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The keys the label file left out, sorted; they show in English.
    #[must_use]
    pub fn missing(&self) -> &[String] {
        &self.missing
    }

    /// The label of a term by catalogue names (`"need_status"`, `"met"`), if there is such a
    /// term.
    #[must_use]
    pub fn get(&self, vocabulary: &str, term: &str) -> Option<&str> {
        self.labels
            .get(&format!("{vocabulary}.{term}"))
            .map(String::as_str)
    }

    /// The label of a vocabulary term; its English label if the set somehow lacks it.
    #[must_use]
    pub fn term<V: Vocabulary>(&self, value: V) -> &str {
        let vocabulary = V::NAME.replace(' ', "_");
        self.get(&vocabulary, value.as_str())
            .unwrap_or(value.label(Lang::En))
    }
}
