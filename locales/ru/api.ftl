## Что API сообщает людям: заголовки и подробности проблем, сообщения о полях, причины совпадений.
## Машинные поля (code, field, slugs) не меняются в зависимости от языка.

list-or = {" или "}

## Заголовки проблем по кодам
problem-validation = Запрос не прошел проверку
problem-bad_request = Запрос имеет неверный формат
problem-unauthorized = Требуется ключ API
problem-forbidden = Действие не разрешено
problem-not_found = Не найдено
problem-method_not_allowed = Метод не разрешен
problem-conflict = Запрос противоречит текущему состоянию
problem-precondition_failed = Ресурс изменился
problem-precondition_required = Требуется If-Match
problem-payload_too_large = Тело запроса слишком велико
problem-unsupported_media_type = Неподдерживаемый тип содержимого
problem-rate_limited = Слишком много запросов
problem-unavailable = Сервис недоступен
problem-busy = Сервис перегружен
problem-internal = Внутренняя ошибка сервера

## Подробности проблем
detail-fields-not-valid = { $count ->
    [one] { $count } поле содержит недопустимое значение
    [few] { $count } поля содержат недопустимые значения
    [many] { $count } полей содержат недопустимые значения
   *[other] { $count } поля содержат недопустимые значения
}
detail-unauthorized = отправьте действительный, не отозванный ключ API в виде 'Authorization: Bearer <key>'
detail-method-not-allowed = этот путь не принимает { $method }; он принимает { $allow }
detail-rate-limited = достигнут предел частоты запросов; повторите попытку через { $seconds } с
detail-precondition-required = чтобы изменить ресурс, отправьте If-Match с его ETag (или номером версии)
detail-unavailable = база данных сейчас недоступна; повторите попытку позже
detail-busy = у этого экземпляра слишком много задач в очереди; повторите попытку через секунду
detail-internal = произошла непредвиденная ошибка; она записана в журнал

## Сообщения о полях
field-unauthorized = ключ отсутствует, имеет неверный формат, неизвестен или отозван
field-header-required = обязательный заголовок
field-required = обязательное поле
field-cannot-be-cleared = это поле нельзя очистить: не передавайте его, чтобы сохранить, или укажите значение
field-not-empty = не должно быть пустым
field-at-most-chars = число символов не должно превышать { $max }
field-at-most-items = число элементов не должно превышать { $max }
field-unknown-field = здесь нет такого поля; допустимые поля: { $fields }
field-unknown-parameter = не является параметром этой операции; допустимые параметры: { $expected }
field-text = должно быть текстом в двойных кавычках
field-whole-number = должно быть целым числом без разделителей и дробной части
field-whole-number-range = должно быть целым числом от { $min } до { $max }
field-usd = должно быть целым числом долларов США без разделителей и дробной части (например, 25000)
field-number = должно быть числом с точкой в качестве десятичного разделителя (например, 0.5)
field-boolean = должно быть true или false
field-list = должно быть списком в квадратных скобках
field-object = должно быть объектом в фигурных скобках
field-date = используйте формат даты YYYY-MM-DD (например, 2027-03-31)
field-no-such-day = такого дня нет в календаре (формат даты: YYYY-MM-DD)
field-date-range = должно быть датой с { $first } по { $last }
field-timestamp = укажите дату и время, например 2026-01-31T00:00:00Z
field-one-of = должно иметь одно из значений: { $values }
field-not-before = не должно быть раньше { $other } ({ $value })
field-not-below = не должно быть меньше { $other } ({ $value })
field-not-negative = не должно быть отрицательным
field-unknown-state = неизвестный код государства '{ $code }' (используйте код ISO 3166-1 alpha-3, например KEN)
field-unknown-language = неизвестный код языка '{ $code }' (используйте ISO 639-1, например ar, en, es, fr, ru, zh)
field-unknown-theme = неизвестная тема '{ $tag }'; возможно, вы имели в виду { $themes }?
field-unknown-theme-none = неизвестная тема '{ $tag }'; список см. в GET /api/v1/themes
field-offer-needs-theme = укажите хотя бы одну тему или включите suggest_themes
field-request-needs-theme = укажите хотя бы одну тему, или рекомендации, у которых есть темы, или включите suggest_themes
field-no-theme-suggested = по названию и описанию не удалось уверенно предложить ни одной темы; укажите хотя бы одну тему
field-unknown-region = неизвестный регион '{ $region }' (укажите код или название M49 либо региональную группу ООН)
field-global-lists-areas = в глобальном предложении не перечисляются страны или регионы
field-areas-needed = укажите обслуживаемые страны или регионы либо задайте global равным true
field-capacity = должно быть целым числом от 1 до 10000 взаимодействий
field-new-offer-status = новое предложение имеет статус draft или open
field-new-request-status = новый запрос имеет статус draft или open
field-no-recommendation = рекомендация '{ $id }' не найдена
field-recommendation-elsewhere = рекомендация '{ $id }' адресована государству { $state }, а не { $ours }
field-website = должно быть URL-адресом http(s)
field-outcome-needed = укажите, чего позволило достичь сотрудничество, чтобы завершить его
field-session-cycle = сессия { $session } относится к циклу { $cycle }
field-iati-identifier = идентификатор деятельности IATI: от 1 до 200 символов, без пробелов и без символов / & | ?

