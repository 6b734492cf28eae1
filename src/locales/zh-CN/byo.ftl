# zh-CN: byo
