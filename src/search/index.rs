//! The search index of a folder: every article's texts, folded once, searched by
//! scanning.
//!
//! Why a scan and not an inverted index: a query matches at word starts, with Arabic
//! clitics before it when asked, and as a phrase; an inverted index needs a prefix
//! walk of its term dictionary and positions to do that, and must then fold the hits
//! again to highlight them. Folded text is about as large as the articles themselves
//! (a few tens of MB for 10,000 articles with translations and notes) and memmem
//! finds a query in it fast: one query over 10,000 articles with translations and notes
//! (98 MB of text) takes 16 to 35 ms, results mapped back to the text included, against
//! 0.02 to 110 ms for tantivy with an Arabic-folding tokenizer, which is slowest on
//! common words, builds in 8.6 s instead of 1.2 s, and is heavy to compile (see
//! `benches/search.rs` and `benches/search-tantivy/README.md`). Updating is replacing
//! one article's entry.
//!
//! Each article keeps its texts (to show and highlight results) and their folded
//! forms joined by line ends (folded text has none, so a match never spans two
//! texts). The index holds at most [`SearchIndex::limit`] bytes of text: articles
//! past it are not indexed, and [`SearchIndex::left_out`] says how many.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use memchr::memmem;

use super::document::{Entry, Kind, Searchable, read_searchable_with};
use super::imported::ImportedTranslations;
use super::matcher::{Query, ends_a_word};
use crate::import::translation::{
    Companion, article_stem, companion_index, find_companions, is_companion_of,
};
use crate::import::{is_article_path, list_folder};
use crate::model::fold::fold_str;

/// The default bound on the text an index holds: 256 MiB, several times 10,000
/// articles with their translations and notes.
pub const DEFAULT_LIMIT_BYTES: usize = 256 * 1024 * 1024;

/// One article in the index.
#[derive(Debug)]
struct Indexed {
    title: String,
    entries: Vec<Entry>,
    /// The entries' folded texts, each followed by a line end.
    folded: String,
    /// Where each entry's folded text starts in `folded`.
    starts: Vec<usize>,
}

impl Indexed {
    fn new(searchable: Searchable) -> Self {
        let mut folded = String::new();
        let mut starts = Vec::with_capacity(searchable.entries.len());
        for entry in &searchable.entries {
            starts.push(folded.len());
            folded.push_str(&fold_str(&entry.text));
            folded.push('\n');
        }
        Self {
            title: searchable.title,
            entries: searchable.entries,
            folded,
            starts,
        }
    }

    fn bytes(&self) -> usize {
        self.folded.len()
            + self.title.len()
            + self
                .entries
                .iter()
                .map(|entry| entry.text.len() + std::mem::size_of::<Entry>())
                .sum::<usize>()
    }
}

/// A match found by the index: a text of an article with every match in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The section, from 0.
    pub section: usize,
    /// Section, translation or note.
    pub kind: Kind,
    /// A translation's language.
    pub language: Option<String>,
    /// The whole text.
    pub text: String,
    /// The bytes of `text` matched, in order.
    pub ranges: Vec<Range<usize>>,
}

/// The matches in one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleHits {
    /// The article's file.
    pub path: PathBuf,
    /// Its title.
    pub title: String,
    /// Its texts with matches, in reading order.
    pub hits: Vec<Hit>,
    /// How well it matches: whole words count twice as much as word starts.
    pub score: usize,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// The articles with matches, best first (then by path).
    pub articles: Vec<ArticleHits>,
    /// Articles with matches left out of `articles` by the limit asked for.
    pub more_articles: usize,
}

impl SearchResults {
    /// How many matches are listed.
    pub fn match_count(&self) -> usize {
        self.articles
            .iter()
            .flat_map(|article| &article.hits)
            .map(|hit| hit.ranges.len())
            .sum()
    }
}

/// The index of a folder's articles.
#[derive(Debug)]
pub struct SearchIndex {
    articles: BTreeMap<PathBuf, Indexed>,
    bytes: usize,
    limit: usize,
    left_out: BTreeSet<PathBuf>,
    /// Translation files imported for articles from elsewhere, searched with them.
    imported: ImportedTranslations,
}

impl Default for SearchIndex {
    fn default() -> Self {
        Self::with_limit(DEFAULT_LIMIT_BYTES)
    }
}

impl SearchIndex {
    /// An empty index holding at most `limit` bytes of text.
    pub fn with_limit(limit: usize) -> Self {
        Self {
            articles: BTreeMap::new(),
            bytes: 0,
            limit,
            left_out: BTreeSet::new(),
            imported: ImportedTranslations::default(),
        }
    }

    /// Indexes every article under `root` (reading them: a background job). An
    /// article that cannot be read is left out; only a root that cannot be listed is
    /// an error.
    pub fn build(root: &Path) -> std::io::Result<Self> {
        Self::build_with_imported(root, ImportedTranslations::default())
    }

