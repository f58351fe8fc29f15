//! The in-memory index of open offers and open requests. Postings go from (theme, region) to
//! records, so a query visits only records that share a theme and could serve the region.
//! Top-k for a request walks its themes rarest first and stops as soon as no record not yet
//! seen could beat the k-th best (MaxScore); ties break by id, so results are deterministic.

use std::cell::RefCell;
use std::collections::HashMap;

use super::config::MatchConfig;
use super::entry::{
    id_of, key_of, language_signature, Consent, Encoder, OfferEntry, OfferFacts, RequestEntry, RequestFacts,
    GLOBAL_PARTITION, PARTITIONS,
};
use super::quick_hash::QuickHash;
use super::score::{Scored, Scorer};
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
}

type KeyMap = HashMap<u128, u32, QuickHash>;

/// One request's best offers: its key, and the offers' keys with their scores, best first.
pub type BestOffers = (u128, Vec<(u128, Scored)>);

/// Requests a thread takes at a time when answering for all requests.
const ALL_PAIRS_BATCH: usize = 256;

/// Records, with slots reused after removal so postings hold small numbers.
struct Slots<T> {
    items: Vec<Option<T>>,
    free: Vec<u32>,
    by_key: KeyMap,
}

impl<T> Slots<T> {
    fn new() -> Self {
        Slots { items: Vec::new(), free: Vec::new(), by_key: KeyMap::default() }
    }

    fn reserve(&mut self, n: usize) {
        self.items.reserve(n);
        self.by_key.reserve(n);
    }

    fn insert(&mut self, key: u128, item: T) -> u32 {
        let slot = match self.free.pop() {
            Some(slot) => {
                self.items[slot as usize] = Some(item);
                slot
            }
            None => {
                self.items.push(Some(item));
                (self.items.len() - 1) as u32
            }
        };
        self.by_key.insert(key, slot);
        slot
    }

    fn remove(&mut self, key: u128) -> Option<(u32, T)> {
        let slot = self.by_key.remove(&key)?;
        let item = self.items[slot as usize].take()?;
        self.free.push(slot);
        Some((slot, item))
    }

    /// The slot the next `insert` will use.
    fn next_slot(&self) -> u32 {
        self.free.last().copied().unwrap_or(self.items.len() as u32)
    }

    fn get(&self, slot: u32) -> Option<&T> {
        self.items.get(slot as usize).and_then(Option::as_ref)
    }

    fn find(&self, key: u128) -> Option<&T> {
        self.by_key.get(&key).and_then(|&s| self.get(s))
    }

    fn len(&self) -> usize {
        self.by_key.len()
    }

    fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter().flatten()
    }
}

/// A posting list of offers: each slot with the offer's theme mask, modality mask and language
/// signature alongside, so a query computes the theme component and a tight score bound while
/// scanning in order, and touches a record only when it can still enter the top k.
#[derive(Clone, Default)]
struct OfferPostings {
    slots: Vec<u32>,
    themes: Vec<u64>,
    /// Modality mask (low 16 bits) and language signature (high 16 bits).
    fit: Vec<u32>,
}

impl OfferPostings {
    fn push(&mut self, slot: u32, offer: &OfferEntry) {
        self.slots.push(slot);
        self.themes.push(offer.themes);
        self.fit.push(u32::from(offer.modalities) | u32::from(language_signature(&offer.languages)) << 16);
    }

    fn remove(&mut self, slot: u32) {
        if let Some(i) = self.slots.iter().position(|&s| s == slot) {
            self.slots.swap_remove(i);
            self.themes.swap_remove(i);
            self.fit.swap_remove(i);
        }
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 4 + self.themes.capacity() * 8 + self.fit.capacity() * 4 + std::mem::size_of::<Self>()
    }
}

/// The offers of one theme in one partition, split by the localities of the partition they
/// serve: a query reads only the lists that serve its State's locality.
#[derive(Clone, Default)]
struct LocalPostings(Vec<(u8, OfferPostings)>);

impl LocalPostings {
    fn push(&mut self, localities: u8, slot: u32, offer: &OfferEntry) {
        let at = match self.0.iter().position(|(l, _)| *l == localities) {
            Some(at) => at,
            None => {
                self.0.push((localities, OfferPostings::default()));
                self.0.len() - 1
            }
        };
        self.0[at].1.push(slot, offer);
    }

    fn remove(&mut self, localities: u8, slot: u32) {
        if let Some((_, list)) = self.0.iter_mut().find(|(l, _)| *l == localities) {
            list.remove(slot);
        }
    }

    /// The lists of offers that serve a State in `locality`.
    fn serving(&self, locality: u8) -> impl Iterator<Item = &OfferPostings> {
        self.0.iter().filter(move |(l, _)| l & locality != 0).map(|(_, list)| list)
    }

