//! Search in the app: the window's state, the folder's index on a thread of its own,
//! the matches in the open article (highlighted in its text and its translation), and
//! going from match to match.
//!
//! The folder's [`SearchIndex`] lives on the `search-index` thread: it is built there
//! the first time the reader searches the folder, kept current from the folder
//! watcher's changes (an article, its translation files, its sidecar), and searched
//! there, so neither reading files nor a query ever holds up a frame. Every request
//! gets exactly one reply, so the app (and the tests) know when it has caught up.
//!
//! The open article is searched in the frame, from what is in memory: its sections,
//! the translation column shown and its notes, so that what is highlighted is what is
//! on screen, edits included. Its matches are found again only when the query or the
//! article's texts change.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash as _, Hasher as _};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::model::Article;
use crate::model::Notes;
use crate::model::translation::TranslationColumn;
use crate::search::{ArticleHits, Kind, Query, SearchIndex, SearchOptions, SearchResults};
use crate::text::{EditCommand, TextEditor, TextEngine, TextStyle};
use crate::ui::search_panel::{SearchCommand, SearchScope};

mod index_thread;

use index_thread::{IndexThread, Reply, Request};

/// One match the reader can go to: a text of an article with matches in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stop {
    /// The article.
    pub path: PathBuf,
    /// The section, from 0.
    pub section: usize,
    /// Where in the section.
    pub kind: Kind,
}

/// The matches in the open article, by section.
#[derive(Debug, Default)]
struct OpenArticleMatches {
    /// What they were found for: the query, the article and its texts.
    key: u64,
    hits: Option<ArticleHits>,
}

/// The search's state.
pub struct Search {
    /// Whether the window is open.
    pub open: bool,
    /// Where it looks.
    pub scope: SearchScope,
    /// The query field.
    pub editor: TextEditor,
    /// How the query is matched.
    pub options: SearchOptions,
    /// For how many more frames the field takes the focus (two: a window's first
    /// frame only measures it).
    pub focus_frames: u8,
    /// The current match, by its number in [`Self::stops`].
    pub current: Option<usize>,
    thread: Option<IndexThread>,
    /// The folder the index thread was asked to index.
    indexed_root: Option<PathBuf>,
    /// The translation files imported for articles from elsewhere that the index was
    /// asked to search with them.
    imported: std::collections::BTreeMap<PathBuf, Vec<PathBuf>>,
    /// How many articles it holds (and left out), once built.
    index_size: Option<(usize, usize)>,
    /// The last query sent to the thread, and the results of the last answered.
    ticket: u64,
    folder_results: Option<(u64, SearchResults)>,
    article: OpenArticleMatches,
    /// Why the index thread could not start, if it could not.
    pub error: Option<String>,
    /// The section last jumped to, and for how many more frames to bring it to the
    /// top again: the view scrolls by estimated heights, and rows measured on the way
    /// can leave it a row short.
    jump: Option<(PathBuf, usize, u8)>,
    /// Whether the jump under way is to an orphan: the notes list, which lists them,
    /// opens when the article is on screen.
    list_orphans: bool,
}

impl Default for Search {
    fn default() -> Self {
        Self {
            open: false,
            scope: SearchScope::Article,
            editor: TextEditor::new("", query_style()),
            options: SearchOptions::default(),
            focus_frames: 0,
            current: None,
            thread: None,
            indexed_root: None,
            imported: std::collections::BTreeMap::new(),
            index_size: None,
            ticket: 0,
            folder_results: None,
            article: OpenArticleMatches::default(),
            error: None,
            jump: None,
            list_orphans: false,
        }
    }
}

/// The longest selection (in characters) that opening the search window puts in its
/// field: a phrase, not a paragraph.
const MAX_SELECTED_QUERY: usize = 120;

/// How the query is set in its field.
fn query_style() -> TextStyle {
    TextStyle {
        size_pt: 16.0,
        ..crate::ui::theme::NOTE
    }
}

impl Search {
    /// The query as typed, if it has something to look for.
    pub fn query(&self) -> Option<Query> {
        Query::new(self.editor.text().trim(), self.options)
    }

