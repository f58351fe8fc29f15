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
detail-not-found = no se encontró { $what }
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
