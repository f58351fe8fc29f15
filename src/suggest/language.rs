//! Which of the six UN languages a text is written in: by its script (Arabic, Cyrillic, Han),
//! and, for text in Latin letters, by the function words only English, French or Spanish use
//! (and, between French and Spanish when those are as many, by the lexicon that knows more).

use super::lexicon;

/// The language of `text` (an ISO 639-1 code of a UN language); English when nothing tells.
pub fn detect(text: &str) -> &'static str {
    let (mut arabic, mut cyrillic, mut han, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
                arabic += 1
            }
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => han += 3,
            c if c.is_alphabetic() => latin += 1,
            _ => {}
        }
    }
    let most = arabic.max(cyrillic).max(han).max(latin);
    if most == 0 || most == latin {
        return latin_language(text);
    }
    if most == arabic {
        "ar"
    } else if most == cyrillic {
        "ru"
    } else {
        "zh"
    }
}

/// Words frequent in one of the three languages and rare in the two others (a Han character
/// counts three above, as it carries about as much as a word of three letters).
const ENGLISH: &[&str] =
    &["and", "are", "for", "its", "of", "on", "that", "the", "their", "this", "to", "which", "with"];
const FRENCH: &[&str] = &[
    "au", "aux", "avec", "d", "dans", "des", "du", "est", "et", "l", "le", "les", "leur", "ou", "pour", "qui", "sur",
    "un", "une",
];
const SPANISH: &[&str] =
    &["al", "como", "con", "del", "el", "las", "los", "para", "por", "que", "su", "sus", "una", "y"];

fn latin_language(text: &str) -> &'static str {
    let mut counts = [0usize; 3];
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        for (count, list) in counts.iter_mut().zip([ENGLISH, FRENCH, SPANISH]) {
            if list.contains(&word.as_str()) {
                *count += 1;
            }
        }
    }
    let romance = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| ["de", "la", "en"].contains(&w.to_lowercase().as_str()))
        .count();
    let [en, fr, es] = counts;
    let (fr, es) = (fr + romance, es + romance);
    if fr.max(es) <= en {
        "en"
    } else if fr != es {
        if fr > es {
            "fr"
        } else {
            "es"
        }
    } else if lexicon::known_units("es", text) > lexicon::known_units("fr", text) {
        // As many French as Spanish function words: the lexicon that knows more of the text.
        "es"
    } else {
        "fr"
    }
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn each_un_language_is_told_apart() {
        let texts = [
            ("en", "Ratify the Optional Protocol to the Convention against Torture"),
            ("fr", "Ratifier le Protocole facultatif se rapportant à la Convention contre la torture"),
            ("es", "Ratificar el Protocolo Facultativo de la Convención contra la Tortura"),
            ("ru", "Ратифицировать Факультативный протокол к Конвенции против пыток"),
            ("ar", "التصديق على البروتوكول الاختياري لاتفاقية مناهضة التعذيب"),
            ("zh", "批准《禁止酷刑公约任择议定书》"),
            ("fr", "Adopter une loi sur la violence domestique et l'égalité des sexes"),
            ("es", "Adoptar una ley sobre la violencia doméstica y la igualdad de género"),
        ];
        for (lang, text) in texts {
            assert_eq!(detect(text), lang, "{text}");
        }
    }

    #[test]
    fn english_when_nothing_tells() {
        assert_eq!(detect(""), "en");
        assert_eq!(detect("12345 !!"), "en");
        assert_eq!(detect("UNICEF"), "en");
        assert_eq!(detect("Torture"), "en");
        assert_eq!(detect("Abolir la pena de muerte"), "es");
        assert_eq!(detect("Abolir la peine de mort"), "fr");
        assert_eq!(detect("Strengthen the role of the Commission de la femme"), "en");
    }

    #[test]
    fn the_script_most_of_the_text_is_in_wins() {
        assert_eq!(detect("Ратифицировать МПГПП (ICCPR)"), "ru");
        assert_eq!(detect("废除死刑 (ICCPR-OP2)"), "zh");
        assert_eq!(detect("المادة 2 من العهد الدولي ICCPR"), "ar");
    }
}
