# zh-CN: form
# 模型选择、模型简介与表现、申请人表单（字段及其错误），以及加载模型时的提示。

## 模型选择

form-picker-label = 模型
form-picker-credit = 信用：违约概率
form-picker-fraud = 欺诈：欺诈概率
# 用户自带（已在“使用自己的模型”中检查）的模型分组。
form-picker-yours = 我的模型
# 一个目录模型：$title 为其标题，$auc 为留出集上的 AUC（0 到 1，三位小数）。
form-picker-model = { $title }（AUC { $auc }）

## 模型简介与表现

form-metrics-unmeasured = 尚未评估：请随模型提供一份带标签的数据文件以进行评估（或在下方对其评分）。
# 用户自带的模型，在用户的带标签文件上评估。$brier 为 form-metrics-brier 或空。
form-metrics-yours = 在您的数据文件上：AUC { $auc }，平均精确率 { $ap }，KS { $ks }{ $brier }。
# 目录模型，在训练时留出的数据上评估。$brier 为 form-metrics-brier 或空；$cost 为 form-metrics-cost 或空。
form-metrics-held-out = 留出集：AUC { $auc }，平均精确率 { $ap }，KS { $ks }{ $brier }{ $cost }。
# 接在上面的指标之后（注意开头的逗号）。
form-metrics-brier = ，Brier { $brier }
# 接在上面的指标之后：按成本矩阵计算的每位申请人的期望决策成本。
form-metrics-cost = ，每位申请人成本 { $cost }
# 留出集指标及其 95% 区间。
form-metric-interval = { $value }（{ $low }–{ $high }）
# 指标下方：括号中区间的含义。
form-metrics-intervals-bootstrap = 括号内为 95% 区间，由对留出集各行重抽样得出。它反映这一份留出集的抽样误差；重新训练也会使这些数值变动。
form-metrics-intervals-corrected-cv = 括号内为交叉验证均值的 95% 区间（校正的重抽样 t 方法，考虑了各折共用训练数据）。

## 申请人表单

form-title = 申请人
# 序列模型按月输入的表格。
form-history = 逐月历史
form-score = 评分
# 评分按钮下方。$fields 为已格式化的字段数。
form-errors = 有 { $fields } 个字段需要修改。
# 数值字段旁的说明：$description 为特征说明，$range 为 form-range 或 form-range-unit。
form-hint = { $description }（{ $range }）
form-range = { $min } 至 { $max }
# $unit：特征的单位（“月”“马克”）。
form-range-unit = { $unit }，{ $min } 至 { $max }
# After a field's hint when its policy imputes a missing value: $value is what is scored.
form-unknown-allowed = { $kind ->
    [category] 如不知道，请选择“未知”：将按 { $value } 评分并注明。
   *[number] 如不知道，可留空：将按 { $value } 评分并注明。
}
form-unknown-option = 未知
# 数值字段旁滑块的标签；$label 为特征名称。
form-slider = { $label }（在训练数据范围内拖动的滑块）

## 字段错误（显示在字段旁）

form-problem-missing = 未填写
# $text：用户输入的内容。
form-problem-not-a-number = “{ $text }”不是数字
form-problem-not-whole = { $value } 不是整数
form-problem-out-of-range = { $value } 超出允许范围 { $min } 至 { $max }
form-problem-unknown-category = “{ $text }”不是可选的类别

## 评分缺少归因的原因

form-attribution-no-reference = 该模型未附带参考样本，因此无法对其评分进行归因
# $error：解释器给出的原始信息（英文）。
form-attribution-failed = 无法对评分进行归因：{ $error }

## 加载模型目录与模型（显示在“无法加载模型。”之后）

# $url：文件地址；$error：浏览器给出的信息。
form-load-network = { $url }：无法获取（{ $error }）
# $status：HTTP 状态码（404）；$status_text：状态说明（“Not Found”）。
form-load-status = { $url }：服务器返回 { $status } { $status_text }
form-load-not-utf8 = { $url }：不是 UTF-8 文本（{ $error }）
# $actual、$expected：SHA-256 哈希值（十六进制）；$file：ONNX 文件路径。
form-load-hash-mismatch = { $file }：SHA-256 为 { $actual }，与目录所列的 { $expected } 不符；拒绝加载被改动的模型文件
# 无法附加模型的参考样本；$error 为核心给出的信息（英文）。
form-load-at = { $url }：无法附加参考样本（{ $error }）
# $model：模型的 id。
form-load-no-model = 目录中没有模型“{ $model }”
