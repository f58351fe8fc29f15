//! Top-k for a request walks its themes rarest first and stops as soon as no record not yet seen
//! could beat the k-th best (MaxScore); ties break by id, so results are deterministic.

use std::cell::RefCell;

use super::MatchIndex;
use crate::matcher::entry::{RequestEntry, GLOBAL_PARTITION, PARTITIONS};
use crate::matcher::score::Scored;

impl MatchIndex {
    pub(super) fn top_offers(&self, request: &RequestEntry, k: usize, today: i32) -> Vec<(u128, Scored)> {
        let scorer = self.scorer(request, today);
        let mut top = TopK::new(k);
        let partitions = [request.partition as usize, GLOBAL_PARTITION];
        // Walks one theme's lists, skipping what was met in the list of a theme walked earlier.
        // Every posting gets its bound computed without a branch; the one branch left is taken
        // for the few postings that may still enter the top k.
        let visit = |theme: u32, walked: u64, top: &mut TopK| {
            let mut floor = top.floor();
            for p in partitions {
                for list in self.offer_postings[theme as usize * PARTITIONS + p].serving(request.locality) {
                    for ((&slot, &themes), &fit) in list.slots.iter().zip(&list.themes).zip(&list.fit) {
                        let theme_score = scorer.theme_of(themes);
                        let bound = scorer.posting_bound(theme_score, fit as u16, (fit >> 16) as u16);
                        if !((themes & walked == 0) & (bound >= floor)) {
                            continue;
                        }
                        let Some(offer) = self.offers.get(slot) else { continue };
                        if let Some(scored) = scorer.score_with_theme(offer, theme_score) {
                            if top.push(offer.key, scored) {
                                floor = top.floor();
                            }
                        }
                    }
                }
            }
        };
        let needs = scorer.needs_by_weight();
        let total: f64 = needs.iter().map(|(_, w)| w).sum();
        let mut walked = 0u64;
        let mut seen_weight = 0.0;
        for (theme, weight) in needs {
            // An offer not met yet has none of the themes walked so far.
            if top.cannot_beat(scorer.bound(scorer.theme_bound(total - seen_weight))) {
                return top.into_sorted();
            }
            visit(theme, walked, &mut top);
            walked |= 1 << theme;
            seen_weight += weight;
        }
        if top.cannot_beat(scorer.bound(scorer.theme_bound(0.0))) {
            return top.into_sorted();
        }
        let siblings = scorer.sibling_themes();
        for theme in (0..64).filter(|t| siblings & (1u64 << t) != 0) {
            visit(theme, walked, &mut top);
            walked |= 1 << theme;
        }
        top.into_sorted()
    }
}

/// The k best so far, best first; ties go to the smaller key.
pub(super) struct TopK {
    k: usize,
    items: Vec<(u128, Scored)>,
}

impl TopK {
    pub(super) fn new(k: usize) -> Self {
        TopK { k, items: Vec::with_capacity(k + 1) }
    }

    fn better(a: (f64, u128), b: (f64, u128)) -> bool {
        a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }

    /// Keeps the pair if it is among the k best so far; says whether it was.
    pub(super) fn push(&mut self, key: u128, scored: Scored) -> bool {
        if self.k == 0 {
            return false;
        }
        if self.items.len() == self.k {
            let (last_key, last) = self.items[self.k - 1];
            if !Self::better((scored.score, key), (last.score, last_key)) {
                return false;
            }
            self.items.pop();
        }
        let at = self.items.partition_point(|(k, s)| Self::better((s.score, *k), (scored.score, key)));
        self.items.insert(at, (key, scored));
        true
    }

    /// The least score a pair needs to be worth scoring: the k-th best once there are k.
    fn floor(&self) -> f64 {
        match self.k {
            0 => f64::INFINITY,
            k if self.items.len() == k => self.items[k - 1].1.score,
            _ => f64::NEG_INFINITY,
        }
    }

