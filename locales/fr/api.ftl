## Ce que l'API dit aux personnes : titres et détails des problèmes, messages sur les champs, raisons des correspondances.
## Les champs techniques (code, field, slugs) ne changent jamais selon la langue.

list-or = {" ou "}

## Titres des problèmes, par code
problem-validation = La requête n'est pas valide
problem-bad_request = La requête est mal formée
problem-unauthorized = Une clé d'API est requise
problem-forbidden = Action non autorisée
problem-not_found = Introuvable
problem-method_not_allowed = Méthode non autorisée
problem-conflict = La requête est en conflit avec l'état actuel
problem-precondition_failed = La ressource a été modifiée
problem-precondition_required = If-Match est requis
problem-payload_too_large = Le corps de la requête est trop volumineux
problem-unsupported_media_type = Type de média non pris en charge
problem-rate_limited = Trop de requêtes
problem-unavailable = Service indisponible
problem-busy = Service occupé
problem-internal = Erreur interne du serveur

## Détails des problèmes
detail-fields-not-valid = { $count ->
    [one] { $count } champ n'est pas valide
   *[other] { $count } champs ne sont pas valides
}
detail-unauthorized = envoyez une clé d'API valide et non révoquée sous la forme 'Authorization: Bearer <key>'
detail-not-found = { $what } introuvable
detail-method-not-allowed = ce chemin n'accepte pas { $method } ; il accepte { $allow }
detail-rate-limited = limite de fréquence des requêtes atteinte ; réessayez dans { $seconds } s
detail-precondition-required = envoyez If-Match avec l'ETag de la ressource (ou sa version) pour la modifier
detail-unavailable = la base de données est injoignable pour le moment ; réessayez plus tard
detail-busy = cette instance a trop de travail en attente ; réessayez dans une seconde
detail-internal = une erreur inattendue s'est produite ; elle a été journalisée

## Messages sur les champs
field-unauthorized = clé absente, mal formée, inconnue ou révoquée
field-header-required = en-tête obligatoire
field-required = est obligatoire
field-not-empty = ne doit pas être vide
field-at-most-chars = doit comporter au plus { $max } caractères
field-at-most-items = doit comporter au plus { $max } éléments
field-unknown-field = n'est pas un champ admis ici ; les champs sont { $fields }
field-unknown-parameter = n'est pas un paramètre de cette opération ; elle accepte { $expected }
field-text = doit être du texte, entre guillemets doubles
field-whole-number = doit être un nombre entier, sans séparateurs ni décimales
field-whole-number-range = doit être un nombre entier compris entre { $min } et { $max }
field-usd = doit être un nombre entier de dollars des États-Unis, sans séparateurs ni décimales (p. ex. 25000)
field-number = doit être un nombre, avec un point pour les décimales (p. ex. 0.5)
field-boolean = doit être true ou false
field-list = doit être une liste, entre crochets
field-object = doit être un objet, entre accolades
field-date = utilisez le format de date YYYY-MM-DD (p. ex. 2027-03-31)
field-no-such-day = n'est pas un jour du calendrier (le format de date est YYYY-MM-DD)
field-date-range = doit être une date comprise entre le { $first } et le { $last }
field-timestamp = utilisez une date et une heure telles que 2026-01-31T00:00:00Z
field-one-of = doit être l'une des valeurs suivantes : { $values }
field-not-before = ne doit pas être antérieur à { $other } ({ $value })
field-not-below = ne doit pas être inférieur à { $other } ({ $value })
field-not-negative = ne doit pas être négatif
field-unknown-state = code d'État inconnu '{ $code }' (utilisez un code ISO 3166-1 alpha-3, p. ex. KEN)
field-unknown-language = code de langue inconnu '{ $code }' (utilisez ISO 639-1, p. ex. ar, en, es, fr, ru, zh)
field-unknown-theme = thème inconnu '{ $tag }' ; vouliez-vous dire { $themes } ?
field-unknown-theme-none = thème inconnu '{ $tag }' ; consultez GET /api/v1/themes pour la liste
field-offer-needs-theme = indiquez au moins un thème, ou activez suggest_themes
field-request-needs-theme = indiquez au moins un thème, ou des recommandations qui ont des thèmes, ou activez suggest_themes
field-no-theme-suggested = aucun thème n'a pu être proposé avec certitude à partir du titre et de la description ; indiquez au moins un thème
field-unknown-region = région inconnue '{ $region }' (utilisez un code ou un nom M49, ou un groupe régional de l'ONU)
field-global-lists-areas = une offre mondiale n'énumère ni pays ni régions
field-areas-needed = indiquez les pays ou régions desservis, ou mettez global à true
field-capacity = doit être un nombre entier de 1 à 10000 engagements
field-new-offer-status = une nouvelle offre est draft ou open
field-new-request-status = une nouvelle demande est draft ou open
field-no-recommendation = aucune recommandation '{ $id }'
field-recommendation-elsewhere = la recommandation '{ $id }' est adressée à { $state }, et non à { $ours }
field-website = doit être une URL http(s)
field-outcome-needed = indiquez ce que la coopération a permis d'accomplir pour la clore
field-session-cycle = la session { $session } appartient au cycle { $cycle }
field-iati-identifier = un identifiant d'activité IATI : 1 à 200 caractères, sans espace ni aucun de / & | ?

## Raisons des correspondances
reason-shares = Partage des thèmes demandés ({ $shared } sur { $requested }) : { $themes }
reason-related = Couvre par un thème apparenté du même groupe : { $themes }
reason-missing = Ne couvre pas : { $themes }
reason-consent-pending = Le consentement est encore en attente : classée après les demandes tout aussi adaptées ayant reçu le consentement
reason-request-no-modality = La demande n'indique aucun type d'aide
reason-request-no-language = La demande n'indique aucune langue
reason-request-no-period = La demande n'indique aucune période
reason-request-no-budget = La demande n'indique aucun budget
reason-offer-no-modality = Type d'aide inconnu : l'offre n'en indique aucun (score : { $percent })
reason-offer-no-language = Langue inconnue : l'offre n'en indique aucune (score : { $percent })
reason-offer-no-period = Période inconnue : l'offre n'en indique aucune (score : { $percent })
reason-offer-no-budget = Budget inconnu : l'offre n'en indique aucun (score : { $percent })
reason-no-modality-in-common = Aucun des types d'aide demandés
reason-modalities-in-common = Types d'aide en commun : { $modalities } ({ $percent } de ceux demandés)
reason-no-language-in-common = Aucune langue en commun
reason-languages-in-common = Langues en commun : { $languages }
reason-period-covers = La période de l'offre couvre { $percent } de celle de la demande
reason-budget-covers = Le budget de l'offre couvre { $percent } de celui de la demande
