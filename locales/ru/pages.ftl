# Веб-страницы tcmatch, русский язык.

site-name = tcmatch
site-tagline = Техническое сотрудничество в рамках универсального периодического обзора: о чем просят государства и что предлагают другие
skip-to-content = Перейти к основному содержанию
nav-main = Главное меню
nav-home = Главная
nav-requests = Запросы
nav-offers = Предложения
nav-themes = Темы
nav-recommendations = Рекомендации
nav-cooperation = Сотрудничество
nav-languages = Язык
footer-about = Реестр технического сотрудничества в целях выполнения рекомендаций УПО с функцией поиска совпадений, предусмотренный резолюцией 54/28 Совета по правам человека. Запросы публикуются только с согласия соответствующего государства.
footer-api = API для разработчиков

home-title = Техническое сотрудничество в области прав человека
home-intro = Государства, проходящие универсальный периодический обзор, просят о помощи в выполнении полученных рекомендаций; государства-доноры, учреждения Организации Объединенных Наций, национальные правозащитные учреждения и гражданское общество предлагают ее. tcmatch сводит их вместе.
home-figures = Коротко
figure-requests = { $count ->
    [one] открытый запрос
    [few] открытых запроса
   *[other] открытых запросов
}
figure-states = { $count ->
    [one] государство просит о помощи
    [few] государства просят о помощи
   *[other] государств просят о помощи
}
figure-offers = { $count ->
    [one] доступное предложение
    [few] доступных предложения
   *[other] доступных предложений
}
figure-providers = { $count ->
    [one] поставщик помощи
    [few] поставщика помощи
   *[other] поставщиков помощи
}
home-unanswered = Где потребности остаются без ответа
home-unanswered-intro = Темы с открытыми запросами и наименьшим числом доступных предложений на один запрос.
home-nothing-asked = Открытых запросов пока нет.
col-theme = Тема
col-requests = Запросы
col-offers = Предложения
col-offers-per-request = Предложений на запрос
home-all-themes = Спрос и предложение по всем темам

not-found-title = Страница не найдена
not-found-body = По этому адресу страницы нет.
forbidden-title = Действие не разрешено
forbidden-body = Ваш ключ этого не позволяет. Войдите с ключом, который это позволяет, или обратитесь к администратору.
busy-title = Слишком много запросов
busy-body = Вы запросили много страниц за короткое время. Подождите минуту и повторите попытку.
error-title = Произошла ошибка
error-body = Не удалось показать страницу. Повторите попытку чуть позже.

## Списки и фильтры
list-separator = {", "}
not-given = не указано
percent = { $value } %
usd = { $amount } долл. США
filter-any = Все
filter-apply = Показать
filter-theme = Тема
filter-region = Регион
filter-state = Государство
filter-serves = Доступно государству
filter-status = Статус
filter-words = Слова
pager = Страницы списка
pager-first = Первая страница
pager-next = Следующая страница
col-request = Запрос
col-offer = Предложение
col-state = Государство
col-provider = Поставщик помощи
col-themes = Темы
col-status = Статус
col-period = Период
col-priority = Приоритет
col-modalities = Вид помощи
col-languages = Языки
col-budget = Бюджет
col-capacity = Сколько проектов может взять
col-serves = Доступно
serves-everywhere = Всем государствам
description = Описание

## Запросы
requests-title = Запросы о помощи
requests-intro = С чем просят помочь государства, прошедшие универсальный периодический обзор. Показаны только запросы, на публикацию которых согласилось соответствующее государство.
requests-found = { $count ->
    [one] { $count } запрос
    [few] { $count } запроса
    [many] { $count } запросов
   *[other] { $count } запроса
}
linked-recommendations = Соответствующие рекомендации УПО
no-linked-recommendations = В этом запросе не указано ни одной рекомендации УПО.
recommended-by = Рекомендация государства: { $state }, сессия { $session }
matching-offers = Подходящие предложения
no-matching-offers = Пока ни одно открытое предложение не подходит к этому запросу.

## Предложения
offers-title = Предложения о помощи
offers-intro = Что предлагают государства-доноры, структуры Организации Объединенных Наций, национальные правозащитные учреждения и гражданское общество.
offers-found = { $count ->
    [one] { $count } предложение
    [few] { $count } предложения
    [many] { $count } предложений
   *[other] { $count } предложения
}
matching-requests = Подходящие запросы
no-matching-requests = Пока ни один опубликованный запрос не подходит к этому предложению.

## Соответствия
col-match = Соответствие
col-score = Оценка
col-why = Почему
fit-theme = Темы:
fit-modality = Вид помощи:
fit-language = Языки:
fit-timeframe = Период:
fit-budget = Бюджет:
shared-themes = Общие темы:
missing-themes = Непокрытые темы:
consent-pending-lowers = Государство еще не согласилось раскрыть этот запрос, поэтому оценка ниже.

