//! A caseload as a supervisor or a donor sees it: a small caseload whose every number was worked
//! out by hand, the nearest-rank percentiles, merging, and a report that names nobody.

mod builder;

use builder::{Case, day, member};
use pendamping::caseload::{
    Caseload, CaseloadError, Durations, EngagementSummary, T_BAND_EDGES, nearest_rank,
};
use pendamping::gas::Level;
use pendamping::{ActorKind, Decision, Function, Lang, Provider, ResourceKind, Role, Stage};

const DAY: i64 = 86_400;

/// Six engagements, each taken to a different place (times in days from day 0):
///
/// | | opened | moves | at day 100 | latest T |
/// |---|---|---|---|---|
/// | A | 0 | – | needs assessment 100, review overdue (due day 90) | – |
/// | B | 10 | planning 20 | planning 80 | – |
/// | C | 0 | planning 10, implementation 30, evaluation 40, implementation 40 | implementation 60 | 50 |
/// | D | 0 | planning 5, implementation 10, evaluation 20, implementation 20, hold 50 | on hold in implementation, 80 since entering | 60 |
/// | E | 0 | termination 30, closed 30 | closed | – |
/// | F | 0 | planning 2, implementation 4, evaluation 6, implementation 6, evaluation 60 | evaluation 40 | 40 (30 before) |
fn six() -> Vec<pendamping::Engagement> {
    let open = |id: &str, at| Case::open(id, "Keluarga", "Ibu", vec![], at);

    let a = open("a", day(0));

    let mut b = open("b", day(10));
    b.assess(day(20));

    let mut c = open("c", day(0));
    c.assess(day(10));
    c.plan(day(30), 2);
    c.activity(day(31), Role::Broker, Function::ResourceManagement);
    c.activity(day(32), Role::Enabler, Function::ProblemSolvingConsultation);
    c.evaluate(day(40), Level::Expected, Decision::Continue);
    c.stage(day(40), Stage::Implementation);

    let mut d = open("d", day(0));
    d.assess(day(5));
    d.plan(day(10), 1);
    d.activity(day(11), Role::Advocate, Function::ResourceManagement);
    d.evaluate(day(20), Level::MoreThanExpected, Decision::Continue);
    d.stage(day(20), Stage::Implementation);
    d.hold(day(50));

    let mut e = open("e", day(0));
    e.end_and_close(day(30));

    let mut f = open("f", day(0));
    f.assess(day(2));
    f.plan(day(4), 3);
    f.activity(day(5), Role::Broker, Function::ResourceManagement);
    f.evaluate(day(6), Level::MuchLessThanExpected, Decision::Continue);
    f.stage(day(6), Stage::Implementation);
    f.activity(day(7), Role::Broker, Function::ResourceManagement);
    f.evaluate(day(60), Level::LessThanExpected, Decision::Terminate);

    [a, b, c, d, e, f].into_iter().map(|case| case.e).collect()
}

fn days(count: usize, median: i64, p90: i64) -> Durations {
    let mut d = Durations::default();
    d.count = count;
    d.median_secs = Some(median * DAY);
    d.p90_secs = Some(p90 * DAY);
    d
}

