//! `POST /requests/bulk` and `POST /requests/consent/bulk`: many requests, or many consent
//! decisions, from a script or a spreadsheet, as a JSON array, NDJSON or CSV, stored all or none.

use actix_web::{post, web, HttpRequest, HttpResponse};

use super::bulk::{self, CsvShape};
use super::responses::{AccessErrors, CreateErrors};
use super::{idempotent, AppState};
use crate::domain::access::Caller;
use crate::domain::csv_rows::{Cell, Column};
use crate::error::{AppResult, Problem};
use crate::service::requests::{self as service, BulkConsent, BulkRequests, ConsentItem, NewRequest, MAX_BULK_ITEMS};
use crate::service::write::Written;

/// The columns of a CSV of requests: the fields of a request.
const REQUEST_COLUMNS: &[Column] = &[
    Column { name: "state", cell: Cell::Text },
    Column { name: "title", cell: Cell::Text },
    Column { name: "description", cell: Cell::Text },
    Column { name: "recommendation_ids", cell: Cell::List },
    Column { name: "themes", cell: Cell::List },
    Column { name: "suggest_themes", cell: Cell::Flag },
    Column { name: "modalities", cell: Cell::List },
    Column { name: "languages", cell: Cell::List },
    Column { name: "starts_on", cell: Cell::Text },
    Column { name: "ends_on", cell: Cell::Text },
    Column { name: "budget_min_usd", cell: Cell::Integer },
    Column { name: "budget_max_usd", cell: Cell::Integer },
    Column { name: "priority", cell: Cell::Text },
    Column { name: "status", cell: Cell::Text },
];

const REQUEST_SHAPE: CsvShape = CsvShape { columns: REQUEST_COLUMNS, required: &["state", "title"] };

const CONSENT_SHAPE: CsvShape = CsvShape {
    columns: &[
        Column { name: "request_id", cell: Cell::Text },
        Column { name: "status", cell: Cell::Text },
        Column { name: "note", cell: Cell::Text },
    ],
    required: &["request_id", "status"],
};

/// Submit many requests in one call: a JSON array of requests, NDJSON (one per line), or CSV (a
/// header row naming the fields of a request, `state` and `title` required; lists separated by
/// `;`; an empty cell leaves the field out), at most 1000. All are stored in one transaction, or
/// none: every problem, of shape or of rule, is reported at once, its field prefixed with the
/// request's place (`[3].themes[0]`, counting from 0; `line 4: themes` in a CSV). Each starts with
/// consent `pending`. With an `Idempotency-Key`, a retried submission (within 24 hours) gets the
/// first answer again. **Roles:** admin; state (for itself, in every request).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "requests",
    request_body(description = "Requests, as a JSON array, NDJSON or CSV", content(
        (Vec<NewRequest> = "application/json"),
        (String = "application/x-ndjson"),
        (String = "text/csv"),
    )),
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried submission safe")),
    responses(
        (status = 201, body = BulkRequests),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/requests/bulk")]
pub async fn create_many(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let (form, body, once) =
        bulk::received(&req, &mut payload, state.limits.import_body_bytes, "requests/bulk").await?;
    let requests =
        web::block(move || bulk::checked(&body, form, &REQUEST_SHAPE, MAX_BULK_ITEMS, NewRequest::into_fields))
            .await??;
    match service::create_many(&state.services, &caller, once, requests.items, requests.problems).await? {
        Written::Done(stored) => Ok(HttpResponse::Created().json(stored)),
        Written::Replayed { status, body } => idempotent::replayed(status, body, None),
    }
}

/// Record many consent decisions in one call (`request_id`, `status`, `note` each): a JSON array,
/// NDJSON or CSV, at most 1000, in the order given, all or none. An unknown request is named by
/// its place (422); a decision a request's consent cannot take fails the submission (409), and so
/// does a request of another State (403), each naming the place. **Roles:** admin; state (its
/// own requests).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "requests",
    request_body(description = "Decisions, as a JSON array, NDJSON or CSV", content(
        (Vec<ConsentItem> = "application/json"),
        (String = "application/x-ndjson"),
        (String = "text/csv"),
    )),
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried submission safe")),
    responses(
        (status = 201, body = BulkConsent),
        (status = 409, description = "A decision its request's consent cannot take", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/requests/consent/bulk")]
pub async fn decide_many(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let (form, body, once) =
        bulk::received(&req, &mut payload, state.limits.import_body_bytes, "requests/consent/bulk").await?;
    let decisions = bulk::checked(&body, form, &CONSENT_SHAPE, MAX_BULK_ITEMS, ConsentItem::checked)?;
    match service::decide_many(&state.services, &caller, once, decisions.items, decisions.problems).await? {
        Written::Done(recorded) => Ok(HttpResponse::Created().json(recorded)),
        Written::Replayed { status, body } => idempotent::replayed(status, body, None),
    }
}
