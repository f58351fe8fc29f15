## What the API says to people: problem titles and details, field messages, match reasons.
## Machine fields (code, field, slugs) never change with the language.

list-or = {" or "}

## Problem titles, by code
problem-validation = The request is not valid
problem-bad_request = The request is malformed
problem-unauthorized = An API key is required
problem-forbidden = Not allowed
problem-not_found = Not found
problem-method_not_allowed = Method not allowed
problem-conflict = The request conflicts with the current state
problem-precondition_failed = The resource has changed
problem-precondition_required = If-Match is required
problem-payload_too_large = The body is too large
problem-unsupported_media_type = Unsupported media type
problem-rate_limited = Too many requests
problem-unavailable = Service unavailable
problem-busy = Busy
problem-internal = Internal server error

## Problem details
detail-fields-not-valid = { $count ->
    [one] { $count } field is not valid
   *[other] { $count } fields are not valid
}
detail-unauthorized = send a valid, unrevoked API key as 'Authorization: Bearer <key>'
detail-method-not-allowed = this path does not take { $method }; it takes { $allow }
detail-rate-limited = request rate limit reached; retry in { $seconds } s
detail-precondition-required = send If-Match with the resource's ETag (or its version) to update it
detail-unavailable = the database is not reachable right now; retry later
detail-busy = this instance has too much work waiting; retry in a second
detail-internal = an unexpected error occurred; it was logged

## Field messages
field-unauthorized = missing, malformed, unknown or revoked key
field-header-required = header is required
field-required = is required
field-cannot-be-cleared = this field cannot be cleared: leave it out to keep it, or give a value
field-not-empty = must not be empty
field-at-most-chars = must be at most { $max } characters
field-at-most-items = must have at most { $max } items
field-unknown-field = is not a field here; the fields are { $fields }
field-unknown-parameter = is not a parameter of this operation; it takes { $expected }
field-text = must be text, in double quotes
field-whole-number = must be a whole number, without separators or decimals
field-whole-number-range = must be a whole number from { $min } to { $max }
field-usd = must be a whole number of US dollars, without separators or decimals (e.g. 25000)
field-number = must be a number, with a point for decimals (e.g. 0.5)
field-boolean = must be true or false
field-list = must be a list, in square brackets
field-object = must be an object, in curly brackets
field-date = use the date format YYYY-MM-DD (e.g. 2027-03-31)
field-no-such-day = is not a day of the calendar (the date format is YYYY-MM-DD)
field-date-range = must be a date from { $first } to { $last }
field-timestamp = use a date and time such as 2026-01-31T00:00:00Z
field-one-of = must be one of { $values }
field-not-before = must not be before { $other } ({ $value })
field-not-below = must not be below { $other } ({ $value })
field-not-negative = must not be negative
field-unknown-state = unknown State code '{ $code }' (use an ISO 3166-1 alpha-3 code, e.g. KEN)
field-unknown-language = unknown language code '{ $code }' (use ISO 639-1, e.g. ar, en, es, fr, ru, zh)
field-unknown-theme = unknown theme '{ $tag }'; did you mean { $themes }?
field-unknown-theme-none = unknown theme '{ $tag }'; see GET /api/v1/themes for the list
field-offer-needs-theme = give at least one theme, or set suggest_themes
field-request-needs-theme = give at least one theme, or recommendations that have themes, or set suggest_themes
field-no-theme-suggested = no theme could be suggested with confidence from the title and description; give at least one theme
field-unknown-region = unknown region '{ $region }' (use an M49 code or name, or a UN regional group)
field-global-lists-areas = a global offer lists no countries or regions
field-areas-needed = name the countries or regions served, or set global to true
field-capacity = must be a whole number from 1 to 10000 engagements
field-new-offer-status = a new offer is draft or open
field-new-request-status = a new request is draft or open
field-no-recommendation = no recommendation '{ $id }'
field-recommendation-elsewhere = recommendation '{ $id }' is addressed to { $state }, not { $ours }
field-website = must be an http(s) URL
field-outcome-needed = say what the cooperation achieved to complete it
field-session-cycle = session { $session } belongs to cycle { $cycle }
field-iati-identifier = an IATI activity identifier: 1-200 characters, no spaces and none of / & | ?

