//! TMX (1.1 to 1.4b) as CAT tools write it: OmegaT, Trados, memoQ, translate-toolkit.
//!
//! A `<tu>` holds one `<tuv>` per language, each with a `<seg>`. The source language
//! is the header's `srclang`; when it is `*all*` or missing, the first language of the
//! first unit. Every other language is a translation: one [`TranslationFile`] each, in
//! the order the languages first appear. A unit without the source language, or
//! without a given target language, adds nothing to it.
//!
//! Inline elements are reduced to their text: `<hi>` and `<sub>` keep theirs;
//! `<bpt>`, `<ept>`, `<it>`, `<ph>` and `<ut>` hold the original document's codes
//! (`&lt;b&gt;`), which are not text, so theirs is dropped.

use super::languages::Languages;
use super::xml::{Node, attribute, language_attribute, local_name, walk};
use super::{TranslationError, clean_segment, clean_source};
use crate::model::translation::{Segment, TranslationFile, TranslationFormat, same_language};

/// Elements whose content is native code, not text.
const CODES: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

#[derive(Default)]
struct State {
    root_seen: bool,
    source_language: Option<String>,
    units: Vec<Vec<(String, String)>>,
    unit: Option<Vec<(String, String)>>,
    variant_language: Option<String>,
    segment: Option<String>,
    code_depth: usize,
}

impl State {
    fn visit(&mut self, node: Node<'_, '_>) -> Result<(), TranslationError> {
        match node {
            Node::Open(element) => {
                let name = local_name(element);
                if !self.root_seen {
                    self.root_seen = true;
                    if name != "tmx" {
                        return Err(TranslationError::NotFormat { expected: "TMX" });
                    }
                }
                match name {
                    "header" => {
                        // `*all*` is TMX's own word for "any language", not a tag.
                        self.source_language = match attribute(element, "srclang")? {
                            Some(all) if all == "*all*" => Some(all),
                            _ => language_attribute(element, "srclang")?,
                        };
                    }
                    "tu" => self.unit = Some(Vec::new()),
                    "tuv" if self.unit.is_some() => {
                        self.variant_language = language_attribute(element, "xml:lang")?;
                    }
                    "seg" if self.variant_language.is_some() => {
                        self.segment = Some(String::new());
                        self.code_depth = 0;
                    }
                    code if self.segment.is_some() && CODES.contains(&code) => {
                        self.code_depth += 1;
                    }
                    _ => {}
                }
            }
            Node::Close(name) => match name {
                "seg" => {
                    if let (Some(text), Some(language), Some(unit)) = (
                        self.segment.take(),
                        self.variant_language.as_ref(),
                        self.unit.as_mut(),
                    ) {
                        unit.push((language.clone(), text));
                    }
                }
                "tuv" => self.variant_language = None,
                "tu" => {
                    if let Some(unit) = self.unit.take() {
                        self.units.push(unit);
                    }
                }
                code if self.segment.is_some() && CODES.contains(&code) => {
                    self.code_depth = self.code_depth.saturating_sub(1);
                }
                _ => {}
            },
            Node::Text(text) => {
                if let Some(segment) = self.segment.as_mut()
                    && self.code_depth == 0
                {
                    segment.push_str(text);
                }
            }
        }
        Ok(())
    }
}

