//! The built-in scenarios: the tutorials' programs in Python 3 form, each with an English and
//! a Chinese explanation and default options. Sources live in `scenarios/` and are compiled
//! into the binary, so the CLI and the web page carry the same set.

use crate::sim::{Policy, RunOptions};

pub struct Scenario {
    /// Short id used on the command line: `concsim run scenario:NAME`.
    pub name: &'static str,
    /// Topic used to group scenarios (e.g. "processes", "threads", "locks").
    pub topic: &'static str,
    pub title_en: &'static str,
    pub title_zh: &'static str,
    pub explain_en: &'static str,
    pub explain_zh: &'static str,
    pub source: &'static str,
    pub seed: u64,
    pub cores: u32,
    pub policy: Policy,
}

impl Scenario {
    /// The options this scenario runs with unless the user overrides them.
    pub fn options(&self) -> RunOptions {
        RunOptions { seed: self.seed, cores: self.cores, policy: self.policy, ..RunOptions::default() }
    }

    /// The file name shown in tracebacks.
    pub fn file_name(&self) -> String {
        format!("{}.py", self.name)
    }
}

pub fn all() -> &'static [Scenario] {
    ALL
}

pub fn find(name: &str) -> Option<&'static Scenario> {
    ALL.iter().find(|s| s.name == name)
}

static ALL: &[Scenario] = &[];
