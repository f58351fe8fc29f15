//! Offers as their list filters them, in memory: every offer (of any status) with its status,
//! provider, themes, the States it serves and when it changed, in id order. `GET /offers`
//! filtered by theme, State served, status, provider and change date finds its page and counts
//! its total here, and the database then reads only the page's rows. Pure; kept current
//! together with the matcher index by the change follower.

use std::collections::HashMap;

use super::entry::{OfferEntry, StateSet};
use super::quick_hash::QuickHash;
use crate::domain::access::OfferScope;
use crate::domain::vocab::OfferStatus;

#[derive(Default)]
pub struct OfferListing {
    /// Sorted by key (the order of ids).
    entries: Vec<Listed>,
    /// The distinct sets of States served, each stored once.
    served_sets: Vec<StateSet>,
    served_ids: HashMap<StateSet, u32, QuickHash>,
    providers: Vec<String>,
    provider_ids: HashMap<String, u32, QuickHash>,
}

/// One offer as the listing takes it, made where the offer is read.
#[derive(Debug, Clone)]
pub struct ListingRow {
    pub key: u128,
    /// Microseconds since the epoch.
    pub updated_at: i64,
    pub themes: u64,
    pub served: StateSet,
    pub global: bool,
    pub status: OfferStatus,
    pub provider: String,
}

