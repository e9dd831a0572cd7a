//! Nothing here: the package exists for its benchmark, `benches/peers.rs`, which compares
//! pendamping's stage machine with rust-fsm and statig.
