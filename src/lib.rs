//! # pendamping
//!
//! The typed model of generalist social-work practice as *pendampingan sosial* (social
//! accompaniment) in community development, after Edi Suharto's paper of that name.
//!
//! ## The framework on one page
//!
//! A worker accompanies a **client system**, one person, a family, a group, an organisation or
//! a whole community ([`ClientSystemLevel`]), as a *pendamping*: a companion who helps people help
//! themselves, not a healer who solves their problems for them. Following Payne (1986), the work
//! starts from the good things already in the client's life as well as the blocks.
//!
//! **Three visions (3P)** steer the work ([`Vision`]): enabling (*pemungkin*), supporting
//! (*pendukung*) and protecting (*pelindung*).
//!
//! **Three functions** say what an activity is for ([`Function`]), after the generalist paradigm
//! of Johnson (1989) and DuBois & Miley (1992): problem-solving consultation, resource management
//! and education.
//!
//! **Five roles** say how the worker acts ([`Role`]): enabler, broker, mediator, advocate and
//! protector. In the crate's reading each role serves one vision and typically one or two
//! functions (the source names the visions and the roles without mapping them; the mapping is
//! the crate's); the relations are one table, readable from either side ([`Role::vision`], [`Role::typical_functions`],
//! [`Function::typical_roles`], [`Vision::roles`]).
//!
//! **Resources** (*sumber*) are anything the client and worker can use: personal, interpersonal
//! or social ([`ResourceKind`]). People lack them because they are not there, or because a
//! [`Barrier`] keeps them out of reach; the worker manages resources by coordinating,
//! systematising and integrating, never by controlling ([`ManagementMode`]).
//!
//! **Stages** order the problem solving ([`Stage`]): needs assessment, planning and programme
//! selection, implementation, evaluation and termination.
//!
//! **The lifecycle** ([`lifecycle`]) says where an engagement stands, active or on hold in a
//! stage, or closed ([`Status`]), and which moves between statuses exist: one table of data,
//! [`lifecycle::TRANSITIONS`], that also draws itself as a Mermaid or Graphviz diagram.
//! A [`Lifecycle`] keeps the dated history of those moves.
//!
//! **Actors** ([`ActorKind`]): the social worker, a supervisor, members of the client system,
//! and the partners of community development: community representatives, donors and agencies.
//! They work together from design through implementation to evaluation: the client system and
//! the community propose and agree, partners add their own records, and the worker records and
//! decides what the practice requires (the default table is
//! [`engagement::PERMISSIONS`]).
//!
//! **Evaluation** asks how far the agreed goals were reached. Goal Attainment Scaling (Kiresuk &
//! Sherman 1968) rates each goal from −2 to +2 and combines the ratings into one T-score; see
//! [`gas`].
//!
//! **Pictures**: an [`ecomap`] shows the client system among the systems around it (Hartman
//! 1978), with each tie's strength and the way resources flow, drawn as Graphviz DOT or
//! Mermaid. A [`caseload`] sums up many engagements in numbers that name nobody: stages,
//! overdue reviews, time in stage, the practice mix and GAS T-scores.
//!
//! Every term has a stable `snake_case` name for storage and labels in English and Indonesian
//! ([`Lang`]) for people; see [`vocab`].
//!
//! ## The engagement
//!
//! An [`Engagement`] is the record of one client system's accompaniment, kept as events. The
//! app hands it a [`Command`] from an [`Actor`] at a time it chooses; [`Engagement::execute`]
//! checks the actor's permission, the stage, the lifecycle table and every requirement of the
//! move at once, and either refuses with a [`Rejection`] naming all that is missing (changing
//! nothing) or records one [`Event`] in a [`Recorded`] envelope. The app stores those
//! ([`Engagement::take_pending`]) and rebuilds the engagement from them with
//! [`Engagement::replay`], which checks that every event fits the state it lands on. See
//! [`engagement`] for the records it keeps and who may do what.
//!
//! The [`journal`] is the crate's own store for those events: one JSON Lines file per
//! engagement, every line hash-chained to the one before so that any edit is found and located,
//! every append synced before it returns, and a torn tail after a crash recoverable without
//! loss.
//!
//! ## Modules
//!
//! | module | what it holds |
//! |---|---|
//! | [`vocab`] | the closed vocabularies and the [`Vocabulary`] trait they share |
//! | [`lifecycle`] | [`Status`], the transition table, [`Lifecycle`], the diagrams |
//! | [`engagement`] | [`Engagement`], [`Command`], [`Event`], [`Recorded`], [`decide`], the records |
//! | [`journal`] | [`Journal`], [`FileJournal`], `verify`, `load`, `recover`, the row-by-row `Chain` |
//! | [`store`] | the [`Store`] interface and [`FolderStore`], a directory of journals |
//! | [`protect`] | keyed seals and heads: a journal re-hashed, cut short or swapped is found with the key |
//! | [`gas`] | Goal Attainment Scaling T-scores |
//! | [`ecomap`] | the eco-map of an engagement, drawn as Graphviz DOT or Mermaid |
//! | [`caseload`] | many engagements summed up in a report that names nobody |
//! | [`wire`] | the JSON convention, the JSON Schemas, refusals and labels for front ends |
//!
//! How the modules fit together, the way a command becomes a stored event, the invariants and
//! a checklist for adding a command are in `ARCHITECTURE.md`, in the repository and the package.
//!
//! ## Cargo features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `journal` | on | the [`journal`], the [`store`]s built on it and [`protect`] (brings in `sha2`, `fs4` and `hmac`) |
//! | `ecomap` | on | the [`ecomap`] |
//! | `postgres` | off | the PostgreSQL store (implies `journal`) |
//! | `schema` | off | JSON Schemas of the wire types |
//!
//! Without default features the crate is the vocabulary, the lifecycle, the engagement, GAS and
//! caseloads.
//!
//! ## Example: a case from opening to planning
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pendamping::*;
//!
//! let worker = Actor::new("w:siti", ActorKind::SocialWorker)?;
//! let mother = Actor::new("c:sari", ActorKind::ClientMember)?;
//! let day = |d| Utc.with_ymd_and_hms(2026, 3, d, 9, 0, 0).unwrap();
//! let team = vec![
//!     TeamMember { id: worker.id.clone(), kind: worker.kind, name: "Siti".into() },
//!     TeamMember { id: mother.id.clone(), kind: mother.kind, name: "Ibu Sari".into() },
//! ];
//! let mut case = Engagement::open(&worker, day(2), Opening {
//!     id: EngagementId::new("pkh-0142")?,
//!     client: ClientSystem { level: ClientSystemLevel::Family, name: "Keluarga Sari".into() },
//!     team,
//!     policy: Policy::default(),
//! })?;
//!
//! // Needs assessment starts from strengths as well as problems.
//! case.execute(&worker, day(3), Command::RecordNeed {
//!     domain: "schooling".into(),
//!     description: "Rina stopped going to school".into(),
//!     priority: Priority::High,
//!     confidentiality: None,
//! })?;
//! case.execute(&worker, day(3), Command::RecordResource {
//!     kind: ResourceKind::Personal,
//!     description: "Ibu Sari keeps a careful household budget".into(),
//!     holder: None,
//!     barriers: vec![],
//!     service: None,
//!     confidentiality: None,
//! })?;
//! case.execute(&worker, day(4), Command::MoveToStage {
//!     to: Stage::Planning, reason: None, termination: None,
//! })?;
//!
//! // A goal and a programme; implementation waits for the family's agreement.
//! case.execute(&worker, day(5), Command::AddGoal {
//!     description: "Rina is back in school".into(),
//!     addresses: vec![NeedId(1)],
//!     scale: None,
//! })?;
//! case.execute(&worker, day(5), Command::AddIntervention {
//!     description: "Meet the school together".into(),
//!     serves: vec![GoalId(1)],
//!     function: Function::ProblemSolvingConsultation,
//!     role: Role::Mediator,
//!     responsible: Responsible::Joint,
//!     uses: vec![],
//! })?;
//! let implement = Command::MoveToStage { to: Stage::Implementation, reason: None, termination: None };
//! let refusal = case.execute(&worker, day(6), implement.clone()).unwrap_err();
//! assert_eq!(
//!     refusal.to_string(),
//!     "cannot move_to_stage: the client system has not agreed to plan version 1"
//! );
//! case.execute(&mother, day(6), Command::AgreeToPlan { version: PlanVersion(1), on_behalf_of: None })?;
//! case.execute(&worker, day(6), implement)?;
//! assert_eq!(case.status(), Status::Active(Stage::Implementation));
//!
//! // What the app stores rebuilds the same engagement.
//! assert_eq!(Engagement::replay(case.take_pending())?, case);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Example: the vocabulary
//!
//! ```
//! use pendamping::{Function, Lang, Role, Stage, Vision};
//!
//! // A field app reads a worker's choice in Indonesian and stores the stable name.
//! let role: Role = "pembela".parse()?;
//! assert_eq!(role.as_str(), "advocate");
//! assert_eq!(role.vision(), Vision::Protecting);
//! assert_eq!(role.vision().label(Lang::Id), "Pelindung");
//!
//! // Which roles does resource management call for?
//! let roles: Vec<Role> = Function::ResourceManagement.typical_roles().collect();
//! assert_eq!(roles, [Role::Broker, Role::Mediator, Role::Advocate, Role::Protector]);
//!
//! // The stages in the seed's order.
//! let mut stage = Stage::NeedsAssessment;
//! let mut path = vec![stage.label(Lang::Id)];
//! while let Some(next) = stage.next() {
//!     stage = next;
//!     path.push(stage.label(Lang::Id));
//! }
//! assert_eq!(path.last(), Some(&"Pengakhiran"));
//! # Ok::<(), pendamping::ParseError>(())
//! ```
#![warn(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod caseload;
#[cfg(feature = "ecomap")]
pub mod ecomap;
pub mod engagement;
pub mod gas;
#[cfg(feature = "journal")]
pub mod journal;
pub mod lifecycle;
#[cfg(feature = "journal")]
pub mod protect;
mod render;
#[cfg(feature = "journal")]
pub mod store;
pub mod vocab;
pub mod wire;

