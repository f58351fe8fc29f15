//! The in-memory index of open offers and open requests, kept current record by record: postings from
//! (theme, region) to records let a query visit only the records that share a theme and could serve it.

mod postings;
mod slots;
mod top_k;

use std::collections::HashMap;

use self::postings::LocalPostings;
use self::slots::Slots;
use self::top_k::{with_visited, TopK};
use super::config::MatchConfig;
use super::entry::{
    id_of, key_of, Consent, Encoder, OfferEntry, OfferFacts, RequestEntry, RequestFacts, GLOBAL_PARTITION, PARTITIONS,
};
use super::score::{Openness, Scored, Scorer};
use crate::domain::catalog::Catalog;
use crate::domain::ids;

/// One ranked offer-request pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub request_id: String,
    pub offer_id: String,
    pub scored: Scored,
}

/// What a pair has in common, as theme and language positions, for explanations.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    pub shared_themes: u64,
    /// Requested themes the offer covers only with a theme of the same group.
    pub related_themes: u64,
    pub missing_themes: u64,
    pub common_modalities: u16,
    pub common_languages: [u64; 3],
    /// Which side leaves each criterion unspecified.
    pub open: Openness,
}

/// One request's best offers: its key, and the offers' keys with their scores, best first.
pub type BestOffers = (u128, Vec<(u128, Scored)>);

/// Requests a thread takes at a time when answering for all requests.
const ALL_PAIRS_BATCH: usize = 256;

pub struct MatchIndex {
    encoder: Encoder,
    config: MatchConfig,
    offers: Slots<OfferEntry>,
    requests: Slots<RequestEntry>,
    offer_postings: Vec<LocalPostings>,
    request_postings: Vec<Vec<u32>>,
    /// How many records (offers and requests) carry each theme.
    df: [u32; 64],
    idf: [f64; 64],
    providers: Vec<String>,
    provider_ids: HashMap<String, u32>,
    generation: u64,
}

impl MatchIndex {
    pub fn new(catalog: &Catalog, config: MatchConfig) -> MatchIndex {
        let mut index = MatchIndex {
            encoder: Encoder::new(catalog),
            config,
            offers: Slots::new(),
            requests: Slots::new(),
            offer_postings: vec![LocalPostings::default(); 64 * PARTITIONS],
            request_postings: vec![Vec::new(); 64 * PARTITIONS],
            df: [0; 64],
            idf: [0.0; 64],
            providers: Vec::new(),
            provider_ids: HashMap::new(),
            generation: 0,
        };
        index.refresh_idf();
        index
    }

    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Changes whenever the indexed data changes (part of the match lists' ETags).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn offer_count(&self) -> usize {
        self.offers.len()
    }

    pub fn request_count(&self) -> usize {
        self.requests.len()
    }

    pub fn offers(&self) -> impl Iterator<Item = &OfferEntry> {
        self.offers.iter()
    }

    pub fn requests(&self) -> impl Iterator<Item = &RequestEntry> {
        self.requests.iter()
    }

    /// Providers seen so far (an offer's `provider` is below this).
    pub fn provider_count(&self) -> usize {
        self.providers.len()
    }

    /// Loads many records at once (start-up): the theme weights are computed once at the end.
    pub fn load(
        &mut self,
        offers: impl IntoIterator<Item = OfferFacts>,
        requests: impl IntoIterator<Item = RequestFacts>,
    ) {
        let offers = offers.into_iter();
        self.offers.reserve(offers.size_hint().0);
        for o in offers {
            self.put_offer(&o);
        }
        for r in requests {
            self.put_request(&r);
        }
        self.refresh_idf();
        self.generation += 1;
    }

    /// Puts (or replaces) an open offer.
    pub fn upsert_offer(&mut self, facts: &OfferFacts) {
        self.drop_offer(facts.id.as_str());
        self.put_offer(facts);
        self.refresh_idf();
        self.generation += 1;
    }

    /// Removes an offer that is no longer open (a no-op for one not indexed).
    pub fn remove_offer(&mut self, id: &str) {
        if self.drop_offer(id) {
            self.refresh_idf();
        }
        self.generation += 1;
    }

    pub fn upsert_request(&mut self, facts: &RequestFacts) {
        self.drop_request(&facts.id);
        self.put_request(facts);
        self.refresh_idf();
        self.generation += 1;
    }

    pub fn remove_request(&mut self, id: &str) {
        if self.drop_request(id) {
            self.refresh_idf();
        }
        self.generation += 1;
    }

