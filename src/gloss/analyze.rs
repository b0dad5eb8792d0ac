//! BAMA's analysis of one word: segment, look up, check compatibility, rank.

use super::lexicon::{Entry, Lexicon};
use super::word::Word;
use super::{Analysis, Part, PartRole, buckwalter};

/// The longest prefix BAMA tries, in letters.
pub const MAX_PREFIX_LEN: usize = 4;
/// The longest suffix BAMA tries, in letters.
pub const MAX_SUFFIX_LEN: usize = 6;

/// Every (prefix end, suffix start) split of a word of `len` letters, in BAMA's order:
/// prefixes from short to long, and for each, suffixes from short to long; the stem
/// between them is never empty.
pub fn segmentations(len: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..=MAX_PREFIX_LEN).flat_map(move |prefix_len| {
        (0..=MAX_SUFFIX_LEN)
            .take_while(move |suffix_len| prefix_len + suffix_len < len)
            .map(move |suffix_len| (prefix_len, len - suffix_len))
    })
}

/// One combination of entries that the tables allow.
#[derive(Clone, Copy)]
pub struct Solution<'a> {
    pub prefix: &'a Entry,
    pub stem: &'a Entry,
    pub suffix: &'a Entry,
}

/// Every solution for the unvocalised Buckwalter `letters`, in BAMA's order.
pub fn solutions<'a>(lexicon: &'a Lexicon, letters: &str) -> Vec<Solution<'a>> {
    let mut found = Vec::new();
    for (stem_start, suffix_start) in segmentations(letters.len()) {
        let (Some(prefix), Some(stem), Some(suffix)) = (
            letters.get(..stem_start),
            letters.get(stem_start..suffix_start),
            letters.get(suffix_start..),
        ) else {
            continue;
        };
        // The small dictionaries first: most splits fail there, before the big one.
        if !lexicon.prefixes.contains(prefix) || !lexicon.suffixes.contains(suffix) {
            continue;
        }
        let stems = lexicon.stems.get(stem);
        if stems.is_empty() {
            continue;
        }
        for a in lexicon.prefixes.get(prefix) {
            for b in stems {
                if !lexicon.ab.allows(a.category, b.category) {
                    continue;
                }
                for c in lexicon.suffixes.get(suffix) {
                    if lexicon.ac.allows(a.category, c.category)
                        && lexicon.bc.allows(b.category, c.category)
                    {
                        found.push(Solution {
                            prefix: a,
                            stem: b,
                            suffix: c,
                        });
                    }
                }
            }
        }
    }
    found
}

/// BAMA's alternative spellings of a word it does not find: final `y`/`Y` and `h`/`p`
/// swapped, `Y` inside a word read as `y`, `w'` read as `&` (its `get_alternatives`,
/// rule for rule).
pub fn alternatives(word: &str) -> Vec<String> {
    let mut found = Vec::new();
    let all_y = word.replace('Y', "y");
    let with_waw_hamza = |s: &str| s.contains("w'").then(|| s.replacen("w'", "&", 1));
    let push_with_waw_hamza = |found: &mut Vec<String>, s: String| {
        let hamza = with_waw_hamza(&s);
        found.push(s);
        found.extend(hamza);
    };
    if word.ends_with("Y'") || word.ends_with("y'") {
        if word.ends_with("Y'") || all_y != word {
            push_with_waw_hamza(&mut found, all_y.clone());
        } else if let Some(hamza) = with_waw_hamza(&all_y) {
            found.push(hamza);
        }
        let seated = format!("{}}}", &all_y[..all_y.len() - 2]);
        push_with_waw_hamza(&mut found, seated);
    } else if word.ends_with('Y') {
        push_with_waw_hamza(&mut found, all_y);
    } else if word.ends_with('y') {
        found.extend(with_waw_hamza(&all_y));
        let final_alef_maqsura = format!("{}Y", &all_y[..all_y.len() - 1]);
        push_with_waw_hamza(&mut found, final_alef_maqsura);
    } else if word.ends_with('h') || word.ends_with('p') {
        let mut temp = all_y.clone();
        if all_y != word {
            found.push(temp.clone());
        }
        if let Some(hamza) = with_waw_hamza(&temp) {
            temp = hamza;
            found.push(temp.clone());
        }
        let swapped = if temp.ends_with('h') { 'p' } else { 'h' };
        temp.pop();
        temp.push(swapped);
        found.push(temp);
    } else if all_y != word {
        push_with_waw_hamza(&mut found, all_y);
    } else if let Some(hamza) = with_waw_hamza(word) {
        found.push(hamza);
    }
    found
}

