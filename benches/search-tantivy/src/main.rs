//! tantivy on the search benchmark's 10,000 articles (see `../search_corpus/`), with
//! a tokenizer that folds as Hamish does and the same matching semantics: a word
//! matches at the start of a term (a regex `word.*` over the term dictionary), a
//! phrase's last word likewise (a phrase-prefix query), and with Arabic prefixes, a
//! regex allowing the clitics before the word. Each query then does what the app's
//! results need: every matching text grouped by article, the articles ranked by
//! their number of matching texts, and the best 200 articles' texts read back and
//! their matches found for highlighting.
//!
//! Prints the index's build time and size and each query's median time.

#[path = "../../search_corpus/mod.rs"]
mod search_corpus;

mod model;
mod search;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use model::fold::fold_str;
use search::matcher::{Query as HamishQuery, SearchOptions};
use tantivy::collector::DocSetCollector;
use tantivy::query::{PhrasePrefixQuery, Query, RegexQuery};
use tantivy::schema::{
    FAST, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value as _,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexWriter, TantivyDocument, Term, doc};

/// Folds text as Hamish does and cuts it into words (runs of letters and digits).
#[derive(Clone)]
struct Folding;

struct Folded {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for Folding {
    type TokenStream<'a> = Folded;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Folded {
        let folded = fold_str(text);
        let mut tokens = Vec::new();
        for (position, word) in folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .enumerate()
        {
            tokens.push(Token {
                offset_from: 0,
                offset_to: 0,
                position,
                text: word.to_owned(),
                position_length: 1,
            });
        }
        Folded { tokens, next: 0 }
    }
}

impl TokenStream for Folded {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn escape(word: &str) -> String {
    word.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~\"<>@".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

fn main() -> tantivy::Result<()> {
    let vocabulary = search_corpus::vocabulary();
    let articles = search_corpus::articles(&vocabulary);

    let mut schema = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("folded")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = schema.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(indexing)
            .set_stored(),
    );
    let article = schema.add_u64_field("article", FAST | STORED);
    let section = schema.add_u64_field("section", STORED);
    let index = Index::create_in_ram(schema.build());
    index.tokenizers().register("folded", Folding);

    let started = Instant::now();
    let mut writer: IndexWriter = index.writer(400_000_000)?;
    for (number, (_, searchable)) in articles.iter().enumerate() {
        for entry in &searchable.entries {
            writer.add_document(doc!(
                text => entry.text.as_str(),
                article => number as u64,
                section => entry.section as u64,
            ))?;
        }
    }
    writer.commit()?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let size = searcher.space_usage()?.total();
    println!(
        "tantivy: {} texts of {} articles indexed in {:?}, index {} MB",
        searcher.num_docs(),
        articles.len(),
        started.elapsed(),
        size.get_bytes() / (1024 * 1024)
    );

    let common = search_corpus::common(&vocabulary);
    let phrase = articles[42].1.entries[2]
        .text
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let queries = [
        ("common", common.clone(), false),
        ("rare", search_corpus::RARE.to_owned(), false),
        ("phrase", phrase, false),
        ("prefixes", common, true),
    ];
    for (name, typed, prefixes) in queries {
        let hamish_query = HamishQuery::new(&typed, SearchOptions { prefixes }).expect("a query");
        let words: Vec<String> = hamish_query.folded.split(' ').map(str::to_owned).collect();
        let query: Box<dyn Query> = if words.len() > 1 {
            Box::new(PhrasePrefixQuery::new(
                words
                    .iter()
                    .map(|word| Term::from_field_text(text, word))
                    .collect(),
            ))
        } else if prefixes {
            Box::new(RegexQuery::from_pattern(
                &format!("(و|ف)?(ب|ك|لل|ل)?(ال)?{}.*", escape(&words[0])),
                text,
            )?)
        } else {
            Box::new(RegexQuery::from_pattern(
                &format!("{}.*", escape(&words[0])),
                text,
            )?)
        };
        let mut times = Vec::new();
        let mut summary = (0, 0);
        for _ in 0..20 {
            let started = Instant::now();
            let found = searcher.search(query.as_ref(), &DocSetCollector)?;
            let mut by_article: HashMap<u64, Vec<tantivy::DocAddress>> = HashMap::new();
            let mut columns = HashMap::new();
            for address in found {
                if !columns.contains_key(&address.segment_ord) {
                    let column = searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields()
                        .u64("article")?;
                    columns.insert(address.segment_ord, column);
                }
                if let Some(number) = columns[&address.segment_ord].first(address.doc_id) {
                    by_article.entry(number).or_default().push(address);
                }
            }
            let mut ranked: Vec<(u64, Vec<tantivy::DocAddress>)> = by_article.into_iter().collect();
            ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
            let mut matches = 0;
            for (_, addresses) in ranked.iter().take(200) {
                for address in addresses {
                    let stored: TantivyDocument = searcher.doc(*address)?;
                    let shown = stored
                        .get_first(text)
                        .and_then(|value| value.as_str())
                        .unwrap_or_default();
                    matches += hamish_query.find(shown).len();
                }
            }
            times.push(started.elapsed());
            summary = (ranked.len(), matches);
        }
        times.sort();
        let median: Duration = times[times.len() / 2];
        println!(
            "tantivy query {name}: median {median:?} ({} articles, {} matches listed)",
            summary.0, summary.1
        );
    }
    Ok(())
}
