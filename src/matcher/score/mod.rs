//! The score of one offer-request pair, pure and deterministic: hard filters, then a weighted sum of components
//! in [0, 1] times a consent factor; `Scorer` precomputes the request's side so a candidate costs a few bit ops.
//!
//! Adding a score component touches these places, in this order (once the `Breakdown` field
//! exists, the compiler points at every struct literal and pattern that lists the components):
//! 1. `MatchConfig` (`config.rs`): a weight field, its default, its name in `parse`, and
//!    `total_weight` (so the consent-scaled bounds count it).
//! 2. `Breakdown` below: a field; then a `Scorer` method computing it in [0, 1] from an
//!    `OfferEntry` and the request (whatever it needs from the rows goes into the entries,
//!    `entry.rs`, filled by `db/match_source.rs`), and a term in `score_with_theme`.
//! 3. Nothing in the bounds: `bound` and `posting_bound` count every component other than
//!    theme, modality and language at its best (its full weight), which keeps the top-k
//!    search exact; `top_k_equals_brute_force_on_random_data` checks that.
//! 4. `Explanation` (`explain.rs`): a reason in words; `ScoreBreakdown` in
//!    `service/matches.rs`: the field clients see (then `UPDATE_OPENAPI=1 cargo test openapi`).
//! 5. README's score table, and the matcher benchmark before and after.

use super::config::MatchConfig;
use super::entry::{contains, language_signature, Consent, OfferEntry, RequestEntry};

/// Which side leaves a criterion unspecified, if either: a request that does constrains
/// nothing (the component scores 1); an offer that does is scored `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    Neither,
    Request,
    Offer,
}

/// Which side leaves each criterion other than theme unspecified, by the scorer's own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Openness {
    pub modality: Open,
    pub language: Open,
    pub timeframe: Open,
    pub budget: Open,
}

impl Openness {
    pub fn of(request: &RequestEntry, offer: &OfferEntry) -> Openness {
        let open = |request_open: bool, offer_open: bool| match (request_open, offer_open) {
            (true, _) => Open::Request,
            (false, true) => Open::Offer,
            (false, false) => Open::Neither,
        };
        Openness {
            modality: open(request.modalities == 0, offer.modalities == 0),
            language: open(request.languages == [0; 3], offer.languages == [0; 3]),
            timeframe: open(no_period(request.start, request.end), no_period(offer.start, offer.end)),
            budget: open(budget_needed(request) < 0, offer.budget < 0),
        }
    }
}

/// Whether a side's period is open at both ends (it names none).
fn no_period(start: i32, end: i32) -> bool {
    start == i32::MIN && end == i32::MAX
}

/// The request's minimum budget, or without one its maximum (negative: none).
fn budget_needed(request: &RequestEntry) -> i64 {
    if request.budget_min >= 0 {
        request.budget_min
    } else {
        request.budget_max
    }
}

/// Each component of a score, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Breakdown {
    /// IDF-weighted coverage of the request's themes (exact, or partly by a theme of the same
    /// group), blended with how relevant the offer's own themes are.
    pub theme: f64,
    pub modality: f64,
    pub language: f64,
    pub timeframe: f64,
    pub budget: f64,
    /// 1 for granted consent, `pending_factor` for pending.
    pub consent_factor: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub score: f64,
    pub breakdown: Breakdown,
}

/// `1/n` for the number of themes an offer carries (0 for none).
const RECIPROCALS: [f64; 65] = {
    let mut table = [0.0; 65];
    let mut n = 1;
    while n < 65 {
        table[n] = 1.0 / n as f64;
        n += 1;
    }
    table
};

/// One request theme and what it is worth.
#[derive(Debug, Clone, Copy)]
struct Need {
    bit: u64,
    weight: f64,
    siblings: u64,
}

/// Up to four request themes, with the summed weight of every subset of them: the coverage of
/// an offer's themes is then a few bit tests and two lookups per four themes, not a sum.
#[derive(Debug, Clone)]
struct NeedBlock {
    bits: [u64; 4],
    siblings: [u64; 4],
    /// `sums[s]`: the weight of the needs in subset `s` (bit `i` for need `i`).
    sums: [f64; 16],
}

impl NeedBlock {
    fn blocks(needs: &[Need]) -> Vec<NeedBlock> {
        needs
            .chunks(4)
            .map(|chunk| {
                let mut block = NeedBlock { bits: [0; 4], siblings: [0; 4], sums: [0.0; 16] };
                for (i, need) in chunk.iter().enumerate() {
                    block.bits[i] = need.bit;
                    block.siblings[i] = need.siblings;
                }
                for subset in 1..16usize {
                    let lowest = subset.trailing_zeros() as usize;
                    let weight = chunk.get(lowest).map_or(0.0, |n| n.weight);
                    block.sums[subset] = block.sums[subset & (subset - 1)] + weight;
                }
                block
            })
            .collect()
    }

