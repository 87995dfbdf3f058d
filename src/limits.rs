//! The time model and the limits, in one place: how long things take on the simulated
//! machine, how long a scheduler slice is, and every bound the interpreter, the kernel, the
//! search and the real runs put on a program. Each value says why it is what it is.
//!
//! Invariant: this module imports nothing from the crate (every layer may use it, so it
//! sits below `lang`), and a constant here is defined nowhere else: the modules that apply
//! a limit `use crate::limits::…`.
//!
//! Left where they are, because they only shape a presentation and mean nothing outside
//! it: the truncation of values in the views (`sim::view` MAX_REPR/MAX_DEPTH/MAX_ITEMS,
//! `sim::frames`' listing sizes), the page's layout and tick constants (`web`), CPython's
//! exception-group rendering bounds (`vm::exc`), and protocol numbers that are not limits
//! (signal numbers, errno values, exit statuses, pids), and the page's bound on what a shared
//! link may ask it to replay (`web::share`, wasm only).

// ----- The time model -----

/// Virtual time one bytecode instruction takes (CPython 3.11 runs roughly 40 million simple
/// instructions a second on one core).
pub const NS_PER_STEP: u64 = 25;

/// CPython's default switch interval (`sys.getswitchinterval()` = 5 ms): a thread waiting
/// this long for the GIL asks its holder to drop it. The simulated processes start with it,
/// and the real runs (`real`) use it for their GIL hand-over.
pub const SWITCH_INTERVAL_NS: u64 = 5_000_000;

/// The `round-robin` policy's slice, in instructions: short enough that threads interleave
/// visibly, long enough that a slice is more than a line.
pub const ROUND_ROBIN_STEPS: u64 = 1_000;

/// The `random` policy's longest slice, in instructions (a slice is 1..=this, drawn from the
/// seed): twice round-robin's, so both short and long slices occur.
pub const RANDOM_MAX_STEPS: u64 = 2_000;

/// `--gil off` under the cpython policy: a thread whose process has other live threads runs
/// slices of 1 to this many instructions (seeded), so the threads' instructions interleave
/// finely, as on cores that run at once and not in lockstep.
pub const FREE_THREADED_MAX_STEPS: u64 = 32;

/// `explore` (preempt-any): the longest slice; a slice normally ends earlier, before the
/// thread's next visible instruction (see `vm::access`).
pub const EXPLORE_SLICE_STEPS: u64 = 100_000;

/// How long CPython takes to finalize after the main thread and exit hooks are done.
pub const FINALIZE_NS: u64 = 2_000_000;

/// How long a process killed by another's signal (its default action) takes to become a
/// zombie its parent can reap: it runs no more Python at once, but its teardown takes this
/// long (CPython 3.11, a sleeping child: `p.terminate(); p.is_alive()` is True in every one
/// of 20 runs measured, and `join()` returned 0.7-9 ms later on a loaded machine). Real runs
/// end the child at the kill: their `WNOHANG` after a kill would race the OS against the
/// replay's virtual clock, and `check` would not conform.
pub const SIGNAL_EXIT_NS: u64 = 500_000;

/// How long a forked child takes before it first runs (CPython's fork of a small heap).
pub const FORK_NS: u64 = 100_000;

/// One way over the loopback interface (a connection within a host).
pub const LOOPBACK_NS: u64 = 20_000;

/// One way between two hosts of the simulated LAN.
pub const LAN_NS: u64 = 200_000;

// ----- The interpreter's bounds -----

/// CPython's default recursion limit (`sys.getrecursionlimit()`): frames a thread may hold
/// before RecursionError.
pub const RECURSION_LIMIT: usize = 1000;

/// How deep `pickle` follows nested containers before it refuses: deep enough for any real
/// message, shallow enough that the Rust stack never overflows.
pub const PICKLE_MAX_DEPTH: usize = 500;

