//! The model file: a checked header and checksum around the payload of labels, tokenizer settings,
//! the margin threshold and the confidence slope, with the byte writer and reader (varints, zigzag) that the vocabulary and weights use.

use crate::domain::fnv;

use super::linear::Linear;
use super::model::Model;
use super::text::{valid_char_grams, Tokenizer};
use super::vocabulary::Vocab;

const MAGIC: &[u8; 8] = b"TCMSUGG\0";
const VERSION: u32 = 3;
const HEADER_LEN: usize = 8 + 4 + 8;

impl Model {
    /// Serialises the model in a versioned format: magic, version, payload length, payload, FNV-1a 64
    /// checksum of the payload.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.varint(self.labels.len() as u64);
        for label in &self.labels {
            w.str(label);
        }
        let t = self.tokenizer;
        w.u8(u8::from(t.stem) | u8::from(t.stopwords) << 1 | u8::from(t.bigrams) << 2);
        let (shortest, longest) = t.char_grams.unwrap_or((0, 0));
        w.u8(shortest);
        w.u8(longest);
        w.f32(self.threshold);
        w.f32(self.slope);
        self.vocab.write(&mut w);
        self.linear.write(&mut w);

        let payload = w.0;
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len() + 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&fnv::fnv1a(&payload).to_le_bytes());
        out
    }

    /// Reads a model written by [`Model::to_bytes`]; any corrupt or truncated input is an `Err`, never a
    /// panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let header = bytes.get(..HEADER_LEN).filter(|_| bytes.len() >= HEADER_LEN + 8);
        let Some(header) = header.filter(|h| &h[..8] == MAGIC) else {
            return Err("not a suggest model (bad magic or too short)".into());
        };
        let version = u32::from_le_bytes([header[8], header[9], header[10], header[11]]);
        if version != VERSION {
            return Err(format!("unsupported model version {version} (expected {VERSION})"));
        }
        let len = u64::from_le_bytes(header[12..20].try_into().map_err(|_| "bad header")?);
        let (payload, checksum) = bytes[HEADER_LEN..].split_at(bytes.len() - HEADER_LEN - 8);
        if len != payload.len() as u64 {
            return Err("payload length does not match the file size".into());
        }
        if fnv::fnv1a(payload).to_le_bytes() != checksum {
            return Err("checksum mismatch".into());
        }

        let mut r = Reader { buf: payload, pos: 0 };
        let n_labels = r.len(1)?;
        if n_labels > usize::from(u16::MAX) + 1 {
            return Err(format!("bad label count {n_labels}"));
        }
        let labels = (0..n_labels).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
        let flags = r.u8()?;
        if flags > 7 {
            return Err("bad tokenizer flags".into());
        }
        let char_grams = match (r.u8()?, r.u8()?) {
            (0, 0) => None,
            (shortest, longest) if valid_char_grams(shortest, longest) => Some((shortest, longest)),
            _ => return Err("bad character n-gram lengths".into()),
        };
        let tokenizer =
            Tokenizer { stem: flags & 1 != 0, stopwords: flags & 2 != 0, bigrams: flags & 4 != 0, char_grams };
        let (threshold, slope) = (r.f32()?, r.f32()?);
        if !(threshold.is_finite() && slope.is_finite() && slope > 0.0) {
            return Err("bad threshold or slope".into());
        }
        let vocab = Vocab::read(&mut r)?;
        let linear = Linear::read(&mut r, vocab.len(), n_labels)?;
        if r.pos != payload.len() {
            return Err("trailing bytes in payload".into());
        }
        Ok(Model { labels, tokenizer, vocab, linear, threshold, slope })
    }
}

pub(super) fn zigzag(v: i16) -> u64 {
    u64::from(((v << 1) ^ (v >> 15)) as u16)
}

pub(super) fn unzigzag(v: u64) -> Option<i16> {
    let v = u16::try_from(v).ok()?;
    Some(((v >> 1) as i16) ^ -((v & 1) as i16))
}

