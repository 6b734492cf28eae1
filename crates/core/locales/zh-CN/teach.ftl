# zh-CN: teach
# “教学”部分：当前模型如何工作（src/web/teach/、src/teach/）。
# Fluent 语法（https://projectfluent.org/fluent/guide/）：`id = 文本`；{ $name } 由页面填入，数字已格式化。

## The section and each view's frame

teach-summary = 教学：这个模型如何工作
teach-what-label = 你看到的是：
teach-percent = { $value }%
teach-list-separator = {"；"}
teach-list-comma = {"，"}
teach-list-and = {"、"}

## Errors of the teaching core (src/teach/mod.rs)

teach-error-onnx = 无法读取 ONNX 文件：{ $error }
teach-error-no-graph = 无法读取 ONNX 文件：文件中没有计算图
teach-error-no-sequence = 该模型没有按月的历史记录
teach-error-no-quiet-month = “{ $feature }”没有表示无账户活动月份的取值
teach-error-no-reference = 该模型未附带参考样本
teach-error-no-feature-errors = 该模型不提供各输入的重建误差
teach-error-not-a-scorecard = 该模型不是分数评分卡
teach-error-sample = 带标签样本：{ $problem }
teach-error-score = 评分失败：{ $error }

## What is wrong with a labelled sample (src/teach/woe.rs)

teach-sample-unreadable = { $error }
teach-sample-no-column = 没有任何一列对应“{ $feature }”
teach-sample-no-label = 文件中没有标签列
teach-sample-row = 第 { $row } 行：{ $error }
teach-sample-row-label = 第 { $row } 行：标签“{ $label }”既不是 { $positive } 也不是 { $negative }
teach-sample-row-no-bin = 第 { $row } 行：“{ $feature }”的任何分箱都不包含该值
teach-sample-one-class = 文件中需要同时有坏样本和好样本，才能计算证据权重

## Model anatomy: the stages' names (src/teach/anatomy.rs)

teach-stage-preprocess = 预处理
teach-stage-dense = 全连接层 { $inputs } → { $outputs }
teach-stage-dense-activation = 全连接层 { $inputs } → { $outputs }，再经 { $activation }
teach-stage-recurrent-steps = { $op }：{ $steps } 步，每步 { $inputs } 个值 → { $hidden } 维隐藏状态
teach-stage-recurrent = { $op }：每步 { $inputs } 个值 → { $hidden } 维隐藏状态
teach-stage-trees = { $trees } 棵决策树，{ $leaves } 个叶节点，深度至多 { $depth }
teach-stage-plumbing = 变形与拼接
teach-stage-reconstruction = 重建误差
teach-stage-output = 输出

## Model anatomy: what each stage does (src/teach/anatomy.rs)

teach-explain-preprocess =
    把编码后一行中的 { $columns } 个数放到同一尺度上：每列减去其训练均值，再除以其离散程度（标准化）。{ $log ->
        [yes] 金额先取带符号的对数，这样 100,000 的账单就不会是 100 的账单的一千倍。
       *[no] {""}
    }这一步不学习任何东西，所用常数都是在训练数据上测得的。
teach-explain-logistic = 逻辑回归：{ $inputs } 个输入各乘以自己学到的权重，乘积相加后再加上偏置（即加权和，也称对数几率），然后由 Sigmoid 函数把这个和压缩为 0 到 1 之间的概率。正权重使风险上升，负权重使风险下降。文件计算两列，分别是负类和正类的概率。
teach-explain-autoencoder =
    { $role ->
        [encoder] 编码器：把 { $inputs } 个数压缩为 { $outputs } 个
       *[decoder] 解码器：把 { $inputs } 个数扩展为 { $outputs } 个
    }，每个都是上一层的加权和再加上偏置{ $relu ->
        [yes] ，并经过 ReLU（负的和变为 0）
       *[no] {""}
    }。{ $bottleneck ->
        [yes] 这就是瓶颈：整笔交易必须经过仅仅 { $outputs } 个数，因此只有训练所用的正常交易中常见的模式才能通过。
       *[no] {""}
    }{ $last ->
        [yes] 结果就是网络对其（标准化后的）输入的重建。
       *[no] {""}
    }
