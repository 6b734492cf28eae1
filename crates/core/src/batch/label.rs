//! A data file's label column: the values seen in each column, and which value marks a positive
//! row (default, fraud), proposed from them (`yes`, `1`, `bad`, `deny` …) for the user to confirm.

use serde::{Deserialize, Serialize};

/// How many distinct values of a column are kept; a column with more is listed as "many" and
/// proposed neither as a label nor as a yes/no attribute.
pub const FEW_VALUES: usize = 12;

/// Label texts that mark the positive class (after trimming and lower-casing).
const POSITIVE_WORDS: [&str; 19] = [
    "1",
    "yes",
    "y",
    "true",
    "t",
    "bad",
    "default",
    "defaulted",
    "fraud",
    "fraudulent",
    "deny",
    "denied",
    "decline",
    "declined",
    "reject",
    "rejected",
    "positive",
    "pos",
    "churn",
];

/// Label texts that mark the negative class.
const NEGATIVE_WORDS: [&str; 18] = [
    "0",
    "no",
    "n",
    "false",
    "f",
    "good",
    "paid",
    "repaid",
    "legit",
    "legitimate",
    "genuine",
    "approve",
    "approved",
    "accept",
    "accepted",
    "negative",
    "neg",
    "normal",
];

/// Pairs of texts a yes/no attribute is written with: (no, yes), compared lower-cased.
const YES_NO: [(&str, &str); 4] = [("no", "yes"), ("n", "y"), ("false", "true"), ("f", "t")];

/// The distinct values of one column (trimmed, empty ones left out) with their counts, in order
/// of first appearance; `more` when there were more than [`FEW_VALUES`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnValues {
    pub values: Vec<(String, usize)>,
    pub more: bool,
}

impl ColumnValues {
    pub fn add(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() || self.more {
            return;
        }
        if let Some((_, n)) = self.values.iter_mut().find(|(v, _)| v == text) {
            *n += 1;
        } else if self.values.len() < FEW_VALUES {
            self.values.push((text.to_owned(), 1));
        } else {
            self.more = true;
        }
    }

    /// The values, when there are at most [`FEW_VALUES`] of them.
    pub fn few(&self) -> Option<&[(String, usize)]> {
        (!self.more).then_some(self.values.as_slice())
    }

    fn count_of(&self, text: &str) -> usize {
        self.values
            .iter()
            .find(|(v, _)| v == text)
            .map_or(0, |(_, n)| *n)
    }

    /// The column read as yes/no: its texts for no and yes (as written, or the usual spelling
    /// of one the column never shows), when every value is one of a [`YES_NO`] pair.
    pub fn yes_no(&self) -> Option<[String; 2]> {
        let few = self.few().filter(|v| !v.is_empty())?;
        YES_NO.iter().find_map(|&(no, yes)| {
            let written = |word: &str| {
                few.iter()
                    .find(|(v, _)| v.to_lowercase() == word)
                    .map(|(v, _)| v.clone())
            };
            let all_in_pair = few.iter().all(|(v, _)| {
                let v = v.to_lowercase();
                v == no || v == yes
            });
            // Each spelling once: "Yes" and "yes" in one column would need two codes.
            (all_in_pair && few.len() <= 2).then(|| {
                [
                    written(no).unwrap_or_else(|| no.to_owned()),
                    written(yes).unwrap_or_else(|| yes.to_owned()),
                ]
            })
        })
    }
}

