//! `POST /offers/bulk`: many offers from a script or a spreadsheet, as a JSON array, NDJSON or
//! CSV, stored all or none.

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde_json::Value;

use super::responses::{AccessErrors, CreateErrors};
use super::{http, idempotent, AppState};
use crate::domain::access::Caller;
use crate::domain::csv_rows::{self, Cell, Column};
use crate::error::{AppError, AppResult, FieldError};
use crate::service::offers::{self as service, named, BulkOffers, Fields, NewOffer, MAX_BULK_OFFERS};
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
    http::require_content_type(
        &req,
        &["application/json", "application/x-ndjson", "text/csv"],
        "a JSON array (application/json), NDJSON (application/x-ndjson) or CSV (text/csv)",
    )?;
    let form = match http::media_type(&req).as_deref() {
        Some("application/x-ndjson") => Form::Ndjson,
        Some("text/csv") => Form::Csv,
        _ => Form::Json,
    };
    let body = http::read_body(&req, &mut payload, state.limits.import_body_bytes).await?;
    let once = idempotent::claim(&req, "offers/bulk", &body)?;
    let offers = web::block(move || bulk_offers(&body, form)).await??;
    match service::create_many(&state.services, &caller, once, offers).await? {
        Written::Done(stored) => Ok(HttpResponse::Created().json(stored)),
        Written::Replayed { status, body } => idempotent::replayed(status, body, None),
    }
}

/// The forms a bulk body comes in.
#[derive(Clone, Copy)]
pub enum Form {
    Json,
    Ndjson,
    Csv,
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
];

/// Decodes and checks every offer of a bulk body, reporting all problems at once. Each offer
/// comes with the name of its place in the body (`[3]`, or `line 5` in a CSV).
/// (The web pages' CSV upload reads its file with this too.)
pub fn bulk_offers(body: &[u8], form: Form) -> AppResult<Vec<(String, (String, Fields))>> {
    let offers = match form {
        Form::Json => {
            let offers: Vec<NewOffer> = http::decode_json(body)?;
            offers.into_iter().enumerate().map(|(i, offer)| (format!("[{i}]"), Ok(offer))).collect()
        }
        Form::Ndjson => ndjson_offers(body)?.into_iter().map(|(at, offer)| (at, Ok(offer))).collect(),
        Form::Csv => csv_offers(body)?,
    };
    if offers.len() > MAX_BULK_OFFERS {
        return Err(AppError::invalid("body", format!("at most {MAX_BULK_OFFERS} offers in one call")));
    }
    let mut checked = Vec::with_capacity(offers.len());
    let mut problems = Vec::new();
    for (at, offer) in offers {
        match offer.and_then(NewOffer::into_fields) {
            Ok(fields) => checked.push((at, fields)),
            Err(AppError::Validation(errors)) => problems.extend(named(&at, errors)),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(AppError::Validation(problems))
    }
}

fn ndjson_offers(body: &[u8]) -> AppResult<Vec<(String, NewOffer)>> {
    let text = std::str::from_utf8(body).map_err(|e| AppError::BadRequest {
        detail: format!("the body is not valid UTF-8 (byte {})", e.valid_up_to()),
        errors: vec![FieldError::new("body", "invalid UTF-8")],
    })?;
    let lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
    lines
        .enumerate()
        .map(|(i, (line, json))| {
            let at = format!("[{i}]");
            match http::decode_json(json.as_bytes()) {
                Ok(offer) => Ok((at, offer)),
                Err(AppError::Validation(errors)) => Err(AppError::Validation(named(&at, errors))),
                Err(AppError::BadRequest { detail, .. }) => Err(AppError::BadRequest {
                    detail: format!("line {}: {detail}", line + 1),
                    errors: vec![FieldError::new(at, "not a JSON object")],
                }),
                Err(other) => Err(other),
            }
        })
        .collect()
}

/// Each CSV row, read as the JSON object of an offer and decoded as a JSON body is; a row that
/// does not decode is reported with the checks of the others.
fn csv_offers(body: &[u8]) -> AppResult<Vec<(String, AppResult<NewOffer>)>> {
    let rows = csv_rows::json_rows(body, CSV_COLUMNS, &["provider", "title"])?;
    rows.into_iter()
        .map(|row| {
            let json = serde_json::to_vec(&Value::Object(row.object)).map_err(AppError::internal)?;
            Ok((format!("line {}", row.line), http::decode_json(&json)))
        })
        .collect()
}
