//! Goal Attainment Scaling as an embedding app sees it: the checks from DOMAIN.md, published
//! values, pinned error messages, properties, and the `Level` vocabulary.
//!
//! Every expected number below was computed independently of this crate, with python3's `math`
//! module evaluating the Kiresuk–Sherman formula directly, and is written here as a literal.

use pendamping::gas::{
    self, DEFAULT_RHO, GasError, GoalScore, Level, t_score, t_score_unweighted,
    turner_stokes_weight,
};
use pendamping::{Lang, ParseError, Vocabulary};
use proptest::prelude::*;

fn goals(pairs: &[(u16, i8)]) -> Vec<GoalScore> {
    pairs
        .iter()
        .map(|&(weight, x)| GoalScore {
            level: Level::try_from(x).unwrap(),
            weight,
        })
        .collect()
}

fn levels(xs: &[i8]) -> Vec<Level> {
    xs.iter().map(|&x| Level::try_from(x).unwrap()).collect()
}

fn assert_close(got: f64, want: f64, tolerance: f64) {
    assert!(
        (got - want).abs() <= tolerance,
        "got {got}, want {want} (± {tolerance})"
    );
}

// --- The checks from DOMAIN.md ---------------------------------------------------------------

#[test]
fn all_goals_as_expected_give_exactly_fifty() {
    for n in 1..=8 {
        let weights: Vec<(u16, i8)> = (1..=n).map(|w| (w * 3, 0)).collect();
        assert_eq!(t_score(&goals(&weights), DEFAULT_RHO), Ok(50.0));
        assert_eq!(
            t_score_unweighted(&vec![Level::Expected; usize::from(n)], DEFAULT_RHO),
            Ok(50.0)
        );
    }
}

#[test]
fn one_unweighted_goal_gives_fifty_plus_ten_x() {
    for &level in Level::ALL {
        let want = 50.0 + 10.0 * f64::from(level.value());
        for rho in [0.0, DEFAULT_RHO, 0.9] {
            let one = [GoalScore { level, weight: 1 }];
            assert_eq!(t_score(&one, rho), Ok(want));
            assert_eq!(t_score_unweighted(&[level], rho), Ok(want));
        }
    }
}

#[test]
fn one_goal_of_any_weight_gives_fifty_plus_ten_x() {
    // With a single goal the weight cancels: w·x / sqrt((1-ρ)w² + ρw²) = x.
    for weight in [1, 2, 9, 1000, u16::MAX] {
        let one = [GoalScore {
            level: Level::MuchLessThanExpected,
            weight,
        }];
        assert_close(t_score(&one, DEFAULT_RHO).unwrap(), 30.0, 1e-12);
    }
}

#[test]
fn scaling_every_weight_leaves_t_unchanged() {
    let base = goals(&[(6, -1), (4, 0), (2, 2), (9, -2)]);
    let t = t_score(&base, DEFAULT_RHO).unwrap();
    for k in [2_u16, 3, 7, 100, 7281] {
        let scaled: Vec<GoalScore> = base
            .iter()
            .map(|g| GoalScore {
                weight: g.weight * k,
                ..*g
            })
            .collect();
        assert_close(t_score(&scaled, DEFAULT_RHO).unwrap(), t, 1e-9);
    }
}

// --- Published values ------------------------------------------------------------------------

/// The README of the R package gasr (Taylor Dunn, github.com/taylordunn/gasr), whose
/// `calc_tscore` implements Kiresuk & Sherman (1968) with ρ = 0.3, prints these T-scores for
/// simulated unweighted goals (to 5 decimals): three goals at +2, +2, +2 → 77.38613; three at
/// +1, 0, +2 → 63.69306; five at +2, +1, 0, −2, +1 → 56.03023.
#[test]
fn gasr_readme_values() {
    let cases: [(&[i8], f64, f64); 3] = [
        (&[2, 2, 2], 77.38613, 77.386_127_875_258_31),
        (&[1, 0, 2], 63.69306, 63.693_063_937_629_155),
        (&[2, 1, 0, -2, 1], 56.03023, 56.030_226_891_555_27),
    ];
    for (xs, published, python) in cases {
        let t = t_score_unweighted(&levels(xs), DEFAULT_RHO).unwrap();
        assert_close(t, published, 5e-6);
        assert_close(t, python, 1e-12);
    }
}

