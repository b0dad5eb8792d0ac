//! Generated test folders: the bad inputs real folders hold, beside good articles.

use std::path::Path;

/// A good article's text: a title line and two paragraphs.
pub fn article(title: &str) -> String {
    format!("{title}\nالفقرة الأولى من المقال، وفيها نص عادي.\nالفقرة الثانية من المقال.\n")
}

/// Writes `bytes` at `folder/name`, creating sub-folders.
pub fn write(folder: &Path, name: &str, bytes: &[u8]) {
    let path = folder.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    std::fs::write(path, bytes).expect("write");
}

/// A file this large is over the article size limit.
pub const HUGE_BYTES: usize = 21 * 1024 * 1024;

/// One bad input: its file name and the message the library shows beside it (`None`
/// when it opens without remark).
pub struct BadInput {
    /// File name, relative to the folder.
    pub name: &'static str,
    /// The title the library lists it by; its file name when `None`.
    pub title: Option<&'static str>,
    /// What the library says about it.
    pub message: Option<&'static str>,
}

impl BadInput {
    /// How the library's entry reads to AccessKit: the title or file name, then the
    /// message.
    pub fn label(&self) -> String {
        let name = self.title.unwrap_or(self.name);
        match self.message {
            Some(message) => format!("{name}: {message}"),
            None => name.to_owned(),
        }
    }
}

/// The bad inputs [`bad_folder`] writes, with their messages.
pub const BAD_INPUTS: &[BadInput] = &[
    BadInput {
        name: "binary.txt",
        title: None,
        message: Some("not a text file (binary data)"),
    },
    BadInput {
        name: "damaged utf8.txt",
        title: Some("عنوان ملف تالف"),
        message: Some("2 damaged characters, shown as �"),
    },
    BadInput {
        name: "empty.txt",
        title: None,
        message: Some("the file has no text"),
    },
    BadInput {
        name: "blank.md",
        title: None,
        message: Some("the file has no text"),
    },
    BadInput {
        name: "huge.txt",
        title: None,
        message: Some(
            "a very large file (21 MB, articles are usually a few KB); choose it to open it anyway",
        ),
    },
    BadInput {
        name: "one long line.txt",
        title: Some("سطر طويل جدا"),
        message: Some("very long lines are shown in several parts"),
    },
    BadInput {
        name: "diacritics.txt",
        title: Some("حركات مكدسة"),
        message: None,
    },
    BadInput {
        name: "nul bytes.txt",
        title: Some("عنوان فيه أصفار"),
        message: Some("3 NUL characters removed"),
    },
    BadInput {
        name: "broken link.txt",
        title: None,
        message: Some("the file is gone: it was deleted or moved, or it is a broken link"),
    },
    BadInput {
        name: "pipe.txt",
        title: None,
        message: Some("not a regular file, so it is not read"),
    },
];

/// One hostile translation file beside the first good article: its file name and
/// what reading it says (`None` when it is read).
pub struct BadCompanion {
    /// File name, relative to the folder.
    pub name: &'static str,
    /// The error's short text, from `TranslationError`'s `Display`.
    pub error: Option<&'static str>,
}

/// The hostile translation files [`bad_folder`] writes beside `GOOD_ARTICLES[0]`.
pub const BAD_COMPANIONS: &[BadCompanion] = &[
    BadCompanion {
        name: "مقال جيد.fr.txt",
        error: Some("not a text file (binary data)"),
    },
    BadCompanion {
        name: "مقال جيد.fa.txt",
        error: Some("damaged: 2 invalid byte sequences"),
    },
    BadCompanion {
        name: "مقال جيد.es.md",
        error: Some("the file is empty"),
    },
    BadCompanion {
        name: "مقال جيد.tmx",
        error: Some("the file declares XML entities, which are not read"),
    },
    BadCompanion {
        name: "مقال جيد.xlf",
        error: Some("the file declares XML entities, which are not read"),
    },
    BadCompanion {
        name: "مقال جيد.de.xliff",
        error: Some("not well-formed XML: <xliff> is never closed"),
    },
    BadCompanion {
        name: "مقال جيد.it.tmx",
        error: Some("the file refers to an undefined XML entity &xxe;"),
    },
    BadCompanion {
        name: "مقال جيد.nl.tmx",
        error: Some("too large to be a translation file (32 MB)"),
    },
    BadCompanion {
        name: "مقال جيد.pt.tmx",
        error: Some("not a TMX file"),
    },
    BadCompanion {
        name: "مقال جيد.ur.txt",
        error: None,
    },
    BadCompanion {
        name: "مقال جيد.en.txt",
        error: None,
    },
];

