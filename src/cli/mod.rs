//! The command line (`clap`): `concsim run` looks from outside like `python3 FILE.py` —
//! the program's stdout on stdout, its stderr on stderr, CPython's exit status — and
//! `concsim scenarios` lists the built-ins. Invariant: the CLI only parses, reads files and
//! prints; every decision about the run is `run_source`'s.

mod check_cmd;
mod compare_cmd;
mod level_cmd;

pub use crate::limits::MAX_CORES;
use crate::limits::RUN_MAX_STEPS;
use crate::sim::{run_hosts, tag_hosts, Buffering, HostProgram, Policy, RunOptions, Schedule, Stream};
use crate::{scenarios, trace};
use clap::{Args, Parser, Subcommand};
use std::io::Write;

#[derive(Parser)]
#[command(
    name = "concsim",
    version,
    about = "Run Python programs that use processes and threads on a deterministic simulated machine"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once per process: the size difference between variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Run a program (a file, or `scenario:NAME`) on the simulated machine.
    Run(RunArgs),
    /// Run a program (a file, or `scenario:NAME`) for real: OS processes and threads.
    Real(RealArgs),
    /// Search the program's schedules for every distinct outcome (output, exception, failed
    /// assert, deadlock), each with a minimal replayable schedule.
    Explore(ExploreArgs),
    /// Check the simulator against reality: run a program for real N times and replay each
    /// real trace on the simulator (or validate one given trace with --trace).
    Check(CheckArgs),
    /// Run a program three ways — threads under the GIL, threads without it (free-threaded
    /// 3.13t), processes — over several seeds: virtual time and the outcomes of each.
    Compare(compare_cmd::CompareArgs),
    /// List the built-in scenarios.
    Scenarios,
    /// The levels (break it, fix it, predict): `level` lists them, `level ID` shows one,
    /// `level ID --check [FILE.py]` solves it with the search (FILE.py: your fix).
    Level(level_cmd::LevelArgs),
}

/// `concsim run`'s arguments.
#[derive(Args)]
struct RunArgs {
    /// FILE.py or scenario:NAME (or none, with --host).
    #[arg(required_unless_present = "host")]
    program: Option<String>,
    /// Run several programs on several hosts of one simulated network:
    /// `--host NAME=FILE.py[@SECONDS]` (repeat it); SECONDS delays that host's start.
    /// A host is reached by its NAME or its address 10.0.0.N (N in the order given).
    #[arg(long, conflicts_with = "program")]
    host: Vec<String>,
    /// Seed of the scheduler and of `random`.
    #[arg(long)]
    seed: Option<u64>,
    /// Number of simulated cores.
    #[arg(long)]
    cores: Option<u32>,
    /// Scheduling policy.
    #[arg(long)]
    policy: Option<Policy>,
    /// `off`: a free-threaded CPython (3.13t/3.14t): a process's threads run at once on the
    /// cores, and `x += 1` is no longer safe from other threads.
    #[arg(long)]
    gil: Option<crate::sim::Gil>,
    /// Write the trace as JSON Lines (schema: docs/trace.md).
    #[arg(long)]
    trace: Option<String>,
    /// Write the trace as Chrome Trace Event JSON (open in Perfetto).
    #[arg(long = "chrome-trace")]
    chrome_trace: Option<String>,
    /// How stdout is buffered: line (a terminal, default), block (a pipe), unbuffered.
    #[arg(long)]
    stdout: Option<Buffering>,
    /// Stop after this many bytecode instructions (default 1,000,000,000).
    #[arg(long = "max-steps")]
    max_steps: Option<u64>,
    /// What the program's heap may hold before it gets MemoryError: bytes, or K/M/G
    /// (default: half of this machine's memory).
    #[arg(long = "max-memory")]
    max_memory: Option<String>,
    /// Stop when the virtual clock passes this many seconds (default 3600).
    #[arg(long = "max-time")]
    max_time: Option<f64>,
    /// Save the run's schedule (its options and every scheduling decision) as JSON.
    #[arg(long = "save-schedule")]
    save_schedule: Option<String>,
    /// Replay a schedule saved by --save-schedule (its options replace the others).
    #[arg(long)]
    replay: Option<String>,
    /// Arguments for the program (`sys.argv[1:]`).
    #[arg(last = true)]
    args: Vec<String>,
}

