//! Filing a request, for a State focal point: pick the UPR recommendations the State received,
//! describe the help wanted, see the themes the model suggests for the text before saving
//! ("Suggest themes" sends the form back with them, keeping everything typed), and save. A
//! problem shows beside its field, in the page's language where the page can say it.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use maud::{html, Markup};

use super::layout::{self, Section};
use super::{form_of, parts, public_page, InPage, Lang, PageError, Viewer};
use crate::api::AppState;
use crate::db::page::PageRequest;
use crate::db::recommendations::RecommendationFilter;
use crate::domain::access::Role;
use crate::domain::vocab::{Modality, Priority, RequestStatus};
use crate::error::{AppError, FieldError, Said};
use crate::service::recommendations::{self, Recommendation};
use crate::service::requests::{self, NewRequest};
use crate::service::sessions::Session;
use crate::service::write::Written;
use crate::suggest::{Suggester, ThemeSuggestion};

/// How many of the State's recommendations the form offers at once (a search narrows them).
const RECOMMENDATIONS_SHOWN: i64 = 50;

/// What was typed, as typed: the form shows it again after a problem or a suggestion.
#[derive(Debug, Default)]
struct Typed {
    pairs: Vec<(String, String)>,
}

impl Typed {
    fn one(&self, name: &str) -> &str {
        self.pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    fn has(&self, name: &str, value: &str) -> bool {
        self.pairs.iter().any(|(k, v)| k == name && v == value)
    }
}

/// `/{lang}/my/requests/new` (`?q=` narrows the recommendations offered).
pub async fn page(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let query: Vec<(String, String)> = form_of(req.query_string().as_bytes()).in_page(lang)?;
    let typed = Typed { pairs: query };
    let markup = form(lang, &viewer, &state, &typed, &[], None).await?;
    Ok(public_page(&req, lang, &viewer, markup))
}

/// `POST /{lang}/my/requests/new`: finds recommendations (`action=search`), suggests themes
/// (`action=suggest`), both keeping what was typed, or files the request.
pub async fn submit(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let typed = Typed { pairs: form_of(&body).in_page(lang)? };
    let session = viewer.check_form(lang, typed.one("csrf"))?;
    let own_state = filing_state(lang, session)?;
    if typed.one("action") == "search" {
        let markup = form(lang, &viewer, &state, &typed, &[], None).await?;
        return Ok(public_page(&req, lang, &viewer, markup));
    }
    if typed.one("action") == "suggest" {
        let text = format!("{}\n{}", typed.one("title"), typed.one("description"));
        let suggested = web::block(move || Suggester::shipped().suggest(&text, false))
            .await
            .map_err(AppError::internal)
            .in_page(lang)?;
        let markup = form(lang, &viewer, &state, &typed, &[], Some(&suggested)).await?;
        return Ok(public_page(&req, lang, &viewer, markup));
    }
    let (new, mut problems) = read(lang, own_state, &typed);
    if problems.is_empty() {
        match requests::create(&state.services, &viewer.caller, None, new).await {
            Ok(Written::Done(created)) => {
                return Ok(HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, format!("/{}/my#r-{}", lang.code(), created.id)))
                    .finish())
            }
            Ok(Written::Replayed { .. }) => return Err(AppError::internal("a replay without a key")).in_page(lang),
            Err(AppError::Validation(errors)) | Err(AppError::BadRequest { errors, .. }) if !errors.is_empty() => {
                problems = errors
            }
            Err(other) => return Err(other).in_page(lang),
        }
    }
    let markup = form(lang, &viewer, &state, &typed, &problems, None).await?;
    let mut res = public_page(&req, lang, &viewer, markup);
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// The new request from the form, and the problems of what could not be read (dates and
/// amounts: the service checks the rest).
fn read(lang: Lang, state: String, typed: &Typed) -> (NewRequest, Vec<FieldError>) {
    let mut problems = Vec::new();
    let mut date = |field: &str| {
        let text = typed.one(field).trim();
        (!text.is_empty())
            .then(|| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| problems.push(FieldError::new(field, lang.t("form-date-invalid"))))
                    .ok()
            })
            .flatten()
    };
    let (starts_on, ends_on) = (date("starts_on"), date("ends_on"));
    let mut dollars = |field: &str| {
        let text = typed.one(field).trim();
        (!text.is_empty())
            .then(|| {
                text.parse::<i64>()
                    .map_err(|_| problems.push(FieldError::new(field, lang.t("form-dollars-invalid"))))
                    .ok()
            })
            .flatten()
    };
    let (budget_min_usd, budget_max_usd) = (dollars("budget_min_usd"), dollars("budget_max_usd"));
    let new = NewRequest {
        state,
        title: typed.one("title").to_string(),
        description: typed.one("description").to_string(),
        recommendation_ids: typed.all("recommendation_ids").into_iter().map(str::to_string).collect(),
        themes: typed.all("themes").into_iter().map(str::to_string).collect(),
        suggest_themes: typed.one("suggest_themes") == "on",
        modalities: typed.all("modalities").into_iter().filter_map(Modality::parse).collect(),
        languages: typed
            .one("languages")
            .split([',', ' ', ';'])
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        starts_on,
        ends_on,
        budget_min_usd,
        budget_max_usd,
        priority: Priority::parse(typed.one("priority")),
        status: RequestStatus::parse(typed.one("status")),
    };
    (new, problems)
}

