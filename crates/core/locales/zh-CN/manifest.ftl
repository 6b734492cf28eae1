# zh-CN: manifest
# 清单（src/manifest.rs ManifestError）或模型参考样本文件（src/reference.rs ReferenceError）被拒绝的原因：
# 位置（$at，取自 manifest-at-* 各条）与问题（$problem）。JSON 中的字段名（format_version、
# explain.reference、translations、one_hot、high、low……）以参数传入，原样插入；数字已写成文本。
# $error 是 JSON 读取器的原文（英文）。

## 外框

manifest-json = 清单不是符合此格式的有效 JSON：{ $error }
manifest-invalid = 清单有误（{ $at }）：{ $problem }

## 清单中的位置

# $field：JSON 中的字段，按原样书写（decision.cutoff）。
manifest-at-field = { $field }
manifest-at-feature = 属性“{ $feature }”
# 没有名称的属性：它在列表中的序号（1 为第一个）。
manifest-at-feature-number = 第 { $number } 个属性
# $series：序列（月度历史中的一行）的标签。
manifest-at-series = 序列“{ $series }”
manifest-at-encoding = “{ $feature }”的编码块
manifest-at-risk-band = 风险等级“{ $band }”
# $field 为 translations；$tag 为语言标签（zh-CN）。
manifest-at-translations = { $field } 中的“{ $tag }”
manifest-at-translations-feature = { $field } 中“{ $tag }”的属性“{ $feature }”

## 问题

# $version：文件的格式版本；$reads：本程序读取的版本。
manifest-format-version = 值为 { $version }，本程序只能读取版本 { $reads }
manifest-empty = 为空
manifest-no-name = 没有名称
manifest-listed-twice = 重复列出
manifest-policy-outside-category = 为超出训练范围的数值设定了策略，但它是类别属性：只有数值才有范围
manifest-policy-imputed-value = 为缺失值填补 { $value }，但这不是该属性的取值（或与其来源说明不符）
manifest-recourse-direction-category = 为类别属性设定了单向的建议方向：只有数值才能增大或减小（请改为给出允许的变动）
manifest-recourse-moves-number = 列出了建议变动，但它是数值属性：只有类别属性才有变动
manifest-recourse-moves-unknown = 列出的建议变动中有“{ $category }”，它不是该属性的类别
manifest-explain-reference-file = “{ $file }”不是与清单位于同一目录的文件名
manifest-sha256 = “{ $sha }”不是 64 位小写十六进制数字
manifest-additive-not-probability = 只适用于对数几率，但模型的输出不是概率
manifest-sequence-empty = 至少需要一个时间步和一个序列
manifest-series-length = 列出了 { $features } 个属性，但共有 { $steps } 个时间步
manifest-series-unknown-feature = “{ $feature }”不是清单中的属性
manifest-series-placed-twice = “{ $feature }”被放置了两次
manifest-encoding-unknown-feature = 所指的属性不在清单中
manifest-encoding-twice = 再次对同一属性编码
manifest-never-encoded = 属性“{ $feature }”没有被编码
# $columns：清单声明的列数；$width：其编码生成的列数。
manifest-input-columns = 值为 { $columns }，但编码生成 { $width } 列
manifest-scorecard-points = 必须为每个编码块的每个 WOE 分箱给出一个分值
manifest-cutoff-probability = { $cutoff } 不在 0 和 1 之间
manifest-cutoff-anomaly = { $cutoff } 不是正数
manifest-band-upper = 需要一个大于 { $lower } 的上限
manifest-band-last-probability = 是概率的最后一个等级：其上限必须为 1，且大于 { $lower }
manifest-band-last-anomaly = 是异常分数的最后一个等级：不能设上限
# $kind：清单中编码方式的名称（one_hot、numeric）。
manifest-one-hot-needs-category = { $kind } 编码需要类别型属性
manifest-numeric-needs-number = { $kind } 编码需要数值型或整数型属性
manifest-woe-not-finite = 某个 WOE 值不是有限数
manifest-woe-category-bins = 类别“{ $category }”出现在 { $bins } 个 WOE 分箱中，而应恰好出现在一个分箱中
manifest-woe-unknown-category = 某个 WOE 分箱列出了该属性没有的类别
manifest-woe-no-bins = 没有 WOE 分箱
manifest-woe-numeric-bins = 数值型 WOE 分箱的上限必须递增，且最后一个分箱不设上限
# $placeholder 为 {category}；$high 与 $low 为模板中的字段名。
manifest-reason-category-high-low = 类别型属性的理由是一段含 { $placeholder } 的文本，而不是 { $high }/{ $low } 两段
manifest-reason-number-one-text = 数值型属性的理由需要“{ $high }”和“{ $low }”两段文本
manifest-reason-empty = 有一段理由文本为空
# $text：理由原文；$placeholder：未知的占位符，带花括号（{amount}）。
manifest-reason-placeholder = 理由“{ $text }”含有未知的占位符 { $placeholder }
manifest-range-not-range = 取值范围 { $min }..{ $max } 无效
manifest-default-outside = 默认值 { $default } 超出 { $min }..{ $max }
manifest-default-not-whole = 默认值 { $default } 不是整数
manifest-no-categories = 没有类别
manifest-category-ambiguous = 类别“{ $category }”有歧义
manifest-default-not-category = 默认值“{ $default }”不是该属性的类别
manifest-not-a-language-tag = 不是语言标签
manifest-unknown-risk-band = 指向未知的风险等级“{ $band }”
manifest-step-labels = 有 { $labels } 个时间步标签，但共有 { $steps } 个时间步
manifest-series-labels = 有 { $labels } 个序列标签，但共有 { $series } 个序列
manifest-unknown-feature = 指向未知的属性“{ $feature }”
manifest-unknown-category = 指向未知的类别“{ $category }”

