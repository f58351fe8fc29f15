//! The secretariat's pages, for administrators: keys (issue, see, revoke), the audit trail, and
//! the import of UPR recommendations (`import.rs`), each the same service call as the API's. (A
//! State focal point reads its own requests' audit trail here too.)

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, Section};
use super::{form_of, parts, public_page, InPage, Lang, PageError, Viewer};
use crate::api::http::page_request;
use crate::api::AppState;
use crate::db::audit::AuditFilter;
use crate::domain::access::Role;
use crate::domain::audit::Resource;
use crate::domain::ids;
use crate::error::{AppError, FieldError, Said};
use crate::service::keys::{self, ApiKey, IssuedKey, NewKey};
use crate::service::{audit, sessions::Session};

pub(super) fn admin_of(lang: Lang, viewer: &Viewer) -> Result<&Session, PageError> {
    let session = viewer.signed_in(lang)?;
    if session.identity.role != Role::Admin {
        return Err(AppError::Forbidden(Said::of("forbidden-admin-only"))).in_page(lang);
    }
    Ok(session)
}

/// What the keys page reports after an action.
enum KeysOutcome {
    Listing,
    Issued(Box<IssuedKey>),
    /// The problems, and the form as it was filled in, to fill in again.
    Problems(Vec<FieldError>, KeyForm),
}

/// `/{lang}/admin/keys`
pub async fn keys_page(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    admin_of(lang, &viewer)?;
    let content = keys_content(lang, &viewer, &state, &req, KeysOutcome::Listing).await?;
    Ok(public_page(&req, lang, &viewer, content))
}

#[derive(Deserialize, Clone, Default)]
pub struct KeyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    organization_id: String,
    #[serde(default)]
    label: String,
}

/// `POST /{lang}/admin/keys`: issues a key and shows its secret, once.
pub async fn issue_key(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: KeyForm = form_of(&body).in_page(lang)?;
    viewer.check_form(lang, &form.csrf)?;
    admin_of(lang, &viewer)?;
    let filled = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
    let outcome = match Role::parse(&form.role) {
        None => KeysOutcome::Problems(vec![FieldError::new("role", lang.t("key-role-missing"))], form),
        Some(role) => {
            let new = NewKey {
                role,
                state: filled(&form.state),
                organization_id: filled(&form.organization_id),
                label: form.label.clone(),
            };
            match keys::create(&state.services, &viewer.caller, new).await {
                Ok(issued) => KeysOutcome::Issued(Box::new(issued)),
                Err(AppError::Validation(problems)) => KeysOutcome::Problems(problems, form),
                Err(other) => return Err(other).in_page(lang),
            }
        }
    };
    let status =
        if matches!(outcome, KeysOutcome::Issued(_)) { StatusCode::CREATED } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut res = public_page(&req, lang, &viewer, keys_content(lang, &viewer, &state, &req, outcome).await?);
    *res.status_mut() = status;
    // The secret is shown once: no cache may keep it.
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

#[derive(Deserialize)]
pub struct TokenOnly {
    #[serde(default)]
    csrf: String,
}

/// `POST /{lang}/admin/keys/{id}/revoke`
pub async fn revoke_key(
    lang: Lang,
    viewer: Viewer,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: TokenOnly = form_of(&body).in_page(lang)?;
    viewer.check_form(lang, &form.csrf)?;
    keys::revoke(&state.services, &viewer.caller, path.into_inner().1).await.in_page(lang)?;
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, format!("/{}/admin/keys", lang.code()))).finish())
}

