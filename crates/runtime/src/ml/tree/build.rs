//! From a node's attributes to a compiled [`Ensemble`], checking everything a hostile or broken
//! file can get wrong: lengths that disagree, ids that point nowhere, cycles, unknown rules and
//! transforms, sizes past what a page can hold. Each problem names the attribute and the value.

use std::collections::HashMap;

use super::*;
use crate::ml::attributes::{AttributeError, Attributes};

/// The most nodes an ensemble may have (a 1,000-tree, 255-leaf LightGBM model has 510,000).
pub const MAX_NODES: usize = 4_000_000;
/// The most classes or targets.
pub const MAX_OUTPUTS: usize = 10_000;

type Result<T> = std::result::Result<T, AttributeError>;
/// Each (tree id, node id)'s position.
type Index = HashMap<(i64, i64), usize>;

/// The attribute lists describing nodes, read and length-checked.
struct NodeLists<'a> {
    tree_ids: &'a [i64],
    node_ids: &'a [i64],
    feature_ids: &'a [i64],
    modes: Vec<String>,
    values: Vec<f32>,
    yes: &'a [i64],
    no: &'a [i64],
    missing: Option<&'a [i64]>,
}

impl Ensemble {
    /// Compiles a TreeEnsembleClassifier (`classifier`) or TreeEnsembleRegressor node.
    pub fn from_attributes(a: &Attributes, classifier: bool) -> Result<Ensemble> {
        let lists = node_lists(a)?;
        let (kind, outputs) = if classifier {
            let labels = class_labels(a)?;
            let n = labels.len();
            (
                Kind::Classifier {
                    labels,
                    binary: false,
                    positive: false,
                },
                n,
            )
        } else {
            let n = a
                .int("n_targets")
                .ok_or_else(|| a.error("n_targets", "it is missing"))?;
            if n < 1 || n as usize > MAX_OUTPUTS {
                return Err(a.error(
                    "n_targets",
                    format!("{n} is not between 1 and {MAX_OUTPUTS}"),
                ));
            }
            (Kind::Regressor, n as usize)
        };
        if classifier && outputs < 2 {
            return Err(a.error(
                "classlabels_int64s",
                format!("{outputs} class labels; a classifier needs two or more"),
            ));
        }
        if outputs > MAX_OUTPUTS {
            return Err(a.error(
                "classlabels_int64s",
                format!("{outputs} classes; at most {MAX_OUTPUTS} are read"),
            ));
        }
        let post = post_transform(a)?;
        let aggregate = if classifier {
            Aggregate::Sum
        } else {
            aggregate(a)?
        };
        let base = a.floats("base_values")?.unwrap_or_default();
        if base.len() > outputs {
            return Err(a.error(
                "base_values",
                format!("{} values for {outputs} outputs", base.len()),
            ));
        }
        let mut ensemble = Ensemble {
            nodes: Vec::new(),
            roots: Vec::new(),
            weights: Vec::new(),
            spans: Vec::new(),
            depths: Vec::new(),
            rule: None,
            missing_tracks: false,
            features: 0,
            outputs,
            aggregate,
            post,
            base,
            kind,
        };
        let layout = ensemble.lay_out(a, &lists)?;
        ensemble.attach_weights(a, classifier, &layout)?;
        ensemble.depths = ensemble.roots.iter().map(|&r| ensemble.depth(r)).collect();
        Ok(ensemble)
    }

    /// Orders the nodes tree by tree (depth first, the false child right after its parent where
    /// it is not shared) and fills `nodes`, `roots`, `rule`, `features`, `missing_tracks`. The
    /// position of each (tree, node) id in `nodes` is returned.
    fn lay_out(&mut self, a: &Attributes, l: &NodeLists) -> Result<HashMap<(i64, i64), u32>> {
        let (index, roots) = index_nodes(a, l)?;
        let rules = l
            .modes
            .iter()
            .enumerate()
            .map(|(i, m)| node_rule(a, i, m))
            .collect::<Result<Vec<Option<Rule>>>>()?;
        let n = l.node_ids.len();
        let mut walk = Walk {
            a,
            l,
            index: &index,
            rules: &rules,
            placed: vec![u32::MAX; n],
            on_path: vec![false; n],
        };
        for root in roots {
            if walk.placed[root] == u32::MAX {
                self.roots.push(self.nodes.len() as u32);
                self.place_tree(&mut walk, root)?;
            }
        }
        let mut branch_rules = self
            .nodes
            .iter()
            .filter(|n| n.key & LEAF == 0)
            .map(|n| Rule::from_key(n.key));
        self.rule = branch_rules
            .next()
            .filter(|&first| branch_rules.all(|r| r == first));
        let placed = walk.placed;
        for node in &mut self.nodes {
            if node.key & LEAF == 0 {
                node.yes = placed[node.yes as usize];
                node.no = placed[node.no as usize];
            }
        }
        Ok(index.into_iter().map(|(id, i)| (id, placed[i])).collect())
    }

