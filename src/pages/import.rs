//! An administrator imports UPR recommendations from a UPR Info CSV export, watching it go:
//! the page streams as the import runs (rows read, rows checked and given themes, storing),
//! then says what was stored, or every problem (nothing is stored then). The import is the
//! service call `POST /recommendations/import` makes.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup, PreEscaped};

use super::admin::admin_of;
use super::layout::{self, Section};
use super::{multipart, public_page, Lang, PageError, Viewer};
use crate::api::AppState;
use crate::error::{AppError, AppResult};
use crate::service::jobs::Progress;
use crate::service::recommendations::import::{import_watched, ImportSummary};
use crate::service::write::Written;

/// How often the page tells how far the import has got.
const REPORT_EVERY: Duration = Duration::from_millis(500);

/// Where the streamed lines go in the page.
const PROGRESS_HERE: &str = "<!--progress-->";

/// `/{lang}/admin/import`
pub async fn page(req: HttpRequest, lang: Lang, viewer: Viewer) -> Result<HttpResponse, PageError> {
    admin_of(lang, &viewer)?;
    Ok(public_page(&req, lang, &viewer, content(lang, &viewer, false)))
}

/// `POST /{lang}/admin/import`: the import runs while the page streams its progress.
pub async fn upload(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
    mut payload: web::Payload,
) -> Result<HttpResponse, PageError> {
    admin_of(lang, &viewer)?;
    let file = multipart::posted_file(&req, &mut payload, state.limits.import_body_bytes, lang, &viewer).await?;
    let progress = Arc::new(Progress::default());
    let (services, caller, watched) = (Arc::clone(&state.services), viewer.caller.clone(), Arc::clone(&progress));
    let job =
        actix_web::rt::spawn(async move { import_watched(&services, &caller, None, Bytes::from(file), watched).await });
    let page = content(lang, &viewer, true).into_string();
    let (head, tail) = page.split_once(PROGRESS_HERE).map(|(h, t)| (h.to_string(), t.to_string())).unwrap_or_default();

    /// Where the page is, carrying what it still has to send.
    enum Step {
        Head { head: String, tail: String },
        Watching { last: String, tail: String },
        Tail(String),
        Done,
    }
    let mut job = Some(job);
    let steps = futures_util::stream::unfold(Step::Head { head, tail }, move |step| {
        let progress = Arc::clone(&progress);
        let finished = job.as_ref().is_some_and(|j| j.is_finished()).then(|| job.take()).flatten();
        async move {
            match step {
                Step::Head { head, tail } => {
                    Some((Ok::<_, AppError>(Bytes::from(head)), Step::Watching { last: String::new(), tail }))
                }
                Step::Watching { last, tail } => {
                    if let Some(done) = finished {
                        let outcome = done.await.unwrap_or_else(|e| Err(AppError::internal(e)));
                        return Some((Ok(Bytes::from(result(lang, outcome).into_string())), Step::Tail(tail)));
                    }
                    actix_web::rt::time::sleep(REPORT_EVERY).await;
                    let now = how_far(lang, &progress);
                    let line = if now == last { String::new() } else { html! { p { (now) } }.into_string() };
                    Some((Ok(Bytes::from(line)), Step::Watching { last: now, tail }))
                }
                Step::Tail(tail) => Some((Ok(Bytes::from(tail)), Step::Done)),
                Step::Done => None,
            }
        }
    });
    let mut res = HttpResponse::Ok();
    super::with_page_headers(&mut res, lang);
    // Sent as it comes: not compressed (which would hold the lines back), not cached.
    res.insert_header((header::CONTENT_ENCODING, "identity")).insert_header((header::CACHE_CONTROL, "no-store"));
    Ok(res.streaming(steps))
}

/// The progress in words.
fn how_far(lang: Lang, progress: &Progress) -> String {
    let rows = progress.rows.load(Ordering::Relaxed);
    if progress.storing.load(Ordering::Relaxed) {
        lang.t_with("import-storing", &[("rows", rows.into())])
    } else if rows > 0 {
        lang.t_with(
            "import-checked",
            &[("checked", progress.checked.load(Ordering::Relaxed).into()), ("rows", rows.into())],
        )
    } else {
        lang.t("import-reading")
    }
}

/// What the import did, or why it did nothing.
fn result(lang: Lang, outcome: AppResult<Written<ImportSummary>>) -> Markup {
    match outcome {
        Ok(Written::Done(summary)) => html! {
            div.notice role="status" {
                p { strong { (lang.t_with("import-done", &[("count", summary.new.into())])) } }
                p { (lang.t_with("import-counts", &[("new", summary.new.into()), ("changed", summary.changed.into()), ("unchanged", summary.unchanged.into())])) }
            }
        },
        Err(AppError::Validation(problems)) | Err(AppError::BadRequest { errors: problems, .. })
            if !problems.is_empty() =>
        {
            html! {
                div.problems role="alert" {
                    p { strong { (lang.t_with("import-problems", &[("count", problems.len().into())])) } }
                    ul { @for p in &problems { li { code { (p.field) } ": " bdi { (p.message_in(lang)) } } } }
                }
            }
        }
        Ok(Written::Replayed { .. }) | Err(_) => {
            if let Err(e) = &outcome {
                tracing::error!(error = %e, "an import from the page failed");
            }
            html! { div.problems role="alert" { p { strong { (lang.t("error-title")) } " " (lang.t("error-body")) } } }
        }
    }
}

/// The page; `running` leaves the place where the import's progress and result are streamed.
fn content(lang: Lang, viewer: &Viewer, running: bool) -> Markup {
    let content = html! {
        @if running {
            div #progress role="status" aria-live="polite" { (PreEscaped(PROGRESS_HERE)) }
        }
        p { (lang.t("import-intro")) }
        (multipart::csv_form(lang, viewer, "/admin/import", &lang.t("import-submit")))
    };
    layout::page(lang, viewer, Some(Section::My), "/admin/import", &lang.t("import-title"), content)
}
