//! Time travel (`concsim::sim::stepper`): stepping back is exact, manual choices are kept
//! through replay, and slices stop at their budget.

use concsim::run_source;
use concsim::scenarios;
use concsim::sim::stepper::{Budget, Stepper};

fn stepper(name: &str) -> Stepper {
    let s = scenarios::find(name).unwrap();
    Stepper::new(&s.file_name(), s.source, &s.options())
}

#[test]
fn stepping_back_gives_exactly_the_view_before_the_step() {
    for name in ["fork", "queue", "pool", "thread_local"] {
        let mut st = stepper(name);
        let mut views = vec![st.view()];
        while st.step(None) {
            views.push(st.view());
        }
        assert!(views.len() > 3, "{name}: {} views", views.len());
        assert!(st.is_over());
        // Back from the end is the moment before the run was found over: every slice run.
        st.back();
        assert!(!st.is_over(), "{name}: back from the end");
        assert_eq!(st.position(), views.len() as u64 - 1);
        assert!(st.view() == views[views.len() - 1], "{name}: back from the end differs");
        // Then back one decision at a time, to the start.
        for i in (0..views.len() - 1).rev() {
            st.back();
            assert_eq!(st.position(), i as u64);
            assert!(st.view() == views[i], "{name}: step back to {i} differs");
        }
        st.back();
        assert_eq!(st.position(), 0);
    }
}

#[test]
fn manual_choices_survive_a_step_back() {
    // In the lock scenario the main thread starts t1 and t2; pick the last runnable thread
    // whenever there is a choice, which is not what the CPython-like policy would do.
    let mut st = stepper("lock");
    let mut forced = 0;
    for _ in 0..20 {
        let ready = st.runnable();
        let pick = ready.last().copied();
        if ready.len() > 1 {
            forced += 1;
        }
        if !st.step(pick) {
            break;
        }
    }
    assert!(forced > 0, "never had a choice to make");
    assert!(!st.is_over());
    let before = st.view();
    let choices = st.choices().to_vec();
    assert!(st.step(None));
    st.back();
    let after = st.view();
    assert!(after == before, "{}\n{}", serde_json::to_string(&before).unwrap(), serde_json::to_string(&after).unwrap());
    assert_eq!(st.choices(), &choices[..]);
    // A fresh stepper following the same choices agrees.
    let mut again = stepper("lock");
    for c in &choices {
        again.step(*c);
    }
    assert!(again.view() == before);
}

#[test]
fn slices_stop_at_their_budget_and_reach_the_same_end() {
    let sc = scenarios::find("lock").unwrap();
    let expected = run_source(&sc.file_name(), sc.source, &sc.options());
    let mut st = stepper("lock");
    assert!(st.run_for(Budget { decisions: 3, instructions: u64::MAX }));
    assert_eq!(st.position(), 3);
    let mut slices = 1;
    while st.run_for(Budget { decisions: u64::MAX, instructions: 1_000_000 }) {
        slices += 1;
    }
    assert!(slices > 2, "{slices} slices");
    let v = st.view();
    assert_eq!(v.text_of(concsim::Stream::Stdout), expected.stdout());
    assert_eq!(v.step, expected.schedule.len() as u64);
    assert_eq!(st.position(), v.step);
}

/// The learner's first Step on `no_lock` runs the boot (`import time, threading`: library
/// code) through and lands on the program's own lines; stepping by line then reaches the
/// lost update's moment, where both workers hold the same loaded `balance`.
#[test]
fn learner_steps_skip_the_boot_and_show_the_lost_update() {
    use concsim::sim::frames::Origin;
    use concsim::sim::stepper::StepBy;
    let mut st = stepper("no_lock");
    assert!(st.step_by(StepBy::Line, false, None));
    let main = st.view().threads[0].clone();
    assert!(main.line.is_some_and(|l| l >= 4), "first step at {:?} after {} decisions", main.line, st.position());
    let mut found = None;
    for _ in 0..5_000 {
        if !st.step_by(StepBy::Line, false, None) {
            break;
        }
        let v = st.view();
        let loaded: Vec<(u32, String)> = v
            .threads
            .iter()
            .filter_map(|t| {
                let f = t.frames.last()?;
                let held =
                    f.stack.iter().find(|i| i.origin == Origin::Loaded && i.expr.as_deref() == Some("balance"))?;
                (f.function == "change_it").then(|| (t.tid, held.repr.clone()))
            })
            .collect();
        if loaded.len() == 2 && loaded[0].1 == loaded[1].1 {
            found = Some(st.position());
            break;
        }
    }
    let at = found.expect("both workers never held the same loaded balance");
    // Back by line goes to an earlier stop, forwards by line comes back to the same place.
    st.back_by(StepBy::Line, false);
    let back = st.position();
    assert!(back < at, "back from {at} went to {back}");
    while st.position() < at {
        assert!(st.step_by(StepBy::Line, false, None));
    }
    assert_eq!(st.position(), at, "forward stops are the ones back_by replays");
}