    /// Like [`Self::build`], searching each article's `imported` translation files
    /// (kept elsewhere) with it, and with those beside it.
    pub fn build_with_imported(
        root: &Path,
        imported: ImportedTranslations,
    ) -> std::io::Result<Self> {
        let library = list_folder(root)?;
        let mut index = Self {
            imported,
            ..Self::default()
        };
        // Each folder's names are read once for the companions of all its articles
        // (finding them article by article would list a folder of n articles n times).
        let mut companions: HashMap<PathBuf, HashMap<String, Vec<Companion>>> = HashMap::new();
        for entry in &library.entries {
            let path = &entry.path;
            let folder = path.parent().unwrap_or(root);
            let by_stem = companions
                .entry(folder.to_owned())
                .or_insert_with(|| companions_in(folder));
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut own: Vec<Companion> = article_stem(&name)
                .and_then(|stem| by_stem.get(stem))
                .map(|list| list.iter().filter(|c| &c.path != path).cloned().collect())
                .unwrap_or_default();
            own.sort_by(|a, b| a.path.cmp(&b.path));
            own.extend(index.imported.of(path));
            if let Ok(searchable) = read_searchable_with(path, &own) {
                index.insert(path.clone(), searchable);
            }
        }
        Ok(index)
    }

    /// The bound on the text held, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The text held, in bytes.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many articles are indexed.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Whether the article at `path` is indexed.
    pub fn contains(&self, path: &Path) -> bool {
        self.articles.contains_key(path)
    }

    /// The articles not indexed because the index was full.
    pub fn left_out(&self) -> usize {
        self.left_out.len()
    }

    /// Indexes `searchable` as the article at `path`, replacing what was indexed for
    /// it. False (and nothing indexed) when it would take the index over its limit.
    pub fn insert(&mut self, path: PathBuf, searchable: Searchable) -> bool {
        self.remove(&path);
        let indexed = Indexed::new(searchable);
        let bytes = indexed.bytes();
        if self.bytes + bytes > self.limit {
            self.left_out.insert(path);
            return false;
        }
        self.bytes += bytes;
        self.left_out.remove(&path);
        self.articles.insert(path, indexed);
        true
    }

    /// Forgets the article at `path`.
    pub fn remove(&mut self, path: &Path) {
        if let Some(indexed) = self.articles.remove(path) {
            self.bytes -= indexed.bytes();
        }
        self.left_out.remove(path);
    }

    /// Reads the article at `path` again (with its translations and notes), or
    /// forgets it if it is gone or no longer an article.
    pub fn update_article(&mut self, path: &Path) {
        let mut companions = find_companions(path);
        companions.extend(self.imported.of(path));
        match is_article_path(path)
            .then(|| read_searchable_with(path, &companions))
            .and_then(Result::ok)
        {
            Some(searchable) => {
                self.insert(path.to_owned(), searchable);
            }
            None => self.remove(path),
        }
    }

    /// The articles whose texts the files at `changed` (added, changed or removed)
    /// belong to: the articles themselves, the articles they translate, the articles
    /// whose sidecars they are.
    pub fn affected_articles(&self, changed: &[PathBuf]) -> BTreeSet<PathBuf> {
        let mut affected = BTreeSet::new();
        for path in changed {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(article) = name.strip_suffix(".hamish.json") {
                affected.insert(path.with_file_name(article));
                continue;
            }
            if self.articles.contains_key(path)
                || self.left_out.contains(path)
                || is_article_path(path)
            {
                affected.insert(path.clone());
            }
            let siblings = self
                .articles
                .keys()
                .filter(|article| article.parent() == path.parent())
                .filter(|article| is_companion_of(path, article));
            affected.extend(siblings.cloned());
        }
        affected
    }

    /// Brings the index up to date after the files at `changed` changed on disk.
    pub fn refresh(&mut self, changed: &[PathBuf]) {
        for article in self.affected_articles(changed) {
            self.update_article(&article);
        }
    }

    /// Searches every article; lists at most `max_articles` of them (the best).
    pub fn search(&self, query: &Query, max_articles: usize) -> SearchResults {
        let finder = memmem::Finder::new(query.folded.as_bytes());
        let mut scored: Vec<(usize, &PathBuf, &Indexed, Vec<usize>)> = Vec::new();
        for (path, indexed) in &self.articles {
            let (score, found) = score(query, &finder, indexed);
            if score > 0 {
                scored.push((score, path, indexed, found));
            }
        }
        // Best first; the map's order (by path) breaks ties, as the sort is stable.
        scored.sort_by_key(|scored| std::cmp::Reverse(scored.0));
        let more_articles = scored.len().saturating_sub(max_articles);
        let articles = scored
            .into_iter()
            .take(max_articles)
            .map(|(score, path, indexed, found)| ArticleHits {
                path: path.clone(),
                title: indexed.title.clone(),
                hits: hits(query, indexed, &found),
                score,
            })
            .collect();
        SearchResults {
            articles,
            more_articles,
        }
    }

