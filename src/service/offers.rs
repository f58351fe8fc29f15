//! Offers of assistance by donor States and organizations: publish (one, or many at once), change,
//! read and list. Offer lists the in-memory listing can answer are answered there.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::update::{self, nullable, Editable, IfMatch};
use super::write::{Audit, Idempotency, Tx, Written};
use super::Services;
use crate::db::changes::Entity;
use crate::db::columns::{json_list, to_json_text};
use crate::db::offers::{self as store, OfferFilter, OfferRow, GLOBAL_AREA};
use crate::db::organizations as organization_store;
use crate::db::page::{now, PageOf, PageRequest};
use crate::db::DbConn;
use crate::domain::access::{Caller, OfferScope};
use crate::domain::audit::{Action, Resource};
use crate::domain::catalog::Catalog;
use crate::domain::ids;
use crate::domain::validate::{dedup, Checks, MAX_LIST_ITEMS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use crate::domain::vocab::{Modality, OfferStatus, ProviderKind};
use crate::error::{AppError, AppResult, FieldError};
use crate::matcher::entry::{id_of, key_of};
use crate::matcher::listing::ListingQuery;
use crate::matcher::MatchIndex;
use crate::suggest::{self, Suggester, ThemeSuggestion};

#[derive(Debug, Serialize, ToSchema)]
pub struct Offer {
    #[schema(example = "off_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    /// A donor State (alpha-3) or an organization id.
    #[schema(example = "NOR")]
    pub provider: String,
    pub provider_kind: ProviderKind,
    pub title: String,
    pub description: String,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Themes among `themes` that the model suggested from the title and description and no
    /// person has confirmed yet; a PATCH that sets `themes` confirms them.
    pub suggested_themes: Vec<ThemeSuggestion>,
    pub modalities: Vec<Modality>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    /// Available to every State.
    pub global: bool,
    /// States served (alpha-3).
    pub countries: Vec<String>,
    /// Regions served: M49 codes or UN regional groups.
    pub regions: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// How many engagements the provider can take on.
    pub capacity: i32,
    pub budget_usd: Option<i64>,
    pub status: OfferStatus,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOffer {
    /// A donor State (alpha-3) or an organization id.
    #[schema(example = "NOR")]
    pub provider: String,
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Theme slugs or free text (normalised to the taxonomy); at least one, unless
    /// `suggest_themes` is set.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Also tag the offer with the themes suggested from its title and description (listed in
    /// `suggested_themes` until confirmed); with no theme otherwise, the most likely one.
    #[serde(default)]
    pub suggest_themes: bool,
    #[serde(default)]
    pub modalities: Vec<Modality>,
    #[serde(default)]
    pub languages: Vec<String>,
    /// Available to every State; otherwise name countries and/or regions.
    #[serde(default)]
    pub global: bool,
    #[serde(default)]
    pub countries: Vec<String>,
    /// M49 codes or names (`002`, `Africa`) or UN regional groups (`weog`).
    #[serde(default)]
    pub regions: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Default 1.
    #[schema(minimum = 1, maximum = 10000)]
    pub capacity: Option<i32>,
    #[schema(minimum = 0)]
    pub budget_usd: Option<i64>,
    /// `draft` or `open` (default `open`).
    pub status: Option<OfferStatus>,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferChanges {
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    /// Sets the themes, confirming them all.
    pub themes: Option<Vec<String>>,
    /// Suggest themes again from the title and description (by default, unconfirmed
    /// suggestions are made again when either changes).
    pub suggest_themes: Option<bool>,
    pub modalities: Option<Vec<Modality>>,
    pub languages: Option<Vec<String>>,
    pub global: Option<bool>,
    pub countries: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub starts_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub ends_on: Option<Option<NaiveDate>>,
    #[schema(minimum = 1, maximum = 10000)]
    pub capacity: Option<i32>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>, nullable)]
    #[schema(minimum = 0)]
    pub budget_usd: Option<Option<i64>>,
    pub status: Option<OfferStatus>,
}

/// What a bulk submission stored, in the order given.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkOffers {
    pub created: usize,
    pub items: Vec<Offer>,
}