/// The example in gasr's `calc_tscore` documentation: scores −2, 0, −1, +2, 0, +1 with weights
/// 3, 5, 1, 4, 2, 6. By hand: Σwx = 7, Σw² = 91, Σw = 21, so the radicand is
/// 0.7·91 + 0.3·441 = 196 = 14², and T = 50 + 70/14 = 55 exactly.
#[test]
fn gasr_documented_weighted_example_is_exactly_55() {
    let g = goals(&[(3, -2), (5, 0), (1, -1), (4, 2), (2, 0), (6, 1)]);
    assert_close(t_score(&g, DEFAULT_RHO).unwrap(), 55.0, 1e-12);
}

/// With n equally weighted goals and ρ = 0.3 the formula becomes
/// T = 50 + 10·Σx / sqrt(0.7n + 0.3n²) (Kiresuk & Sherman 1968; the ρ = 0.3 form is the one
/// printed in the erratum to Turner-Stokes 2009, Clin Rehabil 23: 362–370). With every goal at
/// its usual Turner-Stokes baseline of −1 this gives the familiar baseline scores in the mid to
/// high 30s (Turner-Stokes & Williams 2010, Clin Rehabil 24: 66–73, report a median baseline of
/// 34.9 for 1–6 goals, the value for five goals). Literals from python3.
#[test]
fn equally_weighted_goals_at_baseline() {
    let all_minus_one = [
        40.0,
        37.596_526_541_079_16,
        36.306_936_062_370_845,
        35.490_474_997_799_765,
        34.924_432_771_111_82,
        34.508_066_615_170_335,
    ];
    let all_minus_two = [
        30.0,
        25.193_053_082_158_308,
        22.613_872_124_741_693,
        20.980_949_995_599_53,
        19.848_865_542_223_64,
        19.016_133_230_340_664,
    ];
    for (i, (&want_1, &want_2)) in all_minus_one.iter().zip(&all_minus_two).enumerate() {
        let n = i + 1;
        let t1 = t_score_unweighted(&vec![Level::LessThanExpected; n], DEFAULT_RHO).unwrap();
        let t2 = t_score_unweighted(&vec![Level::MuchLessThanExpected; n], DEFAULT_RHO).unwrap();
        assert_close(t1, want_1, 1e-12);
        assert_close(t2, want_2, 1e-12);
        // The same goals with any equal weight.
        let weighted = vec![
            GoalScore {
                level: Level::LessThanExpected,
                weight: 6
            };
            n
        ];
        assert_close(t_score(&weighted, DEFAULT_RHO).unwrap(), want_1, 1e-9);
    }
    assert_close(all_minus_one[4], 34.9, 0.05);
}