    fn put_offer(&mut self, facts: &OfferFacts) {
        let provider = self.provider_id(&facts.provider);
        if let Some(entry) = self.encoder.offer(facts, provider) {
            self.put_offer_entry(entry);
        }
    }

    /// Adds many records at once (the start-up load): the theme weights are computed once, when
    /// the returned loader is dropped.
    pub fn bulk(&mut self) -> BulkLoad<'_> {
        BulkLoad(self)
    }

    fn drop_offer(&mut self, id: &str) -> bool {
        key_of(id).is_some_and(|key| self.drop_offer_key(key))
    }

    fn provider_id(&mut self, provider: &str) -> u32 {
        if let Some(&id) = self.provider_ids.get(provider) {
            return id;
        }
        self.providers.push(provider.to_string());
        let id = (self.providers.len() - 1) as u32;
        self.provider_ids.insert(provider.to_string(), id);
        id
    }

    /// Rarer themes weigh more: a smoothed inverse document frequency over all records.
    fn refresh_idf(&mut self) {
        let n = (self.offers.len() + self.requests.len()) as f64;
        for (w, df) in self.idf.iter_mut().zip(self.df) {
            *w = (1.0 + (n + 1.0) / (f64::from(df) + 1.0)).ln();
        }
    }

    pub fn provider_of(&self, offer_id: &str) -> Option<&str> {
        let offer = self.offers.find(key_of(offer_id)?)?;
        Some(&self.providers[offer.provider as usize])
    }

    pub fn request_entry(&self, id: &str) -> Option<&RequestEntry> {
        self.requests.find(key_of(id)?)
    }

    /// The state code of an indexed request.
    pub fn request_state(&self, request: &RequestEntry) -> &str {
        &Catalog::shipped().states[request.state as usize].code
    }

    pub fn encoder(&self) -> &Encoder {
        &self.encoder
    }

    /// The scorer the index uses for this request (for comparisons and benchmarks).
    pub fn scorer<'a>(&'a self, request: &'a RequestEntry, today: i32) -> Scorer<'a> {
        Scorer::new(&self.config, request, &self.idf, &self.encoder.siblings, today)
    }

    /// The `k` best open offers for an indexed request, best first.
    pub fn offers_for(&self, request_id: &str, k: usize, today: i32) -> Vec<Pair> {
        let Some(request) = self.request_entry(request_id) else { return vec![] };
        self.top_offers(request, k, today)
            .into_iter()
            .map(|(key, scored)| Pair { request_id: request_id.to_string(), offer_id: id_of(ids::OFFER, key), scored })
            .collect()
    }

    /// The `k` best open requests for an indexed offer that `visible` lets the caller see.
    pub fn requests_for(
        &self,
        offer_id: &str,
        k: usize,
        today: i32,
        visible: impl Fn(&RequestEntry) -> bool,
    ) -> Vec<Pair> {
        let Some(offer) = key_of(offer_id).and_then(|key| self.offers.find(key)) else { return vec![] };
        let partitions: Vec<usize> = if offer.global {
            (0..GLOBAL_PARTITION).collect()
        } else {
            (0..PARTITIONS).filter(|p| offer.partitions & (1 << p) != 0).collect()
        };
        let themes = (0..64)
            .filter(|t| offer.themes & (1u64 << t) != 0)
            .fold(0u64, |m, t| m | (1 << t) | self.encoder.siblings[t]);
        let mut top = TopK::new(k);
        with_visited(self.requests.items.len(), |visited| {
            for theme in (0..64).filter(|t| themes & (1u64 << t) != 0) {
                for &p in &partitions {
                    for &slot in &self.request_postings[theme * PARTITIONS + p] {
                        if !visited.first_visit(slot) {
                            continue;
                        }
                        let Some(request) = self.requests.get(slot) else { continue };
                        if !visible(request) {
                            continue;
                        }
                        let scorer = Scorer::new(&self.config, request, &self.idf, &self.encoder.siblings, today);
                        if let Some(scored) = scorer.score(offer) {
                            top.push(request.key, scored);
                        }
                    }
                }
            }
        });
        top.into_sorted()
            .into_iter()
            .map(|(key, scored)| Pair { request_id: id_of(ids::REQUEST, key), offer_id: offer_id.to_string(), scored })
            .collect()
    }

    /// The keys of the requests that `include` admits, in the order a walk over all of them
    /// should take: neighbours walk the same posting lists, which stay in the core's cache.
    pub fn walk_order(&self, include: impl Fn(&RequestEntry) -> bool) -> Vec<u128> {
        let mut requests: Vec<&RequestEntry> = self.requests.iter().filter(|r| include(r)).collect();
        requests.sort_unstable_by_key(|r| (r.partition, r.locality, r.themes, r.key));
        requests.into_iter().map(|r| r.key).collect()
    }

    /// The `k` best offers for each of these requests (those still indexed).
    pub fn best_offers_of(&self, keys: &[u128], k: usize, today: i32) -> Vec<BestOffers> {
        keys.iter().filter_map(|&key| self.requests.find(key).map(|r| (key, self.top_offers(r, k, today)))).collect()
    }

    /// The `k` best offers for every request that `include` admits, computed on `threads`
    /// threads: (request key, its best offers' keys and scores).
    pub fn top_offers_for_all(
        &self,
        k: usize,
        today: i32,
        threads: usize,
        include: impl Fn(&RequestEntry) -> bool + Sync,
    ) -> Vec<BestOffers> {
        let keys = self.walk_order(include);
        if threads <= 1 || keys.len() < 2 * ALL_PAIRS_BATCH {
            return self.best_offers_of(&keys, k, today);
        }
        // Threads take batches in turn, so a region with more work than others is shared too.
        let batches: Vec<&[u128]> = keys.chunks(ALL_PAIRS_BATCH).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut answered: Vec<(usize, Vec<BestOffers>)> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(batch) = batches.get(i) else { return done };
                            done.push((i, self.best_offers_of(batch, k, today)));
                        }
                    })
                })
                .collect();
            workers.into_iter().flat_map(|w| w.join().expect("a matcher thread panicked")).collect()
        });
        answered.sort_unstable_by_key(|(i, _)| *i);
        answered.into_iter().flat_map(|(_, answers)| answers).collect()
    }

    /// What a pair shares, for its explanation.
    pub fn overlap(&self, request_id: &str, offer_id: &str) -> Option<Overlap> {
        let request = self.request_entry(request_id)?;
        let offer = self.offers.find(key_of(offer_id)?)?;
        let shared = request.themes & offer.themes;
        let related = (0..64)
            .filter(|&t| request.themes & !shared & (1u64 << t) != 0 && offer.themes & self.encoder.siblings[t] != 0)
            .fold(0u64, |m, t| m | (1 << t));
        Some(Overlap {
            shared_themes: shared,
            related_themes: related,
            missing_themes: request.themes & !shared & !related,
            common_modalities: request.modalities & offer.modalities,
            common_languages: [
                request.languages[0] & offer.languages[0],
                request.languages[1] & offer.languages[1],
                request.languages[2] & offer.languages[2],
            ],
            open: Openness::of(request, offer),
        })
    }

    /// Bytes held, counting allocations by their capacity.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let postings =
            |lists: &Vec<Vec<u32>>| lists.iter().map(|l| l.capacity() * 4 + size_of::<Vec<u32>>()).sum::<usize>();
        let map = |n: usize| n * (size_of::<u128>() + size_of::<u32>() + 1) * 8 / 7;
        let offer_postings: usize = self.offer_postings.iter().map(LocalPostings::heap_bytes).sum();
        self.offers.items.capacity() * size_of::<Option<OfferEntry>>()
            + map(self.offers.by_key.capacity())
            + self.requests.items.capacity() * size_of::<Option<RequestEntry>>()
            + map(self.requests.by_key.capacity())
            + offer_postings
            + postings(&self.request_postings)
            + self.providers.iter().map(|p| p.capacity() + size_of::<String>() * 2 + 8).sum::<usize>()
    }
}

