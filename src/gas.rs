//! Goal Attainment Scaling (GAS): one number for how far a set of individual goals was reached.
//!
//! Kiresuk & Sherman (1968, *Community Mental Health Journal* 4(6): 443–453) proposed that each
//! goal agreed with a client gets its own five-point scale, from much less than expected (−2) to
//! much more than expected (+2), with the expected outcome at 0. At follow-up every goal is rated
//! on its scale ([`Level`]), and the ratings are combined into a T-score, a standard score with
//! mean 50 and standard deviation 10 when goals are set well:
//!
//! ```text
//! T = 50 + 10 · Σ(wᵢ·xᵢ) / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²)
//! ```
//!
//! where xᵢ is goal i's level, wᵢ its weight and ρ the assumed correlation between the goals'
//! scales, 0.3 by convention ([`DEFAULT_RHO`]). See [`t_score`].
//!
//! Turner-Stokes (2009, "Goal attainment scaling (GAS) in rehabilitation: a practical guide",
//! *Clinical Rehabilitation* 23(4): 362–370) describes the variant most used in practice today:
//!
//! - each goal's weight is the client's rating of its importance (0–3) times the team's rating of
//!   its difficulty (0–3); see [`turner_stokes_weight`];
//! - the baseline is rated too: usually −1, or −2 when no worse state is plausible (so that a
//!   goal which gets worse can still be recorded), and the change from the baseline T-score to
//!   the follow-up T-score shows the progress.
//!
//! Levels and weights are small integers, so they can be stored in events as they are; a T-score
//! is always derived from them, never stored.
//!
//! ```
//! use pendamping::gas::{self, GoalScore, Level};
//!
//! let weight = gas::turner_stokes_weight(3, 2)?; // very important, moderately difficult
//! let goals = [
//!     GoalScore { level: Level::Expected, weight },
//!     GoalScore { level: Level::MoreThanExpected, weight: 2 },
//! ];
//! let t = gas::t_score(&goals, gas::DEFAULT_RHO)?;
//! assert!((t - 52.9111).abs() < 1e-4);
//! # Ok::<(), pendamping::gas::GasError>(())
//! ```

use crate::vocab::{Lang, ParseError, Vocabulary};

/// The correlation between goal scales that Kiresuk & Sherman (1968) assumed, used by convention
/// ever since.
pub const DEFAULT_RHO: f64 = 0.3;

/// Where a goal stands on its five-point attainment scale, from −2 to +2.
///
/// Ordered by value: `MuchLessThanExpected < … < MuchMoreThanExpected`. Exhaustive on purpose:
/// the scale has exactly five points.
///
/// Level implements the crate's [`Vocabulary`] (stable `snake_case` names, English and
/// Indonesian labels, a forgiving [`FromStr`](core::str::FromStr)), with one difference from the
/// other vocabularies: **its serde form is the integer −2..=2**, not the name. Events and
/// exports store the number a worker and the GAS literature use; a deserialised number outside
/// −2..=2 (or a float, or a string) is refused.
///
/// ```
/// use pendamping::Lang;
/// use pendamping::gas::Level;
///
/// let level: Level = "+1".parse()?;
/// assert_eq!(level, Level::MoreThanExpected);
/// assert_eq!(level.value(), 1);
/// assert_eq!(level.label(Lang::Id), "Di atas harapan");
/// assert_eq!("sesuai harapan".parse::<Level>()?, Level::Expected);
/// assert_eq!(serde_json::to_string(&Level::LessThanExpected).unwrap(), "-1");
/// assert!(serde_json::from_str::<Level>("3").is_err());
/// # Ok::<(), pendamping::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// −2: much less than expected.
    MuchLessThanExpected,
    /// −1: less than expected.
    LessThanExpected,
    /// 0: the expected outcome, the goal as agreed.
    Expected,
    /// +1: more than expected.
    MoreThanExpected,
    /// +2: much more than expected.
    MuchMoreThanExpected,
}

