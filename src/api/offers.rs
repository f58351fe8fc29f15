//! `/offers`: offers of assistance by donor States and organizations.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::audit::record_change;
use super::http::{self, JsonBody, Page};
use super::idempotent::Once;
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead, UpdateErrors};
use super::AppState;
use crate::db::changes;
use crate::db::offers::{self as store, OfferFilter, OfferRow, GLOBAL_AREA};
use crate::db::organizations as organization_store;
use crate::db::page::{now, PageOf};
use crate::db::DbConn;
use crate::domain::access::{Caller, OfferScope};
use crate::domain::catalog::Catalog;
use crate::domain::ids;
use crate::domain::validate::{dedup, Checks, MAX_LIST_ITEMS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use crate::domain::vocab::{Modality, OfferStatus, ProviderKind};
use crate::error::{AppError, AppResult};
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
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub starts_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub ends_on: Option<Option<NaiveDate>>,
    #[schema(minimum = 1, maximum = 10000)]
    pub capacity: Option<i32>,
    #[serde(default, deserialize_with = "http::nullable")]
    #[schema(value_type = Option<i64>, nullable)]
    #[schema(minimum = 0)]
    pub budget_usd: Option<Option<i64>>,
    pub status: Option<OfferStatus>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OfferQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// A donor State (alpha-3) or an organization id.
    pub provider: Option<String>,
    /// Theme slug (or text that resolves to one theme).
    pub theme: Option<String>,
    #[param(value_type = Option<OfferStatus>)]
    pub status: Option<String>,
    /// Offers available to this State (alpha-3): global, naming it, or naming a region of it.
    pub serves: Option<String>,
    /// Offers available in this region (M49 code or name, UN regional group), or global.
    pub region: Option<String>,
    /// Only offers changed at or after this RFC 3339 time.
    #[param(value_type = Option<DateTime<Utc>>)]
    pub updated_since: Option<String>,
    /// Words that must all appear in the title or description (case-insensitive).
    pub q: Option<String>,
}