teach-explain-dense-sigmoid = 输出单元：对前面的 { $inputs } 个值求一个加权和再加上偏置，由 Sigmoid 函数压缩为 0 到 1 之间的概率。
teach-explain-dense-relu = 有 { $outputs } 个单元的隐藏层：每个单元都是前面 { $inputs } 个值的加权和再加上偏置，并经过 ReLU（负的和变为 0）。把这样的层堆叠起来，网络就能以单个加权和做不到的方式组合输入。
teach-explain-dense = 加权和：{ $outputs } 个输出，每个都由前面的 { $inputs } 个值加上偏置得到。
teach-explain-recurrent =
    { $op } 从最早的月份开始，逐月读取历史：{ $counted ->
        [yes] 共 { $steps } 步，
       *[no] {""}
    }每步 { $inputs } 个数（当月的还款状态、账单金额和还款金额）。它在月与月之间传递一个由 { $hidden } 个数组成的隐藏状态，因此 4 月发生的事到 9 月仍可能起作用。{ $gates ->
        [yes] 四个门（各是一个带 Sigmoid 的小型加权和）在每个月决定从记忆中遗忘什么（遗忘门）、向其中写入什么（输入门与候选值）以及输出多少（输出门）。
       *[no] {""}
    }只有最后一个月之后的状态会传给下一层。
teach-explain-plumbing-history = 把这一行切分为静态属性和按月的历史，并把历史排成“月 × 值”的形式，即循环层读取的布局（初始状态为全零）。这一步不学习任何东西。
teach-explain-plumbing-join = 把循环层最后的隐藏状态与静态属性（额度、年龄、教育程度……）拼接起来，让后面的层同时看到两者。
teach-explain-plumbing = 把张量变形、切片或拼接成下一层所需的布局；这一步不学习任何东西。
teach-explain-output-reconstruction = 把重建结果与标准化后的输入比较：每个输入的差的平方就是它的重建误差，所有误差的均值就是异常分数。与正常交易不同的交易无法经过瓶颈被重建出来，因此误差很大。
teach-explain-output-normalise = 把两个概率各除以二者之和，使它们恰好相加为 1；页面读取第二列，即正类的概率。
teach-explain-output-columns = 写出 1 − p 和 p 两列，这是 scikit-learn 导出的布局；页面读取 p。
teach-explain-trees =
    { $trees } 棵树中的每一棵都让这一行沿着分支向下走，每次把一个输入与一个阈值比较（至多 { $depth } 次），直到到达一个存有数值的叶节点；{ $classifier ->
        [yes] 各叶节点的数值合并为每个类别的概率。
       *[no] 各叶节点的数值合并（相加或取平均）为评分。
    }
teach-explain-output-zipmap = 把每个类别与其概率配对（即 ZipMap，转换工具默认如此导出），并给出预测的类别；页面把这些概率读成一张表，取正类那一列。
teach-explain-output = 为页面读取的结果命名。

## Model anatomy: the view (src/web/teach/anatomy_view.rs)

