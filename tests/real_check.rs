//! Real runs (`concsim real`) and the checker (`concsim check`), on real OS processes:
//! - every deterministic differential program prints, for real, what CPython 3.11 printed;
//! - real runs of the built-in scenarios conform to the simulator (the distributed one with
//!   its manager served over real TCP between two hosts' processes);
//! - mutated real traces are rejected, each at the fault;
//! - nothing is left behind: no orphan or zombie after a timeout, or after a child is
//!   killed with SIGKILL mid-run;
//! - a timed wait on a process-shared object times out (the broker keeps its deadline),
//!   never early, and a wakeup before the deadline still wins.
#![cfg(not(target_arch = "wasm32"))]

use concsim::check::{check_hosts, check_trace};
use concsim::sim::{HostProgram, RunOptions};
use concsim::trace::{self, Event, EventKind};
use concsim::vm::request::CommandAnswer;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/procs.rs"]
mod procs;
use procs::descendants_of;

const BIN: &str = env!("CARGO_BIN_EXE_concsim");

/// The tests of this file run one at a time: the leftover counts look at every process
/// this test binary has below it.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn last_line(text: &str) -> &str {
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// Programs that look at a child right after killing it: CPython (and the simulator) still
/// see it alive, a real run ends it at the kill (ARCHITECTURE.md, signals).
const SEES_A_KILLED_CHILD_ALIVE: &[&str] = &["process_terminate_alive.py"];
/// Programs that talk to a command while it runs. A real run gives a command its whole input
/// and takes its output when it ends (`exec_run`, one recorded answer), so the parent's
/// readline and the command's read would wait for each other until the timeout; and a
/// program that prints when each of a command's lines arrives sees them all at its end.
const TALKS_TO_A_RUNNING_COMMAND: &[&str] = &[
    "subprocess_interactive_cat.py",
    "subprocess_interactive_python.py",
    "asyncio_subprocess_stdin.py",
    "asyncio_subprocess_lines.py",
];

#[test]
fn real_runs_print_what_cpython_prints() {
    let _serial = serial();
    let dir = manifest().join("tests").join("py");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/py")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .filter(|p| !TALKS_TO_A_RUNNING_COMMAND.iter().any(|n| p.file_name().is_some_and(|f| f == *n)))
        .filter(|p| !SEES_A_KILLED_CHILD_ALIVE.iter().any(|n| p.file_name().is_some_and(|f| f == *n)))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("expected")).expect("expected file"))
                .expect("json");
        let out = Command::new(BIN).args(["real", &name, "--timeout", "30"]).current_dir(&dir).output().expect("run");
        // The standard library's directory as the .expected files have it (record_expected.py).
        let stdout = String::from_utf8_lossy(&out.stdout).replace("/usr/lib/python3.11/", "<stdlib>/");
        // Tracebacks name the program by its absolute path; the .expected files without its folder.
        let stderr = String::from_utf8_lossy(&out.stderr)
            .replace("/usr/lib/python3.11/", "<stdlib>/")
            .replace(&format!("{}/", dir.display()), "");
        let mut why = Vec::new();
        if i64::from(out.status.code().unwrap_or(-1)) != expected["exit_code"].as_i64().unwrap_or(0) {
            why.push(format!("exit {:?} != {}", out.status.code(), expected["exit_code"]));
        }
        if stdout != expected["stdout"].as_str().unwrap_or("") {
            why.push(format!("stdout differs:\n{stdout}"));
        }
        match expected.get("stderr").and_then(|s| s.as_str()) {
            Some(full) if stderr != full => why.push(format!("stderr differs:\n{stderr}")),
            Some(_) => {}
            None => {
                let want = expected["stderr_last_line"].as_str().unwrap_or("");
                if last_line(&stderr) != want {
                    why.push(format!("last stderr line {:?} != {want:?}", last_line(&stderr)));
                }
            }
        }
        if !why.is_empty() {
            failures.push(format!("{name}: {}", why.join("; ")));
        }
    }
    assert!(files.len() > 50, "the differential programs are missing");
    assert!(failures.is_empty(), "real runs differ from CPython:\n{}", failures.join("\n"));
}

/// A real run's trace and the programs it ran (one per host).
fn real_trace(scenario: &str, seed: u64) -> (Vec<HostProgram>, Vec<Event>) {
    let s = concsim::scenarios::find(scenario).expect("scenario");
    let programs = s.programs();
    let path = std::env::temp_dir().join(format!("concsim-test-{scenario}-{seed}-{}.jsonl", std::process::id()));
    let out = Command::new(BIN)
        .args(["real", &format!("scenario:{scenario}"), "--seed", &seed.to_string(), "--cores", "2", "--trace"])
        .arg(&path)
        .output()
        .expect("real run");
    // A program may fail for real (the subprocess scenario's `nslookup` may not be installed:
    // FileNotFoundError, as CPython raises it); the run itself must end on its own.
    let code = out.status.code();
    assert!(code.is_some() && code != Some(124) && code != Some(70), "real run of {scenario}: {code:?}");
    let events = trace::from_jsonl(&std::fs::read_to_string(&path).expect("trace")).expect("parses");
    let _ = std::fs::remove_file(&path);
    (programs, events)
}

