//! The levels (`levels/levels.json`, `concsim::levels`) solved by the schedule search: a break
//! level's stored par must be the fewest preemptions the search needs to reach its target, a
//! fix level's program must reach a forbidden outcome and its reference fix none over an
//! exhaustive search, and a predict level's stored answer must be the search's set of
//! outcomes. A mismatch prints the computed value, so the data is corrected from the search,
//! never typed in.
#![cfg(not(target_arch = "wasm32"))]

use concsim::explore::{Budget, Progress};
use concsim::levels::{self, Kind, Level};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// Each level's searches stop after this long (the whole test stays well under a minute).
const PER_LEVEL: Duration = Duration::from_secs(20);

fn clock() -> Box<Budget<'static>> {
    let start = Instant::now();
    Box::new(move |_: &Progress| (start.elapsed() >= PER_LEVEL).then(|| "the test's time limit".to_string()))
}

/// What is wrong with one level, if anything.
fn solve(level: &Level, program: &str, fix: Option<&str>) -> Result<String, String> {
    let mut budget = clock();
    match level.kind {
        Kind::Break => {
            let Some((par, o)) = levels::par(level, program, 8, &mut budget) else {
                return Err("the search does not reach the target within 8 preemptions".into());
            };
            if level.par != Some(par) {
                return Err(format!("par is {par} (outcome {}), stored {:?}", levels::outcome_label(&o), level.par));
            }
            if par == 0 {
                // The schedule without preemptions is the one a run takes by itself.
                return Err("the target is reached without a preemption: nothing to break".into());
            }
            if fix.is_some() {
                return Err("a break level has no .fix.py".into());
            }
            Ok(format!("par {par}"))
        }
        Kind::Fix => {
            let fix = fix.ok_or("a fix level needs its reference fix, levels/ID.fix.py")?;
            if fix == program {
                return Err("the reference fix is the program itself".into());
            }
            let before = levels::check_fix(level, program, &mut budget);
            if before.histogram.forbidden() == 0 {
                return Err(format!("the program has no forbidden outcome: {}", before.histogram.sentence(false)));
            }
            let after = levels::check_fix(level, fix, &mut budget);
            if !after.fixed {
                return Err(format!("the reference fix does not fix it: {}", after.histogram.sentence(false)));
            }
            Ok(format!("{} → {}", before.histogram.sentence(false), after.histogram.sentence(false)))
        }
        Kind::Predict => {
            let report = levels::explore(level, program, &level.explore_options(), &mut budget);
            if !report.exhaustive {
                return Err(format!("the search was not exhaustive ({:?})", report.bounded_by));
            }
            let got = levels::labels(&report);
            let stored: BTreeSet<String> = level.answer.iter().cloned().collect();
            if got != stored {
                return Err(format!("the answer is {:?}, stored {:?}", got, level.answer));
            }
            let choices: BTreeSet<String> = level.choices.iter().cloned().collect();
            if !got.is_subset(&choices) {
                return Err(format!("choices {:?} lack an answer of {got:?}", level.choices));
            }
            if choices.len() <= got.len() {
                return Err("every choice is an answer: offer an impossible one too".into());
            }
            Ok(format!("answer {got:?}"))
        }
    }
}