    /// Searches the article at `path` only.
    pub fn search_article(&self, query: &Query, path: &Path) -> Option<ArticleHits> {
        let indexed = self.articles.get(path)?;
        let finder = memmem::Finder::new(query.folded.as_bytes());
        let (score, found) = score(query, &finder, indexed);
        (score > 0).then(|| ArticleHits {
            path: path.to_owned(),
            title: indexed.title.clone(),
            hits: hits(query, indexed, &found),
            score,
        })
    }
}

/// The translation files in `folder`, by the stem of the article they belong to.
fn companions_in(folder: &Path) -> HashMap<String, Vec<Companion>> {
    let names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    companion_index(folder, names.iter().map(String::as_str))
        .into_iter()
        .map(|(stem, list)| (stem.to_owned(), list))
        .collect()
}

/// The score of `indexed` for `query`, with the entries that match, in order.
fn score(query: &Query, finder: &memmem::Finder<'_>, indexed: &Indexed) -> (usize, Vec<usize>) {
    let haystack = indexed.folded.as_str();
    let mut score = 0;
    let mut found: Vec<usize> = Vec::new();
    for start in finder.find_iter(haystack.as_bytes()) {
        // memmem works on bytes: a match of whole UTF-8 characters starts at a
        // character boundary, anything else is not a match.
        if !haystack.is_char_boundary(start) || !query.starts_a_word(haystack, start) {
            continue;
        }
        let end = start + query.folded.len();
        score += if ends_a_word(haystack, end) { 2 } else { 1 };
        let entry = indexed.starts.partition_point(|&entry| entry <= start) - 1;
        if found.last() != Some(&entry) {
            found.push(entry);
        }
    }
    (score, found)
}

