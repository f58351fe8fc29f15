//! Importing a UPR Info CSV export: every row checked (a bad row rejects the file, naming its
//! line), themes suggested for rows without them, all stored in one transaction or none.
//!
//! A recommendation is known again by what identifies it in the UPR Info data, which has no
//! paragraph numbers: the State under review, the session, the recommending State and the
//! text (in any case and spacing). Importing a file again stores only the new rows, updates
//! those whose response, action category or given themes changed, and leaves the rest; a
//! recommendation made twice in one session (it happens) is matched occurrence by occurrence.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use std::collections::{BTreeMap, HashMap, VecDeque};

use chrono::NaiveDateTime;
use serde::Serialize;
use utoipa::ToSchema;

use super::{new_row, suggest_missing_themes};
use crate::db::columns::json_list;
use crate::db::page::now;
use crate::db::recommendations::{self as store, RecommendationRow};
use crate::db::DbConn;
use crate::domain::access::Caller;
use crate::domain::audit::{Action, Resource};
use crate::domain::recommendation_csv::{self, ImportedRecommendation};
use crate::error::{AppError, AppResult, Said};
use crate::service::jobs::Progress;
use crate::service::write::{Audit, Idempotency, Written};
use crate::service::Services;
use crate::suggest::language;

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportSummary {
    /// New rows stored (the same as `new`).
    pub imported: usize,
    /// Id of the first and last new row (ids are in file order); empty when none was new.
    pub first_id: String,
    pub last_id: String,
    /// Rows not stored before.
    pub new: usize,
    /// Rows stored before whose response, action category or given themes changed: updated.
    pub changed: usize,
    /// Rows stored before as they are: left alone.
    pub unchanged: usize,
    /// New rows without themes in the file, given suggested themes: how many in each language
    /// their text was read as (ar, en, es, fr, ru, zh).
    #[schema(value_type = BTreeMap<String, usize>, example = json!({"en": 120, "fr": 3}))]
    pub suggested_by_language: BTreeMap<&'static str, usize>,
    /// New rows left without any theme (no suggestion confident enough): a person should tag
    /// them (`GET /recommendations?needs_review=true`).
    pub needs_review: usize,
}

/// What identifies a recommendation in the UPR Info data.
#[derive(Debug, PartialEq, Eq, Hash)]
struct NaturalKey {
    state_under_review: String,
    session: i32,
    recommending_state: Option<String>,
    text: String,
}

impl NaturalKey {
    fn of(state_under_review: &str, session: i32, recommending_state: Option<&str>, text: &str) -> NaturalKey {
        NaturalKey {
            state_under_review: state_under_review.to_string(),
            session,
            recommending_state: recommending_state.map(str::to_string),
            text: text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase(),
        }
    }
}

/// A parsed row: the recommendation, the row it would be stored as, and whether the file gave
/// its themes (else they were suggested, and a stored row keeps its own).
struct Parsed {
    recommendation: ImportedRecommendation,
    row: RecommendationRow,
    themes_given: bool,
}

impl Parsed {
    /// The language the text was read as, for a row whose themes were suggested.
    fn suggested_in(&self) -> Option<&'static str> {
        (!self.themes_given).then(|| language::detect(&self.recommendation.text))
    }
}

/// Imports the recommendations of a UPR Info CSV export. Admins only.
pub async fn import(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    csv: actix_web::web::Bytes,
) -> AppResult<Written<ImportSummary>> {
    import_watched(services, caller, once, csv, Arc::default()).await
}

