//! The category encoders of ONNX-ML: LabelEncoder (keys to values, any of the three attribute
//! forms its versions define) and OneHotEncoder (a category to a row of 0/1), over texts,
//! integers and floats, so a scikit-learn pipeline with string columns loads as exported.

use std::collections::HashMap;

use tract_onnx::model::{OnnxOpRegister, ParsingContext};
use tract_onnx::pb::NodeProto;
use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::{
    EvalContext, EvalOp, Op, StaticName, TypedOp, bail, format_err,
};
use tract_onnx::tract_core::tract_data::dispatch_datum;
use tract_onnx::tract_core::{as_op, op_as_typed_op, op_out_of_plan};
use tract_onnx::tract_hir::infer::IntoExp;
use tract_onnx::tract_hir::internal::{
    InferenceOp, InferenceResult, Solver, TensorProxy, check_input_arity, check_output_arity,
};
use tract_onnx::tract_hir::ops::expandable::{Expansion, expand};

use super::attributes::Attributes;

pub fn register(register: &mut OnnxOpRegister) {
    register.insert("LabelEncoder", label_encoder);
    register.insert("OneHotEncoder", one_hot_encoder);
}

type Built = TractResult<(Box<dyn InferenceOp>, Vec<String>)>;

/// A value as a lookup key: texts, integers (any width) and floats (NaN equal to NaN, -0 to 0).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Text(String),
    Int(i64),
    Float(u32),
}

fn float_key(x: f32) -> Key {
    Key::Float(if x.is_nan() {
        f32::NAN.to_bits()
    } else {
        (x + 0.0).to_bits()
    })
}

/// The keys a tensor holds, flattened.
fn keys(t: &Tensor) -> TractResult<Vec<Key>> {
    let dt = t.datum_type();
    Ok(if dt == String::datum_type() {
        t.to_plain_array_view::<String>()?
            .iter()
            .map(|s| Key::Text(s.clone()))
            .collect()
    } else if dt.is_float() {
        t.cast_to::<f32>()?
            .to_plain_array_view::<f32>()?
            .iter()
            .map(|&x| float_key(x))
            .collect()
    } else {
        t.cast_to::<i64>()?
            .to_plain_array_view::<i64>()?
            .iter()
            .map(|&x| Key::Int(x))
            .collect()
    })
}

/// `table[picks[i]]` for each pick, shaped `shape`.
fn pick<T: Datum>(table: &Tensor, picks: &[usize], shape: &[usize]) -> TractResult<Tensor> {
    let view = table.to_plain_array_view::<T>()?;
    let values: Vec<T> = picks
        .iter()
        .map(|&i| view[[i].as_slice()].clone())
        .collect();
    Ok(tract_ndarray::ArrayD::from_shape_vec(shape, values)?.into_tensor())
}

fn label_encoder(ctx: &ParsingContext, node: &NodeProto) -> Built {
    let a = Attributes::new(node);
    let tensor = |name: &str| -> TractResult<Option<Tensor>> {
        node.attribute
            .iter()
            .find(|attr| attr.name == name)
            .and_then(|attr| attr.t.as_ref())
            .map(|t| ctx.load_tensor(t))
            .transpose()
    };
    let text = |name: &str| a.strings(name).map_err(|e| format_err!("{e}"));
    let keys = if let Some(t) = tensor("keys_tensor")? {
        t
    } else if let Some(k) = text("keys_strings")?.or(text("classes_strings")?) {
        tensor1(&k)
    } else if let Some(k) = a.ints("keys_int64s") {
        tensor1(k)
    } else if let Some(k) = a.floats("keys_floats").map_err(|e| format_err!("{e}"))? {
        tensor1(&k)
    } else {
        bail!(
            "{}",
            a.error(
                "keys_strings",
                "no keys are given (keys_tensor, keys_strings, keys_int64s, keys_floats)"
            )
        );
    };
    let values = if let Some(t) = tensor("values_tensor")? {
        t
    } else if let Some(v) = text("values_strings")? {
        tensor1(&v)
    } else if let Some(v) = a.ints("values_int64s") {
        tensor1(v)
    } else if let Some(v) = a.floats("values_floats").map_err(|e| format_err!("{e}"))? {
        tensor1(&v)
    } else if a.has("classes_strings") {
        // Version 1: a text's position among the classes.
        tensor1(&(0..keys.len() as i64).collect::<Vec<_>>())
    } else {
        bail!(
            "{}",
            a.error(
                "values_strings",
                "no values are given (values_tensor, values_strings, values_int64s, values_floats)"
            )
        );
    };
    if keys.len() != values.len() {
        bail!(
            "{}",
            a.error(
                "values_strings",
                format!("{} keys but {} values", keys.len(), values.len())
            )
        );
    }
    let dt = values.datum_type();
    let default = match tensor("default_tensor")? {
        Some(t) => t.cast_to_dt(dt)?.into_owned().into_shape(&[1])?,
        None if dt == String::datum_type() => tensor1(&[a
            .string("default_string")
            .map_err(|e| format_err!("{e}"))?
            .unwrap_or_else(|| "_Unused".to_owned())]),
        None if dt == i64::datum_type() => tensor1(&[a.int("default_int64").unwrap_or(-1)]),
        None if dt == f32::datum_type() => tensor1(&[a.float("default_float").unwrap_or(-0.0)]),
        None => Tensor::zero_dt(dt, &[1])?,
    };
    let mut index = HashMap::new();
    for (i, key) in super::encoders::keys(&keys)?.into_iter().enumerate() {
        index.entry(key).or_insert(i);
    }
    // The values with the default last: a key's position, or the default's.
    let table = Tensor::stack_tensors(0, &[values, default])?;
    Ok((
        expand(Encoder {
            index: std::sync::Arc::new(index),
            table: table.into_arc_tensor(),
            one_hot: None,
        }),
        vec![],
    ))
}