pub use engagement::{
    Achievement, Activity, ActivityDetail, ActivityId, Actor, ActorId, AdvocacyScope, Agreement,
    Approval, ClientSystem, Command, Confidentiality, Consent, ConsentScope, Contribution,
    Decision, Engagement, EngagementId, Evaluation, EvaluationId, EvaluationView, Event, FollowUp,
    GasScale, Goal, GoalEvaluation, GoalId, GoalStatus, Hold, Holder, Intervention, InterventionId,
    Need, NeedId, NeedStatus, Opening, Permission, Plan, PlanVersion, Policy, Priority, Problem,
    Provider, ReadAccess, RecordRef, Recorded, Referral, ReferralChange, ReferralId, ReferralSide,
    ReferralStatus, Resource, ResourceId, Responsible, RoleMix, ServiceDetails, Surrounding,
    TeamMember, Termination, TerminationReason, decide,
};
pub use engagement::{
    NotPermittedBecause, Rejection, ReplayError, ReplayErrorKind, View, ViewError,
};
// Issue 14: the everyday record.
pub use engagement::{
    Amendment, Attachment, ContactKind, Correction, CorrectionKind, Dated, DocumentId, DocumentRef,
    Due, ImportSource, ImportedCase, ImportedGoal, ImportedIntervention, ImportedNeed,
    ImportedReferral, ImportedResource, Note, NoteId, Transfer,
};
// Issue 12: erasure.
pub use engagement::{ERASED, Erasure, ErasureTarget, TextSlot, is_erased};
#[cfg(feature = "journal")]
pub use journal::{FileJournal, Journal, JournalError, JournalOptions, LineErrorKind};
pub use lifecycle::{
    Change, Lifecycle, StageTime, Status, Transition, TransitionError, TransitionKind,
};
#[cfg(feature = "journal")]
pub use store::{FolderStore, Store, StoreError};
pub use vocab::{
    ActorKind, Barrier, ClientSystemLevel, Function, Lang, ManagementMode, ParseError,
    ResourceKind, Role, Stage, Vision, Vocabulary,
};

// The README's example is compiled and run as a doc test, so it cannot go stale.
#[doc = include_str!("../README.md")]
#[cfg(all(doctest, feature = "journal", feature = "ecomap"))]
struct ReadmeDoctests;
