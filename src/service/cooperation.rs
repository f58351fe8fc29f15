//! The public record of cooperation: how many engagements there are on published requests,
//! by status, theme, region of the requesting State, and year begun. Counts only; which pair
//! an engagement joins stays with its two sides.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::Services;
use crate::db::engagements as store;
use crate::domain::engagement::EngagementStatus;
use crate::error::{AppError, AppResult};

/// Engagements counted by status.
pub type ByStatus = BTreeMap<EngagementStatus, u32>;

#[derive(Debug, Default)]
pub struct Record {
    pub total: u32,
    pub by_status: ByStatus,
    /// Theme slug: engagements on requests with that theme (one engagement counts in each of its
    /// request's themes).
    pub by_theme: BTreeMap<String, ByStatus>,
    /// M49 region code of the requesting State.
    pub by_region: BTreeMap<String, ByStatus>,
    pub by_year: BTreeMap<i32, ByStatus>,
}

pub async fn record(services: &Services) -> AppResult<Record> {
    let rows = services.db.run(store::on_published_requests).await?;
    let catalog = services.catalog;
    let mut record = Record::default();
    for row in rows {
        let status = EngagementStatus::parse(&row.status)
            .ok_or_else(|| AppError::internal("stored engagement status is unknown"))?;
        record.total += 1;
        *record.by_status.entry(status).or_default() += 1;
        for theme in row.themes {
            *record.by_theme.entry(theme).or_default().entry(status).or_default() += 1;
        }
        if let Some(state) = catalog.state(&row.state) {
            *record.by_region.entry(state.region_code.clone()).or_default().entry(status).or_default() += 1;
        }
        *record.by_year.entry(row.created_at.year()).or_default().entry(status).or_default() += 1;
    }
    Ok(record)
}
