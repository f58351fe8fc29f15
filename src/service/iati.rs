//! The caller's engagements as IATI activities: those agreed, in progress or completed, whose
//! request the caller may see and its State consents to share (the State's own file also
//! has those it no longer shares; an admin's does not), a page at a time.

use std::collections::HashMap;

use super::engagements::{self, Engagement};
use super::names::theme_labels;
use super::{offers, recommendations, requests, Services};
use crate::db::engagements::EngagementFilter;
use crate::db::organizations as organization_store;
use crate::db::page::PageRequest;
use crate::domain::access::{Caller, Role};
use crate::domain::vocab::{ConsentStatus, OrganizationKind};
use crate::error::AppResult;
use crate::export::iati::{self, Activity, REPORTED};

/// One page of the caller's engagements that `filter` selects, the reported ones written as
/// `iati-activity` elements, and the cursor to the next page.
pub async fn activities(
    services: &Services,
    caller: &Caller,
    filter: EngagementFilter,
    page: PageRequest,
) -> AppResult<(String, Option<String>)> {
    let found = engagements::list(services, caller, filter, page, "en").await?;
    let reported: Vec<&Engagement> = found.rows.iter().filter(|e| REPORTED.contains(&e.status)).collect();
    let request_ids = reported.iter().map(|e| e.request_id.clone()).collect();
    let offer_ids = reported.iter().map(|e| e.offer_id.clone()).collect();
    let requests: HashMap<String, _> =
        requests::by_ids(services, caller, request_ids).await?.into_iter().map(|r| (r.id.clone(), r)).collect();
    let offers: HashMap<String, _> =
        offers::by_ids(services, caller, offer_ids).await?.into_iter().map(|o| (o.id.clone(), o)).collect();
    let recommendation_ids = requests.values().flat_map(|r| r.recommendation_ids.clone()).collect();
    let texts: HashMap<String, String> =
        recommendations::many(services, recommendation_ids).await?.into_iter().map(|r| (r.id, r.text)).collect();
    let providers: Vec<String> = offers.values().map(|o| o.provider.clone()).collect();
    let kinds: HashMap<String, String> =
        services.db.run(move |conn| organization_store::kinds(conn, &providers)).await?.into_iter().collect();
    let catalog = services.catalog;
    let mut xml = String::new();
    for e in reported {
        // A request the caller may not see is left out; so is one whose State no longer
        // consents, from every file but the State's own: admins may still see it, but an IATI
        // file is made to be published.
        let (Some(request), Some(offer)) = (requests.get(&e.request_id), offers.get(&e.offer_id)) else { continue };
        let own = caller.key().is_ok_and(|k| k.role == Role::State && k.state.as_deref() == Some(&request.state));
        if request.consent.status != ConsentStatus::Granted && !own {
            continue;
        }
        let Some(state) = catalog.state(&request.state) else { continue };
        let activity = Activity {
            engagement: e,
            request,
            offer,
            provider_kind: kinds.get(&offer.provider).and_then(|k| OrganizationKind::parse(k)),
            recipient_country: &state.alpha2,
            recommendations: request.recommendation_ids.iter().filter_map(|id| texts.get(id).cloned()).collect(),
            themes: theme_labels(catalog, &request.themes, "en").into_values().collect(),
        };
        iati::write_activity(&mut xml, &services.iati_reporter, &activity);
    }
    Ok((xml, found.next_after))
}
