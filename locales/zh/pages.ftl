# tcmatch 网页，中文。

site-name = tcmatch
site-tagline = 普遍定期审议技术合作：各国的需求与其他方面的提供
skip-to-content = 跳至主要内容
nav-main = 主菜单
nav-home = 首页
nav-requests = 请求
nav-offers = 提供
nav-themes = 主题
nav-recommendations = 建议
nav-cooperation = 合作
nav-languages = 语言
footer-about = 根据人权理事会第54/28号决议建立的落实普遍定期审议建议技术合作资料库，附有匹配搜索功能。请求仅在有关国家同意后公布。
footer-api = 面向开发者的 API

home-title = 人权领域的技术合作
home-intro = 接受普遍定期审议的国家就落实所收到的建议请求援助；捐助国、联合国机构、国家人权机构和民间社会提供援助。tcmatch 将双方联系起来。
home-figures = 概览
figure-requests = 项未结请求
figure-states = 个国家请求援助
figure-offers = 项可用的提供
figure-providers = 个提供援助的方面
home-unanswered = 需求未得到回应的领域
home-unanswered-intro = 有未结请求、且每项请求可用提供最少的主题。
home-nothing-asked = 尚无未结请求。
col-theme = 主题
col-requests = 请求
col-offers = 提供
col-offers-per-request = 每项请求的提供数
home-all-themes = 所有主题的供需情况

not-found-title = 未找到页面
not-found-body = 此地址没有页面。
forbidden-title = 不允许此操作
forbidden-body = 您的密钥不允许此操作。请使用允许此操作的密钥登录，或联系管理员。
busy-title = 请求过多
busy-body = 您在短时间内请求了过多页面。请稍候一分钟再试。
error-title = 出现错误
error-body = 无法显示该页面。请稍后再试。

## 列表和筛选
list-separator = 、
not-given = 未说明
percent = { $value }%
usd = { $amount } 美元
filter-any = 全部
filter-apply = 显示
filter-theme = 主题
filter-region = 区域
filter-state = 国家
filter-serves = 面向国家
filter-status = 状态
filter-words = 关键词
pager = 列表分页
pager-first = 第一页
pager-next = 下一页
col-request = 请求
col-offer = 提供
col-state = 国家
col-provider = 提供方
col-themes = 主题
col-status = 状态
col-period = 期间
col-priority = 优先级
col-modalities = 援助类型
col-languages = 语言
col-budget = 预算
col-capacity = 可承担的项目数
col-serves = 面向
serves-everywhere = 所有国家
description = 说明

## 请求
requests-title = 援助请求
requests-intro = 接受普遍定期审议的国家请求援助的事项。仅显示有关国家同意公布的请求。
requests-found = { $count } 项请求
linked-recommendations = 所涉普遍定期审议建议
no-linked-recommendations = 此请求未提及任何普遍定期审议建议。
recommended-by = 提出建议的国家：{ $state }，第 { $session } 届会议
matching-offers = 匹配的提供
no-matching-offers = 目前尚无开放的提供与此请求匹配。

## 提供
offers-title = 援助提供
offers-intro = 捐助国、联合国实体、国家人权机构和民间社会提供的援助。
offers-found = { $count } 项提供
matching-requests = 匹配的请求
no-matching-requests = 目前尚无已公布的请求与此提供匹配。

## 匹配
col-match = 匹配
col-score = 得分
col-why = 原因
fit-theme = 主题：
fit-modality = 援助类型：
fit-language = 语言：
fit-timeframe = 期间：
fit-budget = 预算：
shared-themes = 共同主题：
missing-themes = 未涵盖的主题：
consent-pending-lowers = 该国尚未同意分享此请求，因此得分较低。

## 词汇
request-status-draft = 草稿
request-status-open = 开放
request-status-matched = 已匹配
request-status-in_progress = 进行中
request-status-completed = 已完成
request-status-withdrawn = 已撤回
offer-status-draft = 草稿
offer-status-open = 开放
offer-status-closed = 已关闭
offer-status-withdrawn = 已撤回
priority-low = 低
priority-medium = 中
priority-high = 高
modality-legal_drafting = 法律起草
modality-training = 培训
modality-expert_advice = 专家咨询
modality-institution_building = 机构建设
modality-data_and_monitoring = 数据和监测
modality-awareness = 提高认识
modality-peer_exchange = 同行交流
modality-equipment = 设备
modality-funding = 资金
response-supported = 支持
response-noted = 注意到

## 主题组
group-international-framework = 国际人权框架
group-national-framework = 国家人权框架和治理
group-civil-political = 公民权利和政治权利
group-justice-and-detention = 司法、拘留和预防酷刑
group-security-and-conflict = 安全部队、武装冲突和反恐
group-economic-social-cultural = 经济、社会及文化权利
group-development-environment = 贫困、发展和环境
group-women-children-disabilities = 妇女、儿童、残疾和性别
group-groups-at-risk = 少数群体、土著人民、移民和流离失所者

