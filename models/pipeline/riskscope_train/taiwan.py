"""Taiwan "default of credit card clients" (Yeh & Lien 2009): the attributes as a person would
fill them in, and the six-month history as a sequence.

Month index 1 is September 2005, the most recent, and 6 is April 2005; the repayment status of
September is `PAY_0` (the data set has no `PAY_1`). The model reads the months oldest first.
Category values are the numbers written in the data set; undocumented codes that do occur
(EDUCATION 0, 5, 6 and MARRIAGE 0) are kept as their own categories so every row of the file
can be scored.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import reasons

LABEL = "defaulted"
SEQUENCE_STEPS = 6
# (index in the column names, month name), oldest first.
MONTHS = [(6, "April"), (5, "May"), (4, "June"), (3, "July"), (2, "August"), (1, "September")]
IMMUTABLE = {"SEX", "AGE"}
# The six months of history are the past: recourse leaves them as they are by default (the
# page lets a user free them, to see what another history would have given).
HISTORY = [f"{series}{k}" for series in ("PAY_", "BILL_AMT", "PAY_AMT") for k in range(0, 7)
           if not (series == "PAY_" and k == 1) and not (series != "PAY_" and k == 0)]
RECOURSE = {name: {"lock": "fixed"} for name in HISTORY}


def month_label(month: str) -> str:
    """How the form and the reasons name a month: "September 2005"."""
    return f"{month} 2005"


def status_column(index: int) -> str:
    return "PAY_0" if index == 1 else f"PAY_{index}"


def cat(value: str, label: str) -> dict:
    return {"value": value, "label": label}


STATUS_CATEGORIES = [
    cat("-2", "No consumption"),
    cat("-1", "Paid in full"),
    cat("0", "Revolving (minimum paid)"),
    *[cat(str(k), f"{k} month{'s' if k > 1 else ''} late") for k in range(1, 9)],
]

STATIC: list[dict] = [
    {"name": "LIMIT_BAL", "label": "Credit limit", "kind": "number", "unit": "NT$",
     "min": 0.0, "max": 5_000_000.0,
     "description": "Amount of credit given, for the holder and their family's supplementary cards.",
     "reason": reasons.level("Credit limit")},
    {"name": "SEX", "label": "Sex", "kind": "category",
     "description": "Sex of the card holder, as recorded by the bank.",
     "reason": "Sex: {category}",
     "categories": [cat("1", "Male"), cat("2", "Female")]},
    {"name": "EDUCATION", "label": "Education", "kind": "category",
     "description": "Highest education recorded; 0, 5 and 6 occur in the data without documentation.",
     "reason": "Education: {category}",
     "categories": [cat("1", "Graduate school"), cat("2", "University"), cat("3", "High school"),
                    cat("4", "Other"), cat("5", "Unknown (code 5)"), cat("6", "Unknown (code 6)"),
                    cat("0", "Not recorded (code 0)")]},
    {"name": "MARRIAGE", "label": "Marital status", "kind": "category",
     "description": "Marital status; 0 occurs in the data without documentation.",
     "reason": "Marital status: {category}",
     "categories": [cat("1", "Married"), cat("2", "Single"), cat("3", "Other"),
                    cat("0", "Not recorded (code 0)")]},
    {"name": "AGE", "label": "Age", "kind": "integer", "unit": "years", "min": 18, "max": 100,
     "description": "Age of the card holder.", "reason": reasons.level("Age")},
]


def monthly(index: int, month: str) -> list[dict]:
    return [
        {"name": status_column(index), "label": f"Repayment status, {month}", "kind": "category",
         "description": f"How the {month} 2005 bill was repaid: -2 no consumption, -1 paid in "
                        "full, 0 revolving credit, 1-8 months of delay.",
         "reason": f"Repayment status in {month_label(month)}: {{category}}",
         "categories": STATUS_CATEGORIES},
        {"name": f"BILL_AMT{index}", "label": f"Bill, {month}", "kind": "number", "unit": "NT$",
         "min": -1_000_000.0, "max": 5_000_000.0,
         "description": f"Amount of the {month} 2005 bill statement (negative: a credit balance).",
         "reason": reasons.level(f"Bill statement for {month_label(month)}")},
        {"name": f"PAY_AMT{index}", "label": f"Paid, {month}", "kind": "number", "unit": "NT$",
         "min": 0.0, "max": 5_000_000.0,
         "description": f"Amount paid in {month} 2005.",
         "reason": reasons.level(f"Amount paid in {month_label(month)}")},
    ]


def features_in_file_order() -> list[dict]:
    """Static attributes, then statuses, bills and payments, as the columns of the CSV run."""
    by_kind: dict[str, list[dict]] = {"PAY": [], "BILL": [], "PAY_AMT": []}
    for index, month in sorted(MONTHS):
        status, bill, paid = monthly(index, month)
        by_kind["PAY"].append(status)
        by_kind["BILL"].append(bill)
        by_kind["PAY_AMT"].append(paid)
    return STATIC + by_kind["PAY"] + by_kind["BILL"] + by_kind["PAY_AMT"]


def model_order() -> list[str]:
    """Encoding order: static attributes, then each month oldest first (status, bill, paid)."""
    names = [f["name"] for f in STATIC]
    for index, _ in MONTHS:
        names += [status_column(index), f"BILL_AMT{index}", f"PAY_AMT{index}"]
    return names


def sequence_spec() -> dict:
    """How the form lays out the history: one row per series, one column per month."""
    return {
        "steps": [month_label(month) for _, month in MONTHS],
        "series": [
            {"label": "Repayment status", "features": [status_column(i) for i, _ in MONTHS]},
            {"label": "Bill (NT$)", "features": [f"BILL_AMT{i}" for i, _ in MONTHS]},
            {"label": "Paid (NT$)", "features": [f"PAY_AMT{i}" for i, _ in MONTHS]},
        ],
    }


def load_ids(csv_path: Path) -> list[int] | None:
    """The client ID of each row of the CSV, or None if it has no `ID` column."""
    frame = pd.read_csv(csv_path)
    return [int(v) for v in frame["ID"]] if "ID" in frame.columns else None


def load(csv_path: Path) -> tuple[pd.DataFrame, pd.Series]:
    """The raw rows as strings (as a user's CSV gives them) and the label (1 = defaulted)."""
    frame = pd.read_csv(csv_path)
    names = [f["name"] for f in features_in_file_order()]
    raw = frame[names].astype(str)
    return raw, frame[LABEL].astype(int)
