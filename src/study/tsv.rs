//! A deck as text for Anki's import (File ▸ Import of a `.txt`): tab-separated, one
//! note a line, with the header lines Anki reads so that the import needs no choices
//! (`#separator:tab`, `#html:true`, `#guid column:1`, `#tags column:…`).
//!
//! The guid column is the lemma's (see [`DeckNote::guid`]): importing a newer file
//! updates the notes an earlier one made. Fields are HTML; a field holding a quotation
//! mark is quoted as CSV quotes (Anki reads the file as CSV with tabs).

use super::DeckNote;
use super::deck::FIELD_NAMES;

/// The deck `notes` as Anki's text import reads it.
pub fn deck_tsv(notes: &[DeckNote]) -> String {
    let mut out = String::new();
    out.push_str("#separator:tab\n#html:true\n#guid column:1\n");
    out.push_str(&format!("#tags column:{}\n", FIELD_NAMES.len() + 2));
    out.push_str("#columns:GUID\t");
    out.push_str(&FIELD_NAMES.join("\t"));
    out.push_str("\tTags\n");
    for note in notes {
        out.push_str(&quoted(&note.guid()));
        for field in note.fields_html() {
            out.push('\t');
            out.push_str(&quoted(&field));
        }
        out.push('\t');
        out.push_str(&format!("hamish {}", note.status.name()));
        out.push('\n');
    }
    out
}

/// `field` as a CSV field: quoted when it holds a quotation mark (HTML fields never
/// hold tabs or line breaks: those are escaped).
fn quoted(field: &str) -> String {
    if field.contains('"') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}
