//! The stage machine as an embedding app sees it: the table is the only source of the rules,
//! every refused move is explained and changes nothing, and a lifecycle survives storage.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pendamping::lifecycle::{self, TRANSITIONS, allowed_from, check, is_terminal, kind_of};
use pendamping::{
    Change, Lang, Lifecycle, Stage, StageTime, Status, TransitionError, TransitionKind,
};
use proptest::prelude::*;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, VecDeque};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap()
}

fn day(n: i64) -> DateTime<Utc> {
    t0() + TimeDelta::days(n)
}

/// The shortest way from the start to `target`, found by walking the table.
fn path_to(target: Status) -> Vec<Status> {
    let start = Status::Active(Stage::NeedsAssessment);
    let mut came_from = BTreeMap::from([(start, start)]);
    let mut queue = VecDeque::from([start]);
    while let Some(status) = queue.pop_front() {
        for t in allowed_from(status) {
            if let Entry::Vacant(entry) = came_from.entry(t.to) {
                entry.insert(status);
                queue.push_back(t.to);
            }
        }
    }
    let mut path = vec![target];
    let mut at = target;
    while at != start {
        at = came_from[&at];
        path.push(at);
    }
    path.pop();
    path.reverse();
    path
}

fn lifecycle_at(target: Status) -> Lifecycle {
    let mut life = Lifecycle::new(t0());
    for (n, status) in path_to(target).into_iter().enumerate() {
        life.transition(status, day(n as i64)).unwrap();
    }
    assert_eq!(life.status(), target);
    life
}

fn illegal_message(from: Status, to: Status) -> String {
    let allowed: Vec<&str> = allowed_from(from).map(|t| t.to.as_str()).collect();
    format!(
        "cannot move from {} to {}: allowed targets are {}",
        from.as_str(),
        to.as_str(),
        allowed.join(", ")
    )
}

#[test]
fn the_table_has_the_designed_shape() {
    assert_eq!(TRANSITIONS.len(), 24);
    let count = |kind| TRANSITIONS.iter().filter(|t| t.kind == kind).count();
    assert_eq!(count(TransitionKind::Advance), 4);
    assert_eq!(count(TransitionKind::Reassess), 2);
    assert_eq!(count(TransitionKind::Revise), 2);
    assert_eq!(count(TransitionKind::Continue), 1);
    assert_eq!(count(TransitionKind::EndEarly), 3);
    assert_eq!(count(TransitionKind::Hold), 5);
    assert_eq!(count(TransitionKind::Resume), 5);
    assert_eq!(count(TransitionKind::Close), 1);
    assert_eq!(count(TransitionKind::Reopen), 1);
    for t in TRANSITIONS {
        match t.kind {
            TransitionKind::Hold => {
                assert!(matches!((t.from, t.to), (Status::Active(a), Status::OnHold(b)) if a == b));
            }
            TransitionKind::Resume => {
                assert!(matches!((t.from, t.to), (Status::OnHold(a), Status::Active(b)) if a == b));
            }
            TransitionKind::Close => {
                assert_eq!(
                    (t.from, t.to),
                    (Status::Active(Stage::Termination), Status::Closed)
                );
            }
            TransitionKind::Reopen => {
                assert_eq!(
                    (t.from, t.to),
                    (Status::Closed, Status::Active(Stage::NeedsAssessment))
                );
            }
            TransitionKind::EndEarly => {
                assert_eq!(t.to, Status::Active(Stage::Termination));
                assert_ne!(t.from, Status::Active(Stage::Evaluation));
            }
            _ => assert!(matches!(
                (t.from, t.to),
                (Status::Active(_), Status::Active(_))
            )),
        }
    }
    // Every status can be reached from the start, and every status has a way out.
    for status in Status::ALL {
        assert_eq!(lifecycle_at(status).status(), status);
        assert!(allowed_from(status).next().is_some(), "{status:?}");
        assert_eq!(is_terminal(status), status == Status::Closed);
    }
}

