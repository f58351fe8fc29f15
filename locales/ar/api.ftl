## ما تقوله واجهة برمجة التطبيقات للناس: عناوين المشكلات وتفاصيلها، ورسائل الحقول، وأسباب المطابقة.
## الحقول الآلية (code، field، slugs) لا تتغير أبدا بتغير اللغة.

list-or = {" أو "}

## عناوين المشكلات، حسب الرمز
problem-validation = الطلب غير صالح
problem-bad_request = صيغة الطلب غير سليمة
problem-unauthorized = يلزم مفتاح لواجهة برمجة التطبيقات
problem-forbidden = غير مسموح
problem-not_found = غير موجود
problem-method_not_allowed = طريقة الطلب غير مسموح بها
problem-conflict = يتعارض الطلب مع الحالة الراهنة
problem-precondition_failed = تغير المورد
problem-precondition_required = يلزم If-Match
problem-payload_too_large = متن الطلب كبير جدا
problem-unsupported_media_type = نوع الوسائط غير مدعوم
problem-rate_limited = طلبات كثيرة جدا
problem-unavailable = الخدمة غير متاحة
problem-busy = الخدمة مشغولة
problem-internal = خطأ داخلي في الخادم

## تفاصيل المشكلات
detail-fields-not-valid = { $count ->
    [zero] لا توجد حقول غير صالحة
    [one] حقل واحد غير صالح
    [two] حقلان غير صالحين
    [few] { $count } حقول غير صالحة
    [many] { $count } حقلا غير صالح
   *[other] { $count } حقل غير صالح
}
detail-unauthorized = أرسل مفتاحا صالحا وغير ملغى لواجهة برمجة التطبيقات بالشكل 'Authorization: Bearer <key>'
detail-method-not-allowed = هذا المسار لا يقبل { $method }؛ بل يقبل { $allow }
detail-rate-limited = تم بلوغ الحد الأقصى لمعدل الطلبات؛ { $seconds ->
    [one] أعد المحاولة بعد ثانية واحدة
    [two] أعد المحاولة بعد ثانيتين
    [few] أعد المحاولة بعد { $seconds } ثوان
   *[other] أعد المحاولة بعد { $seconds } ثانية
}
detail-precondition-required = أرسل If-Match مع ETag المورد (أو رقم إصداره) لتحديثه
detail-unavailable = تعذر الوصول إلى قاعدة البيانات حاليا؛ أعد المحاولة لاحقا
detail-busy = لدى هذا المثيل عمل كثير جدا قيد الانتظار؛ أعد المحاولة بعد ثانية
detail-internal = حدث خطأ غير متوقع؛ وقد تم تسجيله