/// Goals as (weight, level) pairs, a ρ, and the T-score python3 computed for them.
type Case = (&'static [(u16, i8)], f64, f64);

/// Hand-made weighted cases, expected values from python3.
#[test]
fn weighted_cases_computed_independently() {
    let cases: [Case; 5] = [
        (
            &[(6, -1), (4, -1), (2, -2)],
            DEFAULT_RHO,
            34.577_157_276_626_885,
        ),
        (
            &[(6, 0), (4, 1), (2, -1)],
            DEFAULT_RHO,
            52.203_263_246_196_16,
        ),
        (
            &[(6, -1), (4, 0), (2, 2)],
            DEFAULT_RHO,
            47.796_736_753_803_84,
        ),
        (&[(1, 1), (2, -1), (3, 2)], 0.0, 63.363_062_095_621_22),
        (&[(1, 1), (2, -1), (3, 2)], 0.5, 60.0),
    ];
    for (pairs, rho, want) in cases {
        assert_close(t_score(&goals(pairs), rho).unwrap(), want, 1e-12);
    }
}

#[test]
fn turner_stokes_weights() {
    let mut seen = Vec::new();
    for importance in 0..=3 {
        for difficulty in 0..=3 {
            let w = turner_stokes_weight(importance, difficulty).unwrap();
            assert_eq!(w, u16::from(importance * difficulty));
            seen.push(w);
        }
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen, [0, 1, 2, 3, 4, 6, 9]);
    // A weight of 0 is refused by t_score: the goal should be dropped.
    let w = turner_stokes_weight(0, 3).unwrap();
    let g = [GoalScore {
        level: Level::Expected,
        weight: w,
    }];
    assert_eq!(
        t_score(&g, DEFAULT_RHO),
        Err(GasError::ZeroWeight { index: 0 })
    );
}

// --- Errors, with pinned messages ------------------------------------------------------------

#[test]
fn error_messages_are_pinned() {
    let ok = goals(&[(1, 0)]);
    let cases: Vec<(GasError, &str)> = vec![
        (t_score(&[], DEFAULT_RHO).unwrap_err(), "no goals to score"),
        (
            t_score_unweighted(&[], DEFAULT_RHO).unwrap_err(),
            "no goals to score",
        ),
        (
            t_score(&goals(&[(3, 1), (2, 0), (0, -1)]), DEFAULT_RHO).unwrap_err(),
            "goal at index 2 has weight 0: a goal that should not count must be left out",
        ),
        (t_score(&ok, 1.0).unwrap_err(), "rho 1.0 is outside [0, 1)"),
        (
            t_score(&ok, -0.1).unwrap_err(),
            "rho -0.1 is outside [0, 1)",
        ),
        (
            t_score(&ok, f64::NAN).unwrap_err(),
            "rho NaN is outside [0, 1)",
        ),
        (
            t_score(&ok, f64::INFINITY).unwrap_err(),
            "rho inf is outside [0, 1)",
        ),
        (
            t_score_unweighted(&[Level::Expected], f64::NEG_INFINITY).unwrap_err(),
            "rho -inf is outside [0, 1)",
        ),
        (
            Level::try_from(3).unwrap_err(),
            "attainment level 3 is outside -2..=2",
        ),
        (
            Level::try_from(-3).unwrap_err(),
            "attainment level -3 is outside -2..=2",
        ),
        (
            turner_stokes_weight(4, 1).unwrap_err(),
            "importance 4 is outside 0..=3",
        ),
        (
            turner_stokes_weight(1, 255).unwrap_err(),
            "difficulty 255 is outside 0..=3",
        ),
        (
            turner_stokes_weight(9, 9).unwrap_err(),
            "importance 9 is outside 0..=3",
        ),
    ];
    for (err, message) in cases {
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn error_values() {
    assert_eq!(t_score(&[], DEFAULT_RHO), Err(GasError::NoGoals));
    assert_eq!(
        Level::try_from(3),
        Err(GasError::LevelOutOfRange { value: 3 })
    );
    assert_eq!(
        turner_stokes_weight(2, 4),
        Err(GasError::RatingOutOfRange {
            rating: "difficulty",
            value: 4
        })
    );
    assert!(matches!(
        t_score(&goals(&[(1, 0)]), 1.0),
        Err(GasError::InvalidRho { rho }) if rho == 1.0
    ));
    assert!(matches!(
        t_score(&goals(&[(1, 0)]), f64::NAN),
        Err(GasError::InvalidRho { rho }) if rho.is_nan()
    ));
}

#[test]
fn deserialising_an_out_of_range_level_is_refused() {
    let cases = [
        ("3", "attainment level 3 is outside -2..=2"),
        ("-3", "attainment level -3 is outside -2..=2"),
    ];
    for (json, message) in cases {
        assert_eq!(
            serde_json::from_str::<Level>(json).unwrap_err().to_string(),
            message
        );
    }
    // Only integers: no floats, strings or names.
    for json in ["1.0", "\"1\"", "\"expected\"", "null", "true"] {
        assert!(serde_json::from_str::<Level>(json).is_err(), "{json}");
    }
    let in_a_goal = serde_json::from_str::<GoalScore>(r#"{"level": 3, "weight": 2}"#);
    assert!(
        in_a_goal
            .unwrap_err()
            .to_string()
            .starts_with("attainment level 3 is outside -2..=2")
    );
}

// --- Level -----------------------------------------------------------------------------------

#[test]
fn every_level_round_trips() {
    assert_eq!(Level::ALL.len(), 5);
    assert_eq!(<Level as Vocabulary>::ALL, Level::ALL);
    let values: Vec<i8> = Level::ALL.iter().map(|l| l.value()).collect();
    assert_eq!(values, [-2, -1, 0, 1, 2]);
    for &level in Level::ALL {
        let x = level.value();
        assert_eq!(i8::from(level), x);
        assert_eq!(Level::try_from(x), Ok(level));
        // serde: the bare integer, both ways.
        let json = serde_json::to_string(&level).unwrap();
        assert_eq!(json, x.to_string());
        assert_eq!(serde_json::from_str::<Level>(&json).unwrap(), level);
        // FromStr: the number, signed or not, the name and both labels, any case, trimmed.
        assert_eq!(x.to_string().parse::<Level>(), Ok(level));
        assert_eq!(format!(" {x:+}\t").parse::<Level>(), Ok(level));
        assert_eq!(level.as_str().parse::<Level>(), Ok(level));
        assert_eq!(
            format!("  {} ", level.as_str().to_uppercase()).parse::<Level>(),
            Ok(level)
        );
        for &lang in Lang::ALL {
            let label = level.label(lang);
            assert_eq!(label.parse::<Level>(), Ok(level), "{label}");
            assert_eq!(label.to_lowercase().parse::<Level>(), Ok(level));
            assert_eq!(label.to_uppercase().parse::<Level>(), Ok(level));
            assert_eq!(<Level as Vocabulary>::label(level, lang), label);
        }
        assert_eq!(level.to_string(), level.label(Lang::En));
        assert_eq!(<Level as Vocabulary>::as_str(level), level.as_str());
    }
}

#[test]
fn levels_are_ordered_by_value() {
    let mut sorted = Level::ALL.to_vec();
    sorted.reverse();
    sorted.sort();
    assert_eq!(sorted, Level::ALL);
    for pair in Level::ALL.windows(2) {
        assert!(pair[0] < pair[1]);
        assert!(pair[0].value() < pair[1].value());
    }
}

#[test]
fn level_labels() {
    let indonesian: Vec<&str> = Level::ALL.iter().map(|l| l.label(Lang::Id)).collect();
    assert_eq!(
        indonesian,
        [
            "Jauh di bawah harapan",
            "Di bawah harapan",
            "Sesuai harapan",
            "Di atas harapan",
            "Jauh di atas harapan"
        ]
    );
    assert_eq!(Level::Expected.to_string(), "Expected outcome");
    assert_eq!(
        format!("{:>18}|", Level::LessThanExpected),
        "Less than expected|"
    );
}

#[test]
fn parsing_a_level_fails_with_a_message_naming_the_input() {
    let expected = "expected one of -2, -1, 0, +1, +2, much_less_than_expected, \
                    less_than_expected, expected, more_than_expected, much_more_than_expected";
    assert_eq!(
        "3".parse::<Level>().unwrap_err().to_string(),
        format!("unknown attainment level \"3\": {expected}")
    );
    assert_eq!(
        "great".parse::<Level>().unwrap_err().to_string(),
        format!("unknown attainment level \"great\": {expected}")
    );
    assert_eq!(
        " ".parse::<Level>(),
        Err(ParseError::Empty {
            vocabulary: "attainment level"
        })
    );
    for bad in ["1.0", "++1", "99999999999999999999", "-"] {
        assert!(
            matches!(bad.parse::<Level>(), Err(ParseError::Unknown { .. })),
            "{bad}"
        );
    }
}

#[test]
fn goal_scores_serialise_as_plain_integers() {
    let g = GoalScore {
        level: Level::LessThanExpected,
        weight: 6,
    };
    let json = serde_json::to_string(&g).unwrap();
    assert_eq!(json, r#"{"level":-1,"weight":6}"#);
    assert_eq!(serde_json::from_str::<GoalScore>(&json).unwrap(), g);
    assert!(serde_json::from_str::<GoalScore>(r#"{"level":1,"weight":-1}"#).is_err());
    assert!(serde_json::from_str::<GoalScore>(r#"{"level":1,"weight":65536}"#).is_err());
}

// --- Properties ------------------------------------------------------------------------------

fn any_level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL)
}

fn any_goal() -> impl Strategy<Value = GoalScore> {
    (any_level(), 1..=u16::MAX).prop_map(|(level, weight)| GoalScore { level, weight })
}

fn any_rho() -> impl Strategy<Value = f64> {
    prop_oneof![Just(DEFAULT_RHO), Just(0.0), 0.0..0.99_f64]
}

/// The bounds T can reach for these weights: every goal at −2, or every goal at +2.
fn bounds(goals: &[GoalScore], rho: f64) -> (f64, f64) {
    let sum: f64 = goals.iter().map(|g| f64::from(g.weight)).sum();
    let squares: f64 = goals.iter().map(|g| f64::from(g.weight).powi(2)).sum();
    let reach = 20.0 * sum / ((1.0 - rho) * squares + rho * sum * sum).sqrt();
    (50.0 - reach, 50.0 + reach)
}

proptest! {
    #[test]
    fn permuting_goals_leaves_t_unchanged(
        (goals, shuffled) in prop::collection::vec(any_goal(), 1..12)
            .prop_flat_map(|g| (Just(g.clone()), Just(g).prop_shuffle())),
        rho in any_rho(),
    ) {
        let t = t_score(&goals, rho).unwrap();
        prop_assert!((t_score(&shuffled, rho).unwrap() - t).abs() < 1e-9);
    }

    #[test]
    fn scaling_weights_leaves_t_unchanged(
        pairs in prop::collection::vec((any_level(), 1..=200_u16), 1..12),
        k in 1..=300_u16,
        rho in any_rho(),
    ) {
        let base: Vec<GoalScore> =
            pairs.iter().map(|&(level, weight)| GoalScore { level, weight }).collect();
        let scaled: Vec<GoalScore> =
            base.iter().map(|g| GoalScore { weight: g.weight * k, ..*g }).collect();
        let t = t_score(&base, rho).unwrap();
        prop_assert!((t_score(&scaled, rho).unwrap() - t).abs() < 1e-9);
    }

    #[test]
    fn all_expected_gives_fifty(
        weights in prop::collection::vec(1..=u16::MAX, 1..20),
        rho in any_rho(),
    ) {
        let goals: Vec<GoalScore> = weights
            .iter()
            .map(|&weight| GoalScore { level: Level::Expected, weight })
            .collect();
        prop_assert_eq!(t_score(&goals, rho), Ok(50.0));
    }

    #[test]
    fn t_stays_within_the_bounds_for_its_weights(
        goals in prop::collection::vec(any_goal(), 1..20),
        rho in any_rho(),
    ) {
        let t = t_score(&goals, rho).unwrap();
        let (low, high) = bounds(&goals, rho);
        prop_assert!(t.is_finite());
        prop_assert!(low - 1e-9 <= t && t <= high + 1e-9, "{} not in [{}, {}]", t, low, high);
    }

    #[test]
    fn raising_one_goal_raises_t(
        goals in prop::collection::vec(any_goal(), 1..12),
        index in any::<prop::sample::Index>(),
        rho in any_rho(),
    ) {
        let i = index.index(goals.len());
        let current = goals[i].level.value();
        prop_assume!(current < 2);
        let mut better = goals.clone();
        better[i].level = Level::try_from(current + 1).unwrap();
        prop_assert!(t_score(&better, rho).unwrap() > t_score(&goals, rho).unwrap());
    }

    #[test]
    fn unweighted_equals_weight_one(
        levels in prop::collection::vec(any_level(), 1..12),
        rho in any_rho(),
    ) {
        let goals: Vec<GoalScore> =
            levels.iter().map(|&level| GoalScore { level, weight: 1 }).collect();
        prop_assert_eq!(t_score_unweighted(&levels, rho), t_score(&goals, rho));
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in ".{0,40}") {
        let _ = text.parse::<Level>();
    }

    #[test]
    fn deserialising_any_integer_checks_the_range(x in any::<i64>()) {
        let parsed = serde_json::from_str::<Level>(&x.to_string());
        prop_assert_eq!(parsed.is_ok(), (-2..=2).contains(&x));
    }
}

#[test]
fn module_path_is_public() {
    // The functions are reachable through the module path too.
    assert_eq!(gas::DEFAULT_RHO, 0.3);
    assert!(gas::t_score_unweighted(&[Level::Expected], gas::DEFAULT_RHO).is_ok());
}
