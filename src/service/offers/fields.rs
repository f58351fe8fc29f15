//! The fields of an offer its provider edits, checked and normalised, and storing a new offer
//! with its links, change record and audit event.

use std::collections::HashMap;

use super::{view, NewOffer, Offer};
use crate::db::changes::Entity;
use crate::db::columns::to_json_text;
use crate::db::offers::{self as store, OfferRow, GLOBAL_AREA};
use crate::db::organizations as organization_store;
use crate::db::page::now;
use crate::db::DbConn;
use crate::domain::audit::{Action, Resource};
use crate::domain::catalog::Catalog;
use crate::domain::ids;
use crate::domain::validate::{dedup, Checks, RuleChecks, MAX_LIST_ITEMS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use crate::domain::vocab::{Modality, OfferStatus, ProviderKind};
use crate::error::{named, AppError, AppResult, FieldError, Said};
use crate::service::write::{Audit, Tx};
use crate::suggest::{self, Suggester, ThemeSuggestion};
use chrono::NaiveDate;

/// Every field of an offer its provider edits, merged and checked.
pub struct Fields {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) themes: Vec<String>,
    /// Suggest themes from the text.
    pub(super) suggest: bool,
    pub(super) suggested: Vec<ThemeSuggestion>,
    pub(super) modalities: Vec<Modality>,
    pub(super) languages: Vec<String>,
    pub(super) global: bool,
    pub(super) countries: Vec<String>,
    pub(super) regions: Vec<String>,
    pub(super) starts_on: Option<NaiveDate>,
    pub(super) ends_on: Option<NaiveDate>,
    pub(super) capacity: i32,
    pub(super) budget_usd: Option<i64>,
    pub(super) status: OfferStatus,
    pub(super) iati_identifier: Option<String>,
}

impl Fields {
    /// Continues the checks `c` has begun, so every problem is reported together.
    pub(super) fn checked(self, mut c: Checks) -> AppResult<Fields> {
        let catalog = Catalog::shipped();
        let title = c.required_text("title", &self.title, MAX_TITLE_CHARS);
        let description = c.optional_text("description", &self.description, MAX_TEXT_CHARS);
        let mut themes = c.themes("themes", &self.themes);
        let mut suggested = self.suggested;
        if self.suggest {
            let text = suggest::text_of(&title, &description);
            suggested.extend(Suggester::shipped().tag(&mut themes, &text, MAX_LIST_ITEMS));
        }
        if themes.is_empty() && self.themes.is_empty() {
            let why = if self.suggest { suggest::NO_THEME_SUGGESTED } else { "field-offer-needs-theme" };
            c.say("themes", why, vec![]);
        }
        c.list_size("modalities", self.modalities.len());
        let languages = c.languages("languages", &self.languages);
        c.list_size("countries", self.countries.len());
        c.list_size("regions", self.regions.len());
        let mut countries: Vec<String> = Vec::new();
        for (i, code) in self.countries.iter().enumerate() {
            let code = c.state(&format!("countries[{i}]"), code);
            if !countries.contains(&code) {
                countries.push(code);
            }
        }
        let mut regions: Vec<String> = Vec::new();
        for (i, key) in self.regions.iter().enumerate() {
            match catalog.area(key) {
                Some(area) if !regions.contains(&area.code) => regions.push(area.code.clone()),
                Some(_) => {}
                None => c.say(format!("regions[{i}]"), "field-unknown-region", vec![("region", key.as_str().into())]),
            }
        }
        if self.global && !(countries.is_empty() && regions.is_empty()) {
            c.say("global", "field-global-lists-areas", vec![]);
        }
        if !self.global && self.countries.is_empty() && self.regions.is_empty() {
            c.say("countries", "field-areas-needed", vec![]);
        }
        c.period(self.starts_on, self.ends_on);
        if !(1..=10_000).contains(&self.capacity) {
            c.say("capacity", "field-capacity", vec![]);
        }
        c.non_negative("budget_usd", self.budget_usd);
        let iati_identifier = c.iati_identifier("iati_identifier", self.iati_identifier.as_deref());
        c.finish()?;
        Ok(Fields {
            iati_identifier,
            title,
            description,
            themes,
            suggested,
            modalities: dedup(&self.modalities),
            languages,
            countries,
            regions,
            ..self
        })
    }

    /// The `offer_areas` rows: where the offer is available.
    pub(super) fn areas(&self) -> Vec<String> {
        if self.global {
            vec![GLOBAL_AREA.to_string()]
        } else {
            self.countries.iter().chain(&self.regions).cloned().collect()
        }
    }

    pub(super) fn write_into(&self, row: &mut OfferRow) {
        row.title = self.title.clone();
        row.description = self.description.clone();
        row.themes = to_json_text(&self.themes);
        row.suggested_themes = to_json_text(&self.suggested);
        row.modalities = to_json_text(&self.modalities);
        row.languages = to_json_text(&self.languages);
        row.is_global = self.global;
        row.countries = to_json_text(&self.countries);
        row.regions = to_json_text(&self.regions);
        row.starts_on = self.starts_on;
        row.ends_on = self.ends_on;
        row.capacity = self.capacity;
        row.budget_usd = self.budget_usd;
        row.status = self.status.as_str().to_string();
        row.iati_identifier = self.iati_identifier.clone();
    }
}

