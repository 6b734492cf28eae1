//! Scoring rows: a block of rows walks one tree at a time (the tree's nodes stay in cache), each
//! leaf's weights go into the row's accumulators, and [`finish`](super::finish) turns a row's
//! accumulators into onnxruntime's outputs.
//!
//! Rows walk a tree in groups of [`LANES`], in step: each step moves every row of the group one
//! node down with a select, not a branch, for as many steps as the tree is deep (a leaf points
//! to itself, so a row that arrives early waits there). The groups' walks are independent, so
//! the processor overlaps their memory reads instead of stalling on one mispredicted branch
//! after another. The comparison is compiled once per branch rule, so the usual ensemble (one
//! rule everywhere) compares without looking the rule up.
//!
//! Measured with `bench_trees` (best of many timings; this machine's speed drifts by half):
//! groups of 8, 16 and 32 rows within noise of each other, well ahead of one row at a time on
//! XGBoost and forests; a perfect-tree layout (children at `2i + 1`, `2i + 2`, no child
//! pointers: Hummingbird's "perfect tree traversal") was no faster, and was not kept.

use super::*;

/// Rows per block: a block's rows and accumulators stay in the first-level cache.
const BLOCK: usize = 64;
/// Rows walking a tree in step.
const LANES: usize = 16;

/// Accumulated leaf weights of a block of rows: `sum[row * outputs + k]`, and whether any leaf
/// gave output `k` a weight.
pub(super) struct Accumulators {
    pub sum: Vec<f32>,
    pub has: Vec<bool>,
}

impl Ensemble {
    /// Scores `rows` (row-major, `width` values each, `width` at least the trees' `features`):
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
            // `|` rather than `||`: both sides are cheap, and a select needs no branch.
            match (self.rule, self.missing_tracks) {
                (Some(Rule::Leq), false) => self.block(block, width, &mut acc, |_, x, t| x <= t),
                (Some(Rule::Lt), false) => self.block(block, width, &mut acc, |_, x, t| x < t),
                (Some(Rule::Gte), false) => self.block(block, width, &mut acc, |_, x, t| x >= t),
                (Some(Rule::Gt), false) => self.block(block, width, &mut acc, |_, x, t| x > t),
                (Some(Rule::Leq), true) => self.block(block, width, &mut acc, |k, x, t| {
                    (x <= t) | ((k & NAN_TRUE != 0) & x.is_nan())
                }),
                (Some(Rule::Lt), true) => self.block(block, width, &mut acc, |k, x, t| {
                    (x < t) | ((k & NAN_TRUE != 0) & x.is_nan())
                }),
                _ => self.block(block, width, &mut acc, |k, x, t| {
                    Rule::from_key(k).holds(x, t) | ((k & NAN_TRUE != 0) & x.is_nan())
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
        let n = block.len() / width;
        for (&root, &depth) in self.roots.iter().zip(&self.depths) {
            let mut first = 0;
            while first + LANES <= n {
                let mut at = [root; LANES];
                for _ in 0..depth {
                    for (lane, node) in at.iter_mut().enumerate() {
                        let here = self.nodes[*node as usize];
                        let row = (first + lane) * width;
                        let x = block[row + (here.key & FEATURE_MASK) as usize];
                        *node = if holds(here.key, x, here.threshold) {
                            here.yes
                        } else {
                            here.no
                        };
                    }
                }
                for (lane, &leaf) in at.iter().enumerate() {
                    self.add(acc, first + lane, leaf);
                }
                first += LANES;
            }
            for r in first..n {
                let leaf = walk(
                    &self.nodes,
                    root,
                    &block[r * width..(r + 1) * width],
                    &holds,
                );
                self.add(acc, r, leaf);
            }
        }
    }

    /// Adds leaf `leaf`'s weights to row `r`'s accumulators.
    #[inline(always)]
    fn add(&self, acc: &mut Accumulators, r: usize, leaf: u32) {
        let outputs = self.outputs;
        let sums = &mut acc.sum[r * outputs..(r + 1) * outputs];
        let has = &mut acc.has[r * outputs..(r + 1) * outputs];
        let (start, end) = self.spans[leaf as usize];
        for &(k, w) in &self.weights[start as usize..end as usize] {
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

/// The leaf `row` reaches from `root`, one node at a time.
#[inline(always)]
fn walk(nodes: &[Node], root: u32, row: &[f32], holds: &impl Fn(u32, f32, f32) -> bool) -> u32 {
    let mut at = root;
    loop {
        let node = nodes[at as usize];
        if node.key & LEAF != 0 {
            return at;
        }
        let x = row[(node.key & FEATURE_MASK) as usize];
        at = if holds(node.key, x, node.threshold) {
            node.yes
        } else {
            node.no
        };
    }
}
