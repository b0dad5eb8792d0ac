//! `hamish export --format FORMAT ARTICLE [-o FILE]`, run as the built binary: each
//! format on standard output and with `-o`, the sidecar left untouched, and a
//! missing article refused on standard error with a non-zero exit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hamish::export::ExportFormat;
use hamish::import::read_article;
use hamish::model::{Anchor, HighlightColor, Note, NoteId, Notes};
use hamish::store::{encode, sidecar_path};

/// A folder with an article (its path has a space and Arabic letters) and a sidecar
/// with one highlighted note; returns the article's path.
fn folder_with_article(root: &Path) -> PathBuf {
    let folder = root.join("مقالات مختارة");
    std::fs::create_dir_all(&folder).expect("folder");
    let path = folder.join("001 خبر.txt");
    std::fs::write(
        &path,
        "\u{feff}عنوان الخبر\r\nقال رسول الله ﷺ: «الدين النصيحة» قلنا: لمن؟\r\n",
    )
    .expect("article");
    let article = read_article(&path).expect("read");
    let section = &article.sections[1];
    let start = section.text.find("الدين").expect("quote");
    let mut note = Note::new(
        Anchor::span(
            section.id,
            &section.text,
            start..start + "الدين النصيحة".len(),
        ),
        1_763_800_000_000,
    );
    note.text = "حديث صحيح".to_owned();
    note.color = Some(HighlightColor::Green);
    let notes: Notes = [(NoteId::new(1_763_800_000_000, 7), note)]
        .into_iter()
        .collect();
    std::fs::write(
        sidecar_path(&path),
        encode("001 خبر.txt", &notes).expect("encoded"),
    )
    .expect("sidecar");
    path
}

fn hamish(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamish"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 output")
}

#[test]
fn each_format_is_written_to_standard_output_and_to_a_file() {
    let root = tempfile::tempdir().expect("temporary folder");
    let article = folder_with_article(root.path());
    let sidecar = std::fs::read(sidecar_path(&article)).expect("sidecar");
    for format in ["markdown", "json", "web-annotation"] {
        let output = hamish(&[
            "export".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            article.as_os_str(),
        ]);
        assert!(
            output.status.success(),
            "{format}: {}",
            text(&output.stderr)
        );
        assert!(
            output.stderr.is_empty(),
            "{format}: {}",
            text(&output.stderr)
        );
        let stdout = text(&output.stdout);
        assert!(stdout.contains("الدين النصيحة"), "{format}: {stdout}");
        assert!(stdout.contains("حديث صحيح"), "{format}: {stdout}");
        match format {
            "markdown" => assert!(stdout.contains("- [green] «الدين النصيحة» — حديث صحيح")),
            "json" => {
                let value: serde_json::Value = serde_json::from_str(stdout).expect("JSON");
                // Code points of the file after its byte order mark: `\r\n` counts two.
                let file = "عنوان الخبر\r\nقال رسول الله ﷺ: «الدين النصيحة» قلنا: لمن؟\r\n";
                let start = file[..file.find("الدين").expect("quote")].chars().count();
                assert_eq!(value["notes"][0]["start"], start);
            }
            _ => {
                let value: serde_json::Value = serde_json::from_str(stdout).expect("JSON");
                let target = &value["first"]["items"][0]["target"];
                let source = target["source"].as_str().expect("source");
                assert!(source.starts_with("file:///"), "{source}");
                assert!(
                    source.ends_with("/001%20%D8%AE%D8%A8%D8%B1.txt"),
                    "{source}"
                );
                assert_eq!(target["styleClass"], "hamish-green");
            }
        }

        let written = root.path().join(format!("out {format}"));
        let output = hamish(&[
            "export".as_ref(),
            "-f".as_ref(),
            format.as_ref(),
            article.as_os_str(),
            "-o".as_ref(),
            written.as_os_str(),
        ]);
        assert!(
            output.status.success(),
            "{format}: {}",
            text(&output.stderr)
        );
        assert!(
            output.stdout.is_empty(),
            "{format}: nothing on standard output"
        );
        assert_eq!(
            std::fs::read_to_string(&written).expect("written"),
            stdout,
            "{format}: the file holds what standard output did"
        );
    }
    assert_eq!(
        std::fs::read(sidecar_path(&article)).expect("sidecar"),
        sidecar,
        "the sidecar is only read"
    );
}

