# Pages web de tcmatch, français.

site-name = tcmatch
site-tagline = Coopération technique pour l'Examen périodique universel : ce que les États demandent, ce que d'autres offrent
skip-to-content = Aller au contenu principal
nav-main = Menu principal
nav-home = Accueil
nav-requests = Demandes
nav-offers = Offres
nav-themes = Thèmes
nav-recommendations = Recommandations
nav-cooperation = Coopération
nav-languages = Langue
footer-about = Un répertoire de la coopération technique pour la mise en œuvre des recommandations de l'EPU, avec une recherche de correspondances, comme le demande la résolution 54/28 du Conseil des droits de l'homme. Les demandes ne sont publiées qu'avec le consentement de l'État concerné.
footer-api = API pour les développeurs

home-title = Coopération technique pour les droits de l'homme
home-intro = Les États examinés dans le cadre de l'Examen périodique universel demandent de l'aide pour mettre en œuvre les recommandations reçues ; des États donateurs, des organismes des Nations Unies, des institutions nationales des droits de l'homme et la société civile la proposent. tcmatch les met en relation.
home-figures = En bref
figure-requests = { $count ->
    [one] demande ouverte
   *[other] demandes ouvertes
}
figure-states = { $count ->
    [one] État demandant de l'aide
   *[other] États demandant de l'aide
}
figure-offers = { $count ->
    [one] offre disponible
   *[other] offres disponibles
}
figure-providers = { $count ->
    [one] fournisseur d'aide
   *[other] fournisseurs d'aide
}
home-unanswered = Les besoins sans réponse
home-unanswered-intro = Thèmes comptant des demandes ouvertes et le moins d'offres disponibles par demande.
home-nothing-asked = Aucune demande ouverte pour l'instant.
col-theme = Thème
col-requests = Demandes
col-offers = Offres
col-offers-per-request = Offres par demande
home-all-themes = L'offre et la demande dans tous les thèmes

not-found-title = Page introuvable
not-found-body = Il n'y a aucune page à cette adresse.
forbidden-title = Action non autorisée
forbidden-body = Votre clé ne le permet pas. Connectez-vous avec une clé qui le permet ou adressez-vous à un administrateur.
busy-title = Trop de demandes
busy-body = Vous avez demandé beaucoup de pages en peu de temps. Veuillez patienter une minute, puis réessayer.
error-title = Une erreur s'est produite
error-body = La page n'a pas pu être affichée. Veuillez réessayer dans un instant.

## Listes et filtres
list-separator = {", "}
not-given = non précisé
percent = { $value } %
usd = { $amount } dollars des États-Unis
filter-any = Tous
filter-apply = Afficher
filter-theme = Thème
filter-region = Région
filter-state = État
filter-serves = Au service de l'État
filter-status = Statut
filter-words = Mots
pager = Pages de la liste
pager-first = Première page
pager-next = Page suivante
col-request = Demande
col-offer = Offre
col-state = État
col-provider = Fournisseur
col-themes = Thèmes
col-status = Statut
col-period = Période
col-priority = Priorité
col-modalities = Type d'aide
col-languages = Langues
col-budget = Budget
col-capacity = Engagements possibles
col-serves = Accessible à
serves-everywhere = Tous les États
description = Description

## Demandes
requests-title = Demandes d'assistance
requests-intro = Ce pour quoi les États examinés dans le cadre de l'Examen périodique universel demandent de l'aide. Seules les demandes dont l'État concerné a accepté la publication sont affichées.
requests-found = { $count ->
    [one] { $count } demande
   *[other] { $count } demandes
}
linked-recommendations = Recommandations de l'EPU concernées
no-linked-recommendations = Cette demande ne cite aucune recommandation de l'EPU.
recommended-by = Recommandée par { $state }, session { $session }
matching-offers = Offres correspondantes
no-matching-offers = Aucune offre ouverte ne correspond encore à cette demande.

## Offres
offers-title = Offres d'assistance
offers-intro = Ce que proposent les États donateurs, les entités des Nations Unies, les institutions nationales des droits de l'homme et la société civile.
offers-found = { $count ->
    [one] { $count } offre
   *[other] { $count } offres
}
matching-requests = Demandes correspondantes
no-matching-requests = Aucune demande publiée ne correspond encore à cette offre.

## Correspondances
col-match = Correspondance
col-score = Score
col-why = Pourquoi
fit-theme = Thèmes :
fit-modality = Type d'aide :
fit-language = Langues :
fit-timeframe = Période :
fit-budget = Budget :
shared-themes = Thèmes communs :
missing-themes = Thèmes non couverts :
consent-pending-lowers = L'État n'a pas encore accepté de partager cette demande, ce qui abaisse le score.

