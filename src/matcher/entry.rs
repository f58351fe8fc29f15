//! Compact records of open offers and requests: themes, modalities, languages and the States an
//! offer serves as bitmasks, dates as day numbers, ids as 128-bit numbers. About a hundred bytes
//! a record, and every fit signal is a handful of bit operations.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::catalog::Catalog;
use crate::domain::validate::LANGUAGES;
use crate::domain::vocab::{ConsentStatus, Modality};

/// Offers available everywhere live in their own posting partition.
pub const GLOBAL_PARTITION: usize = 5;
pub const PARTITIONS: usize = 6;
/// The M49 regions that partition the postings.
const REGIONS: [&str; 5] = ["002", "019", "142", "150", "009"];

/// A set of States (by catalog position; there are 195).
pub type StateSet = [u64; 4];
/// A set of ISO 639-1 languages (by position in the list of 184 codes).
pub type LanguageSet = [u64; 3];

/// An open offer, as storage knows it (with owned strings, or borrowed ones when loading).
#[derive(Debug, Clone, PartialEq)]
pub struct OfferFacts<S = String> {
    pub id: S,
    /// A State code or an organization id.
    pub provider: S,
    pub themes: Vec<S>,
    pub modalities: Vec<Modality>,
    pub languages: Vec<S>,
    pub global: bool,
    /// State codes and region codes served.
    pub areas: Vec<S>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Capacity minus the engagements that use it.
    pub capacity_left: i32,
    pub budget_usd: Option<i64>,
}

/// An open request, as storage knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestFacts {
    pub id: String,
    pub state: String,
    pub themes: Vec<String>,
    pub modalities: Vec<Modality>,
    pub languages: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub budget_min_usd: Option<i64>,
    pub budget_max_usd: Option<i64>,
    pub consent: ConsentStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    Granted,
    Pending,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OfferEntry {
    pub key: u128,
    pub provider: u32,
    pub themes: u64,
    pub modalities: u16,
    pub languages: LanguageSet,
    pub global: bool,
    pub served: StateSet,
    /// Bit per region partition the offer is posted in.
    pub partitions: u8,
    pub start: i32,
    pub end: i32,
    pub capacity_left: i32,
    /// -1 when not given.
    pub budget: i64,
}

