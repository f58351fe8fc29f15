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
field-cannot-be-cleared = 此字段不能清空：省略它即可保留原值，或提供一个值
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

## 关于整个请求的问题详情（按情形）
detail-at = { $at }：{ $why }
detail-query-not-valid = 查询参数无效：{ $why }
detail-path-not-valid = 路径参数无效：{ $why }
detail-body-unreadable = 无法读取请求正文：{ $why }
detail-form-unreadable = 无法读取表单：{ $why }

## 未找到（404）
not-found-organization = 未找到组织
not-found-recommendation = 未找到建议
not-found-request = 未找到请求
not-found-offer = 未找到援助提供
not-found-engagement = 未找到合作
not-found-key = 未找到 API 密钥
not-found-webhook = 未找到 Webhook 订阅
not-found-import-job = 未找到导入任务
not-found-record = 未找到记录
not-found-theme = 未找到主题 '{ $slug }'；主题列表见 GET /api/v1/themes
not-found-state = 未找到国家 '{ $code }'；请使用 ISO 3166-1 alpha-3 代码，例如 KEN
not-found-route = 未找到 { $method } { $path }
not-found-page = 此地址没有页面
not-found-download = 没有此类下载（仅有 csv 或 xlsx）

## 不允许的操作（403）
forbidden-admin-only = 只有管理员可以执行此操作
forbidden-other-state = 此密钥代表 { $ours }，而不是 { $theirs }
forbidden-provider-for-state = 提供方密钥不能代表受审议国行事
forbidden-other-provider = 此密钥代表提供方 { $ours }，而不是 { $theirs }
forbidden-state-as-provider = 国家密钥不能作为提供方行事
forbidden-not-a-side = 只有请求国或该援助提供的提供方可以对这一配对采取行动
forbidden-audit-provider = 提供方密钥不能读取审计记录
forbidden-state-files-requests = 只有国家本身才能提交本国的请求
forbidden-provider-publishes = 只有提供方才能在此发布援助提供
forbidden-form-stale = 表单已过期：请重新加载页面
forbidden-cross-site = 只接受来自本网站的表单

## 与当前状态冲突（409）
conflict-request-changed = 该请求在此期间已更改；请重试
conflict-engagement-changed = 该合作在此期间已更改；请重试
conflict-no-consent = 请求国尚未同意分享此请求
conflict-request-status = 该请求处于“{ $status }”状态
conflict-offer-status = 该援助提供处于“{ $status }”状态
conflict-offer-not-serving = 该援助提供不面向 { $state }
conflict-pair-under-way = 这一配对已有一项合作在进行中
conflict-no-capacity = 该援助提供可承担的项目数已满
conflict-own-interest = 兴趣是由您所代表的一方表示的；只有另一方可以作出回应
conflict-engagement-step = 合作不能从“{ $from }”变为“{ $to }”
conflict-consent-pending = 同意状态一经决定或记录，便不能再改回“尚未决定”
conflict-consent-same = 同意状态已是“{ $status }”
conflict-offer-final = 该援助提供处于“{ $status }”状态，不能再更改
conflict-request-final = 该请求处于“{ $status }”状态，不能再更改
conflict-status-by-engagement = 请求只能通过其合作变为“{ $status }”，而其合作中没有一项处于{ $needed }状态
conflict-organization-exists = 组织 { $id } 已有相同的名称和国家：请使用该组织（/api/v1/organizations/{ $id }）
conflict-iati-identifier = IATI 标识符 { $identifier } 已属于合作 { $id }：IATI 文件中每项活动只能有一个标识符
conflict-key-revoked = 该密钥已被撤销
conflict-idempotency-under-way = 使用此 Idempotency-Key 的调用正在处理中；请重试该调用以获取其响应
conflict-import-changed = 导入期间有建议发生了更改；请重新导入
conflict-exists = 此记录已存在
conflict-missing-reference = 所引用的记录不存在

## 前提条件、大小和媒体类型（412、413、415）
precondition-version = If-Match 未指明当前版本（"v{ $version }"）；请重新获取该资源，并重新进行您的更改
precondition-changed = 该记录在此期间已更改；请重新获取
payload-too-large = 请求正文不得超过 { $limit } 字节
media-type = 请以 { $expected } 格式发送请求正文（收到的是 '{ $got }'）