/// A provider reference: a State code, or the id of a stored organization.
fn provider(conn: &mut DbConn, given: &str) -> AppResult<(ProviderKind, String)> {
    let given = given.trim();
    if ids::has_prefix(given, ids::ORGANIZATION) {
        return match organization_store::find(conn, given)? {
            Some(org) => Ok((ProviderKind::Organization, org.id)),
            None => Err(AppError::invalid("provider", Said::new("field-no-organization", vec![("id", given.into())]))),
        };
    }
    let code = given.to_ascii_uppercase();
    match Catalog::shipped().state(&code) {
        Some(s) => Ok((ProviderKind::State, s.code.clone())),
        None => Err(AppError::invalid("provider", Said::new("field-provider", vec![("given", given.into())]))),
    }
}

impl RuleChecks for NewOffer {
    fn rule_problems(self) -> Vec<FieldError> {
        match self.into_fields() {
            Err(AppError::Validation(problems)) => problems,
            _ => Vec::new(),
        }
    }
}

impl NewOffer {
    /// The checked fields, and the provider as given.
    pub fn into_fields(self) -> AppResult<(String, Fields)> {
        let mut c = Checks::new();
        let status = self.status.unwrap_or(OfferStatus::Open);
        if !status.creatable() {
            c.say("status", "field-new-offer-status", vec![]);
        }
        let fields = Fields {
            title: self.title,
            description: self.description,
            themes: self.themes,
            suggest: self.suggest_themes,
            suggested: Vec::new(),
            modalities: self.modalities,
            languages: self.languages,
            global: self.global,
            countries: self.countries,
            regions: self.regions,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            capacity: self.capacity.unwrap_or(1),
            budget_usd: self.budget_usd,
            status,
            iati_identifier: self.iati_identifier,
        }
        .checked(c)?;
        Ok((self.provider, fields))
    }
}

/// Stores a new offer for a provider the caller may act for, with its change record and audit
/// event.
pub(super) fn store_new(tx: &mut Tx<'_>, given_provider: &str, fields: &Fields) -> AppResult<OfferRow> {
    let (kind, provider_id) = provider(tx.conn(), given_provider)?;
    tx.caller().may_act_for_provider(&provider_id)?;
    let row = new_row(kind, provider_id, fields, now());
    store::insert(tx.conn(), &row, &fields.themes, &fields.areas())?;
    tx.changed(Entity::Offer, &row.id)?;
    let created = view(&row)?;
    tx.audit(Audit {
        action: Action::Create,
        resource: Resource::Offer,
        id: &row.id,
        owner_state: None,
        before: None,
        after: &created,
    })?;
    Ok(row)
}

/// Stores many new offers (a bulk submission), each for a provider the caller may act for, in
/// a few statements with their change records and audit events: the offers, as their audit
/// events record them, in the order given,
/// or, when an offer names no provider, the problems named by each offer's place (and nothing
/// stored). An offer for a provider the caller may not act for fails the submission (403).
pub(super) fn store_many(
    tx: &mut Tx<'_>,
    offers: &[(String, (String, Fields))],
) -> AppResult<Result<Vec<Offer>, Vec<FieldError>>> {
    let at = now();
    let mut providers: HashMap<&str, (ProviderKind, String)> = HashMap::new();
    let mut rows = Vec::with_capacity(offers.len());
    let mut problems = Vec::new();
    for (place, (given, fields)) in offers {
        let (kind, provider_id) = match providers.get(given.as_str()) {
            Some(known) => known.clone(),
            None => match provider(tx.conn(), given) {
                Ok(found) => {
                    tx.caller().may_act_for_provider(&found.1).map_err(|e| match e {
                        AppError::Forbidden(why) => AppError::Forbidden(why.at(place)),
                        other => other,
                    })?;
                    providers.insert(given, found.clone());
                    found
                }
                Err(AppError::Validation(errors)) => {
                    problems.extend(named(place, errors));
                    continue;
                }
                Err(other) => return Err(other),
            },
        };
        rows.push(new_row(kind, provider_id, fields, at));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let themes: Vec<&[String]> = offers.iter().map(|(_, (_, f))| f.themes.as_slice()).collect();
    let areas: Vec<Vec<String>> = offers.iter().map(|(_, (_, f))| f.areas()).collect();
    store::insert_many(tx.conn(), &rows, &themes, &areas)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    tx.changed_many(Entity::Offer, &ids)?;
    let created = rows.iter().map(view).collect::<AppResult<Vec<_>>>()?;
    let events: Vec<(&str, Option<&str>, &Offer)> = created.iter().map(|o| (o.id.as_str(), None, o)).collect();
    tx.audit_created(Resource::Offer, &events)?;
    Ok(Ok(created))
}

/// A new offer's row, from its checked fields.
fn new_row(kind: ProviderKind, provider_id: String, fields: &Fields, at: chrono::NaiveDateTime) -> OfferRow {
    let mut row = OfferRow {
        id: ids::new_id(ids::OFFER),
        provider_kind: kind.as_str().to_string(),
        provider_id,
        title: String::new(),
        description: String::new(),
        themes: String::new(),
        modalities: String::new(),
        languages: String::new(),
        is_global: false,
        countries: String::new(),
        regions: String::new(),
        starts_on: None,
        ends_on: None,
        capacity: 0,
        budget_usd: None,
        status: String::new(),
        version: 1,
        created_at: at,
        updated_at: at,
        suggested_themes: String::new(),
        iati_identifier: None,
    };
    fields.write_into(&mut row);
    row
}
