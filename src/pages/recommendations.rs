//! The recommendations explorer: who recommended what to whom, supported or noted, by cycle;
//! grouped counts as a chart, a table and a CSV download, and the recommendations themselves,
//! 50 a page, under the same filters and through the same service calls as
//! `GET /recommendations` and `GET /recommendations/summary`.

use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use maud::{html, Markup};
use serde::Deserialize;

use super::chart::{self, Bar};
use super::layout::{self, Section};
use super::{parts, public_page, InPage, Lang, PageError, Viewer};
use crate::api::http::{page_request, Params};
use crate::api::recommendations::Filters;
use crate::api::AppState;
use crate::db::recommendations::{RecommendationFilter, SummaryKey};
use crate::domain::catalog::Catalog;
use crate::domain::ids;
use crate::domain::vocab::Response;
use crate::error::{AppError, AppResult, Said};
use crate::export::{table as tables, Tabular};
use crate::service::recommendations::summary::{summarize, Summary, SummaryGroup};
use crate::service::recommendations::{self as service, Recommendation};

/// How many groups the chart shows (the table has them all).
const CHARTED: usize = 15;

/// The UPR cycles a filter offers.
const CYCLES: [u8; 4] = [1, 2, 3, 4];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplorerQuery {
    group_by: Option<String>,
    state_under_review: Option<String>,
    region: Option<String>,
    recommending_state: Option<String>,
    theme: Option<String>,
    response: Option<String>,
    cycle: Option<String>,
    session: Option<String>,
    needs_review: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
}

impl ExplorerQuery {
    fn filter(&self) -> AppResult<RecommendationFilter> {
        Filters {
            state_under_review: self.state_under_review.as_deref(),
            region: self.region.as_deref(),
            recommending_state: self.recommending_state.as_deref(),
            theme: self.theme.as_deref(),
            response: self.response.as_deref(),
            cycle: self.cycle.as_deref(),
            session: self.session.as_deref(),
            text: self.q.as_deref(),
            updated_since: None,
            needs_review: self.needs_review.as_deref(),
        }
        .parse()
    }

    fn group_by(&self) -> AppResult<SummaryKey> {
        match self.group_by.as_deref() {
            None => Ok(SummaryKey::RecommendingState),
            Some(key) => SummaryKey::parse(key).ok_or_else(|| {
                AppError::bad_param("group_by", Said::one_of("recommending_state, theme, response, cycle"))
            }),
        }
    }
}

/// The summary the query asks for, with its groups labelled in the reader's language.
async fn summary_of(
    req: &HttpRequest,
    state: &AppState,
    lang: Lang,
) -> AppResult<(ExplorerQuery, SummaryKey, Summary)> {
    let q = Params::<ExplorerQuery>::extract(req).await?.into_inner();
    let by = q.group_by()?;
    let mut summary = summarize(&state.services, q.filter()?, by, lang.code()).await?;
    for group in &mut summary.groups {
        group.label = group_label(lang, state.services.catalog, by, group.key.as_deref());
    }
    Ok((q, by, summary))
}

fn group_label(lang: Lang, catalog: &Catalog, by: SummaryKey, key: Option<&str>) -> String {
    match (by, key) {
        (_, None) => lang.t("not-recorded"),
        (SummaryKey::RecommendingState, Some(code)) => catalog.state_name(code, lang.code()).to_string(),
        (SummaryKey::Theme, Some(slug)) => {
            catalog.theme(slug).map_or(slug.to_string(), |t| t.label_in(lang.code()).to_string())
        }
        (SummaryKey::Response, Some(response)) => lang.term("response", response),
        (SummaryKey::Cycle, Some(cycle)) => lang.t_with("cycle-number", &[("cycle", cycle.to_string().into())]),
    }
}

