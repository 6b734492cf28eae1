//! ai.onnx.ml opset 5's TreeEnsemble, the one operator that replaces TreeEnsembleClassifier and
//! TreeEnsembleRegressor. Its attributes are rewritten as a TreeEnsembleRegressor's and compiled
//! by the same builder, as onnxruntime does (`tree_ensemble_attribute.h`, `convert_to_v3`): each
//! tree is laid out from its root, leaves become `LEAF` nodes with one target weight, and a
//! `BRANCH_MEMBER` node becomes a chain of `BRANCH_EQ` nodes, one per value of its set (a value
//! in the set goes the true way; a missing value goes the way the node's missing track says).
//! The input (float, double or float16) is scored in f32, like the older operators, and the
//! output is cast back to the input's type.

use tract_onnx::pb::{AttributeProto, NodeProto, attribute_proto::AttributeType};

use super::MAX_NODES;
use crate::ml::attributes::{AttributeError, Attributes};

type Result<T> = std::result::Result<T, AttributeError>;

/// `nodes_modes` values 0 to 5; 6 is `BRANCH_MEMBER`.
const MODES: [&str; 6] = [
    "BRANCH_LEQ",
    "BRANCH_LT",
    "BRANCH_GTE",
    "BRANCH_GT",
    "BRANCH_EQ",
    "BRANCH_NEQ",
];
const MEMBER: u8 = 6;
const POSTS: [&str; 5] = ["NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO", "PROBIT"];
const AGGREGATES: [&str; 4] = ["AVERAGE", "SUM", "MIN", "MAX"];

/// The opset 5 attributes, read and length-checked.
struct Unified<'a> {
    roots: &'a [i64],
    features: &'a [i64],
    yes: &'a [i64],
    no: &'a [i64],
    yes_leaf: &'a [i64],
    no_leaf: &'a [i64],
    missing: Option<&'a [i64]>,
    modes: Vec<u8>,
    splits: Vec<f32>,
    /// Each node's set, for `BRANCH_MEMBER` nodes.
    sets: Vec<Vec<f32>>,
    targets: &'a [i64],
    weights: Vec<f32>,
    n_targets: i64,
}

/// The legacy node lists being written.
#[derive(Default)]
struct Legacy {
    tree: Vec<i64>,
    node: Vec<i64>,
    feature: Vec<i64>,
    mode: Vec<Vec<u8>>,
    value: Vec<f32>,
    yes: Vec<i64>,
    no: Vec<i64>,
    missing: Vec<i64>,
    target_tree: Vec<i64>,
    target_node: Vec<i64>,
    target_id: Vec<i64>,
    target_weight: Vec<f32>,
}

/// A child: a node index or a leaf index.
#[derive(Clone, Copy)]
enum Child {
    Node(i64),
    Leaf(i64),
}

