//! Who recommended what: counts of recommendations grouped by recommending State, theme,
//! response or cycle, with how many were supported and noted, under the list's filters.

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::recommendations::{self as store, RecommendationFilter, SummaryKey};
use crate::error::AppResult;
use crate::service::Services;

#[derive(Debug, Serialize, ToSchema)]
pub struct Summary {
    pub group_by: String,
    /// Recommendations matching the filters.
    pub total: i64,
    /// Largest first.
    pub groups: Vec<SummaryGroup>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryGroup {
    /// A State code, theme slug, response or cycle; null for recommendations whose
    /// recommending State is not recorded.
    pub key: Option<String>,
    pub label: String,
    pub count: i64,
    pub supported: i64,
    pub noted: i64,
}

/// The groups of the recommendations `filter` selects, largest first, labelled in `lang`.
pub async fn summarize(
    services: &Services,
    filter: RecommendationFilter,
    by: SummaryKey,
    lang: &str,
) -> AppResult<Summary> {
    let (total, rows) =
        services.db.run(move |conn| Ok((store::count(conn, &filter)?, store::summary(conn, &filter, by)?))).await?;
    let catalog = services.catalog;
    let groups = rows
        .into_iter()
        .map(|r| SummaryGroup {
            label: match (by, r.key.as_deref()) {
                (_, None) => "Not recorded".to_string(),
                (SummaryKey::RecommendingState, Some(code)) => {
                    catalog.state(code).map_or(code.to_string(), |s| s.name.clone())
                }
                (SummaryKey::Theme, Some(slug)) => {
                    catalog.theme(slug).map_or(slug.to_string(), |t| t.label_in(lang).to_string())
                }
                (SummaryKey::Cycle, Some(cycle)) => format!("Cycle {cycle}"),
                (SummaryKey::Response, Some(response)) => response.to_string(),
            },
            noted: r.count - r.supported,
            key: r.key,
            count: r.count,
            supported: r.supported,
        })
        .collect();
    Ok(Summary { group_by: by.as_str().to_string(), total, groups })
}
