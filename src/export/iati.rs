//! Engagements as IATI activities (IATI Standard 2.03, `iati-activities` XML), so donors report
//! the cooperation they agreed here in the format their aid systems read. The repository's
//! operator reports (a secondary reporter); the provider funds and implements; the requesting
//! State is the recipient country; the sector is 15160 (human rights, OECD DAC 5-digit); the UPR
//! recommendations and themes are the description. Written by hand: a few elements in the
//! order the schema requires, every text escaped. The tests validate the output against the
//! official schema (`data/iati/`).

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::IatiReporter;
use crate::domain::engagement::EngagementStatus;
use crate::domain::vocab::{OrganizationKind, ProviderKind};
use crate::service::engagements::Engagement;
use crate::service::offers::Offer;
use crate::service::requests::AssistanceRequest;

/// The statuses an engagement is reported in: agreed work and later.
pub const REPORTED: [EngagementStatus; 3] =
    [EngagementStatus::Agreed, EngagementStatus::InProgress, EngagementStatus::Completed];

/// Everything one activity is written from.
pub struct Activity<'a> {
    pub engagement: &'a Engagement,
    pub request: &'a AssistanceRequest,
    pub offer: &'a Offer,
    /// The organization kind of the provider, when it is an organization.
    pub provider_kind: Option<OrganizationKind>,
    /// The requesting State's ISO 3166-1 alpha-2 code.
    pub recipient_country: &'a str,
    /// The texts of the UPR recommendations the request answers.
    pub recommendations: Vec<String>,
    /// The labels of the request's themes.
    pub themes: Vec<String>,
}

/// The document's opening, up to its first activity.
pub fn opening(generated: DateTime<Utc>) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" generated-datetime=\"{}\">\n",
        generated.format("%Y-%m-%dT%H:%M:%SZ")
    )
}

/// The document's closing.
pub const CLOSING: &str = "</iati-activities>\n";

/// The IATI ActivityStatus code of an engagement's status (`None` when it is not reported):
/// agreed is 1 (pipeline), in progress 2 (implementation), completed 3 (finalisation: the work
/// is done; the financial closing is the provider's to report).
pub fn activity_status(status: EngagementStatus) -> Option<u8> {
    match status {
        EngagementStatus::Agreed => Some(1),
        EngagementStatus::InProgress => Some(2),
        EngagementStatus::Completed => Some(3),
        _ => None,
    }
}

/// The IATI OrganisationType code of a provider: governments 10, multilaterals (UN entities)
/// 40, regional bodies 40, CSOs 21 (international NGO), NHRIs 15 (other public sector),
/// academia 80, the private sector 70, others 90.
pub fn organisation_type(kind: ProviderKind, organization: Option<OrganizationKind>) -> u8 {
    match (kind, organization) {
        (ProviderKind::State, _) => 10,
        (_, Some(OrganizationKind::UnEntity | OrganizationKind::RegionalBody)) => 40,
        (_, Some(OrganizationKind::Cso)) => 21,
        (_, Some(OrganizationKind::Nhri)) => 15,
        (_, Some(OrganizationKind::Academic)) => 80,
        (_, Some(OrganizationKind::PrivateSector)) => 70,
        _ => 90,
    }
}

/// The activity's identifier: the one a party gave the engagement, else the reporting
/// organisation's identifier and the engagement id.
pub fn identifier(reporter: &IatiReporter, engagement: &Engagement) -> String {
    engagement.iati_identifier.clone().unwrap_or_else(|| format!("{}-{}", reporter.reference, engagement.id))
}

/// Writes one `iati-activity` element, its children in the schema's order.
pub fn write_activity(out: &mut String, reporter: &IatiReporter, a: &Activity<'_>) {
    let e = a.engagement;
    let Some(status) = activity_status(e.status) else { return };
    let _ = writeln!(
        out,
        "  <iati-activity xml:lang=\"en\" default-currency=\"USD\" last-updated-datetime=\"{}\">",
        e.updated_at.format("%Y-%m-%dT%H:%M:%SZ")
    );
    element(out, "iati-identifier", &identifier(reporter, e));
    let _ = writeln!(
        out,
        "    <reporting-org ref=\"{}\" type=\"40\" secondary-reporter=\"1\">",
        escape(&reporter.reference)
    );
    narrative(out, &reporter.name);
    out.push_str("    </reporting-org>\n");
    out.push_str("    <title>\n");
    narrative(out, &format!("{} ({})", a.request.title, a.offer.title));
    out.push_str("    </title>\n");
    description(out, 1, &general_description(a));
    if !a.recommendations.is_empty() || !a.themes.is_empty() {
        description(out, 2, &objectives(a));
    }
    let org_type = organisation_type(a.offer.provider_kind, a.provider_kind);
    for role in [1, 4] {
        let _ = writeln!(out, "    <participating-org role=\"{role}\" type=\"{org_type}\">");
        narrative(out, &e.provider_name);
        out.push_str("    </participating-org>\n");
    }
    let _ = writeln!(out, "    <activity-status code=\"{status}\"/>");
    for (kind, date) in dates(a) {
        let _ = writeln!(out, "    <activity-date type=\"{kind}\" iso-date=\"{date}\"/>");
    }
    let _ = writeln!(out, "    <recipient-country code=\"{}\" percentage=\"100\"/>", escape(a.recipient_country));
    out.push_str("    <sector vocabulary=\"1\" code=\"15160\" percentage=\"100\"/>\n");
    if let Some((value, start, end)) = budget(a) {
        out.push_str("    <budget type=\"1\" status=\"1\">\n");
        let _ = writeln!(out, "      <period-start iso-date=\"{start}\"/>");
        let _ = writeln!(out, "      <period-end iso-date=\"{end}\"/>");
        let _ = writeln!(out, "      <value currency=\"USD\" value-date=\"{start}\">{value}</value>");
        out.push_str("    </budget>\n");
    }
    // The provider's own activity this cooperation belongs to: its parent.
    if let Some(parent) = &a.offer.iati_identifier {
        let _ = writeln!(out, "    <related-activity ref=\"{}\" type=\"1\"/>", escape(parent));
    }
    out.push_str("  </iati-activity>\n");
}

