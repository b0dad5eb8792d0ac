//! Merging two edited copies of the reader's translation data, three-way, as notes are
//! merged (see [`crate::model::merge`]).
//!
//! Two copies of a sidecar (a second window, another device through a sync tool) both
//! started from `base`; each part of [`TranslationData`] is merged by its key:
//!
//! - **The reader's translations**, per (language, section id): a change on one side
//!   only is taken; the same change on both sides is taken once; a translation on one
//!   side only is kept (absence is never a deletion: deletions are tombstones). Changed
//!   differently on both sides: a deletion against an edit keeps the edit (the
//!   deletion can be done again, the edit could not be recovered); otherwise the
//!   version changed last (`modified_ms`, ours on a tie) wins and the other one's text
//!   is kept in the winner's [`ReaderTranslation::conflict_texts`], so nothing typed is
//!   lost. A translation is one text per section, so there is no second copy to show
//!   beside it as a note's conflict copy is.
//! - **Alignment fixes**, per (file, language): a change on one side only is taken;
//!   changed on both sides, *ours* is kept whole. Fixes are a sequence of operations
//!   on rows: interleaving two sequences would shift rows neither side meant to, so
//!   the other side's sequence is dropped rather than mixed in (the reader sees the
//!   result and can fix again).
//! - **Machine translations**, per (language, section id): a cache, so a union; where
//!   both sides hold a different one, the newer (`made_ms`, ours on a tie) wins.
//! - **Sentence pins**, per (file, language): as the fixes (a sequence whose newer
//!   pins win over older ones they contradict; two sequences are not interleaved).
//! - **Cached sentence alignments**, per (file, language): a cache; ours where we have
//!   one, else theirs.
//! - **The language shown**: ours (it is what this window shows).
//!
//! The merge is pure and deterministic; merging a copy with itself, or with the base,
//! changes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::fix::FileFixes;
use super::reader::{MachineTranslation, ReaderTranslation, TranslationData};
use super::sentences::{FilePins, SentenceCache};
use crate::model::SectionId;

/// What a three-way merge of translation data made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergedTranslations {
    /// The merged data.
    pub data: TranslationData,
    /// How many reader translations had been changed differently on both sides (the
    /// loser's text is kept in the winner's `conflict_texts`).
    pub conflicts: usize,
}

/// Merges two copies of the reader's translation data that both started from `base`
/// (see the module doc for the rules).
pub fn merge_translations(
    base: &TranslationData,
    ours: &TranslationData,
    theirs: &TranslationData,
) -> MergedTranslations {
    let mut conflicts = 0;
    let reader = merge_nested(&base.reader, &ours.reader, &theirs.reader, |b, o, t| {
        let (merged, conflict) = merge_reader(b, o, t);
        conflicts += usize::from(conflict);
        merged
    });
    let machine = merge_nested(&base.machine, &ours.machine, &theirs.machine, merge_machine);
    MergedTranslations {
        data: TranslationData {
            reader,
            fixes: merge_fixes(&base.fixes, &ours.fixes, &theirs.fixes),
            machine,
            shown_language: ours.shown_language.clone(),
            pins: merge_lists(&base.pins, &ours.pins, &theirs.pins, pins_key),
            sentence_cache: merge_cache(&ours.sentence_cache, &theirs.sentence_cache),
        },
        conflicts,
    }
}

type Nested<T> = BTreeMap<String, BTreeMap<SectionId, T>>;

/// Merges language → section → entry maps entry by entry with `merge_one`, which gets
/// the base entry if any and the two sides' entries.
fn merge_nested<T: Clone>(
    base: &Nested<T>,
    ours: &Nested<T>,
    theirs: &Nested<T>,
    mut merge_one: impl FnMut(Option<&T>, &T, &T) -> T,
) -> Nested<T> {
    let mut merged = Nested::new();
    let languages: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    for language in languages {
        let empty = BTreeMap::new();
        let base = base.get(language).unwrap_or(&empty);
        let ours = ours.get(language).unwrap_or(&empty);
        let theirs = theirs.get(language).unwrap_or(&empty);
        let sections: BTreeSet<&SectionId> = ours.keys().chain(theirs.keys()).collect();
        let entries = merged.entry(language.clone()).or_default();
        for section in sections {
            let entry = match (ours.get(section), theirs.get(section)) {
                (Some(ours), None) => ours.clone(),
                (None, Some(theirs)) => theirs.clone(),
                (Some(ours), Some(theirs)) => merge_one(base.get(section), ours, theirs),
                (None, None) => continue,
            };
            entries.insert(*section, entry);
        }
    }
    merged
}