## رسائل الحقول
field-unauthorized = المفتاح مفقود أو مشوه أو غير معروف أو ملغى
field-header-required = الترويسة مطلوبة
field-required = مطلوب
field-cannot-be-cleared = لا يمكن إفراغ هذا الحقل: احذفه من الطلب للإبقاء عليه، أو أعطِ قيمة
field-not-empty = يجب ألا يكون فارغا
field-at-most-chars = يجب ألا يتجاوز عدد الأحرف { $max }
field-at-most-items = يجب ألا يتجاوز عدد العناصر { $max }
field-unknown-field = ليس حقلا في هذا الموضع؛ الحقول هي { $fields }
field-unknown-parameter = ليس معلمة لهذه العملية؛ المعلمات المقبولة هي { $expected }
field-text = يجب أن يكون نصا بين علامتي تنصيص مزدوجتين
field-whole-number = يجب أن يكون عددا صحيحا، بلا فواصل أو كسور عشرية
field-whole-number-range = يجب أن يكون عددا صحيحا من { $min } إلى { $max }
field-usd = يجب أن يكون عددا صحيحا من دولارات الولايات المتحدة، بلا فواصل أو كسور عشرية (مثلا 25000)
field-number = يجب أن يكون عددا، مع نقطة للكسور العشرية (مثلا 0.5)
field-boolean = يجب أن يكون true أو false
field-list = يجب أن يكون قائمة بين قوسين مربعين
field-object = يجب أن يكون كائنا بين قوسين معقوصين
field-date = استخدم صيغة التاريخ YYYY-MM-DD (مثلا 2027-03-31)
field-no-such-day = ليس يوما موجودا في التقويم (صيغة التاريخ هي YYYY-MM-DD)
field-date-range = يجب أن يكون تاريخا من { $first } إلى { $last }
field-timestamp = استخدم تاريخا ووقتا مثل 2026-01-31T00:00:00Z
field-one-of = يجب أن يكون إحدى القيم التالية: { $values }
field-not-before = يجب ألا يكون قبل { $other } ({ $value })
field-not-below = يجب ألا يكون أقل من { $other } ({ $value })
field-not-negative = يجب ألا يكون سالبا
field-unknown-state = رمز دولة غير معروف '{ $code }' (استخدم رمزا وفق ISO 3166-1 alpha-3، مثلا KEN)
field-unknown-language = رمز لغة غير معروف '{ $code }' (استخدم ISO 639-1، مثلا ar, en, es, fr, ru, zh)
field-unknown-theme = موضوع غير معروف '{ $tag }'؛ هل تقصد { $themes }؟
field-unknown-theme-none = موضوع غير معروف '{ $tag }'؛ انظر GET /api/v1/themes للاطلاع على القائمة
field-offer-needs-theme = حدد موضوعا واحدا على الأقل، أو قم بتفعيل suggest_themes
field-request-needs-theme = حدد موضوعا واحدا على الأقل، أو توصيات لها مواضيع، أو قم بتفعيل suggest_themes
field-no-theme-suggested = تعذر اقتراح أي موضوع بثقة انطلاقا من العنوان والوصف؛ حدد موضوعا واحدا على الأقل
field-unknown-region = منطقة غير معروفة '{ $region }' (استخدم رمزا أو اسما من M49 أو مجموعة إقليمية للأمم المتحدة)
field-global-lists-areas = العرض العالمي لا يذكر بلدانا أو مناطق
field-areas-needed = اذكر البلدان أو المناطق المشمولة، أو اجعل global تساوي true
field-capacity = يجب أن يكون عددا صحيحا من 1 إلى 10000 من الالتزامات
field-new-offer-status = حالة العرض الجديد هي draft أو open
field-new-request-status = حالة الطلب الجديد هي draft أو open
field-no-recommendation = لا توجد توصية '{ $id }'
field-recommendation-elsewhere = التوصية '{ $id }' موجهة إلى { $state } وليس إلى { $ours }
field-website = يجب أن يكون عنوان URL من نوع http(s)
field-outcome-needed = اذكر ما حققه التعاون لإتمامه
field-session-cycle = الدورة { $session } تنتمي إلى الجولة { $cycle }
field-iati-identifier = معرف نشاط IATI: من 1 إلى 200 حرف، بلا مسافات ولا أي من / & | ?

## أسباب المطابقة
reason-shares = يشترك في مواضيع مطلوبة ({ $shared } من { $requested }): { $themes }
reason-related = يغطي بموضوع ذي صلة من المجموعة نفسها: { $themes }
reason-missing = لا يغطي: { $themes }
reason-consent-pending = الموافقة لا تزال معلقة: يأتي ترتيبه بعد الطلبات الحاصلة على الموافقة والمماثلة له في درجة الملاءمة
reason-request-no-modality = لا يحدد الطلب أي نوع من المساعدة
reason-request-no-language = لا يحدد الطلب أي لغة
reason-request-no-period = لا يحدد الطلب أي فترة
reason-request-no-budget = لا يحدد الطلب أي ميزانية
reason-offer-no-modality = نوع المساعدة غير معروف: لا يحدد العرض أي نوع (الدرجة الممنوحة: { $percent })
reason-offer-no-language = اللغة غير معروفة: لا يحدد العرض أي لغة (الدرجة الممنوحة: { $percent })
reason-offer-no-period = الفترة غير معروفة: لا يحدد العرض أي فترة (الدرجة الممنوحة: { $percent })
reason-offer-no-budget = الميزانية غير معروفة: لا يحدد العرض أي ميزانية (الدرجة الممنوحة: { $percent })
reason-no-modality-in-common = لا يوجد أي من أنواع المساعدة المطلوبة
reason-modalities-in-common = أنواع المساعدة المشتركة: { $modalities } ({ $percent } من الأنواع المطلوبة)
reason-no-language-in-common = لا توجد لغة مشتركة
reason-languages-in-common = اللغات المشتركة: { $languages }
reason-period-covers = تغطي فترة العرض { $percent } من فترة الطلب
reason-budget-covers = تغطي ميزانية العرض { $percent } من ميزانية الطلب