fn options(seed: u64) -> RunOptions {
    RunOptions { seed, cores: 2, ..RunOptions::default() }
}

#[test]
fn real_runs_of_the_scenarios_conform() {
    let _serial = serial();
    let scenarios =
        ["fork", "process", "thread", "thread_local", "lock", "queue", "pool3", "prod_consumer", "subprocess"];
    // The distributed task queue (two hosts, a manager over real TCP) takes 10 s a run.
    let runs = scenarios.iter().flat_map(|s| [(*s, 0), (*s, 1)]).chain([("distributed", 0)]);
    for (scenario, seed) in runs {
        {
            let (programs, events) = real_trace(scenario, seed);
            if scenario == "distributed" {
                let net: Vec<&str> = events
                    .iter()
                    .filter_map(|e| match &e.kind {
                        EventKind::Listen { .. } => Some("listen"),
                        EventKind::Connect { ok: true, .. } => Some("connect"),
                        EventKind::Accept { .. } => Some("accept"),
                        _ => None,
                    })
                    .collect();
                assert!(net.contains(&"listen") && net.contains(&"connect") && net.contains(&"accept"), "{net:?}");
            }
            let verdict = check_hosts(&programs, &options(seed), &events);
            assert!(
                verdict.conforms(),
                "{scenario} seed {seed}: {}",
                verdict.divergence.map(|d| d.to_string()).unwrap_or_default()
            );
            assert!(verdict.decisions >= 3, "{scenario}: only {} decisions", verdict.decisions);
        }
    }
}

