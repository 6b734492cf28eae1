//! Exact attribution for a tree ensemble: the interventional Shapley game of the module above,
//! computed from the trees instead of by scoring hybrid rows (interventional TreeSHAP, Lundberg
//! et al. 2020, "From local explanations to global understanding with explainable AI for trees").
//!
//! When the model's score is `link(margin)` with the margin a sum of leaf values (the runtime's
//! [`Margin`]) and the attribution scale is the link's inverse (log-odds for a logistic link,
//! the score for an identity one), the game is a sum over leaves: for one background row `b`, a
//! leaf is reached by the coalition S exactly when every player on its path is in S if it needs
//! the applicant's values (the applicant meets that player's conditions on the path and `b` does
//! not), out of S if it needs the background's, and either way if both meet them. With `nx`
//! players of the first kind and `nr` of the second, the leaf's value `v` gives each of the first
//! `v (nx - 1)! nr! / (nx + nr)!` and each of the second `-v nx! (nr - 1)! / (nx + nr)!`.
//!
//! The background is fixed when the explainer is made, so for each leaf the background rows are
//! counted once by which of the path's players they meet (a bit mask): explaining an applicant
//! then walks each leaf's path once and each distinct mask once, whatever the background's size.

use std::collections::HashMap;

use riskscope_runtime::ml::tree::{Link, Margin, Step};

use super::{Explainer, Scale};

/// The most players on one root-to-leaf path (the masks are 64 bits).
const MAX_PATH_PLAYERS: usize = 64;
/// The most (leaf, mask) entries kept; past it the ensemble is explained by sampling.
const MAX_ENTRIES: usize = 8_000_000;
/// The most root-to-leaf paths (a tree whose nodes are shared can have very many).
const MAX_PATHS: usize = 2_000_000;
/// A background row's probability from the trees may differ this much from the model's before
/// the trees are not taken to be the model.
const PROBABILITY_TOLERANCE: f64 = 1e-5;

/// One root-to-leaf path.
#[derive(Debug, Clone)]
struct Leaf {
    value: f64,
    /// Ranges into `TreeShap::steps`, `players` and `masks`.
    steps: (u32, u32),
    players: (u32, u32),
    masks: (u32, u32),
}

/// One branch on a path: the branch (an index into `TreeShap::branches`), whether the path
/// takes its `yes` child, and the local bit of the branch's player.
#[derive(Debug, Clone, Copy)]
struct PathStep {
    branch: u32,
    yes: bool,
    bit: u8,
}

/// The trees and the background, counted per leaf.
#[derive(Debug, Clone)]
pub(super) struct TreeShap {
    margin: Margin,
    n_players: usize,
    /// Each input column's player.
    player_of: Vec<usize>,
    leaves: Vec<Leaf>,
    /// Every branch node on a path, with its input column: a row's way at each is found once
    /// per row, not once per path through it.
    branches: Vec<(u32, usize)>,
    steps: Vec<PathStep>,
    players: Vec<u32>,
    /// (mask of the path's players a background row does not meet, how many rows): those
    /// players must come from the applicant for the row to reach the leaf.
    masks: Vec<(u64, u32)>,
    n_background: usize,
    /// Each background row's margin, and their mean.
    background_margins: Vec<f64>,
    pub baseline: f64,
    /// `weights[nx][nr]`: (nx - 1)! nr! / (nx + nr)! for a player the leaf needs from the applicant.
    weights: Vec<Vec<f64>>,
}

impl TreeShap {
    /// Counts the background per leaf; `None` when an ensemble's paths are too many or hold too
    /// many players for the masks.
    pub(super) fn new(
        margin: Margin,
        player_of: Vec<usize>,
        n_players: usize,
        background: &[f32],
        width: usize,
    ) -> Option<TreeShap> {
        if margin.features() > width || player_of.len() != width {
            return None;
        }
        let n_background = background.len() / width;
        let mut shap = TreeShap {
            margin,
            n_players,
            player_of,
            leaves: Vec::new(),
            branches: Vec::new(),
            steps: Vec::new(),
            players: Vec::new(),
            masks: Vec::new(),
            n_background,
            background_margins: Vec::new(),
            baseline: 0.0,
            weights: Vec::new(),
        };
        shap.paths()?;
        shap.count(&RowSets::new(&shap, background, width))?;
        shap.background_margins = background
            .chunks_exact(width)
            .map(|b| shap.margin.margin(b))
            .collect();
        shap.baseline = shap.background_margins.iter().sum::<f64>() / n_background.max(1) as f64;
        Some(shap)
    }

