//! A small typed view of an ONNX file, read without building a model: what the compatibility
//! check and the anatomy view need (producer, opsets, the graph's inputs and outputs with their
//! declared shapes, nodes, attributes, initialisers and constants, nested subgraphs), and
//! nothing of tract's own protobuf types.
//!
//! Reading only decodes the protobuf, so a file tract would refuse or panic on is still
//! described here. Tensors keep their declared and stored sizes, not their values.

use tract_onnx::pb;
use tract_onnx::prelude::Framework;

/// An ONNX file's header and its main graph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelFile {
    pub producer_name: String,
    pub producer_version: String,
    /// Each imported operator set: its domain ("" or "ai.onnx" is the default one) and version.
    pub opsets: Vec<(String, i64)>,
    pub graph: Option<Graph>,
}

impl ModelFile {
    /// The version of the default-domain opset, or 0 when the file imports none.
    pub fn default_opset(&self) -> i64 {
        self.opsets
            .iter()
            .find(|(domain, _)| is_default_domain(domain))
            .map_or(0, |(_, version)| *version)
    }

    /// "producer version", trimmed.
    pub fn producer(&self) -> String {
        format!("{} {}", self.producer_name, self.producer_version)
            .trim()
            .to_owned()
    }
}

/// True for the standard operators' domain, however the file spells it.
pub fn is_default_domain(domain: &str) -> bool {
    domain.is_empty() || domain == "ai.onnx"
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    /// Declared inputs, initialisers among them where the file lists them as inputs too.
    pub inputs: Vec<Value>,
    pub outputs: Vec<Value>,
    pub initializers: Vec<Tensor>,
    /// In the file's order (topological in a valid file).
    pub nodes: Vec<Node>,
}

/// A graph input or output as declared.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub name: String,
    /// `None` for sequences and maps (ZipMap's output), which are not tensors.
    pub tensor: Option<TensorType>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TensorType {
    /// ONNX's `TensorProto.DataType` number (1 float, 7 int64, 8 string, …).
    pub elem_type: i32,
    /// `None` when the file declares no shape at all.
    pub shape: Option<Vec<Dim>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dim {
    Fixed(i64),
    Named(String),
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node {
    pub name: String,
    pub op_type: String,
    pub domain: String,
    /// Value names; an empty name is an optional input left out.
    pub inputs: Vec<String>,
    pub outputs: Vec<String>,
    pub attributes: Vec<Attribute>,
    /// A tree ensemble's trees, leaves and depth, as RiskScope compiles it.
    pub trees: Option<crate::ml::tree::Shape>,
}

impl Node {
    /// The attribute `name`, if the node has it.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The integer attribute `name`, if the node has it.
    pub fn int_attribute(&self, name: &str) -> Option<i64> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.int)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attribute {
    pub name: String,
    /// The `i` field (0 when the attribute is of another kind).
    pub int: i64,
    /// The `f` field (0 when the attribute is of another kind).
    pub float: f32,
    /// Tensor values held by the attribute (`t` and `tensors`): constants, weights.
    pub tensors: Vec<Tensor>,
    /// How many numbers its `floats` list holds: an ONNX-ML operator's weights
    /// (`coefficients`, a tree's `nodes_values` and `target_weights`).
    pub floats: usize,
    /// How many numbers its `ints` list and texts its `strings` list hold (ZipMap's classes).
    pub ints: usize,
    pub strings: usize,
    /// The texts of an encoder's categories (`cats_strings`, `keys_strings`), which a string
    /// input's form needs; other string lists (a tree's node modes) are only counted.
    pub texts: Vec<String>,
    /// The numbers of an Imputer's `imputed_value_floats` (what a missing value becomes, which
    /// a proposed manifest keeps); other float lists are only counted.
    pub values: Vec<f32>,
    /// Subgraphs (`g` and `graphs`: the bodies of If, Loop and Scan).
    pub graphs: Vec<Graph>,
}

/// An initialiser or constant: what it says it holds and what it holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tensor {
    /// Empty for an unnamed constant.
    pub name: String,
    pub elem_type: i32,
    pub dims: Vec<i64>,
    /// The data lives in another file (`data_location` EXTERNAL, or `external_data` entries).
    pub external: bool,
    /// The bytes of `raw_data`, when the data is stored that way.
    pub raw_bytes: usize,
    /// The most values held in any typed field (`float_data`, `int64_data`, …).
    pub typed_values: usize,
}

/// Decodes `onnx` as an ONNX `ModelProto`; the error is the protobuf reader's own text.
pub fn read(onnx: &[u8]) -> Result<ModelFile, String> {
    let proto = tract_onnx::onnx()
        .proto_model_for_read(&mut std::io::Cursor::new(onnx))
        .map_err(|e| format!("{e:#}"))?;
    Ok(ModelFile {
        producer_name: proto.producer_name,
        producer_version: proto.producer_version,
        opsets: proto
            .opset_import
            .into_iter()
            .map(|o| (o.domain, o.version))
            .collect(),
        graph: proto.graph.map(graph),
    })
}

/// The operator types the runtime can load (its register is keyed by type, whatever the domain).
pub fn known_operators() -> std::collections::HashSet<String> {
    crate::ml::onnx().op_register.0.into_keys().collect()
}

fn graph(proto: pb::GraphProto) -> Graph {
    Graph {
        inputs: proto.input.into_iter().map(value).collect(),
        outputs: proto.output.into_iter().map(value).collect(),
        initializers: proto.initializer.into_iter().map(tensor).collect(),
        nodes: proto.node.into_iter().map(node).collect(),
    }
}

fn value(proto: pb::ValueInfoProto) -> Value {
    use pb::tensor_shape_proto::dimension::Value as D;
    use pb::type_proto::Value as T;
    let tensor = match proto.r#type.and_then(|t| t.value) {
        Some(T::TensorType(t)) => Some(TensorType {
            elem_type: t.elem_type,
            shape: t.shape.map(|s| {
                s.dim
                    .into_iter()
                    .map(|d| match d.value {
                        Some(D::DimValue(n)) => Dim::Fixed(n),
                        Some(D::DimParam(p)) => Dim::Named(p),
                        None => Dim::Unknown,
                    })
                    .collect()
            }),
        }),
        // Sequences and maps are not in tract's protobuf schema.
        None => None,
    };
    Value {
        name: proto.name,
        tensor,
    }
}

