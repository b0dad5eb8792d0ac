//! No missing-glyph box anywhere: every character of every label and sign the window
//! draws (the string literals of `src/ui` and `src/app`: menus, buttons, flags, signs
//! such as ⚑ ✓ ▸) maps to a real glyph, not glyph 0, in the fonts it is drawn with.
//! egui draws the chrome in its own fonts with Hamish's bundled faces after them
//! (see `ui::theme::install_fonts`); the text engine draws with the bundled faces.

use std::collections::BTreeMap;
use std::path::Path;

/// The string literals of the non-test code of the `.rs` files under `folder`, by
/// the file they are in.
fn literals(folder: &Path, found: &mut BTreeMap<String, Vec<String>>) {
    for entry in std::fs::read_dir(folder).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            literals(&path, found);
            continue;
        }
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("source");
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        found.insert(path.display().to_string(), string_literals(code));
    }
}

/// The string literals of Rust `code` (char literals and comments skipped: a char
/// literal such as `'،'` splits text, it is not drawn).
fn string_literals(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut strings = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            // A char literal ('x' or '\n', '\u{…}'), not a lifetime ('a, '_).
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '"' => {
                let mut literal = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                        match chars.get(i) {
                            Some('u') => {
                                let code: String =
                                    chars[i + 2..].iter().take_while(|&&c| c != '}').collect();
                                i += 2 + code.len();
                                if let Some(c) =
                                    u32::from_str_radix(&code, 16).ok().and_then(char::from_u32)
                                {
                                    literal.push(c);
                                }
                            }
                            Some('n' | 't' | 'r' | '\n') | None => {}
                            Some(&other) => literal.push(other),
                        }
                    } else {
                        literal.push(chars[i]);
                    }
                    i += 1;
                }
                strings.push(literal);
                i += 1;
            }
            _ => i += 1,
        }
    }
    strings
}

/// Whether the first face of `faces` that has a glyph for `c` exists: harfrust maps
/// it to a glyph other than 0.
fn covered(faces: &[&[u8]], c: char) -> bool {
    faces.iter().any(|data| {
        let Ok(font) = harfrust::FontRef::new(data) else {
            return false;
        };
        let shaper_data = harfrust::ShaperData::new(&font);
        let shaper = shaper_data.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(&c.to_string());
        buffer.guess_segment_properties();
        let shaped = shaper.shape(buffer, &[]);
        shaped.glyph_infos().iter().all(|info| info.glyph_id != 0)
    })
}

/// Characters that are not drawn: controls, and the bidi marks and isolates text is
/// wrapped in.
fn drawn(c: char) -> bool {
    !c.is_control()
        && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        && c != ' '
}

#[test]
fn every_label_and_sign_has_a_glyph() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    literals(&root.join("ui"), &mut found);
    literals(&root.join("app"), &mut found);
    let total: usize = found.values().map(Vec::len).sum();
    assert!(total > 300, "{total} literals found");
    let definitions = hamish::ui::theme::font_definitions();
    let family = &definitions.families[&egui::FontFamily::Proportional];
    let faces: Vec<&[u8]> = family
        .iter()
        .map(|name| (*definitions.font_data[name].font).as_ref())
        .collect();
    let mut missing = BTreeMap::new();
    for (file, strings) in &found {
        for string in strings {
            for c in string.chars().filter(|&c| drawn(c)) {
                if !covered(&faces, c) {
                    missing
                        .entry(c)
                        .or_insert_with(Vec::new)
                        .push(format!("{file}: {string:?}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "characters drawn as a missing-glyph box: {:#?}",
        missing
            .iter()
            .map(|(c, places)| (format!("{c} U+{:04X}", u32::from(*c)), places.first()))
            .collect::<Vec<_>>()
    );
}
