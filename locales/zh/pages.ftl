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
error-title = 出现错误
error-body = 无法显示该页面。请稍后再试。
