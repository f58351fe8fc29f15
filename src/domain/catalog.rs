//! The shipped reference data: UN member and observer States with their M49 regions and UN
//! regional groups (data/states.csv) and the theme taxonomy (data/themes.json), parsed once.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::theme_resolver::ThemeResolver;

const STATES_CSV: &str = include_str!("../../data/states.csv");
const THEMES_JSON: &str = include_str!("../../data/themes.json");
/// States' names in the six UN languages (Unicode CLDR; see `data/state-names.NOTICE`).
const STATE_NAMES_CSV: &str = include_str!("../../data/state-names.csv");

/// A UN member or observer State.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct State {
    /// ISO 3166-1 alpha-3 code, the State's id.
    #[schema(example = "KEN")]
    pub code: String,
    #[schema(example = "KE")]
    pub alpha2: String,
    #[schema(example = "Kenya")]
    pub name: String,
    /// The spelling used by UPR documents and the UPR Info database.
    pub upr_name: String,
    /// `member` or `observer`.
    #[schema(example = "member")]
    pub un_status: String,
    /// M49 region.
    #[schema(example = "Africa")]
    pub region: String,
    #[schema(example = "002")]
    pub region_code: String,
    pub sub_region: String,
    pub sub_region_code: String,
    pub intermediate_region: Option<String>,
    pub intermediate_region_code: Option<String>,
    /// UN regional group: african, asia_pacific, eeg, grulac, weog.
    #[schema(example = "african")]
    pub regional_group: Option<String>,
}

/// A group of related themes: siblings in a group count as partial matches.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThemeGroup {
    pub slug: String,
    /// Labels by UN language code (ar, en, es, fr, ru, zh).
    #[schema(value_type = BTreeMap<String, String>)]
    pub labels: BTreeMap<String, String>,
    /// Descriptions by UN language code.
    #[schema(value_type = BTreeMap<String, String>)]
    pub descriptions: BTreeMap<String, String>,
}

impl ThemeGroup {
    /// The label in a UN language, English where a translation is missing.
    pub fn label_in(&self, lang: &str) -> &str {
        in_language(&self.labels, lang).unwrap_or(&self.slug)
    }

    /// The description in a UN language, English where a translation is missing.
    pub fn description_in(&self, lang: &str) -> &str {
        in_language(&self.descriptions, lang).unwrap_or_default()
    }
}

/// A text in `lang`, or in English where it has none.
fn in_language<'a>(texts: &'a BTreeMap<String, String>, lang: &str) -> Option<&'a str> {
    texts.get(lang).or_else(|| texts.get("en")).map(String::as_str)
}

/// One node of the canonical recommendation-theme taxonomy (the UPR Info issues).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Theme {
    /// Stable id of the theme.
    #[schema(example = "womens-rights")]
    pub slug: String,
    /// The label of the UPR Info database, as used in its CSV exports.
    #[schema(example = "Women's rights")]
    pub upr_info_label: String,
    /// Slug of the theme's group.
    pub group: String,
    /// Labels by UN language code (ar, en, es, fr, ru, zh).
    #[schema(value_type = BTreeMap<String, String>)]
    pub labels: BTreeMap<String, String>,
    /// Descriptions by UN language code.
    #[schema(value_type = BTreeMap<String, String>)]
    pub descriptions: BTreeMap<String, String>,
    /// Sustainable Development Goals the theme relates to.
    pub sdg_goals: Vec<u8>,
    /// Other words people use for the theme, by language.
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub synonyms: BTreeMap<String, Vec<String>>,
}

/// The six UN languages labels are given in.
pub const UN_LANGUAGES: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];

/// The UN language an `Accept-Language` value prefers most (by quality, then by order), if it
/// accepts any of them.
pub fn preferred_un_language(accept_language: &str) -> Option<&'static str> {
    let mut best: Option<(f32, &'static str)> = None;
    for range in accept_language.split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let primary = tag.split('-').next().unwrap_or("");
        let quality =
            parts.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if let Some(lang) = UN_LANGUAGES.iter().find(|l| **l == primary) {
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
    }
    best.map(|(_, lang)| lang)
}

impl Theme {
    pub fn label(&self) -> &str {
        self.label_in("en")
    }

    /// The label in a UN language, English where a translation is missing.
    pub fn label_in(&self, lang: &str) -> &str {
        in_language(&self.labels, lang).unwrap_or(&self.upr_info_label)
    }

