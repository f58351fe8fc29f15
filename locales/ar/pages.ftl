# صفحات tcmatch على الويب، العربية.

site-name = tcmatch
site-tagline = التعاون التقني من أجل الاستعراض الدوري الشامل: ما تطلبه الدول وما يعرضه الآخرون
skip-to-content = الانتقال إلى المحتوى الرئيسي
nav-main = القائمة الرئيسية
nav-home = الصفحة الرئيسية
nav-requests = الطلبات
nav-offers = العروض
nav-themes = المواضيع
nav-recommendations = التوصيات
nav-cooperation = التعاون
nav-languages = اللغة
footer-about = مستودع للتعاون التقني من أجل تنفيذ توصيات الاستعراض الدوري الشامل، مع خاصية البحث عن التطابقات، على النحو الذي طلبه قرار مجلس حقوق الإنسان 54/28. لا تُعرض الطلبات إلا بموافقة الدولة المعنية.
footer-api = واجهة برمجة التطبيقات للمطورين

home-title = التعاون التقني في مجال حقوق الإنسان
home-intro = تطلب الدول التي خضعت للاستعراض الدوري الشامل المساعدة في تنفيذ التوصيات التي تلقتها، وتعرضها الدول المانحة ووكالات الأمم المتحدة والمؤسسات الوطنية لحقوق الإنسان والمجتمع المدني. ويجمع tcmatch بين الطرفين.
home-figures = لمحة سريعة
figure-requests = { $count ->
    [zero] طلب مفتوح
    [one] طلب مفتوح
    [two] طلبان مفتوحان
    [few] طلبات مفتوحة
    [many] طلبًا مفتوحًا
   *[other] طلب مفتوح
}
figure-states = { $count ->
    [one] دولة تطلب المساعدة
    [two] دولتان تطلبان المساعدة
    [few] دول تطلب المساعدة
   *[other] دولة تطلب المساعدة
}
figure-offers = { $count ->
    [one] عرض متاح
    [two] عرضان متاحان
    [few] عروض متاحة
    [many] عرضًا متاحًا
   *[other] عرض متاح
}
figure-providers = { $count ->
    [one] جهة تقدم المساعدة
    [two] جهتان تقدمان المساعدة
    [few] جهات تقدم المساعدة
   *[other] جهة تقدم المساعدة
}
home-unanswered = حيث تبقى الاحتياجات دون استجابة
home-unanswered-intro = المواضيع التي فيها طلبات مفتوحة وأقل عدد من العروض المتاحة لكل طلب.
home-nothing-asked = لا توجد طلبات مفتوحة بعد.
col-theme = الموضوع
col-requests = الطلبات
col-offers = العروض
col-offers-per-request = العروض لكل طلب
home-all-themes = العرض والطلب في جميع المواضيع

not-found-title = الصفحة غير موجودة
not-found-body = لا توجد صفحة بهذا العنوان.
forbidden-title = غير مسموح
forbidden-body = لا يسمح مفتاحك بذلك. سجّل الدخول بمفتاح يسمح به، أو اطلب ذلك من أحد المسؤولين.
busy-title = طلبات كثيرة جدًا
busy-body = طلبت صفحات كثيرة في وقت قصير. يُرجى الانتظار دقيقة ثم المحاولة مرة أخرى.
error-title = حدث خطأ
error-body = تعذّر عرض الصفحة. يُرجى المحاولة مرة أخرى بعد قليل.

## القوائم والمرشحات
list-separator = {"، "}
not-given = غير محدد
percent = { $value }٪
usd = { $amount } دولار أمريكي
filter-any = الكل
filter-apply = عرض
filter-theme = الموضوع
filter-region = المنطقة
filter-state = الدولة
filter-serves = متاح للدولة
filter-status = الحالة
filter-words = كلمات
pager = صفحات القائمة
pager-first = الصفحة الأولى
pager-next = الصفحة التالية
col-request = الطلب
col-offer = العرض
col-state = الدولة
col-provider = مقدّم المساعدة
col-themes = المواضيع
col-status = الحالة
col-period = الفترة
col-priority = الأولوية
col-modalities = نوع المساعدة
col-languages = اللغات
col-budget = الميزانية
col-capacity = عدد الالتزامات الممكنة
col-serves = متاح لـ
serves-everywhere = جميع الدول
description = الوصف

