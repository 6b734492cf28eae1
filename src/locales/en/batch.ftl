# en: batch