impl OfferEntry {
    /// Open to new engagements on `today`: capacity left and not ended.
    pub fn is_available(&self, today: i32) -> bool {
        self.capacity_left > 0 && self.end >= today
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestEntry {
    pub key: u128,
    pub state: u8,
    pub partition: u8,
    /// The State's bit among the localities of its region (see [`Encoder::localities`]).
    pub locality: u8,
    pub themes: u64,
    pub modalities: u16,
    pub languages: LanguageSet,
    pub start: i32,
    pub end: i32,
    /// -1 when not given.
    pub budget_min: i64,
    pub budget_max: i64,
    pub consent: Consent,
}

/// Translates facts into entries: theme, State, region and language positions from the catalog.
pub struct Encoder {
    themes: HashMap<String, u8>,
    states: HashMap<String, u8>,
    state_partition: Vec<u8>,
    /// For each State, its bit among the localities of its region.
    state_locality: Vec<u8>,
    /// For each area code: its States, and the bit of each region partition they fall in.
    areas: HashMap<String, (StateSet, u8)>,
    languages: HashMap<&'static str, u8>,
    /// For each theme, the other themes of its group.
    pub siblings: Vec<u64>,
}

impl Encoder {
    pub fn new(catalog: &Catalog) -> Encoder {
        assert!(catalog.themes.len() <= 64 && catalog.states.len() <= 256, "bitmask sizes");
        let themes: HashMap<String, u8> =
            catalog.themes.iter().enumerate().map(|(i, t)| (t.slug.clone(), i as u8)).collect();
        let states: HashMap<String, u8> =
            catalog.states.iter().enumerate().map(|(i, s)| (s.code.clone(), i as u8)).collect();
        let state_partition: Vec<u8> = catalog
            .states
            .iter()
            .map(|s| REGIONS.iter().position(|r| *r == s.region_code).unwrap_or(GLOBAL_PARTITION) as u8)
            .collect();
        let state_locality = localities(catalog, &state_partition);
        let mut areas: HashMap<String, (StateSet, u8)> = HashMap::new();
        for (i, s) in catalog.states.iter().enumerate() {
            let partition = REGIONS.iter().position(|r| *r == s.region_code).unwrap_or(GLOBAL_PARTITION);
            for area in catalog.areas_of(s).into_iter().chain([s.code.as_str()]) {
                let (set, partitions) = areas.entry(area.to_string()).or_insert(([0; 4], 0));
                insert(set, i);
                *partitions |= 1 << partition;
            }
        }
        let siblings = catalog
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| {
                catalog
                    .themes
                    .iter()
                    .enumerate()
                    .filter(|(j, u)| *j != i && u.group == t.group)
                    .fold(0u64, |mask, (j, _)| mask | (1 << j))
            })
            .collect();
        let languages = LANGUAGES.iter().enumerate().map(|(i, code)| (*code, i as u8)).collect();
        Encoder { themes, states, state_partition, state_locality, areas, languages, siblings }
    }

    /// Themes in the catalog; theme bit `i` is the catalog's theme `i`.
    pub fn theme_count(&self) -> usize {
        self.siblings.len()
    }

    /// The States of an area (M49 region or sub-region, regional group, or State code).
    pub fn area(&self, code: &str) -> Option<&StateSet> {
        self.areas.get(code).map(|(states, _)| states)
    }

    pub fn theme_mask<S: AsRef<str>>(&self, slugs: &[S]) -> u64 {
        slugs.iter().filter_map(|s| self.themes.get(s.as_ref())).fold(0, |mask, &i| mask | (1 << i))
    }

    fn language_set<S: AsRef<str>>(&self, codes: &[S]) -> LanguageSet {
        let mut set = [0u64; 3];
        for i in codes.iter().filter_map(|c| self.languages.get(c.as_ref())) {
            set[*i as usize / 64] |= 1 << (*i % 64);
        }
        set
    }

    /// For each posting partition, the localities in it where `served` has a State; every
    /// locality for the global partition. A posting carries its partition's, so a query skips
    /// an offer for other parts of the region without reading the offer.
    pub fn localities(&self, served: &StateSet) -> [u8; PARTITIONS] {
        let mut out = [0u8; PARTITIONS];
        for (word, bits) in served.iter().enumerate() {
            let mut bits = *bits;
            while bits != 0 {
                let state = word * 64 + bits.trailing_zeros() as usize;
                if let (Some(&p), Some(&l)) = (self.state_partition.get(state), self.state_locality.get(state)) {
                    out[p as usize] |= l;
                }
                bits &= bits - 1;
            }
        }
        out[GLOBAL_PARTITION] = u8::MAX;
        out
    }

    pub fn state(&self, code: &str) -> Option<u8> {
        self.states.get(code).copied()
    }

    pub fn offer<S: AsRef<str>>(&self, f: &OfferFacts<S>, provider: u32) -> Option<OfferEntry> {
        let mut served = [0u64; 4];
        let mut partitions = 0u8;
        for area in &f.areas {
            if let Some((set, parts)) = self.areas.get(area.as_ref()) {
                for (s, a) in served.iter_mut().zip(set) {
                    *s |= a;
                }
                partitions |= parts;
            }
        }
        if f.global {
            partitions = 1 << GLOBAL_PARTITION;
        }
        Some(OfferEntry {
            key: key_of(f.id.as_ref())?,
            provider,
            themes: self.theme_mask(&f.themes),
            modalities: modality_mask(&f.modalities),
            languages: self.language_set(&f.languages),
            global: f.global,
            served,
            partitions,
            start: day(f.starts_on, i32::MIN),
            end: day(f.ends_on, i32::MAX),
            capacity_left: f.capacity_left,
            budget: f.budget_usd.unwrap_or(-1),
        })
    }

    pub fn request(&self, f: &RequestFacts) -> Option<RequestEntry> {
        let state = self.state(&f.state)?;
        let consent = match f.consent {
            ConsentStatus::Granted => Consent::Granted,
            ConsentStatus::Pending => Consent::Pending,
            ConsentStatus::Refused | ConsentStatus::Withdrawn => return None,
        };
        Some(RequestEntry {
            key: key_of(&f.id)?,
            state,
            partition: self.state_partition[state as usize],
            locality: self.state_locality[state as usize],
            themes: self.theme_mask(&f.themes),
            modalities: modality_mask(&f.modalities),
            languages: self.language_set(&f.languages),
            start: day(f.starts_on, i32::MIN),
            end: day(f.ends_on, i32::MAX),
            budget_min: f.budget_min_usd.unwrap_or(-1),
            budget_max: f.budget_max_usd.unwrap_or(-1),
            consent,
        })
    }
}

/// Each State's locality bit: its intermediate region, or its sub-region where there is none,
/// numbered within its region partition (at most eight there).
fn localities(catalog: &Catalog, state_partition: &[u8]) -> Vec<u8> {
    let key =
        |s: &crate::domain::catalog::State| s.intermediate_region_code.clone().unwrap_or(s.sub_region_code.clone());
    let mut by_partition: Vec<Vec<String>> = vec![Vec::new(); PARTITIONS];
    for (s, &p) in catalog.states.iter().zip(state_partition) {
        by_partition[p as usize].push(key(s));
    }
    for keys in &mut by_partition {
        keys.sort();
        keys.dedup();
    }
    catalog
        .states
        .iter()
        .zip(state_partition)
        .map(|(s, &p)| {
            if p as usize == GLOBAL_PARTITION {
                return u8::MAX;
            }
            let position = by_partition[p as usize].binary_search(&key(s)).expect("collected above");
            assert!(position < 8, "at most eight localities in a region");
            1u8 << position
        })
        .collect()
}

/// 16 bits that are set for a language set's languages (several languages share a bit): two
/// sets with no bit in common share no language.
pub fn language_signature(set: &LanguageSet) -> u16 {
    let mut signature = 0u16;
    for (word, bits) in set.iter().enumerate() {
        let mut bits = *bits;
        while bits != 0 {
            let i = word * 64 + bits.trailing_zeros() as usize;
            signature |= 1 << (i % 16);
            bits &= bits - 1;
        }
    }
    signature
}

pub fn contains(set: &StateSet, i: usize) -> bool {
    set[i / 64] & (1 << (i % 64)) != 0
}

fn insert(set: &mut StateSet, i: usize) {
    set[i / 64] |= 1 << (i % 64);
}

fn modality_mask(modalities: &[Modality]) -> u16 {
    modalities
        .iter()
        .fold(0, |mask, m| mask | (1 << Modality::ALL.iter().position(|x| x == m).expect("every modality is listed")))
}

/// Day number of a date; `open` for none.
pub fn day(date: Option<NaiveDate>, open: i32) -> i32 {
    date.map_or(open, |d| d.num_days_from_ce())
}

/// `off_0193...` to the 128-bit number of its hex part (same order as the text).
pub fn key_of(id: &str) -> Option<u128> {
    let (_, hex) = id.split_once('_')?;
    (hex.len() == 32).then(|| u128::from_str_radix(hex, 16).ok()).flatten()
}

pub fn id_of(prefix: &str, key: u128) -> String {
    format!("{prefix}_{key:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_keep_order() {
        let a = crate::domain::ids::new_id("off");
        let b = crate::domain::ids::new_id("off");
        assert_eq!(id_of("off", key_of(&a).unwrap()), a);
        assert!(key_of(&a) < key_of(&b));
        assert_eq!(key_of("off_xyz"), None);
    }

    #[test]
    fn areas_expand_to_states_and_partitions() {
        let enc = Encoder::new(Catalog::shipped());
        let facts = OfferFacts {
            id: crate::domain::ids::new_id("off"),
            provider: "NOR".into(),
            themes: vec!["torture".into()],
            modalities: vec![Modality::Training],
            languages: vec!["fr".into()],
            global: false,
            areas: vec!["002".into(), "HTI".into()],
            starts_on: None,
            ends_on: None,
            capacity_left: 1,
            budget_usd: None,
        };
        let e = enc.offer(&facts, 0).unwrap();
        assert!(contains(&e.served, enc.state("KEN").unwrap() as usize));
        assert!(contains(&e.served, enc.state("HTI").unwrap() as usize));
        assert!(!contains(&e.served, enc.state("FRA").unwrap() as usize));
        assert_eq!(e.partitions, 0b0000_0011, "Africa and the Americas");
        assert_eq!(e.themes.count_ones(), 1);
    }
}
