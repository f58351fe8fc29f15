//! The home page: headline figures and where needs go unanswered; and `/`, which sends a
//! browser to the language it prefers.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::layout::{self, Section};
use super::{parts, public_page, InPage, Lang, PageError, Viewer};
use crate::api::AppState;
use crate::domain::catalog::preferred_un_language;
use crate::service::stats::{self, SupplyAndDemand, ThemeSupply};

/// How many of the least covered themes the home page lists.
const UNANSWERED_SHOWN: usize = 8;

/// `/`: to the home page in the language the browser prefers (English when it names none of
/// the six).
pub async fn choose_language(req: HttpRequest) -> HttpResponse {
    let accepted = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let lang = preferred_un_language(accepted).unwrap_or("en");
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/{lang}/")))
        .insert_header((header::VARY, "Accept-Language"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .finish()
}

/// `/{lang}/`: the home page.
pub async fn page(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let services = &state.services;
    let key = stats::tally_for(services, &viewer.caller).await.in_page(lang)?;
    let supply = stats::supply_and_demand_by_theme(services, key, None, None, lang.code()).await.in_page(lang)?;
    let title = lang.t("home-title");
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::Home), "/", &title, content(lang, &supply)),
    ))
}

fn content(lang: Lang, supply: &SupplyAndDemand) -> Markup {
    let totals = &supply.totals;
    let figures = [
        (totals.requests, "figure-requests"),
        (totals.states, "figure-states"),
        (totals.offers, "figure-offers"),
        (totals.providers, "figure-providers"),
    ];
    let asked: Vec<&ThemeSupply> = supply.themes.iter().filter(|t| t.requests > 0).take(UNANSWERED_SHOWN).collect();
    html! {
        p.lead { (lang.t("home-intro")) }
        section aria-labelledby="figures" {
            h2 #figures { (lang.t("home-figures")) }
            ul.figures {
                @for (count, message) in figures {
                    li {
                        span.figure { (lang.number(count.into())) }
                        " "
                        span { (lang.t_with(message, &[("count", count.into())])) }
                    }
                }
            }
        }
        section aria-labelledby="unanswered" {
            h2 #unanswered { (lang.t("home-unanswered")) }
            @if asked.is_empty() {
                p { (lang.t("home-nothing-asked")) }
            } @else {
                p { (lang.t("home-unanswered-intro")) }
                (unanswered(lang, &asked))
            }
            p { a href={ "/" (lang.code()) "/themes" } { (lang.t("home-all-themes")) } }
        }
    }
}

/// The least covered themes that someone asks for.
fn unanswered(lang: Lang, asked: &[&ThemeSupply]) -> Markup {
    let table = html! {
        table {
            thead {
                tr {
                    th scope="col" { (lang.t("col-theme")) }
                    th.num scope="col" { (lang.t("col-requests")) }
                    th.num scope="col" { (lang.t("col-offers")) }
                    th.num scope="col" { (lang.t("col-offers-per-request")) }
                }
            }
            tbody {
                @for t in asked {
                    tr {
                        th scope="row" { a href={ "/" (lang.code()) "/requests?theme=" (t.theme) } { (t.label) } }
                        td.num { (lang.number(t.requests.into())) }
                        td.num { (lang.number(t.offers.into())) }
                        td.num { (lang.decimal(t.offers_per_request.unwrap_or(0.0))) }
                    }
                }
            }
        }
    };
    parts::scrolling(&lang.t("home-unanswered"), table)
}
