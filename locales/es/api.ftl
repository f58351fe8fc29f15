## Lo que la API dice a las personas: títulos y detalles de los problemas, mensajes sobre los campos, motivos de las coincidencias.
## Los campos técnicos (code, field, slugs) nunca cambian con el idioma.

list-or = {" o "}

## Títulos de los problemas, por código
problem-validation = La solicitud no es válida
problem-bad_request = La solicitud está mal formada
problem-unauthorized = Se requiere una clave de API
problem-forbidden = Acción no permitida
problem-not_found = No encontrado
problem-method_not_allowed = Método no permitido
problem-conflict = La solicitud entra en conflicto con el estado actual
problem-precondition_failed = El recurso ha cambiado
problem-precondition_required = Se requiere If-Match
problem-payload_too_large = El cuerpo de la solicitud es demasiado grande
problem-unsupported_media_type = Tipo de medio no admitido
problem-rate_limited = Demasiadas solicitudes
problem-unavailable = Servicio no disponible
problem-busy = Servicio ocupado
problem-internal = Error interno del servidor

## Detalles de los problemas
detail-fields-not-valid = { $count ->
    [one] { $count } campo no es válido
   *[other] { $count } campos no son válidos
}
detail-unauthorized = envíe una clave de API válida y no revocada en la forma 'Authorization: Bearer <key>'
detail-method-not-allowed = esta ruta no admite { $method }; admite { $allow }
detail-rate-limited = se alcanzó el límite de frecuencia de solicitudes; vuelva a intentarlo dentro de { $seconds } s
detail-precondition-required = envíe If-Match con el ETag del recurso (o su versión) para actualizarlo
detail-unavailable = no es posible acceder a la base de datos en este momento; vuelva a intentarlo más tarde
detail-busy = esta instancia tiene demasiado trabajo en espera; vuelva a intentarlo dentro de un segundo
detail-internal = se produjo un error inesperado; quedó registrado

## Mensajes sobre los campos
field-unauthorized = clave ausente, mal formada, desconocida o revocada
field-header-required = encabezado obligatorio
field-required = es obligatorio
field-cannot-be-cleared = este campo no se puede vaciar: omítalo para conservarlo, o dé un valor
field-not-empty = no debe estar vacío
field-at-most-chars = debe tener como máximo { $max } caracteres
field-at-most-items = debe tener como máximo { $max } elementos
field-unknown-field = no es un campo admitido aquí; los campos son { $fields }
field-unknown-parameter = no es un parámetro de esta operación; esta admite { $expected }
field-text = debe ser texto, entre comillas dobles
field-whole-number = debe ser un número entero, sin separadores ni decimales
field-whole-number-range = debe ser un número entero entre { $min } y { $max }
field-usd = debe ser un número entero de dólares de los Estados Unidos, sin separadores ni decimales (p. ej. 25000)
field-number = debe ser un número, con punto para los decimales (p. ej. 0.5)
field-boolean = debe ser true o false
field-list = debe ser una lista, entre corchetes
field-object = debe ser un objeto, entre llaves
field-date = use el formato de fecha YYYY-MM-DD (p. ej. 2027-03-31)
field-no-such-day = no es un día del calendario (el formato de fecha es YYYY-MM-DD)
field-date-range = debe ser una fecha entre el { $first } y el { $last }
field-timestamp = use una fecha y hora como 2026-01-31T00:00:00Z
field-one-of = debe ser uno de estos valores: { $values }
field-not-before = no debe ser anterior a { $other } ({ $value })
field-not-below = no debe ser inferior a { $other } ({ $value })
field-not-negative = no debe ser negativo
field-unknown-state = código de Estado desconocido '{ $code }' (use un código ISO 3166-1 alpha-3, p. ej. KEN)
field-unknown-language = código de idioma desconocido '{ $code }' (use ISO 639-1, p. ej. ar, en, es, fr, ru, zh)
field-unknown-theme = tema desconocido '{ $tag }'; ¿quiso decir { $themes }?
field-unknown-theme-none = tema desconocido '{ $tag }'; consulte la lista en GET /api/v1/themes
field-offer-needs-theme = indique al menos un tema, o active suggest_themes
field-request-needs-theme = indique al menos un tema, o recomendaciones que tengan temas, o active suggest_themes
field-no-theme-suggested = no se pudo proponer con seguridad ningún tema a partir del título y la descripción; indique al menos un tema
field-unknown-region = región desconocida '{ $region }' (use un código o nombre M49, o un grupo regional de las Naciones Unidas)
field-global-lists-areas = una oferta mundial no enumera países ni regiones
field-areas-needed = indique los países o regiones atendidos, o ponga global en true
field-capacity = debe ser un número entero de 1 a 10000 colaboraciones
field-new-offer-status = una oferta nueva es draft u open
field-new-request-status = una solicitud nueva es draft u open
field-no-recommendation = no existe la recomendación '{ $id }'
field-recommendation-elsewhere = la recomendación '{ $id }' está dirigida a { $state }, no a { $ours }
field-website = debe ser una URL http(s)
field-outcome-needed = indique lo que logró la cooperación para darla por concluida
field-session-cycle = el período de sesiones { $session } pertenece al ciclo { $cycle }
field-iati-identifier = un identificador de actividad IATI: de 1 a 200 caracteres, sin espacios ni ninguno de / & | ?