## Причины совпадений
reason-shares = Охватывает запрошенные темы ({ $shared } из { $requested }): { $themes }
reason-related = Охватывает за счет смежной темы из той же группы: { $themes }
reason-missing = Не охватывает: { $themes }
reason-consent-pending = Согласие еще не получено: при равном соответствии ставится ниже запросов, на которые дано согласие
reason-request-no-modality = В запросе не указан вид помощи
reason-request-no-language = В запросе не указан язык
reason-request-no-period = В запросе не указан период
reason-request-no-budget = В запросе не указан бюджет
reason-offer-no-modality = Вид помощи неизвестен: в предложении он не указан (оценка: { $percent })
reason-offer-no-language = Язык неизвестен: в предложении он не указан (оценка: { $percent })
reason-offer-no-period = Период неизвестен: в предложении он не указан (оценка: { $percent })
reason-offer-no-budget = Бюджет неизвестен: в предложении он не указан (оценка: { $percent })
reason-no-modality-in-common = Нет ни одного из запрошенных видов помощи
reason-modalities-in-common = Общие виды помощи: { $modalities } ({ $percent } от запрошенных)
reason-no-language-in-common = Нет общих языков
reason-languages-in-common = Общие языки: { $languages }
reason-period-covers = Период предложения охватывает { $percent } периода запроса
reason-budget-covers = Бюджет предложения покрывает { $percent } бюджета запроса

## Подробности проблем с запросом в целом, по случаям
detail-at = { $at }: { $why }
detail-query-not-valid = недопустимые параметры запроса: { $why }
detail-path-not-valid = недопустимые параметры пути: { $why }
detail-body-unreadable = не удалось прочитать тело запроса: { $why }
detail-form-unreadable = не удалось прочитать форму: { $why }

## Не найдено (404)
not-found-organization = организация не найдена
not-found-recommendation = рекомендация не найдена
not-found-request = запрос не найден
not-found-offer = предложение не найдено
not-found-engagement = запись о сотрудничестве не найдена
not-found-key = ключ API не найден
not-found-webhook = подписка на веб-хук не найдена
not-found-import-job = задание импорта не найдено
not-found-record = запись не найдена
not-found-theme = тема '{ $slug }' не найдена; список см. в GET /api/v1/themes
not-found-state = государство '{ $code }' не найдено; используйте код ISO 3166-1 alpha-3, например KEN
not-found-route = { $method } { $path }: не найдено
not-found-page = по этому адресу страницы нет
not-found-download = выгрузки в таком формате нет (доступны csv и xlsx)