/// Every field of an offer its provider edits, merged and checked.
pub(super) struct Draft {
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

impl Draft {
    fn checked(self) -> AppResult<Draft> {
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
        Ok(Draft {
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
        row.themes = http::to_json_text(&self.themes);
        row.suggested_themes = http::to_json_text(&self.suggested);
        row.modalities = http::to_json_text(&self.modalities);
        row.languages = http::to_json_text(&self.languages);
        row.is_global = self.global;
        row.countries = http::to_json_text(&self.countries);
        row.regions = http::to_json_text(&self.regions);
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
    /// The checked draft, and the provider as given.
    pub(super) fn into_draft(self) -> AppResult<(String, Draft)> {
        let status = self.status.unwrap_or(OfferStatus::Open);
        if !status.creatable() {
            return Err(AppError::invalid("status", "a new offer is draft or open"));
        }
        let draft = Draft {
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
        Ok((self.provider, draft))
    }
}

/// Stores a new offer for a provider the caller may act for, with its change record and audit
/// entry (inside the caller's transaction).
pub(super) fn store_new(
    conn: &mut DbConn,
    caller: &Caller,
    given_provider: &str,
    draft: &Draft,
) -> AppResult<OfferRow> {
    let (kind, provider_id) = provider(conn, given_provider)?;
    caller.may_act_for_provider(&provider_id)?;
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
    draft.write_into(&mut row);
    store::insert(conn, &row, &draft.themes, &draft.areas())?;
    changes::record(conn, changes::Entity::Offer, &row.id)?;
    record_change(conn, caller, "create", "offer", &row.id, None, None, &view(row.clone())?)?;
    Ok(row)
}

pub fn view(row: OfferRow) -> AppResult<Offer> {
    let stored = |what: &str| AppError::internal(format!("stored {what} is unknown"));
    Ok(Offer {
        provider_kind: ProviderKind::parse(&row.provider_kind).ok_or_else(|| stored("provider kind"))?,
        themes: http::json_list(&row.themes)?,
        suggested_themes: http::json_list(&row.suggested_themes)?,
        modalities: http::json_list(&row.modalities)?,
        languages: http::json_list(&row.languages)?,
        countries: http::json_list(&row.countries)?,
        regions: http::json_list(&row.regions)?,
        status: OfferStatus::parse(&row.status).ok_or_else(|| stored("status"))?,
        id: row.id,
        provider: row.provider_id,
        title: row.title,
        description: row.description,
        global: row.is_global,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        capacity: row.capacity,
        budget_usd: row.budget_usd,
        version: row.version,
        created_at: http::utc(row.created_at),
        updated_at: http::utc(row.updated_at),
    })
}

/// Loads an offer the scope may see, or answers 404 (hidden and missing look the same).
fn load(conn: &mut DbConn, id: &str, scope: &OfferScope) -> AppResult<OfferRow> {
    store::find(conn, id, scope)?.ok_or_else(|| AppError::NotFound("offer".into()))
}

/// Publish an offer of assistance. **Roles:** admin; provider (for its own organization or donor State).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "offers",
    request_body = NewOffer,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried call safe: a retry within 24 hours gets the first answer (`Idempotent-Replayed: true`)")),
    responses(
        (status = 201, body = Offer, headers(("ETag" = String), ("Location" = String))),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/offers")]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    body: JsonBody<NewOffer>,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let JsonBody(offer, bytes) = body;
    let once = Once::new(&req, "offers", &bytes)?;
    let (given_provider, draft) = offer.into_draft()?;
    let stored = state
        .services
        .db
        .write(move |conn| {
            if let Some(first) = once.replay(conn, &caller)? {
                return Ok(Err(first));
            }
            let row = store_new(conn, &caller, &given_provider, &draft)?;
            let created = view(row.clone())?;
            once.remember_created(conn, &caller, &created)?;
            Ok(Ok((row, created)))
        })
        .await?;
    let (row, created) = match stored {
        Ok(stored) => stored,
        Err(first) => return first.response(Some("/api/v1/offers")),
    };
    state.services.matching.catch_up(&state.services.db).await;
    let location = format!("/api/v1/offers/{}", row.id);
    http::created(&req, location, row.version, &created)
}

/// One offer. **Roles:** anyone sees offers that are not drafts; a provider key also its own drafts; admin all.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "offers",
    params(("id" = String, Path, description = "Offer id")),
    responses(
        (status = 200, body = Offer, headers(("ETag" = String))),
        ItemRead,
    )
)]
#[get("/offers/{id}")]
pub async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let scope = caller.offer_scope();
    let row = state.services.db.run(move |conn| load(conn, &id, &scope)).await?;
    http::versioned(&req, StatusCode::OK, row.version, &view(row)?)
}

/// List offers, oldest first. **Roles:** anyone sees offers that are not drafts; a provider key also its own drafts; admin all.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "offers",
    params(OfferQuery),
    responses(
        (status = 200, body = Page<Offer>, headers(("ETag" = String))),
        ListRead,
    )
)]
#[get("/offers")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<OfferQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let catalog = Catalog::shipped();
    let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::OFFER)?;
    let serves_code = http::state_param("serves", q.serves.as_deref())?;
    let serves = serves_code.clone().map(|code| {
        let state = catalog.state(&code).expect("state_param returns known codes");
        let mut areas: Vec<String> = catalog.areas_of(state).into_iter().map(str::to_string).collect();
        areas.push(code);
        areas
    });
    let region = http::region_param("region", q.region.as_deref())?.map(|(code, _)| vec![code]);
    let from_region = region.is_some();
    let serves_any_of = match (serves, region) {
        (Some(a), Some(b)) => Some(a.into_iter().filter(|x| b.contains(x)).collect()),
        (a, b) => a.or(b),
    };
    let filter = OfferFilter {
        provider: q.provider.map(|p| if p.len() == 3 { p.to_ascii_uppercase() } else { p }),
        theme: http::theme_param("theme", q.theme.as_deref())?,
        status: http::vocab_param("status", q.status.as_deref(), OfferStatus::parse, OfferStatus::expected)?
            .map(|s| s.as_str().to_string()),
        serves_any_of,
        updated_since: http::timestamp_param("updated_since", q.updated_since.as_deref())?,
        words: http::search_words("q", q.q.as_deref())?,
    };
    let scope = caller.offer_scope();
    let query = (!from_region)
        .then(|| listing_query(&state.services.matching.read(), &filter, serves_code, scope.clone()))
        .flatten();
    let after = match &query {
        Some(_) => page.after.as_deref().map(key_of).map(|k| k.ok_or_else(bad_cursor)).transpose()?,
        None => None,
    };
    let (matching, request) = (Arc::clone(&state.services.matching), page.clone());
    let rows = state
        .services
        .db
        .run(move |conn| {
            // What the listing holds answers it, once loaded: it finds the page and the total;
            // storage reads the rows.
            if let Some(query) = query {
                matching.fresh_on(conn)?;
                let listed = matching.listing().as_ref().map(|l| l.page(&query, after, request.limit as usize + 1));
                if let Some((keys, total)) = listed {
                    let ids: Vec<String> = keys.into_iter().map(|k| id_of(ids::OFFER, k)).collect();
                    let found = store::by_ids(conn, &ids, &scope)?;
                    return Ok(PageOf::from_rows(found, &request, total as i64, |r| &r.id));
                }
            }
            store::list(conn, &filter, &request, &scope)
        })
        .await?;
    http::json_response(&req, StatusCode::OK, &Page::from_rows(rows, &page, view)?, None)
}

