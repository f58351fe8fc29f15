//! Themes: supply against demand in every theme, as a chart, a table and a CSV download, for
//! the world or one region, through the same tally (and consent gate) as `GET /stats/themes`.

use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;

use super::chart::{self, Bar};
use super::layout::{self, Section};
use super::parts;
use super::{public_page, InPage, Lang, PageError, Viewer};
use crate::api::http::{self, Params};
use crate::api::{rate_limit, stats, AppState};
use crate::error::{AppError, AppResult, Said};
use crate::export::{table as tables, Tabular};
use crate::service::stats::{self as service, SupplyAndDemand, ThemeSupply};

/// How many themes the chart shows (the busiest; the table has them all).
const CHARTED: usize = 15;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemesQuery {
    region: Option<String>,
    group: Option<String>,
}

/// The tally the query asks for, in the reader's language.
async fn tally(
    req: &HttpRequest,
    state: &AppState,
    viewer: &Viewer,
    lang: Lang,
) -> AppResult<(ThemesQuery, SupplyAndDemand)> {
    let q = Params::<ThemesQuery>::extract(req).await?.into_inner();
    let region = http::region_param("region", q.region.as_deref())?.map(|(code, _)| code);
    if let Some(group) = &q.group {
        state.services.catalog.group(group).ok_or_else(|| {
            AppError::bad_param("group", Said::new("field-unknown-group", vec![("group", group.as_str().into())]))
        })?;
    }
    let key = service::tally_for(&state.services, &viewer.caller).await?;
    rate_limit::charge(req, stats::tally_cost(key.records))?;
    let supply =
        service::supply_and_demand_by_theme(&state.services, key, region, q.group.clone(), lang.code()).await?;
    Ok((q, supply))
}

/// Open requests from, and available offers serving, each M49 region (an offer serving several
/// counts in each): one tally per region, charged as such.
async fn by_region(req: &HttpRequest, state: &AppState, viewer: &Viewer, lang: Lang) -> AppResult<Vec<Bar>> {
    let key = service::tally_for(&state.services, &viewer.caller).await?;
    let mut bars = Vec::new();
    for region in parts::M49_REGIONS {
        rate_limit::charge(req, stats::tally_cost(key.records))?;
        let supply = service::supply_and_demand_by_theme(
            &state.services,
            key.clone(),
            Some(region.to_string()),
            None,
            lang.code(),
        )
        .await?;
        bars.push(Bar {
            label: lang.t(&format!("region-{region}")),
            values: vec![supply.totals.requests, supply.totals.offers],
        });
    }
    Ok(bars)
}

/// `/{lang}/themes`
pub async fn page(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let (q, supply) = tally(&req, &state, &viewer, lang).await.in_page(lang)?;
    let regions =
        if q.region.is_none() { by_region(&req, &state, &viewer, lang).await.in_page(lang)? } else { Vec::new() };
    let catalog = state.services.catalog;
    let groups: Vec<(String, String)> =
        catalog.groups.iter().map(|g| (g.slug.clone(), lang.t(&format!("group-{}", g.slug)))).collect();
    let content = html! {
        p.lead { (lang.t("themes-intro")) }
        form.filters method="get" action={ "/" (lang.code()) "/themes" } {
            (parts::select(lang, "region", &lang.t("filter-region"), q.region.as_deref(), &parts::region_options(lang)))
            (parts::select(lang, "group", &lang.t("filter-group"), q.group.as_deref(), &groups))
            button type="submit" { (lang.t("filter-apply")) }
        }
        p {
            (lang.t_with("themes-totals", &[
                ("requests", supply.totals.requests.into()),
                ("states", supply.totals.states.into()),
                ("offers", supply.totals.offers.into()),
                ("providers", supply.totals.providers.into()),
            ]))
        }
        p { (parts::downloads(&format!("/{}/themes", lang.code()), req.query_string(), &lang.t("download-csv"), &lang.t("download-xlsx"))) }
        (chart_of(lang, &supply))
        @if !regions.is_empty() {
            (chart::bars(lang, "regions", &lang.t("themes-by-region"), &[lang.t("col-requests"), lang.t("col-offers")], &regions))
        }
        (table(lang, &supply))
    };
    let here = parts::here("/themes", req.query_string());
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::Themes), &here, &lang.t("themes-title"), content),
    ))
}

fn chart_of(lang: Lang, supply: &SupplyAndDemand) -> Markup {
    let mut busiest: Vec<_> = supply.themes.iter().filter(|t| t.requests + t.offers > 0).collect();
    busiest.sort_by(|a, b| (b.requests + b.offers).cmp(&(a.requests + a.offers)).then(a.theme.cmp(&b.theme)));
    let rows: Vec<Bar> = busiest
        .into_iter()
        .take(CHARTED)
        .map(|t| Bar { label: t.label.clone(), values: vec![t.requests, t.offers] })
        .collect();
    if rows.is_empty() {
        return html! { p { (lang.t("themes-nothing-yet")) } };
    }
    chart::bars(lang, "supply", &lang.t("themes-chart"), &[lang.t("col-requests"), lang.t("col-offers")], &rows)
}

fn table(lang: Lang, supply: &SupplyAndDemand) -> Markup {
    let table = html! {
        table {
            caption { (lang.t("themes-table")) }
            thead {
                tr {
                    th scope="col" { (lang.t("col-theme")) }
                    th.num scope="col" { (lang.t("col-requests")) }
                    th.num scope="col" { (lang.t("col-states-asking")) }
                    th.num scope="col" { (lang.t("col-offers")) }
                    th.num scope="col" { (lang.t("col-providers")) }
                    th.num scope="col" { (lang.t("col-offers-per-request")) }
                }
            }
            tbody {
                @for t in &supply.themes {
                    tr {
                        th scope="row" {
                            a href={ "/" (lang.code()) "/requests?theme=" (t.theme) } { (t.label) }
                        }
                        td.num { (lang.number(t.requests.into())) }
                        td.num { (lang.number(t.states.into())) }
                        td.num { (lang.number(t.offers.into())) }
                        td.num { (lang.number(t.providers.into())) }
                        td.num { @if let Some(ratio) = t.offers_per_request { (lang.decimal(ratio)) } @else { "–" } }
                    }
                }
            }
        }
    };
    parts::scrolling(&lang.t("themes-table"), table)
}

/// `/{lang}/themes.{csv|xlsx}`: the table as a spreadsheet, with the API's field names as its
/// header.
pub async fn download(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let sheet = parts::sheet(&req).in_page(lang)?;
    let (q, supply) = tally(&req, &state, &viewer, lang).await.in_page(lang)?;
    let stem = format!("tcmatch-themes-{}-{}-{}", q.region.as_deref().unwrap_or("world"), lang.code(), supply.as_of);
    let rows = supply.themes.iter().map(Tabular::row);
    tables::whole(sheet, lang.code(), &stem, ThemeSupply::COLUMNS, rows).in_page(lang)
}
