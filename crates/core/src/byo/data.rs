//! What a data file tells a draft: the columns' names, ranges and defaults, which column is the
//! label and which value of it marks a positive row, and which columns are yes/no attributes
//! the model reads as 0/1.

use serde::{Deserialize, Serialize};

use super::{
    ByoError, Draft, DraftColumn, LABEL_NAME_LAST, LABEL_NAMES_SHOWN, data_error, inputs, records,
    utf8_text,
};
use crate::batch::columns::{LabelColumn, label_column, read_head};
use crate::batch::label::{ColumnValues, column_values};
use crate::i18n::Message;
use crate::manifest::LabelSpec;

/// What a data file told the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataFit {
    pub rows: usize,
    /// Rows with a value that is not a number in some input column (left out of the ranges).
    pub skipped: usize,
    /// The header's column names.
    pub columns: Vec<String>,
    /// Each column's values, up to a few (the label picker offers the label's).
    pub values: Vec<ColumnValues>,
    /// The label column and the value that marks a positive row, when the file has one.
    pub label: Option<LabelColumn>,
    /// How the label was found.
    pub found: LabelFound,
    /// The columns read as yes/no and given to the model as 0 and 1.
    pub converted: Vec<String>,
}

/// How a data file's label column was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabelFound {
    /// Every column is an input: there is none.
    NoLabel,
    /// Its name is one of the usual ones (`default`, `class`, …).
    ByName,
    /// The one column besides the model's inputs, guessed from its values: the user should
    /// confirm it.
    Guessed,
    /// Chosen by the user.
    Chosen,
}

impl DataFit {
    /// The label column's name, if any.
    pub fn label_name(&self) -> Option<&str> {
        let label = self.label.as_ref()?;
        self.columns.get(label.column).map(String::as_str)
    }
}

impl Draft {
    /// Names, ranges and defaults from a data file: the header names the columns (as many as
    /// the model's inputs, besides one label column), and each column's values give its range
    /// (what was seen, widened by its span; never below 0 for a column that never is), its
    /// median as the default, and whether it is whole numbers. A column written yes/no (y/n,
    /// true/false) is an attribute the model reads as 0 and 1.
    ///
    /// The label is `choice` when given; otherwise a column with a label's usual name, or else
    /// the one column besides the inputs (the last with two values), with the value that reads
    /// as positive (see [`LabelColumn::from_values`]).
    pub fn fill_from_data(
        &mut self,
        data: &[u8],
        choice: Option<&LabelColumn>,
    ) -> Result<DataFit, ByoError> {
        let data = utf8_text(data);
        let data = data.as_bytes();
        let head = read_head(data).map_err(data_error)?;
        let width = head.columns.len();
        let values = column_values(records(data, head.separator).filter_map(Result::ok), width);
        if self.columns.iter().any(|c| c.input.is_some()) {
            return self.fill_by_name(data, head, values, choice);
        }
        let (label, found) = self.label_of(&head.columns, &values, choice)?;
        let inputs: Vec<usize> = (0..width)
            .filter(|c| label.as_ref().is_none_or(|l| l.column != *c))
            .collect();
        let yes_no: Vec<Option<[String; 2]>> = inputs.iter().map(|&c| values[c].yes_no()).collect();
        let mut seen: Vec<Vec<f64>> = vec![Vec::new(); inputs.len()];
        let (mut rows, mut skipped) = (0, 0);
        for record in records(data, head.separator) {
            let record = record?;
            rows += 1;
            let parsed: Option<Vec<f64>> = inputs
                .iter()
                .zip(&yes_no)
                .map(|(&c, pair)| read_number(record.get(c)?, pair.as_ref()))
                .collect();
            match parsed {
                Some(row) => seen.iter_mut().zip(row).for_each(|(v, x)| v.push(x)),
                None => skipped += 1,
            }
        }
        if seen.first().is_none_or(Vec::is_empty) {
            return Err(ByoError::Data(Message::new("byo-data-no-numbers")));
        }
        let mut converted = Vec::new();
        for (((column, &c), mut seen), pair) in
            self.columns.iter_mut().zip(&inputs).zip(seen).zip(yes_no)
        {
            column.name = head.columns[c].trim().to_owned();
            column.label = column.name.clone();
            fit_numbers(column, &mut seen);
            if pair.is_some() {
                converted.push(column.name.clone());
            }
            column.categories = pair;
        }
        Ok(self.fitted(DataFit {
            rows,
            skipped,
            columns: head.columns,
            values,
            label,
            found,
            converted,
        }))
    }

    /// Keeps the data file's label in the draft.
    fn fitted(&mut self, fit: DataFit) -> DataFit {
        self.label = fit.label.as_ref().map(|l| LabelSpec {
            column: fit.columns[l.column].trim().to_owned(),
            positive: l.positive.clone(),
            negative: l.negative.clone(),
        });
        fit
    }

