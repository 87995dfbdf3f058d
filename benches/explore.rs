//! `cargo bench --bench explore`: the explorer's speed, in one run.
//!
//! - schedules per second of `dpor` on the locked balance (tests/explore/lock.py);
//! - time to the first lost update on the unlocked balance (tests/explore/no_lock.py) for
//!   dpor, pct and random exploration, against plain random scheduling (`run_source` with
//!   `--policy preempt-any` and seeds 0, 1, 2…) and against CPython itself (`python3`, run
//!   again and again for 3 s);
//! - time for dpor to settle the locked 2 threads x 2 iterations exhaustively (or how far it
//!   got in 10 s).
//!
//! Targets (issue 6): a lost update in at most 100 ms; the exhaustive proof in at most 1 s.

use concsim::explore::{search, ExploreOptions, Report, Strategy};
use concsim::{run_source, Policy, RunOptions};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> (String, String) {
    let path = format!("{}/tests/explore/{name}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap();
    (path, source)
}

fn timed(path: &str, source: &str, options: &ExploreOptions, limit: Duration, stop_at_bug: bool) -> (Report, Duration) {
    let start = Instant::now();
    let report = search(path, source, options, &mut |p| {
        if stop_at_bug && p.outcomes.iter().any(|o| o.stdout != "0\n") {
            return Some("found".into());
        }
        (start.elapsed() >= limit).then(|| "time limit".into())
    });
    (report, start.elapsed())
}

/// What a learner gets from CPython itself: the program run again and again until the lost
/// update shows (or 3 s pass).
fn cpython_runs(path: &str) {
    let start = Instant::now();
    let mut runs = 0u32;
    let mut lost = None;
    while start.elapsed() < Duration::from_secs(3) {
        let Ok(out) = std::process::Command::new("python3").arg(path).output() else {
            println!("  python3: not available");
            return;
        };
        runs += 1;
        let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if text != "0" {
            lost = Some(text);
            break;
        }
    }
    let ms = start.elapsed().as_secs_f64() * 1e3;
    match lost {
        Some(b) => println!("  CPython (python3), real runs:   {ms:>8.1} ms  after {runs} runs (balance {b})"),
        None => println!(
            "  CPython (python3), real runs:   not found in {runs} runs ({ms:.0} ms, {:.1} ms a run)",
            ms / f64::from(runs.max(1))
        ),
    }
}

fn main() {
    let (lock_path, lock_src) = fixture("lock.py");
    let (racy_path, racy_src) = fixture("no_lock.py");

    let (r, took) = timed(&lock_path, &lock_src, &ExploreOptions::default(), Duration::from_secs(2), false);
    println!(
        "dpor on lock.py: {} schedules in {:.2} s = {:.0} schedules/s",
        r.schedules,
        took.as_secs_f64(),
        r.schedules as f64 / took.as_secs_f64()
    );

    println!("time to the first lost update (no_lock.py, 2 threads x 2 iterations; target <= 100 ms):");
    let mut dpor_bug = None;
    for strategy in [Strategy::Dpor, Strategy::Pct, Strategy::Random] {
        let options = ExploreOptions { strategy, seed: 1, ..ExploreOptions::default() };
        let (r, took) = timed(&racy_path, &racy_src, &options, Duration::from_secs(10), true);
        let found = r.outcomes.iter().find(|o| o.stdout != "0\n");
        if strategy == Strategy::Dpor {
            dpor_bug = found.map(|_| took);
        }
        match found {
            Some(o) => println!(
                "  explore {:<7} {:>8.1} ms  after {} schedules (balance {})",
                strategy.name(),
                took.as_secs_f64() * 1e3,
                o.first_found,
                o.stdout.trim()
            ),
            None => println!("  explore {:<7} not found in {:.1} s", strategy.name(), took.as_secs_f64()),
        }
    }
    let start = Instant::now();
    let mut seed = 0u64;
    let found = loop {
        let opts = RunOptions { policy: Policy::PreemptAny, seed, record_trace: false, ..RunOptions::default() };
        let r = run_source(&racy_path, &racy_src, &opts);
        seed += 1;
        if r.stdout() != "0\n" {
            break Some(r.stdout());
        }
        if start.elapsed() > Duration::from_secs(10) {
            break None;
        }
    };
    let took = start.elapsed();
    match found {
        Some(out) => println!(
            "  run --policy preempt-any, seeds 0..: {:>8.1} ms  after {seed} runs (balance {})",
            took.as_secs_f64() * 1e3,
            out.trim()
        ),
        None => println!("  run --policy preempt-any: not found in {seed} runs ({:.1} s)", took.as_secs_f64()),
    }
    cpython_runs(&racy_path);

    let (r, took) = timed(&lock_path, &lock_src, &ExploreOptions::default(), Duration::from_secs(10), false);
    let proof = r.exhaustive.then_some(took);
    if r.exhaustive {
        println!(
            "dpor proof, lock.py (2 threads x 2 locked iterations; target <= 1 s): EXHAUSTIVE in {:.2} s, {} schedules, outcomes {:?}",
            took.as_secs_f64(),
            r.schedules,
            r.outcomes.iter().map(|o| o.stdout.trim().to_string()).collect::<Vec<_>>()
        );
    } else {
        println!(
            "dpor proof, lock.py (2 threads x 2 locked iterations; target <= 1 s): NOT exhaustive after {:.2} s, {} schedules: {}",
            took.as_secs_f64(),
            r.schedules,
            r.bounded_by.join("; ")
        );
    }
    let verdict = |t: Option<Duration>, target: Duration| match t {
        Some(t) if t <= target => format!("{:.0} ms (met)", t.as_secs_f64() * 1e3),
        Some(t) => format!("{:.0} ms (missed)", t.as_secs_f64() * 1e3),
        None => "not reached (missed)".to_string(),
    };
    println!(
        "against the targets: dpor lost update {} vs 100 ms; exhaustive 2x2 locked proof {} vs 1000 ms",
        verdict(dpor_bug, Duration::from_millis(100)),
        verdict(proof, Duration::from_secs(1))
    );
}
