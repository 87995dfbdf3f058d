//! The simulator's public entry point and its option/result types: the contract every
//! consumer (CLI, tests, bench, web page) codes against.

use crate::trace::Event;
use serde::{Deserialize, Serialize};

/// How the scheduler chooses who runs next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// Like CPython: a thread keeps its process's GIL until it blocks or, after the 5 ms
    /// switch interval, another thread of the process asks for it.
    #[default]
    Cpython,
    /// Any runnable thread may be chosen before every single bytecode instruction (seeded).
    PreemptAny,
    /// Fixed time slices handed out in thread-creation order.
    RoundRobin,
    /// Random slice lengths and random choice among the runnable threads (seeded).
    Random,
}

impl Policy {
    /// Every policy, in the order the page offers them.
    pub const ALL: [Policy; 4] = [Policy::Cpython, Policy::PreemptAny, Policy::RoundRobin, Policy::Random];

    /// The policy's name in a shared link and the page's menu: the one name table (serde's
    /// and clap's kebab-case names are the same; `names_match_clap_and_serde` checks).
    pub fn name(self) -> &'static str {
        match self {
            Policy::Cpython => "cpython",
            Policy::PreemptAny => "preempt-any",
            Policy::RoundRobin => "round-robin",
            Policy::Random => "random",
        }
    }

    pub fn parse(name: &str) -> Option<Policy> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// What a program's main process boots with, whichever machine runs it: the options the
/// simulator's `RunOptions` and a real run's `RealOptions` share. Both hand it to
/// `sim::boot_main` whole (`RunOptions::process`, `RealOptions::process`): one route from
/// the options to a process.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ProcessOptions {
    /// Seed of `random` (each process is seeded from it and its pid).
    pub seed: u64,
    /// What `os.cpu_count()` answers.
    pub cores: u32,
    pub stdout: Buffering,
    /// `sys.argv[1:]`.
    pub args: Vec<String>,
}

/// Everything a simulated run depends on besides the program: a run is a pure function of
/// (program, options).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunOptions {
    pub seed: u64,
    pub cores: u32,
    pub policy: Policy,
    /// Budget of bytecode instructions over all threads; the run stops with
    /// `StopReason::BudgetExhausted` when it is spent.
    pub max_steps: u64,
    /// Budget of virtual time in nanoseconds: a decision that would start later stops the
    /// run (a server that serves forever, a producer that never stops).
    #[serde(default = "default_max_time_ns")]
    pub max_time_ns: u64,
    /// Budget of threads + processes created over the run.
    pub max_tasks: u32,
    /// `sys.argv[1:]`.
    pub args: Vec<String>,
    /// Record trace events (cheap to leave on; the bench turns it off).
    pub record_trace: bool,
    /// Follow this recorded schedule instead of the policy.
    pub replay: Option<Vec<Decision>>,
    /// How each process buffers its stdout (stderr is always unbuffered).
    #[serde(default)]
    pub stdout: Buffering,
    /// The replayed schedule is a real run's (`concsim check`): a decision that names a
    /// sleeping or timed-out thread fires its timer first (real time decided it, not the
    /// virtual clock), a decision of 0 steps may only end a process, and channel operations
    /// are traced (`chan` events) so they can be compared with the real ones.
    #[serde(default)]
    pub replay_real: bool,
    /// `--gil off`: a free-threaded CPython (see `Gil`).
    #[serde(default)]
    pub gil: Gil,
    /// The files the run starts with (`sim::fs`): each host's file system starts as a copy.
    /// Not saved with a schedule: the CLI reads them again when it loads the program.
    #[serde(skip)]
    pub files: super::fs::Snapshot,
    /// Event loops offer the choice of each ready callback, even a lone one, as a decision
    /// (`TASK_CHOICE`), which the policy answers in CPython's order unless a learner chooses:
    /// the page's runs, so that manual mode picks the next task and each task's step is a
    /// slice of its own (a `task` event names it). Off in a replay (its schedule holds its
    /// own choices) and under `explore` (which offers only real choices).
    #[serde(default)]
    pub task_choices: bool,
}

/// `--gil`: whether each process has a global interpreter lock. `off` is a free-threaded
/// CPython (3.13t/3.14t, PEP 703/779): the threads of one process run at once on the cores,
/// and what stays atomic is what such a build keeps atomic — one bytecode instruction on a
/// builtin object (each takes the object's lock), not a read-modify-write like `x += 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Gil {
    #[default]
    On,
    Off,
}

impl Gil {
    pub fn name(self) -> &'static str {
        match self {
            Gil::On => "on",
            Gil::Off => "off",
        }
    }

    pub fn parse(name: &str) -> Option<Gil> {
        [Gil::On, Gil::Off].into_iter().find(|g| g.name() == name)
    }
}