#[test]
fn every_level_is_solved_by_the_search() {
    let all = levels::builtin();
    let mut failures = Vec::new();
    for (level, program, fix) in &all {
        let start = Instant::now();
        let verdict = solve(level, program, *fix);
        eprintln!(
            "{:<22} {:>6.2} s  {}",
            level.id,
            start.elapsed().as_secs_f64(),
            match &verdict {
                Ok(s) => s.clone(),
                Err(e) => format!("FAILS: {e}"),
            }
        );
        if let Err(e) = verdict {
            failures.push(format!("{}: {e}", level.id));
        }
    }
    assert!(failures.is_empty(), "{} level(s) disagree with the search:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_levels_cover_the_issue() {
    let all = levels::builtin();
    assert!(all.len() >= 30, "{} levels", all.len());
    let primitives: BTreeSet<&str> =
        all.iter().map(|(l, _, _)| l.primitive.as_str()).filter(|p| *p != "Thread").collect();
    assert!(primitives.len() >= 10, "{primitives:?}");
    for kind in [Kind::Break, Kind::Fix, Kind::Predict] {
        assert!(all.iter().any(|(l, _, _)| l.kind == kind), "no {kind:?} level");
    }
    let mut ids = BTreeSet::new();
    for (l, _, fix) in &all {
        assert!(ids.insert(l.id.clone()), "{} twice", l.id);
        for t in [&l.title, &l.story, &l.goal].into_iter().chain(l.hint.as_ref()) {
            assert!(!t.en.trim().is_empty() && !t.zh.trim().is_empty(), "{}: a text lacks a language", l.id);
        }
        match l.kind {
            Kind::Break => assert!(l.target.is_some() && l.par.is_some(), "{}: target and par", l.id),
            Kind::Fix => assert!(l.expect.is_some() && fix.is_some(), "{}: expect and its .fix.py", l.id),
            Kind::Predict => assert!(!l.choices.is_empty(), "{}: choices", l.id),
        }
    }
    // Every file of levels/ belongs to a level.
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/levels")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == "levels.json" {
            continue;
        }
        let id = name.trim_end_matches(".py").trim_end_matches(".fix");
        assert!(ids.contains(id), "levels/{name} belongs to no level");
    }
    // The page's header counts the levels without fetching them.
    assert_eq!(levels::COUNT, all.len(), "levels::COUNT (programs in levels/) against the manifest");
}

