//! The signed-in reader's own page: a State focal point's requests (pending and drafts too)
//! with their consent, recorded from here; a provider's offers; an administrator's way to the
//! rest. Every action is the same service call the API makes, as the session's key.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use super::{form_of, parts, public_page, InPage, Lang, PageError, Viewer};
use crate::api::http::page_request;
use crate::api::AppState;
use crate::db::offers::OfferFilter;
use crate::db::requests::RequestFilter;
use crate::domain::access::Role;
use crate::domain::ids;
use crate::domain::vocab::ConsentStatus;
use crate::domain::vocab::OfferStatus;
use crate::error::{AppError, Said};
use crate::service::offers::{self, Offer, OfferChanges};
use crate::service::requests::{self, AssistanceRequest, ConsentDecision};
use crate::service::sessions::Session;
use crate::service::update::IfMatch;

/// Which page of their own records the reader is on (50 a page, oldest first, as the lists).
struct Listing<'a> {
    cursor: Option<String>,
    query: &'a str,
}

/// A problem to show next to one record's form, in the reader's language, with what was
/// entered in it.
struct Problem {
    id: String,
    message: String,
    status: String,
    note: String,
}

/// `/{lang}/my`: to sign in first when nobody is.
pub async fn page(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let Some(session) = &viewer.session else {
        return Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/{}/sign-in", lang.code())))
            .finish());
    };
    let cursor = parts::cursor_in(req.query_string()).in_page(lang)?;
    let content = content(lang, &viewer, session, &state, Listing { cursor, query: req.query_string() }, None).await?;
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::My), "/my", &lang.t("my-title"), content),
    ))
}

async fn content(
    lang: Lang,
    viewer: &Viewer,
    session: &Session,
    state: &AppState,
    listing: Listing<'_>,
    problem: Option<Problem>,
) -> Result<Markup, PageError> {
    let identity = &session.identity;
    let services = &state.services;
    let catalog = services.catalog;
    let whom = match (&identity.state, &identity.organization_id) {
        (Some(s), _) => catalog.state_name(s, lang.code()).to_string(),
        (None, Some(org)) => {
            let names = crate::service::organizations::names(services, vec![org.clone()]).await.in_page(lang)?;
            names.get(org).cloned().unwrap_or_else(|| org.clone())
        }
        (None, None) => lang.t("role-admin"),
    };
    let body = match identity.role {
        Role::State => {
            let filter = RequestFilter { states: identity.state.clone().map(|s| vec![s]), ..Default::default() };
            let page = page_request(None, listing.cursor.as_deref(), ids::REQUEST).in_page(lang)?;
            let found = requests::list(services, &viewer.caller, filter, page).await.in_page(lang)?;
            let rows: Vec<AssistanceRequest> =
                found.rows.iter().map(requests::view).collect::<Result<_, _>>().in_page(lang)?;
            let next = found.next_after.as_deref().map(ids::encode_cursor);
            let pager = parts::pager(
                lang,
                &format!("/{}/my", lang.code()),
                listing.query,
                next.as_deref(),
                found.total,
                "requests-found",
            );
            html! { (own_requests(lang, viewer, &rows, listing.cursor.as_deref(), problem.as_ref())) (pager) }
        }
        Role::Provider => {
            let filter = OfferFilter { provider: identity.provider_id().map(str::to_string), ..Default::default() };
            let page = page_request(None, listing.cursor.as_deref(), ids::OFFER).in_page(lang)?;
            let found = offers::list(services, &viewer.caller, filter, page).await.in_page(lang)?;
            let rows: Vec<Offer> = found.rows;
            let next = found.next_after.as_deref().map(ids::encode_cursor);
            let pager = parts::pager(
                lang,
                &format!("/{}/my", lang.code()),
                listing.query,
                next.as_deref(),
                found.total,
                "offers-found",
            );
            html! { (own_offers(lang, viewer, &rows)) (pager) }
        }
        Role::Admin => html! {
            p { (lang.t("my-admin")) }
            ul {
                li { a href={ "/" (lang.code()) "/admin/keys" } { (lang.t("keys-title")) } }
                li { a href={ "/" (lang.code()) "/admin/audit" } { (lang.t("audit-title")) } }
                li { a href={ "/" (lang.code()) "/admin/import" } { (lang.t("import-title")) } }
                li { a href={ "/" (lang.code()) "/requests" } { (lang.t("nav-requests")) } }
                li { a href={ "/" (lang.code()) "/offers" } { (lang.t("nav-offers")) } }
                li { a href="/swagger-ui/" { (lang.t("footer-api")) } }
            }
        },
    };
    let engagements = super::engagements::section(lang, viewer, services, listing.query).await.in_page(lang)?;
    Ok(html! {
        p.lead { (lang.t_with("my-acting-for", &[("name", whom.as_str().into()), ("role", lang.term("role", identity.role.as_str()).into())])) }
        (body)
        (engagements)
    })
}