/// One reader translation present on both sides; true when it was a conflict.
fn merge_reader(
    base: Option<&ReaderTranslation>,
    ours: &ReaderTranslation,
    theirs: &ReaderTranslation,
) -> (ReaderTranslation, bool) {
    if ours == theirs || base == Some(theirs) {
        return (ours.clone(), false);
    }
    if base == Some(ours) {
        return (theirs.clone(), false);
    }
    if ours.deleted != theirs.deleted {
        // An edit wins over a deletion.
        let edit = if ours.deleted { theirs } else { ours };
        return (edit.clone(), false);
    }
    let (winner, loser) = if theirs.modified_ms > ours.modified_ms {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut merged = winner.clone();
    for text in loser
        .conflict_texts
        .iter()
        .chain((!loser.deleted).then_some(&loser.text))
    {
        if *text != merged.text && !merged.conflict_texts.contains(text) {
            merged.conflict_texts.push(text.clone());
        }
    }
    (merged, true)
}

/// One cached machine translation present on both sides.
fn merge_machine(
    base: Option<&MachineTranslation>,
    ours: &MachineTranslation,
    theirs: &MachineTranslation,
) -> MachineTranslation {
    if base == Some(ours) {
        return theirs.clone();
    }
    if base == Some(theirs) || ours.made_ms >= theirs.made_ms {
        return ours.clone();
    }
    theirs.clone()
}

/// The fixes of every (file, language), ours first in our order, then the ones only
/// theirs has, in theirs. Each list is found by a map, not a scan: a sidecar can hold
/// hundreds of thousands of lists.
fn merge_fixes(base: &[FileFixes], ours: &[FileFixes], theirs: &[FileFixes]) -> Vec<FileFixes> {
    let (base_index, theirs_index) = (fixes_by_key(base), fixes_by_key(theirs));
    let ours_keys: HashSet<(&str, &str)> = ours.iter().map(fixes_key).collect();
    let mut merged: Vec<FileFixes> = ours
        .iter()
        .map(|ours| match theirs_index.get(&fixes_key(ours)) {
            Some(theirs) if base_index.get(&fixes_key(ours)) == Some(&ours) => (*theirs).clone(),
            // Unchanged on their side, changed on both (ours kept), or ours only.
            _ => ours.clone(),
        })
        .collect();
    for theirs in theirs {
        if !ours_keys.contains(&fixes_key(theirs)) {
            merged.push(theirs.clone());
        }
    }
    merged
}

/// Lists kept per (file, language) merged as the fixes are (see [`merge_fixes`]).
fn merge_lists<T: Clone + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: fn(&T) -> (&str, &str),
) -> Vec<T> {
    let index = |list: &'_ [T]| -> HashMap<(String, String), usize> {
        let mut by_key = HashMap::with_capacity(list.len());
        for (position, item) in list.iter().enumerate() {
            let (file, language) = key(item);
            by_key
                .entry((file.to_owned(), language.to_owned()))
                .or_insert(position);
        }
        by_key
    };
    let (base_index, theirs_index, ours_index) = (index(base), index(theirs), index(ours));
    let owned = |item: &T| {
        let (file, language) = key(item);
        (file.to_owned(), language.to_owned())
    };
    let mut merged: Vec<T> = ours
        .iter()
        .map(|item| {
            let at = owned(item);
            match theirs_index.get(&at) {
                Some(&theirs_at) if base_index.get(&at).map(|&b| &base[b]) == Some(item) => {
                    theirs[theirs_at].clone()
                }
                _ => item.clone(),
            }
        })
        .collect();
    merged.extend(
        theirs
            .iter()
            .filter(|item| !ours_index.contains_key(&owned(item)))
            .cloned(),
    );
    merged
}

/// The (file, language) a list of pins is for.
fn pins_key(pins: &FilePins) -> (&str, &str) {
    (pins.file.as_str(), pins.language.as_str())
}

/// Cached alignments: ours, then those only theirs has.
fn merge_cache(ours: &[SentenceCache], theirs: &[SentenceCache]) -> Vec<SentenceCache> {
    let ours_keys: HashSet<(&str, &str)> = ours
        .iter()
        .map(|cache| (cache.file.as_str(), cache.language.as_str()))
        .collect();
    let mut merged = ours.to_vec();
    merged.extend(
        theirs
            .iter()
            .filter(|cache| !ours_keys.contains(&(cache.file.as_str(), cache.language.as_str())))
            .cloned(),
    );
    merged
}

/// The (file, language) a list of fixes is for.
fn fixes_key(fixes: &FileFixes) -> (&str, &str) {
    (fixes.file.as_str(), fixes.language.as_str())
}

