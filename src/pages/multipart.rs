//! Reads a `multipart/form-data` body, as a browser sends a form with a file: each part's
//! field name and bytes. Enough for the pages' own forms (a file and a few fields); anything
//! else is a bad request.

use actix_web::http::header;
use actix_web::{web, HttpRequest};

use super::{InPage, Lang, PageError, Viewer};
use crate::api::http::read_body;
use crate::error::{AppError, Said};

/// A form that posts a CSV file (field `file`) with the session's token to `/{lang}{path}`.
pub fn csv_form(lang: Lang, viewer: &Viewer, path: &str, submit: &str) -> maud::Markup {
    maud::html! {
        form.stacked method="post" action={ "/" (lang.code()) (path) } enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(viewer.csrf());
            div.field.wide {
                label for="file" { (lang.t("upload-file")) }
                input #file type="file" name="file" accept=".csv,text/csv" required;
            }
            button type="submit" { (submit) }
        }
    }
}

/// The file of a form with a `file` field and the session's token (`csrf`), at most `limit`
/// bytes in all; the token checked. An empty file is empty, for the page to say so.
pub async fn posted_file(
    req: &HttpRequest,
    payload: &mut web::Payload,
    limit: usize,
    lang: Lang,
    viewer: &Viewer,
) -> Result<Vec<u8>, PageError> {
    let body = read_body(req, payload, limit).await.in_page(lang)?;
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mut parts = parts(content_type, &body).in_page(lang)?;
    let token = parts.iter().find(|p| p.name == "csrf").map_or("", |p| std::str::from_utf8(&p.data).unwrap_or(""));
    viewer.check_form(lang, token)?;
    Ok(parts.iter().position(|p| p.name == "file").map(|i| parts.swap_remove(i).data).unwrap_or_default())
}

/// One field of the form: its name, the file's name if it is a file, and its bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

/// A posted form that could not be read, and why.
pub fn unreadable(why: &str) -> AppError {
    let said = Said::new("detail-form-unreadable", vec![("why", why.into())]);
    AppError::unreadable("form", format!("the form could not be read: {why}"), said)
}

/// The parts of `body`, given the request's `Content-Type`.
pub fn parts(content_type: &str, body: &[u8]) -> Result<Vec<Part>, AppError> {
    let (media, params) = content_type.split_once(';').ok_or_else(|| unreadable("not multipart/form-data"))?;
    if !media.trim().eq_ignore_ascii_case("multipart/form-data") {
        return Err(unreadable("not multipart/form-data"));
    }
    let boundary = params
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim_matches('"'))
        .filter(|b| !b.is_empty() && b.len() <= 70)
        .ok_or_else(|| unreadable("no boundary"))?;
    let delimiter = format!("--{boundary}");
    let mut sections = split(body, delimiter.as_bytes());
    // Before the first delimiter: a preamble, ignored.
    sections.next();
    let mut found = Vec::new();
    for section in sections {
        if section.starts_with(b"--") {
            return Ok(found);
        }
        let section =
            section.strip_prefix(b"\r\n").ok_or_else(|| unreadable("a part does not start on its own line"))?;
        let section = section.strip_suffix(b"\r\n").ok_or_else(|| unreadable("a part does not end on its own line"))?;
        let at = find(section, b"\r\n\r\n").ok_or_else(|| unreadable("a part has no headers"))?;
        let headers = std::str::from_utf8(&section[..at]).map_err(|_| unreadable("a part's headers are not UTF-8"))?;
        let disposition = headers
            .split("\r\n")
            .find_map(|h| h.split_once(':').filter(|(k, _)| k.trim().eq_ignore_ascii_case("content-disposition")))
            .map(|(_, v)| v)
            .ok_or_else(|| unreadable("a part has no Content-Disposition"))?;
        let param = |key: &str| {
            disposition
                .split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.trim_matches('"').to_string())
        };
        let name = param("name").ok_or_else(|| unreadable("a part has no name"))?;
        found.push(Part { name, filename: param("filename"), data: section[at + 4..].to_vec() });
    }
    Err(unreadable("the body ends before its closing boundary"))
}

/// The pieces of `body` between occurrences of `delimiter`.
fn split<'a>(body: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let current = rest?;
        match find(current, delimiter) {
            Some(at) => {
                rest = Some(&current[at + delimiter.len()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPE: &str = "multipart/form-data; boundary=----b0undary";

    #[test]
    fn fields_and_files_are_read_with_their_bytes() {
        let body = b"preamble\r\n------b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n\
            ------b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"offers.csv\"\r\n\
            Content-Type: text/csv\r\n\r\nprovider,title\r\nNOR,Help\r\n\r\n------b0undary--\r\n";
        let found = parts(TYPE, body).unwrap();
        assert_eq!(found[0], Part { name: "csrf".into(), filename: None, data: b"abc".to_vec() });
        assert_eq!(found[1].filename.as_deref(), Some("offers.csv"));
        assert_eq!(found[1].data, b"provider,title\r\nNOR,Help\r\n");
    }

    #[test]
    fn what_is_not_a_whole_form_is_refused() {
        assert!(parts("application/x-www-form-urlencoded", b"a=b").is_err());
        assert!(parts("multipart/form-data", b"").is_err(), "no boundary");
        let cut = b"------b0undary\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nhalf";
        assert!(parts(TYPE, cut).is_err(), "no closing boundary");
        let nameless = b"------b0undary\r\nContent-Disposition: form-data\r\n\r\nx\r\n------b0undary--";
        assert!(parts(TYPE, nameless).is_err());
    }
}