fn concsim(args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_concsim")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_level_command_lists_shows_and_checks_a_fix() {
    let (code, list) = concsim(&["level"]);
    assert_eq!(code, 0);
    assert!(list.lines().count() >= 30 && list.contains("11_fix_lost_update"), "{list}");
    let (code, shown) = concsim(&["level", "11", "--zh"]);
    assert_eq!(code, 0);
    assert!(shown.contains("目标") && shown.contains("balance = balance + n"), "{shown}");
    // A learner's fix that still loses updates, then the reference fix.
    let dir = std::env::temp_dir().join(format!("concsim-levels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wrong = dir.join("wrong.py");
    let program =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/levels/11_fix_lost_update.py")).unwrap();
    std::fs::write(&wrong, program.replace("balance = balance - n", "balance -= n")).unwrap();
    let (code, out) = concsim(&["level", "11_fix_lost_update", "--check", wrong.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("NOT FIXED") && out.contains("FORBIDDEN"), "{out}");
    let (code, out) = concsim(&["level", "11", "--check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("→ forbidden outcome in 0 of") && out.ends_with("FIXED\n"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The page plays a break level on an exploring stepper (`Stepper::exploring`): each
/// decision of the search's par schedule is one choice there, ending at the same instruction,
/// and the run then ends as the target says. Without it a cpython level's schedule could not
/// be played: a chosen thread ran a whole switch interval, past the eval-breaker point where
/// 08_gil_call's par schedule switches.
#[test]
fn every_break_level_par_schedule_is_played_by_choices_as_on_the_page() {
    use concsim::sim::stepper::Stepper;
    use concsim::sim::{RunOptions, Stream};
    for (level, program, _) in levels::builtin().iter().filter(|(l, _, _)| l.kind == Kind::Break) {
        let (_, outcome) = levels::par(level, program, 8, &mut clock()).expect("par");
        // The page's options: its first scenario's (seed 0, 4 cores, line-buffered) with the
        // level's policy.
        let opts = RunOptions { policy: level.policy, ..RunOptions::default() };
        let mut st = Stepper::new(&level.file_name(), program, &opts).exploring();
        let mut total = 0;
        for (k, d) in outcome.schedule.decisions.iter().enumerate() {
            total += u64::from(d.steps);
            assert!(st.runnable().contains(&d.tid), "{}: decision {k}: T{} is not offered", level.id, d.tid);
            assert!(st.step(Some(d.tid)), "{}: decision {k}: the run ended", level.id);
            assert_eq!(st.view().instructions, total, "{}: decision {k} (T{}) ends elsewhere", level.id, d.tid);
        }
        // The step after the last decision finds how the run ended.
        while !st.is_over() && st.step(None) {}
        let view = st.view();
        let text =
            |s: Stream| view.console.iter().filter(|c| c.stream == s).map(|c| c.text.as_str()).collect::<String>();
        let (stdout, stderr) = (text(Stream::Stdout), text(Stream::Stderr));
        let kind = concsim::explore::kind_of(view.stop.as_ref().expect("over"), &stderr);
        assert!(
            level.target.as_ref().unwrap().matches_run(kind, &stdout, &stderr),
            "{}: ended {kind:?}: {stdout}{stderr}",
            level.id
        );
        // A plain stepper (the page before) cannot play 08_gil_call's schedule.
        if level.id == "08_gil_call" {
            let mut plain = Stepper::new(&level.file_name(), program, &opts);
            let played =
                outcome.schedule.decisions.iter().all(|d| {
                    plain.runnable().contains(&d.tid) && plain.step(Some(d.tid)) && plain.view().instructions > 0
                }) && {
                    let v = plain.view();
                    v.instructions == outcome.schedule.decisions.iter().map(|d| u64::from(d.steps)).sum::<u64>()
                };
            assert!(!played, "08_gil_call: a stepper that does not explore plays the schedule too");
        }
    }
}

/// `level ID --check --json`, which the page's end-to-end test solves every level by.
#[test]
fn the_level_command_prints_its_verdict_as_json() {
    let json = |id: &str, extra: &[&str]| {
        let (code, out) = concsim(&[&["level", id, "--check", "--json"], extra].concat());
        assert_eq!(code, 0, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        assert_eq!(v["ok"], true, "{v}");
        v
    };
    // A break level: its par and the minimal schedule that reaches the target.
    let v = json("3", &["--time-limit", "10"]);
    assert_eq!((&v["id"], &v["kind"], &v["par"]), (&"03_abba".into(), &"break".into(), &1.into()), "{v}");
    assert_eq!(v["outcome"]["kind"], "deadlock", "{v}");
    assert_eq!(v["outcome"]["preemptions"], 1, "{v}");
    assert!(v["outcome"]["schedule"]["decisions"].as_array().is_some_and(|d| d.len() > 2), "{v}");
    // A fix level: both histograms, the fix with no forbidden row.
    let v = json("11", &[]);
    let forbidden = |h: &serde_json::Value| {
        h["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["forbidden"] == true)
            .map(|r| r["count"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert!(forbidden(&v["before"]) > 0 && forbidden(&v["after"]) == 0 && v["fixed"] == true, "{v}");
    // A predict level: the search's outcome labels.
    let v = json("21", &[]);
    assert_eq!(v["answer"], serde_json::json!(["ping / pong", "pong / ping"]), "{v}");
    // A learner's fix that fixes nothing: not ok, exit status 1, still one JSON object.
    let (code, out) = concsim(&[
        "level",
        "11",
        "--check",
        concat!(env!("CARGO_MANIFEST_DIR"), "/levels/11_fix_lost_update.py"),
        "--json",
    ]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((&v["ok"], &v["fixed"]), (&false.into(), &false.into()), "{v}");
}

#[test]
fn explore_marks_forbidden_outcomes_in_its_histogram() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/levels/01_lost_update.py");
    let (code, out) = concsim(&["explore", file, "--expect", "0"]);
    assert_eq!(code, 1, "{out}");
    let hist = out.split("histogram").nth(1).expect("a histogram");
    assert!(hist.contains("acceptable") && hist.contains("FORBIDDEN  #2 5 (2 preemptions)"), "{hist}");
    // The counts are the search's (they shrink as the reduction improves): some of all.
    let (bad, all) = forbidden_counts(hist);
    assert!(bad > 0 && bad < all, "{hist}");
    let (code, out) = concsim(&["explore", file, "--forbid", "deadlock"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(forbidden_counts(&out), (0, all), "{out}");
}

/// "forbidden outcome in N of M schedules" of a histogram: (N, M).
fn forbidden_counts(text: &str) -> (u64, u64) {
    let line = text.lines().find(|l| l.contains("forbidden outcome in")).expect("the forbidden line");
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "in").expect("in");
    let num = |w: &str| w.replace(',', "").parse::<u64>().expect("a count");
    (num(words[at + 1]), num(words[at + 3]))
}