## Motivos de las coincidencias
reason-shares = Comparte temas solicitados ({ $shared } de { $requested }): { $themes }
reason-related = Cubre con un tema afín del mismo grupo: { $themes }
reason-missing = No cubre: { $themes }
reason-consent-pending = El consentimiento sigue pendiente: se clasifica por debajo de las solicitudes igual de adecuadas que cuentan con consentimiento
reason-request-no-modality = La solicitud no indica ningún tipo de ayuda
reason-request-no-language = La solicitud no indica ningún idioma
reason-request-no-period = La solicitud no indica ningún período
reason-request-no-budget = La solicitud no indica ningún presupuesto
reason-offer-no-modality = Tipo de ayuda desconocido: la oferta no indica ninguno (puntuación: { $percent })
reason-offer-no-language = Idioma desconocido: la oferta no indica ninguno (puntuación: { $percent })
reason-offer-no-period = Período desconocido: la oferta no indica ninguno (puntuación: { $percent })
reason-offer-no-budget = Presupuesto desconocido: la oferta no indica ninguno (puntuación: { $percent })
reason-no-modality-in-common = Ninguno de los tipos de ayuda solicitados
reason-modalities-in-common = Tipos de ayuda en común: { $modalities } (el { $percent } de los solicitados)
reason-no-language-in-common = Ningún idioma en común
reason-languages-in-common = Idiomas en común: { $languages }
reason-period-covers = El período de la oferta cubre el { $percent } del de la solicitud
reason-budget-covers = El presupuesto de la oferta cubre el { $percent } del de la solicitud

## Detalles de los problemas con la solicitud HTTP en su conjunto, caso por caso
detail-at = { $at }: { $why }
detail-query-not-valid = los parámetros de consulta no son válidos: { $why }
detail-path-not-valid = los parámetros de la ruta no son válidos: { $why }
detail-body-unreadable = no se pudo leer el cuerpo: { $why }
detail-form-unreadable = no se pudo leer el formulario: { $why }

## No encontrado (404)
not-found-organization = no se encontró la organización
not-found-recommendation = no se encontró la recomendación
not-found-request = no se encontró la solicitud
not-found-offer = no se encontró la oferta
not-found-engagement = no se encontró la colaboración
not-found-key = no se encontró la clave de API
not-found-webhook = no se encontró la suscripción de webhook
not-found-import-job = no se encontró la tarea de importación
not-found-record = no se encontró el registro
not-found-theme = no se encontró el tema '{ $slug }'; consulte la lista en GET /api/v1/themes
not-found-state = no se encontró el Estado '{ $code }'; use un código ISO 3166-1 alpha-3, p. ej. KEN
not-found-route = no existe la ruta { $method } { $path }
not-found-page = no hay ninguna página en esta dirección
not-found-download = no existe ninguna descarga de este tipo (csv o xlsx)

