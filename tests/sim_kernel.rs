//! Scheduler and kernel behaviour through the public API: determinism, policies, replay,
//! budgets, deadlocks, processes and the GIL's effect on time.

use concsim::sim::{Decision, Schedule, EXIT_BUDGET, EXIT_DEADLOCK};
use concsim::{run_source, trace, Policy, RunOptions, StopReason};

fn run(src: &str, opts: &RunOptions) -> concsim::RunResult {
    run_source("t.py", src, opts)
}

fn opts(policy: Policy, seed: u64) -> RunOptions {
    RunOptions { policy, seed, ..RunOptions::default() }
}

const RACY: &str = "
import threading
balance = 0
def change_it(n):
    global balance
    balance = balance + n
    balance = balance - n
def run_thread(n):
    for i in range(200):
        change_it(n)
t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start(); t2.start(); t1.join(); t2.join()
print(balance)
";

#[test]
fn same_seed_same_trace_bytes() {
    for policy in [Policy::Cpython, Policy::PreemptAny, Policy::Random, Policy::RoundRobin] {
        let a = run(RACY, &opts(policy, 7));
        let b = run(RACY, &opts(policy, 7));
        assert_eq!(a.exit_code, 0, "{policy:?}: {}", a.stderr());
        assert_eq!(trace::to_jsonl(&a.trace), trace::to_jsonl(&b.trace), "{policy:?}");
        assert_eq!(a.stdout(), b.stdout());
    }
}

#[test]
fn preempt_any_finds_different_interleavings() {
    let mut outputs = std::collections::BTreeSet::new();
    let mut schedules = std::collections::BTreeSet::new();
    for seed in 0..20 {
        let r = run(RACY, &opts(Policy::PreemptAny, seed));
        assert_eq!(r.exit_code, 0, "{}", r.stderr());
        outputs.insert(r.stdout());
        schedules.insert(format!("{:?}", r.schedule.iter().map(|d| d.tid).collect::<Vec<_>>()));
    }
    assert!(schedules.len() > 10, "different seeds must interleave differently");
    assert!(outputs.len() > 1, "the lost update must show up under preempt-any: {outputs:?}");
}

#[test]
fn cpython_policy_never_splits_the_update() {
    // CPython 3.11 only switches threads at calls and backward jumps.
    for seed in 0..5 {
        let r = run(RACY, &opts(Policy::Cpython, seed));
        assert_eq!(r.stdout(), "0\n");
    }
}

#[test]
fn replay_reproduces_a_run_exactly() {
    let first = run(RACY, &opts(Policy::PreemptAny, 3));
    // Another seed: the decisions alone fix the run. The policy stays the run's own: under
    // the cpython policy a write to stdout may end a slice (`vm::IoRelease`), so a schedule
    // replays with the policy it was made under (as a saved schedule carries its options).
    let replay = RunOptions { replay: Some(first.schedule.clone()), ..opts(Policy::PreemptAny, 99) };
    let again = run(RACY, &replay);
    assert_eq!(first.stdout(), again.stdout());
    assert_eq!(trace::to_jsonl(&first.trace), trace::to_jsonl(&again.trace));
}

#[test]
fn a_saved_schedule_replays_with_its_own_options() {
    let o = RunOptions { cores: 2, ..opts(Policy::Random, 11) };
    let first = run(RACY, &o);
    let text = Schedule::new(&o, first.schedule.clone()).to_json();
    let loaded = Schedule::from_json(&text).expect("round trip");
    let again = run(RACY, &loaded.replay_options());
    assert_eq!(trace::to_jsonl(&first.trace), trace::to_jsonl(&again.trace));
    assert!(Schedule::from_json("{\"schema\":\"x\"}").is_err());
}

#[test]
fn diverging_replay_is_reported() {
    let bad = RunOptions { replay: Some(vec![Decision { tid: 5, steps: 3 }]), ..RunOptions::default() };
    let r = run("print(1)\n", &bad);
    assert_eq!(r.exit_code, EXIT_BUDGET);
    assert!(r.stderr().contains("diverged"), "{}", r.stderr());
}

#[test]
fn infinite_loop_stops_at_the_budget() {
    let o = RunOptions { max_steps: 100_000, ..RunOptions::default() };
    let r = run("while True:\n    pass\n", &o);
    assert_eq!(r.exit_code, EXIT_BUDGET);
    assert!(matches!(r.stop, StopReason::BudgetExhausted { .. }));
    assert!(r.stderr().contains("--max-steps"), "{}", r.stderr());
}

