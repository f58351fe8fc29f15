//! One-vs-rest logistic regression trained by AdaGrad SGD with L2 regularisation, its weights pruned
//! and quantised to `i16`; and the per-label thresholds tuned on its out-of-fold probabilities.

use super::codec::{unzigzag, zigzag, Reader, Writer};
use super::model::TrainParams;

const THRESHOLD_GRID: usize = 50;

/// Per-label thresholds maximising micro-F1 of out-of-fold scores by coordinate ascent,
/// each shrunk towards the best global threshold by `shrink` pseudo-positives.
pub(super) fn tune_thresholds(oof: &[Vec<f32>], labels: &[Vec<u16>], n_labels: usize, shrink: f32) -> Vec<f32> {
    let grid: Vec<f32> = (1..THRESHOLD_GRID).map(|i| i as f32 / THRESHOLD_GRID as f32).collect();
    // counts[label][g] = (true positives, false positives) at threshold grid[g]; positives[label].
    let mut counts = vec![vec![(0u32, 0u32); grid.len()]; n_labels];
    let mut positives = vec![0u32; n_labels];
    for (probs, labels) in oof.iter().zip(labels) {
        for &l in labels {
            positives[usize::from(l)] += 1;
        }
        for (l, &p) in probs.iter().enumerate() {
            let relevant = labels.binary_search(&(l as u16)).is_ok();
            for (g, &t) in grid.iter().enumerate() {
                if p >= t {
                    if relevant {
                        counts[l][g].0 += 1;
                    } else {
                        counts[l][g].1 += 1;
                    }
                }
            }
        }
    }
    let f1 = |tp: u64, fp: u64, fn_: u64| 2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64;
    let totals = |choice: &[usize]| {
        choice.iter().enumerate().fold((0u64, 0u64, 0u64), |(tp, fp, fn_), (l, &g)| {
            let (t, f) = counts[l][g];
            (tp + u64::from(t), fp + u64::from(f), fn_ + u64::from(positives[l] - t))
        })
    };
    let global = (0..grid.len())
        .max_by(|&a, &b| {
            let (ta, fa, na) = totals(&vec![a; n_labels]);
            let (tb, fb, nb) = totals(&vec![b; n_labels]);
            f1(ta, fa, na).total_cmp(&f1(tb, fb, nb)).then(b.cmp(&a))
        })
        .unwrap_or(grid.len() / 2);
    let mut choice = vec![global; n_labels];
    for _ in 0..2 {
        for l in 0..n_labels {
            let (tp, fp, fn_) = totals(&choice);
            let (t0, f0) = counts[l][choice[l]];
            let rest = (tp - u64::from(t0), fp - u64::from(f0), fn_ - u64::from(positives[l] - t0));
            choice[l] = (0..grid.len())
                .max_by(|&a, &b| {
                    let score = |g: usize| {
                        let (t, f) = counts[l][g];
                        f1(rest.0 + u64::from(t), rest.1 + u64::from(f), rest.2 + u64::from(positives[l] - t))
                    };
                    score(a).total_cmp(&score(b)).then(b.cmp(&a))
                })
                .unwrap_or(global);
        }
    }
    choice
        .iter()
        .zip(&positives)
        .map(|(&g, &n)| {
            let own = n as f32 / (n as f32 + shrink.max(0.0)).max(1.0);
            own * grid[g] + (1.0 - own) * grid[global]
        })
        .collect()
}

/// One-vs-rest logistic regression with sparse quantised weights.
#[derive(Clone, Debug)]
pub(super) struct Linear {
    bias: Vec<f32>,
    scale: f32,
    /// `entries[offsets[f]..offsets[f + 1]]` are feature `f`'s `(label, weight / scale)`.
    offsets: Vec<u32>,
    entries: Vec<(u16, i16)>,
}

