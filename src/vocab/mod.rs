//! The framework's closed vocabularies.
//!
//! Every term the crate uses to describe practice is one of these small `Copy` enums: no state,
//! no I/O. They all share one shape, spelled out by the [`Vocabulary`] trait:
//!
//! - `ALL`: every variant, in the order the framework lists them;
//! - `as_str()`: a stable `snake_case` name, safe to store; for the enums declared here it is
//!   also the serde form (the GAS [`Level`](crate::gas::Level) stores as its number instead);
//! - `label(Lang)`: the words a worker reads, in English or Indonesian (the Indonesian terms
//!   follow Suharto's paper on *pendampingan sosial*);
//! - `Display`: the English label;
//! - `FromStr`: accepts the `snake_case` name or either label, ignoring case and surrounding
//!   whitespace, and fails with a [`ParseError`] that names the input and the vocabulary.
//!
//! ```
//! use pendamping::{Lang, Role};
//!
//! let role: Role = "Pembela".parse()?;
//! assert_eq!(role, Role::Advocate);
//! assert_eq!(role.as_str(), "advocate");
//! assert_eq!(role.label(Lang::Id), "Pembela");
//! assert_eq!(role.to_string(), "Advocate");
//! # Ok::<(), pendamping::ParseError>(())
//! ```

mod actor;
mod function;
mod parse_error;
mod resource;
mod role;
pub(crate) mod seed_words;
mod stage;
mod vision;

pub use actor::{ActorKind, ClientSystemLevel};
pub use function::Function;
pub use parse_error::ParseError;
pub(crate) use parse_error::shorten;
pub use resource::{Barrier, ManagementMode, ResourceKind};
pub use role::Role;
pub use stage::Stage;
pub use vision::Vision;

/// The shape every closed vocabulary of the crate shares.
///
/// Implemented by all the vocabulary enums; generic code (a form that offers a choice, a report
/// that prints a column per variant) can be written once against it.
///
/// ```
/// use pendamping::{Function, Lang, Vocabulary};
///
/// fn options<V: Vocabulary>(lang: Lang) -> Vec<&'static str> {
///     V::ALL.iter().map(|v| v.label(lang)).collect()
/// }
/// assert_eq!(
///     options::<Function>(Lang::Id),
///     ["Konsultasi pemecahan masalah", "Manajemen sumber", "Pendidikan"]
/// );
/// ```
pub trait Vocabulary: Copy + Eq + core::hash::Hash + core::fmt::Debug + 'static {
    /// The vocabulary's own name, as used in error messages (`"role"`, `"stage"`, ...).
    const NAME: &'static str;
    /// Every variant, in the framework's order.
    const ALL: &'static [Self];
    /// The stable `snake_case` name (the serde form too, except where a type says otherwise,
    /// like [`gas::Level`](crate::gas::Level), which stores its number).
    fn as_str(self) -> &'static str;
    /// The label a worker reads, in the given language.
    fn label(self, lang: Lang) -> &'static str;

    /// Parses the `snake_case` name or either label, case-insensitively, ignoring surrounding
    /// whitespace.
    ///
    /// # Errors
    ///
    /// [`ParseError::Empty`] when nothing but whitespace is given, [`ParseError::Unknown`] when
    /// the text names no variant of this vocabulary.
    fn parse_term(input: &str) -> Result<Self, ParseError> {
        let wanted = input.trim();
        if wanted.is_empty() {
            return Err(ParseError::Empty {
                vocabulary: Self::NAME,
            });
        }
        Self::ALL
            .iter()
            .copied()
            .find(|v| {
                wanted.eq_ignore_ascii_case(v.as_str())
                    || Lang::ALL.iter().any(|&l| lowercase_eq(wanted, v.label(l)))
                    || seed_words::is_seed_word(Self::NAME, v.as_str(), wanted)
            })
            .ok_or_else(|| {
                ParseError::unknown(Self::NAME, input, Self::ALL.iter().map(|v| v.as_str()))
            })
    }
}

/// Unicode-aware case-insensitive equality (labels may carry non-ASCII letters).
fn lowercase_eq(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Declares a closed vocabulary: the enum, its [`Vocabulary`] impl, inherent `ALL`, `as_str`,
/// `label`, `Display`, `FromStr`, and serde under the `snake_case` name.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($vocab:literal) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $str:literal, en $en:literal, id $id:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $str)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in the framework's order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable `snake_case` name, identical to the serde form.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $str,)+
                }
            }

            /// The label a worker reads, in English or Indonesian.
            #[must_use]
            pub const fn label(self, lang: $crate::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Self::$variant, $crate::Lang::En) => $en,
                        (Self::$variant, $crate::Lang::Id) => $id,
                    )+
                }
            }
        }

        impl $crate::vocab::Vocabulary for $name {
            const NAME: &'static str = $vocab;
            const ALL: &'static [Self] = $name::ALL;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn label(self, lang: $crate::Lang) -> &'static str {
                $name::label(self, lang)
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.pad(self.label($crate::Lang::En))
            }
        }

        impl core::str::FromStr for $name {
            type Err = $crate::vocab::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::vocab::Vocabulary>::parse_term(s)
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// The language a label is shown in: English or Indonesian (*Bahasa Indonesia*).
    ///
    /// `#[non_exhaustive]`: a programme may one day need a regional language (Javanese,
    /// Sundanese, ...), and adding one must not break apps that match on this enum.
    ///
    /// ```
    /// use pendamping::Lang;
    /// assert_eq!("id".parse::<Lang>()?, Lang::Id);
    /// assert_eq!("Bahasa Indonesia".parse::<Lang>()?, Lang::Id);
    /// assert_eq!(Lang::Id.label(Lang::En), "Indonesian");
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    #[non_exhaustive]
    pub enum Lang ("language") {
        /// English.
        En = "en", en "English", id "Bahasa Inggris";
        /// Indonesian (*Bahasa Indonesia*).
        Id = "id", en "Indonesian", id "Bahasa Indonesia";
    }
}

impl Default for Lang {
    /// English, the language of the crate's `Display` output.
    fn default() -> Self {
        Self::En
    }
}
