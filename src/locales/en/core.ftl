# en: core