/// `--stdout`: like a terminal (line, the default), a pipe or file (block: 8 KiB, lost by
/// `os._exit`, copied by `fork`), or `python3 -u` (unbuffered).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Buffering {
    #[default]
    Line,
    Block,
    Unbuffered,
}

impl Buffering {
    pub const ALL: [Buffering; 3] = [Buffering::Line, Buffering::Block, Buffering::Unbuffered];

    /// The mode's name in a shared link and the page (as `--stdout` spells it).
    pub fn name(self) -> &'static str {
        match self {
            Buffering::Line => "line",
            Buffering::Block => "block",
            Buffering::Unbuffered => "unbuffered",
        }
    }

    pub fn parse(name: &str) -> Option<Buffering> {
        Self::ALL.into_iter().find(|b| b.name() == name)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{Buffering, Policy};
    use clap::ValueEnum;

    /// `name()` is the one name table: clap's derived names (the CLI) and serde's (saved
    /// schedules) must spell every variant the same way.
    #[test]
    fn names_match_clap_and_serde() {
        for p in Policy::ALL {
            assert_eq!(p.to_possible_value().unwrap().get_name(), p.name());
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.name()));
        }
        for b in Buffering::ALL {
            assert_eq!(b.to_possible_value().unwrap().get_name(), b.name());
            assert_eq!(serde_json::to_string(&b).unwrap(), format!("\"{}\"", b.name()));
        }
        assert_eq!(Policy::value_variants().len(), Policy::ALL.len());
        assert_eq!(Buffering::value_variants().len(), Buffering::ALL.len());
    }
}

/// One hour of virtual time.
fn default_max_time_ns() -> u64 {
    3_600_000_000_000
}

impl RunOptions {
    /// The part of these options a process boots with.
    pub fn process(&self) -> ProcessOptions {
        ProcessOptions { seed: self.seed, cores: self.cores, stdout: self.stdout, args: self.args.clone() }
    }
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            seed: 0,
            cores: 4,
            policy: Policy::Cpython,
            max_steps: crate::limits::DEFAULT_MAX_STEPS,
            max_time_ns: default_max_time_ns(),
            max_tasks: 10_000,
            args: Vec::new(),
            record_trace: true,
            replay: None,
            stdout: Buffering::Line,
            replay_real: false,
            gil: Gil::On,
            files: super::fs::Snapshot::default(),
            task_choices: false,
        }
    }
}

/// One scheduling decision: which thread ran, and how many instructions it executed before
/// the kernel took control back. The list of them replays a run exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub tid: u32,
    pub steps: u32,
}

/// A decision's `tid` may name a *task choice* instead of a thread: under `explore` (and its
/// replays) asyncio's event loop asks which of its `n` ready callbacks runs next
/// (`_concsim.choose_task`), and the thread waits for the answer. The decision "thread
/// `tid`, answering `k`" is then one more alternative beside the other threads, so the
/// search treats a task switch at an `await` as it treats a thread switch. Answer 0 is
/// CPython's (the ready queue is FIFO); the flag bit keeps these apart from thread ids.
pub const TASK_CHOICE: u32 = 1 << 31;
pub use crate::vm::request::MAX_TASK_CHOICES;

/// The decision "thread `tid` takes ready callback `k`" (`tid` < 2^16, `k` < `MAX_TASK_CHOICES`).
pub fn task_choice(tid: u32, k: u32) -> u32 {
    TASK_CHOICE | (k.min(MAX_TASK_CHOICES - 1) << 16) | (tid & 0xffff)
}

/// The thread and the answer of a task choice; None for a plain thread id.
pub fn as_task_choice(decision_tid: u32) -> Option<(u32, u32)> {
    (decision_tid & TASK_CHOICE != 0).then_some((decision_tid & 0xffff, (decision_tid >> 16) & (MAX_TASK_CHOICES - 1)))
}

/// The thread a decision runs (a task choice's thread).
pub fn decision_thread(decision_tid: u32) -> u32 {
    as_task_choice(decision_tid).map_or(decision_tid, |(t, _)| t)
}

/// A saved schedule (`concsim run --save-schedule F`, `--replay F`): the options of the run
/// and every decision, enough to replay it exactly on the same program.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Schedule {
    pub schema: String,
    pub version: u32,
    pub options: RunOptions,
    pub decisions: Vec<Decision>,
}

impl Schedule {
    pub const SCHEMA: &'static str = "concsim-schedule";

