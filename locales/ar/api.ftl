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
detail-not-found = غير موجود: { $what }
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
