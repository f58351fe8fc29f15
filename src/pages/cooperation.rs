//! The public record of cooperation: engagements on published requests, by status, year,
//! region and theme, as a chart over time, tables and a CSV download. Only counts: which pair
//! an engagement joins stays with its two sides.

use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::chart::{self, Bar};
use super::layout::{self, Section};
use super::{parts, public_page, InPage, Lang, PageError, Viewer};
use crate::api::AppState;
use crate::domain::catalog::Catalog;
use crate::domain::engagement::EngagementStatus;
use crate::export::table::{self as tables, Columns};
use crate::service::cooperation::{self, ByStatus, Record};

/// The statuses in the order the tables show them.
const STATUSES: [EngagementStatus; 6] = [
    EngagementStatus::Interest,
    EngagementStatus::Agreed,
    EngagementStatus::InProgress,
    EngagementStatus::Completed,
    EngagementStatus::Declined,
    EngagementStatus::Cancelled,
];

/// `/{lang}/cooperation`
pub async fn page(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let record = cooperation::record(&state.services).await.in_page(lang)?;
    let catalog = state.services.catalog;
    let content = html! {
        p.lead { (lang.t("cooperation-intro")) }
        p { (lang.t_with("cooperation-total", &[("count", record.total.into())])) }
        p { (parts::downloads(&format!("/{}/cooperation", lang.code()), "", &lang.t("download-csv"), &lang.t("download-xlsx"))) }
        @if record.total == 0 {
            p { (lang.t("cooperation-none")) }
        } @else {
            (over_time(lang, &record))
            (table(lang, "cooperation-by-status", &[(lang.t("col-all"), &record.by_status)]))
            (table(lang, "cooperation-by-year", &record.by_year.iter().map(|(y, c)| (y.to_string(), c)).collect::<Vec<_>>()))
            (table(lang, "cooperation-by-region", &record.by_region.iter().map(|(r, c)| (parts::region_name(lang, catalog, r), c)).collect::<Vec<_>>()))
            (table(lang, "cooperation-by-theme", &themes(lang, catalog, &record)))
        }
    };
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::Cooperation), "/cooperation", &lang.t("cooperation-title"), content),
    ))
}

/// Themes with engagements, most first.
fn themes<'a>(lang: Lang, catalog: &Catalog, record: &'a Record) -> Vec<(String, &'a ByStatus)> {
    let mut rows: Vec<(String, &ByStatus)> = record
        .by_theme
        .iter()
        .map(|(slug, counts)| {
            (catalog.theme(slug).map_or(slug.clone(), |t| t.label_in(lang.code()).to_string()), counts)
        })
        .collect();
    rows.sort_by_key(|(label, counts)| (std::cmp::Reverse(counts.values().sum::<u32>()), label.clone()));
    rows
}

/// Engagements begun each year: interest only, agreed or under way, completed.
fn over_time(lang: Lang, record: &Record) -> Markup {
    let get = |c: &ByStatus, s: EngagementStatus| c.get(&s).copied().unwrap_or(0);
    let rows: Vec<Bar> = record
        .by_year
        .iter()
        .map(|(year, c)| Bar {
            label: year.to_string(),
            values: vec![
                get(c, EngagementStatus::Interest),
                get(c, EngagementStatus::Agreed) + get(c, EngagementStatus::InProgress),
                get(c, EngagementStatus::Completed),
            ],
        })
        .collect();
    let series = [
        lang.term("engagement-status", "interest"),
        lang.t("cooperation-under-way"),
        lang.term("engagement-status", "completed"),
    ];
    chart::bars(lang, "over-time", &lang.t("cooperation-chart"), &series, &rows)
}

fn table(lang: Lang, caption: &str, rows: &[(String, &ByStatus)]) -> Markup {
    let table = html! {
        table {
            caption { (lang.t(caption)) }
            thead {
                tr {
                    th scope="col" { (lang.t("col-group")) }
                    @for s in STATUSES { th.num scope="col" { (lang.term("engagement-status", s.as_str())) } }
                    th.num scope="col" { (lang.t("col-all")) }
                }
            }
            tbody {
                @for (label, counts) in rows {
                    tr {
                        th scope="row" { (label) }
                        @for s in STATUSES { td.num { (lang.number(counts.get(&s).copied().unwrap_or(0).into())) } }
                        td.num { (lang.number(counts.values().sum::<u32>().into())) }
                    }
                }
            }
        }
    };
    parts::scrolling(&lang.t(caption), table)
}

/// `/{lang}/cooperation.{csv|xlsx}`: every count, one row per dimension, group and status.
pub async fn download(req: HttpRequest, lang: Lang, state: web::Data<AppState>) -> Result<HttpResponse, PageError> {
    let sheet = parts::sheet(&req).in_page(lang)?;
    let record = cooperation::record(&state.services).await.in_page(lang)?;
    let catalog = state.services.catalog;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut add = |dimension: &str, key: String, label: String, counts: &ByStatus| {
        for (status, count) in counts {
            rows.push(vec![
                dimension.to_string(),
                key.clone(),
                label.clone(),
                status.as_str().to_string(),
                count.to_string(),
            ]);
        }
    };
    for (year, counts) in &record.by_year {
        add("year", year.to_string(), year.to_string(), counts);
    }
    for (region, counts) in &record.by_region {
        add("region", region.clone(), parts::region_name(lang, catalog, region), counts);
    }
    for (theme, counts) in &record.by_theme {
        add(
            "theme",
            theme.clone(),
            catalog.theme(theme).map_or(theme.clone(), |t| t.label_in(lang.code()).to_string()),
            counts,
        );
    }
    let columns = Columns { names: &["dimension", "key", "label", "status", "count"], numbers: &["count"] };
    let stem = format!("tcmatch-cooperation-{}", lang.code());
    tables::whole(sheet, lang.code(), &stem, columns, rows.into_iter()).in_page(lang)
}