## Acción no permitida (403)
forbidden-admin-only = solo los administradores pueden hacer esto
forbidden-other-state = esta clave actúa en nombre de { $ours }, no de { $theirs }
forbidden-provider-for-state = las claves de proveedor no pueden actuar en nombre de un Estado examinado
forbidden-other-provider = esta clave actúa en nombre del proveedor { $ours }, no de { $theirs }
forbidden-state-as-provider = las claves de Estado no pueden actuar como proveedor
forbidden-not-a-side = solo el Estado solicitante o el proveedor de la oferta pueden actuar sobre este par
forbidden-audit-provider = las claves de proveedor no pueden consultar el registro de auditoría
forbidden-state-files-requests = solo el propio Estado puede presentar sus solicitudes
forbidden-provider-publishes = solo un proveedor puede publicar ofertas aquí
forbidden-form-stale = el formulario está desactualizado: cargue de nuevo la página
forbidden-cross-site = solo se aceptan formularios enviados desde este sitio

## Conflictos con el estado actual (409)
conflict-request-changed = la solicitud cambió entretanto; vuelva a intentarlo
conflict-engagement-changed = la colaboración cambió entretanto; vuelva a intentarlo
conflict-no-consent = el Estado solicitante no ha dado su consentimiento para que se comparta esta solicitud
conflict-request-status = situación actual de la solicitud: { $status }
conflict-offer-status = situación actual de la oferta: { $status }
conflict-offer-not-serving = la oferta no está disponible para { $state }
conflict-pair-under-way = ya hay una colaboración en marcha sobre este par de solicitud y oferta
conflict-no-capacity = la oferta no puede asumir más colaboraciones
conflict-own-interest = la parte en cuyo nombre actúa manifestó el interés; solo la otra parte puede responder
conflict-engagement-step = una colaboración no puede pasar de la situación «{ $from }» a «{ $to }»
conflict-consent-pending = el consentimiento no puede volver a quedar pendiente una vez decidido o registrado
conflict-consent-same = el consentimiento ya tiene esta situación: { $status }
conflict-offer-final = situación de la oferta: { $status }; ya no puede cambiar
conflict-request-final = situación de la solicitud: { $status }; ya no puede cambiar
conflict-status-by-engagement = una solicitud solo pasa a la situación «{ $status }» mediante sus colaboraciones, y ninguna de ellas está en la situación requerida: { $needed }
conflict-organization-exists = la organización { $id } ya tiene este nombre y este país: utilícela (/api/v1/organizations/{ $id })
conflict-iati-identifier = el identificador IATI { $identifier } ya es el de la colaboración { $id }: un archivo IATI nombra cada actividad una sola vez
conflict-key-revoked = la clave ya está revocada
conflict-idempotency-under-way = ya se está procesando una llamada con esta Idempotency-Key; repítala para obtener su respuesta
conflict-import-changed = una recomendación cambió durante la importación; vuelva a importar
conflict-exists = este registro ya existe
conflict-missing-reference = no existe un registro al que se hace referencia

## Condiciones previas, tamaños y tipos de medio (412, 413, 415)
precondition-version = If-Match no indica la versión actual ("v{ $version }"); vuelva a obtener el recurso y aplique de nuevo su cambio
precondition-changed = el registro cambió entretanto; vuelva a obtenerlo
payload-too-large = el cuerpo debe tener como máximo { $limit } bytes
media-type = envíe el cuerpo como { $expected } (se recibió '{ $got }')

