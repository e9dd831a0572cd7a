//! JSON Schemas (draft 2020-12) of the wire forms, generated with `schemars` (feature
//! `schema`), with the bounds the crate enforces written in.
//!
//! The types derive `schemars::JsonSchema` where they are declared; the ones with their own
//! serde form (ids, the vocabularies, the GAS level) are described here, and [`schemas`] adds
//! the text and list bounds, which the derive cannot see because the crate checks them when a
//! command is decided.

use crate::ecomap::{EcoMap, Flow, SystemId, SystemKind, TieStrength};
use crate::engagement::{
    AdvocacyScope, Confidentiality, Decision, GoalStatus, MAX_ID_LEN, MAX_LIST_LEN, MAX_NAME_CHARS,
    MAX_TEAM, MAX_TEXT_CHARS, Priority, ReadAccess, Surrounding,
};
use crate::gas::Level;
use crate::journal::GENESIS;
use crate::vocab::Vocabulary;
use crate::wire::Refusal;
use crate::{
    Achievement, ActivityId, ActorId, ActorKind, Barrier, ClientSystemLevel, Command, EngagementId,
    EvaluationId, Event, Function, GoalId, InterventionId, Lang, ManagementMode, NeedId, Opening,
    PlanVersion, Recorded, ReferralId, ReferralStatus, ResourceId, ResourceKind, Role, Stage,
    TerminationReason, TransitionKind, Vision, caseload::CaseloadReport,
};
use crate::{ContactKind, DocumentId, NoteId};
use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// The pattern of an id an app gives: 1 to 64 of `A-Z a-z 0-9 . _ : -`.
pub const ID_PATTERN: &str = "^[A-Za-z0-9._:-]{1,64}$";

macro_rules! app_id_schema {
    ($($ty:ident),+) => {$(
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "pattern": ID_PATTERN,
                    "minLength": 1,
                    "maxLength": MAX_ID_LEN,
                })
            }
        }
    )+};
}
app_id_schema!(EngagementId, ActorId);
// Issue 14: the everyday record.
app_id_schema!(DocumentId);

macro_rules! local_id_schema {
    ($($ty:ident),+) => {$(
        impl JsonSchema for $ty {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "integer", "minimum": 1, "maximum": u32::MAX })
            }
        }
    )+};
}
local_id_schema!(
    NeedId,
    ResourceId,
    GoalId,
    InterventionId,
    ActivityId,
    ReferralId,
    EvaluationId,
    PlanVersion,
    SystemId
);

/// A vocabulary is a string, one of its stable names.
macro_rules! vocabulary_schema {
    ($($ty:ident),+) => {$(
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let names: Vec<&str> = <$ty as Vocabulary>::ALL.iter().map(|v| v.as_str()).collect();
                json_schema!({ "type": "string", "enum": names })
            }
        }
    )+};
}
vocabulary_schema!(
    Lang,
    ActorKind,
    ClientSystemLevel,
    Vision,
    Function,
    Role,
    ResourceKind,
    Barrier,
    ManagementMode,
    Stage,
    Priority,
    Confidentiality,
    ReadAccess,
    GoalStatus,
    Achievement,
    AdvocacyScope,
    Decision,
    TerminationReason,
    ReferralStatus,
    TransitionKind,
    TieStrength,
    Flow,
    SystemKind,
    Surrounding
);
// Issue 14: the everyday record.
local_id_schema!(NoteId);
vocabulary_schema!(ContactKind);

impl JsonSchema for Level {
    fn schema_name() -> Cow<'static, str> {
        "Level".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": -2, "maximum": 2 })
    }
}

/// Characters no record may hold: control characters (line breaks and tabs aside, in long
/// text), the Unicode line and paragraph separators, and the bidirectional overrides.
const FORBIDDEN_IN_NAME: &str = r"\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069";
const FORBIDDEN_IN_TEXT: &str =
    r"\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069";

/// How the crate checks a text member.
#[derive(Clone, Copy)]
enum Text {
    /// A short single-line text.
    Name,
    /// A long text; line breaks and tabs allowed.
    Long,
}

