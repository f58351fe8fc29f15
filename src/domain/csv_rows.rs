//! A CSV body read as JSON objects, one per row, so a spreadsheet export goes through the same
//! decoding and checks as a JSON body. The header names the fields; each column has a kind that
//! says how its cells become JSON: an empty cell leaves the field out.

use serde_json::{Map, Value};

use crate::error::{AppError, Arg, FieldError, Said};

/// How the cells of a column become JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// A string, as written (trimmed).
    Text,
    /// A list of strings, separated by `;` (blank items dropped).
    List,
    /// `true`/`false` (also `yes`/`no`, `1`/`0`, any case).
    Flag,
    /// A whole number.
    Integer,
}

/// One column a CSV may carry, by its header name.
pub struct Column {
    pub name: &'static str,
    pub cell: Cell,
}

/// A row read as a JSON object, with the line it starts on (the header is line 1) and its cells
/// that could not be read (left out of the object, named by their column), so the checks of the
/// rest still run and every problem is reported at once.
pub struct Row {
    pub line: u64,
    pub object: Map<String, Value>,
    pub problems: Vec<FieldError>,
}

/// Reads every row; `required` columns must be in the header (and their empty cells are kept as
/// `""`), and a column not in `columns` is refused. A malformed row fails the whole body (every
/// one named `line N`); a cell that cannot be read is kept with its row.
pub fn json_rows(body: &[u8], columns: &[Column], required: &[&str]) -> Result<Vec<Row>, AppError> {
    let mut reader = reader(body)?;
    let header = reader.headers().map_err(unreadable_header)?.clone();
    let kinds = header_kinds(&header, columns, required)?;

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(FieldError::said(format!("line {line}"), malformed_row(&e)));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let mut object = Map::new();
        let mut cells = Vec::new();
        for ((name, cell), raw) in kinds.iter().zip(record.iter()) {
            let keep_empty = required.contains(name);
            match cell_value(*cell, raw.trim(), keep_empty) {
                Ok(Some(value)) => {
                    object.insert(name.to_string(), value);
                }
                Ok(None) => {}
                Err(said) => cells.push(FieldError::said(*name, said)),
            }
        }
        rows.push(Row { line, object, problems: cells });
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    Ok(rows)
}

/// The problem with a header the CSV reader could not read.
pub fn unreadable_header(e: csv::Error) -> AppError {
    AppError::invalid("line 1", Said::new("field-csv-header", vec![("why", e.to_string().into())]))
}

/// The problem with a row the CSV reader could not read.
pub fn malformed_row(e: &csv::Error) -> Said {
    Said::new("field-csv-row", vec![("why", e.to_string().into())])
}

/// A strict CSV reader (every row as long as the header) over a body that must be UTF-8.
pub fn reader(body: &[u8]) -> Result<csv::Reader<&[u8]>, AppError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        let line = body[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        AppError::unreadable(
            format!("line {line}"),
            format!("the CSV is not valid UTF-8 (line {line})"),
            Said::of("field-invalid-utf8"),
        )
    })?;
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(AppError::invalid(format!("line {line}"), Said::of("field-nul")));
    }
    Ok(csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes()))
}

fn header_kinds<'a>(
    header: &'a csv::StringRecord,
    columns: &[Column],
    required: &[&str],
) -> Result<Vec<(&'a str, Cell)>, AppError> {
    let known = || columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ");
    let mut kinds = Vec::with_capacity(header.len());
    for name in header.iter().map(str::trim) {
        let column = columns.iter().find(|c| c.name == name).ok_or_else(|| {
            AppError::invalid(
                "line 1",
                Said::new("field-csv-unknown-column", vec![("name", name.into()), ("columns", known().into())]),
            )
        })?;
        if kinds.iter().any(|(seen, _)| *seen == name) {
            return Err(AppError::invalid("line 1", Said::new("field-csv-column-twice", vec![("name", name.into())])));
        }
        kinds.push((name, column.cell));
    }
    let missing: Vec<&str> = required.iter().copied().filter(|r| !kinds.iter().any(|(name, _)| name == r)).collect();
    if !missing.is_empty() {
        let columns = Arg::Text(missing.join(", "));
        return Err(AppError::invalid("line 1", Said::new("field-csv-missing-columns", vec![("columns", columns)])));
    }
    Ok(kinds)
}