impl Level {
    /// Every level, from −2 to +2.
    pub const ALL: &'static [Self] = &[
        Self::MuchLessThanExpected,
        Self::LessThanExpected,
        Self::Expected,
        Self::MoreThanExpected,
        Self::MuchMoreThanExpected,
    ];

    /// The level's number on the scale, −2..=2 (also its serde form).
    #[must_use]
    pub const fn value(self) -> i8 {
        match self {
            Self::MuchLessThanExpected => -2,
            Self::LessThanExpected => -1,
            Self::Expected => 0,
            Self::MoreThanExpected => 1,
            Self::MuchMoreThanExpected => 2,
        }
    }

    /// The stable `snake_case` name (the serde form is the number, see [`Level`]).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::MuchLessThanExpected => "much_less_than_expected",
            Self::LessThanExpected => "less_than_expected",
            Self::Expected => "expected",
            Self::MoreThanExpected => "more_than_expected",
            Self::MuchMoreThanExpected => "much_more_than_expected",
        }
    }

    /// The label a worker reads, in English or Indonesian.
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::MuchLessThanExpected, Lang::En) => "Much less than expected",
            (Self::MuchLessThanExpected, Lang::Id) => "Jauh di bawah harapan",
            (Self::LessThanExpected, Lang::En) => "Less than expected",
            (Self::LessThanExpected, Lang::Id) => "Di bawah harapan",
            (Self::Expected, Lang::En) => "Expected outcome",
            (Self::Expected, Lang::Id) => "Sesuai harapan",
            (Self::MoreThanExpected, Lang::En) => "More than expected",
            (Self::MoreThanExpected, Lang::Id) => "Di atas harapan",
            (Self::MuchMoreThanExpected, Lang::En) => "Much more than expected",
            (Self::MuchMoreThanExpected, Lang::Id) => "Jauh di atas harapan",
        }
    }

    /// The level with the given number, if it is within −2..=2.
    fn from_value(value: i64) -> Result<Self, GasError> {
        match value {
            -2 => Ok(Self::MuchLessThanExpected),
            -1 => Ok(Self::LessThanExpected),
            0 => Ok(Self::Expected),
            1 => Ok(Self::MoreThanExpected),
            2 => Ok(Self::MuchMoreThanExpected),
            _ => Err(GasError::LevelOutOfRange { value }),
        }
    }
}

impl Vocabulary for Level {
    const NAME: &'static str = "attainment level";
    const ALL: &'static [Self] = Level::ALL;
    fn as_str(self) -> &'static str {
        Level::as_str(self)
    }
    fn label(self, lang: Lang) -> &'static str {
        Level::label(self, lang)
    }
}

impl From<Level> for i8 {
    fn from(level: Level) -> Self {
        level.value()
    }
}

impl TryFrom<i8> for Level {
    type Error = GasError;

    /// # Errors
    ///
    /// [`GasError::LevelOutOfRange`] for a number outside −2..=2.
    fn try_from(value: i8) -> Result<Self, Self::Error> {
        Self::from_value(value.into())
    }
}

impl core::fmt::Display for Level {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(self.label(Lang::En))
    }
}

impl core::str::FromStr for Level {
    type Err = ParseError;

    /// Accepts the number (`-2`, `-1`, `0`, `1`, `+1`, `2`, `+2`), the `snake_case` name or
    /// either label, ignoring case and surrounding whitespace.
    ///
    /// # Errors
    ///
    /// [`ParseError::Empty`] for blank input; [`ParseError::Unknown`] for anything else that is
    /// not a level, including numbers outside −2..=2.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Ok(value) = s.trim().parse::<i64>() {
            return Self::from_value(value).map_err(|_| unknown_level(s));
        }
        <Self as Vocabulary>::parse_term(s).map_err(|err| match err {
            ParseError::Unknown { .. } => unknown_level(s),
            other => other,
        })
    }
}

/// The error for text that names no level; the expected forms include the numbers.
fn unknown_level(input: &str) -> ParseError {
    let numbers = ["-2", "-1", "0", "+1", "+2"].into_iter();
    let names = Level::ALL.iter().map(|l| l.as_str());
    ParseError::unknown(<Level as Vocabulary>::NAME, input, numbers.chain(names))
}

impl serde::Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i8(self.value())
    }
}

impl<'de> serde::Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read any integer first, so that 300 is reported as out of range rather than as
        // "not an i8".
        let value = i64::deserialize(deserializer)?;
        Self::from_value(value).map_err(serde::de::Error::custom)
    }
}