    fn heap_bytes(&self) -> usize {
        self.0.capacity() * std::mem::size_of::<(u8, OfferPostings)>()
            + self.0.iter().map(|(_, list)| list.heap_bytes() - std::mem::size_of::<OfferPostings>()).sum::<usize>()
            + std::mem::size_of::<Self>()
    }
}

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

    fn put_offer_entry(&mut self, entry: OfferEntry) {
        if entry.themes == 0 {
            return;
        }
        let (themes, partitions) = (entry.themes, entry.partitions);
        count(&mut self.df, themes, 1);
        let localities = self.encoder.localities(&entry.served);
        let slot = self.offers.next_slot();
        for list in posting_lists(themes, partitions) {
            self.offer_postings[list].push(localities[list % PARTITIONS], slot, &entry);
        }
        self.offers.insert(entry.key, entry);
    }

    fn drop_offer(&mut self, id: &str) -> bool {
        key_of(id).is_some_and(|key| self.drop_offer_key(key))
    }

    fn drop_offer_key(&mut self, key: u128) -> bool {
        let Some((slot, entry)) = self.offers.remove(key) else { return false };
        count(&mut self.df, entry.themes, -1);
        let localities = self.encoder.localities(&entry.served);
        for list in posting_lists(entry.themes, entry.partitions) {
            self.offer_postings[list].remove(localities[list % PARTITIONS], slot);
        }
        true
    }

    fn put_request(&mut self, facts: &RequestFacts) {
        let Some(entry) = self.encoder.request(facts) else { return };
        if entry.themes == 0 {
            return;
        }
        let (themes, partitions) = (entry.themes, 1u8 << entry.partition);
        count(&mut self.df, themes, 1);
        let slot = self.requests.insert(entry.key, entry);
        for list in posting_lists(themes, partitions) {
            self.request_postings[list].push(slot);
        }
    }

    fn drop_request(&mut self, id: &str) -> bool {
        let Some((slot, entry)) = key_of(id).and_then(|k| self.requests.remove(k)) else { return false };
        count(&mut self.df, entry.themes, -1);
        for list in posting_lists(entry.themes, 1 << entry.partition) {
            self.request_postings[list].retain(|&s| s != slot);
        }
        true
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

    fn top_offers(&self, request: &RequestEntry, k: usize, today: i32) -> Vec<(u128, Scored)> {
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

fn posting_lists(themes: u64, partitions: u8) -> impl Iterator<Item = usize> {
    (0..64usize)
        .filter(move |t| themes & (1 << t) != 0)
        .flat_map(move |t| (0..PARTITIONS).filter(move |p| partitions & (1 << p) != 0).map(move |p| t * PARTITIONS + p))
}

fn count(df: &mut [u32; 64], themes: u64, delta: i32) {
    for (t, c) in df.iter_mut().enumerate() {
        if themes & (1 << t) != 0 {
            *c = c.saturating_add_signed(delta);
        }
    }
}

/// The k best so far, best first; ties go to the smaller key.
struct TopK {
    k: usize,
    items: Vec<(u128, Scored)>,
}

impl TopK {
    fn new(k: usize) -> Self {
        TopK { k, items: Vec::with_capacity(k + 1) }
    }

    fn better(a: (f64, u128), b: (f64, u128)) -> bool {
        a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }

    /// Keeps the pair if it is among the k best so far; says whether it was.
    fn push(&mut self, key: u128, scored: Scored) -> bool {
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

    fn into_sorted(self) -> Vec<(u128, Scored)> {
        self.items
    }
}

/// Marks records met during one query, without clearing a whole array each time: a slot counts
/// as visited when it holds the current query's stamp.
struct Visited {
    stamps: Vec<u32>,
    stamp: u32,
}

impl Visited {
    fn first_visit(&mut self, slot: u32) -> bool {
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
fn with_visited<R>(slots: usize, f: impl FnOnce(&mut Visited) -> R) -> R {
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
    use crate::domain::vocab::ConsentStatus;
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
    fn updates_and_removals_take_effect() {
        let mut index = MatchIndex::new(Catalog::shipped(), MatchConfig::default());
        let r = request("KEN", &["torture"], ConsentStatus::Granted);
        index.upsert_request(&r);
        assert!(index.offers_for(&r.id, 10, TODAY).is_empty());
        let mut o = offer(&["torture"], &["002"], false);
        index.upsert_offer(&o);
        assert_eq!(index.offers_for(&r.id, 10, TODAY).len(), 1);
        o.areas = vec!["150".into()];
        index.upsert_offer(&o);
        assert!(index.offers_for(&r.id, 10, TODAY).is_empty(), "no longer serves Kenya");
        o.global = true;
        index.upsert_offer(&o);
        assert_eq!(index.requests_for(&o.id, 10, TODAY, |_| true).len(), 1);
        index.remove_offer(&o.id);
        assert!(index.offers_for(&r.id, 10, TODAY).is_empty());
        let refused = RequestFacts { consent: ConsentStatus::Refused, ..r.clone() };
        index.upsert_request(&refused);
        assert!(index.request_entry(&r.id).is_none(), "refused consent never matches");
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
