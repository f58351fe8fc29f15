//! Cooperation between the two sides of a match, for signed-in parties: expressing interest in
//! a pair (from a request's or an offer's page), and answering and moving the engagements on
//! one's own page; each the same service call as `POST /engagements` and its transitions.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;

use super::{form_of, parts, InPage, Lang, PageError, Viewer};
use crate::api::http::page_request;
use crate::api::AppState;
use crate::db::engagements::EngagementFilter;
use crate::domain::access::Role;
use crate::domain::engagement::{EngagementStatus, Side};
use crate::domain::ids;
use crate::domain::vocab::ConsentStatus;
use crate::error::{AppError, AppResult, Said};
use crate::service::engagements::{self, NewEngagement, Transition};
use crate::service::matches::Match;
use crate::service::write::Written;
use crate::service::Services;

/// The query parameter of the page of the reader's engagements.
const PAGE_PARAM: &str = "engagements";

/// The side a signed-in reader acts for, if a party at all (administrators act through the API).
pub fn side_of(viewer: &Viewer) -> Option<Side> {
    match viewer.session.as_ref()?.identity.role {
        Role::State => Some(Side::Request),
        Role::Provider => Some(Side::Offer),
        Role::Admin => None,
    }
}

/// Whether the reader may express interest in a match: it is one of its sides (the requesting
/// State, or the offer's provider), and the State has granted consent, without which the
/// engagement would be refused.
pub fn may_engage(viewer: &Viewer, m: &Match) -> bool {
    let Some(session) = &viewer.session else { return false };
    if m.consent != ConsentStatus::Granted {
        return false;
    }
    let identity = &session.identity;
    match side_of(viewer) {
        Some(Side::Request) => identity.state.as_deref() == Some(m.state.as_str()),
        Some(Side::Offer) => identity.provider_id() == Some(m.provider.as_str()),
        None => false,
    }
}

/// A button to express interest in a pair, for a reader who is one of its sides.
pub fn interest_button(lang: Lang, viewer: &Viewer, request_id: &str, offer_id: &str) -> Markup {
    html! {
        form.inline method="post" action={ "/" (lang.code()) "/my/engagements" } {
            input type="hidden" name="csrf" value=(viewer.csrf());
            input type="hidden" name="request_id" value=(request_id);
            input type="hidden" name="offer_id" value=(offer_id);
            button type="submit" { (lang.t("express-interest")) }
        }
    }
}

#[derive(Deserialize)]
pub struct InterestForm {
    #[serde(default)]
    csrf: String,
    request_id: String,
    offer_id: String,
    #[serde(default)]
    note: String,
}

/// `POST /{lang}/my/engagements`: interest in a pair, then the reader's page at it.
pub async fn express_interest(
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: InterestForm = form_of(&body).in_page(lang)?;
    viewer.check_form(lang, &form.csrf)?;
    let new = NewEngagement {
        request_id: form.request_id,
        offer_id: form.offer_id,
        note: form.note,
        side: None,
        iati_identifier: None,
    };
    match engagements::create(&state.services, &viewer.caller, None, new, lang.code()).await.in_page(lang)? {
        Written::Done(e) => Ok(to_my_page(lang, &e.id)),
        Written::Replayed { .. } => Err(AppError::internal("a replay without a key")).in_page(lang),
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    csrf: String,
    to: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    outcome: String,
}

/// `POST /{lang}/my/engagements/{id}`: answers or moves an engagement.
pub async fn move_engagement(
    lang: Lang,
    viewer: Viewer,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let (_, id) = path.into_inner();
    let form: MoveForm = form_of(&body).in_page(lang)?;
    viewer.check_form(lang, &form.csrf)?;
    let to = EngagementStatus::parse(&form.to)
        .ok_or_else(|| AppError::invalid("to", Said::of("field-unknown-step")))
        .in_page(lang)?;
    let outcome = (!form.outcome.trim().is_empty()).then_some(form.outcome);
    let t = Transition { to, note: form.note, outcome, side: None, iati_identifier: None };
    let moved = engagements::transition(&state.services, &viewer.caller, id, t, lang.code()).await.in_page(lang)?;
    Ok(to_my_page(lang, &moved.id))
}

fn to_my_page(lang: Lang, id: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, format!("/{}/my#e-{id}", lang.code()))).finish()
}

/// The reader's engagements, 50 a page (the page is the query's `engagements` parameter, so
/// it keeps its own place beside the records' list), each with the pair's titles and the
/// steps the reader may take.
pub async fn section(lang: Lang, viewer: &Viewer, services: &Services, query: &str) -> AppResult<Markup> {
    let Some(side) = side_of(viewer) else {
        return Ok(html! {});
    };
    let cursor = parts::param_in(query, PAGE_PARAM)?;
    let page = page_request(None, cursor.as_deref(), ids::ENGAGEMENT)?;
    let found = engagements::list(services, &viewer.caller, EngagementFilter::default(), page, lang.code()).await?;
    let next = found.next_after.as_deref().map(ids::encode_cursor);
    let path = format!("/{}/my", lang.code());
    let label = lang.t("my-engagements");
    let pager =
        parts::pager_by(lang, &label, &path, query, PAGE_PARAM, next.as_deref(), found.total, "engagements-found");
    let listed = found.rows;
    let steps = [
        EngagementStatus::Agreed,
        EngagementStatus::Declined,
        EngagementStatus::InProgress,
        EngagementStatus::Completed,
        EngagementStatus::Cancelled,
    ];
    Ok(html! {
        h2 { (lang.t("my-engagements")) }
        @if listed.is_empty() {
            p { (lang.t("my-no-engagements")) }
        }
        @for e in &listed {
            section.record aria-labelledby={ "e-" (e.id) } {
                h3 #{ "e-" (e.id) } {
                    a href={ "/" (lang.code()) "/requests/" (e.request_id) } dir="auto" {
                        (e.request_title)
                    }
                    " ↔ "
                    a href={ "/" (lang.code()) "/offers/" (e.offer_id) } dir="auto" {
                        (e.offer_title)
                    }
                }
                p {
                    strong { (lang.term("engagement-status", e.status.as_str())) }
                    " · " (lang.t(if e.initiated_by == side { "interest-by-you" } else { "interest-by-them" }))
                }
                @if let Some(outcome) = &e.outcome { p dir="auto" { (outcome) } }
                @let possible: Vec<EngagementStatus> = steps.iter().copied().filter(|s| e.status.may_become(*s, side, e.initiated_by).is_ok()).collect();
                @if !possible.is_empty() {
                    form.inline-form method="post" action={ "/" (lang.code()) "/my/engagements/" (e.id) } {
                        input type="hidden" name="csrf" value=(viewer.csrf());
                        div.field {
                            label for={ "to-" (e.id) } { (lang.t("engagement-step")) }
                            select #{ "to-" (e.id) } name="to" {
                                @for s in &possible { option value=(s.as_str()) { (lang.term("engagement-to", s.as_str())) } }
                            }
                        }
                        div.field {
                            label for={ "outcome-" (e.id) } { (lang.t("engagement-outcome")) }
                            input #{ "outcome-" (e.id) } type="text" name="outcome" dir="auto";
                        }
                        button type="submit" { (lang.t("engagement-record")) }
                    }
                }
            }
        }
        (pager)
    })
}