#[test]
fn unbounded_recursion_is_a_recursion_error() {
    let r = run("def f(n):\n    return f(n + 1)\nf(0)\n", &RunOptions::default());
    assert_eq!(r.exit_code, 1);
    assert!(r.stderr().ends_with("RecursionError: maximum recursion depth exceeded\n"), "{}", r.stderr());
}

#[test]
fn thread_bomb_stops_at_the_task_budget() {
    let src = "import threading, time\nwhile True:\n    threading.Thread(target=time.sleep, args=(100,)).start()\n";
    let o = RunOptions { max_tasks: 200, ..RunOptions::default() };
    let r = run(src, &o);
    assert_eq!(r.exit_code, EXIT_BUDGET, "{}", r.stderr());
    assert!(r.stderr().contains("task budget"), "{}", r.stderr());
}

#[test]
fn abba_deadlock_is_reported_with_holders() {
    let src = "
import threading, time
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        time.sleep(0.1)
        with b:
            pass
def two():
    with b:
        time.sleep(0.1)
        with a:
            pass
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start(); t2.start(); t1.join(); t2.join()
";
    let r = run(src, &RunOptions::default());
    assert_eq!(r.exit_code, EXIT_DEADLOCK, "{}", r.stderr());
    let StopReason::Deadlock { report } = &r.stop else { panic!("{:?}", r.stop) };
    assert_eq!(report.len(), 3, "{report:?}");
    let text = report.join("\n");
    assert!(text.contains("'Thread-1 (one)'") && text.contains("held by 'Thread-2 (two)'"), "{text}");
    assert!(text.contains("join 'Thread-1 (one)'"), "{text}");
}

#[test]
fn deadlocks_in_library_waits_name_the_user_line_and_the_call() {
    let src = "
import threading, queue, multiprocessing as mp
q = queue.Queue()
ev = threading.Event()
def a():
    ev.wait()
def b():
    q.get()
threading.Thread(target=a).start()
threading.Thread(target=b).start()
mq = mp.Queue()
def child():
    mq.get()
p = mp.Process(target=child)
p.start()
p.join()
";
    let r = run(src, &RunOptions::default());
    assert_eq!(r.exit_code, EXIT_DEADLOCK, "{}", r.stderr());
    let StopReason::Deadlock { report } = &r.stop else { panic!("{:?}", r.stop) };
    let expect = [
        "'MainThread' (pid 1000, tid 1) at t.py line 16, in BaseProcess.join(), waits for waitpid(1001)",
        "'Thread-1 (a)' (pid 1000, tid 2) at t.py line 6, in Event.wait(), waits for a notify from another thread",
        "'Thread-2 (b)' (pid 1000, tid 3) at t.py line 8, in Queue.get(), waits for a notify from another thread",
        "'MainThread' (pid 1001, tid 4) at t.py line 13, in Queue.get(), waits for an item from queue#0 (empty)",
    ];
    assert_eq!(report.len(), expect.len(), "{report:?}");
    for (line, want) in report.iter().zip(expect) {
        assert!(line.contains(want), "{line}\n  does not contain\n{want}");
    }
}

