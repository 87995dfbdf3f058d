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
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const GOLDEN: &str = include_str!("golden/trace_hashes.txt");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: i32);
}

/// Lets the browser run its own tasks (a timer's turn, not a microtask's): chromedriver gives
/// up on a renderer that answers nothing for 30 s, and the rows together take longer than
/// that on a loaded machine, each one far less.
async fn yield_to_browser() {
    let timer = js_sys::Promise::new(&mut |resolve, _reject| set_timeout(&resolve, 0));
    wasm_bindgen_futures::JsFuture::from(timer).await.expect("a timer resolves");
}

#[wasm_bindgen_test]
async fn every_golden_row_has_the_same_hashes_in_wasm() {
    let expected = golden::parse(GOLDEN).unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for row in &expected {
        yield_to_browser().await;
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

/// The page resolves `\N{...}` with its own name table (vendor/unicode_names2/VENDORED.md):
/// tests/py/unicode_names.py prints, in wasm, what CPython 3.11 printed for it.
#[wasm_bindgen_test]
fn unicode_names_and_identifiers_match_cpython_in_wasm() {
    // The page fetches this file on demand (src/web/unicode_names.rs); here it is at hand.
    unicode_names2::set_table_loader(|| Some(include_bytes!("../www/unicode_names.bin").to_vec()));
    let source = include_str!("py/unicode_names.py");
    let expected: serde_json::Value = serde_json::from_str(include_str!("py/unicode_names.expected")).unwrap();
    let result = concsim::run_source("unicode_names.py", source, &concsim::RunOptions::default());
    assert_eq!(result.stderr(), "");
    assert_eq!(result.exit_code, 0);
    assert_eq!(result.stdout(), expected["stdout"].as_str().unwrap());
    // Names resolved by the compact table, computed ones, aliases, and non-names.
    for (name, want) in [
        ("BULLET", Some('\u{2022}')),
        ("variation selector-256", Some('\u{E01EF}')),
        ("CJK COMPATIBILITY IDEOGRAPH-2FA1D", Some('\u{2FA1D}')),
        ("HANGUL SYLLABLE HIH", Some('\u{D7A3}')),
        ("BELL", Some('\u{1F514}')),
        ("BEL", Some('\u{7}')),
        ("SNOWMA", None),
        ("CJK COMPATIBILITY IDEOGRAPH-0F900", None),
    ] {
        assert_eq!(unicode_names2::character(name), want, "{name}");
    }
}