## تفاصيل المشكلات التي تخص الطلب كله، حالة بحالة
detail-at = { $at }: { $why }
detail-query-not-valid = معلمات الاستعلام غير صالحة: { $why }
detail-path-not-valid = معلمات المسار غير صالحة: { $why }
detail-body-unreadable = تعذرت قراءة متن الطلب: { $why }
detail-form-unreadable = تعذرت قراءة الاستمارة: { $why }

## غير موجود (404)
not-found-organization = المنظمة غير موجودة
not-found-recommendation = التوصية غير موجودة
not-found-request = الطلب غير موجود
not-found-offer = العرض غير موجود
not-found-engagement = التعاون غير موجود
not-found-key = مفتاح واجهة برمجة التطبيقات غير موجود
not-found-webhook = الاشتراك في خطاف الويب (webhook) غير موجود
not-found-import-job = مهمة الاستيراد غير موجودة
not-found-record = السجل غير موجود
not-found-theme = الموضوع '{ $slug }' غير موجود؛ انظر GET /api/v1/themes للاطلاع على القائمة
not-found-state = الدولة '{ $code }' غير موجودة؛ استخدم رمزا وفق ISO 3166-1 alpha-3، مثلا KEN
not-found-route = غير موجود: { $method } { $path }
not-found-page = لا توجد صفحة بهذا العنوان
not-found-download = لا يوجد تنزيل من هذا النوع (csv أو xlsx)

## غير مسموح (403)
forbidden-admin-only = لا يقوم بهذا إلا المسؤولون
forbidden-other-state = يعمل هذا المفتاح باسم { $ours }، وليس باسم { $theirs }
forbidden-provider-for-state = لا يمكن لمفاتيح مقدمي المساعدة أن تعمل باسم دولة موضوع الاستعراض
forbidden-other-provider = يعمل هذا المفتاح باسم مقدم المساعدة { $ours }، وليس باسم { $theirs }
forbidden-state-as-provider = لا يمكن لمفاتيح الدول أن تعمل بصفة مقدم مساعدة
forbidden-not-a-side = لا يتخذ إجراء بشأن هذا الزوج من الطلب والعرض إلا الدولة الطالبة أو مقدم العرض
forbidden-audit-provider = لا يمكن لمفاتيح مقدمي المساعدة قراءة سجل المراجعة
forbidden-state-files-requests = لا يقدم طلبات الدولة إلا الدولة نفسها
forbidden-provider-publishes = لا ينشر العروض هنا إلا مقدمو المساعدة
forbidden-form-stale = الاستمارة قديمة: أعد تحميل الصفحة
forbidden-cross-site = لا تقبل الاستمارات إلا من هذا الموقع

