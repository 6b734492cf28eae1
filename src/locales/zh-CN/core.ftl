# zh-CN: core