## Vocabulaires
request-status-draft = Brouillon
request-status-open = Ouverte
request-status-matched = Appariée
request-status-in_progress = En cours
request-status-completed = Achevée
request-status-withdrawn = Retirée
offer-status-draft = Brouillon
offer-status-open = Ouverte
offer-status-closed = Clôturée
offer-status-withdrawn = Retirée
priority-low = Faible
priority-medium = Moyenne
priority-high = Élevée
modality-legal_drafting = Rédaction juridique
modality-training = Formation
modality-expert_advice = Conseils d'experts
modality-institution_building = Renforcement des institutions
modality-data_and_monitoring = Données et suivi
modality-awareness = Sensibilisation
modality-peer_exchange = Échanges entre pairs
modality-equipment = Équipement
modality-funding = Financement
response-supported = Soutenue
response-noted = Notée

## Groupes de thèmes
group-international-framework = Cadre international des droits de l'homme
group-national-framework = Cadre national des droits de l'homme et gouvernance
group-civil-political = Droits civils et politiques
group-justice-and-detention = Justice, détention et prévention de la torture
group-security-and-conflict = Forces de sécurité, conflits armés et lutte antiterroriste
group-economic-social-cultural = Droits économiques, sociaux et culturels
group-development-environment = Pauvreté, développement et environnement
group-women-children-disabilities = Femmes, enfants, handicap et genre
group-groups-at-risk = Minorités, peuples autochtones, migrants et personnes déplacées

## Régions (M49) et groupes régionaux de l'ONU
region-002 = Afrique
region-019 = Amériques
region-142 = Asie
region-150 = Europe
region-009 = Océanie
region-african = Groupe des États d'Afrique
region-asia_pacific = Groupe des États d'Asie et du Pacifique
region-eeg = Groupe des États d'Europe orientale
region-grulac = Groupe des États d'Amérique latine et des Caraïbes
region-weog = Groupe des États d'Europe occidentale et autres États

## Thèmes
themes-title = Offre et demande par thème
themes-intro = Pour chaque thème, les demandes ouvertes et les États qui demandent, face aux offres disponibles et aux fournisseurs : là où les besoins sont le moins couverts.
themes-totals = Au total : { $requests } demandes ouvertes de { $states } États ; { $offers } offres disponibles de { $providers } fournisseurs.
themes-chart = Demandes ouvertes et offres disponibles dans les thèmes les plus actifs
themes-by-region = Demandes ouvertes de chaque région et offres disponibles qui la desservent
themes-table = Tous les thèmes, du moins couvert au mieux couvert
themes-nothing-yet = Rien n'est encore demandé ni offert ici.
col-states-asking = États demandeurs
col-providers = Fournisseurs
filter-group = Groupe de thèmes
download-csv = Télécharger en CSV (tableur)
download-xlsx = Télécharger en Excel (XLSX)

## Connexion
sign-in = Se connecter
sign-out = Se déconnecter
sign-in-title = Connexion
sign-in-intro = Connectez-vous avec la clé qu'un administrateur vous a remise. Votre navigateur ne conserve qu'une session, jamais la clé ; la session prend fin lorsque vous vous déconnectez, au bout de 12 heures ou si la clé est révoquée.
sign-in-key = Votre clé
sign-in-key-missing = Saisissez votre clé.
sign-in-key-unknown = Cette clé n'est pas valide : vérifiez que vous l'avez copiée en entier, ou demandez à un administrateur si elle a été révoquée.
signed-in-as = Connecté en tant que
nav-my = Ma page
my-title = Ma page
my-acting-for = Vous agissez pour { $name } ({ $role }).
my-admin = En tant qu'administrateur, vous voyez toutes les demandes dans les listes, quel que soit leur consentement.
role-admin = administrateur
role-state = point focal de l'État
role-provider = fournisseur
my-requests = Vos demandes
my-requests-intro = Toutes les demandes de votre État, y compris les brouillons et celles qui ne sont pas encore partagées. Seules les demandes que vous acceptez de partager sont visibles par d'autres et mises en correspondance avec des offres.
my-no-requests = Votre État n'a encore aucune demande.
my-offers = Vos offres
my-no-offers = Vous n'avez encore aucune offre.
col-consent = Consentement :
consent-decision = Décision
consent-note = Note (facultatif)
consent-record = Enregistrer la décision
consent-already = La demande a déjà ce consentement ; choisissez une autre décision.
consent-invalid = Choisissez l'une des décisions proposées et limitez la note à 20 000 caractères.
consent-pending = Pas encore décidé
consent-granted = Partage accepté
consent-refused = Refusé
consent-withdrawn = Retiré