fn one_hot_encoder(_: &ParsingContext, node: &NodeProto) -> Built {
    let a = Attributes::new(node);
    let cats = match (
        a.strings("cats_strings").map_err(|e| format_err!("{e}"))?,
        a.ints("cats_int64s"),
    ) {
        (Some(s), None) => tensor1(&s),
        (None, Some(i)) => tensor1(i),
        _ => bail!(
            "{}",
            a.error(
                "cats_strings",
                "exactly one of cats_strings and cats_int64s must be given"
            )
        ),
    };
    let zeros = a.int("zeros").unwrap_or(1) != 0;
    let mut index = HashMap::new();
    for (i, key) in keys(&cats)?.into_iter().enumerate() {
        index.entry(key).or_insert(i);
    }
    let categories = cats.len();
    Ok((
        expand(Encoder {
            index: std::sync::Arc::new(index),
            table: rctensor0(0f32),
            one_hot: Some(OneHot { categories, zeros }),
        }),
        vec![],
    ))
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct OneHot {
    categories: usize,
    /// An unknown category gives a row of zeros (else it is an error).
    zeros: bool,
}

/// A LabelEncoder (`one_hot` None: each value's key looked up in `table`, the last entry the
/// default) or a OneHotEncoder.
#[derive(Debug, Clone)]
struct Encoder {
    index: std::sync::Arc<HashMap<Key, usize>>,
    table: Arc<Tensor>,
    one_hot: Option<OneHot>,
}

impl PartialEq for Encoder {
    fn eq(&self, other: &Encoder) -> bool {
        std::sync::Arc::ptr_eq(&self.index, &other.index) && self.one_hot == other.one_hot
    }
}

impl Eq for Encoder {}

impl Expansion for Encoder {
    fn name(&self) -> StaticName {
        if self.one_hot.is_some() {
            "OneHotEncoder".into()
        } else {
            "LabelEncoder".into()
        }
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 1)?;
        check_output_arity(outputs, 1)?;
        match &self.one_hot {
            None => {
                s.equals(&outputs[0].datum_type, self.table.datum_type())?;
                s.equals(&outputs[0].shape, &inputs[0].shape)?;
            }
            Some(one_hot) => {
                let categories = one_hot.categories;
                s.equals(&outputs[0].datum_type, f32::datum_type())?;
                s.equals(&outputs[0].rank, inputs[0].rank.bex() + 1)?;
                s.given(&inputs[0].rank, move |s, rank| {
                    let rank = rank as usize;
                    for axis in 0..rank {
                        s.equals(&outputs[0].shape[axis], &inputs[0].shape[axis])?;
                    }
                    s.equals(&outputs[0].shape[rank], categories.to_dim())
                })?;
            }
        }
        Ok(())
    }

    wire_itself!();
}

named_as_expansion!(Encoder);

impl EvalOp for Encoder {
    op_out_of_plan!();

    fn eval(&self, _ctx: &EvalContext, inputs: TVec<TValue>) -> TractResult<TVec<TValue>> {
        let input = &inputs[0];
        let found: Vec<Option<usize>> = keys(input)?
            .iter()
            .map(|k| self.index.get(k).copied())
            .collect();
        let shape = input.shape();
        let output = match &self.one_hot {
            None => {
                let default = self.table.len() - 1;
                let picks: Vec<usize> = found.iter().map(|f| f.unwrap_or(default)).collect();
                dispatch_datum!(pick(self.table.datum_type())(&self.table, &picks, shape))?
            }
            Some(one_hot) => {
                let mut out = vec![0f32; found.len() * one_hot.categories];
                for (i, f) in found.iter().enumerate() {
                    match f {
                        Some(c) => out[i * one_hot.categories + c] = 1.0,
                        None if one_hot.zeros => {}
                        None => bail!(
                            "OneHotEncoder: value {i} is not one of its categories, and its zeros attribute is 0"
                        ),
                    }
                }
                let mut out_shape = shape.to_vec();
                out_shape.push(one_hot.categories);
                Tensor::from_shape(&out_shape, &out)?
            }
        };
        Ok(tvec!(output.into_tvalue()))
    }
}

impl TypedOp for Encoder {
    fn output_facts(&self, inputs: &[&TypedFact]) -> TractResult<TVec<TypedFact>> {
        Ok(tvec!(match &self.one_hot {
            None => self.table.datum_type().fact(inputs[0].shape.clone()),
            Some(one_hot) => {
                let mut shape: TVec<TDim> = inputs[0].shape.iter().cloned().collect();
                shape.push(one_hot.categories.to_dim());
                f32::fact(shape)
            }
        }))
    }

    as_op!();
}