/// The hits of the entries `found` in `indexed`, with their matches in the original.
fn hits(query: &Query, indexed: &Indexed, found: &[usize]) -> Vec<Hit> {
    found
        .iter()
        .filter_map(|&index| {
            let entry = indexed.entries.get(index)?;
            let ranges: Vec<_> = query
                .find(&entry.text)
                .into_iter()
                .map(|found| found.range)
                .collect();
            (!ranges.is_empty()).then(|| Hit {
                section: entry.section,
                kind: entry.kind,
                language: entry.language.clone(),
                text: entry.text.clone(),
                ranges,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::matcher::SearchOptions;
    use super::*;

    fn article(sections: &[&str]) -> Searchable {
        Searchable {
            title: sections.first().copied().unwrap_or_default().to_owned(),
            entries: sections
                .iter()
                .enumerate()
                .map(|(section, text)| Entry {
                    section,
                    kind: Kind::Article,
                    language: None,
                    text: (*text).to_owned(),
                })
                .collect(),
        }
    }

    fn query(text: &str) -> Query {
        Query::new(text, SearchOptions::default()).expect("a query")
    }

    fn paths(results: &SearchResults) -> Vec<&str> {
        results
            .articles
            .iter()
            .map(|article| article.path.to_str().expect("UTF-8"))
            .collect()
    }

    #[test]
    fn whole_words_rank_above_word_starts_and_more_above_fewer() {
        let mut index = SearchIndex::default();
        index.insert("a.txt".into(), article(&["طلب علماء", "علماء"]));
        index.insert("b.txt".into(), article(&["العلم نور", "عِلْمٌ نافع"]));
        index.insert("c.txt".into(), article(&["علم", "علم وعلم"]));
        index.insert("d.txt".into(), article(&["عالم ومعلم"]));
        let results = index.search(&query("علم"), 10);
        assert_eq!(paths(&results), ["c.txt", "a.txt", "b.txt"]);
        assert_eq!(
            results.articles.iter().map(|a| a.score).collect::<Vec<_>>(),
            [4, 2, 2],
            "c: two whole words; a: two word starts; b: one whole word (the other is after al-)"
        );
        let c = &results.articles[0];
        assert_eq!(
            c.hits.iter().map(|hit| hit.section).collect::<Vec<_>>(),
            [0, 1],
            "in reading order"
        );
        assert_eq!(c.hits[1].ranges.len(), 1, "وعلم needs prefixes");
        let limited = index.search(&query("علم"), 1);
        assert_eq!((limited.articles.len(), limited.more_articles), (1, 2));
    }

    #[test]
    fn articles_are_added_changed_and_removed() {
        let folder = tempfile::tempdir().expect("folder");
        let first = folder.path().join("001.txt");
        std::fs::write(&first, "مقالة أولى\nفي العلم والمعرفة\n").expect("write");
        let mut index = SearchIndex::build(folder.path()).expect("index");
        assert_eq!(index.len(), 1);
        assert!(index.search(&query("المعرفه"), 10).articles.is_empty());
        let with_prefixes = Query::new("معرفة", SearchOptions { prefixes: true }).expect("query");
        assert_eq!(paths(&index.search(&with_prefixes, 10)).len(), 1);

        // Added.
        let second = folder.path().join("002.txt");
        std::fs::write(&second, "مقالة ثانية\nعن الكتاب\n").expect("write");
        index.refresh(std::slice::from_ref(&second));
        assert_eq!(index.len(), 2);
        assert_eq!(index.search(&query("الكتاب"), 10).articles.len(), 1);

        // Changed.
        std::fs::write(&second, "مقالة ثانية\nعن القلم\n").expect("write");
        index.refresh(std::slice::from_ref(&second));
        assert!(index.search(&query("الكتاب"), 10).articles.is_empty());
        assert_eq!(index.search(&query("القلم"), 10).articles.len(), 1);

        // A translation beside it.
        let translation = folder.path().join("002.en.txt");
        std::fs::write(&translation, "Second article\nAbout the Pen\n").expect("write");
        index.refresh(std::slice::from_ref(&translation));
        let found = index.search(&query("pen"), 10);
        assert_eq!(paths(&found).len(), 1);
        let hit = &found.articles[0].hits[0];
        assert_eq!((hit.section, hit.kind), (1, Kind::Translation));
        assert_eq!(&hit.text[hit.ranges[0].clone()], "Pen");
        assert_eq!(hit.language.as_deref(), Some("en"));

        // Removed.
        std::fs::remove_file(&second).expect("remove");
        index.refresh(std::slice::from_ref(&second));
        assert_eq!(index.len(), 1);
        assert!(index.search(&query("القلم"), 10).articles.is_empty());
        assert!(!index.contains(&second));
    }

    #[test]
    fn a_folder_is_built_with_the_translations_beside_its_articles() {
        let folder = tempfile::tempdir().expect("folder");
        let sub = folder.path().join("قسم");
        std::fs::create_dir(&sub).expect("folder");
        for dir in [folder.path(), sub.as_path()] {
            std::fs::write(dir.join("001.txt"), "عنوان\nفقرة\n").expect("write");
            std::fs::write(dir.join("001.en.txt"), "Title\nA paragraph\n").expect("write");
            std::fs::write(dir.join("002.txt"), "عنوان آخر\n").expect("write");
        }
        let index = SearchIndex::build(folder.path()).expect("index");
        assert_eq!(index.len(), 4, "the translations are not articles");
        let found = index.search(&query("paragraph"), 10);
        assert_eq!(found.articles.len(), 2);
        for article in &found.articles {
            assert!(article.path.ends_with("001.txt"));
            assert_eq!(article.hits[0].kind, Kind::Translation);
            assert_eq!(article.hits[0].section, 1);
        }
    }

    #[test]
    fn notes_and_tags_are_searched_in_their_section() {
        use crate::model::{Anchor, Note, NoteId};
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("001.txt");
        std::fs::write(&path, "عنوان\nفقرة أولى\nفقرة ثانية\n").expect("write");
        let mut index = SearchIndex::build(folder.path()).expect("index");
        let article = crate::import::read_article(&path).expect("article");
        let section = &article.sections[2];
        let mut note = Note::new(Anchor::section(section.id, &section.text), 1);
        note.text = "ملاحظة عن المعنى".to_owned();
        note.tags = vec!["لغة".to_owned()];
        let notes = [(NoteId::new(1, 1), note)].into_iter().collect();
        let sidecar = crate::store::sidecar_path(&path);
        std::fs::write(
            &sidecar,
            crate::store::encode("001.txt", &notes).expect("encode"),
        )
        .expect("write");
        index.refresh(std::slice::from_ref(&sidecar));
        for text in ["المعني", "لغه"] {
            let found = index.search(&query(text), 10);
            let hit = &found.articles[0].hits[0];
            assert_eq!((hit.section, hit.kind), (2, Kind::Note), "{text}");
        }
    }

    #[test]
    fn the_index_stays_within_its_limit() {
        let mut index = SearchIndex::with_limit(4_000);
        let long = "كلمة ".repeat(100);
        assert!(index.insert("a.txt".into(), article(&[&long])));
        assert!(!index.insert("b.txt".into(), article(&[&long, &long])));
        assert!(index.bytes() <= index.limit());
        assert_eq!((index.len(), index.left_out()), (1, 1));
        index.remove(Path::new("a.txt"));
        assert_eq!(index.bytes(), 0);
    }
}