    /// Opens the window to search in `scope`, the field taking the focus.
    pub fn open(&mut self, ctx: &egui::Context, scope: SearchScope, root: Option<&Path>) {
        self.open = true;
        self.focus_frames = 2;
        self.set_scope(ctx, scope, root);
    }

    /// Searches in `scope` from now on.
    pub fn set_scope(&mut self, ctx: &egui::Context, scope: SearchScope, root: Option<&Path>) {
        if self.scope != scope {
            self.current = None;
        }
        self.scope = scope;
        if scope == SearchScope::Folder {
            self.follow_folder(ctx, root);
            self.query_changed();
        }
    }

    /// Puts `text` in the field in place of the query, selected (so typing replaces
    /// it; Ctrl+Z brings the query back), and searches for it.
    pub fn replace_query(&mut self, ctx: &egui::Context, text: String) {
        let engine = TextEngine::shared(ctx);
        let mut engine = TextEngine::lock(&engine);
        self.editor.apply(&mut engine, EditCommand::SelectAll);
        self.editor.apply(&mut engine, EditCommand::Insert(text));
        self.editor.apply(&mut engine, EditCommand::SelectAll);
        drop(engine);
        self.query_changed();
    }

    /// Closes the window; the highlights go with it.
    pub fn close(&mut self) {
        self.open = false;
        self.current = None;
    }

    /// The query or its options changed: the folder is searched again.
    pub fn query_changed(&mut self) {
        self.current = None;
        if self.scope != SearchScope::Folder {
            return;
        }
        let Some(query) = self.query() else {
            self.folder_results = None;
            return;
        };
        if let Some(thread) = &mut self.thread {
            self.ticket += 1;
            thread.send(Request::Search(self.ticket, query));
        }
    }

    /// Searches the translation files in `imported` (article → files imported for it
    /// from elsewhere) with their articles: the folder is indexed again when they
    /// changed.
    pub fn follow_imports(&mut self, imported: &std::collections::BTreeMap<PathBuf, Vec<PathBuf>>) {
        if &self.imported != imported {
            self.imported = imported.clone();
            self.indexed_root = None;
        }
    }

    /// Makes sure the index is of the folder at `root` (once the reader has searched
    /// the folder: until then no index is built).
    pub fn follow_folder(&mut self, ctx: &egui::Context, root: Option<&Path>) {
        let Some(root) = root else { return };
        if self.indexed_root.as_deref() == Some(root) {
            return;
        }
        if self.thread.is_none() {
            match IndexThread::spawn(ctx) {
                Ok(thread) => self.thread = Some(thread),
                Err(error) => {
                    self.error = Some(format!("The folder cannot be searched: {error}."));
                    return;
                }
            }
        }
        let query = self.query();
        if let Some(thread) = &mut self.thread {
            let imported = crate::search::ImportedTranslations::new(&self.imported);
            thread.send(Request::Build(root.to_owned(), imported));
            self.indexed_root = Some(root.to_owned());
            self.index_size = None;
            self.folder_results = None;
            // The query, if any, is run again once the index is built.
            if let Some(query) = query {
                self.ticket += 1;
                thread.send(Request::Search(self.ticket, query));
            }
        }
    }

    /// Files under the indexed folder changed on disk.
    pub fn folder_changed(&mut self, paths: &[PathBuf], rescan: bool) {
        let Some(thread) = &mut self.thread else {
            return;
        };
        thread.send(Request::Changed {
            paths: paths.to_vec(),
            rescan,
        });
        // What was found may have changed: ask again after the index caught up.
        if self.scope == SearchScope::Folder
            && let Some(query) = Query::new(self.editor.text().trim(), self.options)
        {
            self.ticket += 1;
            thread.send(Request::Search(self.ticket, query));
        }
    }

    /// Takes the index thread's replies.
    pub fn poll(&mut self) {
        let mut replies = Vec::new();
        if let Some(thread) = &mut self.thread {
            while let Ok(reply) = thread.replies.try_recv() {
                thread.pending = thread.pending.saturating_sub(1);
                replies.push(reply);
            }
        }
        for reply in replies {
            self.take(reply);
        }
    }

