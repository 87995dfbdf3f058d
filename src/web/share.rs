//! The page's URL fragment: scenario, options and every decision taken, so that any moment of
//! a run can be shared. `#s=lock&seed=0&cores=4&policy=cpython&stdout=line&at=-12,t3,-4`
//! means: 12 decisions by the policy, one where the learner picked thread 3, 4 more by the
//! policy; `&gil=off` runs without a GIL; `&manual=1` keeps manual mode on; `&part=7t3`
//! means 7 instructions into the next slice (a step by instruction or line paused it; `t3`:
//! the learner gave it to thread 3); `&frozen=12:2.3;40:` means threads 2 and 3 frozen from
//! decision 12 on, none from 40; `level=ID` (first, written by the model) opens a level.
//! Invariant: decoding never fails — an unknown or malformed field keeps its default,
//! so an old or hand-edited link still opens the page.

use crate::sim::stepper::Moment;
use crate::sim::{Buffering, Gil, Policy, RunOptions};

pub struct Shared {
    pub scenario: String,
    /// `level=ID`: the level whose program (unless `src` replaces it) the page opens.
    pub level: Option<String>,
    /// An edited program (its file name and text), when the link carries one.
    pub file: Option<String>,
    pub source: Option<String>,
    pub seed: Option<u64>,
    pub cores: Option<u32>,
    pub policy: Option<Policy>,
    /// `&gil=off` (absent: on).
    pub gil: Option<Gil>,
    pub stdout: Option<Buffering>,
    /// The decisions, freezes and paused slice the link replays.
    pub moment: Moment,
    /// Manual mode was on (`&manual=1`; None when the link does not say).
    pub manual: Option<bool>,
    /// The run had ended there (`at` ends with `,end`): reopening finds the end again.
    pub over: bool,
}

