//! Organizations: providers that are not States (UN entities, NHRIs, CSOs, ...). Admins
//! register and edit them; anyone reads them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::update::{self, not_null, nullable, Asked, Editable, IfMatch};
use super::write::{Audit, Idempotency, Written};
use super::Services;
use crate::db::changes::Entity;
use crate::db::organizations::{self as store, OrganizationFilter, OrganizationRow};
use crate::db::page::{now, PageOf, PageRequest};
use crate::db::DbConn;
use crate::domain::access::Caller;
use crate::domain::audit::{Action, Resource};
use crate::domain::ids;
use crate::domain::validate::{Checks, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use crate::domain::vocab::OrganizationKind;
use crate::error::{AppError, AppResult, Arg, Said};

#[derive(Debug, Serialize, ToSchema)]
pub struct Organization {
    #[schema(example = "org_01935c3ea0b37d51a1f1c5e0f6d0a7b2")]
    pub id: String,
    pub kind: OrganizationKind,
    #[schema(example = "OHCHR Regional Office for East Africa")]
    pub name: String,
    /// Home State (alpha-3), if any.
    pub country: Option<String>,
    pub website: Option<String>,
    pub description: String,
    /// Increments on every change; send it (or the ETag) back in `If-Match` to update.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganization {
    pub kind: OrganizationKind,
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    pub country: Option<String>,
    pub website: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationChanges {
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub kind: Option<OrganizationKind>,
    #[schema(min_length = 1, max_length = 300)]
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub country: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub website: Option<Option<String>>,
    #[schema(max_length = 20000)]
    #[serde(default, deserialize_with = "not_null")]
    #[schema(nullable = false)]
    pub description: Option<String>,
}

pub fn view(row: &OrganizationRow) -> AppResult<Organization> {
    Ok(Organization {
        kind: OrganizationKind::parse(&row.kind).ok_or_else(|| AppError::internal("stored kind is unknown"))?,
        id: row.id.clone(),
        name: row.name.clone(),
        country: row.country.clone(),
        website: row.website.clone(),
        description: row.description.clone(),
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// The editable fields of an organization, checked and normalised.
struct Fields {
    kind: OrganizationKind,
    name: String,
    country: Option<String>,
    website: Option<String>,
    description: String,
}

impl Fields {
    fn checked(self) -> AppResult<Fields> {
        let mut c = Checks::new();
        let name = c.required_text("name", &self.name, MAX_TITLE_CHARS);
        let country = self.country.map(|code| c.state("country", &code));
        let website = self.website.map(|w| {
            let w = c.optional_text("website", &w, 500);
            if !(w.starts_with("https://") || w.starts_with("http://")) {
                c.say("website", "field-website", vec![]);
            }
            w
        });
        let description = c.optional_text("description", &self.description, MAX_TEXT_CHARS);
        c.finish()?;
        Ok(Fields { kind: self.kind, name, country, website, description })
    }

    fn write_into(self, row: &mut OrganizationRow) {
        row.kind = self.kind.as_str().to_string();
        row.name = self.name;
        row.country = self.country;
        row.website = self.website;
        row.description = self.description;
    }
}

/// Registers an organization. Admins only.
pub async fn create(
    services: &Services,
    caller: &Caller,
    once: Option<Idempotency>,
    new: NewOrganization,
) -> AppResult<Written<Organization>> {
    caller.must_be_admin()?;
    let fields = Fields {
        kind: new.kind,
        name: new.name,
        country: new.country,
        website: new.website,
        description: new.description,
    }
    .checked()?;
    let at = now();
    let mut row = OrganizationRow {
        id: ids::new_id(ids::ORGANIZATION),
        kind: String::new(),
        name: String::new(),
        country: None,
        website: None,
        description: String::new(),
        version: 1,
        created_at: at,
        updated_at: at,
    };
    fields.write_into(&mut row);
    services
        .write_once(caller, once, move |tx| {
            if let Some(existing) = store::same_name_and_country(tx.conn(), &row.name, row.country.as_deref())? {
                let id = Arg::Text(existing.to_string());
                return Err(AppError::Conflict(Said::new("conflict-organization-exists", vec![("id", id)])));
            }
            store::insert(tx.conn(), &row)?;
            let created = view(&row)?;
            tx.audit(Audit {
                action: Action::Create,
                resource: Resource::Organization,
                id: &row.id,
                owner_state: None,
                before: None,
                after: &created,
            })?;
            Ok(created)
        })
        .await
}

/// Changes an organization. Admins only.
pub async fn update(
    services: &Services,
    caller: &Caller,
    id: String,
    if_match: IfMatch,
    asked: Asked<OrganizationChanges>,
) -> AppResult<Organization> {
    view(&update::update::<OrganizationEdit>(services, caller, id, if_match, asked).await?)
}

pub async fn get(services: &Services, id: String) -> AppResult<Organization> {
    let row = services.db.run(move |conn| store::find(conn, &id)).await?;
    view(&row.ok_or_else(|| AppError::NotFound(Said::of("not-found-organization")))?)
}

/// The names of the given organizations, by id.
pub async fn names(services: &Services, ids: Vec<String>) -> AppResult<std::collections::HashMap<String, String>> {
    Ok(services.db.run(move |conn| store::names(conn, &ids)).await?.into_iter().collect())
}

pub async fn list(
    services: &Services,
    filter: OrganizationFilter,
    page: PageRequest,
) -> AppResult<PageOf<OrganizationRow>> {
    services.db.run(move |conn| store::list(conn, &filter, &page)).await
}

/// Organizations in the update pipeline.
struct OrganizationEdit;

impl Editable for OrganizationEdit {
    type Row = OrganizationRow;
    type View = Organization;
    type Changes = OrganizationChanges;
    type Extra = ();

    const RESOURCE: Resource = Resource::Organization;

    fn load(conn: &mut DbConn, _: &Caller, id: &str) -> AppResult<Option<OrganizationRow>> {
        store::find(conn, id)
    }

    fn may_edit(caller: &Caller, _: &OrganizationRow) -> AppResult<()> {
        caller.must_be_admin()
    }

    fn is_final(_: &OrganizationRow) -> AppResult<Option<Said>> {
        Ok(None)
    }

    fn view(row: &OrganizationRow) -> AppResult<Organization> {
        view(row)
    }

    fn merge(conn: &mut DbConn, row: &OrganizationRow, ch: OrganizationChanges) -> AppResult<(OrganizationRow, ())> {
        let current = view(row)?;
        let fields = Fields {
            kind: ch.kind.unwrap_or(current.kind),
            name: ch.name.unwrap_or(current.name),
            country: ch.country.unwrap_or(current.country),
            website: ch.website.unwrap_or(current.website),
            description: ch.description.unwrap_or(current.description),
        }
        .checked()?;
        let mut updated = row.clone();
        fields.write_into(&mut updated);
        // A rename may not make the twin that creating one is refused for.
        if let Some(existing) = store::same_name_and_country(conn, &updated.name, updated.country.as_deref())? {
            if existing != row.id {
                let id = Arg::Text(existing);
                return Err(AppError::Conflict(Said::new("conflict-organization-exists", vec![("id", id)])));
            }
        }
        Ok((updated, ()))
    }

    fn write(conn: &mut DbConn, row: &OrganizationRow, _: &(), expected: i64) -> AppResult<bool> {
        store::update(conn, row, expected)
    }

    fn owner_state(_: &OrganizationRow) -> Option<&str> {
        None
    }

    fn indexed_as() -> Option<Entity> {
        None
    }
}
