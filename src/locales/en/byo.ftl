# en: byo
