//! The file itself: what the bytes are, the header, the operator histogram, every tensor's
//! stated size against its data, and the graph's wiring.

use super::*;

/// The ONNX protobuf, or a blocker saying what the bytes look like instead.
pub(super) fn decode(onnx: &[u8], report: &mut Report) -> Option<ModelFile> {
    if onnx.is_empty() {
        report.add(
            Severity::Blocker,
            Message::new("compat-empty"),
            Message::new("compat-empty-fix"),
        );
        return None;
    }
    let looks_like = if onnx.starts_with(b"PK\x03\x04") {
        Some(
            Message::new("compat-looks-like-zip")
                .arg("save", "torch.save")
                .arg(
                    "export",
                    "torch.onnx.export(model, example, \"model.onnx\")",
                ),
        )
    } else if onnx.starts_with(b"\x89HDF") {
        Some(
            Message::new("compat-looks-like-keras")
                .arg("format", "Keras HDF5")
                .arg(
                    "command",
                    "python -m tf2onnx.convert --keras model.h5 --output model.onnx",
                ),
        )
    } else if onnx.starts_with(b"\x80") && onnx.get(1).is_some_and(|v| (2..=5).contains(v)) {
        Some(
            Message::new("compat-looks-like-pickle")
                .arg("format", "Python pickle")
                .arg("tools", "joblib/pickle")
                .arg("call", "to_onnx(model, X[:1].astype(numpy.float32))"),
        )
    } else if onnx
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[')
    {
        Some(Message::new("compat-looks-like-json"))
    } else {
        None
    };
    if let Some(kind) = looks_like {
        report.add(Severity::Blocker, Message::new("compat-not-onnx"), kind);
        return None;
    }
    match graph::read(onnx) {
        Ok(file) => Some(file),
        Err(e) => {
            report.add(
                Severity::Blocker,
                Message::new("compat-unreadable").arg("error", e),
                Message::new("compat-unreadable-fix")
                    .arg("save", "onnx.save")
                    .arg("export", "torch.onnx.export"),
            );
            None
        }
    }
}

pub(super) const ELEM_TYPES: [&str; 17] = [
    "undefined",
    "float",
    "uint8",
    "int8",
    "uint16",
    "int16",
    "int32",
    "int64",
    "string",
    "bool",
    "float16",
    "double",
    "uint32",
    "uint64",
    "complex64",
    "complex128",
    "bfloat16",
];

pub(super) fn elem_name(elem: i32) -> String {
    usize::try_from(elem)
        .ok()
        .and_then(|i| ELEM_TYPES.get(i))
        .map_or_else(|| format!("type {elem}"), |s| (*s).to_owned())
}

/// Bytes per value of an element type, for the ones a model's weights use.
pub(super) fn elem_bytes(elem: i32) -> Option<u64> {
    match elem {
        2 | 3 | 9 => Some(1),
        4 | 5 | 10 | 16 => Some(2),
        1 | 6 | 12 => Some(4),
        7 | 11 | 13 | 14 => Some(8),
        15 => Some(16),
        _ => None,
    }
}

pub(super) fn tensor_info(value: &graph::Value) -> TensorInfo {
    let (elem, shape) = match &value.tensor {
        Some(t) => {
            let shape = t.shape.as_ref().map(|dims| {
                dims.iter()
                    .map(|d| match d {
                        graph::Dim::Fixed(n) => Dim::Fixed(*n),
                        graph::Dim::Named(p) => Dim::Named(p.clone()),
                        graph::Dim::Unknown => Dim::Unknown,
                    })
                    .collect()
            });
            (elem_name(t.elem_type), shape)
        }
        // Sequences and maps (ZipMap's output).
        None => ("not a tensor".into(), None),
    };
    TensorInfo {
        name: value.name.clone(),
        elem,
        shape,
        categories: None,
        imputed: None,
    }
}

/// The value the graph's Imputer gives a missing (NaN) value of the one-column float input
/// `input`: the Imputer reads it directly, or through one `Concat` of declared one-column
/// inputs along the columns (a `ColumnTransformer` gathering its numbers).
fn imputed(graph: &graph::Graph, inputs: &[TensorInfo], input: &str) -> Option<f32> {
    let only_consumer = |value: &str| {
        let mut consumers = graph
            .nodes
            .iter()
            .filter(move |n| n.inputs.iter().any(|i| i == value));
        let node = consumers.next()?;
        consumers.next().is_none().then_some(node)
    };
    let mut node = only_consumer(input)?;
    let mut column = 0;
    if node.op_type == "Concat" {
        if !matches!(node.int_attribute("axis"), Some(1 | -1)) {
            return None;
        }
        let before = node.inputs.iter().position(|i| i == input)?;
        // Each earlier part is a declared one-column graph input (else its width is unknown).
        column = node.inputs[..before]
            .iter()
            .map(|name| {
                let info = inputs.iter().find(|i| &i.name == name)?;
                (info.last_fixed() == Some(1)).then_some(1)
            })
            .sum::<Option<usize>>()?;
        node = only_consumer(node.outputs.first()?)?;
    }
    if node.op_type != "Imputer" {
        return None;
    }
    // The ONNX default replaces 0.0, not a missing value.
    if !node.attribute("replaced_value_float")?.float.is_nan() {
        return None;
    }
    match node.attribute("imputed_value_floats")?.values.as_slice() {
        [one] => Some(*one),
        many => many.get(column).copied(),
    }
}

/// What a string input's one consumer, an ONNX-ML encoder, knows of its categories.
fn categories(graph: &graph::Graph, input: &str) -> Option<Categories> {
    let mut consumers = graph
        .nodes
        .iter()
        .filter(|n| n.inputs.iter().any(|i| i == input));
    let node = consumers.next()?;
    if consumers.next().is_some() {
        return None;
    }
    let (list, unseen) = match node.op_type.as_str() {
        // The ONNX-ML default of `zeros` is 1: an unknown category gives all zeros.
        "OneHotEncoder" => ("cats_strings", node.int_attribute("zeros") != Some(0)),
        "LabelEncoder" => ("keys_strings", true),
        "CategoryMapper" => ("cats_strings", true),
        _ => return None,
    };
    let values = &node.attribute(list)?.texts;
    (!values.is_empty()).then(|| Categories {
        encoder: node.op_type.clone(),
        values: values.clone(),
        unseen,
    })
}

/// A ZipMap's output is read as the `[N, classes]` probability tensor the ZipMap wraps (the
/// runtime's ZipMap passes it through).
fn zip_map_read(graph: &graph::Graph, info: TensorInfo) -> TensorInfo {
    let zip_map = graph
        .nodes
        .iter()
        .find(|n| n.op_type == "ZipMap" && n.outputs.contains(&info.name));
    let Some(node) = zip_map else {
        return info;
    };
    let classes = ["classlabels_int64s", "classlabels_strings"]
        .iter()
        .filter_map(|name| node.attribute(name))
        .map(|a| a.ints.max(a.strings))
        .max()
        .unwrap_or(0);
    TensorInfo {
        elem: "float".into(),
        shape: Some(vec![Dim::Named("N".into()), Dim::Fixed(classes as i64)]),
        ..info
    }
}

/// Producer, opset, inputs (initializers excluded), outputs, and the operator histogram.
pub(super) fn describe(proto: &ModelFile, report: &mut Report) {
    report.producer = proto.producer();
    report.opset = proto.default_opset();
    let Some(graph) = proto.graph.as_ref() else {
        return;
    };
    let initializers: Vec<&str> = graph.initializers.iter().map(|t| t.name.as_str()).collect();
    report.inputs = graph
        .inputs
        .iter()
        .filter(|i| !initializers.contains(&i.name.as_str()))
        .map(tensor_info)
        .collect();
    for j in 0..report.inputs.len() {
        let info = &report.inputs[j];
        let (categories, imputed) = match (info.elem.as_str(), info.last_fixed()) {
            ("string", _) => (categories(graph, &info.name), None),
            ("float", Some(1)) => (None, imputed(graph, &report.inputs, &info.name)),
            _ => (None, None),
        };
        report.inputs[j].categories = categories;
        report.inputs[j].imputed = imputed;
    }
    report.outputs = graph
        .outputs
        .iter()
        .map(|o| zip_map_read(graph, tensor_info(o)))
        .collect();
    let mut operators = BTreeMap::new();
    count_operators(graph, &mut operators, 0);
    report.operators = operators;
}

/// Subgraphs nest (If, Loop, Scan); a hostile file could nest them without end.
pub(super) const MAX_DEPTH: usize = 16;

pub(super) fn count_operators(
    graph: &Graph,
    operators: &mut BTreeMap<String, usize>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for node in &graph.nodes {
        let name = if graph::is_default_domain(&node.domain) {
            node.op_type.clone()
        } else {
            format!("{}:{}", node.domain, node.op_type)
        };
        *operators.entry(name).or_default() += 1;
        for attribute in &node.attributes {
            for sub in &attribute.graphs {
                count_operators(sub, operators, depth + 1);
            }
        }
    }
}

/// The numbers held in attributes' `floats` lists, subgraphs included: the weights of ONNX-ML
/// operators (a scikit-learn export's `LinearClassifier` or tree ensemble), which hold no
/// tensor.
fn attribute_floats(graph: &Graph, depth: usize) -> u64 {
    if depth > MAX_DEPTH {
        return 0;
    }
    let mut n: u64 = 0;
    for attribute in graph.nodes.iter().flat_map(|node| &node.attributes) {
        n = n.saturating_add(attribute.floats as u64);
        for sub in &attribute.graphs {
            n = n.saturating_add(attribute_floats(sub, depth + 1));
        }
    }
    n
}

/// Every initializer and constant: its stated size must be sane and its data must have it.
/// The report's parameters are their values and the attributes' weights.
pub(super) fn check_tensors(graph: &Graph, report: &mut Report) {
    report.parameters = report.parameters.saturating_add(attribute_floats(graph, 0));
    let mut tensors: Vec<&graph::Tensor> = Vec::new();
    collect_tensors(graph, &mut tensors, 0);
    for tensor in tensors {
        // The messages name the tensor, or say "a constant" for an unnamed one.
        let about = |message: Message| {
            message
                .arg(
                    "kind",
                    if tensor.name.is_empty() {
                        "constant"
                    } else {
                        "named"
                    },
                )
                .arg("tensor", &tensor.name)
        };
        if tensor.external {
            report.add(
                Severity::Blocker,
                about(Message::new("compat-external-data")),
                Message::new("compat-external-data-fix").arg(
                    "call",
                    "onnx.save_model(model, \"model.onnx\", save_as_external_data=False)",
                ),
            );
            continue;
        }
        let mut values: u64 = 1;
        let mut bad_dim = None;
        for &d in &tensor.dims {
            match u64::try_from(d) {
                Ok(d) => values = values.saturating_mul(d),
                Err(_) => bad_dim = Some(d),
            }
        }
        if let Some(d) = bad_dim {
            report.add(
                Severity::Blocker,
                about(Message::new("compat-negative-dim")).arg("dim", d.to_string()),
                Message::new("compat-damaged-fix"),
            );
            continue;
        }
        if values > MAX_TENSOR_VALUES {
            let gb = values as f64 * elem_bytes(tensor.elem_type).unwrap_or(4) as f64 / 1e9;
            report.add(
                Severity::Blocker,
                about(Message::new("compat-huge-tensor"))
                    .arg("values", values.to_string())
                    .arg("gb", format!("{gb:.1}")),
                Message::new("compat-huge-tensor-fix"),
            );
            continue;
        }
        let raw = tensor.raw_bytes as u64;
        let held = if raw > 0 {
            elem_bytes(tensor.elem_type).map(|size| raw / size.max(1))
        } else {
            Some(tensor.typed_values as u64)
        };
        let whole =
            raw == 0 || elem_bytes(tensor.elem_type).is_none_or(|size| raw.is_multiple_of(size));
        if held != Some(values) || !whole {
            report.add(
                Severity::Blocker,
                {
                    let (unit, held) = match held {
                        Some(n) if whole => ("values", n),
                        _ => ("bytes", raw),
                    };
                    about(Message::new("compat-short-tensor"))
                        .arg("type", elem_name(tensor.elem_type))
                        .arg("dims", format!("{:?}", tensor.dims))
                        .arg("values", values.to_string())
                        .arg("unit", unit)
                        .arg("held", held.to_string())
                },
                Message::new("compat-short-tensor-fix"),
            );
        }
        report.parameters = report.parameters.saturating_add(values);
    }
}

pub(super) fn collect_tensors<'g>(
    graph: &'g Graph,
    out: &mut Vec<&'g graph::Tensor>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    out.extend(&graph.initializers);
    for node in &graph.nodes {
        for attribute in &node.attributes {
            out.extend(&attribute.tensors);
            for sub in &attribute.graphs {
                collect_tensors(sub, out, depth + 1);
            }
        }
    }
}

