//! A deck as an Anki package (`.apkg`): a zip holding `collection.anki2`, a SQLite
//! database in the collection format Anki 2.1 writes for packages that older
//! versions can read too (schema 11: notes, cards, one note type and one deck
//! described in JSON in the `col` row), and `media`, the (empty) map of media files.
//! Every Anki since 2.1 imports it.
//!
//! Why this is written here with `rusqlite` and `zip` rather than with `genanki-rs`:
//! genanki-rs brings the same two crates and, beside them, a template engine, a regex
//! engine, `tempfile` and older pins of both, to fill the same two tables; its notes
//! also take their ids from the clock, where these take theirs from the lemma. The
//! database is built in memory and serialised (`rusqlite`'s `serialize`), so nothing
//! is written beside the reader's files but the package itself.
//!
//! Stable ids: the note type's id is a constant, the deck's comes from its name; a note's id and guid
//! and its card's id come from the lemma ([`DeckNote::guid`]), so importing a newer
//! package of the same lemmas updates those notes (Anki matches notes by guid)
//! instead of adding copies.

use std::io::Write as _;

use rusqlite::{Connection, params};
use serde_json::json;

use super::DeckNote;
use super::deck::FIELD_NAMES;

/// Why a package could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ApkgError {
    /// The database could not be built.
    #[error("the deck's database could not be built ({0})")]
    Database(#[from] rusqlite::Error),
    /// The zip could not be written.
    #[error("the deck's package could not be written ({0})")]
    Zip(#[from] zip::result::ZipError),
    /// Writing into memory failed.
    #[error("the deck's package could not be written ({0})")]
    Io(#[from] std::io::Error),
}

/// The note type's id (fixed: every package uses the same note type).
const NOTE_TYPE_ID: i64 = 1_733_400_000_021;
/// The note type's last change, in seconds; fixed, so a re-import finds it unchanged.
const NOTE_TYPE_MOD: i64 = 1_733_400_000;
/// The id of the deck named `name`: the same name, the same deck, in every package.
fn deck_id(name: &str) -> i64 {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    const BASE: u64 = 1_000_000_000_000;
    i64::try_from(BASE + hash % BASE).unwrap_or(i64::MAX)
}

const TABLES: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

const FRONT: &str = "<div class=\"word\">{{Word}}</div>";
const BACK: &str = "{{FrontSide}}\n<hr id=answer>\n<div class=\"lemma\">{{Lemma}}</div>\n\
<div class=\"gloss\">{{Gloss}}</div>\n<div class=\"pos\">{{Part of speech}}</div>\n\
<div class=\"sentence\">{{Sentence}}</div>\n\
{{#Translation}}<div class=\"translation\">{{Translation}}</div>{{/Translation}}";
const CSS: &str = ".card { font-family: sans-serif; font-size: 20px; text-align: center; }\n\
.word, .lemma, .sentence { direction: rtl; font-size: 32px; }\n\
.sentence { font-size: 24px; }\n.pos { color: #777; font-size: 14px; }\n\
.translation { font-size: 18px; color: #333; }";

/// The `.apkg` bytes of a deck named `deck_name` holding `notes`, made at `now_ms`.
pub fn deck_apkg(notes: &[DeckNote], deck_name: &str, now_ms: i64) -> Result<Vec<u8>, ApkgError> {
    let mut db = Connection::open_in_memory()?;
    db.execute_batch(TABLES)?;
    let now_s = now_ms / 1000;
    let deck = deck_id(deck_name);
    db.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            now_s,
            now_ms,
            collection_config().to_string(),
            note_types(deck).to_string(),
            decks(deck, deck_name, now_s).to_string(),
            deck_configs().to_string(),
        ],
    )?;
    let transaction = db.transaction()?;
    {
        let mut add_note = transaction
            .prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut add_card = transaction.prepare(
            "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        )?;
        for (position, note) in notes.iter().enumerate() {
            let fields = note.fields_html();
            let sort_field = note.word.clone();
            let note_id = note.note_id();
            add_note.execute(params![
                note_id,
                note.guid(),
                NOTE_TYPE_ID,
                now_s,
                format!(" hamish {} ", note.status.name()),
                fields.join("\u{1f}"),
                sort_field,
                checksum(&note.word),
            ])?;
            add_card.execute(params![
                note_id.saturating_add(1),
                note_id,
                deck,
                now_s,
                i64::try_from(position)
                    .unwrap_or(i64::MAX)
                    .saturating_add(1),
            ])?;
        }
    }
    transaction.commit()?;
    let collection = db.serialize(rusqlite::MAIN_DB)?.to_vec();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("collection.anki2", options)?;
    zip.write_all(&collection)?;
    zip.start_file("media", options)?;
    zip.write_all(b"{}")?;
    Ok(zip.finish()?.into_inner())
}

/// Anki's checksum of a note's first field: the first 8 hex digits of its SHA-1.
fn checksum(field: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(field).digest().bytes();
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

fn collection_config() -> serde_json::Value {
    json!({
        "activeDecks": [1], "curDeck": 1, "newSpread": 0, "collapseTime": 1200,
        "timeLim": 0, "estTimes": true, "dueCounts": true, "curModel": NOTE_TYPE_ID.to_string(),
        "nextPos": 1, "sortType": "noteFld", "sortBackwards": false, "addToCur": true
    })
}

fn note_types(deck: i64) -> serde_json::Value {
    let fields: Vec<serde_json::Value> = FIELD_NAMES
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            json!({
                "name": name, "ord": ord, "sticky": false,
                "rtl": matches!(ord, 0 | 1 | 4), "font": "Arial", "size": 20, "media": []
            })
        })
        .collect();
    json!({
        NOTE_TYPE_ID.to_string(): {
            "id": NOTE_TYPE_ID, "name": "Hamish word", "type": 0, "mod": NOTE_TYPE_MOD,
            "usn": -1, "sortf": 0, "did": deck,
            "tmpls": [{
                "name": "Word", "ord": 0, "qfmt": FRONT, "afmt": BACK,
                "bqfmt": "", "bafmt": "", "did": null
            }],
            "flds": fields,
            "css": CSS,
            "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            "latexPost": "\\end{document}",
            "tags": [], "vers": [], "req": [[0, "any", [0]]]
        }
    })
}

fn deck(id: i64, name: &str, now_s: i64) -> serde_json::Value {
    json!({
        "id": id, "name": name, "mod": now_s, "usn": -1, "desc": "", "dyn": 0, "conf": 1,
        "collapsed": false, "browserCollapsed": false, "newToday": [0, 0], "revToday": [0, 0],
        "lrnToday": [0, 0], "timeToday": [0, 0], "extendNew": 10, "extendRev": 50
    })
}

fn decks(id: i64, name: &str, now_s: i64) -> serde_json::Value {
    json!({
        "1": deck(1, "Default", now_s),
        id.to_string(): deck(id, name, now_s),
    })
}

fn deck_configs() -> serde_json::Value {
    json!({
        "1": {
            "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true,
            "timer": 0, "replayq": true, "dyn": false,
            "new": {"delays": [1.0, 10.0], "ints": [1, 4, 7], "initialFactor": 2500,
                    "order": 1, "perDay": 20, "bury": false},
            "rev": {"perDay": 200, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500,
                    "bury": false, "hardFactor": 1.2},
            "lapse": {"delays": [10.0], "mult": 0.0, "minInt": 1, "leechFails": 8,
                      "leechAction": 1}
        }
    })
}