/// Offers one bulk submission may carry.
pub const MAX_BULK_OFFERS: usize = 1000;

/// Every field of an offer its provider edits, merged and checked.
pub struct Fields {
    title: String,
    description: String,
    themes: Vec<String>,
    /// Suggest themes from the text.
    suggest: bool,
    suggested: Vec<ThemeSuggestion>,
    modalities: Vec<Modality>,
    languages: Vec<String>,
    global: bool,
    countries: Vec<String>,
    regions: Vec<String>,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    capacity: i32,
    budget_usd: Option<i64>,
    status: OfferStatus,
}

impl Fields {
    fn checked(self) -> AppResult<Fields> {
        let catalog = Catalog::shipped();
        let mut c = Checks::new();
        let title = c.required_text("title", &self.title, MAX_TITLE_CHARS);
        let description = c.optional_text("description", &self.description, MAX_TEXT_CHARS);
        let mut themes = c.themes("themes", &self.themes);
        let mut suggested = self.suggested;
        if self.suggest {
            let text = suggest::text_of(&title, &description);
            suggested.extend(Suggester::shipped().tag(&mut themes, &text, MAX_LIST_ITEMS));
        }
        if themes.is_empty() && self.themes.is_empty() {
            c.fail("themes", "give at least one theme, or set suggest_themes");
        }
        c.list_size("modalities", self.modalities.len());
        let languages = c.languages("languages", &self.languages);
        c.list_size("countries", self.countries.len());
        c.list_size("regions", self.regions.len());
        let mut countries: Vec<String> = Vec::new();
        for (i, code) in self.countries.iter().enumerate() {
            let code = c.state(&format!("countries[{i}]"), code);
            if !countries.contains(&code) {
                countries.push(code);
            }
        }
        let mut regions: Vec<String> = Vec::new();
        for (i, key) in self.regions.iter().enumerate() {
            match catalog.area(key) {
                Some(area) if !regions.contains(&area.code) => regions.push(area.code.clone()),
                Some(_) => {}
                None => c.fail(
                    format!("regions[{i}]"),
                    format!("unknown region '{key}' (use an M49 code or name, or a UN regional group)"),
                ),
            }
        }
        if self.global && !(countries.is_empty() && regions.is_empty()) {
            c.fail("global", "a global offer lists no countries or regions");
        }
        if !self.global && self.countries.is_empty() && self.regions.is_empty() {
            c.fail("countries", "name the countries or regions served, or set global to true");
        }
        c.period(self.starts_on, self.ends_on);
        if !(1..=10_000).contains(&self.capacity) {
            c.fail("capacity", "must be from 1 to 10000 engagements");
        }
        c.non_negative("budget_usd", self.budget_usd);
        c.finish()?;
        Ok(Fields {
            title,
            description,
            themes,
            suggested,
            modalities: dedup(&self.modalities),
            languages,
            countries,
            regions,
            ..self
        })
    }

    /// The `offer_areas` rows: where the offer is available.
    fn areas(&self) -> Vec<String> {
        if self.global {
            vec![GLOBAL_AREA.to_string()]
        } else {
            self.countries.iter().chain(&self.regions).cloned().collect()
        }
    }

    fn write_into(&self, row: &mut OfferRow) {
        row.title = self.title.clone();
        row.description = self.description.clone();
        row.themes = to_json_text(&self.themes);
        row.suggested_themes = to_json_text(&self.suggested);
        row.modalities = to_json_text(&self.modalities);
        row.languages = to_json_text(&self.languages);
        row.is_global = self.global;
        row.countries = to_json_text(&self.countries);
        row.regions = to_json_text(&self.regions);
        row.starts_on = self.starts_on;
        row.ends_on = self.ends_on;
        row.capacity = self.capacity;
        row.budget_usd = self.budget_usd;
        row.status = self.status.as_str().to_string();
    }
}

