//! `/themes`: the canonical recommendation-theme taxonomy, free-text tag resolution, and theme
//! suggestion from the text of a recommendation, request or offer.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::http::{self, JsonBody};
use super::responses::{AccessErrors, CreateErrors, ItemRead, ListRead};
use super::AppState;
use crate::domain::access::Caller;
use crate::domain::catalog::{Theme, ThemeGroup};
use crate::domain::theme_resolver::{Resolution, ACCEPT_MARGIN, ACCEPT_SCORE};
use crate::domain::validate::{Checks, MAX_TEXT_CHARS};
use crate::error::{AppError, AppResult, Arg, Problem, Said};
use crate::suggest::{language, Suggester, SUGGEST_THRESHOLD};

/// The taxonomy: its groups and its themes.
#[derive(Debug, Serialize, ToSchema)]
pub struct Taxonomy<'a> {
    /// The language of the `label`s and `description`s.
    pub lang: &'static str,
    pub groups: Vec<LocalizedGroup<'a>>,
    pub themes: Vec<LocalizedTheme<'a>>,
}

/// A theme with its label and description in the chosen language.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocalizedTheme<'a> {
    /// The label in the requested language (`?lang=` or `Accept-Language`), English where a
    /// translation is missing.
    pub label: &'a str,
    /// What the theme covers, in the requested language.
    pub description: &'a str,
    #[serde(flatten)]
    pub theme: &'a Theme,
}

impl<'a> LocalizedTheme<'a> {
    fn new(theme: &'a Theme, lang: &str) -> Self {
        LocalizedTheme { label: theme.label_in(lang), description: theme.description_in(lang), theme }
    }
}

/// A group of themes with its label and description in the chosen language.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocalizedGroup<'a> {
    pub label: &'a str,
    pub description: &'a str,
    #[serde(flatten)]
    pub group: &'a ThemeGroup,
}

impl<'a> LocalizedGroup<'a> {
    fn new(group: &'a ThemeGroup, lang: &str) -> Self {
        LocalizedGroup { label: group.label_in(lang), description: group.description_in(lang), group }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// Label language: ar, en, es, fr, ru or zh (else `Accept-Language`, else en).
    #[param(pattern = "^(ar|en|es|fr|ru|zh)$")]
    pub lang: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ThemeQuery {
    /// Only themes of this group (slug).
    pub group: Option<String>,
    /// Label language: ar, en, es, fr, ru or zh (else `Accept-Language`, else en).
    #[param(pattern = "^(ar|en|es|fr|ru|zh)$")]
    pub lang: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ResolveQuery {
    /// Free text: a slug, a label or synonym in any UN language, or a misspelling of one.
    #[param(example = "womens rigths", min_length = 1, max_length = 200)]
    pub q: String,
    /// How many candidates, 1-20 (default 5).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 20)]
    pub limit: Option<String>,
    /// Label language: ar, en, es, fr, ru or zh (else `Accept-Language`, else en).
    #[param(pattern = "^(ar|en|es|fr|ru|zh)$")]
    pub lang: Option<String>,
}

/// One ranked theme for a free-text query.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeCandidate {
    pub slug: String,
    pub label: String,
    /// Similarity in [0, 1]; 1 is an exact slug, label or synonym.
    pub score: f64,
    /// The label or synonym the text matched best.
    pub matched: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeResolution {
    pub query: String,
    /// The theme a tag with this text is normalised to on writes; null when ambiguous.
    pub resolved: Option<String>,
    pub candidates: Vec<ThemeCandidate>,
    /// The rule for `resolved`: best score at least this...
    pub accept_score: f64,
    /// ...and ahead of the next theme by this margin.
    pub accept_margin: f64,
}

/// The whole taxonomy (54 UPR Info issues in groups).
#[utoipa::path(
    tag = "reference data",
    params(ThemeQuery),
    responses(
        (status = 200, body = Taxonomy, headers(("ETag" = String))),
        ListRead,
    )
)]
#[get("/themes")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: http::Params<ThemeQuery>,
) -> AppResult<HttpResponse> {
    let catalog = state.services.catalog;
    if let Some(group) = q.group.as_deref() {
        if catalog.group(group).is_none() {
            return Err(AppError::bad_param("group", Said::new("field-unknown-group", vec![("group", group.into())])));
        }
    }
    let lang = http::language(&req, q.lang.as_deref())?;
    let themes = catalog
        .themes
        .iter()
        .filter(|t| q.group.as_deref().is_none_or(|g| t.group == g))
        .map(|t| LocalizedTheme::new(t, lang))
        .collect();
    let groups = catalog.groups.iter().map(|g| LocalizedGroup::new(g, lang)).collect();
    let body = Taxonomy { lang, groups, themes };
    Ok(http::in_language(http::json_response(&req, StatusCode::OK, &body, None)?, lang))
}