#[test]
fn the_module_docs_show_the_table() {
    let source = include_str!("../src/lifecycle/mod.rs");
    let shown: Vec<&str> = source
        .lines()
        .filter(|l| l.starts_with("//! | `"))
        .collect();
    let rendered: Vec<String> = TRANSITIONS
        .iter()
        .map(|t| {
            format!(
                "//! | `{}` | `{}` | {} |",
                t.from.as_str(),
                t.to.as_str(),
                t.kind.as_str()
            )
        })
        .collect();
    assert_eq!(shown, rendered);
}

#[test]
fn every_pair_of_statuses_is_allowed_by_the_table_or_refused() {
    let mut allowed = 0;
    for from in Status::ALL {
        for to in Status::ALL {
            let row = TRANSITIONS.iter().find(|t| t.from == from && t.to == to);
            let mut life = lifecycle_at(from);
            let before = life.clone();
            let at = life.since() + TimeDelta::hours(1);
            let mut status = from;
            match row {
                Some(row) => {
                    allowed += 1;
                    assert_eq!(kind_of(from, to), Some(row.kind));
                    assert_eq!(check(from, to), Ok(row.kind));
                    assert_eq!(status.transition(to), Ok(row.kind));
                    assert_eq!(status, to);
                    assert_eq!(life.transition(to, at), Ok(row.kind));
                    assert_eq!(life.status(), to);
                    assert_eq!(
                        life.history().last(),
                        Some(&Change {
                            from,
                            to,
                            kind: row.kind,
                            at
                        })
                    );
                }
                None => {
                    let expected = TransitionError::Illegal { from, to };
                    assert_eq!(kind_of(from, to), None);
                    assert_eq!(check(from, to), Err(expected.clone()));
                    assert_eq!(status.transition(to), Err(expected.clone()));
                    assert_eq!(status, from);
                    let err = life.transition(to, at).unwrap_err();
                    assert_eq!(err, expected);
                    assert_eq!(err.to_string(), illegal_message(from, to));
                    assert_eq!(life, before);
                }
            }
        }
    }
    assert_eq!(allowed, TRANSITIONS.len());
}

#[test]
fn refusals_have_pinned_messages() {
    let msg = |from, to| check(from, to).unwrap_err().to_string();
    assert_eq!(
        msg(Status::Active(Stage::Evaluation), Status::Closed),
        "cannot move from active(evaluation) to closed: allowed targets are \
         active(implementation), active(planning), active(needs_assessment), \
         active(termination), on_hold(evaluation)"
    );
    assert_eq!(
        msg(
            Status::Active(Stage::NeedsAssessment),
            Status::Active(Stage::Implementation)
        ),
        "cannot move from active(needs_assessment) to active(implementation): allowed targets \
         are active(planning), active(termination), on_hold(needs_assessment)"
    );
    assert_eq!(
        msg(
            Status::OnHold(Stage::Planning),
            Status::OnHold(Stage::Planning)
        ),
        "cannot move from on_hold(planning) to on_hold(planning): allowed targets are \
         active(planning)"
    );
    assert_eq!(
        msg(Status::Closed, Status::Closed),
        "cannot move from closed to closed: allowed targets are active(needs_assessment)"
    );
}

#[test]
fn time_going_back_is_refused() {
    let mut life = Lifecycle::new(day(0));
    let err = life
        .transition(Status::Active(Stage::Planning), day(-1))
        .unwrap_err();
    assert_eq!(
        err,
        TransitionError::TimeWentBack {
            at: day(-1),
            last: day(0)
        }
    );
    assert_eq!(
        err.to_string(),
        "time went back: 2025-01-05 08:00:00 UTC is before the last change at 2025-01-06 \
         08:00:00 UTC"
    );
    assert_eq!(life, Lifecycle::new(day(0)));

    life.transition(Status::Active(Stage::Planning), day(3))
        .unwrap();
    let before = life.clone();
    assert!(matches!(
        life.transition(Status::Active(Stage::Implementation), day(2)),
        Err(TransitionError::TimeWentBack { .. })
    ));
    assert_eq!(life, before);
    // The same instant as the last change is not going back.
    assert_eq!(
        life.transition(Status::Active(Stage::Implementation), day(3)),
        Ok(TransitionKind::Advance)
    );
    // An illegal move at a backdated time is reported as illegal.
    assert!(matches!(
        life.transition(Status::Closed, day(1)),
        Err(TransitionError::Illegal { .. })
    ));
}

