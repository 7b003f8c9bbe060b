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

/// Prints the wall time of `stage` since `start`, and the peak memory so far where the system
/// tells it, when timings are on.
pub(crate) fn stage(stage: &str, start: Instant) {
    if on() {
        let time = start.elapsed().as_secs_f64() * 1e3;
        match peak_mb() {
            Some(peak) => eprintln!("docgen timing: {stage:<34} {time:>8.1} ms, peak {peak} MB"),
            None => eprintln!("docgen timing: {stage:<34} {time:>8.1} ms"),
        }
    }
}

/// The process's peak resident memory (Linux's `VmHWM`), in MB.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
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
