//! XLSX downloads (one Excel sheet, written by `rust_xlsxwriter`): the CSV download's columns,
//! numbers as numbers, the header bold and frozen with a filter on it. Rows go to the sheet's
//! temporary file as they come (the crate's constant-memory mode: a 100,000-row list never sits
//! in memory whole), and the finished workbook is zipped straight into the answer, a chunk at a
//! time, by a blocking thread.

use std::io::Write;

use actix_web::web::Bytes;
use actix_web::HttpResponse;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use tokio::sync::mpsc;

use super::table::Columns;
use crate::error::{AppError, AppResult, Said};

pub const MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Rows an Excel sheet holds, header included.
const MAX_ROWS: u32 = 1_048_576;
/// Characters an Excel cell holds; longer text is cut there.
const MAX_CELL_CHARS: usize = 32_767;
/// Bytes of the zipped workbook sent at a time.
const CHUNK: usize = 64 * 1024;

/// A workbook being filled, a page of rows at a time.
pub struct Book {
    workbook: Workbook,
    numeric: Vec<bool>,
    rows: u32,
}

impl Book {
    /// A workbook of one sheet with `columns`' header.
    pub fn new(columns: &Columns) -> AppResult<Book> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet_with_constant_memory().map_err(failed)?;
        let bold = Format::new().set_bold();
        for (col, name) in (0u16..).zip(columns.names) {
            sheet.write_string_with_format(0, col, *name, &bold).map_err(failed)?;
            sheet.set_column_width(col, width(name)).map_err(failed)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        let numeric = columns.names.iter().map(|n| columns.numbers.contains(n)).collect();
        Ok(Book { workbook, numeric, rows: 1 })
    }

    /// Appends rows: a cell of a numeric column that reads as a number is written as one, any
    /// other as text (never as a formula), an empty one not at all.
    pub fn append(&mut self, rows: impl IntoIterator<Item = Vec<String>>) -> AppResult<()> {
        let sheet = self.workbook.worksheet_from_index(0).map_err(failed)?;
        for row in rows {
            if self.rows >= MAX_ROWS {
                return Err(AppError::bad_param("format", Said::of("field-xlsx-rows")));
            }
            for ((col, cell), numeric) in (0u16..).zip(&row).zip(&self.numeric) {
                write_cell(sheet, self.rows, col, cell, *numeric)?;
            }
            self.rows += 1;
        }
        Ok(())
    }

    /// The finished workbook as the body of `download`, zipped while it is sent.
    pub fn answer(mut self, mut download: actix_web::HttpResponseBuilder) -> AppResult<HttpResponse> {
        let last_col = (self.numeric.len().max(1) - 1) as u16;
        let sheet = self.workbook.worksheet_from_index(0).map_err(failed)?;
        sheet.autofilter(0, 0, self.rows - 1, last_col).map_err(failed)?;
        let (sender, chunks) = mpsc::channel::<Bytes>(4);
        tokio::task::spawn_blocking(move || {
            let mut pipe = Pipe { sender, buffer: Vec::with_capacity(CHUNK) };
            let saved = self.workbook.save_to_writer(&mut pipe).map_err(failed).and_then(|()| pipe.send());
            if let Err(e) = saved {
                tracing::warn!(error = %e, "an XLSX download stopped");
            }
        });
        let body = futures_util::stream::unfold(chunks, |mut chunks| async move {
            chunks.recv().await.map(|chunk| (Ok::<_, AppError>(chunk), chunks))
        });
        Ok(download.content_type(MEDIA_TYPE).streaming(body))
    }
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, cell: &str, numeric: bool) -> AppResult<()> {
    if cell.is_empty() {
        return Ok(());
    }
    let number = numeric.then(|| cell.parse::<f64>().ok()).flatten().filter(|n| n.is_finite());
    match number {
        Some(n) => sheet.write_number(row, col, n),
        None => sheet.write_string(row, col, clipped(cell)),
    }
    .map(|_| ())
    .map_err(failed)
}

/// `text` cut to what a cell holds.
fn clipped(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// A column's width in characters: wide for running text, else its name's.
fn width(name: &str) -> f64 {
    match name {
        "title" | "description" | "text" | "reasons" | "request_title" | "offer_title" => 50.0,
        _ => (name.len() + 3).max(10) as f64,
    }
}

fn failed(e: XlsxError) -> AppError {
    AppError::internal(format!("cannot write the XLSX download: {e}"))
}

/// The zipped workbook, as written, into the answer's body a chunk at a time; a client gone
/// away stops the writing.
struct Pipe {
    sender: mpsc::Sender<Bytes>,
    buffer: Vec<u8>,
}

impl Pipe {
    fn send(&mut self) -> AppResult<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK)));
        self.sender.blocking_send(chunk).map_err(|_| AppError::internal("the client went away"))
    }
}

impl Write for Pipe {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send().map_err(|e| std::io::Error::new(std::io::ErrorKind::BrokenPipe, e.to_string()))?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_a_character_boundary() {
        let long = "é".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(clipped(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(clipped("short"), "short");
    }
}