/// `concsim real`'s arguments.
#[derive(Args)]
struct RealArgs {
    /// FILE.py or scenario:NAME.
    program: String,
    /// Seed of `random` (each process is seeded as in the simulator).
    #[arg(long)]
    seed: Option<u64>,
    /// What os.cpu_count() answers (default: this machine's count).
    #[arg(long)]
    cores: Option<u32>,
    /// How stdout is buffered (default: line).
    #[arg(long)]
    stdout: Option<Buffering>,
    /// Write the trace as JSON Lines (schema: docs/trace.md).
    #[arg(long)]
    trace: Option<String>,
    /// Write the trace as Chrome Trace Event JSON.
    #[arg(long = "chrome-trace")]
    chrome_trace: Option<String>,
    /// What the program's heap may hold before it gets MemoryError: bytes, or K/M/G
    /// (default: half of this machine's memory).
    #[arg(long = "max-memory")]
    max_memory: Option<String>,
    /// Kill every process of the run after this many seconds (default 60).
    #[arg(long)]
    timeout: Option<f64>,
    /// Arguments for the program (`sys.argv[1:]`).
    #[arg(last = true)]
    args: Vec<String>,
}

/// `concsim explore`'s arguments.
#[derive(Args)]
struct ExploreArgs {
    /// FILE.py or scenario:NAME.
    program: String,
    /// Where threads may switch: preempt-any (before any visible instruction) or cpython
    /// (at CPython 3.11's eval-breaker points: calls and backward jumps).
    #[arg(long, default_value = "preempt-any")]
    policy: Policy,
    /// Search strategy: dpor (systematic, partial-order reduced), pct or random.
    #[arg(long, default_value = "dpor")]
    strategy: crate::explore::Strategy,
    /// Skip schedules with more preemptions (dpor); the depth of pct (default 2).
    #[arg(long = "max-preemptions")]
    max_preemptions: Option<u32>,
    /// Stop after this many schedules.
    #[arg(long = "max-schedules", default_value_t = 100_000)]
    max_schedules: u64,
    /// Stop after this many seconds of wall-clock time.
    #[arg(long = "time-limit", default_value_t = 60.0)]
    time_limit: f64,
    /// Seed of pct and random.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Number of simulated cores.
    #[arg(long)]
    cores: Option<u32>,
    /// Instruction budget of each schedule.
    #[arg(long = "max-steps")]
    max_steps: Option<u64>,
    /// Save each outcome's minimal schedule as DIR/outcome-N.json (`run --replay` it).
    #[arg(long = "save-schedules")]
    save_schedules: Option<String>,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Print the outcome histogram: every distinct outcome, how many schedules reach it, its
    /// minimal preemptions (implied by --forbid and --expect).
    #[arg(long)]
    histogram: bool,
    /// Mark the outcomes TEXT names FORBIDDEN in the histogram (its output, its label as in
    /// the histogram, e.g. `deadlock`, `AssertionError`, or a kind: exit, exception); repeat it.
    /// With marks, the exit status is 1 when a forbidden outcome was found, else 0.
    #[arg(long)]
    forbid: Vec<String>,
    /// Mark every outcome TEXT does not name FORBIDDEN (the acceptable ones); repeat it.
    #[arg(long)]
    expect: Vec<String>,
    /// Print the first schedule's decisions and what each touched (debugging).
    #[arg(long = "debug-steps", hide = true)]
    debug_steps: bool,
    /// Arguments for the program (`sys.argv[1:]`).
    #[arg(last = true)]
    args: Vec<String>,
}

