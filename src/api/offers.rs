//! `/offers`: offers of assistance by donor States and organizations.

use actix_web::http::StatusCode;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use std::sync::Arc;

use super::http::{self, ChangesBody, CheckedBody, Page};
use super::idempotent;
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead, UpdateErrors};
use super::AppState;
use crate::db::offers::OfferFilter;
use crate::db::page::PageRequest;
use crate::domain::access::Caller;
use crate::domain::ids;
use crate::domain::vocab::OfferStatus;
use crate::error::AppResult;
use crate::export::{table, Tabular};
use crate::service::names::Names;
use crate::service::offers::{self as service, NewOffer, Offer, OfferChanges};

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
    /// `json` (one page, the default), `csv` or `xlsx` (every item the filters select; `limit`
    /// and `cursor` do not apply); without it, `Accept` may ask for `text/csv` or the XLSX type.
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
    /// Language of the page's `names` (ar, en, es, fr, ru, zh); default from `Accept-Language`.
    pub lang: Option<String>,
}

impl OfferQuery {
    /// The filter and page asked for, each value checked (the web pages read the same query).
    pub fn parsed(self) -> AppResult<(OfferFilter, PageRequest)> {
        let q = self;
        let page = http::page_request(q.limit.as_deref(), q.cursor.as_deref(), ids::OFFER)?;
        let filter = OfferFilter {
            provider: q.provider.map(|p| if p.len() == 3 { p.to_ascii_uppercase() } else { p }),
            theme: http::theme_param("theme", q.theme.as_deref())?,
            status: http::vocab_param("status", q.status.as_deref(), OfferStatus::parse, OfferStatus::expected)?,
            serves: http::state_param("serves", q.serves.as_deref())?,
            region: http::region_param("region", q.region.as_deref())?.map(|(code, _)| code),
            updated_since: http::timestamp_param("updated_since", q.updated_since.as_deref())?,
            words: http::search_words("q", q.q.as_deref())?,
        };
        Ok((filter, page))
    }
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
    body: CheckedBody<NewOffer>,
) -> AppResult<HttpResponse> {
    let CheckedBody(offer, bytes) = body;
    let once = idempotent::claim(&req, "offers", &bytes)?;
    let written = service::create(&state.services, &caller, once, offer).await?;
    idempotent::created(&req, "/api/v1/offers", written, |o| (&o.id, o.version))
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
    let offer = service::get(&state.services, &caller, id.into_inner()).await?;
    http::versioned(&req, StatusCode::OK, offer.version, &offer)
}

/// List offers, oldest first. **Roles:** anyone sees offers that are not drafts; a provider key also its own drafts; admin all.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "offers",
    params(OfferQuery),
    responses(
        (status = 200, description = "A page of offers, or (as CSV or XLSX) all of them",
            content((Page<Offer> = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), headers(("ETag" = String))),
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
    let form = http::format(&req, q.format.as_deref())?;
    let lang = http::language(&req, q.lang.as_deref())?;
    let (filter, page) = q.parsed()?;
    if let Some(sheet) = form.sheet() {
        let services = Arc::clone(&state.services);
        let list = move |filter, page| {
            let (services, caller) = (Arc::clone(&services), caller.clone());
            async move { service::list(&services, &caller, filter, page).await }
        };
        let columns = Offer::COLUMNS;
        return table::list(sheet, lang, "tcmatch-offers", columns, filter, list, |o| Ok(o.row())).await;
    }
    let rows = service::list(&state.services, &caller, filter, page.clone()).await?;
    let body = Page::from_rows(rows, &page, Ok)?;
    let names = Names::of_offers(&state.services, &body.items, lang).await?;
    Ok(http::in_language(http::json_response(&req, StatusCode::OK, &body.named(names), None)?, lang))
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
    body: ChangesBody<OfferChanges>,
) -> AppResult<HttpResponse> {
    let if_match = http::if_match(&req)?;
    let offer = service::update(&state.services, &caller, id.into_inner(), if_match, body.0).await?;
    http::versioned(&req, StatusCode::OK, offer.version, &offer)
}
