//! UPR recommendations and their theme links.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::page::{PageOf, PageRequest};
use super::schema::{recommendation_generation, recommendation_themes, recommendations};
use super::{backend, insert_all, text_search, DbConn, MultiBackend};
use crate::domain::vocab::Response;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = recommendations, treat_none_as_null = true, treat_none_as_default_value = false)]
pub struct RecommendationRow {
    pub id: String,
    pub state_under_review: String,
    pub recommending_state: Option<String>,
    pub cycle: i32,
    pub session: i32,
    pub text: String,
    pub response: String,
    pub action_category: Option<i32>,
    /// JSON array of theme slugs.
    pub themes: String,
    pub version: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    /// JSON array of the themes the model suggested, not yet confirmed.
    pub suggested_themes: String,
}

super::page::versioned!(RecommendationRow);

#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct RecommendationFilter {
    /// States under review (one State, or the States of a region).
    pub states_under_review: Option<Vec<String>>,
    pub recommending_state: Option<String>,
    pub theme: Option<String>,
    pub response: Option<Response>,
    pub cycle: Option<i32>,
    pub session: Option<i32>,
    /// Words that must each begin a word of the text, in any case.
    pub words: Vec<String>,
    pub updated_since: Option<chrono::NaiveDateTime>,
    /// Only those without a theme (true), or only those with one (false).
    pub needs_review: Option<bool>,
}

impl RecommendationFilter {
    /// A search by words and nothing else.
    fn is_words_only(&self) -> bool {
        !self.words.is_empty()
            && self.states_under_review.is_none()
            && self.recommending_state.is_none()
            && self.theme.is_none()
            && self.response.is_none()
            && self.cycle.is_none()
            && self.session.is_none()
            && self.updated_since.is_none()
            && self.needs_review.is_none()
    }
}

crate::domain::vocab::vocabulary! {
    /// What the summary groups by.
    SummaryKey {
        RecommendingState => "recommending_state",
        Theme => "theme",
        Response => "response",
        Cycle => "cycle",
    }
}

/// One group of the summary: its key, how many recommendations, and how many were supported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub key: Option<String>,
    pub count: i64,
    pub supported: i64,
}

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bind-parameter limits.
const CHUNK: usize = 1000;

/// Inserts recommendations with their theme links (`themes[i]` belongs to `rows[i]`).
pub fn insert_many(conn: &mut DbConn, rows: &[RecommendationRow], themes: &[Vec<String>]) -> AppResult<()> {
    for chunk in rows.chunks(CHUNK) {
        insert_all!(conn, recommendations::table, chunk)?;
    }
    let links: Vec<(&str, &[String])> = rows.iter().zip(themes).map(|(r, t)| (r.id.as_str(), t.as_slice())).collect();
    insert_links(conn, &links)
}

