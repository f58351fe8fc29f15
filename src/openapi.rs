//! The OpenAPI document: the metadata here plus every path registered in `api::routes`.
//! Served at `/api-docs/openapi.json`, committed as openapi/openapi.json, checked by a test.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tcmatch",
        description = "Repository of requests for, and offers of, technical assistance to implement Universal Periodic Review recommendations (HRC resolution 54/28), with a consent-aware matcher. Errors are RFC 9457 problem details (`application/problem+json`).",
        license(name = "Apache-2.0")
    ),
    tags(
        (name = "reference data", description = "UN member and observer States, regions, the theme taxonomy"),
        (name = "organizations", description = "Providers that are not States"),
        (name = "recommendations", description = "UPR recommendations and their import"),
        (name = "requests", description = "Assistance requests by reviewed States, and their consent"),
        (name = "offers", description = "Offers of assistance by donor States and organizations"),
        (name = "matches", description = "Search for matches: ranked, explained offer-request pairs"),
        (name = "engagements", description = "Matches someone acted on, and their lifecycle"),
        (name = "imports", description = "Large imports as jobs that report their progress"),
        (name = "changes", description = "The change feed: what changed, as a list or a stream"),
        (name = "webhooks", description = "Being told: signed deliveries of events, retried, logged"),
        (name = "stats", description = "Supply and demand, for dashboards and donors"),
        (name = "keys", description = "API keys (admin)"),
        (name = "audit", description = "The audit trail of every write"),
        (name = "operations", description = "Health and readiness"),
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError)),
    modifiers(&BearerKey)
)]
pub struct ApiDoc;

/// Declares the API-key scheme operations refer to as `api_key`.
struct BearerKey;

impl Modify for BearerKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "An API key (`tcm_...`) as `Authorization: Bearer <key>`. Roles: admin (the secretariat), \
                 state (acts for one State), provider (acts for one organization or donor State). \
                 Without a key, reads show what is public.",
            ))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("api_key", SecurityScheme::Http(scheme));
    }
}

/// Every API operation may answer 429 past the caller's rate limit and 503 when the database is
/// unreachable or the instance has too much heavy work queued; both say when to retry.
/// Applied once the routes' paths are collected.
pub struct LimitsAndLoad;

impl Modify for LimitsAndLoad {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = |description: &str| {
            let retry = utoipa::openapi::HeaderBuilder::new()
                .schema(utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::Integer))
                .description(Some("Seconds to wait before retrying"))
                .build();
            ResponseBuilder::new()
                .description(description)
                .header("Retry-After", retry)
                .content(
                    "application/problem+json",
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
                )
                .build()
        };
        for (_, item) in openapi.paths.paths.iter_mut().filter(|(path, _)| path.starts_with("/api/")) {
            for operation in
                [&mut item.get, &mut item.post, &mut item.patch, &mut item.put, &mut item.delete].into_iter().flatten()
            {
                let responses = &mut operation.responses.responses;
                responses.entry("429".into()).or_insert_with(|| problem("Over the caller's rate limit").into());
                responses
                    .entry("503".into())
                    .or_insert_with(|| problem("The database is unreachable, or this instance is busy").into());
            }
        }
    }
}

/// The full document, built from the same route table the server uses.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, doc) = crate::startup::documented_app();
    doc
}