/// Rank canonical themes for free text (the same rule that normalises tags on writes).
#[utoipa::path(
    tag = "reference data",
    params(ResolveQuery),
    responses(
        (status = 200, body = ThemeResolution),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/themes/resolve")]
pub async fn resolve(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: http::Params<ResolveQuery>,
) -> AppResult<HttpResponse> {
    let catalog = state.services.catalog;
    let text = q.q.trim();
    if text.is_empty() || text.chars().count() > 200 {
        return Err(AppError::bad_param("q", Said::of("field-search-text")));
    }
    let limit = http::int_param("limit", q.limit.as_deref(), 1, 20)?.unwrap_or(5) as usize;
    let lang = http::language(&req, q.lang.as_deref())?;
    let resolved = match catalog.resolver.resolve(text) {
        Resolution::Theme(i) => Some(catalog.themes[i].slug.clone()),
        Resolution::Unresolved(_) => None,
    };
    let candidates = catalog
        .resolver
        .rank(text, limit)
        .into_iter()
        .map(|c| {
            let theme = &catalog.themes[c.theme];
            ThemeCandidate {
                slug: theme.slug.clone(),
                label: theme.label_in(lang).to_string(),
                score: c.score,
                matched: c.matched,
            }
        })
        .collect();
    let body = ThemeResolution {
        query: text.to_string(),
        resolved,
        candidates,
        accept_score: ACCEPT_SCORE,
        accept_margin: ACCEPT_MARGIN,
    };
    Ok(http::in_language(http::json_response(&req, StatusCode::OK, &body, None)?, lang))
}

/// One theme by slug.
#[utoipa::path(
    tag = "reference data",
    params(("slug" = String, Path, description = "Theme slug", example = "womens-rights"), LangQuery),
    responses(
        (status = 200, body = LocalizedTheme, headers(("ETag" = String), ("Content-Language" = String))),
        ItemRead,
    )
)]
#[get("/themes/{slug}")]
pub async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    q: http::Params<LangQuery>,
) -> AppResult<HttpResponse> {
    let lang = http::language(&req, q.lang.as_deref())?;
    let theme = state
        .services
        .catalog
        .theme(&slug)
        .ok_or_else(|| AppError::NotFound(Said::new("not-found-theme", vec![("slug", slug.as_str().into())])))?;
    Ok(http::in_language(http::json_response(&req, StatusCode::OK, &LocalizedTheme::new(theme, lang), None)?, lang))
}

/// Text to suggest themes for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestRequest {
    /// A recommendation, or the title and description of a request or offer, in any of the six
    /// UN languages (its language is detected).
    #[schema(example = "Adopt a law criminalising domestic violence and marital rape")]
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
    /// How many themes to rank, 1-54 (default 5).
    #[schema(minimum = 1, maximum = 54)]
    pub limit: Option<u32>,
}

/// Themes for a text, most likely first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeSuggestions {
    /// The language of the `label`s.
    pub lang: &'static str,
    /// The language the text was read as (ar, en, es, fr, ru or zh): text in a language other
    /// than English is read through a bilingual lexicon of UPR terms.
    #[schema(example = "en")]
    pub text_language: &'static str,
    /// A theme is suggested (tagged on records) from this confidence.
    pub threshold: f32,
    /// True when no theme reaches the threshold: the model is not sure what the text is
    /// about, and a person should choose its themes.
    pub needs_review: bool,
    pub suggestions: Vec<SuggestedTheme>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestedTheme {
    #[schema(example = "womens-rights")]
    pub theme: String,
    pub label: String,
    /// From 0 to 1.
    pub confidence: f32,
    /// Whether the confidence reaches the threshold.
    pub suggested: bool,
    /// The words of the text (and pairs of words) that weigh most for it.
    pub words: Vec<String>,
}

/// Suggest themes for a text, with a confidence and the words behind each, from a model
/// learned from UPR recommendations labelled by UPR Info. **Roles:** any key.
#[utoipa::path(
    security(("api_key" = [])),
    tag = "reference data",
    params(LangQuery),
    request_body = SuggestRequest,
    responses(
        (status = 200, body = ThemeSuggestions, headers(("Content-Language" = String))),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/themes/suggest")]
pub async fn suggest(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: http::Params<LangQuery>,
    body: JsonBody<SuggestRequest>,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let themes = state.services.catalog.themes.len();
    let mut c = Checks::new();
    let text = c.required_text("text", &body.0.text, MAX_TEXT_CHARS);
    let limit = body.0.limit.unwrap_or(5) as usize;
    if !(1..=themes).contains(&limit) {
        c.say("limit", "field-whole-number-range", vec![("min", Arg::Number(1)), ("max", Arg::Number(themes as i64))]);
    }
    c.finish()?;
    let lang = http::language(&req, q.lang.as_deref())?;
    let text_language = language::detect(&text);
    let ranked = web::block(move || Suggester::shipped().rank(&text, limit)).await.map_err(AppError::internal)?;
    let needs_review = ranked.first().is_none_or(|best| best.confidence < SUGGEST_THRESHOLD);
    let suggestions = ranked
        .into_iter()
        .map(|s| SuggestedTheme {
            label: state.services.catalog.theme(&s.theme).map_or(s.theme.as_str(), |t| t.label_in(lang)).to_string(),
            suggested: s.confidence >= SUGGEST_THRESHOLD,
            confidence: s.confidence,
            words: s.words,
            theme: s.theme,
        })
        .collect();
    let body = ThemeSuggestions { lang, text_language, threshold: SUGGEST_THRESHOLD, needs_review, suggestions };
    Ok(http::in_language(http::json_response(&req, StatusCode::OK, &body, None)?, lang))
}
