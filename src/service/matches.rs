//! Search for matches: ranked, explained offer-request pairs from the matcher index, for one
//! request, one offer, or the whole repository. A pair is shown only to callers who may see both
//! sides: a request's pairs stay with its State and admins until the State grants consent;
//! refused or withdrawn requests never match. Every answer is as current as the database.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::Datelike;
use lru::LruCache;
use serde::Serialize;
use utoipa::ToSchema;

use super::names::Wording;
use super::Services;
use crate::db::offers as offer_store;
use crate::db::requests as request_store;
use crate::domain::access::{Caller, RequestScope};
use crate::domain::ids;
use crate::domain::vocab::{ConsentStatus, Modality};
use crate::error::{AppError, AppResult, Said};
use crate::i18n::Lang;
use crate::matcher::entry::Consent;
use crate::matcher::explain::explain;
use crate::matcher::{Breakdown, MatchIndex, Pair, RequestVisibility};
use crate::sync::Matching;

/// One ranked pair, with why it ranks where it does.
#[derive(Debug, Serialize, ToSchema)]
pub struct Match {
    pub request_id: String,
    pub request_title: String,
    pub offer_id: String,
    pub offer_title: String,
    /// The requesting State (alpha-3).
    pub state: String,
    /// The requesting State's name, in the answer's language.
    pub state_name: String,
    /// The offer's provider: a State code or an organization id.
    pub provider: String,
    /// The organization's name, or the donor State's in the answer's language.
    pub provider_name: String,
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
    /// The labels of the themes named above, by slug, in the answer's language.
    pub theme_labels: BTreeMap<String, String>,
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
    /// How many pairs the query selects, over all pages.
    pub total: usize,
    /// Pass as `cursor` for the next page (`/matches` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Today, as the matcher counts days.
pub fn today() -> i32 {
    chrono::Utc::now().date_naive().num_days_from_ce()
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// One pair, explained and named, as clients see it (`None` once a side has left the index).
fn view(index: &MatchIndex, pair: &Pair, words: &Wording) -> Option<Match> {
    let request = index.request_entry(&pair.request_id)?;
    let e = explain(index, pair, Lang::parse(words.lang).unwrap_or(Lang::En))?;
    let state = index.request_state(request).to_string();
    let provider = index.provider_of(&pair.offer_id)?.to_string();
    // Spelt out, so a new score component does not compile until clients see it too.
    let Breakdown { theme, modality, language, timeframe, budget, consent_factor } = pair.scored.breakdown;
    let themes = e.shared_themes.iter().chain(&e.related_themes).chain(&e.missing_themes);
    Some(Match {
        request_id: pair.request_id.clone(),
        request_title: words.heads.request_title(&pair.request_id).to_string(),
        offer_id: pair.offer_id.clone(),
        offer_title: words.heads.offer_title(&pair.offer_id).to_string(),
        state_name: words.state_name(&state).to_string(),
        state,
        provider_name: words.provider_name(&provider).to_string(),
        provider,
        score: round(pair.scored.score),
        consent: match request.consent {
            Consent::Granted => ConsentStatus::Granted,
            Consent::Pending => ConsentStatus::Pending,
        },
        breakdown: ScoreBreakdown {
            theme: round(theme),
            modality: round(modality),
            language: round(language),
            timeframe: round(timeframe),
            budget: round(budget),
            consent_factor: round(consent_factor),
        },
        theme_labels: words.theme_labels(themes),
        shared_themes: e.shared_themes,
        related_themes: e.related_themes,
        missing_themes: e.missing_themes,
        common_languages: e.common_languages,
        common_modalities: e.common_modalities,
        reasons: e.reasons,
    })
}

/// Reads the titles and names of these pairs' sides, for an answer in `lang`.
async fn wording_of(services: &Services, pairs: &[Pair], lang: &'static str) -> AppResult<Wording> {
    let request_ids: Vec<String> = pairs.iter().map(|p| p.request_id.clone()).collect();
    let offer_ids: Vec<String> = pairs.iter().map(|p| p.offer_id.clone()).collect();
    services.db.run(move |conn| Wording::read(conn, lang, &request_ids, &offer_ids)).await
}

/// These pairs, explained and named (those whose sides have left the index meanwhile skipped).
async fn explained(services: &Services, pairs: Vec<Pair>, lang: &'static str) -> AppResult<Vec<Match>> {
    let words = wording_of(services, &pairs, lang).await?;
    let index = services.matching.read();
    Ok(pairs.iter().filter_map(|p| view(&index, p, &words)).collect())
}

/// Which indexed requests a caller may see: the request scope, in index terms.
pub fn visibility(caller: &Caller, index: &MatchIndex) -> RequestVisibility {
    match caller.request_scope() {
        RequestScope::All => RequestVisibility::All,
        RequestScope::Consented { own_state } => {
            RequestVisibility::Consented { own_state: own_state.and_then(|s| index.encoder().state(&s)) }
        }
    }
}

/// The `limit` best open offers for a request the caller may see (its State and admins before
/// consent; everyone once granted).
pub async fn for_request(
    services: &Services,
    caller: &Caller,
    id: String,
    limit: usize,
    min_score: f64,
    lang: &'static str,
) -> AppResult<MatchList> {
    let scope = caller.request_scope();
    let (lookup, matching) = (id.clone(), Arc::clone(&services.matching));
    services
        .db
        .run(move |conn| {
            matching.fresh_on(conn)?;
            request_store::find(conn, &lookup, &scope)?.ok_or_else(|| AppError::NotFound(Said::of("not-found-request")))
        })
        .await?;
    let mut pairs = services.matching.read().offers_for(&id, limit, today());
    pairs.retain(|p| p.scored.score >= min_score);
    let items = explained(services, pairs, lang).await?;
    Ok(MatchList { total: items.len(), items, next_cursor: None })
}

/// The `limit` best open requests for a published offer, among those the caller may see.
pub async fn for_offer(
    services: &Services,
    caller: &Caller,
    id: String,
    limit: usize,
    min_score: f64,
    lang: &'static str,
) -> AppResult<MatchList> {
    let scope = caller.offer_scope();
    let (lookup, matching) = (id.clone(), Arc::clone(&services.matching));
    services
        .db
        .run(move |conn| {
            matching.fresh_on(conn)?;
            offer_store::find(conn, &lookup, &scope)?.ok_or_else(|| AppError::NotFound(Said::of("not-found-offer")))
        })
        .await?;
    let mut pairs = {
        let index = services.matching.read();
        let visible = visibility(caller, &index);
        index.requests_for(&id, limit, today(), |r| visible.admits(r))
    };
    pairs.retain(|p| p.scored.score >= min_score);
    let items = explained(services, pairs, lang).await?;
    Ok(MatchList { total: items.len(), items, next_cursor: None })
}

/// What a ranking of the whole repository depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RankingKey {
    pub generation: u64,
    pub today: i32,
    pub per_request: usize,
    pub visible: RequestVisibility,
}

/// Rankings of the whole repository kept by what they depend on, least recently used out, so
/// another filter or page over the same ranking costs no ranking.
pub struct Rankings(Mutex<LruCache<RankingKey, Arc<Vec<Pair>>>>);

/// Rankings kept (each up to a few MB for 100k requests).
const RANKINGS: usize = 32;

impl Default for Rankings {
    fn default() -> Self {
        Rankings(Mutex::new(LruCache::new(NonZeroUsize::new(RANKINGS).expect("positive"))))
    }
}

impl Rankings {
    fn kept(&self) -> MutexGuard<'_, LruCache<RankingKey, Arc<Vec<Pair>>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether this ranking is kept (so asking for it costs no ranking).
    pub fn has(&self, key: &RankingKey) -> bool {
        self.kept().contains(key)
    }

