//! UPR recommendations: who recommended what to whom, and what the reviewed State answered.
//! Admins add, import and edit them; anyone reads, searches and summarises them.

pub mod import;
pub mod summary;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::update::{self, nullable, Asked, Editable, IfMatch};
use super::write::{Audit, Idempotency, Written};
use super::Services;
use crate::db::changes::Entity;
use crate::db::columns::{json_list, to_json_text};
use crate::db::page::{now, PageOf, PageRequest};
use crate::db::recommendations::{self as store, RecommendationFilter, RecommendationRow};
use crate::db::DbConn;
use crate::domain::access::Caller;
use crate::domain::audit::{Action, Resource};
use crate::domain::ids;
use crate::domain::recommendation_csv::{cycle_of_session, ImportedRecommendation};
use crate::domain::validate::{Checks, MAX_LIST_ITEMS, MAX_TEXT_CHARS};
use crate::domain::vocab::Response;
use crate::error::{AppError, AppResult, Arg, Said};
use crate::suggest::{self, Suggester, ThemeSuggestion};

#[derive(Debug, Serialize, ToSchema)]
pub struct Recommendation {
    #[schema(example = "rec_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    /// The reviewed State (alpha-3).
    #[schema(example = "KEN")]
    pub state_under_review: String,
    /// The State that made the recommendation; null when the record does not say.
    #[schema(example = "NOR")]
    pub recommending_state: Option<String>,
    /// UPR cycle (1-4...), derived from the session when not given.
    pub cycle: i32,
    /// UPR Working Group session.
    pub session: i32,
    pub text: String,
    pub response: Response,
    /// UPR Info action category, 1 (minimal action) to 5 (specific action).
    pub action_category: Option<i32>,
    /// Theme slugs: given, or suggested from the text when none was given.
    pub themes: Vec<String>,
    /// Themes among `themes` that the model suggested and no person has confirmed yet; a PATCH
    /// that sets `themes` confirms them.
    pub suggested_themes: Vec<ThemeSuggestion>,
    /// True when the recommendation has no theme: none was given and the model was not sure
    /// enough of any (no theme reached 0.5, nor the most likely one 0.2); a person should
    /// choose its themes.
    pub needs_review: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRecommendation {
    pub state_under_review: String,
    pub recommending_state: Option<String>,
    #[schema(minimum = 1, maximum = 99)]
    pub session: i32,
    /// Must agree with the session when given.
    #[schema(minimum = 1, maximum = 99)]
    pub cycle: Option<i32>,
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
    pub response: Response,
    #[schema(minimum = 1, maximum = 5)]
    pub action_category: Option<i32>,
    /// Theme slugs or free text (normalised to the taxonomy); when empty, themes are
    /// suggested from the text.
    #[serde(default)]
    pub themes: Vec<String>,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationChanges {
    pub state_under_review: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub recommending_state: Option<Option<String>>,
    #[schema(minimum = 1, maximum = 99)]
    pub session: Option<i32>,
    #[schema(minimum = 1, maximum = 99)]
    pub cycle: Option<i32>,
    #[schema(min_length = 1, max_length = 20000)]
    pub text: Option<String>,
    pub response: Option<Response>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>, nullable)]
    #[schema(minimum = 1, maximum = 5)]
    pub action_category: Option<Option<i32>>,
    pub themes: Option<Vec<String>>,
}

