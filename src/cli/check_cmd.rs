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
        // Against the most common outcome (the second, for the first), so two outcomes that
        // differ in one word show that word, not a shared last line.
        let other = if i == 0 { sorted.get(1) } else { sorted.first() };
        let label = outcome_label(stdout, other.map(|((o, _), _)| o.as_str()));
        println!(
            "    #{:<2} {:>3} lines, {:<36} exit {code:<3} {real:>5} {sim:>10}",
            i + 1,
            stdout.lines().count(),
            label
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

/// How many characters of an outcome's text its label quotes.
const LABEL_CHARS: usize = 28;

/// A short label for one outcome: the text where it first departs from `other` (a line of its
/// own, or the words around the first differing character), else its last line.
fn outcome_label(stdout: &str, other: Option<&str>) -> String {
    let lines: Vec<&str> = stdout.lines().collect();
    let Some(other) = other.filter(|o| *o != stdout) else {
        return format!("ends {:?}", quote_from(lines.last().copied().unwrap_or(""), 0));
    };
    let other_lines: Vec<&str> = other.lines().collect();
    let k = lines.iter().zip(&other_lines).take_while(|(a, b)| a == b).count();
    let Some(line) = lines.get(k) else {
        return format!("ends at line {k}");
    };
    let differs_at = match other_lines.get(k) {
        Some(o) => line.chars().zip(o.chars()).take_while(|(a, b)| a == b).count(),
        None => 0,
    };
    // A few characters of context before the difference, so "is 1" reads as "parent is 1".
    let start = differs_at.saturating_sub(LABEL_CHARS / 2);
    format!("line {}: {:?}", k + 1, quote_from(line, start))
}

/// At most `LABEL_CHARS` characters of `line` from character `start`, with "…" where cut.
fn quote_from(line: &str, start: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let start = start.min(chars.len());
    let end = (start + LABEL_CHARS).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    if start > 0 {
        text.insert(0, '…');
    }
    if end < chars.len() {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::outcome_label;

    #[test]
    fn labels_show_where_outcomes_differ() {
        let real = "I am parent process (1000)\nI am child process (1001) and my parent is 1\n";
        let sim = "I am parent process (1000)\nI am child process (1001) and my parent is 1000\n";
        let (a, b) = (outcome_label(real, Some(sim)), outcome_label(sim, Some(real)));
        assert_eq!(a, "line 2: \"…my parent is 1\"");
        assert_eq!(b, "line 2: \"…my parent is 1000\"");
    }

    #[test]
    fn labels_of_lone_and_prefix_outcomes() {
        assert_eq!(outcome_label("a\nb\n", None), "ends \"b\"");
        assert_eq!(outcome_label("a\n", Some("a\nb\n")), "ends at line 1");
        assert_eq!(outcome_label("a\nb\n", Some("a\n")), "line 2: \"b\"");
        let long = "x".repeat(40);
        assert_eq!(outcome_label(&long, None), format!("ends \"{}…\"", "x".repeat(28)));
    }
}