## 区域（M49）和联合国区域集团
region-002 = 非洲
region-019 = 美洲
region-142 = 亚洲
region-150 = 欧洲
region-009 = 大洋洲
region-african = 非洲国家集团
region-asia_pacific = 亚洲及太平洋国家集团
region-eeg = 东欧国家集团
region-grulac = 拉丁美洲和加勒比国家集团
region-weog = 西欧和其他国家集团

## 主题
themes-title = 按主题分列的供需情况
themes-intro = 每个主题的未结请求和提出请求的国家，与可用的提供和提供方相对照：显示需求最未得到满足的领域。
themes-totals = 合计：{ $states } 个国家的 { $requests } 项未结请求；{ $providers } 个提供方的 { $offers } 项可用提供。
themes-chart = 最活跃主题中的未结请求和可用提供
themes-by-region = 各区域的未结请求及面向该区域的可用提供
themes-table = 所有主题，覆盖最少的在前
themes-nothing-yet = 此处尚无请求或提供。
col-states-asking = 提出请求的国家
col-providers = 提供方
filter-group = 主题组
download-csv = 下载 CSV（电子表格）
download-xlsx = 下载 Excel（XLSX）

## 登录
sign-in = 登录
sign-out = 退出
sign-in-title = 登录
sign-in-intro = 请使用管理员提供的密钥登录。浏览器只保存会话，绝不保存密钥；退出、12 小时后或密钥被撤销时，会话即结束。
sign-in-key = 您的密钥
sign-in-key-missing = 请输入密钥。
sign-in-key-unknown = 此密钥无效：请检查是否完整复制，或询问管理员该密钥是否已被撤销。
signed-in-as = 已登录：
nav-my = 我的页面
my-title = 我的页面
my-acting-for = 您代表 { $name }（{ $role }）。
my-admin = 作为管理员，您在列表中可以看到所有请求，无论其同意状态如何。
role-admin = 管理员
role-state = 国家联络人
role-provider = 提供方
my-requests = 您的请求
my-requests-intro = 贵国的所有请求，包括草稿和尚未分享的请求。只有您同意分享的请求才会向他人显示并与提供相匹配。
my-no-requests = 贵国尚无请求。
my-offers = 您的提供
my-no-offers = 您尚无提供。
col-consent = 同意：
consent-decision = 决定
consent-note = 备注（可选）
consent-record = 记录决定
consent-already = 该请求已是此同意状态；请选择其他决定。
consent-invalid = 请选择所列决定之一，备注不超过 20,000 个字符。
consent-pending = 尚未决定
consent-granted = 同意分享
consent-refused = 拒绝
consent-withdrawn = 已撤回

## 提交请求
new-request-title = 提交新请求
new-request-intro = 来自{ $state }的援助请求。请选择其所涉及的普遍定期审议建议，说明所需援助并保存：在您记录同意分享之前，请求仅由贵国可见。
new-request-find-recommendations = 查找建议
new-request-no-recommendations = 向贵国提出的建议中没有包含这些词语的。
new-request-save = 保存请求
session-number = 第 { $session } 届会议
field-title = 标题
field-languages = 可提供援助的语言（代码，如 en、fr、ar）
field-starts-on = 起始
field-ends-on = 截止
field-budget-min = 预算下限（美元）
field-budget-max = 预算上限（美元）
field-save-as = 保存为
save-open = 开放（可分享）
save-draft = 草稿
themes-suggest = 为文本建议主题
themes-suggest-on-save = 保存时一并添加为文本建议的主题
themes-suggested-ticked = 建议的主题已在下方勾选；请取消不适用的主题。
themes-none-suggested = 此文本没有主题达到阈值；请自行勾选主题。
suggested-confidence = 建议，置信度 { $value }
form-has-problems = 请求未保存。请更正：
form-date-invalid = 请使用日期格式 YYYY-MM-DD。
form-dollars-invalid = 以美元计的整数，不含分隔符。

## 合作
express-interest = 表示兴趣
my-engagements = 您的合作
my-no-engagements = 尚无合作：请在请求或提供的页面上对匹配项表示兴趣。
interest-by-you = 您先表示了兴趣
interest-by-them = 对方先表示了兴趣
engagement-step = 下一步
engagement-outcome = 成果或备注（完成时必填）
engagement-record = 记录
engagement-status-interest = 已表示兴趣
engagement-status-agreed = 已商定
engagement-status-in_progress = 进行中
engagement-status-completed = 已完成
engagement-status-declined = 已谢绝
engagement-status-cancelled = 已取消
engagement-to-interest = 表示兴趣
engagement-to-agreed = 同意
engagement-to-declined = 谢绝
engagement-to-in_progress = 开始工作
engagement-to-completed = 完成
engagement-to-cancelled = 取消
conflict-title = 目前无法执行
conflict-body = 在记录的当前状态下无法执行此操作（可能已执行过，或记录已发生变化）。请返回并重新加载页面。
invalid-title = 表单中有内容不正确
invalid-body = 请返回，检查所填内容后重试。

