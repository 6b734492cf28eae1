# zh-CN: batch
