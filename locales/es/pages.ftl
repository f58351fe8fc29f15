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
busy-title = Demasiadas solicitudes
busy-body = Ha pedido muchas páginas en poco tiempo. Espere un minuto y vuelva a intentarlo.
error-title = Se produjo un error
error-body = No se pudo mostrar la página. Vuelva a intentarlo en un momento.

## Listas y filtros
list-separator = {", "}
not-given = no indicado
percent = { $value } %
usd = { $amount } dólares de los Estados Unidos
filter-any = Todos
filter-apply = Mostrar
filter-theme = Tema
filter-region = Región
filter-state = Estado
filter-serves = Al servicio del Estado
filter-status = Situación
filter-words = Palabras
pager = Páginas de la lista
pager-first = Primera página
pager-next = Página siguiente
col-request = Solicitud
col-offer = Oferta
col-state = Estado
col-provider = Proveedor
col-themes = Temas
col-status = Situación
col-period = Período
col-priority = Prioridad
col-modalities = Tipo de ayuda
col-languages = Idiomas
col-budget = Presupuesto
col-capacity = Compromisos que puede asumir
col-serves = Disponible para
serves-everywhere = Todos los Estados
description = Descripción

## Solicitudes
requests-title = Solicitudes de asistencia
requests-intro = Aquello para lo que los Estados examinados en el Examen Periódico Universal piden ayuda. Solo se muestran las solicitudes cuya publicación ha aceptado el Estado interesado.
requests-found = { $count ->
    [one] { $count } solicitud
   *[other] { $count } solicitudes
}
linked-recommendations = Recomendaciones del EPU de que se trata
no-linked-recommendations = Esta solicitud no menciona ninguna recomendación del EPU.
recommended-by = Recomendada por { $state }, período de sesiones { $session }
matching-offers = Ofertas que coinciden
no-matching-offers = Todavía ninguna oferta abierta coincide con esta solicitud.

## Ofertas
offers-title = Ofertas de asistencia
offers-intro = Lo que ofrecen los Estados donantes, las entidades de las Naciones Unidas, las instituciones nacionales de derechos humanos y la sociedad civil.
offers-found = { $count ->
    [one] { $count } oferta
   *[other] { $count } ofertas
}
matching-requests = Solicitudes que coinciden
no-matching-requests = Todavía ninguna solicitud publicada coincide con esta oferta.

## Coincidencias
col-match = Coincidencia
col-score = Puntuación
col-why = Por qué
fit-theme = Temas:
fit-modality = Tipo de ayuda:
fit-language = Idiomas:
fit-timeframe = Período:
fit-budget = Presupuesto:
shared-themes = Temas en común:
missing-themes = Temas no cubiertos:
consent-pending-lowers = El Estado aún no ha aceptado compartir esta solicitud, lo que reduce la puntuación.

## Vocabularios
request-status-draft = Borrador
request-status-open = Abierta
request-status-matched = Emparejada
request-status-in_progress = En curso
request-status-completed = Concluida
request-status-withdrawn = Retirada
offer-status-draft = Borrador
offer-status-open = Abierta
offer-status-closed = Cerrada
offer-status-withdrawn = Retirada
priority-low = Baja
priority-medium = Media
priority-high = Alta
modality-legal_drafting = Redacción jurídica
modality-training = Capacitación
modality-expert_advice = Asesoramiento especializado
modality-institution_building = Fortalecimiento institucional
modality-data_and_monitoring = Datos y seguimiento
modality-awareness = Sensibilización
modality-peer_exchange = Intercambio entre pares
modality-equipment = Equipo
modality-funding = Financiación
response-supported = Apoyada
response-noted = Se tomó nota

## Grupos de temas
group-international-framework = Marco internacional de derechos humanos
group-national-framework = Marco nacional de derechos humanos y gobernanza
group-civil-political = Derechos civiles y políticos
group-justice-and-detention = Justicia, detención y prevención de la tortura
group-security-and-conflict = Fuerzas de seguridad, conflictos armados y lucha contra el terrorismo
group-economic-social-cultural = Derechos económicos, sociales y culturales
group-development-environment = Pobreza, desarrollo y medio ambiente
group-women-children-disabilities = Mujeres, niños, discapacidad y género
group-groups-at-risk = Minorías, pueblos indígenas, migrantes y personas desplazadas

