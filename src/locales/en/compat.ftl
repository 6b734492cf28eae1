# en: the compatibility check of a brought model (src/compat.rs)