teach-anatomy-title = 模型解剖
teach-anatomy-what-logistic = 由本页读取的模型文件本身。逻辑回归就是一个加权和：每个输入都有一个权重，加权后的输入相加，再由 Sigmoid 函数把总和转换为概率。各个方框是文件按顺序执行的步骤。
teach-anatomy-what-mlp = 由本页读取的模型文件本身。多层感知机把加权和层层堆叠：输入依次送入 { $hidden } 个单元的隐藏层，每个单元由 ReLU 决定是否激活，最后一个单元给出概率。各个方框是文件按顺序执行的步骤。
teach-anatomy-what-recurrent = 由本页读取的模型文件本身。LSTM 逐月依次读取，保留一份记忆（它的隐藏状态，共 { $hidden } 个数），由各个门在每个月更新；随后一个小型全连接网络把最后的记忆和静态属性转换为概率。
teach-anatomy-what-autoencoder = 由本页读取的模型文件本身。自编码器学习让正常交易穿过一个只有 { $bottleneck } 个数的狭窄瓶颈后被复制出来。它从未见过欺诈：无法被很好复制（重建误差大）的交易就是异常的，这就是异常分数。
teach-anatomy-what-trees = 这就是模型文件本身，由本页面读取。树集成模型在每个分支处就某一个输入提出一个是或否的问题（这个输入是否不超过某个阈值？），直到到达一个叶节点；再把申请人在全部 { $trees } 棵树中到达的叶节点的值相加（每棵树至多提问 { $depth } 次）。在提升法中，每棵树都是为纠正之前各树的误差而生长的，总和再经逻辑函数变为概率；在随机森林中，各树独立生长，取它们投票的平均。
teach-anatomy-what-other = 由本页读取的模型文件本身：按文件执行顺序排列的算子、每个算子计算结果的形状，以及它存储的数值。
teach-anatomy-what-unread = 由本页读取的模型文件本身。
teach-anatomy-unreadable = 无法读取模型文件：{ $error }
teach-anatomy-file = ONNX 文件：
teach-anatomy-bytes = { $bytes } 字节
teach-anatomy-producer-open = （
teach-anatomy-opset = ，算子集版本 { $opset }）；
teach-anatomy-no-producer = 未记录生成工具
teach-anatomy-stored = 存储了 { $numbers } 个数
teach-anatomy-stored-rest = ，其中 { $layers } 个是各层的权重和偏置（其余为预处理常数）；共 { $operators } 个算子。
teach-anatomy-stored-trees = ，其中 { $layers } 个是各树的阈值和叶节点值；共 { $operators } 个算子。
teach-anatomy-input-title = 输入“{ $name }”
teach-anatomy-input-detail = 编码后的一行 → { $shape }
teach-anatomy-ops-elided = { $first } … { $last }（共 { $count } 个算子）
teach-anatomy-stage-detail = {" "}→ { $shape }
teach-anatomy-stage-detail-numbers = {" "}· { $numbers } 个数 → { $shape }
teach-anatomy-diagram-label = 模型示意图：先是输入，然后依次是 { $count } 个阶段：{ $stages }。
teach-anatomy-explained-separator = {"："}
teach-anatomy-caption = 各阶段按文件计算的顺序排列，每个阶段标出其算子、存储的数值个数和输出形状（N 为一次评分的行数）。
teach-anatomy-every-operator = 全部算子（{ $count } 个）
teach-anatomy-col-operator = 算子
teach-anatomy-col-output = 输出
teach-anatomy-col-shape = 形状
teach-anatomy-col-weights = 读取的权重

## Scorecard (src/web/teach/scorecard_view.rs)

teach-scorecard-title = 评分卡：分箱、证据与分数
teach-scorecard-what = 一张分数评分卡。每个属性都被切分为若干分箱；每个分箱的证据权重（WOE）是其中坏借款人相对好借款人多出多少的对数（为正：比平均水平更有风险）。分箱的分数等于其 WOE 乘以该属性的权重，并经过刻度换算，使分数越高越安全。属性的信息值（IV）是对其所有分箱求和：坏借款人占比与好借款人占比之差乘以 WOE，衡量该属性单独区分好坏的能力。每个属性中该申请人所在的分箱都已标出，其分数相加即得总分。
teach-scorecard-no-sample = 该模型没有可用于统计分箱的带标签样本，因此无法计算信息值
teach-scorecard-sample-changed = { $path }：该文件不是模型目录中列出的那个文件
teach-scorecard-counting = 正在用附带的样本统计各分箱……
teach-scorecard-failed = 计算信息值需要每个分箱的坏样本数和好样本数：{ $error }。
teach-scorecard-verified = 由这些计数重新计算的 WOE 在每个分箱中都与模型的一致（最大差异 { $gap }）：这些正是拟合分箱所用的数据行。
teach-scorecard-differs = 由这些计数重新计算的 WOE 与模型的最多相差 { $gap }：该样本不是拟合分箱所用的数据，因此这些 IV 描述的是该样本。
teach-scorecard-counts = 计数来自附带的带标签样本：共 { $rows } 名申请人，其中坏 { $bad } 名、好 { $good } 名。{ $verified }属性按预测能力从强到弱排列；展开一个属性即可查看其分箱。
teach-scorecard-placeholder = 填写一位有效的申请人，即可看到其分数如何相加。
teach-iv-none = 无预测力
teach-iv-weak = 弱
teach-iv-medium = 中等
teach-iv-strong = 强
teach-iv-very-strong = 极强
teach-scorecard-iv = IV { $iv }
teach-scorecard-caption = { $attribute }：分箱、样本中的计数、证据权重与分数
teach-scorecard-col-bin = 分箱
teach-scorecard-col-bad = 坏
teach-scorecard-col-good = 好
teach-scorecard-col-woe = WOE
teach-scorecard-col-iv = IV 分量
teach-scorecard-col-points = 分数
teach-scorecard-this-applicant = （该申请人）
teach-scorecard-sum-start = 该申请人：基础分 { $base } + 各属性得分 { $attributes } ={" "}
teach-scorecard-sum-points = { $total } 分
teach-scorecard-sum-scaling = 。分数按评分卡的刻度换算为概率（{ $points0 } 分对应坏好比 1 比 { $odds }，每增加 { $pdo } 分几率翻倍）：P(坏) = 1 / (1 + e^((分数 − { $offset }) / { $factor })) ={" "}
teach-scorecard-sum-end = ，即评估中显示的分数（其得分表列出的是相同的分箱）。

