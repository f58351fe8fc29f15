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
field-cannot-be-cleared = ce champ ne peut pas être vidé : omettez-le pour le garder, ou donnez une valeur
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

## Détails des problèmes touchant la requête dans son ensemble, cas par cas
detail-at = { $at } : { $why }
detail-query-not-valid = les paramètres de la requête ne sont pas valides : { $why }
detail-path-not-valid = les paramètres du chemin ne sont pas valides : { $why }
detail-body-unreadable = le corps de la requête n'a pas pu être lu : { $why }
detail-form-unreadable = le formulaire n'a pas pu être lu : { $why }

## Introuvable (404)
not-found-organization = organisation introuvable
not-found-recommendation = recommandation introuvable
not-found-request = demande introuvable
not-found-offer = offre introuvable
not-found-engagement = engagement introuvable
not-found-key = clé d'API introuvable
not-found-webhook = abonnement webhook introuvable
not-found-import-job = tâche d'importation introuvable
not-found-record = enregistrement introuvable
not-found-theme = thème '{ $slug }' introuvable ; GET /api/v1/themes en donne la liste
not-found-state = État '{ $code }' introuvable ; utilisez un code ISO 3166-1 alpha-3, p. ex. KEN
not-found-route = { $method } { $path } introuvable
not-found-page = aucune page à cette adresse
not-found-download = aucun téléchargement de ce type (csv ou xlsx)

## Action non autorisée (403)
forbidden-admin-only = seuls les administrateurs peuvent faire cela
forbidden-other-state = cette clé agit pour { $ours }, et non pour { $theirs }
forbidden-provider-for-state = les clés de fournisseur ne peuvent pas agir pour un État examiné
forbidden-other-provider = cette clé agit pour le fournisseur { $ours }, et non pour { $theirs }
forbidden-state-as-provider = les clés d'État ne peuvent pas agir en tant que fournisseur
forbidden-not-a-side = seuls l'État demandeur et le fournisseur de l'offre peuvent agir sur cette paire demande-offre
forbidden-audit-provider = les clés de fournisseur ne peuvent pas consulter le journal d'audit
forbidden-state-files-requests = seul un État peut déposer ses demandes
forbidden-provider-publishes = seul un fournisseur peut publier des offres ici
forbidden-form-stale = le formulaire n'est plus à jour : rechargez la page
forbidden-cross-site = seuls les formulaires envoyés depuis ce site sont acceptés

## Conflits avec l'état actuel (409)
conflict-request-changed = la demande a été modifiée entre-temps ; réessayez
conflict-engagement-changed = l'engagement a été modifié entre-temps ; réessayez
conflict-no-consent = l'État demandeur n'a pas donné son consentement au partage de cette demande
conflict-request-status = statut actuel de la demande : { $status }
conflict-offer-status = statut actuel de l'offre : { $status }
conflict-offer-not-serving = l'offre ne dessert pas { $state }
conflict-pair-under-way = un engagement est déjà en cours sur cette paire demande-offre
conflict-no-capacity = l'offre ne peut plus prendre de nouvel engagement
conflict-own-interest = la partie pour laquelle vous agissez a manifesté cet intérêt ; seule l'autre partie peut y répondre
conflict-engagement-step = un engagement ne peut pas passer du statut « { $from } » au statut « { $to } »
conflict-consent-pending = le consentement ne peut plus être remis en attente une fois décidé ou enregistré
conflict-consent-same = le consentement a déjà ce statut : { $status }
conflict-offer-final = statut de l'offre : { $status } ; elle ne peut plus changer
conflict-request-final = statut de la demande : { $status } ; elle ne peut plus changer
conflict-status-by-engagement = une demande ne passe au statut « { $status } » que par ses engagements, et aucun de ses engagements n'a le statut requis : { $needed }
conflict-organization-exists = l'organisation { $id } a déjà ce nom et ce pays : utilisez-la (/api/v1/organizations/{ $id })
conflict-iati-identifier = l'identifiant IATI { $identifier } est déjà celui de l'engagement { $id } : un fichier IATI nomme chaque activité une seule fois
conflict-key-revoked = la clé est déjà révoquée
conflict-idempotency-under-way = un appel avec cette Idempotency-Key est en cours de traitement ; renvoyez-le pour obtenir sa réponse
conflict-import-changed = une recommandation a été modifiée pendant l'importation ; relancez l'importation
conflict-exists = cet enregistrement existe déjà
conflict-missing-reference = un enregistrement auquel il est fait référence n'existe pas

## Préconditions, tailles et types de média (412, 413, 415)
precondition-version = If-Match n'indique pas la version actuelle ("v{ $version }") ; récupérez de nouveau la ressource et appliquez-y de nouveau votre modification
precondition-changed = l'enregistrement a été modifié entre-temps ; récupérez-le de nouveau
payload-too-large = le corps de la requête ne doit pas dépasser { $limit } octets
media-type = envoyez le corps de la requête au format { $expected } (reçu : '{ $got }')

