//! Differential tests against CPython 3.11.
//!
//! Every `tests/py/NAME.py` is run on the simulator with the default options and compared with
//! `tests/py/NAME.expected`, which `scripts/record_expected.py` recorded from `python3 NAME.py`
//! (run in tests/py, so tracebacks name the file `NAME.py`, the name given to `run_source`).
//! Compared: stdout, exit status, and the last non-empty line of stderr — or the whole of
//! stderr for programs whose name starts with `tb_`, whose point is the traceback's text.
//! Both sides' standard library directories are one placeholder, `<stdlib>/` (CPython's is
//! replaced when recorded, the simulator's `/usr/lib/python3.11/` here).
//!
//! Each run sees the files of tests/py (`RunOptions::files`), with tests/py as its working
//! directory, as python3 does when recorded.
//!
//! All programs are run and every difference is printed before the test fails, so one run
//! shows the whole picture. `CONCSIM_DIFF_ONLY=name1,name2` restricts the run to some programs.
//!
//! `expected_files_match_cpython` keeps the .expected files honest: when `python3` is CPython
//! 3.11 it re-records them in memory (`record_expected.py --check`) and fails on a difference.

#![cfg(not(target_arch = "wasm32"))]

use concsim::{run_source, RunOptions};
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn py_dir() -> PathBuf {
    manifest_dir().join("tests").join("py")
}

/// The programs to run, sorted by name, filtered by `CONCSIM_DIFF_ONLY` when it is set.
fn programs() -> Vec<PathBuf> {
    let only: Option<Vec<String>> = std::env::var("CONCSIM_DIFF_ONLY").ok().map(|v| {
        v.split(',').map(|s| s.trim().trim_end_matches(".py").to_string()).filter(|s| !s.is_empty()).collect()
    });
    let mut files: Vec<PathBuf> = std::fs::read_dir(py_dir())
        .expect("tests/py exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .filter(|p| match &only {
            Some(names) => names.iter().any(|n| Some(n.as_str()) == stem(p).as_deref()),
            None => true,
        })
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> Option<String> {
    path.file_stem().map(|s| s.to_string_lossy().into_owned())
}

fn last_nonempty_line(text: &str) -> &str {
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// What CPython did, as recorded in NAME.expected.
struct Expected {
    stdout: String,
    stderr_last_line: String,
    exit_code: i64,
    /// Only for `tb_` programs.
    stderr: Option<String>,
}

fn load_expected(path: &Path) -> Result<Expected, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e} (run python3 scripts/record_expected.py)", path.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
    let field = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    Ok(Expected {
        stdout: field("stdout").ok_or_else(|| format!("{}: no \"stdout\"", path.display()))?,
        stderr_last_line: field("stderr_last_line")
            .ok_or_else(|| format!("{}: no \"stderr_last_line\"", path.display()))?,
        exit_code: v
            .get("exit_code")
            .and_then(Value::as_i64)
            .ok_or_else(|| format!("{}: no \"exit_code\"", path.display()))?,
        stderr: field("stderr"),
    })
}

/// A line diff (longest common subsequence; the texts here are small), printed with a few
/// lines of context around each change: `-` what CPython printed, `+` what the simulator did.
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split_inclusive('\n').collect();
    let b: Vec<&str> = actual.split_inclusive('\n').collect();
    const MAX: usize = 2000;
    if a.len() > MAX || b.len() > MAX {
        return format!(
            "      (too long to diff: {} vs {} lines)\n      expected ends: {:?}\n      actual ends:   {:?}\n",
            a.len(),
            b.len(),
            last_nonempty_line(expected),
            last_nonempty_line(actual)
        );
    }
    // lcs[i][j] = length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    // (tag, line): ' ' same, '-' only in expected, '+' only in actual.
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    const CONTEXT: usize = 2;
    let mut out = String::new();
    let mut printed_to = 0usize; // ops[..printed_to] are printed or skipped
    for k in (0..ops.len()).filter(|&k| ops[k].0 != ' ') {
        let from = k.saturating_sub(CONTEXT).max(printed_to);
        if from > printed_to || (from > 0 && printed_to == 0) {
            out.push_str("      ...\n");
        }
        let to = (k + CONTEXT + 1).min(ops.len());
        for (tag, line) in &ops[from..to.max(from)] {
            out.push_str(&format!("    {tag} {}\n", show_line(line)));
        }
        printed_to = printed_to.max(to);
    }
    if printed_to > 0 && printed_to < ops.len() {
        out.push_str("      ...\n");
    }
    out
}

/// A line as the diff shows it: as is when that is unambiguous, escaped (Rust debug syntax)
/// when it has tabs, carriage returns, other control characters or trailing blanks.
fn show_line(line: &str) -> String {
    let (body, missing_newline) = match line.strip_suffix('\n') {
        Some(b) => (b, false),
        None => (line, true),
    };
    let mut shown = if body.chars().any(|c| c.is_control()) || body.ends_with(' ') {
        format!("{body:?}")
    } else {
        body.to_string()
    };
    if missing_newline {
        shown.push_str("   (no newline at end)");
    }
    shown
}

thread_local! {
    /// Set while this thread runs the simulator; the panic hook then records the panic here
    /// (message and location) instead of printing it, and the report shows it.
    static CAPTURE: std::cell::RefCell<Option<Option<String>>> = const { std::cell::RefCell::new(None) };
}

