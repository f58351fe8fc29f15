//! Readable names for what answers refer to by id or slug: request and offer titles, State and
//! provider names, theme labels, in the reader's language (one of the six UN languages), so a
//! dashboard shows a match or an engagement without one more call per id.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::offers as offer_store;
use crate::db::organizations as organization_store;
use crate::db::requests as request_store;
use crate::db::DbConn;
use crate::domain::catalog::Catalog;
use crate::domain::vocab::ProviderKind;
use crate::error::AppResult;
use crate::service::offers::Offer;
use crate::service::recommendations::Recommendation;
use crate::service::requests::AssistanceRequest;
use crate::service::Services;

/// What the requests and offers of one answer are called, read in one go.
#[derive(Debug, Default)]
pub struct Heads {
    /// Request id -> (title, requesting State).
    requests: HashMap<String, (String, String)>,
    /// Offer id -> (title, provider).
    offers: HashMap<String, (String, String)>,
    /// Organization id -> name.
    organizations: HashMap<String, String>,
}

impl Heads {
    /// Reads the titles of these requests and offers and the names of the offers' providers
    /// (three queries, whatever the number of ids).
    pub fn read(conn: &mut DbConn, request_ids: &[String], offer_ids: &[String]) -> AppResult<Heads> {
        let requests = request_store::heads(conn, request_ids)?;
        let offers = offer_store::heads(conn, offer_ids)?;
        let providers: Vec<String> = offers.iter().map(|(_, _, p)| p.clone()).collect();
        Ok(Heads {
            requests: requests.into_iter().map(|(id, title, state)| (id, (title, state))).collect(),
            offers: offers.into_iter().map(|(id, title, provider)| (id, (title, provider))).collect(),
            organizations: organization_store::names(conn, &providers)?.into_iter().collect(),
        })
    }

    pub fn request_title(&self, id: &str) -> &str {
        self.requests.get(id).map_or("", |(title, _)| title)
    }

    pub fn request_state(&self, id: &str) -> &str {
        self.requests.get(id).map_or("", |(_, state)| state)
    }

    pub fn offer_title(&self, id: &str) -> &str {
        self.offers.get(id).map_or("", |(title, _)| title)
    }

    pub fn offer_provider(&self, id: &str) -> &str {
        self.offers.get(id).map_or("", |(_, provider)| provider)
    }

    /// An organization's name, or a donor State's in `lang`.
    pub fn provider_name<'a>(&'a self, catalog: &'a Catalog, provider: &'a str, lang: &str) -> &'a str {
        self.organizations.get(provider).map_or_else(|| catalog.state_name(provider, lang), String::as_str)
    }
}

/// How an answer is worded: the titles and names of the records it refers to, the reference
/// data, and the reader's language.
pub struct Wording {
    pub heads: Heads,
    pub catalog: &'static Catalog,
    pub lang: &'static str,
}

impl Wording {
    /// Reads what these requests and offers are called, for an answer in `lang`.
    pub fn read(
        conn: &mut DbConn,
        lang: &'static str,
        request_ids: &[String],
        offer_ids: &[String],
    ) -> AppResult<Wording> {
        Ok(Wording { heads: Heads::read(conn, request_ids, offer_ids)?, catalog: Catalog::shipped(), lang })
    }

    /// Reads what one request and one offer are called.
    pub fn of_pair(conn: &mut DbConn, lang: &'static str, request_id: &str, offer_id: &str) -> AppResult<Wording> {
        Wording::read(conn, lang, &[request_id.to_string()], &[offer_id.to_string()])
    }

    pub fn state_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.catalog.state_name(code, self.lang)
    }

    pub fn provider_name<'a>(&'a self, provider: &'a str) -> &'a str {
        self.heads.provider_name(self.catalog, provider, self.lang)
    }

    pub fn theme_labels<'a>(&self, slugs: impl IntoIterator<Item = &'a String>) -> BTreeMap<String, String> {
        theme_labels(self.catalog, slugs, self.lang)
    }
}

