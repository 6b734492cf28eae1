# en: decision
