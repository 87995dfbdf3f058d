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
