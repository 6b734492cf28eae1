//! A faster evaluation of the f32 arithmetic tract leaves on its generic broadcasting path.
//!
//! After optimisation, tract-core 0.23.9 runs `a op b` with a linalg kernel only when it can
//! prove the work large and aligned: for `[N, K] op [1, K]` the row length K must be a multiple
//! of its vector size, and with the batch a symbol N the element count must be provably above
//! 32 (`find_most_efficient_config` in `ops/binary.rs`). Otherwise the node stays a
//! `TypedBinOp`, evaluated through an ndarray zip that calls a closure per element. A model's
//! per-column preprocessing (`(x - mean) / scale` over 29, 61 or 93 columns) is exactly that
//! case. A profile of the Taiwan LSTM at batch 4096 (`perf record`, `bench_models`) put 42 % of
//! the time in those nodes. So is a per-row value spread over a row, `[N, 2] / [N, 1]`, the
//! normalisation that ends the German models' graphs: 42 % of the scorecard's time at batch 4096.
//!
//! Two fixes, both applied by [`Model::load`](super::Model::load):
//! - the batch symbol is declared `N >= 1` (true: an empty batch never reaches tract), which
//!   lets tract prove the size of most of its own fast paths;
//! - [`rewrite`] replaces each `TypedBinOp` still left (f32 `+ - * /`, max, min, one operand
//!   repeating over the other's leading axes, or each of its values over a run of the other's
//!   trailing axes, or both) with [`RowBroadcast`]: the same IEEE operation on
//!   the same pairs of numbers, in a loop the compiler vectorises. The results are bit for bit
//!   tract's own (`tests` below compare them on random shapes).

use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::*;
use tract_onnx::tract_core::ops::binary::TypedBinOp;

/// The elementwise operations [`RowBroadcast`] takes over, as tract's mini-ops name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Max,
    Min,
}

impl Arith {
    fn of(name: &str) -> Option<Arith> {
        Some(match name {
            "Add" => Arith::Add,
            "Sub" => Arith::Sub,
            "Mul" => Arith::Mul,
            "Div" => Arith::Div,
            "Max" => Arith::Max,
            "Min" => Arith::Min,
            _ => return None,
        })
    }

    /// `x op y`, written as tract writes it for f32 (`f32::max` and `f32::min` for max and min).
    #[inline(always)]
    fn apply(self, x: f32, y: f32) -> f32 {
        match self {
            Arith::Add => x + y,
            Arith::Sub => x - y,
            Arith::Mul => x * y,
            Arith::Div => x / y,
            Arith::Max => x.max(y),
            Arith::Min => x.min(y),
        }
    }
}

/// `a op b` where one operand (the "small" one) has the other's shape with some leading axes,
/// and some trailing axes, of length 1: the small operand repeats over the leading axes, and
/// each of its values over a run of the trailing ones (`trailing_axes`). The output has the big
/// operand's shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RowBroadcast {
    pub op: Arith,
    /// Whether the big operand is input 1 (`small op big`); otherwise input 0 (`big op small`).
    pub small_first: bool,
}

/// If `small` is `big` with some leading axes and some trailing axes replaced by 1 (the same
/// shape included), how many trailing axes: on facts' symbolic dimensions at load, on a
/// tensor's sizes at each run. Where a dimension is 1 in both, any split gives the same result.
fn trailing_axes<D: PartialEq + One>(big: &[D], small: &[D]) -> Option<usize> {
    if big.len() != small.len() {
        return None;
    }
    let leading = small.iter().take_while(|s| s.is_one()).count();
    let middle = big
        .iter()
        .zip(small)
        .skip(leading)
        .take_while(|(b, s)| b == s)
        .count();
    let rest = small.get(leading + middle..).unwrap_or_default();
    rest.iter().all(One::is_one).then_some(rest.len())
}

/// A dimension that can say whether it is 1.
trait One {
    fn is_one(&self) -> bool;
}

impl One for TDim {
    fn is_one(&self) -> bool {
        TDim::is_one(self)
    }
}

impl One for usize {
    fn is_one(&self) -> bool {
        *self == 1
    }
}

