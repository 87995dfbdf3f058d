//! concsim against CPython on the same programs: `cargo bench --bench vs_cpython`.
//!
//! For each program in `benches/programs/` this times, best of N wall-clock runs (default 3):
//!
//! - CPython: `python3 PROG.py` as a child process (`$PYTHON` overrides the interpreter), so
//!   its time includes interpreter start-up (about 10–20 ms);
//! - concsim: `concsim::run_source` **in this process**, the work `concsim run PROG.py` does
//!   (parse, compile, simulate) without the process start-up, with `record_trace: false` and
//!   otherwise default options (4 cores, `cpython` policy, seed 0). The bench is built with the
//!   release profile (`cargo bench` uses `[profile.bench]`, which inherits release), so this
//!   is the release binary's speed.
//!
//! It then prints the ratio concsim/CPython next to the target for each program and checks
//! that both printed the same stdout. Options (after `--`):
//!
//! - program names (`lock`, `compute`) to run only those;
//! - `--runs N` for best of N.
//!
//! A missed target is reported in the table; with `CONCSIM_BENCH_STRICT=1` it also makes the
//! bench exit with status 1 (as does a stdout mismatch or a failed run, always).

use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

struct Program {
    name: &'static str,
    /// Largest acceptable concsim/CPython wall-time ratio.
    target: f64,
}

const PROGRAMS: [Program; 4] = [
    // The tutorial's Lock program: 2 threads x 100000 lock-protected updates of `balance`.
    Program { name: "lock", target: 0.5 },
    // A plain loop: `x += i` 3,000,000 times.
    Program { name: "compute", target: 1.0 },
    // asyncio: 10,000 tasks x 10 `await asyncio.sleep(0)` (issue 17), against CPython's
    // C-accelerated Task and Future.
    Program { name: "asyncio_sleep0", target: 1.0 },
    // Recursive calls: fib(27), about 630,000 Python function calls.
    Program { name: "calls", target: 2.0 },
];

const PROGRAM_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/programs");

struct Measured {
    best: Duration,
    stdout: String,
}

fn time_cpython(python: &str, path: &str, runs: u32) -> Result<Measured, String> {
    let mut best = Duration::MAX;
    let mut stdout = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        let out =
            Command::new(python).arg(path).output().map_err(|e| format!("cannot start `{python} {path}`: {e}"))?;
        let took = start.elapsed();
        if !out.status.success() {
            return Err(format!(
                "`{python} {path}` failed ({}):\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        best = best.min(took);
        stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    Ok(Measured { best, stdout })
}

fn time_concsim(file_name: &str, source: &str, runs: u32) -> Result<Measured, String> {
    let opts = concsim::RunOptions { record_trace: false, ..concsim::RunOptions::default() };
    let mut best = Duration::MAX;
    let mut stdout = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        let result = concsim::run_source(file_name, source, &opts);
        let took = start.elapsed();
        if result.exit_code != 0 {
            return Err(format!(
                "concsim run {file_name} exited with {} ({:?}):\n{}",
                result.exit_code,
                result.stop,
                result.stderr()
            ));
        }
        best = best.min(took);
        stdout = result.stdout();
    }
    Ok(Measured { best, stdout })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> ExitCode {
    let mut runs: u32 = 3;
    let mut only: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            "--runs" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => runs = n,
                _ => {
                    eprintln!("vs_cpython: --runs needs a positive number");
                    return ExitCode::from(2);
                }
            },
            a if a.starts_with('-') => {
                eprintln!("vs_cpython: unknown option {a} (expected program names or --runs N)");
                return ExitCode::from(2);
            }
            name => only.push(name.to_string()),
        }
    }
    if let Some(bad) = only.iter().find(|n| !PROGRAMS.iter().any(|p| p.name == n.as_str())) {
        let names: Vec<&str> = PROGRAMS.iter().map(|p| p.name).collect();
        eprintln!("vs_cpython: no program {bad:?}; programs: {}", names.join(", "));
        return ExitCode::from(2);
    }
    let strict = std::env::var("CONCSIM_BENCH_STRICT").is_ok_and(|v| v == "1");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());

    println!("concsim vs CPython ({python}), best of {runs} wall-clock runs each");
    println!("concsim runs in-process via run_source (record_trace off); CPython as `{python} PROG.py`");
    println!();
    println!("{:<14} {:>12} {:>12} {:>8} {:>8}  result", "program", "CPython ms", "concsim ms", "ratio", "target");

    let mut failed = false;
    let mut missed = false;
    for p in PROGRAMS.iter().filter(|p| only.is_empty() || only.iter().any(|n| n == p.name)) {
        let file_name = format!("{}.py", p.name);
        let path = format!("{PROGRAM_DIR}/{file_name}");
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("vs_cpython: cannot read {path}: {e}");
                failed = true;
                continue;
            }
        };
        let (cpy, sim) = match (time_cpython(&python, &path, runs), time_concsim(&file_name, &source, runs)) {
            (Ok(c), Ok(s)) => (c, s),
            (c, s) => {
                for e in [c.err(), s.err()].into_iter().flatten() {
                    eprintln!("vs_cpython: {}: {e}", p.name);
                }
                println!("{:<14} {:>12} {:>12} {:>8} {:>8}  ERROR", p.name, "-", "-", "-", "-");
                failed = true;
                continue;
            }
        };
        let ratio = sim.best.as_secs_f64() / cpy.best.as_secs_f64();
        let verdict = if cpy.stdout != sim.stdout {
            failed = true;
            eprintln!(
                "vs_cpython: {}: stdout differs\n  CPython: {:?}\n  concsim: {:?}",
                p.name, cpy.stdout, sim.stdout
            );
            "WRONG OUTPUT"
        } else if ratio <= p.target {
            "ok"
        } else {
            missed = true;
            "MISSED"
        };
        println!(
            "{:<14} {:>12.1} {:>12.1} {:>7.2}x {:>7.2}x  {}",
            p.name,
            ms(cpy.best),
            ms(sim.best),
            ratio,
            p.target,
            verdict
        );
    }

    if failed || (strict && missed) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
