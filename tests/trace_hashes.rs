//! Golden trace hashes (native): every built-in scenario, run with each seed of
//! `golden::SEEDS`, must produce the trace and stdout recorded in
//! `tests/golden/trace_hashes.txt`. `tests/wasm_parity.rs` checks the same file in wasm32, so
//! together they show that native and wasm runs are identical.
//!
//! After an intended change of behaviour or of the trace schema, regenerate the file with
//!
//! ```text
//! CONCSIM_BLESS=1 cargo test --release --test trace_hashes
//! ```
//!
//! and commit it (review the diff: every changed row is a run that now behaves differently).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/golden.rs"]
mod golden;

use concsim::{scenarios, sim::run_hosts, trace};

const BLESS_HINT: &str = "If the difference is intended (a new or changed scenario, a deliberate change of \
     behaviour or of the trace schema), regenerate the file with\n    \
     CONCSIM_BLESS=1 cargo test --release --test trace_hashes\n\
     then review its diff and commit tests/golden/trace_hashes.txt.";

fn blessing() -> bool {
    std::env::var("CONCSIM_BLESS").is_ok_and(|v| v == "1")
}

#[test]
fn trace_hashes_match_golden_file() {
    let actual = golden::compute();
    if blessing() {
        let text = golden::render(&actual);
        std::fs::write(golden::GOLDEN_PATH, &text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", golden::GOLDEN_PATH));
        eprintln!("blessed {} rows into {}", actual.len(), golden::GOLDEN_PATH);
        return;
    }
    let text = match std::fs::read_to_string(golden::GOLDEN_PATH) {
        Ok(t) => t,
        Err(e) => panic!("cannot read {}: {e}\n{BLESS_HINT}", golden::GOLDEN_PATH),
    };
    let expected = golden::parse(&text).unwrap_or_else(|e| panic!("{e}\n{BLESS_HINT}"));
    if let Err(diff) = golden::compare(&expected, &actual) {
        panic!("runs differ from {}:\n{diff}\n{BLESS_HINT}", golden::GOLDEN_PATH);
    }
}

#[test]
fn golden_file_has_one_row_per_run() {
    if blessing() {
        return; // the file is being rewritten by the test above
    }
    let text = std::fs::read_to_string(golden::GOLDEN_PATH)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}\n{BLESS_HINT}", golden::GOLDEN_PATH));
    let rows = golden::parse(&text).unwrap_or_else(|e| panic!("{e}\n{BLESS_HINT}"));
    for (i, r) in rows.iter().enumerate() {
        assert!(
            !rows[..i].iter().any(|o| o.scenario == r.scenario && o.seed == r.seed),
            "{} seed {} appears twice in {}\n{BLESS_HINT}",
            r.scenario,
            r.seed,
            golden::GOLDEN_PATH
        );
    }
    for s in scenarios::all() {
        for seed in golden::SEEDS {
            assert!(
                rows.iter().any(|r| r.scenario == s.name && r.seed == seed),
                "{} has no row for scenario {} seed {seed}\n{BLESS_HINT}",
                golden::GOLDEN_PATH,
                s.name
            );
        }
    }
}

/// Where two texts first differ, as "line N: left / right", for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    let (mut la, mut lb) = (a.lines(), b.lines());
    let mut n = 1;
    loop {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (None, None) => return "no line differs (line endings differ)".to_string(),
            (x, y) => return format!("line {n}:\n  first run:  {x:?}\n  second run: {y:?}"),
        }
    }
}

#[test]
fn same_seed_twice_gives_byte_identical_trace() {
    for s in scenarios::all() {
        for seed in golden::SEEDS {
            let mut opts = s.options();
            opts.seed = seed;
            opts.record_trace = true;
            let first = run_hosts(&s.programs(), &opts);
            let second = run_hosts(&s.programs(), &opts);
            let (a, b) = (trace::to_jsonl(&first.trace), trace::to_jsonl(&second.trace));
            assert!(
                a == b,
                "scenario {} seed {seed}: two runs gave different traces; {}",
                s.name,
                first_difference(&a, &b)
            );
            assert_eq!(first.stdout(), second.stdout(), "scenario {} seed {seed}: stdout differs", s.name);
            assert_eq!(first.stderr(), second.stderr(), "scenario {} seed {seed}: stderr differs", s.name);
            assert_eq!(first.exit_code, second.exit_code, "scenario {} seed {seed}: exit code differs", s.name);
            assert_eq!(first.schedule, second.schedule, "scenario {} seed {seed}: schedule differs", s.name);
            assert_eq!(first.elapsed_ns, second.elapsed_ns, "scenario {} seed {seed}: virtual time differs", s.name);
            assert_eq!(first.steps, second.steps, "scenario {} seed {seed}: step count differs", s.name);
        }
    }
}
