//! The command line's limits (issue 19, items 9 and 11): the memory budget gives CPython's
//! MemoryError (traceback, `MemoryError`, exit 1) under `run` and `real`, quickly and at the
//! same instruction in every `run`; counts that make no sense are refused.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_concsim");

fn program(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("concsim-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn concsim(args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new(BIN).args(args).output().expect("concsim");
    (out, start.elapsed())
}

const GROWING: &str = "x = []\nwhile True:\n    x.append('a' * 10**6)\n";

#[test]
fn a_growing_list_gets_memory_error_under_run_and_real() {
    let path = program("grow.py", GROWING);
    let path = path.to_str().expect("utf-8");
    for mode in ["run", "real"] {
        let (out, took) = concsim(&[mode, path, "--max-memory", "64M"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{mode}: {err}");
        assert!(err.starts_with("Traceback (most recent call last):"), "{mode}: {err}");
        assert_eq!(err.lines().last(), Some("MemoryError"), "{mode}: {err}");
        assert!(took < Duration::from_secs(10), "{mode} took {took:?}");
    }
}

#[test]
fn memory_error_is_caught_at_the_same_instruction_in_every_run() {
    let path = program(
        "caught.py",
        "x = []\ntry:\n    while True:\n        x.append('a' * 10**5)\nexcept MemoryError:\n    n = len(x)\n    \
         x = None\n    print('caught after', n)\nprint('b' * 2**30)\n",
    );
    let path = path.to_str().expect("utf-8");
    let runs: Vec<Output> = (0..2).map(|_| concsim(&["run", path, "--max-memory", "32M"]).0).collect();
    let first = String::from_utf8_lossy(&runs[0].stdout).to_string();
    assert!(first.starts_with("caught after "), "{first}");
    assert_eq!(runs[0].stdout, runs[1].stdout, "a run is a pure function of its inputs");
    // The repetition that cannot fit raises before it allocates.
    let err = String::from_utf8_lossy(&runs[0].stderr);
    assert_eq!(err.lines().last(), Some("MemoryError"), "{err}");
    assert_eq!(runs[0].status.code(), Some(1));
}

#[test]
fn a_bad_memory_size_is_refused() {
    let (out, _) = concsim(&["run", "scenario:lock", "--max-memory", "lots"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-memory lots"));
}

#[test]
fn senseless_counts_are_refused() {
    let refused = [
        (&["real", "--cores", "0", "scenario:lock"][..], "must be at least 1"),
        (&["check", "--runs", "0", "scenario:lock"], "must be at least 1"),
        // A `Pool()` would start a worker per core: 100,000 of them took minutes.
        (&["run", "--cores", "100000", "scenario:pool"], "must be at most 1024"),
        (&["real", "--cores", "100000", "scenario:pool"], "must be at most 1024"),
    ];
    for (args, why) in refused {
        let (out, took) = concsim(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(why), "{args:?}: {err}");
        assert!(out.stdout.is_empty() && took < Duration::from_secs(5), "{args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_reports_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let commands = [
        &["explore", "scenario:no_lock", "--time-limit", "1"][..],
        &["check", "scenario:lock", "--runs", "1"],
        &["scenarios"],
        &["level"],
    ];
    for args in commands {
        let mut child = Command::new(BIN)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // The reader goes away before anything is written (`| head -0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
        assert!(out.status.success() || out.status.signal() == Some(libc_sigpipe()), "{args:?}: {:?}", out.status);
    }
}

/// SIGPIPE's number on Linux.
fn libc_sigpipe() -> i32 {
    13
}