    /// The description in a UN language, English where a translation is missing.
    pub fn description_in(&self, lang: &str) -> &str {
        in_language(&self.descriptions, lang).unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct ThemesFile {
    groups: Vec<ThemeGroup>,
    themes: Vec<Theme>,
}

/// A named set of States for region filters: an M49 area or a UN regional group.
#[derive(Debug, Clone)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub states: Vec<String>,
}

pub struct Catalog {
    pub states: Vec<State>,
    state_index: HashMap<String, usize>,
    /// Per State (as in `states`), its name in each of [`UN_LANGUAGES`].
    state_names: Vec<[String; 6]>,
    name_index: HashMap<String, usize>,
    pub groups: Vec<ThemeGroup>,
    pub themes: Vec<Theme>,
    theme_index: HashMap<String, usize>,
    upr_label_index: HashMap<String, usize>,
    areas: Vec<Area>,
    pub resolver: ThemeResolver,
}

impl Catalog {
    /// The catalog built from the data shipped in the binary.
    pub fn shipped() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            Catalog::parse(STATES_CSV, THEMES_JSON, STATE_NAMES_CSV)
                .expect("shipped reference data is valid (checked by tests)")
        })
    }

    /// A checksum of the shipped data, to know whether the database copy is current.
    pub fn checksum() -> String {
        format!("{:016x}", super::fnv::fnv1a(STATES_CSV.as_bytes().iter().chain(THEMES_JSON.as_bytes())))
    }

    fn parse(states_csv: &str, themes_json: &str, state_names_csv: &str) -> Result<Catalog, String> {
        let mut reader = csv::Reader::from_reader(states_csv.as_bytes());
        let mut states: Vec<State> = Vec::new();
        for row in reader.deserialize::<State>() {
            let mut state = row.map_err(|e| format!("data/states.csv: {e}"))?;
            for field in
                [&mut state.intermediate_region, &mut state.intermediate_region_code, &mut state.regional_group]
            {
                if field.as_deref() == Some("") {
                    *field = None;
                }
            }
            states.push(state);
        }
        let file: ThemesFile = serde_json::from_str(themes_json).map_err(|e| format!("data/themes.json: {e}"))?;

        let state_index: HashMap<String, usize> = states.iter().enumerate().map(|(i, s)| (s.code.clone(), i)).collect();
        let state_names = names_in_languages(&states, &state_index, state_names_csv)?;
        let mut name_index = HashMap::new();
        for (i, s) in states.iter().enumerate() {
            name_index.insert(s.name.to_lowercase(), i);
            name_index.insert(s.upr_name.to_lowercase(), i);
        }
        let theme_index = file.themes.iter().enumerate().map(|(i, t)| (t.slug.clone(), i)).collect();
        let upr_label_index =
            file.themes.iter().enumerate().map(|(i, t)| (t.upr_info_label.to_lowercase(), i)).collect();
        let areas = build_areas(&states);
        let resolver = ThemeResolver::new(&file.themes);
        Ok(Catalog {
            states,
            state_index,
            state_names,
            name_index,
            groups: file.groups,
            themes: file.themes,
            theme_index,
            upr_label_index,
            areas,
            resolver,
        })
    }

    pub fn state(&self, code: &str) -> Option<&State> {
        self.state_index.get(code).map(|&i| &self.states[i])
    }

    /// The State's name in a UN language (English for any other), or the code itself when it
    /// names no State.
    pub fn state_name<'a>(&'a self, code: &'a str, lang: &str) -> &'a str {
        let column = UN_LANGUAGES.iter().position(|l| *l == lang).unwrap_or(1);
        self.state_index.get(code).map_or(code, |&i| &self.state_names[i][column])
    }

    /// A State by its ISO name or its UPR spelling, case-insensitively.
    pub fn state_by_name(&self, name: &str) -> Option<&State> {
        self.name_index.get(&name.trim().to_lowercase()).map(|&i| &self.states[i])
    }

    pub fn theme(&self, slug: &str) -> Option<&Theme> {
        self.theme_index.get(slug).map(|&i| &self.themes[i])
    }

    pub fn theme_by_upr_label(&self, label: &str) -> Option<&Theme> {
        self.upr_label_index.get(&label.trim().to_lowercase()).map(|&i| &self.themes[i])
    }

    pub fn group(&self, slug: &str) -> Option<&ThemeGroup> {
        self.groups.iter().find(|g| g.slug == slug)
    }

    /// An area by M49 code ("002"), M49 name ("Africa", case-insensitive) or UN regional
    /// group ("weog").
    pub fn area(&self, key: &str) -> Option<&Area> {
        let key = key.trim();
        self.areas
            .iter()
            .find(|a| a.code == key)
            .or_else(|| self.areas.iter().find(|a| a.name.eq_ignore_ascii_case(key)))
    }

    /// Area codes that contain `state` (its region, sub-region, intermediate region, group).
    pub fn areas_of<'a>(&self, state: &'a State) -> Vec<&'a str> {
        let mut codes = vec![state.region_code.as_str(), state.sub_region_code.as_str()];
        codes.extend(state.intermediate_region_code.as_deref());
        codes.extend(state.regional_group.as_deref());
        codes
    }
}

