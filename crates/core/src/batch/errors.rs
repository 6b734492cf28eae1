//! What can go wrong in a batch job: the job as a whole ([`JobError`]) or one row
//! ([`RowError`], each of its [`RowProblem`]s), each with its English `Display` and its text in
//! any of the page's languages.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::applicant::Problem;
use crate::i18n::{Localized, Message};
use crate::model::ModelError;

#[derive(Debug, PartialEq, Error)]
pub enum JobError {
    #[error("the mapping does not fit this model: no column for {}", .0.join(", "))]
    Unmatched(Vec<String>),
    #[error("the mapping does not fit this model: a column index is past the header")]
    PastHeader,
    /// The encoding or the model refused the mapped values (their own words).
    #[error("the mapping does not fit this model: {0}")]
    Mapping(Message),
    #[error("the model failed on rows {first} to {last}: {source}")]
    Model {
        first: u64,
        last: u64,
        source: ModelError,
    },
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RowProblem {
    FieldCount {
        expected: usize,
        found: usize,
    },
    Field {
        column: String,
        problem: Problem,
    },
    Label {
        column: String,
        text: String,
        positive: String,
        negative: String,
    },
    NotUtf8 {
        column: String,
    },
    TooLong {
        limit: usize,
    },
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowProblem::FieldCount { expected, found } => {
                write!(f, "{found} fields where the header has {expected}")
            }
            RowProblem::Field { column, problem } => write!(f, "column \"{column}\": {problem}"),
            RowProblem::Label {
                column,
                text,
                positive,
                negative,
            } => write!(
                f,
                "column \"{column}\": label \"{text}\" is neither {positive} (positive) nor {negative}"
            ),
            RowProblem::NotUtf8 { column } => write!(f, "column \"{column}\": not UTF-8 text"),
            RowProblem::TooLong { limit } => write!(f, "the row is longer than {limit} bytes"),
        }
    }
}

impl Localized for JobError {
    /// The model's own error and other technical details stay as the model or library wrote
    /// them.
    fn message(&self) -> Message {
        let problem = match self {
            JobError::Unmatched(names) => {
                Message::new("batch-job-unmatched").arg("features", names.join(", "))
            }
            JobError::PastHeader => Message::new("batch-job-past-header"),
            JobError::Mapping(detail) => detail.clone(),
            JobError::Model {
                first,
                last,
                source,
            } => {
                return Message::new("batch-job-model")
                    .arg("first", first.to_string())
                    .arg("last", last.to_string())
                    .arg("error", source.message());
            }
        };
        Message::new("batch-job-mapping").arg("problem", problem)
    }
}

impl Localized for RowProblem {
    fn message(&self) -> Message {
        match self {
            RowProblem::FieldCount { expected, found } => Message::new("batch-problem-field-count")
                .arg("found", found.to_string())
                .arg("expected", expected.to_string()),
            RowProblem::Field { column, problem } => Message::new("batch-problem-field")
                .arg("column", column)
                .arg("problem", problem.message()),
            RowProblem::Label {
                column,
                text,
                positive,
                negative,
            } => Message::new("batch-problem-label")
                .arg("column", column)
                .arg("text", text)
                .arg("positive", positive)
                .arg("negative", negative),
            RowProblem::NotUtf8 { column } => {
                Message::new("batch-problem-not-utf8").arg("column", column)
            }
            RowProblem::TooLong { limit } => {
                Message::new("batch-problem-too-long").arg("limit", limit.to_string())
            }
        }
    }
}

/// A row that could not be scored: its number (1 = the first row after the header) and every
/// problem found in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowError {
    pub row: u64,
    pub problems: Vec<RowProblem>,
}

impl Localized for RowError {
    fn message(&self) -> Message {
        let problems = Message::list(
            self.problems.iter().map(Localized::message),
            "batch-row-problems-more",
        );
        match problems {
            Some(problems) => Message::new("batch-row-error")
                .arg("row", self.row.to_string())
                .arg("problems", problems),
            None => Message::new("batch-row-error-bare").arg("row", self.row.to_string()),
        }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}", self.row)?;
        for p in &self.problems {
            write!(f, ", {p}")?;
        }
        Ok(())
    }
}

/// Texts quoted in row errors are cut to this many characters.
const QUOTE_CHARS: usize = 60;

/// `text` cut to [`QUOTE_CHARS`] characters, with an ellipsis when cut.
pub(super) fn cut(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The problem with any text it quotes cut short.
pub(super) fn shorten(problem: Problem) -> Problem {
    match problem {
        Problem::NotANumber { text } => Problem::NotANumber { text: cut(&text) },
        Problem::UnknownCategory { text } => Problem::UnknownCategory { text: cut(&text) },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::records::MAX_RECORD_BYTES;
    use crate::i18n::Lang;

    fn problems() -> Vec<RowProblem> {
        let field = |problem| RowProblem::Field {
            column: "AGE".into(),
            problem,
        };
        vec![
            RowProblem::FieldCount {
                expected: 21,
                found: 1,
            },
            RowProblem::FieldCount {
                expected: 3,
                found: 20,
            },
            field(Problem::Missing),
            field(Problem::NotANumber { text: "abc".into() }),
            field(Problem::NotAWholeNumber { value: 2.5 }),
            field(Problem::OutOfRange {
                value: 150.0,
                min: 18.0,
                max: 99.5,
            }),
            field(Problem::UnknownCategory {
                text: "A99 {x}".into(),
            }),
            RowProblem::Label {
                column: "class".into(),
                text: "maybe".into(),
                positive: "1".into(),
                negative: "0".into(),
            },
            RowProblem::NotUtf8 {
                column: "V1".into(),
            },
            RowProblem::TooLong {
                limit: MAX_RECORD_BYTES,
            },
        ]
    }

    #[test]
    fn row_errors_in_english_read_as_their_display() {
        for p in problems() {
            assert_eq!(p.message().in_lang(Lang::En), p.to_string());
            assert_ne!(p.message().in_lang(Lang::ZhCn), p.to_string());
        }
        let error = RowError {
            row: 1234567,
            problems: problems(),
        };
        assert_eq!(error.message().in_lang(Lang::En), error.to_string());
        let bare = RowError {
            row: 3,
            problems: Vec::new(),
        };
        assert_eq!(bare.message().in_lang(Lang::En), bare.to_string());
    }

    #[test]
    fn job_errors_in_english_read_as_their_display() {
        for e in [
            JobError::Unmatched(vec!["age".into(), "duration".into()]),
            JobError::PastHeader,
            JobError::Mapping(Message::quoted("the encoding failed")),
            JobError::Model {
                first: 1,
                last: 4096,
                source: ModelError::Run("boom".into()),
            },
        ] {
            assert_eq!(e.message().in_lang(Lang::En), e.to_string());
            assert_ne!(e.message().in_lang(Lang::ZhCn), e.to_string());
        }
    }
}