/// A year of one family's engagement, reopened after closing.
fn hand_made() -> Lifecycle {
    use Stage::*;
    use Status::*;
    let mut life = Lifecycle::new(day(0));
    let steps = [
        (OnHold(NeedsAssessment), 2, TransitionKind::Hold),
        (Active(NeedsAssessment), 5, TransitionKind::Resume),
        (Active(Planning), 6, TransitionKind::Advance),
        (Active(Implementation), 10, TransitionKind::Advance),
        (Active(Evaluation), 20, TransitionKind::Advance),
        (Active(Planning), 22, TransitionKind::Revise),
        (Active(Implementation), 23, TransitionKind::Advance),
        (Active(Evaluation), 28, TransitionKind::Advance),
        (Active(Termination), 29, TransitionKind::Advance),
        (Closed, 32, TransitionKind::Close),
        (Active(NeedsAssessment), 62, TransitionKind::Reopen),
    ];
    for (to, n, kind) in steps {
        assert_eq!(life.transition(to, day(n)), Ok(kind));
    }
    life
}

#[test]
fn time_in_stage_on_a_hand_made_history() {
    let life = hand_made();
    assert_eq!(life.started(), day(0));
    assert_eq!(life.since(), day(62));
    assert_eq!(life.time_in_current(day(63)), Ok(TimeDelta::days(1)));
    assert_eq!(life.time_in_current(day(62)), Ok(TimeDelta::zero()));
    assert_eq!(
        life.time_in_current(day(61)).unwrap_err().to_string(),
        "time went back: 2025-03-08 08:00:00 UTC is before the last change at 2025-03-09 \
         08:00:00 UTC"
    );
    assert!(life.time_per_stage(day(61)).is_err());

    let days = |active, on_hold| StageTime {
        active: TimeDelta::days(active),
        on_hold: TimeDelta::days(on_hold),
    };
    let times = life.time_per_stage(day(63)).unwrap();
    let expected = BTreeMap::from([
        (Stage::NeedsAssessment, days(4, 3)),
        (Stage::Planning, days(5, 0)),
        (Stage::Implementation, days(15, 0)),
        (Stage::Evaluation, days(3, 0)),
        (Stage::Termination, days(3, 0)),
    ]);
    assert_eq!(times, expected);
    // Together with the 30 days closed, the stages account for every day.
    let total: TimeDelta = times.values().map(|t| t.total()).sum();
    assert_eq!(total + TimeDelta::days(30), day(63) - day(0));

    assert_eq!(life.evaluation_cycles(), 2);
    assert_eq!(life.times_entered(Stage::NeedsAssessment), 2);
    assert_eq!(life.times_entered(Stage::Planning), 2);
    assert_eq!(life.times_entered(Stage::Termination), 1);

    let fresh = Lifecycle::new(day(0));
    assert_eq!(
        fresh.time_per_stage(day(1)).unwrap(),
        BTreeMap::from([(Stage::NeedsAssessment, days(1, 0))])
    );
    assert_eq!(fresh.evaluation_cycles(), 0);
}

