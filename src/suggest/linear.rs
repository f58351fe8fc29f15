//! One linear scorer per label: a linear SVM (L2-regularised squared hinge loss, the bias as a
//! constant feature) trained by dual coordinate descent as in liblinear (Hsieh et al. 2008), on
//! features scaled by the label's naive-Bayes log-count ratios interpolated towards plain SVM
//! (NBSVM, Wang and Manning 2012). The scaling folds into the weights, which are pruned and
//! quantised to `i16`. Also the one margin threshold for every label and the slope that turns a
//! margin into a confidence, both chosen on out-of-fold margins.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::codec::{unzigzag, zigzag, Reader, Writer};
use super::model::TrainParams;

/// Sparse quantised weights of every label, feature by feature.
#[derive(Clone, Debug)]
pub(super) struct Linear {
    bias: Vec<f32>,
    scale: f32,
    /// `entries[offsets[f]..offsets[f + 1]]` are feature `f`'s `(label, weight / scale)`.
    offsets: Vec<u32>,
    entries: Vec<(u16, i16)>,
}

/// One label's trained scorer: a weight per feature and the bias.
struct Scorer {
    weights: Vec<f32>,
    bias: f32,
}

impl Linear {
    /// Trains every label on the examples of `subset`, the labels spread over the machine's cores
    /// (each label's training is independent and seeded, so the result does not depend on them).
    pub(super) fn train(
        vectors: &[Vec<(u32, f32)>],
        labels: &[Vec<u16>],
        subset: &[usize],
        n_features: usize,
        n_labels: usize,
        params: &TrainParams,
    ) -> Linear {
        let next = AtomicUsize::new(0);
        let trained: Mutex<Vec<Option<Scorer>>> = Mutex::new((0..n_labels).map(|_| None).collect());
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(n_labels.max(1));
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| loop {
                    let label = next.fetch_add(1, Ordering::Relaxed);
                    if label >= n_labels {
                        break;
                    }
                    let signs: Vec<f32> = subset
                        .iter()
                        .map(|&i| if labels[i].binary_search(&(label as u16)).is_ok() { 1.0 } else { -1.0 })
                        .collect();
                    let scorer = train_label(vectors, subset, &signs, n_features, label as u64, params);
                    trained.lock().unwrap_or_else(|e| e.into_inner())[label] = Some(scorer);
                });
            }
        });
        let scorers: Vec<Scorer> =
            trained.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect();
        Linear::quantised(&scorers, n_features, params.prune)
    }

    /// Keeps the weights whose magnitude reaches `prune`, as `i16` steps of one scale.
    fn quantised(scorers: &[Scorer], n_features: usize, prune: f32) -> Linear {
        let max = scorers.iter().flat_map(|s| &s.weights).fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        let mut offsets = Vec::with_capacity(n_features + 1);
        let mut entries = Vec::new();
        offsets.push(0);
        for f in 0..n_features {
            for (l, scorer) in scorers.iter().enumerate() {
                let w = scorer.weights[f];
                if w != 0.0 && w.abs() >= prune {
                    entries.push((l as u16, (w / scale).round() as i16));
                }
            }
            offsets.push(entries.len() as u32);
        }
        Linear { bias: scorers.iter().map(|s| s.bias).collect(), scale, offsets, entries }
    }

    pub(super) fn row(&self, feature: u32) -> &[(u16, i16)] {
        let f = feature as usize;
        &self.entries[self.offsets[f] as usize..self.offsets[f + 1] as usize]
    }

    /// Every label's margin for a text's feature vector.
    pub(super) fn margins(&self, vector: &[(u32, f32)], n_labels: usize) -> Vec<f32> {
        let mut z = self.bias.clone();
        z.resize(n_labels, 0.0);
        for &(f, x) in vector {
            let x = x * self.scale;
            for &(l, w) in self.row(f) {
                z[usize::from(l)] += x * f32::from(w);
            }
        }
        z
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

/// Each feature's factor for one label: `1 - nb + nb * |r|`, where `r` is the log ratio of how
/// often the feature occurs in the label's examples and in the others (add-one smoothed).
fn nb_scaling(vectors: &[Vec<(u32, f32)>], subset: &[usize], signs: &[f32], n_features: usize, nb: f32) -> Vec<f32> {
    if nb == 0.0 {
        return vec![1.0; n_features];
    }
    let (mut pos, mut neg) = (vec![1f64; n_features], vec![1f64; n_features]);
    for (&i, &sign) in subset.iter().zip(signs) {
        let counts = if sign > 0.0 { &mut pos } else { &mut neg };
        for &(f, _) in &vectors[i] {
            counts[f as usize] += 1.0;
        }
    }
    let (pos_total, neg_total): (f64, f64) = (pos.iter().sum(), neg.iter().sum());
    pos.iter()
        .zip(&neg)
        .map(|(p, q)| {
            let r = ((p / pos_total) / (q / neg_total)).ln().abs() as f32;
            1.0 - nb + nb * r
        })
        .collect()
}

/// Dual coordinate descent for the L2-loss SVM with the examples' `signs` (+1: has the label),
/// on features multiplied by the label's NB scaling; returns the weights with the scaling
/// folded in.
fn train_label(
    vectors: &[Vec<(u32, f32)>],
    subset: &[usize],
    signs: &[f32],
    n_features: usize,
    seed: u64,
    params: &TrainParams,
) -> Scorer {
    let scaling = nb_scaling(vectors, subset, signs, n_features, params.nb_interpolation);
    let diagonal = 0.5 / params.c;
    // Each example's squared norm (with the bias feature 1) plus the loss's diagonal term.
    let q: Vec<f32> = subset
        .iter()
        .map(|&i| vectors[i].iter().map(|&(f, x)| (x * scaling[f as usize]).powi(2)).sum::<f32>() + 1.0 + diagonal)
        .collect();
    let mut alpha = vec![0f32; subset.len()];
    let mut weights = vec![0f32; n_features];
    let mut bias = 0f32;
    let mut order: Vec<usize> = (0..subset.len()).collect();
    let mut rng = (params.seed ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1;
    for _ in 0..params.max_passes {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut max_pg, mut min_pg) = (f32::NEG_INFINITY, f32::INFINITY);
        for &k in &order {
            let x = &vectors[subset[k]];
            let margin = bias + x.iter().map(|&(f, v)| weights[f as usize] * v * scaling[f as usize]).sum::<f32>();
            let gradient = signs[k] * margin - 1.0 + diagonal * alpha[k];
            let projected = if alpha[k] == 0.0 { gradient.min(0.0) } else { gradient };
            max_pg = max_pg.max(projected);
            min_pg = min_pg.min(projected);
            if projected.abs() > 1e-12 {
                let old = alpha[k];
                alpha[k] = (old - gradient / q[k]).max(0.0);
                let step = (alpha[k] - old) * signs[k];
                for &(f, v) in x {
                    weights[f as usize] += step * v * scaling[f as usize];
                }
                bias += step;
            }
        }
        if max_pg - min_pg < params.tolerance {
            break;
        }
    }
    weights.iter_mut().zip(&scaling).for_each(|(w, s)| *w *= s);
    Scorer { weights, bias }
}

/// Every out-of-fold margin of the examples with `labels`, with whether its label is one of
/// the example's, highest margin first: what the threshold and the slope are tuned on.
pub(super) fn scored(margins: &[Vec<f32>], labels: &[Vec<u16>]) -> Vec<(f32, bool)> {
    let mut scored: Vec<(f32, bool)> = margins
        .iter()
        .zip(labels)
        .flat_map(|(m, labels)| m.iter().enumerate().map(move |(l, &z)| (z, labels.binary_search(&(l as u16)).is_ok())))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
}

/// The margin from which every label is suggested that maximises micro-F1 over the [`scored`]
/// margins (halfway between the last margin taken and the next).
pub(super) fn tune_threshold(scored: &[(f32, bool)]) -> f32 {
    let positives = scored.iter().filter(|(_, relevant)| *relevant).count();
    let (mut tp, mut best_f1, mut best) = (0usize, 0f64, 0usize);
    for (taken, &(z, relevant)) in scored.iter().enumerate() {
        tp += usize::from(relevant);
        // Ties are taken together.
        if scored.get(taken + 1).is_some_and(|next| next.0 == z) {
            continue;
        }
        let f1 = 2.0 * tp as f64 / (taken + 1 + positives) as f64;
        if f1 > best_f1 {
            (best_f1, best) = (f1, taken + 1);
        }
    }
    match (best.checked_sub(1).map(|i| scored[i].0), scored.get(best)) {
        (Some(last), Some(next)) => (last + next.0) / 2.0,
        (Some(last), None) => last,
        (None, _) => 0.0,
    }
}

/// The slope `a` of `sigmoid(a * (margin - threshold))` that fits the out-of-fold labels best
/// (least log loss over a geometric grid), so a confidence reads as a probability and the
/// threshold sits at one half.
pub(super) fn tune_slope(scored: &[(f32, bool)], threshold: f32) -> f32 {
    let loss = |a: f32| -> f64 {
        scored
            .iter()
            .map(|&(z, relevant)| {
                let t = f64::from(a * (z - threshold));
                // -ln sigmoid(t) for a relevant label, -ln (1 - sigmoid(t)) for another.
                let t = if relevant { -t } else { t };
                t.max(0.0) + (-t.abs()).exp().ln_1p()
            })
            .sum()
    };
    (0..48).map(|i| 0.5 * 1.15f32.powi(i)).min_by(|&a, &b| loss(a).total_cmp(&loss(b))).unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_separates_out_of_fold_margins_for_micro_f1() {
        // Label 0: positives at 0.8, negatives at 0.2; label 1: positives at 0.4, negatives at -0.6.
        let margins: Vec<Vec<f32>> =
            (0..40).map(|i| if i % 2 == 0 { vec![0.8, -0.6] } else { vec![0.2, 0.4] }).collect();
        let labels: Vec<Vec<u16>> = (0..40).map(|i| if i % 2 == 0 { vec![0] } else { vec![1] }).collect();
        let scored = scored(&margins, &labels);
        let t = tune_threshold(&scored);
        // 0.2 (20 false positives) costs less than missing the 20 positives at 0.4: take down to 0.4.
        assert!((0.2..0.4).contains(&t) || t == 0.3, "{t}");
        assert_eq!(tune_threshold(&[]), 0.0);
        let slope = tune_slope(&scored, 0.3);
        assert!(slope > 1.0, "well separated margins give a steep slope: {slope}");
    }

    #[test]
    fn the_svm_learns_a_separable_problem_and_is_deterministic() {
        // Feature 0 marks the label, feature 1 the others, feature 2 is in every example.
        let vectors: Vec<Vec<(u32, f32)>> =
            (0..30).map(|i| vec![(if i % 3 == 0 { 0 } else { 1 }, 0.8), (2, 0.6)]).collect();
        let labels: Vec<Vec<u16>> = (0..30).map(|i| if i % 3 == 0 { vec![0] } else { vec![] }).collect();
        let all: Vec<usize> = (0..30).collect();
        let params = TrainParams { prune: 0.0, ..TrainParams::default() };
        let linear = Linear::train(&vectors, &labels, &all, 3, 1, &params);
        for (x, labels) in vectors.iter().zip(&labels) {
            let margin = linear.margins(x, 1)[0];
            assert_eq!(margin > 0.0, !labels.is_empty(), "{margin}");
        }
        let again = Linear::train(&vectors, &labels, &all, 3, 1, &params);
        assert_eq!((linear.bias, linear.entries), (again.bias, again.entries));
    }
}
