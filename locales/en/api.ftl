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
detail-not-found = { $what } not found
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
