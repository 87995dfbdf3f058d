//! `concsim check`: real runs of a program, each replayed on the simulator (`crate::check`),
//! and the distribution of outcomes real against simulated under the same seeds. Invariant:
//! every real run is its own `concsim real` process (the real backend owns its process
//! tree), so a run that hangs or crashes is killed by its own timeout and counted, never
//! left behind.

use crate::check::{check_hosts, Verdict};
use crate::sim::{run_hosts, tag_hosts, HostProgram, RunOptions, Stream};
use std::collections::BTreeMap;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

pub struct CheckArgs {
    pub program: String,
    /// One program per host (one, unless a scenario has several).
    pub programs: Vec<HostProgram>,
    pub seed: u64,
    pub cores: u32,
    pub runs: u32,
    pub jobs: u32,
    pub timeout: f64,
    /// The memory budget in bytes, of the real runs and of the replays (`vm::memory`).
    pub max_memory: usize,
    /// The program's files (`sim::fs::Snapshot`), as the real runs get them.
    pub files: crate::sim::fs::Snapshot,
}

impl CheckArgs {
    /// The output as the hosts' own terminals show it: each host's lines in their order, host
    /// after host (how two hosts' lines interleave depends on the network's timing, real or
    /// simulated, and is no outcome of the program).
    fn per_host(&self, stdout: &str) -> String {
        if self.programs.len() <= 1 {
            return stdout.to_string();
        }
        let host_of = |line: &str| self.programs.iter().position(|p| line.starts_with(&format!("[{}] ", p.host)));
        let mut lines: Vec<&str> = stdout.split_inclusive('\n').collect();
        lines.sort_by_key(|l| host_of(l));
        lines.concat()
    }

    fn sim_options(&self, seed: u64) -> RunOptions {
        RunOptions { seed, cores: self.cores, record_trace: false, files: self.files.clone(), ..RunOptions::default() }
    }
}

/// `concsim check --trace F PROGRAM`: validates one trace.
pub fn check_file(args: &CheckArgs, path: &str) -> i32 {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("concsim: cannot read trace {path}: {e}");
            return 2;
        }
    };
    let events = match crate::trace::from_jsonl(&text) {
        Ok(ev) => ev,
        Err(e) => {
            eprintln!("concsim: {path} is not a concsim trace: {e}");
            return 2;
        }
    };
    let verdict = check_hosts(&args.programs, &args.sim_options(args.seed), &events);
    report_one(path, &verdict);
    if verdict.conforms() {
        0
    } else {
        1
    }
}

fn report_one(what: &str, v: &Verdict) {
    match &v.divergence {
        None => println!("{what}: conforms ({} decisions replayed)", v.decisions),
        Some(d) => println!("{what}: DOES NOT CONFORM at {d}"),
    }
}

struct RealRun {
    seed: u64,
    stdout: String,
    exit_code: i32,
    verdict: Result<Verdict, String>,
}