/// [`import`], reporting its progress as it goes.
pub async fn import_watched(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    csv: actix_web::web::Bytes,
    progress: Arc<Progress>,
) -> AppResult<Written<ImportSummary>> {
    caller.must_be_admin()?;
    let at = now();
    let watched = Arc::clone(&progress);
    let parsed = actix_web::web::block(move || {
        recommendation_csv::parse(&csv).map(|rows| {
            watched.rows.store(rows.len(), Ordering::Relaxed);
            rows.into_iter()
                .map(|mut r| {
                    let themes_given = !r.themes.is_empty();
                    let suggested = suggest_missing_themes(&mut r);
                    let row = new_row(&r, &suggested, at);
                    watched.checked.fetch_add(1, Ordering::Relaxed);
                    Parsed { recommendation: r, row, themes_given }
                })
                .collect::<Vec<_>>()
        })
    })
    .await??;
    progress.storing.store(true, Ordering::Relaxed);
    let written = services
        .write_once(caller, once, move |tx| {
            let summary = store_new_and_changed(tx.conn(), parsed, at)?;
            tx.audit(Audit {
                action: Action::Import,
                resource: Resource::Recommendation,
                id: "import",
                owner_state: None,
                before: None,
                after: &summary,
            })?;
            Ok(summary)
        })
        .await?;
    if let Written::Done(s) = &written {
        tracing::info!(new = s.new, changed = s.changed, unchanged = s.unchanged, "imported recommendations");
        if s.new + s.changed > 0 {
            // The import stands whatever this gives: it only speeds up the searches after it.
            if let Err(e) = services.db.run(store::settle).await {
                tracing::warn!(error = %e, "could not settle the recommendations' search index after the import");
            }
        }
    }
    Ok(written)
}

/// Stores the rows not stored before, updates those that changed, leaves the rest.
fn store_new_and_changed(conn: &mut DbConn, parsed: Vec<Parsed>, at: NaiveDateTime) -> AppResult<ImportSummary> {
    let mut states: Vec<String> = parsed.iter().map(|p| p.row.state_under_review.clone()).collect();
    states.sort();
    states.dedup();
    let mut sessions: Vec<i32> = parsed.iter().map(|p| p.row.session).collect();
    sessions.sort();
    sessions.dedup();
    let mut stored: HashMap<NaturalKey, VecDeque<RecommendationRow>> = HashMap::new();
    for row in store::of_states_in_sessions(conn, &states, &sessions)? {
        let key = NaturalKey::of(&row.state_under_review, row.session, row.recommending_state.as_deref(), &row.text);
        stored.entry(key).or_default().push_back(row);
    }
    let (mut new_rows, mut new_themes) = (Vec::new(), Vec::new());
    let (mut changed, mut unchanged, mut needs_review) = (0, 0, 0);
    let mut suggested_by_language: BTreeMap<&'static str, usize> = BTreeMap::new();
    for p in parsed {
        let r = &p.recommendation;
        let key = NaturalKey::of(&r.state_under_review, r.session, r.recommending_state.as_deref(), &r.text);
        let Some(old) = stored.get_mut(&key).and_then(VecDeque::pop_front) else {
            if let Some(language) = p.suggested_in() {
                *suggested_by_language.entry(language).or_default() += 1;
            }
            needs_review += usize::from(p.recommendation.themes.is_empty());
            new_rows.push(p.row);
            new_themes.push(p.recommendation.themes);
            continue;
        };
        let old_themes: Vec<String> = json_list(&old.themes)?;
        let themes = if p.themes_given { r.themes.clone() } else { old_themes.clone() };
        let response = r.response.as_str();
        if old.response == response && old.action_category == r.action_category && old_themes == themes {
            unchanged += 1;
            continue;
        }
        let updated = RecommendationRow {
            response: response.to_string(),
            action_category: r.action_category,
            themes: serde_json::to_string(&themes).map_err(AppError::internal)?,
            suggested_themes: if p.themes_given { "[]".to_string() } else { old.suggested_themes.clone() },
            version: old.version + 1,
            updated_at: at,
            ..old.clone()
        };
        if !store::update(conn, &updated, old.version, &themes)? {
            return Err(AppError::Conflict(Said::of("conflict-import-changed")));
        }
        changed += 1;
    }
    let summary = ImportSummary {
        imported: new_rows.len(),
        first_id: new_rows.first().map(|r| r.id.clone()).unwrap_or_default(),
        last_id: new_rows.last().map(|r| r.id.clone()).unwrap_or_default(),
        new: new_rows.len(),
        changed,
        unchanged,
        suggested_by_language,
        needs_review,
    };
    store::insert_many(conn, &new_rows, &new_themes)?;
    Ok(summary)
}
