//! HTTP methods beyond the route table: `HEAD` answers as `GET` does (without the body), and a
//! documented path asked with a method it does not take gets `405` with `Allow`, not `404`.
//! The methods each path takes are read from the OpenAPI document, the server's route table.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use utoipa::openapi::{OpenApi, PathItem};

/// `HEAD` is served by the `GET` route; the HTTP codec drops the body of a `HEAD` answer.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}

/// The documented paths, as segment patterns, with the methods each takes.
pub struct AllowedMethods(Vec<(Vec<Segment>, Vec<&'static str>)>);

enum Segment {
    Literal(String),
    Parameter,
}

impl AllowedMethods {
    pub fn from_document(doc: &OpenApi) -> AllowedMethods {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template
                    .split('/')
                    .map(|s| match s.starts_with('{') && s.ends_with('}') {
                        true => Segment::Parameter,
                        false => Segment::Literal(s.to_string()),
                    })
                    .collect();
                (segments, methods_of(item))
            })
            .collect();
        AllowedMethods(routes)
    }

    /// The `Allow` value for a path some route serves, from the route that names most of its
    /// segments literally (`/themes/suggest` over `/themes/{slug}`); `None` for a path nothing
    /// serves.
    pub fn for_path(&self, path: &str) -> Option<String> {
        let given: Vec<&str> = path.split('/').collect();
        let (_, methods) = self
            .0
            .iter()
            .filter(|(pattern, _)| fits(pattern, &given))
            .max_by_key(|(pattern, _)| pattern.iter().filter(|s| matches!(s, Segment::Literal(_))).count())?;
        Some(methods.join(", "))
    }
}

fn fits(pattern: &[Segment], given: &[&str]) -> bool {
    pattern.len() == given.len()
        && pattern.iter().zip(given).all(|(p, g)| match p {
            Segment::Literal(l) => l == g,
            Segment::Parameter => !g.is_empty(),
        })
}

fn methods_of(item: &PathItem) -> Vec<&'static str> {
    let served = [
        (item.get.is_some(), "GET"),
        (item.get.is_some(), "HEAD"),
        (item.post.is_some(), "POST"),
        (item.put.is_some(), "PUT"),
        (item.patch.is_some(), "PATCH"),
        (item.delete.is_some(), "DELETE"),
    ];
    served.iter().filter(|(present, _)| *present).map(|(_, m)| *m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_methods_of_documented_paths() {
        let allowed = AllowedMethods::from_document(&crate::openapi::document());
        let allow = |path| allowed.for_path(path);
        assert_eq!(allow("/api/v1/requests").as_deref(), Some("GET, HEAD, POST"));
        assert_eq!(allow("/api/v1/requests/req_1").as_deref(), Some("GET, HEAD, PATCH"));
        assert_eq!(allow("/api/v1/requests/req_1/matches").as_deref(), Some("GET, HEAD"));
        assert_eq!(allow("/api/v1/themes/suggest").as_deref(), Some("POST"), "not /themes/{{slug}}");
        assert_eq!(allow("/api/v1/requests//matches"), None);
        assert_eq!(allow("/api/v1/nothing"), None);
        assert_eq!(allow("/api/v1/requests/req_1/matches/extra"), None);
    }
}