#[test]
fn every_format_is_offered() {
    let output = hamish(&["export".as_ref(), "--help".as_ref()]);
    let help = text(&output.stdout);
    for format in ExportFormat::ALL {
        assert!(help.contains(format.name()), "{help}");
    }
}

#[test]
fn a_missing_article_is_an_error_on_standard_error() {
    let root = tempfile::tempdir().expect("temporary folder");
    let missing = root.path().join("nothing here.txt");
    let output = hamish(&[
        "export".as_ref(),
        "--format".as_ref(),
        "web-annotation".as_ref(),
        missing.as_os_str(),
    ]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("nothing here.txt"), "{stderr}");
    assert!(stderr.contains("gone"), "{stderr}");
    assert!(!root.path().join("nothing here.txt.hamish.json").exists());

    let output = hamish(&[
        "export".as_ref(),
        "--format".as_ref(),
        "pdf".as_ref(),
        missing.as_os_str(),
    ]);
    assert!(!output.status.success(), "an unknown format");
    assert!(text(&output.stderr).contains("pdf"));
}

/// The bundled sample articles.
fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join("samples")
}

/// Sample 003 as `003.txt` in `folder`, with its English translation beside it as
/// `003.en.txt`; returns the article's path.
fn sample_003_with_english(folder: &Path) -> PathBuf {
    let article = folder.join("003.txt");
    std::fs::copy(samples().join("003_2dd66c1bbdc4b7f0.txt"), &article).expect("article");
    std::fs::copy(
        samples().join("003_2dd66c1bbdc4b7f0.en.txt"),
        folder.join("003.en.txt"),
    )
    .expect("translation");
    article
}

#[test]
fn bilingual_formats_put_the_translation_file_beside_the_article() {
    let root = tempfile::tempdir().expect("temporary folder");
    let article = sample_003_with_english(root.path());
    let first_english = std::fs::read_to_string(samples().join("003_2dd66c1bbdc4b7f0.en.txt"))
        .expect("translation")
        .lines()
        .next()
        .expect("a line")
        .to_owned();
    let run = |format: &str| {
        let output = hamish(&[
            "export".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            article.as_os_str(),
        ]);
        assert!(
            output.status.success(),
            "{format}: {}",
            text(&output.stderr)
        );
        text(&output.stdout).to_owned()
    };
    let html = run("bilingual-html");
    assert!(
        html.contains("lang=\"en\"") && html.contains("dir=\"rtl\""),
        "{html}"
    );
    assert!(html.contains("Russian media sources"), "{html}");
    let markdown = run("bilingual-md");
    assert!(markdown.contains(&first_english), "{markdown}");
    let tmx = run("tmx");
    assert!(
        tmx.contains("<tmx version=\"1.4\">") && tmx.contains("xml:lang=\"en\""),
        "{tmx}"
    );
    // With no translation, a bilingual export says so and fails.
    std::fs::remove_file(root.path().join("003.en.txt")).expect("remove");
    let output = hamish(&[
        "export".as_ref(),
        "--format".as_ref(),
        "tmx".as_ref(),
        article.as_os_str(),
    ]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("no translation"),
        "{}",
        text(&output.stderr)
    );
}

/// `hamish export --format markdown ARTICLE -o TARGET`.
fn export_to(article: &Path, target: &Path) -> Output {
    hamish(&[
        "export".as_ref(),
        "--format".as_ref(),
        "markdown".as_ref(),
        article.as_os_str(),
        "-o".as_ref(),
        target.as_os_str(),
    ])
}