/// `concsim check --runs N PROGRAM`.
pub fn check_runs(args: &CheckArgs) -> i32 {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("concsim: cannot find my own executable: {e}");
            return 2;
        }
    };
    // The real runs' traces go to a fresh private directory (a predictable name in the temp
    // dir could be planted with links beforehand, to overwrite a file or swap a trace).
    let dir = match crate::real::private_dir("concsim-check") {
        Ok(d) => d,
        Err(e) => {
            eprintln!("concsim: cannot make a private directory in {}: {e}", std::env::temp_dir().display());
            return 2;
        }
    };
    let bar = indicatif::ProgressBar::new(u64::from(args.runs));
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} real runs ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("checking");
    let next = AtomicU32::new(0);
    let results: Mutex<Vec<RealRun>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..args.jobs.min(args.runs.max(1)) {
            s.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                if k >= args.runs {
                    break;
                }
                let seed = args.seed + u64::from(k);
                let trace = dir.join(format!("run-{k}.jsonl"));
                let out = Command::new(&exe)
                    .arg("real")
                    .arg(&args.program)
                    .args(["--seed", &seed.to_string(), "--cores", &args.cores.to_string()])
                    .args(["--timeout", &args.timeout.to_string(), "--max-memory", &args.max_memory.to_string()])
                    .arg("--trace")
                    .arg(&trace)
                    .output();
                let run = match out {
                    Ok(out) => {
                        let verdict = std::fs::read_to_string(&trace)
                            .map_err(|e| format!("no trace: {e}"))
                            .and_then(|t| crate::trace::from_jsonl(&t))
                            .map(|events| check_hosts(&args.programs, &args.sim_options(seed), &events));
                        RealRun {
                            seed,
                            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                            exit_code: out.status.code().unwrap_or(-1),
                            verdict,
                        }
                    }
                    Err(e) => RealRun { seed, stdout: String::new(), exit_code: -1, verdict: Err(e.to_string()) },
                };
                let _ = std::fs::remove_file(&trace);
                results.lock().unwrap_or_else(|e| e.into_inner()).push(run);
                bar.inc(1);
            });
        }
    });
    bar.finish_and_clear();
    let _ = std::fs::remove_dir_all(&dir);
    let mut runs = results.into_inner().unwrap_or_else(|e| e.into_inner());
    runs.sort_by_key(|r| r.seed);
    let conforming = runs.iter().filter(|r| matches!(&r.verdict, Ok(v) if v.conforms())).count();
    let decisions: usize = runs.iter().filter_map(|r| r.verdict.as_ref().ok()).map(|v| v.decisions).sum();
    println!(
        "concsim check {}: {} real runs (seeds {}..={}), {} at a time",
        args.program,
        runs.len(),
        args.seed,
        args.seed + u64::from(args.runs.max(1)) - 1,
        args.jobs
    );
    println!("  conform: {conforming}/{} ({decisions} decisions replayed on the simulator)", runs.len());
    for r in runs.iter().filter(|r| !matches!(&r.verdict, Ok(v) if v.conforms())).take(5) {
        match &r.verdict {
            Ok(v) => report_one(&format!("  seed {}", r.seed), v),
            Err(e) => println!("  seed {}: cannot check: {e} (exit {})", r.seed, r.exit_code),
        }
    }
    // Outcomes: the program's stdout (and exit status), real against simulated.
    let mut outcomes: BTreeMap<(String, i32), (u32, u32)> = BTreeMap::new();
    for r in &runs {
        outcomes.entry((args.per_host(&r.stdout), r.exit_code)).or_default().0 += 1;
        // As the CLI shows a run: with several hosts, lines are tagged with their host.
        let sim = run_hosts(&args.programs, &args.sim_options(r.seed));
        let stdout: String = tag_hosts(&sim.output, &sim.hosts)
            .into_iter()
            .filter(|c| c.stream == Stream::Stdout)
            .map(|c| c.text)
            .collect();
        outcomes.entry((args.per_host(&stdout), sim.exit_code)).or_default().1 += 1;
    }
    let mut sorted: Vec<_> = outcomes.into_iter().collect();
    sorted.sort_by_key(|(_, (real, sim))| std::cmp::Reverse(real + sim));
    println!("  outcomes (stdout, exit status)        real  simulated");
    for (i, ((stdout, code), (real, sim))) in sorted.iter().enumerate().take(10) {
        let lines = stdout.lines().count();
        let last = stdout.lines().last().unwrap_or("");
        let short: String = last.chars().take(28).collect();
        println!(
            "    #{:<2} {:>3} lines, ends {:<30} exit {code:<3} {real:>5} {sim:>10}",
            i + 1,
            lines,
            format!("{short:?}")
        );
    }
    if sorted.len() > 10 {
        println!("    ... {} more outcomes", sorted.len() - 10);
    }
    if conforming == runs.len() {
        0
    } else {
        1
    }
}
