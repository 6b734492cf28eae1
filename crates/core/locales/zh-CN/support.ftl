# zh-CN: support
# 决策支持：评分原因（归因）、主要理由与通知书、怎样才能改变决定（补救）、截断值与成本、
# 模型整体，以及图表中的文字。

## Shared

support-percent = { $number }%
support-points = { $number } 个百分点

## Charts (src/web/chart.rs)

support-chart-too-few-points = { $title }：数据点不足，无法绘制。
support-chart-empty = { $title }：没有可绘制的内容。
support-chart-bin = { $from } 至 { $to }：{ $rows } 行
support-chart-point = { $series }：{ $values }

## Why this score (src/web/attribution_view.rs)

support-attribution-title = 为何得到此评分
support-attribution-baseline = 参考样本的平均申请人：
support-attribution-value = 该申请人：
support-attribution-level = { $percent }%（对数几率 { $logodds }）
support-attribution-others = 其余 { $n } 个属性
support-attribution-additive = 精确值：该模型的对数几率是每个属性各一项之和。
support-attribution-exact = 精确 Shapley 值：已枚举属性的所有联盟。
support-attribution-trees = 精确 Shapley 值：由模型的树对整个参考样本直接算出（介入式树 Shapley 算法）。
support-attribution-sampled = Shapley 值由参考样本上的 { $walks } 次置换游走估计得出；± 为估计值的 95% 置信区间。
support-attribution-scale-log-odds = 条形以概率的对数几率为单位：+0.69 使几率翻倍，−0.69 使几率减半。
support-attribution-scale-score = 条形以异常分数为单位。
support-attribution-time = 评分与归因在本设备上计算，用时 { $ms } 毫秒。
support-attribution-by-month = 按月份（该月所有序列）
support-attribution-not-monthly = 非月度属性（额度、年龄等）
support-attribution-by-series = 按序列（所有月份）

## Principal reasons (src/web/reasons_view.rs)

support-reasons-title = “{ $decision }”的主要理由
support-reasons-none = 没有任何属性使评分高于平均申请人。
support-reasons-print = 打印通知书
support-reasons-save = 将通知书保存为文件
support-reasons-save-failed = 通知书无法保存：{ $error }

## The notice to print or save (src/reasons.rs, plain text, one message a line)

support-notice-heading = 决定的主要理由说明
support-notice-model = 模型：{ $title }（{ $id }）
support-notice-decision = 决定：{ $decision }
support-notice-score = 评分：{ $score }（截断值 { $cutoff }：{ $rule }）
support-notice-no-reasons = 没有任何属性使评分高于平均申请人。
support-notice-reasons = 主要理由（按重要性从高到低）：
support-notice-basis = 这些理由是使该申请人的评分高出平均申请人最多的属性，由作出该决定的模型本身归因得出。它们在本设备上计算，没有任何数据被发送出去。

## What would change the decision (src/web/recourse_view.rs)

support-recourse-title = 怎样才能改变决定
support-recourse-locks-summary = 搜索可以改动的属性
support-recourse-history-note = 月度历史已成过去，因此保持不变；放开某个月的字段，即可查看不同的历史会带来怎样的结果。
support-recourse-immutable = 不可更改
support-recourse-lock-free = 可以更改
support-recourse-lock-fixed = 保持不变
support-recourse-lock-up = 只能增加
support-recourse-lock-down = 只能减少
support-recourse-find = 查找改动
support-recourse-intro = 查找能使该决定变为“{ $cleared }”的最小改动。
support-recourse-none = 在锁定条件和训练数据范围内，没有任何改动能扭转该决定（最多改动四个属性）。请放开更多属性后重新搜索。
support-recourse-stale = 自本次搜索以来，申请人或截断值已改变：请重新搜索。
support-recourse-time = 在本设备上搜索用时 { $ms } 毫秒。
support-recourse-change = ：{ $from } → { $to }
support-recourse-new-score = 新评分：{ $score }，比截断值低 { $margin }。
support-recourse-range-from = { $label }：建议可给出的最小值
support-recourse-range-to = { $label }：建议可给出的最大值
support-recourse-range-from-short = 最小
support-recourse-range-to-short = 最大
support-recourse-moves = 仅限部分变动（按模型清单的规定）
support-recourse-apply = 应用到表单
support-recourse-locks = 为 { $features } 个属性给出了 { $locks } 个锁定设置