## Match reasons
reason-shares = Shares { $shared } of { $requested } requested themes: { $themes }
reason-related = Covers with a related theme of the same group: { $themes }
reason-missing = Does not cover: { $themes }
reason-consent-pending = Consent is still pending: ranked below consented requests of equal fit
reason-request-no-modality = The request names no kind of help
reason-request-no-language = The request names no language
reason-request-no-period = The request names no period
reason-request-no-budget = The request names no budget
reason-offer-no-modality = Kind of help unknown: the offer names none (scored { $percent })
reason-offer-no-language = Language unknown: the offer names none (scored { $percent })
reason-offer-no-period = Period unknown: the offer names none (scored { $percent })
reason-offer-no-budget = Budget unknown: the offer names none (scored { $percent })
reason-no-modality-in-common = None of the requested kinds of help
reason-modalities-in-common = Kinds of help in common: { $modalities } ({ $percent } of those requested)
reason-no-language-in-common = No language in common
reason-languages-in-common = Languages in common: { $languages }
reason-period-covers = The offer's period covers { $percent } of the request's
reason-budget-covers = The offer's budget covers { $percent } of the request's

## Details of problems with a whole request, case by case
detail-at = { $at }: { $why }
detail-query-not-valid = the query parameters are not valid: { $why }
detail-path-not-valid = the path parameters are not valid: { $why }
detail-body-unreadable = the body could not be read: { $why }
detail-form-unreadable = the form could not be read: { $why }

## Not found (404)
not-found-organization = organization not found
not-found-recommendation = recommendation not found
not-found-request = request not found
not-found-offer = offer not found
not-found-engagement = engagement not found
not-found-key = API key not found
not-found-webhook = webhook subscription not found
not-found-import-job = import job not found
not-found-record = record not found
not-found-theme = theme '{ $slug }' not found; GET /api/v1/themes lists them
not-found-state = State '{ $code }' not found; use an ISO 3166-1 alpha-3 code such as KEN
not-found-route = { $method } { $path } not found
not-found-page = no page at this address
not-found-download = no download of this kind (csv or xlsx)

## Not allowed (403)
forbidden-admin-only = only administrators may do this
forbidden-other-state = this key acts for { $ours }, not { $theirs }
forbidden-provider-for-state = provider keys cannot act for a reviewed State
forbidden-other-provider = this key acts for provider { $ours }, not { $theirs }
forbidden-state-as-provider = state keys cannot act as a provider
forbidden-not-a-side = only the requesting State or the offer's provider acts on this pair
forbidden-audit-provider = provider keys cannot read the audit trail
forbidden-state-files-requests = only a State files its requests
forbidden-provider-publishes = only a provider publishes offers here
forbidden-form-stale = the form is out of date: load the page again
forbidden-cross-site = forms are accepted only from this site

## Conflicts with the current state (409)
conflict-request-changed = the request changed meanwhile; retry
conflict-engagement-changed = the engagement changed meanwhile; retry
conflict-no-consent = the requesting State has not granted consent to share this request
conflict-request-status = the request is { $status }
conflict-offer-status = the offer is { $status }
conflict-offer-not-serving = the offer does not serve { $state }
conflict-pair-under-way = an engagement on this pair is already under way
conflict-no-capacity = the offer has no capacity left
conflict-own-interest = the side you act for expressed the interest; only the other side can answer it
conflict-engagement-step = an engagement cannot go from { $from } to { $to }
conflict-consent-pending = consent cannot be set back to pending once decided or recorded
conflict-consent-same = consent is already { $status }
conflict-offer-final = the offer is { $status }; it no longer changes
conflict-request-final = the request is { $status }; it no longer changes
conflict-status-by-engagement = a request becomes { $status } through its engagements, and none of its engagements is { $needed }
conflict-organization-exists = organization { $id } already has this name and country: use it (/api/v1/organizations/{ $id })
conflict-iati-identifier = the IATI identifier { $identifier } is already that of engagement { $id }: an IATI file names each activity once
conflict-key-revoked = the key is already revoked
conflict-idempotency-under-way = a call with this Idempotency-Key is under way; retry it to get its answer
conflict-import-changed = a recommendation changed during the import; import again
conflict-exists = this record already exists
conflict-missing-reference = a referenced record does not exist