## الطلبات
requests-title = طلبات المساعدة
requests-intro = ما تطلب الدول الخاضعة للاستعراض الدوري الشامل المساعدة فيه. لا تُعرض إلا الطلبات التي وافقت الدولة المعنية على نشرها.
requests-found = { $count ->
    [zero] لا توجد طلبات
    [one] طلب واحد
    [two] طلبان
    [few] { $count } طلبات
    [many] { $count } طلبًا
   *[other] { $count } طلب
}
linked-recommendations = توصيات الاستعراض الدوري الشامل المعنية
no-linked-recommendations = لا يذكر هذا الطلب أي توصية من توصيات الاستعراض الدوري الشامل.
recommended-by = أوصت بها { $state }، الدورة { $session }
matching-offers = العروض المطابقة
no-matching-offers = لا يطابق هذا الطلب أي عرض مفتوح حتى الآن.

## العروض
offers-title = عروض المساعدة
offers-intro = ما تعرضه الدول المانحة وكيانات الأمم المتحدة والمؤسسات الوطنية لحقوق الإنسان والمجتمع المدني.
offers-found = { $count ->
    [zero] لا توجد عروض
    [one] عرض واحد
    [two] عرضان
    [few] { $count } عروض
    [many] { $count } عرضًا
   *[other] { $count } عرض
}
matching-requests = الطلبات المطابقة
no-matching-requests = لا يطابق هذا العرض أي طلب منشور حتى الآن.

## المطابقات
col-match = المطابقة
col-score = الدرجة
col-why = السبب
fit-theme = المواضيع:
fit-modality = نوع المساعدة:
fit-language = اللغات:
fit-timeframe = الفترة:
fit-budget = الميزانية:
shared-themes = المواضيع المشتركة:
missing-themes = المواضيع غير المشمولة:
consent-pending-lowers = لم توافق الدولة بعد على مشاركة هذا الطلب، مما يخفض الدرجة.

## المفردات
request-status-draft = مسودة
request-status-open = مفتوح
request-status-matched = تمت مطابقته
request-status-in_progress = قيد التنفيذ
request-status-completed = منجز
request-status-withdrawn = مسحوب
offer-status-draft = مسودة
offer-status-open = مفتوح
offer-status-closed = مغلق
offer-status-withdrawn = مسحوب
priority-low = منخفضة
priority-medium = متوسطة
priority-high = عالية
modality-legal_drafting = الصياغة القانونية
modality-training = التدريب
modality-expert_advice = مشورة الخبراء
modality-institution_building = بناء المؤسسات
modality-data_and_monitoring = البيانات والرصد
modality-awareness = التوعية
modality-peer_exchange = تبادل الخبرات بين الأقران
modality-equipment = المعدات
modality-funding = التمويل
response-supported = مؤيَّدة
response-noted = أُحيط علمًا بها

## مجموعات المواضيع
group-international-framework = الإطار الدولي لحقوق الإنسان
group-national-framework = الإطار الوطني لحقوق الإنسان والحوكمة
group-civil-political = الحقوق المدنية والسياسية
group-justice-and-detention = العدالة والاحتجاز ومنع التعذيب
group-security-and-conflict = قوات الأمن والنزاعات المسلحة ومكافحة الإرهاب
group-economic-social-cultural = الحقوق الاقتصادية والاجتماعية والثقافية
group-development-environment = الفقر والتنمية والبيئة
group-women-children-disabilities = المرأة والطفل والإعاقة ونوع الجنس
group-groups-at-risk = الأقليات والشعوب الأصلية والمهاجرون والمشردون

