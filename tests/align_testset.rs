//! The alignment test set (`tests/fixtures/align/`, made by `make_cases.py` from the
//! project's sentence-tagged English translations of samples 002 and 003): each case
//! is read as the reader's file would be (aligned text, Markdown, TMX), aligned with
//! the article, and scored against the tags: link precision, recall and F1 (a link
//! is an article section with a translation sentence), and the share of sentences
//! placed in their own section. The baseline, Gale–Church from nltk
//! (`baseline.py`), is scored the same way on the same sentences, and ours must beat
//! it on every case (or equal it where nltk is already perfect: a perfect score
//! cannot be beaten). `cargo test --test align_testset -- --nocapture` prints the
//! table.
//!
//! Without python3 and nltk the baseline is skipped with a message, except under
//! `CI=true`, where its absence fails the test.

use std::collections::{BTreeSet, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use hamish::align::{Alignment, Evidence, align};
use hamish::app::align_dictionary::LexiconDictionary;
use hamish::gloss::{Analyzer, default_folder};
use hamish::import::read_article;
use hamish::import::translation::{format_of, read_translation};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align")
}

/// One case: the article's sections, the translation's lines, the gold tags.
struct Case {
    name: String,
    sections: Vec<String>,
    lines: Vec<String>,
    /// Each translation sentence's text and section (`None` for an addition).
    gold: Vec<(String, Option<usize>)>,
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut articles: Vec<PathBuf> = std::fs::read_dir(fixtures().join("cases"))
        .expect("cases")
        .map(|entry| entry.expect("entry").path())
        .collect();
    articles.sort();
    for folder in articles {
        let sample = folder
            .file_name()
            .expect("name")
            .to_str()
            .expect("utf-8")
            .to_owned();
        let article_path = std::fs::read_dir(&samples)
            .expect("samples")
            .map(|entry| entry.expect("entry").path())
            .find(|path| {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.starts_with(&format!("{sample}_")) && name.matches('.').count() == 1
            })
            .expect("the sample");
        let article = read_article(&article_path).expect("article");
        let sections: Vec<String> = article.sections.iter().map(|s| s.text.clone()).collect();
        let mut kinds: Vec<PathBuf> = std::fs::read_dir(&folder)
            .expect("case folders")
            .map(|entry| entry.expect("entry").path())
            .collect();
        kinds.sort();
        for case in kinds {
            let file = std::fs::read_dir(&case)
                .expect("case")
                .map(|entry| entry.expect("entry").path())
                .find(|path| path.file_name().is_some_and(|n| n != "gold.tsv"))
                .expect("a translation file");
            let imported = read_translation(&file, format_of(&file).expect("format"), Some("en"))
                .expect("translation reads");
            let lines = imported.files[0]
                .segments
                .iter()
                .map(|segment| segment.target.clone())
                .collect();
            let gold = std::fs::read_to_string(case.join("gold.tsv"))
                .expect("gold")
                .lines()
                .map(|line| {
                    let (section, text) = line.split_once('\t').expect("tagged");
                    let section: i64 = section.parse().expect("a section");
                    (text.to_owned(), usize::try_from(section).ok())
                })
                .collect();
            cases.push(Case {
                name: format!(
                    "{sample}/{}",
                    case.file_name().expect("n").to_string_lossy()
                ),
                sections: sections.clone(),
                lines,
                gold,
            });
        }
    }
    cases
}

/// The scores of one alignment of one case.
#[derive(Clone, Copy, Debug, Default)]
struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
    own_section: f64,
    /// Counts, for the totals: right links, predicted links, gold links, placed
    /// right, sentences with a section.
    counts: [usize; 5],
}

impl Scores {
    fn of(counts: [usize; 5]) -> Self {
        let [right, predicted, gold, placed, tagged] = counts;
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(right, predicted), ratio(right, gold));
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Self {
            precision,
            recall,
            f1,
            own_section: ratio(placed, tagged),
            counts,
        }
    }
}