/// Each kind of learner's step is at least one decision, and stepping back by it never
/// moves forwards.
#[test]
fn every_step_kind_moves_and_comes_back() {
    use concsim::sim::stepper::StepBy;
    for by in StepBy::ALL {
        for library in [false, true] {
            let mut st = stepper("lock");
            let mut places = vec![st.place()];
            for _ in 0..6 {
                if !st.step_by(by, library, None) {
                    break;
                }
                assert!(st.place() > *places.last().unwrap(), "{by:?} did not move");
                places.push(st.place());
            }
            let end = st.place();
            let over = st.is_over();
            st.back_by(by, library);
            // (From the end of the run — a program with no asyncio task steps to its end by
            // task switch — back is the moment before it was found over, every decision taken.)
            assert!(st.place() < end || (over && !st.is_over()), "{by:?} back from {end:?} stayed at {:?}", st.place());
        }
    }
}

/// A slice paused instruction by instruction (the cpython policy's long slices) runs exactly
/// as a whole one: same schedule, trace and output, whatever mix of units reaches the end.
#[test]
fn pausing_slices_never_changes_the_run() {
    for name in ["lock", "no_lock", "queue", "fork", "thread_local"] {
        let sc = scenarios::find(name).unwrap();
        let mut opts = sc.options();
        opts.policy = concsim::sim::Policy::Cpython;
        let mut whole = Stepper::new(&sc.file_name(), sc.source, &opts);
        while whole.step(None) {}
        let mut parts = Stepper::new(&sc.file_name(), sc.source, &opts);
        let mut paused_at_least_once = false;
        for i in 0u64.. {
            // Mostly single instructions early on, then whole decisions to get through.
            let went = if i < 20_000 && i % 97 != 0 { parts.step_instruction(None) } else { parts.step(None) };
            paused_at_least_once |= parts.place().1 > 0;
            if !went {
                break;
            }
        }
        assert!(paused_at_least_once, "{name}: no slice was ever paused");
        assert_eq!(parts.trace(), whole.trace(), "{name}: the traces differ");
        assert!(parts.view() == whole.view(), "{name}: the final views differ");
    }
}

/// Back one instruction is exactly the place one instruction earlier, inside a slice and
/// across a decision's end.
#[test]
fn stepping_back_one_instruction_is_exact() {
    // A producer and a consumer that block at every item: many short slices.
    let source = "import threading, queue\nq = queue.Queue(maxsize=1)\n\
        def producer():\n    for i in range(300):\n        q.put(i)\n\
        def consumer():\n    print(sum(q.get() for _ in range(300)))\n\
        ts = [threading.Thread(target=f) for f in (producer, consumer)]\n\
        for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n";
    let opts = concsim::RunOptions { policy: concsim::sim::Policy::Cpython, ..Default::default() };
    assert_eq!(run_source("pc.py", source, &opts).stdout(), "44850\n");
    let mut st = Stepper::new("pc.py", source, &opts);
    let mut history = Vec::new();
    let mut crossed = 0;
    for i in 0..20_000 {
        let before = st.place();
        if !st.step_instruction(None) {
            break;
        }
        if i >= 19_000 {
            crossed += usize::from(st.place().0 > before.0);
            history.push((st.place(), st.view()));
        }
    }
    assert!(crossed > 2, "only {crossed} decisions ended in the last 1,000 instructions");
    for i in (0..history.len() - 1).rev() {
        st.back_instruction();
        assert_eq!(st.place(), history[i].0, "back to {i}");
        assert!(st.view() == history[i].1, "the view back at {i} differs");
    }
}

