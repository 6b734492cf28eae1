//! What can go wrong explaining an applicant.

use thiserror::Error;

use crate::encoding::ForeignApplicant;
use crate::i18n::{Localized, Message};
use crate::model::ModelError;

#[derive(Debug, Error, PartialEq)]
pub enum ExplainError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Foreign(#[from] ForeignApplicant),
    #[error("the reference sample has no background rows to explain against")]
    NoBackground,
    #[error("player {player} names feature {feature_idx}, which the model does not have")]
    UnknownFeature { player: usize, feature_idx: usize },
    #[error("{n_players} players are too many to enumerate every coalition (at most 20)")]
    TooManyPlayers { n_players: usize },
    #[error("the applicant's row has {got} values, the model reads {width}")]
    RowWidth { got: usize, width: usize },
    #[error("a value of feature {feature_idx} has {got} encoded columns, the feature has {width}")]
    ValueWidth {
        feature_idx: usize,
        got: usize,
        width: usize,
    },
}

impl Localized for ExplainError {
    fn message(&self) -> Message {
        match self {
            ExplainError::Model(e) => e.message(),
            ExplainError::Foreign(e) => e.message(),
            ExplainError::NoBackground => Message::new("core-explain-no-background"),
            ExplainError::UnknownFeature {
                player,
                feature_idx,
            } => Message::new("core-explain-unknown-feature")
                .arg("player", player.to_string())
                .arg("feature", feature_idx.to_string()),
            ExplainError::TooManyPlayers { n_players } => {
                Message::new("core-explain-too-many-players").arg("players", n_players.to_string())
            }
            ExplainError::RowWidth { got, width } => Message::new("core-explain-row-width")
                .arg("got", got.to_string())
                .arg("width", width.to_string()),
            ExplainError::ValueWidth {
                feature_idx,
                got,
                width,
            } => Message::new("core-explain-value-width")
                .arg("feature", feature_idx.to_string())
                .arg("got", got.to_string())
                .arg("width", width.to_string()),
        }
    }
}
