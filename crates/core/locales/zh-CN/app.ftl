# 页眉、语言切换与加载提示。
# Fluent 语法：`id = 文本`；{ $name } 是页面填入的值，译文须保留英文中的每个 { $name }。

app-document-title = RiskScope：私密的信用与欺诈评分
app-language = 语言
app-privacy = 隐私优先：您输入或加载的任何内容都不会离开本设备；首次访问之后，RiskScope 可离线使用（由 tests/e2e/privacy.test.mjs 与 tests/e2e/offline.test.mjs 验证）。
app-catalog-loading = 正在加载模型目录…
app-catalog-failed = 无法加载模型目录。{ $error }
app-model-loading = 正在加载模型…
app-model-failed = 无法加载模型。{ $error }