## المناطق (M49) والمجموعات الإقليمية للأمم المتحدة
region-002 = أفريقيا
region-019 = الأمريكتان
region-142 = آسيا
region-150 = أوروبا
region-009 = أوقيانوسيا
region-african = مجموعة الدول الأفريقية
region-asia_pacific = مجموعة دول آسيا والمحيط الهادئ
region-eeg = مجموعة دول أوروبا الشرقية
region-grulac = مجموعة دول أمريكا اللاتينية ومنطقة البحر الكاريبي
region-weog = مجموعة دول أوروبا الغربية ودول أخرى

## المواضيع
themes-title = العرض والطلب حسب الموضوع
themes-intro = لكل موضوع، الطلبات المفتوحة والدول التي تطلب المساعدة، مقابل العروض المتاحة ومقدّميها: حيث تكون الاحتياجات أقل تغطية.
themes-totals = المجموع: الطلبات المفتوحة { $requests } من { $states } دولة؛ العروض المتاحة { $offers } من { $providers } مقدّم مساعدة.
themes-chart = الطلبات المفتوحة والعروض المتاحة في أكثر المواضيع نشاطًا
themes-by-region = الطلبات المفتوحة من كل منطقة والعروض المتاحة لها
themes-table = جميع المواضيع، بدءًا بالأقل تغطية
themes-nothing-yet = لم يُطلب أو يُعرض شيء هنا بعد.
col-states-asking = الدول الطالبة
col-providers = مقدّمو المساعدة
filter-group = مجموعة المواضيع
download-csv = تنزيل بصيغة CSV (جدول بيانات)
download-xlsx = تنزيل بصيغة Excel (XLSX)

## تسجيل الدخول
sign-in = تسجيل الدخول
sign-out = تسجيل الخروج
sign-in-title = تسجيل الدخول
sign-in-intro = سجّل الدخول بالمفتاح الذي أعطاك إياه أحد المسؤولين. لا يحتفظ متصفحك إلا بجلسة، وليس بالمفتاح أبدًا؛ وتنتهي الجلسة عند تسجيل الخروج أو بعد 12 ساعة أو عند إلغاء المفتاح.
sign-in-key = مفتاحك
sign-in-key-missing = أدخل مفتاحك.
sign-in-key-unknown = هذا المفتاح غير صالح: تحقق من أنك نسخته كاملًا، أو اسأل أحد المسؤولين عما إذا كان قد أُلغي.
signed-in-as = تم تسجيل الدخول باسم
nav-my = صفحتي
my-title = صفحتي
my-acting-for = أنت تعمل باسم { $name } ({ $role }).
my-admin = بصفتك مسؤولًا، ترى في القوائم جميع الطلبات أيًا كانت حالة الموافقة عليها.
role-admin = مسؤول
role-state = جهة تنسيق الدولة
role-provider = مقدّم مساعدة
my-requests = طلباتك
my-requests-intro = جميع طلبات دولتك، بما فيها المسودات والطلبات التي لم تُشارك بعد. لا تُعرض على الآخرين ولا تُطابق مع العروض إلا الطلبات التي توافق على مشاركتها.
my-no-requests = ليس لدولتك أي طلب بعد.
my-offers = عروضك
my-no-offers = ليس لديك أي عرض بعد.
col-consent = الموافقة:
consent-decision = القرار
consent-note = ملاحظة (اختيارية)
consent-record = تسجيل القرار
consent-already = للطلب هذه الموافقة بالفعل؛ اختر قرارًا آخر.
consent-invalid = اختر أحد القرارات المعروضة، ولا تتجاوز الملاحظة 20,000 حرف.
consent-pending = لم يُتخذ قرار بعد
consent-granted = تمت الموافقة على المشاركة
consent-refused = مرفوض
consent-withdrawn = مسحوب

