# 命令行（crates/cli）：错误信息，以及写到标准错误输出的汇总。

cli-read-failed = 无法读取 { $path }：{ $error }
cli-read-broken = { $path } 读到第 { $bytes } 字节后无法继续读取：{ $error }
cli-model-not-found = 没有名为“{ $model }”的模型文件夹，模型目录（{ $catalog }）中也没有此模型
cli-at-file = { $path }：{ $message }
cli-unmatched = 没有列对应 { $features }；文件的列为 { $columns }（可用 { $option } 属性=列 指定）
cli-map-invalid = { $option } { $map }：请写成 属性=列，属性须为模型的属性，列须为文件的列（名称或从 1 起的序号）
cli-score-arguments = 请给出模型和输入文件（MODEL INPUT），或用 { $onnx } FILE { $manifest } FILE 指定模型、只给出输入文件
cli-write-failed = 无法写出导出文件：{ $error }
cli-summary = { $file }：读取 { $rows } 行，评分 { $scored } 行，{ $errors } 行无法评分，{ $flagged } 行被标记（{ $decision }）
cli-more-errors = ……另有 { $count } 行（导出文件列出全部）
cli-no-column = 文件中没有“{ $column }”列；文件的列为 { $columns }
cli-no-label = 未能按列名或取值找到标签列；请用 { $option } 指定
cli-cutoff = 阈值 { $cutoff } 不是有效的数
cli-no-group = “{ $column }”不是此文件可分组的列（分组列最多有 { $max } 个不同取值）：{ $columns }
cli-evaluate-summary = { $file }（模型 { $model }）：读取 { $rows } 行，评分 { $scored } 行，{ $errors } 行无法评分
cli-applicant-object = { $path }：申请人须为由属性名和取值组成的对象
cli-applicant-unknown = { $path }：“{ $feature }”不是此模型的属性（模型的属性：{ $features }）
