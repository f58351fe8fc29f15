# tcmatch web pages, English. Every message here must exist in each of the six languages
# (a test checks it). Variables: { $count } and { $total } are numbers.

site-name = tcmatch
site-tagline = Technical cooperation for the Universal Periodic Review: what States ask for, what others offer
skip-to-content = Skip to the main content
nav-main = Main
nav-home = Home
nav-requests = Requests
nav-offers = Offers
nav-themes = Themes
nav-recommendations = Recommendations
nav-cooperation = Cooperation
nav-languages = Language
footer-about = A repository of technical cooperation for implementing UPR recommendations, with a search for matches, as asked by Human Rights Council resolution 54/28. Requests are shown only with the consent of the State concerned.
footer-api = API for developers

home-title = Technical cooperation for human rights
home-intro = States reviewed in the Universal Periodic Review ask for help with the recommendations they received; donor States, UN agencies, national human rights institutions and civil society offer it. tcmatch brings the two together.
home-figures = At a glance
figure-requests = { $count ->
    [one] open request
   *[other] open requests
}
figure-states = { $count ->
    [one] State asking for help
   *[other] States asking for help
}
figure-offers = { $count ->
    [one] offer available
   *[other] offers available
}
figure-providers = { $count ->
    [one] provider offering help
   *[other] providers offering help
}
home-unanswered = Where needs go unanswered
home-unanswered-intro = Themes with open requests and the fewest available offers per request.
home-nothing-asked = No open requests yet.
col-theme = Theme
col-requests = Requests
col-offers = Offers
col-offers-per-request = Offers per request
home-all-themes = Supply and demand in every theme

not-found-title = Page not found
not-found-body = There is no page at this address.
forbidden-title = Not allowed
forbidden-body = Your key does not allow this. Sign in with a key that does, or ask an administrator.
busy-title = Too many requests
busy-body = You have asked for many pages in a short time. Please wait a minute, then try again.
error-title = Something went wrong
error-body = The page could not be shown. Please try again in a moment.

## Lists and filters
list-separator = {", "}
not-given = not given
percent = { $value }%
usd = USD { $amount }
filter-any = Any
filter-apply = Show
filter-theme = Theme
filter-region = Region
filter-state = State
filter-serves = Serving the State
filter-status = Status
filter-words = Words
pager = Pages of the list
pager-first = First page
pager-next = Next page
col-request = Request
col-offer = Offer
col-state = State
col-provider = Provider
col-themes = Themes
col-status = Status
col-period = Period
col-priority = Priority
col-modalities = Kind of help
col-languages = Languages
col-budget = Budget
col-capacity = Engagements it can take on
col-serves = Available to
serves-everywhere = Every State
description = Description