/// Installs (once) a panic hook that captures panics raised inside `run_source` and leaves
/// every other panic (assertions of the tests themselves) to the default hook.
fn install_panic_capture() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let captured = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
                Some(slot) => {
                    *slot = Some(info.to_string());
                    true
                }
                None => false,
            });
            if !captured {
                default(info);
            }
        }));
    });
}

/// The simulated machine's standard library directory made the placeholder that
/// `record_expected.py` makes CPython's (see its top comment): the two installations differ.
fn strip_stdlib(text: &str) -> String {
    text.replace("/usr/lib/python3.11/", "<stdlib>/")
}

/// Runs one program and returns a description of every way it differs from CPython.
fn check_program(path: &Path) -> Result<(), String> {
    let name = path.file_name().expect("file name").to_string_lossy().into_owned();
    let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let expected = load_expected(&path.with_extension("expected"))?;
    // The files beside the program, with tests/py as the working directory, as
    // record_expected.py runs python3 (read once: the programs leave them unchanged).
    static FILES: std::sync::OnceLock<concsim::sim::fs::Snapshot> = std::sync::OnceLock::new();
    let files = FILES.get_or_init(|| {
        let dir = py_dir().display().to_string();
        concsim::sim::fs::Snapshot::of_dir(&dir, &dir)
    });
    let opts = RunOptions { files: files.clone(), ..RunOptions::default() };
    install_panic_capture();
    CAPTURE.with(|c| *c.borrow_mut() = Some(None));
    let outcome = catch_unwind(AssertUnwindSafe(|| run_source(&name, &source, &opts)));
    let captured = CAPTURE.with(|c| c.borrow_mut().take()).flatten();
    let result = outcome.map_err(|panic| {
        let msg = captured.unwrap_or_else(|| {
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "(non-string panic)".to_string())
        });
        format!("  the simulator {}\n", msg.replace('\n', "\n    "))
    })?;
    let stdout = strip_stdlib(&result.stdout());
    // Tracebacks name the program by its absolute path, as CPython's do: the directory goes,
    // as record_expected.py removes it from CPython's stderr.
    let stderr = strip_stdlib(&result.stderr().replace(&format!("{}/", py_dir().display()), ""));
    let mut report = String::new();
    if result.exit_code as i64 != expected.exit_code {
        report.push_str(&format!(
            "  exit code: CPython {}, simulator {} (stop: {:?})\n",
            expected.exit_code, result.exit_code, result.stop
        ));
    }
    if stdout != expected.stdout {
        report.push_str("  stdout differs (- CPython, + simulator):\n");
        report.push_str(&line_diff(&expected.stdout, &stdout));
    }
    match &expected.stderr {
        Some(full) => {
            if &stderr != full {
                report.push_str("  stderr differs (- CPython, + simulator):\n");
                report.push_str(&line_diff(full, &stderr));
            }
        }
        None => {
            let last = last_nonempty_line(&stderr);
            if last != expected.stderr_last_line {
                report.push_str(&format!(
                    "  last stderr line differs:\n    - {:?}\n    + {:?}\n",
                    expected.stderr_last_line, last
                ));
                if !stderr.trim().is_empty() {
                    let tail: Vec<&str> = stderr.lines().rev().take(8).collect();
                    report.push_str("    simulator stderr ends with:\n");
                    for l in tail.into_iter().rev() {
                        report.push_str(&format!("      | {l}\n"));
                    }
                }
            }
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(report)
    }
}

#[test]
fn programs_behave_as_in_cpython() {
    let files = programs();
    assert!(!files.is_empty(), "no programs in tests/py (or CONCSIM_DIFF_ONLY matched none)");
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<(String, Result<(), String>)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).min(8);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(k) else { break };
                let outcome = check_program(path);
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                outcomes.lock().unwrap_or_else(|e| e.into_inner()).push((name, outcome));
            });
        }
    });
    let mut outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    let failed: Vec<&(String, Result<(), String>)> = outcomes.iter().filter(|(_, r)| r.is_err()).collect();
    for (name, outcome) in &failed {
        if let Err(report) = outcome {
            println!("==== {name}\n{report}");
        }
    }
    let names: Vec<&str> = failed.iter().map(|(n, _)| n.as_str()).collect();
    println!(
        "differential: {} of {} programs behave as in CPython{}",
        outcomes.len() - failed.len(),
        outcomes.len(),
        if names.is_empty() { String::new() } else { format!("; differ: {}", names.join(" ")) }
    );
    assert!(
        failed.is_empty(),
        "{} of {} programs differ from CPython (see the output above)",
        failed.len(),
        outcomes.len()
    );
}

#[test]
fn expected_files_match_cpython() {
    let version = match Command::new("python3").arg("--version").output() {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            text.trim().to_string()
        }
        _ => {
            println!("note: python3 is not available; the .expected files were not re-checked");
            return;
        }
    };
    if !version.starts_with("Python 3.11") {
        println!("note: python3 is {version:?}, not CPython 3.11; the .expected files were not re-checked");
        return;
    }
    let out = Command::new("python3")
        .arg("scripts/record_expected.py")
        .arg("--check")
        .current_dir(manifest_dir())
        .output()
        .expect("python3 runs");
    print!("{}", String::from_utf8_lossy(&out.stdout));
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "tests/py/*.expected no longer match what {version} does: re-record with python3 scripts/record_expected.py"
    );
}
