//! A hash of one multiply per word for the matcher's own keys (UUIDv7 numbers, whose low bits
//! are random; bitmasks; provider codes): the default SipHash would cost more than the rest of
//! a bulk load's insert. Not for keys an attacker chooses at scale.

use std::hash::{BuildHasherDefault, Hasher};

pub type QuickHash = BuildHasherDefault<MultiplyRotate>;

#[derive(Default)]
pub struct MultiplyRotate(u64);

impl Hasher for MultiplyRotate {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }
}
