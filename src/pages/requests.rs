//! Requests: the public list (consented requests only, exactly as the API lists them to an
//! anonymous caller) with its filters, and a request's page with its UPR recommendations and
//! the offers that match it, explained.

use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::layout::{self, Section};
use super::parts;
use super::{public_page, InPage, Lang, PageError, Viewer};
use crate::api::http::Params;
use crate::api::requests::RequestQuery;
use crate::api::AppState;
use crate::domain::catalog::Catalog;
use crate::domain::ids;
use crate::domain::vocab::RequestStatus;
use crate::export::{table as tables, Tabular};
use crate::service::requests::{self as service, AssistanceRequest};
use crate::service::{matches, recommendations};

/// How many matching offers a request's page shows.
const MATCHES_SHOWN: usize = 10;

/// `/{lang}/requests`
pub async fn list(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let query = Params::<RequestQuery>::extract(&req).await.in_page(lang)?.into_inner();
    let chosen = Chosen {
        theme: query.theme.clone(),
        region: query.region.clone(),
        state: query.state.clone(),
        status: query.status.clone(),
        q: query.q.clone(),
    };
    let (filter, page) = query.parsed().in_page(lang)?;
    let caller = viewer.caller.clone();
    let found = service::list(&state.services, &caller, filter, page).await.in_page(lang)?;
    let rows: Vec<AssistanceRequest> = found.rows.iter().map(service::view).collect::<Result<_, _>>().in_page(lang)?;
    let catalog = state.services.catalog;
    let content = html! {
        p.lead { (lang.t("requests-intro")) }
        form.filters method="get" action={ "/" (lang.code()) "/requests" } role="search" {
            (parts::theme_select(lang, catalog, chosen.theme.as_deref()))
            (parts::select(lang, "region", &lang.t("filter-region"), chosen.region.as_deref(), &parts::region_options(lang)))
            (parts::select(lang, "state", &lang.t("filter-state"), chosen.state.as_deref(), &parts::state_options(lang, catalog)))
            (parts::select(lang, "status", &lang.t("filter-status"), chosen.status.as_deref(), &status_options(lang)))
            (parts::search_field(lang, chosen.q.as_deref()))
            button type="submit" { (lang.t("filter-apply")) }
        }
        (parts::pager(lang, &format!("/{}/requests", lang.code()), req.query_string(), found.next_after.as_deref().map(ids::encode_cursor).as_deref(), found.total, "requests-found"))
        p { (parts::downloads(&format!("/{}/requests", lang.code()), &parts::download_query(req.query_string()), &lang.t("download-csv"), &lang.t("download-xlsx"))) }
        @if !rows.is_empty() {
            (table(lang, catalog, &rows))
        }
    };
    let title = lang.t("requests-title");
    let here = parts::here("/requests", req.query_string());
    Ok(public_page(&req, lang, &viewer, layout::page(lang, &viewer, Some(Section::Requests), &here, &title, content)))
}

/// The list's rows, as a table that scrolls on a narrow screen.
fn table(lang: Lang, catalog: &Catalog, rows: &[AssistanceRequest]) -> Markup {
    let table = html! {
        table {
            thead {
                tr {
                    th scope="col" { (lang.t("col-request")) }
                    th scope="col" { (lang.t("col-state")) }
                    th scope="col" { (lang.t("col-themes")) }
                    th scope="col" { (lang.t("col-status")) }
                    th scope="col" { (lang.t("col-period")) }
                }
            }
            tbody {
                @for r in rows {
                    tr {
                        td { a href={ "/" (lang.code()) "/requests/" (r.id) } dir="auto" { (r.title) } }
                        td { (catalog.state_name(&r.state, lang.code())) }
                        td { (parts::themes(lang, catalog, &r.themes)) }
                        td { (lang.term("request-status", r.status.as_str())) }
                        td { (parts::period(lang, r.starts_on, r.ends_on)) }
                    }
                }
            }
        }
    };
    parts::scrolling(&lang.t("requests-title"), table)
}

/// The filter values as given, to show them again in the form.
struct Chosen {
    theme: Option<String>,
    region: Option<String>,
    state: Option<String>,
    status: Option<String>,
    q: Option<String>,
}

