//! Search for matches: ranked, explained offer-request pairs from the matcher index. A pair
//! is shown only to callers who may see both sides: a request's pairs stay with its State and
//! admins until the State grants consent; refused or withdrawn requests never match.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::http;
use super::index_answers::RankingKey;
use super::rate_limit;
use super::responses::{ItemRead, ListRead};
use super::AppState;
use crate::db::offers as offer_store;
use crate::db::requests as request_store;
use crate::domain::access::{Caller, RequestScope};
use crate::domain::catalog::Catalog;
use crate::domain::ids;
use crate::domain::validate::LANGUAGES;
use crate::domain::vocab::{ConsentStatus, Modality};
use crate::error::{AppError, AppResult};
use crate::matcher::entry::Consent;
use crate::matcher::{MatchIndex, Pair, RequestVisibility};

/// One ranked pair, with why it ranks where it does.
#[derive(Debug, Serialize, ToSchema)]
pub struct Match {
    pub request_id: String,
    pub offer_id: String,
    /// The requesting State.
    pub state: String,
    /// The offer's provider: a State code or an organization id.
    pub provider: String,
    /// In [0, 1]: the weighted components times the consent factor.
    pub score: f64,
    /// The request's consent: `granted` ranks above `pending` for the same fit.
    pub consent: ConsentStatus,
    pub breakdown: ScoreBreakdown,
    /// Requested themes the offer has.
    pub shared_themes: Vec<String>,
    /// Requested themes the offer covers only with a theme of the same group.
    pub related_themes: Vec<String>,
    /// Requested themes the offer does not cover.
    pub missing_themes: Vec<String>,
    pub common_languages: Vec<String>,
    pub common_modalities: Vec<Modality>,
    /// The score in words.
    pub reasons: Vec<String>,
}

/// Each component in [0, 1], as weighted by the configured weights.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreBreakdown {
    pub theme: f64,
    pub modality: f64,
    pub language: f64,
    pub timeframe: f64,
    pub budget: f64,
    pub consent_factor: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchList {
    pub items: Vec<Match>,
    /// Pass as `cursor` for the next page (`/matches` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

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
}

pub fn today() -> i32 {
    chrono::Utc::now().date_naive().num_days_from_ce()
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn score_param(value: Option<&str>) -> AppResult<f64> {
    value
        .map(|v| {
            v.trim()
                .parse::<f64>()
                .ok()
                .filter(|s| (0.0..=1.0).contains(s))
                .ok_or_else(|| AppError::bad_param("min_score", "must be a number from 0 to 1"))
        })
        .transpose()
        .map(|s| s.unwrap_or(0.0))
}

fn theme_names(mask: u64) -> Vec<String> {
    let catalog = Catalog::shipped();
    (0..64).filter(|t| mask & (1u64 << t) != 0).filter_map(|t| catalog.themes.get(t)).map(|t| t.slug.clone()).collect()
}

fn labels(slugs: &[String]) -> String {
    let catalog = Catalog::shipped();
    slugs.iter().map(|s| catalog.theme(s).map_or(s.as_str(), |t| t.label())).collect::<Vec<_>>().join(", ")
}

/// Explains one pair from what the index knows of both sides.
fn view(index: &MatchIndex, pair: &Pair) -> AppResult<Match> {
    let stale = || AppError::internal("pair left the index while being explained");
    let request = index.request_entry(&pair.request_id).ok_or_else(stale)?;
    let overlap = index.overlap(&pair.request_id, &pair.offer_id).ok_or_else(stale)?;
    let b = pair.scored.breakdown;
    let shared = theme_names(overlap.shared_themes);
    let related = theme_names(overlap.related_themes);
    let missing = theme_names(overlap.missing_themes);
    let languages: Vec<String> = (0..LANGUAGES.len())
        .filter(|&i| overlap.common_languages[i / 64] & (1 << (i % 64)) != 0)
        .map(|i| LANGUAGES[i].to_string())
        .collect();
    let modalities: Vec<Modality> = Modality::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| overlap.common_modalities & (1 << i) != 0)
        .map(|(_, m)| *m)
        .collect();
    let requested = shared.len() + related.len() + missing.len();
    let mut reasons = Vec::new();
    if !shared.is_empty() {
        reasons.push(format!("Shares {} of {requested} requested themes: {}", shared.len(), labels(&shared)));
    }
    if !related.is_empty() {
        reasons.push(format!("Covers with a related theme of the same group: {}", labels(&related)));
    }
    if !missing.is_empty() {
        reasons.push(format!("Does not cover: {}", labels(&missing)));
    }
    reasons.push(match (languages.is_empty(), b.language) {
        (false, _) => format!("Languages in common: {}", languages.join(", ")),
        (true, l) if l >= 1.0 => "The request names no language".into(),
        (true, l) if l > 0.0 => "The offer names no language".into(),
        _ => "No language in common".into(),
    });
    if !modalities.is_empty() {
        let names: Vec<&str> = modalities.iter().map(|m| m.as_str()).collect();
        reasons.push(format!("Kinds of help in common: {}", names.join(", ")));
    }
    reasons.push(format!("The offer's period covers {:.0}% of the request's", b.timeframe * 100.0));
    reasons.push(format!("Budget fit {:.0}%", b.budget * 100.0));
    let consent = match request.consent {
        Consent::Granted => ConsentStatus::Granted,
        Consent::Pending => {
            reasons.push("Consent is still pending: ranked below consented requests of equal fit".into());
            ConsentStatus::Pending
        }
    };
    Ok(Match {
        request_id: pair.request_id.clone(),
        offer_id: pair.offer_id.clone(),
        state: index.request_state(request).to_string(),
        provider: index.provider_of(&pair.offer_id).unwrap_or_default().to_string(),
        score: round(pair.scored.score),
        consent,
        breakdown: ScoreBreakdown {
            theme: round(b.theme),
            modality: round(b.modality),
            language: round(b.language),
            timeframe: round(b.timeframe),
            budget: round(b.budget),
            consent_factor: round(b.consent_factor),
        },
        shared_themes: shared,
        related_themes: related,
        missing_themes: missing,
        common_languages: languages,
        common_modalities: modalities,
        reasons,
    })
}

