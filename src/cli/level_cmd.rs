//! `concsim level`: the levels (`crate::levels`) on the command line. Without an id it lists
//! them; `concsim level ID` shows a level (story, goal, hint, program, choices);
//! `concsim level ID --check [FILE.py]` runs the search a level's verdict comes from and prints
//! its outcome histogram with forbidden outcomes marked: a break level's par (computed)
//! against the stored one, a fix level's histogram before and after (FILE.py, a learner's fix,
//! or the reference fix), a predict level's answer set. Invariant: only parsing and printing
//! here; every verdict is `levels`'.

use crate::explore::Budget;
use crate::levels::{self, Histogram, Kind, Level};
use clap::Args;

#[derive(Args)]
pub(super) struct LevelArgs {
    /// The level's id, or its number (3 is 03_…); none: list the levels.
    id: Option<String>,
    /// Solve the level with the search and print its outcome histogram: a break level's par,
    /// a fix level's histogram before and after FILE.py (default: the reference fix), a
    /// predict level's answer. Exits 0 when the stored values agree (and FILE.py fixes it).
    #[arg(long, value_name = "FILE.py", num_args = 0..=1, default_missing_value = "")]
    check: Option<String>,
    /// Stop each search after this many seconds.
    #[arg(long = "time-limit", default_value_t = 60.0)]
    time_limit: f64,
    /// Texts in Chinese.
    #[arg(long)]
    zh: bool,
    /// With --check: print the verdict as one JSON object instead (a break level's par and its
    /// minimal outcome with the schedule that reaches it, a fix level's histograms, a predict
    /// level's answer set), for tools such as the page's end-to-end test.
    #[arg(long, requires = "check")]
    json: bool,
}

pub(super) fn level_cmd(a: LevelArgs) -> i32 {
    let Some(id) = a.id else {
        for (l, _, _) in levels::builtin() {
            println!("{:<20} {:<8} {:<13} {}", l.id, l.kind.name(a.zh), l.primitive, l.title.get(a.zh));
        }
        return 0;
    };
    let Some((level, program, fix)) = find(&id) else {
        eprintln!("concsim: no level '{id}' (see `concsim level`)");
        return 2;
    };
    match a.check {
        None => {
            show(&level, program, a.zh);
            0
        }
        Some(file) => {
            let file = (!file.is_empty()).then_some(file.as_str());
            check(&level, program, fix, file, a.time_limit, a.zh, a.json)
        }
    }
}

/// The level `id` names: its full id, or its number.
fn find(id: &str) -> Option<(Level, &'static str, Option<&'static str>)> {
    levels::builtin().into_iter().find(|(l, _, _)| {
        l.id == id || id.parse::<u32>().is_ok_and(|n| l.id.split('_').next().and_then(|p| p.parse().ok()) == Some(n))
    })
}

fn show(level: &Level, program: &str, zh: bool) {
    println!("{} ({}, {}): {}", level.id, level.kind.name(zh), level.primitive, level.title.get(zh));
    println!();
    println!("{}", level.story.get(zh));
    println!();
    println!("{} {}", if zh { "目标：" } else { "goal:" }, level.goal.get(zh));
    if let Some(h) = &level.hint {
        println!("{} {}", if zh { "提示：" } else { "hint:" }, h.get(zh));
    }
    println!();
    println!("--- {} ---", level.file_name());
    print!("{program}");
    if !program.ends_with('\n') {
        println!();
    }
    println!("---");
    match level.kind {
        Kind::Break => {
            if let Some(par) = level.par {
                println!("par: {par} preemption{}", if par == 1 { "" } else { "s" });
            }
            println!("(play it on the page, in manual mode; `concsim level {} --check` solves it)", level.id);
        }
        Kind::Fix => println!(
            "(save your fix to a file, then `concsim level {} --check FILE.py`: every schedule is searched)",
            level.id
        ),
        Kind::Predict => {
            println!("{}", if zh { "选项：" } else { "choices:" });
            for c in &level.choices {
                println!("  [ ] {c}");
            }
            println!("(`concsim level {} --check` shows the answer)", level.id);
        }
    }
}

fn print_histogram(h: &Histogram, zh: bool, json: bool) {
    if json {
        return;
    }
    for line in h.lines(zh) {
        println!("  {line}");
    }
    println!("  {}", h.sentence(zh));
}

/// A predict level's histogram: nothing is forbidden there.
fn print_outcomes(h: &Histogram, zh: bool) {
    for line in h.lines(zh) {
        println!("  {line}");
    }
    let n = levels::thousands(h.schedules);
    let cut = if h.exhaustive {
        ""
    } else if zh {
        "（未穷尽）"
    } else {
        " (not exhaustive)"
    };
    println!("  {}{cut}", if zh { format!("共 {n} 个调度") } else { format!("{n} schedules") });
}