#[test]
fn status_serde_form_is_pinned() {
    assert_eq!(
        serde_json::to_string(&Status::Active(Stage::Planning)).unwrap(),
        r#"{"active":"planning"}"#
    );
    assert_eq!(
        serde_json::to_string(&Status::OnHold(Stage::NeedsAssessment)).unwrap(),
        r#"{"on_hold":"needs_assessment"}"#
    );
    assert_eq!(
        serde_json::to_string(&Status::Closed).unwrap(),
        r#""closed""#
    );
    for status in Status::ALL {
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
        assert_eq!(status.as_str().parse::<Status>().unwrap(), status);
        assert_eq!(status.to_string(), status.label(Lang::En));
    }
    assert!(serde_json::from_str::<Status>(r#"{"active":"closed"}"#).is_err());
    assert!(serde_json::from_str::<Status>(r#""active""#).is_err());
}

#[test]
fn status_labels() {
    assert_eq!(
        Status::Active(Stage::Planning).label(Lang::En),
        "Active: Planning and programme selection"
    );
    assert_eq!(
        Status::Active(Stage::Planning).label(Lang::Id),
        "Aktif: Perencanaan dan penyeleksian program"
    );
    assert_eq!(
        Status::OnHold(Stage::Termination).label(Lang::Id),
        "Ditunda: Pengakhiran"
    );
    assert_eq!(Status::Closed.label(Lang::En), "Closed");
    assert_eq!(Status::Closed.label(Lang::Id), "Ditutup");
    assert_eq!(format!("[{:>8}]", Status::Closed), "[  Closed]");
}

#[test]
fn lifecycle_serde_round_trips_and_is_checked_on_the_way_in() {
    let life = hand_made();
    let json = serde_json::to_value(&life).unwrap();
    assert_eq!(
        json["status"],
        serde_json::json!({"active": "needs_assessment"})
    );
    assert_eq!(json["history"][0]["kind"], "hold");
    assert_eq!(json["started"], "2025-01-06T08:00:00Z");
    assert_eq!(
        serde_json::from_value::<Lifecycle>(json.clone()).unwrap(),
        life
    );

    let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut bad = json.clone();
        edit(&mut bad);
        serde_json::from_value::<Lifecycle>(bad)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refused(&|v| v["status"] = serde_json::json!("closed")),
        "status closed does not match the history, which ends at active(needs_assessment)"
    );
    assert_eq!(
        refused(&|v| v["history"][2]["kind"] = serde_json::json!("revise")),
        "history entry 2: recorded as revise but the move is advance"
    );
    assert_eq!(
        refused(&|v| v["history"][3]["at"] = serde_json::json!("2025-01-01T00:00:00Z")),
        "history entry 3: time went back: 2025-01-01 00:00:00 UTC is before the last change at \
         2025-01-12 08:00:00 UTC"
    );
    assert_eq!(
        refused(&|v| v["history"][3]["to"] = serde_json::json!("closed")),
        "history entry 3: cannot move from active(planning) to closed: allowed targets are \
         active(needs_assessment), active(implementation), active(termination), \
         on_hold(planning)"
    );
    assert_eq!(
        refused(&|v| v["history"][1]["from"] = serde_json::json!({"active": "planning"})),
        "history entry 1: leaves active(planning) but the status was on_hold(needs_assessment)"
    );
    assert!(refused(&|v| v["extra"] = serde_json::json!(1)).starts_with("unknown field `extra`"));
}

#[test]
fn diagrams_draw_every_row_in_both_languages() {
    for lang in [Lang::En, Lang::Id] {
        let mermaid = lifecycle::mermaid(lang);
        let dot = lifecycle::dot(lang);
        for t in TRANSITIONS {
            let label = t.kind.label(lang);
            assert_eq!(
                mermaid.matches(&format!(" : {label}\n")).count(),
                TRANSITIONS.iter().filter(|u| u.kind == t.kind).count()
            );
            assert!(dot.contains(&format!("[label=\"{label}\"];\n")));
        }
        for status in Status::ALL {
            assert!(mermaid.contains(&format!("state \"{}\" as ", status.label(lang))));
            assert!(dot.contains(&format!("[label=\"{}\"", status.label(lang))));
        }
        // One edge line per row, plus the start marker.
        assert_eq!(mermaid.matches(" --> ").count(), TRANSITIONS.len() + 1);
        assert_eq!(dot.matches(" -> ").count(), TRANSITIONS.len() + 1);
        assert!(dot.ends_with("}\n"));
    }
}

#[test]
fn the_readme_shows_the_current_diagram() {
    let readme = include_str!("../README.md");
    let section = readme
        .split_once("\n## The stage machine\n")
        .expect("README has a section `## The stage machine`")
        .1;
    let (section, _) = section
        .split_once("\n## ")
        .expect("another section follows");
    assert!(
        readme.contains(&format!("{section}\n## Sources\n")),
        "the stage machine comes right before Sources"
    );
    let diagram = section
        .split_once("```mermaid\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(diagram, _)| diagram)
        .expect("a mermaid block");
    assert_eq!(
        diagram,
        lifecycle::mermaid(Lang::En),
        "update README.md with lifecycle::mermaid(Lang::En)"
    );
}

/// A move to try: either one the table allows from wherever the lifecycle is (picked by
/// position), or any status at all; and the time step in hours, sometimes negative.
fn attempts() -> impl Strategy<Value = Vec<(bool, usize, i64)>> {
    prop::collection::vec((any::<bool>(), 0usize..11, -3i64..48), 0..200)
}

proptest! {
    #[test]
    fn random_attempts_follow_the_table(steps in attempts()) {
        let mut life = Lifecycle::new(t0());
        let mut status = life.status();
        let mut clock = t0();
        for (pick_allowed, n, hours) in steps {
            let allowed: Vec<Status> = allowed_from(life.status()).map(|t| t.to).collect();
            let to = if pick_allowed {
                allowed[n % allowed.len()]
            } else {
                Status::ALL[n]
            };
            clock += TimeDelta::hours(hours);
            let before = life.clone();
            match life.transition(to, clock) {
                Ok(kind) => {
                    prop_assert_eq!(kind_of(before.status(), to), Some(kind));
                    prop_assert!(clock >= before.since());
                    prop_assert_eq!(life.status(), to);
                    prop_assert_eq!(life.history().len(), before.history().len() + 1);
                    prop_assert_eq!(status.transition(to), Ok(kind));
                }
                Err(TransitionError::Illegal { from, .. }) => {
                    prop_assert_eq!(from, before.status());
                    prop_assert_eq!(kind_of(from, to), None);
                    prop_assert!(status.transition(to).is_err());
                    prop_assert_eq!(&life, &before);
                }
                Err(TransitionError::TimeWentBack { at, last }) => {
                    prop_assert!(at < last);
                    prop_assert!(kind_of(before.status(), to).is_some());
                    prop_assert_eq!(&life, &before);
                    clock = last;
                }
                Err(other) => prop_assert!(false, "unexpected error {other}"),
            }
            prop_assert_eq!(status, life.status());
        }
        // Every recorded change is a row of the table, and they chain.
        let mut at = life.started();
        let mut current = Status::Active(Stage::NeedsAssessment);
        for change in life.history() {
            prop_assert_eq!(change.from, current);
            prop_assert_eq!(kind_of(change.from, change.to), Some(change.kind));
            prop_assert!(change.at >= at);
            current = change.to;
            at = change.at;
        }
        prop_assert_eq!(current, life.status());
        // Replaying the history on a fresh lifecycle gives the same lifecycle.
        let mut replayed = Lifecycle::new(life.started());
        for change in life.history() {
            prop_assert_eq!(replayed.transition(change.to, change.at), Ok(change.kind));
        }
        prop_assert_eq!(&replayed, &life);
        // And so does storing it.
        let json = serde_json::to_string(&life).unwrap();
        prop_assert_eq!(serde_json::from_str::<Lifecycle>(&json).unwrap(), life);
    }
}
