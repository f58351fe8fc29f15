//! Pieces the pages share: the filter form's fields, theme and State names in the reader's
//! language, the pager, and the explained match table.

use maud::{html, Markup};

use super::Lang;
use crate::domain::catalog::Catalog;
use crate::domain::vocab::Modality;
use crate::error::{AppError, Said};
use crate::export::Sheet;
use crate::service::matches::Match;

/// The M49 regions.
pub const M49_REGIONS: [&str; 5] = ["002", "019", "142", "150", "009"];

/// The areas a list can be narrowed to: the M49 regions, then the UN regional groups.
pub const REGIONS: [&str; 10] = ["002", "019", "142", "150", "009", "african", "asia_pacific", "eeg", "grulac", "weog"];

/// A labelled choice among `options` (value, label), with "any" first; `chosen` is selected.
pub fn select(lang: Lang, name: &str, label: &str, chosen: Option<&str>, options: &[(String, String)]) -> Markup {
    choice(name, label, &lang.t("filter-any"), chosen, options)
}

/// A labelled choice with `empty` as its first, empty option.
pub fn choice(name: &str, label: &str, empty: &str, chosen: Option<&str>, options: &[(String, String)]) -> Markup {
    html! {
        div.field {
            label for=(name) { (label) }
            select #(name) name=(name) {
                option value="" { (empty) }
                @for (value, text) in options {
                    option value=(value) selected[chosen == Some(value.as_str())] { (text) }
                }
            }
        }
    }
}

