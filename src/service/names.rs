//! Readable names for what answers refer to by id or slug: request and offer titles, State and
//! provider names, theme labels, in the reader's language (one of the six UN languages), so a
//! dashboard shows a match or an engagement without one more call per id.

use std::collections::{BTreeMap, HashMap};

use crate::db::offers as offer_store;
use crate::db::organizations as organization_store;
use crate::db::requests as request_store;
use crate::db::DbConn;
use crate::domain::catalog::Catalog;
use crate::error::AppResult;

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
