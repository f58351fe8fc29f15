//! `/requests/{id}/matches`, `/offers/{id}/matches` and `/matches`: search for matches (see
//! [`service`]). `/matches` answers are kept by their parsed query, cheap to poll, and a ranking
//! not already made is charged to the caller's rate limit.

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use std::sync::Arc;

use super::http::{self, Format};
use super::responses::{ItemRead, ListRead};
use super::AppState;
use super::{downloads, rate_limit};
use crate::domain::access::Caller;
use crate::domain::vocab::ConsentStatus;
use crate::error::{AppError, AppResult, Said};
use crate::export::table::{self, PAGE};
use crate::export::{Sheet, Tabular};
use crate::service::matches::{self as service, Match, MatchList, PairFilter, Selection};
use crate::service::Services;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TopQuery {
    /// How many, 1-100 (default 10).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
    /// Only pairs scoring at least this, in [0, 1].
    #[param(value_type = Option<f64>, minimum = 0, maximum = 1)]
    pub min_score: Option<String>,
    /// Language of names and labels (ar, en, es, fr, ru, zh); default from `Accept-Language`.
    pub lang: Option<String>,
    /// `json` (the default), `csv` or `xlsx` (a spreadsheet); without it, `Accept` may ask for
    /// `text/csv` or the XLSX type.
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// Page size, 1-200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Pairs whose request has this theme (slug, or text that resolves to one).
    pub theme: Option<String>,
    /// Requesting State (alpha-3).
    pub state: Option<String>,
    /// Region of the requesting State: M49 code or name, or UN regional group.
    pub region: Option<String>,
    /// The offer's provider: a State code or an organization id.
    pub provider: Option<String>,
    /// `granted` or `pending` (pending pairs only reach their State and admins).
    #[param(value_type = Option<ConsentStatus>)]
    pub consent: Option<String>,
    /// Only pairs scoring at least this, in [0, 1].
    #[param(value_type = Option<f64>, minimum = 0, maximum = 1)]
    pub min_score: Option<String>,
    /// Best offers taken per request, 1-20 (default 3).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 20)]
    pub per_request: Option<String>,
    /// Language of names and labels (ar, en, es, fr, ru, zh); default from `Accept-Language`.
    pub lang: Option<String>,
    /// `json` (one page, the default), `csv` or `xlsx` (every pair the filters select; `limit`
    /// and `cursor` do not apply); without it, `Accept` may ask for `text/csv` or the XLSX type.
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
}

fn score_param(value: Option<&str>) -> AppResult<f64> {
    value
        .map(|v| {
            v.trim()
                .parse::<f64>()
                .ok()
                .filter(|s| (0.0..=1.0).contains(s))
                .ok_or_else(|| AppError::bad_param("min_score", Said::of("field-score")))
        })
        .transpose()
        .map(|s| s.unwrap_or(0.0))
}

impl TopQuery {
    /// `limit` (default 10) and `min_score` (default 0), checked.
    fn parse(&self) -> AppResult<(usize, f64)> {
        let limit = http::int_param("limit", self.limit.as_deref(), 1, 100)?.unwrap_or(10) as usize;
        Ok((limit, score_param(self.min_score.as_deref())?))
    }
}

/// The best open offers for a request. **Roles:** whoever may see the request (its State and
/// admins before consent; everyone once granted).
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "matches",
    params(("id" = String, Path, description = "Request id"), TopQuery),
    responses(
        (status = 200, description = "The best pairs, best first",
            content((MatchList = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), headers(("ETag" = String))),
        ItemRead,
    )
)]
#[get("/requests/{id}/matches")]
pub async fn for_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: http::Params<TopQuery>,
) -> AppResult<HttpResponse> {
    let (limit, min_score) = q.parse()?;
    let lang = http::language(&req, q.lang.as_deref())?;
    let form = http::format(&req, q.format.as_deref())?;
    let id = id.into_inner();
    let matches = service::for_request(&state.services, &caller, id.clone(), limit, min_score, lang).await?;
    answer(&req, form, lang, &format!("matches-{id}"), &matches)
}

/// The best open requests for an offer, among those the caller may see. **Roles:** anyone for
/// a published offer; pending requests appear only to their State and admins.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "matches",
    params(("id" = String, Path, description = "Offer id"), TopQuery),
    responses(
        (status = 200, description = "The best pairs, best first",
            content((MatchList = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), headers(("ETag" = String))),
        ItemRead,
    )
)]
#[get("/offers/{id}/matches")]
pub async fn for_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: http::Params<TopQuery>,
) -> AppResult<HttpResponse> {
    let (limit, min_score) = q.parse()?;
    let lang = http::language(&req, q.lang.as_deref())?;
    let form = http::format(&req, q.format.as_deref())?;
    let id = id.into_inner();
    let matches = service::for_offer(&state.services, &caller, id.clone(), limit, min_score, lang).await?;
    answer(&req, form, lang, &format!("matches-{id}"), &matches)
}

