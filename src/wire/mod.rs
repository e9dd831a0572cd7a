//! The wire contract: how every public type is written as JSON, the JSON Schemas of those
//! forms, refusals a front end can show field by field, and the labels it shows.
//!
//! ## The JSON convention
//!
//! Every type serialises with serde in one convention. The forms are stable: changing one is a
//! breaking change, listed in the CHANGELOG with the old and the new form.
//!
//! | what | JSON | example |
//! |---|---|---|
//! | a struct | an object; members named like the fields, `snake_case` | `{"level":"family","name":"Keluarga Sari"}` |
//! | a vocabulary term ([`Role`](crate::Role), [`Stage`](crate::Stage), [`Priority`](crate::Priority), ...) | a string, the term's stable `snake_case` name (`as_str`) | `"enabler"` |
//! | a GAS level ([`gas::Level`](crate::gas::Level)) | its number, −2 to 2 | `-1` |
//! | an id an app gives ([`EngagementId`](crate::EngagementId), [`ActorId`](crate::ActorId)) | a string, 1 to 64 of `A-Z a-z 0-9 . _ : -` | `"w:siti"` |
//! | an id an engagement gives ([`NeedId`](crate::NeedId), [`PlanVersion`](crate::PlanVersion), ...) | a number from 1 | `2` |
//! | an enum with data | an object tagged by one member named for the choice (table below); the variant's fields beside it | `{"party":"partner","id":"a:puskesmas"}` |
//! | [`Status`](crate::Status), the one exception | externally tagged, as stored in every journal since the first | `{"active":"planning"}`, `{"on_hold":"evaluation"}`, `"closed"` |
//! | a time | RFC 3339 in UTC, `Z` | `"2026-03-02T09:00:00Z"` |
//! | a date | ISO 8601 | `"2026-06-01"` |
//! | an optional member | written as `null` when absent; on input it may be left out | `"note":null` |
//! | a list | an array; the lists a command may leave out say so in the schema (they default to empty) | `"barriers":[]` |
//! | a pair ([`Policy`](crate::Policy)'s grants) | a two-element array | `["donor","practice"]` |
//!
//! Optional members are left out rather than written as `null` only in the forms made for
//! front ends ([`Refusal`], [`Catalogue`]) and in a resource's `service`, which older journals
//! lack.
//!
//! The tag of each enum with data:
//!
//! | type | tag member | its values |
//! |---|---|---|
//! | [`Command`](crate::Command) | `type` | [`Command::name`](crate::Command::name) |
//! | [`Event`](crate::Event) | `type` | [`Event::name`](crate::Event::name) |
//! | [`NeedStatus`](crate::NeedStatus) | `status` | `open`, `met`, `deferred` |
//! | [`Holder`](crate::Holder) | `holder` | `client`, `external` |
//! | [`Responsible`](crate::Responsible) | `party` | `worker`, `client`, `joint`, `partner` (with `id`) |
//! | [`Approval`](crate::Approval) | `state` | `not_requested`, `requested`, `approved`, `rejected` |
//! | [`ActivityDetail`](crate::ActivityDetail) | `kind` | `consultation`, `linkage`, `education`, `mediation`, `advocacy`, `protection` |
//! | [`Provider`](crate::Provider) | `provider` | `partner`, `external` |
//! | [`RecordRef`](crate::RecordRef) | `record` (with `id`) | `need`, `resource`, `goal`, `intervention`, `activity`, `referral`, `evaluation`, `plan`, `note` |
//!
//! ## Text forms: `Display`, `as_str`, `label`
//!
//! | type | `Display` | `as_str` | `label(Lang)` |
//! |---|---|---|---|
//! | the vocabularies ([`Vocabulary`](crate::Vocabulary)) | the English label | the stable name, also the serde form | the label in English or Indonesian |
//! | [`gas::Level`](crate::gas::Level) | the English label | the stable name (the serde form is the number) | the label |
//! | [`Status`](crate::Status) | the English label, `Active: Planning` | `active(planning)` | `Aktif: Evaluasi`, `Ditutup` |
//! | [`Permission`](crate::Permission) | none | the stable name, the serde form | the label |
//! | [`NeedStatus`](crate::NeedStatus), [`Holder`](crate::Holder), [`Responsible`](crate::Responsible), [`Approval`](crate::Approval), [`Provider`](crate::Provider), [`ActivityDetail`](crate::ActivityDetail), [`ReferralSide`](crate::ReferralSide) | none | the tag value | the label of the variant |
//! | [`EngagementId`](crate::EngagementId), [`ActorId`](crate::ActorId) | the id | the id | none |
//! | record ids ([`NeedId`](crate::NeedId), ..., [`SystemId`](crate::ecomap::SystemId)) | the bare number, `2` | none | none |
//! | [`RecordRef`](crate::RecordRef) | the kind and number, `need 2` | none | none |
//! | [`Actor`](crate::Actor) | `w:siti (social_worker)` | none | none |
//! | [`Command`](crate::Command) | none | [`name`](crate::Command::name) | [`command_label`](crate::engagement::command_label) |
//! | [`Event`](crate::Event) | none | [`name`](crate::Event::name) | none |
//! | [`Problem`](crate::Problem) | the English message | [`code`](crate::Problem::code) | [`message`](crate::Problem::message) |
//! | [`Rejection`](crate::Rejection) | the English message | none | [`message`](crate::Rejection::message) |
//!
//! ## Schemas
//!
//! With the cargo feature `schema`, [`schemas`] generates JSON Schemas (draft 2020-12) of a
//! command, an opening, an event, a recorded event, a journal line, a refusal, a caseload
//! report and an eco-map, with the bounds the crate checks written in. The same files are
//! committed under `schema/` in the crate's repository (a test regenerates and compares them),
//! for front ends that validate a form before sending it. A validator should check formats
//! (`date-time`, `date`) too.
//!
//! ## Refusals
//!
//! [`Refusal`] is a [`Rejection`](crate::Rejection) as a front end shows it: every problem with
//! its stable code, the JSON Pointer of the member it concerns (`/addresses/1`), the values
//! involved, and its message in the worker's language. `Rejection` and `Problem` serialise to
//! that form too (in English; a problem on its own without a path).
//!
//! ## Labels
//!
//! [`catalogue`] gives every vocabulary with its stable names, labels and relations in English
//! or Indonesian; [`Labels::from_json`] loads another language from a label file an app ships,
//! checked for unknown keys and bad labels, with English for the keys it leaves out. Parsing a
//! term accepts the seed's own words besides the labels: the seed calls the enabler
//! *fasilitator atau pemungkin*, so `"pemungkin"` reads as [`Role::Enabler`](crate::Role),
//! whose label shown stays *Fasilitator*.

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
