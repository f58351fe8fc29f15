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
error-title = Une erreur s'est produite
error-body = La page n'a pas pu être affichée. Veuillez réessayer dans un instant.
