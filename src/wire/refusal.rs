//! Refusals on the wire: a [`Rejection`] as the JSON a front end shows, each problem with its
//! stable code, the command member it concerns, the values involved and the message in the
//! worker's language.

use crate::engagement::Problem;
use crate::wire::locate::locate_all;
use crate::wire::values::{problem_values, why_code, why_values};
use crate::{Actor, Command, Lang, Opening, Rejection};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A refused command as a front end receives it.
///
/// `reason` is `"not_permitted"` (then `actor` and `why` say who and why not, and `problems` is
/// empty) or `"refused"` (then `problems` lists everything that stands in the way). The codes
/// are stable; the messages are for people and may be reworded.
///
/// ```
/// use pendamping::{Lang, NeedId, Problem, Rejection, Command};
/// use pendamping::wire::Refusal;
///
/// let command = Command::AddGoal {
///     description: " ".into(),
///     addresses: vec![NeedId(1), NeedId(9)],
///     scale: None,
/// };
/// let rejection = Rejection::Refused {
///     command: "add_goal",
///     problems: vec![
///         Problem::EmptyText { field: "description" },
///         Problem::Unknown(pendamping::RecordRef::Need(NeedId(9))),
///     ],
/// };
/// let refusal = Refusal::of_command(&rejection, &command, Lang::Id);
/// assert_eq!(refusal.problems[0].path.as_deref(), Some("/description"));
/// assert_eq!(refusal.problems[1].path.as_deref(), Some("/addresses/1"));
/// assert_eq!(refusal.problems[1].code, "unknown");
/// assert_eq!(refusal.problems[1].message, "kebutuhan 9 tidak ada");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Refusal {
    /// The command's stable name (`"add_goal"`, `"open"`).
    pub command: String,
    /// `"not_permitted"` or `"refused"`.
    pub reason: String,
    /// The language of the messages (`"en"`, `"id"`).
    pub lang: String,
    /// The whole refusal in one sentence, in that language.
    pub message: String,
    /// Who asked, for a refused permission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    /// Why the actor may not, for a refused permission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<ProblemReport>,
    /// Every problem, in the order the engagement found them.
    pub problems: Vec<ProblemReport>,
}

/// One problem of a [`Refusal`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProblemReport {
    /// The stable code ([`Problem::code`]).
    pub code: String,
    /// The JSON Pointer of the command member it concerns (`/addresses/1`), when it concerns
    /// one; left out for problems of the engagement's state (`no_open_need`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The values involved, each named like the problem's field and in its type's serde form.
    pub values: Map<String, Value>,
    /// The problem in words, in the refusal's language.
    pub message: String,
}

impl Refusal {
    /// The refusal from the rejection alone: a problem has a path where the command's name
    /// and the problem tell it (`/description`, `/addresses` for a list too long); which entry
    /// of a list a problem concerns needs the command ([`Refusal::of_command`]).
    #[must_use]
    pub fn new(rejection: &Rejection, lang: Lang) -> Self {
        Self::build(rejection, None, lang)
    }

    /// The refusal of `command`: paths name the very entry a problem concerns (`/addresses/1`).
    #[must_use]
    pub fn of_command(rejection: &Rejection, command: &Command, lang: Lang) -> Self {
        Self::build(rejection, serde_json::to_value(command).ok(), lang)
    }

    /// The refusal of an opening, with paths into the [`Opening`] (`/team/2/name`).
    #[must_use]
    pub fn of_opening(rejection: &Rejection, opening: &Opening, lang: Lang) -> Self {
        Self::build(rejection, serde_json::to_value(opening).ok(), lang)
    }

    fn build(rejection: &Rejection, input: Option<Value>, lang: Lang) -> Self {
        let message = rejection.message(lang);
        match rejection {
            Rejection::NotPermitted {
                actor,
                command,
                why,
            } => Self {
                command: (*command).to_owned(),
                reason: "not_permitted".into(),
                lang: lang.as_str().into(),
                message,
                actor: Some(actor.clone()),
                why: Some(ProblemReport {
                    code: why_code(why).into(),
                    path: None,
                    values: why_values(why),
                    message: why.message(lang),
                }),
                problems: Vec::new(),
            },
            Rejection::Refused { command, problems } => {
                let paths = locate_all(command, input.as_ref(), problems);
                Self {
                    command: (*command).to_owned(),
                    reason: "refused".into(),
                    lang: lang.as_str().into(),
                    message,
                    actor: None,
                    why: None,
                    problems: problems
                        .iter()
                        .zip(paths)
                        .map(|(problem, path)| report(problem, path, lang))
                        .collect(),
                }
            }
        }
    }
}

fn report(problem: &Problem, path: Option<String>, lang: Lang) -> ProblemReport {
    ProblemReport {
        code: problem.code().into(),
        path,
        values: problem_values(problem),
        message: problem.message(lang),
    }
}

impl Serialize for Rejection {
    /// The [`Refusal`] form in English ([`Refusal::new`]); for another language or paths to
    /// list entries, serialise a [`Refusal`] instead.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Refusal::new(self, Lang::En).serialize(serializer)
    }
}

impl Serialize for Problem {
    /// The [`ProblemReport`] form in English, without a path: which member a problem concerns
    /// depends on the command, so a path is only given inside a [`Refusal`].
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        report(self, None, Lang::En).serialize(serializer)
    }
}