    /// The ranking for `key`, made now if it is not kept. Call on a heavy-work thread.
    fn get(&self, matching: &Matching, key: &RankingKey) -> Arc<Vec<Pair>> {
        if let Some(kept) = self.kept().get(key) {
            return Arc::clone(kept);
        }
        let ranking = Arc::new(matching.rank_all(key.per_request, key.today, &key.visible));
        self.kept().put(key.clone(), Arc::clone(&ranking));
        ranking
    }
}

/// The ranking the caller would get now with `per_request` best offers per request, and how
/// many open requests it ranks (what making it costs), once the index is current.
pub async fn ranking_for(services: &Services, caller: &Caller, per_request: usize) -> AppResult<(RankingKey, usize)> {
    services.matching.fresh(&services.db).await?;
    let index = services.matching.read();
    let key =
        RankingKey { generation: index.generation(), today: today(), per_request, visible: visibility(caller, &index) };
    Ok((key, index.request_count()))
}

/// The page of the best pairs across the repository that `filter` selects from the ranking
/// for `key`, explained, named in `lang`, and then rendered by `render` (a page can be large:
/// selecting and rendering run on the heavy-work threads, not on the caller's).
pub async fn best_pairs<T: Send + 'static>(
    services: &Arc<Services>,
    key: RankingKey,
    filter: PairFilter,
    lang: &'static str,
    render: impl FnOnce(&MatchList) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let shared = Arc::clone(services);
    let selected = services
        .heavy_work
        .run(move || {
            let pairs = shared.rankings.get(&shared.matching, &key);
            let index = shared.matching.read();
            filter.select(&index, &key.visible, &pairs)
        })
        .await?;
    let words = wording_of(services, &selected.pairs, lang).await?;
    let shared = Arc::clone(services);
    services
        .heavy_work
        .run(move || {
            let index = shared.matching.read();
            let items = selected.pairs.iter().filter_map(|p| view(&index, p, &words)).collect();
            drop(index);
            render(&MatchList { items, total: selected.total, next_cursor: selected.next_cursor })
        })
        .await?
}

