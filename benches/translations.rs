//! Translation files under load: a 10,000-section article with a 10,000-segment TMX
//! beside it. Opening the article must reach its first frame within 100 ms; this is
//! the translation's share of that.
//!
//! - `tmx_parse_and_align_10000`: from the TMX file's bytes to a resolved column
//!   (decode, parse, match by source text, resolve against the reader's data).
//! - `tmx_parse_10000`: decoding and parsing alone.
//! - `align_10000`: matching alone, the segments in a shuffled order.
//! - `aligned_text_10000`: an `NAME.en.txt` of 10,000 lines, read and aligned.

mod support;

use hamish::import::ArticleFormat;
use hamish::import::translation::parse_translation;
use hamish::model::Article;
use hamish::model::translation::{TranslationData, TranslationFormat, align, resolve_column};

const SECTIONS: usize = 10_000;

fn main() {
    let lines = lines();
    let article = article(&lines);
    let bytes = tmx(&lines);
    let before = support::resident_mb();
    let imported = parse_translation(
        &bytes,
        TranslationFormat::Tmx,
        ArticleFormat::PlainText,
        "big.tmx",
        None,
    )
    .expect("parses");
    let alignment = align(&article, &imported.files[0], None);
    println!(
        "resident memory: {before} MB before, {} MB after reading and aligning a {} KB TMX of {} segments ({} rows)",
        support::resident_mb(),
        bytes.len() / 1024,
        imported.files[0].segments.len(),
        alignment.rows.len()
    );
    divan::main();
}

/// The article's lines: the seeds' lines, numbered so every section is distinct.
fn lines() -> Vec<String> {
    let samples = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut seeds: Vec<String> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| hamish::import::is_article_path(path))
        .map(|path| std::fs::read_to_string(path).expect("seed"))
        .flat_map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    seeds.sort();
    (0..SECTIONS)
        .map(|i| format!("{i} {}", seeds[i % seeds.len()]))
        .collect()
}

fn article(lines: &[String]) -> Article {
    support::import_bytes(lines.join("\n").as_bytes())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// A TMX as OmegaT writes it, one unit per section, with inline codes in every tenth.
fn tmx(lines: &[String]) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx11.dtd\">\n<tmx version=\"1.4\">\n  <header creationtool=\"OmegaT\" o-tmf=\"OmegaT TMX\" adminlang=\"EN-US\" datatype=\"plaintext\" segtype=\"paragraph\" srclang=\"AR\"/>\n  <body>\n",
    );
    for (i, line) in lines.iter().enumerate() {
        let code = if i % 10 == 0 {
            "<ph x=\"1\">&lt;br/&gt;</ph>"
        } else {
            ""
        };
        out.push_str(&format!(
            "    <tu>\n      <tuv xml:lang=\"AR\">\n        <seg>{}{code}</seg>\n      </tuv>\n      <tuv xml:lang=\"EN-GB\">\n        <seg>Translation {i} of a paragraph that is about as long as English makes it, give or take.{code}</seg>\n      </tuv>\n    </tu>\n",
            escape(line)
        ));
    }
    out.push_str("  </body>\n</tmx>\n");
    out.into_bytes()
}

#[divan::bench(sample_count = 20)]
fn tmx_parse_and_align_10000(bencher: divan::Bencher<'_, '_>) {
    let lines = lines();
    let article = article(&lines);
    let bytes = tmx(&lines);
    let data = TranslationData::default();
    bencher.bench(|| {
        let imported = parse_translation(
            &bytes,
            TranslationFormat::Tmx,
            ArticleFormat::PlainText,
            "big.tmx",
            None,
        )
        .expect("parses");
        let file = &imported.files[0];
        let alignment = align(&article, file, None);
        let column = resolve_column(&article, &file.language, &data, Some((file, &alignment)));
        column.rows.len()
    });
}

#[divan::bench(sample_count = 20)]
fn tmx_parse_10000(bencher: divan::Bencher<'_, '_>) {
    let bytes = tmx(&lines());
    bencher.bench(|| {
        parse_translation(
            &bytes,
            TranslationFormat::Tmx,
            ArticleFormat::PlainText,
            "big.tmx",
            None,
        )
        .expect("parses")
        .files[0]
            .segments
            .len()
    });
}

#[divan::bench(sample_count = 20)]
fn align_10000(bencher: divan::Bencher<'_, '_>) {
    let lines = lines();
    let article = article(&lines);
    let imported = parse_translation(
        &tmx(&lines),
        TranslationFormat::Tmx,
        ArticleFormat::PlainText,
        "big.tmx",
        None,
    )
    .expect("parses");
    let mut file = imported.files[0].clone();
    fastrand::seed(7);
    fastrand::shuffle(&mut file.segments);
    bencher.bench(|| align(&article, &file, None).rows.len());
}

#[divan::bench(sample_count = 20)]
fn aligned_text_10000(bencher: divan::Bencher<'_, '_>) {
    let lines = lines();
    let article = article(&lines);
    let translation: Vec<String> = (0..SECTIONS)
        .map(|i| format!("Translation {i} of a paragraph, about as long as English makes it."))
        .collect();
    let bytes = translation.join("\n").into_bytes();
    bencher.bench(|| {
        let imported = parse_translation(
            &bytes,
            TranslationFormat::Aligned,
            ArticleFormat::PlainText,
            "big.en.txt",
            Some("en"),
        )
        .expect("parses");
        align(&article, &imported.files[0], None).rows.len()
    });
}