    /// Places the tree under `root` depth first, checking for cycles; children keep their
    /// attribute index until every node is placed.
    fn place_tree(&mut self, w: &mut Walk, root: usize) -> Result<()> {
        let (a, l) = (w.a, w.l);
        let mut stack: Vec<(usize, bool)> = vec![(root, false)];
        while let Some((i, done)) = stack.pop() {
            if done {
                w.on_path[i] = false;
                continue;
            }
            if w.placed[i] != u32::MAX {
                continue;
            }
            w.placed[i] = self.nodes.len() as u32;
            w.on_path[i] = true;
            stack.push((i, true));
            let Some(rule) = w.rules[i] else {
                let here = self.nodes.len() as u32;
                self.nodes.push(Node {
                    key: LEAF,
                    threshold: 0.0,
                    yes: here,
                    no: here,
                });
                continue;
            };
            let feature = l.feature_ids[i];
            if feature < 0 || feature > i64::from(FEATURE_MASK) {
                return Err(a.error(
                    "nodes_featureids",
                    format!(
                        "{feature} (node {} of tree {}) is not a column index",
                        l.node_ids[i], l.tree_ids[i]
                    ),
                ));
            }
            self.features = self.features.max(feature as usize + 1);
            let nan_true = l.missing.is_some_and(|m| m[i] != 0);
            self.missing_tracks |= nan_true;
            let key =
                feature as u32 | (rule as u32) << RULE_SHIFT | if nan_true { NAN_TRUE } else { 0 };
            let yes = w.child(i, "nodes_truenodeids", l.yes[i])?;
            let no = w.child(i, "nodes_falsenodeids", l.no[i])?;
            self.nodes.push(Node {
                key,
                threshold: l.values[i],
                yes: yes as u32,
                no: no as u32,
            });
            stack.push((yes, false));
            stack.push((no, false));
        }
        Ok(())
    }

    /// Reads the leaf weights and attaches each to its leaf; onnxruntime ignores weights on a
    /// branch (old onnxmltools wrote some) and so does this.
    fn attach_weights(
        &mut self,
        a: &Attributes,
        classifier: bool,
        layout: &HashMap<(i64, i64), u32>,
    ) -> Result<()> {
        let p = if classifier { "class" } else { "target" };
        let names = [
            format!("{p}_treeids"),
            format!("{p}_nodeids"),
            format!("{p}_ids"),
            format!("{p}_weights"),
        ];
        let trees = a
            .ints(&names[0])
            .ok_or_else(|| a.error(&names[0], "it is missing"))?;
        let nodes = a
            .ints(&names[1])
            .ok_or_else(|| a.error(&names[1], "it is missing"))?;
        let ids = a
            .ints(&names[2])
            .ok_or_else(|| a.error(&names[2], "it is missing"))?;
        let weights = a
            .floats(&names[3])?
            .ok_or_else(|| a.error(&names[3], "it is missing"))?;
        for (name, len) in [
            (&names[1], nodes.len()),
            (&names[2], ids.len()),
            (&names[3], weights.len()),
        ] {
            if len != trees.len() {
                return Err(a.error(
                    name,
                    format!("{len} entries, but {} has {}", names[0], trees.len()),
                ));
            }
        }
        let mut per_leaf: Vec<Vec<(u32, f32)>> = vec![Vec::new(); self.nodes.len()];
        let mut classes_used: Vec<bool> = vec![false; self.outputs];
        for i in 0..trees.len() {
            let Some(&at) = layout.get(&(trees[i], nodes[i])) else {
                return Err(a.error(
                    &names[1],
                    format!(
                        "a weight is given to node {} of tree {}, which does not exist",
                        nodes[i], trees[i]
                    ),
                ));
            };
            let id = ids[i];
            if id < 0 || id as usize >= self.outputs {
                return Err(a.error(
                    &names[2],
                    format!(
                        "{id} (entry {i}) is not one of the {} outputs",
                        self.outputs
                    ),
                ));
            }
            // onnxruntime's binary case counts every class id listed, on a leaf or not.
            classes_used[id as usize] = true;
            if at == u32::MAX || self.nodes[at as usize].key & LEAF == 0 {
                continue;
            }
            per_leaf[at as usize].push((id as u32, weights[i]));
        }
        for list in per_leaf {
            let start = self.weights.len() as u32;
            self.weights.extend(list);
            self.spans.push((start, self.weights.len() as u32));
        }
        if let Kind::Classifier {
            binary, positive, ..
        } = &mut self.kind
        {
            *binary = self.outputs == 2 && classes_used.iter().filter(|&&u| u).count() == 1;
            *positive = weights.iter().all(|&w| w >= 0.0);
        }
        Ok(())
    }
}

