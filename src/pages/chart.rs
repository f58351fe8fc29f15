//! Charts drawn on the server as SVG: they need no JavaScript, print, and scale. Each is a
//! `figure` whose SVG is an image named by its caption; the table beside it on the page holds
//! the same numbers as text. In a right-to-left page the chart is drawn mirrored (labels on the
//! right, bars growing leftwards), in the SVG's own left-to-right coordinates: the SVG says
//! `direction="ltr"`, or it would inherit the page's and turn every `text-anchor` around.

use maud::{html, Markup, PreEscaped};

use super::Lang;

/// One row of a bar chart: its label and one value per series.
pub struct Bar {
    pub label: String,
    pub values: Vec<u32>,
}

/// The series' colours: dark enough against white for WCAG's 3:1 for graphics, and told apart
/// by more than hue (the legend names them, and each bar carries its number).
const COLOURS: [&str; 3] = ["#0a4f8f", "#b35900", "#1d6b35"];

const WIDTH: f64 = 720.0;
const LABEL_WIDTH: f64 = 260.0;
const BAR_HEIGHT: f64 = 14.0;
const ROW_GAP: f64 = 10.0;
const VALUE_ROOM: f64 = 48.0;

/// Horizontal bars, one group per row, one bar per series (`series` names them in the legend).
pub fn bars(lang: Lang, id: &str, caption: &str, series: &[String], rows: &[Bar]) -> Markup {
    let max = rows.iter().flat_map(|r| r.values.iter().copied()).max().unwrap_or(0).max(1);
    let row_height = BAR_HEIGHT * series.len() as f64 + ROW_GAP;
    let legend_height = 28.0;
    let height = legend_height + row_height * rows.len() as f64;
    let rtl = lang.dir() == "rtl";
    let scale = (WIDTH - LABEL_WIDTH - VALUE_ROOM) / f64::from(max);
    // x along the reading direction: from the label's side.
    let x = |from_start: f64| if rtl { WIDTH - from_start } else { from_start };
    let (anchor_start, anchor_end) = if rtl { ("end", "start") } else { ("start", "end") };
    let mut svg = String::new();
    for (i, name) in series.iter().enumerate() {
        let at = LABEL_WIDTH + 150.0 * i as f64;
        let square = if rtl { x(at) - 12.0 } else { x(at) };
        svg += &format!(
            r#"<rect x="{square:.1}" y="6" width="12" height="12" fill="{}"/><text x="{:.1}" y="16" text-anchor="{anchor_start}">{}</text>"#,
            COLOURS[i % COLOURS.len()],
            x(at + 18.0),
            escape(name)
        );
    }
    for (r, row) in rows.iter().enumerate() {
        let top = legend_height + row_height * r as f64;
        svg += &format!(
            r#"<text x="{:.1}" y="{:.1}" text-anchor="{anchor_end}">{}</text>"#,
            x(LABEL_WIDTH - 8.0),
            top + BAR_HEIGHT * series.len() as f64 / 2.0 + 4.0,
            escape(&shorten(&row.label, 38))
        );
        for (i, value) in row.values.iter().enumerate() {
            let length = f64::from(*value) * scale;
            let y = top + BAR_HEIGHT * i as f64;
            let left = if rtl { x(LABEL_WIDTH) - length } else { x(LABEL_WIDTH) };
            svg += &format!(
                r#"<rect x="{left:.1}" y="{y:.1}" width="{length:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" text-anchor="{anchor_start}" class="value">{}</text>"#,
                BAR_HEIGHT - 2.0,
                COLOURS[i % COLOURS.len()],
                x(LABEL_WIDTH + length + 4.0),
                y + BAR_HEIGHT - 4.0,
                lang.number((*value).into())
            );
        }
    }
    let title_id = format!("{id}-title");
    html! {
        figure.chart {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height.ceil()) }
                role="img" aria-labelledby=(title_id) direction="ltr" {
                title #(title_id) { (caption) }
                (PreEscaped(svg))
            }
            figcaption { (caption) }
        }
    }
}

/// A label cut to `chars` characters with an ellipsis (the table beside has it whole).
fn shorten(label: &str, chars: usize) -> String {
    if label.chars().count() <= chars {
        label.to_string()
    } else {
        let cut: String = label.chars().take(chars - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn escape(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(lang: Lang) -> String {
        let rows = vec![
            Bar { label: "Torture & <ill-treatment>".into(), values: vec![4, 1] },
            Bar { label: "Women's rights".into(), values: vec![2, 0] },
        ];
        bars(lang, "c", "Supply and demand", &["Requests".into(), "Offers".into()], &rows).into_string()
    }

    #[test]
    fn bars_are_named_scaled_and_escaped() {
        let svg = chart(Lang::En);
        assert!(svg.contains(r#"role="img" aria-labelledby="c-title""#));
        assert!(svg.contains("<title id=\"c-title\">Supply and demand</title>"));
        assert!(svg.contains("Torture &amp; &lt;ill-treatment&gt;"), "{svg}");
        // The longest bar spans the room left beside the labels; a zero draws nothing.
        assert!(
            svg.contains(&format!(r#"x="{LABEL_WIDTH:.1}" y="28.0" width="{:.1}""#, WIDTH - LABEL_WIDTH - VALUE_ROOM))
        );
        assert!(svg.contains(r#"width="0.0""#));
    }

    #[test]
    fn in_arabic_the_bars_grow_from_the_right() {
        let svg = chart(Lang::Ar);
        let full = WIDTH - LABEL_WIDTH - VALUE_ROOM;
        assert!(svg.contains(&format!(r#"x="{:.1}" y="28.0" width="{full:.1}""#, WIDTH - LABEL_WIDTH - full)), "{svg}");
        // Labels end at the bars' start, on their right.
        assert!(
            svg.contains(&format!(r#"<text x="{:.1}" y="46.0" text-anchor="start">"#, WIDTH - LABEL_WIDTH + 8.0)),
            "{svg}"
        );
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
