//! Weights and thresholds of the score, with their defaults. Set them with
//! `TCMATCH_MATCH_WEIGHTS="theme=0.5,modality=0.15,..."` (or `--match-weights`).

/// How much each component counts, and how partial matches are credited.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchConfig {
    /// Weight of theme overlap, the main component.
    pub theme: f64,
    pub modality: f64,
    pub language: f64,
    pub timeframe: f64,
    pub budget: f64,
    /// Credit for a request theme the offer covers only with a theme of the same group.
    pub sibling_credit: f64,
    /// Share of the theme score given to coverage of what the request needs (the rest rewards
    /// an offer whose themes are relevant, not merely broad).
    pub coverage_share: f64,
    /// Multiplier for requests whose consent is still pending (granted is 1).
    pub pending_factor: f64,
    /// Component value when one side leaves a criterion unspecified.
    pub unknown: f64,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig {
            theme: 0.5,
            modality: 0.15,
            language: 0.15,
            timeframe: 0.1,
            budget: 0.1,
            sibling_credit: 0.4,
            coverage_share: 0.85,
            pending_factor: 0.8,
            unknown: 0.5,
        }
    }
}

impl MatchConfig {
    /// Parses `name=value` pairs over the defaults; every value must be in [0, 1] and the
    /// component weights must not all be zero.
    pub fn parse(text: &str) -> Result<MatchConfig, String> {
        let mut c = MatchConfig::default();
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').ok_or_else(|| format!("'{pair}' is not name=value"))?;
            let value: f64 = value.trim().parse().map_err(|_| format!("'{value}' is not a number"))?;
            if !(0.0..=1.0).contains(&value) {
                return Err(format!("{name} must be between 0 and 1"));
            }
            let slot = match name.trim() {
                "theme" => &mut c.theme,
                "modality" => &mut c.modality,
                "language" => &mut c.language,
                "timeframe" => &mut c.timeframe,
                "budget" => &mut c.budget,
                "sibling_credit" => &mut c.sibling_credit,
                "coverage_share" => &mut c.coverage_share,
                "pending_factor" => &mut c.pending_factor,
                "unknown" => &mut c.unknown,
                other => return Err(format!("unknown weight '{other}'")),
            };
            *slot = value;
        }
        if c.total_weight() <= 0.0 {
            return Err("at least one component weight must be above 0".into());
        }
        Ok(c)
    }

    /// The sum of the component weights (spelt out, so a new field must say whether it is one).
    pub fn total_weight(&self) -> f64 {
        let MatchConfig {
            theme,
            modality,
            language,
            timeframe,
            budget,
            sibling_credit: _,
            coverage_share: _,
            pending_factor: _,
            unknown: _,
        } = *self;
        theme + modality + language + timeframe + budget
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_over_defaults_and_rejects_nonsense() {
        let c = MatchConfig::parse("theme=0.7, budget=0").unwrap();
        assert_eq!(c.theme, 0.7);
        assert_eq!(c.budget, 0.0);
        assert_eq!(c.modality, MatchConfig::default().modality);
        assert!(MatchConfig::parse("theme=2").is_err());
        assert!(MatchConfig::parse("colour=0.1").is_err());
        assert!(MatchConfig::parse("theme=0,modality=0,language=0,timeframe=0,budget=0").is_err());
        assert_eq!(MatchConfig::parse("").unwrap(), MatchConfig::default());
    }
}