    /// [`Draft::fill_from_data`] for columns that name their graph inputs: each reads the header
    /// column of its name; a text column's default is its commonest known text. The label is
    /// `choice`, else a column with a label's usual name, else the last other column with two
    /// values; none when there is none.
    fn fill_by_name(
        &mut self,
        data: &[u8],
        head: crate::batch::columns::FileHead,
        values: Vec<ColumnValues>,
        choice: Option<&LabelColumn>,
    ) -> Result<DataFit, ByoError> {
        let index = inputs::columns_by_name(&self.columns, &head.columns).map_err(|name| {
            ByoError::Data(Message::new("byo-data-missing-column").arg("column", name))
        })?;
        let others: Vec<usize> = (0..head.columns.len())
            .filter(|c| !index.contains(c))
            .collect();
        let (label, found) = if let Some(choice) = choice.filter(|c| others.contains(&c.column)) {
            (Some(choice.clone()), LabelFound::Chosen)
        } else if let Some(l) = label_column(&head.columns).filter(|l| others.contains(&l.column)) {
            let seen = values.get(l.column);
            (Some(l.refined(seen)), LabelFound::ByName)
        } else if let Some(&c) = others
            .iter()
            .rev()
            .find(|&&c| values[c].few().is_some_and(|few| few.len() == 2))
        {
            (
                Some(LabelColumn::from_values(c, &values[c])),
                LabelFound::Guessed,
            )
        } else {
            (None, LabelFound::NoLabel)
        };
        let mut seen: Vec<Vec<f64>> = vec![Vec::new(); self.columns.len()];
        let mut counts: Vec<Vec<usize>> = self
            .columns
            .iter()
            .map(|c| vec![0; c.texts.as_ref().map_or(0, |t| t.known.len())])
            .collect();
        let (mut rows, mut skipped) = (0, 0);
        for record in records(data, head.separator) {
            let record = record?;
            rows += 1;
            let mut whole = true;
            for (j, (column, &c)) in self.columns.iter().zip(&index).enumerate() {
                let text = record.get(c).map_or("", |t| t.trim());
                match &column.texts {
                    Some(texts) => {
                        if let Some(k) = texts.known.iter().position(|t| t == text) {
                            counts[j][k] += 1;
                        }
                    }
                    None => match read_number(text, None) {
                        Some(x) => seen[j].push(x),
                        None => whole = false,
                    },
                }
            }
            skipped += usize::from(!whole);
        }
        for ((column, mut seen), counts) in self.columns.iter_mut().zip(seen).zip(counts) {
            column.name = column.name.trim().to_owned();
            if let Some(texts) = column.texts.as_mut() {
                inputs::commonest(texts, &counts);
                column.median = Some(texts.default as f64);
            } else if !seen.is_empty() {
                fit_numbers(column, &mut seen);
            }
        }
        Ok(self.fitted(DataFit {
            rows,
            skipped,
            columns: head.columns,
            values,
            label,
            found,
            converted: Vec::new(),
        }))
    }

    /// The data file's label column: none when every column is an input, else the one left.
    fn label_of(
        &self,
        columns: &[String],
        values: &[ColumnValues],
        choice: Option<&LabelColumn>,
    ) -> Result<(Option<LabelColumn>, LabelFound), ByoError> {
        let width = self.columns.len();
        let by_name = label_column(columns);
        if columns.len() == width {
            return Ok((None, LabelFound::NoLabel));
        }
        if columns.len() != width + 1 {
            let message = match &by_name {
                Some(_) => {
                    Message::new("byo-data-columns").arg("columns", (columns.len() - 1).to_string())
                }
                None => Message::new("byo-data-columns-no-label")
                    .arg("columns", columns.len().to_string())
                    .arg("names", LABEL_NAMES_SHOWN)
                    .arg("last", LABEL_NAME_LAST),
            };
            return Err(ByoError::Data(message.arg("width", width.to_string())));
        }
        if let Some(choice) = choice.filter(|c| c.column < columns.len()) {
            return Ok((Some(choice.clone()), LabelFound::Chosen));
        }
        if let Some(label) = by_name {
            let seen = values.get(label.column);
            return Ok((Some(label.refined(seen)), LabelFound::ByName));
        }
        // Labels come last by habit; a label has two values.
        let column = (0..columns.len())
            .rev()
            .find(|&c| values[c].few().is_some_and(|few| few.len() == 2))
            .unwrap_or(columns.len() - 1);
        Ok((
            Some(LabelColumn::from_values(column, &values[column])),
            LabelFound::Guessed,
        ))
    }
}

/// A field as the model's number: a yes/no attribute's no and yes are 0 and 1.
fn read_number(text: &str, yes_no: Option<&[String; 2]>) -> Option<f64> {
    let text = text.trim();
    match yes_no {
        Some([no, _]) if text == no => Some(0.0),
        Some([_, yes]) if text == yes => Some(1.0),
        Some(_) => None,
        None => text.parse::<f64>().ok().filter(|x| x.is_finite()),
    }
}

/// A number column's range, default and kind from the values a data file showed (not empty):
/// what was seen, widened by its span (never below 0 for a column that never is), the median
/// as the default, whole numbers when all are; a 0/1 column takes nothing else.
fn fit_numbers(column: &mut DraftColumn, seen: &mut [f64]) {
    seen.sort_by(f64::total_cmp);
    let (lo, hi) = (seen[0], seen[seen.len() - 1]);
    let span = (hi - lo).max(1.0);
    column.integer = seen.iter().all(|x| x.fract() == 0.0);
    column.min = if lo >= 0.0 { 0.0 } else { lo - span };
    column.max = hi + span;
    column.default = seen[seen.len() / 2];
    if seen.iter().all(|&x| x == 0.0 || x == 1.0) {
        (column.integer, column.min, column.max) = (true, 0.0, 1.0);
        // The commoner value: a median of 0s and 1s is one.
        let ones = seen.iter().filter(|&&x| x == 1.0).count();
        column.default = if 2 * ones > seen.len() { 1.0 } else { 0.0 };
    }
    column.seen = Some([lo, hi]);
    column.median = Some(column.default);
}
