//! Counterfactual recourse on the committed models: every suggestion really clears the decision
//! when re-parsed and re-scored, changes at most four attributes, respects the locks, the
//! manifest's category moves, types and ranges, and stays near real applicants of the reference
//! sample; the German models' default suggestions are ones a loan officer can say aloud.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Fixture, MODELS, fixture, raw};
use riskscope_core::applicant::{Applicant, RawApplicant, Value};
use riskscope_core::assessment::Decision;
use riskscope_core::manifest::{FeatureKind, Manifest};
use riskscope_core::recourse::{self, Lock, SearchSettings};
use riskscope_core::scorer::Scorer;

fn applicants(fixture: &Fixture, scorer: &Scorer) -> Vec<Applicant> {
    fixture
        .golden()
        .rows
        .iter()
        .map(|r| scorer.parse(&raw(r)).unwrap())
        .collect()
}

/// Parses an applicant back from the form texts of its values, as the page applies a suggestion.
fn reparse(m: &Manifest, applicant: &Applicant) -> Applicant {
    let raw: RawApplicant = m
        .features
        .iter()
        .enumerate()
        .map(|(j, f)| {
            let text = match (&f.kind, applicant.values()[j]) {
                (FeatureKind::Category(c), Value::Category(k)) => c.categories[k].value.clone(),
                (_, Value::Number(x)) => x.to_string(),
                _ => panic!("mismatched value"),
            };
            (f.name.clone(), text)
        })
        .collect();
    Applicant::parse(m, &raw).unwrap()
}

fn check_counterfactuals(
    fixture: &Fixture,
    scorer: &Scorer,
    applicant: &Applicant,
    locks: &[Lock],
) -> usize {
    let m = scorer.manifest();
    let cutoff = m.decision.cutoff;
    let found =
        recourse::counterfactuals(scorer, applicant, locks, cutoff, SearchSettings::default())
            .unwrap();
    assert!(found.len() <= 3);
    let scales = recourse::scales(m, scorer.reference());
    let bound = recourse::plausibility_bound(m, scorer.reference()).map(|bound| {
        let own = scorer.reference().map_or(0.0, |r| {
            r.background
                .iter()
                .map(|b| recourse::distance(&scales, applicant, b))
                .fold(f64::INFINITY, f64::min)
        });
        bound.max(own)
    });
    let mut sets: Vec<Vec<usize>> = Vec::new();
    for cf in &found {
        let again = reparse(m, &cf.applicant);
        let score = scorer.assess(&again).unwrap();
        assert_eq!(
            score.decision,
            Decision::Cleared,
            "{}: a suggestion does not clear",
            fixture.id
        );
        assert_eq!(score.score, cf.score);
        let set: Vec<usize> = cf.changes.iter().map(|c| c.feature_idx).collect();
        assert!(!set.is_empty() && set.len() <= 4);
        assert!(
            !sets.contains(&set),
            "{}: two suggestions change the same attributes",
            fixture.id
        );
        sets.push(set);
        for change in &cf.changes {
            let j = change.feature_idx;
            let feature = &m.features[j];
            assert!(
                !feature.immutable,
                "{}: changed immutable {}",
                fixture.id, feature.name
            );
            assert_ne!(
                locks[j],
                Lock::Fixed,
                "{}: changed locked {}",
                fixture.id,
                feature.name
            );
            assert_eq!(applicant.values()[j], change.from);
            assert_eq!(cf.applicant.values()[j], change.to);
            if let (Value::Category(from), Value::Category(to)) = (change.from, change.to) {
                assert!(
                    feature.may_move(from, to),
                    "{}: {} moved {from} -> {to}, which its manifest does not allow",
                    fixture.id,
                    feature.name
                );
            }
            if let (Value::Number(from), Value::Number(to)) = (change.from, change.to) {
                match locks[j] {
                    Lock::UpOnly => assert!(to > from),
                    Lock::DownOnly => assert!(to < from),
                    _ => {}
                }
                if let FeatureKind::Integer(_) = feature.kind {
                    assert_eq!(to.fract(), 0.0);
                }
            }
        }
        // Near a real applicant: brute force over the whole reference background.
        if let (Some(bound), Some(reference)) = (bound, scorer.reference()) {
            let nearest = reference
                .background
                .iter()
                .map(|b| recourse::distance(&scales, &cf.applicant, b))
                .fold(f64::INFINITY, f64::min);
            assert!(
                nearest <= bound,
                "{}: a suggestion off the data ({nearest} > {bound})",
                fixture.id
            );
        }
        // Everything not listed as changed is unchanged.
        for (j, (a, b)) in applicant
            .values()
            .iter()
            .zip(cf.applicant.values())
            .enumerate()
        {
            if a != b {
                assert!(cf.changes.iter().any(|c| c.feature_idx == j));
            }
        }
    }
    found.len()
}