    /// Each leaf's background rows, counted by the mask of path players they do not meet:
    /// in a table of every mask for a leaf with few players, by sorting otherwise.
    fn count(&mut self, sets: &RowSets) -> Option<()> {
        const DENSE_PLAYERS: usize = 10;
        let mut widest = 0;
        let mut rows: Vec<u64> = Vec::with_capacity(sets.rows);
        let mut dense = vec![0u32; 1 << DENSE_PLAYERS];
        let mut met = Vec::new();
        for i in 0..self.leaves.len() {
            let leaf = self.leaves[i].clone();
            let k = (leaf.players.1 - leaf.players.0) as usize;
            widest = widest.max(k);
            sets.players_met(self, &leaf, k, &mut met);
            rows.clear();
            rows.resize(sets.rows, 0);
            for p in 0..k {
                for word in 0..sets.words {
                    let mut missed = !met[p * sets.words + word] & sets.valid(word);
                    while missed != 0 {
                        rows[word * 64 + missed.trailing_zeros() as usize] |= 1 << p;
                        missed &= missed - 1;
                    }
                }
            }
            let start = self.masks.len() as u32;
            if k <= DENSE_PLAYERS {
                let table = &mut dense[..1 << k];
                table.fill(0);
                for &m in &rows {
                    table[m as usize] += 1;
                }
                let found = table.iter().enumerate().filter(|(_, c)| **c > 0);
                self.masks.extend(found.map(|(m, &c)| (m as u64, c)));
            } else {
                rows.sort_unstable();
                for run in rows.chunk_by(|a, b| a == b) {
                    self.masks.push((run[0], run.len() as u32));
                }
            }
            if self.masks.len() > MAX_ENTRIES {
                return None;
            }
            self.leaves[i].masks = (start, self.masks.len() as u32);
        }
        self.weights = weights(widest);
        Some(())
    }

    /// Every root-to-leaf path, with its distinct players.
    fn paths(&mut self) -> Option<()> {
        let roots = self.margin.roots().to_vec();
        let mut path: Vec<(u32, bool)> = Vec::new();
        let mut branch_of: HashMap<u32, u32> = HashMap::new();
        for root in roots {
            // (node, depth on the path, how it was reached), depth first.
            let mut stack = vec![(root, 0usize, None::<(u32, bool)>)];
            while let Some((node, depth, via)) = stack.pop() {
                path.truncate(depth);
                if let Some(step) = via {
                    path.push(step);
                }
                match self.margin.step(node) {
                    Step::Leaf(value) => self.push_leaf(value, &path, &mut branch_of)?,
                    Step::Branch { yes, no, .. } => {
                        stack.push((no, path.len(), Some((node, false))));
                        stack.push((yes, path.len(), Some((node, true))));
                    }
                }
                if self.leaves.len() > MAX_PATHS {
                    return None;
                }
            }
        }
        Some(())
    }

    fn push_leaf(
        &mut self,
        value: f64,
        path: &[(u32, bool)],
        branch_of: &mut HashMap<u32, u32>,
    ) -> Option<()> {
        let players_start = self.players.len();
        let steps_start = self.steps.len();
        for &(node, yes) in path {
            let Step::Branch { feature, .. } = self.margin.step(node) else {
                continue;
            };
            let branch = *branch_of.entry(node).or_insert_with(|| {
                self.branches.push((node, feature));
                self.branches.len() as u32 - 1
            });
            let player = *self.player_of.get(feature)? as u32;
            let local = &self.players[players_start..];
            let bit = match local.iter().position(|&p| p == player) {
                Some(bit) => bit,
                None => {
                    let bit = local.len();
                    self.players.push(player);
                    bit
                }
            };
            if bit >= MAX_PATH_PLAYERS {
                return None;
            }
            self.steps.push(PathStep {
                branch,
                yes,
                bit: bit as u8,
            });
        }
        self.leaves.push(Leaf {
            value,
            steps: (steps_start as u32, self.steps.len() as u32),
            players: (players_start as u32, self.players.len() as u32),
            masks: (0, 0),
        });
        Some(())
    }

