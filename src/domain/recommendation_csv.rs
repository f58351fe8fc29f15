//! Parses the UPR Info CSV export (columns To, Text, From, Response, Action, Issue, Session;
//! others ignored) into validated recommendations. A file with any bad row is rejected whole,
//! with the line number of each bad row.

use super::catalog::Catalog;
use super::csv_rows;
use super::validate::MAX_TEXT_CHARS;
use super::vocab::Response;
use crate::error::{AppError, Arg, FieldError, Said};

/// Report at most this many bad rows; the rest of the file is still checked for the count.
const MAX_REPORTED_ERRORS: usize = 50;
pub const MAX_ROWS: usize = 100_000;
const REQUIRED_COLUMNS: &[&str] = &["To", "Text", "From", "Response", "Issue", "Session"];

/// One valid row, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRecommendation {
    pub state_under_review: String,
    pub recommending_state: Option<String>,
    pub cycle: i32,
    pub session: i32,
    pub text: String,
    pub response: Response,
    pub action_category: Option<i32>,
    pub themes: Vec<String>,
}

/// The UPR cycle a Working Group session belongs to (14 sessions a cycle from the second one;
/// the first cycle had 12).
pub fn cycle_of_session(session: i32) -> i32 {
    if session <= 12 {
        1
    } else {
        2 + (session - 13) / 14
    }
}

pub fn parse(body: &[u8]) -> Result<Vec<ImportedRecommendation>, AppError> {
    let mut reader = csv_rows::reader(body)?;
    let headers = reader.headers().map_err(csv_rows::unreadable_header)?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let missing: Vec<&str> = REQUIRED_COLUMNS.iter().copied().filter(|c| column(c).is_none()).collect();
    if !missing.is_empty() {
        let columns = Arg::Text(missing.join(", "));
        return Err(AppError::invalid("line 1", Said::new("field-csv-upr-columns", vec![("columns", columns)])));
    }
    let idx = |name: &str| column(name).expect("checked above");
    let (to, txt, from, resp, issue, session) =
        (idx("To"), idx("Text"), idx("From"), idx("Response"), idx("Issue"), idx("Session"));
    let action = column("Action");

    let catalog = Catalog::shipped();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut bad_rows = 0usize;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                bad_rows += 1;
                push_capped(&mut errors, line, csv_rows::malformed_row(&e));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if rows.len() + bad_rows >= MAX_ROWS {
            let max = Arg::Number(MAX_ROWS as i64);
            return Err(AppError::invalid(format!("line {line}"), Said::new("field-csv-max-rows", vec![("max", max)])));
        }
        let get = |i: usize| decode_entities(record.get(i).unwrap_or("").trim());
        match parse_row(
            catalog,
            &get(to),
            &get(txt),
            &get(from),
            &get(resp),
            &get(issue),
            &get(session),
            action.map(get),
        ) {
            Ok(row) => rows.push(row),
            Err(message) => {
                bad_rows += 1;
                push_capped(&mut errors, line, message);
            }
        }
    }
    if bad_rows > 0 {
        if bad_rows > errors.len() {
            let counts = vec![("count", Arg::Number(bad_rows as i64)), ("listed", Arg::Number(errors.len() as i64))];
            errors.push(FieldError::said("file", Said::new("field-csv-bad-rows", counts)));
        }
        return Err(AppError::Validation(errors));
    }
    if rows.is_empty() {
        return Err(AppError::invalid("file", Said::of("field-csv-no-rows")));
    }
    Ok(rows)
}

fn push_capped(errors: &mut Vec<FieldError>, line: u64, said: Said) {
    if errors.len() < MAX_REPORTED_ERRORS {
        errors.push(FieldError::said(format!("line {line}"), said));
    }
}

