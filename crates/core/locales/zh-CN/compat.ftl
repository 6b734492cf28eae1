# zh-CN: the compatibility check of a brought model (src/compat.rs)
# 每条发现由“问题”（页面会在前面加上“阻断：”等标签）与同 id 加 `-fix` 的“修复建议”组成。
# 代码、命令、选项名、字段名和算子名以参数传入（{ $call }、{ $field }、{ $option }、{ $op }……），原样插入。

## 读取文件

compat-no-graph = 该文件是 ONNX 模型，但其中没有计算图
compat-no-graph-fix = 请重新导出模型；文件可能被截断了。
compat-hash-mismatch = 清单所指的模型文件 SHA-256 为 { $expected }，而此文件的为 { $actual }
compat-hash-mismatch-fix = 请将清单与其所对应的文件配对使用；若是有意修改了文件，请把 { $field } 设为此文件的哈希值。
compat-empty = 文件为空
compat-empty-fix = 请选择 .onnx 文件本身。
compat-not-onnx = 该文件不是 ONNX 模型
compat-looks-like-zip = 它看起来是一个 ZIP 压缩包（PyTorch 的 { $save } 会写出这种文件）：请改用 { $export } 导出。
compat-looks-like-keras = 它看起来是 { $format } 文件：请用 tf2onnx 转换（{ $command }）。
compat-looks-like-pickle = 它看起来是 { $format }（用 { $tools } 保存的 scikit-learn 模型）：请用 skl2onnx 的 { $call } 转换。
compat-looks-like-json = 它看起来是 JSON（是清单吗？）：请把它作为清单放入，并选择 .onnx 文件作为模型。
compat-unreadable = 该文件不是可读取的 ONNX 模型（{ $error }）
compat-unreadable-fix = 请选择由 { $save }、{ $export } 或 skl2onnx 写出的 .onnx 文件；该文件可能已被截断，或是其他格式。
compat-manifest-unreadable = 无法读取清单：{ $error }
compat-manifest-unreadable-fix = 请修正清单（格式见 docs/manifest.md），或不提供清单，改为补全系统建议的清单。

## 权重（张量）

compat-external-data =
    { $kind ->
        [constant] 某个常量
       *[named] 张量“{ $tensor }”
    }的值保存在单独的文件中（ONNX 外部数据）
compat-external-data-fix = 请将模型保存为单个文件：{ $call }。
compat-negative-dim =
    { $kind ->
        [constant] 某个常量
       *[named] 张量“{ $tensor }”
    }有一个负的维度（{ $dim }）
compat-damaged-fix = 文件已损坏；请重新导出模型。
compat-huge-tensor =
    { $kind ->
        [constant] 某个常量
       *[named] 张量“{ $tensor }”
    }声称有 { $values } 个值（约 { $gb } GB），远超评分模型应有的规模
compat-huge-tensor-fix = 文件已损坏，或不是评分模型；请重新导出模型。
compat-short-tensor =
    { $kind ->
        [constant] 某个常量
       *[named] 张量“{ $tensor }”
    }声明为 { $type } 类型、维度 { $dims }（{ $values } 个值），但只携带了 { $unit ->
        [values] { $held } 个值
       *[bytes] { $held } 字节
    }的数据
compat-short-tensor-fix = 文件已损坏或被截断；请重新导出模型。

## 计算图的连接

compat-wiring-fix = 文件内部不一致（{ $checker } 会报告此问题）：请重新导出模型；若手工编辑过计算图，请确保每个名称都与其引用的值一致。
compat-output-unproduced = 计算图的输出“{ $output }”没有任何节点计算
compat-read-unproduced = 一个 { $op } 节点读取“{ $name }”，但图中没有任何部分产生它
compat-reads-unproduced = 一个 { $op } 节点读取“{ $name }”，但图中没有任何部分产生它（此类读取共 { $count } 处）

## 算子

