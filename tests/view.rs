//! The view model (`concsim::sim::view`) read while stepping built-in scenarios: what the
//! page draws must say what the machine did, and looking must not change the run.

use concsim::scenarios;
use concsim::sim::view::{ThreadStatus, View};
use concsim::sim::{run_hosts, Session};
use concsim::{run_source, trace, RunOptions};

fn session(name: &str, opts: &RunOptions) -> Session {
    let s = scenarios::find(name).unwrap_or_else(|| panic!("no scenario {name}"));
    Session::new_hosts(&s.programs(), opts)
}

/// Steps `name` with its default options to the end, calling `look` on the view after
/// every decision; returns the last view.
fn step_through(name: &str, mut look: impl FnMut(&View)) -> View {
    let opts = scenarios::find(name).unwrap().options();
    let mut s = session(name, &opts);
    while s.step(None) {
        look(&s.view());
    }
    s.view()
}

#[test]
fn looking_and_asking_who_may_run_never_change_a_run() {
    for sc in scenarios::all() {
        let opts = sc.options();
        let expected = run_hosts(&sc.programs(), &opts);
        let mut s = Session::new_hosts(&sc.programs(), &opts);
        let mut decisions = 0u64;
        loop {
            // The page asks who may run at every step, but draws at most once a frame.
            let _ = s.machine_mut().runnable();
            if decisions < 5_000 || decisions.is_multiple_of(101) {
                let _ = s.view();
            }
            decisions += 1;
            if !s.step(None) {
                break;
            }
        }
        let got = s.finish();
        assert_eq!(got.stdout(), expected.stdout(), "{}", sc.name);
        assert_eq!(trace::to_jsonl(&got.trace), trace::to_jsonl(&expected.trace), "{}", sc.name);
    }
}

#[test]
fn a_fork_shows_two_processes_and_the_childs_diverging_copy() {
    let end = step_through("fork", |_| {});
    assert_eq!(end.processes.len(), 2);
    let (parent, child) = (&end.processes[0], &end.processes[1]);
    assert_eq!((parent.pid, parent.ppid), (1000, 999));
    assert_eq!((child.pid, child.parent), (1001, 1000));
    // The parent ended first (it goes on while the child is set up): init adopted the child.
    assert_eq!(child.ppid, 1);
    assert_eq!(parent.exit_code, Some(0));
    assert_eq!(child.exit_code, Some(0));
    let pid_of = |p: &concsim::sim::view::ProcView| {
        p.globals.iter().find(|v| v.name == "pid").map(|v| v.repr.clone()).expect("global pid")
    };
    assert_eq!(pid_of(parent), "1001");
    assert_eq!(pid_of(child), "0");
    // `os` is a module: memory shows data, not imports.
    assert!(parent.globals.iter().all(|v| v.name != "os"));
    assert!(end.stop.is_some());
    assert_eq!(
        end.text_of(concsim::Stream::Stdout),
        run_source("fork.py", scenarios::find("fork").unwrap().source, &RunOptions::default()).stdout()
    );
}

#[test]
fn a_contended_lock_shows_its_owner_and_the_blocked_waiter() {
    let mut seen = false;
    step_through("lock", |v| {
        for t in &v.threads {
            if let ThreadStatus::Blocked { holder: Some(h), reason, .. } = &t.state {
                if !reason.starts_with("lock#") {
                    continue;
                }
                let lock = v.locks.iter().find(|l| l.name.as_deref() == Some("lock")).expect("the global lock");
                assert_eq!(lock.owner, Some(*h), "{reason}");
                assert!(lock.waiters.contains(&t.tid), "{:?}", lock);
                assert_ne!(t.tid, *h);
                seen = true;
            }
        }
        // One GIL per process: at most one running thread in the process.
        assert!(v.threads.iter().filter(|t| t.state == ThreadStatus::Running).count() <= 1);
    });
    assert!(seen, "no step showed a thread blocked on the lock");
}

