//! `concsim compare FILE.py`: the program run three ways (threads under the GIL, threads
//! without it, processes) over several seeds, as a table: virtual time, speed-up, and each
//! way's distinct outcomes, marked when threads under the GIL never had them. Invariant:
//! only prints what `sim::compare::compare` found.

use crate::sim::compare::{compare, Way};
use clap::Args;

#[derive(Args)]
pub(super) struct CompareArgs {
    /// FILE.py or scenario:NAME.
    program: String,
    /// Seeds to run each way with (0, 1, …).
    #[arg(long, default_value_t = 10)]
    runs: u64,
    /// Number of simulated cores.
    #[arg(long)]
    cores: Option<u32>,
    /// Print the comparison as JSON.
    #[arg(long)]
    json: bool,
}

pub(super) fn compare_cmd(a: CompareArgs) -> i32 {
    let (programs, mut opts) = match super::load_program(&a.program) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    if programs.len() != 1 {
        eprintln!("concsim: compare runs one program on one host");
        return 2;
    }
    if let Some(c) = a.cores {
        if let Err(msg) = super::check_cores(c) {
            eprintln!("concsim: {msg}");
            return 2;
        }
        opts.cores = c;
    }
    opts.max_steps = crate::limits::RUN_MAX_STEPS;
    let p = &programs[0];
    let c = compare(&p.filename, &p.source, &opts, a.runs.clamp(1, 1000));
    if a.json {
        println!("{}", serde_json::to_string(&c).unwrap_or_default());
        return 0;
    }
    println!("compare {}: {} seeds each, {} cores", p.filename, a.runs.max(1), opts.cores);
    if c.way(Way::Processes).is_none() {
        println!("(no threading.Thread in the program: no processes to compare with)");
    }
    for w in &c.ways {
        let speedup = c.speedup(w.way).map(|s| format!(", {s:.2}× the GIL's speed")).unwrap_or_default();
        println!();
        println!("{}: {:.3} ms of virtual time (median){speedup}", w.way.name(false), w.median_ns() as f64 / 1e6);
        for o in &w.outcomes {
            let mark = if c.never_with_gil(o) { "  [never with the GIL]" } else { "" };
            let last = o.stdout.lines().last().unwrap_or("");
            let error = if o.error.is_empty() { String::new() } else { format!(" ({})", o.error) };
            println!("  {:>3} run(s): exit {}{error}, last line: {last}{mark}", o.runs, o.exit_code);
        }
    }
    0
}
