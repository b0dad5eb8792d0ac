//! Reading TMX and XLIFF safely: a thin layer over quick-xml's pull parser.
//!
//! quick-xml never fetches anything and never expands entities by itself; this layer
//! decides what a reference means. The five predefined entities and character
//! references are resolved; any other entity is an error, since this reader keeps no
//! entity declarations. A document type declaration that only names an external DTD
//! (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, as OmegaT writes) is skipped without
//! fetching it; one with an internal subset that declares entities is refused, which
//! is what stops entity-expansion bombs ("billion laughs") and external entities.
//! Every start tag must be closed: the end of the file with elements still open is
//! an error naming the first one. Nothing here recurses, so deep nesting costs memory
//! for a stack of names only.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::TranslationError;

/// What a walk over a document reports to the format's reader.
#[derive(Debug)]
pub(super) enum Node<'a, 'b> {
    /// A start tag, or an empty element (followed by its [`Node::Close`]).
    Open(&'b BytesStart<'a>),
    /// An end tag, with the element's local name.
    Close(&'b str),
    /// Character data, references resolved.
    Text(&'b str),
}

/// The local name of an element (`tuv` for `tmx:tuv`), as text.
pub(super) fn local_name<'s>(element: &'s BytesStart<'_>) -> &'s str {
    std::str::from_utf8(element.local_name().into_inner()).unwrap_or_default()
}

/// The language tag in the attribute `name` (see [`attribute`]), checked: `None` when
/// there is none or it is empty, an error quoting it when it is not a BCP 47 tag.
pub(super) fn language_attribute(
    element: &BytesStart<'_>,
    name: &str,
) -> Result<Option<String>, TranslationError> {
    match attribute(element, name)? {
        None => Ok(None),
        Some(value) if value.is_empty() => Ok(None),
        Some(value) => crate::model::language_tag(&value).map(Some).ok_or_else(|| {
            TranslationError::NotALanguage {
                tag: crate::model::shown::quoted(&value),
            }
        }),
    }
}

/// The value of the attribute `name` (matched on its qualified name first, then on
/// its local name), unescaped.
pub(super) fn attribute(
    element: &BytesStart<'_>,
    name: &str,
) -> Result<Option<String>, TranslationError> {
    let mut by_local = None;
    let wanted_local = name.rsplit(':').next().unwrap_or(name);
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|error| malformed(error, None))?;
        let qualified = attribute.key.as_ref();
        let local = attribute.key.local_name();
        if qualified == name.as_bytes() || local.as_ref() == wanted_local.as_bytes() {
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|error| malformed(error, None))?
                .trim()
                .to_owned();
            if qualified == name.as_bytes() {
                return Ok(Some(value));
            }
            by_local = Some(value);
        }
    }
    Ok(by_local)
}

/// Walks `text` as an XML document, calling `visit` for each element and piece of
/// text, in document order.
pub(super) fn walk(
    text: &str,
    mut visit: impl FnMut(Node<'_, '_>) -> Result<(), TranslationError>,
) -> Result<(), TranslationError> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    let mut open: Vec<String> = Vec::new();
    let mut root_seen = false;
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|error| malformed(error, Some(position)))?;
        match event {
            Event::Start(element) => {
                if open.is_empty() && root_seen {
                    return Err(TranslationError::Malformed {
                        message: "more than one root element".to_owned(),
                    });
                }
                root_seen = true;
                open.push(local_name(&element).to_owned());
                visit(Node::Open(&element))?;
            }
            Event::Empty(element) => {
                root_seen = true;
                visit(Node::Open(&element))?;
                visit(Node::Close(local_name(&element)))?;
            }
            Event::End(_) => {
                let name = open.pop().unwrap_or_default();
                visit(Node::Close(&name))?;
            }
            Event::Text(text) => {
                if open.is_empty() {
                    continue;
                }
                let text = text
                    .xml10_content()
                    .map_err(|error| malformed(error, Some(position)))?;
                visit(Node::Text(&text))?;
            }
            Event::CData(data) => {
                if open.is_empty() {
                    continue;
                }
                let text = data
                    .xml10_content()
                    .map_err(|error| malformed(error, Some(position)))?;
                visit(Node::Text(&text))?;
            }
            Event::GeneralRef(reference) => {
                let resolved = if reference.is_char_ref() {
                    reference
                        .resolve_char_ref()
                        .map_err(|error| malformed(error, Some(position)))?
                } else {
                    let name = reference
                        .decode()
                        .map_err(|error| malformed(error, Some(position)))?;
                    Some(
                        predefined(&name).ok_or_else(|| TranslationError::UndefinedEntity {
                            name: name.chars().take(64).collect(),
                        })?,
                    )
                };
                if let Some(c) = resolved
                    && !open.is_empty()
                {
                    let mut buffer = [0; 4];
                    visit(Node::Text(c.encode_utf8(&mut buffer)))?;
                }
            }
            Event::DocType(doctype) => {
                let declaration = doctype
                    .decode()
                    .map_err(|error| malformed(error, Some(position)))?;
                if declaration.contains('[') && declaration.contains("<!ENTITY") {
                    return Err(TranslationError::EntityDeclarations);
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(first) = open.first() {
        return Err(TranslationError::Unclosed {
            element: first.clone(),
        });
    }
    if !root_seen {
        return Err(TranslationError::Empty);
    }
    Ok(())
}

/// The five entities every XML document has.
fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

fn malformed(error: impl std::fmt::Display, position: Option<u64>) -> TranslationError {
    let message = match position {
        Some(position) => format!("{error} (near byte {position})"),
        None => error.to_string(),
    };
    TranslationError::Malformed {
        message: message.chars().take(200).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Result<String, TranslationError> {
        let mut out = String::new();
        walk(xml, |node| {
            match node {
                Node::Open(element) => out.push_str(&format!("<{}>", local_name(element))),
                Node::Close(name) => out.push_str(&format!("</{name}>")),
                Node::Text(text) => out.push_str(text),
            }
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn references_and_cdata_are_text() {
        assert_eq!(
            texts("<a>x &amp; &#1587;&#x644;<![CDATA[<b>]]><e/></a>").expect("reads"),
            "<a>x & سل<b><e></e></a>"
        );
    }

    #[test]
    fn an_external_dtd_is_skipped_and_never_fetched() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd"><tmx>ok</tmx>"#;
        assert_eq!(texts(xml).expect("reads"), "<tmx>ok</tmx>");
    }

    #[test]
    fn entity_declarations_and_undefined_entities_are_refused() {
        let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tmx>&lol3;</tmx>"#;
        assert_eq!(texts(bomb), Err(TranslationError::EntityDeclarations));
        let external = r#"<!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><t>&xxe;</t>"#;
        assert_eq!(texts(external), Err(TranslationError::EntityDeclarations));
        assert_eq!(
            texts("<t>&xxe;</t>"),
            Err(TranslationError::UndefinedEntity { name: "xxe".into() })
        );
    }

    #[test]
    fn unclosed_and_mismatched_tags_are_errors() {
        assert_eq!(
            texts("<tmx><body><tu>"),
            Err(TranslationError::Unclosed {
                element: "tmx".into()
            })
        );
        assert!(matches!(
            texts("<tmx><tu></tuv></tmx>"),
            Err(TranslationError::Malformed { .. })
        ));
        assert!(matches!(
            texts("<tmx><tu"),
            Err(TranslationError::Malformed { .. })
        ));
        assert_eq!(texts("  "), Err(TranslationError::Empty));
    }
}
