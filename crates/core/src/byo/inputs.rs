//! Graphs with one input per column (a scikit-learn `ColumnTransformer` export, whose inputs are
//! the DataFrame's columns): a draft column per input, a number for a float input and a category
//! for a string input with the texts its encoder knows; the manifest's `inputs` and `text`
//! blocks for them; and a data file read by column name.

use serde_json::json;

use super::{ByoError, DraftColumn};
use crate::compat::{Categories, TensorInfo};
use crate::i18n::Message;

/// What a string input's draft column says beyond a number's.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DraftTexts {
    /// The texts the graph's encoder knows, in its order.
    pub known: Vec<String>,
    /// The encoder scores a text it does not know (the feature gets a category for such values).
    pub unseen: bool,
    /// The default: an index into `known` (the data file's commonest known text, else the first).
    pub default: usize,
}

/// The draft's columns for a graph with several inputs (or one string input): each input by its
/// own name, a float input `[N, k]` as `k` numbers.
pub(super) fn propose_columns(inputs: &[TensorInfo]) -> Result<Vec<DraftColumn>, ByoError> {
    let mut columns = Vec::new();
    for input in inputs {
        match input.elem.as_str() {
            "string" => {
                let Some(Categories { values, unseen, .. }) = &input.categories else {
                    return Err(ByoError::NoProposal(
                        Message::new("byo-propose-texts-unread").arg("input", &input.name),
                    ));
                };
                let mut column = number(&input.name, &input.name);
                column.default = 0.0;
                column.texts = Some(DraftTexts {
                    known: values.clone(),
                    unseen: *unseen,
                    default: 0,
                });
                columns.push(column);
            }
            "float" => {
                let width = input.last_fixed().filter(|w| *w > 0).ok_or_else(|| {
                    ByoError::NoProposal(
                        Message::new("byo-propose-width")
                            .arg("input", &input.name)
                            .arg("shape", input.shape_text()),
                    )
                })?;
                if width == 1 {
                    let mut column = number(&input.name, &input.name);
                    column.imputed = input.imputed.map(f64::from);
                    columns.push(column);
                } else {
                    columns.extend(
                        (1..=width).map(|i| number(&format!("{}_{i}", input.name), &input.name)),
                    );
                }
            }
            other => {
                return Err(ByoError::NoProposal(
                    Message::new("byo-propose-input-type")
                        .arg("input", &input.name)
                        .arg("type", other),
                ));
            }
        }
    }
    if columns.len() > 10_000 {
        return Err(ByoError::NoProposal(
            Message::new("byo-propose-too-wide").arg("columns", columns.len().to_string()),
        ));
    }
    Ok(columns)
}

fn number(name: &str, input: &str) -> DraftColumn {
    DraftColumn::number(name.to_owned(), readable(name), Some(input.to_owned()))
}

/// A column name as a label: `duration_in_month` -> "Duration in month".
pub(super) fn readable(name: &str) -> String {
    let spaced = name.replace(['_', '.'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_owned(),
    }
}

/// The manifest's `inputs`: consecutive columns of one graph input make one entry.
pub(super) fn graph_inputs(columns: &[DraftColumn]) -> serde_json::Value {
    let mut inputs: Vec<serde_json::Value> = Vec::new();
    let mut last: Option<&str> = None;
    for column in columns {
        let name = column.input.as_deref().unwrap_or_default();
        if last == Some(name)
            && let Some(entry) = inputs.last_mut()
        {
            let n = entry["columns"].as_u64().unwrap_or(1);
            entry["columns"] = json!(n + 1);
            continue;
        }
        let elem = if column.texts.is_some() {
            "string"
        } else {
            "float"
        };
        inputs.push(json!({ "name": name, "columns": 1, "type": elem }));
        last = Some(name);
    }
    json!(inputs)
}

/// A string input's feature: a category per known text, and one for any other text when the
/// encoder scores unseen values; a missing value is imputed with the default.
pub(super) fn text_feature(
    column: &DraftColumn,
    texts: &DraftTexts,
    feature: &mut serde_json::Value,
) {
    let mut categories: Vec<serde_json::Value> = texts
        .known
        .iter()
        .map(|t| json!({ "value": t, "label": t }))
        .collect();
    if texts.unseen {
        categories.push(json!({
            "value": unseen_value(&texts.known),
            "label": "Any other value",
            "unseen": true,
        }));
    }
    let default = texts
        .known
        .get(texts.default)
        .or_else(|| texts.known.first())
        .cloned()
        .unwrap_or_default();
    feature["kind"] = json!("category");
    feature["categories"] = json!(categories);
    feature["default"] = json!(default);
    // The data file's commonest text, unless the user chose another default since.
    let from = if column.median == Some(texts.default as f64) {
        "mode"
    } else {
        "declared"
    };
    feature["policy"] = json!({ "missing": { "impute": { "value": default, "from": from } } });
    feature["reason"] = json!(format!("{}: {{category}}", column.label));
}

/// The value of the category standing for unseen texts: one no known text is.
fn unseen_value(known: &[String]) -> String {
    let mut value = String::from("(unseen)");
    while known.contains(&value) {
        value.insert(0, '(');
        value.push(')');
    }
    value
}

/// The header column each draft column reads, by name (exactly, else ignoring case), or the
/// name of the first one the header lacks.
pub(super) fn columns_by_name(
    columns: &[DraftColumn],
    header: &[String],
) -> Result<Vec<usize>, String> {
    columns
        .iter()
        .map(|column| {
            let name = column.name.trim();
            header
                .iter()
                .position(|h| h.trim() == name)
                .or_else(|| {
                    header
                        .iter()
                        .position(|h| h.trim().eq_ignore_ascii_case(name))
                })
                .ok_or_else(|| name.to_owned())
        })
        .collect()
}

/// A text column's default from the data: the commonest known text.
pub(super) fn commonest(texts: &mut DraftTexts, counts: &[usize]) {
    if let Some((index, _)) = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
    {
        texts.default = index;
    }
}
