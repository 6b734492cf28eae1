//! An ONNX node's attributes, read by name, with errors that name the node, the attribute and
//! the value: what an ONNX-ML operator's builder reads its configuration through.

use tract_onnx::pb;

/// A problem with one node's configuration: which node, which attribute, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeError {
    /// `TreeEnsembleClassifier "name"`, or the type alone for an unnamed node.
    pub node: String,
    pub attribute: String,
    pub problem: String,
}

impl std::fmt::Display for AttributeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, attribute {}: {}",
            self.node, self.attribute, self.problem
        )
    }
}

impl std::error::Error for AttributeError {}

/// The attributes of one node.
pub struct Attributes<'a> {
    node: String,
    proto: &'a pb::NodeProto,
}

/// ONNX's `TensorProto.DataType` numbers read here.
const FLOAT: i32 = 1;
const UINT8: i32 = 2;
const DOUBLE: i32 = 11;

impl<'a> Attributes<'a> {
    pub fn new(proto: &'a pb::NodeProto) -> Attributes<'a> {
        let node = if proto.name.is_empty() {
            proto.op_type.clone()
        } else {
            format!("{} \"{}\"", proto.op_type, proto.name)
        };
        Attributes { node, proto }
    }

    /// The node, as errors name it.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// An error about `attribute`.
    pub fn error(&self, attribute: &str, problem: impl Into<String>) -> AttributeError {
        AttributeError {
            node: self.node.clone(),
            attribute: attribute.to_owned(),
            problem: problem.into(),
        }
    }

    fn get(&self, name: &str) -> Option<&'a pb::AttributeProto> {
        self.proto.attribute.iter().find(|a| a.name == name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// An integer list; `None` when the attribute is absent.
    pub fn ints(&self, name: &str) -> Option<&'a [i64]> {
        self.get(name).map(|a| a.ints.as_slice())
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        self.get(name).map(|a| a.i)
    }

    pub fn float(&self, name: &str) -> Option<f32> {
        self.get(name).map(|a| a.f)
    }

    /// A text attribute, as UTF-8.
    pub fn string(&self, name: &str) -> Result<Option<String>, AttributeError> {
        self.get(name)
            .map(|a| {
                String::from_utf8(a.s.clone())
                    .map_err(|_| self.error(name, "the text is not UTF-8"))
            })
            .transpose()
    }

    /// A list of texts.
    pub fn strings(&self, name: &str) -> Result<Option<Vec<String>>, AttributeError> {
        self.get(name)
            .map(|a| {
                a.strings
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        String::from_utf8(s.clone())
                            .map_err(|_| self.error(name, format!("entry {i} is not UTF-8")))
                    })
                    .collect()
            })
            .transpose()
    }

    /// A list of numbers given either as `name` (floats) or as `name_as_tensor` (a float or
    /// double tensor; doubles are rounded to the nearest f32, as onnxruntime reads them for a
    /// float input). Both present is an error.
    pub fn floats(&self, name: &str) -> Result<Option<Vec<f32>>, AttributeError> {
        let tensor_name = format!("{name}_as_tensor");
        match (self.get(name), self.get(&tensor_name)) {
            (Some(_), Some(_)) => Err(self.error(
                name,
                format!("both {name} and {tensor_name} are given; ONNX allows one"),
            )),
            (Some(a), None) => Ok(Some(a.floats.clone())),
            (None, Some(_)) => self.tensor(&tensor_name),
            (None, None) => Ok(None),
        }
    }

    /// A tensor attribute's numbers (float or double, doubles rounded to f32); `None` when absent.
    pub fn tensor(&self, name: &str) -> Result<Option<Vec<f32>>, AttributeError> {
        match self.get(name) {
            None => Ok(None),
            Some(a) => match &a.t {
                Some(t) => self.tensor_floats(name, t).map(Some),
                None => Err(self.error(name, "it holds no tensor")),
            },
        }
    }

    /// A uint8 tensor attribute's values; `None` when absent.
    pub fn tensor_bytes(&self, name: &str) -> Result<Option<Vec<u8>>, AttributeError> {
        let Some(a) = self.get(name) else {
            return Ok(None);
        };
        let t =
            a.t.as_ref()
                .ok_or_else(|| self.error(name, "it holds no tensor"))?;
        if t.data_type != UINT8 {
            return Err(self.error(
                name,
                format!(
                    "its tensor has data type {}; uint8 (2) is read",
                    t.data_type
                ),
            ));
        }
        let values: Vec<u8> = if t.raw_data.is_empty() {
            // uint8 values stored as int32s: one past 255 is an error, not wrapped around.
            t.int32_data
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    u8::try_from(v)
                        .map_err(|_| self.error(name, format!("{v} (entry {i}) is not a uint8")))
                })
                .collect::<Result<_, _>>()?
        } else {
            t.raw_data.clone()
        };
        self.whole(name, t, values.len())?;
        Ok(Some(values))
    }

    fn tensor_floats(&self, name: &str, t: &pb::TensorProto) -> Result<Vec<f32>, AttributeError> {
        let values = match t.data_type {
            FLOAT if !t.raw_data.is_empty() => raw_values(&t.raw_data, 4, |b| {
                f32::from_le_bytes([b[0], b[1], b[2], b[3]])
            }),
            FLOAT => Some(t.float_data.clone()),
            DOUBLE if !t.raw_data.is_empty() => raw_values(&t.raw_data, 8, |b| {
                f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]) as f32
            }),
            DOUBLE => Some(t.double_data.iter().map(|&v| v as f32).collect()),
            other => {
                return Err(self.error(
                    name,
                    format!("its tensor has data type {other}; float (1) or double (11) is read"),
                ));
            }
        };
        let values = values.ok_or_else(|| self.error(name, "its raw data is cut short"))?;
        self.whole(name, t, values.len())?;
        Ok(values)
    }

    /// Whether a one-dimensional tensor holds the `len` values its shape claims.
    fn whole(&self, name: &str, t: &pb::TensorProto, len: usize) -> Result<(), AttributeError> {
        let claimed: i64 = t.dims.iter().product();
        if t.dims.len() > 1 || claimed != len as i64 {
            return Err(self.error(
                name,
                format!(
                    "its tensor claims shape {:?} but holds {len} values",
                    t.dims
                ),
            ));
        }
        Ok(())
    }
}

/// Little-endian values of `size` bytes each; `None` when the bytes are not whole values.
fn raw_values(raw: &[u8], size: usize, read: impl Fn(&[u8]) -> f32) -> Option<Vec<f32>> {
    raw.len()
        .is_multiple_of(size)
        .then(|| raw.chunks_exact(size).map(read).collect())
}
