//! Why a pair ranks where it does, in words and lists: the requested themes the offer shares,
//! covers with a related theme, or misses; languages and kinds of help in common; reasons.

use super::entry::Consent;
use super::index::{MatchIndex, Pair};
use super::score::Breakdown;
use crate::domain::catalog::Catalog;
use crate::domain::validate::LANGUAGES;
use crate::domain::vocab::Modality;

/// One pair's explanation, from what the index knows of both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Requested themes the offer has.
    pub shared_themes: Vec<String>,
    /// Requested themes the offer covers only with a theme of the same group.
    pub related_themes: Vec<String>,
    /// Requested themes the offer does not cover.
    pub missing_themes: Vec<String>,
    pub common_languages: Vec<String>,
    pub common_modalities: Vec<Modality>,
    /// The score in words.
    pub reasons: Vec<String>,
}

/// Explains a pair whose sides are both in the index (`None` when one has left it).
pub fn explain(index: &MatchIndex, pair: &Pair) -> Option<Explanation> {
    let request = index.request_entry(&pair.request_id)?;
    let overlap = index.overlap(&pair.request_id, &pair.offer_id)?;
    // Spelt out, so a new score component does not compile until it has a reason too.
    let Breakdown { theme: _, modality: _, language, timeframe, budget, consent_factor: _ } = pair.scored.breakdown;
    let shared = theme_names(overlap.shared_themes);
    let related = theme_names(overlap.related_themes);
    let missing = theme_names(overlap.missing_themes);
    let languages: Vec<String> = (0..LANGUAGES.len())
        .filter(|&i| overlap.common_languages[i / 64] & (1 << (i % 64)) != 0)
        .map(|i| LANGUAGES[i].to_string())
        .collect();
    let modalities: Vec<Modality> = Modality::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| overlap.common_modalities & (1 << i) != 0)
        .map(|(_, m)| *m)
        .collect();
    let requested = shared.len() + related.len() + missing.len();
    let mut reasons = Vec::new();
    if !shared.is_empty() {
        reasons.push(format!("Shares {} of {requested} requested themes: {}", shared.len(), labels(&shared)));
    }
    if !related.is_empty() {
        reasons.push(format!("Covers with a related theme of the same group: {}", labels(&related)));
    }
    if !missing.is_empty() {
        reasons.push(format!("Does not cover: {}", labels(&missing)));
    }
    reasons.push(match (languages.is_empty(), language) {
        (false, _) => format!("Languages in common: {}", languages.join(", ")),
        (true, l) if l >= 1.0 => "The request names no language".into(),
        (true, l) if l > 0.0 => "The offer names no language".into(),
        _ => "No language in common".into(),
    });
    if !modalities.is_empty() {
        let names: Vec<&str> = modalities.iter().map(|m| m.as_str()).collect();
        reasons.push(format!("Kinds of help in common: {}", names.join(", ")));
    }
    reasons.push(format!("The offer's period covers {:.0}% of the request's", timeframe * 100.0));
    reasons.push(format!("Budget fit {:.0}%", budget * 100.0));
    if request.consent == Consent::Pending {
        reasons.push("Consent is still pending: ranked below consented requests of equal fit".into());
    }
    Some(Explanation {
        shared_themes: shared,
        related_themes: related,
        missing_themes: missing,
        common_languages: languages,
        common_modalities: modalities,
        reasons,
    })
}

fn theme_names(mask: u64) -> Vec<String> {
    let catalog = Catalog::shipped();
    (0..64).filter(|t| mask & (1u64 << t) != 0).filter_map(|t| catalog.themes.get(t)).map(|t| t.slug.clone()).collect()
}

fn labels(slugs: &[String]) -> String {
    let catalog = Catalog::shipped();
    slugs.iter().map(|s| catalog.theme(s).map_or(s.as_str(), |t| t.label())).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::ConsentStatus;
    use crate::matcher::fixtures::{offer, request};
    use crate::matcher::MatchConfig;

    fn index_with(offer: crate::matcher::OfferFacts, request: crate::matcher::RequestFacts) -> MatchIndex {
        let mut index = MatchIndex::new(Catalog::shipped(), MatchConfig::default());
        index.load([offer], [request]);
        index
    }

    #[test]
    fn shared_related_and_missing_themes_with_reasons() {
        let o = offer(&["torture", "detention"], &[], true);
        let r = request("KEN", &["torture", "justice", "womens-rights"], ConsentStatus::Granted);
        let index = index_with(o, r.clone());
        let pair = index.offers_for(&r.id, 1, 0).pop().expect("the offer matches");
        let e = explain(&index, &pair).expect("both are indexed");
        assert_eq!(e.shared_themes, ["torture"]);
        assert_eq!(e.missing_themes.len() + e.related_themes.len(), 2);
        assert_eq!(e.common_languages, ["en"]);
        assert_eq!(e.common_modalities, [Modality::Training]);
        assert!(e.reasons[0].starts_with("Shares 1 of 3 requested themes"), "{:?}", e.reasons);
        assert!(e.reasons.iter().any(|r| r == "Languages in common: en"));
        assert!(!e.reasons.iter().any(|r| r.starts_with("Consent is still pending")));
    }

    #[test]
    fn pending_consent_is_said_and_a_pair_that_left_is_not_explained() {
        let o = offer(&["torture"], &[], true);
        let r = request("KEN", &["torture"], ConsentStatus::Pending);
        let mut index = index_with(o.clone(), r.clone());
        let pair = index.offers_for(&r.id, 1, 0).pop().expect("the offer matches");
        let e = explain(&index, &pair).unwrap();
        assert!(e.reasons.last().unwrap().starts_with("Consent is still pending"));
        index.remove_offer(&o.id);
        assert_eq!(explain(&index, &pair), None);
    }
}