    /// Whether `row` takes the `yes` way at each branch.
    fn ways(&self, row: &[f32]) -> Vec<bool> {
        self.branches
            .iter()
            .map(|&(node, feature)| self.margin.goes_yes(node, row[feature]))
            .collect()
    }

    /// The mask of the leaf's players whose every condition on the path a row meets, given the
    /// row's `ways`.
    fn meets(&self, leaf: &Leaf, ways: &[bool]) -> u64 {
        let mut mask = full_mask((leaf.players.1 - leaf.players.0) as usize);
        for step in &self.steps[leaf.steps.0 as usize..leaf.steps.1 as usize] {
            if ways[step.branch as usize] != step.yes {
                mask &= !(1u64 << step.bit);
            }
        }
        mask
    }

    /// The applicant's margin and each player's exact contribution to `margin - baseline`.
    pub(super) fn explain(&self, x: &[f32]) -> (f64, Vec<f64>) {
        let mut phi = vec![0.0; self.n_players];
        let mut local = [0.0f64; MAX_PATH_PLAYERS];
        let ways = self.ways(x);
        for leaf in &self.leaves {
            let k = (leaf.players.1 - leaf.players.0) as usize;
            if k == 0 {
                continue;
            }
            let a = self.meets(leaf, &ways);
            let not_a = full_mask(k) & !a;
            let nr = not_a.count_ones() as usize;
            local[..k].fill(0.0);
            let mut loss = 0.0;
            for &(from_x, count) in &self.masks[leaf.masks.0 as usize..leaf.masks.1 as usize] {
                // A player the row needs from the applicant, who does not meet it either: the
                // leaf is never reached. Otherwise the row's missing players all come from the
                // applicant, and the applicant's missing ones from the row.
                if from_x & not_a != 0 {
                    continue;
                }
                let nx = from_x.count_ones() as usize;
                if nx + nr == 0 {
                    continue;
                }
                let c = f64::from(count) * leaf.value;
                if nx > 0 {
                    let gain = c * self.weights[nx][nr];
                    for bit in Bits(from_x) {
                        local[bit] += gain;
                    }
                }
                if nr > 0 {
                    // A background-side player's weight, nx! (nr - 1)! / (nx + nr)!.
                    loss += c * self.weights[nr][nx];
                }
            }
            for bit in Bits(not_a) {
                local[bit] -= loss;
            }
            for (bit, &player) in self.players[leaf.players.0 as usize..leaf.players.1 as usize]
                .iter()
                .enumerate()
            {
                phi[player as usize] += local[bit];
            }
        }
        let n = self.n_background.max(1) as f64;
        phi.iter_mut().for_each(|p| *p /= n);
        (self.margin.margin(x), phi)
    }

    /// Whether the trees give the model's scores for these background rows (a graph that does
    /// more after the trees, or reads another column, does not pass).
    fn agrees(&self, scores: &[f64], scale: Scale) -> bool {
        let link = self.margin.link();
        scores.len() == self.background_margins.len()
            && self
                .background_margins
                .iter()
                .zip(scores)
                .all(|(&margin, &g)| match (scale, link) {
                    (Scale::LogOdds, Link::Logistic) => {
                        (scale.invert(margin) - scale.invert(g)).abs() <= PROBABILITY_TOLERANCE
                    }
                    (Scale::Score, Link::Identity) => {
                        (margin - g).abs() <= PROBABILITY_TOLERANCE * g.abs().max(1.0)
                    }
                    _ => false,
                })
    }
}

/// The background rows as bit sets, 64 rows to a word: for each branch, the rows that take its
/// `yes` way. A leaf's rows meeting each of its players' conditions are then a few word-wide ANDs.
struct RowSets {
    rows: usize,
    words: usize,
    yes: Vec<u64>,
}

impl RowSets {
    fn new(shap: &TreeShap, background: &[f32], width: usize) -> RowSets {
        let rows = background.len() / width;
        let words = rows.div_ceil(64);
        let mut yes = vec![0u64; shap.branches.len() * words];
        for (b, &(node, feature)) in shap.branches.iter().enumerate() {
            for r in 0..rows {
                if shap.margin.goes_yes(node, background[r * width + feature]) {
                    yes[b * words + r / 64] |= 1 << (r % 64);
                }
            }
        }
        RowSets { rows, words, yes }
    }