/// `concsim check`'s arguments.
#[derive(Args)]
struct CheckArgs {
    /// FILE.py or scenario:NAME.
    program: String,
    /// How many real runs.
    #[arg(long, default_value_t = 10)]
    runs: u32,
    /// How many real runs at once (default: 1).
    #[arg(long, default_value_t = 1)]
    jobs: u32,
    /// Seed of the first run (run k uses seed + k, the simulated runs too).
    #[arg(long)]
    seed: Option<u64>,
    /// Validate this trace (from `concsim real --trace`) instead of running.
    #[arg(long)]
    trace: Option<String>,
    /// Kill a real run after this many seconds (default 60).
    #[arg(long)]
    timeout: Option<f64>,
    /// What the program's heap may hold before it gets MemoryError: bytes, or K/M/G
    /// (default: half of this machine's memory).
    #[arg(long = "max-memory")]
    max_memory: Option<String>,
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    if matches!(
        cli.command,
        Command::Check(_) | Command::Explore(_) | Command::Compare(_) | Command::Scenarios | Command::Level(_)
    ) {
        // These only report: a reader that stops reading (`| head`) ends them quietly, as it
        // ends `cat` or `ls`, instead of a panic on the broken pipe. (`run` and `real` keep
        // the pipe's EPIPE for the program's own writes, as CPython does.)
        // SAFETY: signal(2) restores SIGPIPE's default action before any thread starts.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    }
    match cli.command {
        Command::Run(a) => run(a),
        Command::Real(a) => real(a),
        Command::Explore(a) => explore(a),
        Command::Check(a) => check(a),
        Command::Compare(a) => compare_cmd::compare_cmd(a),
        Command::Level(a) => level_cmd::level_cmd(a),
        Command::Scenarios => {
            for s in scenarios::all() {
                println!("{:<14} {:<10} {}", s.name, s.topic, s.title_en);
            }
            0
        }
    }
}

/// `concsim run`: one simulated run, its output as the program wrote it, its exit status.
fn run(a: RunArgs) -> i32 {
    let RunArgs {
        program,
        host,
        seed,
        cores,
        policy,
        gil,
        trace: trace_path,
        chrome_trace,
        stdout,
        max_steps,
        max_memory,
        max_time,
        save_schedule,
        replay,
        args,
    } = a;
    if set_memory_budget(max_memory.as_deref()).is_err() {
        return 2;
    }
    let (programs, mut opts) = match program {
        Some(program) => match load_program(&program) {
            Ok(loaded) => loaded,
            Err(code) => return code,
        },
        None => {
            let mut programs = Vec::new();
            for spec in &host {
                match parse_host(spec) {
                    Ok(p) => programs.push(p),
                    Err(msg) => {
                        eprintln!("concsim: --host {spec}: {msg}");
                        return 2;
                    }
                }
            }
            // The files beside the first host's program (one snapshot for every host).
            let files = programs
                .first()
                .map(|p: &HostProgram| crate::sim::fs::Snapshot::of_program(&p.filename))
                .unwrap_or_default();
            (programs, RunOptions { files, ..RunOptions::default() })
        }
    };
    if let Some(s) = seed {
        opts.seed = s;
    }
    if let Some(c) = cores {
        if let Err(msg) = check_cores(c) {
            eprintln!("concsim: {msg}");
            return 2;
        }
        opts.cores = c;
    }
    if let Some(p) = policy {
        opts.policy = p;
    }
    if let Some(g) = gil {
        opts.gil = g;
    }
    if let Some(b) = stdout {
        opts.stdout = b;
    }
    opts.max_steps = max_steps.unwrap_or(RUN_MAX_STEPS);
    if let Some(t) = max_time {
        if !(t.is_finite() && t > 0.0) {
            eprintln!("concsim: --max-time must be a positive number of seconds");
            return 2;
        }
        opts.max_time_ns = (t * 1e9) as u64;
    }
    opts.args = args;
    if let Some(path) = replay {
        let loaded = std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|t| Schedule::from_json(&t));
        match loaded {
            Ok(schedule) => {
                // The files are not saved with a schedule: they are the program's.
                let files = std::mem::take(&mut opts.files);
                opts = schedule.replay_options();
                opts.files = files;
            }
            Err(e) => {
                eprintln!("concsim: --replay {path}: {e}");
                return 2;
            }
        }
    }
    opts.record_trace = trace_path.is_some() || chrome_trace.is_some();
    let result = run_hosts(&programs, &opts);
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    // Interleaved as the program wrote them, each stream flushed in turn; with several
    // hosts each line is tagged with its host.
    for chunk in tag_hosts(&result.output, &result.hosts) {
        let text = chunk.text;
        match chunk.stream {
            Stream::Stdout => {
                let mut o = stdout.lock();
                let _ = o.write_all(text.as_bytes());
                let _ = o.flush();
            }
            Stream::Stderr => {
                let mut e = stderr.lock();
                let _ = e.write_all(text.as_bytes());
                let _ = e.flush();
            }
        }
    }
    if let Some(path) = save_schedule {
        if let Err(e) = std::fs::write(&path, Schedule::new(&opts, result.schedule.clone()).to_json()) {
            eprintln!("concsim: cannot write schedule to {path}: {e}");
            return 2;
        }
    }
    if let Err(code) = write_traces(&result.trace, trace_path, chrome_trace) {
        return code;
    }
    result.exit_code
}