/// Every file under `folder` (hidden ones and backups included) with its bytes.
fn snapshot(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("list").flatten() {
            let path = entry.path();
            let kind = entry.file_type().expect("type");
            if kind.is_dir() {
                folders.push(path);
            } else if kind.is_file() {
                files.push((path.clone(), std::fs::read(&path).expect("read")));
            } else {
                files.push((path.clone(), Vec::new()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn an_export_never_replaces_the_readers_files() {
    let root = tempfile::tempdir().expect("temporary folder");
    let article = folder_with_article(root.path());
    let folder = article.parent().expect("folder").to_owned();
    std::fs::write(folder.join("002.md"), "# مقال آخر\n").expect("another article");
    std::fs::write(
        folder.join("001 خبر.en.txt"),
        "The news\nThe prophet said\n",
    )
    .expect("companion");
    std::fs::write(folder.join("001 خبر.tmx"), "<tmx/>").expect("a TMX companion");
    let backups = folder.join(".hamish-backups");
    std::fs::create_dir_all(&backups).expect("backups");
    let backup = backups.join("001 خبر.txt.hamish.json.000001763800000000");
    std::fs::copy(sidecar_path(&article), &backup).expect("backup");
    // Another folder, whose own article is a target too.
    let elsewhere = root.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("elsewhere");
    std::fs::write(elsewhere.join("other.txt"), "مقال في مجلد آخر\n").expect("article");
    let link = elsewhere.join("link to the article.md");
    std::os::unix::fs::symlink(&article, &link).expect("symlink");
    let hard_link = elsewhere.join("notes.md");
    std::fs::hard_link(&article, &hard_link).expect("hard link");
    let sub = folder.join("sub");
    std::fs::create_dir_all(&sub).expect("sub-folder");
    let dotdot = sub.join("..").join("001 خبر.txt");
    let before = snapshot(root.path());

    let refused: [(&Path, &str); 11] = [
        (&article, "is an article,"),
        (&dotdot, "is an article,"),
        (&link, "is an article,"),
        (&hard_link, "is an article,"),
        (&folder.join("002.md"), "is an article,"),
        (&elsewhere.join("other.txt"), "is an article,"),
        (&sidecar_path(&article), "notes file"),
        (&folder.join("001 خبر.en.txt"), "translation file"),
        (&folder.join("001 خبر.tmx"), "translation file"),
        (&backup, "backup"),
        (&sub, "folder"),
    ];
    for (target, why) in refused {
        let output = export_to(&article, target);
        let stderr = text(&output.stderr);
        assert!(!output.status.success(), "{}: {stderr}", target.display());
        assert!(stderr.contains(why), "{}: {stderr}", target.display());
        assert!(
            stderr.contains(&*target.to_string_lossy()),
            "the target is named: {stderr}"
        );
        assert_eq!(snapshot(root.path()), before, "{}", target.display());
    }

    // A new name, and a file of no article's, are written.
    let fresh = elsewhere.join("exported.md");
    let output = export_to(&article, &fresh);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Not an article by its name (`.md` files are articles).
    let unrelated = elsewhere.join("old export.html");
    std::fs::write(&unrelated, "an earlier export").expect("write");
    let output = export_to(&article, &unrelated);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        std::fs::read(&fresh).expect("written"),
        std::fs::read(&unrelated).expect("written")
    );
}

#[test]
fn an_export_is_never_written_onto_a_pipe_or_through_a_broken_link() {
    let root = tempfile::tempdir().expect("temporary folder");
    let article = folder_with_article(root.path());
    let fifo = root.path().join("a pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let broken = root.path().join("broken link.md");
    std::os::unix::fs::symlink(root.path().join("nowhere.md"), &broken).expect("symlink");
    for (target, why) in [
        (&fifo, "a pipe"),
        (&broken, "a link to a file that does not exist"),
    ] {
        let output = export_to(&article, target);
        let stderr = text(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(stderr.contains(why), "{stderr}");
    }
    use std::os::unix::fs::FileTypeExt as _;
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(kind.is_fifo(), "the pipe is still a pipe");
    assert!(
        std::fs::symlink_metadata(&broken)
            .expect("still there")
            .file_type()
            .is_symlink()
    );
    assert!(!root.path().join("nowhere.md").exists());
}

#[test]
fn a_translation_file_left_out_of_a_bilingual_export_is_named_with_why() {
    let root = tempfile::tempdir().expect("temporary folder");
    let article = sample_003_with_english(root.path());
    let pipe = root.path().join("003.fa.txt");
    let made = Command::new("mkfifo").arg(&pipe).status().expect("mkfifo");
    assert!(made.success());
    // Too large to be read (a sparse file: nothing is written to the disk).
    std::fs::File::create(root.path().join("003.de.txt"))
        .and_then(|file| file.set_len(64 * 1024 * 1024))
        .expect("a large file");
    std::fs::write(
        root.path().join("003.fr.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR binary",
    )
    .expect("binary");
    let output = hamish(&[
        "export".as_ref(),
        "--format".as_ref(),
        "bilingual-md".as_ref(),
        article.as_os_str(),
    ]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        text(&output.stdout).contains("Russian media sources"),
        "the good translation is exported"
    );
    let named = |name: &str, why: &str| {
        stderr.lines().any(|line| {
            line.contains("translation file is left out")
                && line.contains(why)
                && line.ends_with(name)
        })
    };
    assert!(named("003.fa.txt", "not a regular file"), "{stderr}");
    assert!(named("003.de.txt", "too large"), "{stderr}");
    assert!(named("003.fr.txt", "not a text file"), "{stderr}");
    assert!(!stderr.contains("003.en.txt"), "{stderr}");
}

/// Text as the TMX export writes it.
fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn a_translation_cut_another_way_exports_each_sentence_beside_its_section() {
    // The test set's one-sentence-a-line English of sample 003: 14 lines for 11
    // sections. Row by row, everything after the first row would be off.
    let root = tempfile::tempdir().expect("temporary folder");
    let article = root.path().join("003.txt");
    std::fs::copy(samples().join("003_2dd66c1bbdc4b7f0.txt"), &article).expect("article");
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align/cases/003/lines");
    std::fs::copy(
        case.join("translation.en.txt"),
        root.path().join("003.en.txt"),
    )
    .expect("translation");
    let gold: Vec<(usize, String)> = std::fs::read_to_string(case.join("gold.tsv"))
        .expect("gold")
        .lines()
        .filter_map(|line| {
            let (section, sentence) = line.split_once('\t')?;
            Some((section.parse().ok()?, sentence.to_owned()))
        })
        .collect();
    let sections: Vec<String> = read_article(&article)
        .expect("article")
        .sections
        .iter()
        .map(|section| section.text.clone())
        .collect();
    let expected: Vec<String> = (0..sections.len())
        .map(|section| {
            let sentences: Vec<&str> = gold
                .iter()
                .filter(|(at, _)| *at == section)
                .map(|(_, sentence)| sentence.as_str())
                .collect();
            sentences.join(" ")
        })
        .collect();
    let before = snapshot(root.path());
    let run = |format: &str| {
        let output = hamish(&[
            "export".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            article.as_os_str(),
        ]);
        assert!(
            output.status.success(),
            "{format}: {}",
            text(&output.stderr)
        );
        text(&output.stdout).to_owned()
    };
    // Each section's English is after its Arabic and before the next section's.
    let in_order = |export: &str, escape: fn(&str) -> String| {
        let mut at = 0;
        for (arabic, english) in sections.iter().zip(&expected) {
            let arabic_at = export[at..]
                .find(&escape(arabic))
                .unwrap_or_else(|| panic!("{arabic} in {export}"))
                + at;
            let english_at = export[arabic_at..]
                .find(&escape(english))
                .unwrap_or_else(|| panic!("{english} after {arabic} in {export}"))
                + arabic_at;
            at = english_at + english.len();
        }
    };
    let markdown = run("bilingual-md");
    in_order(&markdown, str::to_owned);
    let tmx = run("tmx");
    in_order(&tmx, xml_escaped);
    assert_eq!(
        tmx.matches("<tu tuid=").count(),
        sections.len(),
        "one unit per section, none reported missing: {tmx}"
    );
    assert_eq!(
        snapshot(root.path()),
        before,
        "an export writes nothing beside the article"
    );
}
