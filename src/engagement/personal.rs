//! The personal free text of an event and of an engagement: which texts are personal, whom or
//! what each belongs to, and the marker an erased text is shown as.
//!
//! Every free text a person writes about a client system is personal: names, descriptions,
//! notes, comments, reasons, the texts of an activity, a contribution, the levels of an
//! attainment scale, a summary. Two kinds of free text are not: the `domain` of a need (a
//! category, counted by caseload reports), a resource's [`ServiceDetails`] (directory data
//! about a public service) and the organisation a disclosure consent names (consents are
//! matched by it). The erasure's own reason is not personal either: it is the
//! accountable record of why text was removed and must outlive what it removed.
//!
//! [`event_texts`] is the one list of an event's personal texts, in a fixed order: journal
//! format 2 commits to them in that order, and an erasure finds them there. Its match on
//! [`Event`] names every variant, so a new event has to say which of its texts are personal
//! before the crate compiles. [`state_texts`] is the same list for the engagement's state; both
//! are built from the same per-record functions, so a text has the same owner in an event and in
//! the state it leads to.
//!
//! [`ServiceDetails`]: crate::ServiceDetails

use crate::engagement::{
    Activity, ActivityDetail, ActorId, Amendment, Approval, Correction, CorrectionKind,
    DocumentRef, Engagement, Evaluation, Event, Goal, Holder, Intervention, Need, NeedStatus, Note,
    Plan, Provider, RecordRef, Referral, Resource, TeamMember,
};

/// What an erased text reads as, in an event or in the state, once its words are gone.
///
/// A command may not give this text (it is refused as
/// [`Problem::ErasedMarker`](crate::Problem::ErasedMarker)); a replayed event may carry it,
/// where a journal line's text was erased. Apps show [`is_erased`] texts as erased.
pub const ERASED: &str = "\u{27E6}erased\u{27E7}";

/// Whether a text is the [`ERASED`] marker.
#[must_use]
pub fn is_erased(text: &str) -> bool {
    text == ERASED
}

/// Whom or what a personal text belongs to: the record it is part of, the person it is by or
/// names, both, or neither (a client system's name, a reason for a stage move or a hold, a
/// termination summary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Owner<'e> {
    pub(crate) record: Option<RecordRef>,
    pub(crate) person: Option<&'e ActorId>,
}

impl Owner<'_> {
    const NONE: Self = Self {
        record: None,
        person: None,
    };
}

