//! CPython's `random` generator, bit for bit: MT19937 (`init_genrand`, `init_by_array`),
//! `random.seed(int)` (the absolute value split into little-endian 32-bit words), `random()`
//! (53 bits from two draws), `getrandbits(k)`, `_randbelow` (getrandbits rejection sampling)
//! and the `Random` methods built on them (`randrange`, `randint`, `choice` index, `shuffle`,
//! `sample`, `choices`, `uniform`). The `random` module (`vm::modules`) wires these to Python.
//!
//! Invariant: for the same int seed, every method here draws exactly the words CPython 3.11
//! draws, so a seeded program prints the same numbers as CPython (tests below hold values
//! recorded from python3.11).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

#[derive(Clone)]
pub struct Mt19937 {
    pub state: [u32; N],
    pub index: usize,
    /// `gauss()`'s second value, kept for the next call (reset by seeding).
    pub gauss_next: Option<f64>,
}

impl Default for Mt19937 {
    fn default() -> Self {
        Mt19937::new(0)
    }
}

impl Mt19937 {
    /// A generator seeded as `random.seed(s)`.
    pub fn new(s: u32) -> Self {
        let mut r = Mt19937 { state: [0; N], index: N + 1, gauss_next: None };
        r.seed_u64(s as u64);
        r
    }