## التعارض مع الحالة الراهنة (409)
conflict-request-changed = تغير الطلب في الأثناء؛ أعد المحاولة
conflict-engagement-changed = تغير التعاون في الأثناء؛ أعد المحاولة
conflict-no-consent = لم تمنح الدولة الطالبة موافقتها على مشاركة هذا الطلب
conflict-request-status = حالة الطلب: { $status }
conflict-offer-status = حالة العرض: { $status }
conflict-offer-not-serving = العرض غير متاح للدولة { $state }
conflict-pair-under-way = هناك بالفعل تعاون قائم بين هذا الطلب وهذا العرض
conflict-no-capacity = استنفد العرض عدد الالتزامات الممكنة
conflict-own-interest = الطرف الذي تعمل باسمه هو من أبدى الاهتمام؛ ولا يرد عليه إلا الطرف الآخر
conflict-engagement-step = لا يمكن أن ينتقل التعاون من الحالة '{ $from }' إلى الحالة '{ $to }'
conflict-consent-pending = لا يمكن أن تعود الموافقة معلقة بعد اتخاذ القرار أو تسجيله
conflict-consent-same = قرار الموافقة مسجل بالفعل: { $status }
conflict-offer-final = حالة العرض: { $status }؛ ولم يعد قابلا للتغيير
conflict-request-final = حالة الطلب: { $status }؛ ولم يعد قابلا للتغيير
conflict-status-by-engagement = لا ينتقل الطلب إلى الحالة '{ $status }' إلا عن طريق أوجه التعاون المتعلقة به، وليس بينها أي تعاون في الحالة المطلوبة: { $needed }
conflict-organization-exists = توجد بالفعل منظمة بهذا الاسم وهذا البلد، هي { $id }: استخدمها (/api/v1/organizations/{ $id })
conflict-iati-identifier = معرّف IATI { $identifier } هو بالفعل معرّف التعاون { $id }: يسمّي ملف IATI كل نشاط مرة واحدة
conflict-key-revoked = المفتاح ملغى بالفعل
conflict-idempotency-under-way = يجري حاليا تنفيذ استدعاء بقيمة Idempotency-Key هذه؛ أعد المحاولة للحصول على نتيجته
conflict-import-changed = تغيرت إحدى التوصيات أثناء الاستيراد؛ أعد الاستيراد
conflict-exists = هذا السجل موجود بالفعل
conflict-missing-reference = أحد السجلات المشار إليها غير موجود

## الشروط المسبقة والأحجام وأنواع الوسائط (412، 413، 415)
precondition-version = لا يشير If-Match إلى الإصدار الحالي ("v{ $version }")؛ اجلب المورد مرة أخرى ثم أعد تطبيق تغييرك
precondition-changed = تغير السجل في الأثناء؛ اجلبه مرة أخرى
payload-too-large = يجب ألا يتجاوز حجم متن الطلب { $limit } بايت
media-type = أرسل متن الطلب بصيغة { $expected } (المستلم: '{ $got }')