## Dépôt d'une demande
new-request-title = Déposer une nouvelle demande
new-request-intro = Une demande d'assistance de { $state }. Choisissez les recommandations de l'EPU qu'elle concerne, dites quelle aide est souhaitée, puis enregistrez-la : elle reste auprès de votre État jusqu'à ce que vous enregistriez son consentement au partage.
new-request-find-recommendations = Chercher des recommandations
new-request-no-recommendations = Aucune recommandation adressée à votre État ne contient ces mots.
new-request-save = Enregistrer la demande
session-number = session { $session }
field-title = Titre
field-languages = Langues dans lesquelles l'aide peut être apportée (codes tels que en, fr, ar)
field-starts-on = Du
field-ends-on = Au
field-budget-min = Budget à partir de (dollars des États-Unis)
field-budget-max = Budget jusqu'à (dollars des États-Unis)
field-save-as = Enregistrer comme
save-open = Ouverte (prête à être partagée)
save-draft = Brouillon
themes-suggest = Proposer des thèmes pour le texte
themes-suggest-on-save = Ajouter aussi les thèmes proposés pour le texte lors de l'enregistrement
themes-suggested-ticked = Les thèmes proposés sont cochés ci-dessous ; décochez ceux qui ne conviennent pas.
themes-none-suggested = Aucun thème n'atteint le seuil pour ce texte ; cochez vous-même les thèmes.
suggested-confidence = proposé, fiabilité { $value }
form-has-problems = La demande n'a pas été enregistrée. Veuillez corriger :
form-date-invalid = Utilisez le format de date AAAA-MM-JJ.
form-dollars-invalid = Un nombre entier de dollars des États-Unis, sans séparateurs.

## Engagements
express-interest = Manifester son intérêt
my-engagements = Vos engagements
my-no-engagements = Aucun engagement pour l'instant : manifestez votre intérêt pour une correspondance depuis la page d'une demande ou d'une offre.
interest-by-you = vous avez manifesté votre intérêt en premier
interest-by-them = l'autre partie a manifesté son intérêt en premier
engagement-step = Étape suivante
engagement-outcome = Résultat ou note (requis pour achever)
engagement-record = Enregistrer
engagement-status-interest = Intérêt manifesté
engagement-status-agreed = Accepté
engagement-status-in_progress = En cours
engagement-status-completed = Achevé
engagement-status-declined = Décliné
engagement-status-cancelled = Annulé
engagement-to-interest = Manifester son intérêt
engagement-to-agreed = Accepter
engagement-to-declined = Décliner
engagement-to-in_progress = Commencer le travail
engagement-to-completed = Achever
engagement-to-cancelled = Annuler
conflict-title = Impossible pour l'instant
conflict-body = Cette action n'est pas possible dans l'état actuel de l'enregistrement (elle a peut-être déjà été faite, ou il a changé entre-temps). Revenez en arrière et rechargez la page.
invalid-title = Un élément du formulaire n'est pas correct
invalid-body = Revenez en arrière, vérifiez ce qui a été saisi et réessayez.

## Téléversement d'offres
upload-title = Publier des offres depuis un tableur
upload-intro = Enregistrez votre tableur au format CSV (UTF-8) avec une ligne d'en-tête nommant les colonnes ci-dessous, une offre par ligne ; séparez les éléments d'une liste par « ; ». Toutes les offres sont publiées ensemble, ou aucune : en cas d'erreur, chaque problème est indiqué avec sa ligne et rien n'est enregistré.
upload-template = Télécharger un modèle avec une ligne d'exemple
upload-columns = Colonnes (provider et title sont obligatoires) :
upload-file = Le fichier CSV
upload-submit = Vérifier et publier
upload-no-file = Choisissez un fichier CSV à téléverser.
upload-stored = { $count ->
    [one] Une offre a été publiée.
   *[other] { $count } offres ont été publiées.
}
upload-problems = { $count ->
    [one] Rien n'a été publié : il y a un problème à corriger.
   *[other] Rien n'a été publié : il y a { $count } problèmes à corriger.
}
col-line = Ligne
col-column = Colonne
col-problem = Problème

