//! The fields of a request its State edits, checked and normalised, linked to the
//! recommendations it addresses, with themes taken from them or suggested from its text.

use chrono::NaiveDate;

use crate::db::columns::{json_list, to_json_text};
use crate::db::recommendations as recommendation_store;
use crate::db::requests::RequestRow;
use crate::db::DbConn;
use crate::domain::validate::{dedup, Checks, MAX_LIST_ITEMS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use crate::domain::vocab::{Modality, Priority, RequestStatus};
use crate::error::{AppResult, Arg};
use crate::suggest::{self, Suggester, ThemeSuggestion};

/// Every field of a request a State edits, merged and checked.
pub struct Fields {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) recommendation_ids: Vec<String>,
    pub(super) themes: Vec<String>,
    /// Suggest themes from the text once the others are known.
    pub(super) suggest: bool,
    pub(super) suggested: Vec<ThemeSuggestion>,
    pub(super) modalities: Vec<Modality>,
    pub(super) languages: Vec<String>,
    pub(super) starts_on: Option<NaiveDate>,
    pub(super) ends_on: Option<NaiveDate>,
    pub(super) budget_min_usd: Option<i64>,
    pub(super) budget_max_usd: Option<i64>,
    pub(super) priority: Priority,
    pub(super) status: RequestStatus,
}

impl Fields {
    /// The checks that need no database, normalising tags and lists.
    /// Continues the checks `c` has begun, so every problem is reported together.
    pub(super) fn checked(self, mut c: Checks) -> AppResult<Fields> {
        let title = c.required_text("title", &self.title, MAX_TITLE_CHARS);
        let description = c.optional_text("description", &self.description, MAX_TEXT_CHARS);
        c.list_size("recommendation_ids", self.recommendation_ids.len());
        let themes = c.themes("themes", &self.themes);
        c.list_size("modalities", self.modalities.len());
        let languages = c.languages("languages", &self.languages);
        c.period(self.starts_on, self.ends_on);
        c.non_negative("budget_min_usd", self.budget_min_usd);
        c.non_negative("budget_max_usd", self.budget_max_usd);
        if let (Some(min), Some(max)) = (self.budget_min_usd, self.budget_max_usd) {
            if max < min {
                let args = vec![("other", "budget_min_usd".into()), ("value", Arg::Number(min))];
                c.say("budget_max_usd", "field-not-below", args);
            }
        }
        c.finish()?;
        Ok(Fields {
            title,
            description,
            recommendation_ids: dedup_strings(self.recommendation_ids),
            themes,
            modalities: dedup(&self.modalities),
            languages,
            ..self
        })
    }

    /// Checks the recommendations exist and address `state`; without themes of its own, the
    /// request takes theirs; then come the suggested themes, when asked for.
    pub(super) fn link_recommendations(&mut self, conn: &mut DbConn, state: &str) -> AppResult<()> {
        let mut c = Checks::new();
        let found = recommendation_store::find_many(conn, &self.recommendation_ids)?;
        for (i, id) in self.recommendation_ids.iter().enumerate() {
            match found.iter().find(|r| &r.id == id) {
                None => c.say(
                    format!("recommendation_ids[{i}]"),
                    "field-no-recommendation",
                    vec![("id", id.as_str().into())],
                ),
                Some(r) if r.state_under_review != state => {
                    let args = vec![
                        ("id", id.as_str().into()),
                        ("state", r.state_under_review.as_str().into()),
                        ("ours", state.into()),
                    ];
                    c.say(format!("recommendation_ids[{i}]"), "field-recommendation-elsewhere", args)
                }
                Some(_) => {}
            }
        }
        if self.themes.is_empty() {
            for r in &found {
                for slug in json_list::<String>(&r.themes)? {
                    if !self.themes.contains(&slug) && self.themes.len() < MAX_LIST_ITEMS {
                        self.themes.push(slug);
                    }
                }
            }
        }
        if self.suggest {
            let text = suggest::text_of(&self.title, &self.description);
            let added = Suggester::shipped().tag(&mut self.themes, &text, MAX_LIST_ITEMS);
            self.suggested.extend(added);
        }
        if self.themes.is_empty() {
            let why = if self.suggest { suggest::NO_THEME_SUGGESTED } else { "field-request-needs-theme" };
            c.say("themes", why, vec![]);
        }
        c.finish()
    }

    pub(super) fn write_into(&self, row: &mut RequestRow) {
        row.title = self.title.clone();
        row.description = self.description.clone();
        row.recommendation_ids = to_json_text(&self.recommendation_ids);
        row.themes = to_json_text(&self.themes);
        row.suggested_themes = to_json_text(&self.suggested);
        row.modalities = to_json_text(&self.modalities);
        row.languages = to_json_text(&self.languages);
        row.starts_on = self.starts_on;
        row.ends_on = self.ends_on;
        row.budget_min_usd = self.budget_min_usd;
        row.budget_max_usd = self.budget_max_usd;
        row.priority = self.priority.as_str().to_string();
        row.status = self.status.as_str().to_string();
    }
}

fn dedup_strings(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        let v = v.trim().to_string();
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}