/// A short list of matches in the form asked for.
fn answer(
    req: &HttpRequest,
    form: Format,
    lang: &'static str,
    name: &str,
    matches: &MatchList,
) -> AppResult<HttpResponse> {
    match form.sheet() {
        Some(sheet) => downloads::records(sheet, lang, name, &matches.items),
        None => Ok(http::in_language(http::json_response(req, StatusCode::OK, matches, None)?, lang)),
    }
}

/// The best pairs across the repository, best first, for dashboards: each request contributes
/// its best offers. Cheap to poll: an unchanged repository answers `If-None-Match` with 304
/// before any ranking is done. **Roles:** anyone sees consented pairs; a State also its own
/// pending ones; admins all.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "matches",
    params(MatchQuery),
    responses(
        (status = 200, description = "A page of pairs, or (as CSV or XLSX) all of them",
            content((MatchList = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")), headers(("ETag" = String))),
        ListRead,
    )
)]
#[get("/matches")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<MatchQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let lang = http::language(&req, q.lang.as_deref())?;
    let form = http::format(&req, q.format.as_deref())?;
    let filter = PairFilter {
        limit: http::int_param("limit", q.limit.as_deref(), 1, http::MAX_PAGE_SIZE as i32)?
            .map_or(http::DEFAULT_PAGE_SIZE as usize, |l| l as usize),
        offset: q.cursor.as_deref().map(service::decode_offset).transpose()?.unwrap_or(0),
        theme: http::theme_param("theme", q.theme.as_deref())?,
        states: http::state_or_region(
            http::state_param("state", q.state.as_deref())?,
            http::region_param("region", q.region.as_deref())?,
        )
        .map(|mut codes| {
            codes.sort();
            codes
        }),
        consent: http::vocab_param("consent", q.consent.as_deref(), ConsentStatus::parse, ConsentStatus::expected)?,
        provider: q.provider.map(|p| if p.len() == 3 { p.to_ascii_uppercase() } else { p }),
        min_score: score_param(q.min_score.as_deref())?,
    };
    let per_request = http::int_param("per_request", q.per_request.as_deref(), 1, 20)?.unwrap_or(3) as usize;
    let (ranking, requests) = service::ranking_for(&state.services, &caller, per_request).await?;
    if let Some(sheet) = form.sheet() {
        if !state.services.rankings.has(&ranking) {
            rate_limit::charge(&req, ranking_cost(requests))?;
        }
        let selection = service::select_all(&state.services, ranking, filter).await?;
        return download(sheet, Arc::clone(&state.services), selection, lang).await;
    }
    // The key names what the answer depends on, as parsed: spellings of one query share it.
    let key = format!("matches|{lang}|{ranking:?}|{filter:?}");
    if let Some(known) = state.index_answers.get(&key) {
        return Ok(http::in_language(known.respond(&req), lang));
    }
    if !state.services.rankings.has(&ranking) {
        rate_limit::charge(&req, ranking_cost(requests))?;
    }
    let render = |page: &MatchList| serde_json::to_vec(page).map_err(AppError::internal);
    let body = service::best_pairs(&state.services, ranking, filter, lang, render).await?;
    Ok(http::in_language(state.index_answers.keep(key, body).respond(&req), lang))
}

/// Every selected pair as a spreadsheet, explained and named a chunk at a time as the download
/// goes.
async fn download(
    sheet: Sheet,
    services: Arc<Services>,
    selection: Selection,
    lang: &'static str,
) -> AppResult<HttpResponse> {
    let selection = Arc::new(selection);
    let next_chunk = move |after: Option<String>| {
        let (services, selection) = (Arc::clone(&services), Arc::clone(&selection));
        async move {
            let from = after.and_then(|a| a.parse::<usize>().ok()).unwrap_or(0);
            let items = selection.explain(&services, from, PAGE as usize, lang).await?;
            let next = from + PAGE as usize;
            Ok((items.iter().map(Tabular::row).collect(), (next < selection.len()).then(|| next.to_string())))
        }
    };
    table::pages(sheet, lang, "tcmatch-matches", Match::COLUMNS, next_chunk).await
}

/// What ranking every request costs against the caller's rate limit, in requests: one, and one
/// more per 100 requests ranked.
fn ranking_cost(requests: usize) -> u32 {
    1 + u32::try_from(requests / 100).unwrap_or(u32::MAX)
}