    /// Whether nothing scoring at most `bound` can enter any more.
    fn cannot_beat(&self, bound: f64) -> bool {
        self.k == 0 || (self.items.len() == self.k && bound < self.items[self.k - 1].1.score)
    }

    pub(super) fn into_sorted(self) -> Vec<(u128, Scored)> {
        self.items
    }
}

/// Marks records met during one query, without clearing a whole array each time: a slot counts
/// as visited when it holds the current query's stamp.
pub(super) struct Visited {
    stamps: Vec<u32>,
    stamp: u32,
}

impl Visited {
    pub(super) fn first_visit(&mut self, slot: u32) -> bool {
        let cell = &mut self.stamps[slot as usize];
        if *cell == self.stamp {
            false
        } else {
            *cell = self.stamp;
            true
        }
    }
}

thread_local! {
    static VISITED: RefCell<Visited> = const { RefCell::new(Visited { stamps: Vec::new(), stamp: 0 }) };
}

/// Runs `f` with this thread's visit marks, sized for `slots` records and fresh for this query.
pub(super) fn with_visited<R>(slots: usize, f: impl FnOnce(&mut Visited) -> R) -> R {
    VISITED.with(|cell| {
        let mut visited = cell.borrow_mut();
        if visited.stamps.len() < slots {
            visited.stamps.resize(slots, 0);
        }
        visited.stamp = visited.stamp.wrapping_add(1);
        if visited.stamp == 0 {
            visited.stamps.fill(0);
            visited.stamp = 1;
        }
        f(&mut visited)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::vocab::ConsentStatus;
    use crate::matcher::config::MatchConfig;
    use crate::matcher::entry::key_of;
    use crate::matcher::fixtures::{offer, request};

    const TODAY: i32 = 739_000;

    /// Every admitted offer scored one by one: what the index must reproduce.
    fn brute_force(index: &MatchIndex, request_id: &str, k: usize) -> Vec<(u128, f64)> {
        let request = index.request_entry(request_id).unwrap();
        let scorer = index.scorer(request, TODAY);
        let mut all: Vec<(u128, f64)> =
            index.offers.iter().filter_map(|o| scorer.score(o).map(|s| (o.key, s.score))).collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(k);
        all
    }

    #[test]
    fn top_k_equals_brute_force_on_random_data() {
        let catalog = Catalog::shipped();
        let mut index = MatchIndex::new(catalog, MatchConfig::default());
        let slugs: Vec<&str> = catalog.themes.iter().map(|t| t.slug.as_str()).collect();
        // Regions, sub-regions and intermediate regions, States and a regional group: postings
        // are split by the localities they serve.
        let areas = ["002", "142", "150", "019", "009", "014", "011", "202", "155", "KEN", "NGA", "FRA", "weog"];
        let mut seed = 12345u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        let mut offers = Vec::new();
        for _ in 0..3000 {
            let themes: Vec<&str> = (0..1 + next(4)).map(|_| slugs[next(12)]).collect();
            let area = [areas[next(areas.len())]];
            offers.push(offer(&themes, &area, next(5) == 0));
        }
        let mut requests = Vec::new();
        for _ in 0..80 {
            let themes: Vec<&str> = (0..1 + next(3)).map(|_| slugs[next(12)]).collect();
            let state = ["KEN", "NGA", "EGY", "FRA", "POL", "JPN", "BRA", "AUS"][next(8)];
            requests.push(request(state, &themes, ConsentStatus::Granted));
        }
        index.load(offers, requests.clone());
        for r in &requests {
            for k in [1, 10, 50] {
                let got: Vec<(u128, f64)> = index
                    .offers_for(&r.id, k, TODAY)
                    .iter()
                    .map(|p| (key_of(&p.offer_id).unwrap(), p.scored.score))
                    .collect();
                assert_eq!(got, brute_force(&index, &r.id, k), "request {} k {k}", r.id);
            }
        }
    }
}