## Словари
request-status-draft = Черновик
request-status-open = Открыт
request-status-matched = Подобрано предложение
request-status-in_progress = Выполняется
request-status-completed = Завершен
request-status-withdrawn = Отозван
offer-status-draft = Черновик
offer-status-open = Открыто
offer-status-closed = Закрыто
offer-status-withdrawn = Отозвано
priority-low = Низкий
priority-medium = Средний
priority-high = Высокий
modality-legal_drafting = Разработка законодательства
modality-training = Обучение
modality-expert_advice = Экспертные консультации
modality-institution_building = Укрепление институтов
modality-data_and_monitoring = Данные и мониторинг
modality-awareness = Повышение осведомленности
modality-peer_exchange = Обмен опытом
modality-equipment = Оборудование
modality-funding = Финансирование
response-supported = Поддержана
response-noted = Принята к сведению

## Группы тем
group-international-framework = Международная система прав человека
group-national-framework = Национальная правозащитная система и управление
group-civil-political = Гражданские и политические права
group-justice-and-detention = Правосудие, содержание под стражей и предупреждение пыток
group-security-and-conflict = Силы безопасности, вооруженные конфликты и борьба с терроризмом
group-economic-social-cultural = Экономические, социальные и культурные права
group-development-environment = Бедность, развитие и окружающая среда
group-women-children-disabilities = Женщины, дети, инвалидность и гендер
group-groups-at-risk = Меньшинства, коренные народы, мигранты и перемещенные лица

## Регионы (M49) и региональные группы ООН
region-002 = Африка
region-019 = Америка
region-142 = Азия
region-150 = Европа
region-009 = Океания
region-african = Группа африканских государств
region-asia_pacific = Группа азиатско-тихоокеанских государств
region-eeg = Группа восточноевропейских государств
region-grulac = Группа государств Латинской Америки и Карибского бассейна
region-weog = Группа западноевропейских и других государств

## Темы
themes-title = Спрос и предложение по темам
themes-intro = По каждой теме — открытые запросы и запрашивающие государства в сравнении с доступными предложениями и поставщиками помощи: где потребности покрыты хуже всего.
themes-totals = Всего: открытых запросов — { $requests } от государств: { $states }; доступных предложений — { $offers } от поставщиков: { $providers }.
themes-chart = Открытые запросы и доступные предложения в самых активных темах
themes-by-region = Открытые запросы из каждого региона и доступные ему предложения
themes-table = Все темы, начиная с наименее покрытых
themes-nothing-yet = Здесь пока ничего не запрошено и не предложено.
col-states-asking = Запрашивающие государства
col-providers = Поставщики
filter-group = Группа тем
download-csv = Скачать в формате CSV (таблица)
download-xlsx = Скачать в формате Excel (XLSX)

## Вход
sign-in = Войти
sign-out = Выйти
sign-in-title = Вход
sign-in-intro = Войдите с ключом, выданным администратором. Браузер хранит только сеанс, но не ключ; сеанс завершается, когда вы выходите, через 12 часов или при отзыве ключа.
sign-in-key = Ваш ключ
sign-in-key-missing = Введите ключ.
sign-in-key-unknown = Этот ключ недействителен: проверьте, что скопировали его полностью, или узнайте у администратора, не отозван ли он.
signed-in-as = Вы вошли как
nav-my = Моя страница
my-title = Моя страница
my-acting-for = Вы действуете от имени: { $name } ({ $role }).
my-admin = Как администратор вы видите в списках все запросы, независимо от согласия.
role-admin = администратор
role-state = координатор государства
role-provider = поставщик помощи
my-requests = Ваши запросы
my-requests-intro = Все запросы вашего государства, включая черновики и еще не раскрытые. Другим показываются и сопоставляются с предложениями только те запросы, раскрыть которые вы согласились.
my-no-requests = У вашего государства пока нет запросов.
my-offers = Ваши предложения
my-no-offers = У вас пока нет предложений.
col-consent = Согласие:
consent-decision = Решение
consent-note = Примечание (необязательно)
consent-record = Записать решение
consent-already = У запроса уже есть такое согласие; выберите другое решение.
consent-invalid = Выберите одно из предложенных решений; примечание — не более 20 000 знаков.
consent-pending = Решение не принято
consent-granted = Раскрытие разрешено
consent-refused = Отказано
consent-withdrawn = Отозвано