#[test]
fn queue_items_and_thread_locals_are_visible() {
    let mut items_seen = Vec::new();
    step_through("queue", |v| {
        for c in &v.channels {
            for i in &c.items {
                if !items_seen.contains(i) {
                    items_seen.push(i.clone());
                }
            }
        }
    });
    assert_eq!(items_seen, ["'A'", "'B'", "'C'"]);
    let end = step_through("queue", |_| {});
    let q = end.processes[0].globals.iter().find(|v| v.name == "q").expect("global q");
    assert_eq!(q.repr, "<Queue queue#0>");

    let mut locals_seen = Vec::new();
    step_through("thread_local", |v| {
        for t in &v.threads {
            for l in &t.locals {
                let entry = (t.name.clone(), l.name.clone(), l.repr.clone());
                if !locals_seen.contains(&entry) {
                    locals_seen.push(entry);
                }
            }
        }
    });
    assert!(locals_seen.contains(&("Thread-A".into(), "local_school.student".into(), "'Alice'".into())));
    assert!(locals_seen.contains(&("Thread-B".into(), "local_school.student".into(), "'Bob'".into())));
}

#[test]
fn a_thread_blocked_on_the_lock_is_shown_at_its_acquire_line() {
    let src = scenarios::find("lock").unwrap().source;
    let acquire = src.lines().position(|l| l.trim() == "lock.acquire()").unwrap() as u32 + 1;
    let mut seen = 0;
    step_through("lock", |v| {
        for t in &v.threads {
            if matches!(&t.state, ThreadStatus::Blocked { reason, .. } if reason.starts_with("lock#")) {
                assert_eq!(t.line, Some(acquire), "{t:?}");
                seen += 1;
            }
        }
    });
    assert!(seen > 0);
}

#[test]
fn a_compile_error_is_a_finished_view_with_the_message() {
    let s = Session::new("bad.py", "x = (\n", &RunOptions::default());
    let v = s.view();
    assert!(v.stop.is_some());
    assert!(v.text_of(concsim::Stream::Stderr).contains("SyntaxError"), "{:?}", v.console);
}

#[test]
fn a_multi_host_console_tags_each_line_with_its_host_like_the_cli() {
    let last = step_through("distributed", |_| {});
    let stdout = last.text_of(concsim::Stream::Stdout);
    assert!(stdout.starts_with("[master] Put task "), "{stdout}");
    assert!(stdout.contains("[worker] Connect to server master...\n"), "{stdout}");
    assert!(stdout.ends_with("[master] master exit.\n"), "{stdout}");
    assert!(stdout.lines().all(|l| l.starts_with("[master] ") || l.starts_with("[worker] ")), "{stdout}");
    // Both hosts' processes are in the view: host 1's pids start at 2000.
    assert!(
        last.processes.iter().any(|p| p.pid == 2000),
        "{:?}",
        last.processes.iter().map(|p| p.pid).collect::<Vec<_>>()
    );
}

#[test]
fn the_pool_view_shows_workers_their_tasks_and_what_waits() {
    let (mut most_busy, mut most_waiting, mut saw_pool) = (0, 0, false);
    let last = step_through("pool3", |v| {
        for p in &v.pools {
            saw_pool = true;
            assert_eq!(p.pid, 1000);
            assert_eq!(p.size, 3);
            assert!(p.workers.len() <= 3);
            for w in &p.workers {
                assert!(w.name.starts_with("ForkPoolWorker-"), "{w:?}");
                if let Some(t) = &w.task {
                    assert!(t.starts_with("long_time_task(") || t.contains('('), "{t}");
                }
            }
            let busy = p.workers.iter().filter(|w| w.task.is_some()).count();
            most_busy = most_busy.max(busy);
            let queued = p.inqueue.and_then(|id| v.channels.iter().find(|c| c.id == id)).map_or(0, |c| c.items.len());
            most_waiting = most_waiting.max(queued + p.waiting.len());
            assert!(p.inqueue.is_some() && p.outqueue.is_some() && p.inqueue != p.outqueue);
        }
    });
    assert!(saw_pool);
    assert_eq!(most_busy, 3, "three workers busy at once");
    assert!(most_waiting >= 1, "the fourth task waits");
    assert!(last.pools.is_empty(), "the pool is gone at the end: {:?}", last.pools);
}