## Regiones (M49) y grupos regionales de las Naciones Unidas
region-002 = África
region-019 = Américas
region-142 = Asia
region-150 = Europa
region-009 = Oceanía
region-african = Grupo de los Estados de África
region-asia_pacific = Grupo de los Estados de Asia y el Pacífico
region-eeg = Grupo de los Estados de Europa Oriental
region-grulac = Grupo de los Estados de América Latina y el Caribe
region-weog = Grupo de los Estados de Europa Occidental y otros Estados

## Temas
themes-title = Oferta y demanda por tema
themes-intro = Para cada tema, las solicitudes abiertas y los Estados que las presentan, frente a las ofertas disponibles y los proveedores: dónde las necesidades están menos cubiertas.
themes-totals = En total: { $requests } solicitudes abiertas de { $states } Estados; { $offers } ofertas disponibles de { $providers } proveedores.
themes-chart = Solicitudes abiertas y ofertas disponibles en los temas con más actividad
themes-by-region = Solicitudes abiertas de cada región y ofertas disponibles para ella
themes-table = Todos los temas, del menos cubierto al más cubierto
themes-nothing-yet = Todavía no se ha pedido ni ofrecido nada aquí.
col-states-asking = Estados solicitantes
col-providers = Proveedores
filter-group = Grupo de temas
download-csv = Descargar en CSV (hoja de cálculo)
download-xlsx = Descargar en Excel (XLSX)

## Inicio de sesión
sign-in = Iniciar sesión
sign-out = Cerrar sesión
sign-in-title = Iniciar sesión
sign-in-intro = Inicie sesión con la clave que le dio un administrador. Su navegador solo guarda una sesión, nunca la clave; la sesión termina cuando la cierra, al cabo de 12 horas o si se revoca la clave.
sign-in-key = Su clave
sign-in-key-missing = Escriba su clave.
sign-in-key-unknown = Esta clave no es válida: compruebe que la copió completa o pregunte a un administrador si fue revocada.
signed-in-as = Sesión iniciada como
nav-my = Mi página
my-title = Mi página
my-acting-for = Usted actúa en nombre de { $name } ({ $role }).
my-admin = Como administrador, ve todas las solicitudes en las listas, cualquiera que sea su consentimiento.
role-admin = administrador
role-state = coordinador del Estado
role-provider = proveedor
my-requests = Sus solicitudes
my-requests-intro = Todas las solicitudes de su Estado, incluidos los borradores y las que aún no se comparten. Solo las solicitudes que acepte compartir se muestran a otros y se emparejan con ofertas.
my-no-requests = Su Estado aún no tiene ninguna solicitud.
my-offers = Sus ofertas
my-no-offers = Aún no tiene ninguna oferta.
col-consent = Consentimiento:
consent-decision = Decisión
consent-note = Nota (opcional)
consent-record = Registrar la decisión
consent-already = La solicitud ya tiene este consentimiento; elija otra decisión.
consent-invalid = Elija una de las decisiones propuestas y no supere los 20.000 caracteres en la nota.
consent-pending = Aún sin decidir
consent-granted = Se aceptó compartir
consent-refused = Rechazado
consent-withdrawn = Retirado

## Presentación de una solicitud
new-request-title = Presentar una nueva solicitud
new-request-intro = Una solicitud de asistencia de { $state }. Elija las recomendaciones del EPU a que se refiere, indique qué ayuda se desea y guárdela: permanece con su Estado hasta que registre su consentimiento para compartirla.
new-request-find-recommendations = Buscar recomendaciones
new-request-no-recommendations = Ninguna recomendación dirigida a su Estado contiene estas palabras.
new-request-save = Guardar la solicitud
session-number = período de sesiones { $session }
field-title = Título
field-languages = Idiomas en que puede prestarse la ayuda (códigos como en, fr, ar)
field-starts-on = Desde
field-ends-on = Hasta
field-budget-min = Presupuesto desde (dólares de los Estados Unidos)
field-budget-max = Presupuesto hasta (dólares de los Estados Unidos)
field-save-as = Guardar como
save-open = Abierta (lista para compartir)
save-draft = Borrador
themes-suggest = Proponer temas para el texto
themes-suggest-on-save = Añadir también al guardar los temas propuestos para el texto
themes-suggested-ticked = Los temas propuestos están marcados abajo; desmarque los que no correspondan.
themes-none-suggested = Ningún tema alcanza el umbral para este texto; marque usted los temas.
suggested-confidence = propuesto, fiabilidad { $value }
form-has-problems = No se guardó la solicitud. Corrija:
form-date-invalid = Use el formato de fecha AAAA-MM-DD.
form-dollars-invalid = Un número entero de dólares de los Estados Unidos, sin separadores.