## The LSTM, month by month (src/web/teach/history_view.rs)

teach-lstm-title = LSTM：逐月看风险
teach-lstm-what = 六个月的历史如何改变这位客户的风险。LSTM 总是读取 { $months } 个月，因此尚未看到的月份也必须以某种方式填写：这里填为一个无信用卡活动的月份（还款状态“无消费”，账单 0，还款 0），数据集本身就是这样记录平静月份的。在 0 处，模型只知道静态属性（额度、性别、教育程度、婚姻状况、年龄）；向右每个点依次加入下一个真实月份（从最早的开始），最后一个点包含全部 { $months } 个月，正是评估中显示的分数。上升表示该月让客户看起来比平静月份更有风险。
teach-lstm-placeholder = 填写一位有效的客户，即可逐月查看其风险。
teach-lstm-chart-title = 每看到一个月的历史后的违约概率
teach-lstm-chart-x = 已看到的历史月数（从最早的开始）
teach-lstm-chart-y = P(违约) %
teach-lstm-caption = 每个月之后的 P(违约)，以及该月带来的变化
teach-lstm-col-seen = 已看到的历史
teach-lstm-col-probability = P(违约)
teach-lstm-col-change = 变化
teach-lstm-seen-none = 无（仅静态属性）
teach-lstm-seen-to = 截至 { $month }
teach-lstm-change = { $change } 个百分点

## The autoencoder's errors (src/web/teach/reconstruction_view.rs)

teach-autoencoder-title = 自编码器的误差
teach-autoencoder-what = 自编码器为何认为这笔交易异常。每个输入的条形表示其重建误差除以该输入在模型训练所用的 200 笔正常交易上的典型（中位数）误差：1 表示与平常重建得一样好，50 表示差五十倍。与各自的正常水平相比，模型最无法重建的输入排在最前；异常分数是所有误差的均值。
teach-autoencoder-placeholder = 填写一笔有效的交易，即可查看其误差。
teach-autoencoder-chart-label = 重建误差与典型误差之比的条形图，从大到小：{ $bars }。
teach-autoencoder-chart-bar = { $input } { $ratio } 倍
teach-autoencoder-typical-mark = 典型
teach-autoencoder-bar-title = { $input }：误差 { $error }，典型 { $typical }
teach-autoencoder-ratio = × { $ratio }
teach-autoencoder-caption = 重建误差 ÷ 正常交易上的典型误差，最大的 { $count } 个（竖线标出 1，即典型误差）
teach-autoencoder-all = 全部 { $count } 个输入
teach-autoencoder-col-input = 输入
teach-autoencoder-col-error = 误差
teach-autoencoder-col-typical = 典型
teach-autoencoder-col-ratio = 比值

## Compare the models (src/web/teach/compare_view.rs)

teach-compare-title = 比较各模型
teach-compare-what = 同一位申请人由模型目录中读取相同属性的每个模型评分——这些模型在相同数据上以不同方式训练——旁边列出各模型卡片中的留出集指标：AUC（把坏样本排在好样本之前的能力，0.5 为随机，1 为完美）、平均精确率（针对稀少的正类的同类指标）、KS（坏样本与好样本分数分布之间的最大差距）以及 Brier 分数（概率的均方误差，越低越好）。排序能力相近的模型仍可能对同一个人给出不同结论：在信任其中任何一个之前，值得了解这一点。自编码器的异常分数不是概率，因此应比较它的决策，而不是它的数值。
teach-compare-placeholder = 填写一位有效的申请人，即可用每个模型为其评分。
teach-compare-loading = 正在加载其他模型……
teach-compare-failed = 无法加载其他模型：{ $error }
teach-compare-none = 模型目录中没有其他模型读取这些属性。
teach-compare-caption = 该申请人在各模型下的结果，附留出集指标
teach-compare-col-model = 模型
teach-compare-col-score = 分数
teach-compare-col-decision = 决策
teach-compare-col-auc = AUC
teach-compare-col-average-precision = 平均精确率
teach-compare-col-ks = KS
teach-compare-col-brier = Brier
teach-compare-on-screen = （当前）
teach-compare-anomaly = { $score }（异常分数）
