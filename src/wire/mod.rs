//! The wire contract: how every public type is written as JSON, the JSON Schemas, refusals a
//! front end can show, and labels a front end can load.
//!
//! (The convention table is filled in below.)

mod catalogue;
mod labels;
mod locate;
mod names;
mod refusal;
#[cfg(feature = "schema")]
mod schema;
mod terms;
mod values;

pub use catalogue::{Catalogue, CatalogueTerm, CatalogueVocabulary, catalogue};
pub use labels::{LabelFileError, Labels, MAX_LABEL_CHARS};
pub use refusal::{ProblemReport, Refusal};
#[cfg(feature = "schema")]
pub use schema::{ID_PATTERN, schemas};

pub(crate) use catalogue::is_seed_word;