#[derive(Default)]
pub(super) struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    pub(super) fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(super) fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    pub(super) fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

pub(super) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len()).ok_or("truncated model")?;
        let bytes = &self.buf[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    pub(super) fn f32(&mut self) -> Result<f32, String> {
        let v = f32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "truncated model")?);
        if v.is_nan() {
            return Err("NaN in model".into());
        }
        Ok(v)
    }

    pub(super) fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    pub(super) fn u32_varint(&mut self) -> Result<u32, String> {
        u32::try_from(self.varint()?).map_err(|_| "value out of range".to_string())
    }

    /// A count of items each taking at least `min_item_bytes` bytes, checked against what is left.
    pub(super) fn len(&mut self, min_item_bytes: usize) -> Result<usize, String> {
        let n = usize::try_from(self.varint()?).map_err(|_| "count out of range")?;
        if n.saturating_mul(min_item_bytes) > self.buf.len() - self.pos {
            return Err("count exceeds the model size".into());
        }
        Ok(n)
    }

    pub(super) fn str(&mut self) -> Result<String, String> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "invalid UTF-8 in model".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::model::tests::{toy_model, toy_params, TEXTS};
    use crate::suggest::model::TrainParams;

    #[test]
    fn round_trips_through_bytes() {
        let words_only =
            TrainParams { bigrams: false, stem: false, stopwords: false, char_grams: None, ..toy_params() };
        for params in [toy_params(), words_only] {
            let model = toy_model(&params);
            let bytes = model.to_bytes();
            let back = Model::from_bytes(&bytes).unwrap();
            assert_eq!(back.to_bytes(), bytes);
            assert_eq!(back.labels(), model.labels());
            for (text, _) in TEXTS {
                let (read_back, read) = (back.read(text), model.read(text));
                assert_eq!(read_back.confidences, read.confidences);
                assert_eq!(back.drivers(&read_back, &[0, 1]), model.drivers(&read, &[0, 1]));
            }
        }
    }

    #[test]
    fn rejects_corrupt_input_without_panicking() {
        let bytes = toy_model(&toy_params()).to_bytes();
        assert!(Model::from_bytes(&[]).is_err());
        assert!(Model::from_bytes(b"TCMSUGG\0").is_err());
        for len in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..len]).is_err());
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            assert!(Model::from_bytes(&bad).is_err(), "flip at {i}");
        }
        let mut wrong_version = bytes.clone();
        wrong_version[8] = 9;
        assert!(Model::from_bytes(&wrong_version).unwrap_err().contains("version"));
    }

    #[test]
    fn rejects_valid_checksum_over_bad_payload() {
        let payload = [1u8, 0xff, 0xff, 0xff, 0xff, 0x0f];
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&payload);
        bytes.extend_from_slice(&fnv::fnv1a(&payload).to_le_bytes());
        assert!(Model::from_bytes(&bytes).is_err());
    }

    #[test]
    fn survives_corrupt_payloads_with_valid_checksums() {
        let bytes = toy_model(&toy_params()).to_bytes();
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            let mut bad = bytes.clone();
            for _ in 0..3 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let i = HEADER_LEN + (rng % (bytes.len() - HEADER_LEN - 8) as u64) as usize;
                bad[i] = (rng >> 32) as u8;
            }
            let end = bad.len() - 8;
            let checksum = fnv::fnv1a(&bad[HEADER_LEN..end]).to_le_bytes();
            bad[end..].copy_from_slice(&checksum);
            if let Ok(model) = Model::from_bytes(&bad) {
                let _ = model.read("abolish the death penalty");
                let _ = model.drivers(&model.read("ratify the convention"), &[1]);
            }
        }
    }

    #[test]
    fn zigzag_round_trips() {
        for v in [0i16, 1, -1, i16::MAX, i16::MIN, 1234, -4321] {
            assert_eq!(unzigzag(zigzag(v)), Some(v));
        }
        assert_eq!(unzigzag(1 << 20), None);
    }
}
