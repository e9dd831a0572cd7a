//! The inline size of the records an engagement holds many of, against a budget: a field added
//! to a record, or a rare one kept inline, makes every engagement of a national caseload larger,
//! so growing past the budget must be a decision (raise the budget here, with the reason), not
//! an accident. Sizes are those of 64-bit targets.
//!
//! The budgets, in bytes, and why they are what they are:
//!
//! | record | budget | what fills it |
//! |---|---|---|
//! | `Engagement` | 808 | one per engagement: ids, team, policy (with its reading matrix, a list empty by default), lifecycle, 11 lists (consents); the everyday record (issue 14): notes, corrections, retractions, the last dated record, documents, the lead worker, a transfer waiting (boxed: rare) |
//! | `Need` | 112 | two texts, a status that may carry a note, who proposed it |
//! | `Resource` | 120 | text, holder, barriers, who proposed it; the rare service details boxed |
//! | `Goal` | 216 | the GAS scale inline (most goals of a programme have one), who proposed it; a due date |
//! | `Intervention` | 136 | text, two id lists, the partner responsible, who proposed it, a due date |
//! | `Plan` | 176 | two id lists, agreements, the approval |
//! | `Activity` | 216 | the largest detail (a consultation's five lists and texts) |
//! | `Referral` | 96 | provider, consent, history |
//! | `Evaluation` | 96 | scores, notes, the others' views |
//! | `Change` | 20 | two statuses, a kind, a time |
//! | `Recorded` | 368 | an event, its actor and time (events live only until stored) |
//! | `EngagementSummary` | 256 | what a caseload keeps of one engagement: 10 million take at most 2.56 GB |

#![cfg(target_pointer_width = "64")]

use pendamping::caseload::EngagementSummary;
use pendamping::lifecycle::Change;
use pendamping::{
    Activity, Engagement, Evaluation, Goal, Intervention, Need, Plan, Recorded, Referral, Resource,
};
use std::mem::size_of;

#[test]
fn records_stay_within_their_budgets() {
    let sizes = [
        // Issue 12 added the index of personal texts (one Vec).
        ("Engagement", size_of::<Engagement>(), 832),
        // Issue 13: who proposed a record (the client system's own voice) is one id inline.
        ("Need", size_of::<Need>(), 112),
        ("Resource", size_of::<Resource>(), 120),
        ("Goal", size_of::<Goal>(), 216),
        ("Intervention", size_of::<Intervention>(), 136),
        ("Plan", size_of::<Plan>(), 176),
        ("Activity", size_of::<Activity>(), 216),
        ("Referral", size_of::<Referral>(), 96),
        ("Evaluation", size_of::<Evaluation>(), 96),
        ("Change", size_of::<Change>(), 20),
        ("Recorded", size_of::<Recorded>(), 368),
        ("EngagementSummary", size_of::<EngagementSummary>(), 256),
    ];
    for (name, size, budget) in sizes {
        println!("{name:<18} {size:>4} bytes (budget {budget})");
    }
    let over: Vec<String> = sizes
        .iter()
        .filter(|(_, size, budget)| size > budget)
        .map(|(name, size, budget)| format!("{name} is {size} bytes, over its budget of {budget}"))
        .collect();
    assert!(over.is_empty(), "{}", over.join("; "));
}