## Действие не разрешено (403)
forbidden-admin-only = это могут делать только администраторы
forbidden-other-state = этот ключ действует от имени государства { $ours }, а не { $theirs }
forbidden-provider-for-state = ключ поставщика помощи не может действовать от имени государства — объекта обзора
forbidden-other-provider = этот ключ действует от имени поставщика помощи { $ours }, а не { $theirs }
forbidden-state-as-provider = ключ государства не может действовать как поставщик помощи
forbidden-not-a-side = действовать по этой паре могут только запрашивающее государство и поставщик помощи, разместивший предложение
forbidden-audit-provider = ключ поставщика помощи не дает доступа к журналу аудита
forbidden-state-files-requests = подавать запросы может только само государство
forbidden-provider-publishes = публиковать здесь предложения может только поставщик помощи
forbidden-form-stale = форма устарела: загрузите страницу заново
forbidden-cross-site = формы принимаются только с этого сайта

## Противоречие текущему состоянию (409)
conflict-request-changed = запрос тем временем изменился; повторите попытку
conflict-engagement-changed = запись о сотрудничестве тем временем изменилась; повторите попытку
conflict-no-consent = запрашивающее государство не дало согласия на раскрытие этого запроса
conflict-request-status = статус запроса: { $status }
conflict-offer-status = статус предложения: { $status }
conflict-offer-not-serving = предложение недоступно государству { $state }
conflict-pair-under-way = по этой паре уже ведется сотрудничество
conflict-no-capacity = у предложения не осталось возможностей для нового сотрудничества
conflict-own-interest = заинтересованность выразила сторона, от имени которой вы действуете; ответить на нее может только другая сторона
conflict-engagement-step = статус сотрудничества нельзя изменить с «{ $from }» на «{ $to }»
conflict-consent-pending = если решение о согласии уже принято или записано, вернуть его в состояние «решение не принято» нельзя
conflict-consent-same = статус согласия уже такой: { $status }
conflict-offer-final = статус предложения: { $status }; оно больше не изменяется
conflict-request-final = статус запроса: { $status }; он больше не изменяется
conflict-status-by-engagement = статус «{ $status }» запрос получает через сотрудничество, но ни одна запись о сотрудничестве по нему не имеет нужного статуса ({ $needed })
conflict-organization-exists = организация { $id } с таким названием и страной уже существует: используйте ее (/api/v1/organizations/{ $id })
conflict-iati-identifier = идентификатор IATI { $identifier } уже принадлежит сотрудничеству { $id }: в файле IATI каждая деятельность называется один раз
conflict-key-revoked = ключ уже отозван
conflict-idempotency-under-way = вызов с этим Idempotency-Key еще выполняется; повторите его, чтобы получить ответ
conflict-import-changed = во время импорта изменилась одна из рекомендаций; повторите импорт
conflict-exists = такая запись уже существует
conflict-missing-reference = запись, на которую указывает ссылка, не существует

## Предварительные условия, размеры и типы содержимого (412, 413, 415)
precondition-version = If-Match не указывает текущую версию ("v{ $version }"); получите ресурс заново и внесите изменение еще раз
precondition-changed = запись тем временем изменилась; получите ее заново
payload-too-large = максимальный размер тела запроса (в байтах): { $limit }
media-type = отправьте тело запроса в формате { $expected } (получено: '{ $got }')

