## API 对用户所说的内容：问题标题和详情、字段消息以及匹配理由。
## 机器字段（code、field、slugs）不随语言而改变。

list-or = {"或"}

## 问题标题（按代码）
problem-validation = 请求无效
problem-bad_request = 请求格式错误
problem-unauthorized = 需要 API 密钥
problem-forbidden = 不允许此操作
problem-not_found = 未找到
problem-method_not_allowed = 不允许使用该方法
problem-conflict = 请求与当前状态冲突
problem-precondition_failed = 资源已更改
problem-precondition_required = 需要 If-Match
problem-payload_too_large = 请求正文过大
problem-unsupported_media_type = 不支持的媒体类型
problem-rate_limited = 请求过多
problem-unavailable = 服务不可用
problem-busy = 服务繁忙
problem-internal = 服务器内部错误

## 问题详情
detail-fields-not-valid = { $count ->
   *[other] { $count } 个字段无效
}
detail-unauthorized = 请以 'Authorization: Bearer <key>' 的形式发送有效且未撤销的 API 密钥
detail-not-found = 未找到 { $what }
detail-method-not-allowed = 此路径不接受 { $method }；它接受 { $allow }
detail-rate-limited = 已达到请求频率上限；请在 { $seconds } 秒后重试
detail-precondition-required = 如需更新资源，请随 If-Match 发送该资源的 ETag（或其版本）
detail-unavailable = 目前无法连接数据库；请稍后重试
detail-busy = 此实例等待处理的工作过多；请一秒后重试
detail-internal = 发生意外错误；该错误已记录

## 字段消息
field-unauthorized = 密钥缺失、格式错误、未知或已撤销
field-header-required = 必须提供此标头
field-required = 必须提供
field-not-empty = 不得为空
field-at-most-chars = 最多 { $max } 个字符
field-at-most-items = 最多 { $max } 项
field-unknown-field = 不是此处的字段；可用字段为 { $fields }
field-unknown-parameter = 不是此操作的参数；此操作接受 { $expected }
field-text = 必须是文本，并用双引号括起
field-whole-number = 必须是整数，不带分隔符或小数
field-whole-number-range = 必须是 { $min } 至 { $max } 之间的整数
field-usd = 必须是以美元计的整数，不带分隔符或小数（例如 25000）
field-number = 必须是数字，以小数点表示小数（例如 0.5）
field-boolean = 必须是 true 或 false
field-list = 必须是列表，并用方括号括起
field-object = 必须是对象，并用花括号括起
field-date = 请使用 YYYY-MM-DD 日期格式（例如 2027-03-31）
field-no-such-day = 日历中没有这一天（日期格式为 YYYY-MM-DD）
field-date-range = 必须是 { $first } 至 { $last } 之间的日期
field-timestamp = 请使用日期和时间，例如 2026-01-31T00:00:00Z
field-one-of = 必须是以下值之一：{ $values }
field-not-before = 不得早于 { $other }（{ $value }）
field-not-below = 不得低于 { $other }（{ $value }）
field-not-negative = 不得为负数
field-unknown-state = 未知的国家代码 '{ $code }'（请使用 ISO 3166-1 alpha-3 代码，例如 KEN）
field-unknown-language = 未知的语言代码 '{ $code }'（请使用 ISO 639-1 代码，例如 ar, en, es, fr, ru, zh）
field-unknown-theme = 未知主题 '{ $tag }'；您是否是指 { $themes }？
field-unknown-theme-none = 未知主题 '{ $tag }'；主题列表见 GET /api/v1/themes
field-offer-needs-theme = 请至少提供一个主题，或设置 suggest_themes
field-request-needs-theme = 请至少提供一个主题，或提供带有主题的建议，或设置 suggest_themes
field-no-theme-suggested = 无法根据标题和说明有把握地建议任何主题；请至少提供一个主题
field-unknown-region = 未知区域“{ $region }”（请使用 M49 代码或名称，或联合国区域组）
field-global-lists-areas = 全球性援助提供不列出国家或区域
field-areas-needed = 请列出所服务的国家或区域，或将 global 设为 true
field-capacity = 必须是 1 至 10000 之间的整数（合作项目数）
field-new-offer-status = 新的援助提供状态为 draft 或 open
field-new-request-status = 新的请求状态为 draft 或 open
field-no-recommendation = 没有建议“{ $id }”
field-recommendation-elsewhere = 建议“{ $id }”是向 { $state } 提出的，而不是 { $ours }
field-website = 必须是 http(s) 网址
field-outcome-needed = 请说明合作取得的成果，以便将其完成
field-session-cycle = 第 { $session } 届会议属于第 { $cycle } 轮
field-iati-identifier = IATI 活动标识符：1 至 200 个字符，不含空格，也不含 / & | ? 中的任何字符

## 匹配理由
reason-shares = 共有所请求的 { $requested } 个主题中的 { $shared } 个：{ $themes }
reason-related = 以同一组中的相关主题涵盖：{ $themes }
reason-missing = 未涵盖：{ $themes }
reason-consent-pending = 尚待同意：排在匹配度相同且已获同意的请求之后
reason-request-no-modality = 请求未注明援助类型
reason-request-no-language = 请求未注明语言
reason-request-no-period = 请求未注明期间
reason-request-no-budget = 请求未注明预算
reason-offer-no-modality = 援助类型未知：援助提供未注明（得分 { $percent }）
reason-offer-no-language = 语言未知：援助提供未注明（得分 { $percent }）
reason-offer-no-period = 期间未知：援助提供未注明（得分 { $percent }）
reason-offer-no-budget = 预算未知：援助提供未注明（得分 { $percent }）
reason-no-modality-in-common = 不含所请求的任何援助类型
reason-modalities-in-common = 共同的援助类型：{ $modalities }（占所请求类型的 { $percent }）
reason-no-language-in-common = 无共同语言
reason-languages-in-common = 共同语言：{ $languages }
reason-period-covers = 援助提供的期间涵盖请求期间的 { $percent }
reason-budget-covers = 援助提供的预算涵盖请求预算的 { $percent }