/// Reads `code,ar,en,es,fr,ru,zh` rows: every State named, in every language.
fn names_in_languages(
    states: &[State],
    index: &HashMap<String, usize>,
    csv_text: &str,
) -> Result<Vec<[String; 6]>, String> {
    let mut names: Vec<Option<[String; 6]>> = vec![None; states.len()];
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().map_err(|e| e.to_string())?.iter().map(str::to_string).collect();
    if header[1..] != UN_LANGUAGES {
        return Err(format!("data/state-names.csv: columns must be code,{}", UN_LANGUAGES.join(",")));
    }
    for row in reader.records() {
        let row = row.map_err(|e| format!("data/state-names.csv: {e}"))?;
        let code = &row[0];
        let &i = index.get(code).ok_or_else(|| format!("data/state-names.csv: unknown State {code}"))?;
        let in_each: [String; 6] = std::array::from_fn(|c| row[c + 1].to_string());
        if in_each.iter().any(String::is_empty) {
            return Err(format!("data/state-names.csv: {code} lacks a name"));
        }
        names[i] = Some(in_each);
    }
    names
        .into_iter()
        .zip(states)
        .map(|(n, s)| n.ok_or_else(|| format!("data/state-names.csv: no names for {}", s.code)))
        .collect()
}

fn build_areas(states: &[State]) -> Vec<Area> {
    let mut areas: BTreeMap<String, Area> = BTreeMap::new();
    let mut add = |code: &str, name: &str, state: &str| {
        areas
            .entry(code.to_string())
            .or_insert_with(|| Area { code: code.to_string(), name: name.to_string(), states: vec![] })
            .states
            .push(state.to_string());
    };
    for s in states {
        add(&s.region_code, &s.region, &s.code);
        add(&s.sub_region_code, &s.sub_region, &s.code);
        if let (Some(code), Some(name)) = (&s.intermediate_region_code, &s.intermediate_region) {
            add(code, name, &s.code);
        }
        if let Some(group) = &s.regional_group {
            add(group, group, &s.code);
        }
    }
    areas.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_is_complete() {
        let c = Catalog::shipped();
        assert_eq!(c.states.iter().filter(|s| s.un_status == "member").count(), 193);
        assert_eq!(c.themes.len(), 54);
        for t in &c.themes {
            assert!(c.group(&t.group).is_some(), "theme {} has unknown group", t.slug);
            for lang in UN_LANGUAGES {
                assert!(t.labels.contains_key(lang), "theme {} lacks a {lang} label", t.slug);
                assert!(t.descriptions.contains_key(lang), "theme {} lacks a {lang} description", t.slug);
            }
        }
        for g in &c.groups {
            for lang in UN_LANGUAGES {
                assert!(g.labels.contains_key(lang) && g.descriptions.contains_key(lang), "group {} in {lang}", g.slug);
            }
        }
    }

    #[test]
    fn areas_resolve_by_code_name_and_group() {
        let c = Catalog::shipped();
        let africa = c.area("002").unwrap();
        assert!(africa.states.contains(&"KEN".to_string()));
        assert_eq!(c.area("africa").unwrap().code, "002");
        assert!(c.area("weog").unwrap().states.contains(&"NOR".to_string()));
        assert!(c.area("atlantis").is_none());
        let kenya = c.state("KEN").unwrap();
        assert!(c.areas_of(kenya).contains(&"002"));
    }

    #[test]
    fn upr_spellings_resolve() {
        let c = Catalog::shipped();
        assert_eq!(c.state_by_name("Holy See").unwrap().code, "VAT");
        assert_eq!(c.theme_by_upr_label("Women's rights").unwrap().slug, "womens-rights");
    }
}
