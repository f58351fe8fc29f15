//! Supply and demand per theme: what the open requests a caller may see ask for, against what the
//! available offers give, counted over the index (the records the matcher ranks), so a donor sees
//! where needs are least covered.

use super::entry::{contains, OfferEntry, RequestEntry, StateSet};
use super::index::MatchIndex;

/// Counts for one theme (or, in `Tally::total`, for all themes together).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub requests: u32,
    /// Distinct requesting States.
    pub states: u32,
    pub offers: u32,
    /// Distinct providers.
    pub providers: u32,
}

/// Per-theme counts, by the theme's position in the catalog, and the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub themes: Vec<Counts>,
    pub total: Counts,
}

/// Counts the requests `admits` lets through and the offers available on `today`, within `area`
/// when given: requests from its States, offers serving at least one of them (or global).
pub fn tally(index: &MatchIndex, today: i32, area: Option<&StateSet>, admits: impl Fn(&RequestEntry) -> bool) -> Tally {
    let mut demand = Distinct::new(256);
    for request in index.requests().filter(|r| admits(r) && area.is_none_or(|a| contains(a, r.state as usize))) {
        demand.add(request.themes, request.state as usize);
    }
    let mut supply = Distinct::new(index.provider_count());
    let serves_area =
        |o: &OfferEntry| o.global || area.is_none_or(|a| a.iter().zip(&o.served).any(|(x, y)| x & y != 0));
    for offer in index.offers().filter(|o| o.is_available(today) && serves_area(o)) {
        supply.add(offer.themes, offer.provider as usize);
    }
    let counts = |t: usize| Counts {
        requests: demand.records[t],
        states: demand.distinct(t),
        offers: supply.records[t],
        providers: supply.distinct(t),
    };
    Tally {
        themes: (0..index.encoder().theme_count()).map(counts).collect(),
        total: Counts {
            requests: demand.all_records,
            states: demand.all_distinct(),
            offers: supply.all_records,
            providers: supply.all_distinct(),
        },
    }
}

/// Records per theme, and the distinct owners (States or providers) behind them, as bit sets.
struct Distinct {
    records: [u32; 64],
    owners: Vec<Vec<u64>>,
    all_records: u32,
    all_owners: Vec<u64>,
}

impl Distinct {
    fn new(owners: usize) -> Distinct {
        let words = owners.div_ceil(64);
        Distinct { records: [0; 64], owners: vec![vec![0; words]; 64], all_records: 0, all_owners: vec![0; words] }
    }

    fn add(&mut self, themes: u64, owner: usize) {
        let (word, bit) = (owner / 64, 1u64 << (owner % 64));
        let mut rest = themes;
        while rest != 0 {
            let t = rest.trailing_zeros() as usize;
            self.records[t] += 1;
            self.owners[t][word] |= bit;
            rest &= rest - 1;
        }
        self.all_records += 1;
        self.all_owners[word] |= bit;
    }

    fn distinct(&self, theme: usize) -> u32 {
        self.owners[theme].iter().map(|w| w.count_ones()).sum()
    }

    fn all_distinct(&self) -> u32 {
        self.all_owners.iter().map(|w| w.count_ones()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::vocab::ConsentStatus;
    use crate::matcher::fixtures::{self, request};
    use crate::matcher::{MatchConfig, OfferFacts, RequestVisibility};

    const TODAY: i32 = 739_000;

    fn offer(provider: &str, themes: &[&str], areas: &[&str], capacity_left: i32) -> OfferFacts {
        OfferFacts { provider: provider.into(), capacity_left, ..fixtures::offer(themes, areas, areas.is_empty()) }
    }

    #[test]
    fn counts_follow_the_gate_the_area_and_availability() {
        let catalog = Catalog::shipped();
        let mut index = MatchIndex::new(catalog, MatchConfig::default());
        let offers = [
            offer("NOR", &["torture", "detention"], &["002"], 1),
            offer("NOR", &["torture"], &[], 2),
            offer("SWE", &["torture"], &["150"], 1),
            offer("DNK", &["torture"], &[], 0),
        ];
        let requests = [
            request("KEN", &["torture", "justice"], ConsentStatus::Granted),
            request("KEN", &["torture"], ConsentStatus::Granted),
            request("UGA", &["torture"], ConsentStatus::Pending),
            request("FRA", &["justice"], ConsentStatus::Granted),
        ];
        index.load(offers, requests);
        let at = |slug: &str| catalog.themes.iter().position(|t| t.slug == slug).unwrap();
        let public = RequestVisibility::Consented { own_state: None };

        let all = tally(&index, TODAY, None, |r| public.admits(r));
        let torture = all.themes[at("torture")];
        assert_eq!(torture, Counts { requests: 2, states: 1, offers: 3, providers: 2 }, "no capacity, not counted");
        assert_eq!(all.themes[at("justice")], Counts { requests: 2, states: 2, offers: 0, providers: 0 });
        assert_eq!(all.total, Counts { requests: 3, states: 2, offers: 3, providers: 2 });

        let uganda = RequestVisibility::Consented { own_state: index.encoder().state("UGA") };
        let own = tally(&index, TODAY, None, |r| uganda.admits(r));
        assert_eq!(own.themes[at("torture")].requests, 3, "a State counts its own pending request");

        let africa = index.encoder().area("002").unwrap();
        let in_africa = tally(&index, TODAY, Some(africa), |r| public.admits(r));
        assert_eq!(in_africa.themes[at("torture")], Counts { requests: 2, states: 1, offers: 2, providers: 1 });
        assert_eq!(in_africa.themes[at("justice")].requests, 1, "France is not in Africa");
        assert_eq!(in_africa.themes[at("detention")].offers, 1);
    }
}
