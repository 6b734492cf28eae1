# en: form
