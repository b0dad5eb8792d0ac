//! The bundled fonts. The app and its tests load only these, so text looks the same on
//! every machine and start-up does not scan the system's fonts.

use std::sync::Arc;

use cosmic_text::{FontSystem, fontdb};

use super::style::FontFamily;

/// The font files in `fonts/`, compiled into the binary.
const BUNDLED_FONTS: [&[u8]; 10] = [
    include_bytes!("../../fonts/Amiri-Regular.ttf"),
    include_bytes!("../../fonts/Amiri-Bold.ttf"),
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../../fonts/NotoNastaliqUrdu-Regular.ttf"),
    include_bytes!("../../fonts/Vazirmatn-Regular.ttf"),
    include_bytes!("../../fonts/Vazirmatn-Bold.ttf"),
    include_bytes!("../../fonts/Literata-Regular.ttf"),
    include_bytes!("../../fonts/Literata-Bold.ttf"),
    include_bytes!("../../fonts/Literata-Italic.ttf"),
];

/// Bundled faces egui's own text (the chrome: menus, buttons, labels) falls back to
/// after egui's fonts, by the name egui knows them by: Noto Sans for Greek,
/// Cyrillic and more of Latin.
pub const CHROME_FALLBACK_FONTS: [(&str, &[u8]); 1] = [(
    "Hamish Noto Sans",
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
)];

/// The family name cosmic-text knows a [`FontFamily`] by.
pub fn family_name(family: FontFamily) -> &'static str {
    match family {
        FontFamily::Naskh => "Amiri",
        FontFamily::Sans => "Noto Sans",
        FontFamily::Hebrew => "Noto Sans Hebrew",
        FontFamily::Nastaliq => "Noto Nastaliq Urdu",
        FontFamily::ArabicSans => "Vazirmatn",
        FontFamily::Serif => "Literata",
    }
}

/// A font system holding the bundled fonts and nothing else.
pub fn bundled_font_system() -> FontSystem {
    let mut db = fontdb::Database::new();
    for data in BUNDLED_FONTS {
        db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
    }
    db.set_serif_family(family_name(FontFamily::Naskh));
    db.set_sans_serif_family(family_name(FontFamily::Sans));
    // The locale only steers fallback between CJK variants, which are not bundled.
    FontSystem::new_with_locale_and_db("en-US".to_owned(), db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_is_bundled() {
        let mut fonts = bundled_font_system();
        let families: Vec<String> = fonts
            .db_mut()
            .faces()
            .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
            .collect();
        for family in [
            FontFamily::Naskh,
            FontFamily::Sans,
            FontFamily::Hebrew,
            FontFamily::Nastaliq,
            FontFamily::ArabicSans,
            FontFamily::Serif,
        ] {
            assert!(
                families.iter().any(|name| name == family_name(family)),
                "{family:?} missing from {families:?}"
            );
        }
    }
}
