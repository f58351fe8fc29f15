//! `/stats`: aggregate views for dashboards and donors, counted through the same consent gate as
//! every list.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::http;
use super::matches::{today, visibility};
use super::rate_limit;
use super::responses::ListRead;
use super::AppState;
use crate::domain::access::Caller;
use crate::domain::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::matcher::supply::{self, Counts, Tally};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SupplyQuery {
    /// Count only requests from this area's States, and offers serving at least one of them:
    /// M49 code or name (`002`, `Africa`) or UN regional group (`weog`).
    pub region: Option<String>,
    /// Only the themes of this group (slug).
    pub group: Option<String>,
    /// Language of theme labels: ar, en, es, fr, ru or zh (else `Accept-Language`, else en).
    #[param(pattern = "^(ar|en|es|fr|ru|zh)$")]
    pub lang: Option<String>,
}

/// What is asked for and what is offered, in all themes together.
#[derive(Debug, Serialize, ToSchema)]
pub struct Totals {
    /// Open requests the caller may see.
    pub requests: u32,
    /// Distinct States behind them.
    pub states: u32,
    /// Offers open to new engagements today (capacity left, not ended).
    pub offers: u32,
    /// Distinct providers behind them.
    pub providers: u32,
}

/// Supply and demand in one theme.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeSupply {
    pub theme: String,
    pub label: String,
    pub group: String,
    pub requests: u32,
    pub states: u32,
    pub offers: u32,
    pub providers: u32,
    /// Available offers per open request in the theme; null when nobody asks.
    pub offers_per_request: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SupplyAndDemand {
    /// The area counted (its M49 code or group), or null for the whole world.
    pub region: Option<String>,
    pub as_of: NaiveDate,
    pub totals: Totals,
    /// Least covered first: themes with requests by offers per request (then by requests, most
    /// first), then themes nobody asks for.
    pub themes: Vec<ThemeSupply>,
}

/// Supply and demand per theme: for each theme, the open requests and the States asking, against
/// the available offers and the providers giving, so donors see where needs are least covered.
/// Counted from the matcher's index, the records it ranks. Cheap to poll (ETag/304). **Roles:**
/// anyone; pending requests count only for their own State and admins, as everywhere.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "stats",
    params(SupplyQuery),
    responses(
        (status = 200, body = SupplyAndDemand, headers(("ETag" = String), ("Content-Language" = String))),
        ListRead,
    )
)]
#[get("/stats/themes")]
pub async fn themes(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<SupplyQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let lang = super::themes::language(&req, q.lang.as_deref())?;
    let region = http::region_param("region", q.region.as_deref())?.map(|(code, _)| code);
    let catalog = state.services.catalog;
    if let Some(group) = &q.group {
        catalog.group(group).ok_or_else(|| AppError::bad_param("group", format!("unknown group '{group}'")))?;
    }
    let today = today();
    state.services.matching.fresh(&state.services.db).await?;
    let (generation, visible, records) = {
        let index = state.services.matching.read();
        (index.generation(), visibility(&caller, &index), index.offer_count() + index.request_count())
    };
    // The key names what the answer depends on, as parsed: spellings of one query share it.
    let key = format!("stats/themes|{generation}|{today}|{visible:?}|{region:?}|{:?}|{lang}", q.group);
    if let Some(known) = state.index_answers.get(&key) {
        return Ok(super::themes::in_language(known.respond(&req), lang));
    }
    rate_limit::charge(&req, tally_cost(records))?;
    let shared = state.clone();
    let body = state
        .services
        .heavy_work
        .run(move || {
            let index = shared.services.matching.read();
            let no_states = [0; 4];
            let area = region.as_deref().map(|code| index.encoder().area(code).unwrap_or(&no_states));
            let tally = supply::tally(&index, today, area, |r| visible.admits(r));
            drop(index);
            supply_and_demand(catalog, tally, region, q.group.as_deref(), lang, today)
        })
        .await??;
    Ok(super::themes::in_language(state.index_answers.keep(key, body).respond(&req), lang))
}

/// What tallying every record costs against the caller's rate limit, in requests: one, and one
/// more per 50,000 offers and requests counted.
fn tally_cost(records: usize) -> u32 {
    1 + u32::try_from(records / 50_000).unwrap_or(u32::MAX)
}

/// The answer's body from a tally.
fn supply_and_demand(
    catalog: &Catalog,
    tally: Tally,
    region: Option<String>,
    group: Option<&str>,
    lang: &str,
    today: i32,
) -> AppResult<Vec<u8>> {
    let mut rows: Vec<ThemeSupply> = catalog
        .themes
        .iter()
        .zip(tally.themes)
        .filter(|(theme, _)| group.is_none_or(|g| g == theme.group))
        .map(|(theme, counts)| ThemeSupply {
            theme: theme.slug.clone(),
            label: theme.label_in(lang).to_string(),
            group: theme.group.clone(),
            requests: counts.requests,
            states: counts.states,
            offers: counts.offers,
            providers: counts.providers,
            offers_per_request: (counts.requests > 0)
                .then(|| (f64::from(counts.offers) / f64::from(counts.requests) * 100.0).round() / 100.0),
        })
        .collect();
    rows.sort_by(|a, b| {
        let ratio = |t: &ThemeSupply| t.offers_per_request.unwrap_or(f64::INFINITY);
        ratio(a).total_cmp(&ratio(b)).then(b.requests.cmp(&a.requests)).then(a.theme.cmp(&b.theme))
    });
    let Counts { requests, states, offers, providers } = tally.total;
    let body = SupplyAndDemand {
        region,
        as_of: NaiveDate::from_num_days_from_ce_opt(today)
            .ok_or_else(|| AppError::internal("today is out of range"))?,
        totals: Totals { requests, states, offers, providers },
        themes: rows,
    };
    serde_json::to_vec(&body).map_err(AppError::internal)
}