    pub fn new(options: &RunOptions, decisions: Vec<Decision>) -> Schedule {
        let options = RunOptions { replay: None, ..options.clone() };
        Schedule { schema: Schedule::SCHEMA.into(), version: 1, options, decisions }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses a saved schedule, saying what is wrong with a file that is not one.
    pub fn from_json(text: &str) -> Result<Schedule, String> {
        let s: Schedule = serde_json::from_str(text).map_err(|e| format!("not a concsim schedule: {e}"))?;
        if s.schema != Schedule::SCHEMA || s.version != 1 {
            return Err(format!("unsupported schedule {} version {}", s.schema, s.version));
        }
        Ok(s)
    }

    /// The options that replay this schedule.
    pub fn replay_options(&self) -> RunOptions {
        RunOptions { replay: Some(self.decisions.clone()), ..self.options.clone() }
    }
}

/// Which terminal stream a process wrote to; the VM's (it owns `print` and `sys.stdout`).
pub use crate::vm::Stream;

/// A piece of text a simulated process wrote, in the order it reached the terminal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputChunk {
    pub stream: Stream,
    pub pid: u32,
    pub tid: u32,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StopReason {
    /// The main process ended (normally, by `sys.exit`, or by an uncaught exception).
    Exited,
    /// The instruction, thread or time budget ran out; `what` names which.
    BudgetExhausted { what: String },
    /// Every thread is blocked and no timer is pending; `report` has one line per thread.
    Deadlock { report: Vec<String> },
    /// The program could not be compiled (the SyntaxError is on stderr).
    CompileError,
}

#[derive(Clone, Debug)]
pub struct RunResult {
    pub output: Vec<OutputChunk>,
    /// What `python3 FILE.py` would exit with; 124 when a budget stopped the run, 125 for a
    /// deadlock (CPython would hang forever there).
    pub exit_code: i32,
    pub stop: StopReason,
    pub trace: Vec<Event>,
    pub schedule: Vec<Decision>,
    /// Virtual time at the end of the run, in nanoseconds.
    pub elapsed_ns: u64,
    /// Bytecode instructions executed over all threads.
    pub steps: u64,
    /// The hosts' names in order (one, `localhost`, unless the run had several); host k's
    /// pids are 1000 × (k + 1) and up (see `host_of_pid`).
    pub hosts: Vec<String>,
}

impl RunResult {
    pub fn stdout(&self) -> String {
        self.text_of(Stream::Stdout)
    }

    pub fn stderr(&self) -> String {
        self.text_of(Stream::Stderr)
    }

    fn text_of(&self, stream: Stream) -> String {
        self.output.iter().filter(|c| c.stream == stream).map(|c| c.text.as_str()).collect()
    }
}

pub const EXIT_BUDGET: i32 = 124;
pub const EXIT_DEADLOCK: i32 = 125;

/// What the real world answered during one decision of a real run (`concsim real`), fed to
/// the simulator before that decision when the run is replayed (`RunOptions::replay_real`):
/// the clock readings and the `subprocess` answers of process `pid`, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RealInputs {
    pub pid: u32,
    pub clock: Vec<u64>,
    pub commands: Vec<crate::vm::request::CommandAnswer>,
    /// Signals whose handlers the main thread entered at the start of the segment.
    pub signals: Vec<i32>,
}

/// The index of the host a pid belongs to (pids of host k start at 1000 × (k + 1)).
pub fn host_of_pid(pid: u32) -> usize {
    (pid / 1000).saturating_sub(1) as usize
}

/// The output as several terminals side by side would show it merged: with more than one
/// host, every line starts with `[host] ` (the CLI and the page's console agree on this).
pub fn tag_hosts(chunks: &[OutputChunk], hosts: &[String]) -> Vec<OutputChunk> {
    if hosts.len() <= 1 {
        return chunks.to_vec();
    }
    // Whether each (host, stream) is at the start of a line, carried across chunks.
    let mut at_line_start = vec![[true, true]; hosts.len()];
    chunks
        .iter()
        .map(|c| {
            let h = host_of_pid(c.pid).min(hosts.len() - 1);
            let fresh = &mut at_line_start[h][usize::from(c.stream == Stream::Stderr)];
            let text = tag_lines(&c.text, &format!("[{}] ", hosts[h]), fresh);
            OutputChunk { text, ..c.clone() }
        })
        .collect()
}

/// `text` with `tag` before every line that starts in it; `fresh` says whether the output
/// was at the start of a line before `text`, and after.
pub fn tag_lines(text: &str, tag: &str, fresh: &mut bool) -> String {
    let mut tagged = String::with_capacity(text.len() + 16);
    for piece in text.split_inclusive('\n') {
        if *fresh {
            tagged.push_str(tag);
        }
        tagged.push_str(piece);
        *fresh = piece.ends_with('\n');
    }
    tagged
}