/// Steps a program given as source to its end, calling `look` after every decision.
fn step_source(source: &str, mut look: impl FnMut(&View)) -> View {
    let mut s = Session::new("prog.py", source, &RunOptions::default());
    while s.step(None) {
        look(&s.view());
    }
    s.view()
}

#[test]
fn the_executor_view_shows_both_kinds_their_workers_and_what_waits() {
    let (mut kinds, mut most_busy, mut most_waiting) = (Vec::new(), [0usize; 2], [0usize; 2]);
    let last = step_through("executors", |v| {
        for e in &v.executors {
            assert_eq!((e.pid, e.max_workers), (1000, 2), "{e:?}");
            assert!(e.workers.len() <= 2, "{e:?}");
            let k = usize::from(e.kind == "ProcessPoolExecutor");
            if !kinds.contains(&e.kind) {
                kinds.push(e.kind.clone());
            }
            for w in &e.workers {
                match k {
                    0 => assert!(w.name.starts_with("ThreadPoolExecutor-") && w.pid == 1000, "{w:?}"),
                    _ => assert!(w.name.starts_with("ForkProcess-") && w.pid > 1000, "{w:?}"),
                }
                if let Some(t) = &w.task {
                    assert_eq!(t, "burn(400000)");
                }
            }
            for t in &e.waiting {
                assert_eq!(t, "burn(400000)");
            }
            most_busy[k] = most_busy[k].max(e.workers.iter().filter(|w| w.task.is_some()).count());
            most_waiting[k] = most_waiting[k].max(e.waiting.len());
            if k == 0 {
                assert!(e.call_queue.is_none() && e.result_queue.is_none());
            }
        }
    });
    assert_eq!(kinds, ["ThreadPoolExecutor", "ProcessPoolExecutor"]);
    assert_eq!(most_busy, [2, 2], "both workers of each executor busy at once");
    assert!(most_waiting[0] >= 1, "tasks wait for a thread worker: {most_waiting:?}");
    assert!(last.executors.iter().all(|e| e.shut_down), "{:?}", last.executors);
}