## رسائل أخرى للحقول
field-invalid-utf8 = ليس نصا صالحا بترميز UTF-8
field-empty-body = فارغ؛ أرسل كائن JSON
field-not-json = ليس JSON صالحا: { $why }
field-nul = يحتوي على المحرف NUL (U+0000)، وهو محرف لا يجوز أن يحتويه النص
field-idempotency-key = من 1 إلى 200 من محارف ASCII القابلة للطباعة
field-idempotency-reused = سبق استخدام هذا المفتاح مع متن مختلف
field-at-least-one-item = أرسل عنصرا واحدا على الأقل
field-at-most-items-call = يجب ألا يتجاوز عدد العناصر في الاستدعاء الواحد { $max }
field-json-array = أرسل مصفوفة JSON من العناصر
field-json-object = ليس كائن JSON
field-search-words = 10 كلمات على الأكثر، لا تتجاوز كل منها 100 حرف
field-search-text = يجب أن يكون من 1 إلى 200 حرف
field-search-letters = اكتب كلمة واحدة على الأقل تتكون من حروف أو أرقام
field-unknown-region-param = منطقة غير معروفة '{ $region }' (استخدم رمزا أو اسما من M49، مثلا 002 أو أفريقيا، أو مجموعة إقليمية للأمم المتحدة: african, asia_pacific, eeg, grulac, weog)
field-score = يجب أن يكون عددا من 0 إلى 1
field-unknown-group = مجموعة غير معروفة '{ $group }'
field-cursor = ليس مؤشر صفحات لهذه القائمة؛ أرسل next_cursor المأخوذ من الصفحة السابقة كما هو
field-feed-position = يجب أن يكون موضعا من موجز التغييرات هذا (قيمة `position` أو `next_after` أعادها)
field-xlsx-rows = عدد الصفوف أكبر مما تتسع له ورقة XLSX (1,048,576): ضيق نطاق المرشحات أو اطلب صيغة CSV
field-no-organization = لا توجد منظمة '{ $id }'
field-provider = القيمة '{ $given }' ليست رمز دولة (alpha-3) ولا معرف منظمة
field-no-request = لا يوجد طلب '{ $id }'
field-no-offer = لا يوجد عرض '{ $id }'
field-no-request-to-decide = لا يوجد طلب '{ $id }' يمكنك اتخاذ قرار بشأنه
field-admin-names-side = يحدد المسؤولون الطرف الذي يعملون باسمه: request أو offer
field-side-admin-only = لا يختار الطرف إلا المسؤولون
field-admin-key-owner = لا يعمل مفتاح المسؤول باسم أي دولة أو منظمة
field-state-key-needs-state = يحتاج مفتاح الدولة إلى تحديد الدولة التي يعمل باسمها
field-state-key-no-organization = ليس لمفتاح الدولة منظمة
field-provider-key-needs-owner = يحتاج مفتاح مقدم المساعدة إلى organization_id أو إلى دولة مانحة
field-provider-key-one-owner = يعمل مفتاح مقدم المساعدة باسم منظمة أو دولة، لا باسم كلتيهما
field-webhook-url = عنوان URL من نوع http أو https لا يتجاوز 2000 حرف
field-webhook-localhost = يجب ألا يشير إلى هذا الجهاز (localhost)
field-webhook-private = يجب ألا يشير إلى عنوان خاص أو عنوان استرجاع (loopback) أو عنوان ربط محلي (link-local)
field-webhook-events = اذكر واحدا على الأقل مما يلي: { $events }
field-unknown-resource = نوع سجل غير معروف
field-unknown-step = خطوة غير معروفة
field-choose-status = اختر حالة
field-unknown-decision = قرار غير معروف

## رسائل عن أسطر ملف CSV وخلاياه
field-csv-header = تعذرت قراءة صف العناوين: { $why }
field-csv-row = صف CSV مشوه: { $why }
field-csv-unknown-column = عمود غير معروف '{ $name }'؛ الأعمدة هي { $columns }
field-csv-column-twice = العمود '{ $name }' مكرر
field-csv-missing-columns = الأعمدة الناقصة: { $columns }
field-csv-upr-columns = الأعمدة الناقصة: { $columns }؛ المتوقع هو صف عناوين الملف المصدر من UPR Info
field-csv-flag = القيمة '{ $value }' ليست true أو false (ولا yes/no أو 1/0)
field-csv-whole-number = القيمة '{ $value }' ليست عددا صحيحا
field-csv-max-rows = يجب ألا يتجاوز عدد صفوف الملف { $max }
field-csv-bad-rows = { $count ->
    [one] صف واحد غير صالح في المجموع
    [two] صفان غير صالحين في المجموع
    [few] { $count } صفوف غير صالحة في المجموع
    [many] { $count } صفا غير صالح في المجموع
   *[other] { $count } صف غير صالح في المجموع
}؛ ترد هنا أول { $listed } منها
field-csv-no-rows = يحتوي ملف CSV على صف العناوين ولكن بلا صفوف بيانات
field-upr-unknown-state = العمود { $column }: دولة غير معروفة '{ $name }'
field-upr-empty-text = العمود Text: توصية فارغة
field-upr-long-text = العمود Text: يتجاوز عدد الأحرف { $max }
field-upr-response = العمود Response: القيمة '{ $value }' ليست Accepted أو Supported أو Noted
field-upr-session = العمود Session: القيمة '{ $value }' ليست رقم دورة (من 1 إلى 99)
field-upr-action = العمود Action: القيمة '{ $value }' ليست فئة إجراء (من 1 إلى 5)
field-upr-issue = العمود Issue: مسألة غير معروفة '{ $label }'