/// Theme links of recommendations, many rows per INSERT.
fn insert_links(conn: &mut DbConn, links: &[(&str, &[String])]) -> AppResult<()> {
    let rows: Vec<_> = links
        .iter()
        .flat_map(|(id, slugs)| {
            slugs.iter().map(move |slug| {
                (recommendation_themes::recommendation_id.eq(*id), recommendation_themes::theme.eq(slug))
            })
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        insert_all!(conn, recommendation_themes::table, chunk)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConn, id: &str) -> AppResult<Option<RecommendationRow>> {
    Ok(recommendations::table.find(id).select(RecommendationRow::as_select()).first(conn).optional()?)
}

/// The stored recommendations to `states` in `sessions`, in id (import) order: what a new
/// import of those sessions may find again.
pub fn of_states_in_sessions(
    conn: &mut DbConn,
    states: &[String],
    sessions: &[i32],
) -> AppResult<Vec<RecommendationRow>> {
    Ok(recommendations::table
        .filter(recommendations::state_under_review.eq_any(states))
        .filter(recommendations::session.eq_any(sessions))
        .order(recommendations::id.asc())
        .select(RecommendationRow::as_select())
        .load(conn)?)
}

/// The stored recommendations among `ids`.
pub fn find_many(conn: &mut DbConn, ids: &[String]) -> AppResult<Vec<RecommendationRow>> {
    Ok(recommendations::table
        .filter(recommendations::id.eq_any(ids))
        .select(RecommendationRow::as_select())
        .load(conn)?)
}

pub fn update(conn: &mut DbConn, row: &RecommendationRow, expected: i64, themes: &[String]) -> AppResult<bool> {
    let n = diesel::update(recommendations::table.find(&row.id).filter(recommendations::version.eq(expected)))
        .set(row)
        .execute(conn)?;
    if n == 1 {
        diesel::delete(recommendation_themes::table.filter(recommendation_themes::recommendation_id.eq(&row.id)))
            .execute(conn)?;
        insert_links(conn, &[(row.id.as_str(), themes)])?;
    }
    Ok(n == 1)
}

/// After many recommendations were stored or changed at once, on PostgreSQL: moves the entries
/// waiting in the full-text index's pending list into the index proper, and refreshes the
/// table's statistics. Autovacuum does both in its own time (and never where it is off); until
/// then every search reads the whole pending list, and the planner, guessing, may read the whole
/// table: counting a common word among 23,484 recommendations took 7 ms, against 2 ms after.
/// Nothing to do on SQLite, whose FTS5 index takes rows as they come.
pub fn settle(conn: &mut DbConn) -> AppResult<()> {
    if let DbConn::Pg(conn) = conn {
        conn.batch_execute(
            "SELECT gin_clean_pending_list('recommendations_text_search'::regclass); ANALYZE recommendations",
        )?;
    }
    Ok(())
}

/// The recommendations `f` selects; `conn` only says which database's text search to use.
fn filtered<'a>(conn: &DbConn, f: &'a RecommendationFilter) -> recommendations::BoxedQuery<'a, MultiBackend> {
    let mut q = recommendations::table.into_boxed();
    if let Some(states) = &f.states_under_review {
        q = q.filter(recommendations::state_under_review.eq_any(states));
    }
    if let Some(state) = &f.recommending_state {
        q = q.filter(recommendations::recommending_state.eq(state));
    }
    if let Some(theme) = &f.theme {
        q = q.filter(
            recommendations::id.eq_any(
                recommendation_themes::table
                    .filter(recommendation_themes::theme.eq(theme))
                    .select(recommendation_themes::recommendation_id),
            ),
        );
    }
    if let Some(response) = f.response {
        q = q.filter(recommendations::response.eq(response.as_str()));
    }
    if let Some(cycle) = f.cycle {
        q = q.filter(recommendations::cycle.eq(cycle));
    }
    if let Some(session) = f.session {
        q = q.filter(recommendations::session.eq(session));
    }
    if let Some(since) = f.updated_since {
        q = q.filter(recommendations::updated_at.ge(since));
    }
    // A recommendation without a theme stores the empty list.
    match f.needs_review {
        Some(true) => q = q.filter(recommendations::themes.eq("[]")),
        Some(false) => q = q.filter(recommendations::themes.ne("[]")),
        None => {}
    }
    if !f.words.is_empty() {
        q = q.filter(backend::recommendations_with(conn, &text_search::terms(&f.words)));
    }
    q
}

/// Counts of the filtered recommendations per group, largest first (then by key). The rows'
/// keys are read and counted here: a boxed (dynamically filtered) query takes no GROUP BY.
pub fn summary(conn: &mut DbConn, f: &RecommendationFilter, by: SummaryKey) -> AppResult<Vec<SummaryRow>> {
    let pairs: Vec<(Option<String>, String)> = match by {
        SummaryKey::RecommendingState => {
            filtered(conn, f).select((recommendations::recommending_state, recommendations::response)).load(conn)?
        }
        SummaryKey::Response => {
            filtered(conn, f).select((recommendations::response.nullable(), recommendations::response)).load(conn)?
        }
        SummaryKey::Cycle => filtered(conn, f)
            .select((recommendations::cycle, recommendations::response))
            .load::<(i32, String)>(conn)?
            .into_iter()
            .map(|(cycle, response)| (Some(cycle.to_string()), response))
            .collect(),
        SummaryKey::Theme => {
            let rows: Vec<(String, String)> =
                filtered(conn, f).select((recommendations::themes, recommendations::response)).load(conn)?;
            let mut pairs = Vec::with_capacity(rows.len() * 2);
            for (themes, response) in rows {
                let themes: Vec<String> = serde_json::from_str(&themes).map_err(crate::error::AppError::internal)?;
                pairs.extend(themes.into_iter().map(|t| (Some(t), response.clone())));
            }
            pairs
        }
    };
    let mut groups: std::collections::HashMap<Option<String>, (i64, i64)> = std::collections::HashMap::new();
    for (key, response) in pairs {
        let group = groups.entry(key).or_default();
        group.0 += 1;
        group.1 += i64::from(response == crate::domain::vocab::Response::Supported.as_str());
    }
    let mut rows: Vec<SummaryRow> =
        groups.into_iter().map(|(key, (count, supported))| SummaryRow { key, count, supported }).collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    Ok(rows)
}

