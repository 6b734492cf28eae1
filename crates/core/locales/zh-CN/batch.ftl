# 批量评分：选择文件、列映射、进度、结果、对照文件标签的评估、分组公平性与漂移；以及文件中各行的错误。
# Fluent 语法（https://projectfluent.org/fluent/guide/）：`id = 文本`；{ $name } 是页面填入的值。
# 译文须保留英文原文中的每个 { $name }。

## 面板（src/web/batch/mod.rs）

batch-title = 批量评分
batch-intro = 每行一位申请人（或一笔交易）的 CSV 文件，由本页面内的后台线程评分：文件分块读取，始终不离开本设备。
batch-reading-header = 正在读取文件表头…
# 百分数；$value 为数值（如“42”）。
batch-percent = { $value }%
# 进度行。$phase 为某个 batch-phase-* 文本；$rows 为已读行数；$rate 为每秒行数；
# $speed 为每秒兆字节数；$seconds 为已用秒数。
batch-rate = { $phase }：{ $rows } 行，每秒 { $rate } 行，{ $speed } MB/秒，{ $seconds } 秒
batch-cancel = 取消
batch-cancelled = 已在 { $rows } 行后取消（{ $seconds } 秒）。未保留任何结果；如需重新开始，请再次选择文件。
# $error 为下方某条错误，或来自浏览器或模型的技术细节。
batch-failed = 无法为该文件评分：{ $error }
# 连续两条错误：后台线程先说明停止原因（$first），随后浏览器报告其已终止（$next）。
batch-failed-then = { $first }。随后：{ $next }

## 处理阶段（src/web/batch/hook.rs）

batch-phase-scoring = 正在评分
batch-phase-reasons = 正在为被标记的行查找原因：{ $done } / { $total }
batch-phase-exporting = 正在写出导出文件

## 页面一侧与后台线程通信的错误（src/web/batch/hook.rs、state.rs）

# $error 为浏览器给出的技术细节。
batch-worker-not-started = 批量评分后台线程无法启动：{ $error }
batch-worker-not-running = 批量评分后台线程未在运行
batch-worker-stopped = 批量评分后台线程因错误而停止；请重新选择文件再试（将由新的后台线程处理）
batch-export-no-file = 导出结果未附带文件
batch-export-cancelled = 导出已取消

## 后台线程自身的错误（src/web/batch/worker.rs）

# $message 为模型运行时（tract）崩溃时的技术文本。
batch-worker-panicked = tract 运行时崩溃：{ $message }
batch-worker-no-model = 后台线程尚未载入模型
batch-worker-no-file = 请求未附带文件
batch-worker-nothing-scored = 尚未对任何文件评分

## 选择文件（src/web/batch/picker.rs）

# 后接文件选择框。
batch-drop = 将 CSV 文件拖放到此处，或选择一个文件：
batch-sample = 为内置样本评分（{ $rows } 行）
batch-sample-none = 该模型没有内置样本
# $url 为样本地址；$status 为 HTTP 状态码。
batch-sample-status = { $url }：服务器返回 { $status }
batch-sample-hash = { $url }：与模型目录所列文件不符（SHA-256 不一致）

## 文件表头（src/batch/columns.rs）

batch-head-empty = 文件为空
# $why 为 batch-head-no-names 或 batch-head-not-utf8。
batch-head-not-a-header = 第一行不是表头：{ $why }
batch-head-no-names = 其中没有列名
batch-head-not-utf8 = 其中不是 UTF-8 文本

## 列映射（src/web/batch/mapping_view.rs）

# $columns 为列数；$separator 为 batch-separator-tab 或 batch-separator-char；$size 为文件大小（MB）。
batch-head = 共 { $columns } 列，以{ $separator }分隔，{ $size } MB。
batch-separator-tab = 制表符
# 加引号的分隔符。
batch-separator-char = “{ $char }”
batch-all-matched = 所有属性均已按名称找到对应列。
batch-some-unmatched = 有 { $count } 个属性需要指定列：请在下方选择。
batch-mapping-summary = 各属性所用的列
batch-mapping-attribute = 属性
batch-mapping-column = 文件中的列
batch-choose-column = — 选择一列 —
# 后接文件各列的列表。
batch-label = 标签（即结果，用于评估）：
batch-no-label = — 无标签 —
# 位于标签列与一个输入框之间，输入框中是标记正类（违约或欺诈）的文本（如“1”）。
batch-label-positive = 中，违约或欺诈记为
# 位于正类取值与负类取值之间。
batch-label-negative = ，其余记为
# 标签列的一个取值：$value 为原文，$rows 为文件开头有该取值的行数。
batch-label-value = { $value }（{ $rows } 行）
# $positive 与 $negative 为标签列接受的两个取值（如 1 和 0）。
batch-label-note = （{ $positive } 和 { $negative } 以外的任何取值均记为行错误）
# $columns 为列序号列表（“3、7”）；$name 为它们共用的名称。
batch-duplicate = 第 { $columns } 列都名为“{ $name }”：请选择由哪一列提供该属性。
# $features 列出各属性的名称。
batch-unmatched = 以下属性尚未选择列：{ $features }。
# 名称或数字列表各项之间的分隔符。
batch-list-separator = 、
batch-start = 为文件评分