/// Scores sentence-index `links` (article sentence, translation sentence) of `case`,
/// whose sentences are `alignment`'s.
fn score(case: &Case, alignment: &Alignment, links: &[(usize, usize)]) -> Scores {
    // Each translation sentence of the aligner's cut, matched to a gold sentence by
    // its text (in order).
    let mut gold_of = Vec::new();
    let mut next = 0;
    for sentence in &alignment.translation {
        let text = &case.lines[sentence.block][sentence.range.clone()];
        let found = case.gold[next..].iter().position(|(gold, _)| gold == text);
        gold_of.push(found.map(|offset| {
            next += offset + 1;
            next - 1
        }));
    }
    let predicted: BTreeSet<(usize, usize)> = links
        .iter()
        .filter_map(|&(a, t)| Some((alignment.article[a].block, gold_of[t]?)))
        .collect();
    let gold: BTreeSet<(usize, usize)> = case
        .gold
        .iter()
        .enumerate()
        .filter_map(|(index, (_, section))| Some(((*section)?, index)))
        .collect();
    let right = predicted.intersection(&gold).count();
    // Placed: the first section a translation sentence is linked to.
    let mut placed: HashMap<usize, usize> = HashMap::new();
    for &(a, t) in links {
        if let Some(g) = gold_of[t] {
            placed.entry(g).or_insert(alignment.article[a].block);
        }
    }
    let placed_right = gold
        .iter()
        .filter(|(section, index)| placed.get(index) == Some(section))
        .count();
    Scores::of([right, predicted.len(), gold.len(), placed_right, gold.len()])
}

/// The sentence links of an alignment.
fn links_of(alignment: &Alignment) -> Vec<(usize, usize)> {
    alignment
        .links
        .iter()
        .filter(|link| link.is_two_sided())
        .flat_map(|link| {
            link.article
                .clone()
                .flat_map(move |a| link.translation.clone().map(move |t| (a, t)))
        })
        .collect()
}