/// `concsim real`: the program on OS processes and threads.
fn real(a: RealArgs) -> i32 {
    let RealArgs { program, seed, cores, stdout, trace: trace_path, chrome_trace, timeout, max_memory, args } = a;
    if set_memory_budget(max_memory.as_deref()).is_err() {
        return 2;
    }
    let (programs, sim_opts) = match load_program(&program) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let mut opts = crate::real::RealOptions::default();
    opts.process.seed = sim_opts.seed;
    if let Some(s) = seed {
        opts.process.seed = s;
    }
    if let Some(c) = cores {
        if let Err(msg) = check_cores(c) {
            eprintln!("concsim: {msg}");
            return 2;
        }
        opts.process.cores = c;
    }
    if let Some(b) = stdout {
        opts.process.stdout = b;
    }
    if let Some(t) = timeout {
        if !(t.is_finite() && t > 0.0) {
            eprintln!("concsim: --timeout must be a positive number of seconds");
            return 2;
        }
        opts.timeout = std::time::Duration::from_secs_f64(t);
    }
    opts.process.args = args;
    opts.files = sim_opts.files;
    opts.record_trace = trace_path.is_some() || chrome_trace.is_some();
    let result = crate::real::run_hosts(&programs, &opts);
    if let Err(code) = write_traces(&result.trace, trace_path, chrome_trace) {
        return code;
    }
    result.exit_code
}

/// `concsim check`: real runs replayed on the simulator (`check_cmd`).
fn check(a: CheckArgs) -> i32 {
    let CheckArgs { program, runs, jobs, seed, trace: trace_path, timeout, max_memory } = a;
    let Ok(max_memory) = set_memory_budget(max_memory.as_deref()) else { return 2 };
    if runs == 0 && trace_path.is_none() {
        eprintln!("concsim: --runs must be at least 1");
        return 2;
    }
    let (programs, sim_opts) = match load_program(&program) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let args = check_cmd::CheckArgs {
        program: program.clone(),
        programs,
        seed: seed.unwrap_or(sim_opts.seed),
        cores: std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(1),
        runs,
        jobs: jobs.max(1),
        timeout: timeout.unwrap_or(60.0),
        max_memory,
        files: sim_opts.files.clone(),
    };
    match trace_path {
        Some(path) => check_cmd::check_file(&args, &path),
        None => check_cmd::check_runs(&args),
    }
}