impl RowBroadcast {
    /// Runs `f` over `big` in place: each block of `small.len() * inner` values pairs its runs
    /// of `inner` values with `small`'s values in turn.
    #[inline(always)]
    fn each(big: &mut [f32], small: &[f32], inner: usize, f: impl Fn(f32, f32) -> f32) {
        if big.is_empty() {
            return;
        }
        if let [s] = small {
            big.iter_mut().for_each(|x| *x = f(*x, *s));
        } else if inner > 1 {
            for block in big.chunks_exact_mut(small.len() * inner) {
                for (run, s) in block.chunks_exact_mut(inner).zip(small) {
                    run.iter_mut().for_each(|x| *x = f(*x, *s));
                }
            }
        } else {
            for chunk in big.chunks_exact_mut(small.len()) {
                chunk
                    .iter_mut()
                    .zip(small)
                    .for_each(|(x, s)| *x = f(*x, *s));
            }
        }
    }

    fn compute(&self, big: &mut [f32], small: &[f32], inner: usize) {
        // One monomorphised loop per operation and order, so each inner loop is branch-free.
        macro_rules! arms {
            ($($arith:ident),*) => {
                match (self.op, self.small_first) {
                    $(
                        (Arith::$arith, false) => {
                            Self::each(big, small, inner, |x, s| Arith::$arith.apply(x, s))
                        }
                        (Arith::$arith, true) => {
                            Self::each(big, small, inner, |x, s| Arith::$arith.apply(s, x))
                        }
                    )*
                }
            };
        }
        arms!(Add, Sub, Mul, Div, Max, Min)
    }
}

impl Op for RowBroadcast {
    fn name(&self) -> StaticName {
        format!("RowBroadcast{:?}", self.op).into()
    }

    op_as_typed_op!();
}

impl EvalOp for RowBroadcast {
    op_out_of_plan!();

    fn eval(&self, _ctx: &EvalContext, inputs: TVec<TValue>) -> TractResult<TVec<TValue>> {
        let (a, b) = args_2!(inputs);
        let (big, small) = if self.small_first { (b, a) } else { (a, b) };
        let trailing = trailing_axes(big.shape(), small.shape())
            .filter(|_| !small.shape().contains(&0))
            .ok_or_else(|| {
                format_err!(
                    "{}: operands of shapes {:?} and {:?}",
                    self.name(),
                    big.shape(),
                    small.shape()
                )
            })?;
        let inner: usize = big.shape()[big.rank() - trailing..].iter().product();
        let mut big = big.into_tensor();
        let small = small.to_plain_array_view::<f32>()?;
        let small = small
            .as_slice()
            .ok_or_else(|| format_err!("{}: the small operand is not contiguous", self.name()))?;
        let mut view = big.to_plain_array_view_mut::<f32>()?;
        let big_slice = view
            .as_slice_mut()
            .ok_or_else(|| format_err!("{}: the big operand is not contiguous", self.name()))?;
        self.compute(big_slice, small, inner);
        Ok(tvec!(big.into_tvalue()))
    }
}

impl TypedOp for RowBroadcast {
    fn output_facts(&self, inputs: &[&TypedFact]) -> TractResult<TVec<TypedFact>> {
        let (big, small) = if self.small_first {
            (inputs[1], inputs[0])
        } else {
            (inputs[0], inputs[1])
        };
        ensure!(big.datum_type == f32::datum_type() && small.datum_type == f32::datum_type());
        ensure!(trailing_axes(&big.shape, &small.shape).is_some());
        Ok(tvec!(f32::fact(big.shape.clone())))
    }

    as_op!();
}

/// The [`RowBroadcast`] that computes `node`, if it is a `TypedBinOp` this module takes over.
fn replacement(model: &TypedModel, node: &TypedNode) -> TractResult<Option<RowBroadcast>> {
    let Some(bin) = node.op_as::<TypedBinOp>() else {
        return Ok(None);
    };
    let Some(op) = Arith::of(bin.0.name()) else {
        return Ok(None);
    };
    if bin.1.is_some() {
        return Ok(None);
    }
    let [a, b] = &*model.node_input_facts(node.id)? else {
        return Ok(None);
    };
    let [out] = &*node.outputs else {
        return Ok(None);
    };
    let f32_dt = f32::datum_type();
    if a.datum_type != f32_dt || b.datum_type != f32_dt || out.fact.datum_type != f32_dt {
        return Ok(None);
    }
    let small_first = if a.shape == out.fact.shape && trailing_axes(&a.shape, &b.shape).is_some() {
        false
    } else if b.shape == out.fact.shape && trailing_axes(&b.shape, &a.shape).is_some() {
        true
    } else {
        return Ok(None);
    };
    Ok(Some(RowBroadcast { op, small_first }))
}

