//! The page shell every page shares: language and direction, a skip link, the site's
//! navigation, the language switch, the main landmark and the footer.

use actix_web::http::StatusCode;
use maud::{html, Markup, DOCTYPE};

use super::{Lang, Viewer};
use crate::error::Problem;

/// The sections of the site, for the navigation (`aria-current` on the one shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Requests,
    Offers,
    Themes,
    Recommendations,
    Cooperation,
    /// The signed-in reader's own page (reached from the account links, not the menu).
    My,
}

impl Section {
    const ALL: [Section; 6] = [
        Section::Home,
        Section::Requests,
        Section::Offers,
        Section::Themes,
        Section::Recommendations,
        Section::Cooperation,
    ];

    fn path(self) -> &'static str {
        match self {
            Section::Home => "/",
            Section::Requests => "/requests",
            Section::Offers => "/offers",
            Section::Themes => "/themes",
            Section::Recommendations => "/recommendations",
            Section::Cooperation => "/cooperation",
            Section::My => "/my",
        }
    }

    fn message(self) -> &'static str {
        match self {
            Section::Home => "nav-home",
            Section::Requests => "nav-requests",
            Section::Offers => "nav-offers",
            Section::Themes => "nav-themes",
            Section::Recommendations => "nav-recommendations",
            Section::Cooperation => "nav-cooperation",
            Section::My => "nav-my",
        }
    }
}

/// A whole page: `title` heads the tab and the page; `here` is the path after the language
/// (`/requests?theme=x`), so the language switch keeps the reader where they are.
pub fn page(lang: Lang, viewer: &Viewer, section: Option<Section>, here: &str, title: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (lang.t("site-name")) }
                link rel="stylesheet" href=(super::assets::STYLESHEET_URL.as_str());
                link rel="icon" href="data:,";
                @for other in Lang::ALL {
                    link rel="alternate" hreflang=(other.code()) href={ "/" (other.code()) (here) };
                }
            }
            body {
                a.skip href="#main" { (lang.t("skip-to-content")) }
                header.site {
                    a.brand href={ "/" (lang.code()) "/" } { (lang.t("site-name")) }
                    p.tagline { (lang.t("site-tagline")) }
                    nav aria-label=(lang.t("nav-main")) {
                        ul {
                            @for s in Section::ALL {
                                li {
                                    a href={ "/" (lang.code()) (s.path()) }
                                      aria-current=[(section == Some(s)).then_some("page")] {
                                        (lang.t(s.message()))
                                    }
                                }
                            }
                        }
                    }
                    (account(lang, viewer, section))
                    nav.languages aria-label=(lang.t("nav-languages")) {
                        ul {
                            @for other in Lang::ALL {
                                li {
                                    a href={ "/" (other.code()) (here) } lang=(other.code()) hreflang=(other.code())
                                      dir=(other.dir()) aria-current=[(other == lang).then_some("true")] {
                                        (other.own_name())
                                    }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" {
                    h1 dir="auto" { (title) }
                    (content)
                }
                footer.site {
                    p { (lang.t("footer-about")) }
                    p { a href="/swagger-ui/" { (lang.t("footer-api")) } }
                }
            }
        }
    }
}

/// The page shown for an error, in the reader's language: what kind of error, then what the
/// problem says of it (for a refused form, each field at fault and why), so a reader can put
/// it right.
pub fn error_page(lang: Lang, status: StatusCode, problem: &Problem) -> Markup {
    let kind = match status {
        StatusCode::NOT_FOUND => "not-found",
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => "forbidden",
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => "busy",
        StatusCode::CONFLICT | StatusCode::PRECONDITION_FAILED => "conflict",
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "invalid",
        _ => "error",
    };
    let title = lang.t(&format!("{kind}-title"));
    let body = html! {
        p { (lang.t(&format!("{kind}-body"))) }
        @if status.is_client_error() && status != StatusCode::UNAUTHORIZED {
            div role="alert" {
                @if problem.errors.len() > 1 || problem.errors.is_empty() {
                    p dir="auto" { (problem.detail) }
                }
                @if !problem.errors.is_empty() {
                    ul.problems {
                        @for e in &problem.errors {
                            li dir="auto" { code { (e.field) } ": " (e.message) }
                        }
                    }
                }
            }
        }
        @if kind == "forbidden" {
            p { a href={ "/" (lang.code()) "/sign-in" } { (lang.t("sign-in")) } }
        }
    };
    page(lang, &Viewer::anonymous(), None, "/", &title, body)
}

/// Who is signed in, with a way to their page and out; or the way in.
fn account(lang: Lang, viewer: &Viewer, section: Option<Section>) -> Markup {
    html! {
        div.account {
            @if let Some(session) = &viewer.session {
                span { (lang.t("signed-in-as")) " " bdi { (session.label) } }
                " "
                a href={ "/" (lang.code()) "/my" } aria-current=[(section == Some(Section::My)).then_some("page")] { (lang.t("nav-my")) }
                form.inline method="post" action={ "/" (lang.code()) "/sign-out" } {
                    input type="hidden" name="csrf" value=(session.csrf_token);
                    button.link type="submit" { (lang.t("sign-out")) }
                }
            } @else {
                a href={ "/" (lang.code()) "/sign-in" } { (lang.t("sign-in")) }
            }
        }
    }
}