#[test]
fn check_command_reports_runs_and_outcomes() {
    let _serial = serial();
    let out = Command::new(BIN).args(["check", "scenario:lock", "--runs", "3", "--jobs", "2"]).output().expect("check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("conform: 3/3"), "{text}");
    assert!(text.contains("outcomes"), "{text}");
}

fn rejected(file: &str, source: &str, seed: u64, events: &[Event], what: &str) {
    let verdict = check_trace(file, source, &options(seed), events);
    assert!(!verdict.conforms(), "the mutation '{what}' was accepted");
}

fn chan_gets(events: &[Event], chan_id: u32) -> Vec<usize> {
    events
        .iter()
        .enumerate()
        .filter(
            |(_, e)| matches!(&e.kind, EventKind::Chan { op, ok: true, chan, .. } if op == "get" && *chan == chan_id),
        )
        .map(|(i, _)| i)
        .collect()
}

/// Real commands are inputs of a run: the replay is fed what they answered, so a trace whose
/// command output was altered no longer matches what the program printed with it.
#[test]
fn real_commands_are_replayed_inputs() {
    let _serial = serial();
    let dir = manifest().join("tests").join("py");
    let source = std::fs::read_to_string(dir.join("subprocess_api.py")).expect("program");
    let path = std::env::temp_dir().join(format!("concsim-test-subprocess-{}.jsonl", std::process::id()));
    let out = Command::new(BIN)
        .args(["real", "subprocess_api.py", "--cores", "2", "--trace"])
        .arg(&path)
        .current_dir(&dir)
        .output()
        .expect("real run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events = trace::from_jsonl(&std::fs::read_to_string(&path).expect("trace")).expect("parses");
    let _ = std::fs::remove_file(&path);
    let ran: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(&e.kind, EventKind::Command { argv, .. } if argv[0] == "echo" && argv.len() == 3))
        .map(|(i, _)| i)
        .collect();
    assert!(!ran.is_empty(), "the real `echo hello world` is recorded");
    // The replay sees the files the real run saw (and so names the program as it did).
    let folder = dir.display().to_string();
    let opts = RunOptions { files: concsim::sim::fs::Snapshot::of_dir(&folder, &folder), ..options(0) };
    assert!(check_trace("subprocess_api.py", &source, &opts, &events).conforms(), "the real trace conforms");
    let mut altered = events.clone();
    if let EventKind::Command { answer: CommandAnswer::Run { out, .. }, .. } = &mut altered[ran[0]].kind {
        *out = b"hello there\n".to_vec();
    } else {
        panic!("a run answer");
    }
    assert!(
        !check_trace("subprocess_api.py", &source, &opts, &altered).conforms(),
        "a command output that is not what the program printed was accepted"
    );
}

#[test]
fn mutated_traces_are_rejected() {
    let _serial = serial();
    let (mut programs, events) = real_trace("queue", 0);
    let program = programs.remove(0);
    let (file, source) = (program.filename, program.source);
    assert!(check_trace(&file, &source, &options(0), &events).conforms(), "the unmutated trace must conform");

    // Swap the values two gets received from one queue.
    let gets = chan_gets(&events, 0);
    assert!(gets.len() >= 2, "the queue scenario gets at least two items");
    let mut swapped = events.clone();
    let (a, b) = (gets[0], gets[1]);
    let (ka, kb) = (swapped[a].kind.clone(), swapped[b].kind.clone());
    let take = |k: &EventKind| match k {
        EventKind::Chan { item, from, .. } => (item.clone(), *from),
        _ => unreachable!("a get event"),
    };
    let ((ia, fa), (ib, fb)) = (take(&ka), take(&kb));
    for (i, item, from) in [(a, ib, fb), (b, ia, fa)] {
        if let EventKind::Chan { item: it, from: fr, .. } = &mut swapped[i].kind {
            *it = item;
            *fr = from;
        }
    }
    assert_ne!(swapped[a].kind, ka);
    assert_ne!(swapped[b].kind, kb);
    rejected(&file, &source, 0, &swapped, "swap two received values");

    // Drop a release: the first successful put (a queue's item, or a multiprocessing lock's
    // token) disappears.
    let put = events
        .iter()
        .position(|e| matches!(&e.kind, EventKind::Chan { op, ok: true, .. } if op == "put"))
        .expect("a put");
    let mut dropped = events.clone();
    dropped.remove(put);
    rejected(&file, &source, 0, &dropped, "drop a put");

    // Move a print before the event it depends on: the reader's "Get A" line goes before
    // the get that received A.
    let get = gets[0];
    let print = (get..events.len())
        .find(|&i| matches!(&events[i].kind, EventKind::Write { text, .. } if text.starts_with("Get ")))
        .expect("the reader prints what it got");
    let mut moved = events.clone();
    let line = moved.remove(print);
    let run_before_get = (0..get).rev().find(|&i| matches!(moved[i].kind, EventKind::Run { .. })).expect("a run");
    moved.insert(run_before_get, line);
    rejected(&file, &source, 0, &moved, "move a print before its get");

    // Invent a pid.
    let mut invented = events.clone();
    let w = invented.iter().position(|e| matches!(e.kind, EventKind::Write { .. })).expect("a write");
    invented[w].pid = 4242;
    rejected(&file, &source, 0, &invented, "invent a pid");

    // Steps: a thread that ran more instructions than it could before needing the kernel.
    let mut longer = events.clone();
    let r = longer.iter().rposition(|e| matches!(e.kind, EventKind::Run { steps, .. } if steps > 3)).expect("a run");
    if let EventKind::Run { steps, .. } = &mut longer[r].kind {
        *steps += 7;
    }
    rejected(&file, &source, 0, &longer, "lengthen a segment");
}

/// Every event the checker records is compared (issue 19, item 10): a thread's end, the
/// end of the last segment, the boot before the first decision, the schema version and the
/// events' order.
#[test]
fn every_recorded_event_is_compared() {
    let _serial = serial();
    let (mut programs, events) = real_trace("lock", 0);
    let program = programs.remove(0);
    let (file, source) = (program.filename, program.source);
    assert!(check_trace(&file, &source, &options(0), &events).conforms(), "the unmutated trace must conform");

    let mut no_end = events.clone();
    let end = no_end.iter().position(|e| matches!(e.kind, EventKind::ThreadEnd)).expect("a thread_end");
    no_end.remove(end);
    renumber(&mut no_end);
    rejected(&file, &source, 0, &no_end, "delete a thread_end");

    for by in [1, 2] {
        let mut shorter = events.clone();
        let r =
            shorter.iter().rposition(|e| matches!(e.kind, EventKind::Run { steps, .. } if steps > 3)).expect("a run");
        if let EventKind::Run { steps, .. } = &mut shorter[r].kind {
            *steps -= by;
        }
        rejected(&file, &source, 0, &shorter, &format!("shorten the last segment by {by}"));
    }

    let mut ppid = events.clone();
    let start = ppid.iter().position(|e| matches!(e.kind, EventKind::ProcStart { .. })).expect("proc_start");
    if let EventKind::ProcStart { ppid, .. } = &mut ppid[start].kind {
        *ppid += 1;
    }
    rejected(&file, &source, 0, &ppid, "change the main process's ppid");

    let mut swapped = events.clone();
    swapped.swap(5, 6);
    rejected(&file, &source, 0, &swapped, "events out of order");

    let text = trace::to_jsonl(&events).replacen("\"version\":1", "\"version\":2", 1);
    let read = trace::from_jsonl(&text);
    assert!(read.as_ref().is_err_and(|e| e.contains("version 2")), "version 2 was read: {:?}", read.map(|e| e.len()));
}

/// Numbers the events in order again (a deletion leaves a gap the order check would see
/// first).
fn renumber(events: &mut [Event]) {
    for (i, e) in events.iter_mut().enumerate() {
        e.seq = i as u64;
    }
}

fn write_program(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("concsim-{name}-{}.py", std::process::id()));
    std::fs::write(&path, text).expect("write program");
    path
}