impl TopQuery {
    /// `limit` (default 10) and `min_score` (default 0), checked.
    fn parse(&self) -> AppResult<(usize, f64)> {
        let limit = http::int_param("limit", self.limit.as_deref(), 1, 100)?.unwrap_or(10) as usize;
        Ok((limit, score_param(self.min_score.as_deref())?))
    }
}

/// The pairs scoring at least `min_score`, explained.
fn explained(index: &MatchIndex, pairs: &[Pair], min_score: f64) -> AppResult<Vec<Match>> {
    pairs.iter().filter(|p| p.scored.score >= min_score).map(|p| view(index, p)).collect()
}

/// Which indexed requests a caller may see: the request scope, in index terms.
pub(super) fn visibility(caller: &Caller, index: &MatchIndex) -> RequestVisibility {
    match caller.request_scope() {
        RequestScope::All => RequestVisibility::All,
        RequestScope::Consented { own_state } => {
            RequestVisibility::Consented { own_state: own_state.and_then(|s| index.encoder().state(&s)) }
        }
    }
}

/// The best open offers for a request. **Roles:** whoever may see the request (its State and
/// admins before consent; everyone once granted).
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "matches",
    params(("id" = String, Path, description = "Request id"), TopQuery),
    responses(
        (status = 200, body = MatchList, headers(("ETag" = String))),
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
    let id = id.into_inner();
    let scope = caller.request_scope();
    let (lookup, matching) = (id.clone(), Arc::clone(&state.services.matching));
    state
        .services
        .db
        .run(move |conn| {
            matching.fresh_on(conn)?;
            request_store::find(conn, &lookup, &scope)?.ok_or_else(|| AppError::NotFound("request".into()))
        })
        .await?;
    let index = state.services.matching.read();
    let items = explained(&index, &index.offers_for(&id, limit, today()), min_score)?;
    drop(index);
    http::json_response(&req, StatusCode::OK, &MatchList { items, next_cursor: None }, None)
}

/// The best open requests for an offer, among those the caller may see. **Roles:** anyone for
/// a published offer; pending requests appear only to their State and admins.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "matches",
    params(("id" = String, Path, description = "Offer id"), TopQuery),
    responses(
        (status = 200, body = MatchList, headers(("ETag" = String))),
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
    let id = id.into_inner();
    let scope = caller.offer_scope();
    let (lookup, matching) = (id.clone(), Arc::clone(&state.services.matching));
    state
        .services
        .db
        .run(move |conn| {
            matching.fresh_on(conn)?;
            offer_store::find(conn, &lookup, &scope)?.ok_or_else(|| AppError::NotFound("offer".into()))
        })
        .await?;
    let index = state.services.matching.read();
    let visible = visibility(&caller, &index);
    let items = explained(&index, &index.requests_for(&id, limit, today(), |r| visible.admits(r)), min_score)?;
    drop(index);
    http::json_response(&req, StatusCode::OK, &MatchList { items, next_cursor: None }, None)
}