/// `--cores N` within 1..=`MAX_CORES`.
fn check_cores(cores: u32) -> Result<(), String> {
    match cores {
        0 => Err("--cores must be at least 1".into()),
        c if c > MAX_CORES => Err(format!("--cores must be at most {MAX_CORES}")),
        _ => Ok(()),
    }
}

/// Sets the memory budget (`--max-memory`, else half of the machine's memory) and returns it
/// in bytes; an unreadable size is reported (Err).
fn set_memory_budget(arg: Option<&str>) -> Result<usize, ()> {
    let bytes = match arg {
        None => crate::vm::memory::default_budget(),
        Some(text) => match crate::vm::memory::parse_size(text) {
            Some(b) => b,
            None => {
                eprintln!("concsim: --max-memory {text}: expected bytes or a size such as 512M or 2G");
                return Err(());
            }
        },
    };
    crate::vm::memory::set_budget(bytes);
    Ok(bytes)
}

/// Writes `--trace F` (JSON Lines) and `--chrome-trace F`, or returns the exit status.
fn write_traces(events: &[trace::Event], jsonl: Option<String>, chrome: Option<String>) -> Result<(), i32> {
    if let Some(path) = jsonl {
        std::fs::write(&path, trace::to_jsonl(events)).map_err(|e| {
            eprintln!("concsim: cannot write trace to {path}: {e}");
            2
        })?;
    }
    if let Some(path) = chrome {
        std::fs::write(&path, trace::chrome::to_chrome_json(events)).map_err(|e| {
            eprintln!("concsim: cannot write Chrome trace to {path}: {e}");
            2
        })?;
    }
    Ok(())
}

/// A file or `scenario:NAME`: the programs to boot (one per host) and the default options,
/// or the exit status.
fn load_program(program: &str) -> Result<(Vec<HostProgram>, RunOptions), i32> {
    if let Some(name) = program.strip_prefix("scenario:") {
        return match scenarios::find(name) {
            Some(s) => Ok((s.programs(), s.options())),
            None => {
                eprintln!("concsim: no scenario named '{name}' (see `concsim scenarios`)");
                Err(2)
            }
        };
    }
    let bytes = match std::fs::read(program) {
        Ok(b) => b,
        Err(e) => {
            let text = e.to_string();
            let reason = text.split(" (os error").next().unwrap_or(&text).to_string();
            eprintln!("concsim: can't open file '{program}': [Errno {}] {reason}", e.raw_os_error().unwrap_or(2));
            return Err(2);
        }
    };
    let source = match decode_source(program, bytes) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("{msg}");
            return Err(1);
        }
    };
    let host = HostProgram { host: "localhost".into(), filename: program.to_string(), source, start_ns: 0 };
    let options = RunOptions { files: crate::sim::fs::Snapshot::of_program(program), ..RunOptions::default() };
    Ok((vec![host], options))
}

/// PEP 263's encoding declaration (`coding[:=] NAME` in a comment on line 1 or 2), lowercased.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    for line in bytes.split(|b| *b == b'\n').take(2) {
        let line = String::from_utf8_lossy(line);
        let comment = line.trim_start();
        if !comment.starts_with('#') {
            continue;
        }
        let Some(at) = comment.find("coding") else { continue };
        let rest = &comment[at + 6..];
        let Some(rest) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) else { continue };
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        if !name.is_empty() {
            return Some(name.to_ascii_lowercase());
        }
    }
    None
}