## Другие сообщения о полях
field-invalid-utf8 = не является допустимым текстом в кодировке UTF-8
field-empty-body = не содержит данных; отправьте объект JSON
field-not-json = не является допустимым JSON: { $why }
field-nul = содержит символ NUL (U+0000), недопустимый в тексте
field-idempotency-key = от 1 до 200 печатаемых символов ASCII
field-idempotency-reused = этот ключ уже использовался с другим телом запроса
field-at-least-one-item = отправьте хотя бы один элемент
field-at-most-items-call = число элементов в одном вызове не должно превышать { $max }
field-json-array = отправьте элементы в виде массива JSON
field-json-object = не является объектом JSON
field-search-words = не более 10 слов, каждое не длиннее 100 символов
field-search-text = должно содержать от 1 до 200 символов
field-search-letters = укажите хотя бы одно слово из букв или цифр
field-unknown-region-param = неизвестный регион '{ $region }' (укажите код или название M49, например 002 или Африка, либо региональную группу ООН: african, asia_pacific, eeg, grulac, weog)
field-score = должно быть числом от 0 до 1
field-unknown-group = неизвестная группа '{ $group }'
field-cursor = не является курсором этого списка; передайте без изменений next_cursor с предыдущей страницы
field-feed-position = должно быть позицией из этой ленты (выданным ею значением `position` или `next_after`)
field-xlsx-rows = строк больше, чем вмещает лист XLSX (1 048 576): сузьте фильтры или запросите CSV
field-no-organization = организация '{ $id }' не найдена
field-provider = '{ $given }' не является ни кодом государства (alpha-3), ни идентификатором организации
field-no-request = запрос '{ $id }' не найден
field-no-offer = предложение '{ $id }' не найдено
field-no-request-to-decide = нет запроса '{ $id }', по которому вы вправе принимать решение
field-admin-names-side = администратор указывает сторону, от имени которой действует: request или offer
field-side-admin-only = сторону выбирает только администратор
field-admin-key-owner = ключ администратора не действует от имени какого-либо государства или организации
field-state-key-needs-state = для ключа государства нужно указать государство, от имени которого он действует
field-state-key-no-organization = ключ государства не связывается с организацией
field-provider-key-needs-owner = для ключа поставщика помощи нужно указать organization_id или государство-донор
field-provider-key-one-owner = ключ поставщика помощи действует от имени либо организации, либо государства, но не обоих сразу
field-webhook-url = URL-адрес http или https длиной не более 2000 символов
field-webhook-localhost = не должно указывать на этот компьютер (localhost)
field-webhook-private = не должно указывать на частный адрес, адрес обратной петли (loopback) или локальный адрес канала (link-local)
field-webhook-events = укажите хотя бы одно из событий: { $events }
field-unknown-resource = неизвестный вид записи
field-unknown-step = неизвестный шаг
field-choose-status = выберите статус
field-unknown-decision = неизвестное решение

## Сообщения о строках и ячейках файла CSV
field-csv-header = не удалось прочитать строку заголовков: { $why }
field-csv-row = неверный формат строки CSV: { $why }
field-csv-unknown-column = неизвестный столбец '{ $name }'; допустимые столбцы: { $columns }
field-csv-column-twice = столбец '{ $name }' встречается дважды
field-csv-missing-columns = отсутствующие столбцы: { $columns }
field-csv-upr-columns = отсутствующие столбцы: { $columns }; ожидается строка заголовков экспорта UPR Info
field-csv-flag = '{ $value }' не является значением true или false (допускаются также yes/no, 1/0)
field-csv-whole-number = '{ $value }' не является целым числом
field-csv-max-rows = максимальное число строк в файле: { $max }
field-csv-bad-rows = всего строк с ошибками: { $count }; перечислены первые из них: { $listed }
field-csv-no-rows = в CSV есть строка заголовков, но нет строк с данными
field-upr-unknown-state = столбец { $column }: неизвестное государство '{ $name }'
field-upr-empty-text = столбец Text: пустая рекомендация
field-upr-long-text = столбец Text: число символов превышает { $max }
field-upr-response = столбец Response: '{ $value }' не является значением Accepted, Supported или Noted
field-upr-session = столбец Session: '{ $value }' не является номером сессии (от 1 до 99)
field-upr-action = столбец Action: '{ $value }' не является категорией действий (от 1 до 5)
field-upr-issue = столбец Issue: неизвестная тема '{ $label }'
