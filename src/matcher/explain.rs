//! Why a pair ranks where it does, in words and lists: the requested themes the offer shares,
//! covers with a related theme, or misses; languages and kinds of help in common; reasons.

use super::entry::Consent;
use super::index::{MatchIndex, Pair};
use super::score::{Breakdown, Open, Openness};
use crate::domain::catalog::Catalog;
use crate::domain::validate::LANGUAGES;
use crate::domain::vocab::Modality;
use crate::error::{Arg, Said};
use crate::i18n::Lang;

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

/// Explains a pair whose sides are both in the index (`None` when one has left it), its reasons
/// in `lang`.
pub fn explain(index: &MatchIndex, pair: &Pair, lang: Lang) -> Option<Explanation> {
    let request = index.request_entry(&pair.request_id)?;
    let overlap = index.overlap(&pair.request_id, &pair.offer_id)?;
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
    let say = |id: &'static str, args: Vec<(&'static str, Arg)>| Said::new(id, args).in_language(lang);
    let mut reasons = Vec::new();
    if !shared.is_empty() {
        let count = |n: usize| Arg::Number(n as i64);
        let args =
            vec![("shared", count(shared.len())), ("requested", count(requested)), ("themes", labels(&shared, lang))];
        reasons.push(say("reason-shares", args));
    }
    if !related.is_empty() {
        reasons.push(say("reason-related", vec![("themes", labels(&related, lang))]));
    }
    if !missing.is_empty() {
        reasons.push(say("reason-missing", vec![("themes", labels(&missing, lang))]));
    }
    reasons.extend(fit_reasons(&pair.scored.breakdown, overlap.open, &languages, &modalities, lang));
    if request.consent == Consent::Pending {
        reasons.push(say("reason-consent-pending", vec![]));
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

/// The reasons for the components other than theme, in the order of the score table: each says
/// which side leaves the criterion unspecified (the request: it constrains nothing; the offer:
/// unknown, scored as such), or how well the two fit.
fn fit_reasons(
    b: &Breakdown,
    open: Openness,
    languages: &[String],
    modalities: &[Modality],
    lang: Lang,
) -> [String; 4] {
    // Spelt out, so a new score component does not compile until it has a reason too.
    let Breakdown { theme: _, modality, language, timeframe, budget, consent_factor: _ } = *b;
    let say = |id: &'static str, args: Vec<(&'static str, Arg)>| Said::new(id, args).in_language(lang);
    let percent = |v: f64| Arg::Text(format!("{:.0}%", v * 100.0));
    // The criterion (its place in the score table), which side leaves it open, its score.
    let reason = |criterion: usize, open: Open, value: f64, fit: &dyn Fn() -> String| match open {
        Open::Request => say(REQUEST_OPEN[criterion], vec![]),
        Open::Offer => say(OFFER_OPEN[criterion], vec![("percent", percent(value))]),
        Open::Neither => fit(),
    };
    let modality = reason(0, open.modality, modality, &|| match modalities {
        [] => say("reason-no-modality-in-common", vec![]),
        _ => {
            let names: Vec<String> = modalities.iter().map(|m| lang.term("modality", m.as_str())).collect();
            say(
                "reason-modalities-in-common",
                vec![("modalities", names.join(", ").into()), ("percent", percent(modality))],
            )
        }
    });
    let language = reason(1, open.language, language, &|| match languages {
        [] => say("reason-no-language-in-common", vec![]),
        _ => say("reason-languages-in-common", vec![("languages", languages.join(", ").into())]),
    });
    let timeframe =
        reason(2, open.timeframe, timeframe, &|| say("reason-period-covers", vec![("percent", percent(timeframe))]));
    let budget = reason(3, open.budget, budget, &|| say("reason-budget-covers", vec![("percent", percent(budget))]));
    [modality, language, timeframe, budget]
}

/// The reason when the request leaves a criterion open, and when the offer does (modality,
/// language, period, budget).
const REQUEST_OPEN: [&str; 4] = [
    "reason-request-no-modality",
    "reason-request-no-language",
    "reason-request-no-period",
    "reason-request-no-budget",
];
const OFFER_OPEN: [&str; 4] =
    ["reason-offer-no-modality", "reason-offer-no-language", "reason-offer-no-period", "reason-offer-no-budget"];

fn theme_names(mask: u64) -> Vec<String> {
    let catalog = Catalog::shipped();
    (0..64).filter(|t| mask & (1u64 << t) != 0).filter_map(|t| catalog.themes.get(t)).map(|t| t.slug.clone()).collect()
}

