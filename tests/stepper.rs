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
        // Back from the end, one decision at a time, to the start.
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
