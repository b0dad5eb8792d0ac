//! The reader's vocabulary: a status for each lemma (new, learning 1–4, known,
//! ignored), kept per folder, and the three-way merge of two copies of it.
//!
//! Lemmas are keyed by the lexicon's lemma id (`kitAb_1`), which is the same on every
//! machine, so two copies edited on two devices merge lemma by lemma. Every entry
//! carries when it was last set: a lemma set differently on both sides keeps the later
//! setting (a status is one value, there is no "both" to keep), and the merge says how
//! many such lemmas there were. Setting a lemma back to new writes `new`, never removes
//! the entry, so a merge cannot mistake it for a lemma the other side never saw.
//!
//! Pure data and pure functions: the file itself is `store::vocabulary`'s.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How well the reader knows a lemma.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WordStatus {
    /// Not marked yet.
    #[default]
    New,
    /// Being learnt, at level 1 (just met) to 4 (nearly known).
    Learning(u8),
    /// Known: not marked in the page.
    Known,
    /// Not a word to learn (a name, a foreign word): never marked, never counted.
    Ignored,
}

impl WordStatus {
    /// Every status, in the order of their keys (new, 1–4, known, ignored).
    pub const ALL: [WordStatus; 7] = [
        WordStatus::New,
        WordStatus::Learning(1),
        WordStatus::Learning(2),
        WordStatus::Learning(3),
        WordStatus::Learning(4),
        WordStatus::Known,
        WordStatus::Ignored,
    ];

    /// Its name on disk and on the command line: `new`, `learning-1` … `learning-4`,
    /// `known`, `ignored`.
    pub fn name(self) -> &'static str {
        match self {
            WordStatus::New => "new",
            WordStatus::Learning(1) => "learning-1",
            WordStatus::Learning(2) => "learning-2",
            WordStatus::Learning(3) => "learning-3",
            WordStatus::Learning(_) => "learning-4",
            WordStatus::Known => "known",
            WordStatus::Ignored => "ignored",
        }
    }

    /// The status named `name` (see [`Self::name`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.name() == name)
    }

    /// The learning level, 1–4, of a word being learnt.
    pub fn learning_level(self) -> Option<u8> {
        match self {
            WordStatus::Learning(level) => Some(level.clamp(1, 4)),
            _ => None,
        }
    }
}

impl Serialize for WordStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for WordStatus {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown word status \"{name}\"")))
    }
}

/// What is kept of one lemma.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LemmaEntry {
    /// Its status.
    pub status: WordStatus,
    /// When it was last set, in milliseconds since the Unix epoch.
    pub changed_ms: u64,
}

/// The statuses of a folder's lemmas, by lemma id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Each lemma set to anything, by lemma id. A lemma not here is new.
    pub lemmas: BTreeMap<String, LemmaEntry>,
}

impl Vocabulary {
    /// The status of `lemma` (new when never set).
    pub fn status(&self, lemma: &str) -> WordStatus {
        self.lemmas
            .get(lemma)
            .map_or(WordStatus::New, |entry| entry.status)
    }

    /// Sets `lemma` to `status`, at `now_ms`. Returns whether anything changed.
    pub fn set(&mut self, lemma: &str, status: WordStatus, now_ms: u64) -> bool {
        if self.status(lemma) == status && self.lemmas.contains_key(lemma) {
            return false;
        }
        self.lemmas.insert(
            lemma.to_owned(),
            LemmaEntry {
                status,
                changed_ms: now_ms,
            },
        );
        true
    }
}

/// The result of a three-way merge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergedVocabulary {
    /// Both sides' changes.
    pub vocabulary: Vocabulary,
    /// Lemmas set differently on both sides (the later setting was kept).
    pub conflicts: usize,
}

/// Merges `ours` and `theirs`, two copies that were both `base`: a lemma changed on
/// one side takes that change; changed on both, the later one (ours on a tie).
pub fn merge_vocabulary(
    base: &Vocabulary,
    ours: &Vocabulary,
    theirs: &Vocabulary,
) -> MergedVocabulary {
    let mut merged = MergedVocabulary::default();
    let keys = ours.lemmas.keys().chain(theirs.lemmas.keys());
    for lemma in keys {
        if merged.vocabulary.lemmas.contains_key(lemma) {
            continue;
        }
        let (b, o, t) = (
            base.lemmas.get(lemma),
            ours.lemmas.get(lemma),
            theirs.lemmas.get(lemma),
        );
        let kept = match (o, t) {
            (Some(o), None) => Some(o),
            (None, Some(t)) => Some(t),
            (Some(o), Some(t)) if o == t || b == Some(t) => Some(o),
            (Some(o), Some(t)) if b == Some(o) => Some(t),
            (Some(o), Some(t)) => {
                merged.conflicts += 1;
                Some(if t.changed_ms > o.changed_ms { t } else { o })
            }
            (None, None) => None,
        };
        if let Some(entry) = kept {
            merged.vocabulary.lemmas.insert(lemma.clone(), *entry);
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, WordStatus, u64)]) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        for (lemma, status, at) in pairs {
            vocabulary.set(lemma, *status, *at);
        }
        vocabulary
    }

    #[test]
    fn names_round_trip() {
        for status in WordStatus::ALL {
            assert_eq!(WordStatus::from_name(status.name()), Some(status));
        }
        assert_eq!(WordStatus::from_name("learning-5"), None);
    }

    #[test]
    fn a_change_on_each_side_is_kept() {
        let base = with(&[("kitAb_1", WordStatus::Learning(1), 1)]);
        let ours = with(&[
            ("kitAb_1", WordStatus::Learning(1), 1),
            ("qAl-u_1", WordStatus::Known, 5),
        ]);
        let theirs = with(&[("kitAb_1", WordStatus::Learning(3), 4)]);
        let merged = merge_vocabulary(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        assert_eq!(merged.vocabulary.status("kitAb_1"), WordStatus::Learning(3));
        assert_eq!(merged.vocabulary.status("qAl-u_1"), WordStatus::Known);
    }

    #[test]
    fn a_change_on_both_sides_keeps_the_later() {
        let base = with(&[("kitAb_1", WordStatus::Learning(1), 1)]);
        let ours = with(&[("kitAb_1", WordStatus::Known, 9)]);
        let theirs = with(&[("kitAb_1", WordStatus::Ignored, 7)]);
        let merged = merge_vocabulary(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 1);
        assert_eq!(merged.vocabulary.status("kitAb_1"), WordStatus::Known);
        let merged = merge_vocabulary(&base, &theirs, &ours);
        assert_eq!(merged.vocabulary.status("kitAb_1"), WordStatus::Known);
    }

    #[test]
    fn a_lemma_set_back_to_new_stays_new() {
        let base = with(&[("kitAb_1", WordStatus::Known, 1)]);
        let ours = with(&[("kitAb_1", WordStatus::New, 2)]);
        let merged = merge_vocabulary(&base, &ours, &base);
        assert_eq!(merged.vocabulary.status("kitAb_1"), WordStatus::New);
        let merged = merge_vocabulary(&base, &base, &ours);
        assert_eq!(merged.vocabulary.status("kitAb_1"), WordStatus::New);
    }
}
