//! Real runs against CPython, and the checker's speed: `cargo bench --bench real`.
//!
//! For each program in `benches/real/` this times, best of N wall-clock runs (default 3),
//! `concsim real PROG.py` and `python3 PROG.py`, both as child processes started the same
//! way, checks they printed the same stdout, and prints the ratio against the target (1.0:
//! no slower than CPython). Then it times `concsim::check::check_trace` on a real trace of
//! at least 10,000 events (target: 100 ms). `CONCSIM_BENCH_STRICT=1` makes a missed target
//! exit with status 1. Options after `--`: `--runs N`.

use concsim::check::check_trace;
use concsim::sim::RunOptions;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_concsim");
const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/real");
const PROGRAMS: [(&str, &str); 3] = [
    ("process100.py", "100 x Process start+join"),
    // The same program as the simulator's bench (benches/programs/lock.py).
    ("../programs/lock.py", "the tutorial's Lock program"),
    ("pool_map.py", "Pool(4).map over 1,000 tasks"),
];

fn best_of(runs: u32, mut cmd: impl FnMut() -> Command) -> (Duration, String) {
    let mut best = Duration::MAX;
    let mut stdout = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        let out = cmd().output().expect("start the program");
        best = best.min(start.elapsed());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    (best, stdout)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let runs =
        args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(3);
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let strict = std::env::var("CONCSIM_BENCH_STRICT").is_ok_and(|v| v == "1");
    let mut missed = false;
    println!("{:<32} {:>10} {:>10} {:>7} {:>7}", "real run (best of N)", "concsim", "CPython", "ratio", "target");
    for (file, what) in PROGRAMS {
        let (ours, out_ours) = best_of(runs, || {
            let mut c = Command::new(BIN);
            c.args(["real", file]).current_dir(DIR);
            c
        });
        let (theirs, out_theirs) = best_of(runs, || {
            let mut c = Command::new(&python);
            c.arg(file).current_dir(DIR);
            c
        });
        let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
        let ok = ratio <= 1.0;
        missed |= !ok;
        println!(
            "{what:<32} {:>8.1}ms {:>8.1}ms {ratio:>6.2}x {:>6}{}",
            ours.as_secs_f64() * 1e3,
            theirs.as_secs_f64() * 1e3,
            "1.00x",
            if ok { "" } else { "  (missed)" }
        );
        if out_ours != out_theirs {
            println!("  stdout differs: concsim {out_ours:?}, CPython {out_theirs:?}");
            return ExitCode::FAILURE;
        }
    }
    // The checker on a long real trace (a queue's 2,500 items, each printed).
    let trace_path = std::env::temp_dir().join(format!("concsim-bench-{}.jsonl", std::process::id()));
    let out = Command::new(BIN)
        .args(["real", "events.py", "--trace"])
        .arg(&trace_path)
        .current_dir(DIR)
        .output()
        .expect("real run");
    assert!(out.status.success());
    let events = concsim::trace::from_jsonl(&std::fs::read_to_string(&trace_path).expect("trace")).expect("parses");
    let _ = std::fs::remove_file(&trace_path);
    let source = std::fs::read_to_string(format!("{DIR}/events.py")).expect("source");
    let opts = RunOptions {
        cores: std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(1),
        ..RunOptions::default()
    };
    let mut best = Duration::MAX;
    let mut conforms = true;
    for _ in 0..runs {
        let start = Instant::now();
        let verdict = check_trace("events.py", &source, &opts, &events);
        best = best.min(start.elapsed());
        conforms &= verdict.conforms();
    }
    let ok = best <= Duration::from_millis(100) && events.len() >= 10_000;
    missed |= !ok;
    println!(
        "check_trace: {} events, {} conforms: {:.1} ms (target 100 ms for 10,000 events){}",
        events.len(),
        if conforms { "it" } else { "it NOT" },
        best.as_secs_f64() * 1e3,
        if ok { "" } else { "  (missed)" }
    );
    if !conforms || (strict && missed) {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