/// Under the cpython policy a step by line moves a few instructions, not a whole slice:
/// consecutive stops on the program's lines are each at most a line apart.
#[test]
fn stepping_by_line_under_cpython_stops_at_each_line() {
    use concsim::sim::stepper::StepBy;
    let sc = scenarios::find("no_lock").unwrap();
    let mut opts = sc.options();
    opts.policy = concsim::sim::Policy::Cpython;
    let mut st = Stepper::new(&sc.file_name(), sc.source, &opts);
    let mut lines = Vec::new();
    for _ in 0..60 {
        assert!(st.step_by(StepBy::Line, false, None));
        lines.push(st.view().threads.iter().filter_map(|t| t.line).collect::<Vec<_>>());
    }
    let moved = lines.windows(2).filter(|w| w[0] != w[1]).count();
    assert!(moved >= 55, "{moved} of 59 line steps changed a line: {lines:?}");
    assert!(st.place().1 > 0 || st.position() < 2_000, "stops are inside slices: {:?}", st.place());
}

/// A frozen thread does not run while another can, a solo thread runs alone until it cannot,
/// and replay (stepping back) keeps the freezes where they were taken.
#[test]
fn frozen_threads_wait_and_replay_keeps_them() {
    let source = "import threading\n\
        def work(name):\n    for i in range(3):\n        print(name, i)\n\
        ts = [threading.Thread(target=work, args=(n,)) for n in 'ab']\n\
        for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n";
    let opts = concsim::RunOptions { policy: concsim::sim::Policy::PreemptAny, ..Default::default() };
    let mut st = Stepper::new("f.py", source, &opts);
    // Until the first worker exists (it has not run yet).
    while st.view().threads.len() < 2 {
        assert!(st.step(None));
    }
    let a = st.view().threads[1].tid;
    st.set_frozen(vec![a]);
    assert_eq!(st.frozen(), vec![a]);
    let frozen_at = st.position();
    while st.step(None) {}
    let out = st.view().text_of(concsim::Stream::Stdout);
    assert_eq!(out, "b 0\nb 1\nb 2\na 0\na 1\na 2\n", "the frozen worker ran only once the other had ended");
    // Back to just after the freeze: the same run from there.
    let end_trace = st.trace().to_vec();
    st.seek(frozen_at as usize + 1);
    assert_eq!(st.frozen(), vec![a]);
    while st.step(None) {}
    assert_eq!(st.trace(), &end_trace[..]);
    // A moment (what a shared link carries) reopens the same place: decisions, freezes, and
    // instructions into a paused slice.
    st.seek(frozen_at as usize + 3);
    for _ in 0..2 {
        st.step_by(concsim::sim::stepper::StepBy::Instruction, true, None);
    }
    let moment = st.moment();
    let mut other = Stepper::new("f.py", source, &opts);
    other.go_to(moment.clone());
    assert_eq!((other.place(), other.frozen(), other.trace()), (st.place(), st.frozen(), st.trace()));
    assert_eq!(other.moment(), moment);
    // Under the cpython policy a step by line pauses a slice: the moment carries it.
    let cpy = concsim::RunOptions { policy: concsim::sim::Policy::Cpython, ..Default::default() };
    let mut st = Stepper::new("f.py", source, &cpy);
    while st.view().threads.len() < 2 {
        assert!(st.step_by(concsim::sim::stepper::StepBy::Line, true, None));
    }
    st.set_frozen(vec![2]);
    // Until a line step stops inside a slice (where depends on the preludes' lengths).
    for _ in 0..200 {
        st.step_by(concsim::sim::stepper::StepBy::Line, true, None);
        if st.place().1 > 0 {
            break;
        }
    }
    assert!(st.place().1 > 0, "a slice is paused: {:?}", st.place());
    let mut other = Stepper::new("f.py", source, &cpy);
    other.go_to(st.moment());
    assert_eq!((other.place(), other.frozen(), other.trace()), (st.place(), st.frozen(), st.trace()));
    // Unfrozen, the run interleaves the workers (preempt-any gives slices of one instruction).
    let mut free = Stepper::new("f.py", source, &opts);
    while free.step(None) {}
    assert_ne!(free.view().text_of(concsim::Stream::Stdout), out);
}

