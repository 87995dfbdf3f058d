//! The command line (`clap`): `concsim run` looks from outside like `python3 FILE.py` —
//! the program's stdout on stdout, its stderr on stderr, CPython's exit status — and
//! `concsim scenarios` lists the built-ins. Invariant: the CLI only parses, reads files and
//! prints; every decision about the run is `run_source`'s.

use crate::sim::{run_source, Buffering, Policy, RunOptions, Stream};
use crate::{scenarios, trace};
use clap::{Parser, Subcommand};
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

#[derive(Subcommand)]
enum Command {
    /// Run a program (a file, or `scenario:NAME`) on the simulated machine.
    Run {
        /// FILE.py or scenario:NAME.
        program: String,
        /// Seed of the scheduler and of `random`.
        #[arg(long)]
        seed: Option<u64>,
        /// Number of simulated cores.
        #[arg(long)]
        cores: Option<u32>,
        /// Scheduling policy: cpython, preempt-any, round-robin, random.
        #[arg(long)]
        policy: Option<String>,
        /// Write the trace as JSON Lines (schema: docs/trace.md).
        #[arg(long)]
        trace: Option<String>,
        /// Write the trace as Chrome Trace Event JSON (open in Perfetto).
        #[arg(long = "chrome-trace")]
        chrome_trace: Option<String>,
        /// How stdout is buffered: line (a terminal, default), block (a pipe), unbuffered.
        #[arg(long)]
        stdout: Option<String>,
        /// Stop after this many bytecode instructions.
        #[arg(long = "max-steps")]
        max_steps: Option<u64>,
        /// Arguments for the program (`sys.argv[1:]`).
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// List the built-in scenarios.
    Scenarios,
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Scenarios => {
            for s in scenarios::all() {
                println!("{:<14} {:<10} {}", s.name, s.topic, s.title_en);
            }
            0
        }
        Command::Run { program, seed, cores, policy, trace: trace_path, chrome_trace, stdout, max_steps, args } => {
            let (file_name, source, mut opts) = if let Some(name) = program.strip_prefix("scenario:") {
                match scenarios::find(name) {
                    Some(s) => (s.file_name(), s.source.to_string(), s.options()),
                    None => {
                        eprintln!("concsim: no scenario named '{name}' (see `concsim scenarios`)");
                        return 2;
                    }
                }
            } else {
                match std::fs::read_to_string(&program) {
                    Ok(src) => (program.clone(), src, RunOptions::default()),
                    Err(e) => {
                        let text = e.to_string();
                        let reason = text.split(" (os error").next().unwrap_or(&text).to_string();
                        eprintln!(
                            "concsim: can't open file '{program}': [Errno {}] {reason}",
                            e.raw_os_error().unwrap_or(2)
                        );
                        return 2;
                    }
                }
            };
            if let Some(s) = seed {
                opts.seed = s;
            }
            if let Some(c) = cores {
                if c == 0 {
                    eprintln!("concsim: --cores must be at least 1");
                    return 2;
                }
                opts.cores = c;
            }
            if let Some(p) = policy {
                match Policy::parse(&p) {
                    Some(p) => opts.policy = p,
                    None => {
                        let names: Vec<&str> = Policy::ALL.iter().map(|(n, _)| *n).collect();
                        eprintln!("concsim: unknown policy '{p}' (one of: {})", names.join(", "));
                        return 2;
                    }
                }
            }
            if let Some(b) = stdout {
                match Buffering::parse(&b) {
                    Some(b) => opts.stdout = b,
                    None => {
                        eprintln!("concsim: unknown --stdout '{b}' (one of: line, block, unbuffered)");
                        return 2;
                    }
                }
            }
            if let Some(m) = max_steps {
                opts.max_steps = m;
            }
            opts.args = args;
            opts.record_trace = trace_path.is_some() || chrome_trace.is_some();
            let result = run_source(&file_name, &source, &opts);
            let stdout = std::io::stdout();
            let stderr = std::io::stderr();
            for chunk in &result.output {
                // Interleaved as the program wrote them, each stream flushed in turn.
                match chunk.stream {
                    Stream::Stdout => {
                        let mut o = stdout.lock();
                        let _ = o.write_all(chunk.text.as_bytes());
                        let _ = o.flush();
                    }
                    Stream::Stderr => {
                        let mut e = stderr.lock();
                        let _ = e.write_all(chunk.text.as_bytes());
                        let _ = e.flush();
                    }
                }
            }
            if let Some(path) = trace_path {
                if let Err(e) = std::fs::write(&path, trace::to_jsonl(&result.trace)) {
                    eprintln!("concsim: cannot write trace to {path}: {e}");
                    return 2;
                }
            }
            if let Some(path) = chrome_trace {
                if let Err(e) = std::fs::write(&path, trace::chrome::to_chrome_json(&result.trace)) {
                    eprintln!("concsim: cannot write Chrome trace to {path}: {e}");
                    return 2;
                }
            }
            result.exit_code
        }
    }
}