/// `/{lang}/recommendations`
pub async fn page(
    req: HttpRequest,
    lang: Lang,
    viewer: Viewer,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let (q, by, summary) = summary_of(&req, &state, lang).await.in_page(lang)?;
    let page = page_request(None, q.cursor.as_deref(), ids::RECOMMENDATION).in_page(lang)?;
    let found = service::list(&state.services, q.filter().in_page(lang)?, page).await.in_page(lang)?;
    let rows: Vec<Recommendation> = found.rows.iter().map(service::view).collect::<Result<_, _>>().in_page(lang)?;
    let catalog = state.services.catalog;
    let states = parts::state_options(lang, catalog);
    let responses = parts::term_options(lang, "response", Response::ALL.iter().map(|r| r.as_str()));
    let cycles: Vec<(String, String)> = CYCLES
        .iter()
        .map(|c| (c.to_string(), lang.t_with("cycle-number", &[("cycle", c.to_string().into())])))
        .collect();
    let groupings: Vec<(String, String)> =
        [SummaryKey::RecommendingState, SummaryKey::Theme, SummaryKey::Response, SummaryKey::Cycle]
            .iter()
            .map(|k| (k.as_str().to_string(), lang.t(&format!("group-by-{}", k.as_str()))))
            .collect();
    let review: Vec<(String, String)> =
        ["true", "false"].iter().map(|v| (v.to_string(), lang.t(&format!("needs-review-{v}")))).collect();
    let supported: i64 = summary.groups.iter().map(|g| g.supported).sum();
    let query = req.query_string();
    let content = html! {
        p.lead { (lang.t("recommendations-intro")) }
        form.filters method="get" action={ "/" (lang.code()) "/recommendations" } role="search" {
            (parts::select(lang, "state_under_review", &lang.t("filter-state-under-review"), q.state_under_review.as_deref(), &states))
            (parts::select(lang, "recommending_state", &lang.t("filter-recommending-state"), q.recommending_state.as_deref(), &states))
            (parts::theme_select(lang, catalog, q.theme.as_deref()))
            (parts::select(lang, "response", &lang.t("filter-response"), q.response.as_deref(), &responses))
            (parts::select(lang, "cycle", &lang.t("filter-cycle"), q.cycle.as_deref(), &cycles))
            (parts::select(lang, "needs_review", &lang.t("filter-needs-review"), q.needs_review.as_deref(), &review))
            (parts::search_field(lang, q.q.as_deref()))
            div.field {
                label for="group_by" { (lang.t("filter-group-by")) }
                select #group_by name="group_by" {
                    @for (value, text) in &groupings {
                        option value=(value) selected[by.as_str() == value] { (text) }
                    }
                }
            }
            button type="submit" { (lang.t("filter-apply")) }
        }
        p { (lang.t_with("recommendations-totals", &[("total", summary.total.into()), ("supported", supported.into()), ("noted", (summary.total - supported).into())])) }
        p { (parts::downloads(&format!("/{}/recommendations/summary", lang.code()), query, &lang.t("download-csv"), &lang.t("download-xlsx"))) }
        p { (parts::downloads(&format!("/{}/recommendations", lang.code()), &parts::download_query(query), &lang.t("download-recommendations"), &lang.t("download-recommendations-xlsx"))) }
        (chart_of(lang, &summary))
        (summary_table(lang, by, &summary))
        h2 { (lang.t("recommendations-list")) }
        (parts::pager(lang, &format!("/{}/recommendations", lang.code()), query, found.next_after.as_deref().map(ids::encode_cursor).as_deref(), found.total, "recommendations-found"))
        ul.recommendations {
            @for r in &rows {
                li {
                    blockquote dir="auto" { (r.text) }
                    p.muted {
                        (lang.t_with("recommended-to", &[
                            ("state", r.recommending_state.as_deref().map_or_else(|| lang.t("not-recorded"), |s| catalog.state_name(s, lang.code()).to_string()).into()),
                            ("to", catalog.state_name(&r.state_under_review, lang.code()).into()),
                            ("session", r.session.into()),
                        ]))
                        " · " strong { (lang.term("response", r.response.as_str())) }
                    }
                    @if r.needs_review {
                        p.needs-review title=(lang.t("needs-review-hint")) { (lang.t("needs-review-badge")) }
                    }
                    (parts::themes(lang, catalog, &r.themes))
                }
            }
        }
    };
    let here = parts::here("/recommendations", query);
    Ok(public_page(
        &req,
        lang,
        &viewer,
        layout::page(lang, &viewer, Some(Section::Recommendations), &here, &lang.t("recommendations-title"), content),
    ))
}

