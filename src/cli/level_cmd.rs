//! `concsim level list` and `concsim level check ID [FILE.py]`: the levels (`crate::levels`)
//! on the command line. `check` runs the search a level's verdict comes from and prints its
//! outcome histogram with forbidden outcomes marked: a break level's par (computed) against
//! the stored one, a fix level's before/after, a predict level's answer set. Invariant: only
//! parsing and printing here; every verdict is `levels`'.

use crate::explore::Budget;
use crate::levels::{self, Histogram, Kind, Level};
use clap::{Args, Subcommand};

#[derive(Args)]
pub(super) struct LevelArgs {
    #[command(subcommand)]
    command: LevelCommand,
}

#[derive(Subcommand)]
enum LevelCommand {
    /// List the levels: id, kind, primitive, title.
    List {
        /// Titles in Chinese.
        #[arg(long)]
        zh: bool,
    },
    /// Solve a level with the search and print its outcome histogram: a break level's par,
    /// a fix level's histogram before and after (FILE.py, or the reference fix), a predict
    /// level's answer. Exits 0 when the stored values agree (and FILE.py fixes the level).
    Check {
        /// The level's id (or its number: 3 is 03_…).
        id: String,
        /// A program to check instead of the level's own (a fix level: your fix).
        file: Option<String>,
        /// Stop each search after this many seconds.
        #[arg(long = "time-limit", default_value_t = 60.0)]
        time_limit: f64,
        /// Texts in Chinese.
        #[arg(long)]
        zh: bool,
    },
}

pub(super) fn level_cmd(a: LevelArgs) -> i32 {
    match a.command {
        LevelCommand::List { zh } => {
            for (l, _, _) in levels::builtin() {
                println!("{:<20} {:<8} {:<13} {}", l.id, l.kind.name(zh), l.primitive, l.title.get(zh));
            }
            0
        }
        LevelCommand::Check { id, file, time_limit, zh } => check(&id, file.as_deref(), time_limit, zh),
    }
}

/// The level `id` names: its full id, or its number.
fn find(id: &str) -> Option<(Level, &'static str, Option<&'static str>)> {
    levels::builtin().into_iter().find(|(l, _, _)| {
        l.id == id || id.parse::<u32>().is_ok_and(|n| l.id.split('_').next().and_then(|p| p.parse().ok()) == Some(n))
    })
}

fn print_histogram(h: &Histogram, zh: bool) {
    for line in h.lines(zh) {
        println!("  {line}");
    }
    println!("  {}", h.sentence(zh));
}

fn check(id: &str, file: Option<&str>, time_limit: f64, zh: bool) -> i32 {
    let Some((level, program, fix)) = find(id) else {
        eprintln!("concsim: no level '{id}' (see `concsim level list`)");
        return 2;
    };
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
    println!("level {} ({}, {}): {}", level.id, level.kind.name(zh), level.primitive, level.title.get(zh));
    println!("goal: {}", level.goal.get(zh));
    let source = mine.as_deref().unwrap_or(program);
    match level.kind {
        Kind::Break => {
            let report = levels::explore(&level, source, &level.explore_options(), &mut budget);
            print_histogram(&Histogram::new(&report, &|o| level.forbidden(o)), zh);
            match levels::par(&level, source, 8, &mut budget) {
                Some((par, o)) => {
                    let stored = level.par.unwrap_or(u32::MAX);
                    println!(
                        "par: {par} preemption{} (outcome #{}: {}); stored par {stored}: {}",
                        if par == 1 { "" } else { "s" },
                        o.id,
                        levels::outcome_label(&o),
                        if stored == par { "ok" } else { "DIFFERS" }
                    );
                    i32::from(stored != par)
                }
                None => {
                    println!("par: the target was not reached within 8 preemptions");
                    1
                }
            }
        }
        Kind::Fix => {
            println!("before (the level's program):");
            let before = levels::check_fix(&level, program, &mut budget);
            print_histogram(&before.histogram, zh);
            let Some(after_source) = mine.as_deref().or(fix) else {
                return 1;
            };
            println!("after ({}):", file.unwrap_or("the reference fix"));
            let after = levels::check_fix(&level, after_source, &mut budget);
            print_histogram(&after.histogram, zh);
            println!("{} → {}", before.histogram.sentence(zh), after.histogram.sentence(zh));
            if after.histogram.deadlocks() > 0 {
                println!("the fix deadlocks in {} schedules", levels::thousands(after.histogram.deadlocks()));
            }
            println!("{}", if after.fixed { "FIXED" } else { "NOT FIXED" });
            i32::from(!after.fixed)
        }
        Kind::Predict => {
            let report = levels::explore(&level, source, &level.explore_options(), &mut budget);
            print_histogram(&Histogram::new(&report, &|_| false), zh);
            let got: Vec<String> = levels::labels(&report).into_iter().collect();
            let mut stored = level.answer.clone();
            stored.sort();
            println!("choices: {}", level.choices.join(" | "));
            println!("answer (the search's outcomes): {}", got.join(" | "));
            let ok = report.exhaustive && got == stored;
            println!("stored answer: {}: {}", stored.join(" | "), if ok { "ok" } else { "DIFFERS" });
            i32::from(!ok)
        }
    }
}