/// The page's runs offer every asyncio task choice (`RunOptions::task_choices`): that changes
/// no scenario's output; each task's step is a slice named by a `task` event (a lane of its
/// own on the timeline); stepping by task switch stops each time another task runs; and a
/// manual choice runs the ready task picked.
#[test]
fn asyncio_task_choices_as_the_page_offers_them() {
    use concsim::sim::stepper::StepBy;
    use concsim::sim::timeline::Timeline;
    use concsim::sim::{as_task_choice, run_hosts, RunOptions, Stream};
    use concsim::trace::EventKind;
    let offered = |s: &scenarios::Scenario| RunOptions { task_choices: true, ..s.options() };
    let mut asyncio = 0;
    for s in scenarios::all().iter().filter(|s| s.source.contains("import asyncio")) {
        asyncio += 1;
        let plain = run_hosts(&s.programs(), &s.options());
        let page = run_hosts(&s.programs(), &offered(s));
        assert_eq!(page.stdout(), plain.stdout(), "{}: the page's run prints what the CLI's does", s.name);
        assert_eq!(page.exit_code, plain.exit_code, "{}", s.name);
        assert!(page.trace.iter().any(|e| matches!(e.kind, EventKind::Task { .. })), "{}: no task event", s.name);
        assert!(!plain.trace.iter().any(|e| matches!(e.kind, EventKind::Task { .. })), "{}", s.name);
    }
    assert!(asyncio >= 4, "{asyncio} asyncio scenarios");

    let s = scenarios::find("asyncio_gather").unwrap();
    let last_task = |st: &Stepper| {
        st.trace().iter().rev().find_map(|e| match &e.kind {
            EventKind::Task { name } => Some(name.clone()),
            _ => None,
        })
    };
    let mut st = Stepper::new_hosts(s.programs(), &offered(s));
    let mut seen: Vec<String> = Vec::new();
    while st.step_by(StepBy::Task, false, None) && !st.is_over() {
        let t = last_task(&st).expect("a task ran");
        assert_ne!(seen.last(), Some(&t), "a step by task switch ran {t} again: {seen:?}");
        seen.push(t);
    }
    for t in ["Task-1", "Task-2", "Task-3"] {
        assert!(seen.iter().any(|s| s == t), "{t} not among {seen:?}");
    }
    let mut tl = Timeline::default();
    tl.ingest(st.trace(), st.choices());
    // main, gather's c and d, then asyncio.run's own shutdown steps.
    let names: Vec<&str> = tl.lanes[0].tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names[..3], ["Task-1", "Task-2", "Task-3"]);
    assert!(tl.lanes[0].tasks.iter().all(|t| !t.slices.is_empty()));

    // Manual mode: where the loop takes one of gather's two ready tasks, pick the second.
    let mut st = Stepper::new_hosts(s.programs(), &offered(s));
    let console = |st: &Stepper| -> String {
        st.view().console.iter().filter(|c| c.stream == Stream::Stdout).map(|c| c.text.as_str()).collect()
    };
    loop {
        let choices: Vec<u32> = st.runnable().into_iter().filter(|&d| as_task_choice(d).is_some()).collect();
        if choices.len() == 2 {
            assert!(st.step(Some(choices[1])));
            break;
        }
        assert!(st.step(None), "the loop never offered two tasks");
    }
    assert_eq!(last_task(&st).as_deref(), Some("Task-3"));
    // The decision recorded is the choice (`sim::task_choice`); the view names its thread.
    assert!(as_task_choice(st.choices().last().copied().flatten().unwrap()).is_some());
    assert!(!console(&st).contains("c: start"));
    while st.step(None) {}
    assert!(console(&st).contains("d: start\nc: start\n"), "{}", console(&st));
    // Stepping back replays the choice.
    st.back();
    st.step(None);
    assert!(console(&st).contains("d: start\nc: start\n"));
}