/// The text members by name, as the crate checks them (`name` is a team member's, a client
/// system's, a provider's or a holder's name).
const TEXT_MEMBERS: &[(&str, Text)] = &[
    ("name", Text::Name),
    ("domain", Text::Name),
    ("holder", Text::Name),
    ("topic", Text::Name),
    ("target_system", Text::Name),
    ("organisation", Text::Name),
    ("service", Text::Name),
    ("location", Text::Name),
    ("cost", Text::Name),
    ("schedule", Text::Name),
    ("capacity", Text::Name),
    ("languages", Text::Name),
    ("participants", Text::Name),
    ("learners", Text::Name),
    ("educators", Text::Name),
    ("parties", Text::Name),
    ("title", Text::Name),
    ("system", Text::Name),
    ("reference", Text::Name),
    ("description", Text::Long),
    ("reason", Text::Long),
    ("note", Text::Long),
    ("notes", Text::Long),
    ("comment", Text::Long),
    ("summary", Text::Long),
    ("text", Text::Long),
    ("eligibility", Text::Long),
    ("accessibility", Text::Long),
    ("worker_contribution", Text::Long),
    ("client_contribution", Text::Long),
    ("options", Text::Long),
    ("action_steps", Text::Long),
    ("prevention_focus", Text::Long),
    ("outcome", Text::Long),
    ("risk", Text::Long),
    ("action", Text::Long),
    ("levels", Text::Long),
];

/// Optional text members that, when given, must not be blank (a blank holder is not the
/// client's own: leave the member out for that).
const NOT_BLANK_WHEN_GIVEN: &[&str] = &["holder"];

/// Lists the crate refuses when empty.
const NON_EMPTY_LISTS: &[&str] = &[
    "addresses",
    "serves",
    "scores",
    "participants",
    "learners",
    "educators",
    "parties",
];

/// The bounds on one string: `required` texts need a character other than whitespace
/// (optional ones may be blank: blank counts as left out).
fn string_bounds(text: Text, required: bool) -> Map<String, Value> {
    let (max, forbidden) = match text {
        Text::Name => (MAX_NAME_CHARS, FORBIDDEN_IN_NAME),
        Text::Long => (MAX_TEXT_CHARS, FORBIDDEN_IN_TEXT),
    };
    let pattern = if required {
        format!(r"^(?=[\s\S]*\S)[^{forbidden}]*$")
    } else {
        format!("^[^{forbidden}]*$")
    };
    let mut out = Map::new();
    out.insert("maxLength".into(), json!(max));
    out.insert("pattern".into(), json!(pattern));
    out
}

