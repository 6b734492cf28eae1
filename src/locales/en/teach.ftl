# en: teach