## 其他字段消息
field-invalid-utf8 = 不是有效的 UTF-8 文本
field-empty-body = 为空；请发送 JSON 对象
field-not-json = 不是有效的 JSON：{ $why }
field-nul = 包含 NUL 字符（U+0000），文本中不得含有此字符
field-idempotency-key = 1 至 200 个可打印 ASCII 字符
field-idempotency-reused = 此 Idempotency-Key 已用于不同的请求正文
field-at-least-one-item = 请至少发送一项
field-at-most-items-call = 一次调用最多 { $max } 项
field-json-array = 请发送由各项组成的 JSON 数组
field-json-object = 不是 JSON 对象
field-search-words = 最多 10 个词，每个词最多 100 个字符
field-search-text = 必须为 1 至 200 个字符
field-search-letters = 请至少提供一个由字母或数字组成的词
field-unknown-region-param = 未知区域“{ $region }”（请使用 M49 代码或名称，例如 002 或非洲，或联合国区域组：african, asia_pacific, eeg, grulac, weog）
field-score = 必须是 0 至 1 之间的数字
field-unknown-group = 未知主题组 '{ $group }'
field-cursor = 不是此列表的游标；请原样传递上一页的 next_cursor
field-feed-position = 此信息流中的位置（由其给出的 `position` 或 `next_after`）
field-xlsx-rows = 行数超过 XLSX 工作表的上限（1,048,576）：请缩小筛选范围或改用 CSV
field-no-organization = 没有组织“{ $id }”
field-provider = “{ $given }”既不是国家代码（alpha-3），也不是组织标识
field-no-request = 没有请求“{ $id }”
field-no-offer = 没有援助提供“{ $id }”
field-no-request-to-decide = 没有您可以作出决定的请求“{ $id }”
field-admin-names-side = 管理员须指明所代表的一方：request 或 offer
field-side-admin-only = 只有管理员可以选择所代表的一方
field-admin-key-owner = 管理员密钥不代表任何国家或组织
field-state-key-needs-state = 国家密钥需要指明其所代表的国家
field-state-key-no-organization = 国家密钥不设组织
field-provider-key-needs-owner = 提供方密钥需要 organization_id 或一个捐助国
field-provider-key-one-owner = 提供方密钥代表一个组织或一个国家，不能同时代表两者
field-webhook-url = 最多 2000 个字符的 http 或 https 网址
field-webhook-localhost = 不得指向本机（localhost）
field-webhook-private = 不得指向专用地址、环回地址或链路本地地址
field-webhook-events = 请至少指明以下事件之一：{ $events }
field-unknown-resource = 未知的记录类型
field-unknown-step = 未知步骤
field-choose-status = 请选择状态
field-unknown-decision = 未知决定

## 关于 CSV 文件中行和单元格的消息
field-csv-header = 无法读取标题行：{ $why }
field-csv-row = CSV 行格式错误：{ $why }
field-csv-unknown-column = 未知列 '{ $name }'；可用列为 { $columns }
field-csv-column-twice = 列 '{ $name }' 出现了两次
field-csv-missing-columns = 缺少列 { $columns }
field-csv-upr-columns = 缺少列 { $columns }；标题行应与 UPR Info 导出文件一致
field-csv-flag = “{ $value }”不是 true 或 false（也可用 yes/no 或 1/0）
field-csv-whole-number = “{ $value }”不是整数
field-csv-max-rows = 一个文件最多 { $max } 行
field-csv-bad-rows = 共有 { $count } 行有误；以下列出前 { $listed } 行
field-csv-no-rows = 该 CSV 有标题行，但没有数据行
field-upr-unknown-state = { $column } 列：未知国家“{ $name }”
field-upr-empty-text = Text 列：建议为空
field-upr-long-text = Text 列：超过 { $max } 个字符
field-upr-response = Response 列：“{ $value }”不是 Accepted、Supported 或 Noted
field-upr-session = Session 列：“{ $value }”不是届会编号（1-99）
field-upr-action = Action 列：“{ $value }”不是行动类别（1-5）
field-upr-issue = Issue 列：未知议题“{ $label }”