impl ListingRow {
    pub fn of(entry: &OfferEntry, provider: &str, status: OfferStatus, updated_at: i64) -> ListingRow {
        ListingRow {
            key: entry.key,
            updated_at,
            themes: entry.themes,
            served: entry.served,
            global: entry.global,
            status,
            provider: provider.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Listed {
    key: u128,
    /// Microseconds since the epoch.
    updated_at: i64,
    themes: u64,
    provider: u32,
    served: u32,
    status: OfferStatus,
    global: bool,
}

/// Which offers a list asks for.
#[derive(Debug, Clone)]
pub struct ListingQuery {
    /// Offers with any of these themes (0: any).
    pub themes: u64,
    /// Offers available to the State at this catalog position: serving it, or global.
    pub serves: Option<u8>,
    pub status: Option<OfferStatus>,
    pub provider: Option<String>,
    /// Changed at or after (microseconds since the epoch).
    pub updated_since: Option<i64>,
    pub scope: OfferScope,
}

impl OfferListing {
    /// Puts (or replaces) an offer: its matcher entry (for themes, States served and key), and
    /// what lists filter by besides.
    pub fn upsert(&mut self, row: &ListingRow) {
        let listed = self.listed(row);
        // Ids are time-ordered: a new offer almost always goes at the end.
        match self.entries.last() {
            Some(last) if last.key < listed.key => self.entries.push(listed),
            None => self.entries.push(listed),
            _ => match self.entries.binary_search_by_key(&listed.key, |e| e.key) {
                Ok(at) => self.entries[at] = listed,
                Err(at) => self.entries.insert(at, listed),
            },
        }
    }

    /// Adds many offers in any order (a start-up load); [`BulkListing::finish`] puts them in order.
    pub fn bulk(&mut self) -> BulkListing<'_> {
        BulkListing(self)
    }

    fn listed(&mut self, row: &ListingRow) -> Listed {
        Listed {
            key: row.key,
            updated_at: row.updated_at,
            themes: row.themes,
            provider: self.provider_id(&row.provider),
            served: self.served_id(&row.served),
            status: row.status,
            global: row.global,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys of the offers after `after` that `q` selects, at most `limit`, and how many it
    /// selects in all.
    pub fn page(&self, q: &ListingQuery, after: Option<u128>, limit: usize) -> (Vec<u128>, usize) {
        let provider = match &q.provider {
            Some(p) => match self.provider_ids.get(p) {
                Some(&id) => Some(id),
                None => return (vec![], 0),
            },
            None => None,
        };
        let own = match &q.scope {
            OfferScope::Published { own_provider: Some(p) } => self.provider_ids.get(p).copied(),
            _ => None,
        };
        let serves = q.serves.map(|s| (usize::from(s) / 64, 1u64 << (s % 64)));
        let selects = |e: &Listed| {
            (q.themes == 0 || e.themes & q.themes != 0)
                && serves.is_none_or(|(word, bit)| e.global || self.served_sets[e.served as usize][word] & bit != 0)
                && q.status.is_none_or(|s| e.status == s)
                && provider.is_none_or(|p| e.provider == p)
                && q.updated_since.is_none_or(|since| e.updated_at >= since)
                && match q.scope {
                    OfferScope::All => true,
                    OfferScope::Published { .. } => e.status != OfferStatus::Draft || own == Some(e.provider),
                }
        };
        let start = after.map_or(0, |a| self.entries.partition_point(|e| e.key <= a));
        let mut total = self.entries[..start].iter().filter(|e| selects(e)).count();
        let mut page = Vec::with_capacity(limit);
        for e in self.entries[start..].iter().filter(|e| selects(e)) {
            if page.len() < limit {
                page.push(e.key);
            }
            total += 1;
        }
        (page, total)
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

    fn served_id(&mut self, served: &StateSet) -> u32 {
        if let Some(&id) = self.served_ids.get(served) {
            return id;
        }
        self.served_sets.push(*served);
        let id = (self.served_sets.len() - 1) as u32;
        self.served_ids.insert(*served, id);
        id
    }

    /// Bytes held, counting allocations by their capacity.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.entries.capacity() * size_of::<Listed>()
            + self.served_sets.capacity() * size_of::<StateSet>()
            + self.served_ids.capacity() * (size_of::<StateSet>() + 4) * 8 / 7
            + self.providers.iter().map(|p| p.capacity() * 2 + size_of::<String>() * 2 + 4).sum::<usize>()
    }
}

/// Offers added in any order, sorted once at the end.
pub struct BulkListing<'a>(&'a mut OfferListing);

impl BulkListing<'_> {
    pub fn add(&mut self, row: &ListingRow) {
        let listed = self.0.listed(row);
        self.0.entries.push(listed);
    }

    /// Sorts by id; an offer read twice (it changed between two loaders' snapshots) keeps its
    /// later state.
    pub fn finish(self) {
        let entries = &mut self.0.entries;
        entries.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(b.updated_at.cmp(&a.updated_at)));
        entries.dedup_by_key(|e| e.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::matcher::entry::Encoder;
    use crate::matcher::OfferFacts;

    fn offer(encoder: &Encoder, n: u128, themes: &[&str], areas: &[&str], global: bool) -> OfferEntry {
        let facts = OfferFacts {
            id: format!("off_{n:032x}"),
            provider: "NOR".to_string(),
            themes: themes.iter().map(|t| t.to_string()).collect(),
            modalities: vec![],
            languages: vec![],
            global,
            areas: areas.iter().map(|a| a.to_string()).collect(),
            starts_on: None,
            ends_on: None,
            capacity_left: 1,
            budget_usd: None,
        };
        encoder.offer(&facts, 0).unwrap()
    }

    fn query() -> ListingQuery {
        ListingQuery {
            themes: 0,
            serves: None,
            status: None,
            provider: None,
            updated_since: None,
            scope: OfferScope::Published { own_provider: None },
        }
    }

    #[test]
    fn pages_and_totals_follow_the_filters_in_id_order() {
        let encoder = Encoder::new(Catalog::shipped());
        let mut listing = OfferListing::default();
        listing.upsert(&ListingRow::of(
            &offer(&encoder, 3, &["torture"], &["002"], false),
            "NOR",
            OfferStatus::Open,
            30,
        ));
        listing.upsert(&ListingRow::of(
            &offer(&encoder, 1, &["torture"], &["KEN"], false),
            "SWE",
            OfferStatus::Closed,
            10,
        ));
        listing.upsert(&ListingRow::of(&offer(&encoder, 2, &["justice"], &[], true), "NOR", OfferStatus::Open, 20));
        listing.upsert(&ListingRow::of(
            &offer(&encoder, 4, &["torture"], &["150"], false),
            "NOR",
            OfferStatus::Draft,
            40,
        ));
        assert_eq!(listing.len(), 4);

        let all = query();
        assert_eq!(listing.page(&all, None, 10), (vec![1, 2, 3], 3), "drafts are not published");
        assert_eq!(listing.page(&all, None, 2), (vec![1, 2], 3));
        assert_eq!(listing.page(&all, Some(2), 2), (vec![3], 3), "the total counts every page");

        let kenya = encoder.state("KEN");
        let serves_kenya = ListingQuery { serves: kenya, ..query() };
        assert_eq!(listing.page(&serves_kenya, None, 10).0, vec![1, 2, 3], "named, global, and Africa");
        let torture = ListingQuery { themes: encoder.theme_mask(&["torture"]), serves: kenya, ..query() };
        assert_eq!(listing.page(&torture, None, 10).0, vec![1, 3]);
        let open = ListingQuery { status: Some(OfferStatus::Open), ..torture.clone() };
        assert_eq!(listing.page(&open, None, 10).0, vec![3]);
        let swedish = ListingQuery { provider: Some("SWE".into()), ..query() };
        assert_eq!(listing.page(&swedish, None, 10).0, vec![1]);
        let unknown = ListingQuery { provider: Some("FIN".into()), ..query() };
        assert_eq!(listing.page(&unknown, None, 10), (vec![], 0));
        let recent = ListingQuery { updated_since: Some(20), ..query() };
        assert_eq!(listing.page(&recent, None, 10).0, vec![2, 3]);

        let own = ListingQuery { scope: OfferScope::Published { own_provider: Some("NOR".into()) }, ..query() };
        assert_eq!(listing.page(&own, None, 10).0, vec![1, 2, 3, 4], "a provider sees its own drafts");
        let admin = ListingQuery { scope: OfferScope::All, ..query() };
        assert_eq!(listing.page(&admin, None, 10).1, 4);

        listing.upsert(&ListingRow::of(
            &offer(&encoder, 3, &["justice"], &["002"], false),
            "NOR",
            OfferStatus::Closed,
            50,
        ));
        assert_eq!(listing.page(&torture, None, 10).0, vec![1], "an update replaces the entry");
        assert_eq!(listing.len(), 4);
    }

    #[test]
    fn a_bulk_load_sorts_and_keeps_the_later_of_two_reads() {
        let encoder = Encoder::new(Catalog::shipped());
        let mut listing = OfferListing::default();
        let mut bulk = listing.bulk();
        bulk.add(&ListingRow::of(&offer(&encoder, 9, &["torture"], &[], true), "NOR", OfferStatus::Open, 1));
        bulk.add(&ListingRow::of(&offer(&encoder, 2, &["torture"], &[], true), "NOR", OfferStatus::Open, 1));
        bulk.add(&ListingRow::of(&offer(&encoder, 9, &["torture"], &[], true), "NOR", OfferStatus::Closed, 2));
        bulk.finish();
        let open = ListingQuery { status: Some(OfferStatus::Open), ..query() };
        assert_eq!(listing.page(&query(), None, 10), (vec![2, 9], 2));
        assert_eq!(listing.page(&open, None, 10), (vec![2], 1));
    }
}