## 结果（src/web/batch/results_view.rs）

# $file 为导出文件名（scored.csv、row-errors.csv）；$percent 为已写出的比例。
batch-export-writing = 正在写出 { $file }：{ $percent }%
batch-export-saved = 已保存 { $file }（{ $rows } 行）。
batch-export-failed = 导出失败：{ $error }
# 一次运行的摘要。$decision 为截断值及以上的决策（如“拒绝”），$flagged 为得到该决策的行数；
# $walks 为 batch-summary-walks 或空。
batch-summary = 共读取 { $rows } 行：已评分 { $scored } 行，有错误 { $errors } 行。在截断值 { $cutoff } 下，{ $flagged } 行判为“{ $decision }”。总耗时 { $seconds } 秒（读取与评分 { $scoring } 秒，每秒 { $rate } 行）{ $walks }。
batch-summary-walks = ；被标记行的原因基于每行 { $walks } 次置换游走
batch-download = 下载评分后的文件
batch-download-errors = 下载 { $errors } 个出错的行
batch-reasons-status = 正在为被标记的行查找原因：{ $done } / { $total }…
batch-row-errors = 行错误（{ $errors } 个）
batch-row-errors-first = 行错误（{ $errors } 个，仅显示前 { $shown } 个）
batch-histogram = 文件各行的分数
batch-histogram-x = 分数
batch-histogram-y = 行数
batch-cutoff-marker = 截断值
# 后接排序方式列表。
batch-order = 排序：
batch-order-file = 按文件顺序
batch-order-high = 分数从高到低
batch-order-low = 分数从低到高

## 评分行表格（src/web/batch/table_view.rs）

batch-table = 已评分的行
batch-table-row = 行
batch-table-score = 分数
batch-table-decision = 决策
batch-table-reason = 首要原因
batch-table-label = 标签

## 行错误（src/batch/job.rs），显示在页面上，并写入导出文件的 error 列

# $row 为行号（1 表示表头后的第一行）；$problems 为该行的问题。
batch-row-error = 第 { $row } 行：{ $problems }
# 不带细节的行错误。
batch-row-error-bare = 第 { $row } 行
# 该行的又一个问题：$problems 为此前的问题，$problem 为下一个。
batch-row-problems-more = { $list }；{ $item }
# $found 与 $expected 为字段数。
batch-problem-field-count = 有 { $found } 个字段，而表头有 { $expected } 个
# $column 为列名；$problem 为某个 batch-value-* 文本。
batch-problem-field = 列“{ $column }”：{ $problem }
batch-problem-label = 列“{ $column }”：标签“{ $text }”既不是 { $positive }（正类）也不是 { $negative }
batch-problem-not-utf8 = 列“{ $column }”：不是 UTF-8 文本
# $limit 为字节数。
batch-problem-too-long = 该行超过 { $limit } 字节

## 整个作业的错误（src/batch/job.rs）

batch-job-mapping = 列映射与该模型不符：{ $problem }
batch-job-unmatched = 以下属性没有对应列：{ $features }
batch-job-past-header = 某个列序号超出了表头范围
# $first 与 $last 为行号；$error 为模型运行时的技术文本。
batch-job-model = 模型在第 { $first } 至 { $last } 行出错：{ $error }

## 对照文件标签的评估（src/web/batch/evaluation_view.rs）

