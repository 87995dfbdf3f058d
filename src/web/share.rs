//! The page's URL fragment: scenario, options and every decision taken, so that any moment of
//! a run can be shared. `#s=lock&seed=0&cores=4&policy=cpython&stdout=line&at=-12,t3,-4`
//! means: 12 decisions by the policy, one where the learner picked thread 3, 4 more by the
//! policy. Invariant: decoding never fails — an unknown or malformed field keeps its default,
//! so an old or hand-edited link still opens the page.

use crate::sim::{Buffering, Policy, RunOptions};

pub struct Shared {
    pub scenario: String,
    pub seed: Option<u64>,
    pub cores: Option<u32>,
    pub policy: Option<Policy>,
    pub stdout: Option<Buffering>,
    pub choices: Vec<Option<u32>>,
}

pub fn encode(scenario: &str, opts: &RunOptions, choices: &[Option<u32>]) -> String {
    let stdout = match opts.stdout {
        Buffering::Line => "line",
        Buffering::Block => "block",
        Buffering::Unbuffered => "unbuffered",
    };
    let mut at: Vec<String> = Vec::new();
    let mut run = 0u64;
    for c in choices {
        match c {
            None => run += 1,
            Some(t) => {
                if run > 0 {
                    at.push(format!("-{run}"));
                    run = 0;
                }
                at.push(format!("t{t}"));
            }
        }
    }
    if run > 0 {
        at.push(format!("-{run}"));
    }
    format!(
        "s={scenario}&seed={}&cores={}&policy={}&stdout={stdout}&at={}",
        opts.seed,
        opts.cores,
        opts.policy.name(),
        at.join(",")
    )
}

pub fn decode(fragment: &str) -> Shared {
    let mut out =
        Shared { scenario: String::new(), seed: None, cores: None, policy: None, stdout: None, choices: Vec::new() };
    for pair in fragment.trim_start_matches('#').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "s" => out.scenario = v.to_string(),
            "seed" => out.seed = v.parse().ok(),
            "cores" => out.cores = v.parse().ok(),
            "policy" => out.policy = Policy::parse(v),
            "stdout" => out.stdout = Buffering::parse(v),
            "at" => {
                for part in v.split(',').filter(|p| !p.is_empty()) {
                    if let Some(n) = part.strip_prefix('-').and_then(|n| n.parse::<usize>().ok()) {
                        // Bounded so a hand-made link cannot ask for an endless replay.
                        out.choices.extend(std::iter::repeat_n(None, n.min(50_000_000)));
                    } else if let Some(t) = part.strip_prefix('t').and_then(|t| t.parse::<u32>().ok()) {
                        out.choices.push(Some(t));
                    }
                }
            }
            _ => {}
        }
    }
    out
}
