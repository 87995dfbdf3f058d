//! One program run three ways — threads under the GIL (CPython 3.11), threads without it
//! (free-threaded 3.13t, `Gil::Off`) and processes (`threading.Thread` replaced by
//! `multiprocessing.Process`) — over several seeds: the virtual time each takes and the
//! distinct outcomes each can have, so a learner sees what the GIL costs in speed and what
//! it guards. The CLI (`concsim compare`) and the page's comparison card call `compare`.
//! Invariant: a pure function of (program, options, seeds) like every run; each way's runs
//! differ only in their seed.

use super::{run_source, Gil, RunOptions, StopReason};
use serde::Serialize;

/// One way of running the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Way {
    /// Threads, one GIL per process: CPython 3.11.
    ThreadsGil,
    /// Threads without a GIL: free-threaded CPython 3.13t/3.14t.
    ThreadsNoGil,
    /// The threads made processes: `threading.Thread` → `multiprocessing.Process`.
    Processes,
}

impl Way {
    pub const ALL: [Way; 3] = [Way::ThreadsGil, Way::ThreadsNoGil, Way::Processes];

    pub fn name(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Way::ThreadsGil, false) => "threads, GIL (CPython 3.11)",
            (Way::ThreadsGil, true) => "线程，有 GIL（CPython 3.11）",
            (Way::ThreadsNoGil, false) => "threads, no GIL (free-threaded 3.13t)",
            (Way::ThreadsNoGil, true) => "线程，无 GIL（自由线程 3.13t）",
            (Way::Processes, false) => "processes (multiprocessing.Process)",
            (Way::Processes, true) => "进程（multiprocessing.Process）",
        }
    }
}

/// How a run ended, as the comparison groups runs: what it printed and its exit status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub stdout: String,
    pub exit_code: i32,
    /// The last line of stderr when the run failed (an exception, a budget).
    pub error: String,
    /// Runs (seeds) that ended this way.
    pub runs: u32,
}

/// What one way did over the seeds.
#[derive(Clone, Debug, Serialize)]
pub struct WayResult {
    pub way: Way,
    /// Virtual time of each seed's run, in nanoseconds.
    pub elapsed_ns: Vec<u64>,
    /// Distinct outcomes, most runs first.
    pub outcomes: Vec<Outcome>,
}

impl WayResult {
    /// The median virtual time of its runs.
    pub fn median_ns(&self) -> u64 {
        let mut t = self.elapsed_ns.clone();
        t.sort_unstable();
        t.get(t.len() / 2).copied().unwrap_or(0)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// In `Way::ALL`'s order; no `Processes` when the program starts no `threading.Thread`.
    pub ways: Vec<WayResult>,
}

impl Comparison {
    pub fn way(&self, w: Way) -> Option<&WayResult> {
        self.ways.iter().find(|r| r.way == w)
    }

    /// How many times faster than threads under the GIL (median virtual times).
    pub fn speedup(&self, w: Way) -> Option<f64> {
        let base = self.way(Way::ThreadsGil)?.median_ns();
        let t = self.way(w)?.median_ns();
        (t > 0).then(|| base as f64 / t as f64)
    }

    /// Whether threads under the GIL never ended as `o` did in these runs.
    pub fn never_with_gil(&self, o: &Outcome) -> bool {
        self.way(Way::ThreadsGil)
            .is_some_and(|gil| !gil.outcomes.iter().any(|g| g.stdout == o.stdout && g.exit_code == o.exit_code))
    }

    /// Outcomes of `w` that threads under the GIL never had in these runs.
    pub fn new_outcomes(&self, w: Way) -> Vec<&Outcome> {
        self.way(w).map_or(Vec::new(), |r| r.outcomes.iter().filter(|o| self.never_with_gil(o)).collect())
    }
}

/// The program with its threads made processes, or None when it starts no
/// `threading.Thread` (textual: `threading.Thread(` and a `from threading import Thread`'s
/// `Thread(`; a process's target then works on its own copy of the globals).
pub fn as_processes(source: &str) -> Option<String> {
    let dotted = source.contains("threading.Thread(");
    let imported = source.contains("from threading import Thread");
    if !dotted && !imported {
        return None;
    }
    let mut out = source.replace("threading.Thread(", "multiprocessing.Process(");
    if imported {
        out = out.replace("from threading import Thread", "from multiprocessing import Process as Thread");
    }
    if !dotted {
        return Some(out);
    }
    // On the import's own line, so the program's line numbers stay the same.
    Some(match out.find("import threading\n") {
        Some(i) if i == 0 || out[..i].ends_with('\n') => {
            out.replacen("import threading\n", "import threading, multiprocessing\n", 1)
        }
        _ => format!("import multiprocessing\n{out}"),
    })
}

/// Runs `source` each way under `seeds` seeds (0, 1, …) with `base`'s other options.
pub fn compare(filename: &str, source: &str, base: &RunOptions, seeds: u64) -> Comparison {
    let mut ways = Vec::new();
    for way in Way::ALL {
        let (program, gil) = match way {
            Way::ThreadsGil => (source.to_string(), Gil::On),
            Way::ThreadsNoGil => (source.to_string(), Gil::Off),
            Way::Processes => match as_processes(source) {
                Some(p) => (p, Gil::On),
                None => continue,
            },
        };
        let mut result = WayResult { way, elapsed_ns: Vec::new(), outcomes: Vec::new() };
        for seed in 0..seeds.max(1) {
            let opts = RunOptions { seed, gil, replay: None, replay_real: false, record_trace: false, ..base.clone() };
            let r = run_source(filename, &program, &opts);
            result.elapsed_ns.push(r.elapsed_ns);
            let (stdout, exit_code) = (r.stdout(), r.exit_code);
            let error = match (&r.stop, exit_code) {
                (StopReason::Exited, 0) => String::new(),
                _ => r.stderr().lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string(),
            };
            match result.outcomes.iter_mut().find(|o| o.stdout == stdout && o.exit_code == exit_code) {
                Some(o) => o.runs += 1,
                None => result.outcomes.push(Outcome { stdout, exit_code, error, runs: 1 }),
            }
        }
        result.outcomes.sort_by_key(|o| std::cmp::Reverse(o.runs));
        ways.push(result);
    }
    Comparison { ways }
}