## Подача запроса
new-request-title = Подать новый запрос
new-request-intro = Запрос о помощи от государства: { $state }. Выберите рекомендации УПО, к которым он относится, опишите нужную помощь и сохраните: запрос остается у вашего государства, пока вы не запишете согласие на его раскрытие.
new-request-find-recommendations = Найти рекомендации
new-request-no-recommendations = Ни одна рекомендация вашему государству не содержит этих слов.
new-request-save = Сохранить запрос
session-number = сессия { $session }
field-title = Название
field-languages = Языки, на которых может оказываться помощь (коды, например en, fr, ar)
field-starts-on = С
field-ends-on = По
field-budget-min = Бюджет от (долл. США)
field-budget-max = Бюджет до (долл. США)
field-save-as = Сохранить как
save-open = Открытый (готов к раскрытию)
save-draft = Черновик
themes-suggest = Предложить темы по тексту
themes-suggest-on-save = При сохранении добавить и темы, предложенные по тексту
themes-suggested-ticked = Предложенные темы отмечены ниже; снимите отметку с неподходящих.
themes-none-suggested = Ни одна тема не достигает порога для этого текста; отметьте темы сами.
suggested-confidence = предложено, уверенность { $value }
form-has-problems = Запрос не сохранен. Исправьте:
form-date-invalid = Используйте формат даты ГГГГ-ММ-ДД.
form-dollars-invalid = Целое число долларов США, без разделителей.

## Сотрудничество
express-interest = Выразить заинтересованность
my-engagements = Ваше сотрудничество
my-no-engagements = Пока нет сотрудничества: выразите заинтересованность в подходящей паре на странице запроса или предложения.
interest-by-you = вы первыми выразили заинтересованность
interest-by-them = другая сторона первой выразила заинтересованность
engagement-step = Следующий шаг
engagement-outcome = Результат или примечание (нужно для завершения)
engagement-record = Записать
engagement-status-interest = Заинтересованность выражена
engagement-status-agreed = Согласовано
engagement-status-in_progress = Выполняется
engagement-status-completed = Завершено
engagement-status-declined = Отклонено
engagement-status-cancelled = Отменено
engagement-to-interest = Выразить заинтересованность
engagement-to-agreed = Согласиться
engagement-to-declined = Отклонить
engagement-to-in_progress = Начать работу
engagement-to-completed = Завершить
engagement-to-cancelled = Отменить
conflict-title = Сейчас это невозможно
conflict-body = Это нельзя сделать в текущем состоянии записи (возможно, это уже сделано или запись изменилась). Вернитесь и обновите страницу.
invalid-title = В форме что-то не так
invalid-body = Вернитесь, проверьте введенные данные и повторите попытку.

## Загрузка предложений
upload-title = Опубликовать предложения из электронной таблицы
upload-intro = Сохраните таблицу в формате CSV (UTF-8) со строкой заголовков, где названы столбцы ниже, по одному предложению в строке; элементы списка разделяйте знаком «;». Все предложения публикуются вместе или ни одно: при любой ошибке каждая проблема указывается с номером строки и ничего не сохраняется.
upload-template = Скачать шаблон со строкой-примером
upload-columns = Столбцы (provider и title обязательны):
upload-file = Файл CSV
upload-submit = Проверить и опубликовать
upload-no-file = Выберите файл CSV для загрузки.
upload-stored = { $count ->
    [one] Опубликовано { $count } предложение.
    [few] Опубликовано { $count } предложения.
    [many] Опубликовано { $count } предложений.
   *[other] Опубликовано { $count } предложения.
}
upload-problems = { $count ->
    [one] Ничего не опубликовано: нужно исправить { $count } проблему.
    [few] Ничего не опубликовано: нужно исправить { $count } проблемы.
    [many] Ничего не опубликовано: нужно исправить { $count } проблем.
   *[other] Ничего не опубликовано: нужно исправить { $count } проблемы.
}
col-line = Строка
col-column = Столбец
col-problem = Проблема

## Обзор рекомендаций
recommendations-title = Рекомендации УПО: кто что кому рекомендовал
recommendations-intro = Рекомендации, которые государства вынесли друг другу в ходе универсального периодического обзора, и то, поддержало ли их государство-объект обзора или приняло к сведению. Фильтруйте их, считайте по рекомендующему государству, теме, ответу или циклу и читайте.
recommendations-totals = Рекомендаций: { $total }; поддержано: { $supported }; принято к сведению: { $noted }.
recommendations-chart = Поддержанные и принятые к сведению рекомендации, начиная с крупнейших групп
recommendations-none = Ни одна рекомендация не соответствует этим фильтрам.
recommendations-list = Рекомендации
recommendations-found = { $count ->
    [one] { $count } рекомендация
    [few] { $count } рекомендации
    [many] { $count } рекомендаций
   *[other] { $count } рекомендации
}
recommended-to = { $state } → { $to }, сессия { $session }
not-recorded = Не указано
cycle-number = Цикл { $cycle }
filter-state-under-review = Государство — объект обзора
filter-recommending-state = Рекомендующее государство
filter-response = Ответ
filter-cycle = Цикл
filter-group-by = Считать по
group-by-recommending_state = По рекомендующему государству
group-by-theme = По теме
group-by-response = По ответу
group-by-cycle = По циклу
col-group = Группа
col-recommendations = Рекомендации

