//! Attribution against oracles: analytic Shapley values of toy games on a real manifest's
//! columns, the Shapley axioms (efficiency, symmetry, dummy), the exact values of the additive
//! models (logistic weights, scorecard points), and honest error bounds for the sampled ones.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use riskscope_core::applicant::{Applicant, Value};
use riskscope_core::explain::{Attribution, Explainer, Method, Scale};
use riskscope_core::manifest::Manifest;
use riskscope_core::model::ModelError;

/// The efficiency bar of the issue, on the attribution's scale.
const EFFICIENCY: f64 = 1e-4;

fn sigmoid(g: f64) -> f32 {
    (1.0 / (1.0 + (-g).exp())) as f32
}

struct Toy {
    manifest: Manifest,
    applicants: Vec<Applicant>,
    u: usize,
    v: usize,
    width: usize,
    col_u: usize,
    col_v: usize,
}

/// German Credit's manifest and golden applicants, with two integer features picked as the toy
/// game's inputs u (loan duration) and v (age).
fn toy() -> Toy {
    let manifest = Manifest::parse(common::MANIFEST).unwrap();
    let applicants: Vec<Applicant> = common::golden()
        .rows
        .iter()
        .map(|row| Applicant::parse(&manifest, &common::raw(row)).unwrap())
        .collect();
    let u = manifest.feature_index("duration_in_month").unwrap();
    let v = manifest.feature_index("age_in_years").unwrap();
    let columns = manifest.feature_columns();
    Toy {
        width: manifest.input_width(),
        col_u: columns[u].start,
        col_v: columns[v].start,
        manifest,
        applicants,
        u,
        v,
    }
}

impl Toy {
    fn encode(&self, applicants: &[Applicant]) -> Vec<f32> {
        riskscope_core::encoding::encode(&self.manifest, applicants).unwrap()
    }

    fn number(&self, applicant: &Applicant, j: usize) -> f64 {
        match applicant.values()[j] {
            Value::Number(x) => x,
            Value::Category(_) => panic!("feature {j} is a category"),
        }
    }

    /// A "model" whose log-odds is `k * u * v`: it ignores every other feature.
    fn product(&self, k: f64) -> impl Fn(&[f32]) -> Result<Vec<f32>, ModelError> + '_ {
        move |rows: &[f32]| {
            Ok(rows
                .chunks_exact(self.width)
                .map(|r| sigmoid(k * f64::from(r[self.col_u]) * f64::from(r[self.col_v])))
                .collect())
        }
    }
}

fn assert_efficient(a: &Attribution, what: &str) {
    let sum: f64 = a.contributions.iter().sum();
    assert!(
        (sum - (a.value - a.baseline)).abs() <= EFFICIENCY,
        "{what}: contributions sum to {sum}, value - baseline is {}",
        a.value - a.baseline
    );
}

#[test]
fn exact_enumeration_matches_the_analytic_shapley_values_of_a_product() {
    // For g = k u v against background rows b, the interventional Shapley value of u is
    // mean_b (k / 2) (u - u_b) (v + v_b), and of v symmetrically.
    let t = toy();
    let k = 1e-3;
    let background = &t.applicants[1..9];
    let eval = t.product(k);
    let explainer = Explainer::new(&t.manifest, background, false, &eval).unwrap();
    let x = &t.applicants[0];
    let (ux, vx) = (t.number(x, t.u), t.number(x, t.v));
    let want_u = background
        .iter()
        .map(|b| k / 2.0 * (ux - t.number(b, t.u)) * (vx + t.number(b, t.v)))
        .sum::<f64>()
        / background.len() as f64;
    let want_v = background
        .iter()
        .map(|b| k / 2.0 * (vx - t.number(b, t.v)) * (ux + t.number(b, t.u)))
        .sum::<f64>()
        / background.len() as f64;
    // Three players: u, v, and every other feature together (a dummy).
    let others: Vec<usize> = (0..t.manifest.features.len())
        .filter(|&j| j != t.u && j != t.v)
        .collect();
    let players = vec![vec![t.u], vec![t.v], others];
    let a = explainer
        .explain_exact(&t.encode(std::slice::from_ref(x)), &players, &eval)
        .unwrap();
    assert_eq!(a.method, Method::Exact);
    assert_eq!(a.scale, Scale::LogOdds);
    assert!(
        (a.contributions[0] - want_u).abs() < 1e-4,
        "{a:?} vs u {want_u}"
    );
    assert!(
        (a.contributions[1] - want_v).abs() < 1e-4,
        "{a:?} vs v {want_v}"
    );
    assert_eq!(a.contributions[2], 0.0, "the dummy player gets exactly 0");
    assert_efficient(&a, "exact");
    assert!((a.baseline - explainer.baseline()).abs() < 1e-9);
}

