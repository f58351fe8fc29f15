//! Tests of the score: examples for each filter and weighting, and properties over random pairs,
//! above all that the bounds the index prunes with never understate a score.

use super::*;

const DAY: i32 = 739_000;

fn request() -> RequestEntry {
    RequestEntry {
        key: 1,
        state: 10,
        partition: 0,
        locality: 1,
        themes: 0b0011,
        modalities: 0b01,
        languages: [1, 0, 0],
        start: DAY,
        end: DAY + 99,
        budget_min: 1000,
        budget_max: 5000,
        consent: Consent::Granted,
    }
}

fn offer() -> OfferEntry {
    let mut served = [0u64; 4];
    served[0] = 1 << 10;
    OfferEntry {
        key: 2,
        provider: 0,
        themes: 0b0011,
        modalities: 0b01,
        languages: [1, 0, 0],
        global: false,
        served,
        partitions: 1,
        start: DAY,
        end: DAY + 99,
        capacity_left: 1,
        budget: 5000,
    }
}

fn idf() -> Vec<f64> {
    (0..64).map(|t| 1.0 + t as f64).collect()
}

fn siblings() -> Vec<u64> {
    // themes 1 and 2 share a group
    (0..64)
        .map(|t| match t {
            1 => 0b100,
            2 => 0b010,
            _ => 0,
        })
        .collect()
}

fn score(r: &RequestEntry, o: &OfferEntry) -> Option<f64> {
    let config = MatchConfig::default();
    Scorer::new(&config, r, &idf(), &siblings(), DAY).score(o).map(|s| s.score)
}

#[test]
fn a_perfect_pair_scores_one() {
    assert!((score(&request(), &offer()).unwrap() - 1.0).abs() < 1e-9);
}

#[test]
fn each_hard_filter_excludes() {
    let r = request();
    let mut o = offer();
    o.capacity_left = 0;
    assert_eq!(score(&r, &o), None, "no capacity left");
    let mut o = offer();
    o.end = DAY - 1;
    assert_eq!(score(&r, &o), None, "ended");
    let mut o = offer();
    o.served = [0; 4];
    assert_eq!(score(&r, &o), None, "State not served");
    o.global = true;
    assert!(score(&r, &o).is_some(), "global serves everyone");
    let mut o = offer();
    o.themes = 0b1000;
    assert_eq!(score(&r, &o), None, "nothing shared");
}

#[test]
fn siblings_count_partly_and_rarer_themes_more() {
    let r = request();
    let mut sibling = offer();
    sibling.themes = 0b0101; // theme 0 exact, theme 1 via sibling 2
    let mut exact_rare = offer();
    exact_rare.themes = 0b0010; // only theme 1 (weight 2)
    let mut exact_common = offer();
    exact_common.themes = 0b0001; // only theme 0 (weight 1)
    let (s, rare, common) =
        (score(&r, &sibling).unwrap(), score(&r, &exact_rare).unwrap(), score(&r, &exact_common).unwrap());
    assert!(s < 1.0 && s > common, "{s} {common}");
    assert!(rare > common, "rarer theme weighs more: {rare} {common}");
}

#[test]
fn consent_pending_ranks_below_granted() {
    let mut pending = request();
    pending.consent = Consent::Pending;
    assert!(score(&pending, &offer()).unwrap() < score(&request(), &offer()).unwrap());
}

/// A small deterministic generator for property tests (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_pair(rng: &mut Rng) -> (RequestEntry, OfferEntry) {
    let mut r = request();
    r.themes = (rng.next() & 0xff).max(1);
    r.modalities = (rng.next() & 0x1ff) as u16;
    r.languages = [rng.below(4), 0, 0];
    r.start = DAY + rng.below(50) as i32 - 25;
    r.end = r.start + rng.below(400) as i32;
    r.budget_min = rng.below(3) as i64 * 1000 - 1;
    r.consent = if rng.below(2) == 0 { Consent::Granted } else { Consent::Pending };
    let mut o = offer();
    o.themes = rng.next() & 0xff;
    o.modalities = (rng.next() & 0x1ff) as u16;
    o.languages = [rng.below(4), 0, 0];
    o.start = DAY + rng.below(200) as i32 - 100;
    o.end = o.start + rng.below(400) as i32;
    o.budget = rng.below(6000) as i64 - 1;
    (r, o)
}