## 上传提供
upload-title = 从电子表格发布提供
upload-intro = 请将电子表格另存为 CSV（UTF-8）格式，首行为列名（见下文），每行一项提供；列表中的各项用“;”分隔。所有提供一并发布，或全部不发布：如有任何错误，将按行列出每个问题，且不保存任何内容。
upload-template = 下载含示例行的模板
upload-columns = 列（provider 和 title 为必填）：
upload-file = CSV 文件
upload-submit = 检查并发布
upload-no-file = 请选择要上传的 CSV 文件。
upload-stored = 已发布 { $count } 项提供。
upload-problems = 未发布任何内容：有 { $count } 个问题需要更正。
col-line = 行
col-column = 列
col-problem = 问题

## 建议浏览
recommendations-title = 普遍定期审议建议：谁向谁提出了什么建议
recommendations-intro = 各国在普遍定期审议中相互提出的建议，以及受审议国是支持还是注意到这些建议。可加以筛选，按建议国、主题、答复或周期统计，并阅读建议全文。
recommendations-totals = 共 { $total } 项建议：支持 { $supported } 项，注意到 { $noted } 项。
recommendations-chart = 获支持和被注意到的建议，按组从大到小排列
recommendations-none = 没有符合这些筛选条件的建议。
recommendations-list = 建议
recommendations-found = { $count } 项建议
recommended-to = { $state } 向 { $to } 提出，第 { $session } 届会议
not-recorded = 未记录
cycle-number = 第 { $cycle } 周期
filter-state-under-review = 受审议国
filter-recommending-state = 建议国
filter-response = 答复
filter-cycle = 周期
filter-group-by = 统计方式
group-by-recommending_state = 按建议国
group-by-theme = 按主题
group-by-response = 按答复
group-by-cycle = 按周期
col-group = 组
col-recommendations = 建议

## 合作记录
cooperation-title = 合作记录
cooperation-intro = 匹配双方如何开展合作：已公布请求上的合作，按状态、开始年份、请求国所在区域和主题分列。仅公开数字；具体配对仅由双方知悉。
cooperation-total = 共 { $count } 项合作。
cooperation-none = 尚无合作。
cooperation-chart = 按开始年份分列的合作
cooperation-under-way = 已商定或进行中
cooperation-by-status = 按状态
cooperation-by-year = 按开始年份
cooperation-by-region = 按请求国所在区域
cooperation-by-theme = 按请求主题
col-all = 合计
consent-choose = 请选择…
label-status = 状态：

## 管理
keys-title = API 密钥
key-new = 签发密钥
key-role = 角色
key-role-missing = 请选择密钥的角色。
key-organization = 组织标识（用于组织的提供方密钥）
key-label = 持有者
key-issue = 签发密钥
key-issued = 密钥已签发。请立即复制其密钥串并安全交给持有者：它将不再显示。
key-list = 所有密钥
engagements-found = { $count } 项合作
keys-found = { $count } 个密钥
key-acts-for = 代表
key-prefix = 开头为
key-last-used = 最近使用（UTC）
key-revoked = 已撤销
key-revoke = 撤销
key-revoke-named = 撤销 { $name } 的密钥
audit-title = 审计记录
audit-intro = 对资料库所作的每项更改：由谁、在何时、更改了什么。国家联络人可看到本国请求的更改。
audit-resource = 记录
audit-resource-id = 记录标识
audit-when = 时间（UTC）
audit-who = 执行者
audit-what = 操作
audit-changes = 更改
events-found = { $count } 个事件
import-title = 导入普遍定期审议建议
import-intro = 上传 UPR Info 导出的建议 CSV 文件。所有行一并保存，或全部不保存；没有主题的行将自动建议主题。
import-submit = 导入
import-done = 已导入 { $count } 项建议。
role-system = 系统
action-create = 创建
action-update = 更改
action-import = 导入
action-consent = 记录同意
action-revoke = 撤销
resource-organization = 组织
resource-recommendation = 建议
resource-request = 请求
resource-offer = 提供
resource-engagement = 合作
resource-key = 密钥
resource-webhook = Webhook
key-no-state = 无
import-problems = 未导入任何内容：有 { $count } 个问题需要更正。
offer-new-status = 将状态改为
download-recommendations = 下载建议 CSV
download-recommendations-xlsx = 下载建议 Excel（XLSX）
import-reading = 正在读取文件…
import-checked = 已检查 { $rows } 行中的 { $checked } 行，并为缺少主题的行建议了主题…
import-storing = 正在保存 { $rows } 项建议…
import-counts = 新增：{ $new }。有变化并已更新：{ $changed }。此前已保存且未变：{ $unchanged }。

## Recommendations without a theme
filter-needs-review = 主题
needs-review-true = 待人工标注
needs-review-false = 已标注
needs-review-badge = 尚无主题：待人工标注
needs-review-hint = 主题模型的把握不足以标注这项建议；请为其选择主题。
