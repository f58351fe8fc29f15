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
detail-not-found = не найдено: { $what }
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