/// The pairs of one page of `/matches`, before they are explained.
struct Selected {
    pairs: Vec<Pair>,
    /// Pairs selected over all pages.
    total: usize,
    next_cursor: Option<String>,
}

/// Which pairs of a ranking `GET /matches` answers with.
#[derive(Debug)]
pub struct PairFilter {
    pub limit: usize,
    pub offset: usize,
    pub theme: Option<String>,
    pub states: Option<Vec<String>>,
    pub consent: Option<ConsentStatus>,
    pub provider: Option<String>,
    pub min_score: f64,
}

impl PairFilter {
    /// The page of `pairs` this filter selects, and how many it selects in all. Pairs whose
    /// request or offer has left the index since the ranking was made (or that the caller may no
    /// longer see) are skipped.
    fn select(&self, index: &MatchIndex, visible: &RequestVisibility, pairs: &[Pair]) -> Selected {
        let mut total = 0;
        let mut page = Vec::with_capacity(self.limit.min(pairs.len()));
        for (_, pair) in self.admitted(index, visible, pairs) {
            if total >= self.offset && page.len() < self.limit {
                page.push(pair.clone());
            }
            total += 1;
        }
        let next_cursor = (total > self.offset + self.limit).then(|| encode_offset(self.offset + self.limit));
        Selected { pairs: page, total, next_cursor }
    }

    /// The pairs of `pairs` this filter admits (whatever its page bounds), with their positions.
    fn admitted<'a>(
        &'a self,
        index: &'a MatchIndex,
        visible: &'a RequestVisibility,
        pairs: &'a [Pair],
    ) -> impl Iterator<Item = (usize, &'a Pair)> + 'a {
        let theme_mask = self.theme.as_ref().map_or(0, |t| index.encoder().theme_mask(&[t]));
        let states: Option<Vec<u8>> =
            self.states.as_ref().map(|codes| codes.iter().filter_map(|c| index.encoder().state(c)).collect());
        pairs.iter().enumerate().filter(move |(_, p)| {
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
        })
    }
}

/// Every pair a filter selects from one ranking, whatever its page bounds, for a download: the
/// ranking shared with `/matches` and the selected positions in it (4 bytes a pair), explained
/// a chunk at a time.
pub struct Selection {
    ranking: Arc<Vec<Pair>>,
    positions: Vec<u32>,
}

impl Selection {
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The selected pairs from the `from`-th, at most `n`, explained and named in `lang`.
    pub async fn explain(
        &self,
        services: &Services,
        from: usize,
        n: usize,
        lang: &'static str,
    ) -> AppResult<Vec<Match>> {
        let chunk = self.positions.iter().skip(from).take(n).map(|&at| self.ranking[at as usize].clone()).collect();
        explained(services, chunk, lang).await
    }
}

/// Every pair `filter` selects from the ranking for `key` (its `limit` and `offset` aside).
pub async fn select_all(services: &Arc<Services>, key: RankingKey, filter: PairFilter) -> AppResult<Selection> {
    let shared = Arc::clone(services);
    services
        .heavy_work
        .run(move || {
            let ranking = shared.rankings.get(&shared.matching, &key);
            let index = shared.matching.read();
            let positions =
                filter.admitted(&index, &key.visible, &ranking).filter_map(|(at, _)| u32::try_from(at).ok()).collect();
            drop(index);
            Selection { ranking, positions }
        })
        .await
}

fn encode_offset(offset: usize) -> String {
    ids::encode_cursor(&format!("at_{offset:032x}"))
}

pub fn decode_offset(cursor: &str) -> AppResult<usize> {
    let id = ids::decode_cursor(cursor, "at")?;
    usize::from_str_radix(&id[3..], 16).map_err(|_| AppError::bad_param("cursor", Said::of("field-cursor")))
}