## تقديم طلب
new-request-title = تقديم طلب جديد
new-request-intro = طلب مساعدة من { $state }. اختر توصيات الاستعراض الدوري الشامل التي يتعلق بها، وبيّن المساعدة المطلوبة، ثم احفظه: يبقى لدى دولتك إلى أن تسجّل موافقتها على مشاركته.
new-request-find-recommendations = البحث عن التوصيات
new-request-no-recommendations = لا توجد توصية موجهة إلى دولتك تتضمن هذه الكلمات.
new-request-save = حفظ الطلب
session-number = الدورة { $session }
field-title = العنوان
field-languages = اللغات التي يمكن تقديم المساعدة بها (رموز مثل en وfr وar)
field-starts-on = من
field-ends-on = إلى
field-budget-min = الميزانية من (بدولارات الولايات المتحدة)
field-budget-max = الميزانية حتى (بدولارات الولايات المتحدة)
field-save-as = الحفظ بوصفه
save-open = مفتوح (جاهز للمشاركة)
save-draft = مسودة
themes-suggest = اقتراح مواضيع للنص
themes-suggest-on-save = إضافة المواضيع المقترحة للنص أيضًا عند الحفظ
themes-suggested-ticked = المواضيع المقترحة محددة أدناه؛ ألغِ تحديد ما لا يناسب منها.
themes-none-suggested = لا يبلغ أي موضوع العتبة لهذا النص؛ حدد المواضيع بنفسك.
suggested-confidence = مقترح، بدرجة ثقة { $value }
form-has-problems = لم يُحفظ الطلب. يُرجى تصحيح ما يلي:
form-date-invalid = استخدم صيغة التاريخ YYYY-MM-DD.
form-dollars-invalid = عدد صحيح من دولارات الولايات المتحدة، دون فواصل.

## التعاون
express-interest = إبداء الاهتمام
my-engagements = أوجه تعاونك
my-no-engagements = لا يوجد تعاون بعد: أبدِ اهتمامك بمطابقة من صفحة طلب أو عرض.
interest-by-you = أبديت اهتمامك أولًا
interest-by-them = أبدى الطرف الآخر اهتمامه أولًا
engagement-step = الخطوة التالية
engagement-outcome = النتيجة أو ملاحظة (مطلوبة للإنجاز)
engagement-record = تسجيل
engagement-status-interest = تم إبداء الاهتمام
engagement-status-agreed = تم الاتفاق
engagement-status-in_progress = قيد التنفيذ
engagement-status-completed = منجز
engagement-status-declined = مرفوض
engagement-status-cancelled = ملغى
engagement-to-interest = إبداء الاهتمام
engagement-to-agreed = الموافقة
engagement-to-declined = الرفض
engagement-to-in_progress = بدء العمل
engagement-to-completed = الإنجاز
engagement-to-cancelled = الإلغاء
conflict-title = غير ممكن الآن
conflict-body = لا يمكن القيام بذلك في الحالة الراهنة للسجل (ربما سبق القيام به، أو تغيّر السجل في الأثناء). ارجع وأعد تحميل الصفحة.
invalid-title = في الاستمارة ما ليس صحيحًا
invalid-body = ارجع، وتحقق مما أُدخل، ثم حاول مرة أخرى.

## تحميل العروض
upload-title = نشر العروض من جدول بيانات
upload-intro = احفظ جدول البيانات بصيغة CSV (UTF-8) مع صف عناوين يسمّي الأعمدة أدناه، وعرض واحد في كل صف؛ وافصل بين عناصر القائمة بالرمز ";". تُنشر العروض كلها معًا أو لا يُنشر أي منها: إذا كان هناك خطأ، تُذكر كل مشكلة مع رقم سطرها ولا يُحفظ شيء.
upload-template = تنزيل نموذج يتضمن صفًا مثالًا
upload-columns = الأعمدة (provider وtitle إلزاميان):
upload-file = ملف CSV
upload-submit = التحقق والنشر
upload-no-file = اختر ملف CSV لتحميله.
upload-stored = { $count ->
    [zero] لم يُنشر أي عرض.
    [one] نُشر عرض واحد.
    [two] نُشر عرضان.
    [few] نُشرت { $count } عروض.
    [many] نُشر { $count } عرضًا.
   *[other] نُشر { $count } عرض.
}
upload-problems = { $count ->
    [one] لم يُنشر شيء: هناك مشكلة واحدة يجب تصحيحها.
    [two] لم يُنشر شيء: هناك مشكلتان يجب تصحيحهما.
    [few] لم يُنشر شيء: هناك { $count } مشاكل يجب تصحيحها.
   *[other] لم يُنشر شيء: هناك { $count } مشكلة يجب تصحيحها.
}
col-line = السطر
col-column = العمود
col-problem = المشكلة