## Explorateur des recommandations
recommendations-title = Recommandations de l'EPU : qui a recommandé quoi à qui
recommendations-intro = Les recommandations que les États se sont adressées dans le cadre de l'Examen périodique universel, et si l'État examiné les a soutenues ou en a pris note. Filtrez-les, comptez-les par État auteur, thème, réponse ou cycle, et lisez-les.
recommendations-totals = { $total } recommandations : { $supported } soutenues, { $noted } notées.
recommendations-chart = Recommandations soutenues et notées, des groupes les plus importants aux moins importants
recommendations-none = Aucune recommandation ne correspond à ces filtres.
recommendations-list = Les recommandations
recommendations-found = { $count ->
    [one] { $count } recommandation
   *[other] { $count } recommandations
}
recommended-to = { $state } à { $to }, session { $session }
not-recorded = Non indiqué
cycle-number = Cycle { $cycle }
filter-state-under-review = État examiné
filter-recommending-state = État auteur de la recommandation
filter-response = Réponse
filter-cycle = Cycle
filter-group-by = Compter par
group-by-recommending_state = Par État auteur
group-by-theme = Par thème
group-by-response = Par réponse
group-by-cycle = Par cycle
col-group = Groupe
col-recommendations = Recommandations

## Bilan de la coopération
cooperation-title = Bilan de la coopération
cooperation-intro = Comment les deux parties des correspondances ont travaillé ensemble : les engagements sur les demandes publiées, par statut, année de début, région de l'État demandeur et thème. Seuls les chiffres sont publics ; les paires restent connues de leurs seules parties.
cooperation-total = { $count ->
    [one] { $count } engagement au total.
   *[other] { $count } engagements au total.
}
cooperation-none = Aucun engagement pour l'instant.
cooperation-chart = Engagements par année de début
cooperation-under-way = Acceptés ou en cours
cooperation-by-status = Par statut
cooperation-by-year = Par année de début
cooperation-by-region = Par région de l'État demandeur
cooperation-by-theme = Par thème de la demande
col-all = Total
consent-choose = Choisir…
label-status = Statut :

## Administration
keys-title = Clés d'API
key-new = Délivrer une clé
key-role = Rôle
key-role-missing = Choisissez le rôle de la clé.
key-organization = Identifiant de l'organisation (pour la clé de fournisseur d'une organisation)
key-label = Destinataire
key-issue = Délivrer la clé
key-issued = La clé a été délivrée. Copiez son secret maintenant et remettez-le à son titulaire en toute sécurité : il ne sera plus jamais affiché.
key-list = Toutes les clés
engagements-found = { $count ->
    [one] { $count } engagement
   *[other] { $count } engagements
}
keys-found = { $count ->
    [one] { $count } clé
   *[other] { $count } clés
}
key-acts-for = Agit pour
key-prefix = Commence par
key-last-used = Dernière utilisation (UTC)
key-revoked = Révoquée
key-revoke = Révoquer
key-revoke-named = Révoquer la clé de { $name }
audit-title = Journal d'audit
audit-intro = Chaque modification apportée au répertoire : qui l'a faite, quand, et ce qui a changé. Le point focal d'un État voit les modifications de ses propres demandes.
audit-resource = Enregistrement
audit-resource-id = Identifiant de l'enregistrement
audit-when = Quand (UTC)
audit-who = Qui
audit-what = Action
audit-changes = Modifications
events-found = { $count ->
    [one] { $count } événement
   *[other] { $count } événements
}
import-title = Importer des recommandations de l'EPU
import-intro = Téléversez un export CSV de recommandations d'UPR Info. Toutes les lignes sont enregistrées, ou aucune ; des thèmes sont proposés pour les lignes qui n'en ont pas.
import-submit = Importer
import-done = { $count ->
    [one] Une recommandation a été importée.
   *[other] { $count } recommandations ont été importées.
}
role-system = système
action-create = Création
action-update = Modification
action-import = Importation
action-consent = Consentement enregistré
action-revoke = Révocation
resource-organization = Organisation
resource-recommendation = Recommandation
resource-request = Demande
resource-offer = Offre
resource-engagement = Engagement
resource-key = Clé
resource-webhook = Webhook
key-no-state = Aucun
import-problems = { $count ->
    [one] Rien n'a été importé : il y a un problème à corriger.
   *[other] Rien n'a été importé : il y a { $count } problèmes à corriger.
}
offer-new-status = Changer son statut en
download-recommendations = Télécharger les recommandations en CSV
download-recommendations-xlsx = Télécharger les recommandations en Excel (XLSX)
import-reading = Lecture du fichier…
import-checked = { $checked } lignes vérifiées sur { $rows }, thèmes proposés là où ils manquent…
import-storing = Enregistrement de { $rows } recommandations…
import-counts = Nouvelles : { $new }. Modifiées, et mises à jour : { $changed }. Déjà enregistrées telles quelles : { $unchanged }.

## Recommendations without a theme
filter-needs-review = Thèmes
needs-review-true = À classer par une personne
needs-review-false = Classées
needs-review-badge = Aucun thème pour l'instant : à classer par une personne
needs-review-hint = Le modèle de thèmes n'était pas assez sûr pour classer cette recommandation ; choisissez ses thèmes.