    /// The needs these themes meet exactly, and those they meet only by a sibling, as subsets.
    #[inline]
    fn hits(&self, themes: u64) -> (usize, usize) {
        let (mut exact, mut related) = (0, 0);
        for i in 0..4 {
            exact |= usize::from(themes & self.bits[i] != 0) << i;
            related |= usize::from(themes & self.siblings[i] != 0) << i;
        }
        (exact, related & !exact)
    }
}

/// Scores offers against one request.
pub struct Scorer<'a> {
    config: &'a MatchConfig,
    request: &'a RequestEntry,
    needs: Vec<Need>,
    blocks: Vec<NeedBlock>,
    total_weight: f64,
    inverse_weight: f64,
    /// Request themes and their siblings: what makes an offer theme relevant.
    relevant: u64,
    today: i32,
    /// The request's period, closed (open ends replaced by today and a year on).
    period: (i32, i32),
    consent_factor: f64,
    request_signature: u16,
    /// What [`Scorer::posting_bound`] adds up: the theme component's slope, the modality part
    /// by the number of modalities in common (index 16: the offer names none), and the
    /// language part with every other component at its best (index: 2 when the offer
    /// names no language, plus 1 when the signatures share a bit).
    theme_slope: f64,
    modality_bound: [f64; 17],
    language_bound: [f64; 4],
}

impl<'a> Scorer<'a> {
    /// `idf[t]` is the weight of theme `t`; `siblings[t]` the other themes of its group.
    pub fn new(config: &'a MatchConfig, request: &'a RequestEntry, idf: &[f64], siblings: &[u64], today: i32) -> Self {
        let needs: Vec<Need> = (0..64)
            .filter(|t| request.themes & (1 << t) != 0)
            .map(|t| Need { bit: 1 << t, weight: idf[t], siblings: siblings[t] })
            .collect();
        let relevant = needs.iter().fold(request.themes, |m, n| m | n.siblings);
        let start = if request.start == i32::MIN { today } else { request.start };
        let end = if request.end == i32::MAX { start.saturating_add(365).max(start) } else { request.end };
        let total_weight: f64 = needs.iter().map(|n| n.weight).sum();
        let consent_factor = match request.consent {
            Consent::Granted => 1.0,
            Consent::Pending => config.pending_factor,
        };
        let scale = consent_factor / config.total_weight();
        let mut modality_bound = [0.0; 17];
        for (common, bound) in modality_bound.iter_mut().enumerate() {
            let value = match request.modalities {
                0 => 1.0,
                _ if common == 16 => config.unknown,
                r => common as f64 / f64::from(r.count_ones()),
            };
            *bound = scale * config.modality * value;
        }
        let request_signature = language_signature(&request.languages);
        // Every component but theme, modality and language counted at its best.
        let others_at_best = config.total_weight() - config.theme - config.modality - config.language;
        let language_bound = [0.0, 1.0, config.unknown, config.unknown].map(|value| {
            let value = if request_signature == 0 { 1.0 } else { value };
            scale * (config.language * value + others_at_best) + 1e-9
        });
        Scorer {
            config,
            request,
            total_weight,
            inverse_weight: if total_weight > 0.0 { 1.0 / total_weight } else { 0.0 },
            blocks: NeedBlock::blocks(&needs),
            needs,
            relevant,
            today,
            period: (start, end.max(start)),
            request_signature,
            consent_factor,
            theme_slope: scale * config.theme,
            modality_bound,
            language_bound,
        }
    }

    /// The hard filters: capacity left, not ended, the requesting State served.
    pub fn admits(&self, offer: &OfferEntry) -> bool {
        offer.is_available(self.today) && (offer.global || contains(&offer.served, self.request.state as usize))
    }

    pub fn theme(&self, offer: &OfferEntry) -> f64 {
        self.theme_of(offer.themes)
    }

    /// The theme component for an offer with these themes. It runs for most postings a query
    /// scans: bit tests and table lookups, no branches.
    #[inline]
    pub fn theme_of(&self, themes: u64) -> f64 {
        let (mut exact_weight, mut related_weight) = (0.0, 0.0);
        for block in &self.blocks {
            let (exact, related) = block.hits(themes);
            exact_weight += block.sums[exact];
            related_weight += block.sums[related];
        }
        let covered = exact_weight + self.config.sibling_credit * related_weight;
        let precision = f64::from((themes & self.relevant).count_ones()) * RECIPROCALS[themes.count_ones() as usize];
        let theme =
            self.config.coverage_share * covered * self.inverse_weight + (1.0 - self.config.coverage_share) * precision;
        // Nothing covered, not even partly: no theme score at all (without a branch).
        theme * f64::from(u8::from(covered > 0.0))
    }