## 参考样本文件（src/reference.rs）

manifest-reference-not-in-manifest = 模型“{ $model }”的清单中没有指定参考样本
manifest-reference-hash-mismatch = 参考样本文件的 SHA-256 为 { $actual }，但清单要求 { $expected }：它不是清单所描述的文件
manifest-reference-json = 参考样本文件不是符合此格式的有效 JSON：{ $error }
manifest-reference-invalid = 参考样本文件有误（{ $at }）：{ $problem }
# $error：其各行无法评分的原因（模型的错误）。
manifest-reference-unscored = 无法对参考样本评分：{ $error }
# $row：1 为第一行。
manifest-reference-at-background-row = 背景数据第 { $row } 行
manifest-reference-at-evaluation-row = 评估数据第 { $row } 行
# $model：文件所对应的模型；$manifest：清单的模型。
manifest-reference-other-model = 值为“{ $model }”，但清单对应的是“{ $manifest }”
manifest-reference-no-rows = 没有任何行
manifest-reference-lengths = 有 { $scores } 个分数、{ $labels } 个标签和 { $weights } 个权重；三者数量必须相同
manifest-reference-score-range = 分数 { $score } 超出范围
manifest-reference-label = 标签 { $label } 不是 0 或 1
manifest-reference-weight = 权重 { $weight } 不是正数
# 背景数据一行中的问题：每个属性一条，依次连接（$first：前面的，$next：再加一条）。
manifest-reference-field = 属性“{ $feature }”：{ $problem }
manifest-reference-fields = { $first }；{ $next }
# 没有任何属性问题的行（不会出现）：空。
manifest-reference-no-field = { "" }
manifest-reference-value-missing = 未填写值
manifest-reference-value-not-a-number = “{ $text }”不是数字
manifest-reference-value-not-whole = { $value } 不是整数
manifest-reference-value-out-of-range = { $value } 超出允许范围 { $min } 至 { $max }
manifest-reference-value-unknown-category = “{ $text }”不是可选类别之一
manifest-at-input = 模型输入“{ $input }”
manifest-inputs-both = { $input }（单个浮点输入）与 { $inputs }（每列一个输入）只能给出其一
manifest-inputs-none = 未给出输入：需要 { $input }（单个浮点输入）或 { $inputs }（图的各个输入）
manifest-input-string-columns = 有 { $columns } 列；浮点输入至少一列，字符串输入恰好一列
manifest-text-needs-string-input = 是文本编码块，但第 { $column } 列进入浮点输入；文本只能送入字符串输入
manifest-string-input-needs-text = 进入字符串输入“{ $input }”，只有文本编码块能为它提供值
manifest-unseen-needs-text = 含有代表未见取值的类别，只有文本编码块能把它送入模型
manifest-unseen-last = 代表未见取值的类别必须排在最后，且只能有一个