/// The TreeEnsembleRegressor node that computes what `a` (a TreeEnsemble node) computes.
pub(super) fn legacy(a: &Attributes) -> Result<NodeProto> {
    let u = read(a)?;
    let mut out = Legacy::default();
    for (t, &root) in u.roots.iter().enumerate() {
        // (child, its id in this tree); ids are given in the order nodes are written.
        let mut next_id = 1i64;
        let mut stack = vec![(Child::Node(root), 0i64)];
        while let Some((child, id)) = stack.pop() {
            if out.node.len() > MAX_NODES {
                return Err(a.error(
                    "tree_roots",
                    format!(
                        "the tree from root {root} (tree {t}) does not end within {MAX_NODES} nodes: a cycle, or too many"
                    ),
                ));
            }
            let mut fresh = || {
                next_id += 1;
                next_id - 1
            };
            match child {
                Child::Leaf(j) => {
                    let j = index(a, "nodes_trueleafs", j, u.targets.len())?;
                    if u.targets[j] < 0 || u.targets[j] >= u.n_targets {
                        return Err(a.error(
                            "leaf_targetids",
                            format!(
                                "{} (leaf {j}) is not one of the {} targets",
                                u.targets[j], u.n_targets
                            ),
                        ));
                    }
                    out.push(t as i64, id, 0, b"LEAF".to_vec(), 0.0, (0, 0), 0);
                    out.target_tree.push(t as i64);
                    out.target_node.push(id);
                    out.target_id.push(u.targets[j]);
                    out.target_weight.push(u.weights[j]);
                }
                Child::Node(i) => {
                    let i = index(a, "tree_roots", i, u.features.len())?;
                    let (yes, no) = (u.child(i, true), u.child(i, false));
                    let (yes_id, no_id) = (fresh(), fresh());
                    stack.push((no, no_id));
                    stack.push((yes, yes_id));
                    let missing = u.missing.map_or(0, |m| m[i]);
                    if u.modes[i] != MEMBER {
                        let mode = MODES[u.modes[i] as usize].as_bytes().to_vec();
                        let ids = (yes_id, no_id);
                        out.push(t as i64, id, u.features[i], mode, u.splits[i], ids, missing);
                        continue;
                    }
                    // One BRANCH_EQ per value; an empty set never holds (NaN equals nothing).
                    let set = if u.sets[i].is_empty() {
                        vec![f32::NAN]
                    } else {
                        u.sets[i].clone()
                    };
                    let mut here = id;
                    for (q, &v) in set.iter().enumerate() {
                        let otherwise = if q + 1 == set.len() { no_id } else { fresh() };
                        let track = if q == 0 { missing } else { 0 };
                        let mode = b"BRANCH_EQ".to_vec();
                        out.push(
                            t as i64,
                            here,
                            u.features[i],
                            mode,
                            v,
                            (yes_id, otherwise),
                            track,
                        );
                        here = otherwise;
                    }
                }
            }
        }
    }
    Ok(out.into_node(a, &u))
}

fn index(a: &Attributes, name: &str, i: i64, len: usize) -> Result<usize> {
    if i < 0 || i as usize >= len {
        return Err(a.error(
            name,
            format!("{i} points outside the {len} entries it indexes"),
        ));
    }
    Ok(i as usize)
}

impl Unified<'_> {
    fn child(&self, i: usize, yes: bool) -> Child {
        let (ids, leaf) = if yes {
            (self.yes, self.yes_leaf)
        } else {
            (self.no, self.no_leaf)
        };
        if leaf[i] != 0 {
            Child::Leaf(ids[i])
        } else {
            Child::Node(ids[i])
        }
    }
}

impl Legacy {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        tree: i64,
        node: i64,
        feature: i64,
        mode: Vec<u8>,
        value: f32,
        (yes, no): (i64, i64),
        missing: i64,
    ) {
        self.tree.push(tree);
        self.node.push(node);
        self.feature.push(feature);
        self.mode.push(mode);
        self.value.push(value);
        self.yes.push(yes);
        self.no.push(no);
        self.missing.push(missing);
    }

    fn into_node(self, a: &Attributes, u: &Unified) -> NodeProto {
        let ints = |name: &str, v: Vec<i64>| AttributeProto {
            name: name.into(),
            r#type: AttributeType::Ints as i32,
            ints: v,
            ..Default::default()
        };
        let floats = |name: &str, v: Vec<f32>| AttributeProto {
            name: name.into(),
            r#type: AttributeType::Floats as i32,
            floats: v,
            ..Default::default()
        };
        let string = |name: &str, v: &str| AttributeProto {
            name: name.into(),
            r#type: AttributeType::String as i32,
            s: v.as_bytes().to_vec(),
            ..Default::default()
        };
        let post = a.int("post_transform").unwrap_or(0);
        let aggregate = a.int("aggregate_function").unwrap_or(1);
        NodeProto {
            name: a.node().to_owned(),
            op_type: "TreeEnsemble".into(),
            attribute: vec![
                ints("nodes_treeids", self.tree),
                ints("nodes_nodeids", self.node),
                ints("nodes_featureids", self.feature),
                AttributeProto {
                    name: "nodes_modes".into(),
                    r#type: AttributeType::Strings as i32,
                    strings: self.mode,
                    ..Default::default()
                },
                floats("nodes_values", self.value),
                ints("nodes_truenodeids", self.yes),
                ints("nodes_falsenodeids", self.no),
                ints("nodes_missing_value_tracks_true", self.missing),
                ints("target_treeids", self.target_tree),
                ints("target_nodeids", self.target_node),
                ints("target_ids", self.target_id),
                floats("target_weights", self.target_weight),
                AttributeProto {
                    name: "n_targets".into(),
                    r#type: AttributeType::Int as i32,
                    i: u.n_targets,
                    ..Default::default()
                },
                string("post_transform", POSTS[post as usize]),
                string("aggregate_function", AGGREGATES[aggregate as usize]),
            ],
            ..Default::default()
        }
    }
}