pub fn view(row: &RecommendationRow) -> AppResult<Recommendation> {
    let themes: Vec<String> = json_list(&row.themes)?;
    Ok(Recommendation {
        needs_review: themes.is_empty(),
        response: Response::parse(&row.response).ok_or_else(|| AppError::internal("stored response is unknown"))?,
        themes,
        suggested_themes: json_list(&row.suggested_themes)?,
        id: row.id.clone(),
        state_under_review: row.state_under_review.clone(),
        recommending_state: row.recommending_state.clone(),
        cycle: row.cycle,
        session: row.session,
        text: row.text.clone(),
        action_category: row.action_category,
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// Checks a whole recommendation (new, or existing with changes applied).
fn checked(r: &NewRecommendation) -> AppResult<ImportedRecommendation> {
    let mut c = Checks::new();
    let state_under_review = c.state("state_under_review", &r.state_under_review);
    let recommending_state = r.recommending_state.as_deref().map(|s| c.state("recommending_state", s));
    if !(1..=99).contains(&r.session) {
        c.say("session", "field-whole-number-range", vec![("min", Arg::Number(1)), ("max", Arg::Number(99))]);
    }
    let cycle = cycle_of_session(r.session);
    if r.cycle.is_some_and(|given| given != cycle) {
        let args = vec![("session", Arg::Number(r.session.into())), ("cycle", Arg::Number(cycle.into()))];
        c.say("cycle", "field-session-cycle", args);
    }
    let text = c.required_text("text", &r.text, MAX_TEXT_CHARS);
    if r.action_category.is_some_and(|a| !(1..=5).contains(&a)) {
        c.say("action_category", "field-whole-number-range", vec![("min", Arg::Number(1)), ("max", Arg::Number(5))]);
    }
    let themes = c.themes("themes", &r.themes);
    c.finish()?;
    Ok(ImportedRecommendation {
        state_under_review,
        recommending_state,
        cycle,
        session: r.session,
        text,
        response: r.response,
        action_category: r.action_category,
        themes,
    })
}

/// Themes for a recommendation given none: suggested from its text, and marked so (none when
/// the model is not sure enough of any; see [`Suggester::tag`]).
pub(super) fn suggest_missing_themes(r: &mut ImportedRecommendation) -> Vec<ThemeSuggestion> {
    if r.themes.is_empty() {
        Suggester::shipped().tag(&mut r.themes, &r.text, MAX_LIST_ITEMS)
    } else {
        Vec::new()
    }
}

pub(super) fn new_row(
    r: &ImportedRecommendation,
    suggested: &[ThemeSuggestion],
    at: chrono::NaiveDateTime,
) -> RecommendationRow {
    RecommendationRow {
        id: ids::new_id(ids::RECOMMENDATION),
        state_under_review: r.state_under_review.clone(),
        recommending_state: r.recommending_state.clone(),
        cycle: r.cycle,
        session: r.session,
        text: r.text.clone(),
        response: r.response.as_str().to_string(),
        action_category: r.action_category,
        themes: to_json_text(&r.themes),
        version: 1,
        created_at: at,
        updated_at: at,
        suggested_themes: to_json_text(&suggested),
    }
}

/// Adds one recommendation; with no themes, it gets the suggested ones. Admins only.
pub async fn create(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    new: NewRecommendation,
) -> AppResult<Written<Recommendation>> {
    caller.must_be_admin()?;
    let mut rec = checked(&new)?;
    let suggested = suggest_missing_themes(&mut rec);
    let row = new_row(&rec, &suggested, now());
    services
        .write_once(caller, once, move |tx| {
            store::insert_many(tx.conn(), std::slice::from_ref(&row), &[rec.themes])?;
            let created = view(&row)?;
            tx.audit(Audit {
                action: Action::Create,
                resource: Resource::Recommendation,
                id: &row.id,
                owner_state: None,
                before: None,
                after: &created,
            })?;
            Ok(created)
        })
        .await
}

/// Changes a recommendation. Admins only.
pub async fn update(
    services: &Services,
    caller: &Caller,
    id: String,
    if_match: IfMatch,
    asked: Asked<RecommendationChanges>,
) -> AppResult<Recommendation> {
    caller.must_be_admin()?;
    view(&update::update::<RecommendationEdit>(services, caller, id, if_match, asked).await?)
}

pub async fn get(services: &Services, id: String) -> AppResult<Recommendation> {
    let row = services.db.run(move |conn| store::find(conn, &id)).await?;
    view(&row.ok_or_else(|| AppError::NotFound(Said::of("not-found-recommendation")))?)
}

/// The given recommendations that exist.
pub async fn many(services: &Services, ids: Vec<String>) -> AppResult<Vec<Recommendation>> {
    services.db.run(move |conn| store::find_many(conn, &ids)).await?.iter().map(view).collect()
}

/// A page of the recommendations `filter` selects, in import order.
pub async fn list(
    services: &Services,
    filter: RecommendationFilter,
    page: PageRequest,
) -> AppResult<PageOf<RecommendationRow>> {
    let counts = std::sync::Arc::clone(&services.recommendation_counts);
    services.db.run(move |conn| store::list(conn, &filter, &page, &counts)).await
}

/// Recommendations in the update pipeline.
struct RecommendationEdit;

impl Editable for RecommendationEdit {
    type Row = RecommendationRow;
    type View = Recommendation;
    type Changes = RecommendationChanges;
    /// The themes to link.
    type Extra = Vec<String>;

    const RESOURCE: Resource = Resource::Recommendation;

    fn load(conn: &mut DbConn, _: &Caller, id: &str) -> AppResult<Option<RecommendationRow>> {
        store::find(conn, id)
    }

    fn may_edit(caller: &Caller, _: &RecommendationRow) -> AppResult<()> {
        caller.must_be_admin()
    }

    fn is_final(_: &RecommendationRow) -> AppResult<Option<Said>> {
        Ok(None)
    }

    fn view(row: &RecommendationRow) -> AppResult<Recommendation> {
        view(row)
    }

    fn merge(
        _: &mut DbConn,
        row: &RecommendationRow,
        ch: RecommendationChanges,
    ) -> AppResult<(RecommendationRow, Vec<String>)> {
        let current = view(row)?;
        let text_changed = ch.text.as_ref().is_some_and(|t| *t != current.text);
        let (themes, suggested, _) =
            suggest::after_change(current.themes, current.suggested_themes, ch.themes, None, text_changed);
        let merged = NewRecommendation {
            state_under_review: ch.state_under_review.unwrap_or(current.state_under_review),
            recommending_state: ch.recommending_state.unwrap_or(current.recommending_state),
            session: ch.session.unwrap_or(current.session),
            cycle: ch.cycle,
            text: ch.text.unwrap_or(current.text),
            response: ch.response.unwrap_or(current.response),
            action_category: ch.action_category.unwrap_or(current.action_category),
            themes,
        };
        let mut rec = checked(&merged)?;
        let suggested = if rec.themes.is_empty() { suggest_missing_themes(&mut rec) } else { suggested };
        let updated = RecommendationRow {
            id: row.id.clone(),
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
            ..new_row(&rec, &suggested, row.created_at)
        };
        Ok((updated, rec.themes))
    }

    fn write(conn: &mut DbConn, row: &RecommendationRow, themes: &Vec<String>, expected: i64) -> AppResult<bool> {
        store::update(conn, row, expected, themes)
    }

    fn owner_state(_: &RecommendationRow) -> Option<&str> {
        None
    }

    fn indexed_as() -> Option<Entity> {
        None
    }
}