## Colaboraciones
express-interest = Manifestar interés
my-engagements = Sus colaboraciones
my-no-engagements = Aún no hay colaboraciones: manifieste interés en una coincidencia desde la página de una solicitud o de una oferta.
interest-by-you = usted manifestó interés primero
interest-by-them = la otra parte manifestó interés primero
engagement-step = Paso siguiente
engagement-outcome = Resultado o nota (necesario para concluir)
engagement-record = Registrar
engagement-status-interest = Interés manifestado
engagement-status-agreed = Acordada
engagement-status-in_progress = En curso
engagement-status-completed = Concluida
engagement-status-declined = Rechazada
engagement-status-cancelled = Cancelada
engagement-to-interest = Manifestar interés
engagement-to-agreed = Aceptar
engagement-to-declined = Rechazar
engagement-to-in_progress = Empezar el trabajo
engagement-to-completed = Concluir
engagement-to-cancelled = Cancelar
conflict-title = No es posible ahora
conflict-body = No se puede hacer en el estado actual del registro (puede que ya se haya hecho o que haya cambiado entretanto). Vuelva atrás y cargue de nuevo la página.
invalid-title = Algo del formulario no es correcto
invalid-body = Vuelva atrás, compruebe lo introducido e inténtelo de nuevo.

## Carga de ofertas
upload-title = Publicar ofertas desde una hoja de cálculo
upload-intro = Guarde su hoja de cálculo en formato CSV (UTF-8) con una fila de encabezado que nombre las columnas siguientes, una oferta por fila; separe los elementos de una lista con «;». Todas las ofertas se publican juntas, o ninguna: si algo falla, cada problema se indica con su línea y no se guarda nada.
upload-template = Descargar una plantilla con una fila de ejemplo
upload-columns = Columnas (provider y title son obligatorias):
upload-file = El archivo CSV
upload-submit = Comprobar y publicar
upload-no-file = Elija un archivo CSV para cargar.
upload-stored = { $count ->
    [one] Se publicó una oferta.
   *[other] Se publicaron { $count } ofertas.
}
upload-problems = { $count ->
    [one] No se publicó nada: hay un problema que corregir.
   *[other] No se publicó nada: hay { $count } problemas que corregir.
}
col-line = Línea
col-column = Columna
col-problem = Problema

## Explorador de recomendaciones
recommendations-title = Recomendaciones del EPU: quién recomendó qué a quién
recommendations-intro = Las recomendaciones que los Estados se formularon en el Examen Periódico Universal, y si el Estado examinado las apoyó o tomó nota de ellas. Fíltrelas, cuéntelas por Estado recomendante, tema, respuesta o ciclo, y léalas.
recommendations-totals = { $total } recomendaciones: { $supported } apoyadas, { $noted } de las que se tomó nota.
recommendations-chart = Recomendaciones apoyadas y de las que se tomó nota, de los grupos mayores a los menores
recommendations-none = Ninguna recomendación coincide con estos filtros.
recommendations-list = Las recomendaciones
recommendations-found = { $count ->
    [one] { $count } recomendación
   *[other] { $count } recomendaciones
}
recommended-to = { $state } a { $to }, período de sesiones { $session }
not-recorded = No consta
cycle-number = Ciclo { $cycle }
filter-state-under-review = Estado examinado
filter-recommending-state = Estado recomendante
filter-response = Respuesta
filter-cycle = Ciclo
filter-group-by = Contar por
group-by-recommending_state = Por Estado recomendante
group-by-theme = Por tema
group-by-response = Por respuesta
group-by-cycle = Por ciclo
col-group = Grupo
col-recommendations = Recomendaciones

