//! Seeded random numbers for the property tests (tests/properties.rs,
//! tests/mutated_inputs.rs): the same cases on every run and machine.

use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// A seeded generator (its state is public: tests draw from it directly too).
pub struct Gen(pub Xoshiro256PlusPlus);

impl Gen {
    pub fn new(seed: u64) -> Self {
        Gen(Xoshiro256PlusPlus::seed_from_u64(seed))
    }
    pub fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    pub fn int(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.0.next_u64() % u64::from(hi - lo + 1)) as u32
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// A size that is small most of the time and large now and then.
    pub fn side(&mut self, max: u32) -> u32 {
        if self.chance(0.15) {
            self.int(1, 4)
        } else if self.chance(0.1) {
            self.int(max / 2, max)
        } else {
            self.int(5, max / 6)
        }
    }
}
