//! Raw applicant fields: bad input gets an error naming the field; good input in any accepted spelling parses.

// Tests may panic: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use riskscope_core::applicant::{Applicant, Problem, RawApplicant};

fn valid_raw() -> RawApplicant {
    common::raw(&common::golden().rows[0])
}

fn errors_for(edit: impl FnOnce(&mut RawApplicant)) -> Vec<String> {
    let scorer = common::scorer();
    let mut raw = valid_raw();
    edit(&mut raw);
    scorer
        .parse(&raw)
        .unwrap_err()
        .0
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// (what is wrong, how to break the input, the error it must give)
type Case = (
    &'static str,
    Box<dyn FnOnce(&mut RawApplicant)>,
    &'static str,
);

#[test]
fn each_kind_of_bad_value_names_its_field() {
    let cases: Vec<Case> = vec![
        (
            "missing",
            Box::new(|r| *r = r_without(r, "age_in_years")),
            "field \"age_in_years\": no value given",
        ),
        (
            "blank",
            Box::new(|r| r.insert("age_in_years", "  ")),
            "field \"age_in_years\": no value given",
        ),
        (
            "text in a number",
            Box::new(|r| r.insert("credit_amount", "abc")),
            "field \"credit_amount\": \"abc\" is not a number",
        ),
        (
            "infinity",
            Box::new(|r| r.insert("credit_amount", "inf")),
            "field \"credit_amount\": \"inf\" is not a number",
        ),
        (
            "NaN",
            Box::new(|r| r.insert("credit_amount", "NaN")),
            "field \"credit_amount\": \"NaN\" is not a number",
        ),
        (
            "thousands separator",
            Box::new(|r| r.insert("credit_amount", "1,169")),
            "field \"credit_amount\": \"1,169\" is not a number",
        ),
        (
            "below range",
            Box::new(|r| r.insert("age_in_years", "12")),
            "field \"age_in_years\": 12 is outside the allowed range 18 to 100",
        ),
        (
            "above range",
            Box::new(|r| r.insert("duration_in_month", "500")),
            "field \"duration_in_month\": 500 is outside the allowed range 1 to 120",
        ),
        (
            "fraction in an integer",
            Box::new(|r| r.insert("duration_in_month", "12.5")),
            "field \"duration_in_month\": 12.5 is not a whole number",
        ),
        (
            "unknown category",
            Box::new(|r| r.insert("housing", "castle")),
            "field \"housing\": \"castle\" is not one of the categories",
        ),
        (
            "category of another feature",
            Box::new(|r| r.insert("housing", "A11")),
            "field \"housing\": \"A11\" is not one of the categories",
        ),
    ];
    for (what, edit, expected) in cases {
        let errors = errors_for(edit);
        assert_eq!(errors, vec![expected.to_owned()], "{what}");
    }
}

fn r_without(raw: &RawApplicant, name: &str) -> RawApplicant {
    let scorer = common::scorer();
    scorer
        .manifest()
        .features
        .iter()
        .filter(|f| f.name != name)
        .map(|f| (f.name.clone(), raw.get(&f.name).unwrap().to_owned()))
        .collect()
}

#[test]
fn every_bad_field_is_reported_at_once_in_manifest_order() {
    let scorer = common::scorer();
    let mut raw = valid_raw();
    raw.insert("foreign_worker", "maybe");
    raw.insert("duration_in_month", "0");
    let errors = scorer.parse(&raw).unwrap_err().0;
    let fields: Vec<_> = errors
        .iter()
        .map(|e| (e.feature.as_str(), e.feature_idx))
        .collect();
    assert_eq!(fields, [("duration_in_month", 1), ("foreign_worker", 19)]);
    assert_eq!(
        errors[0].problem,
        Problem::OutOfRange {
            value: 0.0,
            min: 1.0,
            max: 120.0
        }
    );
}

#[test]
fn accepted_spellings_parse_to_the_same_applicant() {
    let scorer = common::scorer();
    let plain = scorer.parse(&valid_raw()).unwrap();
    let mut spaced = valid_raw();
    spaced.insert(
        "duration_in_month",
        format!("  {}.0 ", valid_raw().get("duration_in_month").unwrap()),
    );
    spaced.insert("status_of_existing_checking_account", " A11 ");
    spaced.insert("unrelated_column", "ignored");
    assert_eq!(
        valid_raw().get("status_of_existing_checking_account"),
        Some("... < 0 DM")
    );
    assert_eq!(scorer.parse(&spaced).unwrap(), plain);
}

#[test]
fn scientific_notation_as_the_taiwan_file_writes_it_parses_to_the_same_number() {
    // The published Taiwan CSV writes some credit limits as `5.00E+05`.
    let lstm = common::fixture("taiwan-credit-lstm");
    let scorer = lstm.scorer();
    let row = &lstm.golden().rows[0];
    let mut plain = common::raw(row);
    plain.insert("LIMIT_BAL", "500000");
    let mut scientific = common::raw(row);
    scientific.insert("LIMIT_BAL", "5.00E+05");
    let plain = scorer.parse(&plain).unwrap();
    assert_eq!(scorer.parse(&scientific).unwrap(), plain);
    let mut lower = common::raw(row);
    lower.insert("LIMIT_BAL", "5e5");
    assert_eq!(scorer.parse(&lower).unwrap(), plain);
}

#[test]
fn the_default_applicant_is_valid_and_scores() {
    let scorer = common::scorer();
    let defaults = Applicant::defaults(scorer.manifest());
    let assessment = scorer.assess(&defaults).unwrap();
    assert!((0.0..=1.0).contains(&assessment.score));
}