fn labels(slugs: &[String], lang: Lang) -> Arg {
    let catalog = Catalog::shipped();
    let labels: Vec<&str> =
        slugs.iter().map(|s| catalog.theme(s).map_or(s.as_str(), |t| t.label_in(lang.code()))).collect();
    Arg::Text(labels.join(", "))
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
        let e = explain(&index, &pair, Lang::En).expect("both are indexed");
        assert_eq!(e.shared_themes, ["torture"]);
        assert_eq!(e.missing_themes.len() + e.related_themes.len(), 2);
        assert_eq!(e.common_languages, ["en"]);
        assert_eq!(e.common_modalities, [Modality::Training]);
        assert!(e.reasons[0].starts_with("Shares 1 of 3 requested themes"), "{:?}", e.reasons);
        assert!(e.reasons.iter().any(|r| r == "Languages in common: en"));
        assert!(!e.reasons.iter().any(|r| r.starts_with("Consent is still pending")));
    }

    /// Every reason other than theme and consent says what its component is: the request's
    /// open criterion scores 1, the offer's the documented unknown, and a partial fit its share.
    #[test]
    fn each_fit_reason_follows_its_component() {
        let unknown = MatchConfig::default().unknown;
        let b = |modality, language, timeframe, budget| Breakdown {
            theme: 1.0,
            modality,
            language,
            timeframe,
            budget,
            consent_factor: 1.0,
        };
        let all = |o| Openness { modality: o, language: o, timeframe: o, budget: o };
        let [m, l, t, g] = fit_reasons(&b(1.0, 1.0, 1.0, 1.0), all(Open::Request), &[], &[], Lang::En);
        assert_eq!(
            [m, l, t, g],
            [
                "The request names no kind of help",
                "The request names no language",
                "The request names no period",
                "The request names no budget"
            ]
        );
        let reasons = fit_reasons(&b(unknown, unknown, unknown, unknown), all(Open::Offer), &[], &[], Lang::En);
        for (reason, what) in reasons.iter().zip(["Kind of help", "Language", "Period", "Budget"]) {
            assert_eq!(reason, &format!("{what} unknown: the offer names none (scored 50%)"));
        }
        // A partial fit of the same value reads as a share, never as unknown.
        let partial = fit_reasons(&b(0.5, 0.0, 0.5, 0.5), all(Open::Neither), &[], &[Modality::Training], Lang::En);
        assert_eq!(partial[0], "Kinds of help in common: Training (50% of those requested)");
        assert_eq!(partial[1], "No language in common");
        assert_eq!(partial[2], "The offer's period covers 50% of the request's");
        assert_eq!(partial[3], "The offer's budget covers 50% of the request's");
        assert!(partial.iter().all(|r| !r.contains("unknown")));
    }

    #[test]
    fn an_offer_without_period_or_budget_is_unknown_there_not_a_full_fit() {
        // The fixture's offer names no period and no budget.
        let o = offer(&["torture"], &[], true);
        let mut r = request("KEN", &["torture"], ConsentStatus::Granted);
        r.starts_on = chrono::NaiveDate::from_ymd_opt(2030, 1, 1);
        r.ends_on = chrono::NaiveDate::from_ymd_opt(2030, 6, 30);
        r.budget_min_usd = Some(1000);
        let index = index_with(o, r.clone());
        let pair = index.offers_for(&r.id, 1, 0).pop().expect("the offer matches");
        let unknown = MatchConfig::default().unknown;
        assert_eq!((pair.scored.breakdown.timeframe, pair.scored.breakdown.budget), (unknown, unknown));
        let e = explain(&index, &pair, Lang::En).unwrap();
        assert!(e.reasons.iter().any(|r| r == "Period unknown: the offer names none (scored 50%)"), "{:?}", e.reasons);
        assert!(e.reasons.iter().any(|r| r == "Budget unknown: the offer names none (scored 50%)"), "{:?}", e.reasons);
    }

    #[test]
    fn pending_consent_is_said_and_a_pair_that_left_is_not_explained() {
        let o = offer(&["torture"], &[], true);
        let r = request("KEN", &["torture"], ConsentStatus::Pending);
        let mut index = index_with(o.clone(), r.clone());
        let pair = index.offers_for(&r.id, 1, 0).pop().expect("the offer matches");
        let e = explain(&index, &pair, Lang::En).unwrap();
        assert!(e.reasons.last().unwrap().starts_with("Consent is still pending"));
        index.remove_offer(&o.id);
        assert_eq!(explain(&index, &pair, Lang::En), None);
    }
}