async fn keys_content(
    lang: Lang,
    viewer: &Viewer,
    state: &AppState,
    req: &HttpRequest,
    outcome: KeysOutcome,
) -> Result<Markup, PageError> {
    let cursor = parts::cursor_in(req.query_string()).in_page(lang)?;
    let page = page_request(None, cursor.as_deref(), ids::API_KEY).in_page(lang)?;
    let found = keys::list(&state.services, &viewer.caller, true, page).await.in_page(lang)?;
    let rows: Vec<ApiKey> = found.rows.into_iter().map(keys::view).collect::<Result<_, _>>().in_page(lang)?;
    let next = found.next_after.as_deref().map(ids::encode_cursor);
    let catalog = state.services.catalog;
    let roles = parts::term_options(lang, "role", Role::ALL.iter().map(|r| r.as_str()));
    // A refused form is shown again as it was filled in.
    let entered = match &outcome {
        KeysOutcome::Problems(_, form) => form.clone(),
        _ => KeyForm::default(),
    };
    let chosen = |v: &str| (!v.is_empty()).then(|| v.to_string());
    let content = html! {
        @match &outcome {
            KeysOutcome::Issued(issued) => {
                div.notice role="status" {
                    p { strong { (lang.t("key-issued")) } }
                    p dir="ltr" { code #secret { (issued.secret) } }
                }
            }
            KeysOutcome::Problems(problems, _) => {
                div.problems role="alert" {
                    ul { @for p in problems { li { code { (p.field) } ": " bdi { (p.message_in(lang)) } } } }
                }
            }
            KeysOutcome::Listing => {}
        }
        h2 { (lang.t("key-new")) }
        form.inline-form method="post" action={ "/" (lang.code()) "/admin/keys" } {
            input type="hidden" name="csrf" value=(viewer.csrf());
            (parts::choice("role", &lang.t("key-role"), &lang.t("consent-choose"), chosen(&entered.role).as_deref(), &roles))
            (parts::choice("state", &lang.t("filter-state"), &lang.t("key-no-state"), chosen(&entered.state).as_deref(), &parts::state_options(lang, catalog)))
            div.field {
                label for="organization_id" { (lang.t("key-organization")) }
                input #organization_id type="text" name="organization_id" value=(entered.organization_id);
            }
            div.field {
                label for="label" { (lang.t("key-label")) }
                input #label type="text" name="label" dir="auto" value=(entered.label);
            }
            button type="submit" { (lang.t("key-issue")) }
        }
        h2 { (lang.t("key-list")) }
        (parts::pager(lang, &format!("/{}/admin/keys", lang.code()), req.query_string(), next.as_deref(), found.total, "keys-found"))
        (parts::scrolling(&lang.t("key-list"), html! {
            table {
                thead {
                    tr {
                        th scope="col" { (lang.t("key-label")) }
                        th scope="col" { (lang.t("key-role")) }
                        th scope="col" { (lang.t("key-acts-for")) }
                        th scope="col" { (lang.t("key-prefix")) }
                        th scope="col" { (lang.t("key-last-used")) }
                        th scope="col" { (lang.t("col-status")) }
                    }
                }
                tbody {
                    @for k in &rows {
                        tr {
                            td dir="auto" { (k.label) }
                            td { (lang.term("role", k.role.as_str())) }
                            td { (k.state.as_deref().map(|s| catalog.state_name(s, lang.code())).or(k.organization_id.as_deref()).unwrap_or("")) }
                            td { code { (k.prefix) } }
                            td { (k.last_used_at.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()) }
                            td {
                                @if k.revoked_at.is_some() {
                                    (lang.t("key-revoked"))
                                } @else {
                                    form.inline method="post" action={ "/" (lang.code()) "/admin/keys/" (k.id) "/revoke" } {
                                        input type="hidden" name="csrf" value=(viewer.csrf());
                                        button type="submit" aria-label=(lang.t_with("key-revoke-named", &[("name", k.label.as_str().into())])) { (lang.t("key-revoke")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }))
    };
    Ok(layout::page(lang, viewer, Some(Section::My), "/admin/keys", &lang.t("keys-title"), content))
}

/// `/{lang}/admin/audit`: the audit trail, newest last, as the API lists it (a State's key
/// reads the events of its own requests).
pub async fn audit_page(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    viewer.signed_in(lang)?;
    let pairs: Vec<(String, String)> = form_of(req.query_string().as_bytes()).in_page(lang)?;
    let given = |name: &str| pairs.iter().find(|(k, v)| k == name && !v.is_empty()).map(|(_, v)| v.clone());
    let resource = given("resource");
    let filter = AuditFilter {
        resource: resource
            .as_deref()
            .map(|r| {
                Resource::parse(r).ok_or_else(|| AppError::bad_param("resource", Said::of("field-unknown-resource")))
            })
            .transpose()
            .in_page(lang)?,
        resource_id: given("resource_id"),
        ..Default::default()
    };
    let page = page_request(None, given("cursor").as_deref(), ids::AUDIT_EVENT).in_page(lang)?;
    let found = audit::list(&state.services, &viewer.caller, filter, page).await.in_page(lang)?;
    let events: Vec<audit::AuditEvent> =
        found.rows.into_iter().map(audit::view).collect::<Result<_, _>>().in_page(lang)?;
    let next = found.next_after.as_deref().map(ids::encode_cursor);
    let resources = parts::term_options(lang, "resource", Resource::ALL.iter().map(|r| r.as_str()));
    let content = html! {
        p.lead { (lang.t("audit-intro")) }
        form.filters method="get" action={ "/" (lang.code()) "/admin/audit" } {
            (parts::select(lang, "resource", &lang.t("audit-resource"), resource.as_deref(), &resources))
            div.field {
                label for="resource_id" { (lang.t("audit-resource-id")) }
                input #resource_id type="text" name="resource_id" value=[given("resource_id")];
            }
            button type="submit" { (lang.t("filter-apply")) }
        }
        (parts::pager(lang, &format!("/{}/admin/audit", lang.code()), req.query_string(), next.as_deref(), found.total, "events-found"))
        (parts::scrolling(&lang.t("audit-title"), html! {
            table {
                thead {
                    tr {
                        th scope="col" { (lang.t("audit-when")) }
                        th scope="col" { (lang.t("audit-who")) }
                        th scope="col" { (lang.t("audit-what")) }
                        th scope="col" { (lang.t("audit-resource")) }
                        th scope="col" { (lang.t("audit-changes")) }
                    }
                }
                tbody {
                    @for e in &events {
                        tr {
                            td { time datetime=(e.at.to_rfc3339()) dir="ltr" { (e.at.format("%Y-%m-%d %H:%M:%S")) } }
                            td { (lang.term("role", &e.actor_role)) @if let Some(k) = &e.actor_key_id { br; code { (k) } } }
                            td { (lang.term("action", &e.action)) }
                            td { (lang.term("resource", &e.resource)) br; code { (e.resource_id) } }
                            td dir="ltr" { code.changes { (e.changes.to_string()) } }
                        }
                    }
                }
            }
        }))
    };
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::My), "/admin/audit", &lang.t("audit-title"), content),
    ))
}