## Preconditions, sizes and media types (412, 413, 415)
precondition-version = If-Match does not name the current version ("v{ $version }"); fetch the resource again and reapply your change
precondition-changed = the record changed meanwhile; fetch it again
payload-too-large = the body may be at most { $limit } bytes
media-type = send the body as { $expected } (got '{ $got }')

## More messages on fields
field-invalid-utf8 = is not valid UTF-8 text
field-empty-body = is empty; send a JSON object
field-not-json = is not valid JSON: { $why }
field-nul = contains a NUL character (U+0000), which text may not hold
field-idempotency-key = 1 to 200 printable ASCII characters
field-idempotency-reused = this key was already used with a different body
field-at-least-one-item = send at least one item
field-at-most-items-call = at most { $max } items in one call
field-json-array = send a JSON array of items
field-json-object = is not a JSON object
field-search-words = at most 10 words of at most 100 characters
field-search-text = must be 1 to 200 characters
field-search-letters = give at least one word of letters or digits
field-unknown-region-param = unknown region '{ $region }' (use an M49 code or name such as 002 or Africa, or a UN regional group: african, asia_pacific, eeg, grulac, weog)
field-score = must be a number from 0 to 1
field-unknown-group = unknown group '{ $group }'
field-cursor = not a cursor of this list; pass next_cursor from the previous page unchanged
field-feed-position = a position from this feed (a `position` or `next_after` it gave)
field-xlsx-rows = more rows than an XLSX sheet holds (1,048,576): narrow the filters or ask for CSV
field-no-organization = no organization '{ $id }'
field-provider = '{ $given }' is neither a State code (alpha-3) nor an organization id
field-no-request = no request '{ $id }'
field-no-offer = no offer '{ $id }'
field-no-request-to-decide = no request '{ $id }' that you may decide on
field-admin-names-side = admins name the side they act for: request or offer
field-side-admin-only = only admins choose the side
field-admin-key-owner = an admin key acts for no State or organization
field-state-key-needs-state = a state key needs the State it acts for
field-state-key-no-organization = a state key has no organization
field-provider-key-needs-owner = a provider key needs an organization_id or a donor state
field-provider-key-one-owner = a provider key acts for an organization or a State, not both
field-webhook-url = an http or https URL of at most 2000 characters
field-webhook-localhost = must not point at this machine (localhost)
field-webhook-private = must not point at a private, loopback or link-local address
field-webhook-events = name at least one of { $events }
field-unknown-resource = unknown kind of record
field-unknown-step = unknown step
field-choose-status = choose a status
field-unknown-decision = unknown decision

## Messages on the lines and cells of a CSV file
field-csv-header = cannot read the header: { $why }
field-csv-row = malformed CSV row: { $why }
field-csv-unknown-column = unknown column '{ $name }'; the columns are { $columns }
field-csv-column-twice = column '{ $name }' appears twice
field-csv-missing-columns = missing column(s) { $columns }
field-csv-upr-columns = missing column(s) { $columns }; expected the UPR Info export header
field-csv-flag = '{ $value }' is not true or false (also yes/no, 1/0)
field-csv-whole-number = '{ $value }' is not a whole number
field-csv-max-rows = a file may hold at most { $max } rows
field-csv-bad-rows = { $count } bad rows in all; the first { $listed } are listed
field-csv-no-rows = the CSV has a header but no rows
field-upr-unknown-state = column { $column }: unknown State '{ $name }'
field-upr-empty-text = column Text: empty recommendation
field-upr-long-text = column Text: longer than { $max } characters
field-upr-response = column Response: '{ $value }' is not Accepted, Supported or Noted
field-upr-session = column Session: '{ $value }' is not a session number (1-99)
field-upr-action = column Action: '{ $value }' is not an action category (1-5)
field-upr-issue = column Issue: unknown issue '{ $label }'
