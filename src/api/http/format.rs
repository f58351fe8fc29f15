//! What form a list answers in: JSON (one page), or a spreadsheet, CSV or XLSX (every item the
//! filters select, streamed), chosen by `?format=` first, then by `Accept`.

use actix_web::http::header;
use actix_web::HttpRequest;

use crate::error::{AppError, AppResult, Said};
use crate::export::{Sheet, XLSX_MEDIA_TYPE as XLSX};

/// The forms a list can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
    /// IATI activity XML (engagements only).
    Iati,
}

impl Format {
    /// The spreadsheet this form is, if it is one.
    pub fn sheet(self) -> Option<Sheet> {
        match self {
            Format::Csv => Some(Sheet::Csv),
            Format::Xlsx => Some(Sheet::Xlsx),
            Format::Json | Format::Iati => None,
        }
    }
}

const CSV: &str = "text/csv";
const JSON: &str = "application/json";

/// `?format=` (`json`, `csv` or `xlsx`; 400 otherwise), else the media type `Accept` prefers
/// among JSON, CSV and XLSX (the earlier range on a tie; `*/*` or none at all is JSON).
pub fn format(req: &HttpRequest, param: Option<&str>) -> AppResult<Format> {
    if let Some(value) = param {
        return match value.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(AppError::bad_param("format", Said::one_of("json, csv, xlsx"))),
        };
    }
    let accept = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    Ok(match preferred(accept) {
        Format::Iati => Format::Json,
        form => form,
    })
}

/// As [`format`], where IATI XML may also be asked for: `?format=iati`, or `Accept` preferring
/// `application/xml` (or `text/xml`) to JSON and the spreadsheets.
pub fn format_or_iati(req: &HttpRequest, param: Option<&str>) -> AppResult<Format> {
    if let Some(value) = param {
        if value.trim().eq_ignore_ascii_case("iati") {
            return Ok(Format::Iati);
        }
        return format(req, Some(value))
            .map_err(|_| AppError::bad_param("format", Said::one_of("json, csv, xlsx, iati")));
    }
    let accept = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    Ok(preferred(accept))
}

/// The preferred form in an `Accept` header.
fn preferred(accept: &str) -> Format {
    let mut best: Option<(f32, Format)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.trim().parse::<f32>().ok()))
            .next()
            .unwrap_or(1.0);
        let form = match media.as_str() {
            CSV | "text/*" => Format::Csv,
            XLSX => Format::Xlsx,
            JSON | "application/*" | "*/*" => Format::Json,
            "application/xml" | "text/xml" => Format::Iati,
            _ => continue,
        };
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, form));
        }
    }
    best.map_or(Format::Json, |(_, form)| form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn chosen(accept: &str, param: Option<&str>) -> AppResult<Format> {
        format(&TestRequest::default().insert_header((header::ACCEPT, accept)).to_http_request(), param)
    }

    #[test]
    fn the_parameter_wins_then_the_preferred_accepted_type_then_json() {
        assert_eq!(chosen("application/json", Some(" CSV ")).unwrap(), Format::Csv);
        assert!(chosen("", Some("xml")).is_err());
        assert_eq!(chosen("text/csv", None).unwrap(), Format::Csv);
        assert_eq!(chosen("text/csv;q=0.5, application/json", None).unwrap(), Format::Json);
        assert_eq!(chosen("application/json;q=0.4, text/csv;q=0.9", None).unwrap(), Format::Csv);
        assert_eq!(chosen("text/csv, application/json", None).unwrap(), Format::Csv, "the first on a tie");
        assert_eq!(chosen("text/csv;q=0, */*", None).unwrap(), Format::Json);
        assert_eq!(chosen("text/html, image/png", None).unwrap(), Format::Json);
        assert_eq!(chosen("", Some("xlsx")).unwrap(), Format::Xlsx);
        assert_eq!(chosen(&format!("{XLSX}, text/csv;q=0.5"), None).unwrap(), Format::Xlsx);
        assert_eq!(chosen("", None).unwrap(), Format::Json);
        assert_eq!(chosen("application/xml", None).unwrap(), Format::Json, "no XML where IATI is not offered");
    }

    #[test]
    fn iati_is_asked_for_by_name_or_by_xml() {
        let req = |accept: &str| TestRequest::default().insert_header((header::ACCEPT, accept)).to_http_request();
        assert_eq!(format_or_iati(&req(""), Some("IATI")).unwrap(), Format::Iati);
        assert_eq!(format_or_iati(&req(""), Some("csv")).unwrap(), Format::Csv);
        assert!(format_or_iati(&req(""), Some("pdf")).is_err());
        assert_eq!(format_or_iati(&req("application/xml, application/json;q=0.5"), None).unwrap(), Format::Iati);
        assert_eq!(format_or_iati(&req("application/json, text/xml;q=0.1"), None).unwrap(), Format::Json);
    }
}