#[test]
fn property_scores_stay_in_unit_interval_and_are_deterministic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let (r, o) = random_pair(&mut rng);
        let a = score(&r, &o);
        assert_eq!(a, score(&r, &o));
        if let Some(s) = a {
            assert!((0.0..=1.0).contains(&s), "{s}");
        }
    }
}

#[test]
fn property_more_theme_overlap_never_scores_less() {
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let (r, mut o) = random_pair(&mut rng);
        o.themes &= r.themes; // only requested themes: adding one more is pure overlap
        let Some(before) = score(&r, &o) else { continue };
        let missing = r.themes & !o.themes;
        if missing == 0 {
            continue;
        }
        o.themes |= 1 << missing.trailing_zeros();
        let after = score(&r, &o).expect("still admitted");
        assert!(after >= before - 1e-12, "{before} -> {after}");
    }
}

#[test]
fn property_theme_component_follows_its_definition() {
    let config = MatchConfig::default();
    // Groups of three themes; requests of up to twelve themes span several need blocks.
    let siblings: Vec<u64> = (0..64).map(|t| (0b111u64 << (t / 3 * 3)) & !(1 << t)).collect();
    let idf = idf();
    let mut rng = Rng(31);
    for _ in 0..20_000 {
        let (mut r, _) = random_pair(&mut rng);
        r.themes = (rng.next() & 0xfff).max(1);
        let offered = rng.next() & 0xfff & rng.next();
        // Need by need: its weight when offered, the sibling credit for a theme of its group.
        let needs = (0..64).filter(|t| r.themes & (1u64 << t) != 0);
        let (mut covered, mut total, mut relevant) = (0.0, 0.0, r.themes);
        for t in needs {
            total += idf[t];
            relevant |= siblings[t];
            if offered & (1 << t) != 0 {
                covered += idf[t];
            } else if offered & siblings[t] != 0 {
                covered += idf[t] * config.sibling_credit;
            }
        }
        let precision = f64::from((offered & relevant).count_ones()) / f64::from(offered.count_ones().max(1));
        let expected = if covered > 0.0 {
            config.coverage_share * covered / total + (1.0 - config.coverage_share) * precision
        } else {
            0.0
        };
        let scorer = Scorer::new(&config, &r, &idf, &siblings, DAY);
        let got = scorer.theme_of(offered);
        assert!((got - expected).abs() < 1e-12, "{:b} for {:b}: {got} != {expected}", offered, r.themes);
    }
}

#[test]
fn property_granted_never_below_pending() {
    let mut rng = Rng(7);
    for _ in 0..20_000 {
        let (mut r, o) = random_pair(&mut rng);
        r.consent = Consent::Granted;
        let granted = score(&r, &o);
        r.consent = Consent::Pending;
        let pending = score(&r, &o);
        if let (Some(g), Some(p)) = (granted, pending) {
            assert!(g >= p);
        }
    }
}

#[test]
fn property_posting_bound_never_understates() {
    let config = MatchConfig::default();
    let mut rng = Rng(2024);
    for _ in 0..50_000 {
        let (r, mut o) = random_pair(&mut rng);
        o.languages = [rng.next() & rng.next(), rng.below(2), 0];
        let scorer = Scorer::new(&config, &r, &idf(), &siblings(), DAY);
        let Some(s) = scorer.score(&o) else { continue };
        let signature = crate::matcher::entry::language_signature(&o.languages);
        let bound = scorer.posting_bound(s.breakdown.theme, o.modalities, signature);
        assert!(s.score <= bound, "{} > {bound}", s.score);
    }
}

#[test]
fn property_bounds_hold() {
    let config = MatchConfig::default();
    let mut rng = Rng(99);
    for _ in 0..20_000 {
        let (r, o) = random_pair(&mut rng);
        let scorer = Scorer::new(&config, &r, &idf(), &siblings(), DAY);
        if let Some(s) = scorer.score(&o) {
            assert!(s.score <= scorer.bound(s.breakdown.theme) + 1e-12);
            let exact: f64 =
                scorer.needs_by_weight().iter().filter(|(t, _)| o.themes & (1 << t) != 0).map(|(_, w)| w).sum();
            assert!(s.breakdown.theme <= scorer.theme_bound(exact) + 1e-12);
        }
    }
}