/// nltk's Gale–Church links for each alignment, or why there are none.
fn baseline(cases: &[Case], alignments: &[Alignment]) -> Result<Vec<Vec<(usize, usize)>>, String> {
    let lengths = |case_blocks: &[String], sentences: &[hamish::align::Sentence]| -> Vec<usize> {
        sentences
            .iter()
            .map(|s| case_blocks[s.block][s.range.clone()].chars().count())
            .collect()
    };
    let input: Vec<serde_json::Value> = cases
        .iter()
        .zip(alignments)
        .map(|(case, alignment)| {
            serde_json::json!({
                "article": lengths(&case.sections, &alignment.article),
                "translation": lengths(&case.lines, &alignment.translation),
            })
        })
        .collect();
    let mut child = Command::new("python3")
        .arg(fixtures().join("baseline.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("python3 cannot be run ({error})"))?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(serde_json::to_string(&input).expect("json").as_bytes())
        .expect("written");
    let output = child.wait_with_output().expect("baseline ran");
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    serde_json::from_slice(&output.stdout).map_err(|error| format!("baseline output: {error}"))
}

#[test]
fn the_aligner_beats_gale_church_on_every_case_of_the_test_set() {
    let analyzer = Analyzer::load(&default_folder()).expect("the gloss lexicon");
    let dictionary = LexiconDictionary {
        analyzer: Some(&analyzer),
        glossary: None,
    };
    let cases = cases();
    assert_eq!(cases.len(), 12, "six cases of two samples");
    let run = |case: &Case, evidence: Evidence<'_>| {
        let sections: Vec<&str> = case.sections.iter().map(String::as_str).collect();
        let lines: Vec<&str> = case.lines.iter().map(String::as_str).collect();
        align(&sections, &lines, evidence).expect("aligns")
    };
    let alignments: Vec<Alignment> = cases
        .iter()
        .map(|case| {
            let evidence = Evidence {
                dictionary: Some(&dictionary),
                machine: None,
            };
            run(case, evidence)
        })
        .collect();
    // Without the dictionary, for the record (what lengths and anchors do alone).
    let mut total_alone = [0; 5];
    let alone: Vec<Scores> = cases
        .iter()
        .map(|case| {
            let alignment = run(case, Evidence::default());
            let scores = score(case, &alignment, &links_of(&alignment));
            for (sum, count) in total_alone.iter_mut().zip(scores.counts) {
                *sum += count;
            }
            scores
        })
        .collect();
    let baseline = match baseline(&cases, &alignments) {
        Ok(links) => Some(links),
        Err(why) if std::env::var("CI").is_ok_and(|ci| ci == "true") => {
            panic!("the baseline must run in CI: {why}")
        }
        Err(why) => {
            eprintln!("baseline skipped: {why}");
            None
        }
    };
    let mut total = [0; 5];
    let mut total_baseline = [0; 5];
    println!(
        "{:<20} {:>6} {:>6} {:>6} {:>7} | no dictionary {:>6} | nltk {:>6} {:>6} {:>6} {:>7}",
        "case", "P", "R", "F1", "own %", "F1", "P", "R", "F1", "own %"
    );
    let mut worse = Vec::new();
    for (index, (case, alignment)) in cases.iter().zip(&alignments).enumerate() {
        // Every sentence of the gold is one of the aligner's (the cut is right).
        let ours = score(case, alignment, &links_of(alignment));
        for (sum, count) in total.iter_mut().zip(ours.counts) {
            *sum += count;
        }
        let theirs = baseline
            .as_ref()
            .map(|links| score(case, alignment, &links[index]));
        if let Some(theirs) = theirs {
            for (sum, count) in total_baseline.iter_mut().zip(theirs.counts) {
                *sum += count;
            }
            if ours.f1 <= theirs.f1 && theirs.f1 < 1.0 || ours.f1 < theirs.f1 {
                worse.push(case.name.clone());
            }
        }
        let theirs = theirs.unwrap_or_default();
        println!(
            "{:<20} {:>6.3} {:>6.3} {:>6.3} {:>6.1}% | no dictionary {:>6.3} | nltk {:>6.3} {:>6.3} {:>6.3} {:>6.1}%",
            case.name,
            ours.precision,
            ours.recall,
            ours.f1,
            100.0 * ours.own_section,
            alone[index].f1,
            theirs.precision,
            theirs.recall,
            theirs.f1,
            100.0 * theirs.own_section
        );
    }
    let overall = Scores::of(total);
    let overall_baseline = Scores::of(total_baseline);
    println!(
        "{:<20} {:>6.3} {:>6.3} {:>6.3} {:>6.1}% | no dictionary {:>6.3} | nltk {:>6.3} {:>6.3} {:>6.3} {:>6.1}%",
        "overall",
        overall.precision,
        overall.recall,
        overall.f1,
        100.0 * overall.own_section,
        Scores::of(total_alone).f1,
        overall_baseline.precision,
        overall_baseline.recall,
        overall_baseline.f1,
        100.0 * overall_baseline.own_section
    );
    assert!(overall.f1 >= 0.95, "overall F1 {:.3}", overall.f1);
    assert!(
        overall.own_section >= 0.97,
        "{:.1}% in their own section",
        100.0 * overall.own_section
    );
    assert!(worse.is_empty(), "no better than nltk on {worse:?}");
}

#[test]
fn the_aligners_sentences_are_the_translators() {
    // The scores above match sentences by text: a cut that differs from the tags
    // would lower them silently, so it is checked on its own.
    for case in cases() {
        let lines: Vec<&str> = case.lines.iter().map(String::as_str).collect();
        let cut: Vec<&str> = hamish::align::split(&lines)
            .iter()
            .map(|s| &lines[s.block][s.range.clone()])
            .collect();
        let gold: Vec<&str> = case.gold.iter().map(|(text, _)| text.as_str()).collect();
        assert_eq!(cut, gold, "{}", case.name);
    }
}