pub fn count(conn: &mut DbConn, f: &RecommendationFilter) -> AppResult<i64> {
    Ok(filtered(conn, f).count().get_result(conn)?)
}

/// How many recommendations each recent filter selects, as of one generation of the
/// recommendations (migration 12: it grows with every change, by any instance or by hand), so
/// that a search counts its matches once and not on every page or reload: on PostgreSQL the
/// count, not the page, is most of a search's time. At most [`COUNTS_KEPT`] filters are kept;
/// past that they start again, so searches that all differ cost what they would without it.
#[derive(Default)]
pub struct Counts(Mutex<KeptCounts>);

#[derive(Default)]
struct KeptCounts {
    generation: i64,
    counts: HashMap<RecommendationFilter, i64>,
}

const COUNTS_KEPT: usize = 1024;

impl Counts {
    fn kept(&self) -> MutexGuard<'_, KeptCounts> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many `f` selects, counted now or kept from a count of the same generation.
    fn of(&self, conn: &mut DbConn, f: &RecommendationFilter) -> AppResult<i64> {
        // Read before counting: a count is never older than the generation it is kept under.
        let generation: i64 =
            recommendation_generation::table.select(recommendation_generation::generation).first(conn)?;
        let kept = self.kept();
        if let Some(&n) = kept.counts.get(f).filter(|_| kept.generation == generation) {
            return Ok(n);
        }
        drop(kept);
        let n = count(conn, f)?;
        let mut kept = self.kept();
        if generation > kept.generation || (generation == kept.generation && kept.counts.len() >= COUNTS_KEPT) {
            kept.generation = generation;
            kept.counts.clear();
        }
        if generation == kept.generation {
            kept.counts.insert(f.clone(), n);
        }
        Ok(n)
    }
}

pub fn list(
    conn: &mut DbConn,
    f: &RecommendationFilter,
    page: &PageRequest,
    counts: &Counts,
) -> AppResult<PageOf<RecommendationRow>> {
    let searched = match f.is_words_only() {
        true => {
            backend::search_recommendations(conn, &text_search::terms(&f.words), page.after.as_deref(), page.limit + 1)?
        }
        false => None,
    };
    if let Some((ids, total)) = searched {
        // Words alone, where the full-text index gives the page and the total (in the order stored).
        let mut rows = recommendations::table
            .filter(recommendations::id.eq_any(&ids))
            .select(RecommendationRow::as_select())
            .load(conn)?;
        rows.sort_by_key(|r: &RecommendationRow| ids.iter().position(|id| *id == r.id));
        return Ok(PageOf::from_rows(rows, page, total, |r| &r.id));
    }
    if matches!(conn, DbConn::Pg(_)) && !f.words.is_empty() {
        // Without statistics on the table (until autovacuum, or `settle` after an import, has
        // analysed it), PostgreSQL prices a prefix match (`word:*`) on the full-text index above
        // reading every row, and then reads every row: 11-20 ms for a common word, against 3 ms
        // through the index. Within this read, it is told not to. Nor to compile its plans:
        // the penalty it then puts on reading a whole table, which the one-row generation
        // table cannot avoid, would make even that read worth compiling (5 ms each time).
        return conn.transaction(|conn| {
            conn.batch_execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")?;
            filtered_page(conn, f, page, counts)
        });
    }
    filtered_page(conn, f, page, counts)
}

/// A page of what `f` selects, with the total, in the order stored.
fn filtered_page(
    conn: &mut DbConn,
    f: &RecommendationFilter,
    page: &PageRequest,
    counts: &Counts,
) -> AppResult<PageOf<RecommendationRow>> {
    let total = counts.of(conn, f)?;
    let mut q = filtered(conn, f);
    if let Some(after) = &page.after {
        q = q.filter(recommendations::id.gt(after));
    }
    let rows =
        q.order(recommendations::id.asc()).limit(page.limit + 1).select(RecommendationRow::as_select()).load(conn)?;
    Ok(PageOf::from_rows(rows, page, total, |r| &r.id))
}
