# zh-CN: support
