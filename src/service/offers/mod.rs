//! Offers of assistance by donor States and organizations: publish (one, or many at once:
//! [`bulk`]), change, read and list ([`list`]).

mod bulk;
mod fields;
mod list;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use bulk::{create_many, BulkOffers, MAX_BULK_OFFERS};
pub use fields::Fields;
pub use list::list;

use super::update::{self, not_null, nullable, Asked, Editable, IfMatch};
use super::webhooks;
use super::write::{Idempotency, Written};
use super::Services;
use crate::db::changes::Entity;
use crate::db::columns::json_list;
use crate::db::engagements as engagement_store;
use crate::db::offers::{self as store, OfferRow};
use crate::db::DbConn;
use crate::domain::access::Caller;
use crate::domain::audit::Resource;
use crate::domain::validate::Checks;
use crate::domain::vocab::{Modality, OfferStatus, ProviderKind};
use crate::error::{AppError, AppResult, Arg, Said};
use crate::suggest::{self, ThemeSuggestion};

#[derive(Debug, Serialize, ToSchema)]
pub struct Offer {
    #[schema(example = "off_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    /// A donor State (alpha-3) or an organization id.
    #[schema(example = "NOR")]
    pub provider: String,
    pub provider_kind: ProviderKind,
    pub title: String,
    pub description: String,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Themes among `themes` that the model suggested from the title and description and no
    /// person has confirmed yet; a PATCH that sets `themes` confirms them.
    pub suggested_themes: Vec<ThemeSuggestion>,
    pub modalities: Vec<Modality>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    /// Available to every State.
    pub global: bool,
    /// States served (alpha-3).
    pub countries: Vec<String>,
    /// Regions served: M49 codes or UN regional groups.
    pub regions: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// How many engagements the provider can take on.
    pub capacity: i32,
    /// How many more can be agreed: `capacity` less the engagements agreed, in progress or
    /// completed. In every answer; left out of audit records, which keep what was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_left: Option<i32>,
    pub budget_usd: Option<i64>,
    pub status: OfferStatus,
    /// The provider's own IATI activity this offer belongs to.
    pub iati_identifier: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOffer {
    /// A donor State (alpha-3) or an organization id.
    #[schema(example = "NOR")]
    pub provider: String,
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Theme slugs or free text (normalised to the taxonomy); at least one, unless
    /// `suggest_themes` is set.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Also tag the offer with the themes suggested from its title and description (listed in
    /// `suggested_themes` until confirmed); with no theme otherwise, the most likely one if its
    /// confidence reaches 0.2, else the body is refused so that a person names its themes.
    #[serde(default)]
    pub suggest_themes: bool,
    #[serde(default)]
    pub modalities: Vec<Modality>,
    #[serde(default)]
    pub languages: Vec<String>,
    /// Available to every State; otherwise name countries and/or regions.
    #[serde(default)]
    pub global: bool,
    #[serde(default)]
    pub countries: Vec<String>,
    /// M49 codes or names (`002`, `Africa`) or UN regional groups (`weog`).
    #[serde(default)]
    pub regions: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Default 1.
    #[schema(minimum = 1, maximum = 10000)]
    pub capacity: Option<i32>,
    #[schema(minimum = 0)]
    pub budget_usd: Option<i64>,
    /// `draft` or `open` (default `open`).
    pub status: Option<OfferStatus>,
    /// The provider's own IATI activity this offer belongs to (e.g. `NO-BRC-971277882-QZA-12/0142`
    /// without the slash: no spaces and none of `/ & | ?`).
    pub iati_identifier: Option<String>,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferChanges {
    #[schema(min_length = 1, max_length = 300)]
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub description: Option<String>,
    /// Sets the themes, confirming them all.
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub themes: Option<Vec<String>>,
    /// Suggest themes again from the title and description (by default, unconfirmed
    /// suggestions are made again when either changes).
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub suggest_themes: Option<bool>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub modalities: Option<Vec<Modality>>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub languages: Option<Vec<String>>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub global: Option<bool>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub countries: Option<Vec<String>>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub regions: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub starts_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub ends_on: Option<Option<NaiveDate>>,
    #[schema(minimum = 1, maximum = 10000)]
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub capacity: Option<i32>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>, nullable)]
    #[schema(minimum = 0)]
    pub budget_usd: Option<Option<i64>>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub status: Option<OfferStatus>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub iati_identifier: Option<Option<String>>,
}

