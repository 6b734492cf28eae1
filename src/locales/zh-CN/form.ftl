# zh-CN: form