fn node(proto: pb::NodeProto) -> Node {
    let trees = crate::ml::tree::shape(&proto);
    Node {
        trees,
        name: proto.name,
        op_type: proto.op_type,
        domain: proto.domain,
        inputs: proto.input,
        outputs: proto.output,
        attributes: proto.attribute.into_iter().map(attribute).collect(),
    }
}

fn attribute(proto: pb::AttributeProto) -> Attribute {
    let texts = match proto.name.as_str() {
        "cats_strings" | "keys_strings" => proto
            .strings
            .iter()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect(),
        _ => Vec::new(),
    };
    let values = match proto.name.as_str() {
        "imputed_value_floats" => proto.floats.clone(),
        _ => Vec::new(),
    };
    Attribute {
        texts,
        values,
        float: proto.f,
        name: proto.name,
        int: proto.i,
        floats: proto.floats.len(),
        ints: proto.ints.len(),
        strings: proto.strings.len(),
        tensors: proto
            .t
            .into_iter()
            .chain(proto.tensors)
            .map(tensor)
            .collect(),
        graphs: proto.g.into_iter().chain(proto.graphs).map(graph).collect(),
    }
}

fn tensor(proto: pb::TensorProto) -> Tensor {
    let typed = [
        proto.float_data.len(),
        proto.int32_data.len(),
        proto.int64_data.len(),
        proto.double_data.len(),
        proto.uint64_data.len(),
        proto.string_data.len(),
    ];
    Tensor {
        external: proto.data_location == Some(1) || !proto.external_data.is_empty(),
        name: proto.name,
        elem_type: proto.data_type,
        dims: proto.dims,
        raw_bytes: proto.raw_data.len(),
        typed_values: typed.into_iter().max().unwrap_or(0),
    }
}