#[allow(clippy::too_many_arguments)]
fn parse_row(
    catalog: &Catalog,
    to: &str,
    text: &str,
    from: &str,
    response: &str,
    issues: &str,
    session: &str,
    action: Option<String>,
) -> Result<ImportedRecommendation, Said> {
    let state = |column: &str, name: &str| {
        catalog
            .state_by_name(name)
            .or_else(|| catalog.state(&name.to_ascii_uppercase()))
            .map(|s| s.code.clone())
            .ok_or_else(|| Said::new("field-upr-unknown-state", vec![("column", column.into()), ("name", name.into())]))
    };
    let state_under_review = state("To", to)?;
    let recommending_state = match from {
        "" | "(Unknown)" => None,
        name => Some(state("From", name)?),
    };
    if text.is_empty() {
        return Err(Said::of("field-upr-empty-text"));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Said::new("field-upr-long-text", vec![("max", Arg::Number(MAX_TEXT_CHARS as i64))]));
    }
    let response = match response.to_ascii_lowercase().as_str() {
        "accepted" | "supported" => Response::Supported,
        "noted" | "rejected" => Response::Noted,
        other => return Err(Said::new("field-upr-response", vec![("value", other.into())])),
    };
    let session: i32 = session
        .parse()
        .ok()
        .filter(|s| (1..=99).contains(s))
        .ok_or_else(|| Said::new("field-upr-session", vec![("value", session.into())]))?;
    let action_category = match action.as_deref() {
        None | Some("") => None,
        Some(a) => Some(
            a.parse::<i32>()
                .ok()
                .filter(|a| (1..=5).contains(a))
                .ok_or_else(|| Said::new("field-upr-action", vec![("value", a.into())]))?,
        ),
    };
    let mut themes: Vec<String> = Vec::new();
    for label in issues.split(',').map(str::trim).filter(|l| !l.is_empty()) {
        let theme = catalog
            .theme_by_upr_label(label)
            .or_else(|| catalog.theme(label))
            .ok_or_else(|| Said::new("field-upr-issue", vec![("label", label.into())]))?;
        if !themes.contains(&theme.slug) {
            themes.push(theme.slug.clone());
        }
    }
    Ok(ImportedRecommendation {
        state_under_review,
        recommending_state,
        cycle: cycle_of_session(session),
        session,
        text: text.to_string(),
        response,
        action_category,
        themes,
    })
}

/// Decodes numeric HTML entities (`&#40;`), which the UPR Info export leaves in some cells.
fn decode_entities(s: &str) -> String {
    if !s.contains("&#") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("&#") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let decoded = after.find(';').filter(|&end| end > 0 && end <= 7).and_then(|end| {
            after[..end].parse::<u32>().ok().filter(|&n| n != 0).and_then(char::from_u32).map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n";

    #[test]
    fn parses_rows_and_maps_vocabulary() {
        let csv = format!(
            "{HEADER}Kenya,Africa,AU,\"Ratify OPCAT, promptly.\",Norway,WEOG,,Accepted,5,\"Torture and other CID treatment,International instruments\",10\n\
             Kenya,Africa,AU,Consider a moratorium.,&#40;Unknown&#41;,,,Noted,,Death penalty,23\n"
        );
        let rows = parse(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].state_under_review, "KEN");
        assert_eq!(rows[0].recommending_state.as_deref(), Some("NOR"));
        assert_eq!(rows[0].response, Response::Supported);
        assert_eq!(rows[0].themes.len(), 2);
        assert_eq!(rows[0].cycle, 1);
        assert_eq!(rows[1].recommending_state, None);
        assert_eq!(rows[1].action_category, None);
        assert_eq!(rows[1].cycle, 2);
    }

    #[test]
    fn bad_rows_are_reported_by_line() {
        let csv = format!(
            "{HEADER}Kenya,Africa,AU,Fine.,Norway,WEOG,,Accepted,5,Justice,10\n\
             Atlantis,Africa,AU,Bad state.,Norway,WEOG,,Accepted,5,Justice,10\n\
             Kenya,Africa,AU,Bad response.,Norway,WEOG,,Maybe,5,Justice,10\n"
        );
        let Err(AppError::Validation(errors)) = parse(csv.as_bytes()) else { panic!("expected errors") };
        assert_eq!(errors[0].field, "line 3");
        assert!(errors[0].message.contains("Atlantis"));
        assert_eq!(errors[1].field, "line 4");
    }

    #[test]
    fn rejects_missing_columns_and_bad_utf8() {
        assert!(matches!(parse(b"To,Text\nKenya,x\n"), Err(AppError::Validation(_))));
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"Kenya,Africa,AU,\xff,Norway,WEOG,,Accepted,5,Justice,10\n");
        assert!(matches!(parse(&bytes), Err(AppError::BadRequest { .. })));
    }

    #[test]
    fn cycles_follow_sessions() {
        assert_eq!(cycle_of_session(1), 1);
        assert_eq!(cycle_of_session(12), 1);
        assert_eq!(cycle_of_session(13), 2);
        assert_eq!(cycle_of_session(26), 2);
        assert_eq!(cycle_of_session(27), 3);
        assert_eq!(cycle_of_session(41), 4);
    }

    #[test]
    fn decodes_numeric_entities() {
        assert_eq!(decode_entities("&#40;Unknown&#41;"), "(Unknown)");
        assert_eq!(decode_entities("a &# b"), "a &# b");
    }
}