## Registro de la cooperación
cooperation-title = Registro de la cooperación
cooperation-intro = Cómo han colaborado las dos partes de las coincidencias: las colaboraciones sobre solicitudes publicadas, por situación, año de inicio, región del Estado solicitante y tema. Solo las cifras son públicas; los pares quedan entre sus dos partes.
cooperation-total = { $count ->
    [one] { $count } colaboración en total.
   *[other] { $count } colaboraciones en total.
}
cooperation-none = Aún no hay colaboraciones.
cooperation-chart = Colaboraciones por año de inicio
cooperation-under-way = Acordadas o en curso
cooperation-by-status = Por situación
cooperation-by-year = Por año de inicio
cooperation-by-region = Por región del Estado solicitante
cooperation-by-theme = Por tema de la solicitud
col-all = Total
consent-choose = Elija…
label-status = Situación:

## Administración
keys-title = Claves de API
key-new = Emitir una clave
key-role = Función
key-role-missing = Elija la función de la clave.
key-organization = Identificador de la organización (para la clave de proveedor de una organización)
key-label = Destinatario
key-issue = Emitir la clave
key-issued = Se emitió la clave. Copie ahora su secreto y entréguelo a su titular de forma segura: no volverá a mostrarse.
key-list = Todas las claves
engagements-found = { $count ->
    [one] { $count } colaboración
   *[other] { $count } colaboraciones
}
keys-found = { $count ->
    [one] { $count } clave
   *[other] { $count } claves
}
key-acts-for = Actúa en nombre de
key-prefix = Empieza por
key-last-used = Último uso (UTC)
key-revoked = Revocada
key-revoke = Revocar
key-revoke-named = Revocar la clave de { $name }
audit-title = Registro de auditoría
audit-intro = Cada cambio hecho en el repositorio: quién lo hizo, cuándo y qué cambió. El coordinador de un Estado ve los cambios de sus propias solicitudes.
audit-resource = Registro
audit-resource-id = Identificador del registro
audit-when = Cuándo (UTC)
audit-who = Quién
audit-what = Acción
audit-changes = Cambios
events-found = { $count ->
    [one] { $count } evento
   *[other] { $count } eventos
}
import-title = Importar recomendaciones del EPU
import-intro = Cargue una exportación CSV de recomendaciones de UPR Info. Se guardan todas las filas o ninguna; se proponen temas para las filas que no tienen.
import-submit = Importar
import-done = { $count ->
    [one] Se importó una recomendación.
   *[other] Se importaron { $count } recomendaciones.
}
role-system = sistema
action-create = Creación
action-update = Modificación
action-import = Importación
action-consent = Consentimiento registrado
action-revoke = Revocación
resource-organization = Organización
resource-recommendation = Recomendación
resource-request = Solicitud
resource-offer = Oferta
resource-engagement = Colaboración
resource-key = Clave
resource-webhook = Webhook
key-no-state = Ninguno
import-problems = { $count ->
    [one] No se importó nada: hay un problema que corregir.
   *[other] No se importó nada: hay { $count } problemas que corregir.
}
offer-new-status = Cambiar su situación a
download-recommendations = Descargar las recomendaciones en CSV
download-recommendations-xlsx = Descargar las recomendaciones en Excel (XLSX)
import-reading = Leyendo el archivo…
import-checked = { $checked } de { $rows } filas comprobadas, con temas propuestos donde faltan…
import-storing = Guardando { $rows } recomendaciones…
import-counts = Nuevas: { $new }. Modificadas, y actualizadas: { $changed }. Ya guardadas tal cual: { $unchanged }.

## Recommendations without a theme
filter-needs-review = Temas
needs-review-true = Por clasificar por una persona
needs-review-false = Clasificadas
needs-review-badge = Aún sin tema: debe clasificarla una persona
needs-review-hint = El modelo de temas no tuvo suficiente confianza para clasificar esta recomendación; elija sus temas.