## Requests
requests-title = Requests for assistance
requests-intro = What States reviewed in the Universal Periodic Review ask for help with. Only requests the State concerned agreed to publish are shown.
requests-found = { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
linked-recommendations = UPR recommendations concerned
no-linked-recommendations = This request names no UPR recommendation.
recommended-by = Recommended by { $state }, session { $session }
matching-offers = Offers that match
no-matching-offers = No open offer matches this request yet.

## Offers
offers-title = Offers of assistance
offers-intro = What donor States, UN entities, national human rights institutions and civil society offer.
offers-found = { $count ->
    [one] { $count } offer
   *[other] { $count } offers
}
matching-requests = Requests that match
no-matching-requests = No published request matches this offer yet.

## Matches
col-match = Match
col-score = Score
col-why = Why
fit-theme = Themes:
fit-modality = Kind of help:
fit-language = Languages:
fit-timeframe = Period:
fit-budget = Budget:
shared-themes = Themes in common:
missing-themes = Themes not covered:
consent-pending-lowers = The State has not yet agreed to share this request, which lowers the score.

## Vocabularies
request-status-draft = Draft
request-status-open = Open
request-status-matched = Matched
request-status-in_progress = In progress
request-status-completed = Completed
request-status-withdrawn = Withdrawn
offer-status-draft = Draft
offer-status-open = Open
offer-status-closed = Closed
offer-status-withdrawn = Withdrawn
priority-low = Low
priority-medium = Medium
priority-high = High
modality-legal_drafting = Legal drafting
modality-training = Training
modality-expert_advice = Expert advice
modality-institution_building = Institution building
modality-data_and_monitoring = Data and monitoring
modality-awareness = Awareness raising
modality-peer_exchange = Peer exchange
modality-equipment = Equipment
modality-funding = Funding
response-supported = Supported
response-noted = Noted

## Theme groups
group-international-framework = International human rights framework
group-national-framework = National human rights framework and governance
group-civil-political = Civil and political rights
group-justice-and-detention = Justice, detention and torture prevention
group-security-and-conflict = Security forces, armed conflict and counter-terrorism
group-economic-social-cultural = Economic, social and cultural rights
group-development-environment = Poverty, development and environment
group-women-children-disabilities = Women, children, disability and gender
group-groups-at-risk = Minorities, indigenous peoples, migrants and displaced persons

## Regions (M49) and UN regional groups
region-002 = Africa
region-019 = Americas
region-142 = Asia
region-150 = Europe
region-009 = Oceania
region-african = African Group
region-asia_pacific = Asia-Pacific Group
region-eeg = Eastern European Group
region-grulac = Latin American and Caribbean Group
region-weog = Western European and other States Group

## Themes
themes-title = Supply and demand by theme
themes-intro = For each theme, the open requests and the States asking, against the available offers and the providers giving: where needs are least covered.
themes-totals = In all: { $requests } open requests from { $states } States; { $offers } available offers from { $providers } providers.
themes-chart = Open requests and available offers in the busiest themes
themes-by-region = Open requests from each region, and available offers serving it
themes-table = Every theme, least covered first
themes-nothing-yet = Nothing is asked for or offered here yet.
col-states-asking = States asking
col-providers = Providers
filter-group = Group of themes
download-csv = Download as CSV (spreadsheet)
download-xlsx = Download as Excel (XLSX)

## Signing in
sign-in = Sign in
sign-out = Sign out
sign-in-title = Sign in
sign-in-intro = Sign in with the key an administrator gave you. Your browser keeps only a session, never the key; the session ends when you sign out, after 12 hours, or when the key is revoked.
sign-in-key = Your key
sign-in-key-missing = Enter your key.
sign-in-key-unknown = This key is not valid: check that you copied all of it, or ask an administrator whether it was revoked.
signed-in-as = Signed in as
nav-my = My page
my-title = My page
my-acting-for = You act for { $name } ({ $role }).
my-admin = As an administrator you see every request, whatever its consent, in the lists.
role-admin = administrator
role-state = State focal point
role-provider = provider
my-requests = Your requests
my-requests-intro = Every request of your State, drafts and those not yet shared included. Only requests you agree to share are shown to others and matched with offers.
my-no-requests = Your State has no request yet.
my-offers = Your offers
my-no-offers = You have no offer yet.
col-consent = Consent:
consent-decision = Decision
consent-note = Note (optional)
consent-record = Record the decision
consent-already = The request already has this consent; choose another decision.
consent-invalid = Choose one of the decisions offered, and keep the note under 20,000 characters.
consent-pending = Not yet decided
consent-granted = Agreed to share
consent-refused = Refused
consent-withdrawn = Withdrawn

## Filing a request
new-request-title = File a new request
new-request-intro = A request for assistance from { $state }. Pick the UPR recommendations it is about, say what help is wanted, and save it: it stays with your State until you record its consent to share it.
new-request-find-recommendations = Find recommendations
new-request-no-recommendations = No recommendation to your State matches these words.
new-request-save = Save the request
session-number = session { $session }
field-title = Title
field-languages = Languages the help can be given in (codes such as en, fr, ar)
field-starts-on = From
field-ends-on = Until
field-budget-min = Budget from (US dollars)
field-budget-max = Budget up to (US dollars)
field-save-as = Save as
save-open = Open (ready to share)
save-draft = Draft
themes-suggest = Suggest themes for the text
themes-suggest-on-save = Also tag the themes suggested for the text when saving
themes-suggested-ticked = The suggested themes are ticked below; untick any that do not fit.
themes-none-suggested = No theme reaches the threshold for this text; tick the themes yourself.
suggested-confidence = suggested, { $value } sure
form-has-problems = The request was not saved. Please correct:
form-date-invalid = Use the date format YYYY-MM-DD.
form-dollars-invalid = A whole number of US dollars, without separators.

## Engagements
express-interest = Express interest
my-engagements = Your engagements
my-no-engagements = No engagement yet: express interest in a match from a request's or an offer's page.
interest-by-you = you expressed interest first
interest-by-them = the other side expressed interest first
engagement-step = Next step
engagement-outcome = Outcome or note (needed to complete)
engagement-record = Record
engagement-status-interest = Interest expressed
engagement-status-agreed = Agreed
engagement-status-in_progress = In progress
engagement-status-completed = Completed
engagement-status-declined = Declined
engagement-status-cancelled = Cancelled
engagement-to-interest = Express interest
engagement-to-agreed = Agree
engagement-to-declined = Decline
engagement-to-in_progress = Start the work
engagement-to-completed = Complete
engagement-to-cancelled = Cancel
conflict-title = Not possible now
conflict-body = This cannot be done in the record's present state (it may already have been done, or changed meanwhile). Go back and load the page again.
invalid-title = Something in the form is not right
invalid-body = Go back, check what was entered and try again.

## Uploading offers
upload-title = Publish offers from a spreadsheet
upload-intro = Save your spreadsheet as CSV (UTF-8) with a header row naming the columns below, one offer per row; separate the items of a list with ";". All the offers are published together, or none: if anything is wrong, every problem is listed by its line and nothing is stored.
upload-template = Download a template with an example row
upload-columns = Columns (provider and title are required):
upload-file = The CSV file
upload-submit = Check and publish
upload-no-file = Choose a CSV file to upload.
upload-stored = { $count ->
    [one] One offer was published.
   *[other] { $count } offers were published.
}
upload-problems = { $count ->
    [one] Nothing was published: there is one problem to correct.
   *[other] Nothing was published: there are { $count } problems to correct.
}
col-line = Line
col-column = Column
col-problem = Problem

## Recommendations explorer
recommendations-title = UPR recommendations: who recommended what to whom
recommendations-intro = The recommendations States made to each other in the Universal Periodic Review, and whether the State under review supported or noted them. Filter them, count them by recommending State, theme, response or cycle, and read them.
recommendations-totals = { $total } recommendations: { $supported } supported, { $noted } noted.
recommendations-chart = Recommendations supported and noted, largest groups first
recommendations-none = No recommendation matches these filters.
recommendations-list = The recommendations
recommendations-found = { $count ->
    [one] { $count } recommendation
   *[other] { $count } recommendations
}
recommended-to = { $state } to { $to }, session { $session }
not-recorded = Not recorded
cycle-number = Cycle { $cycle }
filter-state-under-review = State under review
filter-recommending-state = Recommending State
filter-response = Response
filter-cycle = Cycle
filter-group-by = Count by
group-by-recommending_state = By recommending State
group-by-theme = By theme
group-by-response = By response
group-by-cycle = By cycle
col-group = Group
col-recommendations = Recommendations

## Record of cooperation
cooperation-title = Record of cooperation
cooperation-intro = How the two sides of matches have worked together: engagements on published requests, by status, the year they began, the region of the requesting State and the theme. Only the counts are public; the pairs stay with their two sides.
cooperation-total = { $count ->
    [one] { $count } engagement in all.
   *[other] { $count } engagements in all.
}
cooperation-none = No engagement yet.
cooperation-chart = Engagements by the year they began
cooperation-under-way = Agreed or in progress
cooperation-by-status = By status
cooperation-by-year = By year begun
cooperation-by-region = By region of the requesting State
cooperation-by-theme = By theme of the request
col-all = All
consent-choose = Choose…
label-status = Status:

## Administration
keys-title = API keys
key-new = Issue a key
key-role = Role
key-role-missing = Choose the key's role.
key-organization = Organization id (for an organization's provider key)
key-label = Who it is for
key-issue = Issue the key
key-issued = The key was issued. Copy its secret now and give it to its holder safely: it is never shown again.
key-list = Every key
engagements-found = { $count ->
    [one] { $count } engagement
   *[other] { $count } engagements
}
keys-found = { $count ->
    [one] { $count } key
   *[other] { $count } keys
}
key-acts-for = Acts for
key-prefix = Begins with
key-last-used = Last used (UTC)
key-revoked = Revoked
key-revoke = Revoke
key-revoke-named = Revoke the key of { $name }
audit-title = Audit trail
audit-intro = Every change made to the repository: who made it, when, and what changed. A State's focal point sees the changes to its own requests.
audit-resource = Record
audit-resource-id = Record id
audit-when = When (UTC)
audit-who = Who
audit-what = Action
audit-changes = Changes
events-found = { $count ->
    [one] { $count } event
   *[other] { $count } events
}
import-title = Import UPR recommendations
import-intro = Upload a UPR Info CSV export of recommendations. Every row is stored or none; themes are suggested for rows that have none.
import-submit = Import
import-done = { $count ->
    [one] One recommendation was imported.
   *[other] { $count } recommendations were imported.
}
role-system = system
action-create = Created
action-update = Changed
action-import = Imported
action-consent = Consent recorded
action-revoke = Revoked
resource-organization = Organization
resource-recommendation = Recommendation
resource-request = Request
resource-offer = Offer
resource-engagement = Engagement
resource-key = Key
resource-webhook = Webhook
key-no-state = None
import-problems = { $count ->
    [one] Nothing was imported: there is one problem to correct.
   *[other] Nothing was imported: there are { $count } problems to correct.
}
offer-new-status = Change its status to
download-recommendations = Download the recommendations as CSV
download-recommendations-xlsx = Download the recommendations as Excel (XLSX)
import-reading = Reading the file…
import-checked = Checked { $checked } of { $rows } rows, themes suggested where missing…
import-storing = Storing { $rows } recommendations…
import-counts = New: { $new }. Changed, and updated: { $changed }. Already stored as they are: { $unchanged }.

## Recommendations without a theme
filter-needs-review = Themes
needs-review-true = To be tagged by a person
needs-review-false = Tagged
needs-review-badge = No theme yet: to be tagged by a person
needs-review-hint = The theme model was not confident enough to tag this recommendation; choose its themes.
