# zh-CN: decision