#[test]
fn a_small_caseload_by_hand() {
    let cases = six();
    let report = Caseload::from_engagements(day(100), &cases).report();

    assert_eq!(report.at, day(100));
    assert_eq!(report.engagements, 6);
    assert_eq!(report.closed, 1);
    assert_eq!(report.reviews_overdue, 1);
    assert_eq!(report.untimed, 0);

    let counts: Vec<(Stage, usize, usize)> = report
        .stages
        .iter()
        .map(|s| (s.stage, s.active, s.on_hold))
        .collect();
    assert_eq!(
        counts,
        [
            (Stage::NeedsAssessment, 1, 0),
            (Stage::Planning, 1, 0),
            (Stage::Implementation, 1, 1),
            (Stage::Evaluation, 1, 0),
            (Stage::Termination, 0, 0),
        ]
    );

    // Time spent in each stage, over everyone who has been there.
    let spent: Vec<Durations> = report.stages.iter().map(|s| s.time_spent).collect();
    assert_eq!(
        spent,
        [
            days(6, 10, 100), // 2 5 10 10 30 100: ranks 3 and 6
            days(4, 5, 80),   // 2 5 20 80: ranks 2 and 4
            days(3, 70, 90),  // 56 70 90
            days(3, 0, 40),   // 0 0 40
            days(1, 0, 0),    // E passed through termination the day it closed
        ]
    );

    // Time since entering the current stage; the hold of D does not restart its clock.
    let current: Vec<Durations> = report.stages.iter().map(|s| s.time_in_current).collect();
    assert_eq!(
        current,
        [
            days(1, 100, 100),
            days(1, 80, 80),
            days(2, 60, 80),
            days(1, 40, 40),
            Durations::default(),
        ]
    );

    // The practice mix, summed.
    let roles: Vec<usize> = report.role_mix.by_role().map(|(_, n)| n).collect();
    assert_eq!(roles, [1, 3, 0, 1, 0]);
    let functions: Vec<usize> = report.role_mix.by_function().map(|(_, n)| n).collect();
    assert_eq!(functions, [1, 4, 0]);
    assert_eq!(report.role_mix.total(), 5);

    // Latest T-scores 40, 50, 60 (one goal each: 50 + 10x).
    let t = &report.t_scores;
    assert_eq!(t.count, 3);
    assert_eq!(
        (t.p10, t.median, t.p90),
        (Some(40.0), Some(50.0), Some(60.0))
    );
    let bands: Vec<(Option<u8>, Option<u8>, usize)> =
        t.bands.iter().map(|b| (b.from, b.below, b.count)).collect();
    assert_eq!(
        bands,
        [
            (None, Some(30), 0),
            (Some(30), Some(40), 0),
            (Some(40), Some(50), 1),
            (Some(50), Some(60), 1),
            (Some(60), Some(70), 1),
            (Some(70), None, 0),
        ]
    );
    assert_eq!(T_BAND_EDGES, [30, 40, 50, 60, 70]);
}

#[test]
fn the_table_in_both_languages() {
    let report = Caseload::from_engagements(day(100), &six()).report();
    let en = report.to_string();
    assert_eq!(en, report.table(Lang::En));
    let expected = "\
Caseload at 2026-04-11 09:00 UTC
Engagements: 6, closed: 1, reviews overdue: 1

Stage                              Active  On hold  Time in stage             Since entering
                                                    days: n, median, p90      days: n, median, p90
Needs assessment                        1        0  6, 10.0, 100.0            1, 100.0, 100.0
Planning and programme selection        1        0  4, 5.0, 80.0              1, 80.0, 80.0
Implementation                          1        1  3, 70.0, 90.0             2, 60.0, 80.0
Evaluation                              1        0  3, 0.0, 40.0              1, 40.0, 40.0
Termination                             0        0  1, 0.0, 0.0               0, -, -

Role            Activities
Enabler                  1
Broker                   3
Mediator                 0
Advocate                 1
Protector                0

Function                        Activities
Problem-solving consultation             1
Resource management                      4
Education                                0

Latest GAS T-scores: n 3, p10 40.0, median 50.0, p90 60.0
  below 30             0
  30–<40               0
  40–<50               1
  50–<60               1
  60–<70               1
  70 and above         0
";
    assert_eq!(en, expected, "\n{en}");
    let id = report.table(Lang::Id);
    assert!(id.starts_with("Beban kasus per 2026-04-11 09:00 UTC\nPendampingan: 6, ditutup: 1, tinjauan terlambat: 1\n"), "{id}");
    assert!(id.contains("\nPemahaman kebutuhan "), "{id}");
    assert!(id.contains("\n  di bawah 30 "), "{id}");
}