    fn take(&mut self, reply: Reply) {
        match reply {
            Reply::Indexed { articles, left_out } => self.index_size = Some((articles, left_out)),
            Reply::Results(ticket, results) => {
                if self
                    .folder_results
                    .as_ref()
                    .is_none_or(|(t, _)| *t < ticket)
                {
                    self.folder_results = Some((ticket, results));
                }
            }
        }
    }

    /// Waits until the index thread has answered every request, or `timeout` has
    /// passed; true if it has. For tests: the app never waits.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let Some(thread) = &mut self.thread else {
                return true;
            };
            if thread.pending == 0 {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match thread.replies.recv_timeout(left) {
                Ok(reply) => {
                    thread.pending -= 1;
                    self.take(reply);
                }
                Err(_) => return false,
            }
        }
    }

    /// Whether work on the index is under way.
    pub fn is_busy(&self) -> bool {
        self.thread
            .as_ref()
            .is_some_and(|thread| thread.pending > 0)
    }

    /// Finds the query in the open article (at `path`, with its translation `column`
    /// and `notes`) unless it was found there already.
    pub fn update_open_article(
        &mut self,
        path: Option<&Path>,
        article: Option<&Article>,
        column: Option<&TranslationColumn>,
        notes: Option<&Notes>,
    ) {
        let query = self.open.then(|| self.query()).flatten();
        let (Some(query), Some(path), Some(article)) = (query, path, article) else {
            self.article = OpenArticleMatches::default();
            return;
        };
        let mut hasher = DefaultHasher::new();
        (&query.folded, query.options.prefixes, path).hash(&mut hasher);
        article.sections.len().hash(&mut hasher);
        for section in &article.sections {
            section.id.hash(&mut hasher);
        }
        if let Some(column) = column {
            column.language.hash(&mut hasher);
            for row in &column.rows {
                row.cell.as_ref().map(|cell| &cell.text).hash(&mut hasher);
            }
        }
        if let Some(notes) = notes {
            for (id, note) in notes {
                (id, &note.text, &note.tags, note.deleted).hash(&mut hasher);
            }
        }
        let key = hasher.finish();
        if self.article.hits.is_some() && self.article.key == key {
            return;
        }
        let columns: Vec<&TranslationColumn> = column.into_iter().collect();
        let empty = Notes::default();
        let searchable = crate::search::with_columns(article, &columns, notes.unwrap_or(&empty));
        let mut index = SearchIndex::default();
        index.insert(path.to_owned(), searchable);
        self.article = OpenArticleMatches {
            key,
            hits: index.search_article(&query, path),
        };
        if self.article.hits.is_none() {
            // Keep the key so that nothing is searched again until something changes.
            self.article.hits = Some(ArticleHits {
                path: path.to_owned(),
                title: String::new(),
                hits: Vec::new(),
                score: 0,
            });
        }
    }

    /// The results listed in the window.
    pub fn results(&self) -> &[ArticleHits] {
        listed(self.scope, &self.article, self.folder_results.as_ref())
    }

    /// Every match listed, in order: what F3 goes through.
    pub fn stops(&self) -> Vec<Stop> {
        self.results()
            .iter()
            .flat_map(|article| {
                article.hits.iter().map(|hit| Stop {
                    path: article.path.clone(),
                    section: hit.section,
                    kind: hit.kind,
                })
            })
            .collect()
    }

    /// The stop `step` away from the current one (the first or last when there is
    /// none), going round; it becomes the current one.
    pub fn step(&mut self, forward: bool) -> Option<Stop> {
        let stops = self.stops();
        if stops.is_empty() {
            return None;
        }
        let last = stops.len() - 1;
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => last,
            (Some(current), true) => (current + 1) % stops.len(),
            (Some(current), false) => current.checked_sub(1).unwrap_or(last),
        };
        self.current = Some(next);
        stops.get(next).cloned()
    }

    /// Stop `number`, which becomes the current one.
    pub fn go_to(&mut self, number: usize) -> Option<Stop> {
        let stop = self.stops().into_iter().nth(number)?;
        self.current = Some(number);
        Some(stop)
    }

    /// The matches in section `section` of the open article's text (`kind`
    /// [`Kind::Article`]) or of its translation ([`Kind::Translation`]), with their
    /// fills: deeper for the current match.
    pub fn highlights(&self, section: usize, kind: Kind) -> Vec<(Range<usize>, egui::Color32)> {
        let Some(hits) = self.article.hits.as_ref().filter(|_| self.open) else {
            return Vec::new();
        };
        let current = self.current_stop();
        let is_current = current.as_ref().is_some_and(|stop| {
            stop.path == hits.path && stop.section == section && stop.kind == kind
        });
        hits.hits
            .iter()
            .filter(|hit| hit.section == section && hit.kind == kind)
            .flat_map(|hit| hit.ranges.iter().cloned())
            .map(|range| (range, crate::ui::theme::search_match_fill(is_current)))
            .collect()
    }

    /// Every match in the open article: section, where, and the bytes matched.
    pub fn matches_in_open_article(&self) -> Vec<(usize, Kind, Range<usize>)> {
        let Some(hits) = self.article.hits.as_ref().filter(|_| self.open) else {
            return Vec::new();
        };
        hits.hits
            .iter()
            .flat_map(|hit| {
                hit.ranges
                    .iter()
                    .map(move |range| (hit.section, hit.kind, range.clone()))
            })
            .collect()
    }

    fn current_stop(&self) -> Option<Stop> {
        let number = self.current?;
        self.results()
            .iter()
            .flat_map(|article| article.hits.iter().map(move |hit| (article, hit)))
            .nth(number)
            .map(|(article, hit)| Stop {
                path: article.path.clone(),
                section: hit.section,
                kind: hit.kind,
            })
    }

    /// The window's status line.
    pub fn status(&self) -> String {
        if let Some(error) = &self.error {
            return error.clone();
        }
        if self.query().is_none() {
            return match self.scope {
                SearchScope::Article => "Type to search this article".to_owned(),
                SearchScope::Folder => "Type to search every article of the folder".to_owned(),
            };
        }
        let results = self.results();
        let matches: usize = results
            .iter()
            .flat_map(|article| &article.hits)
            .map(|hit| hit.ranges.len())
            .sum();
        let words = |count: usize, one: &str, many: &str| {
            if count == 1 {
                format!("1 {one}")
            } else {
                format!("{count} {many}")
            }
        };
        match self.scope {
            SearchScope::Article => {
                if matches == 0 {
                    "No match in this article".to_owned()
                } else {
                    words(matches, "match", "matches")
                }
            }
            SearchScope::Folder => {
                let Some((articles, left_out)) = self.index_size else {
                    return "Indexing the folder…".to_owned();
                };
                if self.folder_results.is_none() || self.is_busy() {
                    return "Searching…".to_owned();
                }
                let more = self
                    .folder_results
                    .as_ref()
                    .map_or(0, |(_, results)| results.more_articles);
                let mut status = if matches == 0 {
                    format!("No match in {}", words(articles, "article", "articles"))
                } else {
                    format!(
                        "{} in {}",
                        words(matches, "match", "matches"),
                        words(results.len() + more, "article", "articles")
                    )
                };
                if more > 0 {
                    status.push_str(&format!(", the best {} listed", results.len()));
                }
                if left_out > 0 {
                    status.push_str(&format!(
                        " ({} too many to index)",
                        words(left_out, "article", "articles")
                    ));
                }
                status
            }
        }
    }
}