fn chart_of(lang: Lang, summary: &Summary) -> Markup {
    let rows: Vec<Bar> = summary
        .groups
        .iter()
        .take(CHARTED)
        .map(|g| Bar { label: g.label.clone(), values: vec![clamp(g.supported), clamp(g.noted)] })
        .collect();
    if rows.is_empty() {
        return html! { p { (lang.t("recommendations-none")) } };
    }
    chart::bars(
        lang,
        "groups",
        &lang.t("recommendations-chart"),
        &[lang.term("response", "supported"), lang.term("response", "noted")],
        &rows,
    )
}

fn clamp(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

fn summary_table(lang: Lang, by: SummaryKey, summary: &Summary) -> Markup {
    let narrowing = match by {
        SummaryKey::RecommendingState => "recommending_state",
        SummaryKey::Theme => "theme",
        SummaryKey::Response => "response",
        SummaryKey::Cycle => "cycle",
    };
    let table = html! {
        table {
            caption { (lang.t(&format!("group-by-{}", by.as_str()))) }
            thead {
                tr {
                    th scope="col" { (lang.t("col-group")) }
                    th.num scope="col" { (lang.t("col-recommendations")) }
                    th.num scope="col" { (lang.term("response", "supported")) }
                    th.num scope="col" { (lang.term("response", "noted")) }
                }
            }
            tbody {
                @for g in &summary.groups {
                    tr {
                        th scope="row" {
                            @if let Some(key) = &g.key {
                                a href={ "/" (lang.code()) "/recommendations?" (narrowing) "=" (key) } { (g.label) }
                            } @else {
                                (g.label)
                            }
                        }
                        td.num { (lang.number(g.count.unsigned_abs())) }
                        td.num { (lang.number(g.supported.unsigned_abs())) }
                        td.num { (lang.number(g.noted.unsigned_abs())) }
                    }
                }
            }
        }
    };
    parts::scrolling(&lang.t("recommendations-title"), table)
}

/// `/{lang}/recommendations/summary.{csv|xlsx}`: the grouped counts, labelled in the reader's
/// language, with the API's field names as the header.
pub async fn summary_download(
    req: HttpRequest,
    lang: Lang,
    state: web::Data<AppState>,
) -> Result<HttpResponse, PageError> {
    let sheet = parts::sheet(&req).in_page(lang)?;
    let (_, by, summary) = summary_of(&req, &state, lang).await.in_page(lang)?;
    let stem = format!("tcmatch-recommendations-by-{}-{}", by.as_str(), lang.code());
    let rows = summary.groups.iter().map(Tabular::row);
    tables::whole(sheet, lang.code(), &stem, SummaryGroup::COLUMNS, rows).in_page(lang)
}

/// `/{lang}/recommendations.{csv|xlsx}`: every recommendation the filters select, streamed.
pub async fn download(req: HttpRequest, lang: Lang, state: web::Data<AppState>) -> Result<HttpResponse, PageError> {
    let sheet = parts::sheet(&req).in_page(lang)?;
    let q = Params::<ExplorerQuery>::extract(&req).await.in_page(lang)?.into_inner();
    let filter = q.filter().in_page(lang)?;
    let services = std::sync::Arc::clone(&state.services);
    let list = move |filter, page| {
        let services = std::sync::Arc::clone(&services);
        async move { service::list(&services, filter, page).await }
    };
    let stem = format!("tcmatch-recommendations-{}", lang.code());
    tables::list(sheet, lang.code(), &stem, Recommendation::COLUMNS, filter, list, |row| {
        service::view(row).map(|r| r.row())
    })
    .await
    .in_page(lang)
}
