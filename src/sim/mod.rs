//! The simulated machine: `run_source` compiles a program, boots the main process on a
//! `kernel::Machine` and collects output, trace and schedule. Invariant: the result is a
//! pure function of (filename, source, options) — no host time, files or randomness.

mod api;
pub mod compare;
pub mod frames;
/// The file system lives in the VM (a process reads its files through it); the kernel owns
/// one per host.
pub use crate::vm::fs;
mod ipc;
pub mod kernel;
pub mod net;
pub mod stepper;
pub mod timeline;
pub mod view;
pub mod view_asyncio;
pub mod view_os;
pub mod view_services;

pub use api::*;

use crate::lang;
use crate::vm::value::{Module, Value};
use crate::vm::{Interp, Types};
use fs::{Fs, MemFs};
use rustc_hash::FxHashMap;
use std::rc::Rc;

thread_local! {
    /// Builtin types never change (setting an attribute of one raises TypeError), so the
    /// sessions of a thread share them: `explore` boots thousands of runs of one program.
    static TYPES: Rc<Types> = Rc::new(Types::new());
    /// The latest program compiled, by file name and source (`Code` is immutable): explore
    /// and the page's restarts boot the same program again and again.
    static COMPILED: std::cell::RefCell<Option<(String, String, lang::CompiledModule)>> =
        const { std::cell::RefCell::new(None) };
}

fn compile_cached(filename: &str, source: &str) -> Result<lang::CompiledModule, lang::CompileError> {
    let copy =
        |c: &lang::CompiledModule| lang::CompiledModule { code: c.code.clone(), global_names: c.global_names.clone() };
    if let Some(c) = COMPILED
        .with_borrow(|last| last.as_ref().filter(|(f, s, _)| f == filename && s == source).map(|(_, _, c)| copy(c)))
    {
        return Ok(c);
    }
    let compiled = lang::compile_module(filename, source)?;
    COMPILED.set(Some((filename.to_string(), source.to_string(), copy(&compiled))));
    Ok(compiled)
}

/// A host's main interpreter, ready to run `compiled` as `__main__` (`sys.argv` is the
/// program's name and `opts.args`): the boot `Session` and the real backend share. It is
/// made as host 0's main process (pid `MAIN_PID`), whose pid its `random` is seeded from
/// on every host (golden traces depend on it); the machine that runs it then gives it its
/// host's pid (`Machine::spawn_main`, `real::boot_main`).
pub(crate) fn boot_main(
    types: Rc<Types>,
    p: &HostProgram,
    shown: &str,
    compiled: &lang::CompiledModule,
    opts: &ProcessOptions,
) -> (Interp, Rc<Module>) {
    let mut sources: FxHashMap<Rc<str>, Rc<str>> = FxHashMap::default();
    sources.insert(Rc::from(shown), Rc::from(p.source.as_str()));
    let mut argv = vec![p.filename.clone()];
    argv.extend(opts.args.iter().cloned());
    let mut interp =
        Interp::new(types, kernel::MAIN_PID, kernel::SHELL_PID, opts.seed, opts.cores, argv, Rc::new(sources));
    let module = Module::new("__main__", &compiled.global_names);
    module.set("__name__", Value::str("__main__"));
    module.set("__file__", Value::str(shown));
    module.set("__builtins__", Value::Module(interp.builtins.clone()));
    interp.register_main(&module);
    interp.main_path = shown.to_string();
    interp.stdout_block = opts.stdout == Buffering::Block;
    (interp, module)
}

/// Runs a program to its end on a fresh simulated machine.
pub fn run_source(filename: &str, source: &str, opts: &RunOptions) -> RunResult {
    let mut session = Session::new(filename, source, opts);
    while session.step(None) {}
    session.finish()
}

/// Runs several programs, each on its own host of one simulated network, to their end.
pub fn run_hosts(programs: &[HostProgram], opts: &RunOptions) -> RunResult {
    let mut session = Session::new_hosts(programs, opts);
    while session.step(None) {}
    session.finish()
}

/// One host of a multi-host run: its name (also its address on the simulated network), the
/// program its main process runs, and when that process starts.
#[derive(Clone, Debug)]
pub struct HostProgram {
    pub host: String,
    pub filename: String,
    pub source: String,
    pub start_ns: u64,
}

impl HostProgram {
    /// The path of its program as its code, `__file__` and tracebacks show it (`filename` is
    /// `sys.argv[0]`, the path as given): see `fs::shown_main_path`.
    pub fn shown_path(&self, files: &fs::Snapshot) -> String {
        fs::shown_main_path(&files.cwd, &self.filename)
    }
}

/// A run that advances one scheduling decision at a time (the page steps through one), or
/// that failed to compile. Invariant: stepping a session to its end gives exactly the
/// result `run_source` gives for the same inputs.
pub struct Session {
    machine: kernel::Machine,
    /// Each host's program file, in host order (a thread's line is read in its host's).
    files: Vec<String>,
    compile_error: Option<String>,
    stop: Option<StopReason>,
}

impl Session {
    pub fn new(filename: &str, source: &str, opts: &RunOptions) -> Session {
        let program =
            HostProgram { host: "localhost".into(), filename: filename.into(), source: source.into(), start_ns: 0 };
        Session::new_hosts(&[program], opts)
    }

