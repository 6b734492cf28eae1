//! What recourse may suggest for a feature by default: a lock (never changed, or a number only
//! up or down) and, for a category, the moves a person can make (savings only grow; closing an
//! account is not advice). The user may lock or free any attribute that is not `immutable`;
//! category moves always hold.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Feature, FeatureKind, invalid};
use crate::i18n::Message;
use crate::manifest::ManifestError;

/// What the search may do with one attribute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lock {
    #[default]
    Free,
    /// Never changed.
    Fixed,
    /// Numbers may only go up.
    UpOnly,
    /// Numbers may only go down.
    DownOnly,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Actionable {
    /// The lock recourse starts from.
    #[serde(default)]
    pub lock: Lock,
    /// For a category: from each category (its value), the categories a person can move to;
    /// a category not listed cannot move. Absent: any move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moves: Option<BTreeMap<String, Vec<String>>>,
}

impl Actionable {
    pub fn is_free(&self) -> bool {
        self.lock == Lock::Free && self.moves.is_none()
    }
}

impl Feature {
    /// Whether recourse may move this category feature from category `from` to `to`
    /// (indices); always true for a feature without `moves`.
    pub fn may_move(&self, from: usize, to: usize) -> bool {
        let (FeatureKind::Category(c), Some(moves)) = (&self.kind, &self.recourse.moves) else {
            return true;
        };
        let (Some(from), Some(to)) = (c.categories.get(from), c.categories.get(to)) else {
            return false;
        };
        moves
            .get(&from.value)
            .is_some_and(|targets| targets.contains(&to.value))
    }
}

/// Moves name categories of the feature; up and down locks are for numbers.
pub(super) fn check_actionable(at: &Message, feature: &Feature) -> Result<(), ManifestError> {
    let rule = &feature.recourse;
    if let (FeatureKind::Category(_), Lock::UpOnly | Lock::DownOnly) = (&feature.kind, rule.lock) {
        return Err(invalid(
            at,
            Message::new("manifest-recourse-direction-category"),
        ));
    }
    let Some(moves) = &rule.moves else {
        return Ok(());
    };
    let FeatureKind::Category(c) = &feature.kind else {
        return Err(invalid(at, Message::new("manifest-recourse-moves-number")));
    };
    for name in moves
        .iter()
        .flat_map(|(from, to)| std::iter::once(from).chain(to))
    {
        if c.categories.iter().all(|k| &k.value != name) {
            return Err(invalid(
                at,
                Message::new("manifest-recourse-moves-unknown").arg("category", name.as_str()),
            ));
        }
    }
    Ok(())
}