/// A program's bytes as CPython 3.11 reads a source file (UTF-8, or Latin-1 when declared):
/// UTF-8, or its SyntaxError naming the first invalid byte, its line and the file as CPython
/// names it (the working directory joined to the path as given).
pub fn decode_source(program: &str, bytes: Vec<u8>) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if declared_encoding(e.as_bytes()).is_some() => {
            let bytes = e.into_bytes();
            match declared_encoding(&bytes).as_deref() {
                // PEP 263: Latin-1 maps each byte to the code point of its value.
                Some("latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "iso_8859_1" | "l1") => {
                    Ok(bytes.iter().map(|&b| char::from(b)).collect())
                }
                Some(other) => Err(format!(
                    "concsim: {program}: concsim does not support the source encoding '{other}' yet (UTF-8 and Latin-1 only)"
                )),
                None => unreachable!("checked by the guard"),
            }
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let file = if program.starts_with('/') {
                program.to_string()
            } else {
                let cwd = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
                format!("{}/{program}", cwd)
            };
            Err(format!(
                "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {file} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                bytes[at]
            ))
        }
    }
}

/// `NAME=FILE.py[@SECONDS]`.
fn parse_host(spec: &str) -> Result<HostProgram, String> {
    let (name, rest) = spec.split_once('=').ok_or("expected NAME=FILE.py[@SECONDS]")?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(format!("'{name}' is not a host name (letters, digits, - and _)"));
    }
    let (file, start_ns) = match rest.rsplit_once('@') {
        Some((file, secs)) => match secs.trim_end_matches('s').parse::<f64>() {
            Ok(s) if s >= 0.0 && s.is_finite() => (file, (s * 1e9) as u64),
            _ => return Err(format!("'{secs}' is not a start delay in seconds")),
        },
        None => (rest, 0),
    };
    let (mut programs, _) = load_program(file).map_err(|_| "cannot load the program".to_string())?;
    if programs.len() != 1 {
        return Err(format!("'{file}' runs on several hosts by itself"));
    }
    let mut program = programs.remove(0);
    program.host = name.to_string();
    program.start_ns = start_ns;
    Ok(program)
}

/// `concsim explore`: the search is `explore::Search`; here only the wall clock (the time
/// limit), the files and the printing.
fn explore(a: ExploreArgs) -> i32 {
    use crate::explore::{ExploreOptions, Search};
    let (programs, base) = match load_program(&a.program) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    if programs.len() != 1 {
        eprintln!("concsim: explore runs a single-host program");
        return 2;
    }
    let program = &programs[0];
    let mut options = ExploreOptions::default();
    options.run.seed = base.seed;
    options.run.cores = base.cores;
    options.run.stdout = base.stdout;
    options.run.files = base.files;
    options.run.policy = match a.policy {
        p @ (Policy::PreemptAny | Policy::Cpython) => p,
        other => {
            eprintln!("concsim: explore --policy '{}' (one of: preempt-any, cpython)", other.name());
            return 2;
        }
    };
    options.strategy = a.strategy;
    if let Some(c) = a.cores {
        if let Err(msg) = check_cores(c) {
            eprintln!("concsim: {msg}");
            return 2;
        }
        options.run.cores = c;
    }
    if let Some(m) = a.max_steps {
        options.run.max_steps = m;
    }
    if !(a.time_limit.is_finite() && a.time_limit > 0.0) {
        eprintln!("concsim: --time-limit must be a positive number of seconds");
        return 2;
    }
    options.run.args = a.args;
    options.max_preemptions = a.max_preemptions;
    options.max_schedules = Some(a.max_schedules);
    options.seed = a.seed;
    if a.debug_steps {
        for line in crate::explore::steps_of_first_schedule(&program.filename, &program.source, &options) {
            println!("{line}");
        }
        return 0;
    }
    let start = std::time::Instant::now();
    let limit = std::time::Duration::from_secs_f64(a.time_limit);
    let mut budget = |_: &crate::explore::Progress| {
        (start.elapsed() >= limit).then(|| format!("time limit of {} s (--time-limit)", a.time_limit))
    };
    let mut search = Search::new(&program.filename, &program.source, &options);
    search.work(&mut budget);
    let report = search.finish();
    let took = start.elapsed();
    let mut saved = Vec::new();
    if let Some(dir) = &a.save_schedules {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("concsim: cannot create {dir}: {e}");
            return 2;
        }
        for o in &report.outcomes {
            let path = std::path::Path::new(dir).join(format!("outcome-{}.json", o.id));
            if let Err(e) = std::fs::write(&path, o.schedule.to_json()) {
                eprintln!("concsim: cannot write {}: {e}", path.display());
                return 2;
            }
            saved.push(path.display().to_string());
        }
    }
    let marks = !a.forbid.is_empty() || !a.expect.is_empty();
    let forbidden = |o: &crate::explore::Outcome| {
        a.forbid.iter().any(|t| crate::levels::names(o, t))
            || (!a.expect.is_empty() && !a.expect.iter().any(|t| crate::levels::names(o, t)))
    };
    let histogram = crate::levels::Histogram::new(&report, &forbidden);
    if a.json {
        println!("{}", report.to_json());
    } else {
        print_report(&report, &program.filename, &saved, took.as_secs_f64());
        if a.histogram || marks {
            println!("histogram (#N: the outcome above, with its minimal schedule):");
            for line in histogram.lines(false) {
                println!("  {line}");
            }
            if marks {
                println!("  {}", histogram.sentence(false));
            }
        }
    }
    if marks {
        // Like jcstress: the verdict is whether a forbidden outcome was seen.
        return i32::from(histogram.forbidden() > 0);
    }
    // 0 only when the program always ends the same way, with status 0.
    let clean = report.outcomes.len() == 1 && report.outcomes[0].exit_code == 0;
    if clean {
        0
    } else {
        1
    }
}