fn run_and_count_leftovers(path: &Path, timeout: &str) -> (std::process::Output, usize) {
    let me = std::process::id();
    let before = descendants_of(me).len();
    let out = Command::new(BIN).arg("real").arg(path).args(["--timeout", timeout]).output().expect("run");
    std::thread::sleep(std::time::Duration::from_millis(100));
    let after = descendants_of(me).len();
    (out, after.saturating_sub(before))
}

#[test]
fn a_timeout_leaves_no_process_behind() {
    let _serial = serial();
    let path = write_program(
        "hang",
        "import os, time\nfrom multiprocessing import Process\n\ndef sleeper():\n    time.sleep(100)\n\n\
         if __name__ == '__main__':\n    for _ in range(3):\n        Process(target=sleeper).start()\n    \
         if os.fork() == 0:\n        time.sleep(100)\n    time.sleep(100)\n",
    );
    let (out, left) = run_and_count_leftovers(&path, "1");
    assert_eq!(out.status.code(), Some(124), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("timeout"));
    assert_eq!(left, 0, "processes left behind after the timeout");
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_child_killed_mid_run_leaves_nothing_behind() {
    let _serial = serial();
    let path = write_program(
        "sigkill",
        "import os, time\nfrom multiprocessing import Process\n\ndef sleeper():\n    time.sleep(100)\n\n\
         if __name__ == '__main__':\n    p = Process(target=sleeper)\n    p.start()\n    time.sleep(0.2)\n    \
         os.kill(p.pid, 9)\n    p.join()\n    print('exitcode', p.exitcode)\n    \
         q = Process(target=sleeper)\n    q.start()\n    q.terminate()\n    q.join()\n    print('exitcode', q.exitcode)\n",
    );
    let (out, left) = run_and_count_leftovers(&path, "20");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "exitcode -9\nexitcode -15\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(left, 0, "processes left behind");
    let _ = std::fs::remove_file(path);
}

/// A timed wait on a `multiprocessing` Event or Queue times out, never before its deadline,
/// and a wakeup before the deadline still wins. How close to the deadline it ends is timing,
/// not asserted (a loaded machine delays any wait): the test prints the shortest of ten 20 ms
/// waits — 20.2 ms on an idle machine, like CPython's 20.1–20.3 ms; 23.3–24 ms when the client
/// timed them out itself with the socket's receive timeout (the scheduler tick), which made the
/// spinner of `fluent_spinner_proc.py` draw 27 frames where CPython draws 30.
#[test]
fn timed_waits_on_shared_objects_end_at_their_deadline() {
    let _g = serial();
    let program = write_program(
        "timed",
        r#"import multiprocessing as mp, queue, time

def setter(ev):
    time.sleep(0.05)
    ev.set()

if __name__ == "__main__":
    ev, q = mp.Event(), mp.Queue()
    waits, gets = [], []
    for _ in range(10):
        s = time.perf_counter()
        r = ev.wait(0.02)
        waits.append((time.perf_counter() - s) * 1000)
        s = time.perf_counter()
        try:
            q.get(timeout=0.02)
        except queue.Empty:
            gets.append((time.perf_counter() - s) * 1000)
    print("timed out", r, len(gets))
    print("wait", min(waits))
    print("get", min(gets))
    p = mp.Process(target=setter, args=(ev,))
    p.start()
    s = time.perf_counter()
    print("set", ev.wait(5), time.perf_counter() - s < 2)
    p.join()
"#,
    );
    let out = Command::new(BIN).arg("real").arg(&program).output().expect("real");
    let _ = std::fs::remove_file(&program);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("timed out False 10\n"), "{text}");
    assert!(text.contains("set True True\n"), "{text}");
    for what in ["wait", "get"] {
        let ms: f64 = text
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{what} ")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {what} line in {text}"));
        assert!(ms >= 19.9, "a 20 ms timed {what} ended early, after {ms:.2} ms:\n{text}");
        eprintln!("the shortest of ten 20 ms timed {what}s took {ms:.2} ms");
    }
}