impl Linear {
    pub(super) fn train(
        vectors: &[Vec<(u32, f32)>],
        labels: &[Vec<u16>],
        subset: &[usize],
        n_features: usize,
        n_labels: usize,
        params: &TrainParams,
    ) -> Linear {
        let mut w = vec![0f32; n_features * n_labels];
        let mut g2 = vec![1e-6f32; n_features * n_labels];
        let mut bias = vec![0f32; n_labels];
        let mut bias_g2 = vec![1e-6f32; n_labels];
        let mut order = subset.to_vec();
        let mut rng = params.seed | 1;
        let mut z = vec![0f32; n_labels];
        let mut y = vec![0f32; n_labels];
        for _ in 0..params.epochs {
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            for &d in &order {
                let x = &vectors[d];
                z.copy_from_slice(&bias);
                for &(f, v) in x {
                    let row = &w[f as usize * n_labels..][..n_labels];
                    z.iter_mut().zip(row).for_each(|(z, w)| *z += v * w);
                }
                y.iter_mut().for_each(|y| *y = 0.0);
                for &l in &labels[d] {
                    y[usize::from(l)] = 1.0;
                }
                for l in 0..n_labels {
                    z[l] = sigmoid(z[l]) - y[l];
                    bias_g2[l] += z[l] * z[l];
                    bias[l] -= params.learning_rate * z[l] / bias_g2[l].sqrt();
                }
                for &(f, v) in x {
                    let base = f as usize * n_labels;
                    let row = &mut w[base..][..n_labels];
                    let acc = &mut g2[base..][..n_labels];
                    for ((w, g2), &e) in row.iter_mut().zip(acc.iter_mut()).zip(&z) {
                        let g = e * v + params.l2 * *w;
                        *g2 += g * g;
                        *w -= params.learning_rate * g / g2.sqrt();
                    }
                }
            }
        }
        let max = w.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        let mut offsets = Vec::with_capacity(n_features + 1);
        let mut entries = Vec::new();
        offsets.push(0);
        for row in w.chunks(n_labels.max(1)).take(n_features) {
            for (l, &v) in row.iter().enumerate() {
                if v.abs() >= params.prune && v != 0.0 {
                    entries.push((l as u16, (v / scale).round() as i16));
                }
            }
            offsets.push(entries.len() as u32);
        }
        offsets.resize(n_features + 1, entries.len() as u32);
        Linear { bias, scale, offsets, entries }
    }

    pub(super) fn row(&self, feature: u32) -> &[(u16, i16)] {
        let f = feature as usize;
        &self.entries[self.offsets[f] as usize..self.offsets[f + 1] as usize]
    }

    pub(super) fn probabilities(&self, vector: &[(u32, f32)], n_labels: usize) -> Vec<f32> {
        let mut z = self.bias.clone();
        z.resize(n_labels, 0.0);
        for &(f, x) in vector {
            let x = x * self.scale;
            for &(l, w) in self.row(f) {
                z[usize::from(l)] += x * f32::from(w);
            }
        }
        z.into_iter().map(sigmoid).collect()
    }

    pub(super) fn write(&self, w: &mut Writer) {
        for &b in &self.bias {
            w.f32(b);
        }
        w.f32(self.scale);
        for f in 0..self.offsets.len() - 1 {
            let row = self.row(f as u32);
            w.varint(row.len() as u64);
            let mut prev = 0u16;
            for &(l, q) in row {
                w.varint(u64::from(l - prev));
                w.varint(zigzag(q));
                prev = l;
            }
        }
    }

    pub(super) fn read(r: &mut Reader, n_features: usize, n_labels: usize) -> Result<Linear, String> {
        let bias = (0..n_labels).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let scale = r.f32()?;
        if !scale.is_finite() || scale <= 0.0 || bias.iter().any(|b| !b.is_finite()) {
            return Err("bad linear weights".into());
        }
        let mut offsets = Vec::with_capacity(n_features + 1);
        let mut entries = Vec::new();
        offsets.push(0);
        for _ in 0..n_features {
            let n = r.len(2)?;
            let mut label = 0u64;
            for i in 0..n {
                let delta = r.varint()?;
                if i > 0 && delta == 0 {
                    return Err("duplicate label in weights".into());
                }
                label += delta;
                if label >= n_labels as u64 {
                    return Err("label out of range in weights".into());
                }
                let q = unzigzag(r.varint()?).ok_or("weight out of range")?;
                entries.push((label as u16, q));
            }
            offsets.push(u32::try_from(entries.len()).map_err(|_| "too many weights")?);
        }
        Ok(Linear { bias, scale, offsets, entries })
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuned_thresholds_separate_out_of_fold_scores() {
        // Label 0: positives score 0.8, negatives 0.6; label 1: positives 0.3, negatives 0.1.
        let oof: Vec<Vec<f32>> = (0..40).map(|i| if i % 2 == 0 { vec![0.8, 0.1] } else { vec![0.6, 0.3] }).collect();
        let labels: Vec<Vec<u16>> = (0..40).map(|i| if i % 2 == 0 { vec![0] } else { vec![1] }).collect();
        let t = tune_thresholds(&oof, &labels, 2, 0.0);
        assert!(t[0] > 0.6 && t[0] <= 0.8, "{t:?}");
        assert!(t[1] > 0.1 && t[1] <= 0.3, "{t:?}");
        let empty = tune_thresholds(&oof, &vec![Vec::new(); 40], 2, 0.0);
        assert!(empty.iter().all(|&t| t > 0.0), "{empty:?}");
    }
}