/// The analyses of `word` from `solutions`, found under the spelling `spelling`, in
/// rank order: those agreeing with the written diacritics first, then those of the
/// most common lemma (the one with the most stem entries in the lexicon), then
/// BAMA's order. Analyses that read the same in every field are kept once.
pub fn ranked(
    lexicon: &Lexicon,
    word: &Word,
    found: &[(Solution<'_>, Option<&str>)],
) -> Vec<Analysis> {
    let mut analyses: Vec<(Analysis, u32, usize)> = Vec::with_capacity(found.len());
    let mut lemma_first_seen: Vec<Option<u32>> = Vec::new();
    for (solution, spelling) in found {
        let analysis = analysis(lexicon, word, solution, *spelling);
        if analyses
            .iter()
            .any(|(seen, _, _)| seen.same_reading(&analysis))
        {
            continue;
        }
        let lemma = solution.stem.lemma;
        let weight = lemma
            .and_then(|l| lexicon.lemma_stem_counts.get(l as usize))
            .copied()
            .unwrap_or(0);
        // Analyses of one lemma stay together: they rank by where the lemma came first.
        let first = match lemma_first_seen.iter().position(|seen| *seen == lemma) {
            Some(position) => position,
            None => {
                lemma_first_seen.push(lemma);
                lemma_first_seen.len() - 1
            }
        };
        analyses.push((analysis, weight, first));
    }
    analyses.sort_by_key(|(analysis, weight, first)| {
        (
            !analysis.matches_diacritics,
            std::cmp::Reverse(*weight),
            *first,
        )
    });
    analyses
        .into_iter()
        .map(|(analysis, _, _)| analysis)
        .collect()
}

fn analysis(
    lexicon: &Lexicon,
    word: &Word,
    solution: &Solution<'_>,
    spelling: Option<&str>,
) -> Analysis {
    let part = |role: PartRole, entry: &Entry| Part {
        role,
        unvocalized: lexicon.str(entry.key).to_owned(),
        vocalized: lexicon.str(entry.vocalized).to_owned(),
        category: lexicon
            .categories
            .get(usize::from(entry.category))
            .map(|name| name.to_string())
            .unwrap_or_default(),
        pos: lexicon.str(entry.pos).to_owned(),
        gloss: lexicon.str(entry.gloss).to_owned(),
    };
    let parts = [
        part(PartRole::Prefix, solution.prefix),
        part(PartRole::Stem, solution.stem),
        part(PartRole::Suffix, solution.suffix),
    ];
    let buckwalter: String = parts.iter().map(|p| p.vocalized.as_str()).collect();
    let pos: String = parts.iter().map(|p| p.pos.as_str()).collect();
    let gloss = parts
        .iter()
        .map(|p| readable_gloss(&p.gloss))
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>()
        .join(" + ");
    let lemma = solution
        .stem
        .lemma
        .and_then(|l| lexicon.lemmas.get(l as usize))
        .map(|l| l.to_string())
        .unwrap_or_default();
    Analysis {
        vocalized: buckwalter::to_arabic(&buckwalter),
        matches_diacritics: word.agrees_with(&buckwalter),
        buckwalter,
        lemma,
        pos,
        gloss,
        respelled_as: spelling.map(str::to_owned),
        parts,
    }
}

/// A lexicon gloss as a reader reads it: senses separated by `; `, and the `<verb>`
/// placeholder of subject suffixes dropped at the end (`he/it <verb>` reads `he/it`)
/// or shown as `…` inside (`he/it … it/him`).
pub fn readable_gloss(gloss: &str) -> String {
    let gloss = gloss.trim();
    let gloss = gloss.strip_suffix("<verb>").unwrap_or(gloss);
    // One pass, one allocation: this runs three times for every analysis.
    let mut readable = String::with_capacity(gloss.len() + 8);
    let mut space_due = false;
    for token in gloss.split_whitespace() {
        let token = if token == "<verb>" { "…" } else { token };
        for c in token.chars() {
            if space_due {
                readable.push(' ');
            }
            readable.push(c);
            space_due = c == ';';
        }
        space_due = true;
    }
    readable
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segmentations_follow_bama() {
        let all: Vec<_> = segmentations(3).collect();
        assert_eq!(
            all,
            vec![(0, 3), (0, 2), (0, 1), (1, 3), (1, 2), (2, 3)],
            "the stem is never empty"
        );
        // 5 prefix lengths × 7 suffix lengths when the word is long enough.
        assert_eq!(segmentations(20).count(), 35);
        assert_eq!(segmentations(0).count(), 0);
    }

    #[test]
    fn alternatives_follow_bama() {
        assert_eq!(alternatives("ElY"), vec!["Ely"]);
        assert_eq!(alternatives("fy"), vec!["fY"]);
        assert_eq!(alternatives("mdrsh"), vec!["mdrsp"]);
        assert_eq!(alternatives("mdrsp"), vec!["mdrsh"]);
        assert_eq!(alternatives("mTfY'"), vec!["mTfy'", "mTf}"]);
        assert_eq!(alternatives("msw'wl"), vec!["ms&wl"]);
        assert_eq!(alternatives("ktb"), Vec::<String>::new());
    }

    #[test]
    fn glosses_read_plainly() {
        assert_eq!(readable_gloss("he/it <verb>"), "he/it");
        assert_eq!(readable_gloss("he/it <verb> it/him"), "he/it … it/him");
        assert_eq!(readable_gloss("affirm;assure"), "affirm; assure");
        assert_eq!(readable_gloss(""), "");
        assert_eq!(readable_gloss("  a;b;  c   d;"), "a; b; c d;");
    }
}