/// A provider reference: a State code, or the id of a stored organization.
fn provider(conn: &mut DbConn, given: &str) -> AppResult<(ProviderKind, String)> {
    let given = given.trim();
    if ids::has_prefix(given, ids::ORGANIZATION) {
        return match organization_store::find(conn, given)? {
            Some(org) => Ok((ProviderKind::Organization, org.id)),
            None => Err(AppError::invalid("provider", format!("no organization '{given}'"))),
        };
    }
    let code = given.to_ascii_uppercase();
    match Catalog::shipped().state(&code) {
        Some(s) => Ok((ProviderKind::State, s.code.clone())),
        None => Err(AppError::invalid(
            "provider",
            format!("'{given}' is neither a State code (alpha-3) nor an organization id"),
        )),
    }
}

impl NewOffer {
    /// The checked fields, and the provider as given.
    pub fn into_fields(self) -> AppResult<(String, Fields)> {
        let status = self.status.unwrap_or(OfferStatus::Open);
        if !status.creatable() {
            return Err(AppError::invalid("status", "a new offer is draft or open"));
        }
        let fields = Fields {
            title: self.title,
            description: self.description,
            themes: self.themes,
            suggest: self.suggest_themes,
            suggested: Vec::new(),
            modalities: self.modalities,
            languages: self.languages,
            global: self.global,
            countries: self.countries,
            regions: self.regions,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            capacity: self.capacity.unwrap_or(1),
            budget_usd: self.budget_usd,
            status,
        }
        .checked()?;
        Ok((self.provider, fields))
    }
}

/// Stores a new offer for a provider the caller may act for, with its change record and audit
/// event.
fn store_new(tx: &mut Tx<'_>, given_provider: &str, fields: &Fields) -> AppResult<OfferRow> {
    let (kind, provider_id) = provider(tx.conn(), given_provider)?;
    tx.caller().may_act_for_provider(&provider_id)?;
    let at = now();
    let mut row = OfferRow {
        id: ids::new_id(ids::OFFER),
        provider_kind: kind.as_str().to_string(),
        provider_id,
        title: String::new(),
        description: String::new(),
        themes: String::new(),
        modalities: String::new(),
        languages: String::new(),
        is_global: false,
        countries: String::new(),
        regions: String::new(),
        starts_on: None,
        ends_on: None,
        capacity: 0,
        budget_usd: None,
        status: String::new(),
        version: 1,
        created_at: at,
        updated_at: at,
        suggested_themes: String::new(),
    };
    fields.write_into(&mut row);
    store::insert(tx.conn(), &row, &fields.themes, &fields.areas())?;
    tx.changed(Entity::Offer, &row.id)?;
    let created = view(&row)?;
    tx.audit(Audit {
        action: Action::Create,
        resource: Resource::Offer,
        id: &row.id,
        owner_state: None,
        before: None,
        after: &created,
    })?;
    Ok(row)
}

