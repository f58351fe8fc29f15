# Páginas web de tcmatch, español.

site-name = tcmatch
site-tagline = Cooperación técnica para el Examen Periódico Universal: lo que piden los Estados y lo que otros ofrecen
skip-to-content = Ir al contenido principal
nav-main = Menú principal
nav-home = Inicio
nav-requests = Solicitudes
nav-offers = Ofertas
nav-themes = Temas
nav-recommendations = Recomendaciones
nav-cooperation = Cooperación
nav-languages = Idioma
footer-about = Un repositorio de la cooperación técnica para aplicar las recomendaciones del EPU, con una búsqueda de coincidencias, como pide la resolución 54/28 del Consejo de Derechos Humanos. Las solicitudes solo se muestran con el consentimiento del Estado interesado.
footer-api = API para desarrolladores

home-title = Cooperación técnica en materia de derechos humanos
home-intro = Los Estados examinados en el Examen Periódico Universal piden ayuda para aplicar las recomendaciones recibidas; Estados donantes, organismos de las Naciones Unidas, instituciones nacionales de derechos humanos y la sociedad civil la ofrecen. tcmatch los pone en contacto.
home-figures = De un vistazo
figure-requests = { $count ->
    [one] solicitud abierta
   *[other] solicitudes abiertas
}
figure-states = { $count ->
    [one] Estado que pide ayuda
   *[other] Estados que piden ayuda
}
figure-offers = { $count ->
    [one] oferta disponible
   *[other] ofertas disponibles
}
figure-providers = { $count ->
    [one] proveedor que ofrece ayuda
   *[other] proveedores que ofrecen ayuda
}
home-unanswered = Dónde quedan necesidades sin respuesta
home-unanswered-intro = Temas con solicitudes abiertas y el menor número de ofertas disponibles por solicitud.
home-nothing-asked = Todavía no hay solicitudes abiertas.
col-theme = Tema
col-requests = Solicitudes
col-offers = Ofertas
col-offers-per-request = Ofertas por solicitud
home-all-themes = Oferta y demanda en todos los temas

not-found-title = Página no encontrada
not-found-body = No hay ninguna página en esta dirección.
forbidden-title = Acción no permitida
forbidden-body = Su clave no lo permite. Inicie sesión con una clave que lo permita o consulte a un administrador.
error-title = Se produjo un error
error-body = No se pudo mostrar la página. Vuelva a intentarlo en un momento.
