//! An ensemble read as what exact tree attribution needs: a score that is a fixed link of one
//! sum of leaf values (the margin), and the branch each node sends a value down.
//!
//! Only the cases where onnxruntime's output is that link of that sum are offered:
//! - a binary classifier whose leaves weigh class 0 only (onnxruntime's binary case; LightGBM,
//!   XGBoost and scikit-learn's boosting export this way), some weight negative, `LOGISTIC`,
//!   at most one base value: column 1 is `logistic(s)` and column 0 `logistic(-s)`, `s` the
//!   summed weights plus the base value ([`finish`](super::finish));
//! - a one-target regressor summing or averaging its trees, no transform: the score is the sum
//!   (over the number of trees for an average) plus the base value.
//!
//! Everything else (forests' averaged probabilities, several classes, `PROBIT`, `min`/`max`
//! aggregation) is not a link of one sum, and has no margin.

use std::sync::Arc;

use super::*;

/// How the score is made from the margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// `1 / (1 + e^-margin)`: a probability whose log-odds is the margin.
    Logistic,
    /// The margin itself.
    Identity,
}

/// One node, as a reader walks it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// A leaf and its value on the margin.
    Leaf(f64),
    /// A branch reading input column `feature`, with its two children.
    Branch { feature: usize, yes: u32, no: u32 },
}

/// A compiled ensemble whose chosen output column is `link(margin)`.
#[derive(Debug, Clone)]
pub struct Margin {
    ensemble: Arc<Ensemble>,
    /// +1, or -1 when the column read is a binary classifier's class 0.
    sign: f64,
    /// 1, or 1 / trees for an averaging regressor.
    scale: f64,
    base: f64,
    link: Link,
}

impl Margin {
    /// The margin of output column `column`, if that column is a link of one sum of leaves.
    pub(crate) fn of(ensemble: Arc<Ensemble>, column: usize) -> Option<Margin> {
        let e = &*ensemble;
        let base = |n: usize| match e.base.len() {
            0 => Some(0.0),
            1 if n == 1 => Some(f64::from(e.base[0])),
            _ => None,
        };
        let (sign, scale, base, link) = match &e.kind {
            Kind::Classifier {
                binary: true,
                positive: false,
                ..
            } if e.post == Post::Logistic
                && e.outputs == 2
                && column < 2
                && e.weights.iter().all(|&(k, _)| k == 0) =>
            {
                let sign = if column == 1 { 1.0 } else { -1.0 };
                (sign, 1.0, base(1)?, Link::Logistic)
            }
            Kind::Regressor if e.post == Post::None && e.outputs == 1 && column == 0 => {
                let scale = match e.aggregate {
                    Aggregate::Sum => 1.0,
                    Aggregate::Average => 1.0 / e.roots.len().max(1) as f64,
                    Aggregate::Min | Aggregate::Max => return None,
                };
                (1.0, scale, base(1)?, Link::Identity)
            }
            _ => return None,
        };
        Some(Margin {
            ensemble,
            sign,
            scale,
            base: sign * base,
            link,
        })
    }

    pub fn link(&self) -> Link {
        self.link
    }

    /// Each tree's root node.
    pub fn roots(&self) -> &[u32] {
        &self.ensemble.roots
    }

    /// The highest input column the trees read, plus one.
    pub fn features(&self) -> usize {
        self.ensemble.features
    }

    /// The part of the margin no leaf gives.
    pub fn base(&self) -> f64 {
        self.base
    }

    /// Node `i` (from [`Margin::roots`] or a branch's children).
    pub fn step(&self, i: u32) -> Step {
        let e = &*self.ensemble;
        let node = e.nodes[i as usize];
        if node.key & LEAF != 0 {
            let (start, end) = e.spans[i as usize];
            let sum: f64 = e.weights[start as usize..end as usize]
                .iter()
                .map(|&(_, w)| f64::from(w))
                .sum();
            return Step::Leaf(self.sign * self.scale * sum);
        }
        Step::Branch {
            feature: (node.key & FEATURE_MASK) as usize,
            yes: node.yes,
            no: node.no,
        }
    }

    /// Whether branch `i` sends `x` (its column's value) to its `yes` child.
    pub fn goes_yes(&self, i: u32, x: f32) -> bool {
        let node = self.ensemble.nodes[i as usize];
        Rule::from_key(node.key).holds(x, node.threshold)
            || (node.key & NAN_TRUE != 0 && x.is_nan())
    }

    /// The margin of one row (at least [`Margin::features`] wide), summed in f64.
    pub fn margin(&self, row: &[f32]) -> f64 {
        let mut total = self.base;
        for &root in self.roots() {
            let mut at = root;
            loop {
                match self.step(at) {
                    Step::Leaf(v) => {
                        total += v;
                        break;
                    }
                    Step::Branch { feature, yes, no } => {
                        at = if self.goes_yes(at, row[feature]) {
                            yes
                        } else {
                            no
                        };
                    }
                }
            }
        }
        total
    }
}