## Cut-off and cost (src/web/cost_view.rs)

support-cost-title = 截断值与成本
support-cost-matrix-fraud = 每种结果的成本（每笔交易）
support-cost-matrix-credit = 每种结果的成本（每位申请人）
support-cost-fn-fraud = 漏掉一笔欺诈：
support-cost-fn-credit = 批准一位会违约的申请人：
support-cost-fp-fraud = 对一笔正常交易发出警报：
support-cost-fp-credit = 拒绝一位会按时还款的申请人：
support-cost-implied-preset = 模型截断值所隐含的成本（{ $ratio } : 1）
support-cost-cutoff-probability = 截断值（概率）
support-cost-cutoff-anomaly = 截断值（异常分数）
support-cost-use-cheapest = 使用成本最低的截断值
support-cost-model-cutoff = 模型的截断值
support-cost-chart-title-fraud = 各截断值下每笔交易的预期成本（{ $rows } 行留出数据）
support-cost-chart-title-credit = 各截断值下每位申请人的预期成本（{ $rows } 行留出数据）
support-cost-axis-cutoff = 截断值
support-cost-axis-cutoff-log = 截断值（异常分数的 log10）
support-cost-axis-cost = 预期成本
support-cost-marker-chosen = 所选
support-cost-marker-cheapest = 最低成本
support-cost-at-cutoff-fraud = 截断值为 { $cutoff } 时：每 10,000 笔交易产生 { $alerts } 次警报，精确率 { $precision }，召回率 { $recall }，每笔交易的预期成本为 { $cost }。{ $cheapest }
support-cost-at-cutoff-credit = 截断值为 { $cutoff } 时：“{ $cleared }”比例 { $rate }%，被拒绝者中的违约者占 { $precision }，每位申请人的预期成本为 { $cost }。{ $cheapest }
support-cost-cheapest = 在该样本上成本最低的截断值为 { $cutoff }，每行成本 { $cost }。
support-cost-capacity = 每日调查数：
support-cost-volume = 每日交易数：
support-cost-at-capacity = 每天调查评分最高的 { $capacity } 笔交易，可捕获 { $recall } 的欺诈，精确率为 { $precision }（截断值 { $cutoff }）。
support-cost-no-capacity = 请输入调查能力和大于零的每日交易量。

## The model as a whole (src/web/global_view.rs)

support-global-title = 模型整体
support-global-compute = 计算属性重要性
support-global-timing = 基于 { $rows } 行参考数据的平均绝对归因，用时 { $ms } 毫秒。
support-global-pd-label = 查看部分依赖的属性：
support-global-pd-table = 将参考样本每一行设为各个类别时的平均评分
support-global-pd-chart = 将参考样本每一行的“{ $feature }”设为各个取值时的平均评分
support-global-pd-axis = 平均评分
support-global-no-reference = 该模型未附带参考样本
support-global-empty-reference = 参考样本为空

## Values scored other than as given (crates/core/src/notes.rs)

support-note-imputed = { $feature }：未提供数值；按 { $value } 评分，即{ $from ->
    [median] 训练数据的中位数
    [model] 模型自身的填补器为缺失值给出的数值
    [mode] 训练数据中最常见的取值
   *[declared] 模型清单为缺失值规定的取值
}
support-note-outside = { $feature }：{ $value } 超出模型学习过的范围（{ $low } 至 { $high }）；按原值评分
support-note-clamped = { $feature }：{ $given } 超出模型学习过的范围（{ $low } 至 { $high }）；按最接近的已学习取值 { $value } 评分
support-note-unseen = { $feature }：模型训练时未见过的类别；按模型自身的编码器对任何未见取值的方式评分
support-note-short = { $note ->
    [imputed] 未提供数值，已填补
    [clamped] 超出模型学习过的范围，按边界值评分
    [unseen] 模型未见过的类别
   *[outside] 超出模型学习过的范围
}
support-reason-noted = { $reason }（{ $note }）
support-notice-notes = 模型未按原值评分的数值：
support-notes-title = 未按原值评分的数值