/// The largest integer result, in bits: CPython would grind for minutes on `10 ** 10 ** 9`;
/// we refuse results that would take unreasonable memory.
pub const MAX_INT_BITS: u64 = 1 << 26;

/// CPython's buffer size for a block-buffered stdout.
pub const STDOUT_BUFFER: usize = 8192;

/// Nesting budget of the parser front (see `Lexer::weigh`): deeper statements end as
/// CPython's RecursionError before the recursive parser sees them.
pub const MAX_PARSE_WEIGHT: u32 = 1000;
/// CPython's tokenizer limit on open brackets ("too many nested parentheses").
pub const MAX_PARENS: usize = 200;
/// CPython's tokenizer limit on indentation levels ("too many levels of indentation").
pub const MAX_INDENT: usize = 100;
/// The compiler's nesting backstop against a Rust stack overflow (the parse weight rejects
/// deeper programs first).
pub const MAX_COMPILE_DEPTH: u32 = 1500;

// ----- The machine's bounds -----

/// The most cores a run may have: more than any machine this runs on, and few enough that
/// a program sizing itself by `os.cpu_count()` (a `Pool()`) starts in reasonable time.
pub const MAX_CORES: u32 = 1024;

/// A run's instruction budget when the library is asked for one run (`RunOptions`, the page's
/// runs): 5 s of virtual time, so a runaway loop on the page stops in seconds.
pub const DEFAULT_MAX_STEPS: u64 = 200_000_000;

/// `concsim run`'s instruction budget: 25 s of virtual time. Measured on the corpus: the
/// compute examples of a few CPython seconds need 0.3–0.9 billion steps; a runaway loop still
/// stops within about ten seconds of wall time.
pub const RUN_MAX_STEPS: u64 = 1_000_000_000;

/// `fs::Snapshot::of_program`'s bounds: a program in a large folder (a home directory) must
/// not make the CLI read it all. Files beyond them are simply not visible to the run.
pub const SNAPSHOT_MAX_FILE: u64 = 1 << 20;
/// See `SNAPSHOT_MAX_FILE`: all files' bytes together.
pub const SNAPSHOT_MAX_TOTAL: u64 = 16 << 20;
/// See `SNAPSHOT_MAX_FILE`: how many files.
pub const SNAPSHOT_MAX_FILES: usize = 2000;
/// Subfolders are read this deep (packages beside the program).
pub const SNAPSHOT_MAX_DEPTH: usize = 2;

// ----- The learner's stepper (the page) -----

/// The most units one learner's step takes before it stops anyway (a thread spinning in a
/// library loop, a line that never changes): the page must answer.
pub const MAX_DECISIONS_PER_STEP: usize = 20_000;

/// Stepping back by instructions replays the run one instruction at a time: past this many
/// instructions into the run it replays by decisions instead (as long as the page answers).
pub const MAX_INSTRUCTIONS_REPLAYED: u64 = 500_000;

// ----- The schedule search -----

/// How often a running schedule asks the budget callback whether to go on: rarely enough to
/// cost nothing, often enough that a deadline is kept to a few milliseconds.
pub const BUDGET_CHECK_DECISIONS: usize = 4096;

/// Instructions of one schedule in the exhaustive phase (a longer one ends the phase).
pub const EXHAUSTIVE_MAX_STEPS: u64 = 1_000_000;

/// Distinct outcomes kept with their schedule; later ones are only counted.
pub const MAX_OUTCOMES: usize = 64;

/// Decisions the kept outcomes' schedules may hold in all (8 bytes each): a program whose
/// schedules are millions of decisions long and end many ways (`pool_cores`: 19 outcomes in
/// 60 s) keeps only the outcomes that fit, counting the others.
pub const MAX_KEPT_DECISIONS: usize = 16_000_000;

// ----- Real runs -----

/// A broker frame longer than this is refused (the connection is treated as broken): far
/// above any pickled message a test sends, small enough that a corrupt length cannot make
/// the broker allocate gigabytes.
pub const MAX_FRAME: usize = 256 << 20;
