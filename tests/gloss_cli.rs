//! `hamish gloss WORD...`: text, JSON, unknown words, a missing lexicon.

use std::process::Command;

fn hamish(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hamish"))
        .args(args)
        .output()
        .expect("hamish runs")
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn json_has_one_object_per_word_with_every_analysis_in_rank_order() {
    let output = hamish(&["gloss", "--json", "وقال", "كونفرنس", "1992"]);
    assert!(output.status.success());
    let words: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let words = words.as_array().expect("an array");
    assert_eq!(words.len(), 3);
    assert_eq!(words[0]["word"], "وقال");
    let first = &words[0]["analyses"][0];
    assert_eq!(first["vocalized"], "وَقالَ");
    assert_eq!(first["buckwalter"], "waqAla");
    assert_eq!(first["lemma"], "qAl-u_1");
    assert_eq!(first["pos"], "wa/CONJ+qAl/VERB_PERFECT+a/PVSUFF_SUBJ:3MS");
    assert_eq!(first["gloss"], "and + said + he/it");
    assert_eq!(words[1]["word"], "كونفرنس");
    assert_eq!(words[1]["analyses"], serde_json::json!([]));
    assert_eq!(words[2]["analyses"], serde_json::json!([]));
}

#[test]
fn text_shows_what_a_card_shows() {
    let output = hamish(&["gloss", "وقال", "كونفرنس", "1992"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let expected = "وقال (wqAl)\n  1. وَقالَ  waqAla  [qAl-u_1]\n     pos:   \
                    wa/CONJ+qAl/VERB_PERFECT+a/PVSUFF_SUBJ:3MS\n     gloss: and + said + he/it\n\
                    \nكونفرنس (kwnfrns)\n  unknown word: the lexicon has no analysis for it\n\
                    \n1992\n  not an Arabic word\n";
    assert_eq!(text, expected);
    let card = hamish::gloss::report::card_text(
        &hamish::gloss::Analyzer::load(&hamish::gloss::default_folder())
            .expect("lexicon")
            .analyze("وقال"),
    );
    assert!(text.starts_with(&card), "the command prints the card");
}

#[test]
fn a_missing_lexicon_is_an_error_on_stderr_with_exit_status_2() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().to_str().expect("a UTF-8 path");
    let output = hamish(&["gloss", "--lexicon", path, "وقال"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let error = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        error.contains("dictPrefixes") && error.contains(path),
        "{error}"
    );
}

#[test]
fn context_ranks_a_name_first_where_the_article_names_it() {
    let article = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples/003_2dd66c1bbdc4b7f0.txt");
    let article = article.to_str().expect("a UTF-8 path");
    let plain = stdout(&hamish(&["gloss", "بوتين"]));
    let first_reading = |text: &str| text.lines().nth(1).unwrap_or_default().to_owned();
    assert!(first_reading(&plain).contains("watiyn_1"), "{plain}");
    let output = hamish(&["gloss", "--context", article, "بوتين"]);
    assert!(output.status.success());
    let ranked = stdout(&output);
    assert!(first_reading(&ranked).contains("buwtiyn_1"), "{ranked}");
    let missing = hamish(&["gloss", "--context", "/nonexistent/article.txt", "بوتين"]);
    assert_eq!(missing.status.code(), Some(2));
}
