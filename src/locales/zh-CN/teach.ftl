# zh-CN: teach
