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
//! - time for dpor to settle tests/explore/rounds.py (2 threads x 3 rounds of an unlocked
//!   `x = x + 1` and a locked `y += 1`) exhaustively, with its schedules per second.
//!
//! Targets (issues 6 and 18): a lost update in at most 100 ms; the exhaustive proofs in at
//! most 1 s.
//!
//! - `concsim explore` itself (the CLI binary, as a user runs it) on no_lock.py and on the
//!   deadlocking abba.py under `--time-limit`: its peak resident memory and how close it
//!   stops to the limit (issue 19: under 300 MB over 60 s, the limit kept within 10%).
//!
//! `cargo bench --bench explore -- page [SECONDS] [SCENARIO...]` runs the page's search
//! (`explore::live::Search`) on the scenarios instead: why and when it stopped, schedules
//! per second, when a second outcome showed, resident memory.

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

/// Peak resident memory of this process so far (Linux), in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

/// Runs `concsim explore FIXTURE --time-limit SECONDS` and prints its wall time against the
/// limit and its peak resident memory (the child's own, from `wait4`).
fn cli_explore(fixture_name: &str, seconds: u64) {
    let path = format!("{}/tests/explore/{fixture_name}", env!("CARGO_MANIFEST_DIR"));
    let start = Instant::now();
    // Reaped by the wait4 below, which also gives the child's own peak memory.
    #[allow(clippy::zombie_processes)]
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_concsim"))
        .args(["explore", &path, "--time-limit", &seconds.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start concsim explore");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `child` is our unreaped child; wait4 writes only into the two locals.
    let reaped = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let took = start.elapsed().as_secs_f64();
    assert_eq!(reaped, child.id() as libc::pid_t, "wait4 on concsim explore");
    let over = (took / seconds as f64 - 1.0) * 100.0;
    // A search that settles before the limit stops by itself; only one cut by it is measured
    // against it.
    let stopped = if over < -10.0 {
        format!("finished by itself after {took:.1} s")
    } else {
        format!("stopped after {took:.1} s ({over:+.1}% of the limit; target within 10%)")
    };
    println!(
        "  concsim explore {fixture_name:<12} --time-limit {seconds:>2}: {stopped}, peak RSS {:.0} MiB (target < 300 MiB), exit status {}",
        usage.ru_maxrss as f64 / 1024.0,
        libc::WEXITSTATUS(status)
    );
}

/// `cargo bench --bench explore -- page [SECONDS] [SCENARIO...]`: the page's search
/// (`explore::live::Search`, the code `src/web/find.rs` runs, in 25 ms slices) on each
/// scenario for at most SECONDS (default 60): when and why it stopped, schedules per second,
/// when the first outcome other than the first showed, and the resident memory.
fn page(args: &[String]) {
    use concsim::explore::live::{Limits, Search};
    let secs: f64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(60.0);
    let names: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    let clock = Instant::now();
    let now = move || clock.elapsed().as_secs_f64() * 1e3;
    for s in concsim::scenarios::all() {
        if (!names.is_empty() && !names.contains(&s.name)) || s.hosts.len() > 1 {
            continue;
        }
        let opts = RunOptions { seed: s.seed, cores: s.cores, stdout: s.stdout, ..RunOptions::default() };
        let limits = Limits { time_ms: secs * 1e3, ..Limits::default() };
        let mut search = Search::with_limits(&s.file_name(), s.source, &opts, limits);
        let start = now();
        let mut second = None;
        let mut peak = 0u64;
        while search.running {
            search.work(25.0, &now);
            peak = peak.max(concsim::explore::live::memory_in_use());
            if second.is_none() && search.outcomes().len() > 1 {
                second = Some((now() - start, search.schedules()));
            }
        }
        let took = (now() - start) / 1e3;
        println!(
            "page search {:<14} {:>8} schedules ({} cut) in {:>5.1} s = {:>6.0}/s, {} outcomes{}, 2nd outcome at {}, RSS now {:.0} MiB (peak of the process {:.0} MiB): {}",
            s.name,
            search.schedules(),
            search.cut(),
            took,
            search.per_second(),
            search.outcomes().len(),
            if search.more_outcomes() > 0 { format!(" (+{} not kept)", search.more_outcomes()) } else { String::new() },
            second.map(|(ms, n)| format!("{:.1} s (schedule {n})", ms / 1e3)).unwrap_or_else(|| "-".into()),
            peak as f64 / 1048576.0,
            peak_rss_mib(),
            search.stop_reason().map(|r| r.text(false)).unwrap_or_default()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("page") {
        return page(&args[1..]);
    }
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
    let (rounds_path, rounds_src) = fixture("rounds.py");
    let (r, took) = timed(&rounds_path, &rounds_src, &ExploreOptions::default(), Duration::from_secs(60), false);
    let rounds = r.exhaustive.then_some(took);
    println!(
        "dpor proof, rounds.py (2 threads x 3 rounds, unlocked x and locked y; target <= 1 s): {} in {:.2} s, {} schedules ({:.0}/s, {} pruned), outcomes {:?}",
        if r.exhaustive { "EXHAUSTIVE" } else { "NOT exhaustive" },
        took.as_secs_f64(),
        r.schedules,
        r.schedules as f64 / took.as_secs_f64(),
        r.pruned,
        r.outcomes.iter().map(|o| o.stdout.trim().to_string()).collect::<Vec<_>>()
    );
    println!("the CLI under a time limit (memory bounded by what the search keeps, not by its schedules):");
    cli_explore("no_lock.py", 60);
    cli_explore("abba.py", 20);
    let verdict = |t: Option<Duration>, target: Duration| match t {
        Some(t) if t <= target => format!("{:.0} ms (met)", t.as_secs_f64() * 1e3),
        Some(t) => format!("{:.0} ms (missed)", t.as_secs_f64() * 1e3),
        None => "not reached (missed)".to_string(),
    };
    println!(
        "against the targets: dpor lost update {} vs 100 ms; exhaustive 2x2 locked proof {} vs 1000 ms; exhaustive 2x3 rounds proof {} vs 1000 ms",
        verdict(dpor_bug, Duration::from_millis(100)),
        verdict(proof, Duration::from_secs(1)),
        verdict(rounds, Duration::from_secs(1))
    );
}
