//! Copies the shipped reference data (States, theme groups, themes) into the database at
//! start-up, once per version of that data, so SQL users and foreign keys see it too.

use diesel::prelude::*;

use super::schema::{reference_data, states, theme_groups, themes};
use super::DbConn;
use crate::domain::catalog::Catalog;

const NAME: &str = "states+themes";

/// Upserts the reference data if the database holds another version of it; returns whether it
/// wrote anything. Rows are updated in place (requests reference States, so nothing is deleted).
/// Runs under the start-up lock of `migrate::run`.
pub(super) fn run(conn: &mut DbConn, catalog: &Catalog) -> QueryResult<bool> {
    let checksum = Catalog::checksum();
    let stored: Option<String> =
        reference_data::table.find(NAME).select(reference_data::checksum).first(conn).optional()?;
    if stored.as_deref() == Some(checksum.as_str()) {
        return Ok(false);
    }
    conn.transaction(|conn| {
        for s in &catalog.states {
            let values = (
                states::code.eq(&s.code),
                states::alpha2.eq(&s.alpha2),
                states::name.eq(&s.name),
                states::upr_name.eq(&s.upr_name),
                states::un_status.eq(&s.un_status),
                states::region.eq(&s.region),
                states::region_code.eq(&s.region_code),
                states::sub_region.eq(&s.sub_region),
                states::sub_region_code.eq(&s.sub_region_code),
                states::intermediate_region.eq(&s.intermediate_region),
                states::intermediate_region_code.eq(&s.intermediate_region_code),
                states::regional_group.eq(&s.regional_group),
            );
            if diesel::update(states::table.find(&s.code)).set(values).execute(conn)? == 0 {
                diesel::insert_into(states::table).values(values).execute(conn)?;
            }
        }
        for g in &catalog.groups {
            let values = (theme_groups::slug.eq(&g.slug), theme_groups::label.eq(g.label_in("en")));
            if diesel::update(theme_groups::table.find(&g.slug)).set(values).execute(conn)? == 0 {
                diesel::insert_into(theme_groups::table).values(values).execute(conn)?;
            }
        }
        for t in &catalog.themes {
            let sdg = serde_json::to_string(&t.sdg_goals).expect("numbers serialise");
            let synonyms = serde_json::to_string(&t.synonyms).expect("strings serialise");
            let values = (
                themes::slug.eq(&t.slug),
                themes::label.eq(t.label()),
                themes::group_slug.eq(&t.group),
                themes::upr_info_label.eq(&t.upr_info_label),
                themes::sdg_goals.eq(&sdg),
                themes::synonyms.eq(&synonyms),
            );
            if diesel::update(themes::table.find(&t.slug)).set(values).execute(conn)? == 0 {
                diesel::insert_into(themes::table).values(values).execute(conn)?;
            }
        }
        diesel::delete(reference_data::table.find(NAME)).execute(conn)?;
        diesel::insert_into(reference_data::table)
            .values((reference_data::name.eq(NAME), reference_data::checksum.eq(&checksum)))
            .execute(conn)?;
        Ok(true)
    })
}