/// Every value a node reads and every graph output must be produced by something: tract
/// panics on a graph output no node computes (tests/fuzz-regressions/model-known-tract/).
pub(super) fn check_wiring(graph: &Graph, report: &mut Report) {
    let produced: std::collections::HashSet<&str> = graph
        .inputs
        .iter()
        .map(|i| i.name.as_str())
        .chain(graph.initializers.iter().map(|t| t.name.as_str()))
        .chain(
            graph
                .nodes
                .iter()
                .flat_map(|n| n.outputs.iter().map(String::as_str)),
        )
        .collect();
    let fix = Message::new("compat-wiring-fix").arg("checker", "onnx.checker.check_model");
    for output in &graph.outputs {
        if !produced.contains(output.name.as_str()) {
            report.add(
                Severity::Blocker,
                Message::new("compat-output-unproduced").arg("output", &output.name),
                fix.clone(),
            );
        }
    }
    let mut missing: Vec<(&str, &str)> = graph
        .nodes
        .iter()
        .flat_map(|n| {
            n.inputs
                .iter()
                .filter(|i| !i.is_empty() && !produced.contains(i.as_str()))
                .map(move |i| (n.op_type.as_str(), i.as_str()))
        })
        .collect();
    missing.dedup();
    if let Some((op, name)) = missing.first() {
        report.add(
            Severity::Blocker,
            match missing.len() {
                1 => Message::new("compat-read-unproduced"),
                n => Message::new("compat-reads-unproduced").arg("count", n.to_string()),
            }
            .arg("op", *op)
            .arg("name", *name),
            fix,
        );
    }
}
