//! Running independent pieces of work on every core, with results in input order whatever the
//! threads' scheduling: the pages to read, the files to emit.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` over `items` on `threads` threads (at least one), results in the items' order. Threads
/// take the next item from a shared counter, so a few large items (the root file, the examples)
/// do not leave the other threads idle behind a fixed split.
pub(crate) fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        for handle in handles {
            // A panic in `f` is a bug; pass it on unchanged rather than hide it.
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, r) in done {
                slots[i] = Some(r);
            }
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every item is taken by exactly one thread"))
        .collect()
}

/// How many threads the parallel stages use: `DOCGEN_THREADS` when it is a positive number,
/// else every core. Output never depends on it.
pub fn default_threads() -> usize {
    std::env::var("DOCGEN_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_on_any_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work so threads finish out of order.
        let work = |&n: &u64| (0..(n % 7) * 500).fold(n, |a, b| a.wrapping_mul(31) ^ b);
        let one = map_in_order(&items, 1, work);
        for threads in [2, 3, 8, 5000] {
            assert_eq!(
                map_in_order(&items, threads, work),
                one,
                "{threads} threads"
            );
        }
        assert!(map_in_order(&[] as &[u64], 4, work).is_empty());
    }
}
