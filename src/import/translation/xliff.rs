//! XLIFF 1.1, 1.2 and 2.x as CAT tools write them.
//!
//! XLIFF 1.x: each `<file>` names its `source-language` and `target-language` (a
//! `<target xml:lang>` may say it instead); a `<trans-unit>` holds a `<source>` and
//! usually a `<target>`. `<alt-trans>` (other suggestions), `<seg-source>` (the same
//! text cut into sentences) and notes are not read.
//!
//! XLIFF 2.x: the root names `srcLang` and `trgLang`; a `<unit>` holds `<segment>`s
//! and `<ignorable>`s, each with a `<source>` and maybe a `<target>`. A unit is one
//! segment here: its parts are joined in order (an ignorable without a target keeps
//! its source text, usually the space between sentences). `<originalData>` and notes
//! are not read.
//!
//! Inline elements are reduced to their text: `<g>`, `<mrk>`, `<pc>` keep it, `<x/>`,
//! `<bx/>`, `<ex/>`, `<sc/>`, `<ec/>`, `<sm/>`, `<em/>` and XLIFF 2's empty `<ph/>` have
//! none, `<cp hex="…"/>` is its character, and the native codes in `<bpt>`, `<ept>`,
//! `<it>` and XLIFF 1's `<ph>` are dropped. A unit without a target (untranslated)
//! adds nothing.

use super::languages::Languages;
use super::xml::{Node, attribute, language_attribute, local_name, walk};
use super::{TranslationError, clean_segment, clean_source};
use crate::model::translation::{Segment, TranslationFile, TranslationFormat};

/// Elements whose content is native code, not text.
const CODES: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

/// Subtrees not read at all.
const SKIPPED: [&str; 7] = [
    "alt-trans",
    "seg-source",
    "note",
    "notes",
    "originalData",
    "context-group",
    "metadata",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Source,
    Target,
}

#[derive(Default)]
struct Unit {
    source: String,
    target: Option<String>,
    /// XLIFF 2: the current segment or ignorable's texts.
    part_source: String,
    part_target: Option<String>,
    target_language: Option<String>,
}

#[derive(Default)]
struct State {
    root_seen: bool,
    version_2: bool,
    source_language: Option<String>,
    target_language: Option<String>,
    file_target_language: Option<String>,
    /// (target language, source, target) of each translated unit.
    units: Vec<(Option<String>, String, String)>,
    unit: Option<Unit>,
    collecting: Option<Part>,
    skip_depth: usize,
}

impl State {
    fn visit(&mut self, node: Node<'_, '_>) -> Result<(), TranslationError> {
        match node {
            Node::Open(element) => {
                let name = local_name(element);
                if self.skip_depth > 0 {
                    self.skip_depth += 1;
                    return Ok(());
                }
                if !self.root_seen {
                    self.root_seen = true;
                    if name != "xliff" {
                        return Err(TranslationError::NotFormat { expected: "XLIFF" });
                    }
                    let version = attribute(element, "version")?.unwrap_or_default();
                    self.version_2 = version.starts_with('2');
                    self.source_language = language_attribute(element, "srcLang")?;
                    self.target_language = language_attribute(element, "trgLang")?;
                    return Ok(());
                }
                if self.collecting.is_some() {
                    if CODES.contains(&name) && !(self.version_2 && name == "ph") {
                        self.skip_depth = 1;
                    } else if name == "cp"
                        && let Some(c) = attribute(element, "hex")?
                            .and_then(|hex| u32::from_str_radix(&hex, 16).ok())
                            .and_then(char::from_u32)
                    {
                        let mut buffer = [0; 4];
                        self.text(c.encode_utf8(&mut buffer));
                    }
                    return Ok(());
                }
                if SKIPPED.contains(&name) {
                    self.skip_depth = 1;
                    return Ok(());
                }
                match name {
                    "file" if !self.version_2 => {
                        if let Some(language) = language_attribute(element, "source-language")? {
                            self.source_language = Some(language);
                        }
                        self.file_target_language = language_attribute(element, "target-language")?;
                    }
                    "trans-unit" | "unit" => self.unit = Some(Unit::default()),
                    "segment" | "ignorable" => {
                        if let Some(unit) = self.unit.as_mut() {
                            unit.part_source.clear();
                            unit.part_target = None;
                        }
                    }
                    "source" if self.unit.is_some() => self.collecting = Some(Part::Source),
                    "target" => {
                        if let Some(unit) = self.unit.as_mut() {
                            if let Some(language) = language_attribute(element, "xml:lang")? {
                                unit.target_language = Some(language);
                            }
                            self.collecting = Some(Part::Target);
                        }
                    }
                    _ => {}
                }
            }
            Node::Close(name) => {
                if self.skip_depth > 0 {
                    self.skip_depth -= 1;
                    return Ok(());
                }
                match name {
                    "source" | "target" => self.collecting = None,
                    "segment" | "ignorable" => {
                        if let Some(unit) = self.unit.as_mut() {
                            unit.source.push_str(&unit.part_source);
                            let target = match unit.part_target.take() {
                                Some(target) => target,
                                // Between sentences: the same in both languages.
                                None if name == "ignorable" => unit.part_source.clone(),
                                None => String::new(),
                            };
                            if name == "segment" || unit.target.is_some() {
                                unit.target.get_or_insert_default().push_str(&target);
                            }
                            unit.part_source.clear();
                        }
                    }
                    "trans-unit" | "unit" => self.finish_unit(),
                    _ => {}
                }
            }
            Node::Text(text) => {
                if self.skip_depth == 0 {
                    self.text(text);
                }
            }
        }
        Ok(())
    }