    /// The bits of word `word` that are rows.
    fn valid(&self, word: usize) -> u64 {
        let left = self.rows - word * 64;
        if left >= 64 {
            u64::MAX
        } else {
            (1u64 << left) - 1
        }
    }

    /// `met[p * words..][..words]`: the rows meeting every condition of the leaf's player `p`.
    fn players_met(&self, shap: &TreeShap, leaf: &Leaf, k: usize, met: &mut Vec<u64>) {
        met.clear();
        met.resize(k * self.words, u64::MAX);
        for step in &shap.steps[leaf.steps.0 as usize..leaf.steps.1 as usize] {
            let ways = &self.yes[step.branch as usize * self.words..][..self.words];
            let player = &mut met[step.bit as usize * self.words..][..self.words];
            for (m, &w) in player.iter_mut().zip(ways) {
                *m &= if step.yes { w } else { !w };
            }
        }
    }
}

/// The mask of `k` players.
fn full_mask(k: usize) -> u64 {
    if k >= 64 { u64::MAX } else { (1u64 << k) - 1 }
}

/// `w[a][b]` = (a - 1)! b! / (a + b)!, the Shapley weight of the one coalition in which a
/// player of a group of `a` joins last against a group of `b` (for a >= 1); by symmetry
/// `w[nr][nx]` is a background-side player's weight nx! (nr - 1)! / (nx + nr)!.
fn weights(widest: usize) -> Vec<Vec<f64>> {
    let n = widest + 1;
    let mut w = vec![vec![0.0; n]; n];
    for (a, row) in w.iter_mut().enumerate().skip(1) {
        for (b, cell) in row.iter_mut().enumerate() {
            // (a - 1)! b! / (a + b)! = 1 / (a * C(a + b, b)).
            let mut v = 1.0 / a as f64;
            for i in 1..=b {
                v *= i as f64 / (a + i) as f64;
            }
            *cell = v;
        }
    }
    w
}

/// The set bits of a mask, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(bit)
    }
}

impl Explainer {
    /// Explains exactly from the trees when `margin` is the model (checked on the background)
    /// and the attribution scale is its link's; otherwise the explainer stays as it was.
    pub fn with_trees(mut self, margin: &Margin) -> Explainer {
        let mut player_of = vec![0; self.width];
        for (j, cols) in self.columns.iter().enumerate() {
            player_of[cols.clone()].fill(j);
        }
        let shap = TreeShap::new(
            margin.clone(),
            player_of,
            self.columns.len(),
            &self.background,
            self.width,
        );
        if let Some(shap) = shap
            && shap.agrees(&self.background_g, self.scale)
        {
            self.baseline = shap.baseline;
            self.trees = Some(std::sync::Arc::new(shap));
        }
        self
    }

    /// Whether attributions come from the trees.
    pub fn is_tree(&self) -> bool {
        self.trees.is_some()
    }
}

/// Interventional TreeSHAP for one row with any grouping of the columns into players: each
/// player's contribution to `margin(x) - mean_b margin(b)`, and `margin(x)`. `None` when the
/// ensemble's paths are too many for it. For tests and tools that compare with other TreeSHAPs.
pub fn tree_shap(
    margin: &Margin,
    player_of: &[usize],
    x: &[f32],
    background: &[f32],
) -> Option<(f64, f64, Vec<f64>)> {
    let n_players = player_of.iter().max().map_or(0, |&p| p + 1);
    let shap = TreeShap::new(
        margin.clone(),
        player_of.to_vec(),
        n_players,
        background,
        player_of.len(),
    )?;
    let (value, phi) = shap.explain(x);
    Some((shap.baseline, value, phi))
}

impl Explainer {
    pub(super) fn explain_trees(&self, x: &[f32], trees: &TreeShap) -> super::Attribution {
        let (value, contributions) = trees.explain(x);
        super::Attribution {
            scale: self.scale,
            method: super::Method::Trees,
            baseline: trees.baseline,
            value,
            half_width: vec![0.0; contributions.len()],
            contributions,
        }
    }
}
