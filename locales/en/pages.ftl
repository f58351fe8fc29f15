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
error-title = Something went wrong
error-body = The page could not be shown. Please try again in a moment.
