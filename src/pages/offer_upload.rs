//! A provider publishes many offers at once from a spreadsheet saved as CSV: the same columns,
//! checks and all-or-nothing write as `POST /offers/bulk` with `text/csv`. When anything is
//! wrong nothing is stored, and every problem is listed by its line and column.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::layout::{self, Section};
use super::{multipart, public_page, InPage, Lang, PageError, Viewer};
use crate::api::bulk::Form;
use crate::api::bulk_offers::{bulk_offers, CSV_COLUMNS};
use crate::api::AppState;
use crate::domain::access::Role;
use crate::error::{AppError, FieldError, Said};
use crate::service::offers::{create_many, BulkOffers};
use crate::service::write::Written;

/// `/{lang}/my/offers/upload`
pub async fn page(req: HttpRequest, lang: Lang, viewer: Viewer) -> Result<HttpResponse, PageError> {
    provider_of(lang, &viewer)?;
    Ok(public_page(&req, lang, &viewer, upload_page(lang, &viewer, Outcome::Asking)))
}

/// `/{lang}/my/offers/template.csv`: the header, and one example row for the provider.
pub async fn template(lang: Lang, viewer: Viewer) -> Result<HttpResponse, PageError> {
    let provider = provider_of(lang, &viewer)?;
    let header: Vec<&str> = CSV_COLUMNS.iter().map(|c| c.name).collect();
    let example: Vec<String> = CSV_COLUMNS
        .iter()
        .map(|c| match c.name {
            "provider" => provider.clone(),
            "title" => "Training of judges on the prevention of torture".to_string(),
            "themes" => "torture;detention".to_string(),
            "modalities" => "training;expert_advice".to_string(),
            "languages" => "en;fr".to_string(),
            "regions" => "002".to_string(),
            "starts_on" => "2027-01-01".to_string(),
            "ends_on" => "2027-12-31".to_string(),
            "capacity" => "2".to_string(),
            _ => String::new(),
        })
        .collect();
    let body = format!("\u{feff}{}\n{}\n", header.join(","), example.join(","));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "attachment; filename=\"tcmatch-offers-template.csv\""))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body))
}

/// `POST /{lang}/my/offers/upload`
pub async fn upload(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
    mut payload: web::Payload,
) -> Result<HttpResponse, PageError> {
    provider_of(lang, &viewer)?;
    let file = multipart::posted_file(&req, &mut payload, state.limits.import_body_bytes, lang, &viewer).await?;
    let outcome = if file.iter().all(u8::is_ascii_whitespace) {
        Outcome::Problems(vec![FieldError::new("file", lang.t("upload-no-file"))])
    } else {
        let decoded =
            web::block(move || bulk_offers(&file, Form::Csv)).await.map_err(AppError::internal).in_page(lang)?;
        let stored = match decoded {
            Ok(offers) => {
                create_many(&state.services, &viewer.caller, None, offers.items, offers.problems, &Default::default())
                    .await
            }
            Err(e) => Err(e),
        };
        match stored {
            Ok(Written::Done(stored)) => Outcome::Stored(stored),
            Ok(Written::Replayed { .. }) => return Err(AppError::internal("a replay without a key")).in_page(lang),
            Err(AppError::Validation(problems)) | Err(AppError::BadRequest { errors: problems, .. })
                if !problems.is_empty() =>
            {
                Outcome::Problems(problems)
            }
            Err(AppError::Forbidden(why)) => Outcome::Problems(vec![FieldError::said("file", why)]),
            Err(other) => return Err(other).in_page(lang),
        }
    };
    let status = match outcome {
        Outcome::Stored(_) => StatusCode::CREATED,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let mut res = public_page(&req, lang, &viewer, upload_page(lang, &viewer, outcome));
    *res.status_mut() = status;
    Ok(res)
}

/// What the page reports.
enum Outcome {
    Asking,
    Stored(BulkOffers),
    Problems(Vec<FieldError>),
}

/// The provider a session publishes offers for.
fn provider_of(lang: Lang, viewer: &Viewer) -> Result<String, PageError> {
    let session = viewer.signed_in(lang)?;
    let identity = &session.identity;
    identity
        .provider_id()
        .filter(|_| identity.role == Role::Provider)
        .map(str::to_string)
        .ok_or_else(|| AppError::Forbidden(Said::of("forbidden-provider-publishes")))
        .in_page(lang)
}

fn upload_page(lang: Lang, viewer: &Viewer, outcome: Outcome) -> Markup {
    let content = html! {
        @match &outcome {
            Outcome::Stored(stored) => {
                div.notice role="status" {
                    p { strong { (lang.t_with("upload-stored", &[("count", stored.created.into())])) } }
                    ul {
                        @for o in &stored.items {
                            li { a href={ "/" (lang.code()) "/offers/" (o.id) } dir="auto" { (o.title) } }
                        }
                    }
                }
            }
            Outcome::Problems(problems) => {
                div.problems role="alert" {
                    p { strong { (lang.t_with("upload-problems", &[("count", problems.len().into())])) } }
                    (problem_table(lang, problems))
                }
            }
            Outcome::Asking => {}
        }
        p { (lang.t("upload-intro")) }
        p { a.download href={ "/" (lang.code()) "/my/offers/template.csv" } download { (lang.t("upload-template")) } }
        p.muted { (lang.t("upload-columns")) }
        p dir="ltr" { code { (CSV_COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")) } }
        (multipart::csv_form(lang, viewer, "/my/offers/upload", &lang.t("upload-submit")))
    };
    layout::page(lang, viewer, Some(Section::My), "/my/offers/upload", &lang.t("upload-title"), content)
}

/// Problems by line (`line 5: themes[0]`), then column.
fn problem_table(lang: Lang, problems: &[FieldError]) -> Markup {
    let table = html! {
        table {
            thead {
                tr {
                    th.num scope="col" { (lang.t("col-line")) }
                    th scope="col" { (lang.t("col-column")) }
                    th scope="col" { (lang.t("col-problem")) }
                }
            }
            tbody {
                @for p in problems {
                    @let (line, column) = split_field(&p.field);
                    tr {
                        td.num { (line) }
                        td { code { (column) } }
                        td dir="auto" { (p.message_in(lang)) }
                    }
                }
            }
        }
    };
    super::parts::scrolling(&lang.t("col-problem"), table)
}

/// `line 5: themes[0]` as (`5`, `themes[0]`); other names whole, in the column.
fn split_field(field: &str) -> (&str, &str) {
    match field.strip_prefix("line ") {
        Some(rest) => rest.split_once(": ").unwrap_or((rest, "")),
        None => ("", field),
    }
}

#[cfg(test)]
mod tests {
    use super::split_field;

    #[test]
    fn problems_are_named_by_line_and_column() {
        assert_eq!(split_field("line 5: themes[0]"), ("5", "themes[0]"));
        assert_eq!(split_field("line 3"), ("3", ""));
        assert_eq!(split_field("file"), ("", "file"));
    }
}