    /// A bound tighter than [`Scorer::bound`] from what a posting carries: the theme component,
    /// the offer's modalities (exact) and its language signature (may overstate a shared
    /// language, never understate it). Table lookups, no branches: it runs for every posting.
    #[inline]
    pub fn posting_bound(&self, theme: f64, modalities: u16, language_signature: u16) -> f64 {
        let modality = (modalities & self.request.modalities).count_ones() as usize | usize::from(modalities == 0) << 4;
        let language =
            usize::from(language_signature == 0) << 1 | usize::from(language_signature & self.request_signature != 0);
        self.theme_slope * theme + self.modality_bound[modality] + self.language_bound[language]
    }

    /// The score, or `None` when a hard filter fails or no theme is shared, even partly.
    pub fn score(&self, offer: &OfferEntry) -> Option<Scored> {
        self.score_with_theme(offer, self.theme(offer))
    }

    /// [`Scorer::score`] when the theme component is already known (from a posting's mask).
    pub fn score_with_theme(&self, offer: &OfferEntry, theme: f64) -> Option<Scored> {
        if !self.admits(offer) {
            return None;
        }
        if theme <= 0.0 {
            return None;
        }
        let c = self.config;
        let breakdown = Breakdown {
            theme,
            modality: self.modality(offer),
            language: self.language(offer),
            timeframe: self.timeframe(offer),
            budget: self.budget(offer),
            consent_factor: self.consent_factor,
        };
        let weighted = c.theme * breakdown.theme
            + c.modality * breakdown.modality
            + c.language * breakdown.language
            + c.timeframe * breakdown.timeframe
            + c.budget * breakdown.budget;
        let score = (self.consent_factor * weighted / c.total_weight()).clamp(0.0, 1.0);
        Some(Scored { score, breakdown })
    }

    /// The best score any offer whose theme component is at most `theme` could reach; a hair
    /// above, since the score sums the same terms in another order and rounds differently.
    pub fn bound(&self, theme: f64) -> f64 {
        let c = self.config;
        self.consent_factor * (c.theme * theme + c.total_weight() - c.theme) / c.total_weight() + 1e-9
    }

    /// The theme component an offer reaches with exact matches on `exact` needs (positions in
    /// rarest-first order are the caller's business) and partial credit on the rest.
    pub fn theme_bound(&self, exact_weight: f64) -> f64 {
        if self.total_weight <= 0.0 {
            return 0.0;
        }
        let rest = (self.total_weight - exact_weight).max(0.0) * self.config.sibling_credit;
        self.config.coverage_share * ((exact_weight + rest) / self.total_weight).min(1.0)
            + (1.0 - self.config.coverage_share)
    }

    /// The request's themes with their weights, rarest (heaviest) first.
    pub fn needs_by_weight(&self) -> Vec<(u32, f64)> {
        let mut needs: Vec<(u32, f64)> = self.needs.iter().map(|n| (n.bit.trailing_zeros(), n.weight)).collect();
        needs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        needs
    }

    /// Themes of the request's groups that are not themselves requested.
    pub fn sibling_themes(&self) -> u64 {
        self.relevant & !self.request.themes
    }

    fn modality(&self, offer: &OfferEntry) -> f64 {
        self.modality_of(offer.modalities)
    }

    fn modality_of(&self, offer_modalities: u16) -> f64 {
        match (self.request.modalities, offer_modalities) {
            (0, _) => 1.0,
            (_, 0) => self.config.unknown,
            (r, o) => f64::from((r & o).count_ones()) / f64::from(r.count_ones()),
        }
    }

    fn language(&self, offer: &OfferEntry) -> f64 {
        let empty = |s: &[u64; 3]| s.iter().all(|w| *w == 0);
        if empty(&self.request.languages) {
            1.0
        } else if empty(&offer.languages) {
            self.config.unknown
        } else if self.request.languages.iter().zip(&offer.languages).any(|(r, o)| r & o != 0) {
            1.0
        } else {
            0.0
        }
    }

    /// Share of the request's period the offer's period covers (`unknown` when the offer
    /// names no period).
    fn timeframe(&self, offer: &OfferEntry) -> f64 {
        if no_period(self.request.start, self.request.end) {
            return 1.0;
        }
        if no_period(offer.start, offer.end) {
            return self.config.unknown;
        }
        let (start, end) = self.period;
        let overlap = i64::from(end.min(offer.end)) - i64::from(start.max(offer.start)) + 1;
        (overlap.max(0) as f64 / (i64::from(end) - i64::from(start) + 1) as f64).min(1.0)
    }

    /// How much of the request's minimum (or, without one, maximum) budget the offer covers.
    fn budget(&self, offer: &OfferEntry) -> f64 {
        let need = budget_needed(self.request);
        if need < 0 {
            1.0
        } else if offer.budget < 0 {
            self.config.unknown
        } else if need == 0 {
            1.0
        } else {
            (offer.budget as f64 / need as f64).min(1.0)
        }
    }
}

#[cfg(test)]
mod tests;