#[test]
fn counterfactuals_clear_the_decision_and_respect_locks_types_and_ranges() {
    for fixture in MODELS {
        let scorer = fixture.supported_scorer();
        let m = scorer.manifest();
        let all = applicants(fixture, &scorer);
        let flagged: Vec<&Applicant> = all
            .iter()
            .filter(|a| scorer.assess(a).unwrap().decision == Decision::Flagged)
            .take(3)
            .collect();
        assert!(!flagged.is_empty(), "{}", fixture.id);
        let mut n_found = 0;
        for applicant in flagged {
            let free = vec![Lock::Free; m.features.len()];
            n_found += check_counterfactuals(fixture, &scorer, applicant, &free);
            // Lock what the first suggestion changed, and force numbers one way: the search
            // must find its way around.
            let first = recourse::counterfactuals(
                &scorer,
                applicant,
                &free,
                m.decision.cutoff,
                SearchSettings::default(),
            )
            .unwrap();
            let mut locks = free.clone();
            if let Some(cf) = first.first() {
                for c in &cf.changes {
                    locks[c.feature_idx] = Lock::Fixed;
                }
            }
            for (j, f) in m.features.iter().enumerate() {
                if locks[j] == Lock::Free
                    && !matches!(f.kind, FeatureKind::Category(_))
                    && j % 2 == 0
                {
                    locks[j] = Lock::UpOnly;
                }
            }
            check_counterfactuals(fixture, &scorer, applicant, &locks);
            // The page's default: the manifest's locks. For a history, the past months are
            // kept as they are.
            let defaults = recourse::default_locks(m);
            if m.sequence.is_some() {
                let past: Vec<Lock> = m
                    .features
                    .iter()
                    .map(|f| match (m.sequence_cell(&f.name), f.immutable) {
                        (Some(_), _) | (None, true) => Lock::Fixed,
                        (None, false) => Lock::Free,
                    })
                    .collect();
                assert_eq!(defaults, past, "{}", fixture.id);
            }
            check_counterfactuals(fixture, &scorer, applicant, &defaults);
        }
        assert!(
            n_found > 0,
            "{}: no counterfactual for any declined golden applicant",
            fixture.id
        );
    }
}

#[test]
fn a_cleared_applicant_needs_no_counterfactual() {
    let fixture = fixture("german-credit-logistic");
    let scorer = fixture.supported_scorer();
    let m = scorer.manifest();
    let cleared = applicants(fixture, &scorer)
        .into_iter()
        .find(|a| scorer.assess(a).unwrap().decision == Decision::Cleared)
        .unwrap();
    let locks = vec![Lock::Free; m.features.len()];
    assert!(
        recourse::counterfactuals(
            &scorer,
            &cleared,
            &locks,
            m.decision.cutoff,
            SearchSettings::default()
        )
        .unwrap()
        .is_empty()
    );
}

/// The German catalog models' default suggestions, over every declined golden applicant: no
/// change to the credit history, the loan's purpose or an attribute about the person, and no
/// closing of an account; each respects the manifest (checked by `check_counterfactuals`).
#[test]
fn german_default_suggestions_are_ones_a_loan_officer_can_say_aloud() {
    for id in [
        "german-credit-logistic",
        "german-credit-scorecard",
        "german-credit-mlp",
    ] {
        let fixture = fixture(id);
        let scorer = fixture.supported_scorer();
        let m = scorer.manifest();
        let defaults = recourse::default_locks(m);
        let never: Vec<usize> = [
            "credit_history",
            "purpose",
            "age_in_years",
            "personal_status_and_sex",
            "foreign_worker",
        ]
        .iter()
        .map(|name| m.feature_index(name).unwrap())
        .collect();
        let checking = m
            .feature_index("status_of_existing_checking_account")
            .unwrap();
        let FeatureKind::Category(c) = &m.features[checking].kind else {
            panic!("checking account is a category")
        };
        let no_account = c.find("no checking account").unwrap();
        let (mut n_declined, mut n_found, mut n_suggestions) = (0, 0, 0);
        for applicant in applicants(fixture, &scorer) {
            if scorer.assess(&applicant).unwrap().decision != Decision::Flagged {
                continue;
            }
            n_declined += 1;
            let found = recourse::counterfactuals(
                &scorer,
                &applicant,
                &defaults,
                m.decision.cutoff,
                SearchSettings::default(),
            )
            .unwrap();
            n_found += usize::from(!found.is_empty());
            n_suggestions += found.len();
            for cf in &found {
                for change in &cf.changes {
                    assert!(!never.contains(&change.feature_idx), "{id}: {:?}", change);
                    assert!(
                        !(change.feature_idx == checking
                            && change.to == Value::Category(no_account)),
                        "{id}: advises closing the checking account"
                    );
                }
            }
            if n_declined <= 4 {
                check_counterfactuals(fixture, &scorer, &applicant, &defaults);
            }
        }
        println!(
            "{id}: {n_declined} declined golden applicants, {n_found} with suggestions ({n_suggestions} in all)"
        );
        assert!(
            n_found * 2 >= n_declined,
            "{id}: suggestions for only {n_found} of {n_declined} declined applicants"
        );
    }
}