## Отчет о сотрудничестве
cooperation-title = Отчет о сотрудничестве
cooperation-intro = Как работали вместе стороны подобранных пар: сотрудничество по опубликованным запросам по статусу, году начала, региону запрашивающего государства и теме. Публичны только цифры; сами пары известны лишь их сторонам.
cooperation-total = { $count ->
    [one] Всего { $count } случай сотрудничества.
    [few] Всего { $count } случая сотрудничества.
    [many] Всего { $count } случаев сотрудничества.
   *[other] Всего { $count } случая сотрудничества.
}
cooperation-none = Сотрудничества пока нет.
cooperation-chart = Сотрудничество по году начала
cooperation-under-way = Согласовано или выполняется
cooperation-by-status = По статусу
cooperation-by-year = По году начала
cooperation-by-region = По региону запрашивающего государства
cooperation-by-theme = По теме запроса
col-all = Всего
consent-choose = Выберите…
label-status = Статус:

## Администрирование
keys-title = Ключи API
key-new = Выдать ключ
key-role = Роль
key-role-missing = Выберите роль ключа.
key-organization = Идентификатор организации (для ключа поставщика-организации)
key-label = Для кого
key-issue = Выдать ключ
key-issued = Ключ выдан. Скопируйте его секрет сейчас и надежно передайте владельцу: он больше не будет показан.
key-list = Все ключи
engagements-found = { $count ->
    [one] { $count } сотрудничество
    [few] { $count } сотрудничества
    [many] { $count } сотрудничеств
   *[other] { $count } сотрудничества
}
keys-found = { $count ->
    [one] { $count } ключ
    [few] { $count } ключа
    [many] { $count } ключей
   *[other] { $count } ключа
}
key-acts-for = Действует от имени
key-prefix = Начинается с
key-last-used = Последнее использование (UTC)
key-revoked = Отозван
key-revoke = Отозвать
key-revoke-named = Отозвать ключ: { $name }
audit-title = Журнал аудита
audit-intro = Каждое изменение в хранилище: кто его внес, когда и что изменилось. Координатор государства видит изменения своих запросов.
audit-resource = Запись
audit-resource-id = Идентификатор записи
audit-when = Когда (UTC)
audit-who = Кто
audit-what = Действие
audit-changes = Изменения
events-found = { $count ->
    [one] { $count } событие
    [few] { $count } события
    [many] { $count } событий
   *[other] { $count } события
}
import-title = Импорт рекомендаций УПО
import-intro = Загрузите экспорт рекомендаций UPR Info в формате CSV. Сохраняются все строки или ни одной; для строк без тем темы предлагаются автоматически.
import-submit = Импортировать
import-done = { $count ->
    [one] Импортирована { $count } рекомендация.
    [few] Импортировано { $count } рекомендации.
    [many] Импортировано { $count } рекомендаций.
   *[other] Импортировано { $count } рекомендации.
}
role-system = система
action-create = Создание
action-update = Изменение
action-import = Импорт
action-consent = Записано согласие
action-revoke = Отзыв
resource-organization = Организация
resource-recommendation = Рекомендация
resource-request = Запрос
resource-offer = Предложение
resource-engagement = Сотрудничество
resource-key = Ключ
resource-webhook = Вебхук
key-no-state = Нет
import-problems = { $count ->
    [one] Ничего не импортировано: нужно исправить { $count } проблему.
    [few] Ничего не импортировано: нужно исправить { $count } проблемы.
    [many] Ничего не импортировано: нужно исправить { $count } проблем.
   *[other] Ничего не импортировано: нужно исправить { $count } проблемы.
}
offer-new-status = Изменить статус на
download-recommendations = Скачать рекомендации в формате CSV
download-recommendations-xlsx = Скачать рекомендации в формате Excel (XLSX)
import-reading = Чтение файла…
import-checked = Проверено строк: { $checked } из { $rows }; где тем нет, они предложены…
import-storing = Сохранение рекомендаций: { $rows }…
import-counts = Новых: { $new }. Изменившихся и обновленных: { $changed }. Уже сохраненных без изменений: { $unchanged }.

## Recommendations without a theme
filter-needs-review = Темы
needs-review-true = Требуют классификации человеком
needs-review-false = Классифицированы
needs-review-badge = Тема пока не указана: требуется классификация человеком
needs-review-hint = Модель тем недостаточно уверена, чтобы классифицировать эту рекомендацию; выберите её темы.
