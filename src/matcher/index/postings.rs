//! The posting lists, from (theme, partition) to the slots of the records there, and the count of
//! records per theme behind the theme weights: records enter and leave both only through here.

use super::MatchIndex;
use crate::matcher::entry::{key_of, language_signature, OfferEntry, RequestFacts, PARTITIONS};

/// A posting list of offers: each slot with the offer's theme mask, modality mask and language
/// signature alongside, so a query computes the theme component and a tight score bound while
/// scanning in order, and touches a record only when it can still enter the top k.
#[derive(Clone, Default)]
pub(super) struct OfferPostings {
    pub(super) slots: Vec<u32>,
    pub(super) themes: Vec<u64>,
    /// Modality mask (low 16 bits) and language signature (high 16 bits).
    pub(super) fit: Vec<u32>,
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
pub(super) struct LocalPostings(Vec<(u8, OfferPostings)>);

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
    pub(super) fn serving(&self, locality: u8) -> impl Iterator<Item = &OfferPostings> {
        self.0.iter().filter(move |(l, _)| l & locality != 0).map(|(_, list)| list)
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.0.capacity() * std::mem::size_of::<(u8, OfferPostings)>()
            + self.0.iter().map(|(_, list)| list.heap_bytes() - std::mem::size_of::<OfferPostings>()).sum::<usize>()
            + std::mem::size_of::<Self>()
    }
}

impl MatchIndex {
    pub(super) fn put_offer_entry(&mut self, entry: OfferEntry) {
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

    pub(super) fn drop_offer_key(&mut self, key: u128) -> bool {
        let Some((slot, entry)) = self.offers.remove(key) else { return false };
        count(&mut self.df, entry.themes, -1);
        let localities = self.encoder.localities(&entry.served);
        for list in posting_lists(entry.themes, entry.partitions) {
            self.offer_postings[list].remove(localities[list % PARTITIONS], slot);
        }
        true
    }

    pub(super) fn put_request(&mut self, facts: &RequestFacts) {
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

    pub(super) fn drop_request(&mut self, id: &str) -> bool {
        let Some((slot, entry)) = key_of(id).and_then(|k| self.requests.remove(k)) else { return false };
        count(&mut self.df, entry.themes, -1);
        for list in posting_lists(entry.themes, 1 << entry.partition) {
            self.request_postings[list].retain(|&s| s != slot);
        }
        true
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::vocab::ConsentStatus;
    use crate::matcher::config::MatchConfig;
    use crate::matcher::fixtures::{offer, request};

    const TODAY: i32 = 739_000;

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
}
