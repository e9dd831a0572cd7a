//! Every public type can cross threads: an app may hold engagements in a shared cache or decide
//! commands on a worker pool.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    use pendamping::*;
    assert_send_sync::<Lang>();
    assert_send_sync::<Function>();
    assert_send_sync::<Role>();
    assert_send_sync::<Vision>();
    assert_send_sync::<Stage>();
    assert_send_sync::<ResourceKind>();
    assert_send_sync::<Barrier>();
    assert_send_sync::<ManagementMode>();
    assert_send_sync::<ActorKind>();
    assert_send_sync::<ClientSystemLevel>();
    assert_send_sync::<ParseError>();
    assert_send_sync::<gas::Level>();
    assert_send_sync::<gas::GoalScore>();
    assert_send_sync::<gas::GasError>();
    assert_send_sync::<Status>();
    assert_send_sync::<TransitionKind>();
    assert_send_sync::<Transition>();
    assert_send_sync::<TransitionError>();
    assert_send_sync::<Change>();
    assert_send_sync::<StageTime>();
    assert_send_sync::<Lifecycle>();
    assert_send_sync::<Journal>();
    assert_send_sync::<FileJournal>();
    assert_send_sync::<JournalOptions>();
    assert_send_sync::<JournalError>();
    assert_send_sync::<LineErrorKind>();
    assert_send_sync::<journal::Reader<&[u8]>>();
    assert_send_sync::<journal::Reader<std::io::BufReader<std::fs::File>>>();
    assert_send_sync::<journal::Verified>();
    assert_send_sync::<journal::Recovery>();
    assert_send_sync::<journal::Damage>();
    assert_send_sync::<ecomap::EcoMap>();
    assert_send_sync::<ecomap::Centre>();
    assert_send_sync::<ecomap::System>();
    assert_send_sync::<ecomap::SystemId>();
    assert_send_sync::<ecomap::SystemKind>();
    assert_send_sync::<ecomap::Tie>();
    assert_send_sync::<ecomap::TieStrength>();
    assert_send_sync::<ecomap::Flow>();
    assert_send_sync::<ecomap::EcoMapError>();
    assert_send_sync::<caseload::Caseload>();
    assert_send_sync::<caseload::CaseloadError>();
    assert_send_sync::<caseload::CaseloadReport>();
    assert_send_sync::<caseload::StageReport>();
    assert_send_sync::<caseload::Durations>();
    assert_send_sync::<caseload::TScores>();
    assert_send_sync::<caseload::TScoreBand>();
}