/// Writes the crate's bounds into every object schema: text members get their length and
/// character rules, lists their lengths.
fn add_bounds(schema: &mut Value, lists: bool) {
    match schema {
        Value::Object(object) => {
            if let Some(Value::Object(properties)) = object.get_mut("properties") {
                for (member, property) in properties.iter_mut() {
                    bound_member(member, property, lists);
                }
            }
            for (_, child) in object.iter_mut() {
                add_bounds(child, lists);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| add_bounds(v, lists)),
        _ => {}
    }
}

fn bound_member(member: &str, property: &mut Value, lists: bool) {
    let Value::Object(p) = property else { return };
    let text = TEXT_MEMBERS
        .iter()
        .find(|(m, _)| *m == member)
        .map(|(_, t)| *t);
    let types: Vec<String> = match p.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    let optional = types.contains(&"null");
    if member == "weight" && lists {
        // A goal's weight of zero would drop it from the T-score: the crate refuses it.
        p.insert("minimum".into(), json!(1));
    }
    if types.contains(&"string") {
        if let Some(text) = text {
            p.extend(string_bounds(
                text,
                !optional || NOT_BLANK_WHEN_GIVEN.contains(&member),
            ));
        }
    } else if types.contains(&"array") {
        let fixed = p.contains_key("maxItems") && p.get("minItems") == p.get("maxItems");
        if let (Some(text), Some(Value::Object(items))) = (text, p.get_mut("items")) {
            let is_string = items.get("type") == Some(&json!("string"));
            if is_string {
                // Blank languages are dropped; every other list entry is required text.
                items.extend(string_bounds(text, member != "languages"));
            }
        }
        if lists && !fixed {
            let max = match member {
                "team" => MAX_TEAM,
                "grants" | "revocations" => crate::engagement::MAX_POLICY_ENTRIES,
                "reading" => crate::engagement::MAX_READING_ENTRIES,
                _ => MAX_LIST_LEN,
            };
            p.insert("maxItems".into(), json!(max));
            if NON_EMPTY_LISTS.contains(&member) {
                p.insert("minItems".into(), json!(1));
            }
        }
    }
}

/// The schema of one type, draft 2020-12, with an `$id` under `schema/`.
fn root<T: JsonSchema>(file: &str, title: &str, lists: bool) -> Value {
    let generator = SchemaGenerator::new(SchemaSettings::draft2020_12().for_deserialize());
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    add_bounds(&mut schema, lists);
    if let Value::Object(object) = &mut schema {
        object.insert(
            "$id".into(),
            json!(format!("https://pendamping.dev/schema/{file}")),
        );
        object.insert("title".into(), json!(title));
    }
    schema
}

/// Every schema the crate publishes, as (file name under `schema/`, schema).
///
/// `command` and `opening` carry every bound the crate checks (text lengths and characters,
/// list lengths, the id pattern, the GAS level range); the records inside events carry the
/// text bounds, as their text was checked before it was recorded. A text's length is counted
/// as sent, the crate's after trimming, so the schema refuses a text padded past its bound
/// that the crate would trim and accept.
///
/// ```
/// let schemas = pendamping::wire::schemas();
/// let names: Vec<&str> = schemas.iter().map(|(name, _)| *name).collect();
/// assert!(names.contains(&"command.schema.json"));
/// let command = &schemas[0].1;
/// assert_eq!(command["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// ```
#[must_use]
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "command.schema.json",
            root::<Command>("command.schema.json", "Command", true),
        ),
        (
            "opening.schema.json",
            root::<Opening>("opening.schema.json", "Opening", true),
        ),
        (
            "event.schema.json",
            root::<Event>("event.schema.json", "Event", false),
        ),
        (
            "recorded.schema.json",
            root::<Recorded>("recorded.schema.json", "Recorded", false),
        ),
        ("journal-line.schema.json", journal_line()),
        (
            "refusal.schema.json",
            root::<Refusal>("refusal.schema.json", "Refusal", false),
        ),
        (
            "caseload-report.schema.json",
            root::<CaseloadReport>("caseload-report.schema.json", "CaseloadReport", false),
        ),
        (
            "ecomap.schema.json",
            root::<EcoMap>("ecomap.schema.json", "EcoMap", false),
        ),
    ]
}

/// A journal line: a [`Recorded`] in an envelope with the format version, the engagement id,
/// and the hash chain.
fn journal_line() -> Value {
    let mut schema = root::<Recorded>("journal-line.schema.json", "JournalLine", false);
    let hash = json!({ "type": "string", "pattern": "^[0-9a-f]{64}$" });
    if let Value::Object(object) = &mut schema {
        object.insert(
            "description".into(),
            json!(format!(
                "One line of a journal file: the event with its envelope. `prev` is the hash of \
                 the line before ({GENESIS} on line 1), `hash` the SHA-256 of the line up to it. \
                 In format version 2 each personal text of `event` is a commitment (`c:` and 64 \
                 hex digits) and `texts`, after `hash`, holds each text with its salt, or the \
                 seq of the erasure that removed it."
            )),
        );
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            properties.insert(
                "v".into(),
                json!({ "enum": [crate::journal::FORMAT_VERSION, crate::journal::FORMAT_V2] }),
            );
            // Issue 12: the text part of a version 2 line.
            properties.insert(
                "texts".into(),
                json!({
                    "type": "array",
                    "items": {
                        "oneOf": [
                            {
                                "type": "object",
                                "properties": {
                                    "salt": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
                                    "text": { "type": "string" }
                                },
                                "required": ["salt", "text"],
                                "additionalProperties": false
                            },
                            {
                                "type": "object",
                                "properties": {
                                    "erased": { "type": "integer", "minimum": 2 }
                                },
                                "required": ["erased"],
                                "additionalProperties": false
                            }
                        ]
                    }
                }),
            );
            properties.insert(
                "engagement".into(),
                json!({ "type": "string", "pattern": ID_PATTERN }),
            );
            properties.insert("prev".into(), hash.clone());
            properties.insert("hash".into(), hash);
        }
        object.insert(
            "required".into(),
            json!([
                "v",
                "engagement",
                "seq",
                "at",
                "by",
                "event",
                "prev",
                "hash"
            ]),
        );
        object.insert("additionalProperties".into(), json!(false));
    }
    schema
}