/// Each column's values over the records (a header's width of columns; a record's extra
/// fields are left out).
pub fn column_values<R: AsRef<[String]>>(
    records: impl IntoIterator<Item = R>,
    width: usize,
) -> Vec<ColumnValues> {
    let mut values = vec![ColumnValues::default(); width];
    for record in records {
        for (column, text) in values.iter_mut().zip(record.as_ref()) {
            column.add(text);
        }
    }
    values
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelColumn {
    pub column: usize,
    /// The text that marks a positive (default, fraud); the other accepted text is `negative`.
    pub positive: String,
    pub negative: String,
}

impl LabelColumn {
    pub(super) fn by_name(column: usize, one_is_positive: bool) -> LabelColumn {
        let (positive, negative) = if one_is_positive {
            ("1", "0")
        } else {
            ("0", "1")
        };
        LabelColumn {
            column,
            positive: positive.to_owned(),
            negative: negative.to_owned(),
        }
    }

    /// Whether any value seen is one this label reads.
    fn reads_any(&self, values: &ColumnValues) -> bool {
        values
            .values
            .iter()
            .any(|(v, _)| *v == self.positive || *v == self.negative)
    }

    /// This label, or when the column shows two values and neither is its own, the label those
    /// values propose ([`LabelColumn::from_values`]): `yes` and `no` in a column called
    /// `default`.
    pub fn refined(self, values: Option<&ColumnValues>) -> LabelColumn {
        match values {
            Some(seen) if seen.few().is_some_and(|few| few.len() == 2) && !self.reads_any(seen) => {
                LabelColumn::from_values(self.column, seen)
            }
            _ => self,
        }
    }
}

fn is_word(words: &[&str], text: &str) -> bool {
    words.contains(&text.to_lowercase().as_str())
}

impl LabelColumn {
    /// The label in `column`, whose values are `values`: a value that reads as positive (`1`,
    /// `yes`, `bad`, `fraud`, `deny` …) marks a positive row and the other value a negative
    /// one; between two values that read as neither, the rarer is the positive (defaults and
    /// frauds are the minority). Without two values to go by, `1` and `0`.
    pub fn from_values(column: usize, values: &ColumnValues) -> LabelColumn {
        let ones = || LabelColumn {
            column,
            positive: "1".into(),
            negative: "0".into(),
        };
        let Some([(a, _), (b, _)]) = values.few() else {
            return ones();
        };
        let positive_first = match (
            is_word(&POSITIVE_WORDS, a),
            is_word(&POSITIVE_WORDS, b),
            is_word(&NEGATIVE_WORDS, a),
            is_word(&NEGATIVE_WORDS, b),
        ) {
            (true, false, _, _) | (_, _, false, true) => true,
            (false, true, _, _) | (_, _, true, false) => false,
            _ => values.count_of(a) < values.count_of(b),
        };
        let (positive, negative) = if positive_first { (a, b) } else { (b, a) };
        LabelColumn {
            column,
            positive: positive.clone(),
            negative: negative.clone(),
        }
    }

    /// Whether the values seen are the two this label reads (any other is a row error).
    pub fn fits(&self, values: &ColumnValues) -> bool {
        values.few().is_some_and(|few| {
            few.iter()
                .all(|(v, _)| *v == self.positive || *v == self.negative)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(texts: &[&str]) -> ColumnValues {
        let mut v = ColumnValues::default();
        texts.iter().for_each(|t| v.add(t));
        v
    }

    fn proposed(texts: &[&str]) -> (String, String) {
        let l = LabelColumn::from_values(0, &values(texts));
        (l.positive, l.negative)
    }

    #[test]
    fn the_positive_value_is_read_off_the_words_then_the_counts() {
        let pair = |p: &str, n: &str| (p.to_owned(), n.to_owned());
        assert_eq!(proposed(&["no", "yes", "no"]), pair("yes", "no"));
        assert_eq!(proposed(&["0", "1"]), pair("1", "0"));
        assert_eq!(proposed(&["good", "bad", "good"]), pair("bad", "good"));
        assert_eq!(
            proposed(&["Approved", "Denied"]),
            pair("Denied", "Approved")
        );
        // Neither value is a known word: the rarer one.
        assert_eq!(proposed(&["A", "B", "B", "B"]), pair("A", "B"));
        assert_eq!(proposed(&["A", "A", "B"]), pair("B", "A"));
        // A known negative word decides too.
        assert_eq!(
            proposed(&["legit", "chargeback"]),
            pair("chargeback", "legit")
        );
        // Not two values: 1 and 0.
        assert_eq!(proposed(&["1", "2", "3"]), pair("1", "0"));
        assert_eq!(proposed(&[]), pair("1", "0"));
    }

    #[test]
    fn values_are_counted_up_to_a_few_and_blanks_left_out() {
        let v = values(&[" yes", "", "no ", "yes"]);
        assert_eq!(v.values, vec![("yes".into(), 2), ("no".into(), 1)]);
        let many: Vec<String> = (0..=FEW_VALUES).map(|i| i.to_string()).collect();
        let many = values(&many.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(many.more && many.few().is_none());
        let label = LabelColumn::from_values(0, &values(&["Y", "N"]));
        assert!(label.fits(&values(&["N", "Y", "N"])));
        assert!(!label.fits(&values(&["N", "maybe"])));
        // A label named like one reads the file's two values when neither is its own, and keeps
        // its own when one is (a typo in a 0/1 column is a row error, not the positive class).
        let refined = |texts: &[&str]| {
            let l = LabelColumn::by_name(0, true).refined(Some(&values(texts)));
            (l.positive, l.negative)
        };
        assert_eq!(refined(&["no", "yes"]), ("yes".into(), "no".into()));
        assert_eq!(refined(&["0", "maybe"]), ("1".into(), "0".into()));
        assert_eq!(refined(&["0", "1"]), ("1".into(), "0".into()));
    }

    #[test]
    fn yes_no_columns_keep_their_spelling() {
        assert_eq!(
            values(&["Yes", "No"]).yes_no(),
            Some(["No".into(), "Yes".into()])
        );
        assert_eq!(values(&["y"]).yes_no(), Some(["n".into(), "y".into()]));
        assert_eq!(values(&["yes", "n"]).yes_no(), None, "two different pairs");
        assert_eq!(values(&["yes", "Yes", "no"]).yes_no(), None);
        assert_eq!(values(&["0", "1"]).yes_no(), None, "numbers stay numbers");
        assert_eq!(values(&[]).yes_no(), None);
    }
}
