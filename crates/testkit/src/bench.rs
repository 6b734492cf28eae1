//! What the native benchmarks (`examples/bench_*.rs`) share: the catalog's models by id, their
//! golden rows as applicants, and order statistics of timings.

// A benchmark fixture that does not load is a broken setup: say which and stop.
#![allow(clippy::panic)]

use riskscope_core::applicant::{Applicant, RawApplicant};
use riskscope_core::scorer::Scorer;

use crate::models::{MODELS, ModelFiles};

/// The catalog's models whose id contains one of `only` (all of them when `only` is empty), in
/// the catalog's order: a benchmark's arguments, for `perf record` on one model.
pub fn models_matching(only: &[String]) -> impl Iterator<Item = &'static ModelFiles> + '_ {
    MODELS
        .iter()
        .filter(move |m| only.is_empty() || only.iter().any(|o| m.id.contains(o.as_str())))
}

/// The model by id.
pub fn model(id: &str) -> &'static ModelFiles {
    MODELS
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no catalog model \"{id}\""))
}

impl ModelFiles {
    /// The golden rows, parsed by `scorer` (this model's).
    pub fn applicants(&self, scorer: &Scorer) -> Vec<Applicant> {
        self.golden()
            .rows
            .iter()
            .map(|r| {
                let raw: RawApplicant = r.raw.iter().collect();
                scorer
                    .parse(&raw)
                    .unwrap_or_else(|e| panic!("{}: a golden row: {e}", self.id))
            })
            .collect()
    }
}

/// The `q`-quantile of `xs` (nearest rank; NaN when empty). Sorts `xs`.
pub fn percentile(xs: &mut [f64], q: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(((xs.len().max(1) - 1) as f64 * q).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_is_the_nearest_rank() {
        let mut xs = [5.0, 1.0, 4.0, 2.0, 3.0];
        assert_eq!(percentile(&mut xs, 0.5), 3.0);
        assert_eq!(percentile(&mut xs, 0.0), 1.0);
        assert_eq!(percentile(&mut xs, 1.0), 5.0);
        assert_eq!(percentile(&mut xs, 0.95), 5.0);
        assert!(percentile(&mut [], 0.5).is_nan());
    }

    #[test]
    fn every_model_is_found_by_its_id_and_a_part_of_it() {
        for m in MODELS {
            assert_eq!(model(m.id).id, m.id);
        }
        let fraud: Vec<_> = models_matching(&["ulb".into()]).map(|m| m.id).collect();
        assert_eq!(
            fraud,
            [
                "ulb-fraud-mlp",
                "ulb-fraud-lightgbm",
                "ulb-fraud-autoencoder"
            ]
        );
        assert_eq!(models_matching(&[]).count(), MODELS.len());
    }
}