impl Ensemble {
    /// The most branches on a path from `root` down (the trees form a DAG: no cycle reaches
    /// here), found without recursion.
    fn depth(&self, root: u32) -> u32 {
        let mut deepest = 0;
        let mut stack = vec![(root, 0u32)];
        let mut seen: HashMap<u32, u32> = HashMap::new();
        while let Some((i, d)) = stack.pop() {
            let node = self.nodes[i as usize];
            if node.key & LEAF != 0 {
                deepest = deepest.max(d);
                continue;
            }
            // A shared node already reached at this depth or deeper adds nothing.
            if seen.get(&i).is_some_and(|&old| old >= d) {
                continue;
            }
            seen.insert(i, d);
            stack.push((node.yes, d + 1));
            stack.push((node.no, d + 1));
        }
        deepest
    }
}

/// The state of laying out the trees: where each node went, which are on the current path.
struct Walk<'w, 'a> {
    a: &'w Attributes<'a>,
    l: &'w NodeLists<'a>,
    index: &'w Index,
    rules: &'w [Option<Rule>],
    placed: Vec<u32>,
    on_path: Vec<bool>,
}

impl Walk<'_, '_> {
    /// The attribute index of node `i`'s child `id`, which must exist and not be an ancestor.
    fn child(&self, i: usize, which: &str, id: i64) -> Result<usize> {
        let (a, l) = (self.a, self.l);
        let c = self
            .index
            .get(&(l.tree_ids[i], id))
            .copied()
            .ok_or_else(|| {
                a.error(
                    which,
                    format!(
                        "node {} of tree {} points to node {id}, which the tree does not have",
                        l.node_ids[i], l.tree_ids[i]
                    ),
                )
            })?;
        if self.on_path[c] {
            return Err(a.error(
                which,
                format!(
                    "node {} of tree {} leads back to node {id} (a cycle)",
                    l.node_ids[i], l.tree_ids[i]
                ),
            ));
        }
        Ok(c)
    }
}

/// Each (tree, node) id's attribute index, and each tree's root in the order trees are first
/// listed (onnxruntime takes the first node listed for a tree as its root).
fn index_nodes(a: &Attributes, l: &NodeLists) -> Result<(Index, Vec<usize>)> {
    let n = l.node_ids.len();
    let mut index = HashMap::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    let mut roots = Vec::new();
    for i in 0..n {
        let id = (l.tree_ids[i], l.node_ids[i]);
        if index.insert(id, i).is_some() {
            return Err(a.error(
                "nodes_nodeids",
                format!("node {} of tree {} is listed twice", id.1, id.0),
            ));
        }
        if seen.insert(id.0) {
            roots.push(i);
        }
    }
    Ok((index, roots))
}