fn own_requests(
    lang: Lang,
    viewer: &Viewer,
    rows: &[AssistanceRequest],
    cursor: Option<&str>,
    problem: Option<&Problem>,
) -> Markup {
    let decisions = [ConsentStatus::Granted, ConsentStatus::Refused, ConsentStatus::Withdrawn];
    html! {
        h2 { (lang.t("my-requests")) }
        p { (lang.t("my-requests-intro")) }
        p {
            a.action href={ "/" (lang.code()) "/my/requests/new" } { (lang.t("new-request-title")) }
            " · "
            a href={ "/" (lang.code()) "/admin/audit" } { (lang.t("audit-title")) }
        }
        @if rows.is_empty() {
            p { (lang.t("my-no-requests")) }
        }
        @for r in rows {
            section.record aria-labelledby={ "r-" (r.id) } {
                h3 #{ "r-" (r.id) } dir="auto" { a href={ "/" (lang.code()) "/requests/" (r.id) } { (r.title) } }
                p {
                    (lang.t("label-status")) " " (lang.term("request-status", r.status.as_str()))
                    " · " (lang.t("col-consent")) " " strong { (lang.term("consent", r.consent.status.as_str())) }
                }
                form.inline-form method="post" action={ "/" (lang.code()) "/my/requests/" (r.id) "/consent" } {
                    input type="hidden" name="csrf" value=(viewer.csrf());
                    @if let Some(cursor) = cursor {
                        input type="hidden" name="cursor" value=(cursor);
                    }
                    @let field = format!("status-{}", r.id);
                    @let here = problem.filter(|p| p.id == r.id);
                    div.field {
                        label for=(field) { (lang.t("consent-decision")) }
                        select #(field) name="status" required aria-invalid=[here.map(|_| "true")]
                            aria-describedby=[here.map(|_| format!("problem-{}", r.id))] {
                            option value="" { (lang.t("consent-choose")) }
                            @for d in decisions {
                                option value=(d.as_str()) selected[here.is_some_and(|p| p.status == d.as_str())] {
                                    (lang.term("consent", d.as_str()))
                                }
                            }
                        }
                    }
                    div.field {
                        label for={ "note-" (r.id) } { (lang.t("consent-note")) }
                        input #{ "note-" (r.id) } type="text" name="note" maxlength="2000"
                            value=[here.map(|p| p.note.as_str())];
                    }
                    button type="submit" { (lang.t("consent-record")) }
                    @if let Some(p) = here {
                        p.problem #{ "problem-" (r.id) } role="alert" { (p.message) }
                    }
                }
            }
        }
    }
}