pub fn view(row: &OfferRow) -> AppResult<Offer> {
    let stored = |what: &str| AppError::internal(format!("stored {what} is unknown"));
    Ok(Offer {
        provider_kind: ProviderKind::parse(&row.provider_kind).ok_or_else(|| stored("provider kind"))?,
        themes: json_list(&row.themes)?,
        suggested_themes: json_list(&row.suggested_themes)?,
        modalities: json_list(&row.modalities)?,
        languages: json_list(&row.languages)?,
        countries: json_list(&row.countries)?,
        regions: json_list(&row.regions)?,
        status: OfferStatus::parse(&row.status).ok_or_else(|| stored("status"))?,
        id: row.id.clone(),
        provider: row.provider_id.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        global: row.is_global,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        capacity: row.capacity,
        capacity_left: None,
        budget_usd: row.budget_usd,
        iati_identifier: row.iati_identifier.clone(),
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// Publishes an offer. Admins, and providers for their own organization or donor State.
pub async fn create(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    new: NewOffer,
) -> AppResult<Written<Offer>> {
    caller.key()?;
    let (given_provider, fields) = new.into_fields()?;
    let written = services
        .write_once(caller, once, move |tx| fields::store_new(tx, &given_provider, &fields).and_then(|r| fresh(&r)))
        .await?;
    if let Written::Done(offer) = &written {
        webhooks::announce_after_write(services, vec![offer.id.clone()], vec![]).await;
    }
    Ok(written)
}

/// Changes an offer. Admins, and its provider; withdrawn offers no longer change.
pub async fn update(
    services: &Services,
    caller: &Caller,
    id: String,
    if_match: IfMatch,
    asked: Asked<OfferChanges>,
) -> AppResult<Offer> {
    caller.key()?;
    let row = update::update::<OfferEdit>(services, caller, id, if_match, asked).await?;
    webhooks::announce_after_write(services, vec![row.id.clone()], vec![]).await;
    Ok(services.db.run(move |conn| counted(conn, &[row])).await?.remove(0))
}

/// The offer, if the caller may see it (a hidden one reads as missing).
pub async fn get(services: &Services, caller: &Caller, id: String) -> AppResult<Offer> {
    let scope = caller.offer_scope();
    services
        .db
        .run(move |conn| {
            let row = store::find(conn, &id, &scope)?.ok_or_else(not_found)?;
            Ok(counted(conn, &[row])?.remove(0))
        })
        .await
}

/// The given offers that the caller may see, in id order (the others are left out).
pub async fn by_ids(services: &Services, caller: &Caller, ids: Vec<String>) -> AppResult<Vec<Offer>> {
    let scope = caller.offer_scope();
    services
        .db
        .run(move |conn| {
            let rows = store::by_ids(conn, &ids, &scope)?;
            counted(conn, &rows)
        })
        .await
}

/// A new offer as clients see it: no engagement uses its capacity yet.
pub fn fresh(row: &OfferRow) -> AppResult<Offer> {
    Ok(Offer { capacity_left: Some(row.capacity), ..view(row)? })
}

/// These offers as clients see them, with what is left of their capacity (one query).
pub fn counted(conn: &mut DbConn, rows: &[OfferRow]) -> AppResult<Vec<Offer>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let used = engagement_store::capacity_used_by(conn, Some(&ids))?;
    rows.iter()
        .map(|row| {
            let taken = used.get(&row.id).copied().unwrap_or(0);
            let left = i64::from(row.capacity).saturating_sub(taken).max(0);
            Ok(Offer { capacity_left: Some(i32::try_from(left).unwrap_or(i32::MAX)), ..view(row)? })
        })
        .collect()
}

fn not_found() -> AppError {
    AppError::NotFound(Said::of("not-found-offer"))
}

/// Offers in the update pipeline.
struct OfferEdit;

impl Editable for OfferEdit {
    type Row = OfferRow;
    type View = Offer;
    type Changes = OfferChanges;
    /// The themes and areas to write again, when they changed.
    type Extra = Option<(Vec<String>, Vec<String>)>;

    const RESOURCE: Resource = Resource::Offer;

    fn load(conn: &mut DbConn, caller: &Caller, id: &str) -> AppResult<Option<OfferRow>> {
        store::find(conn, id, &caller.offer_scope())
    }

    fn may_edit(caller: &Caller, row: &OfferRow) -> AppResult<()> {
        caller.may_act_for_provider(&row.provider_id)
    }

    fn is_final(row: &OfferRow) -> AppResult<Option<Said>> {
        let status = view(row)?.status;
        Ok(status
            .is_final()
            .then(|| Said::new("conflict-offer-final", vec![("status", Arg::term("offer-status", status.as_str()))])))
    }

    fn view(row: &OfferRow) -> AppResult<Offer> {
        view(row)
    }

    fn merge(_: &mut DbConn, row: &OfferRow, ch: OfferChanges) -> AppResult<(OfferRow, Self::Extra)> {
        let current = view(row)?;
        let text_changed = ch.title.as_ref().is_some_and(|t| *t != current.title)
            || ch.description.as_ref().is_some_and(|d| *d != current.description);
        let given_themes = ch.themes.is_some();
        let (themes, suggested, suggest) =
            suggest::after_change(current.themes, current.suggested_themes, ch.themes, ch.suggest_themes, text_changed);
        let links_changed =
            given_themes || suggest || ch.global.is_some() || ch.countries.is_some() || ch.regions.is_some();
        let fields = Fields {
            title: ch.title.unwrap_or(current.title),
            description: ch.description.unwrap_or(current.description),
            themes,
            suggest,
            suggested,
            modalities: ch.modalities.unwrap_or(current.modalities),
            languages: ch.languages.unwrap_or(current.languages),
            global: ch.global.unwrap_or(current.global),
            countries: ch.countries.unwrap_or(current.countries),
            regions: ch.regions.unwrap_or(current.regions),
            starts_on: ch.starts_on.unwrap_or(current.starts_on),
            ends_on: ch.ends_on.unwrap_or(current.ends_on),
            capacity: ch.capacity.unwrap_or(current.capacity),
            budget_usd: ch.budget_usd.unwrap_or(current.budget_usd),
            status: ch.status.unwrap_or(current.status),
            iati_identifier: ch.iati_identifier.unwrap_or(current.iati_identifier),
        }
        .checked(Checks::new())?;
        let mut updated = row.clone();
        fields.write_into(&mut updated);
        Ok((updated, links_changed.then(|| (fields.themes.clone(), fields.areas()))))
    }

    fn write(conn: &mut DbConn, row: &OfferRow, links: &Self::Extra, expected: i64) -> AppResult<bool> {
        let links = links.as_ref().map(|(themes, areas)| (themes.as_slice(), areas.as_slice()));
        store::update(conn, row, expected, links)
    }

    fn owner_state(_: &OfferRow) -> Option<&str> {
        None
    }

    fn indexed_as() -> Option<Entity> {
        Some(Entity::Offer)
    }
}
