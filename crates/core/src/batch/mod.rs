//! A whole CSV file scored privately: header matched to the model ([`columns`]), rows streamed
//! through the model with every row scored or given a row error ([`job`]), and the scored file
//! written back out with spreadsheet formulas neutralised ([`export`]); or, on the command
//! line, read and scored block by block in one pass ([`block`]).
//!
//! The web worker and the native tests call the very same functions, chunk by chunk.

pub mod block;
pub mod columns;
pub mod errors;
pub mod export;
pub mod job;
pub mod label;
mod line;
pub mod records;
pub mod report;
pub mod results;
mod row;
pub mod text;

pub use block::{Block, BlockOutcome, BlockReader, BlockScorer};
pub use columns::{FileHead, LabelColumn, Mapping, read_head, read_head_as};
pub use job::{BatchResults, Job, JobSettings, NoteCounts, RowError, RowProblem, ScoredRow};
pub use label::{ColumnValues, column_values};
pub use text::{TextEncoding, Transcoder};

use crate::scorer::Scorer;

/// Scores a whole file held in memory, in chunks of `chunk` bytes, as the worker does; the
/// native tests and benchmarks use it.
pub fn score_bytes(
    scorer: &Scorer,
    mapping: Mapping,
    settings: JobSettings,
    bytes: &[u8],
    chunk: usize,
) -> Result<BatchResults, job::JobError> {
    let mut job = Job::new(scorer, mapping, settings)?;
    for piece in bytes.chunks(chunk.max(1)) {
        job.feed(scorer, piece)?;
    }
    let left = job.finish(scorer)?;
    job.explain_next(scorer, left);
    Ok(job.into_results())
}
