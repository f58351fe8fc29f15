//! Offers: the public list with its filters, and an offer's page with the requests that match
//! it (consented ones only, as the API shows them to an anonymous caller), explained.

use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::layout::{self, Section};
use super::parts;
use super::{public_page, InPage, Lang, PageError, Viewer};
use crate::api::http::Params;
use crate::api::offers::OfferQuery;
use crate::api::AppState;
use crate::domain::catalog::Catalog;
use crate::domain::ids;
use crate::domain::vocab::OfferStatus;
use crate::export::{table as tables, Tabular};
use crate::service::offers::{self as service, Offer};
use crate::service::{matches, organizations};

/// How many matching requests an offer's page shows.
const MATCHES_SHOWN: usize = 10;

/// `/{lang}/offers`
pub async fn list(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let query = Params::<OfferQuery>::extract(&req).await.in_page(lang)?.into_inner();
    let chosen = [query.theme.clone(), query.region.clone(), query.serves.clone(), query.status.clone()];
    let words = query.q.clone();
    let (filter, page) = query.parsed().in_page(lang)?;
    let services = &state.services;
    let caller = viewer.caller.clone();
    let found = service::list(services, &caller, filter, page).await.in_page(lang)?;
    let rows: Vec<Offer> = found.rows;
    let names =
        organizations::names(services, rows.iter().map(|o| o.provider.clone()).collect()).await.in_page(lang)?;
    let catalog = services.catalog;
    let [theme, region, serves, status] = chosen;
    let content = html! {
        p.lead { (lang.t("offers-intro")) }
        form.filters method="get" action={ "/" (lang.code()) "/offers" } role="search" {
            (parts::theme_select(lang, catalog, theme.as_deref()))
            (parts::select(lang, "region", &lang.t("filter-region"), region.as_deref(), &parts::region_options(lang)))
            (parts::select(lang, "serves", &lang.t("filter-serves"), serves.as_deref(), &parts::state_options(lang, catalog)))
            (parts::select(lang, "status", &lang.t("filter-status"), status.as_deref(), &status_options(lang)))
            (parts::search_field(lang, words.as_deref()))
            button type="submit" { (lang.t("filter-apply")) }
        }
        (parts::pager(lang, &format!("/{}/offers", lang.code()), req.query_string(), found.next_after.as_deref().map(ids::encode_cursor).as_deref(), found.total, "offers-found"))
        p { (parts::downloads(&format!("/{}/offers", lang.code()), &parts::download_query(req.query_string()), &lang.t("download-csv"), &lang.t("download-xlsx"))) }
        @if !rows.is_empty() {
            (parts::scrolling(&lang.t("offers-title"), html! { table {
                thead {
                    tr {
                        th scope="col" { (lang.t("col-offer")) }
                        th scope="col" { (lang.t("col-provider")) }
                        th scope="col" { (lang.t("col-themes")) }
                        th scope="col" { (lang.t("col-status")) }
                        th scope="col" { (lang.t("col-period")) }
                    }
                }
                tbody {
                    @for o in &rows {
                        tr {
                            td { a href={ "/" (lang.code()) "/offers/" (o.id) } dir="auto" { (o.title) } }
                            td { (provider_name(lang, catalog, &names, &o.provider)) }
                            td { (parts::themes(lang, catalog, &o.themes)) }
                            td { (lang.term("offer-status", o.status.as_str())) }
                            td { (parts::period(lang, o.starts_on, o.ends_on)) }
                        }
                    }
                }
            } }))
        }
    };
    let here = parts::here("/offers", req.query_string());
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::Offers), &here, &lang.t("offers-title"), content),
    ))
}

/// A provider's name: an organization's, or a donor State's in the reader's language.
pub fn provider_name<'a>(
    lang: Lang,
    catalog: &'a Catalog,
    organizations: &'a std::collections::HashMap<String, String>,
    provider: &'a str,
) -> &'a str {
    organizations.get(provider).map_or_else(|| catalog.state_name(provider, lang.code()), String::as_str)
}

