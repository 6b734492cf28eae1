# zh-CN: decision
# 评估面板（分数、截断值下的决策、风险等级）与评分卡的分值表。

## 评估面板

decision-title = 评估结果
decision-placeholder = 请填写申请人信息：每次修改后分数都会随之更新。
# 无法计算分数；$error 为模型给出的原始信息（英文）。
decision-score-failed = 无法评分：{ $error }
# 百分数；$value 已格式化（“12.3”）。
decision-percent = { $value }%
# 概率下方的说明；$positive 为模型的正类（“不良信用风险（违约）”）。
decision-probability-of = { $positive }的概率
decision-anomaly-score = 异常分数：重构误差的均方值
# 其后为加粗的决策名称（“拒绝”）。
decision-decision = 决策：
# 其后为加粗的等级名称（“C”），再接 decision-band-label。
decision-band = 风险等级{ " " }
# 接在等级名称之后；$label 为该等级的说明（“高风险”）。
decision-band-label = ：{ $label }
# $cutoff：与分数同单位的截断值；$rule：模型截断值的依据。
decision-cutoff = 截断值 { $cutoff }：{ $rule }。
# 用户调整了截断值；$own 为模型自身的截断值。
decision-cutoff-chosen = 截断值 { $cutoff }，由下方选定（模型自身的截断值为 { $own }）。
decision-stale = 上方部分字段无效：此处显示的是最近一次有效申请人的分数。
# 异常分数中误差最大的若干输入，列在此标题下。
decision-feature-errors = 自编码器无法重构的输入（平方误差，占总误差的比例）：
# $error：该输入的重构平方误差；$share：其占总误差的百分比。
decision-feature-error = { $error } · { $share }%

## 评分卡分值

# $points：申请人的总分（取整）。
decision-points-summary = 评分卡：{ $points } 分
decision-points-caption = 各属性的分值（分值越高越安全）
decision-points-attribute = 属性
decision-points-bin = 分箱
decision-points-points = 分值
decision-points-base = 基础分
decision-points-total = 合计
# 属性的数值分箱：低于 $upper、$lower 至 $upper（不含）、$lower 及以上。
decision-bin-below = 低于 { $upper }
decision-bin-between = { $lower } 至 { $upper }（不含）
decision-bin-from = { $lower } 及以上
decision-bin-any = 任意值
# 类别分箱中各类别之间的分隔符。
decision-bin-separator = 、