fn node_lists<'a>(a: &Attributes<'a>) -> Result<NodeLists<'a>> {
    let required = |name: &str| a.ints(name).ok_or_else(|| a.error(name, "it is missing"));
    let node_ids = required("nodes_nodeids")?;
    let n = node_ids.len();
    if n == 0 {
        return Err(a.error("nodes_nodeids", "the ensemble has no nodes"));
    }
    if n > MAX_NODES {
        return Err(a.error(
            "nodes_nodeids",
            format!("{n} nodes; at most {MAX_NODES} are read"),
        ));
    }
    let modes = a
        .strings("nodes_modes")?
        .ok_or_else(|| a.error("nodes_modes", "it is missing"))?;
    let values = a
        .floats("nodes_values")?
        .ok_or_else(|| a.error("nodes_values", "it is missing"))?;
    let lists = NodeLists {
        tree_ids: required("nodes_treeids")?,
        node_ids,
        feature_ids: required("nodes_featureids")?,
        modes,
        values,
        yes: required("nodes_truenodeids")?,
        no: required("nodes_falsenodeids")?,
        missing: a.ints("nodes_missing_value_tracks_true"),
    };
    let lengths = [
        ("nodes_treeids", lists.tree_ids.len()),
        ("nodes_featureids", lists.feature_ids.len()),
        ("nodes_modes", lists.modes.len()),
        ("nodes_values", lists.values.len()),
        ("nodes_truenodeids", lists.yes.len()),
        ("nodes_falsenodeids", lists.no.len()),
        (
            "nodes_missing_value_tracks_true",
            lists.missing.map_or(n, <[i64]>::len),
        ),
    ];
    for (name, len) in lengths {
        if len != n {
            return Err(a.error(name, format!("{len} entries, but nodes_nodeids has {n}")));
        }
    }
    Ok(lists)
}

fn node_rule(a: &Attributes, i: usize, mode: &str) -> Result<Option<Rule>> {
    Ok(Some(match mode {
        "LEAF" => return Ok(None),
        "BRANCH_LEQ" => Rule::Leq,
        "BRANCH_LT" => Rule::Lt,
        "BRANCH_GTE" => Rule::Gte,
        "BRANCH_GT" => Rule::Gt,
        "BRANCH_EQ" => Rule::Eq,
        "BRANCH_NEQ" => Rule::Neq,
        other => {
            return Err(a.error(
                "nodes_modes",
                format!("entry {i} is \"{other}\", not a rule ONNX defines (LEAF, BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, BRANCH_NEQ)"),
            ));
        }
    }))
}

fn class_labels(a: &Attributes) -> Result<Labels> {
    match (
        a.ints("classlabels_int64s"),
        a.strings("classlabels_strings")?,
    ) {
        (Some(ints), None) => Ok(Labels::Ints(ints.to_vec())),
        (None, Some(strings)) => Ok(Labels::Strings(strings)),
        (Some(_), Some(_)) => Err(a.error(
            "classlabels_strings",
            "both classlabels_int64s and classlabels_strings are given; ONNX allows one",
        )),
        (None, None) => Err(a.error(
            "classlabels_int64s",
            "neither classlabels_int64s nor classlabels_strings is given",
        )),
    }
}

fn post_transform(a: &Attributes) -> Result<Post> {
    Ok(
        match a.string("post_transform")?.as_deref().unwrap_or("NONE") {
            "NONE" => Post::None,
            "LOGISTIC" => Post::Logistic,
            "SOFTMAX" => Post::Softmax,
            "SOFTMAX_ZERO" => Post::SoftmaxZero,
            "PROBIT" => Post::Probit,
            other => {
                return Err(a.error(
                "post_transform",
                format!("\"{other}\" is not one ONNX defines (NONE, LOGISTIC, SOFTMAX, SOFTMAX_ZERO, PROBIT)"),
            ));
            }
        },
    )
}

fn aggregate(a: &Attributes) -> Result<Aggregate> {
    Ok(
        match a.string("aggregate_function")?.as_deref().unwrap_or("SUM") {
            "SUM" => Aggregate::Sum,
            "AVERAGE" => Aggregate::Average,
            "MIN" => Aggregate::Min,
            "MAX" => Aggregate::Max,
            other => {
                return Err(a.error(
                    "aggregate_function",
                    format!("\"{other}\" is not one ONNX defines (SUM, AVERAGE, MIN, MAX)"),
                ));
            }
        },
    )
}
