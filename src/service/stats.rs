//! Aggregate views for dashboards and donors, counted over the matcher index through the same
//! consent gate as every list: supply against demand per theme.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::matches::{today, visibility};
use super::Services;
use crate::domain::access::Caller;
use crate::domain::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::matcher::supply::{self, Counts, Tally};
use crate::matcher::RequestVisibility;

/// What is asked for and what is offered, in all themes together.
#[derive(Debug, Serialize, ToSchema)]
pub struct Totals {
    /// Open requests the caller may see.
    pub requests: u32,
    /// Distinct States behind them.
    pub states: u32,
    /// Offers open to new engagements today (capacity left, not ended).
    pub offers: u32,
    /// Distinct providers behind them.
    pub providers: u32,
}

/// Supply and demand in one theme.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeSupply {
    pub theme: String,
    pub label: String,
    pub group: String,
    pub requests: u32,
    pub states: u32,
    pub offers: u32,
    pub providers: u32,
    /// Available offers per open request in the theme; null when nobody asks.
    pub offers_per_request: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SupplyAndDemand {
    /// The area counted (its M49 code or group), or null for the whole world.
    pub region: Option<String>,
    pub as_of: NaiveDate,
    pub totals: Totals,
    /// Least covered first: themes with requests by offers per request (then by requests, most
    /// first), then themes nobody asks for.
    pub themes: Vec<ThemeSupply>,
}

/// What a tally depends on: the index's data, the day, and who may see what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyKey {
    pub generation: u64,
    pub today: i32,
    pub visible: RequestVisibility,
    /// Offers and requests in the index (what tallying costs).
    pub records: usize,
}

/// The key of the tally the caller would get now, once the index is current.
pub async fn tally_for(services: &Services, caller: &Caller) -> AppResult<TallyKey> {
    services.matching.fresh(&services.db).await?;
    let index = services.matching.read();
    Ok(TallyKey {
        generation: index.generation(),
        today: today(),
        visible: visibility(caller, &index),
        records: index.offer_count() + index.request_count(),
    })
}

/// Supply against demand per theme (least covered first) for the themes of `group`, in
/// `region` (requests from its States, offers serving them); made on the heavy-work threads.
pub async fn supply_and_demand_by_theme(
    services: &Arc<Services>,
    key: TallyKey,
    region: Option<String>,
    group: Option<String>,
    lang: &'static str,
) -> AppResult<SupplyAndDemand> {
    let shared = Arc::clone(services);
    services
        .heavy_work
        .run(move || {
            let index = shared.matching.read();
            let no_states = [0; 4];
            let area = region.as_deref().map(|code| index.encoder().area(code).unwrap_or(&no_states));
            let tally = supply::tally(&index, key.today, area, |r| key.visible.admits(r));
            drop(index);
            supply_and_demand(shared.catalog, tally, region, group.as_deref(), lang, key.today)
        })
        .await?
}

/// The answer from a tally.
fn supply_and_demand(
    catalog: &Catalog,
    tally: Tally,
    region: Option<String>,
    group: Option<&str>,
    lang: &str,
    today: i32,
) -> AppResult<SupplyAndDemand> {
    let mut rows: Vec<ThemeSupply> = catalog
        .themes
        .iter()
        .zip(tally.themes)
        .filter(|(theme, _)| group.is_none_or(|g| g == theme.group))
        .map(|(theme, counts)| ThemeSupply {
            theme: theme.slug.clone(),
            label: theme.label_in(lang).to_string(),
            group: theme.group.clone(),
            requests: counts.requests,
            states: counts.states,
            offers: counts.offers,
            providers: counts.providers,
            offers_per_request: (counts.requests > 0)
                .then(|| (f64::from(counts.offers) / f64::from(counts.requests) * 100.0).round() / 100.0),
        })
        .collect();
    rows.sort_by(|a, b| {
        let ratio = |t: &ThemeSupply| t.offers_per_request.unwrap_or(f64::INFINITY);
        ratio(a).total_cmp(&ratio(b)).then(b.requests.cmp(&a.requests)).then(a.theme.cmp(&b.theme))
    });
    let Counts { requests, states, offers, providers } = tally.total;
    Ok(SupplyAndDemand {
        region,
        as_of: NaiveDate::from_num_days_from_ce_opt(today)
            .ok_or_else(|| AppError::internal("today is out of range"))?,
        totals: Totals { requests, states, offers, providers },
        themes: rows,
    })
}