fn read<'a>(a: &Attributes<'a>) -> Result<Unified<'a>> {
    let required = |name: &str| a.ints(name).ok_or_else(|| a.error(name, "it is missing"));
    let features = required("nodes_featureids")?;
    let n = features.len();
    let modes = a
        .tensor_bytes("nodes_modes")?
        .ok_or_else(|| a.error("nodes_modes", "it is missing"))?;
    let splits = a
        .tensor("nodes_splits")?
        .ok_or_else(|| a.error("nodes_splits", "it is missing"))?;
    let weights = a
        .tensor("leaf_weights")?
        .ok_or_else(|| a.error("leaf_weights", "it is missing"))?;
    let u = Unified {
        roots: required("tree_roots")?,
        features,
        yes: required("nodes_truenodeids")?,
        no: required("nodes_falsenodeids")?,
        yes_leaf: required("nodes_trueleafs")?,
        no_leaf: required("nodes_falseleafs")?,
        missing: a.ints("nodes_missing_value_tracks_true"),
        sets: member_sets(a, &modes)?,
        modes,
        splits,
        targets: required("leaf_targetids")?,
        weights,
        n_targets: a
            .int("n_targets")
            .ok_or_else(|| a.error("n_targets", "it is missing"))?,
    };
    let lengths = [
        ("nodes_truenodeids", u.yes.len()),
        ("nodes_falsenodeids", u.no.len()),
        ("nodes_trueleafs", u.yes_leaf.len()),
        ("nodes_falseleafs", u.no_leaf.len()),
        ("nodes_modes", u.modes.len()),
        ("nodes_splits", u.splits.len()),
        (
            "nodes_missing_value_tracks_true",
            u.missing.map_or(n, <[i64]>::len),
        ),
    ];
    for (name, len) in lengths {
        if len != n {
            return Err(a.error(name, format!("{len} entries, but nodes_featureids has {n}")));
        }
    }
    if u.weights.len() != u.targets.len() {
        return Err(a.error(
            "leaf_weights",
            format!(
                "{} entries, but leaf_targetids has {}",
                u.weights.len(),
                u.targets.len()
            ),
        ));
    }
    if let Some((i, m)) = u.modes.iter().enumerate().find(|(_, m)| **m > MEMBER) {
        return Err(a.error(
            "nodes_modes",
            format!("{m} (node {i}) is not a branch rule (0 to 6)"),
        ));
    }
    for (name, value, count) in [
        (
            "post_transform",
            a.int("post_transform").unwrap_or(0),
            POSTS.len(),
        ),
        (
            "aggregate_function",
            a.int("aggregate_function").unwrap_or(1),
            AGGREGATES.len(),
        ),
    ] {
        if value < 0 || value as usize >= count {
            return Err(a.error(name, format!("{value} is not between 0 and {}", count - 1)));
        }
    }
    Ok(u)
}

/// Each node's membership set: `membership_values` lists the sets of the `BRANCH_MEMBER`
/// nodes in node order, separated by NaN.
fn member_sets(a: &Attributes, modes: &[u8]) -> Result<Vec<Vec<f32>>> {
    let members = modes.iter().filter(|&&m| m == MEMBER).count();
    let values = a.tensor("membership_values")?.unwrap_or_default();
    let mut groups: Vec<Vec<f32>> = values.split(|v| v.is_nan()).map(<[f32]>::to_vec).collect();
    // A trailing NaN closes the last set rather than opening an empty one.
    if values.last().is_some_and(|v| v.is_nan()) {
        groups.pop();
    }
    if members > 0 && groups.len() != members {
        return Err(a.error(
            "membership_values",
            format!("{} sets for {members} BRANCH_MEMBER nodes", groups.len()),
        ));
    }
    let mut groups = groups.into_iter();
    Ok(modes
        .iter()
        .map(|&m| {
            if m == MEMBER {
                groups.next().unwrap_or_default()
            } else {
                Vec::new()
            }
        })
        .collect())
}