/// The translations in a TMX document, one file per target language.
pub(super) fn parse(text: &str, file: &str) -> Result<Vec<TranslationFile>, TranslationError> {
    let mut state = State::default();
    walk(text, |node| state.visit(node))?;
    if state.units.is_empty() {
        return Err(TranslationError::Empty);
    }
    let source_language = state
        .source_language
        .filter(|language| !language.is_empty() && language != "*all*")
        .or_else(|| {
            state
                .units
                .iter()
                .find_map(|unit| unit.first().map(|(language, _)| language.clone()))
        })
        .ok_or(TranslationError::NoLanguage)?;
    let mut languages = Languages::default();
    for unit in &state.units {
        let Some((_, source)) = unit
            .iter()
            .find(|(language, _)| same_language(language, &source_language))
        else {
            continue;
        };
        let source = clean_source(source);
        for (language, target) in unit {
            if same_language(language, &source_language) {
                continue;
            }
            let target = clean_segment(target);
            if target.is_empty() {
                continue;
            }
            let translation = languages.file(language, || TranslationFile {
                file: file.to_owned(),
                format: Some(TranslationFormat::Tmx),
                source_language: Some(source_language.clone()),
                language: language.clone(),
                segments: Vec::new(),
            })?;
            translation.segments.push(Segment {
                source: Some(source.clone()),
                target,
            });
        }
    }
    let files = languages.into_files();
    if files.is_empty() {
        return Err(TranslationError::NoTranslations);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6.0" segtype="paragraph"
          o-tmf="OmegaT TMX" adminlang="EN-US" srclang="AR" datatype="plaintext"/>
  <body>
    <tu tuid="1">
      <prop type="x-note">ignored</prop>
      <tuv xml:lang="ar"><seg>قال <bpt i="1">&lt;b&gt;</bpt>الرئيس<ept i="1">&lt;/b&gt;</ept> كلمته</seg></tuv>
      <tuv xml:lang="en-GB"><seg>The <bpt i="1">&lt;b&gt;</bpt>president<ept i="1">&lt;/b&gt;</ept> spoke<ph x="2">&lt;br/&gt;</ph></seg></tuv>
      <tuv xml:lang="fr"><seg>Le <hi type="b">président</hi> a parlé</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv lang="ar-SA"><seg>جملة
      ثانية</seg></tuv>
      <tuv lang="en-gb"><seg>A second <it pos="begin">&lt;i&gt;</it>sentence</seg></tuv>
    </tu>
    <tu tuid="3"><tuv xml:lang="en-GB"><seg>No source</seg></tuv></tu>
  </body>
</tmx>"#;

    #[test]
    fn each_other_language_is_a_translation_with_codes_dropped() {
        let files = parse(SAMPLE, "a.tmx").expect("parses");
        assert_eq!(files.len(), 2);
        let english = &files[0];
        assert_eq!(english.language, "en-GB");
        assert_eq!(english.source_language.as_deref(), Some("AR"));
        assert_eq!(
            english.segments,
            [
                Segment {
                    source: Some("قال الرئيس كلمته".into()),
                    target: "The president spoke".into()
                },
                Segment {
                    source: Some("جملة ثانية".into()),
                    target: "A second sentence".into()
                },
            ]
        );
        assert_eq!(files[1].language, "fr");
        assert_eq!(files[1].segments[0].target, "Le président a parlé");
    }

    #[test]
    fn not_a_tmx_file_or_no_translations() {
        assert_eq!(
            parse("<xliff/>", "a.tmx"),
            Err(TranslationError::NotFormat { expected: "TMX" })
        );
        assert_eq!(
            parse("<tmx><header srclang='ar'/><body/></tmx>", "a.tmx"),
            Err(TranslationError::Empty)
        );
        assert_eq!(
            parse(
                "<tmx><header srclang='ar'/><body><tu><tuv xml:lang='ar'><seg>نص</seg></tuv></tu></body></tmx>",
                "a.tmx"
            ),
            Err(TranslationError::NoTranslations)
        );
    }

    #[test]
    fn a_language_that_is_not_a_tag_is_refused_and_quoted_visibly() {
        let tmx = "<tmx><header srclang='ar'/><body><tu><tuv xml:lang='ar'><seg>نص</seg></tuv>\
            <tuv xml:lang='en\u{202E}lmth.exe'><seg>Text</seg></tuv></tu></body></tmx>";
        assert_eq!(
            parse(tmx, "a.tmx"),
            Err(TranslationError::NotALanguage {
                tag: "en<U+202E>lmth.exe".to_owned()
            })
        );
        let header = "<tmx><header srclang='a r'/><body/></tmx>";
        assert!(matches!(
            parse(header, "a.tmx"),
            Err(TranslationError::NotALanguage { .. })
        ));
        let underscore = "<tmx><header srclang='ar_SA'/><body><tu><tuv xml:lang='ar_SA'><seg>نص</seg></tuv>\
            <tuv xml:lang='en_GB'><seg>Text</seg></tuv></tu></body></tmx>";
        let files = parse(underscore, "a.tmx").expect("read");
        assert_eq!(files[0].language, "en-GB");
    }

    #[test]
    fn the_source_is_the_first_language_when_the_header_says_all() {
        let tmx = "<tmx><header srclang='*all*'/><body><tu><tuv xml:lang='ar'><seg>نص</seg></tuv><tuv xml:lang='en'><seg>Text</seg></tuv></tu></body></tmx>";
        let files = parse(tmx, "a.tmx").expect("parses");
        assert_eq!(files[0].source_language.as_deref(), Some("ar"));
        assert_eq!(files[0].language, "en");
    }
}