/// The plausibility bound is what it says: about 95 % of the reference rows lie within it of
/// their nearest other row (brute force over every row), and an applicant pushed to the edges of
/// every number's range lies beyond it.
#[test]
fn the_plausibility_bound_admits_the_reference_and_refuses_the_edges() {
    let fixture = fixture("german-credit-logistic");
    let scorer = fixture.supported_scorer();
    let m = scorer.manifest();
    let reference = scorer.reference().unwrap();
    let scales = recourse::scales(m, Some(reference));
    let bound = recourse::plausibility_bound(m, Some(reference)).unwrap();
    let background = &reference.background;
    let within = (0..background.len())
        .filter(|&i| {
            background
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .map(|(_, b)| recourse::distance(&scales, &background[i], b))
                .fold(f64::INFINITY, f64::min)
                <= bound
        })
        .count();
    let share = within as f64 / background.len() as f64;
    assert!((0.9..=1.0).contains(&share), "{share}");
    let mut edge = background[0].clone();
    for (j, f) in m.features.iter().enumerate() {
        if let FeatureKind::Number(n) | FeatureKind::Integer(n) = &f.kind {
            let [_, hi] = n.learnt();
            edge = edge.with_value(m, j, Value::Number(hi)).unwrap();
        }
    }
    let nearest = background
        .iter()
        .map(|b| recourse::distance(&scales, &edge, b))
        .fold(f64::INFINITY, f64::min);
    assert!(nearest > bound, "{nearest} <= {bound}");
}

/// A manifest's recourse rule that does not fit its feature is refused, saying where and what.
#[test]
fn a_recourse_rule_that_does_not_fit_its_feature_is_refused() {
    let f = fixture("german-credit-logistic");
    let cases = [
        (
            "housing",
            serde_json::json!({"lock": "up_only"}),
            "only numbers go up or down",
        ),
        (
            "credit_amount",
            serde_json::json!({"moves": {}}),
            "only categories have moves",
        ),
        (
            "housing",
            serde_json::json!({"moves": {"own": ["castle"]}}),
            "\"castle\", which is not one of its categories",
        ),
    ];
    for (name, rule, words) in cases {
        let mut json: serde_json::Value = serde_json::from_str(f.manifest).unwrap();
        let feature = json["features"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|x| x["name"] == name)
            .unwrap();
        feature["recourse"] = rule;
        let e = Scorer::load(&json.to_string(), f.onnx)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains(name) && e.contains(words), "{name}: {e}");
    }
}

/// The user's permitted range holds: with the credit amount allowed only between half and all
/// of its current value, every suggestion keeps it there (brute force over declined applicants),
/// and the suggestions still clear.
#[test]
fn a_permitted_range_is_never_left() {
    let fixture = fixture("german-credit-logistic");
    let scorer = fixture.supported_scorer();
    let m = scorer.manifest();
    let amount = m.feature_index("credit_amount").unwrap();
    let duration = m.feature_index("duration_in_month").unwrap();
    let locks = recourse::default_locks(m);
    let (mut n_changed, mut n_suggestions) = (0, 0);
    for applicant in applicants(fixture, &scorer).iter().take(80) {
        if scorer.assess(applicant).unwrap().decision != Decision::Flagged {
            continue;
        }
        let Value::Number(x) = applicant.values()[amount] else {
            panic!("credit amount is a number")
        };
        let mut ranges = vec![None; m.features.len()];
        ranges[amount] = Some([x / 2.0, x]);
        ranges[duration] = Some([6.0, 12.0]);
        let found = recourse::counterfactuals_within(
            &scorer,
            applicant,
            &locks,
            &ranges,
            m.decision.cutoff,
            SearchSettings::default(),
        )
        .unwrap();
        for cf in &found {
            n_suggestions += 1;
            assert!(
                scorer.assess(&reparse(m, &cf.applicant)).unwrap().decision == Decision::Cleared
            );
            for c in &cf.changes {
                if let (Some([lo, hi]), Value::Number(to)) = (ranges[c.feature_idx], c.to) {
                    assert!(
                        (lo..=hi).contains(&to),
                        "{} moved to {to}, outside {lo}..{hi}",
                        m.features[c.feature_idx].name
                    );
                    n_changed += 1;
                }
            }
        }
    }
    assert!(
        n_suggestions > 0 && n_changed > 0,
        "{n_suggestions} suggestions, {n_changed} ranged changes"
    );
}