/// The statuses a public list can show (drafts never are).
fn status_options(lang: Lang) -> Vec<(String, String)> {
    let published = RequestStatus::ALL.iter().filter(|s| **s != RequestStatus::Draft).map(|s| s.as_str());
    parts::term_options(lang, "request-status", published)
}

/// `/{lang}/requests/{id}`
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
    let request = service::get(services, &caller, id.clone()).await.in_page(lang)?;
    let linked = recommendations::many(services, request.recommendation_ids.clone()).await.in_page(lang)?;
    let found =
        matches::for_request(services, &caller, id.clone(), MATCHES_SHOWN, 0.0, lang.code()).await.in_page(lang)?;
    let catalog = services.catalog;
    let offer_cell = |m: &matches::Match| {
        html! {
            a href={ "/" (lang.code()) "/offers/" (m.offer_id) } dir="auto" { (m.offer_title) }
            br;
            bdi.muted { (m.provider_name) }
            @if super::engagements::may_engage(&viewer, m) {
                br;
                (super::engagements::interest_button(lang, &viewer, &m.request_id, &m.offer_id))
            }
        }
    };
    let content = html! {
        (facts(lang, catalog, &request))
        @if !request.description.is_empty() {
            h2 { (lang.t("description")) }
            p.prose dir="auto" { (request.description) }
        }
        h2 { (lang.t("linked-recommendations")) }
        @if linked.is_empty() {
            p { (lang.t("no-linked-recommendations")) }
        } @else {
            ul.recommendations {
                @for r in &linked {
                    li {
                        blockquote dir="auto" { (r.text) }
                        p.muted {
                            (lang.t_with("recommended-by", &[
                                ("state", r.recommending_state.as_deref().map_or_else(|| lang.t("not-given"), |s| catalog.state_name(s, lang.code()).to_string()).into()),
                                ("session", r.session.into()),
                            ]))
                            " · " (lang.term("response", r.response.as_str()))
                        }
                    }
                }
            }
        }
        h2 { (lang.t("matching-offers")) }
        @if found.items.is_empty() {
            p { (lang.t("no-matching-offers")) }
        } @else {
            (parts::match_table(lang, catalog, &found.items, offer_cell))
        }
    };
    let here = format!("/requests/{id}");
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::Requests), &here, &request.title, content),
    ))
}

/// A request's facts, as a description list.
fn facts(lang: Lang, catalog: &Catalog, r: &AssistanceRequest) -> Markup {
    html! {
        dl.facts {
            dt { (lang.t("col-state")) } dd { (catalog.state_name(&r.state, lang.code())) }
            dt { (lang.t("col-status")) } dd { (lang.term("request-status", r.status.as_str())) }
            dt { (lang.t("col-priority")) } dd { (lang.term("priority", r.priority.as_str())) }
            dt { (lang.t("col-themes")) } dd { (parts::themes(lang, catalog, &r.themes)) }
            dt { (lang.t("col-modalities")) }
            dd { (parts::modalities(lang, &r.modalities)) }
            dt { (lang.t("col-languages")) } dd { (r.languages.join(", ").to_uppercase()) }
            dt { (lang.t("col-period")) } dd { (parts::period(lang, r.starts_on, r.ends_on)) }
            dt { (lang.t("col-budget")) }
            dd { (parts::budget_range(lang, r.budget_min_usd, r.budget_max_usd)) }
        }
    }
}

/// `/{lang}/requests.csv`: every request the list's filters select, as the API lists them to
/// the reader, streamed.
pub async fn download(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let query = Params::<RequestQuery>::extract(&req).await.in_page(lang)?.into_inner();
    let (filter, _) = query.parsed().in_page(lang)?;
    let (services, caller) = (std::sync::Arc::clone(&state.services), viewer.caller.clone());
    let list = move |filter, page| {
        let (services, caller) = (std::sync::Arc::clone(&services), caller.clone());
        async move { service::list(&services, &caller, filter, page).await }
    };
    let (sheet, stem) = (parts::sheet(&req).in_page(lang)?, format!("tcmatch-requests-{}", lang.code()));
    tables::list(sheet, lang.code(), &stem, AssistanceRequest::COLUMNS, filter, list, |row| {
        service::view(row).map(|r| r.row())
    })
    .await
    .in_page(lang)
}