#[test]
fn sampled_values_are_efficient_give_dummies_zero_and_cover_the_exact_values() {
    let t = toy();
    let eval = t.product(1e-3);
    let background = &t.applicants[1..41];
    let explainer = Explainer::new(&t.manifest, background, false, &eval).unwrap();
    let singletons: Vec<Vec<usize>> = (0..t.manifest.features.len()).map(|j| vec![j]).collect();
    let mut covered = 0;
    let mut total = 0;
    for x in &t.applicants[41..61] {
        let row = t.encode(std::slice::from_ref(x));
        let sampled = explainer
            .explain_sampled(&row, &singletons, explainer.n_background(), &eval)
            .unwrap();
        assert_eq!(
            sampled.method,
            Method::Sampled {
                walks: background.len()
            }
        );
        assert_efficient(&sampled, "sampled");
        for (j, c) in sampled.contributions.iter().enumerate() {
            if j != t.u && j != t.v {
                assert_eq!(*c, 0.0, "feature {j} is ignored by the model");
                assert_eq!(sampled.half_width[j], 0.0);
            }
        }
        // The exact game over the same background, with the dummies grouped.
        let others: Vec<usize> = (0..t.manifest.features.len())
            .filter(|&j| j != t.u && j != t.v)
            .collect();
        let exact = explainer
            .explain_exact(&row, &[vec![t.u], vec![t.v], others], &eval)
            .unwrap();
        for (j, p) in [(t.u, 0), (t.v, 1)] {
            total += 1;
            let gap = (sampled.contributions[j] - exact.contributions[p]).abs();
            if gap <= sampled.half_width[j] + 1e-9 {
                covered += 1;
            }
        }
    }
    // A 95 % interval should hold the exact value about 95 % of the time.
    assert!(
        covered * 10 >= total * 8,
        "{covered} of {total} intervals hold the exact value"
    );
}

#[test]
fn symmetric_features_get_equal_values() {
    // g = k u v with u and v equal in the applicant and in every background row.
    let t = toy();
    let same = |a: &Applicant| {
        let u = t.number(a, t.u).clamp(19.0, 72.0);
        a.with_value(&t.manifest, t.u, Value::Number(u))
            .and_then(|a| a.with_value(&t.manifest, t.v, Value::Number(u)))
            .unwrap()
    };
    let background: Vec<Applicant> = t.applicants[1..9].iter().map(same).collect();
    let eval = t.product(1e-3);
    let explainer = Explainer::new(&t.manifest, &background, false, &eval).unwrap();
    let x = same(&t.applicants[0]);
    let a = explainer
        .explain_exact(&t.encode(&[x]), &[vec![t.u], vec![t.v]], &eval)
        .unwrap();
    assert!(
        (a.contributions[0] - a.contributions[1]).abs() < 1e-5,
        "{:?}",
        a.contributions
    );
}

#[test]
fn an_additive_model_is_explained_exactly_from_one_term_per_feature() {
    // log-odds = sum of k_j * (first column of feature j): additive, so the additive method
    // must give k_j * (x_j - mean_b b_j) exactly.
    let t = toy();
    let columns = t.manifest.feature_columns();
    let weights: Vec<f64> = (0..columns.len())
        .map(|j| 0.01 * (j as f64 - 9.5))
        .collect();
    let eval = |rows: &[f32]| -> Result<Vec<f32>, ModelError> {
        Ok(rows
            .chunks_exact(t.width)
            .map(|r| {
                let g: f64 = columns
                    .iter()
                    .zip(&weights)
                    .map(|(c, w)| w * f64::from(r[c.start]) / 1000.0)
                    .sum();
                sigmoid(g)
            })
            .collect())
    };
    let background = &t.applicants[1..21];
    let explainer = Explainer::new(&t.manifest, background, true, &eval).unwrap();
    let encoded = t.encode(background);
    for x in &t.applicants[30..35] {
        let row = t.encode(std::slice::from_ref(x));
        let a = explainer.explain(&row, &eval).unwrap();
        assert_eq!(a.method, Method::Additive);
        assert_efficient(&a, "additive");
        for (j, c) in columns.iter().enumerate() {
            let mean_b = encoded
                .chunks_exact(t.width)
                .map(|r| f64::from(r[c.start]))
                .sum::<f64>()
                / background.len() as f64;
            let want = weights[j] * (f64::from(row[c.start]) - mean_b) / 1000.0;
            assert!(
                (a.contributions[j] - want).abs() < 1e-4,
                "feature {j}: {} vs {want}",
                a.contributions[j]
            );
        }
    }
}

#[test]
fn misshapen_rows_and_values_are_errors_not_panics() {
    let t = toy();
    let eval = t.product(1e-3);
    let explainer = Explainer::new(&t.manifest, &t.applicants[1..5], false, &eval).unwrap();
    let short = vec![0.0f32; t.width - 1];
    let message = explainer.explain(&short, &eval).unwrap_err().to_string();
    assert_eq!(
        message,
        format!(
            "the applicant's row has {} values, the model reads {}",
            t.width - 1,
            t.width
        )
    );
    let message = explainer
        .partial_dependence(t.u, &[vec![1.0, 2.0]], &eval)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("has 2 encoded columns, the feature has 1"),
        "{message}"
    );
    assert!(Explainer::new(&t.manifest, &[], false, &eval).is_err());
}