#[test]
fn an_empty_caseload() {
    let report = Caseload::new(day(0)).report();
    assert_eq!(report.engagements, 0);
    assert!(
        report
            .stages
            .iter()
            .all(|s| s.time_spent == Durations::default())
    );
    assert_eq!(report.t_scores.count, 0);
    assert_eq!(report.t_scores.median, None);
    assert!(
        report
            .to_string()
            .contains("Latest GAS T-scores: none yet\n")
    );
}

#[test]
fn percentiles_by_nearest_rank() {
    // The classic worked example: 15, 20, 35, 40, 50.
    let v = [15, 20, 35, 40, 50];
    let got: Vec<_> = [5, 30, 40, 50, 100].map(|p| nearest_rank(&v, p)).to_vec();
    assert_eq!(got, [Some(15), Some(20), Some(20), Some(35), Some(50)]);
    // 1..=100: the p-th percentile is p itself.
    let hundred: Vec<u32> = (1..=100).collect();
    for p in 1..=100_u8 {
        assert_eq!(nearest_rank(&hundred, p), Some(u32::from(p)));
    }
    // Ten values: p90 is the 9th, p91 the 10th; the median is the 5th.
    let ten: Vec<u32> = (1..=10).map(|x| x * 10).collect();
    assert_eq!(nearest_rank(&ten, 90), Some(90));
    assert_eq!(nearest_rank(&ten, 91), Some(100));
    assert_eq!(nearest_rank(&ten, 50), Some(50));
    assert_eq!(nearest_rank::<u32>(&[], 90), None);
}

#[test]
fn built_one_by_one_or_merged_it_is_the_same() {
    let cases = six();
    let all = Caseload::from_engagements(day(100), &cases);

    let mut one_by_one = Caseload::new(day(100));
    for case in cases.iter().rev() {
        one_by_one.add(case);
    }
    assert_eq!(one_by_one.report(), all.report());
    assert_eq!(one_by_one.len(), 6);

    let mut left = Caseload::from_engagements(day(100), &cases[..2]);
    let right = Caseload::from_engagements(day(100), &cases[2..]);
    left.merge(right).unwrap();
    assert_eq!(left.report(), all.report());

    let other = Caseload::new(day(99));
    let before = left.clone();
    assert_eq!(
        left.merge(other),
        Err(CaseloadError::DifferentInstants {
            at: day(100),
            other: day(99)
        })
    );
    assert_eq!(left, before);
}

#[test]
fn engagements_that_moved_after_the_instant_are_not_timed() {
    // At day 45, D (held on day 50) and F (evaluated on day 60) have moved since.
    let report = Caseload::from_engagements(day(45), &six()).report();
    assert_eq!(report.engagements, 6);
    assert_eq!(report.untimed, 2);
    let timed: usize = report.stages.iter().map(|s| s.time_in_current.count).sum();
    assert_eq!(timed, 3, "A, B and C; E is closed");
    assert!(
        report
            .to_string()
            .contains("\nNot timed (changed after the report's instant): 2\n")
    );
}

