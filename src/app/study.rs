//! The study service wired to the others: the gloss lexicon reads words as lemmas
//! ([`LexiconLemmatizer`]), the aligner cuts sections into sentences and finds each
//! sentence's translation ([`AlignedSentences`]), and the folder whose vocabulary file
//! an article uses ([`vocabulary_folder`]). Shared by the window and `hamish study`.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::align::{Evidence, align, sentences};
use crate::gloss::{Analyzer, PartRole, buckwalter};
use crate::store::VOCABULARY_FILE;
use crate::study::{Lemmatizer, Reading, SentenceSource};

/// The gloss lexicon as a [`Lemmatizer`]: a word's lemma is that of its first ranked
/// analysis, the one the gloss card shows first.
pub struct LexiconLemmatizer<'a>(pub &'a Analyzer);

impl Lemmatizer for LexiconLemmatizer<'_> {
    fn reading(&self, word: &str) -> Option<Reading> {
        let gloss = self.0.analyze(word);
        let analysis = gloss.analyses.first()?;
        let stem = analysis
            .parts
            .iter()
            .find(|part| part.role == PartRole::Stem);
        Some(Reading {
            lemma: Arc::from(analysis.lemma.as_str()),
            lemma_vocalized: vocalized_lemma(&analysis.lemma),
            gloss: stem.map(|part| part.gloss.clone()).unwrap_or_default(),
            // The lexicon writes a part's tags after its form (`naZiyr/NOUN`).
            pos: stem
                .and_then(|part| part.pos.rsplit('/').next())
                .unwrap_or_default()
                .to_owned(),
        })
    }
}

/// The lemma id `qAl-u_1` as Arabic: `قال`, vocalised as the lexicon writes it (the
/// imperfect's vowel after `-` and the sense number after `_` are not part of it).
pub fn vocalized_lemma(lemma: &str) -> String {
    let form = lemma.split('_').next().unwrap_or(lemma);
    let form = form.split('-').next().unwrap_or(form);
    buckwalter::to_arabic(form)
}

/// The folder whose vocabulary the article at `article` uses: the nearest folder
/// above it holding a vocabulary file, else its own (where a first status starts
/// one). The app uses the folder it opened.
pub fn vocabulary_folder(article: &Path) -> PathBuf {
    let own = article.parent().unwrap_or(Path::new(".")).to_path_buf();
    own.ancestors()
        .find(|folder| folder.join(VOCABULARY_FILE).is_file())
        .map_or(own.clone(), Path::to_path_buf)
}

/// Sentences cut by the aligner's splitter; a sentence's translation is the part of
/// its section's translation the aligner links it with (aligning that one row), or
/// the section's whole translation when the row cannot be aligned.
pub struct AlignedSentences<'a> {
    /// Each section's text.
    pub sections: &'a [&'a str],
    /// Each section's translation, where it has one.
    pub translations: &'a [Option<String>],
}

impl SentenceSource for AlignedSentences<'_> {
    fn sentences(&self, _section: usize, text: &str) -> Vec<Range<usize>> {
        sentences(text)
    }

    fn translation(&self, section: usize, sentence: usize) -> Option<String> {
        let translated = self.translations.get(section)?.as_deref()?;
        let text = self.sections.get(section)?;
        let whole = || Some(translated.trim().to_owned());
        let Ok(alignment) = align(&[text], &[translated], Evidence::default()) else {
            return whole();
        };
        let mut linked: Vec<Range<usize>> = alignment
            .links
            .iter()
            .filter(|link| link.is_two_sided() && link.article.contains(&sentence))
            .flat_map(|link| link.translation.clone())
            .filter_map(|index| alignment.translation.get(index))
            .map(|sentence| sentence.range.clone())
            .collect();
        if linked.is_empty() {
            return whole();
        }
        linked.sort_by_key(|range| range.start);
        let start = linked.first().map_or(0, |range| range.start);
        let end = linked.last().map_or(translated.len(), |range| range.end);
        translated
            .get(start..end)
            .map(|text| text.trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lemma_id_reads_as_its_vocalised_form() {
        assert_eq!(vocalized_lemma("qAl-u_1"), "قال");
        assert_eq!(vocalized_lemma("kitAb_1"), "كِتاب");
    }

    #[test]
    fn a_sentence_gets_the_translation_it_is_linked_with() {
        let sections = ["قال الرئيس إن الجيش مستعد. ووصل الوزير إلى موسكو يوم 12 مايو."];
        let translations = [Some(
            "The president said the army is ready. The minister arrived in Moscow on 12 May."
                .to_owned(),
        )];
        let source = AlignedSentences {
            sections: &sections,
            translations: &translations,
        };
        assert_eq!(source.sentences(0, sections[0]).len(), 2);
        let second = source.translation(0, 1).expect("aligned");
        assert_eq!(second, "The minister arrived in Moscow on 12 May.");
    }
}