/// " (1 that matters: decision 57)": the preemptions of an outcome's schedule that reorder
/// steps that do not commute, by their decision number in the saved schedule (from 1).
fn that_matter(o: &crate::explore::Outcome) -> String {
    if o.preemptions == 0 {
        return String::new();
    }
    let at: Vec<String> = o.preemptions_that_matter.iter().map(|d| (d + 1).to_string()).collect();
    match at.len() {
        0 => " (none that matters)".into(),
        1 => format!(" (1 that matters: decision {})", at[0]),
        n => format!(" ({n} that matter: decisions {})", at.join(", ")),
    }
}

fn print_report(report: &crate::explore::Report, filename: &str, saved: &[String], secs: f64) {
    println!(
        "explore {filename}: strategy {}, policy {}: {} schedules in {secs:.2} s ({:.0}/s)",
        report.strategy.name(),
        report.policy.name(),
        report.schedules,
        report.schedules as f64 / secs.max(1e-9),
    );
    if report.exhaustive {
        println!(
            "search: EXHAUSTIVE: every schedule of the simulator was covered (up to reordering independent steps)"
        );
    } else {
        println!("search: BOUNDED, not exhaustive: {}", report.bounded_by.join("; "));
    }
    for note in &report.notes {
        println!("note: {note}");
    }
    let n = report.outcomes.len();
    println!("{n} distinct outcome{}:", if n == 1 { "" } else { "s" });
    for (i, o) in report.outcomes.iter().enumerate() {
        println!(
            "#{} [{:?}] {} — {} schedule{} (first at #{}), minimal schedule: {} preemption{}{}, {} decisions",
            o.id,
            o.kind,
            o.summary,
            o.count,
            if o.count == 1 { "" } else { "s" },
            o.first_found,
            o.preemptions,
            if o.preemptions == 1 { "" } else { "s" },
            that_matter(o),
            o.schedule.decisions.len()
        );
        for line in o.stdout.lines().take(20) {
            println!("    | {line}");
        }
        for line in o.stderr.lines().rev().take(4).collect::<Vec<_>>().into_iter().rev() {
            println!("    ! {line}");
        }
        if let Some(path) = saved.get(i) {
            println!("    replay: concsim run --replay {path} {filename}");
        }
    }
}
