//! The yew UI (feature `web`): views over the scoring core, with effects kept in hooks.

pub fn start() {}
