# zh-CN: core
# 模型无法加载或运行的原因。$error 是 tract 的原文（英文），按原样引用。

## 模型文件

core-hash-mismatch = 该 ONNX 文件的 SHA-256 为 { $actual }，但“{ $model }”的清单要求 { $expected }：此文件不是清单所描述的文件
core-model-load = 无法加载 ONNX 模型：{ $error }
core-model-run = ONNX 模型在评分时出错：{ $error }
core-model-ragged = { $got } 个输入值无法构成若干完整的行（每行 { $width } 个值）
core-model-output-shape = 模型的输出“{ $output }”形状为 { $shape }；清单读取的是 [行数, k] 的第 { $column } 列
core-model-errors-shape = 模型的输出“{ $output }”形状为 { $shape }，而不是 [{ $rows }, { $width }]（每个输入对应一个误差）
core-model-not-probability = 第 { $row } 行：模型返回了 { $value }，这不是概率
core-model-bad-anomaly = 第 { $row } 行：模型返回了 { $value }，这不是有限的非负异常分数

## 引用的原文

core-quoted = { $text }

## 申请人的取值

core-input-field = 字段“{ $feature }”：{ $problem }
core-input-more = { $list }；{ $item }
core-foreign-applicant = 该申请人与模型“{ $model }”不符：请用该模型的清单解析

## 解释评分

core-explain-no-background = 参考样本中没有可供解释的背景行
core-explain-unknown-feature = 参与者 { $player } 指向特征 { $feature }，而模型没有这个特征
core-explain-too-many-players = { $players } 个参与者太多，无法枚举所有联盟（最多 20 个）
core-explain-row-width = 申请人的行有 { $got } 个值，而模型读取 { $width } 个
core-explain-value-width = 特征 { $feature } 的一个取值有 { $got } 个编码列，而该特征有 { $width } 列

## 模型目录

core-catalog-invalid = 模型目录无效：{ $error }
core-catalog-empty = 目录中没有任何模型