fn bad_cursor() -> AppError {
    AppError::bad_param("cursor", "not a cursor of this list")
}

/// The listing's query for a list filter, when the listing can answer it (no text search; the
/// caller leaves out a named region).
fn listing_query(
    index: &MatchIndex,
    filter: &OfferFilter,
    serves: Option<String>,
    scope: OfferScope,
) -> Option<ListingQuery> {
    if !filter.words.is_empty() {
        return None;
    }
    let encoder = index.encoder();
    Some(ListingQuery {
        themes: filter.theme.as_ref().map_or(0, |t| encoder.theme_mask(&[t])),
        serves: match serves {
            Some(code) => Some(encoder.state(&code)?),
            None => None,
        },
        status: filter.status.as_deref().and_then(OfferStatus::parse),
        provider: filter.provider.clone(),
        updated_since: filter.updated_since.map(|t| t.and_utc().timestamp_micros()),
        scope,
    })
}

/// Change an offer. Needs `If-Match` with its current ETag or version. Withdrawn offers no
/// longer change (409). **Roles:** admin; provider (its own offers).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "offers",
    params(
        ("id" = String, Path, description = "Offer id"),
        ("If-Match" = String, Header, description = "Current ETag (\"v3\") or version (3)"),
    ),
    request_body = OfferChanges,
    responses(
        (status = 200, body = Offer, headers(("ETag" = String))),
        UpdateErrors,
        AccessErrors,
    )
)]
#[patch("/offers/{id}")]
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: JsonBody<OfferChanges>,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let id = id.into_inner();
    let ch = body.0;
    let if_match = http::IfMatch::from_request(&req)?;
    let row = state
        .services
        .db
        .write(move |conn| {
            let row = load(conn, &id, &caller.offer_scope())?;
            caller.may_act_for_provider(&row.provider_id)?;
            if_match.check(row.version)?;
            let before = view(row.clone())?;
            let current = view(row.clone())?;
            if current.status.is_final() {
                return Err(AppError::Conflict(format!("the offer is {}; it no longer changes", current.status)));
            }
            let text_changed = ch.title.as_ref().is_some_and(|t| *t != current.title)
                || ch.description.as_ref().is_some_and(|d| *d != current.description);
            let given_themes = ch.themes.is_some();
            let (themes, suggested, suggest) = suggest::after_change(
                current.themes,
                current.suggested_themes,
                ch.themes,
                ch.suggest_themes,
                text_changed,
            );
            let links_changed =
                given_themes || suggest || ch.global.is_some() || ch.countries.is_some() || ch.regions.is_some();
            let draft = Draft {
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
            let mut updated = OfferRow { version: row.version + 1, updated_at: now(), ..row.clone() };
            draft.write_into(&mut updated);
            let areas = draft.areas();
            let links = links_changed.then_some((draft.themes.as_slice(), areas.as_slice()));
            if !store::update(conn, &updated, row.version, links)? {
                return Err(AppError::PreconditionFailed("the offer changed meanwhile; fetch it again".into()));
            }
            changes::record(conn, changes::Entity::Offer, &updated.id)?;
            record_change(conn, &caller, "update", "offer", &updated.id, None, Some(&before), &view(updated.clone())?)?;
            Ok(updated)
        })
        .await?;
    state.services.matching.catch_up(&state.services.db).await;
    http::versioned(&req, StatusCode::OK, row.version, &view(row)?)
}
