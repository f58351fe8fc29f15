//! `/stats`: aggregate views for dashboards and donors (see [`service`]), kept by their parsed
//! query and cheap to poll.

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::http;
use super::responses::ListRead;
use super::AppState;
use super::{downloads, rate_limit};
use crate::domain::access::Caller;
use crate::error::{AppError, AppResult, Said};
use crate::service::stats::{self as service, SupplyAndDemand};

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
    /// `json` (the default), `csv` or `xlsx` (the themes as a table); without it, `Accept` may
    /// ask for `text/csv` or the XLSX type.
    #[param(pattern = "^(json|csv|xlsx)$")]
    pub format: Option<String>,
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
        (status = 200, description = "Supply and demand per theme, least covered first",
            content((SupplyAndDemand = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
            headers(("ETag" = String), ("Content-Language" = String))),
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
    let lang = http::language(&req, q.lang.as_deref())?;
    let region = http::region_param("region", q.region.as_deref())?.map(|(code, _)| code);
    if let Some(group) = &q.group {
        let catalog = state.services.catalog;
        catalog.group(group).ok_or_else(|| {
            AppError::bad_param("group", Said::new("field-unknown-group", vec![("group", group.as_str().into())]))
        })?;
    }
    let form = http::format(&req, q.format.as_deref())?;
    let tally = service::tally_for(&state.services, &caller).await?;
    // The key names what the answer depends on, as parsed: spellings of one query share it.
    let key = format!("stats/themes|{tally:?}|{region:?}|{:?}|{lang}|{form:?}", q.group);
    if let Some(known) = state.index_answers.get(&key) {
        return Ok(http::in_language(known.respond(&req), lang));
    }
    rate_limit::charge(&req, tally_cost(tally.records))?;
    let answer: SupplyAndDemand =
        service::supply_and_demand_by_theme(&state.services, tally, region, q.group, lang).await?;
    if let Some(sheet) = form.sheet() {
        let name = format!("themes-{}", answer.region.as_deref().unwrap_or("world"));
        return downloads::records(sheet, lang, &name, &answer.themes);
    }
    let body = serde_json::to_vec(&answer).map_err(AppError::internal)?;
    Ok(http::in_language(state.index_answers.keep(key, body).respond(&req), lang))
}

/// What tallying every record costs against the caller's rate limit, in requests: one, and one
/// more per 50,000 offers and requests counted.
pub fn tally_cost(records: usize) -> u32 {
    1 + u32::try_from(records / 50_000).unwrap_or(u32::MAX)
}
