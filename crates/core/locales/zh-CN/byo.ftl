# zh-CN: byo
# “使用自己的模型”面板（src/web/byo.rs），以及无法据此建议或补全清单的原因（src/byo.rs）。

## 面板

byo-summary = 使用自己的模型
byo-hint = 选择一个 .onnx 文件；如有清单（.json）请一并选择，并可附上数据文件（.csv，含标签列），用于补全清单并评估模型。所有内容都留在本页面中；页面加载前，文件会先在单独的工作线程中接受检查。清单格式及完整示例见 docs/manifest.md。
byo-drop = 把文件拖放到这里，或选择文件：
byo-file-model = 模型 { $name }（{ $bytes } 字节）
byo-file-manifest = 清单 { $name }
byo-file-reference = 参考样本 { $name }
byo-file-data = 数据 { $name }
byo-file-ignored = { $name }（不是 .onnx、.json 或 .csv 文件：已忽略）
byo-files-separator = ；
byo-files-list = { $list }{ byo-files-separator }{ $item }
byo-checking = 正在单独的工作线程中检查模型…
byo-writing = 正在生成清单并据此检查模型…
byo-no-draft = 无法建议清单：{ $reason }
byo-fit = 数据文件提供了 { $rows } 行（其中 { $skipped } 行因缺失或非数值而未计入取值范围）；标签列：{ $label }。
byo-fit-no-label = 无（解释和截断值成本需要标签列）
byo-label-guessed = 没有列使用标签的常见名称，因此将“{ $column }”作为标签列（模型输入之外仅剩的一列）：请核对它，以及哪个取值表示违约或欺诈。
byo-label-note = （取值不是 { $positive } 或 { $negative } 的行不计入评估）
byo-converted = 以下列以“是/否”书写，按 1 和 0 输入模型：{ $columns }。在表单中它们是“是”或“否”的选项，在批量文件中也按此读取。
byo-fit-failed = 数据文件无法补全清单：{ $reason }
byo-use = 使用此模型
byo-loaded = 已加载：它现在位于模型列表的“你的模型”下，并已选中。
byo-save-manifest = 下载其清单

## 模型无法使用的原因

byo-worker-stopped = 模型使检查用的工作线程停止了（{ $reason }）。页面不受影响；该文件无法按原样使用。
byo-worker-not-started = 检查用的工作线程无法启动：{ $error }
byo-worker-silent = 线程停止时没有给出任何信息
byo-worker-timeout = 一分钟内没有响应
byo-worker-panicked = 模型使检查用的工作线程停止了：{ $what }。页面不受影响。修复建议：{ $fix }
byo-out-of-turn = 工作线程的回复与请求不符
byo-not-checked = 请先检查模型
byo-no-manifest = 没有可用于加载模型的清单
byo-blocked = 该模型无法与此清单一起使用：{ $blockers }。
byo-missing-reference = 清单指定了参考样本“{ $file }”：请同时添加该文件

## 检查报告

byo-verdict-ok = 未发现阻断问题。
byo-verdict-blocked = 该文件无法按原样使用：
byo-sha256 = SHA-256
byo-size = 大小
byo-size-value = { $bytes } 字节，{ $parameters } 个参数
byo-made-by = 生成工具
byo-opset = （算子集版本 { $opset }）
byo-producer-unknown = 未知
byo-inputs = 输入
byo-outputs = 输出
byo-operators = 算子
byo-tensor = { $name }（{ $type } { $shape }）
byo-tensor-sequence = { $name }（序列或映射，而非张量）
byo-shape-undeclared = 未声明形状
byo-probe = 探测行
byo-probe-value = 已对 { $rows } 行评分，评分范围 { $min } 至 { $max }
byo-probe-speed = ，每行 { $ms } 毫秒
byo-blocker = 阻断：
byo-warning = 警告：
byo-note = 提示：
byo-fix = 修复建议：{ $fix }

## 建议的清单，供补全

byo-draft = 建议的清单：请补全
byo-title = 标题
byo-task = 任务
byo-task-credit = 信用：违约概率
byo-task-fraud = 欺诈：欺诈概率
byo-output = 输出
byo-column = 正类所在的列
byo-kind = 输出是
byo-kind-probability = 概率
byo-kind-anomaly = 异常分数（0 及以上）
byo-cutoff = 截断值
byo-columns = 输入列（按模型中的顺序）
byo-col-number = #
byo-col-name = 名称
byo-col-label = 标签
byo-col-integer = 整数
byo-col-min = 最小值
byo-col-max = 最大值
byo-col-default = 默认值
byo-col-yes-no = { $no } = 0，{ $yes } = 1
byo-name-of = 第 { $n } 列的名称
byo-label-of = 第 { $n } 列的标签
byo-integer-of = 第 { $n } 列为整数
byo-min-of = 第 { $n } 列的最小值
byo-max-of = 第 { $n } 列的最大值
byo-default-of = 第 { $n } 列的默认值

## 无法建议或补全清单的原因（src/byo.rs）

byo-propose-inputs = 模型没有输入，无法为它建议清单
byo-propose-width = 输入“{ $input }”没有声明列数（{ $shape }）；请手工编写清单
byo-propose-width-undeclared = 输入“{ $input }”没有声明列数（未声明形状）；请手工编写清单
byo-propose-too-wide = 输入有 { $columns } 列；表单无法全部显示：请手工编写清单
byo-propose-no-float = 没有任何输出是浮点张量
byo-data-columns = 除标签列外它有 { $columns } 列，而模型需要 { $width } 列
byo-data-columns-no-label = 它有 { $columns } 列，其中没有常见名称的标签列（{ $names } 或 { $last }）；模型除一个标签列外需要 { $width } 列：请删除模型不需要的列
byo-data-no-numbers = 没有任何一行在每个输入列中都有数值
byo-data-row = 第 { $row } 行：{ $error }
byo-data-missing-column = 没有名为“{ $column }”的列
byo-data-no-label = 它没有标签列（{ $names } 或 { $last }），因此无法用它衡量模型的截断值成本
byo-data-no-rows = 没有任何一行能连同标签一起读取

## 保存在本设备上的模型
byo-kept = 它已保存在本设备上（浏览器为本页提供的私有存储中），再次打开页面时会列在“你的模型”下，直到你在下方将其删除。它不会被发送到任何地方。
byo-kept-failed = 无法将它保存在本设备上（{ $reason }）：关闭页面之前它仍可使用。
byo-kept-unsupported = 此浏览器不为网页提供私有文件存储
byo-kept-missing = 缺少其文件 { $file }
byo-kept-title = 保存在本设备上的你的模型
byo-kept-remove = 删除
byo-kept-remove-label = 从本设备删除 { $title }
byo-kept-unreadable = 一个已保存的模型（{ $id }）无法读回：{ $reason }
byo-propose-texts-unread = 字符串输入“{ $input }”并非由某个列出其类别的 ONNX-ML 编码器读取；请手工把它的类别写进清单
byo-propose-input-type = 输入“{ $input }”存放 { $type }；RiskScope 只提供 32 位浮点数和字符串
byo-col-texts = 模型编码器已知的 { $count } 个类别{ $unseen ->
    [true] ；其他任何文本按编码器对未见取值的方式评分
   *[false] ；其他任何文本均为错误
}