/// Writes the walk over records once for shared and once for unique borrows, so that reading
/// the texts (indexing, export) and replacing them (commitments, erasure) cannot disagree.
macro_rules! walk {
    ($(#[$attr:meta])* $module:ident $(, $m:ident)?) => {
        $(#[$attr])*
        pub(crate) mod $module {
            use super::*;

            type Out<'e> = Vec<(&'e $($m)? String, Owner<'e>)>;

            /// The texts of every record of a list, in the list's order.
            fn each<'e, T>(
                list: &'e $($m)? Vec<T>,
                texts: fn(&'e $($m)? T, &mut Out<'e>),
                out: &mut Out<'e>,
            ) {
                for x in list {
                    texts(x, out);
                }
            }

            fn record(id: RecordRef) -> Owner<'static> {
                Owner { record: Some(id), person: None }
            }

            fn opt<'e>(text: &'e $($m)? Option<String>, owner: Owner<'e>, out: &mut Out<'e>) {
                if let Some(text) = text {
                    out.push((text, owner));
                }
            }

            fn member<'e>(m: &'e $($m)? TeamMember, out: &mut Out<'e>) {
                let TeamMember { id, name, .. } = m;
                out.push((name, Owner { record: None, person: Some(&*id) }));
            }

            fn need<'e>(n: &'e $($m)? Need, out: &mut Out<'e>) {
                let Need { id, description, status, .. } = n;
                let owner = record(RecordRef::Need(*id));
                out.push((description, owner));
                match status {
                    NeedStatus::Open => {}
                    NeedStatus::Met { note } => opt(note, owner, out),
                    NeedStatus::Deferred { reason } => out.push((reason, owner)),
                }
            }

            fn resource<'e>(r: &'e $($m)? Resource, out: &mut Out<'e>) {
                let Resource { id, description, holder, .. } = r;
                let owner = record(RecordRef::Resource(*id));
                out.push((description, owner));
                match holder {
                    Holder::Client => {}
                    Holder::External { name } | Holder::Surroundings { name, .. } => {
                        out.push((name, owner));
                    }
                }
            }

            fn goal<'e>(g: &'e $($m)? Goal, out: &mut Out<'e>) {
                let Goal { id, description, scale, .. } = g;
                let owner = record(RecordRef::Goal(*id));
                out.push((description, owner));
                if let Some(scale) = scale {
                    for level in & $($m)? scale.levels {
                        out.push((level, owner));
                    }
                }
            }

            fn intervention<'e>(i: &'e $($m)? Intervention, out: &mut Out<'e>) {
                let Intervention { id, description, .. } = i;
                out.push((description, record(RecordRef::Intervention(*id))));
            }

            fn detail<'e>(d: &'e $($m)? ActivityDetail, owner: Owner<'e>, out: &mut Out<'e>) {
                let all = |list: &'e $($m)? Vec<String>, out: &mut Out<'e>| {
                    for text in list {
                        out.push((text, owner));
                    }
                };
                match d {
                    ActivityDetail::Consultation {
                        participants,
                        worker_contribution,
                        client_contribution,
                        options,
                        action_steps,
                    } => {
                        all(participants, out);
                        out.push((worker_contribution, owner));
                        out.push((client_contribution, owner));
                        all(options, out);
                        all(action_steps, out);
                    }
                    ActivityDetail::Linkage { .. } => {}
                    ActivityDetail::Education { topic, learners, educators, prevention_focus } => {
                        out.push((topic, owner));
                        all(learners, out);
                        all(educators, out);
                        opt(prevention_focus, owner, out);
                    }
                    ActivityDetail::Mediation { parties, outcome } => {
                        all(parties, out);
                        out.push((outcome, owner));
                    }
                    ActivityDetail::Advocacy { target_system, outcome, .. } => {
                        out.push((target_system, owner));
                        out.push((outcome, owner));
                    }
                    ActivityDetail::Protection { risk, action } => {
                        out.push((risk, owner));
                        out.push((action, owner));
                    }
                }
            }

            fn activity<'e>(a: &'e $($m)? Activity, out: &mut Out<'e>) {
                let Activity { id, detail: d, note, contributions, .. } = a;
                let owner = record(RecordRef::Activity(*id));
                detail(d, owner, out);
                opt(note, owner, out);
                for c in contributions {
                    let person = Some(&c.member);
                    out.push((& $($m)? c.text, Owner { person, ..owner }));
                }
            }

            fn referral<'e>(r: &'e $($m)? Referral, out: &mut Out<'e>) {
                let Referral { id, provider, history, .. } = r;
                let owner = record(RecordRef::Referral(*id));
                match provider {
                    Provider::Partner { .. } => {}
                    Provider::External { name } => out.push((name, owner)),
                }
                for change in history {
                    let person = Some(&change.by);
                    opt(& $($m)? change.note, Owner { person, ..owner }, out);
                }
            }

            fn evaluation<'e>(e: &'e $($m)? Evaluation, out: &mut Out<'e>) {
                let Evaluation { id, notes, views, .. } = e;
                let owner = record(RecordRef::Evaluation(*id));
                opt(notes, owner, out);
                for v in views {
                    let person = Some(&v.member);
                    out.push((& $($m)? v.text, Owner { person, ..owner }));
                }
            }

            fn approval<'e>(a: &'e $($m)? Approval, plan: Option<RecordRef>, out: &mut Out<'e>) {
                match a {
                    Approval::NotRequested | Approval::Lapsed { .. } => {}
                    Approval::Requested { by, comment, .. }
                    | Approval::Approved { by, comment, .. }
                    | Approval::Rejected { by, comment, .. } => {
                        opt(comment, Owner { record: plan, person: Some(&*by) }, out);
                    }
                }
            }

            fn plan<'e>(p: &'e $($m)? Plan, out: &mut Out<'e>) {
                let Plan { version, reason, approval: a, .. } = p;
                let owner = record(RecordRef::Plan(*version));
                opt(reason, owner, out);
                approval(a, owner.record, out);
            }

            // Issue 14: the everyday record.
            fn note<'e>(n: &'e $($m)? Note, out: &mut Out<'e>) {
                let Note { id, participants, text, .. } = n;
                let owner = record(RecordRef::Note(*id));
                for p in participants {
                    out.push((p, owner));
                }
                out.push((text, owner));
            }

            /// The texts of an amendment belong to the record amended (a need's domain is a
            /// category, as in the need itself).
            fn amendment<'e>(a: &'e $($m)? Amendment, owner: Owner<'e>, out: &mut Out<'e>) {
                match a {
                    Amendment::Description { description: text } | Amendment::Text { text } => {
                        out.push((text, owner));
                    }
                    Amendment::Note { note: text } | Amendment::Notes { notes: text } => {
                        opt(text, owner, out);
                    }
                    Amendment::Participants { participants } => {
                        for p in participants {
                            out.push((p, owner));
                        }
                    }
                    Amendment::Domain { .. }
                    | Amendment::Priority { .. }
                    | Amendment::Barriers { .. }
                    | Amendment::At { .. } => {}
                }
            }

            fn correction<'e>(c: &'e $($m)? Correction, out: &mut Out<'e>) {
                let Correction { record: r, kind, reason, .. } = c;
                let owner = record(*r);
                if let CorrectionKind::Amended { from, to } = kind {
                    amendment(from, owner, out);
                    amendment(to, owner, out);
                }
                out.push((reason, owner));
            }

            fn document<'e>(d: &'e $($m)? DocumentRef, on: Option<RecordRef>, out: &mut Out<'e>) {
                out.push((& $($m)? d.title, Owner { record: on, person: None }));
            }

            /// The personal texts of an event recorded by `by`, in the event's order.
            pub(crate) fn event_texts<'e>(event: &'e $($m)? Event, by: &'e ActorId) -> Out<'e> {
                let mut out = Vec::new();
                let said = |record: Option<RecordRef>| Owner { record, person: Some(by) };
                match event {
                    Event::Opened { client, team, .. } => {
                        out.push((& $($m)? client.name, Owner::NONE));
                        each(team, member, &mut out);
                    }
                    Event::WorkerReassigned { to, .. } => member(to, &mut out),
                    Event::MemberAdded { member: m } => member(m, &mut out),
                    Event::MemberRemoved { .. }
                    | Event::PolicyChanged { .. }
                    | Event::GoalStatusSet { .. }
                    | Event::PlanAgreed { .. }
                    | Event::ConsentGiven { .. }
                    | Event::ConsentWithdrawn { .. }
                    | Event::ScopedConsentGiven { .. }
                    | Event::ScopedConsentWithdrawn { .. }
                    | Event::Erased { .. } => {}
                    Event::EvaluationViewAdded { evaluation, view } => {
                        let owner = Owner {
                            record: Some(RecordRef::Evaluation(*evaluation)),
                            person: Some(&view.member),
                        };
                        out.push((& $($m)? view.text, owner));
                    }
                    Event::NeedRecorded { need: n } => need(n, &mut out),
                    Event::ResourceRecorded { resource: r } => resource(r, &mut out),
                    Event::NeedMet { need, note } => {
                        opt(note, record(RecordRef::Need(*need)), &mut out);
                    }
                    Event::NeedDeferred { need, reason } => {
                        out.push((reason, record(RecordRef::Need(*need))));
                    }
                    Event::GoalAdded { goal: g, .. } => goal(g, &mut out),
                    Event::InterventionAdded { intervention: i, .. } => intervention(i, &mut out),
                    Event::PlanRevised { plan, reason } => {
                        out.push((reason, record(RecordRef::Plan(*plan))));
                    }
                    Event::PlanApprovalRequested { plan, comment }
                    | Event::PlanApprovalDecided { plan, comment, .. } => {
                        opt(comment, said(Some(RecordRef::Plan(*plan))), &mut out);
                    }
                    Event::ActivityRecorded { activity: a } => activity(a, &mut out),
                    Event::ContributionAdded { activity, contribution } => {
                        let owner = Owner {
                            record: Some(RecordRef::Activity(*activity)),
                            person: Some(&contribution.member),
                        };
                        out.push((& $($m)? contribution.text, owner));
                    }
                    Event::ReferralMade { referral: r, activity: a } => {
                        referral(r, &mut out);
                        activity(a, &mut out);
                    }
                    Event::ReferralStatusSet { referral, note, .. } => {
                        opt(note, said(Some(RecordRef::Referral(*referral))), &mut out);
                    }
                    Event::EvaluationRecorded { evaluation: e } => evaluation(e, &mut out),
                    Event::StatusChanged { reason, .. } => opt(reason, Owner::NONE, &mut out),
                    Event::TerminationSummaryRecorded { summary } => {
                        out.push((summary, Owner::NONE));
                    }
                    Event::ClosureApprovalRequested { comment }
                    | Event::ClosureApprovalDecided { comment, .. } => {
                        opt(comment, said(None), &mut out);
                    }
                    Event::FollowUpRecorded { note, .. } => out.push((note, said(None))),
                    // Issue 14: the everyday record.
                    Event::NoteRecorded { note: n } => note(n, &mut out),
                    Event::Amended { record: r, from, to, reason } => {
                        let owner = record(*r);
                        amendment(from, owner, &mut out);
                        amendment(to, owner, &mut out);
                        out.push((reason, owner));
                    }
                    Event::Retracted { record: r, reason } => out.push((reason, record(*r))),
                    Event::DocumentAttached { record: on, document: d } => {
                        document(d, *on, &mut out);
                    }
                    Event::TransferRequested { to, reason, .. } => {
                        member(to, &mut out);
                        out.push((reason, said(None)));
                    }
                    Event::TransferAccepted { note, .. } => opt(note, said(None), &mut out),
                    Event::TransferDeclined { reason, .. } => out.push((reason, said(None))),
                    Event::Imported {
                        needs, resources, goals, interventions, referrals, ..
                    } => {
                        each(needs, need, &mut out);
                        each(resources, resource, &mut out);
                        each(goals, goal, &mut out);
                        each(interventions, intervention, &mut out);
                        each(referrals, referral, &mut out);
                    }
                    Event::DueDateSet { .. } | Event::TransferConsented { .. } => {}
                }
                out
            }

            /// The personal texts an engagement's state holds.
            pub(crate) fn state_texts<'e>(e: &'e $($m)? Engagement) -> Out<'e> {
                let mut out = Vec::new();
                let Engagement {
                    client, team, needs, resources, goals, interventions, plans, activities,
                    referrals, evaluations, hold, termination, follow_ups, notes, corrections,
                    documents, transfer, ..
                } = e;
                out.push((& $($m)? client.name, Owner::NONE));
                each(team, member, &mut out);
                each(needs, need, &mut out);
                each(resources, resource, &mut out);
                each(goals, goal, &mut out);
                each(interventions, intervention, &mut out);
                each(plans, plan, &mut out);
                each(activities, activity, &mut out);
                each(referrals, referral, &mut out);
                each(evaluations, evaluation, &mut out);
                if let Some(hold) = hold {
                    out.push((& $($m)? hold.reason, Owner::NONE));
                }
                if let Some(t) = termination {
                    opt(& $($m)? t.summary, Owner::NONE, &mut out);
                    approval(& $($m)? t.closure_approval, None, &mut out);
                }
                for f in follow_ups {
                    let person = Some(&f.by);
                    out.push((& $($m)? f.note, Owner { record: None, person }));
                }
                each(notes, note, &mut out);
                each(corrections, correction, &mut out);
                for a in documents {
                    document(& $($m)? a.document, a.record, &mut out);
                }
                if let Some(t) = transfer {
                    member(& $($m)? t.to, &mut out);
                    let person = Some(&t.by);
                    out.push((& $($m)? t.reason, Owner { record: None, person }));
                }
                out
            }
        }
    };
}

walk!(
    #[allow(
        dead_code,
        reason = "the state is read through the unique walk only, for now"
    )]
    shared
);
walk!(
    #[cfg_attr(
        not(feature = "journal"),
        allow(
            dead_code,
            reason = "the journal replaces event texts with commitments"
        )
    )]
    unique,
    mut
);

pub(crate) use shared::event_texts;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_not_blank_and_reads_as_erased() {
        assert!(!crate::engagement::text::blank(ERASED));
        assert!(is_erased(ERASED));
        assert!(!is_erased("erased"));
    }
}