/// One goal's rating and weight, as [`t_score`] takes them.
///
/// Serialises as `{"level": -1, "weight": 6}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct GoalScore {
    /// Where the goal stands on its scale.
    pub level: Level,
    /// How much the goal counts: 1 for unweighted goals, or a [Turner-Stokes
    /// weight](turner_stokes_weight). Must not be 0 (see [`t_score`]).
    pub weight: u16,
}

/// Why a T-score or a weight could not be computed.
///
/// ```
/// use pendamping::gas::{self, GasError};
///
/// let err = gas::t_score(&[], gas::DEFAULT_RHO).unwrap_err();
/// assert_eq!(err, GasError::NoGoals);
/// assert_eq!(err.to_string(), "no goals to score");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GasError {
    /// The list of goals was empty: a T-score needs at least one goal.
    #[error("no goals to score")]
    NoGoals,
    /// A goal has weight 0. Such a goal would not count at all, so it is refused rather than
    /// silently ignored: leave it out of the list.
    #[error("goal at index {index} has weight 0: a goal that should not count must be left out")]
    ZeroWeight {
        /// The goal's position in the list given, from 0.
        index: usize,
    },
    /// ρ was not a number in [0, 1).
    #[error("rho {rho:?} is outside [0, 1)")]
    InvalidRho {
        /// The value given.
        rho: f64,
    },
    /// A number was not an attainment level.
    #[error("attainment level {value} is outside -2..=2")]
    LevelOutOfRange {
        /// The number given.
        value: i64,
    },
    /// An importance or difficulty rating was above 3.
    #[error("{rating} {value} is outside 0..=3")]
    RatingOutOfRange {
        /// Which rating: `"importance"` or `"difficulty"`.
        rating: &'static str,
        /// The value given.
        value: u8,
    },
}

/// The Kiresuk–Sherman T-score of a set of rated goals.
///
/// `rho` is the assumed correlation between the goals' scales; pass [`DEFAULT_RHO`] unless a
/// study says otherwise. Only [0, 1) is accepted: below 0 the formula's denominator can reach
/// zero, and ρ = 1 would treat all goals as one.
///
/// Goals all at their expected outcome give exactly 50; one goal with weight 1 gives 50 + 10x;
/// multiplying every weight by the same factor changes nothing. The order of the goals does not
/// matter.
///
/// ```
/// use pendamping::gas::{self, GoalScore, Level};
///
/// let goals = [
///     GoalScore { level: Level::LessThanExpected, weight: 6 },
///     GoalScore { level: Level::Expected, weight: 4 },
///     GoalScore { level: Level::MuchMoreThanExpected, weight: 2 },
/// ];
/// let t = gas::t_score(&goals, gas::DEFAULT_RHO)?;
/// assert!((t - 47.7967).abs() < 1e-4);
/// # Ok::<(), gas::GasError>(())
/// ```
///
/// # Errors
///
/// [`GasError::NoGoals`] for an empty slice, [`GasError::ZeroWeight`] naming the first goal
/// whose weight is 0, [`GasError::InvalidRho`] when `rho` is not a finite number in [0, 1).
pub fn t_score(scores: &[GoalScore], rho: f64) -> Result<f64, GasError> {
    score(scores.iter().copied(), rho)
}

/// The T-score of goals that all count the same (every weight 1).
///
/// With n such goals the formula reduces to 50 + 10·Σxᵢ / √((1 − ρ)·n + ρ·n²).
///
/// ```
/// use pendamping::gas::{self, Level};
///
/// let t = gas::t_score_unweighted(&[Level::Expected, Level::MoreThanExpected], 0.3)?;
/// assert!((t - 56.2017).abs() < 1e-4);
/// # Ok::<(), gas::GasError>(())
/// ```
///
/// # Errors
///
/// [`GasError::NoGoals`] for an empty slice, [`GasError::InvalidRho`] when `rho` is not a finite
/// number in [0, 1).
pub fn t_score_unweighted(levels: &[Level], rho: f64) -> Result<f64, GasError> {
    score(
        levels.iter().map(|&level| GoalScore { level, weight: 1 }),
        rho,
    )
}