## Más mensajes sobre los campos
field-invalid-utf8 = no es texto UTF-8 válido
field-empty-body = está vacío; envíe un objeto JSON
field-not-json = no es JSON válido: { $why }
field-nul = contiene un carácter NUL (U+0000), que no puede figurar en un texto
field-idempotency-key = de 1 a 200 caracteres ASCII imprimibles
field-idempotency-reused = esta clave ya se usó con un cuerpo distinto
field-at-least-one-item = envíe al menos un elemento
field-at-most-items-call = como máximo { $max } elementos por llamada
field-json-array = envíe una lista JSON de elementos
field-json-object = no es un objeto JSON
field-search-words = como máximo 10 palabras, de no más de 100 caracteres cada una
field-search-text = debe tener de 1 a 200 caracteres
field-search-letters = escriba al menos una palabra con letras o cifras
field-unknown-region-param = región desconocida '{ $region }' (use un código o nombre M49, p. ej. 002 o África, o un grupo regional de las Naciones Unidas: african, asia_pacific, eeg, grulac, weog)
field-score = debe ser un número de 0 a 1
field-unknown-group = grupo desconocido '{ $group }'
field-cursor = no es un cursor de esta lista; pase sin cambios el next_cursor de la página anterior
field-feed-position = una posición de este flujo (un valor `position` o `next_after` que este haya devuelto)
field-xlsx-rows = más filas de las que caben en una hoja XLSX (1.048.576): restrinja los filtros o pida el formato CSV
field-no-organization = no existe la organización '{ $id }'
field-provider = '{ $given }' no es un código de Estado (alpha-3) ni un identificador de organización
field-no-request = no existe la solicitud '{ $id }'
field-no-offer = no existe la oferta '{ $id }'
field-no-request-to-decide = no existe ninguna solicitud '{ $id }' sobre la que usted pueda decidir
field-admin-names-side = los administradores indican la parte en cuyo nombre actúan: request u offer
field-side-admin-only = solo los administradores eligen la parte
field-admin-key-owner = una clave de administrador no actúa en nombre de ningún Estado ni organización
field-state-key-needs-state = una clave de Estado necesita el Estado en cuyo nombre actúa
field-state-key-no-organization = una clave de Estado no tiene organización
field-provider-key-needs-owner = una clave de proveedor necesita un organization_id o un Estado donante (state)
field-provider-key-one-owner = una clave de proveedor actúa en nombre de una organización o de un Estado, no de ambos
field-webhook-url = una URL http o https de 2000 caracteres como máximo
field-webhook-localhost = no debe apuntar a esta máquina (localhost)
field-webhook-private = no debe apuntar a una dirección privada, de bucle invertido (loopback) o de enlace local
field-webhook-events = indique al menos uno de estos eventos: { $events }
field-unknown-resource = tipo de registro desconocido
field-unknown-step = paso desconocido
field-choose-status = elija una situación
field-unknown-decision = decisión desconocida

## Mensajes sobre las líneas y celdas de un archivo CSV
field-csv-header = no se puede leer el encabezado: { $why }
field-csv-row = fila CSV mal formada: { $why }
field-csv-unknown-column = columna desconocida '{ $name }'; las columnas son { $columns }
field-csv-column-twice = la columna '{ $name }' aparece dos veces
field-csv-missing-columns = columnas que faltan: { $columns }
field-csv-upr-columns = columnas que faltan: { $columns }; se esperaba el encabezado de la exportación de UPR Info
field-csv-flag = '{ $value }' no es true ni false (también se admiten yes/no y 1/0)
field-csv-whole-number = '{ $value }' no es un número entero
field-csv-max-rows = un archivo puede tener como máximo { $max } filas
field-csv-bad-rows = { $count } filas erróneas en total; se enumeran las { $listed } primeras
field-csv-no-rows = el CSV tiene un encabezado pero ninguna fila
field-upr-unknown-state = columna { $column }: Estado desconocido '{ $name }'
field-upr-empty-text = columna Text: recomendación vacía
field-upr-long-text = columna Text: tiene más de { $max } caracteres
field-upr-response = columna Response: '{ $value }' no es Accepted, Supported ni Noted
field-upr-session = columna Session: '{ $value }' no es un número de período de sesiones (1-99)
field-upr-action = columna Action: '{ $value }' no es una categoría de acción (1-5)
field-upr-issue = columna Issue: cuestión desconocida '{ $label }'