/// What the records of a list page refer to, named in the reader's language: every theme, State
/// and provider on the page, so a page is shown without one more call per code.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct Names {
    /// Theme labels, by slug.
    #[schema(example = json!({"torture": "Torture and other CID treatment"}))]
    pub themes: BTreeMap<String, String>,
    /// State names, by alpha-3 code (requesting States, States under review and recommending,
    /// States served, donor States).
    #[schema(example = json!({"KEN": "Kenya"}))]
    pub states: BTreeMap<String, String>,
    /// Organization names, by id (offers' providers that are organizations).
    pub organizations: BTreeMap<String, String>,
}

impl Names {
    fn new<'a>(
        lang: &str,
        themes: impl IntoIterator<Item = &'a String>,
        states: impl IntoIterator<Item = &'a String>,
    ) -> Names {
        let catalog = Catalog::shipped();
        let states = states
            .into_iter()
            .filter(|code| catalog.state(code).is_some())
            .map(|code| (code.clone(), catalog.state_name(code, lang).to_string()))
            .collect();
        Names { themes: theme_labels(catalog, themes, lang), states, organizations: BTreeMap::new() }
    }

    /// The names a page of requests refers to.
    pub fn of_requests(requests: &[AssistanceRequest], lang: &str) -> Names {
        Names::new(lang, requests.iter().flat_map(|r| &r.themes), requests.iter().map(|r| &r.state))
    }

    /// The names a page of recommendations refers to.
    pub fn of_recommendations(recommendations: &[Recommendation], lang: &str) -> Names {
        let states =
            recommendations.iter().flat_map(|r| std::iter::once(&r.state_under_review).chain(&r.recommending_state));
        Names::new(lang, recommendations.iter().flat_map(|r| &r.themes), states)
    }

    /// The names a page of offers refers to (organizations' names read in one query).
    pub async fn of_offers(services: &Services, offers: &[Offer], lang: &str) -> AppResult<Names> {
        let donors = offers.iter().filter(|o| o.provider_kind == ProviderKind::State).map(|o| &o.provider);
        let mut names = Names::new(
            lang,
            offers.iter().flat_map(|o| &o.themes),
            donors.chain(offers.iter().flat_map(|o| &o.countries)),
        );
        let organizations: Vec<String> = offers
            .iter()
            .filter(|o| o.provider_kind == ProviderKind::Organization)
            .map(|o| o.provider.clone())
            .collect();
        if !organizations.is_empty() {
            let found = services.db.run(move |conn| organization_store::names(conn, &organizations)).await?;
            names.organizations = found.into_iter().collect();
        }
        Ok(names)
    }
}

/// The labels of these themes in `lang`, by slug (unknown slugs are left out).
pub fn theme_labels<'a>(
    catalog: &Catalog,
    slugs: impl IntoIterator<Item = &'a String>,
    lang: &str,
) -> BTreeMap<String, String> {
    slugs
        .into_iter()
        .filter_map(|slug| catalog.theme(slug).map(|t| (slug.clone(), t.label_in(lang).to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_language_and_skip_unknown_slugs() {
        let catalog = Catalog::shipped();
        let slugs = vec!["torture".to_string(), "no-such-theme".to_string()];
        let en = theme_labels(catalog, &slugs, "en");
        let fr = theme_labels(catalog, &slugs, "fr");
        assert_eq!(en.len(), 1);
        assert_ne!(en["torture"], fr["torture"]);
    }

    #[test]
    fn a_donor_state_is_named_in_the_language_and_an_unknown_id_reads_empty() {
        let heads = Heads::default();
        let catalog = Catalog::shipped();
        assert_eq!(heads.provider_name(catalog, "NOR", "en"), "Norway");
        assert_ne!(heads.provider_name(catalog, "NOR", "ru"), "Norway");
        assert_eq!(heads.request_title("req_x"), "");
    }
}
