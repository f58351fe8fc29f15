//! The error responses operations share, declared once for the OpenAPI document. Every one is
//! a `Problem` sent as `application/problem+json`.

use std::collections::BTreeMap;

use utoipa::openapi::{RefOr, Response};
use utoipa::IntoResponses;

use crate::error::Problem;

/// A read of one item: what a read of a list may answer, and 404.
pub struct ItemRead;

impl IntoResponses for ItemRead {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let mut responses = ListRead::responses();
        responses.extend(Missing::responses());
        responses
    }
}

/// The 404 of a read of one item.
#[derive(IntoResponses)]
pub enum Missing {
    #[response(status = 404, description = "No such item", content_type = "application/problem+json")]
    NotFound(Problem),
}

/// A read of a list (or of one item, through `ItemRead`).
#[derive(IntoResponses)]
pub enum ListRead {
    #[response(status = 304, description = "Not modified: the `If-None-Match` ETag is current")]
    NotModified,
    #[response(
        status = 400,
        description = "A query parameter (or a list's cursor) is not valid",
        content_type = "application/problem+json"
    )]
    BadParameter(Problem),
    #[response(
        status = 401,
        description = "A key was sent but is unknown, malformed or revoked (reads need no key)",
        content_type = "application/problem+json"
    )]
    BadKey(Problem),
}

/// A write that creates.
#[derive(IntoResponses)]
pub enum CreateErrors {
    #[response(status = 400, description = "Malformed JSON or not UTF-8", content_type = "application/problem+json")]
    Malformed(Problem),
    #[response(status = 413, description = "The body is over the limit", content_type = "application/problem+json")]
    TooLarge(Problem),
    #[response(status = 415, description = "The body is not JSON", content_type = "application/problem+json")]
    MediaType(Problem),
    #[response(
        status = 422,
        description = "Fields that break a rule, each named; unknown themes come with suggestions",
        content_type = "application/problem+json"
    )]
    Invalid(Problem),
}

/// A conditional update (`PATCH` with `If-Match`).
#[derive(IntoResponses)]
pub enum UpdateErrors {
    #[response(status = 400, description = "Malformed JSON or not UTF-8", content_type = "application/problem+json")]
    Malformed(Problem),
    #[response(status = 404, description = "No such item", content_type = "application/problem+json")]
    NotFound(Problem),
    #[response(
        status = 409,
        description = "The item is in a final state and no longer changes",
        content_type = "application/problem+json"
    )]
    Final(Problem),
    #[response(
        status = 412,
        description = "`If-Match` names an older version: fetch the item again",
        content_type = "application/problem+json"
    )]
    Stale(Problem),
    #[response(status = 413, description = "The body is over the limit", content_type = "application/problem+json")]
    TooLarge(Problem),
    #[response(status = 415, description = "The body is not JSON", content_type = "application/problem+json")]
    MediaType(Problem),
    #[response(
        status = 422,
        description = "Fields that break a rule, each named",
        content_type = "application/problem+json"
    )]
    Invalid(Problem),
    #[response(status = 428, description = "`If-Match` is missing", content_type = "application/problem+json")]
    NoPrecondition(Problem),
}

/// An operation that needs an API key of the right role and owner.
#[derive(IntoResponses)]
pub enum AccessErrors {
    #[response(
        status = 401,
        description = "No API key, or an unknown or revoked one",
        content_type = "application/problem+json"
    )]
    Unauthorized(Problem),
    #[response(
        status = 403,
        description = "The key's role or owner may not do this",
        content_type = "application/problem+json"
    )]
    Forbidden(Problem),
}