/// Each (file, language)'s first list of fixes in `list`: the one a scan would find.
fn fixes_by_key(list: &[FileFixes]) -> HashMap<(&str, &str), &FileFixes> {
    let mut by_key = HashMap::with_capacity(list.len());
    for fixes in list {
        by_key.entry(fixes_key(fixes)).or_insert(fixes);
    }
    by_key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::translation::AlignmentFix;

    fn with(entries: &[(&str, u64, &str, u64)]) -> TranslationData {
        let mut data = TranslationData::default();
        for &(language, section, text, time) in entries {
            data.set_reader_translation(language, SectionId(section), "نص", text, None, time);
        }
        data
    }

    fn text_of<'a>(data: &'a TranslationData, language: &str, section: u64) -> Option<&'a str> {
        let entry = data.reader.get(language)?.get(&SectionId(section))?;
        (!entry.deleted).then_some(entry.text.as_str())
    }

    #[test]
    fn one_sided_changes_are_taken() {
        let base = with(&[("en", 1, "one", 1), ("en", 2, "two", 1)]);
        let mut ours = base.clone();
        ours.set_reader_translation("en", SectionId(1), "نص", "one, mine", None, 5);
        ours.set_reader_translation("fa", SectionId(3), "نص", "سه", None, 5);
        let mut theirs = base.clone();
        theirs.set_reader_translation("en", SectionId(2), "نص", "two, theirs", None, 6);
        theirs.set_reader_translation("en", SectionId(4), "نص", "four", None, 6);
        let merged = merge_translations(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        let data = &merged.data;
        assert_eq!(text_of(data, "en", 1), Some("one, mine"));
        assert_eq!(text_of(data, "en", 2), Some("two, theirs"));
        assert_eq!(text_of(data, "en", 4), Some("four"));
        assert_eq!(text_of(data, "fa", 3), Some("سه"));
    }

    #[test]
    fn a_true_conflict_keeps_the_newer_and_the_other_text() {
        let base = with(&[("en", 1, "base", 1)]);
        let ours = with(&[("en", 1, "ours", 9)]);
        let theirs = with(&[("en", 1, "theirs", 5)]);
        let merged = merge_translations(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 1);
        let entry = &merged.data.reader["en"][&SectionId(1)];
        assert_eq!(entry.text, "ours");
        assert_eq!(entry.conflict_texts, ["theirs"]);
        // The other way round, theirs is newer.
        let merged = merge_translations(&base, &theirs, &ours);
        let entry = &merged.data.reader["en"][&SectionId(1)];
        assert_eq!(
            (entry.text.as_str(), entry.conflict_texts.as_slice()),
            ("ours", &["theirs".to_owned()][..])
        );
    }

    #[test]
    fn an_edit_wins_over_a_deletion() {
        let base = with(&[("en", 1, "base", 1)]);
        let mut deleted = base.clone();
        deleted.set_reader_translation("en", SectionId(1), "نص", "", None, 9);
        let edited = with(&[("en", 1, "edited", 3)]);
        for (ours, theirs) in [(&deleted, &edited), (&edited, &deleted)] {
            let merged = merge_translations(&base, ours, theirs);
            assert_eq!(text_of(&merged.data, "en", 1), Some("edited"));
        }
        // A deletion on one side only is taken.
        let merged = merge_translations(&base, &base, &deleted);
        assert_eq!(text_of(&merged.data, "en", 1), None);
    }

    #[test]
    fn fixes_take_one_sided_changes_and_keep_ours_on_both() {
        let mut base = TranslationData::default();
        base.add_fix("a.tmx", "en", "f", AlignmentFix::ShiftDown { row: 1 });
        let mut ours = base.clone();
        ours.add_fix("a.tmx", "en", "f", AlignmentFix::Merge { row: 3 });
        let mut theirs = base.clone();
        theirs.add_fix("b.en.txt", "en", "g", AlignmentFix::ShiftUp { row: 2 });
        let merged = merge_translations(&base, &ours, &theirs).data;
        assert_eq!(
            merged.fixes_for("a.tmx", "en"),
            ours.fixes_for("a.tmx", "en")
        );
        assert_eq!(
            merged.fixes_for("b.en.txt", "en"),
            theirs.fixes_for("b.en.txt", "en")
        );
        // Only theirs changed a.tmx: taken.
        let merged = merge_translations(&base, &base, &ours).data;
        assert_eq!(
            merged.fixes_for("a.tmx", "en"),
            ours.fixes_for("a.tmx", "en")
        );
        // Both changed it: ours, whole.
        let mut other = base.clone();
        other.add_fix("a.tmx", "en", "f", AlignmentFix::ShiftDown { row: 7 });
        let merged = merge_translations(&base, &ours, &other).data;
        assert_eq!(
            merged.fixes_for("a.tmx", "en"),
            ours.fixes_for("a.tmx", "en")
        );
    }

    #[test]
    fn pins_merge_as_fixes_and_the_cache_is_a_union() {
        use crate::model::translation::SentencePin;
        let pin = |article, translation| SentencePin {
            article,
            translation,
        };
        let mut base = TranslationData::default();
        base.add_pin("a.en.txt", "en", "f", pin(1, 1));
        let mut ours = base.clone();
        let mut theirs = base.clone();
        theirs.add_pin("a.en.txt", "en", "f", pin(3, 2));
        theirs.cache_sentences("a.en.txt", "en", "k2", "0-1:0-1:900".to_owned());
        ours.cache_sentences("b.en.txt", "en", "k1", "0-1:0-1:800".to_owned());
        let merged = merge_translations(&base, &ours, &theirs).data;
        assert_eq!(
            merged.pins, theirs.pins,
            "changed on their side only: theirs"
        );
        assert_eq!(
            merged.sentence_cache.len(),
            2,
            "{:?}",
            merged.sentence_cache
        );
        // Changed on both sides: ours whole, never interleaved.
        ours.add_pin("a.en.txt", "en", "f", pin(2, 5));
        let merged = merge_translations(&base, &ours, &theirs).data;
        assert_eq!(merged.pins, ours.pins);
        // Merging with itself or the base changes nothing.
        assert_eq!(merge_translations(&base, &ours, &base).data.pins, ours.pins);
        assert_eq!(merge_translations(&ours, &ours, &ours).data, ours);
    }

    #[test]
    fn machine_translations_are_a_union_and_the_newer_wins() {
        let made = |text: &str, made_ms| MachineTranslation {
            text: text.to_owned(),
            made_ms,
            ..MachineTranslation::default()
        };
        let mut ours = TranslationData::default();
        let mut theirs = TranslationData::default();
        ours.machine.insert(
            "en".to_owned(),
            [
                (SectionId(1), made("old", 1)),
                (SectionId(2), made("only ours", 1)),
            ]
            .into(),
        );
        theirs
            .machine
            .insert("en".to_owned(), [(SectionId(1), made("new", 2))].into());
        theirs.shown_language = Some("fa".to_owned());
        ours.shown_language = Some("en".to_owned());
        let merged = merge_translations(&TranslationData::default(), &ours, &theirs).data;
        assert_eq!(merged.machine["en"][&SectionId(1)].text, "new");
        assert_eq!(merged.machine["en"][&SectionId(2)].text, "only ours");
        assert_eq!(merged.shown_language.as_deref(), Some("en"));
    }

    /// Random copies from a small alphabet, checked against what a merge promises:
    /// merging with an unchanged side gives the other, merging is the same whichever
    /// copy is "ours" for the texts kept, and no text either side wrote since the base
    /// is lost.
    #[test]
    fn random_merges_keep_every_text() {
        let mut rng = fastrand::Rng::with_seed(9);
        let texts = ["", "a", "b", "ج", "د"];
        let random = |rng: &mut fastrand::Rng, from: &TranslationData| {
            let mut data = from.clone();
            for _ in 0..rng.usize(0..6) {
                let language = ["en", "fa"][rng.usize(..2)];
                let text = texts[rng.usize(..texts.len())];
                let time = rng.u64(1..20);
                data.set_reader_translation(
                    language,
                    SectionId(rng.u64(0..4)),
                    "نص",
                    text,
                    None,
                    time,
                );
            }
            data
        };
        for _ in 0..2000 {
            let base = random(&mut rng, &TranslationData::default());
            let ours = random(&mut rng, &base);
            let theirs = random(&mut rng, &base);
            assert_eq!(merge_translations(&base, &ours, &base).data, ours);
            assert_eq!(
                merge_translations(&base, &base, &theirs).data.reader,
                theirs.reader
            );
            assert_eq!(merge_translations(&base, &ours, &ours).data, ours);
            let merged = merge_translations(&base, &ours, &theirs).data;
            // The oracle: every live text written on a side since the base is in the
            // merge, as a translation or a kept conflict text.
            for side in [&ours, &theirs] {
                for (language, entries) in &side.reader {
                    for (section, entry) in entries {
                        let unchanged =
                            base.reader.get(language).and_then(|b| b.get(section)) == Some(entry);
                        if unchanged || entry.deleted {
                            continue;
                        }
                        let kept = &merged.reader[language][section];
                        assert!(
                            (!kept.deleted && kept.text == entry.text)
                                || kept.conflict_texts.contains(&entry.text),
                            "{language} {section:?}: {:?} lost in {kept:?}",
                            entry.text
                        );
                    }
                }
            }
        }
    }
}