/// Writes [`BAD_COMPANIONS`] into `root`.
fn write_bad_companions(root: &Path) {
    write(
        root,
        "مقال جيد.fr.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0",
    );
    write(
        root,
        "مقال جيد.fa.txt",
        &[
            "ترجمه ".as_bytes(),
            &[0xff],
            " خراب ".as_bytes(),
            &[0xc3, 0x28],
            " است و بیشتر متن سالم است".as_bytes(),
        ]
        .concat(),
    );
    write(root, "مقال جيد.es.md", b"  \n\n");
    let bomb = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY a \"aaaaaaaaaa\">\n{}]>\n<tmx version=\"1.4\"><header srclang=\"ar\"/><body><tu><tuv xml:lang=\"ar\"><seg>&a9;</seg></tuv></tu></body></tmx>\n",
        (1..10)
            .map(|i| {
                let previous = if i == 1 {
                    "a".to_owned()
                } else {
                    format!("a{}", i - 1)
                };
                format!(
                    "<!ENTITY a{i} \"{}\">\n",
                    format!("&{previous};").repeat(10)
                )
            })
            .collect::<String>()
    );
    write(root, "مقال جيد.tmx", bomb.as_bytes());
    write(
        root,
        "مقال جيد.xlf",
        b"<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<xliff version=\"1.2\"><file source-language=\"ar\" target-language=\"en\"><body><trans-unit id=\"1\"><source>&xxe;</source><target>&xxe;</target></trans-unit></body></file></xliff>\n",
    );
    write(
        root,
        "مقال جيد.de.xliff",
        "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" srcLang=\"ar\" trgLang=\"de\"><file id=\"f\"><unit id=\"1\"><segment><source>نص</source><target>Text</target></segment></unit>".as_bytes(),
    );
    write(
        root,
        "مقال جيد.it.tmx",
        "<tmx version=\"1.4\"><header srclang=\"ar\"/><body><tu><tuv xml:lang=\"ar\"><seg>نص</seg></tuv><tuv xml:lang=\"it\"><seg>&xxe;</seg></tuv></tu></body></tmx>".as_bytes(),
    );
    // Sparse: over the size limit without writing 32 MB.
    let huge = std::fs::File::create(root.join("مقال جيد.nl.tmx")).expect("create");
    huge.set_len(32 * 1024 * 1024 + 1).expect("grow");
    write(
        root,
        "مقال جيد.pt.tmx",
        b"<html><body><p>Not a translation memory</p></body></html>",
    );
    // A legacy code page is read, and more sections than the article is an
    // alignment problem, not an error.
    let urdu = encoding_rs::WINDOWS_1256
        .encode("عنوان کا ترجمہ\nپہلا پیراگراف\nدوسرا پیراگراف\nایک اور پیراگراف\n")
        .0;
    write(root, "مقال جيد.ur.txt", &urdu);
    write(
        root,
        "مقال جيد.en.txt",
        b"A good article among the damaged files\nThe first paragraph of the article, with ordinary text.\nThe second paragraph of the article.\n",
    );
}

/// The good articles [`bad_folder`] writes, with their titles.
pub const GOOD_ARTICLES: &[(&str, &str)] = &[
    ("مقال جيد.txt", "مقال جيد بين الملفات التالفة"),
    ("good two.md", "المقال الثاني بصيغة ماركداون"),
    ("أرشيف 2024/مقال قديم.txt", "مقال في مجلد فرعي"),
];

/// A folder with good articles (Arabic names, names with spaces, a sub-folder) among
/// every bad input of [`BAD_INPUTS`], and a loop of folder links.
pub fn bad_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temporary folder");
    let root = folder.path();
    write(
        root,
        GOOD_ARTICLES[0].0,
        article(GOOD_ARTICLES[0].1).as_bytes(),
    );
    write(
        root,
        GOOD_ARTICLES[1].0,
        format!("# {}\n\nفقرة *مائلة* و**غامقة**.\n", GOOD_ARTICLES[1].1).as_bytes(),
    );
    write(
        root,
        GOOD_ARTICLES[2].0,
        article(GOOD_ARTICLES[2].1).as_bytes(),
    );

    write(
        root,
        "binary.txt",
        &[
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R',
        ],
    );
    let damaged = [
        "عنوان ملف تالف\nنص ".as_bytes(),
        &[0xff],
        "سليم ثم ".as_bytes(),
        &[0xc3, 0x28],
        " بعده".as_bytes(),
    ]
    .concat();
    write(root, "damaged utf8.txt", &damaged);
    write(root, "empty.txt", b"");
    write(root, "blank.md", b"  \n\n\t\n");
    let mut huge = article("ملف ضخم").into_bytes();
    let filler = "سطر يتكرر كثيرا في ملف ضخم جدا.\n".as_bytes();
    while huge.len() < HUGE_BYTES {
        huge.extend_from_slice(filler);
    }
    write(root, "huge.txt", &huge);
    let long_line = "كلمة ".repeat(1024 * 1024 / "كلمة ".len());
    write(
        root,
        "one long line.txt",
        format!("سطر طويل جدا\n{long_line}\n").as_bytes(),
    );
    let stacked = format!("حركات مكدسة\nب{} نص بعدها\n", "\u{651}".repeat(5000));
    write(root, "diacritics.txt", stacked.as_bytes());
    write(
        root,
        "nul bytes.txt",
        "عنوان\0 فيه أصفار\nنص\0 عادي\0 بعده\n".as_bytes(),
    );
    write_bad_companions(root);
    std::os::unix::fs::symlink(root.join("no such file.txt"), root.join("broken link.txt"))
        .expect("symlink");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made_fifo.success());
    // A loop: a link to the folder itself, and one from a sub-folder to its parent.
    std::os::unix::fs::symlink(root, root.join("loop")).expect("symlink");
    std::os::unix::fs::symlink(root.join("أرشيف 2024"), root.join("أرشيف 2024/again"))
        .expect("symlink");
    folder
}
