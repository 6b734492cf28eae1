//! Scoring rows: a block of rows walks one tree at a time (the tree's nodes stay in cache), each
//! leaf's weights go into the row's accumulators, and [`finish`](super::finish) turns a row's
//! accumulators into onnxruntime's outputs. The walk is compiled once per branch rule, so the
//! usual ensemble (one rule everywhere) compares without looking the rule up.

use super::*;

/// Rows per block: a block's rows and accumulators stay in the first-level cache.
const BLOCK: usize = 64;

/// Accumulated leaf weights of a block of rows: `sum[row * outputs + k]`, and whether any leaf
/// gave output `k` a weight.
pub(super) struct Accumulators {
    pub sum: Vec<f32>,
    pub has: Vec<bool>,
}

impl Ensemble {
    /// The number of trees.
    pub fn trees(&self) -> usize {
        self.roots.len()
    }

    /// The input columns the trees read.
    pub fn features(&self) -> usize {
        self.features
    }

    /// Classes or targets per row.
    pub fn outputs(&self) -> usize {
        self.outputs
    }

    /// Scores `rows` (row-major, `width` values each, `width` at least [`features`](Self::features)):
    /// for each block, calls `done(first_row, &accumulators)`.
    pub(super) fn accumulate(
        &self,
        rows: &[f32],
        width: usize,
        mut done: impl FnMut(usize, &Accumulators),
    ) {
        let mut acc = Accumulators {
            sum: vec![0.0; BLOCK * self.outputs],
            has: vec![false; BLOCK * self.outputs],
        };
        for (b, block) in rows.chunks(BLOCK * width).enumerate() {
            let n = block.len() / width;
            acc.sum[..n * self.outputs].fill(0.0);
            acc.has[..n * self.outputs].fill(false);
            match (self.rule, self.missing_tracks) {
                (Some(Rule::Leq), false) => self.block(block, width, &mut acc, |_, x, t| x <= t),
                (Some(Rule::Lt), false) => self.block(block, width, &mut acc, |_, x, t| x < t),
                (Some(Rule::Leq), true) => self.block(block, width, &mut acc, |k, x, t| {
                    x <= t || (k & NAN_TRUE != 0 && x.is_nan())
                }),
                (Some(Rule::Lt), true) => self.block(block, width, &mut acc, |k, x, t| {
                    x < t || (k & NAN_TRUE != 0 && x.is_nan())
                }),
                _ => self.block(block, width, &mut acc, |k, x, t| {
                    Rule::from_key(k).holds(x, t) || (k & NAN_TRUE != 0 && x.is_nan())
                }),
            }
            done(b * BLOCK, &acc);
        }
    }

    #[inline(always)]
    fn block(
        &self,
        block: &[f32],
        width: usize,
        acc: &mut Accumulators,
        holds: impl Fn(u32, f32, f32) -> bool,
    ) {
        let outputs = self.outputs;
        for &root in &self.roots {
            for (r, row) in block.chunks_exact(width).enumerate() {
                let leaf = walk(&self.nodes, root, row, &holds);
                let sums = &mut acc.sum[r * outputs..(r + 1) * outputs];
                let has = &mut acc.has[r * outputs..(r + 1) * outputs];
                for &(k, w) in &self.weights[leaf.yes as usize..leaf.no as usize] {
                    let k = k as usize;
                    sums[k] = match self.aggregate {
                        Aggregate::Sum | Aggregate::Average => sums[k] + w,
                        Aggregate::Min if has[k] => sums[k].min(w),
                        Aggregate::Max if has[k] => sums[k].max(w),
                        Aggregate::Min | Aggregate::Max => w,
                    };
                    has[k] = true;
                }
            }
        }
    }
}

/// The leaf `row` reaches from `root`.
#[inline(always)]
fn walk<'n>(
    nodes: &'n [Node],
    root: u32,
    row: &[f32],
    holds: &impl Fn(u32, f32, f32) -> bool,
) -> &'n Node {
    let mut node = &nodes[root as usize];
    while node.key & LEAF == 0 {
        let x = row[(node.key & FEATURE_MASK) as usize];
        let next = if holds(node.key, x, node.threshold) {
            node.yes
        } else {
            node.no
        };
        node = &nodes[next as usize];
    }
    node
}