fn own_offers(lang: Lang, viewer: &Viewer, rows: &[Offer]) -> Markup {
    html! {
        h2 { (lang.t("my-offers")) }
        p { a.action href={ "/" (lang.code()) "/my/offers/upload" } { (lang.t("upload-title")) } }
        @if rows.is_empty() {
            p { (lang.t("my-no-offers")) }
        }
        @for o in rows {
            section.record aria-labelledby={ "o-" (o.id) } {
                h3 #{ "o-" (o.id) } dir="auto" { a href={ "/" (lang.code()) "/offers/" (o.id) } { (o.title) } }
                p { (lang.t("label-status")) " " strong { (lang.term("offer-status", o.status.as_str())) } }
                @let next: Vec<OfferStatus> = OfferStatus::ALL.iter().copied().filter(|s| *s != o.status && *s != OfferStatus::Draft).collect();
                @if !o.status.is_final() {
                    form.inline-form method="post" action={ "/" (lang.code()) "/my/offers/" (o.id) "/status" } {
                        input type="hidden" name="csrf" value=(viewer.csrf());
                        input type="hidden" name="version" value=(o.version);
                        (parts::choice(&format!("status-{}", o.id), &lang.t("offer-new-status"), &lang.t("consent-choose"), None,
                            &parts::term_options(lang, "offer-status", next.iter().map(|s| s.as_str()))))
                        button type="submit" { (lang.t("engagement-record")) }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct OfferStatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    status: std::collections::HashMap<String, String>,
}

/// `POST /{lang}/my/offers/{id}/status`: opens, closes or withdraws an offer, through the
/// update pipeline with the version the page showed (a change made meanwhile is a 409 page).
pub async fn change_offer_status(
    lang: Lang,
    viewer: Viewer,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let (_, id) = path.into_inner();
    let form: OfferStatusForm = form_of(&body).in_page(lang)?;
    viewer.check_form(lang, &form.csrf)?;
    let chosen = form.status.get(&format!("status-{id}")).map(String::as_str).unwrap_or("");
    let status = OfferStatus::parse(chosen)
        .ok_or_else(|| AppError::invalid("status", Said::of("field-choose-status")))
        .in_page(lang)?;
    let changes = OfferChanges { status: Some(status), ..Default::default() };
    offers::update(&state.services, &viewer.caller, id.clone(), IfMatch(vec![form.version]), changes.into())
        .await
        .map_err(|e| match e {
            AppError::PreconditionFailed(why) => AppError::Conflict(why),
            other => other,
        })
        .in_page(lang)?;
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, format!("/{}/my#o-{id}", lang.code()))).finish())
}

#[derive(Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
    /// The page of the list the form was on.
    #[serde(default)]
    cursor: Option<String>,
}

/// `POST /{lang}/my/requests/{id}/consent`: the State's decision, then its page again (with
/// the problem beside the request's form if the decision could not be recorded).
pub async fn record_consent(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let (_, id) = path.into_inner();
    let form: ConsentForm = form_of(&body).in_page(lang)?;
    let session = viewer.check_form(lang, &form.csrf)?;
    // Back to the page of the list the form was on (a cursor is hex).
    let cursor = form.cursor.filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_hexdigit()));
    let query = cursor.as_ref().map_or(String::new(), |c| format!("cursor={c}"));
    let outcome = match ConsentStatus::parse(&form.status) {
        Some(status) => requests::record_consent(
            &state.services,
            &viewer.caller,
            id.clone(),
            ConsentDecision { status, note: form.note.clone() },
        )
        .await
        .map(|_| ()),
        None => Err(AppError::invalid("status", Said::of("field-unknown-decision"))),
    };
    let (status, message) = match outcome {
        Ok(()) => {
            let on_page = if query.is_empty() { String::new() } else { format!("?{query}") };
            return Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("/{}/my{on_page}#r-{id}", lang.code())))
                .finish());
        }
        Err(AppError::Conflict(_)) => (StatusCode::CONFLICT, lang.t("consent-already")),
        Err(AppError::Validation(_)) => (StatusCode::UNPROCESSABLE_ENTITY, lang.t("consent-invalid")),
        Err(other) => return Err(other).in_page(lang),
    };
    let listing = Listing { cursor, query: &query };
    let problem = Problem { id, message, status: form.status, note: form.note };
    let content = content(lang, &viewer, session, &state, listing, Some(problem)).await?;
    let page = layout::page(lang, &viewer, Some(Section::My), "/my", &lang.t("my-title"), content);
    let mut res = public_page(&req, lang, &viewer, page);
    *res.status_mut() = status;
    Ok(res)
}
