//! xorshift64*: enough randomness to pick moves, and the same sequence on every run. Shared by
//! the lifecycle bench and the peer comparison (a package of its own) through `#[path]`.

pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub(crate) fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        let n = self.next() % from.len() as u64;
        from[usize::try_from(n).unwrap_or(0)]
    }
}