/// One pass over the goals. The sums are kept in f64: exact for any realistic list, and with
/// weights of at most 65 535 they cannot overflow for any list that fits in memory.
pub(crate) fn score(goals: impl Iterator<Item = GoalScore>, rho: f64) -> Result<f64, GasError> {
    if !(0.0..1.0).contains(&rho) {
        // NaN and the infinities fail `contains` too.
        return Err(GasError::InvalidRho { rho });
    }
    let mut count = 0_usize;
    let (mut weighted, mut sum, mut sum_of_squares) = (0.0_f64, 0.0_f64, 0.0_f64);
    for (index, goal) in goals.enumerate() {
        if goal.weight == 0 {
            return Err(GasError::ZeroWeight { index });
        }
        let w = f64::from(goal.weight);
        weighted += w * f64::from(goal.level.value());
        sum += w;
        sum_of_squares += w * w;
        count += 1;
    }
    if count == 0 {
        return Err(GasError::NoGoals);
    }
    // Every weight is at least 1 and 1 − ρ > 0, so the radicand is positive.
    let spread = ((1.0 - rho) * sum_of_squares + rho * sum * sum).sqrt();
    Ok(50.0 + 10.0 * weighted / spread)
}

/// A goal's weight after Turner-Stokes (2009): the client's rating of its importance times the
/// team's rating of its difficulty, each 0 (not at all) to 3 (very), so 0..=9.
///
/// A rating of 0 gives weight 0, which [`t_score`] refuses: a goal that is not important at all,
/// or not difficult at all, adds nothing to the score and should be dropped from the list (or,
/// better, not set).
///
/// ```
/// use pendamping::gas;
///
/// assert_eq!(gas::turner_stokes_weight(3, 3)?, 9);
/// assert_eq!(gas::turner_stokes_weight(2, 1)?, 2);
/// assert_eq!(
///     gas::turner_stokes_weight(4, 1).unwrap_err().to_string(),
///     "importance 4 is outside 0..=3"
/// );
/// # Ok::<(), gas::GasError>(())
/// ```
///
/// # Errors
///
/// [`GasError::RatingOutOfRange`] when `importance` or `difficulty` is above 3 (importance is
/// checked first).
pub fn turner_stokes_weight(importance: u8, difficulty: u8) -> Result<u16, GasError> {
    for (rating, value) in [("importance", importance), ("difficulty", difficulty)] {
        if value > 3 {
            return Err(GasError::RatingOutOfRange { rating, value });
        }
    }
    Ok(u16::from(importance) * u16::from(difficulty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rho_bounds_are_half_open() {
        let one = [GoalScore {
            level: Level::MoreThanExpected,
            weight: 1,
        }];
        assert_eq!(t_score(&one, 0.0), Ok(60.0));
        assert!(t_score(&one, 0.999_999).is_ok());
        for bad in [1.0, -0.0001, -f64::MIN_POSITIVE, f64::INFINITY, f64::NAN] {
            assert!(matches!(
                t_score(&one, bad),
                Err(GasError::InvalidRho { .. })
            ));
        }
        // -0.0 compares equal to 0.0, so it is accepted: it is the same correlation.
        assert_eq!(t_score(&one, -0.0), Ok(60.0));
    }

    #[test]
    fn rho_is_checked_before_the_goals() {
        assert!(matches!(
            t_score(&[], f64::NAN),
            Err(GasError::InvalidRho { .. })
        ));
    }

    #[test]
    fn the_first_zero_weight_is_named() {
        let goals = [
            GoalScore {
                level: Level::Expected,
                weight: 3,
            },
            GoalScore {
                level: Level::Expected,
                weight: 0,
            },
            GoalScore {
                level: Level::Expected,
                weight: 0,
            },
        ];
        assert_eq!(
            t_score(&goals, DEFAULT_RHO),
            Err(GasError::ZeroWeight { index: 1 })
        );
    }

    #[test]
    fn deserialising_reads_any_integer_before_checking_the_range() {
        let err = serde_json::from_str::<Level>("300").unwrap_err();
        assert_eq!(err.to_string(), "attainment level 300 is outside -2..=2");
        let err = serde_json::from_str::<Level>("-9223372036854775808").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("attainment level -9223372036854775808 is outside -2..=2")
        );
    }

    #[test]
    fn the_largest_weights_stay_finite() {
        let goals = vec![
            GoalScore {
                level: Level::MuchMoreThanExpected,
                weight: u16::MAX,
            };
            10_000
        ];
        let t = t_score(&goals, DEFAULT_RHO).unwrap();
        assert!(t.is_finite() && t > 50.0);
    }
}