impl Search {
    /// The query field and the results, for the window.
    fn panel_parts(&mut self) -> (&mut TextEditor, &[ArticleHits]) {
        let results = listed(self.scope, &self.article, self.folder_results.as_ref());
        (&mut self.editor, results)
    }

    /// Passes the folder watcher's changes on to the index.
    pub(super) fn observe(&mut self, report: &super::background::Report) {
        if let super::background::Report::FolderChanged { change, .. } = report {
            self.folder_changed(&change.paths, change.rescan);
        }
    }
}

/// The results listed for `scope`: the open article's, or the folder's.
fn listed<'a>(
    scope: SearchScope,
    article: &'a OpenArticleMatches,
    folder: Option<&'a (u64, SearchResults)>,
) -> &'a [ArticleHits] {
    match scope {
        SearchScope::Article => article
            .hits
            .as_ref()
            .filter(|hits| !hits.hits.is_empty())
            .map(std::slice::from_ref)
            .unwrap_or_default(),
        SearchScope::Folder => folder
            .map(|(_, results)| results.articles.as_slice())
            .unwrap_or_default(),
    }
}

/// The search's keys, pressed this frame: Ctrl+Shift+F before Ctrl+F, and Shift+F3
/// before F3, since a shortcut matches with Shift held too.
pub fn shortcuts(ctx: &egui::Context) -> impl Iterator<Item = SearchCommand> + use<> {
    use crate::ui::search_panel::{FIND_IN_ARTICLE, FIND_IN_FOLDER, FIND_NEXT, FIND_PREVIOUS};
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        if input.consume_shortcut(&FIND_IN_FOLDER) {
            commands.push(SearchCommand::Open(SearchScope::Folder));
        } else if input.consume_shortcut(&FIND_IN_ARTICLE) {
            commands.push(SearchCommand::Open(SearchScope::Article));
        }
        if input.consume_shortcut(&FIND_PREVIOUS) {
            commands.push(SearchCommand::Previous);
        } else if input.consume_shortcut(&FIND_NEXT) {
            commands.push(SearchCommand::Next);
        }
    });
    commands.into_iter()
}