/// What the cooperation is: the request, the offer and, once completed, its outcome.
fn general_description(a: &Activity<'_>) -> String {
    let mut text = format!("Request by {}: {}", a.engagement.state_name, a.request.title);
    if !a.request.description.is_empty() {
        let _ = write!(text, ". {}", a.request.description);
    }
    let _ = write!(text, "\nOffer by {}: {}", a.engagement.provider_name, a.offer.title);
    if !a.offer.description.is_empty() {
        let _ = write!(text, ". {}", a.offer.description);
    }
    if let Some(outcome) = &a.engagement.outcome {
        let _ = write!(text, "\nOutcome: {outcome}");
    }
    text
}

/// Why: the themes and the UPR recommendations the request answers.
fn objectives(a: &Activity<'_>) -> String {
    let mut text = String::new();
    if !a.themes.is_empty() {
        let _ = write!(text, "Themes: {}.", a.themes.join("; "));
    }
    for r in &a.recommendations {
        let _ = write!(text, "\nUPR recommendation: {r}");
    }
    text.trim_start().to_string()
}

/// The planned period: the request's when it gives either end, else the offer's, both ends
/// from the same record so they belong together; an end before the start is left out.
fn planned(a: &Activity<'_>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let (start, end) = if a.request.starts_on.is_some() || a.request.ends_on.is_some() {
        (a.request.starts_on, a.request.ends_on)
    } else {
        (a.offer.starts_on, a.offer.ends_on)
    };
    (start, end.filter(|end| start.is_none_or(|start| start <= *end)))
}

/// The activity's dates, by IATI ActivityDateType: planned start (1) and end (3) from the
/// [`planned`] period (the planned start falls back to the day it was agreed); actual start
/// (2) when it went in progress; actual end (4) when it was completed. A planned end is never
/// before the planned start.
fn dates(a: &Activity<'_>) -> Vec<(u8, NaiveDate)> {
    let on = |status: EngagementStatus| {
        a.engagement.history.iter().find(|h| h.to_status == status).map(|h| h.at.date_naive())
    };
    let (start, end) = planned(a);
    let planned_start = start.or_else(|| on(EngagementStatus::Agreed));
    let planned_end = end.filter(|end| planned_start.is_none_or(|start| start <= *end));
    let mut dates = Vec::new();
    dates.extend(planned_start.map(|d| (1, d)));
    dates.extend(on(EngagementStatus::InProgress).map(|d| (2, d)));
    dates.extend(planned_end.map(|d| (3, d)));
    dates.extend(on(EngagementStatus::Completed).map(|d| (4, d)));
    if dates.is_empty() {
        dates.push((1, a.engagement.updated_at.date_naive()));
    }
    dates
}

/// The budget, where known: the offer's, else the most the request asks, over the
/// [`planned`] period (both ends needed).
fn budget(a: &Activity<'_>) -> Option<(i64, NaiveDate, NaiveDate)> {
    let value = a.offer.budget_usd.or(a.request.budget_max_usd)?;
    let (start, end) = planned(a);
    Some((value, start?, end?))
}

fn element(out: &mut String, name: &str, text: &str) {
    let _ = writeln!(out, "    <{name}>{}</{name}>", escape(text));
}

fn narrative(out: &mut String, text: &str) {
    let _ = writeln!(out, "      <narrative>{}</narrative>", escape(text));
}

fn description(out: &mut String, kind: u8, text: &str) {
    let _ = writeln!(out, "    <description type=\"{kind}\">");
    narrative(out, text);
    out.push_str("    </description>\n");
}

/// Text as XML character data or an attribute value; characters XML 1.0 cannot carry are left
/// out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_what_xml_cannot_carry_left_out() {
        assert_eq!(escape("a < b & \"c\" 'd' >\u{1}e\n"), "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;e\n");
    }

    #[test]
    fn only_agreed_work_and_later_is_reported() {
        let reported: Vec<EngagementStatus> =
            EngagementStatus::ALL.iter().copied().filter(|s| activity_status(*s).is_some()).collect();
        assert_eq!(reported, REPORTED);
    }

    #[test]
    fn providers_get_their_organisation_type() {
        assert_eq!(organisation_type(ProviderKind::State, None), 10);
        assert_eq!(organisation_type(ProviderKind::Organization, Some(OrganizationKind::UnEntity)), 40);
        assert_eq!(organisation_type(ProviderKind::Organization, Some(OrganizationKind::Cso)), 21);
        assert_eq!(organisation_type(ProviderKind::Organization, None), 90);
    }
}
