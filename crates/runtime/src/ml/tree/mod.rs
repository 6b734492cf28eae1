//! ai.onnx.ml's TreeEnsembleClassifier and TreeEnsembleRegressor (and opset 5's TreeEnsemble,
//! rewritten as a regressor: [`unified`]), RiskScope's own: the node's
//! attributes are checked and compiled once ([`build`]) into a flat array of 16-byte nodes, and
//! rows are scored a block at a time, tree after tree, so a tree's nodes stay in cache while a
//! block of rows walks them ([`eval`]). The results are onnxruntime's, corners included
//! ([`finish`]): onnxruntime is what a converter's user checks their file with.

mod build;
mod eval;
mod finish;
mod margin;
mod op;
mod unified;

pub use build::{MAX_NODES, MAX_OUTPUTS};
pub use margin::{Link, Margin, Step};
pub(crate) use op::margin_of;
pub use op::register;

use tract_onnx::pb::NodeProto;

use crate::ml::attributes::Attributes;

/// What an ensemble holds, for a reader: its trees, their leaves, the deepest path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub trees: usize,
    pub leaves: usize,
    /// The most branches on a path from a root to a leaf, over every tree.
    pub depth: u32,
    pub nodes: usize,
}

/// The shape of a TreeEnsembleClassifier or TreeEnsembleRegressor node as RiskScope compiles
/// it; `None` for another operator or a node that does not compile (loading it says why).
pub fn shape(node: &NodeProto) -> Option<Shape> {
    let ensemble = match node.op_type.as_str() {
        "TreeEnsembleClassifier" => Ensemble::from_attributes(&Attributes::new(node), true).ok()?,
        "TreeEnsembleRegressor" => Ensemble::from_attributes(&Attributes::new(node), false).ok()?,
        "TreeEnsemble" => {
            let legacy = unified::legacy(&Attributes::new(node)).ok()?;
            Ensemble::from_attributes(&Attributes::new(&legacy), false).ok()?
        }
        _ => return None,
    };
    Some(Shape {
        trees: ensemble.roots.len(),
        leaves: ensemble.nodes.iter().filter(|n| n.key & LEAF != 0).count(),
        depth: ensemble.depths.iter().copied().max().unwrap_or(0),
        nodes: ensemble.nodes.len(),
    })
}

/// A node's `key`: a leaf, a branch whose missing values go the true way, the branch rule, the
/// feature index.
const LEAF: u32 = 1 << 31;
const NAN_TRUE: u32 = 1 << 30;
const RULE_SHIFT: u32 = 27;
const FEATURE_MASK: u32 = (1 << RULE_SHIFT) - 1;

/// One node. A branch goes to `yes` when its rule holds, else to `no` (node indices). A leaf
/// points to itself both ways (so a walk of fixed length may pass it), and its weights are
/// `weights[spans[i].0..spans[i].1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C)]
struct Node {
    key: u32,
    threshold: f32,
    yes: u32,
    no: u32,
}

/// A branch rule of `nodes_modes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Leq = 0,
    Lt = 1,
    Gte = 2,
    Gt = 3,
    Eq = 4,
    Neq = 5,
}

impl Rule {
    const ALL: [Rule; 6] = [
        Rule::Leq,
        Rule::Lt,
        Rule::Gte,
        Rule::Gt,
        Rule::Eq,
        Rule::Neq,
    ];

    fn from_key(key: u32) -> Rule {
        Rule::ALL[((key >> RULE_SHIFT) & 7) as usize % 6]
    }

    #[inline(always)]
    fn holds(self, x: f32, threshold: f32) -> bool {
        match self {
            Rule::Leq => x <= threshold,
            Rule::Lt => x < threshold,
            Rule::Gte => x >= threshold,
            Rule::Gt => x > threshold,
            Rule::Eq => x == threshold,
            Rule::Neq => x != threshold,
        }
    }
}

/// `post_transform`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Post {
    None,
    Logistic,
    Softmax,
    SoftmaxZero,
    Probit,
}

/// A regressor's `aggregate_function` (a classifier always sums).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aggregate {
    Sum,
    Average,
    Min,
    Max,
}

/// A classifier's class labels, as its `label` output gives them.
#[derive(Debug, Clone, PartialEq)]
enum Labels {
    Ints(Vec<i64>),
    Strings(Vec<String>),
}

impl Labels {
    fn len(&self) -> usize {
        match self {
            Labels::Ints(v) => v.len(),
            Labels::Strings(v) => v.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Classifier {
        labels: Labels,
        /// Two classes and the leaves weigh one of them only (onnxruntime's binary case).
        binary: bool,
        /// Every leaf weight is zero or more.
        positive: bool,
    },
    Regressor,
}

/// A compiled ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct Ensemble {
    nodes: Vec<Node>,
    /// Each tree's root node, in the order the file lists the trees.
    roots: Vec<u32>,
    /// Leaf weights: (class or target, weight).
    weights: Vec<(u32, f32)>,
    /// Each node's range of `weights` (empty for a branch).
    spans: Vec<(u32, u32)>,
    /// Each tree's depth: the most branches on a path from its root to a leaf.
    depths: Vec<u32>,
    /// The one rule every branch uses, when they all use one.
    rule: Option<Rule>,
    /// Whether any branch sends a missing value the true way.
    missing_tracks: bool,
    /// How many input columns the trees read (the highest feature index + 1).
    features: usize,
    /// Classes or targets.
    outputs: usize,
    aggregate: Aggregate,
    post: Post,
    base: Vec<f32>,
    kind: Kind,
}