pub fn view(row: &OfferRow) -> AppResult<Offer> {
    let stored = |what: &str| AppError::internal(format!("stored {what} is unknown"));
    Ok(Offer {
        provider_kind: ProviderKind::parse(&row.provider_kind).ok_or_else(|| stored("provider kind"))?,
        themes: json_list(&row.themes)?,
        suggested_themes: json_list(&row.suggested_themes)?,
        modalities: json_list(&row.modalities)?,
        languages: json_list(&row.languages)?,
        countries: json_list(&row.countries)?,
        regions: json_list(&row.regions)?,
        status: OfferStatus::parse(&row.status).ok_or_else(|| stored("status"))?,
        id: row.id.clone(),
        provider: row.provider_id.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        global: row.is_global,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        capacity: row.capacity,
        budget_usd: row.budget_usd,
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// Publishes an offer. Admins, and providers for their own organization or donor State.
pub async fn create(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    new: NewOffer,
) -> AppResult<Written<Offer>> {
    caller.key()?;
    let (given_provider, fields) = new.into_fields()?;
    services.write_once(caller, once, move |tx| view(&store_new(tx, &given_provider, &fields)?)).await
}

/// Publishes many offers, all or none: each comes with the name of its place in the submission
/// (`[3]`, `line 5`), which prefixes the fields of every problem reported, all at once.
pub async fn create_many(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    offers: Vec<(String, (String, Fields))>,
) -> AppResult<Written<BulkOffers>> {
    caller.key()?;
    if offers.is_empty() {
        return Err(AppError::invalid("body", "send at least one offer"));
    }
    if offers.len() > MAX_BULK_OFFERS {
        return Err(AppError::invalid("body", format!("at most {MAX_BULK_OFFERS} offers in one call")));
    }
    let written = services
        .write_once(caller, once, move |tx| {
            let mut items = Vec::with_capacity(offers.len());
            let mut problems = Vec::new();
            for (at, (given_provider, fields)) in &offers {
                match store_new(tx, given_provider, fields) {
                    Ok(row) => items.push(view(&row)?),
                    Err(AppError::Validation(errors)) => problems.extend(named(at, errors)),
                    Err(AppError::Forbidden(why)) => return Err(AppError::Forbidden(format!("{at}: {why}"))),
                    Err(other) => return Err(other),
                }
            }
            if !problems.is_empty() {
                return Err(AppError::Validation(problems));
            }
            Ok(BulkOffers { created: items.len(), items })
        })
        .await?;
    if let Written::Done(stored) = &written {
        tracing::info!(offers = stored.created, "stored offers in bulk");
    }
    Ok(written)
}

/// Field errors of the offer at `at`, named from the submission's root (`[3].themes[0]`,
/// `line 5: themes[0]`).
pub fn named(at: &str, errors: Vec<FieldError>) -> Vec<FieldError> {
    let joiner = if at.starts_with('[') { "." } else { ": " };
    errors.into_iter().map(|e| FieldError::new(format!("{at}{joiner}{}", e.field), e.message)).collect()
}

/// Changes an offer. Admins, and its provider; withdrawn offers no longer change.
pub async fn update(
    services: &Services,
    caller: &Caller,
    id: String,
    if_match: IfMatch,
    changes: OfferChanges,
) -> AppResult<Offer> {
    caller.key()?;
    view(&update::update::<OfferEdit>(services, caller, id, if_match, changes).await?)
}

/// The offer, if the caller may see it (a hidden one reads as missing).
pub async fn get(services: &Services, caller: &Caller, id: String) -> AppResult<Offer> {
    let scope = caller.offer_scope();
    let row = services.db.run(move |conn| store::find(conn, &id, &scope)).await?;
    view(&row.ok_or_else(not_found)?)
}

/// A page of the offers the caller may see that `filter` selects, oldest first.
pub async fn list(
    services: &Services,
    caller: &Caller,
    filter: OfferFilter,
    page: PageRequest,
) -> AppResult<PageOf<OfferRow>> {
    let scope = caller.offer_scope();
    let query = listing_query(&services.matching.read(), &filter, scope.clone());
    let after = match &query {
        Some(_) => page.after.as_deref().map(key_of).map(|k| k.ok_or_else(bad_cursor)).transpose()?,
        None => None,
    };
    let matching = Arc::clone(&services.matching);
    services
        .db
        .run(move |conn| {
            // What the listing holds answers it, once loaded: it finds the page and the total;
            // storage reads the rows.
            if let Some(query) = query {
                matching.fresh_on(conn)?;
                let listed = matching.listing().as_ref().map(|l| l.page(&query, after, page.limit as usize + 1));
                if let Some((keys, total)) = listed {
                    let ids: Vec<String> = keys.into_iter().map(|k| id_of(ids::OFFER, k)).collect();
                    let found = store::by_ids(conn, &ids, &scope)?;
                    return Ok(PageOf::from_rows(found, &page, total as i64, |r| &r.id));
                }
            }
            store::list(conn, &filter, &page, &scope)
        })
        .await
}

fn not_found() -> AppError {
    AppError::NotFound("offer".into())
}

fn bad_cursor() -> AppError {
    AppError::bad_param("cursor", "not a cursor of this list")
}

/// The listing's query for a list filter, when the listing can answer it (no text search, no
/// region named).
fn listing_query(index: &MatchIndex, filter: &OfferFilter, scope: OfferScope) -> Option<ListingQuery> {
    if !filter.words.is_empty() || filter.region.is_some() {
        return None;
    }
    let encoder = index.encoder();
    Some(ListingQuery {
        themes: filter.theme.as_ref().map_or(0, |t| encoder.theme_mask(&[t])),
        serves: match &filter.serves {
            Some(code) => Some(encoder.state(code)?),
            None => None,
        },
        status: filter.status,
        provider: filter.provider.clone(),
        updated_since: filter.updated_since.map(|t| t.and_utc().timestamp_micros()),
        scope,
    })
}

/// Offers in the update pipeline.
struct OfferEdit;

impl Editable for OfferEdit {
    type Row = OfferRow;
    type View = Offer;
    type Changes = OfferChanges;
    /// The themes and areas to write again, when they changed.
    type Extra = Option<(Vec<String>, Vec<String>)>;

    const RESOURCE: Resource = Resource::Offer;

    fn load(conn: &mut DbConn, caller: &Caller, id: &str) -> AppResult<Option<OfferRow>> {
        store::find(conn, id, &caller.offer_scope())
    }

    fn may_edit(caller: &Caller, row: &OfferRow) -> AppResult<()> {
        caller.may_act_for_provider(&row.provider_id)
    }

    fn version(row: &OfferRow) -> i64 {
        row.version
    }

    fn is_final(row: &OfferRow) -> AppResult<Option<String>> {
        let status = view(row)?.status;
        Ok(status.is_final().then(|| format!("the offer is {status}; it no longer changes")))
    }

    fn view(row: &OfferRow) -> AppResult<Offer> {
        view(row)
    }

    fn merge(_: &mut DbConn, row: &OfferRow, ch: OfferChanges) -> AppResult<(OfferRow, Self::Extra)> {
        let current = view(row)?;
        let text_changed = ch.title.as_ref().is_some_and(|t| *t != current.title)
            || ch.description.as_ref().is_some_and(|d| *d != current.description);
        let given_themes = ch.themes.is_some();
        let (themes, suggested, suggest) =
            suggest::after_change(current.themes, current.suggested_themes, ch.themes, ch.suggest_themes, text_changed);
        let links_changed =
            given_themes || suggest || ch.global.is_some() || ch.countries.is_some() || ch.regions.is_some();
        let fields = Fields {
            title: ch.title.unwrap_or(current.title),
            description: ch.description.unwrap_or(current.description),
            themes,
            suggest,
            suggested,
            modalities: ch.modalities.unwrap_or(current.modalities),
            languages: ch.languages.unwrap_or(current.languages),
            global: ch.global.unwrap_or(current.global),
            countries: ch.countries.unwrap_or(current.countries),
            regions: ch.regions.unwrap_or(current.regions),
            starts_on: ch.starts_on.unwrap_or(current.starts_on),
            ends_on: ch.ends_on.unwrap_or(current.ends_on),
            capacity: ch.capacity.unwrap_or(current.capacity),
            budget_usd: ch.budget_usd.unwrap_or(current.budget_usd),
            status: ch.status.unwrap_or(current.status),
        }
        .checked()?;
        let mut updated = row.clone();
        fields.write_into(&mut updated);
        Ok((updated, links_changed.then(|| (fields.themes.clone(), fields.areas()))))
    }

    fn stamp(row: &mut OfferRow, version: i64, at: chrono::NaiveDateTime) {
        row.version = version;
        row.updated_at = at;
    }

    fn write(conn: &mut DbConn, row: &OfferRow, links: &Self::Extra, expected: i64) -> AppResult<bool> {
        let links = links.as_ref().map(|(themes, areas)| (themes.as_slice(), areas.as_slice()));
        store::update(conn, row, expected, links)
    }

    fn owner_state(_: &OfferRow) -> Option<&str> {
        None
    }

    fn indexed_as() -> Option<Entity> {
        Some(Entity::Offer)
    }

    fn id(row: &OfferRow) -> &str {
        &row.id
    }
}