/// `--check`: the searches, then their verdict as text or (`json`) as one JSON object with
/// `ok`, whether the stored values agree (and the fix fixes).
fn check(
    level: &Level,
    program: &str,
    fix: Option<&str>,
    file: Option<&str>,
    time_limit: f64,
    zh: bool,
    json: bool,
) -> i32 {
    let mine = match file.map(std::fs::read_to_string).transpose() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("concsim: can't open file '{}': {e}", file.unwrap_or_default());
            return 2;
        }
    };
    let start = std::time::Instant::now();
    let limit = std::time::Duration::from_secs_f64(time_limit.max(0.001));
    let clock = move |_: &crate::explore::Progress| {
        (start.elapsed() >= limit).then(|| format!("time limit of {time_limit} s (--time-limit)"))
    };
    let mut budget: Box<Budget> = Box::new(clock);
    // Text lines, printed only without --json.
    let say = |line: String| {
        if !json {
            println!("{line}");
        }
    };
    say(format!("level {} ({}, {}): {}", level.id, level.kind.name(zh), level.primitive, level.title.get(zh)));
    say(format!("goal: {}", level.goal.get(zh)));
    let source = mine.as_deref().unwrap_or(program);
    let (ok, verdict) = match level.kind {
        Kind::Break => {
            let par = levels::par(level, source, 8, &mut budget);
            let report = levels::explore(level, source, &level.explore_options(), &mut budget);
            let histogram = Histogram::new(&report, &|o| level.forbidden(o));
            say("outcomes (the target is marked FORBIDDEN: what the program's author meant to avoid):".into());
            print_histogram(&histogram, zh, json);
            let stored = level.par.unwrap_or(u32::MAX);
            match &par {
                Some((par, o)) => say(format!(
                    "par: {par} preemption{} (reaching {}); stored par {stored}: {}",
                    if *par == 1 { "" } else { "s" },
                    levels::outcome_label(o),
                    if stored == *par { "ok" } else { "DIFFERS" }
                )),
                None => say("par: the target was not reached within 8 preemptions".into()),
            }
            let ok = par.as_ref().is_some_and(|(p, _)| *p == stored);
            let (par, outcome) = par.map_or((None, None), |(p, o)| (Some(p), Some(o)));
            (ok, serde_json::json!({ "par": par, "stored_par": level.par, "outcome": outcome, "histogram": histogram }))
        }
        Kind::Fix => {
            say("before (the level's program):".into());
            let before = levels::check_fix(level, program, &mut budget);
            print_histogram(&before.histogram, zh, json);
            let Some(after_source) = mine.as_deref().or(fix) else {
                return 1;
            };
            say(format!("after ({}):", file.unwrap_or("the reference fix")));
            let after = levels::check_fix(level, after_source, &mut budget);
            print_histogram(&after.histogram, zh, json);
            say(format!("{} → {}", before.histogram.sentence(zh), after.histogram.sentence(zh)));
            let (d0, d1) = (before.histogram.deadlocks(), after.histogram.deadlocks());
            if d1 > d0 {
                say(format!(
                    "new deadlock: the fix deadlocks in {} of {} schedules",
                    levels::thousands(d1),
                    levels::thousands(after.histogram.schedules)
                ));
            }
            say((if after.fixed { "FIXED" } else { "NOT FIXED" }).into());
            let verdict =
                serde_json::json!({ "before": before.histogram, "after": after.histogram, "fixed": after.fixed });
            (after.fixed, verdict)
        }
        Kind::Predict => {
            let report = levels::explore(level, source, &level.explore_options(), &mut budget);
            let histogram = Histogram::new(&report, &|_| false);
            if !json {
                print_outcomes(&histogram, zh);
            }
            let got: Vec<String> = levels::labels(&report).into_iter().collect();
            let mut stored = level.answer.clone();
            stored.sort();
            say(format!("choices: {}", level.choices.join(" | ")));
            say(format!("answer (the search's outcomes): {}", got.join(" | ")));
            let ok = report.exhaustive && got == stored;
            say(format!("stored answer: {}: {}", stored.join(" | "), if ok { "ok" } else { "DIFFERS" }));
            (ok, serde_json::json!({ "answer": got, "stored_answer": stored, "histogram": histogram }))
        }
    };
    if json {
        let mut out = serde_json::json!({ "id": level.id, "kind": level.kind, "policy": level.policy, "ok": ok });
        if let (Some(out), serde_json::Value::Object(v)) = (out.as_object_mut(), verdict) {
            out.extend(v);
        }
        println!("{out}");
    }
    i32::from(!ok)
}