    fn text(&mut self, text: &str) {
        let (Some(part), Some(unit)) = (self.collecting, self.unit.as_mut()) else {
            return;
        };
        let buffer = match (part, self.version_2) {
            (Part::Source, false) => &mut unit.source,
            (Part::Target, false) => unit.target.get_or_insert_default(),
            (Part::Source, true) => &mut unit.part_source,
            (Part::Target, true) => unit.part_target.get_or_insert_default(),
        };
        buffer.push_str(text);
    }

    fn finish_unit(&mut self) {
        let Some(unit) = self.unit.take() else {
            return;
        };
        let source = clean_source(&unit.source);
        let target = clean_segment(unit.target.as_deref().unwrap_or_default());
        if target.is_empty() {
            return;
        }
        let language = unit
            .target_language
            .or_else(|| self.file_target_language.clone())
            .or_else(|| self.target_language.clone());
        self.units.push((language, source, target));
    }
}

/// The translations in an XLIFF document, one file per target language;
/// `language_hint` (from the file's name) is the language of units that name none.
pub(super) fn parse(
    text: &str,
    file: &str,
    language_hint: Option<&str>,
) -> Result<Vec<TranslationFile>, TranslationError> {
    let mut state = State::default();
    walk(text, |node| state.visit(node))?;
    if state.units.is_empty() {
        return Err(TranslationError::NoTranslations);
    }
    let mut languages = Languages::default();
    for (language, source, target) in state.units {
        let language = language
            .or_else(|| language_hint.map(str::to_owned))
            .ok_or(TranslationError::NoLanguage)?;
        let translation = languages.file(&language.clone(), || TranslationFile {
            file: file.to_owned(),
            format: Some(TranslationFormat::Xliff),
            source_language: state.source_language.clone(),
            language,
            segments: Vec::new(),
        })?;
        translation.segments.push(Segment {
            source: Some(source),
            target,
        });
    }
    Ok(languages.into_files())
}

#[cfg(test)]
mod tests {
    use super::*;

    const XLIFF_12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="003.txt" source-language="ar" target-language="en" datatype="plaintext">
    <header><note>a header note</note></header>
    <body>
      <group id="g1">
        <trans-unit id="1" xml:space="preserve">
          <source>قال <g id="1">الرئيس</g><x id="2"/> كلمته<ph id="3">&lt;br/&gt;</ph></source>
          <seg-source><mrk mtype="seg" mid="1">قال الرئيس كلمته</mrk></seg-source>
          <target state="translated"><mrk mtype="seg" mid="1">The <g id="1">president</g><x id="2"/> spoke</mrk><bpt id="4">{b}</bpt></target>
          <alt-trans><source>قال</source><target>Said</target></alt-trans>
          <note>translator's note</note>
        </trans-unit>
        <trans-unit id="2"><source>بلا ترجمة</source></trans-unit>
        <trans-unit id="3"><source>جملة</source><target xml:lang="en">Sentence</target></trans-unit>
      </group>
    </body>
  </file>
</xliff>"#;

    const XLIFF_20: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="fa">
  <file id="f1">
    <unit id="u1">
      <originalData><data id="d1">&lt;b&gt;</data></originalData>
      <segment><source>الجملة <pc id="1" dataRefStart="d1">الأولى</pc>.</source><target>جمله <pc id="1">اول</pc>.</target></segment>
      <ignorable><source> </source></ignorable>
      <segment><source>الثانية<ph id="2"/><cp hex="200F"/></source><target>دوم<sc id="3"/><ec startRef="3"/></target></segment>
    </unit>
    <unit id="u2"><segment><source>غير مترجمة</source></segment></unit>
  </file>
</xliff>"#;

    #[test]
    fn xliff_1_2_units_with_inline_tags() {
        let files = parse(XLIFF_12, "a.xlf", None).expect("parses");
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].language, "en");
        assert_eq!(files[0].source_language.as_deref(), Some("ar"));
        assert_eq!(
            files[0].segments,
            [
                Segment {
                    source: Some("قال الرئيس كلمته".into()),
                    target: "The president spoke".into()
                },
                Segment {
                    source: Some("جملة".into()),
                    target: "Sentence".into()
                },
            ]
        );
    }

    #[test]
    fn a_language_that_is_not_a_tag_is_refused_and_quoted_visibly() {
        let hostile = XLIFF_20.replace("trgLang=\"fa\"", "trgLang=\"fa\u{202E}\u{1b}[2J\"");
        assert_eq!(
            parse(&hostile, "a.xlf", None),
            Err(TranslationError::NotALanguage {
                tag: "fa<U+202E><U+001B>[2J".to_owned()
            })
        );
    }

    #[test]
    fn xliff_2_units_join_their_segments() {
        let files = parse(XLIFF_20, "a.xlf", None).expect("parses");
        assert_eq!(files[0].language, "fa");
        assert_eq!(
            files[0].segments,
            [Segment {
                source: Some("الجملة الأولى. الثانية\u{200F}".into()),
                target: "جمله اول. دوم".into()
            }]
        );
    }

    #[test]
    fn the_language_comes_from_the_name_when_the_file_has_none() {
        let xliff = r#"<xliff version="1.1"><file><body><trans-unit id="1"><source>نص</source><target>Text</target></trans-unit></body></file></xliff>"#;
        assert_eq!(
            parse(xliff, "a.xlf", None),
            Err(TranslationError::NoLanguage)
        );
        let files = parse(xliff, "a.de.xlf", Some("de")).expect("parses");
        assert_eq!(files[0].language, "de");
        assert_eq!(
            parse("<tmx/>", "a.xlf", None),
            Err(TranslationError::NotFormat { expected: "XLIFF" })
        );
    }
}