/// The theme choice, grouped by theme group.
pub fn theme_select(lang: Lang, catalog: &Catalog, chosen: Option<&str>) -> Markup {
    html! {
        div.field {
            label for="theme" { (lang.t("filter-theme")) }
            select #theme name="theme" {
                option value="" { (lang.t("filter-any")) }
                @for group in &catalog.groups {
                    optgroup label=(lang.t(&format!("group-{}", group.slug))) {
                        @for theme in catalog.themes.iter().filter(|t| t.group == group.slug) {
                            option value=(theme.slug) selected[chosen == Some(theme.slug.as_str())] {
                                (theme.label_in(lang.code()))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Choices among terms of a vocabulary, in the reader's language.
pub fn term_options<'a>(lang: Lang, vocabulary: &str, values: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    values.map(|v| (v.to_string(), lang.term(vocabulary, v))).collect()
}

/// A list's address within its language, with its query (for the language switch).
pub fn here(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// Links to a table's download as CSV and as XLSX: `stem` is its address without the
/// extension (`/en/offers`), `query` what selects its rows.
pub fn downloads(stem: &str, query: &str, csv_label: &str, xlsx_label: &str) -> Markup {
    html! {
        a.download href=(here(&format!("{stem}.csv"), query)) download { (csv_label) }
        " · "
        a.download href=(here(&format!("{stem}.xlsx"), query)) download { (xlsx_label) }
    }
}

/// The spreadsheet a download's address names by its extension (`{ext}` in the route).
pub fn sheet(req: &actix_web::HttpRequest) -> Result<Sheet, AppError> {
    req.match_info()
        .get("ext")
        .and_then(Sheet::from_extension)
        .ok_or_else(|| AppError::NotFound(Said::of("not-found-download")))
}

/// The `cursor` a page's query names, if any.
pub fn cursor_in(query: &str) -> Result<Option<String>, crate::error::AppError> {
    param_in(query, "cursor")
}

/// The value of the query parameter `name`, if given.
pub fn param_in(query: &str, name: &str) -> Result<Option<String>, crate::error::AppError> {
    Ok(super::form_of::<Vec<(String, String)>>(query.as_bytes())?
        .into_iter()
        .find_map(|(k, v)| (k == name).then_some(v)))
}

/// A list's query as its download's: the filters, not the page (a download has every page).
pub fn download_query(query: &str) -> String {
    let kept: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("cursor=") && !p.starts_with("limit=")).collect();
    kept.join("&")
}

/// Every State, by its name in the reader's language.
pub fn state_options(lang: Lang, catalog: &Catalog) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> =
        catalog.states.iter().map(|s| (s.code.clone(), catalog.state_name(&s.code, lang.code()).to_string())).collect();
    options.sort_by(|a, b| a.1.cmp(&b.1));
    options
}

pub fn region_options(lang: Lang) -> Vec<(String, String)> {
    REGIONS.iter().map(|r| (r.to_string(), lang.t(&format!("region-{r}")))).collect()
}

/// An area's name: an M49 region or regional group the pages name, else the catalog's name.
pub fn region_name(lang: Lang, catalog: &Catalog, code: &str) -> String {
    if REGIONS.contains(&code) {
        lang.t(&format!("region-{code}"))
    } else {
        catalog.area(code).map_or_else(|| code.to_string(), |a| a.name.clone())
    }
}

/// Ways of helping, in the reader's language.
pub fn modalities(lang: Lang, modalities: &[Modality]) -> String {
    let words: Vec<String> = modalities.iter().map(|m| lang.term("modality", m.as_str())).collect();
    words.join(&lang.t("list-separator"))
}

/// A budget range; either end may be open.
pub fn budget_range(lang: Lang, min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (None, None) => lang.t("not-given"),
        (Some(a), Some(b)) if a == b => dollars(lang, Some(a)),
        (a, b) => format!(
            "{} – {}",
            a.map_or_else(|| "…".to_string(), |n| dollars(lang, Some(n))),
            b.map_or_else(|| "…".to_string(), |n| dollars(lang, Some(n)))
        ),
    }
}

/// The free-text search field.
pub fn search_field(lang: Lang, value: Option<&str>) -> Markup {
    html! {
        div.field {
            label for="q" { (lang.t("filter-words")) }
            input #q type="search" name="q" value=[value];
        }
    }
}

/// Theme labels in the reader's language, as a list.
pub fn themes(lang: Lang, catalog: &Catalog, slugs: &[String]) -> Markup {
    html! {
        ul.tags {
            @for slug in slugs {
                li { (catalog.theme(slug).map_or(slug.as_str(), |t| t.label_in(lang.code()))) }
            }
        }
    }
}

/// A period (either end may be open), in ISO dates, which read the same in every language;
/// each date kept whole and left to right, also in an Arabic page.
pub fn period(lang: Lang, starts: Option<chrono::NaiveDate>, ends: Option<chrono::NaiveDate>) -> Markup {
    let date = |d: Option<chrono::NaiveDate>| match d {
        Some(d) => html! { time.date datetime=(d) dir="ltr" { (d) } },
        None => html! { "…" },
    };
    html! {
        @if starts.is_none() && ends.is_none() {
            (lang.t("not-given"))
        } @else {
            (date(starts)) " – " (date(ends))
        }
    }
}

/// A table that scrolls sideways on a narrow screen, reachable by keyboard.
pub fn scrolling(label: &str, table: Markup) -> Markup {
    html! {
        div.scroll role="region" aria-label=(label) tabindex="0" { (table) }
    }
}

/// An amount of US dollars.
pub fn dollars(lang: Lang, amount: Option<i64>) -> String {
    match amount {
        Some(n) => lang.t_with("usd", &[("amount", lang.number(n.unsigned_abs()).into())]),
        None => lang.t("not-given"),
    }
}

/// The links to the first and the next page of a list; `here` is the list's path with its
/// query, less any cursor.
pub fn pager(lang: Lang, path: &str, query: &str, next: Option<&str>, total: i64, count_message: &str) -> Markup {
    pager_by(lang, &lang.t("pager"), path, query, "cursor", next, total, count_message)
}

/// A [`pager`] named `label` whose position is the query parameter `param`, for a page with
/// two lists.
#[allow(clippy::too_many_arguments)]
pub fn pager_by(
    lang: Lang,
    label: &str,
    path: &str,
    query: &str,
    param: &str,
    next: Option<&str>,
    total: i64,
    count_message: &str,
) -> Markup {
    let ours = format!("{param}=");
    let kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !p.starts_with(&ours)).collect();
    let base = if kept.is_empty() { path.to_string() } else { format!("{path}?{}", kept.join("&")) };
    let joiner = if kept.is_empty() { '?' } else { '&' };
    let at_start = !query.split('&').any(|p| p.starts_with(&ours));
    html! {
        nav.pager aria-label=(label) {
            p role="status" { (lang.t_with(count_message, &[("count", total.into())])) }
            @if !at_start {
                a href=(base) { (lang.t("pager-first")) }
            }
            @if let Some(cursor) = next {
                a href={ (base) (joiner) (param) "=" (cursor) } rel="next" { (lang.t("pager-next")) }
            }
        }
    }
}

/// Ranked, explained pairs: `other` gives, per match, the other side's link and title.
pub fn match_table(lang: Lang, catalog: &Catalog, items: &[Match], other: impl Fn(&Match) -> Markup) -> Markup {
    let table = html! {
        table.matches {
            thead {
                tr {
                    th scope="col" { (lang.t("col-match")) }
                    th.num scope="col" { (lang.t("col-score")) }
                    th scope="col" { (lang.t("col-why")) }
                }
            }
            tbody {
                @for m in items {
                    tr {
                        td { (other(m)) }
                        td.num { (percent(lang, m.score)) }
                        td { (explanation(lang, catalog, m)) }
                    }
                }
            }
        }
    };
    scrolling(&lang.t("col-match"), table)
}

/// A share in [0, 1] as a whole percentage.
pub fn percent(lang: Lang, share: f64) -> String {
    lang.t_with("percent", &[("value", lang.number((share * 100.0).round() as u64).into())])
}

/// Why a pair scores what it does: each component's fit, and the themes it rests on.
fn explanation(lang: Lang, catalog: &Catalog, m: &Match) -> Markup {
    let b = &m.breakdown;
    let components = [
        ("fit-theme", b.theme),
        ("fit-modality", b.modality),
        ("fit-language", b.language),
        ("fit-timeframe", b.timeframe),
        ("fit-budget", b.budget),
    ];
    html! {
        ul.fit {
            @for (message, value) in components {
                li { (lang.t(message)) " " (percent(lang, value)) }
            }
        }
        @if !m.shared_themes.is_empty() {
            p { (lang.t("shared-themes")) " " (themes_inline(lang, catalog, &m.shared_themes)) }
        }
        @if !m.missing_themes.is_empty() {
            p { (lang.t("missing-themes")) " " (themes_inline(lang, catalog, &m.missing_themes)) }
        }
        @if b.consent_factor < 1.0 {
            p { (lang.t("consent-pending-lowers")) }
        }
    }
}

fn themes_inline(lang: Lang, catalog: &Catalog, slugs: &[String]) -> String {
    let labels: Vec<&str> =
        slugs.iter().map(|s| catalog.theme(s).map_or(s.as_str(), |t| t.label_in(lang.code()))).collect();
    labels.join(lang.t("list-separator").as_str())
}