## Autres messages sur les champs
field-invalid-utf8 = n'est pas un texte UTF-8 valide
field-empty-body = est vide ; envoyez un objet JSON
field-not-json = n'est pas du JSON valide : { $why }
field-nul = contient un caractère NUL (U+0000), interdit dans un texte
field-idempotency-key = 1 à 200 caractères ASCII imprimables
field-idempotency-reused = cette clé a déjà été utilisée avec un corps différent
field-at-least-one-item = envoyez au moins un élément
field-at-most-items-call = au plus { $max } éléments par appel
field-json-array = envoyez un tableau JSON d'éléments
field-json-object = n'est pas un objet JSON
field-search-words = 10 mots au plus, de 100 caractères au plus chacun
field-search-text = doit comporter de 1 à 200 caractères
field-search-letters = indiquez au moins un mot composé de lettres ou de chiffres
field-unknown-region-param = région inconnue '{ $region }' (utilisez un code ou un nom M49, p. ex. 002 ou Afrique, ou un groupe régional de l'ONU : african, asia_pacific, eeg, grulac, weog)
field-score = doit être un nombre compris entre 0 et 1
field-unknown-group = groupe inconnu '{ $group }'
field-cursor = n'est pas un curseur de cette liste ; transmettez tel quel le next_cursor de la page précédente
field-feed-position = une position de ce flux (une valeur `position` ou `next_after` qu'il a renvoyée)
field-xlsx-rows = plus de lignes qu'une feuille XLSX ne peut en contenir (1 048 576) : restreignez les filtres ou demandez le format CSV
field-no-organization = aucune organisation '{ $id }'
field-provider = '{ $given }' n'est ni un code d'État (alpha-3) ni un identifiant d'organisation
field-no-request = aucune demande '{ $id }'
field-no-offer = aucune offre '{ $id }'
field-no-request-to-decide = aucune demande '{ $id }' sur laquelle vous puissiez vous prononcer
field-admin-names-side = les administrateurs indiquent la partie pour laquelle ils agissent : request ou offer
field-side-admin-only = seuls les administrateurs choisissent la partie
field-admin-key-owner = une clé d'administrateur n'agit pour aucun État ni aucune organisation
field-state-key-needs-state = une clé d'État doit indiquer l'État pour lequel elle agit
field-state-key-no-organization = une clé d'État n'a pas d'organisation
field-provider-key-needs-owner = une clé de fournisseur doit indiquer un organization_id ou un État donateur (state)
field-provider-key-one-owner = une clé de fournisseur agit pour une organisation ou pour un État, pas pour les deux
field-webhook-url = une URL http ou https de 2000 caractères au plus
field-webhook-localhost = ne doit pas pointer vers cette machine (localhost)
field-webhook-private = ne doit pas pointer vers une adresse privée, de bouclage (loopback) ou locale au lien (link-local)
field-webhook-events = indiquez au moins l'un des événements suivants : { $events }
field-unknown-resource = type d'enregistrement inconnu
field-unknown-step = étape inconnue
field-choose-status = choisissez un statut
field-unknown-decision = décision inconnue

## Messages sur les lignes et les cellules d'un fichier CSV
field-csv-header = impossible de lire la ligne d'en-tête : { $why }
field-csv-row = ligne CSV mal formée : { $why }
field-csv-unknown-column = colonne inconnue '{ $name }' ; les colonnes sont { $columns }
field-csv-column-twice = la colonne '{ $name }' apparaît deux fois
field-csv-missing-columns = colonne(s) manquante(s) : { $columns }
field-csv-upr-columns = colonne(s) manquante(s) : { $columns } ; l'en-tête attendu est celui de l'export d'UPR Info
field-csv-flag = '{ $value }' n'est ni true ni false (yes/no et 1/0 sont aussi acceptés)
field-csv-whole-number = '{ $value }' n'est pas un nombre entier
field-csv-max-rows = un fichier peut contenir au plus { $max } lignes
field-csv-bad-rows = { $count } lignes erronées au total ; seules les { $listed } premières sont indiquées
field-csv-no-rows = le fichier CSV a une ligne d'en-tête mais aucune ligne de données
field-upr-unknown-state = colonne { $column } : État inconnu '{ $name }'
field-upr-empty-text = colonne Text : recommandation vide
field-upr-long-text = colonne Text : plus de { $max } caractères
field-upr-response = colonne Response : '{ $value }' n'est ni Accepted, ni Supported, ni Noted
field-upr-session = colonne Session : '{ $value }' n'est pas un numéro de session (1-99)
field-upr-action = colonne Action : '{ $value }' n'est pas une catégorie d'action (1-5)
field-upr-issue = colonne Issue : sujet inconnu '{ $label }'
