//! Stage times on stderr when `DOCGEN_TIMINGS` is set: where a run's time goes (issue 10), with
//! no profiler needed. Lines start with `docgen timing:` so they are easy to grep from the
//! diagnostics around them.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Whether `DOCGEN_TIMINGS` is set (read once).
pub(crate) fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("DOCGEN_TIMINGS").is_some())
}

/// Prints the wall time of `stage` since `start`, when timings are on.
pub(crate) fn stage(stage: &str, start: Instant) {
    if on() {
        total(stage, start.elapsed());
    }
}

/// Prints a duration summed over threads (CPU-like), when timings are on.
pub(crate) fn total(what: &str, time: Duration) {
    if on() {
        eprintln!(
            "docgen timing: {what:<34} {:>8.1} ms",
            time.as_secs_f64() * 1e3
        );
    }
}