/// `program` is the learner's (file name, text), if the run is not of the scenario's own
/// program: it travels as `&file=NAME&src=BASE64URL` (UTF-8, unpadded), last.
pub fn encode(
    scenario: &str,
    opts: &RunOptions,
    moment: &Moment,
    over: bool,
    manual: bool,
    program: Option<(&str, &str)>,
) -> String {
    let stdout = opts.stdout.name();
    let mut at: Vec<String> = Vec::new();
    let mut run = 0u64;
    for c in &moment.choices {
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
    if over {
        at.push("end".into());
    }
    let mut out = format!(
        "s={scenario}&seed={}&cores={}&policy={}&stdout={stdout}&at={}",
        opts.seed,
        opts.cores,
        opts.policy.name(),
        at.join(",")
    );
    if opts.gil == Gil::Off {
        out.push_str("&gil=off");
    }
    if manual {
        out.push_str("&manual=1");
    }
    if moment.partial > 0 {
        out.push_str(&format!("&part={}", moment.partial));
        if let Some(t) = moment.paused_choice {
            out.push_str(&format!("t{t}"));
        }
    }
    if !moment.freezes.is_empty() {
        let freezes: Vec<String> = moment
            .freezes
            .iter()
            .map(|(at, tids)| format!("{at}:{}", tids.iter().map(u32::to_string).collect::<Vec<_>>().join(".")))
            .collect();
        out.push_str(&format!("&frozen={}", freezes.join(";")));
    }
    if let Some((file, source)) = program {
        let file: String =
            file.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')).take(64).collect();
        out.push_str(&format!("&file={file}&src={}", base64url(source.as_bytes())));
    }
    out
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 base64url without padding.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The inverse of `base64url`; None for text that is not base64url or not UTF-8.
fn unbase64url(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = B64.iter().position(|b| *b == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    String::from_utf8(bytes).ok()
}

/// The most instructions into a slice a link may ask to replay.
const MAX_PARTIAL: u64 = 1_000_000;

pub fn decode(fragment: &str) -> Shared {
    let mut out = Shared {
        scenario: String::new(),
        level: None,
        file: None,
        source: None,
        seed: None,
        cores: None,
        policy: None,
        gil: None,
        stdout: None,
        moment: Moment::default(),
        manual: None,
        over: false,
    };
    for pair in fragment.trim_start_matches('#').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "s" => out.scenario = v.to_string(),
            "level" if !v.is_empty() => out.level = Some(v.to_string()),
            "file" if !v.is_empty() => out.file = Some(v.to_string()),
            "src" => out.source = unbase64url(v),
            "seed" => out.seed = v.parse().ok(),
            "cores" => out.cores = v.parse().ok(),
            "policy" => out.policy = Policy::parse(v),
            "gil" => out.gil = Gil::parse(v),
            "stdout" => out.stdout = Buffering::parse(v),
            "manual" => out.manual = Some(v == "1"),
            "part" => {
                let (n, t) = v.split_once('t').map_or((v, None), |(n, t)| (n, t.parse().ok()));
                // Bounded like the decisions, so a hand-made link cannot ask for an endless replay.
                out.moment.partial = n.parse::<u64>().unwrap_or(0).min(MAX_PARTIAL);
                out.moment.paused_choice = t;
            }
            "frozen" => {
                for entry in v.split(';').take(10_000) {
                    let Some((at, tids)) = entry.split_once(':') else { continue };
                    let Ok(at) = at.parse::<usize>() else { continue };
                    let tids = tids.split('.').filter_map(|t| t.parse().ok()).take(4096).collect();
                    out.moment.freezes.push((at, tids));
                }
            }
            "at" => {
                for part in v.split(',').filter(|p| !p.is_empty()) {
                    out.over = part == "end";
                    if let Some(n) = part.strip_prefix('-').and_then(|n| n.parse::<usize>().ok()) {
                        // Bounded so a hand-made link cannot ask for an endless replay.
                        out.moment.choices.extend(std::iter::repeat_n(None, n.min(50_000_000)));
                    } else if let Some(t) = part.strip_prefix('t').and_then(|t| t.parse::<u32>().ok()) {
                        out.moment.choices.push(Some(t));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_travel_in_the_link() {
        for src in ["", "a", "ab", "abc", "print('héllo, 世界')\nx = 1\n"] {
            assert_eq!(unbase64url(&base64url(src.as_bytes())).as_deref(), Some(src));
        }
        let opts = RunOptions::default();
        let moment = Moment {
            choices: vec![None, Some(2)],
            freezes: vec![(1, vec![2, 3]), (2, vec![])],
            partial: 7,
            paused_choice: Some(3),
        };
        let f = encode("lock", &opts, &moment, true, true, Some(("my prog.py", "print(1)\n")));
        let d = decode(&format!("#{f}"));
        assert_eq!(d.scenario, "lock");
        assert_eq!(d.file.as_deref(), Some("myprog.py"));
        assert_eq!(d.source.as_deref(), Some("print(1)\n"));
        assert_eq!(d.moment, moment);
        assert!(d.over);
        assert_eq!(d.manual, Some(true));
        assert_eq!(decode(&format!("#{}", encode("lock", &opts, &Moment::default(), false, false, None))).manual, None);
        assert_eq!(decode("#s=lock&part=99999999999&frozen=x;3:a.2;:").moment.partial, MAX_PARTIAL);
        assert_eq!(decode("#s=lock&frozen=x;3:a.2;:").moment.freezes, vec![(3, vec![2])]);
        assert!(decode("#s=lock&src=%%%").source.is_none());
        assert_eq!(decode("#level=03_abba&s=fork&at=-3").level.as_deref(), Some("03_abba"));
        assert_eq!(decode("#level=&s=fork").level, None);
        assert_eq!(d.gil, None);
        let free = RunOptions { gil: Gil::Off, ..RunOptions::default() };
        assert_eq!(decode(&format!("#{}", encode("lock", &free, &moment, false, false, None))).gil, Some(Gil::Off));
    }
}