impl super::HamishApp {
    /// After the frame's commands: the index follows the open folder, its replies are
    /// taken, and the open article is searched if the query or its texts changed.
    pub(super) fn update_search(&mut self, ctx: &egui::Context) {
        self.search.poll();
        self.search
            .follow_imports(&self.reading.imported_translations);
        if self.search.open && self.search.scope == SearchScope::Folder {
            let root = self
                .session
                .library
                .as_ref()
                .map(|library| library.root.clone());
            self.search.follow_folder(ctx, root.as_deref());
        }
        self.settle_jump(ctx);
        let open = self.session.open.as_ref();
        let article = self
            .session
            .ready_article()
            .map(|imported| &imported.article);
        let column = open
            .and_then(|open| open.translations.as_ref())
            .and_then(|translations| translations.column());
        let notes = open
            .and_then(|open| open.notes.as_ref())
            .map(|notes| notes.store.notes());
        self.search.update_open_article(
            open.map(|open| open.path.as_path()),
            article,
            column,
            notes,
        );
    }

    /// The reader's selection in the open article, when it is a phrase worth
    /// searching for: within one section, on one line, at most [`MAX_SELECTED_QUERY`]
    /// characters once trimmed.
    fn selected_phrase(&self) -> Option<String> {
        let open = self.session.open.as_ref()?;
        let (section, range) = open.view.selection_in_one_section()?;
        let text = self
            .session
            .ready_article()?
            .article
            .sections
            .get(section)?
            .text
            .get(range)?
            .trim();
        let worth = !text.is_empty()
            && !text.contains(['\n', '\r'])
            && text.chars().count() <= MAX_SELECTED_QUERY;
        worth.then(|| text.to_owned())
    }

    /// Applies a search command.
    pub(super) fn apply_search(&mut self, ctx: &egui::Context, command: SearchCommand) {
        let root = self
            .session
            .library
            .as_ref()
            .map(|library| library.root.clone());
        let stop = match command {
            SearchCommand::Open(scope) => {
                self.search.open(ctx, scope, root.as_deref());
                if let Some(selected) = self.selected_phrase() {
                    self.search.replace_query(ctx, selected);
                }
                None
            }
            SearchCommand::Close => {
                self.search.close();
                None
            }
            SearchCommand::QueryChanged => {
                self.search.query_changed();
                None
            }
            SearchCommand::SetScope(scope) => {
                self.search.set_scope(ctx, scope, root.as_deref());
                None
            }
            SearchCommand::SetPrefixes(prefixes) => {
                self.search.options.prefixes = prefixes;
                self.search.query_changed();
                None
            }
            SearchCommand::Jump(number) => self.search.go_to(number),
            SearchCommand::Enter => match self.search.current {
                Some(current) => self.search.go_to(current),
                None => self.search.step(true),
            },
            SearchCommand::Next => self.search.step(true),
            SearchCommand::Previous => self.search.step(false),
        };
        if let Some(stop) = stop {
            self.show_stop(ctx, &stop);
        }
    }