/// The best pairs across the repository, best first, for dashboards: each request contributes
/// its best offers. Cheap to poll: an unchanged repository answers `If-None-Match` with 304
/// before any ranking is done. **Roles:** anyone sees consented pairs; a State also its own
/// pending ones; admins all.
#[utoipa::path(
    security((), ("api_key" = [])),
    tag = "matches",
    params(MatchQuery),
    responses((status = 200, body = MatchList, headers(("ETag" = String))), ListRead)
)]
#[get("/matches")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<MatchQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let page = PairFilter {
        limit: http::int_param("limit", q.limit.as_deref(), 1, http::MAX_PAGE_SIZE as i32)?
            .map_or(http::DEFAULT_PAGE_SIZE as usize, |l| l as usize),
        offset: q.cursor.as_deref().map(decode_offset).transpose()?.unwrap_or(0),
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

    state.services.matching.fresh(&state.services.db).await?;
    let (ranking, requests) = {
        let index = state.services.matching.read();
        let key = RankingKey {
            generation: index.generation(),
            today: today(),
            per_request,
            visible: visibility(&caller, &index),
        };
        (key, index.request_count())
    };
    // The key names what the answer depends on, as parsed: spellings of one query share it.
    let key = format!("matches|{ranking:?}|{page:?}");
    if let Some(known) = state.index_answers.get(&key) {
        return Ok(known.respond(&req));
    }
    if !state.index_answers.has_ranking(&ranking) {
        rate_limit::charge(&req, ranking_cost(requests))?;
    }
    let shared = state.clone();
    let body = state
        .services
        .heavy_work
        .run(move || {
            let pairs = shared.index_answers.ranking(&shared.services.matching, &ranking);
            let index = shared.services.matching.read();
            let items = page.select(&index, &ranking.visible, &pairs)?;
            drop(index);
            serde_json::to_vec(&items).map_err(AppError::internal)
        })
        .await??;
    Ok(state.index_answers.keep(key, body).respond(&req))
}

/// What ranking every request costs against the caller's rate limit, in requests: one, and one
/// more per 100 requests ranked.
fn ranking_cost(requests: usize) -> u32 {
    1 + u32::try_from(requests / 100).unwrap_or(u32::MAX)
}

/// Which pairs of a ranking `GET /matches` answers with.
#[derive(Debug)]
struct PairFilter {
    limit: usize,
    offset: usize,
    theme: Option<String>,
    states: Option<Vec<String>>,
    consent: Option<ConsentStatus>,
    provider: Option<String>,
    min_score: f64,
}

impl PairFilter {
    /// The page of `pairs` this filter selects, explained. Pairs whose request or offer has left
    /// the index since the ranking was made (or that the caller may no longer see) are skipped.
    fn select(&self, index: &MatchIndex, visible: &RequestVisibility, pairs: &[Pair]) -> AppResult<MatchList> {
        let theme_mask = self.theme.as_ref().map_or(0, |t| index.encoder().theme_mask(&[t]));
        let states: Option<Vec<u8>> =
            self.states.as_ref().map(|codes| codes.iter().filter_map(|c| index.encoder().state(c)).collect());
        let admits = |p: &&Pair| {
            let Some(r) = index.request_entry(&p.request_id) else { return false };
            let Some(provider) = index.provider_of(&p.offer_id) else { return false };
            visible.admits(r)
                && p.scored.score >= self.min_score
                && (theme_mask == 0 || r.themes & theme_mask != 0)
                && states.as_ref().is_none_or(|s| s.contains(&r.state))
                && self.consent.is_none_or(|c| {
                    matches!(
                        (c, r.consent),
                        (ConsentStatus::Granted, Consent::Granted) | (ConsentStatus::Pending, Consent::Pending)
                    )
                })
                && self.provider.as_deref().is_none_or(|want| provider == want)
        };
        let selected: Vec<&Pair> = pairs.iter().filter(admits).skip(self.offset).take(self.limit + 1).collect();
        let next_cursor = (selected.len() > self.limit).then(|| encode_offset(self.offset + self.limit));
        let items = selected.iter().take(self.limit).map(|p| view(index, p)).collect::<AppResult<Vec<_>>>()?;
        Ok(MatchList { items, next_cursor })
    }
}

fn encode_offset(offset: usize) -> String {
    ids::encode_cursor(&format!("at_{offset:032x}"))
}

fn decode_offset(cursor: &str) -> AppResult<usize> {
    let id = ids::decode_cursor(cursor, "at")?;
    usize::from_str_radix(&id[3..], 16).map_err(|_| AppError::bad_param("cursor", "not a cursor of this list"))
}