    /// `init_genrand(s)`.
    pub fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// `init_by_array(key)`.
    pub fn init_by_array(&mut self, key: &[u32]) {
        self.gauss_next = None;
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        for _ in 0..N.max(len) {
            let prev = mt[i - 1];
            let k = key.get(j).copied().unwrap_or(0);
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525)).wrapping_add(k).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        self.index = N;
    }

    /// `random.seed(n)` for an int that fits in u64 (pass the absolute value).
    pub fn seed_u64(&mut self, n: u64) {
        let key: Vec<u32> = if n >> 32 == 0 { vec![n as u32] } else { vec![n as u32, (n >> 32) as u32] };
        self.init_by_array(&key);
    }

    /// `random.seed(n)` for any int: `abs(n)` as little-endian 32-bit words (`[0]` for 0).
    pub fn seed_bigint(&mut self, n: &BigInt) {
        let (_, mut key) = n.abs().to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
    }

    pub fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            let mt = &mut self.state;
            for kk in 0..N {
                let y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
                let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
                mt[kk] = mt[(kk + M) % N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random()`: a float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = (self.genrand_u32() >> 5) as f64;
        let b = (self.genrand_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`.
    pub fn getrandbits(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => (self.genrand_u32() >> (32 - k)) as u64,
            _ => {
                let lo = self.genrand_u32() as u64;
                let hi = (self.genrand_u32() >> (64 - k.min(64))) as u64;
                lo | (hi << 32)
            }
        }
    }

    /// `getrandbits(k)` for any `k` (words filled least significant first, as CPython).
    pub fn getrandbits_big(&mut self, k: u64) -> BigInt {
        if k <= 64 {
            return BigInt::from(self.getrandbits(k as u32));
        }
        let words = (k - 1) / 32 + 1;
        let mut left = k as i64;
        let mut digits = Vec::with_capacity(words as usize);
        for _ in 0..words {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left -= 32;
        }
        BigInt::from_slice(num_bigint::Sign::Plus, &digits)
    }

    /// `_randbelow(n)`: uniform in [0, n), by rejection on `getrandbits(n.bit_length())`.
    pub fn randbelow(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `_randbelow(n)` for any positive int.
    pub fn randbelow_big(&mut self, n: &BigInt) -> BigInt {
        if let Some(small) = n.to_u64() {
            return BigInt::from(self.randbelow(small));
        }
        let k = n.bits();
        loop {
            let r = self.getrandbits_big(k);
            if &r < n {
                return r;
            }
        }
    }

    /// `randrange(start, stop, step)` (the `stop is None` form is `randrange(0, start)`
    /// only for the draw; callers raise CPython's errors for empty ranges: this returns None).
    pub fn randrange(&mut self, start: &BigInt, stop: &BigInt, step: &BigInt) -> Option<BigInt> {
        let width = stop - start;
        if step == &BigInt::from(1) {
            if width.is_positive() {
                return Some(start + self.randbelow_big(&width));
            }
            return None;
        }
        if step.is_zero() {
            return None;
        }
        let adj = if step.is_positive() { &width + step - 1 } else { &width + step + 1 };
        let n = num_integer::Integer::div_floor(&adj, step);
        if !n.is_positive() {
            return None;
        }
        Some(start + step * self.randbelow_big(&n))
    }

    /// `randint(a, b)`: `randrange(a, b + 1)`.
    pub fn randint(&mut self, a: i64, b: i64) -> Option<i64> {
        if b < a {
            return None;
        }
        let width = (b as i128 - a as i128 + 1) as u64;
        Some((a as i128 + self.randbelow(width) as i128) as i64)
    }

    /// The index `choice(seq)` picks in a sequence of length `n > 0`.
    pub fn choice_index(&mut self, n: usize) -> usize {
        self.randbelow(n as u64) as usize
    }

    /// `shuffle(x)` applied to any slice.
    pub fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            let j = self.randbelow(i as u64 + 1) as usize;
            x.swap(i, j);
        }
    }

    /// The indices `sample(population, k)` picks from a population of `n` (None when
    /// `k > n`: "Sample larger than population or is negative").
    pub fn sample_indices(&mut self, n: usize, k: usize) -> Option<Vec<usize>> {
        if k > n {
            return None;
        }
        let mut setsize = 21usize;
        if k > 5 {
            let e = ((k * 3) as f64).ln() / 4f64.ln();
            setsize += 4usize.pow(e.ceil() as u32);
        }
        let mut result = Vec::with_capacity(k);
        if n <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::BTreeSet::new();
            for _ in 0..k {
                let mut j = self.randbelow(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.randbelow(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Some(result)
    }

    /// The index one draw of `choices(population)` picks (no weights).
    pub fn choices_index(&mut self, n: usize) -> usize {
        (self.random() * n as f64).floor() as usize
    }

    /// The index one draw of `choices(population, cum_weights=cum)` picks: bisect_right of
    /// `random() * total` in `cum[..n-1]`. None if the total is not positive and finite.
    pub fn choices_weighted_index(&mut self, cum: &[f64]) -> Option<usize> {
        let total = *cum.last()?;
        if total <= 0.0 || !total.is_finite() {
            return None;
        }
        let x = self.random() * total;
        let hi = cum.len() - 1;
        let (mut lo, mut hi) = (0usize, hi);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if x < cum[mid] {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some(lo)
    }

    /// `uniform(a, b)`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }
}

/// A generator seeded as `random.seed(x)` for a non-negative int `x`.
pub fn seed_from_u64(x: u64) -> Mt19937 {
    let mut r = Mt19937 { state: [0; N], index: N, gauss_next: None };
    r.seed_u64(x);
    r
}

/// FNV-1a, 64 bits: a digest that is the same on every target and release (std's hasher is
/// not), for `random.seed("text")` and the trace digests of parity tests.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(s: &str) -> Mt19937 {
        let n: BigInt = s.parse().unwrap();
        let mut r = seed_from_u64(0);
        r.seed_bigint(&n);
        r
    }

    /// Per seed: random()×3, randint(1,10), choice("abc") index, getrandbits(7),
    /// getrandbits(40), getrandbits(70), randrange(0,100,7), randrange(10**20) —
    /// recorded from python3.11.
    #[test]
    #[allow(clippy::type_complexity)]
    fn draws_match_cpython() {
        let table: &[(&str, [f64; 3], i64, usize, u64, u64, &str, i64, &str)] = &[
            (
                "0",
                [0.8444218515250481, 0.7579544029403025, 0.420571580830845],
                5,
                2,
                62,
                1011056493432,
                "365796221494783051321",
                49,
                "77816533414917576211",
            ),
            (
                "1",
                [0.13436424411240122, 0.8474337369372327, 0.763774618976614],
                5,
                0,
                63,
                497189547844,
                "454741626642892132449",
                84,
                "57071635982607948077",
            ),
            (
                "42",
                [0.6394267984578837, 0.025010755222666936, 0.27502931836911926],
                4,
                0,
                94,
                743469555623,
                "643647106656314877619",
                7,
                "7783083932390163561",
            ),
            (
                "1099511627776",
                [0.1036394562812375, 0.6705558677439764, 0.4266543913526999],
                7,
                1,
                80,
                84011478773,
                "473652325140935435648",
                77,
                "61237895904913529010",
            ),
            (
                "1180591620717411303429",
                [0.46679953776226335, 0.4748702691919824, 0.3684083919879382],
                6,
                0,
                74,
                427564246432,
                "644087996866260179373",
                7,
                "65375611042296939984",
            ),
            (
                "-5",
                [0.6229016948897019, 0.7417869892607294, 0.7951935655656966],
                9,
                0,
                107,
                852403358683,
                "760910717638687052660",
                0,
                "2893396244277848635",
            ),
        ];
        for (seed, floats, randint, choice, b7, b40, b70, rr, big) in table {
            let mut r = seeded(seed);
            for f in floats {
                assert_eq!(r.random(), *f, "seed {seed}");
            }
            assert_eq!(r.randint(1, 10), Some(*randint), "seed {seed}");
            assert_eq!(r.choice_index(3), *choice, "seed {seed}");
            assert_eq!(r.getrandbits(7), *b7, "seed {seed}");
            assert_eq!(r.getrandbits(40), *b40, "seed {seed}");
            assert_eq!(r.getrandbits_big(70), b70.parse::<BigInt>().unwrap(), "seed {seed}");
            let got = r.randrange(&BigInt::from(0), &BigInt::from(100), &BigInt::from(7));
            assert_eq!(got, Some(BigInt::from(*rr)), "seed {seed}");
            let got = r.randrange(&BigInt::from(0), &"100000000000000000000".parse().unwrap(), &BigInt::from(1));
            assert_eq!(got, Some(big.parse().unwrap()), "seed {seed}");
        }
    }

    #[test]
    fn seed_u64_equals_int_seed() {
        let mut a = seed_from_u64(1 << 40);
        let mut b = seeded("1099511627776");
        assert_eq!(a.random(), b.random());
        let mut c = Mt19937::new(42);
        assert_eq!(c.random(), 0.6394267984578837);
    }

    #[test]
    fn shuffle_sample_choices_match_cpython() {
        let mut r = seed_from_u64(42);
        let mut l: Vec<i32> = (0..10).collect();
        r.shuffle(&mut l);
        assert_eq!(l, vec![7, 3, 2, 8, 5, 6, 9, 4, 0, 1]);

        let mut r = seed_from_u64(42);
        assert_eq!(r.sample_indices(100, 5), Some(vec![81, 14, 3, 94, 35]));
        assert_eq!(r.sample_indices(10, 7), Some(vec![3, 9, 2, 5, 0, 4, 6]));
        assert_eq!(r.uniform(1.0, 5.0), 3.3619700497961587);

        let mut r = seed_from_u64(42);
        let abc = ['a', 'b', 'c'];
        let picks: String = (0..5).map(|_| abc[r.choices_index(3)]).collect();
        assert_eq!(picks, "baaac");
        let cum = [1.0, 3.0, 6.0];
        let picks: String = (0..5).map(|_| abc[r.choices_weighted_index(&cum).unwrap()]).collect();
        assert_eq!(picks, "ccaba");

        let mut r = seed_from_u64(1);
        let dice: Vec<i64> = (0..10).map(|_| r.randint(1, 6).unwrap()).collect();
        assert_eq!(dice, vec![2, 5, 1, 3, 1, 4, 4, 4, 6, 4]);
    }
}