#[test]
fn sleeping_threads_overlap_in_virtual_time() {
    let src = "
import threading, time
def nap():
    time.sleep(1)
ts = [threading.Thread(target=nap) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
";
    let r = run(src, &RunOptions::default());
    assert_eq!(r.exit_code, 0, "{}", r.stderr());
    assert!(r.elapsed_ns >= 1_000_000_000 && r.elapsed_ns < 1_100_000_000, "{}", r.elapsed_ns);
}

#[test]
fn cpu_bound_threads_share_one_gil_but_processes_use_cores() {
    let threads = "
import threading
def work():
    x = 0
    for i in range(20000):
        x += i
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
";
    let procs = threads
        .replace("threading.Thread", "multiprocessing.Process")
        .replace("import threading", "import multiprocessing");
    let t = run(threads, &RunOptions::default());
    let p = run(&procs, &RunOptions::default());
    assert_eq!(t.exit_code, 0, "{}", t.stderr());
    assert_eq!(p.exit_code, 0, "{}", p.stderr());
    assert!(p.elapsed_ns * 10 < t.elapsed_ns * 7, "processes {} vs threads {}", p.elapsed_ns, t.elapsed_ns);
}

#[test]
fn fork_gives_the_child_a_copy_and_pids_are_deterministic() {
    let src = "
import os
x = [1]
pid = os.fork()
if pid == 0:
    x.append(2)
    print('child', os.getpid(), os.getppid(), x)
    os._exit(3)
_, status = os.waitpid(pid, 0)
print('parent', os.getpid(), pid, x, os.WEXITSTATUS(status))
";
    let r = run(src, &RunOptions::default());
    assert_eq!(r.stdout(), "child 1001 1000 [1, 2]\nparent 1000 1001 [1] 3\n", "{}", r.stderr());
}

#[test]
fn terminate_gives_minus_fifteen() {
    let src = "
import multiprocessing, time
def forever():
    while True:
        time.sleep(0.01)
if __name__ == '__main__':
    p = multiprocessing.Process(target=forever)
    p.start()
    time.sleep(0.05)
    p.terminate()
    p.join()
    print(p.exitcode, p.name, p.is_alive())
";
    let r = run(src, &RunOptions::default());
    assert_eq!(r.stdout(), "-15 Process-1 False\n", "{}", r.stderr());
}

#[test]
fn syntax_errors_never_run() {
    let r = run("print 'x'\n", &RunOptions::default());
    assert_eq!(r.exit_code, 1);
    assert!(matches!(r.stop, StopReason::CompileError));
    assert!(
        r.stderr().ends_with("SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
        "{}",
        r.stderr()
    );
}

#[test]
fn block_buffered_stdout_is_copied_by_fork_and_lost_by_os_exit() {
    use concsim::sim::Buffering;
    let src = "
import os
print('before fork')
pid = os.fork()
if pid == 0:
    print('child')
    os._exit(0)
os.waitpid(pid, 0)
print('parent')
";
    let line = run(src, &RunOptions::default());
    assert_eq!(line.stdout(), "before fork\nchild\nparent\n");
    let block = run(src, &RunOptions { stdout: Buffering::Block, ..RunOptions::default() });
    // The child's copy of the unflushed buffer dies with os._exit; the parent flushes at exit.
    assert_eq!(block.stdout(), "before fork\nparent\n");
    let flushed = src.replace("os._exit(0)", "import sys; sys.stdout.flush(); os._exit(0)");
    let block = run(&flushed, &RunOptions { stdout: Buffering::Block, ..RunOptions::default() });
    // Flushed in the child: the line printed before the fork appears twice.
    assert_eq!(block.stdout(), "before fork\nchild\nbefore fork\nparent\n");
}

#[test]
fn a_callback_that_asks_the_kernel_gets_the_error_where_it_asked() {
    // %-formatting calls __repr__ from a builtin, where concsim cannot ask the kernel: the
    // RuntimeError is raised inside __repr__, where the callback may catch it. (print, str
    // and repr run a Python __repr__ as a frame, where it may block.)
    let src = "
import time
class Careful:
    def __repr__(self):
        try:
            time.sleep(1)
        except RuntimeError:
            return 'fallback'
        return 'slept'
class Careless:
    def __repr__(self):
        time.sleep(1)
        return 'slept'
print('%r' % (Careful(),))
print(Careful())
try:
    print('%r' % (Careless(),))
except RuntimeError as e:
    print('RuntimeError:', e)
";
    let r = run(src, &RunOptions::default());
    assert_eq!(r.exit_code, 0, "{}", r.stderr());
    assert_eq!(
        r.stdout(),
        "fallback\nslept\nRuntimeError: concsim does not support blocking (locks, sleep, join...) inside \
         __repr__, __eq__, sort keys or other callbacks called from builtins\n"
    );
}

#[test]
fn process_start_flushes_stdout_before_forking() {
    // Unlike a bare os.fork(), multiprocessing flushes stdout before forking, so the child does
    // not inherit (and print again) the parent's block-buffered line.
    use concsim::sim::Buffering;
    let src = "
import multiprocessing as mp
def f():
    print('child')
if __name__ == '__main__':
    print('before start')
    p = mp.Process(target=f)
    p.start()
    p.join()
    print('after join')
";
    let block = run(src, &RunOptions { stdout: Buffering::Block, ..RunOptions::default() });
    assert_eq!(block.exit_code, 0, "{}", block.stderr());
    assert_eq!(block.stdout(), "before start\nchild\nafter join\n");
}

#[test]
fn multiprocessing_reprs_read_the_kernel_inside_print() {
    // A semaphore's repr asks the kernel for its value; print() runs it as a frame, so it
    // shows what CPython shows (the reprs fall back to "unknown" only inside %-formatting).
    let src = "
import multiprocessing as mp
s = mp.Semaphore(2)
print(s)
print(s.__repr__())
l = mp.Lock()
print(l)
l.acquire()
print(l)
";
    let r = run(src, &RunOptions::default());
    assert_eq!(r.exit_code, 0, "{}", r.stderr());
    assert_eq!(
        r.stdout(),
        "<Semaphore(value=2)>\n<Semaphore(value=2)>\n<Lock(owner=None)>\n<Lock(owner=MainProcess)>\n"
    );
}

#[test]
fn a_thread_woken_by_a_release_does_not_write_inside_the_wakers_print() {
    // CPython 3.11 (PYTHONUNBUFFERED=1, 200 runs): the woken thread wrote between the
    // waker's text and its newline in about a quarter of the runs; the cpython policy takes
    // the likelier side of that race, so the waker's line stays whole.
    let src = "import threading, time\n\
               l = threading.Lock()\n\
               l.acquire()\n\
               def f():\n    l.acquire()\n    print('T1 ready')\n\
               t = threading.Thread(target=f)\n\
               t.start()\n\
               time.sleep(0.01)\n\
               l.release()\n\
               print('T2 ready')\n\
               t.join()\n";
    for seed in 0..5 {
        let r = run(src, &opts(Policy::Cpython, seed));
        assert_eq!(r.stdout(), "T2 ready\nT1 ready\n", "seed {seed}");
    }
}

/// `--gil off` (free-threaded CPython): the threads of one process run at once on the cores.
#[test]
fn without_the_gil_cpu_bound_threads_use_the_cores() {
    let threads = "
import threading
def work():
    x = 0
    for i in range(20000):
        x += i
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
";
    let with_gil = run(threads, &RunOptions { cores: 4, ..RunOptions::default() });
    let without = run(threads, &RunOptions { cores: 4, gil: concsim::sim::Gil::Off, ..RunOptions::default() });
    assert_eq!((with_gil.exit_code, without.exit_code), (0, 0), "{}", without.stderr());
    // Four threads on four cores: close to 4 times faster (the main thread starts them one
    // after the other).
    assert!(
        without.elapsed_ns * 3 < with_gil.elapsed_ns,
        "without {} vs with {}",
        without.elapsed_ns,
        with_gil.elapsed_ns
    );
    // On one core there is nothing to run them on at once.
    let one_core = run(threads, &RunOptions { cores: 1, gil: concsim::sim::Gil::Off, ..RunOptions::default() });
    assert!(one_core.elapsed_ns * 10 > with_gil.elapsed_ns * 9, "{} vs {}", one_core.elapsed_ns, with_gil.elapsed_ns);
}

/// What stays atomic without the GIL is what free-threaded CPython keeps atomic: one
/// instruction on a builtin object (`list.append`), and what a lock guards; `x += 1` on a
/// global is a read, an add and a write, which another core's write can come between.
#[test]
fn without_the_gil_an_unlocked_increment_loses_updates_and_append_does_not() {
    let src = "
import threading
x = 0
y = 0
items = []
lock = threading.Lock()
def work():
    global x, y
    for i in range(5000):
        x += 1
        items.append(i)
        with lock:
            y += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(x, len(items), y)
";
    for seed in 0..3 {
        let on = run(src, &RunOptions { seed, cores: 2, ..RunOptions::default() });
        // CPython 3.11 switches threads only at calls and backward jumps: never inside `x += 1`.
        assert_eq!(on.stdout(), "10000 10000 10000\n");
        let off = run(src, &RunOptions { seed, cores: 2, gil: concsim::sim::Gil::Off, ..RunOptions::default() });
        let got: Vec<u64> = off.stdout().split_whitespace().map(|n| n.parse().unwrap()).collect();
        assert!(got[0] < 10000, "seed {seed}: no update lost: {got:?}");
        assert_eq!(&got[1..], [10000, 10000], "seed {seed}");
        // The same seed, the same run.
        let again = run(src, &RunOptions { seed, cores: 2, gil: concsim::sim::Gil::Off, ..RunOptions::default() });
        assert_eq!(again.stdout(), off.stdout());
    }
}