/// The characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`, and
/// tab or carriage return, which some spreadsheets skip before one).
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A cell as a download writes it: text a spreadsheet would run as a formula
/// (`=HYPERLINK(...)`, `@SUM(...)`) gets a leading `'`, which spreadsheets read as "this is
/// text" and do not show. Numbers such as `-5` stay numbers. A text made of quotes and then a
/// formula gets one quote more, so that [`unguarded`] gives every text back as it was.
pub fn formula_safe(cell: String) -> String {
    let formula = cell.starts_with(FORMULA_STARTS) && cell.trim().parse::<f64>().is_err();
    if formula || (cell.starts_with('\'') && cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A text cell as an upload reads it: one `'` before quotes and a formula-like text, as
/// [`formula_safe`] writes it, is taken off again, so a downloaded file uploads as it was.
fn unguarded(raw: &str) -> &str {
    match raw.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => raw,
    }
}

/// The JSON of one cell; an empty cell is left out, unless its column is required, where it is
/// kept as an empty string for the checks to name.
fn cell_value(cell: Cell, raw: &str, keep_empty: bool) -> Result<Option<Value>, Said> {
    if raw.is_empty() {
        return Ok(keep_empty.then(|| Value::from("")));
    }
    let value = match cell {
        Cell::Text => Value::from(unguarded(raw)),
        Cell::List => Value::from(raw.split(';').map(str::trim).filter(|item| !item.is_empty()).collect::<Vec<_>>()),
        Cell::Flag => match raw.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Value::Bool(true),
            "false" | "no" | "0" => Value::Bool(false),
            _ => return Err(Said::new("field-csv-flag", vec![("value", raw.into())])),
        },
        Cell::Integer => Value::from(
            raw.parse::<i64>().map_err(|_| Said::new("field-csv-whole-number", vec![("value", raw.into())]))?,
        ),
    };
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const COLUMNS: &[Column] = &[
        Column { name: "title", cell: Cell::Text },
        Column { name: "themes", cell: Cell::List },
        Column { name: "global", cell: Cell::Flag },
        Column { name: "capacity", cell: Cell::Integer },
    ];

    fn rows(csv: &str) -> Result<Vec<Value>, AppError> {
        let read = json_rows(csv.as_bytes(), COLUMNS, &["title"])?;
        let problems: Vec<FieldError> = read
            .iter()
            .flat_map(|r| {
                r.problems.iter().map(|p| FieldError::new(format!("line {}: {}", r.line, p.field), &p.message))
            })
            .collect();
        if !problems.is_empty() {
            return Err(AppError::Validation(problems));
        }
        Ok(read.into_iter().map(|r| Value::Object(r.object)).collect())
    }

    fn fields(err: AppError) -> Vec<String> {
        match err {
            AppError::Validation(errors) => errors.into_iter().map(|e| format!("{}: {}", e.field, e.message)).collect(),
            other => vec![other.to_string()],
        }
    }

    #[test]
    fn cells_become_json_by_their_column() {
        let read = rows("title,themes,global,capacity\n Help ,torture; detention;,Yes,3\n\"A, B\",,,\n").unwrap();
        assert_eq!(
            read[0],
            json!({"title": "Help", "themes": ["torture", "detention"], "global": true, "capacity": 3})
        );
        assert_eq!(read[1], json!({"title": "A, B"}), "empty cells leave the field out");
        let blank_title = rows("title,themes\n,torture\n").unwrap();
        assert_eq!(blank_title[0], json!({"title": "", "themes": ["torture"]}), "unless it is required");
    }

    #[test]
    fn a_downloaded_formula_like_text_uploads_as_it_was() {
        for (text, guarded) in [
            ("=1+2", true),
            ("@home", true),
            ("-  training", true),
            ("'=x", true),
            ("''@x", true),
            ("'x'", false),
            ("-5", false),
        ] {
            let cell = formula_safe(text.to_string());
            assert_eq!(cell != text, guarded, "{cell}");
            let csv = format!("title\n\"{}\"\n", cell.replace('"', "\"\""));
            assert_eq!(rows(&csv).unwrap(), vec![json!({"title": text})], "{csv}");
        }
    }

    #[test]
    fn every_bad_cell_is_named_by_line_and_column() {
        let err = rows("title,global,capacity\nx,perhaps,2\ny,no,two\n").unwrap_err();
        assert_eq!(
            fields(err),
            [
                "line 2: global: 'perhaps' is not true or false (also yes/no, 1/0)",
                "line 3: capacity: 'two' is not a whole number"
            ]
        );
    }

    #[test]
    fn the_header_is_checked() {
        assert_eq!(fields(rows("themes\ntorture\n").unwrap_err()), ["line 1: missing column(s) title"]);
        let unknown = fields(rows("title,colour\nx,red\n").unwrap_err());
        assert_eq!(unknown, ["line 1: unknown column 'colour'; the columns are title, themes, global, capacity"]);
        assert_eq!(fields(rows("title,title\nx,y\n").unwrap_err()), ["line 1: column 'title' appears twice"]);
    }

    #[test]
    fn ragged_rows_and_bad_encoding_are_refused() {
        assert!(fields(rows("title,themes\nx\n").unwrap_err())[0].starts_with("line 2: malformed CSV row"));
        assert!(matches!(json_rows(b"title\n\xff\n", COLUMNS, &[]), Err(AppError::BadRequest { .. })));
    }
}
