//! FNV-1a, 64 bits: a fast, stable hash for content tags (ETags, idempotency fingerprints, the
//! reference data's version, the model file's checksum) and short keys. Not for secrets.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

pub fn fnv1a<'a>(bytes: impl IntoIterator<Item = &'a u8>) -> u64 {
    continued(OFFSET, bytes)
}

/// The hash of what `hash` covered followed by `bytes`.
pub fn continued<'a>(hash: u64, bytes: impl IntoIterator<Item = &'a u8>) -> u64 {
    bytes.into_iter().fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// What [`continued`] starts from.
pub const fn start() -> u64 {
    OFFSET
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_continuation() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(continued(fnv1a(b"ab"), b"cd"), fnv1a(b"abcd"));
        assert_eq!(continued(start(), b"x"), fnv1a(b"x"));
    }
}