    /// Brings the section jumped to to the top again until it is there (or a few
    /// frames have passed).
    fn settle_jump(&mut self, ctx: &egui::Context) {
        let Some((path, section, frames)) = self.search.jump.take() else {
            return;
        };
        let opening = self
            .session
            .next_article
            .as_ref()
            .is_some_and(|next| next.path == path);
        let ready = self.session.ready_article().is_some();
        let Some(open) = self.session.open.as_mut().filter(|open| open.path == path) else {
            // Still opening it; a reader who went elsewhere meanwhile ends the jump.
            if opening {
                self.search.jump = Some((path, section, frames));
            }
            return;
        };
        if !ready {
            self.search.jump = Some((path, section, frames));
            return;
        }
        // An orphan note is found in the notes list, where orphans are kept.
        if self.search.list_orphans
            && let Some(notes) = &mut open.notes
        {
            notes.list_open = true;
            self.search.list_orphans = false;
        }
        // Checked again over the next frames, each drawn with the rows measured in
        // the one before.
        if frames > 0 {
            if open.view.first_visible_section() != section {
                open.view.scroll_to_section(section);
            }
            self.search.jump = Some((path, section, frames - 1));
            ctx.request_repaint();
        }
    }

    /// Brings the section of `stop` to the top, opening its article if needed.
    fn show_stop(&mut self, ctx: &egui::Context, stop: &Stop) {
        self.search.jump = Some((stop.path.clone(), stop.section, 4));
        self.search.list_orphans = stop.kind == Kind::Orphan;
        let on_screen = self.session.next_article.is_none()
            && self.session.open.as_ref().map(|open| open.path.as_path()) == Some(&stop.path);
        if on_screen {
            if let Some(open) = &mut self.session.open {
                open.view.scroll_to_section(stop.section);
            }
            return;
        }
        // The article opens where its reading position says: here.
        self.session.remember_reading_position(&mut self.reading);
        self.reading.set_place(&stop.path, stop.section, 0.0);
        self.session.open_article(
            ctx,
            &stop.path,
            false,
            &mut self.reading,
            &mut self.messages,
        );
    }

    /// The search window, when it is open.
    pub(super) fn search_window(&mut self, ctx: &egui::Context) {
        if !self.search.open {
            return;
        }
        let status = self.search.status();
        let (scope, prefixes, current) = (
            self.search.scope,
            self.search.options.prefixes,
            self.search.current,
        );
        let take_focus = self.search.focus_frames > 0;
        self.search.focus_frames = self.search.focus_frames.saturating_sub(1);
        let (editor, results) = self.search.panel_parts();
        let commands = crate::ui::search_panel::search_window(
            ctx,
            crate::ui::search_panel::SearchPanel {
                editor,
                scope,
                prefixes,
                take_focus,
                status: &status,
                results,
                current,
            },
        );
        self.commands
            .extend(commands.into_iter().map(super::Command::Search));
    }

    /// Every match of the search in the open article: the section, where (its text or
    /// its translation) and the bytes matched. Empty while the search is closed.
    pub fn search_matches_in_open_article(&self) -> Vec<(usize, Kind, Range<usize>)> {
        self.search.matches_in_open_article()
    }

    /// The search window's status line, if it is open.
    pub fn search_status(&self) -> Option<String> {
        self.search.open.then(|| self.search.status())
    }

    /// The match the reader went to last (F3, Enter or a click), if any.
    pub fn current_search_match(&self) -> Option<Stop> {
        self.search.current_stop()
    }
}
