//! The seed's own words for terms whose label differs from them, which parsing accepts too.

/// Words of the seed text that parsing accepts besides a term's labels, as (vocabulary, term,
/// word). The label shown stays the crate's own: the enabler shows as *Fasilitator*, and the
/// seed's "fasilitator atau pemungkin" means *pemungkin* is read as the enabler too.
pub(crate) const SEED_WORDS: &[(&str, &str, &str)] = &[("role", "enabler", "Pemungkin")];

/// Whether `input` (trimmed) is a seed word for term `name` of the vocabulary `vocabulary`
/// (its [`Vocabulary::NAME`](super::Vocabulary::NAME), whose spaces are the catalogue name's underscores); what
/// [`Vocabulary::parse_term`](super::Vocabulary::parse_term) asks after the labels.
pub(crate) fn is_seed_word(vocabulary: &str, name: &str, input: &str) -> bool {
    let spaced = |v: &str| {
        v.bytes()
            .map(|b| if b == b'_' { b' ' } else { b })
            .eq(vocabulary.bytes())
    };
    SEED_WORDS.iter().any(|&(v, n, word)| {
        spaced(v)
            && n == name
            && word
                .chars()
                .flat_map(char::to_lowercase)
                .eq(input.chars().flat_map(char::to_lowercase))
    })
}