compat-encoder = 计算图用 { $op }（{ $nodes } 个节点）对输入编码，tract 无法运行它
compat-encoder-fix = 请把编码移到清单中：把该属性声明为类别型并配上 one_hot 编码块（RiskScope 会自行生成 0/1 列），并从编码后的数值开始导出模型。
compat-custom-domain = 计算图使用了自定义域 { $domain } 中的 { $op }（{ $nodes } 个节点）
compat-custom-domain-fix = 自定义域算子通常来自 onnxruntime 的图优化：请在优化之前保存模型（或设置 { $setting }），只使用标准 ONNX 算子。
compat-unknown-op = tract 未实现算子 { $op }（{ $nodes } 个节点）
compat-unknown-op-fix = 请用标准 ONNX 算子重新导出（算子集版本 13 到 17 是安全的），或替换产生该算子的层。

## 模型的输入

compat-input-count = 模型有 { $count } 个输入（{ $names }）；RiskScope 只提供一个 [行数, 列数] 的浮点张量
compat-input-count-fix = 请导出为单一输入：在模型之前拼接各列（PyTorch 中接收一个张量并在 { $method } 内切分；skl2onnx 中使用一个 { $type }）。
compat-input-strings = 输入“{ $input }”存放形状为 { $shape } 的字符串；字符串输入只能是一列
compat-input-strings-fix = 请为每个文本列导出一个字符串输入（skl2onnx 对数据框即如此导出，类型为 { $type }），或把编码移到清单中：把每个文本属性声明为类别型并配上 one_hot 编码块，并导出以编码后的浮点列为输入的模型。
compat-input-double = 输入“{ $input }”是双精度类型
compat-input-double-fix = 请以 float32 输入导出（skl2onnx：{ $type }；PyTorch：{ $call } 并使用 float32 示例）。
compat-input-type = 输入“{ $input }”的类型是 { $type }；RiskScope 提供的是 float32
compat-input-type-fix = 请导出为一个形状为 [行数, 列数] 的 float32 输入。
compat-batch-one = 输入“{ $input }”声明的批量恰好为 1 行
compat-batch-one-fix = RiskScope 会一次传入任意行数；若加载失败，请以动态批量维度导出（{ $export }；skl2onnx：{ $shape }）。
compat-fixed-batch = 输入“{ $input }”声明了固定批量 { $rows } 行
compat-fixed-batch-fix = 请以动态批量维度导出（{ $export }；skl2onnx：{ $shape }）。
compat-input-width = 输入“{ $input }”有 { $width } 列，但清单的编码生成 { $columns } 列
compat-input-width-fix = 请让清单的特征与编码块恰好生成模型训练时的各列，且顺序相同（{ $field } 必须与之相等）。
compat-input-shape = 输入“{ $input }”的形状为 { $shape }；RiskScope 提供的是 [行数, 列数]
compat-input-shape-fix = 请接收扁平的 [行数, 列数] 输入，并在计算图内部变形（序列模型：先 { $op } 为 [行数, 步数, 特征数]，如目录中的台湾 LSTM 模型所做）。
compat-input-name = 模型的输入名为“{ $input }”，清单写的是“{ $expected }”
compat-input-name-fix = 请在清单中把 { $field } 设为“{ $input }”。

## 模型的输出

compat-no-float-output = 没有任何输出是浮点张量，因此没有输出可以作为概率或评分
compat-no-float-output-fix = 请把概率导出为 float32 的 [行数, 类别数] 输出（skl2onnx：{ $option }；PyTorch：以 { $sigmoid } 或 { $softmax } 结尾）。
compat-output-missing =
    清单从输出“{ $output }”读取{ $role ->
        [score] 评分
       *[errors] 逐特征误差
    }，但模型没有这个输出（它的输出有：{ $outputs }）
