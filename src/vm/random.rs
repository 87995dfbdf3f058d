//! CPython's Mersenne Twister. (Being written.)
#[derive(Clone)]
pub struct Mt19937 {
    pub state: [u32; 624],
    pub index: usize,
}
impl Mt19937 {
    pub fn new(_s: u32) -> Self { Mt19937 { state: [0; 624], index: 0 } }
    pub fn seed_u64(&mut self, _s: u64) {}
    pub fn random(&mut self) -> f64 { 0.5 }
    pub fn randbelow(&mut self, n: u64) -> u64 { n / 2 }
    pub fn getrandbits(&mut self, _k: u32) -> u64 { 0 }
}