#[test]
fn the_manager_view_shows_the_server_its_objects_and_the_calls_it_serves() {
    let source = "\
from multiprocessing import Manager, Process

def work(d, ns, i):
    d[i] = i * i
    ns.total += i

if __name__ == '__main__':
    with Manager() as m:
        d = m.dict()
        ns = m.Namespace(total=0)
        ps = [Process(target=work, args=(d, ns, i)) for i in range(2)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(sorted(d.items()), ns.total)
";
    let (mut saw, mut calls, mut objects) = (false, Vec::new(), Vec::new());
    let last = step_source(source, |v| {
        for mv in &v.managers {
            saw = true;
            assert_eq!(mv.pid, 1001, "the manager's server is the first child");
            assert!(mv.address.contains(':'), "{}", mv.address);
            for s in &mv.serving {
                if let Some(c) = &s.call {
                    if !calls.contains(c) {
                        calls.push(c.clone());
                    }
                }
            }
            for o in &mv.objects {
                if !objects.contains(&o.repr) {
                    objects.push(o.repr.clone());
                }
            }
        }
    });
    assert!(saw);
    assert!(calls.iter().any(|c| c.ends_with(".__setitem__")), "{calls:?}");
    assert!(objects.iter().any(|o| o == "{0: 0, 1: 1}" || o == "{1: 1, 0: 0}"), "{objects:?}");
    assert!(objects.iter().any(|o| o == "Namespace(total=1)"), "{objects:?}");
    assert_eq!(last.text_of(concsim::sim::Stream::Stdout), "[(0, 0), (1, 1)] 1\n");
}

#[test]
fn the_signal_view_shows_handlers_pending_signals_and_the_alarm() {
    let source = "\
import os, signal, time

def on_usr1(signum, frame):
    print('got', signum)

signal.signal(signal.SIGUSR1, on_usr1)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.alarm(5)
os.kill(os.getpid(), signal.SIGUSR1)
time.sleep(0.01)
signal.alarm(0)
";
    let (mut saw_pending, mut saw_alarm, mut handlers) = (false, false, Vec::new());
    let last = step_source(source, |v| {
        for s in &v.signals {
            assert_eq!(s.pid, 1000);
            saw_pending |= s.pending == ["SIGUSR1"];
            saw_alarm |= s.alarm_at_ns.is_some_and(|t| t >= 5_000_000_000);
            handlers = s.handlers.clone();
        }
    });
    assert!(saw_pending && saw_alarm, "pending {saw_pending}, alarm {saw_alarm}");
    assert_eq!(
        handlers,
        [("SIGUSR1".to_string(), "on_usr1".to_string()), ("SIGTERM".to_string(), "SIG_IGN".to_string())]
    );
    assert!(last.signals.is_empty(), "an exited process has no signal state");
}

#[test]
fn the_files_view_shows_each_hosts_files_as_they_are_written() {
    let source = "\
import os, time
with open('/tmp/log.txt', 'w') as f:
    f.write('first line\\n')
    time.sleep(0.001)
    f.write('second line\\n')
    time.sleep(0.001)
with open('/tmp/data.bin', 'wb') as f:
    f.write(bytes(range(250, 256)))
os.remove('/tmp/log.txt')
";
    let mut seen = Vec::new();
    let last = step_source(source, |v| {
        for f in &v.files {
            let s = format!("{} {} {}", f.path, f.size, f.start);
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
    });
    assert!(seen.contains(&"/tmp/log.txt 11 'first line\\n'".to_string()), "{seen:?}");
    assert!(seen.contains(&"/tmp/log.txt 23 'first line\\nsecond line\\n'".to_string()), "{seen:?}");
    let files: Vec<String> =
        last.files.iter().map(|f| format!("{}:{} {} {}", f.host, f.path, f.start, f.written)).collect();
    assert_eq!(files, ["localhost:/tmp/data.bin b'\\xfa\\xfb\\xfc\\xfd\\xfe\\xff' true"]);
}

#[test]
fn the_event_loop_view_shows_tasks_what_they_await_and_the_timers() {
    let (mut awaits, mut ready_steps, mut timer_seen, mut states) = (Vec::new(), false, false, Vec::new());
    let last = step_through("asyncio_queue", |v| {
        for lp in &v.event_loops {
            assert_eq!(lp.pid, 1000);
            ready_steps |= lp.ready.iter().any(|r| r.starts_with("step "));
            timer_seen |= !lp.timers.is_empty();
            for t in &lp.tasks {
                if let Some(a) = &t.awaits {
                    let a = format!("{} {}", t.name, a);
                    if !awaits.contains(&a) {
                        awaits.push(a);
                    }
                }
                let s = format!("{} {}", t.name, t.state);
                if !states.contains(&s) {
                    states.push(s);
                }
            }
        }
    });
    // (The ready queue is empty at every decision: the loop's thread blocks only when it has
    // nothing ready; the page shows it when stepping by line.)
    assert!(timer_seen && !ready_steps);
    for expected in ["Task-1 gather of 2", "Task-1 Queue.join()", "producer-0 sleep until 0.100 s"] {
        assert!(awaits.iter().any(|a| a == expected), "{expected} in {awaits:?}");
    }
    assert!(awaits.iter().any(|a| a.ends_with(" Queue.put()")), "a producer waits for room: {awaits:?}");
    assert!(states.contains(&"producer-0 done".to_string()), "{states:?}");
    assert!(last.event_loops.is_empty(), "the process has exited: {:?}", last.event_loops);
}

/// The page fetches a standard-library module no scenario imports only when a program
/// imports it (`vm::modules`' on-demand preludes): no built-in scenario may need one, since
/// the wasm parity test runs them without the page's loader.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn no_scenario_imports_a_module_fetched_on_demand() {
    concsim::vm::modules::take_on_demand_loaded();
    for sc in scenarios::all() {
        run_hosts(&sc.programs(), &sc.options());
        let loaded = concsim::vm::modules::take_on_demand_loaded();
        assert!(loaded.is_empty(), "scenario {} imports {loaded:?}: embed them (prelude!, not on_demand!)", sc.name);
    }
}
