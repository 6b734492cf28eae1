# en: support