/// The form, filled with what was typed, with `problems` beside their fields and `suggested`
/// themes (ticked) when asked for.
async fn form(
    lang: Lang,
    viewer: &Viewer,
    state: &AppState,
    typed: &Typed,
    problems: &[FieldError],
    suggested: Option<&[ThemeSuggestion]>,
) -> Result<Markup, PageError> {
    let session = viewer.signed_in(lang)?;
    let own_state = filing_state(lang, session)?;
    let services = &state.services;
    let catalog = services.catalog;
    let filter = RecommendationFilter {
        states_under_review: Some(vec![own_state.clone()]),
        words: crate::api::http::search_words("q", Some(typed.one("q"))).in_page(lang)?,
        ..Default::default()
    };
    let offered = recommendations::list(services, filter, PageRequest { limit: RECOMMENDATIONS_SHOWN, after: None })
        .await
        .in_page(lang)?;
    let chosen_ids = typed.all("recommendation_ids");
    let mut shown: Vec<Recommendation> =
        offered.rows.iter().map(recommendations::view).collect::<Result<_, _>>().in_page(lang)?;
    // Recommendations ticked before a narrower search stay on the form.
    let missing: Vec<String> =
        chosen_ids.iter().filter(|id| !shown.iter().any(|r| r.id == **id)).map(|id| id.to_string()).collect();
    shown.extend(recommendations::many(services, missing).await.in_page(lang)?);
    let problem = |field: &str| -> Option<String> {
        let found: Vec<String> = problems
            .iter()
            .filter(|p| p.field == field || p.field.starts_with(&format!("{field}[")))
            .map(|p| p.message_in(lang))
            .collect();
        (!found.is_empty()).then(|| found.join(" "))
    };
    let ticked_theme =
        |slug: &str| typed.has("themes", slug) || suggested.is_some_and(|s| s.iter().any(|t| t.theme == slug));
    let content = html! {
        p { (lang.t_with("new-request-intro", &[("state", catalog.state_name(&own_state, lang.code()).into())])) }
        @if !problems.is_empty() {
            div.problems role="alert" {
                p { strong { (lang.t("form-has-problems")) } }
                ul {
                    @for p in problems {
                        li { a href={ "#" (field_id(&p.field)) } { (field_label(lang, &p.field)) } ": " bdi { (p.message_in(lang)) } }
                    }
                }
            }
        }
        form.stacked method="post" action={ "/" (lang.code()) "/my/requests/new" } novalidate {
            input type="hidden" name="csrf" value=(viewer.csrf());
            fieldset {
                legend { (lang.t("linked-recommendations")) }
                // A search within the form: what was typed and ticked stays.
                div.search role="search" {
                    (parts::search_field(lang, Some(typed.one("q")).filter(|q| !q.is_empty())))
                    button type="submit" name="action" value="search" formnovalidate { (lang.t("new-request-find-recommendations")) }
                }
                @if let Some(p) = problem("recommendation_ids") { p.problem #recommendation_ids { (p) } }
                @if shown.is_empty() {
                    p { (lang.t("new-request-no-recommendations")) }
                }
                @for r in &shown {
                    div.choice {
                        input type="checkbox" name="recommendation_ids" value=(r.id) id={ "rec-" (r.id) }
                            checked[chosen_ids.contains(&r.id.as_str())];
                        label for={ "rec-" (r.id) } {
                            span dir="auto" { (r.text) }
                            " "
                            span.muted { "(" (lang.t_with("session-number", &[("session", r.session.into())])) (lang.t("list-separator")) (lang.term("response", r.response.as_str())) ")" }
                        }
                    }
                }
            }
            (text_field("title", &lang.t("field-title"), typed.one("title"), problem("title"), true))
            div.field.wide {
                label for="description" { (lang.t("description")) }
                @if let Some(p) = problem("description") { p.problem #description-problem { (p) } }
                textarea #description name="description" rows="5" dir="auto" { (typed.one("description")) }
            }
            fieldset {
                legend { (lang.t("col-themes")) }
                @if let Some(p) = problem("themes") { p.problem #themes { (p) } }
                @if let Some(suggested) = suggested {
                    p role="status" {
                        @if suggested.is_empty() { (lang.t("themes-none-suggested")) }
                        @else { (lang.t("themes-suggested-ticked")) }
                    }
                }
                button type="submit" name="action" value="suggest" formnovalidate { (lang.t("themes-suggest")) }
                div.choice {
                    input #suggest_themes type="checkbox" name="suggest_themes" checked[typed.one("suggest_themes") == "on"];
                    label for="suggest_themes" { (lang.t("themes-suggest-on-save")) }
                }
                @for group in &catalog.groups {
                    details open[catalog.themes.iter().any(|t| t.group == group.slug && ticked_theme(&t.slug))] {
                        summary { (lang.t(&format!("group-{}", group.slug))) }
                        @for theme in catalog.themes.iter().filter(|t| t.group == group.slug) {
                            div.choice {
                                input type="checkbox" name="themes" value=(theme.slug) id={ "theme-" (theme.slug) }
                                    checked[ticked_theme(&theme.slug)];
                                label for={ "theme-" (theme.slug) } { (theme.label_in(lang.code())) }
                                @if let Some(s) = suggested.and_then(|s| s.iter().find(|t| t.theme == theme.slug)) {
                                    " " span.muted { (lang.t_with("suggested-confidence", &[("value", parts::percent(lang, f64::from(s.confidence)).into())])) }
                                }
                            }
                        }
                    }
                }
            }
            fieldset {
                legend { (lang.t("col-modalities")) }
                @for m in Modality::ALL {
                    div.choice {
                        input type="checkbox" name="modalities" value=(m.as_str()) id={ "modality-" (m.as_str()) }
                            checked[typed.has("modalities", m.as_str())];
                        label for={ "modality-" (m.as_str()) } { (lang.term("modality", m.as_str())) }
                    }
                }
            }
            (text_field("languages", &lang.t("field-languages"), typed.one("languages"), problem("languages"), false))
            (date_field("starts_on", &lang.t("field-starts-on"), typed.one("starts_on"), problem("starts_on")))
            (date_field("ends_on", &lang.t("field-ends-on"), typed.one("ends_on"), problem("ends_on")))
            (text_field("budget_min_usd", &lang.t("field-budget-min"), typed.one("budget_min_usd"), problem("budget_min_usd"), false))
            (text_field("budget_max_usd", &lang.t("field-budget-max"), typed.one("budget_max_usd"), problem("budget_max_usd"), false))
            div.field {
                label for="priority" { (lang.t("col-priority")) }
                select #priority name="priority" {
                    @for p in Priority::ALL {
                        option value=(p.as_str()) selected[typed.one("priority") == p.as_str() || (typed.one("priority").is_empty() && *p == Priority::Medium)] {
                            (lang.term("priority", p.as_str()))
                        }
                    }
                }
            }
            div.field {
                label for="status" { (lang.t("field-save-as")) }
                select #status name="status" {
                    option value="open" selected[typed.one("status") != "draft"] { (lang.t("save-open")) }
                    option value="draft" selected[typed.one("status") == "draft"] { (lang.t("save-draft")) }
                }
            }
            button type="submit" name="action" value="save" { (lang.t("new-request-save")) }
        }
    };
    Ok(layout::page(lang, viewer, Some(Section::My), "/my/requests/new", &lang.t("new-request-title"), content))
}

/// The State a session files requests for: a State focal point's own.
fn filing_state(lang: Lang, session: &Session) -> Result<String, PageError> {
    let identity = &session.identity;
    identity
        .state
        .clone()
        .filter(|_| identity.role == Role::State)
        .ok_or_else(|| AppError::Forbidden(Said::of("forbidden-state-files-requests")))
        .in_page(lang)
}

/// The id of a field's element, for the links from the list of problems.
fn field_id(field: &str) -> &str {
    field.split('[').next().unwrap_or(field)
}

/// A field's name as the form labels it.
fn field_label(lang: Lang, field: &str) -> String {
    match field_id(field) {
        "title" => lang.t("field-title"),
        "description" => lang.t("description"),
        "themes" => lang.t("col-themes"),
        "recommendation_ids" => lang.t("linked-recommendations"),
        "modalities" => lang.t("col-modalities"),
        "languages" => lang.t("field-languages"),
        "starts_on" => lang.t("field-starts-on"),
        "ends_on" => lang.t("field-ends-on"),
        "budget_min_usd" => lang.t("field-budget-min"),
        "budget_max_usd" => lang.t("field-budget-max"),
        "priority" => lang.t("col-priority"),
        _ => field.to_string(),
    }
}

fn text_field(name: &str, label: &str, value: &str, problem: Option<String>, required: bool) -> Markup {
    html! {
        div.field.wide {
            label for=(name) { (label) }
            @if let Some(p) = &problem { p.problem #{ (name) "-problem" } { (p) } }
            input #(name) type="text" name=(name) value=(value) dir="auto" required[required]
                aria-invalid=[problem.as_ref().map(|_| "true")]
                aria-describedby=[problem.as_ref().map(|_| format!("{name}-problem"))];
        }
    }
}

fn date_field(name: &str, label: &str, value: &str, problem: Option<String>) -> Markup {
    html! {
        div.field {
            label for=(name) { (label) }
            @if let Some(p) = &problem { p.problem #{ (name) "-problem" } { (p) } }
            input #(name) type="date" name=(name) value=(value)
                aria-invalid=[problem.as_ref().map(|_| "true")]
                aria-describedby=[problem.as_ref().map(|_| format!("{name}-problem"))];
        }
    }
}