/// Replaces every generic f32 broadcasting node of an optimised `model` with [`RowBroadcast`];
/// returns how many it replaced.
pub fn rewrite(model: &mut TypedModel) -> TractResult<usize> {
    let mut replaced = 0;
    for id in model.eval_order()? {
        let node = model.node(id);
        if let Some(op) = replacement(model, node)? {
            let inputs = node.inputs.clone();
            let patch = TypedModelPatch::replace_single_op(model, model.node(id), &inputs, op)?;
            patch.apply(model)?;
            replaced += 1;
        }
    }
    if replaced > 0 {
        model.compact()?;
    }
    Ok(replaced)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use rand::rngs::SmallRng;
    use rand::{RngExt, SeedableRng};

    /// A model computing `a op b` for inputs of the given shapes, with a symbolic batch when
    /// `big` starts with 0, as tract optimises it, before and after [`rewrite`].
    fn plans(
        op: &str,
        a_shape: &[usize],
        b_shape: &[usize],
    ) -> (Arc<TypedRunnableModel>, Arc<TypedRunnableModel>, usize) {
        let mini: Box<dyn tract_onnx::tract_core::ops::binary::BinMiniOp> = match op {
            "Add" => Box::new(tract_onnx::tract_core::ops::math::Add),
            "Sub" => Box::new(tract_onnx::tract_core::ops::math::Sub),
            "Mul" => Box::new(tract_onnx::tract_core::ops::math::Mul),
            "Div" => Box::new(tract_onnx::tract_core::ops::math::Div),
            "Max" => Box::new(tract_onnx::tract_core::ops::math::Max),
            _ => Box::new(tract_onnx::tract_core::ops::math::Min),
        };
        let mut model = TypedModel::default();
        let n = model.symbols.sym("N");
        let dims = |shape: &[usize]| -> TVec<TDim> {
            shape
                .iter()
                .map(|&d| {
                    if d == 0 {
                        TDim::from(n.clone())
                    } else {
                        d.to_dim()
                    }
                })
                .collect()
        };
        let a = model.add_source("a", f32::fact(dims(a_shape))).unwrap();
        let b = model.add_source("b", f32::fact(dims(b_shape))).unwrap();
        let c = model
            .wire_node("c", TypedBinOp(mini, None), &[a, b])
            .unwrap();
        model.select_output_outlets(&c).unwrap();
        let optimised = model.into_optimized().unwrap();
        let before = optimised.clone().into_runnable().unwrap();
        let mut rewritten = optimised;
        let replaced = rewrite(&mut rewritten).unwrap();
        (before, rewritten.into_runnable().unwrap(), replaced)
    }

    fn random(rng: &mut SmallRng, shape: &[usize]) -> Tensor {
        let len = shape.iter().product();
        let values: Vec<f32> = (0..len)
            .map(|_| match rng.random_range(0..20) {
                0 => 0.0,
                1 => -0.0,
                2 => f32::INFINITY,
                _ => rng.random_range(-100.0..100.0),
            })
            .collect();
        Tensor::from_shape(shape, &values).unwrap()
    }

    /// Property: for every operation, both orders and shapes of several kinds (a per-column
    /// row, a scalar, a per-row block, a per-row value, a per-row column over a block, equal
    /// shapes; a concrete and a symbolic batch), the
    /// rewritten plan gives exactly tract's own result, bit for bit.
    #[test]
    fn rewritten_plan_equals_tract_bit_for_bit() {
        let mut rng = SmallRng::seed_from_u64(7);
        // (big, small); 0 stands for the batch symbol N, run with 37 rows.
        let layouts: [(&[usize], &[usize]); 11] = [
            (&[0, 93], &[1, 93]),
            (&[0, 29], &[1, 29]),
            (&[0, 15], &[1, 1]),
            (&[0, 15], &[0, 15]),
            (&[0, 6, 13], &[1, 1, 13]),
            (&[0, 6, 13], &[1, 6, 13]),
            (&[37, 61], &[1, 61]),
            (&[0, 2], &[0, 1]),
            (&[0, 6, 13], &[0, 6, 1]),
            (&[0, 6, 13], &[1, 6, 1]),
            (&[37, 4], &[37, 1]),
        ];
        let mut rewritten_any = 0;
        for op in ["Add", "Sub", "Mul", "Div", "Max", "Min"] {
            for (big, small) in layouts {
                for small_first in [false, true] {
                    let (a_shape, b_shape) = if small_first {
                        (small, big)
                    } else {
                        (big, small)
                    };
                    let (before, after, replaced) = plans(op, a_shape, b_shape);
                    rewritten_any += replaced;
                    let concrete = |s: &[usize]| -> Vec<usize> {
                        s.iter().map(|&d| if d == 0 { 37 } else { d }).collect()
                    };
                    let a = random(&mut rng, &concrete(a_shape));
                    let b = random(&mut rng, &concrete(b_shape));
                    let want = before
                        .run(tvec!(a.clone().into(), b.clone().into()))
                        .unwrap();
                    let got = after.run(tvec!(a.into(), b.into())).unwrap();
                    let want = want[0].to_plain_array_view::<f32>().unwrap();
                    let got = got[0].to_plain_array_view::<f32>().unwrap();
                    assert_eq!(want.shape(), got.shape(), "{op} {a_shape:?} {b_shape:?}");
                    for (w, g) in want.iter().zip(got.iter()) {
                        assert!(
                            w.to_bits() == g.to_bits() || (w.is_nan() && g.is_nan()),
                            "{op} {a_shape:?} {b_shape:?}: tract {w}, rewritten {g}"
                        );
                    }
                }
            }
        }
        // The symbolic-batch layouts are the case the module exists for: tract leaves them on
        // its generic path, so some nodes must have been replaced.
        assert!(
            rewritten_any >= 6 * 2 * 6,
            "only {rewritten_any} nodes rewritten"
        );
    }

    #[test]
    fn shapes_that_do_not_repeat_are_left_to_tract() {
        let dims = |d: &[usize]| -> TVec<TDim> { d.iter().map(|&x| x.to_dim()).collect() };
        let big = dims(&[5, 3, 4]);
        // Repeating over leading axes (no trailing run), each value over trailing axes, both.
        assert_eq!(trailing_axes(&big, &dims(&[1, 3, 4])), Some(0));
        assert_eq!(trailing_axes(&big, &big), Some(0));
        assert_eq!(trailing_axes(&big, &dims(&[5, 3, 1])), Some(1));
        assert_eq!(trailing_axes(&big, &dims(&[5, 1, 1])), Some(2));
        assert_eq!(trailing_axes(&big, &dims(&[1, 3, 1])), Some(1));
        assert_eq!(trailing_axes(&big, &dims(&[1, 1, 1])), Some(0));
        // A 1 between kept axes, or another rank: tract's generic path keeps them.
        assert_eq!(trailing_axes(&big, &dims(&[5, 1, 4])), None);
        assert_eq!(trailing_axes(&big, &dims(&[3, 4])), None);
        // A symbolic batch is kept as a kept axis, never taken for 1.
        let n = TDim::from(SymbolScope::default().sym("N"));
        let batch: TVec<TDim> = tvec![n.clone(), 2.to_dim()];
        assert_eq!(trailing_axes(&batch, &tvec![n, 1.to_dim()]), Some(1));
        assert_eq!(trailing_axes(&batch, &dims(&[2, 1])), None);
        // The same rule on a tensor's sizes, as each run checks it.
        assert_eq!(trailing_axes::<usize>(&[5, 3], &[1, 3]), Some(0));
        assert_eq!(trailing_axes::<usize>(&[5, 3], &[5, 1]), Some(1));
        assert_eq!(trailing_axes::<usize>(&[5, 3, 4], &[5, 1, 4]), None);
        let (_, _, replaced) = plans("Add", &[0, 3, 4], &[0, 1, 4]);
        assert_eq!(replaced, 0);
    }
}
