//! What both benchmarks share: reproducible data shaped like the real repository (themes drawn
//! with the frequencies of the UPR recommendations in tests/data, 193 States), and the figures.

use std::time::Duration;

use chrono::NaiveDate;
use tcmatch::domain::catalog::Catalog;
use tcmatch::domain::recommendation_csv;
use tcmatch::domain::vocab::{ConsentStatus, Modality};
use tcmatch::matcher::{OfferFacts, RequestFacts};

const LANGUAGES: [(&str, u32); 8] =
    [("en", 40), ("fr", 20), ("es", 15), ("ar", 8), ("ru", 7), ("zh", 5), ("pt", 3), ("sw", 2)];

/// xorshift64*: small, fast, reproducible.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// An index drawn with the given cumulative weights.
    pub fn weighted(&mut self, cumulative: &[u64]) -> usize {
        let x = self.next() % cumulative.last().copied().unwrap_or(1);
        cumulative.partition_point(|&c| c <= x)
    }
}

pub struct Generator {
    pub rng: Rng,
    pub themes: Vec<String>,
    theme_weights: Vec<u64>,
    pub states: Vec<String>,
    sub_regions: Vec<String>,
    language_weights: Vec<u64>,
    today: NaiveDate,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let catalog = Catalog::shipped();
        let csv = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/upr-info-sessions-01-13.csv"))
            .expect("tests/data holds the UPR recommendations");
        let mut counts = vec![1u64; catalog.themes.len()];
        for rec in recommendation_csv::parse(&csv).expect("the shipped file parses") {
            for slug in rec.themes {
                counts[catalog.themes.iter().position(|t| t.slug == slug).expect("known")] += 1;
            }
        }
        let cumulative = |w: &[u64]| {
            w.iter()
                .scan(0u64, |acc, x| {
                    *acc += x;
                    Some(*acc)
                })
                .collect::<Vec<_>>()
        };
        let members: Vec<&tcmatch::domain::catalog::State> =
            catalog.states.iter().filter(|s| s.un_status == "member").collect();
        let mut sub_regions: Vec<String> = members.iter().map(|s| s.sub_region_code.clone()).collect();
        sub_regions.sort();
        sub_regions.dedup();
        Generator {
            rng: Rng(seed),
            themes: catalog.themes.iter().map(|t| t.slug.clone()).collect(),
            theme_weights: cumulative(&counts),
            states: members.iter().map(|s| s.code.clone()).collect(),
            sub_regions,
            language_weights: cumulative(&LANGUAGES.map(|(_, w)| u64::from(w))),
            today: chrono::Utc::now().date_naive(),
        }
    }

    pub fn themes(&mut self, min: usize, max: usize) -> Vec<String> {
        let n = min + self.rng.below(max - min + 1);
        let mut out: Vec<String> = Vec::new();
        while out.len() < n {
            let t = self.themes[self.rng.weighted(&self.theme_weights)].clone();
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    fn modalities(&mut self, max: usize) -> Vec<Modality> {
        let mut out: Vec<Modality> =
            (0..1 + self.rng.below(max)).map(|_| Modality::ALL[self.rng.below(Modality::ALL.len())]).collect();
        out.dedup();
        out
    }

    fn languages(&mut self, max: usize) -> Vec<String> {
        let mut out: Vec<String> = (0..1 + self.rng.below(max))
            .map(|_| LANGUAGES[self.rng.weighted(&self.language_weights)].0.to_string())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn date(&mut self, from_days: i64, spread: usize) -> NaiveDate {
        self.today + chrono::Duration::days(from_days + self.rng.below(spread) as i64)
    }

    pub fn offer(&mut self, i: u64) -> OfferFacts {
        let global = self.rng.chance(15);
        let areas = if global {
            vec![]
        } else {
            (0..1 + self.rng.below(3))
                .map(|_| match self.rng.below(10) {
                    0..=3 => ["002", "019", "142", "150", "009"][self.rng.below(5)].to_string(),
                    4..=6 => self.sub_regions[self.rng.below(self.sub_regions.len())].clone(),
                    _ => self.states[self.rng.below(self.states.len())].clone(),
                })
                .collect()
        };
        let starts_on = self.date(-365, 365);
        let ends_on = starts_on + chrono::Duration::days(365 + self.rng.below(730) as i64);
        let provider = if self.rng.chance(30) {
            self.states[self.rng.below(40)].clone()
        } else {
            format!("org_{:032x}", self.rng.below(5000))
        };
        OfferFacts {
            id: format!("off_{i:032x}"),
            provider,
            themes: self.themes(1, 5),
            modalities: self.modalities(3),
            languages: self.languages(3),
            global,
            areas,
            starts_on: Some(starts_on),
            ends_on: Some(ends_on),
            capacity_left: 1 + self.rng.below(5) as i32,
            budget_usd: self.rng.chance(70).then(|| 10_000 + self.rng.below(490_000) as i64),
        }
    }

    pub fn request(&mut self, i: u64) -> RequestFacts {
        let starts_on = self.date(0, 365);
        RequestFacts {
            id: format!("req_{i:032x}"),
            state: self.states[self.rng.below(self.states.len())].clone(),
            themes: self.themes(2, 4),
            modalities: self.modalities(2),
            languages: self.languages(2),
            starts_on: Some(starts_on),
            ends_on: Some(starts_on + chrono::Duration::days(90 + self.rng.below(450) as i64)),
            budget_min_usd: self.rng.chance(60).then(|| 5_000 + self.rng.below(195_000) as i64),
            budget_max_usd: None,
            consent: if self.rng.chance(70) { ConsentStatus::Granted } else { ConsentStatus::Pending },
        }
    }
}

pub fn env_size(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(default)
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn verdict(ok: bool) -> &'static str {
    if ok {
        "meets target"
    } else {
        "MISSES target"
    }
}