#[test]
fn the_report_names_nobody() {
    let mut case = Case::open(
        "rahasia-77",
        "Keluarga Zebrafishunik",
        "Quokka Pemberani",
        vec![
            member("d:okapi", ActorKind::Donor, "Yayasan Okapiwangi"),
            member("a:narwhal", ActorKind::Agency, "Dinas Narwhalkota"),
        ],
        day(0),
    );
    case.need(day(1));
    case.resource(
        day(1),
        ResourceKind::Personal,
        "Axolotlsecret savings",
        None,
        vec![],
    );
    let r = case.resource(
        day(1),
        ResourceKind::Social,
        "Pangolinfund",
        Some("Puskesmas Tapirdesa"),
        vec![],
    );
    case.stage(day(2), Stage::Planning);
    case.plan(day(3), 2);
    case.refer(
        day(4),
        r,
        Provider::External {
            name: "Puskesmas Tapirdesa".into(),
        },
    );
    case.activity(day(5), Role::Mediator, Function::ProblemSolvingConsultation);
    case.evaluate(day(6), Level::Expected, Decision::Continue);

    let report = Caseload::from_engagements(day(10), [&case.e]).report();
    let json = serde_json::to_string(&report).unwrap();
    let summary = serde_json::to_string(&EngagementSummary::of(&case.e)).unwrap();
    let texts = [
        json,
        report.table(Lang::En),
        report.table(Lang::Id),
        summary,
    ];
    for secret in [
        "rahasia",
        "Zebrafish",
        "Quokka",
        "Okapi",
        "okapi",
        "Narwhal",
        "narwhal",
        "Axolotl",
        "Pangolin",
        "Tapir",
        "w:1",
        "m:1",
        "income",
        "steady",
        "Mediation",
        "agreed",
    ] {
        for text in &texts {
            assert!(!text.contains(secret), "{secret:?} leaked into {text}");
        }
    }
    // And the JSON reads back as the same report.
    let back: pendamping::caseload::CaseloadReport = serde_json::from_str(&texts[0]).unwrap();
    assert_eq!(back, report);
}

/// A store keeps each engagement's summary (here as JSON); a report from the summaries is the
/// report from the engagements, at any instant, before the last changes (untimed) included.
#[test]
fn summaries_give_the_same_report() {
    let cases = six();
    let stored: Vec<String> = cases
        .iter()
        .map(|e| serde_json::to_string(&EngagementSummary::of(e)).unwrap())
        .collect();
    let summaries: Vec<EngagementSummary> = stored
        .iter()
        .map(|json| serde_json::from_str(json).unwrap())
        .collect();
    for at in [day(0), day(5), day(30), day(55), day(100), day(1_000)] {
        let from_engagements = Caseload::from_engagements(at, &cases).report();
        let mut caseload = Caseload::new(at);
        caseload.extend(&summaries);
        assert_eq!(caseload.report(), from_engagements, "at {at}");
    }
    assert!(Caseload::from_engagements(day(5), &cases).report().untimed > 0);
}

proptest::proptest! {
    /// At any instant, to the nanosecond, the summaries give the engagements' report.
    #[test]
    fn summaries_agree_at_any_instant(nanos in 0_i64..200 * DAY * 1_000_000_000) {
        let cases = six();
        let summaries: Vec<EngagementSummary> = cases.iter().map(EngagementSummary::of).collect();
        let at = day(0) + chrono::TimeDelta::nanoseconds(nanos);
        let mut caseload = Caseload::new(at);
        caseload.extend(&summaries);
        proptest::prop_assert_eq!(caseload.report(), Caseload::from_engagements(at, &cases).report());
    }
}

/// Times with fractions of a second add up exactly as the lifecycle adds them: 2.6 s in needs
/// assessment before planning and 0.6 s after a reassessment are 3 whole seconds, not 2.
#[test]
fn summaries_keep_fractions_of_a_second() {
    let ms = |n| day(0) + chrono::TimeDelta::milliseconds(n);
    let mut case = Case::open("a", "Keluarga", "Ibu", vec![], ms(0));
    case.need(ms(1_000));
    case.resource(ms(1_000), ResourceKind::Personal, "Savings", None, vec![]);
    case.stage(ms(2_600), Stage::Planning);
    case.stage(ms(3_000), Stage::NeedsAssessment);
    let at = ms(3_600);
    let summary = EngagementSummary::of(&case.e);
    let times = summary.time_per_stage(at).unwrap();
    assert_eq!(times[Stage::NeedsAssessment as usize], Some(3));
    assert_eq!(times[Stage::Planning as usize], Some(0));
    assert_eq!(times[Stage::Evaluation as usize], None);
    assert_eq!(summary.time_per_stage(ms(2_999)), None);
    let spent = Caseload::from_engagements(at, [&case.e]).report().stages[0].time_spent;
    assert_eq!((spent.count, spent.median_secs), (1, Some(3)));
}