## مستكشف التوصيات
recommendations-title = توصيات الاستعراض الدوري الشامل: من أوصى بماذا ولمن
recommendations-intro = التوصيات التي قدمتها الدول بعضها لبعض في الاستعراض الدوري الشامل، وما إذا كانت الدولة موضوع الاستعراض قد أيدتها أو أحاطت علمًا بها. صفِّها، واحسبها حسب الدولة الموصية أو الموضوع أو الرد أو الجولة، واقرأها.
recommendations-totals = عدد التوصيات { $total }: المؤيَّدة { $supported }، والمحاط علمًا بها { $noted }.
recommendations-chart = التوصيات المؤيَّدة والمحاط علمًا بها، بدءًا بأكبر المجموعات
recommendations-none = لا توجد توصية تطابق هذه المرشحات.
recommendations-list = التوصيات
recommendations-found = { $count ->
    [zero] لا توجد توصيات
    [one] توصية واحدة
    [two] توصيتان
    [few] { $count } توصيات
    [many] { $count } توصية
   *[other] { $count } توصية
}
recommended-to = من { $state } إلى { $to }، الدورة { $session }
not-recorded = غير مسجل
cycle-number = الجولة { $cycle }
filter-state-under-review = الدولة موضوع الاستعراض
filter-recommending-state = الدولة الموصية
filter-response = الرد
filter-cycle = الجولة
filter-group-by = الحساب حسب
group-by-recommending_state = حسب الدولة الموصية
group-by-theme = حسب الموضوع
group-by-response = حسب الرد
group-by-cycle = حسب الجولة
col-group = المجموعة
col-recommendations = التوصيات

## سجل التعاون
cooperation-title = سجل التعاون
cooperation-intro = كيف عمل طرفا المطابقات معًا: أوجه التعاون المتعلقة بالطلبات المنشورة، حسب الحالة وسنة البدء ومنطقة الدولة الطالبة والموضوع. الأرقام وحدها علنية؛ أما الأزواج فتبقى لدى طرفيها.
cooperation-total = { $count ->
    [zero] لا يوجد أي تعاون.
    [one] تعاون واحد في المجموع.
    [two] حالتا تعاون في المجموع.
    [few] { $count } حالات تعاون في المجموع.
   *[other] { $count } حالة تعاون في المجموع.
}
cooperation-none = لا يوجد تعاون بعد.
cooperation-chart = أوجه التعاون حسب سنة البدء
cooperation-under-way = متفق عليه أو قيد التنفيذ
cooperation-by-status = حسب الحالة
cooperation-by-year = حسب سنة البدء
cooperation-by-region = حسب منطقة الدولة الطالبة
cooperation-by-theme = حسب موضوع الطلب
col-all = المجموع
consent-choose = اختر…
label-status = الحالة:

## الإدارة
keys-title = مفاتيح واجهة برمجة التطبيقات
key-new = إصدار مفتاح
key-role = الدور
key-role-missing = اختر دور المفتاح.
key-organization = معرّف المنظمة (لمفتاح مقدّم مساعدة تابع لمنظمة)
key-label = لمن المفتاح
key-issue = إصدار المفتاح
key-issued = صدر المفتاح. انسخ سرّه الآن وسلّمه إلى صاحبه بأمان: لن يُعرض مرة أخرى أبدًا.
key-list = جميع المفاتيح
engagements-found = { $count ->
    [zero] لا توجد حالات تعاون
    [one] حالة تعاون واحدة
    [two] حالتا تعاون
    [few] { $count } حالات تعاون
    [many] { $count } حالة تعاون
   *[other] { $count } حالة تعاون
}
keys-found = { $count ->
    [zero] لا توجد مفاتيح
    [one] مفتاح واحد
    [two] مفتاحان
    [few] { $count } مفاتيح
    [many] { $count } مفتاحًا
   *[other] { $count } مفتاح
}
key-acts-for = يعمل باسم
key-prefix = يبدأ بـ
key-last-used = آخر استخدام (UTC)
key-revoked = ملغى
key-revoke = إلغاء
key-revoke-named = إلغاء مفتاح { $name }
audit-title = سجل المراجعة
audit-intro = كل تغيير أُدخل على المستودع: من أجراه، ومتى، وما الذي تغيّر. ترى جهة تنسيق الدولة التغييرات المتعلقة بطلباتها.
audit-resource = السجل
audit-resource-id = معرّف السجل
audit-when = متى (UTC)
audit-who = من
audit-what = الإجراء
audit-changes = التغييرات
events-found = { $count ->
    [zero] لا توجد أحداث
    [one] حدث واحد
    [two] حدثان
    [few] { $count } أحداث
    [many] { $count } حدثًا
   *[other] { $count } حدث
}
import-title = استيراد توصيات الاستعراض الدوري الشامل
import-intro = حمّل ملف CSV مصدّرًا من UPR Info يتضمن التوصيات. تُحفظ الصفوف كلها أو لا يُحفظ أي منها؛ وتُقترح مواضيع للصفوف التي لا مواضيع لها.
import-submit = استيراد
import-done = { $count ->
    [zero] لم تُستورد أي توصية.
    [one] استُوردت توصية واحدة.
    [two] استُوردت توصيتان.
    [few] استُوردت { $count } توصيات.
   *[other] استُوردت { $count } توصية.
}
role-system = النظام
action-create = إنشاء
action-update = تعديل
action-import = استيراد
action-consent = تسجيل موافقة
action-revoke = إلغاء
resource-organization = منظمة
resource-recommendation = توصية
resource-request = طلب
resource-offer = عرض
resource-engagement = تعاون
resource-key = مفتاح
resource-webhook = خطاف ويب
key-no-state = لا شيء
import-problems = { $count ->
    [one] لم يُستورد شيء: هناك مشكلة واحدة يجب تصحيحها.
    [two] لم يُستورد شيء: هناك مشكلتان يجب تصحيحهما.
    [few] لم يُستورد شيء: هناك { $count } مشاكل يجب تصحيحها.
   *[other] لم يُستورد شيء: هناك { $count } مشكلة يجب تصحيحها.
}
offer-new-status = تغيير حالته إلى
download-recommendations = تنزيل التوصيات بصيغة CSV
download-recommendations-xlsx = تنزيل التوصيات بصيغة Excel (XLSX)
import-reading = جارٍ قراءة الملف…
import-checked = تم التحقق من { $checked } من أصل { $rows } صفًا، مع اقتراح المواضيع حيث تنقص…
import-storing = جارٍ حفظ { $rows } توصية…
import-counts = جديدة: { $new }. متغيرة وتم تحديثها: { $changed }. محفوظة من قبل كما هي: { $unchanged }.

## Recommendations without a theme
filter-needs-review = المواضيع
needs-review-true = تحتاج إلى تصنيف من شخص
needs-review-false = مصنفة
needs-review-badge = لا موضوع بعد: تحتاج إلى تصنيف من شخص
needs-review-hint = لم يكن نموذج المواضيع واثقا بما يكفي لتصنيف هذه التوصية؛ اختر مواضيعها.