/// The statuses a public list can show (drafts never are).
fn status_options(lang: Lang) -> Vec<(String, String)> {
    let published = OfferStatus::ALL.iter().filter(|s| **s != OfferStatus::Draft).map(|s| s.as_str());
    parts::term_options(lang, "offer-status", published)
}

/// `/{lang}/offers/{id}`
pub async fn detail(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let (_, id) = path.into_inner();
    let services = &state.services;
    let caller = viewer.caller.clone();
    let offer = service::get(services, &caller, id.clone()).await.in_page(lang)?;
    let names = organizations::names(services, vec![offer.provider.clone()]).await.in_page(lang)?;
    let found =
        matches::for_offer(services, &caller, id.clone(), MATCHES_SHOWN, 0.0, lang.code()).await.in_page(lang)?;
    let catalog = services.catalog;
    let request_cell = |m: &matches::Match| {
        html! {
            a href={ "/" (lang.code()) "/requests/" (m.request_id) } dir="auto" { (m.request_title) }
            br;
            span.muted { (m.state_name) }
            @if super::engagements::may_engage(&viewer, m) {
                br;
                (super::engagements::interest_button(lang, &viewer, &m.request_id, &m.offer_id))
            }
        }
    };
    let content = html! {
        (facts(lang, catalog, &offer, provider_name(lang, catalog, &names, &offer.provider)))
        @if !offer.description.is_empty() {
            h2 { (lang.t("description")) }
            p.prose dir="auto" { (offer.description) }
        }
        h2 { (lang.t("matching-requests")) }
        @if found.items.is_empty() {
            p { (lang.t("no-matching-requests")) }
        } @else {
            (parts::match_table(lang, catalog, &found.items, request_cell))
        }
    };
    let here = format!("/offers/{id}");
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::Offers), &here, &offer.title, content),
    ))
}

fn facts(lang: Lang, catalog: &Catalog, o: &Offer, provider: &str) -> Markup {
    let served: Vec<String> = o
        .countries
        .iter()
        .map(|c| catalog.state_name(c, lang.code()).to_string())
        .chain(o.regions.iter().map(|r| parts::region_name(lang, catalog, r)))
        .collect();
    html! {
        dl.facts {
            dt { (lang.t("col-provider")) } dd { bdi { (provider) } }
            dt { (lang.t("col-status")) } dd { (lang.term("offer-status", o.status.as_str())) }
            dt { (lang.t("col-themes")) } dd { (parts::themes(lang, catalog, &o.themes)) }
            dt { (lang.t("col-modalities")) } dd { (parts::modalities(lang, &o.modalities)) }
            dt { (lang.t("col-languages")) } dd { (o.languages.join(", ").to_uppercase()) }
            dt { (lang.t("col-serves")) }
            dd { @if o.global { (lang.t("serves-everywhere")) } @else { (served.join(&lang.t("list-separator"))) } }
            dt { (lang.t("col-period")) } dd { (parts::period(lang, o.starts_on, o.ends_on)) }
            dt { (lang.t("col-capacity")) } dd { (lang.number(o.capacity.unsigned_abs().into())) }
            dt { (lang.t("col-budget")) } dd { (parts::dollars(lang, o.budget_usd)) }
        }
    }
}

/// `/{lang}/offers.csv`: every offer the list's filters select, streamed.
pub async fn download(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let query = Params::<OfferQuery>::extract(&req).await.in_page(lang)?.into_inner();
    let (filter, _) = query.parsed().in_page(lang)?;
    let (services, caller) = (std::sync::Arc::clone(&state.services), viewer.caller.clone());
    let list = move |filter, page| {
        let (services, caller) = (std::sync::Arc::clone(&services), caller.clone());
        async move { service::list(&services, &caller, filter, page).await }
    };
    let (sheet, stem) = (parts::sheet(&req).in_page(lang)?, format!("tcmatch-offers-{}", lang.code()));
    tables::list(sheet, lang.code(), &stem, Offer::COLUMNS, filter, list, |o| Ok(o.row())).await.in_page(lang)
}