/// Adds records to an index without reweighing the themes after each; dropping it reweighs.
pub struct BulkLoad<'a>(&'a mut MatchIndex);

impl BulkLoad<'_> {
    /// Offers encoded elsewhere (in the threads that read them), with their providers.
    pub fn offers(&mut self, offers: Vec<(OfferEntry, String)>) {
        let index = &mut *self.0;
        index.offers.reserve(offers.len());
        for (mut entry, provider) in offers {
            entry.provider = index.provider_id(&provider);
            // Read twice when it moved between the loaders' snapshots: one copy stays (and the
            // change that moved it brings the current one).
            index.drop_offer_key(entry.key);
            index.put_offer_entry(entry);
        }
    }

    pub fn requests(&mut self, requests: &[RequestFacts]) {
        for r in requests {
            self.0.put_request(r);
        }
    }
}

impl Drop for BulkLoad<'_> {
    fn drop(&mut self) {
        self.0.refresh_idf();
        self.0.generation += 1;
    }
}

/// Pairs from each request's best offers, best first: by score, then request id, then offer id.
pub fn ranked_pairs(best: impl IntoIterator<Item = BestOffers>) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    for (request, top) in best {
        for (key, scored) in top {
            pairs.push(Pair { request_id: id_of(ids::REQUEST, request), offer_id: id_of(ids::OFFER, key), scored });
        }
    }
    pairs.sort_by(|a, b| {
        b.scored
            .score
            .total_cmp(&a.scored.score)
            .then_with(|| a.request_id.cmp(&b.request_id))
            .then_with(|| a.offer_id.cmp(&b.offer_id))
    });
    pairs
}