compat-output-missing-fix = 请在清单中把 { $field } 设为存放概率的输出（skl2onnx 称之为“{ $name }”；PyTorch 导出时以 { $option } 指定的名称命名）。
compat-output-label = 输出“{ $output }”的类型是 { $type }，不是浮点：它看起来是预测的类别标签；请改为读取概率输出
compat-output-not-float = 输出“{ $output }”的类型是 { $type }，不是浮点：请将其导出为 float32
compat-output-not-float-fix = 请把 { $field } 设为概率输出（输出有：{ $outputs }）。
compat-output-column = 清单读取“{ $output }”的第 { $column } 列，但它只有 { $width } 列（{ $shape }）
compat-output-column-fix = 对于二分类概率输出 [行数, 2]，正类通常是第 1 列；对于单一的 [行数, 1] 评分，则是第 0 列。

## 加载模型并用探测行运行

compat-load-failed = tract 无法加载该模型：{ $error }
compat-load-failed-state-fix = 没有初始状态的循环层（LSTM、GRU）无法为可变批量确定自身大小：请为它提供由输入形状构造的 initial_h/initial_c（{ $call }），如目录中的台湾 LSTM 模型所做。
compat-load-failed-fix = 请检查导出的算子集版本（13 到 17 是安全的），并确保每个形状都能由 [行数, 列数] 的浮点输入推出。
compat-probe-encode = 无法对探测行编码：{ $error }
compat-not-probability =
    输出不是概率：对于{ $probe ->
        [default] 默认行
        [min] 所有属性取最小值的行
        [max] 所有属性取最大值的行
       *[category] 第 { $row } 个探测行（每个属性取第 { $category } 个类别）
    }，它返回了 { $value }
compat-not-probability-fix = 请以 Sigmoid（单个对数几率）或 Softmax（两个类别）结束计算图，并读取正类所在的列；若它是异常分数，请把 { $field } 设为 "anomaly_score"。
compat-bad-anomaly =
    异常分数不是非负数：对于{ $probe ->
        [default] 默认行
        [min] 所有属性取最小值的行
        [max] 所有属性取最大值的行
       *[category] 第 { $row } 个探测行（每个属性取第 { $category } 个类别）
    }，它返回了 { $value }
compat-bad-anomaly-fix = 异常分数必须是有限值且不小于 0（如重构误差）；请检查清单所指的输出。
compat-probe-failed = 模型已加载，但在探测行上运行失败：{ $error }
compat-probe-failed-fix = 请对照模型的输出检查清单中的输出名称和列号。
compat-constant-score = 全部 { $rows } 个探测行（从所有属性取最小值到所有属性取最大值）的评分都是 { $score }
compat-constant-score-fix = 请检查清单中的各列是否就是模型的输入且顺序正确，以及模型所需的缩放是否已包含在计算图中。
compat-ml-own = 此文件中的 { $ops } 由本工具自带的 ONNX-ML 算子实现运行（已与 onnxruntime 逐一核对）
compat-ml-own-fix = 无需改动。{ $output } 按其包裹的概率张量读取，清单写明该输出名和类别所在的列即可。
compat-inputs-per-column = 模型有 { $count } 个输入，每列或每组列一个（{ $names }）；清单在 { $field } 中按列的顺序列出它们
compat-input-strings-unread = 字符串输入“{ $input }”并非由某个在文件中列出类别的 ONNX-ML 编码器读取
compat-input-strings-unread-fix = 随模型提供一个数据文件：其中同名的列给出各个类别。或者把类别写进清单中的该属性。
compat-input-not-fed = 模型的输入“{ $input }”不在清单提供的输入之中
compat-input-not-fed-fix = 在 { $field } 中列出模型的每个输入及其列数和类型，顺序与编码中各列的顺序一致。
compat-input-absent = 清单提供了模型没有的输入“{ $input }”（模型的输入：{ $inputs }）
compat-input-elem-mismatch = 模型的输入“{ $input }”存放 { $type }，与清单所写不符
compat-input-elem-mismatch-fix = 在 { $field } 中把它的类型声明为“{ $type }”（字符串输入由文本编码块提供值）。
