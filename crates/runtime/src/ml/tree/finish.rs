//! From a row's accumulated leaf weights to the operator's outputs, as onnxruntime computes them
//! (`tree_ensemble_aggregator.h`, `ml_common.h`). Where onnxruntime departs from the ONNX-ML
//! specification this follows onnxruntime, and says so:
//! - a binary classifier whose leaves weigh one class gives `[1 - s, s]` when every weight is
//!   positive, `[logistic(-s), logistic(s)]` under LOGISTIC, `[-s, s]` otherwise;
//! - PROBIT uses onnxruntime's approximation of the inverse error function (Winitzki's, about
//!   1e-3 from the exact value), and a one-target regressor applies only PROBIT;
//! - with two classes and two base values, the base value of class 0 is ignored when class 1
//!   has a weight;
//! - a class no leaf weighed is written as 0 (before the transform), its base value dropped.

use super::*;

/// One row's outputs: the scores, and the index of the winning class (classifiers).
pub(super) fn finish(e: &Ensemble, sum: &[f32], has: &[bool], scores: &mut [f32]) -> usize {
    match e.kind {
        Kind::Regressor => {
            regress(e, sum, has, scores);
            0
        }
        Kind::Classifier {
            binary, positive, ..
        } if e.outputs == 2 => classify_binary(e, binary, positive, sum, has, scores),
        Kind::Classifier { .. } => classify(e, sum, has, scores),
    }
}

fn regress(e: &Ensemble, sum: &[f32], has: &[bool], scores: &mut [f32]) {
    let trees = e.roots.len() as f32;
    if e.outputs == 1 {
        let origin = if e.base.len() == 1 { e.base[0] } else { 0.0 };
        let s = match e.aggregate {
            Aggregate::Sum => sum[0] + origin,
            Aggregate::Average => sum[0] / trees + origin,
            Aggregate::Min | Aggregate::Max if has[0] => sum[0] + origin,
            Aggregate::Min | Aggregate::Max => origin,
        };
        scores[0] = if e.post == Post::Probit { probit(s) } else { s };
        return;
    }
    let with_base = e.base.len() == e.outputs;
    for k in 0..e.outputs {
        let base = if with_base { e.base[k] } else { 0.0 };
        scores[k] = match e.aggregate {
            Aggregate::Sum => sum[k] + base,
            Aggregate::Average => sum[k] / trees + base,
            Aggregate::Min | Aggregate::Max => base + if has[k] { sum[k] } else { 0.0 },
        };
    }
    transform(e.post, scores);
}

fn classify(e: &Ensemble, sum: &[f32], has: &[bool], scores: &mut [f32]) -> usize {
    let mut has = has.to_vec();
    scores.copy_from_slice(sum);
    for (k, &b) in e.base.iter().enumerate() {
        scores[k] += b;
        has[k] = true;
    }
    let mut best: Option<usize> = None;
    for k in 0..e.outputs {
        if has[k] && best.is_none_or(|b| scores[k] > scores[b]) {
            best = Some(k);
        }
    }
    transform(e.post, scores);
    best.unwrap_or(0)
}

fn classify_binary(
    e: &Ensemble,
    binary: bool,
    positive: bool,
    sum: &[f32],
    has: &[bool],
    scores: &mut [f32],
) -> usize {
    let (mut s0, mut s1) = (sum[0], sum[1]);
    // Whether the second column is kept (onnxruntime drops it when class 1 has no weight).
    let mut both = true;
    // How onnxruntime writes a single score as two columns (`add_second_class`).
    let mut second: i32 = -1;
    match e.base.len() {
        2 if has[1] => {
            s1 = e.base[1] + s0;
            s0 = -s1;
        }
        2 => {
            s1 += e.base[1];
            s0 += e.base[0];
        }
        1 => {
            s0 += e.base[0];
            both = has[1];
        }
        _ => {
            second = 3;
            both = has[1];
        }
    }
    // onnxruntime writes a class that no leaf weighed as 0, whatever base value it was given.
    let v0 = if has[0] { s0 } else { 0.0 };
    let v1 = if has[1] { s1 } else { 0.0 };
    let weight = if both && has[1] {
        s1
    } else if has[0] {
        s0
    } else {
        0.0
    };
    let class = if binary {
        let (class, code) = match (positive, weight) {
            (true, w) if w > 0.5 => (1, 0),
            (true, _) => (0, 1),
            (false, w) if w > 0.0 => (1, 2),
            (false, _) => (0, 3),
        };
        second = code;
        class
    } else {
        usize::from(weight > 0.0)
    };
    if both {
        scores[0] = v0;
        scores[1] = v1;
        transform(e.post, scores);
        return class;
    }
    // One score written as two columns. onnxruntime leaves the second column unwritten under
    // PROBIT, and when the leaves weigh both classes but not this row's class 1 (its memory then
    // holds whatever was there): here it is 0.
    let s = v0;
    (scores[0], scores[1]) = match (e.post, second) {
        (Post::Probit, _) => (probit(s), 0.0),
        (Post::Logistic, -1) => (logistic(s), 0.0),
        (_, -1) => (s, 0.0),
        (_, 0 | 1) => (1.0 - s, s),
        (Post::Logistic, _) => (logistic(-s), logistic(s)),
        _ => (-s, s),
    };
    class
}

/// `post_transform` over two or more scores.
fn transform(post: Post, scores: &mut [f32]) {
    match post {
        Post::None => {}
        Post::Logistic => scores.iter_mut().for_each(|s| *s = logistic(*s)),
        Post::Probit => scores.iter_mut().for_each(|s| *s = probit(*s)),
        Post::Softmax => {
            let max = scores.iter().copied().fold(-f32::MAX, f32::max);
            let mut total = 0.0;
            for s in scores.iter_mut() {
                *s = (*s - max).exp();
                total += *s;
            }
            scores.iter_mut().for_each(|s| *s /= total);
        }
        Post::SoftmaxZero => {
            let max = scores.iter().copied().fold(-f32::MAX, f32::max);
            let exp_neg_max = (-max).exp();
            let mut total = 0.0;
            for s in scores.iter_mut() {
                if *s > 0.000_000_1 || *s < -0.000_000_1 {
                    *s = (*s - max).exp();
                    total += *s;
                } else {
                    *s *= exp_neg_max;
                }
            }
            scores.iter_mut().for_each(|s| *s /= total);
        }
    }
}

/// onnxruntime's `ComputeLogistic`.
fn logistic(x: f32) -> f32 {
    let v = 1.0 / (1.0 + (-x.abs()).exp());
    if x < 0.0 { 1.0 - v } else { v }
}

/// onnxruntime's `ComputeProbit`: √2 · erfinv(2x − 1) with its approximate erfinv.
fn probit(x: f32) -> f32 {
    std::f32::consts::SQRT_2 * erf_inv(2.0 * x - 1.0)
}

/// onnxruntime's `ErfInv`, its π written to five decimals as it writes it.
#[allow(clippy::approx_constant)]
fn erf_inv(x: f32) -> f32 {
    let sign = if x < 0.0 { -1.0 } else { 1.0 };
    let x = (1.0 - x) * (1.0 + x);
    let log = x.ln();
    let v = 2.0 / (3.14159_f32 * 0.147_f32) + 0.5 * log;
    let v2 = 1.0 / 0.147_f32 * log;
    let v3 = -v + (v * v - v2).sqrt();
    sign * v3.sqrt()
}
