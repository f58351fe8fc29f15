//! `POST /offers/bulk`: many offers from a script or a spreadsheet, as a JSON array, NDJSON or
//! CSV, stored all or none.

use std::sync::Arc;

use actix_web::{post, web, HttpRequest, HttpResponse};

use super::bulk::{self, Checked, CsvShape, Form};
use super::responses::{AccessErrors, CreateErrors};
use super::{idempotent, AppState};
use crate::domain::access::Caller;
use crate::domain::csv_rows::{Cell, Column};
use crate::error::AppResult;
use crate::service::offers::{self as service, BulkOffers, Fields, NewOffer, MAX_BULK_OFFERS};
use crate::service::write::Written;

/// Publish many offers in one call (scripts, spreadsheets): a JSON array of offers, NDJSON (one
/// offer per line, `application/x-ndjson`), or CSV (`text/csv`: a header row naming the fields
/// of an offer, `provider` and `title` required; lists separated by `;`; `true`/`false`; an empty
/// cell leaves the field out), at most 1000. All are stored in one transaction, or none: every
/// problem is reported at once, its field prefixed with the offer's position (`[3].themes[0]`,
/// counting from 0 in the order given; `line 4: themes[0]` in a CSV). With an `Idempotency-Key`, a retried submission (within
/// 24 hours) gets the first answer again (`Idempotent-Replayed: true`) instead of storing the
/// offers twice. **Roles:** admin; provider (for its own organization or donor State, in every offer).
#[utoipa::path(
    security(("api_key" = [])),
    tag = "offers",
    request_body(description = "Offers, as a JSON array, NDJSON or CSV", content(
        (Vec<NewOffer> = "application/json"),
        (String = "application/x-ndjson"),
        (String = "text/csv"),
    )),
    params(("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 printable characters) that makes a retried submission safe")),
    responses(
        (status = 201, body = BulkOffers),
        CreateErrors,
        AccessErrors,
    )
)]
#[post("/offers/bulk")]
pub async fn create_many(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    caller.key()?;
    let (form, body, once) = bulk::received(&req, &mut payload, state.limits.import_body_bytes, "offers/bulk").await?;
    let offers = web::block(move || bulk_offers(&body, form)).await??;
    match service::create_many(&state.services, &caller, once, offers.items, offers.problems, &Arc::default()).await? {
        Written::Done(stored) => Ok(HttpResponse::Created().json(stored)),
        Written::Replayed { status, body } => idempotent::replayed(status, body, None),
    }
}

/// The columns of a CSV of offers: the fields of an offer.
pub const CSV_COLUMNS: &[Column] = &[
    Column { name: "provider", cell: Cell::Text },
    Column { name: "title", cell: Cell::Text },
    Column { name: "description", cell: Cell::Text },
    Column { name: "themes", cell: Cell::List },
    Column { name: "suggest_themes", cell: Cell::Flag },
    Column { name: "modalities", cell: Cell::List },
    Column { name: "languages", cell: Cell::List },
    Column { name: "global", cell: Cell::Flag },
    Column { name: "countries", cell: Cell::List },
    Column { name: "regions", cell: Cell::List },
    Column { name: "starts_on", cell: Cell::Text },
    Column { name: "ends_on", cell: Cell::Text },
    Column { name: "capacity", cell: Cell::Integer },
    Column { name: "budget_usd", cell: Cell::Integer },
    Column { name: "status", cell: Cell::Text },
    Column { name: "iati_identifier", cell: Cell::Text },
];

/// How a CSV of offers reads: a header row naming the fields of an offer.
const CSV_SHAPE: CsvShape = CsvShape { columns: CSV_COLUMNS, required: &["provider", "title"] };

/// Decodes and checks every offer of a bulk body, reporting all problems at once. Each offer
/// comes with the name of its place in the body (`[3]`, or `line 5` in a CSV).
/// (The web pages' CSV upload reads its file with this too.)
pub fn bulk_offers(body: &[u8], form: Form) -> AppResult<Checked<(String, Fields)>> {
    checked_offers(body, form, MAX_BULK_OFFERS)
}

/// [`bulk_offers`], up to `max` offers (an import job takes more than one call).
pub fn checked_offers(body: &[u8], form: Form, max: usize) -> AppResult<Checked<(String, Fields)>> {
    bulk::checked(body, form, &CSV_SHAPE, max, NewOffer::into_fields)
}