/// Which indexed requests a caller may see (the consent gate, in index terms).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RequestVisibility {
    All,
    /// Consented requests, plus those of the State at this catalog position.
    Consented {
        own_state: Option<u8>,
    },
}

impl RequestVisibility {
    pub fn admits(&self, request: &RequestEntry) -> bool {
        match self {
            RequestVisibility::All => true,
            RequestVisibility::Consented { own_state } => {
                request.consent == Consent::Granted || *own_state == Some(request.state)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::ConsentStatus;
    use crate::matcher::fixtures::{offer, request};

    const TODAY: i32 = 739_000;

    #[test]
    fn all_requests_on_two_threads_equal_one_query_each() {
        let catalog = Catalog::shipped();
        let mut index = MatchIndex::new(catalog, MatchConfig::default());
        let slugs: Vec<&str> = catalog.themes.iter().map(|t| t.slug.as_str()).collect();
        let offers: Vec<OfferFacts> = (0..400)
            .map(|i| offer(&[slugs[i % 9], slugs[i % 5]], &["002", "150"][i % 2..=i % 2], i % 7 == 0))
            .collect();
        // Enough requests for several batches per thread.
        let requests: Vec<RequestFacts> = (0..5 * ALL_PAIRS_BATCH)
            .map(|i| request(["KEN", "FRA", "JPN"][i % 3], &[slugs[i % 9], slugs[i % 4]], ConsentStatus::Granted))
            .collect();
        index.load(offers, requests.clone());
        let all = index.top_offers_for_all(5, TODAY, 2, |_| true);
        assert_eq!(all.len(), requests.len());
        for (request, top) in all {
            let id = id_of(ids::REQUEST, request);
            let one: Vec<(String, f64)> =
                index.offers_for(&id, 5, TODAY).into_iter().map(|p| (p.offer_id, p.scored.score)).collect();
            let got: Vec<(String, f64)> = top.into_iter().map(|(k, s)| (id_of(ids::OFFER, k), s.score)).collect();
            assert_eq!(got, one, "request {id}");
        }
    }

    #[test]
    fn a_bulk_load_keeps_one_copy_of_an_offer_read_twice() {
        let mut index = MatchIndex::new(Catalog::shipped(), MatchConfig::default());
        let r = request("KEN", &["torture"], ConsentStatus::Granted);
        let o = offer(&["torture"], &["014"], false);
        let entry = index.encoder().offer(&o, 0).unwrap();
        let mut bulk = index.bulk();
        bulk.offers(vec![(entry.clone(), "NOR".into())]);
        bulk.offers(vec![(entry, "SWE".into())]);
        bulk.requests(std::slice::from_ref(&r));
        drop(bulk);
        assert_eq!(index.offer_count(), 1);
        assert_eq!(index.offers_for(&r.id, 10, TODAY).len(), 1);
        assert_eq!(index.provider_of(&o.id), Some("SWE"));
        index.remove_offer(&o.id);
        assert!(index.offers_for(&r.id, 10, TODAY).is_empty(), "no copy left behind");
    }

    #[test]
    fn related_themes_match_partly_and_are_explained() {
        let catalog = Catalog::shipped();
        let mut index = MatchIndex::new(catalog, MatchConfig::default());
        let r = request("KEN", &["torture", "death-penalty"], ConsentStatus::Granted);
        let exact = offer(&["torture", "death-penalty"], &["KEN"], false);
        let sibling = offer(&["detention"], &["KEN"], false);
        index.load(vec![exact.clone(), sibling.clone()], vec![r.clone()]);
        let pairs = index.offers_for(&r.id, 10, TODAY);
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].offer_id, exact.id);
        assert!(pairs[1].scored.score < pairs[0].scored.score);
        let why = index.overlap(&r.id, &sibling.id).unwrap();
        assert_eq!(why.shared_themes, 0);
        assert_eq!(why.related_themes.count_ones(), 2, "detention is a sibling of both");
    }
}