    /// A run of one program per host; hosts are numbered in the given order (host k's
    /// pids start at 1000 × (k + 1), its address is 10.0.0.(k + 1)).
    pub fn new_hosts(programs: &[HostProgram], opts: &RunOptions) -> Session {
        let mut machine = kernel::Machine::new(opts.clone());
        let types = TYPES.with(Rc::clone);
        let files: Vec<String> = programs.iter().map(|p| p.shown_path(&opts.files)).collect();
        let mut booted = Vec::new();
        for (p, shown) in programs.iter().zip(&files) {
            let compiled = match compile_cached(shown, &p.source) {
                Ok(c) => c,
                Err(e) => {
                    let text = e.render();
                    return Session { machine, files, compile_error: Some(text), stop: Some(StopReason::CompileError) };
                }
            };
            booted.push((p, shown, compiled));
        }
        // Every host exists before any boots, so each announces itself in the trace.
        let hosts: Vec<usize> = booted.iter().map(|(p, _, _)| machine.add_host(&p.host)).collect();
        let process = opts.process();
        for ((p, shown, compiled), host) in booted.into_iter().zip(hosts) {
            let (mut interp, module) = boot_main(types.clone(), p, shown, &compiled, &process);
            // A real run's replay runs the commands it ran, answered from its trace.
            interp.real_commands = opts.replay_real;
            interp.set_files(Fs::Mem(Rc::new(std::cell::RefCell::new(MemFs::from_snapshot(&opts.files)))), &opts.files);
            let ts = interp.start_module(compiled.code, module);
            machine.spawn_main(host, interp, ts, &p.filename, p.start_ns);
        }
        Session { machine, files, compile_error: None, stop: None }
    }

    /// Makes one scheduling decision (`choose` forces the thread, see `Machine::step`);
    /// false once the run is over.
    pub fn step(&mut self, choose: Option<u32>) -> bool {
        if self.stop.is_none() {
            self.stop = self.machine.step(choose);
        }
        self.stop.is_none()
    }

    /// At most `n` instructions of the current slice (see `Machine::step_instructions`).
    pub fn step_instructions(&mut self, choose: Option<u32>, n: u64) -> bool {
        if self.stop.is_none() {
            self.stop = self.machine.step_instructions(choose, n);
        }
        self.stop.is_none()
    }

    pub fn machine(&self) -> &kernel::Machine {
        &self.machine
    }

    pub fn machine_mut(&mut self) -> &mut kernel::Machine {
        &mut self.machine
    }

    /// The SyntaxError text when the program did not compile.
    pub fn compile_error(&self) -> Option<&str> {
        self.compile_error.as_deref()
    }

    /// A snapshot of the machine for display (see `view`); a finished run's console ends
    /// with the same closing note (compile error, budget, deadlock) as `finish` gives.
    pub fn view(&self) -> view::View {
        let mut v = view::View::build(&self.machine, &self.files, self.stop.as_ref());
        if let Some(text) = &self.compile_error {
            v.console.push(OutputChunk { stream: Stream::Stderr, pid: kernel::MAIN_PID, tid: 1, text: text.clone() });
        } else if let Some(text) = self.stop.as_ref().and_then(stop_note) {
            v.console.push(OutputChunk { stream: Stream::Stderr, pid: kernel::MAIN_PID, tid: 0, text });
        }
        v
    }

    /// Why the run ended, once it has.
    pub fn stop(&self) -> Option<&StopReason> {
        self.stop.as_ref()
    }

    /// The run's result; a run that has not ended yet is reported as it stands.
    pub fn finish(mut self) -> RunResult {
        let machine = &mut self.machine;
        if let Some(text) = self.compile_error {
            return RunResult {
                output: vec![OutputChunk { stream: Stream::Stderr, pid: kernel::MAIN_PID, tid: 1, text }],
                exit_code: 1,
                stop: StopReason::CompileError,
                trace: Vec::new(),
                schedule: Vec::new(),
                elapsed_ns: 0,
                steps: 0,
                hosts: Vec::new(),
            };
        }
        let stop = self.stop.unwrap_or(StopReason::Exited);
        let mut output = std::mem::take(&mut machine.output);
        if let Some(text) = stop_note(&stop) {
            output.push(OutputChunk { stream: Stream::Stderr, pid: kernel::MAIN_PID, tid: 0, text });
        }
        let exit_code = match &stop {
            StopReason::Exited => machine.main_exit_code().unwrap_or(0),
            StopReason::BudgetExhausted { .. } => EXIT_BUDGET,
            StopReason::Deadlock { .. } => EXIT_DEADLOCK,
            StopReason::CompileError => 1,
        };
        RunResult {
            output,
            exit_code,
            stop,
            trace: std::mem::take(&mut machine.trace),
            schedule: std::mem::take(&mut machine.schedule),
            elapsed_ns: machine.elapsed(),
            steps: machine.steps,
            hosts: machine.host_names(),
        }
    }
}

/// What concsim itself writes to stderr when a run stops other than by exiting.
fn stop_note(stop: &StopReason) -> Option<String> {
    match stop {
        StopReason::BudgetExhausted { what } => {
            Some(format!("concsim: stopped: the {what} ran out; the program may loop forever\n"))
        }
        StopReason::Deadlock { report } => {
            let mut text = String::from("concsim: deadlock: every thread is blocked and no timer is pending\n");
            for line in report {
                text.push_str(&format!("  {line}\n"));
            }
            Some(text)
        }
        StopReason::Exited | StopReason::CompileError => None,
    }
}
