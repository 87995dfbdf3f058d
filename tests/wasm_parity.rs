//! Native/wasm parity: the wasm32 build must produce, for every run of the golden file,
//! exactly the trace and stdout the native build recorded there (`tests/trace_hashes.rs`
//! writes and checks the file natively). Runs in headless Chromium (Debian's `chromium` and
//! `chromium-driver`):
//!
//! ```text
//! WASM_BINDGEN_TEST_TIMEOUT=900 wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --release -- --test wasm_parity
//! ```
#![cfg(target_arch = "wasm32")]

// `compute` and `compare` serve the native test only.
#[allow(dead_code)]
#[path = "support/golden.rs"]
mod golden;

use concsim::{scenarios, sim::run_hosts, trace};
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const GOLDEN: &str = include_str!("golden/trace_hashes.txt");

#[wasm_bindgen_test]
fn every_golden_row_has_the_same_hashes_in_wasm() {
    let expected = golden::parse(GOLDEN).unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for row in &expected {
        let Some(s) = scenarios::find(&row.scenario) else {
            problems.push(format!("  {} seed {}: no such scenario", row.scenario, row.seed));
            continue;
        };
        let mut opts = s.options();
        opts.seed = row.seed;
        opts.record_trace = true;
        let result = run_hosts(&s.programs(), &opts);
        let got = golden::Row {
            scenario: row.scenario.clone(),
            seed: row.seed,
            trace_hash: trace::fnv1a64(trace::to_jsonl(&result.trace).as_bytes()),
            stdout_hash: trace::fnv1a64(result.stdout().as_bytes()),
        };
        if &got != row {
            problems.push(format!("  native: {}\n  wasm:   {}", row.line(), got.line()));
        }
    }
    assert!(
        problems.is_empty(),
        "wasm runs differ from the native hashes in tests/golden/trace_hashes.txt:\n{}",
        problems.join("\n")
    );
}

#[wasm_bindgen_test]
fn golden_file_covers_every_scenario() {
    let expected = golden::parse(GOLDEN).unwrap_or_else(|e| panic!("{e}"));
    for s in scenarios::all() {
        for seed in golden::SEEDS {
            assert!(
                expected.iter().any(|r| r.scenario == s.name && r.seed == seed),
                "tests/golden/trace_hashes.txt has no row for scenario {} seed {seed}; \
                 bless it natively: CONCSIM_BLESS=1 cargo test --release --test trace_hashes",
                s.name
            );
        }
    }
}