batch-eval-title = 对照文件标签的评估
# $rows 行有标签，其中 $positives 行为正类；$share 为其百分比。
batch-eval-note = 有标签的行 { $rows } 行，其中正类 { $positives } 行（{ $share }%）。
batch-eval-auc = ROC AUC
batch-eval-ap = 平均精确率（AP）
batch-eval-ks = KS
batch-eval-gini = 基尼系数
batch-eval-brier = Brier 分数
batch-roc-title = ROC 曲线
batch-roc-x = 假正率
batch-roc-y = 真正率
# 图例中的序列名称。
batch-series-model = 模型
batch-series-chance = 随机猜测
batch-series-base-rate = 基准率
batch-series-random = 随机
batch-series-perfect = 完美
batch-pr-title = 精确率–召回率曲线
batch-pr-x = 召回率
batch-pr-y = 精确率
# $ks 为 batch-ks-at，若无则为破折号。
batch-ks-title = KS：两条累积分布之间的最大差距（{ $ks }）
batch-ks-at = { $ks }，位于分数 { $score }
batch-ks-x = 分数（大于等于此值即标记）
batch-ks-y = 被标记的比例
batch-ks-positives = 正类（TPR）
batch-ks-negatives = 负类（FPR）
batch-cap-title = 累积准确度曲线（提升）
batch-cap-x = 被标记行的比例
batch-cap-y = 捕获的正类比例
# $brier 为 Brier 分数，若无则为破折号。
batch-calibration-title = 校准（可靠性），Brier { $brier }
batch-calibration-x = 平均预测概率
batch-calibration-y = 实际发生率
# 校准图中某个点的提示文字。
batch-calibration-tip = 预测 { $predicted }，实际 { $observed }
batch-lift-caption = 按文件十分位的提升度，分数最高者在前
# 位于文件占比（“10%”“20%”…）一行之首，分数最高者在前。
batch-lift-top = 前
batch-lift = 提升度
# $precision、$recall 与 $rate 为百分数；$decision 为截断值以下的决策（如“批准”）。
batch-confusion-caption = 截断值 { $cutoff } 下：精确率 { $precision }，召回率 { $recall }，{ $decision }率 { $rate }
batch-confusion-positive = 正类（标签 1）
batch-confusion-negative = 负类（标签 0）
# “分数最高的前 [100] 条警报中的精确率：12.0%”：数字输入框前后的文字。
batch-top-k-before = 分数最高的前
batch-top-k-after = 条警报中的精确率：

## 分组公平性与漂移（src/web/batch/population_view.rs）

batch-fairness = 公平性
# $max 为分组列可有的最多不同取值数。
batch-fairness-none = 该文件中没有不同取值足够少（最多 { $max } 个）、可用于分组的列。
batch-fairness-title = 各组之间的公平性
# 后接文件各列的列表。
batch-group-by = 分组依据：
batch-fairness-caption = 截断值 { $cutoff } 下
batch-fairness-group = 组
batch-fairness-rows = 行数
# $decision 为截断值以下的决策（如“批准”）。
batch-fairness-rate = { $decision }率
batch-fairness-positives = 正类数
batch-fairness-tpr = 真正率
# $ratio 为数值，若无则为破折号。
batch-air = 不利影响比（最低{ $decision }率与最高{ $decision }率之比）：{ $ratio }
# $threshold 为 0.8。
batch-air-flag = —— 低于 { $threshold }：按五分之四规则，该截断值应予关注。
# $gap 为百分数。
batch-tpr-gap = 机会均等：各组之间真正率的差距最大为 { $gap }。
batch-drift-score = 分数
batch-drift-title = 相对训练参照的漂移
batch-drift-note = 各列相对模型参照样本的群体稳定性指数（PSI；按其 { $rows } 行的十分位分箱，类别变量每个类别一箱）：低于 0.10 为稳定，0.10 至 0.25 需调查，高于 0.25 为已偏移。
batch-drift-column = 列
batch-drift-psi = PSI
batch-drift-verdict = 结论
batch-drift-stable = 稳定
batch-drift-investigate = 需调查
batch-drift-shifted = 已偏移

## 文件的文本编码

batch-encoding = 按 { $encoding } 读取（{ $how }）。
batch-encoding-bom = 文件以字节顺序标记开头
batch-encoding-valid = 文件开头是有效的 UTF-8
batch-encoding-guessed = 根据文件开头推断
batch-encoding-chosen = 按您的选择
batch-encoding-choose = 改为按以下编码读取：
batch-encoding-replaced = 有 { $count } 处字节序列不是 { $encoding } 文本：每处都已替换为 �（导出文件中也是如此）。如果文件中的文字看起来不对，请选择其他编码。

## Rows scored with values not as given (src/batch/noted_view.rs)

# $rows: scored rows with at least one value imputed, outside the training range, or clamped.
batch-noted = 有 { $rows } 行已评分数据中包含模型未按原值评分的数值。下载文件的 value_notes 列逐行说明了具体情况。
batch-noted-count = { $kind ->
    [imputed] { $count } 行缺失，已填补
    [clamped] { $count } 行超出模型学习过的范围，按边界值评分
    [unseen] { $count } 行为模型未见过的类别，按其编码器对任何未见取值的方式评分
   *[outside] { $count } 行超出模型学习过的范围
}
batch-noted-separator = {"，"}
batch-noted-feature = { $feature }：{ $counts }
batch-noted-leave-out = 在评估和公平性指标中排除这些行
batch-noted-left-out = 下方的评估和公平性指标仅基于按原值评分的 { $kept } 行。
